package org.autofsrestore.app.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.KernelOps;
import org.autofsrestore.kernel.PathCall;
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

  Parking(Kernel kernel, boolean preview) {
    this.kernel = kernel;
    this.preview = preview;
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

  /** Makes a mounted, unparked mount catatonic; unmounts it when that is not possible. */
  String park(MountRun r) {
    String target = r.target();
    try {
      long devid =
          r.values.devid() != null ? r.values.devid() : kernel.run(new PathCall.Stat(target)).dev();
      KernelOps.park(kernel, target, devid);
      r.parked = true;
      if (r.state != Executor.State.FAILED) {
        r.state = Executor.State.PARKED;
      }
      LOG.info("parked {}", target);
      return "parked (catatonic)";
    } catch (KernelException e) {
      LOG.warn("cannot park {}: {}; unmounting it", target, e.getMessage());
      try {
        kernel.run(new PosixCall.Umount(target, PosixCall.Umount.MNT_DETACH));
        r.mounted = false;
        return "parking failed (" + e.errnoName() + "), so it was unmounted";
      } catch (KernelException u) {
        LOG.error("cannot unmount {} either: {}", target, u.getMessage());
        return "parking failed ("
            + e.errnoName()
            + ") and so did unmounting ("
            + u.errnoName()
            + "): run `autofs-restore undo` with this journal";
      }
    }
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
      Optional<KernelException> failed =
          KernelOps.attempt(kernel, new PosixCall.Umount(target, PosixCall.Umount.MNT_DETACH));
      done.add(
          failed
              .map(e -> "umount " + target + " failed: " + e.getMessage())
              .orElse("unmounted " + target));
      r.mounted = failed.isPresent();
    }
    closeFds(r);
    for (int i = r.createdDirectories.size() - 1; i >= 0; i--) {
      String dir = r.createdDirectories.get(i);
      Optional<KernelException> failed = KernelOps.attempt(kernel, new PathCall.Rmdir(dir));
      done.add(
          failed.map(e -> "kept " + dir + " (" + e.errnoName() + ")").orElse("removed " + dir));
    }
    r.createdDirectories.clear();
    return done;
  }
}
