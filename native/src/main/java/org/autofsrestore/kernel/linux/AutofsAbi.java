package org.autofsrestore.kernel.linux;

/**
 * The autofs kernel ABI on x86_64 (LP64): struct sizes and offsets derived from the layouts of
 * include/uapi/linux/auto_fs.h and auto_dev-ioctl.h, and the ioctl numbers computed from them with
 * {@link Ioc}. Nothing here is a copied hex constant.
 */
public final class AutofsAbi {
  private AutofsAbi() {}

  // ---- C type sizes on x86_64 (LP64)
  static final int INT = 4;
  static final int U32 = 4;
  static final int U64 = 8;
  static final int UNSIGNED_LONG = 8;

  /** autofs_wqt_t is an unsigned int everywhere but ia64 and alpha. */
  static final int WQT = 4;

  static final int NAME_MAX = 255;

  /** AUTOFS_IOCTL, the ioctl type byte of every autofs ioctl. */
  public static final int AUTOFS_IOCTL = 0x93;

  public static final int AUTOFS_MIN_PROTO_VERSION = 3;
  public static final int AUTOFS_MAX_PROTO_VERSION = 5;

  // ---- struct autofs_packet_hdr { int proto_version; int type; }
  public static final int HDR_PROTO_VERSION = 0;
  public static final int HDR_TYPE = HDR_PROTO_VERSION + INT;
  public static final int SIZEOF_PACKET_HDR = HDR_TYPE + INT;

  // ---- struct autofs_packet_missing / autofs_packet_expire_multi (protocol 3/4)
  //      { hdr; autofs_wqt_t wait_queue_token; int len; char name[NAME_MAX+1]; }
  public static final int V4_TOKEN = SIZEOF_PACKET_HDR;
  public static final int V4_LEN = V4_TOKEN + WQT;
  public static final int V4_NAME = V4_LEN + INT;
  public static final int SIZEOF_PACKET_MISSING = align(V4_NAME + NAME_MAX + 1, INT);

  // ---- struct autofs_packet_expire { hdr; int len; char name[NAME_MAX+1]; }
  public static final int SIZEOF_PACKET_EXPIRE = align(SIZEOF_PACKET_HDR + INT + NAME_MAX + 1, INT);

  // ---- struct autofs_v5_packet
  //      { hdr; autofs_wqt_t wait_queue_token; __u32 dev; __u64 ino; __u32 uid, gid, pid, tgid,
  //        len; char name[NAME_MAX+1]; }
  public static final int V5_TOKEN = SIZEOF_PACKET_HDR;
  public static final int V5_DEV = V5_TOKEN + WQT;
  public static final int V5_INO = align(V5_DEV + U32, U64);
  public static final int V5_UID = V5_INO + U64;
  public static final int V5_GID = V5_UID + U32;
  public static final int V5_PID = V5_GID + U32;
  public static final int V5_TGID = V5_PID + U32;
  public static final int V5_LEN = V5_TGID + U32;
  public static final int V5_NAME = V5_LEN + U32;

  /** sizeof(struct autofs_v5_packet): padded to the 8-byte alignment of its __u64 member. */
  public static final int SIZEOF_V5_PACKET = align(V5_NAME + NAME_MAX + 1, U64);

  // ---- struct autofs_dev_ioctl
  //      { __u32 ver_major, ver_minor, size; __s32 ioctlfd; union { ... __u64 timeout ... };
  //        char path[]; }
  public static final int DEV_VER_MAJOR = 0;
  public static final int DEV_VER_MINOR = DEV_VER_MAJOR + U32;
  public static final int DEV_SIZE = DEV_VER_MINOR + U32;
  public static final int DEV_IOCTLFD = DEV_SIZE + U32;

  /** The args union: its largest members (args_timeout, args_fail, ...) are 8 bytes. */
  public static final int DEV_ARG = align(DEV_IOCTLFD + INT, U64);

  public static final int DEV_ARG_SIZE = U64;

  /** The second 32-bit word of the args union (fail.status, requester.gid, ...out.magic). */
  public static final int DEV_ARG2 = DEV_ARG + U32;

  public static final int DEV_PATH = DEV_ARG + DEV_ARG_SIZE;

  /** AUTOFS_DEV_IOCTL_SIZE: sizeof(struct autofs_dev_ioctl), the flexible path not counted. */
  public static final int SIZEOF_DEV_IOCTL = align(DEV_PATH, U64);

  /** The control interface version this code speaks (the kernel accepts any 1.x up to its own). */
  public static final int DEV_IOCTL_VERSION_MAJOR = 1;

  public static final int DEV_IOCTL_VERSION_MINOR = 0;

  // ---- ioctls on an autofs mount's root directory (the ioctl fd)
  public static final long AUTOFS_IOC_READY = Ioc.io(AUTOFS_IOCTL, 0x60);
  public static final long AUTOFS_IOC_FAIL = Ioc.io(AUTOFS_IOCTL, 0x61);
  public static final long AUTOFS_IOC_CATATONIC = Ioc.io(AUTOFS_IOCTL, 0x62);
  public static final long AUTOFS_IOC_PROTOVER = Ioc.ior(AUTOFS_IOCTL, 0x63, INT);
  public static final long AUTOFS_IOC_SETTIMEOUT = Ioc.iowr(AUTOFS_IOCTL, 0x64, UNSIGNED_LONG);
  public static final long AUTOFS_IOC_EXPIRE = Ioc.ior(AUTOFS_IOCTL, 0x65, SIZEOF_PACKET_EXPIRE);
  public static final long AUTOFS_IOC_EXPIRE_MULTI = Ioc.iow(AUTOFS_IOCTL, 0x66, INT);
  public static final long AUTOFS_IOC_PROTOSUBVER = Ioc.ior(AUTOFS_IOCTL, 0x67, INT);
  public static final long AUTOFS_IOC_ASKUMOUNT = Ioc.ior(AUTOFS_IOCTL, 0x70, INT);

  /** The /dev/autofs commands, AUTOFS_DEV_IOCTL_VERSION_CMD = 0x71 and on, in kernel order. */
  public enum DevCommand {
    VERSION,
    PROTOVER,
    PROTOSUBVER,
    OPENMOUNT,
    CLOSEMOUNT,
    READY,
    FAIL,
    SETPIPEFD,
    CATATONIC,
    TIMEOUT,
    REQUESTER,
    EXPIRE,
    ASKUMOUNT,
    ISMOUNTPOINT;

    /** AUTOFS_DEV_IOCTL_VERSION_CMD. */
    public static final int FIRST_CMD = 0x71;

    /** The command number, e.g. 0x74 for OPENMOUNT. */
    public int cmd() {
      return FIRST_CMD + ordinal();
    }

    /** _IOWR(AUTOFS_IOCTL, cmd, struct autofs_dev_ioctl). */
    public long request() {
      return Ioc.iowr(AUTOFS_IOCTL, cmd(), SIZEOF_DEV_IOCTL);
    }

    /** "AUTOFS_DEV_IOCTL_OPENMOUNT". */
    public String cName() {
      return "AUTOFS_DEV_IOCTL_" + name();
    }
  }

  // ---- ISMOUNTPOINT types
  public static final int AUTOFS_TYPE_ANY = 0;
  public static final int AUTOFS_TYPE_INDIRECT = 1;
  public static final int AUTOFS_TYPE_DIRECT = 2;
  public static final int AUTOFS_TYPE_OFFSET = 4;

  // ---- expire "how" bits
  public static final int AUTOFS_EXP_NORMAL = 0;
  public static final int AUTOFS_EXP_IMMEDIATE = 1;
  public static final int AUTOFS_EXP_LEAVES = 2;
  public static final int AUTOFS_EXP_FORCED = 4;

  static int align(int offset, int alignment) {
    return (offset + alignment - 1) / alignment * alignment;
  }
}
