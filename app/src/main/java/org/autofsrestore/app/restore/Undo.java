package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;

/**
 * Undoes what a journal says a run mounted, newest first: each autofs mount still there is parked
 * first (so nobody is left asleep on it) and then detached.
 *
 * <p>A journal is input ({@link JournalTrust} checks who wrote it; what it says is still only a
 * claim): undo touches only targets under the root the journal records, and only a mount that is
 * provably the run's: the device number the run read for it or, where a {@code kill -9} lost that,
 * one of the run's process groups (mountinfo's pgrp=). Anything else is reported and left alone.
 */
public final class Undo {
  private Undo() {}

  /** What undo does with one target the journal names. */
  public sealed interface Action {
    String target();

    /** One line for the operator: what would be (or was) done, and why. */
    String describe();

    /** An autofs mount that is the run's: parked, then unmounted. */
    record Unmount(String target, MountInfo mount, String why) implements Action {
      public String describe() {
        return target + ": park and unmount (" + why + ")";
      }
    }

    /** Nothing mounted there, or not autofs. */
    record NotMounted(String target) implements Action {
      public String describe() {
        return target + ": not mounted (nothing to undo)";
      }
    }

    /** Not the run's, or outside its root: reported, left alone. */
    record LeftAlone(String target, String why) implements Action {
      public String describe() {
        return target + ": left alone: " + why;
      }
    }

    /** A directory the run made: removed if it is still there and empty. */
    record RemoveDirectory(String target) implements Action {
      public String describe() {
        return target + ": remove if empty (the run created it)";
      }
    }
  }

  /**
   * What undo would do, newest first: a pure function of the journal and the mount at each path.
   *
   * @param mountAt the kernel's mount at a path now, if any
   */
  public static List<Action> decide(
      JournalReplay replay, Function<String, Optional<MountInfo>> mountAt) {
    List<Action> actions = new ArrayList<>();
    List<String> targets = new ArrayList<>(replay.mountedTargets());
    java.util.Collections.reverse(targets);
    Map<String, Long> devices = replay.devicesByTarget();
    for (String target : targets) {
      Optional<String> outside = outsideRoot(replay, target);
      if (outside.isPresent()) {
        actions.add(new Action.LeftAlone(target, outside.get()));
        continue;
      }
      Optional<MountInfo> there = mountAt.apply(target);
      if (there.isEmpty() || !there.get().isAutofs()) {
        actions.add(new Action.NotMounted(target));
        continue;
      }
      actions.add(ofMount(replay, target, there.get(), Optional.ofNullable(devices.get(target))));
    }
    List<String> dirs = new ArrayList<>(replay.createdDirectories());
    java.util.Collections.reverse(dirs);
    for (String dir : dirs) {
      Optional<String> outside = outsideRoot(replay, dir);
      actions.add(
          outside.isPresent()
              ? new Action.LeftAlone(dir, outside.get())
              : new Action.RemoveDirectory(dir));
    }
    return actions;
  }

  /** Why a path the journal names is not undone: it is not under the journal's root. */
  private static Optional<String> outsideRoot(JournalReplay replay, String path) {
    if (replay.root().isEmpty()) {
      return Optional.of(
          "the journal records no root, so nothing it names is known to be the run's");
    }
    Path root = replay.root().get();
    try {
      Path p = Path.of(path);
      if (p.isAbsolute() && p.normalize().equals(p) && p.startsWith(root)) {
        return Optional.empty();
      }
    } catch (InvalidPathException e) {
      // a NUL byte: not a path the run could have used
    }
    return Optional.of("not under the run's root " + root);
  }

  private static Action ofMount(
      JournalReplay replay, String target, MountInfo mount, Optional<Long> recordedDevice) {
    if (recordedDevice.isPresent()) {
      if (recordedDevice.get() != mount.dev()) {
        return new Action.LeftAlone(
            target,
            "its device is "
                + org.autofsrestore.kernel.Dev.format(mount.dev())
                + ", the run's mount there was "
                + org.autofsrestore.kernel.Dev.format(recordedDevice.get())
                + " (someone else mounted there since)");
      }
      return new Action.Unmount(target, mount, "the device the run recorded");
    }
    Optional<Long> pgrp = mount.autofsOptions().map(o -> o.pgrp());
    if (pgrp.isPresent() && replay.pgrps().contains(pgrp.get())) {
      return new Action.Unmount(target, mount, "process group " + pgrp.get() + " is the run's");
    }
    return new Action.LeftAlone(
        target,
        "the journal has no device for it and its process group ("
            + pgrp.map(String::valueOf).orElse("unknown")
            + ") is not the run's "
            + replay.pgrps());
  }

  /** What undo would do on this host now, one line each: for a dialog to show before it asks. */
  public static List<String> preview(JournalReplay replay) throws IOException {
    MountTable table = MountTable.readSelf();
    return decide(replay, table::at).stream().map(Action::describe).toList();
  }

  /** Returns one line per mount: what was done. */
  public static List<String> run(JournalReplay replay, Kernel kernel) throws IOException {
    List<String> done = new ArrayList<>();
    MountTable table = MountTable.readSelf(); // once: undo only removes what it reads here
    for (Action action : decide(replay, table::at)) {
      String target = action.target();
      if (action instanceof Action.Unmount u) {
        // decide() leaves alone whatever is not under a recorded root, so a root is known here.
        Path root = replay.root().orElseThrow();
        // Found again from the root by fd and proven to be the mount the table showed (device and
        // mount id) before it is parked and detached through that fd (HeldPaths).
        MountInfo m = u.mount();
        boolean parked = m.autofsOptions().map(o -> o.catatonic()).orElse(true);
        String how =
            HeldPaths.unmountProven(
                kernel, root, Path.of(target), m.dev(), (long) m.mountId(), !parked);
        done.add(target + ": " + (parked ? "was parked, " : "") + how);
      } else if (action instanceof Action.RemoveDirectory) {
        Path root = replay.root().orElseThrow();
        Optional<String> failed = HeldPaths.removeCreated(kernel, root, Path.of(target));
        done.add(
            target
                + ": "
                + failed
                    .map(
                        e ->
                            e.equals("ENOENT")
                                ? "not there (never made, or inside a mount now gone)"
                                : "kept (" + e + ")")
                    .orElse("removed"));
      } else {
        done.add(action.describe());
      }
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
