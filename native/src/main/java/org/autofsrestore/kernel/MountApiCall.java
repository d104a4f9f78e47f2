package org.autofsrestore.kernel;

import static org.autofsrestore.kernel.CText.quote;

import java.util.Optional;

/**
 * The new mount API (Linux 5.2+): fsopen, fsconfig, fsmount and move_mount. A restore builds an
 * autofs superblock with them and attaches it to a directory it holds by fd, so no path is looked
 * up between the check of the target and the mount. Numbers and flags as include/uapi/linux/mount.h
 * and arch/x86/entry/syscalls/syscall_64.tbl.
 *
 * <p>Measured on Debian's 6.1 and 6.12 kernels (docs/DESIGN.md section 5): autofs goes through the
 * kernel's legacy fs_context on 6.1 (each fsconfig string joined into the data string of mount(2))
 * and its own on 6.12; both accept the same calls and show the same mountinfo options.
 *
 * @param <R> what the call returns
 */
public sealed interface MountApiCall<R> extends KernelCall<R> {

  /** fsopen(2): a filesystem context for {@code fsname}; returns its fd. */
  record FsOpen(String fsname, int flags) implements MountApiCall<Integer> {
    public static final int FSOPEN_CLOEXEC = 1;

    public FsOpen {
      CallSupport.cString(fsname, "fsname", false);
    }

    @Override
    public String text() {
      return "fsopen(" + quote(fsname) + ", " + (flags == 1 ? "FSOPEN_CLOEXEC" : flags) + ")";
    }

    @Override
    public String op() {
      return "fsopen";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.fsopen(fsname, flags);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ENOSYS:
          return Optional.of("the kernel has no new mount API (before Linux 5.2)");
        case ENODEV:
          return Optional.of("the kernel does not know the filesystem type " + fsname);
        case EPERM:
          return Optional.of("creating a filesystem context needs CAP_SYS_ADMIN");
        default:
          return Optional.empty();
      }
    }
  }

  /**
   * fsconfig(2) with FSCONFIG_SET_STRING (a key and its value), FSCONFIG_SET_FLAG (a key alone,
   * {@code value} null) or FSCONFIG_CMD_CREATE (neither: the superblock is made).
   */
  record FsConfig(int fsFd, int cmd, String key, String value) implements MountApiCall<Void> {
    public static final int FSCONFIG_SET_FLAG = 0;
    public static final int FSCONFIG_SET_STRING = 1;
    public static final int FSCONFIG_CMD_CREATE = 6;

    public FsConfig {
      CallSupport.cString(key, "key", cmd == FSCONFIG_CMD_CREATE);
      CallSupport.cString(value, "value", cmd != FSCONFIG_SET_STRING);
      if (cmd != FSCONFIG_SET_FLAG && cmd != FSCONFIG_SET_STRING && cmd != FSCONFIG_CMD_CREATE) {
        throw new IllegalArgumentException("fsconfig command " + cmd + " is not supported here");
      }
    }

    /** The text with the fd and value as they print ({@code <fs.fd>} before it is known). */
    public static String text(String fsFd, int cmd, String key, String value) {
      String name =
          switch (cmd) {
            case FSCONFIG_SET_FLAG -> "FSCONFIG_SET_FLAG";
            case FSCONFIG_SET_STRING -> "FSCONFIG_SET_STRING";
            default -> "FSCONFIG_CMD_CREATE";
          };
      return "fsconfig("
          + fsFd
          + ", "
          + name
          + ", "
          + (key == null ? "NULL" : quote(key))
          + ", "
          + (value == null ? "NULL" : quote(value))
          + ", 0)";
    }

    @Override
    public String text() {
      return text(Integer.toString(fsFd), cmd, key, value);
    }

    @Override
    public String op() {
      return "fsconfig";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.fsconfig(fsFd, cmd, key, value);
      return null;
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case EINVAL:
          return Optional.of(
              "the filesystem refused the option or its value (autofs: unknown option, or pgrp="
                  + " names no process group); for CMD_CREATE: a value it needs is missing");
        case EBADF:
          return Optional.of(
              "fd= is not a pipe write end, or the context fd is not open (autofs checks fd= at"
                  + " CMD_CREATE)");
        case EBUSY:
          return Optional.of("the context was already used to create a superblock");
        default:
          return Optional.empty();
      }
    }
  }

  /** fsmount(2): a detached mount of the context's superblock; returns an O_PATH mount fd. */
  record FsMount(int fsFd, int flags, int attrFlags) implements MountApiCall<Integer> {
    public static final int FSMOUNT_CLOEXEC = 1;
    public static final int MOUNT_ATTR_RDONLY = 0x1;
    public static final int MOUNT_ATTR_NOSUID = 0x2;
    public static final int MOUNT_ATTR_NODEV = 0x4;
    public static final int MOUNT_ATTR_NOEXEC = 0x8;
    public static final int MOUNT_ATTR_NOATIME = 0x10;
    public static final int MOUNT_ATTR_STRICTATIME = 0x20;
    public static final int MOUNT_ATTR_NODIRATIME = 0x80;
    public static final int MOUNT_ATTR_NOSYMFOLLOW = 0x200000;

    public static String text(String fsFd, int flags, int attrFlags) {
      return "fsmount("
          + fsFd
          + ", "
          + (flags == FSMOUNT_CLOEXEC ? "FSMOUNT_CLOEXEC" : Integer.toString(flags))
          + ", "
          + attrs(attrFlags)
          + ")";
    }

    static String attrs(int attrFlags) {
      return CText.flags(
          attrFlags,
          new long[] {0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x80, 0x200000},
          new String[] {
            "MOUNT_ATTR_RDONLY",
            "MOUNT_ATTR_NOSUID",
            "MOUNT_ATTR_NODEV",
            "MOUNT_ATTR_NOEXEC",
            "MOUNT_ATTR_NOATIME",
            "MOUNT_ATTR_STRICTATIME",
            "MOUNT_ATTR_NODIRATIME",
            "MOUNT_ATTR_NOSYMFOLLOW"
          });
    }

    @Override
    public String text() {
      return text(Integer.toString(fsFd), flags, attrFlags);
    }

    @Override
    public String op() {
      return "fsmount";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.fsmount(fsFd, flags, attrFlags);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.EINVAL
          ? Optional.of("the context has no superblock yet (no FSCONFIG_CMD_CREATE) or bad flags")
          : Optional.empty();
    }
  }

  /**
   * move_mount(2) of the mount held by {@code fromFd} onto the directory held by {@code toFd}, both
   * by fd alone (MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH, empty paths): nothing is looked
   * up.
   */
  record MoveMount(int fromFd, int toFd) implements MountApiCall<Void> {
    public static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    public static final int MOVE_MOUNT_T_EMPTY_PATH = 0x40;
    public static final int FLAGS = MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH;

    public static String text(String fromFd, String toFd) {
      return "move_mount("
          + fromFd
          + ", \"\", "
          + toFd
          + ", \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)";
    }

    @Override
    public String text() {
      return text(Integer.toString(fromFd), Integer.toString(toFd));
    }

    @Override
    public String op() {
      return "move_mount";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.moveMount(fromFd, toFd, FLAGS);
      return null;
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case EINVAL:
          return Optional.of("the mount fd is not a detached mount, or the target was unmounted");
        case ENOTDIR:
          return Optional.of("the held target is not a directory");
        case ENOENT:
          return Optional.of("the held target was removed (its directory is gone)");
        default:
          return Optional.empty();
      }
    }
  }
}
