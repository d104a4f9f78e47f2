package org.autofsrestore.app.dump;

/**
 * The kernel's internal device number, as CRIU stores {@code mnt_entry.root_dev}: {@code major <<
 * 20 | minor}. Autofs superblocks are anonymous devices, major 0.
 */
public record DeviceNumber(int major, int minor) {
  private static final int MINOR_BITS = 20;

  public static DeviceNumber fromKernel(int value) {
    return new DeviceNumber(value >>> MINOR_BITS, value & ((1 << MINOR_BITS) - 1));
  }

  /** The kernel's own encoding, as {@link #fromKernel} reads it. */
  public int toKernel() {
    return major << MINOR_BITS | minor;
  }

  /** The form mountinfo and crit print, e.g. {@code 0:43}. */
  @Override
  public String toString() {
    return major + ":" + minor;
  }
}
