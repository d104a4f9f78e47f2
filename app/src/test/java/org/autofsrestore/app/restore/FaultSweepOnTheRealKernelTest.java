package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure injected at every kernel call of a restore, for each of EBUSY, EPERM, EINVAL, ENOENT,
 * EBADF and EINTR, on the real kernel: the failed step ends the mount's plan, the journal says
 * exactly what happened, no mount is left pointing at a pipe nobody serves, and undo from the
 * journal returns the root to what it was.
 */
@Tag("kernel")
class FaultSweepOnTheRealKernelTest {
  private static final List<Errno> ERRNOS =
      List.of(Errno.EBUSY, Errno.EPERM, Errno.EINVAL, Errno.ENOENT, Errno.EBADF, Errno.EINTR);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private LinuxKernel kernel;

  @BeforeEach
  void kernel() {
    Prerequisites.requireRealKernel();
    kernel = new LinuxKernel();
  }

  @AfterEach
  void close() {
    if (kernel != null) {
      kernel.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCallOfEveryStageFailingLeavesTheMountParkedOrUnmounted()
      throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (OwnerMode owner : OwnerMode.values()) {
      int calls = cleanRunCalls(owner);
      assertTrue(calls >= 10, "a clean run makes " + calls + " calls");
      for (int n = 1; n <= calls; n++) {
        for (Errno errno : ERRNOS) {
          int failAt = n;
          tests.add(
              DynamicTest.dynamicTest(
                  owner.option() + " call " + n + " " + errno, () -> sweep(owner, failAt, errno)));
        }
      }
    }
    return tests.stream();
  }

  private int cleanRunCalls(OwnerMode owner) throws Exception {
    Path root = Files.createTempDirectory(dir, "clean");
    FaultInjectingKernel counting = new FaultInjectingKernel(kernel, -1, Errno.EIO);
    Executor executor = executor(root, owner, counting, Journal.none());
    executor.runAll("/srv/auto-a");
    int calls = counting.calls();
    executor.parkAll();
    unmountAll(root);
    return calls;
  }

  private void sweep(OwnerMode owner, int failAt, Errno errno) throws Exception {
    Path root = Files.createTempDirectory(dir, "sweep");
    Path journalFile = root.resolveSibling(root.getFileName() + ".jsonl");
    FaultInjectingKernel faulty = new FaultInjectingKernel(kernel, failAt, errno);
    Executor executor;
    boolean passed;
    // The start line names the root and process group, as LiveRestore's does: undo acts on
    // nothing else.
    long pgrp = kernel.run(new PosixCall.GetPgrp());
    try (Journal journal =
        Journal.create(journalFile, java.util.Map.of("root", root.toString(), "pgrp", pgrp))) {
      executor = executor(root, owner, faulty, journal);
      List<StepResult> results = executor.runAll("/srv/auto-a");
      StepResult last = results.get(results.size() - 1);
      // The close of a fd the walk down the directories replaced is attempted, not required (the
      // fd is gone either way): its failure lets the run go on to the end. Any other failure,
      // a close step of the plan's included, stops the plan.
      passed = faulty.failed instanceof PosixCall.Close && last instanceof StepResult.Done;
      if (!passed) {
        assertInstanceOf(StepResult.Failed.class, last, "the injected failure stops the plan");
        assertEquals(errno.name(), ((StepResult.Failed) last).errno());
        assertNoUnservedMount(root, "right after the failure");
      }
      assertFalse(executor.hasNext("/srv/auto-a"), "no step runs after a failure or the end");
      executor.parkAll();
      assertNoUnservedMount(root, "after the exit path");
    }
    assertJournalMatchesTheKernel(journalFile, root, !passed);
    List<String> undone = Undo.run(JournalReplay.read(journalFile), kernel);
    assertTrue(MountTable.readSelf().under(root.toString()).isEmpty(), "undo unmounted: " + undone);
    try (Stream<Path> left = Files.list(root)) {
      assertEquals(List.of(), left.toList(), "undo left the root as it was: " + undone);
    }
  }

  private Executor executor(Path root, OwnerMode owner, FaultInjectingKernel k, Journal journal)
      throws Exception {
    Plan plan =
        Planner.plan(
            AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir("indirect"))),
            new HostSystem(),
            new Planner.Options(root, List.of(), owner, true, 0, true));
    int pgrp = kernel.run(new PosixCall.GetPgrp());
    return new Executor(plan, k, journal, false, new HostProbe(), pgrp);
  }

  /** Every autofs mount under root is catatonic: none points at a pipe nobody serves. */
  private static void assertNoUnservedMount(Path root, String when) throws Exception {
    for (MountInfo m : MountTable.readSelf().under(root.toString())) {
      if (m.isAutofs()) {
        assertTrue(
            m.autofsOptions().orElseThrow().catatonic(),
            when + ": " + m.mountPoint() + " is live: " + m.superOptions());
      }
    }
  }

  /** Each begin has one end or fail; the journal's mounts are the kernel's mounts. */
  private static void assertJournalMatchesTheKernel(
      Path journalFile, Path root, boolean failureExpected) throws Exception {
    Set<Long> open = new HashSet<>();
    boolean mounted = false;
    boolean failed = false;
    for (String line : Files.readAllLines(journalFile)) {
      JsonNode e = JSON.readTree(line);
      long seq = e.get("seq").asLong();
      switch (e.get("event").asText()) {
        case "begin" -> {
          assertFalse(failed, "no call begins after a failure: " + line);
          assertTrue(open.add(seq), line);
        }
        case "end" -> {
          assertTrue(open.remove(seq), "end without begin: " + line);
          mounted |= e.get("call").asText().equals("mount");
        }
        case "fail" -> {
          assertTrue(open.remove(seq), "fail without begin: " + line);
          failed = true;
          mounted &= !e.get("recovery").asText().contains("unmounted");
        }
        default -> {}
      }
    }
    assertTrue(open.isEmpty(), "every call has its outcome: " + open);
    assertEquals(
        failureExpected, failed, "the failure is in the journal (when one stopped the run)");
    Optional<MountInfo> there = MountTable.readSelf().at(root + "/srv/auto-a");
    assertEquals(mounted, there.isPresent(), "journal says mounted=" + mounted);
  }

  private void unmountAll(Path root) throws Exception {
    List<MountInfo> under = MountTable.readSelf().under(root.toString());
    for (int i = under.size() - 1; i >= 0; i--) {
      kernel.run(new PosixCall.Umount(under.get(i).mountPoint(), PosixCall.Umount.MNT_DETACH));
    }
  }
}
