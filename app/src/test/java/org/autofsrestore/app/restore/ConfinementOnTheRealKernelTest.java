package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.CraftedDumps;
import org.autofsrestore.app.testing.HostileRoots;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8's path confinement on the real kernel, in this test JVM's private mount namespace: {@code
 * restore --root R --yes --mkdir --owner handoff --no-wait} of a hostile dump creates nothing and
 * mounts nothing outside R (a listing and mountinfo before and after), and a hostile mount among
 * good ones is skipped while the good ones land under R.
 */
@Tag("kernel")
class ConfinementOnTheRealKernelTest {
  @TempDir Path tmp;
  @TempDir Path journals;

  @BeforeEach
  void realKernel() {
    Prerequisites.requireRealKernel();
  }

  @AfterEach
  void unmountWhatTheRestoreMounted() throws IOException {
    List<MountInfo> under = MountTable.readSelf().under(tmp.toString());
    try (LinuxKernel kernel = new LinuxKernel()) {
      for (int i = under.size() - 1; i >= 0; i--) {
        try {
          kernel.run(new PosixCall.Umount(under.get(i).mountPoint(), PosixCall.Umount.MNT_DETACH));
        } catch (RuntimeException e) {
          // already gone
        }
      }
    }
  }

  private CommandRun restore(Path dump, Path root) {
    return CommandRun.of(
        "restore",
        dump.toString(),
        "--root",
        root.toString(),
        "--yes",
        "--mkdir",
        "--owner",
        "handoff",
        "--no-wait",
        "--journal",
        journals.resolve("journal.jsonl").toString());
  }

  private static List<String> mountPoints() throws IOException {
    return MountTable.readSelf().entries().stream().map(MountInfo::mountPoint).toList();
  }

  @ParameterizedTest
  @EnumSource(HostileRoots.Case.class)
  void restoringAHostileDumpCreatesAndMountsNothing(HostileRoots.Case c) throws Exception {
    HostileRoots.Setup s = HostileRoots.prepare(c, tmp);
    Map<String, String> filesBefore = HostileRoots.listing(tmp);
    List<String> mountsBefore = mountPoints();

    CommandRun run = restore(s.dump(), s.root());

    assertEquals(mountsBefore, mountPoints(), c + ": mountinfo changed\n" + run.out());
    assertEquals(filesBefore, HostileRoots.listing(tmp), c + ": files changed\n" + run.out());
    assertEquals(1, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("auto-a: not runnable, skipped"), run.out());
  }

  @Test
  void aHostileMountAmongGoodOnesIsSkippedAndEveryMountLandsUnderTheRoot() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside/auto-f3"));
    Path dump =
        CraftedDumps.withMountpoint(
            "multi", tmp.resolve("dump"), "/srv/auto-f3", "/srv/../../outside/auto-f3");
    Map<String, String> outsideBefore = HostileRoots.listing(outside.getParent());
    List<String> mountsBefore = mountPoints();

    CommandRun run = restore(dump, root);

    assertEquals(1, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("/srv/../../outside/auto-f3: not runnable, skipped"), run.out());
    List<String> added = new ArrayList<>(mountPoints());
    added.removeAll(mountsBefore);
    assertEquals(4, added.size(), "the four good autofs mounts: " + added + "\n" + run.out());
    for (String m : added) {
      assertTrue(m.startsWith(root + "/"), m + " is under " + root);
    }
    assertFalse(added.stream().anyMatch(m -> m.contains("auto-f3")), added.toString());
    assertEquals(outsideBefore, HostileRoots.listing(outside.getParent()));
    try (Stream<Path> top = Files.list(tmp)) {
      assertEquals(
          List.of("dump", "outside", "root"),
          top.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
