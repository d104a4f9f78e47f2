package org.autofsrestore.kernel.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import org.autofsrestore.kernel.Dev;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.FdIdentity;
import org.autofsrestore.kernel.PathAtCall.OpenAt2;
import org.autofsrestore.kernel.PathCall.Open;

/**
 * The held-fd primitives on x86_64: openat2 (and its walk where the kernel has none), getdents64,
 * statx of a fd, and the new mount API. System call numbers from
 * arch/x86/entry/syscalls/syscall_64.tbl; struct open_how from include/uapi/linux/openat2.h
 * (checked against the compiler by HeaderValuesFromTheCompilerTest where the host has headers).
 */
final class HeldPathAbi {
  private HeldPathAbi() {}

  static final long SYS_GETDENTS64 = 217;
  static final long SYS_MOVE_MOUNT = 429;
  static final long SYS_FSOPEN = 430;
  static final long SYS_FSCONFIG = 431;
  static final long SYS_FSMOUNT = 432;
  static final long SYS_OPENAT2 = 437;

  /** struct open_how { __u64 flags; __u64 mode; __u64 resolve; }: OPEN_HOW_SIZE_VER0. */
  static final int SIZEOF_OPEN_HOW = 24;

  static final int AT_EMPTY_PATH = 0x1000;
  static final int AT_SYMLINK_NOFOLLOW = 0x100;
  static final int STATX_TYPE = 0x1;
  static final int STATX_MNT_ID = 0x1000;
  static final long STATX_ATTR_MOUNT_ROOT = 0x2000;

  /** Set by a test to exercise the walk on a kernel that has openat2. */
  static volatile boolean forceWalk;

  static int openat2(int dirFd, String path, int flags, long resolve) {
    if (!forceWalk) {
      try (Memory how = new Memory(SIZEOF_OPEN_HOW)) {
        how.clear();
        how.setLong(0, flags & 0xffffffffL);
        how.setLong(16, resolve);
        return (int) LibC.syscall(SYS_OPENAT2, dirFd, LibC.path(path), how, SIZEOF_OPEN_HOW);
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Errno.ENOSYS.number()) {
          throw e;
        }
      }
    }
    return walk(dirFd, path, flags, resolve);
  }

  /**
   * openat2's confinement by hand: each component opened with openat(O_PATH|O_NOFOLLOW) from the
   * one before, refusing ".." (EXDEV, as RESOLVE_BENEATH does) and symlinks (ELOOP, or ENOTDIR for
   * the last one when O_DIRECTORY asks for a directory, as openat2 answers), and a change of mount
   * under RESOLVE_NO_XDEV (EXDEV). The last component is opened with the caller's flags plus
   * O_NOFOLLOW.
   */
  static int walk(int dirFd, String path, int flags, long resolve) {
    String[] parts = path.split("/", -1);
    int at = LibC.openat(dirFd, LibC.path("."), Open.O_PATH | Open.O_DIRECTORY | Open.O_CLOEXEC, 0);
    try {
      long mount = (resolve & OpenAt2.RESOLVE_NO_XDEV) != 0 ? statx(at).mountId() : -1;
      for (int i = 0; i < parts.length; i++) {
        String name = parts[i];
        boolean last = i == parts.length - 1;
        if (name.isEmpty() || name.equals(".")) {
          if (!last) {
            continue;
          }
          name = ".";
        }
        if (name.equals("..")) {
          throw new LastErrorException(Errno.EXDEV.number());
        }
        int f =
            last
                ? flags | Open.O_NOFOLLOW | Open.O_CLOEXEC
                : Open.O_PATH | Open.O_NOFOLLOW | Open.O_CLOEXEC;
        int next = LibC.openat(at, LibC.path(name), f, 0);
        FdIdentity id = statx(next);
        if ((id.mode() & 0170000) == 0120000) {
          LibC.close(next);
          throw new LastErrorException((last ? Errno.ENOTDIR : Errno.ELOOP).number());
        }
        if (!last && (id.mode() & 0170000) != 0040000) {
          LibC.close(next);
          throw new LastErrorException(Errno.ENOTDIR.number());
        }
        if (mount >= 0 && id.mountId() != mount) {
          LibC.close(next);
          throw new LastErrorException(Errno.EXDEV.number());
        }
        LibC.close(at);
        at = next;
        if (last) {
          int answer = at;
          at = -1;
          return answer;
        }
      }
      int answer = at;
      at = -1;
      return answer;
    } finally {
      if (at >= 0) {
        LibC.close(at);
      }
    }
  }

  static FdIdentity statx(int fd) {
    try (Memory stx = new Memory(MountAbi.SIZEOF_STATX)) {
      stx.clear();
      LibC.syscall(
          MountAbi.SYS_STATX,
          fd,
          LibC.path(""),
          AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW,
          STATX_TYPE | STATX_MNT_ID,
          stx);
      int got = stx.getInt(MountAbi.STX_MASK);
      if ((got & STATX_MNT_ID) == 0) {
        throw new LastErrorException(Errno.ENOSYS.number());
      }
      long attributes = stx.getLong(MountAbi.STX_ATTRIBUTES);
      long known = stx.getLong(MountAbi.STX_ATTRIBUTES_MASK);
      Boolean mountRoot =
          (known & STATX_ATTR_MOUNT_ROOT) != 0
              ? Boolean.valueOf((attributes & STATX_ATTR_MOUNT_ROOT) != 0)
              : null;
      long dev =
          Dev.makedev(
              stx.getInt(MountAbi.STX_DEV_MAJOR) & 0xffffffffL,
              stx.getInt(MountAbi.STX_DEV_MINOR) & 0xffffffffL);
      return new FdIdentity(
          stx.getLong(MountAbi.STX_MNT_ID),
          dev,
          stx.getShort(MountAbi.STX_MODE) & 0xffff,
          mountRoot);
    }
  }

  static int countEntries(int fd) {
    int dir = LibC.openat(fd, LibC.path("."), Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC, 0);
    try (Memory buf = new Memory(4096)) {
      long n = LibC.syscall(SYS_GETDENTS64, dir, buf, 4096);
      int count = 0;
      // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
      for (long at = 0; at < n; ) {
        int reclen = buf.getShort(at + 16) & 0xffff;
        String name = buf.getString(at + 19, "UTF-8");
        if (!name.equals(".") && !name.equals("..")) {
          count++;
        }
        if (reclen == 0) {
          break;
        }
        at += reclen;
      }
      return count;
    } finally {
      LibC.close(dir);
    }
  }
}
