package org.autofsrestore.kernel;

import java.util.Locale;
import java.util.StringJoiner;

/** Formatting of call arguments the way C source would spell them. */
final class CText {
  private CText() {}

  /** The name that stands for the /dev/autofs control fd in printed calls. */
  static final String DEV_AUTOFS = "/dev/autofs";

  /**
   * A C string literal: quotes, backslashes and control characters escaped (octal), other
   * characters kept as they are; null prints as NULL.
   */
  static String quote(String s) {
    if (s == null) {
      return "NULL";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format(Locale.ROOT, "\\%03o", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  /** An unsigned 64-bit value in decimal. */
  static String unsigned(long v) {
    return Long.toUnsignedString(v);
  }

  /** A mode in C octal notation, for example 0755. */
  static String octal(int mode) {
    return "0" + Integer.toOctalString(mode);
  }

  /** Flag bits as NAME|NAME, unknown bits in hex, no bits as 0. */
  static String flags(long value, long[] bits, String[] names) {
    if (value == 0) {
      return "0";
    }
    StringJoiner j = new StringJoiner("|");
    long rest = value;
    for (int i = 0; i < bits.length; i++) {
      if ((rest & bits[i]) == bits[i]) {
        j.add(names[i]);
        rest &= ~bits[i];
      }
    }
    if (rest != 0) {
      j.add("0x" + Long.toHexString(rest));
    }
    return j.toString();
  }

  private static final long[] MS_BITS = {
    1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 2048, 4096, 8192, 16384, 32768, 1 << 16, 1 << 17,
    1 << 18, 1 << 19, 1 << 20, 1 << 21, 1 << 23, 1 << 24, 1 << 25
  };
  private static final String[] MS_NAMES = {
    "MS_RDONLY",
    "MS_NOSUID",
    "MS_NODEV",
    "MS_NOEXEC",
    "MS_SYNCHRONOUS",
    "MS_REMOUNT",
    "MS_MANDLOCK",
    "MS_DIRSYNC",
    "MS_NOSYMFOLLOW",
    "MS_NOATIME",
    "MS_NODIRATIME",
    "MS_BIND",
    "MS_MOVE",
    "MS_REC",
    "MS_SILENT",
    "MS_POSIXACL",
    "MS_UNBINDABLE",
    "MS_PRIVATE",
    "MS_SLAVE",
    "MS_SHARED",
    "MS_RELATIME",
    "MS_I_VERSION",
    "MS_STRICTATIME",
    "MS_LAZYTIME"
  };

  static String mountFlags(long flags) {
    return flags(flags, MS_BITS, MS_NAMES);
  }

  static String umountFlags(int flags) {
    return flags(
        flags,
        new long[] {1, 2, 4, 8},
        new String[] {"MNT_FORCE", "MNT_DETACH", "MNT_EXPIRE", "UMOUNT_NOFOLLOW"});
  }

  private static final long[] O_BITS = {
    0100, 0200, 0400, 01000, 02000, 04000, 010000, 040000, 0200000, 0400000, 01000000, 02000000,
    010000000, 020000000
  };
  private static final String[] O_NAMES = {
    "O_CREAT",
    "O_EXCL",
    "O_NOCTTY",
    "O_TRUNC",
    "O_APPEND",
    "O_NONBLOCK",
    "O_DSYNC",
    "O_DIRECT",
    "O_DIRECTORY",
    "O_NOFOLLOW",
    "O_NOATIME",
    "O_CLOEXEC",
    "O_PATH",
    "__O_TMPFILE"
  };

  /** open(2) flags: the access mode first (O_RDONLY is 0 and always named), then the rest. */
  static String openFlags(int flags) {
    String access;
    switch (flags & 3) {
      case 0:
        access = "O_RDONLY";
        break;
      case 1:
        access = "O_WRONLY";
        break;
      case 2:
        access = "O_RDWR";
        break;
      default:
        access = "O_ACCMODE";
    }
    int rest = flags & ~3;
    return rest == 0 ? access : access + "|" + flags(rest, O_BITS, O_NAMES);
  }

  /** pipe2(2) flags: O_CLOEXEC, O_NONBLOCK, O_DIRECT, or 0. */
  static String pipeFlags(int flags) {
    return flags(
        flags,
        new long[] {02000000, 04000, 040000},
        new String[] {"O_CLOEXEC", "O_NONBLOCK", "O_DIRECT"});
  }

  private static final String[] STATMOUNT_NAMES = {
    "STATMOUNT_SB_BASIC",
    "STATMOUNT_MNT_BASIC",
    "STATMOUNT_PROPAGATE_FROM",
    "STATMOUNT_MNT_ROOT",
    "STATMOUNT_MNT_POINT",
    "STATMOUNT_FS_TYPE",
    "STATMOUNT_MNT_NS_ID",
    "STATMOUNT_MNT_OPTS",
    "STATMOUNT_FS_SUBTYPE",
    "STATMOUNT_SB_SOURCE",
    "STATMOUNT_OPT_ARRAY",
    "STATMOUNT_OPT_SEC_ARRAY",
    "STATMOUNT_SUPPORTED_MASK",
    "STATMOUNT_MNT_UIDMAP",
    "STATMOUNT_MNT_GIDMAP"
  };

  /** statmount(2) request mask bits, lowest bit first. */
  static String statmountMask(long mask) {
    long[] bits = new long[STATMOUNT_NAMES.length];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = 1L << i;
    }
    return flags(mask, bits, STATMOUNT_NAMES);
  }
}
