package org.autofsrestore.kernel;

/**
 * What statx(fd, "", AT_EMPTY_PATH, STATX_MNT_ID) says about a held fd: the mount it is on, its
 * device (glibc's encoding, see {@link Dev}), its file type and whether it is the root of its mount
 * (STATX_ATTR_MOUNT_ROOT; null where the kernel does not say).
 *
 * @param mountId stx_mnt_id: the mount id /proc/self/mountinfo shows (Linux 5.8+)
 */
public record FdIdentity(long mountId, long dev, int mode, Boolean mountRoot) {
  public boolean isDirectory() {
    return (mode & FileStat.S_IFMT) == FileStat.S_IFDIR;
  }

  /** What the fd is, in words: "a directory", "a symlink", "a regular file", ... */
  public String kind() {
    return switch (mode & FileStat.S_IFMT) {
      case FileStat.S_IFDIR -> "a directory";
      case FileStat.S_IFLNK -> "a symlink";
      case FileStat.S_IFREG -> "a regular file";
      case FileStat.S_IFIFO -> "a FIFO";
      default -> "a special file (mode 0" + Integer.toOctalString(mode) + ")";
    };
  }
}
