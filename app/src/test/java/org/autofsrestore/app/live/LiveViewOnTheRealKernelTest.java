package org.autofsrestore.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.TimeScale;
import org.autofsrestore.app.tui.TuiLauncher;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.AutofsPacket;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.testkit.Prerequisites;
import org.autofsrestore.ui.model.LiveMountState;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect --live} and {@code diff} on the real kernel, in this test JVM's private mount
 * namespace, after {@code restore --owner handoff --no-wait} of the multi fixture: the restored
 * mounts are seen parked with the dump's values, then live with this JVM as their owner; a process
 * asleep on a mount whose pipe nobody answers is listed; diff finds nothing on a mount as it was
 * and the right finding for each planted difference; the UI's live side (its model, as the details
 * and live host views show it) sees the same; and no probe sends the kernel a request.
 */
@Tag("kernel")
class LiveViewOnTheRealKernelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private LinuxKernel kernel;
  private PipeEnds pipe;
  private final List<Integer> ioctlFds = new ArrayList<>();

  @BeforeEach
  void kernel() {
    Prerequisites.requireRealKernel();
    kernel = new LinuxKernel();
  }

  @AfterEach
  void parkAndUnmountEverything() throws Exception {
    if (kernel == null) {
      return;
    }
    for (int fd : ioctlFds) {
      try {
        kernel.run(new AutofsIoctl.Catatonic(fd));
        kernel.run(new AutofsIoctl.CloseMount(fd));
      } catch (RuntimeException e) {
        // unmounted already
      }
    }
    List<MountInfo> left = MountTable.readSelf().under(tmp.toString());
    for (int i = left.size() - 1; i >= 0; i--) {
      try {
        kernel.run(new PosixCall.Umount(left.get(i).mountPoint(), PosixCall.Umount.MNT_DETACH));
      } catch (RuntimeException e) {
        // gone
      }
    }
    if (pipe != null) {
      kernel.run(new PosixCall.Close(pipe.readFd()));
      kernel.run(new PosixCall.Close(pipe.writeFd()));
    }
    kernel.close();
  }

  @Test
  void aRestoredDumpIsSeenParkedThenOwnedAndDiffedWithoutTriggeringAMount() throws Exception {
    Path r = Files.createDirectory(tmp.resolve("r"));
    CommandRun restore =
        CommandRun.of(
            "restore",
            Fixtures.dir("multi").toString(),
            "--root",
            r.toString(),
            "--owner",
            "handoff",
            "--yes",
            "--mkdir",
            "--no-wait",
            "--journal",
            tmp.resolve("multi.jsonl").toString());
    assertEquals(0, restore.status(), restore.out() + restore.err());
    int pgrp = kernel.run(new PosixCall.GetPgrp());

    // 1. Every restored mount is listed parked, with the dump's values.
    JsonNode expected = JSON.readTree(Fixtures.expectedJson("multi").toFile());
    JsonNode parked = inspectLive();
    for (JsonNode want : expected.get("autofs_mounts")) {
      JsonNode m = liveAt(parked, r + want.get("mountpoint").asText());
      assertTrue(m.get("catatonic").asBoolean(), m.toString());
      assertEquals(-1, m.get("fd").asInt(), m.toString());
      assertEquals(want.get("mode_name").asText(), m.get("mode").asText(), m.toString());
      assertEquals(want.get("timeout").asLong(), m.get("timeout").asLong(), m.toString());
      assertEquals(want.get("minproto").asInt(), m.get("minproto").asInt(), m.toString());
      assertEquals(want.get("maxproto").asInt(), m.get("maxproto").asInt(), m.toString());
      assertEquals(pgrp, m.get("owner").get("pgrp").asInt(), "restored by this JVM: " + m);
      assertEquals(0, m.get("pipe_holders").size(), m.toString());
    }

    // 1b. The UI's live side shows each of them present and parked, the dump's live ones with
    // live-catatonic on their mount.
    LiveSnapshot parkedInUi = uiLiveHost(r);
    assertEquals("", parkedInUi.error());
    for (JsonNode want : expected.get("autofs_mounts")) {
      String id = want.get("mountpoint").asText();
      LiveMountState m = parkedInUi.of(id).orElseThrow();
      assertEquals(r + id, m.mountpoint());
      assertTrue(m.present(), m.toString());
      assertTrue(m.catatonic(), m.toString());
      assertEquals(
          !want.get("catatonic").asBoolean(),
          uiCodes(m).contains("live-catatonic"),
          "live-catatonic on a mount the dump had live: " + m);
    }
    assertEquals(List.of(), parkedInUi.extra(), "nothing but the dump's mounts below the root");

    // 2. This JVM reconnects to the indirect and the direct mount with one pipe of its own.
    pipe = kernel.run(new PosixCall.Pipe2(PosixCall.Pipe2.O_CLOEXEC));
    String indirect = r + "/srv/auto-f1";
    String direct = r + "/srv/direct-f2";
    takeOver(indirect);
    takeOver(direct);
    JsonNode owned = inspectLive();
    long self = ProcessHandle.current().pid();
    for (String target : List.of(indirect, direct)) {
      JsonNode m = liveAt(owned, target);
      assertFalse(m.get("catatonic").asBoolean(), m.toString());
      assertEquals(pipe.writeFd(), m.get("fd").asInt(), m.toString());
      assertEquals(List.of(self), longs(m.get("pipe_reader")), "this JVM reads the pipe: " + m);
      assertEquals(pgrp, m.get("owner").get("pgrp").asInt(), m.toString());
      assertTrue(m.get("owner").get("alive").asBoolean(), m.toString());
      assertEquals(0, m.get("findings").size(), m.toString());
    }
    assertNoRequest("inspect --live");

    // 3. A lookup nobody answers: the process sleeps on the indirect mount and is listed there.
    Process sleeper =
        new ProcessBuilder("setsid", "stat", indirect + "/somekey")
            .redirectErrorStream(true)
            .start();
    try {
      assertTrue(
          kernel.run(new PosixCall.Poll(pipe.readFd(), TimeScale.seconds(10) * 1000)),
          "the lookup's request arrives");
      AutofsPacket packet = kernel.run(new PosixCall.ReadPacket(pipe.readFd())).orElseThrow();
      assertEquals("somekey", packet.name());
      awaitState(sleeper.pid(), 'D');
      JsonNode asleep = inspectLive();
      JsonNode m = liveAt(asleep, indirect);
      assertEquals(1, m.get("sleepers").size(), m.toString());
      JsonNode s = m.get("sleepers").get(0);
      assertEquals(sleeper.pid(), s.get("pid").asLong(), s.toString());
      assertTrue(s.get("wchan").asText().startsWith("autofs"), s.toString());
      assertEquals(indirect + "/somekey", s.get("path").asText(), s.toString());
      assertEquals("path", s.get("matched_by").asText(), s.toString());
      assertEquals(List.of("live-sleepers"), codes(m.get("findings")), m.toString());
      assertNoRequest("inspect --live with a sleeper");
      kernel.run(new AutofsIoctl.Fail(ioctlFds.get(0), packet.token(), Errno.ENOENT));
      assertTrue(sleeper.waitFor(TimeScale.seconds(10), TimeUnit.SECONDS), "released");
    } finally {
      sleeper.destroyForcibly();
    }

    // 4. Plant differences: a timeout, a missing mount, an extra mount; the direct mount's device
    // changed with the restore itself.
    String timeout = r + "/srv/auto-f3";
    int fd = openMount(timeout);
    kernel.run(new AutofsIoctl.SetTimeout(fd, 61));
    kernel.run(new AutofsIoctl.CloseMount(fd));
    String missing = r + "/srv/cata-f4";
    kernel.run(new PosixCall.Umount(missing, 0));
    String extra = Files.createDirectories(r.resolve("srv/extra")).toString();
    kernel.run(
        new PosixCall.Mount(
            "/etc/auto.extra",
            extra,
            "autofs",
            0,
            "fd=" + pipe.writeFd() + ",pgrp=" + pgrp + ",minproto=5,maxproto=5,indirect"));
    int extraFd = openMount(extra);
    kernel.run(new AutofsIoctl.Catatonic(extraFd));
    kernel.run(new AutofsIoctl.CloseMount(extraFd));

    CommandRun diff =
        CommandRun.of("diff", Fixtures.dir("multi").toString(), "--root", r.toString(), "--json");
    assertEquals(1, diff.status(), diff.out() + diff.err());
    JsonNode report = JSON.readTree(diff.out());
    assertEquals(List.of(), codes(diffAt(report, indirect).get("findings")), "as it was");
    assertEquals("same", diffAt(report, indirect).get("state").asText());
    // The kernel gives the restored mount the lowest free anonymous device, which can be the one
    // the dump recorded (seen once on 6.12): the finding is expected exactly when they differ.
    JsonNode directDiff = diffAt(report, direct);
    boolean deviceChanged =
        !directDiff
            .get("live")
            .get("dev")
            .asText()
            .equals(directDiff.get("dump").get("root_dev").asText());
    assertEquals(
        deviceChanged,
        codes(directDiff.get("findings")).contains("live-device-changed"),
        directDiff.toString());
    assertTrue(
        codes(diffAt(report, timeout).get("findings")).contains("live-timeout-differs"),
        diffAt(report, timeout).toString());
    assertEquals(
        List.of("live-mount-missing"), codes(diffAt(report, missing).get("findings")), missing);
    assertEquals(1, report.get("extra").size(), report.get("extra").toString());
    assertEquals(extra, report.get("extra").get(0).get("mountpoint").asText());
    assertTrue(codes(report.get("findings")).contains("live-mount-extra"), diff.out());
    assertNoRequest("diff");

    // 5. The UI's live side has each planted difference's finding on its mount, and the extra one.
    LiveSnapshot plantedInUi = uiLiveHost(r);
    assertTrue(
        uiCodes(plantedInUi.of("/srv/auto-f3").orElseThrow()).contains("live-timeout-differs"),
        plantedInUi.toString());
    LiveMountState gone = plantedInUi.of("/srv/cata-f4").orElseThrow();
    assertFalse(gone.present(), gone.toString());
    // A dry session restored nothing: the mount missing is expected there (diff's is an error).
    assertEquals(List.of("live-mount-not-restored"), uiCodes(gone));
    assertEquals(
        deviceChanged,
        uiCodes(plantedInUi.of("/srv/direct-f2").orElseThrow()).contains("live-device-changed"),
        plantedInUi.toString());
    assertEquals(
        List.of(extra), plantedInUi.extra().stream().map(LiveMountState::mountpoint).toList());
    assertTrue(
        plantedInUi.findings().stream()
            .anyMatch(f -> f.code().equals("live-mount-extra") && f.fromLive()),
        plantedInUi.findings().toString());
    assertNoRequest("the UI's live side");
  }

  /** What the UI's live host reads, for a dry-run session of the multi fixture under {@code r}. */
  private static LiveSnapshot uiLiveHost(Path r) throws Exception {
    Inspection inspection = AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir("multi")));
    TuiLauncher.Session session =
        TuiLauncher.session(
            inspection,
            new Planner.Options(r, List.of(), OwnerMode.HANDOFF, false, 0, false),
            new TuiLauncher.Flags(false, false, true, false, false),
            HostSystem::new,
            r.resolveSibling("ui.log"));
    try {
      return session.model().liveHost().orElseThrow().read();
    } finally {
      session.controller().close();
    }
  }

  private static List<String> uiCodes(LiveMountState m) {
    return m.findings().stream().map(org.autofsrestore.ui.model.Finding::code).toList();
  }

  private JsonNode inspectLive() throws Exception {
    CommandRun run = CommandRun.of("inspect", "--live", "--json");
    assertTrue(run.status() == 0 || run.status() == 1, run.out() + run.err());
    return JSON.readTree(run.out());
  }

  private static JsonNode liveAt(JsonNode doc, String mountpoint) {
    for (JsonNode m : doc.get("autofs_mounts")) {
      if (m.get("mountpoint").asText().equals(mountpoint)) {
        return m;
      }
    }
    throw new AssertionError(mountpoint + " not listed: " + doc);
  }

  private static JsonNode diffAt(JsonNode doc, String target) {
    for (JsonNode m : doc.get("mounts")) {
      if (m.get("target").asText().equals(target)) {
        return m;
      }
    }
    throw new AssertionError(target + " not in the diff: " + doc);
  }

  private static List<String> codes(JsonNode findings) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : findings) {
      out.add(f.get("code").asText());
    }
    return out;
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asLong());
    }
    return out;
  }

  private int openMount(String target) throws Exception {
    MountInfo m = MountTable.readSelf().at(target).orElseThrow();
    return kernel.run(new AutofsIoctl.OpenMount(target, m.dev()));
  }

  private void takeOver(String target) throws Exception {
    int fd = openMount(target);
    ioctlFds.add(fd);
    kernel.run(new AutofsIoctl.SetPipeFd(fd, pipe.writeFd()));
  }

  /** No request reached the pipe: nothing looked a path up below a mount or opened a direct one. */
  private void assertNoRequest(String what) {
    assertFalse(kernel.run(new PosixCall.Poll(pipe.readFd(), 0)), what + " sent a request");
  }

  private static void awaitState(long pid, char state) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TimeScale.seconds(10));
    String stat = "";
    while (System.nanoTime() < deadline) {
      stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      if (stat.charAt(stat.lastIndexOf(')') + 2) == state) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(pid + " never reached state " + state + ": " + stat);
  }
}
