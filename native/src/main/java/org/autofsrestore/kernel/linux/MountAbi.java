package org.autofsrestore.kernel.linux;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.autofsrestore.kernel.MountState;

/**
 * statx(2) and statmount(2) on x86_64: the system call numbers, and struct statx, struct mnt_id_req
 * and struct statmount as include/uapi/linux/stat.h and mount.h (Linux 6.18) lay them out. Offsets
 * are derived from the member types, in declaration order.
 */
final class MountAbi {
  private MountAbi() {}

  static final int U16 = 2;
  static final int U32 = 4;
  static final int U64 = 8;

  /** __NR_statx on x86_64 (arch/x86/entry/syscalls/syscall_64.tbl). */
  static final long SYS_STATX = 332;

  /** __NR_statmount on x86_64 (the same number on every architecture but alpha and mips). */
  static final long SYS_STATMOUNT = 457;

  // ---- struct statx_timestamp { __s64 tv_sec; __u32 tv_nsec; __s32 __reserved; }
  static final int SIZEOF_STATX_TIMESTAMP = U64 + U32 + U32;

  // ---- struct statx
  static final int STX_MASK = 0;
  static final int STX_BLKSIZE = STX_MASK + U32;
  static final int STX_ATTRIBUTES = STX_BLKSIZE + U32;
  static final int STX_NLINK = STX_ATTRIBUTES + U64;
  static final int STX_UID = STX_NLINK + U32;
  static final int STX_GID = STX_UID + U32;
  static final int STX_MODE = STX_GID + U32;
  static final int STX_INO = STX_MODE + U16 + U16; // __u16 __spare0[1]
  static final int STX_SIZE = STX_INO + U64;
  static final int STX_BLOCKS = STX_SIZE + U64;
  static final int STX_ATTRIBUTES_MASK = STX_BLOCKS + U64;
  static final int STX_ATIME = STX_ATTRIBUTES_MASK + U64;
  static final int STX_BTIME = STX_ATIME + SIZEOF_STATX_TIMESTAMP;
  static final int STX_CTIME = STX_BTIME + SIZEOF_STATX_TIMESTAMP;
  static final int STX_MTIME = STX_CTIME + SIZEOF_STATX_TIMESTAMP;
  static final int STX_RDEV_MAJOR = STX_MTIME + SIZEOF_STATX_TIMESTAMP;
  static final int STX_RDEV_MINOR = STX_RDEV_MAJOR + U32;
  static final int STX_DEV_MAJOR = STX_RDEV_MINOR + U32;
  static final int STX_DEV_MINOR = STX_DEV_MAJOR + U32;
  static final int STX_MNT_ID = STX_DEV_MINOR + U32;

  /** sizeof(struct statx): fixed at 0x100, the tail being spare words. */
  static final int SIZEOF_STATX = 0x100;

  // ---- struct mnt_id_req { __u32 size; __u32 spare (a union in 6.18); __u64 mnt_id; __u64 param;
  // }
  static final int REQ_SIZE = 0;
  static final int REQ_SPARE = REQ_SIZE + U32;
  static final int REQ_MNT_ID = REQ_SPARE + U32;
  static final int REQ_PARAM = REQ_MNT_ID + U64;

  /** MNT_ID_REQ_SIZE_VER0: the first published struct mnt_id_req, all this code fills in. */
  static final int MNT_ID_REQ_SIZE_VER0 = REQ_PARAM + U64;

  // ---- struct statmount
  static final int SM_SIZE = 0;
  static final int SM_MNT_OPTS = SM_SIZE + U32; // __spare1 before Linux 6.10
  static final int SM_MASK = SM_MNT_OPTS + U32;
  static final int SM_SB_DEV_MAJOR = SM_MASK + U64;
  static final int SM_SB_DEV_MINOR = SM_SB_DEV_MAJOR + U32;
  static final int SM_SB_MAGIC = SM_SB_DEV_MINOR + U32;
  static final int SM_SB_FLAGS = SM_SB_MAGIC + U64;
  static final int SM_FS_TYPE = SM_SB_FLAGS + U32;
  static final int SM_MNT_ID = SM_FS_TYPE + U32;
  static final int SM_MNT_PARENT_ID = SM_MNT_ID + U64;
  static final int SM_MNT_ID_OLD = SM_MNT_PARENT_ID + U64;
  static final int SM_MNT_PARENT_ID_OLD = SM_MNT_ID_OLD + U32;
  static final int SM_MNT_ATTR = SM_MNT_PARENT_ID_OLD + U32;
  static final int SM_MNT_PROPAGATION = SM_MNT_ATTR + U64;
  static final int SM_MNT_PEER_GROUP = SM_MNT_PROPAGATION + U64;
  static final int SM_MNT_MASTER = SM_MNT_PEER_GROUP + U64;
  static final int SM_PROPAGATE_FROM = SM_MNT_MASTER + U64;
  static final int SM_MNT_ROOT = SM_PROPAGATE_FROM + U64;
  static final int SM_MNT_POINT = SM_MNT_ROOT + U32;
  static final int SM_MNT_NS_ID = SM_MNT_POINT + U32;
  static final int SM_FS_SUBTYPE = SM_MNT_NS_ID + U64;
  static final int SM_SB_SOURCE = SM_FS_SUBTYPE + U32;
  static final int SM_OPT_NUM = SM_SB_SOURCE + U32;
  static final int SM_OPT_ARRAY = SM_OPT_NUM + U32;
  static final int SM_OPT_SEC_NUM = SM_OPT_ARRAY + U32;
  static final int SM_OPT_SEC_ARRAY = SM_OPT_SEC_NUM + U32;
  static final int SM_SUPPORTED_MASK = SM_OPT_SEC_ARRAY + U32;
  static final int SM_MNT_UIDMAP_NUM = SM_SUPPORTED_MASK + U64;
  static final int SM_MNT_UIDMAP = SM_MNT_UIDMAP_NUM + U32;
  static final int SM_MNT_GIDMAP_NUM = SM_MNT_UIDMAP + U32;
  static final int SM_MNT_GIDMAP = SM_MNT_GIDMAP_NUM + U32;

  /** __u64 __spare2[43] in 6.18: the fixed part stays 512 bytes as members are added. */
  static final int SM_SPARE2 = SM_MNT_GIDMAP + U32;

  static final int SM_SPARE2_WORDS = 43;

  /** offsetof(struct statmount, str): string offsets count from here. */
  static final int SM_STR = SM_SPARE2 + SM_SPARE2_WORDS * U64;

  /** sizeof(struct statmount) without its strings. */
  static final int SIZEOF_STATMOUNT = SM_STR;

  /**
   * The bytes of a statmount answer: its fixed part and strings, {@code size} bytes as the kernel
   * wrote them.
   *
   * @throws IllegalArgumentException when the size the kernel reports is outside the buffer
   */
  static byte[] answer(Pointer buf, long bufSize) {
    long used = Integer.toUnsignedLong(buf.getInt(SM_SIZE));
    if (used < SIZEOF_STATMOUNT || used > bufSize) {
      throw new IllegalArgumentException(
          "statmount size " + used + " outside " + SIZEOF_STATMOUNT + ".." + bufSize);
    }
    return buf.getByteArray(0, (int) used);
  }

  /**
   * Decodes a statmount answer (see {@link #answer}).
   *
   * @throws IllegalArgumentException when the answer is shorter than the fixed part or a string
   *     lies outside it
   */
  static MountState decodeStatmount(byte[] answer, String path, boolean atPath) {
    if (answer.length < SIZEOF_STATMOUNT) {
      throw new IllegalArgumentException("statmount answer of " + answer.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    long mask = b.getLong(SM_MASK);
    long supported =
        (mask & MountState.STATMOUNT_SUPPORTED_MASK) != 0 ? b.getLong(SM_SUPPORTED_MASK) : 0;
    boolean sb = (mask & MountState.STATMOUNT_SB_BASIC) != 0;
    boolean mnt = (mask & MountState.STATMOUNT_MNT_BASIC) != 0;
    boolean from = (mask & MountState.STATMOUNT_PROPAGATE_FROM) != 0;
    return new MountState(
        path,
        atPath,
        mask,
        supported,
        mnt ? b.getLong(SM_MNT_ID) : 0,
        mnt ? b.getLong(SM_MNT_PARENT_ID) : 0,
        mnt ? b.getInt(SM_MNT_ID_OLD) : 0,
        mnt ? b.getInt(SM_MNT_PARENT_ID_OLD) : 0,
        sb ? Integer.toUnsignedLong(b.getInt(SM_SB_DEV_MAJOR)) : 0,
        sb ? Integer.toUnsignedLong(b.getInt(SM_SB_DEV_MINOR)) : 0,
        sb ? b.getLong(SM_SB_MAGIC) : 0,
        sb ? b.getInt(SM_SB_FLAGS) : 0,
        string(b, mask, MountState.STATMOUNT_FS_TYPE, SM_FS_TYPE),
        string(b, mask, MountState.STATMOUNT_FS_SUBTYPE, SM_FS_SUBTYPE),
        string(b, mask, MountState.STATMOUNT_SB_SOURCE, SM_SB_SOURCE),
        string(b, mask, MountState.STATMOUNT_MNT_POINT, SM_MNT_POINT),
        string(b, mask, MountState.STATMOUNT_MNT_ROOT, SM_MNT_ROOT),
        mnt ? b.getLong(SM_MNT_ATTR) : 0,
        mnt ? b.getLong(SM_MNT_PROPAGATION) : 0,
        mnt ? b.getLong(SM_MNT_PEER_GROUP) : 0,
        mnt ? b.getLong(SM_MNT_MASTER) : 0,
        from ? b.getLong(SM_PROPAGATE_FROM) : 0,
        string(b, mask, MountState.STATMOUNT_MNT_OPTS, SM_MNT_OPTS));
  }

  /** The NUL-terminated UTF-8 string at str + the __u32 offset at {@code field}; "" if unset. */
  private static String string(ByteBuffer b, long mask, long bit, int field) {
    if ((mask & bit) == 0) {
      return "";
    }
    long start = SM_STR + Integer.toUnsignedLong(b.getInt(field));
    for (long i = start; i < b.limit(); i++) {
      if (b.get((int) i) == 0) {
        return new String(b.array(), (int) start, (int) (i - start), StandardCharsets.UTF_8);
      }
    }
    throw new IllegalArgumentException(
        "statmount string at offset "
            + (start - SM_STR)
            + " is not terminated within the "
            + b.limit()
            + " bytes answered");
  }
}
