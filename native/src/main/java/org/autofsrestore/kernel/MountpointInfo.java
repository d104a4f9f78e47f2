package org.autofsrestore.kernel;

/**
 * The answer of AUTOFS_DEV_IOCTL_ISMOUNTPOINT for a path: whether it is the root of a mount, the
 * device number (new_encode_dev) of the filesystem it is on, and that mount's superblock magic (0
 * when it is not a mount root).
 */
public record MountpointInfo(boolean mountpoint, long devid, long magic) {
  /** AUTOFS_SUPER_MAGIC. */
  public static final long AUTOFS_SUPER_MAGIC = 0x0187;

  public boolean isAutofs() {
    return magic == AUTOFS_SUPER_MAGIC;
  }

  @Override
  public String toString() {
    return "MountpointInfo[mountpoint="
        + mountpoint
        + ", devid="
        + Dev.format(devid)
        + ", magic=0x"
        + Long.toHexString(magic)
        + "]";
  }
}
