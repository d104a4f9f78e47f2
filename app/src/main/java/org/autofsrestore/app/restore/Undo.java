package org.autofsrestore.app.restore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.kernel.Kernel;
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
    // Each target is found again from the root by fd and proven to be the mount the table showed
    // (device and mount id) before it is parked and detached through that fd (HeldPaths).
    java.nio.file.Path root = replay.run().map(RunRecord::root).orElse(java.nio.file.Path.of("/"));
    for (String target : targets) {
      Optional<MountInfo> there = table.at(target);
      if (there.isEmpty() || !there.get().isAutofs()) {
        done.add(target + ": not mounted (nothing to undo)");
        continue;
      }
      MountInfo m = there.get();
      boolean parked = m.autofsOptions().map(o -> o.catatonic()).orElse(true);
      String how =
          HeldPaths.unmountProven(
              kernel, root, java.nio.file.Path.of(target), m.dev(), (long) m.mountId(), !parked);
      done.add(target + ": " + (parked ? "was parked, " : "") + how);
    }
    List<String> dirs = new ArrayList<>(replay.createdDirectories());
    java.util.Collections.reverse(dirs);
    for (String dir : dirs) {
      Optional<String> failed = HeldPaths.removeCreated(kernel, root, java.nio.file.Path.of(dir));
      done.add(
          dir
              + ": "
              + failed
                  .map(
                      e ->
                          e.equals("ENOENT")
                              ? "not there (never made, or inside a mount now gone)"
                              : "kept (" + e + ")")
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
}
