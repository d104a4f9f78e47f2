package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.AutofsPacket;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.AutofsOptions;
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
 * {@code restore --owner handoff} on the real kernel, in this test JVM's private mount namespace:
 * every autofs mount of every valid fixture comes back with the dump's state, parked, and a new
 * owner can take it over and serve a lookup.
 */
@Tag("kernel")
class RestoreOnTheRealKernelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  private LinuxKernel kernel;
  private final List<String> mounted = new ArrayList<>();

  @BeforeEach
  void kernel() {
    Prerequisites.requireRealKernel();
    kernel = new LinuxKernel();
  }

  @AfterEach
  void unmountEverything() throws Exception {
    if (kernel == null) {
      return;
    }
    for (MountInfo m : MountTable.readSelf().under(root.toString())) {
      if (m.isAutofs()) {
        mounted.add(m.mountPoint());
      }
    }
    for (int i = mounted.size() - 1; i >= 0; i--) {
      try {
        kernel.run(new PosixCall.Umount(mounted.get(i), PosixCall.Umount.MNT_DETACH));
      } catch (RuntimeException e) {
        // already gone
      }
    }
    kernel.close();
  }

  @TestFactory
  Stream<DynamicTest> everyValidFixtureIsRestoredParkedWithTheDumpsState() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : Fixtures.withExpectations()) {
      if (!name.startsWith("broken-")) {
        tests.add(DynamicTest.dynamicTest(name, () -> restoreAndTakeOver(name)));
      }
    }
    return tests.stream();
  }

  private void restoreAndTakeOver(String name) throws Exception {
    Path r = Files.createDirectory(root.resolve(name));
    CommandRun run =
        CommandRun.of(
            "restore",
            Fixtures.dir(name).toString(),
            "--root",
            r.toString(),
            "--owner",
            "handoff",
            "--yes",
            "--mkdir",
            "--no-wait",
            "--journal",
            root.resolve(name + ".jsonl").toString());
    assertEquals(0, run.status(), run.out() + run.err());
    JsonNode expected = JSON.readTree(Fixtures.expectedJson(name).toFile());
    MountTable table = MountTable.readSelf();
    for (JsonNode want : expected.get("autofs_mounts")) {
      String target = r + want.get("mountpoint").asText();
      Optional<MountInfo> found = table.at(target);
      assertTrue(found.isPresent(), target + " in mountinfo\n" + run.out());
      MountInfo m = found.get();
      mounted.add(target);
      assertEquals("autofs", m.fsType());
      AutofsOptions state = m.autofsOptions().orElseThrow();
      assertTrue(state.catatonic(), target + " parked: " + m.superOptions());
      assertEquals(want.get("mode_name").asText(), state.mode(), target);
      assertEquals(want.get("timeout").asLong(), state.timeout(), target);
      assertEquals(want.get("minproto").asInt(), state.minproto(), target);
      assertEquals(want.get("maxproto").asInt(), state.maxproto(), target);
      assertEquals(
          want.get("uid").isNull() ? Optional.empty() : Optional.of(want.get("uid").asLong()),
          state.uid().isPresent() ? Optional.of(state.uid().getAsLong()) : Optional.empty(),
          target + " uid");
      assertEquals(
          want.get("gid").isNull() ? Optional.empty() : Optional.of(want.get("gid").asLong()),
          state.gid().isPresent() ? Optional.of(state.gid().getAsLong()) : Optional.empty(),
          target + " gid");
      takeOverAndServeALookup(m, want.get("mode_name").asText());
    }
  }

  @org.junit.jupiter.api.Test
  void restoreJsonReportsEveryStepWithTheKernelsAnswerAndMountinfo() throws Exception {
    Path r = Files.createDirectory(root.resolve("json"));
    CommandRun run =
        CommandRun.of(
            "restore",
            Fixtures.dir("indirect").toString(),
            "--root",
            r.toString(),
            "--owner",
            "handoff",
            "--no-wait",
            "--yes",
            "--mkdir",
            "--json",
            "--journal",
            root.resolve("json.jsonl").toString());
    assertEquals(0, run.status(), run.err());
    JsonNode doc = JSON.readTree(run.out());
    JsonNode mount = doc.get("mounts").get(0);
    assertEquals("parked", mount.get("state").asText());
    List<String> calls = new ArrayList<>();
    for (JsonNode step : mount.get("steps")) {
      calls.add(step.get("call").asText());
      assertTrue(step.get("ok").asBoolean(), step.toString());
    }
    assertEquals(
        List.of(
            "open_root",
            "resolve",
            "mkdirat",
            "openat",
            "mkdirat",
            "openat",
            "close_fd",
            "check_target",
            "check_empty",
            "pipe",
            "fsopen",
            "fsconfig",
            "fsconfig",
            "fsconfig",
            "fsconfig",
            "fsconfig",
            "fsconfig",
            "fsconfig",
            "fsmount",
            "close_fd",
            "mount",
            "statx",
            "openat",
            "settimeout",
            "catatonic",
            "close",
            "close",
            "close_fd",
            "close_fd",
            "close_fd",
            "close_fd",
            "wait_owner"),
        calls);
    JsonNode catatonic = mount.get("steps").get(calls.indexOf("catatonic"));
    assertTrue(catatonic.get("mountinfo").asText().contains("fd=-1"), catatonic.toString());
  }

  @org.junit.jupiter.api.Test
  void undoOfAHeldMountParksUnmountsAndRemovesWhatItCreated() throws Exception {
    Path r = Files.createDirectory(root.resolve("undo"));
    Plan plan = planUnder(r, "multi", List.of("/srv/auto-f1"), OwnerMode.HOLD);
    Executor executor = executor(plan, new HostProbe());
    executor.runAll("/srv/auto-f1");
    assertEquals(Executor.State.HELD, executor.progress("/srv/auto-f1").state());
    assertTrue(Files.isDirectory(r.resolve("srv/auto-f1/foo")), "the dir below was made inside");
    List<String> undone = executor.undo("/srv/auto-f1");
    assertTrue(MountTable.readSelf().under(r.toString()).isEmpty(), undone.toString());
    try (var left = Files.list(r)) {
      assertEquals(List.of(), left.toList(), undone.toString());
    }
    assertFalse(executor.hasNext("/srv/auto-f1"));
  }

  @org.junit.jupiter.api.Test
  void aStreamedRunReadsEachMountsStateOnceAfterItsLastStepAndKeepsNoResults() throws Exception {
    Path r = Files.createDirectory(root.resolve("streamed"));
    Plan plan = planUnder(r, "multi", List.of(), OwnerMode.HANDOFF);
    List<String> runnable =
        plan.mounts().stream().filter(MountPlan::runnable).map(MountPlan::mountpoint).toList();
    assertTrue(runnable.size() > 1, plan.mounts().toString());
    int[] reads = {0};
    LiveProbe host = new HostProbe();
    LiveProbe counting =
        new LiveProbe() {
          @Override
          public Optional<String> mountinfoLine(Path target) {
            reads[0]++;
            return host.mountinfoLine(target);
          }

          @Override
          public Waited waitForOwnerAndRead(
              Path target, long seconds, java.util.function.BooleanSupplier cancelled) {
            reads[0]++;
            return host.waitForOwnerAndRead(target, seconds, cancelled);
          }
        };
    Executor executor = executor(plan, counting);
    List<StepResult> seen = new ArrayList<>();
    executor.runMounts(runnable, StageName.OWNER, 2, Executor.Report.STREAMED, seen::add);

    assertEquals(runnable.size(), reads[0], "one read of the mount state per mount");
    for (String mountpoint : runnable) {
      List<StepResult> own = seen.stream().filter(s -> s.mountpoint().equals(mountpoint)).toList();
      assertEquals(Executor.State.PARKED, executor.progress(mountpoint).state(), mountpoint);
      assertEquals(List.of(), executor.progress(mountpoint).results(), "results are not kept");
      for (int i = 0; i < own.size(); i++) {
        Optional<String> line = ((StepResult.Done) own.get(i)).mountinfo();
        if (i < own.size() - 1) {
          assertEquals(Optional.empty(), line, own.get(i).text());
        } else {
          assertTrue(line.orElseThrow().contains("fd=-1"), "the last step shows it parked");
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aCrashAfterTheBatchsIntentsLosesNoMountFromTheRecord() throws Exception {
    Path target = Files.createDirectories(root.resolve("crash/srv/auto-a"));
    Path file = root.resolve("crash.jsonl");
    int pgrp = kernel.run(new PosixCall.GetPgrp());
    // The start line names the root and process group, as LiveRestore's does: a crash loses the
    // device the run read, and undo then knows the mount by its pgrp=.
    try (Journal journal =
        Journal.create(
            file,
            java.util.Map.of("root", root.resolve("crash").toString(), "pgrp", (long) pgrp))) {
      journal.intend(java.util.Map.of("/srv/auto-a", target.toString()));
      journal.deferSync();
      // The mount happens; the run dies before any later event reaches the disk.
      PipeEnds pipe = kernel.run(new PosixCall.Pipe2(PosixCall.Pipe2.O_CLOEXEC));
      kernel.run(
          new PosixCall.Mount(
              "/etc/auto.a",
              target.toString(),
              "autofs",
              0,
              "fd=" + pipe.writeFd() + ",pgrp=" + pgrp + ",minproto=5,maxproto=5,indirect"));
      kernel.run(new PosixCall.Close(pipe.readFd()));
      kernel.run(new PosixCall.Close(pipe.writeFd()));
    }
    JournalReplay replay = JournalReplay.read(file);
    assertEquals(List.of(target.toString()), replay.mountedTargets());
    List<String> done = Undo.run(replay, kernel);
    assertTrue(MountTable.readSelf().at(target.toString()).isEmpty(), done.toString());
  }

  @org.junit.jupiter.api.Test
  void aSymlinkSwappedInAfterThePlanIsRefusedAtRunTimeAndNothingLandsOutside() throws Exception {
    Path r = Files.createDirectories(root.resolve("swap/r"));
    Path outside = Files.createDirectories(root.resolve("swap/outside"));
    Files.createDirectory(r.resolve("srv"));
    Plan plan = planUnder(r, "indirect", List.of(), OwnerMode.HANDOFF);
    assertTrue(plan.mounts().get(0).runnable(), plan.mounts().get(0).findings().toString());
    // After the plan: /srv becomes a symlink out of the root.
    Files.delete(r.resolve("srv"));
    Files.createSymbolicLink(r.resolve("srv"), outside);
    Executor executor = executor(plan, new HostProbe());
    List<StepResult> results = executor.runAll("/srv/auto-a");
    StepResult last = results.get(results.size() - 1);
    assertTrue(
        last instanceof StepResult.Failed f
            && f.step().call() == Step.Call.RESOLVE
            && f.errno().equals("ENOTDIR")
            && f.explanation()
                .startsWith(
                    "the component " + r.resolve("srv") + " is now a symlink (to " + outside + ")"),
        results.toString());
    try (var made = Files.list(outside)) {
      assertEquals(List.of(), made.toList(), "nothing was created outside the root");
    }
    assertTrue(MountTable.readSelf().under(outside.toString()).isEmpty());
  }

  @org.junit.jupiter.api.Test
  void aSymlinkPutWhereAMkdirWillCreateItsDirectoryIsRefusedAndNotFollowed() throws Exception {
    Path r = Files.createDirectories(root.resolve("last/r"));
    Path outside = Files.createDirectories(root.resolve("last/outside"));
    Files.createDirectory(r.resolve("srv"));
    Plan plan = planUnder(r, "indirect", List.of(), OwnerMode.HANDOFF);
    MountPlan mount = plan.mounts().get(0);
    assertTrue(mount.runnable(), mount.findings().toString());
    Path created = r.resolve("srv/auto-a");
    assertEquals(
        Step.Call.MKDIRAT, mount.stages().get(0).steps().get(2).call(), "the plan creates it");
    // After the plan: the directory the mkdir would create is a symlink out of the root.
    Files.createSymbolicLink(created, outside);
    Executor executor = executor(plan, new HostProbe());
    List<StepResult> results = executor.runAll("/srv/auto-a");
    StepResult last = results.get(results.size() - 1);
    assertTrue(
        last instanceof StepResult.Failed f
            && f.step().call() == Step.Call.MKDIRAT
            && f.errno().equals("EEXIST"),
        results.toString());
    assertTrue(Files.isSymbolicLink(created), "the symlink is left as it was");
    try (var made = Files.list(outside)) {
      assertEquals(List.of(), made.toList(), "nothing was created outside the root");
    }
    assertTrue(MountTable.readSelf().under(outside.toString()).isEmpty());
    assertTrue(MountTable.readSelf().under(r.toString()).isEmpty(), "nothing was mounted");
  }

  /** The plan of a fixture's dump under the root {@code r} (--mkdir, the dump's timeouts). */
  private static Plan planUnder(Path r, String fixture, List<String> only, OwnerMode owner)
      throws Exception {
    return Planner.plan(
        org.autofsrestore.app.autofs.AutofsAnalysis.inspect(
            org.autofsrestore.app.dump.DumpLoader.load(Fixtures.dir(fixture))),
        new HostSystem(),
        new Planner.Options(r, only, owner, true, 0, true));
  }

  /** A live executor of {@code plan} on this test's kernel, with no journal. */
  private Executor executor(Plan plan, LiveProbe probe) {
    return new Executor(
        plan, kernel, Journal.none(), false, probe, kernel.run(new PosixCall.GetPgrp()));
  }

  /** A new owner (this JVM) reconnects to the parked mount and answers one lookup. */
  private void takeOverAndServeALookup(MountInfo m, String mode) throws Exception {
    String target = m.mountPoint();
    PipeEnds pipe = kernel.run(new PosixCall.Pipe2(PosixCall.Pipe2.O_CLOEXEC));
    int ioctlFd = kernel.run(new AutofsIoctl.OpenMount(target, m.dev()));
    try {
      kernel.run(new AutofsIoctl.SetPipeFd(ioctlFd, pipe.writeFd()));
      AutofsOptions live = MountTable.readSelf().at(target).orElseThrow().autofsOptions().get();
      assertFalse(live.catatonic(), target + " owned again");
      if (!mode.equals("indirect")) {
        return; // a lookup of a direct or offset mount is the mount itself; indirect shows a key
      }
      // setsid: a child in this JVM's process group would count as the daemon and not ask.
      Process child =
          new ProcessBuilder("setsid", "stat", target + "/somekey")
              .redirectErrorStream(true)
              .start();
      try {
        assertTrue(kernel.run(new PosixCall.Poll(pipe.readFd(), 5000)), "a request arrives");
        AutofsPacket packet = kernel.run(new PosixCall.ReadPacket(pipe.readFd())).orElseThrow();
        assertEquals("somekey", packet.name());
        kernel.run(new AutofsIoctl.Fail(ioctlFd, packet.token(), Errno.ENOENT));
        assertTrue(child.waitFor(5, TimeUnit.SECONDS), "the lookup returns at once");
        assertTrue(
            new String(child.getInputStream().readAllBytes()).contains("No such file"),
            "the lookup failed with ENOENT");
      } finally {
        child.destroyForcibly();
      }
    } finally {
      kernel.run(new AutofsIoctl.Catatonic(ioctlFd));
      kernel.run(new AutofsIoctl.CloseMount(ioctlFd));
      kernel.run(new PosixCall.Close(pipe.readFd()));
      kernel.run(new PosixCall.Close(pipe.writeFd()));
    }
  }
}
