package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24's racer on the real kernel: while a thread of this JVM exchanges {@code R/srv} (a
 * directory on the way to the target) with a symlink to a directory outside the root, in a tight
 * loop of renameat2(RENAME_EXCHANGE), the product's Executor restores the "indirect" fixture's
 * mount under R (the target there, and missing so that --mkdir makes it), parks it and undoes it,
 * many times. After every iteration the outside directory is still empty, nothing is mounted under
 * it, and the mount table outside R is what it was. The figures (iterations, swaps, outcomes) are
 * printed for the report.
 */
@Tag("kernel")
class PathSwapRacerOnTheRealKernelTest {
  @TempDir Path tmp;

  /** glibc's renameat2 (2.28+). */
  interface Rename extends Library {
    int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags);
  }

  private static final int AT_FDCWD = -100;
  private static final int RENAME_EXCHANGE = 2;
  private static final String MOUNTPOINT = "/srv/auto-a";

  private static Map<String, String> mountsOutside(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (MountInfo m : MountTable.readSelf().entries()) {
      if (!m.mountPoint().startsWith(root + "/")) {
        out.put(m.mountId() + " " + m.mountPoint(), m.fsType());
      }
    }
    return out;
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.map(Path::toString).sorted().toList();
    }
  }

  private static Plan plan(Path r) throws Exception {
    return Planner.plan(
        org.autofsrestore.app.autofs.AutofsAnalysis.inspect(
            org.autofsrestore.app.dump.DumpLoader.load(Fixtures.dir("indirect"))),
        new HostSystem(),
        new Planner.Options(r, List.of(MOUNTPOINT), OwnerMode.HANDOFF, true, 0, true));
  }

  @Test
  @Timeout(900)
  void aSymlinkSwappedInNeverLetsARestoreParkOrUndoActOutsideTheRoot() throws Exception {
    Prerequisites.requireRealKernel();
    Path r = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path srv = Files.createDirectories(r.resolve("srv"));
    Path swap = Files.createSymbolicLink(r.resolve("swap"), outside);
    Plan withTarget;
    Plan withoutTarget;
    Files.createDirectories(srv.resolve("auto-a"));
    withTarget = plan(r);
    Files.delete(srv.resolve("auto-a"));
    withoutTarget = plan(r);
    assertTrue(withTarget.mounts().get(0).runnable(), withTarget.mounts().get(0).findings() + "");
    assertTrue(withoutTarget.mounts().get(0).runnable());

    Rename c = Native.load("c", Rename.class);
    Map<String, String> before = mountsOutside(r);
    List<String> outsideBefore = listing(outside);
    Map<String, Integer> outcomes = new TreeMap<>();
    AtomicLong swaps = new AtomicLong();
    long iterations = 0;
    long deadline = System.nanoTime() + 240_000_000_000L;
    try (LinuxKernel kernel = new LinuxKernel()) {
      int pgrp = kernel.run(new PosixCall.GetPgrp());
      while (iterations < 400 && (iterations < 20 || System.nanoTime() < deadline)) {
        Plan plan = iterations % 2 == 0 ? withTarget : withoutTarget;
        if (iterations % 2 == 0
            && Files.isDirectory(srv, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(srv.resolve("auto-a"));
        }
        Thread racer = racer(c, srv, swap, swaps);
        racer.start();
        String outcome;
        try {
          Executor executor =
              new Executor(plan, kernel, Journal.none(), false, new HostProbe(), pgrp);
          List<StepResult> results = executor.runAll(MOUNTPOINT);
          executor.parkAll();
          StepResult last = results.isEmpty() ? null : results.get(results.size() - 1);
          outcome =
              last instanceof StepResult.Failed f
                  ? "refused at " + f.step().call().label() + " (" + f.errno() + ")"
                  : "restored";
          List<String> undone = executor.undo(MOUNTPOINT);
          outcome += undoOutcome(undone);
        } finally {
          racer.interrupt();
          racer.join();
        }
        outcomes.merge(outcome, 1, Integer::sum);
        iterations++;
        assertEquals(
            outsideBefore, listing(outside), "nothing created outside, iteration " + iterations);
        assertEquals(before, mountsOutside(r), "mounts outside the root, iteration " + iterations);
        // Put the tree back and clear what an iteration may have left under R (nothing should).
        if (Files.isSymbolicLink(srv)) {
          assertEquals(
              0, c.renameat2(AT_FDCWD, srv.toString(), AT_FDCWD, swap.toString(), RENAME_EXCHANGE));
        }
        List<MountInfo> left = MountTable.readSelf().under(r.toString());
        for (int i = left.size() - 1; i >= 0; i--) {
          outcomes.merge("left mounted (cleared by the test)", 1, Integer::sum);
          kernel.run(new PosixCall.Umount(left.get(i).mountPoint(), PosixCall.Umount.MNT_DETACH));
        }
      }
    }
    System.out.println(
        "racer: "
            + iterations
            + " iterations, "
            + swaps.get()
            + " swaps, outcomes "
            + outcomes
            + " on "
            + System.getProperty("os.version"));
    assertTrue(swaps.get() > iterations, "the racer really raced: " + swaps.get() + " swaps");
    // A mount the undo could not reach without the swapped-in symlink is left, and said so:
    // exactly those, no mount is left without an undo that refused and named why.
    assertEquals(
        outcomes.getOrDefault("left mounted (cleared by the test)", 0),
        outcomes.entrySet().stream()
            .filter(o -> o.getKey().endsWith(REFUSED_UNDO))
            .mapToInt(Map.Entry::getValue)
            .sum(),
        "exactly the mounts whose undo was refused were left: " + outcomes);
  }

  private static final String REFUSED_UNDO = ", undo refused (a component was the symlink)";

  /** What the undo did, in few words: unmounted, refused by the walk, or nothing to do. */
  private static String undoOutcome(List<String> undone) {
    if (undone.stream().anyMatch(u -> u.startsWith("unmounted"))) {
      return ", undone";
    }
    if (undone.stream().anyMatch(u -> u.contains("cannot be reached from the root"))) {
      return REFUSED_UNDO;
    }
    return undone.stream().anyMatch(u -> u.startsWith("umount")) ? ", undo failed " + undone : "";
  }

  private static Thread racer(Rename c, Path srv, Path swap, AtomicLong swaps) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                if (c.renameat2(
                        AT_FDCWD, srv.toString(), AT_FDCWD, swap.toString(), RENAME_EXCHANGE)
                    == 0) {
                  swaps.incrementAndGet();
                }
              }
            },
            "racer");
    t.setDaemon(true);
    return t;
  }
}
