package org.autofsrestore.app.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.KernelOps;
import org.autofsrestore.kernel.PosixCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's ways of leaving a mount safe: park it (catatonic), unmount it when it cannot be
 * parked, close what its run holds, and undo the run. Nothing here runs in a dry run, which holds
 * nothing.
 */
final class Parking {
  private static final Logger LOG = LoggerFactory.getLogger(Parking.class);

  private final Kernel kernel;
  private final boolean preview;
  private final java.nio.file.Path root;

  Parking(Kernel kernel, boolean preview, java.nio.file.Path root) {
    this.kernel = kernel;
    this.preview = preview;
    this.root = root;
  }

  /**
   * After a failed step: park the mount if it is mounted and not parked (OPENMOUNT, CATATONIC,
   * CLOSEMOUNT), unmount it when parking fails, and close what this run opened.
   */
  String recover(MountRun r) {
    if (preview) {
      return "nothing to undo (dry run)";
    }
    String what;
    if (!r.mounted) {
      what = "nothing was mounted";
    } else if (r.parked) {
      what = "the mount stays parked (catatonic)";
    } else {
      what = park(r);
    }
    closeFds(r);
    return what + "; the rest of this mount's plan does not run";
  }

  /**
   * Makes a mounted, unparked mount catatonic; unmounts it when that is not possible. The mount is
   * reached by the fds the run holds (the ioctl fd, else one opened from the mount fd), else found
   * again from the root and proven by its device and mount id ({@link HeldPaths}); never by its
   * path name alone.
   */
  String park(MountRun r) {
    String target = r.target();
    try {
      parkHeld(r);
      r.parked = true;
      if (r.state != Executor.State.FAILED) {
        r.state = Executor.State.PARKED;
      }
      LOG.info("parked {}", target);
      return "parked (catatonic)";
    } catch (KernelException | HeldPaths.Unreachable e) {
      String why = e instanceof KernelException k ? k.errnoName() : e.getMessage();
      LOG.warn("cannot park {}: {}; unmounting it", target, why);
      try {
        String how = unmountHeld(r);
        r.mounted = false;
        return "parking failed (" + why + "), so it was unmounted (" + how + ")";
      } catch (KernelException | HeldPaths.Unreachable u) {
        String uwhy = u instanceof KernelException k ? k.errnoName() : u.getMessage();
        LOG.error("cannot unmount {} either: {}", target, uwhy);
        return "parking failed ("
            + why
            + ") and so did unmounting ("
            + uwhy
            + "): run `autofs-restore undo` with this journal";
      }
    }
  }

  private void parkHeld(MountRun r) throws HeldPaths.Unreachable {
    Integer io = r.values.ioctlFd();
    if (io != null) {
      kernel.run(new AutofsIoctl.Catatonic(io));
      return;
    }
    Integer mountFd = r.values.heldFd(RunValues.MOUNT_FD);
    if (mountFd != null) {
      HeldPaths.park(kernel, mountFd);
      return;
    }
    int fd = reopen(r);
    try {
      HeldPaths.park(kernel, fd);
    } finally {
      KernelOps.attempt(kernel, new PosixCall.Close(fd));
    }
  }

  /** Detaches the run's mount through a fd proven to be on it; says which fd served. */
  private String unmountHeld(MountRun r) throws HeldPaths.Unreachable {
    Integer mountFd = r.values.heldFd(RunValues.MOUNT_FD);
    if (mountFd != null) {
      HeldPaths.unmount(kernel, mountFd);
      return "through the held mount fd";
    }
    int fd = reopen(r);
    try {
      HeldPaths.unmount(kernel, fd);
      return "found again from the root, device and mount id checked";
    } finally {
      KernelOps.attempt(kernel, new PosixCall.Close(fd));
    }
  }

  private int reopen(MountRun r) throws HeldPaths.Unreachable {
    if (r.values.devid() == null) {
      throw new HeldPaths.Unreachable("its device was never read: not proven ours, left alone");
    }
    return HeldPaths.reopenProven(
        kernel, root, r.plan.target(), r.values.devid(), r.values.mountId());
  }

  /** Closes the ioctl fd and the pipe's ends the run still holds; a failure is only logged. */
  void closeFds(MountRun r) {
    for (int fd : r.values.openFds()) {
      if (!preview) {
        try {
          kernel.run(new PosixCall.Close(fd));
        } catch (KernelException e) {
          LOG.debug("close({}) on cleanup: {}", fd, e.getMessage());
        }
      }
    }
    r.values = r.values.withoutFds();
  }

  /**
   * Undoes the run's work on one mount, newest first: parks and unmounts it if it is mounted,
   * closes what the run holds, and removes the directories it created (when empty). One line per
   * action.
   */
  List<String> undo(MountRun r) {
    List<String> done = new ArrayList<>();
    if (preview) {
      done.add("nothing to undo (dry run)");
      return done;
    }
    String target = r.target();
    if (r.mounted) {
      if (r.needsParking()) {
        done.add(park(r));
      }
      if (r.mounted) {
        try {
          unmountHeld(r);
          done.add("unmounted " + target);
          r.mounted = false;
        } catch (KernelException | HeldPaths.Unreachable e) {
          done.add("umount " + target + " failed: " + e.getMessage());
        }
      }
    }
    closeFds(r);
    for (int i = r.createdDirectories.size() - 1; i >= 0; i--) {
      String dir = r.createdDirectories.get(i);
      Optional<String> failed = HeldPaths.removeCreated(kernel, root, java.nio.file.Path.of(dir));
      done.add(failed.map(e -> "kept " + dir + " (" + e + ")").orElse("removed " + dir));
    }
    r.createdDirectories.clear();
    return done;
  }
}
