package org.autofsrestore.kernel;

/**
 * Device numbers in glibc's dev_t encoding (gnu_dev_makedev), which for majors below 4096 and
 * minors below 2^20 equals the kernel's 32-bit new_encode_dev(): the value stat(2) returns in
 * st_dev and the devid AUTOFS_DEV_IOCTL_OPENMOUNT expects.
 */
public final class Dev {
  private Dev() {}

  /** gnu_dev_makedev(major, minor). */
  public static long makedev(long major, long minor) {
    return ((major & 0x00000fffL) << 8)
        | ((major & 0xfffff000L) << 32)
        | (minor & 0x000000ffL)
        | ((minor & 0xffffff00L) << 12);
  }

  /** gnu_dev_major(dev). */
  public static long major(long dev) {
    return ((dev >>> 8) & 0x00000fffL) | ((dev >>> 32) & 0xfffff000L);
  }

  /** gnu_dev_minor(dev). */
  public static long minor(long dev) {
    return (dev & 0x000000ffL) | ((dev >>> 12) & 0xffffff00L);
  }

  /** "0:45". */
  public static String format(long dev) {
    return major(dev) + ":" + minor(dev);
  }
}
