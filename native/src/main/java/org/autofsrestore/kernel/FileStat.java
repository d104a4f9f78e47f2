package org.autofsrestore.kernel;

/**
 * What stat(2) says about a file: st_dev (glibc's encoding, see {@link Dev}), st_ino and st_mode.
 */
public record FileStat(long dev, long ino, int mode) {
  public static final int S_IFMT = 0170000;
  public static final int S_IFDIR = 0040000;
  public static final int S_IFIFO = 0010000;
  public static final int S_IFLNK = 0120000;
  public static final int S_IFREG = 0100000;

  public long major() {
    return Dev.major(dev);
  }

  public long minor() {
    return Dev.minor(dev);
  }

  public boolean isDirectory() {
    return (mode & S_IFMT) == S_IFDIR;
  }

  public boolean isFifo() {
    return (mode & S_IFMT) == S_IFIFO;
  }

  public boolean isSymlink() {
    return (mode & S_IFMT) == S_IFLNK;
  }

  public boolean isRegularFile() {
    return (mode & S_IFMT) == S_IFREG;
  }

  /** Permission bits, for example 0755. */
  public int permissions() {
    return mode & 07777;
  }

  @Override
  public String toString() {
    return "FileStat[dev="
        + Dev.format(dev)
        + ", ino="
        + ino
        + ", mode=0"
        + Integer.toOctalString(mode)
        + "]";
  }
}
