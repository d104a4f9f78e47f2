package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.Optional;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.FdIdentity;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.KernelOps;
import org.autofsrestore.kernel.MountQuery;
import org.autofsrestore.kernel.PathAtCall;
import org.autofsrestore.kernel.PathCall;
import org.autofsrestore.kernel.PosixCall;

/**
 * How a mount or directory under the root is acted on after the step that made it: found again from
 * the root by fd (openat2 in the root, no symlink followed, no automount), proven by statx to be
 * the one recorded (device, and mount id where known), and only then parked, unmounted through the
 * magic link of that very fd ({@code umount2("/proc/self/fd/N", MNT_DETACH)}: the link names our
 * own fd, so nothing another process renames can redirect it), or removed with unlinkat on its held
 * parent. What the kernel does with each call is in docs/DESIGN.md section 5.
 */
final class HeldPaths {
  private HeldPaths() {}

  /** A target that is not under the root, or cannot be reached from it without a symlink. */
  static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String why) {
      super(why, null, false, false);
    }
  }

  /** The mount at {@code target} held by fd, proven to be the one recorded; the caller closes. */
  static int reopenProven(Kernel kernel, Path root, Path target, long devid, Long mountId)
      throws Unreachable {
    if (!target.startsWith(root) || target.equals(root)) {
      throw new Unreachable(target + " is not below the root " + root + ": left alone");
    }
    int rootFd = kernel.run(new PathCall.Open(root.toString(), HeldMountSteps.ROOT_FLAGS));
    int fd;
    try {
      fd =
          kernel.run(
              new PathAtCall.OpenAt2(
                  rootFd,
                  HeldMountSteps.relative(root, target),
                  HeldMountSteps.MOUNTED_FLAGS,
                  PathAtCall.OpenAt2.CONFINED));
    } catch (KernelException e) {
      throw new Unreachable(
          target
              + " cannot be reached from the root without a symlink or '..' ("
              + e.errnoName()
              + "; "
              + PathDiagnosis.describe(root, target)
              + "): left alone");
    } finally {
      KernelOps.attempt(kernel, new PosixCall.Close(rootFd));
    }
    FdIdentity id = kernel.run(new MountQuery.StatxFd(fd));
    String wrong = null;
    if (!Boolean.TRUE.equals(id.mountRoot())) {
      wrong = target + " is not a mount point now";
    } else if (id.dev() != devid) {
      wrong = target + " holds device " + id.dev() + ", not the recorded " + devid;
    } else if (mountId != null && id.mountId() != mountId) {
      wrong = target + " is mount " + id.mountId() + ", not the recorded " + mountId;
    }
    if (wrong != null) {
      KernelOps.attempt(kernel, new PosixCall.Close(fd));
      throw new Unreachable(wrong + ": not this run's mount, left alone");
    }
    return fd;
  }

  /** Makes the proven mount catatonic through a fd opened from the held one. */
  static void park(Kernel kernel, int heldFd) {
    int io = kernel.run(new PathCall.OpenAt(heldFd, ".", HeldMountSteps.IOCTL_FLAGS));
    try {
      kernel.run(new AutofsIoctl.Catatonic(io));
    } finally {
      KernelOps.attempt(kernel, new PosixCall.Close(io));
    }
  }

  /** Detaches the mount a held fd is on, through the magic link of that fd. */
  static void unmount(Kernel kernel, int heldFd) {
    kernel.run(new PosixCall.Umount(procFd(heldFd), PosixCall.Umount.MNT_DETACH));
  }

  /** /proc/self/fd/N: the kernel follows it to the fd's own file, never to a name. */
  static String procFd(int fd) {
    return "/proc/self/fd/" + fd;
  }

  /**
   * Parks (unless parked) and unmounts the mount at {@code target} once proven to be the recorded
   * one; one line saying what was done.
   */
  static String unmountProven(
      Kernel kernel, Path root, Path target, long devid, Long mountId, boolean park) {
    int fd;
    try {
      fd = reopenProven(kernel, root, target, devid, mountId);
    } catch (Unreachable e) {
      return e.getMessage();
    } catch (KernelException e) {
      return "not unmounted: " + e.getMessage();
    }
    try {
      String parked = "";
      if (park) {
        Optional<KernelException> failed = attemptPark(kernel, fd);
        parked = failed.map(e -> "could not park (" + e.errnoName() + "), ").orElse("parked, ");
      }
      unmount(kernel, fd);
      return parked + "unmounted";
    } catch (KernelException e) {
      return "unmount failed: " + e.getMessage();
    } finally {
      KernelOps.attempt(kernel, new PosixCall.Close(fd));
    }
  }

  private static Optional<KernelException> attemptPark(Kernel kernel, int fd) {
    try {
      park(kernel, fd);
      return Optional.empty();
    } catch (KernelException e) {
      return Optional.of(e);
    }
  }

  /**
   * Removes a directory a run created, if empty: its parent reached from the root by fd, then
   * unlinkat(parent, name, AT_REMOVEDIR). Returns empty when removed, else why not (errno name or
   * the refusal).
   */
  static Optional<String> removeCreated(Kernel kernel, Path root, Path dir) {
    if (!dir.startsWith(root) || dir.equals(root) || dir.getFileName() == null) {
      return Optional.of("not below the root " + root + ": left alone");
    }
    int rootFd = kernel.run(new PathCall.Open(root.toString(), HeldMountSteps.ROOT_FLAGS));
    int parent;
    try {
      parent =
          kernel.run(
              new PathAtCall.OpenAt2(
                  rootFd,
                  HeldMountSteps.relative(root, dir.getParent()).isEmpty()
                      ? "."
                      : HeldMountSteps.relative(root, dir.getParent()),
                  HeldMountSteps.DIR_FLAGS,
                  PathAtCall.OpenAt2.CONFINED));
    } catch (KernelException e) {
      return Optional.of(
          e.errno() == org.autofsrestore.kernel.Errno.ENOENT
              ? "ENOENT"
              : e.errnoName() + ": " + PathDiagnosis.describe(root, dir) + "; left alone");
    } finally {
      KernelOps.attempt(kernel, new PosixCall.Close(rootFd));
    }
    try {
      kernel.run(
          new PathAtCall.UnlinkAt(
              parent, dir.getFileName().toString(), PathAtCall.UnlinkAt.AT_REMOVEDIR));
      return Optional.empty();
    } catch (KernelException e) {
      return Optional.of(e.errnoName());
    } finally {
      KernelOps.attempt(kernel, new PosixCall.Close(parent));
    }
  }
}
