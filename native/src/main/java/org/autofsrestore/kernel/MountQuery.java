package org.autofsrestore.kernel;

import static org.autofsrestore.kernel.CText.quote;

import java.util.Optional;

/**
 * Reads of one mount's state that neither scan /proc/self/mountinfo nor trigger an automount.
 *
 * @param <R> what the call returns
 */
public sealed interface MountQuery<R> extends KernelCall<R> {

  /**
   * statx(2) then statmount(2): the state of the mount at {@code path}, read for that one mount
   * instead of from all of /proc/self/mountinfo.
   *
   * <p>First {@code statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT,
   * STATX_MNT_ID_UNIQUE)}: the id of the mount the path is on, and whether the path is that mount's
   * root (STATX_ATTR_MOUNT_ROOT). On a kernel without STATX_MNT_ID_UNIQUE (before 6.8) the old
   * mount id is used, and only if statmount answers for the mount with that old id. Then
   * statmount(2) with {@code struct mnt_id_req {.size = MNT_ID_REQ_SIZE_VER0, .mnt_id = id, .param
   * = MASK}} into a 16 KiB buffer, retried with one twice the size on EOVERFLOW (up to 1 MiB).
   *
   * <p>The answer describes the mount the path is ON. When the path is not a mount point (a
   * directory or file inside a mount) the call still succeeds: {@link MountState#atPath()} is false
   * and the state is the enclosing mount's, so a caller wanting "the mount at this path" reads that
   * as "none". A path that does not exist is ENOENT; a kernel without statmount(2) (before 6.8) or
   * without statx mount ids (before 5.8) is ENOSYS. The {@link KernelException#detail()} says which
   * of the two system calls failed.
   *
   * <p>Autofs, as measured on Linux 6.18 (StatMountOnTheRealKernelTest): AT_NO_AUTOMOUNT keeps an
   * autofs mount point (direct, indirect or offset) from being mounted on demand, so reading it
   * sends no request, whoever owns it. Two things it does not prevent, for a caller outside the
   * owner's process group on a mount that is not catatonic: while a request for that mount point is
   * pending, the path walk waits for its answer like any lookup (and fails with ENOENT when the
   * request fails); and a name that does not exist in the root of an indirect mount is sent to the
   * owner as a request (the kernel does that for such names whatever the flags), and the call
   * waits.
   */
  record StatMount(String path) implements MountQuery<MountState> {
    /** AT_FDCWD. */
    public static final int AT_FDCWD = -100;

    /** AT_SYMLINK_NOFOLLOW: a symlink itself, not what it points to. */
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;

    /** AT_NO_AUTOMOUNT: never trigger an automount on the last component of the path. */
    public static final int AT_NO_AUTOMOUNT = 0x800;

    /** The statx flags this call passes. */
    public static final int STATX_FLAGS = AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT;

    /** STATX_MNT_ID: stx_mnt_id holds the old (reusable, mountinfo's) mount id; Linux 5.8. */
    public static final int STATX_MNT_ID = 0x1000;

    /** STATX_MNT_ID_UNIQUE: stx_mnt_id holds the unique 64-bit mount id; Linux 6.8. */
    public static final int STATX_MNT_ID_UNIQUE = 0x4000;

    /** STATX_ATTR_MOUNT_ROOT in stx_attributes: the path is the root of its mount. */
    public static final long STATX_ATTR_MOUNT_ROOT = 0x2000;

    /** What statmount is asked for: every group a mountinfo line needs, and the supported mask. */
    public static final long MASK =
        MountState.STATMOUNT_SB_BASIC
            | MountState.STATMOUNT_MNT_BASIC
            | MountState.STATMOUNT_PROPAGATE_FROM
            | MountState.STATMOUNT_MNT_ROOT
            | MountState.STATMOUNT_MNT_POINT
            | MountState.STATMOUNT_FS_TYPE
            | MountState.STATMOUNT_MNT_OPTS
            | MountState.STATMOUNT_FS_SUBTYPE
            | MountState.STATMOUNT_SB_SOURCE
            | MountState.STATMOUNT_SUPPORTED_MASK;

    public StatMount {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "statmount(statx(AT_FDCWD, "
          + quote(path)
          + ", AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, STATX_MNT_ID_UNIQUE).stx_mnt_id, "
          + CText.statmountMask(MASK)
          + ", &buf)";
    }

    @Override
    public String op() {
      return "statmount";
    }

    @Override
    public MountState invoke(Syscalls s) {
      return s.statMount(path);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ENOENT:
          return Optional.of(
              "the path does not exist (statx), or an autofs request the path walk waited on"
                  + " failed, or the mount went away before statmount");
        case ENOSYS:
          return Optional.of(
              "this kernel has no statmount(2) (Linux 6.8) or no statx mount id (Linux 5.8)");
        case EPERM:
          return Optional.of(
              "statmount refused: the mount is not reachable from this process's root, or a"
                  + " seccomp filter refused the call");
        case EOVERFLOW:
          return Optional.of("the mount's strings do not fit even the largest buffer offered");
        case EINVAL:
          return Optional.of("the kernel refused the request: mnt_id_req size, flags or mount id");
        case EPROTO:
          return Optional.of("statmount answered with a struct that does not add up");
        default:
          return CallSupport.pathMeaning(e);
      }
    }
  }

  /**
   * statx(fd, "", AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW, STATX_TYPE|STATX_MNT_ID) of a held fd: the
   * mount it is on (the old mount id mountinfo shows; Linux 5.8), its device, its type and whether
   * it is its mount's root. Nothing is looked up.
   */
  record StatxFd(int fd) implements MountQuery<FdIdentity> {
    public static String text(String fd) {
      return "statx("
          + fd
          + ", \"\", AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW, STATX_TYPE|STATX_MNT_ID, &stx)";
    }

    @Override
    public String text() {
      return text(Integer.toString(fd));
    }

    @Override
    public String op() {
      return "statx";
    }

    @Override
    public FdIdentity invoke(Syscalls s) {
      return s.statxFd(fd);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.EBADF ? Optional.of("the fd is not open") : Optional.empty();
    }
  }
}
