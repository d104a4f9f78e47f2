package org.autofsrestore.app.restore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.KernelOps;
import org.autofsrestore.kernel.PathCall;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;

/**
 * Undoes what a journal says a run mounted, newest first: each autofs mount still there is parked
 * first (so nobody is left asleep on it) and then detached.
 */
public final class Undo {
  private Undo() {}

  /** Returns one line per mount: what was done. */
  public static List<String> run(JournalReplay replay, Kernel kernel) throws IOException {
    List<String> done = new ArrayList<>();
    List<String> targets = new ArrayList<>(replay.mountedTargets());
    java.util.Collections.reverse(targets);
    MountTable table = MountTable.readSelf(); // once: undo only removes what it reads here
    for (String target : targets) {
      Optional<MountInfo> there = table.at(target);
      if (there.isEmpty() || !there.get().isAutofs()) {
        done.add(target + ": not mounted (nothing to undo)");
        continue;
      }
      String parked = park(kernel, there.get());
      try {
        kernel.run(new PosixCall.Umount(target, PosixCall.Umount.MNT_DETACH));
        done.add(target + ": " + parked + ", unmounted");
      } catch (KernelException e) {
        done.add(target + ": " + parked + ", unmount failed: " + e.getMessage());
      }
    }
    List<String> dirs = new ArrayList<>(replay.createdDirectories());
    java.util.Collections.reverse(dirs);
    for (String dir : dirs) {
      Optional<KernelException> failed = KernelOps.attempt(kernel, new PathCall.Rmdir(dir));
      done.add(
          dir
              + ": "
              + failed
                  .map(
                      e ->
                          e.errno() == org.autofsrestore.kernel.Errno.ENOENT
                              ? "not there (never made, or inside a mount now gone)"
                              : "kept ("
                                  + e.errnoName()
                                  + ": "
                                  + e.meaning().orElse(e.strerror())
                                  + ")")
                  .orElse("removed"));
    }
    return done;
  }

  /**
   * {@link #run}, then the journal's finish line saying what was undone, so that the run is neither
   * undone nor resumed again by accident.
   */
  public static List<String> runAndFinish(JournalReplay replay, Kernel kernel) throws IOException {
    List<String> done = run(replay, kernel);
    try (Journal append = Journal.append(replay.file())) {
      append.finish("undone: " + done);
    }
    return done;
  }

  private static String park(Kernel kernel, MountInfo m) {
    if (m.autofsOptions().map(o -> o.catatonic()).orElse(true)) {
      return "was parked";
    }
    try {
      KernelOps.park(kernel, m.mountPoint(), m.dev());
      return "parked";
    } catch (KernelException e) {
      return "could not park (" + e.errnoName() + ")";
    }
  }
}
