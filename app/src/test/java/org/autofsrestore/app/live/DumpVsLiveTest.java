package org.autofsrestore.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.synth.AutofsSpec;
import org.autofsrestore.app.synth.DumpBuilder;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.CraftedProc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diff as a pure function of a dump built here and a crafted /proc: one test per difference. The
 * dump's mount is /srv/auto (indirect, superblock 0:50, timeout 300, protocol 5..5) served by its
 * automount (pid 32) through pipe 28133; the live host has that automount running again.
 */
class DumpVsLiveTest {
  private static final String MOUNT = "/srv/auto";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** How many dumps and /proc trees this test made: each goes into a folder of its own. */
  private int dumps;

  private int procs;

  private Inspection dump(String mountpoint, Consumer<AutofsSpec> change) throws Exception {
    DumpBuilder b =
        new DumpBuilder()
            .process(1, "init")
            .process(32, 1, 32, 32, "automount")
            .pipe(32, 3, 5, 28133)
            .autofsMount(
                mountpoint,
                a -> {
                  a.indirect().owner(32, 5, 28133).superblock(50).source("/etc/auto.srv");
                  change.accept(a);
                });
    return AutofsAnalysis.inspect(
        DumpLoader.load(b.write(tmp.resolve(dumps++ == 0 ? "dump" : "dump" + dumps))));
  }

  private CraftedProc host(String... autofsLines) throws Exception {
    String[] lines = new String[autofsLines.length + 1];
    lines[0] = LiveAnalysisTest.ROOT_LINE;
    System.arraycopy(autofsLines, 0, lines, 1, autofsLines.length);
    return new CraftedProc(tmp.resolve("proc" + procs++))
        .process(500, 500, "autofs-restore", 'R', "1")
        .mountinfo(500, lines)
        .process(32, 32, "automount", 'S', "1")
        .pipeFd(32, 3, 28133, 0)
        .pipeFd(32, 5, 28133, 1);
  }

  /** An autofs line at {@code mountpoint} on device 0:{@code minor} with these super options. */
  private static String line(int minor, String mountpoint, String options) {
    return "45 21 0:"
        + minor
        + " / "
        + mountpoint
        + " rw,relatime - autofs /etc/auto.srv rw,"
        + options;
  }

  private static final String AS_DUMPED =
      "fd=5,pgrp=32,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=28133";

  private DiffReport diff(Inspection dump, CraftedProc proc, String root) throws Exception {
    return DumpVsLive.diff(
        dump, LiveAnalysis.view(LiveFacts.read(proc.root(), OptionalLong.empty())), root);
  }

  private static List<FindingCode> codes(List<Finding> findings) {
    return findings.stream().map(Finding::code).toList();
  }

  @Test
  void aMountAsItWasHasNoFindingEvenOnANewDeviceBecauseItIsIndirect() throws Exception {
    DiffReport r = diff(dump(MOUNT, a -> {}), host(line(63, MOUNT, AS_DUMPED)), "/");
    assertEquals(List.of(), r.findings());
    assertEquals("0:63", r.mounts().get(0).live().orElseThrow().device());
    assertEquals(List.of(), r.extra());
  }

  @Test
  @Shows(FindingCode.LIVE_MOUNT_MISSING)
  void aDumpMountNotMountedAtRootPlusItsMountPointIsMissing() throws Exception {
    DiffReport r = diff(dump(MOUNT, a -> {}), host(line(50, MOUNT, AS_DUMPED)), "/restored");
    Finding f = r.mounts().get(0).findings().get(0);
    assertEquals(FindingCode.LIVE_MOUNT_MISSING, f.code());
    assertEquals("/restored/srv/auto", f.mountpoint());
    assertEquals(
        "Restore it: autofs-restore restore "
            + tmp.resolve("dump")
            + " --root /restored --mount /srv/auto.",
        f.action());
    assertEquals(List.of(), r.extra(), "/srv/auto is not below /restored");
  }

  @Test
  @Shows(FindingCode.LIVE_MOUNT_NOT_RESTORED)
  void beforeARestoreAMountMissingAtTheRootIsANoteAndAfterItTheSameMountIsAnError()
      throws Exception {
    Inspection dump = dump(MOUNT, a -> {});
    LiveView live = LiveAnalysis.view(LiveFacts.read(host().root(), OptionalLong.empty()));
    DiffReport before = DumpVsLive.diff(dump, live, "/restored", Expectation.BEFORE_RESTORE);
    Finding f = before.mounts().get(0).findings().get(0);
    assertEquals(FindingCode.LIVE_MOUNT_NOT_RESTORED, f.code());
    assertEquals(Severity.INFO, f.severity());
    assertEquals("/restored/srv/auto", f.mountpoint());
    assertTrue(
        f.action()
            .endsWith(
                "autofs-restore restore "
                    + tmp.resolve("dump")
                    + " --root /restored --mount /srv/auto."),
        f.action());
    assertEquals(0, before.count(Severity.ERROR));

    DiffReport after = DumpVsLive.diff(dump, live, "/restored", Expectation.AFTER_RESTORE);
    assertEquals(List.of(FindingCode.LIVE_MOUNT_MISSING), codes(after.mounts().get(0).findings()));
    assertEquals(1, after.count(Severity.ERROR));
    assertEquals(
        codes(after.findings()),
        codes(DumpVsLive.diff(dump, live, "/restored").findings()),
        "diff's judgement is the one after a restore");
  }

  @Test
  void diffJudgesAMissingMountAsAnErrorAsBefore() throws Exception {
    dump(MOUNT, a -> {});
    CommandRun run =
        CommandRun.of(
            "diff",
            tmp.resolve("dump").toString(),
            "--root",
            "/restored",
            "--proc-root",
            host().root().toString(),
            "--json");
    assertEquals(1, run.status(), run.out() + run.err());
    JsonNode codes = JSON.readTree(run.out()).get("findings");
    assertEquals("live-mount-missing", codes.get(0).get("code").asText(), run.out());
    assertEquals("error", codes.get(0).get("severity").asText(), run.out());
  }

  @Test
  @Shows(FindingCode.LIVE_MODE_DIFFERS)
  void aMountOfAnotherModeDiffers() throws Exception {
    DiffReport r =
        diff(
            dump(MOUNT, a -> {}),
            host(line(50, MOUNT, AS_DUMPED.replace("indirect", "offset"))),
            "/");
    assertEquals(List.of(FindingCode.LIVE_MODE_DIFFERS), codes(r.findings()));
    assertEquals(
        "The mount is offset now; the dump's was indirect.", r.findings().get(0).message());
  }

  @Test
  @Shows(FindingCode.LIVE_TIMEOUT_DIFFERS)
  void anotherTimeoutDiffers() throws Exception {
    DiffReport r =
        diff(
            dump(MOUNT, a -> {}),
            host(line(50, MOUNT, AS_DUMPED.replace("timeout=300", "timeout=61"))),
            "/");
    assertEquals(List.of(FindingCode.LIVE_TIMEOUT_DIFFERS), codes(r.findings()));
    assertEquals(
        "The expire timeout is 61s now; the dump's was 300s.", r.findings().get(0).message());
  }

  @Test
  @Shows(FindingCode.LIVE_PROTOCOL_DIFFERS)
  void anotherProtocolRangeDiffers() throws Exception {
    DiffReport r =
        diff(
            dump(MOUNT, a -> {}),
            host(line(50, MOUNT, AS_DUMPED.replace("minproto=5", "minproto=3"))),
            "/");
    assertEquals(List.of(FindingCode.LIVE_PROTOCOL_DIFFERS), codes(r.findings()));
    assertEquals(
        "The protocol range is 3..5 now; the dump's was 5..5.", r.findings().get(0).message());
  }

  @Test
  @Shows(FindingCode.LIVE_CATATONIC)
  void aMountParkedNowThatWasOwnedWhenDumpedIsCatatonic() throws Exception {
    DiffReport r =
        diff(
            dump(MOUNT, a -> {}),
            host(
                line(
                    50,
                    MOUNT,
                    "fd=-1,pgrp=32,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=-1")),
            "/");
    assertEquals(List.of(FindingCode.LIVE_CATATONIC), codes(r.findings()));
    assertTrue(
        r.findings().get(0).message().endsWith("owned by automount[32]."),
        r.findings().get(0).message());
    DiffReport both =
        diff(
            dump("/srv/other", a -> a.catatonic(32)),
            host(
                line(
                    50,
                    "/srv/other",
                    "fd=-1,pgrp=32,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=-1")),
            "/");
    assertEquals(List.of(), both.findings(), "parked then, parked now");
  }

  @Test
  @Shows(FindingCode.LIVE_CATATONIC_SYSTEMD)
  void aSystemdAutomountParkedNowNamesItsUnitToRestart() throws Exception {
    DiffReport r =
        diff(
            dump("/srv/my dir", a -> a.direct().source("systemd-1")),
            host(
                "47 21 0:50 / /srv/my\\040dir rw,relatime - autofs systemd-1"
                    + " rw,fd=-1,pgrp=1,timeout=300,minproto=5,maxproto=5,direct,pipe_ino=-1"),
            "/");
    List<FindingCode> codes = codes(r.findings());
    assertTrue(codes.contains(FindingCode.LIVE_CATATONIC_SYSTEMD), codes.toString());
    assertFalse(codes.contains(FindingCode.LIVE_CATATONIC), codes.toString());
    Finding f = r.findings().get(codes.indexOf(FindingCode.LIVE_CATATONIC_SYSTEMD));
    assertEquals(
        "Run systemctl restart srv-my\\x20dir.automount, so that systemd mounts it again.",
        f.action());
  }

  @Test
  @Shows({FindingCode.LIVE_DEVICE_CHANGED, FindingCode.LIVE_DEVICE_CHANGED_SYSTEMD})
  void aDirectMountOnANewDeviceHangsItsOldOwnerAndSystemdsWhateverTheOwner() throws Exception {
    String direct = AS_DUMPED.replace("indirect", "direct");
    DiffReport owned = diff(dump(MOUNT, AutofsSpec::direct), host(line(63, MOUNT, direct)), "/");
    assertEquals(List.of(FindingCode.LIVE_DEVICE_CHANGED), codes(owned.findings()));
    Finding f = owned.findings().get(0);
    assertTrue(
        f.message().startsWith("The device number is 0:63 now; the dump's was 0:50"), f.message());
    assertTrue(f.action().contains("automount[32] (pgrp 32)"), f.action());

    DiffReport systemd =
        diff(
            dump("/srv/my dir", a -> a.direct().source("systemd-1")),
            host(
                "47 21 0:64 / /srv/my\\040dir rw,relatime - autofs systemd-1"
                    + " rw,fd=-1,pgrp=1,timeout=300,minproto=5,maxproto=5,direct,pipe_ino=-1"),
            "/");
    List<FindingCode> codes = codes(systemd.findings());
    assertTrue(codes.contains(FindingCode.LIVE_DEVICE_CHANGED_SYSTEMD), codes.toString());
    assertFalse(codes.contains(FindingCode.LIVE_DEVICE_CHANGED), codes.toString());
    Finding s = systemd.findings().get(codes.indexOf(FindingCode.LIVE_DEVICE_CHANGED_SYSTEMD));
    assertEquals("Run systemctl restart srv-my\\x20dir.automount.", s.action());
  }

  @Test
  @Shows(FindingCode.LIVE_MOUNT_EXTRA)
  void aLiveAutofsMountBelowTheRootThatTheDumpLacksIsExtra() throws Exception {
    DiffReport r =
        diff(
            dump(MOUNT, a -> {}),
            host(
                line(50, "/r/srv/auto", AS_DUMPED),
                line(70, "/r/srv/new", AS_DUMPED),
                line(71, "/elsewhere", AS_DUMPED)),
            "/r/");
    assertEquals(List.of(FindingCode.LIVE_MOUNT_EXTRA), codes(r.findings()));
    assertEquals("/r/srv/new", r.findings().get(0).mountpoint());
    assertEquals(List.of("/r/srv/new"), r.extra().stream().map(LiveMount::mountpoint).toList());
  }

  @Test
  void theLiveMountsOwnFindingsAreTheDiffsTooAndTheCommandExitsOne() throws Exception {
    Inspection d = dump(MOUNT, a -> {});
    CraftedProc proc = host(line(50, MOUNT, AS_DUMPED.replace("pipe_ino=28133", "pipe_ino=4444")));
    DiffReport r = diff(d, proc, "/");
    assertEquals(List.of(FindingCode.LIVE_PIPE_UNREAD), codes(r.findings()));

    CommandRun run =
        CommandRun.of(
            "diff",
            tmp.resolve("dump").toString(),
            "--json",
            "--proc-root",
            proc.root().toString());
    assertEquals(1, run.status(), run.err());
    JsonNode doc = JSON.readTree(run.out());
    JsonNode m = doc.get("mounts").get(0);
    assertEquals("differs", m.get("state").asText());
    assertEquals("0:50", m.get("dump").get("root_dev").asText());
    assertEquals("0:50", m.get("live").get("dev").asText());
    assertEquals("live-pipe-unread", m.get("findings").get(0).get("code").asText());
    CommandRun table =
        CommandRun.of(
            "diff", tmp.resolve("dump").toString(), "--proc-root", proc.root().toString());
    assertTrue(table.out().contains("live-pipe-unread  /srv/auto"), table.out());
    assertEquals(3, CommandRun.of("diff", tmp.resolve("nothing").toString()).status());
  }

  @Test
  void everyLiveFindingCodeHasATest() {
    Set<FindingCode> shown = EnumSet.noneOf(FindingCode.class);
    for (Class<?> c : List.of(DumpVsLiveTest.class, LiveAnalysisTest.class)) {
      Arrays.stream(c.getDeclaredMethods())
          .map(m -> m.getAnnotation(Shows.class))
          .filter(java.util.Objects::nonNull)
          .forEach(s -> shown.addAll(List.of(s.value())));
    }
    EnumSet<FindingCode> live = EnumSet.noneOf(FindingCode.class);
    for (FindingCode c : FindingCode.values()) {
      if (c.source() == FindingCode.Source.LIVE) {
        live.add(c);
      }
    }
    live.removeAll(shown);
    assertEquals(EnumSet.noneOf(FindingCode.class), live, "live codes without a test");
  }
}
