package org.autofsrestore.kernel.linux;

import com.sun.jna.Pointer;
import org.autofsrestore.kernel.FileStat;

/** struct stat as glibc lays it out on x86_64 (144 bytes). */
final class StatAbi {
  private StatAbi() {}

  static final int ST_DEV = 0; // dev_t, 8 bytes
  static final int ST_INO = ST_DEV + 8; // ino_t, 8 bytes
  static final int ST_NLINK = ST_INO + 8; // nlink_t, 8 bytes on x86_64
  static final int ST_MODE = ST_NLINK + 8; // mode_t, 4 bytes
  static final int ST_UID = ST_MODE + 4;
  static final int ST_GID = ST_UID + 4;

  /**
   * sizeof(struct stat) on x86_64: up to st_gid, padding, rdev, size, blksize, blocks, 3 timespecs,
   * 3 reserved longs.
   */
  static final int SIZEOF_STAT = ST_GID + 4 + 4 + 8 + 8 + 8 + 8 + 3 * 16 + 3 * 8;

  static FileStat decode(Pointer buf) {
    return new FileStat(buf.getLong(ST_DEV), buf.getLong(ST_INO), buf.getInt(ST_MODE));
  }
}
