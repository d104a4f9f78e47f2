package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.ResumePlanner.Decision;
import org.autofsrestore.app.restore.Step.Call;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a resume decides for each mount of the multi fixture (an indirect mount with a directory
 * below it, a direct one, an offset, a second indirect one, a catatonic one), from journals written
 * by {@link Journal} itself and mountinfo lines as the kernel prints them.
 */
class ResumePlannerTest {
  private static final long RUN_PGRP = 4242;
  private static final String F1 = "/srv/auto-f1";
  private static final String F2 = "/srv/direct-f2";

  @TempDir Path dir;

  private final Map<String, MountInfo> live = new HashMap<>();

  private static Plan fresh(OwnerMode owner) throws Exception {
    // After the first run made them, every target directory exists: the rebuilt plan has no
    // mkdir on the way to a target.
    FixedLiveSystem system =
        new FixedLiveSystem()
            .directories(
                "/r",
                "/r/srv",
                "/r/srv/data",
                "/r/srv/auto-f1",
                "/r/srv/direct-f2",
                "/r/srv/data/offset-f5",
                "/r/srv/auto-f3",
                "/r/srv/cata-f4");
    return Planner.plan(
        AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir("multi"))),
        system,
        new Planner.Options(Path.of("/r"), List.of(), owner, true, 60, true));
  }

  /** The kernel's line for an autofs mount at /r + mountpoint. */
  private void mounted(String mountpoint, int minor, long pgrp, int fd, long timeout, String mode) {
    String target = "/r" + mountpoint;
    live.put(
        target,
        MountTable.parseLine(
            "60 1 0:"
                + minor
                + " / "
                + target
                + " rw,relatime shared:7 - autofs /etc/auto.x rw,fd="
                + fd
                + ",pgrp="
                + pgrp
                + ",timeout="
                + timeout
                + ",minproto=5,maxproto=5,"
                + mode
                + ",pipe_ino="
                + (fd == -1 ? -1 : 900 + minor)));
  }

  /** A journal of an interrupted run: its start line, then what {@code body} writes. */
  private JournalReplay journal(OwnerMode owner, JournalBody body) throws Exception {
    Path file = dir.resolve("journal-" + System.nanoTime() + ".jsonl");
    RunRecord run =
        new RunRecord(
            Fixtures.dir("multi").toAbsolutePath(),
            "00",
            Path.of("/r"),
            List.of(),
            owner,
            true,
            60,
            StageName.OWNER,
            RUN_PGRP);
    try (Journal j = Journal.create(file, run.fields())) {
      body.write(j);
    }
    return JournalReplay.read(file);
  }

  interface JournalBody {
    void write(Journal j) throws Exception;
  }

  /** st_dev of the mount mounted() makes with this minor (major 0), as stat would read it. */
  private static long dev(int minor) {
    return MountTable.parseLine(
            "60 1 0:"
                + minor
                + " / /x rw - autofs a fd=5,pgrp=1,timeout=0,minproto=5,maxproto=5,direct")
        .dev();
  }

  /** Writes begin and end lines for every step of {@code mountpoint} up to {@code call}. */
  private static void ranUpTo(Journal j, Plan plan, String mountpoint, Call call, long devid) {
    ranUpTo(j, plan, mountpoint, call, devid, text -> text);
  }

  /** As a real run journals them: {@code asRun} turns a step's planned text into the run's. */
  private static void ranUpTo(
      Journal j,
      Plan plan,
      String mountpoint,
      Call call,
      long devid,
      java.util.function.UnaryOperator<String> asRun) {
    MountPlan m = mount(plan, mountpoint);
    j.intend(Map.of(mountpoint, m.target().toString()));
    for (Stage stage : m.stages()) {
      for (Step step : stage.steps()) {
        long seq =
            j.begin(
                mountpoint, m.target().toString(), step, asRun.apply(step.text(RunValues.NONE)));
        Map<String, Object> details = new HashMap<>();
        if (step.call() == Call.STATX) {
          details.put("devid", devid);
        }
        j.end(seq, step, details);
        if (step.call() == call) {
          return;
        }
      }
    }
  }

  private ResumePlanner.Resumption resume(Plan fresh, JournalReplay replay) {
    return ResumePlanner.resume(
        fresh,
        replay,
        target -> Optional.ofNullable(live.get(target.toString())),
        pgrp -> pgrp == 31337);
  }

  private static MountPlan mount(Plan plan, String mountpoint) {
    return plan.mounts().stream()
        .filter(m -> m.mountpoint().equals(mountpoint))
        .findFirst()
        .orElseThrow();
  }

  private static Decision decision(ResumePlanner.Resumption r, String mountpoint) {
    return r.decisions().stream()
        .filter(d -> d.mountpoint().equals(mountpoint))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> calls(MountPlan m, StageName stage) {
    List<String> out = new ArrayList<>();
    for (Step s : m.stage(stage).steps()) {
      out.add(s.call().label());
    }
    return out;
  }

  @Test
  void aRunKilledBeforeAnyCallRunsEveryMountFromTheStart() throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    ResumePlanner.Resumption r = resume(fresh, journal(OwnerMode.HANDOFF, j -> {}));
    assertTrue(r.decisions().stream().allMatch(d -> d instanceof Decision.Run), r.toString());
    assertEquals(fresh.mounts(), r.plan().mounts());
  }

  @Test
  void aMountKilledRightAfterItsMountCallGoesOnWithoutMountingAgain() throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    JournalReplay replay =
        journal(OwnerMode.HANDOFF, j -> ranUpTo(j, fresh, F2, Call.STATX, dev(71)));
    // Its owner died with the pipe: mountinfo still shows that pipe's fd and the run's pgrp.
    mounted(F2, 71, RUN_PGRP, 5, 0, "direct");
    ResumePlanner.Resumption r = resume(fresh, replay);
    assertInstanceOf(Decision.Adopt.class, decision(r, F2));
    MountPlan m = mount(r.plan(), F2);
    assertEquals((Long) dev(71), m.adoptedDevid());
    assertEquals(
        List.of("open_root", "resolve", "openat", "statx", "openat"), calls(m, StageName.MOUNT));
    assertEquals(List.of("settimeout", "catatonic"), calls(m, StageName.TIMEOUT));
    assertEquals(
        List.of("close_fd", "close_fd", "close_fd", "close_fd", "wait_owner"),
        calls(m, StageName.OWNER));
    assertTrue(m.runnable(), m.findings().toString());
  }

  @Test
  void anIndirectMountWhoseDirectoriesBelowAreNotKnownMadeIsTakenBeforeTheyAreMade()
      throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    // Killed mid-batch: only the intent reached the disk.
    JournalReplay replay =
        journal(OwnerMode.HANDOFF, j -> j.intend(Map.of(F1, mount(fresh, F1).target().toString())));
    mounted(F1, 70, RUN_PGRP, 5, 0, "indirect");
    MountPlan m = mount(resume(fresh, replay).plan(), F1);
    assertEquals(
        List.of(
            "open_root",
            "resolve",
            "openat",
            "statx",
            "openat",
            "pipe",
            "catatonic",
            "setpipefd",
            "mkdirat"),
        calls(m, StageName.MOUNT));
    assertEquals(
        "mkdirat(<ioctlfd>, \"foo\", 0755)",
        m.stage(StageName.MOUNT).steps().get(8).text(RunValues.NONE));
    assertEquals(
        "openat2(<root.fd>, \"srv/auto-f1\", {.flags = O_RDONLY|O_NOFOLLOW|O_CLOEXEC|O_PATH,"
            + " .resolve = RESOLVE_IN_ROOT|RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS}, 24)",
        m.stage(StageName.MOUNT).steps().get(1).text(RunValues.NONE),
        "found again from the root, without O_DIRECTORY: no automount");
    assertEquals(List.of("settimeout", "catatonic"), calls(m, StageName.TIMEOUT));
    assertEquals(
        List.of("close", "close", "close_fd", "close_fd", "close_fd", "close_fd", "wait_owner"),
        calls(m, StageName.OWNER));
  }

  @Test
  void aMountParkedWithItsTimeoutAndWaitedForIsDone() throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    JournalReplay replay =
        journal(OwnerMode.HANDOFF, j -> ranUpTo(j, fresh, F2, Call.WAIT_OWNER, dev(71)));
    mounted(
        F2, 71, RUN_PGRP, -1, mount(fresh, F2).parkedInDump() ? 0 : timeoutOf(fresh, F2), "direct");
    ResumePlanner.Resumption r = resume(fresh, replay);
    assertInstanceOf(Decision.AlreadyDone.class, decision(r, F2));
    assertFalse(r.plan().mounts().stream().anyMatch(m -> m.mountpoint().equals(F2)));
  }

  @Test
  void anIndirectMountWhoseRunMadeItsDirectoriesBelowThroughANumberedFdIsDone() throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    // The journal names the directory's fd by the number it had, the plan by <ioctlfd>.
    JournalReplay replay =
        journal(
            OwnerMode.HANDOFF,
            j -> ranUpTo(j, fresh, F1, Call.WAIT_OWNER, dev(70), t -> t.replace("<ioctlfd>", "9")));
    mounted(
        F1,
        70,
        RUN_PGRP,
        -1,
        mount(fresh, F1).parkedInDump() ? 0 : timeoutOf(fresh, F1),
        "indirect");
    ResumePlanner.Resumption r = resume(fresh, replay);
    assertInstanceOf(Decision.AlreadyDone.class, decision(r, F1));
  }

  @Test
  void aParkedMountWhoseWaitWasCutShortOnlyWaitsAgain() throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    JournalReplay replay =
        journal(OwnerMode.HANDOFF, j -> ranUpTo(j, fresh, F2, Call.CATATONIC, dev(71)));
    mounted(F2, 71, RUN_PGRP, -1, timeoutOf(fresh, F2), "direct");
    MountPlan m = mount(resume(fresh, replay).plan(), F2);
    assertEquals(
        List.of("open_root", "resolve", "openat", "statx", "openat"), calls(m, StageName.MOUNT));
    assertEquals(List.of(), calls(m, StageName.TIMEOUT));
    assertEquals(
        List.of("close_fd", "close_fd", "close_fd", "close_fd", "wait_owner"),
        calls(m, StageName.OWNER));
  }

  @Test
  void aHeldMountWhoseHolderWasKilledIsParkedAndHeldAgainWithANewPipe() throws Exception {
    Plan fresh = fresh(OwnerMode.HOLD);
    JournalReplay replay = journal(OwnerMode.HOLD, j -> ranUpTo(j, fresh, F2, Call.SERVE, dev(71)));
    mounted(F2, 71, RUN_PGRP, 9, timeoutOf(fresh, F2), "direct");
    MountPlan m = mount(resume(fresh, replay).plan(), F2);
    assertEquals(
        List.of("open_root", "resolve", "openat", "statx", "openat", "pipe"),
        calls(m, StageName.MOUNT));
    assertEquals(List.of("catatonic"), calls(m, StageName.TIMEOUT));
    assertEquals(
        List.of("setpipefd", "close_fd", "close_fd", "close_fd", "close_fd", "serve"),
        calls(m, StageName.OWNER));
  }

  @Test
  void aMountTheJournalSaysWasMadeButIsGoneIsRefused() throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    JournalReplay replay =
        journal(OwnerMode.HANDOFF, j -> ranUpTo(j, fresh, F2, Call.CATATONIC, dev(71)));
    ResumePlanner.Resumption r = resume(fresh, replay);
    Decision.Refused refused = assertInstanceOf(Decision.Refused.class, decision(r, F2));
    assertEquals(FindingCode.RESUME_MOUNT_GONE, refused.finding().code());
    assertFalse(mount(r.plan(), F2).runnable());
  }

  @Test
  void aMountTheOperatorUndidDuringTheRunIsLeftUndoneNotRefusedNorRunAgain() throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    JournalReplay replay =
        journal(
            OwnerMode.HANDOFF,
            j -> {
              ranUpTo(j, fresh, F2, Call.CATATONIC, dev(71));
              j.undone(F2, List.of("/r/srv/direct-f2: parked, unmounted"));
            });
    assertTrue(replay.progress().get(F2).undone());
    ResumePlanner.Resumption r = resume(fresh, replay);
    Decision.AlreadyDone done = assertInstanceOf(Decision.AlreadyDone.class, decision(r, F2));
    assertEquals(ResumePlanner.Left.UNDONE, done.left());
    assertTrue(r.plan().mounts().stream().noneMatch(m -> m.mountpoint().equals(F2)));
    assertInstanceOf(Decision.Run.class, decision(r, F1), "the others are not affected");
  }

  @Test
  void aMountOfAnotherProcessGroupIsNotThisRunsUnlessALiveOwnerTookItOver() throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    JournalReplay replay =
        journal(OwnerMode.HANDOFF, j -> ranUpTo(j, fresh, F2, Call.CATATONIC, dev(71)));
    mounted(F2, 71, 31337, 7, timeoutOf(fresh, F2), "direct");
    assertInstanceOf(Decision.AlreadyDone.class, decision(resume(fresh, replay), F2));
    mounted(F2, 71, 555, 7, timeoutOf(fresh, F2), "direct");
    Decision.Refused refused =
        assertInstanceOf(Decision.Refused.class, decision(resume(fresh, replay), F2));
    assertEquals(FindingCode.RESUME_NOT_THIS_RUNS, refused.finding().code());
  }

  @Test
  void aMountWithAnotherDeviceThanTheRunReadIsRefused() throws Exception {
    Plan fresh = fresh(OwnerMode.HANDOFF);
    JournalReplay replay =
        journal(OwnerMode.HANDOFF, j -> ranUpTo(j, fresh, F2, Call.STATX, dev(71)));
    mounted(F2, 72, RUN_PGRP, 5, 0, "direct");
    Decision.Refused refused =
        assertInstanceOf(Decision.Refused.class, decision(resume(fresh, replay), F2));
    assertEquals(FindingCode.RESUME_DEVICE_CHANGED, refused.finding().code());
  }

  @Test
  void theStartLineRecordsTheRunAndAResumeLineAddsItsProcessGroup() throws Exception {
    Path file = dir.resolve("j.jsonl");
    RunRecord run =
        new RunRecord(
            Path.of("/dumps/a b"),
            "ab12",
            Path.of("/r"),
            List.of("/srv/a,b", "/srv/c d"),
            OwnerMode.HOLD,
            false,
            0,
            StageName.TIMEOUT,
            77);
    try (Journal j = Journal.create(file, run.fields())) {
      j.intend(Map.of("/srv/a,b", "/r/srv/a,b"));
    }
    JournalReplay first = JournalReplay.read(file);
    assertEquals(Optional.of(run), first.run());
    try (Journal j = Journal.resume(file, first.lastSeq(), 88)) {
      j.sync();
    }
    JournalReplay again = JournalReplay.read(file);
    assertEquals(List.of(77L, 88L), again.pgrps());
    assertEquals(first.lastSeq() + 1, again.lastSeq());
    assertFalse(again.finished());
  }

  @Test
  void theDumpDigestChangesWithAnImagesBytesButNotWithPageImages() throws Exception {
    Path copy = dir.resolve("dump");
    Files.createDirectories(copy);
    try (var files = Files.list(Fixtures.dir("multi"))) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve(p.getFileName()));
      }
    }
    String before = DumpDigest.of(copy);
    Files.write(copy.resolve("pages-1.img"), new byte[] {1, 2, 3});
    assertEquals(before, DumpDigest.of(copy));
    Path image;
    try (var files = Files.list(copy)) {
      image =
          files
              .filter(p -> p.getFileName().toString().startsWith("mountpoints"))
              .findFirst()
              .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(image);
    bytes[bytes.length - 1] ^= 1;
    Files.write(image, bytes);
    assertFalse(before.equals(DumpDigest.of(copy)));
  }

  private static long timeoutOf(Plan plan, String mountpoint) {
    Step set = mount(plan, mountpoint).stage(StageName.TIMEOUT).steps().get(0);
    return ((Number) ((Arg.Known) set.args().get(1)).value()).longValue();
  }
}
