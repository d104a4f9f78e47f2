package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.live.DiffReport;
import org.autofsrestore.app.live.DumpVsLive;
import org.autofsrestore.app.live.Expectation;
import org.autofsrestore.app.live.LiveAnalysis;
import org.autofsrestore.app.live.LiveFacts;
import org.autofsrestore.app.live.LiveMount;
import org.autofsrestore.app.live.MountDiff;
import org.autofsrestore.app.testing.CraftedProc;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.ui.model.LiveMountState;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.LiveValue;
import org.autofsrestore.ui.model.OwnerMode;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.SessionInfo;
import org.autofsrestore.ui.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI model's live side is diff's: on a crafted /proc of the multi fixture restored under /tmp/r
 * ({@link MultiLiveHost}), what DumpScreenModel's live host reads equals what {@link
 * DumpVsLive#diff} makes of {@link LiveFacts}, mount by mount and finding by finding.
 */
class LiveSideTest {
  static final Clock AT_12_04_31 =
      Clock.fixed(Instant.parse("2026-12-04T12:04:31Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  private static Inspection multi() throws Exception {
    return AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir("multi")));
  }

  private static DumpScreenModel model(Inspection inspection, Path proc) {
    SessionInfo info =
        new SessionInfo(
            inspection.imageDir().toString(), MultiLiveHost.ROOT, OwnerMode.HANDOFF, false, "/l");
    return new DumpScreenModel(
        inspection,
        info,
        Path.of("/nonexistent/log"),
        Optional.of(new LiveSide(inspection, MultiLiveHost.ROOT, proc, AT_12_04_31)));
  }

  @Test
  void theModelsLiveHostIsWhatDiffMakesOfTheLiveFactsMountByMount() throws Exception {
    Inspection inspection = multi();
    CraftedProc proc = MultiLiveHost.write(tmp.resolve("proc"));
    LiveSnapshot snap = model(inspection, proc.root()).liveHost().orElseThrow().read();
    DiffReport diff =
        DumpVsLive.diff(
            inspection,
            LiveAnalysis.view(LiveFacts.read(proc.root(), OptionalLong.empty())),
            MultiLiveHost.ROOT,
            Expectation.BEFORE_RESTORE);

    assertEquals("", snap.error());
    assertEquals("12:04:31", snap.readAt());
    assertEquals(
        diff.findings().stream().sorted(Finding.WORST_FIRST).map(DumpScreenModel::finding).toList(),
        snap.findings());
    assertTrue(snap.findings().stream().allMatch(f -> f.source().equals("live")), "all live");
    assertEquals(5, diff.mounts().size());
    for (MountDiff d : diff.mounts()) {
      LiveMountState s = snap.of(d.dump().mountpoint()).orElseThrow();
      assertEquals(d.target(), s.mountpoint());
      assertEquals(d.live().isPresent(), s.present(), d.target());
      assertEquals(d.live().map(LiveMount::device).orElse("-"), s.device(), d.target());
      assertEquals(d.live().map(LiveMount::catatonic).orElse(false), s.catatonic(), d.target());
      assertEquals(
          d.findings().stream().sorted(Finding.WORST_FIRST).map(DumpScreenModel::finding).toList(),
          s.findings(),
          d.target());
    }
    assertEquals(
        diff.extra().stream().map(LiveMount::mountpoint).toList(),
        snap.extra().stream().map(LiveMountState::mountpoint).toList());
  }

  /** A host with nothing restored: only its root file system is mounted. */
  private CraftedProc nothingRestored() throws Exception {
    return new CraftedProc(tmp.resolve("bare"))
        .process(500, 500, "autofs-restore", 'S', "4026531841")
        .mountinfo(500, "21 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw");
  }

  private static long errors(List<org.autofsrestore.ui.model.Finding> findings) {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
  }

  @Test
  void theDemoDumpOpensWithNoErrorInTheHeaderWhileNothingIsRestoredYet() throws Exception {
    // The demo dump is the multi fixture (app/pom.xml bundles it as demo-dump).
    Inspection inspection = multi();
    DumpScreenModel m = model(inspection, nothingRestored().root());
    LiveSnapshot snap = m.liveHost().orElseThrow().read();
    // The header counts the dump's findings and the live ones together.
    assertEquals(0, errors(m.findings()) + errors(snap.findings()), snap.findings().toString());
    assertEquals(5, snap.findings().size());
    assertTrue(
        snap.findings().stream().allMatch(f -> f.code().equals("live-mount-not-restored")),
        snap.findings().toString());
  }

  @Test
  void aMountTheSessionRestoredButMissingIsAnErrorBesideTheOthersNotRestoredYet() throws Exception {
    Inspection inspection = multi();
    LiveSide side =
        new LiveSide(
            inspection,
            MultiLiveHost.ROOT,
            nothingRestored().root(),
            AT_12_04_31,
            mountId ->
                LiveSide.of(
                    mountId.equals("/srv/cata-f4") ? Progress.PARKED : Progress.PREVIEWED, true));
    LiveSnapshot snap = side.read();
    assertEquals(List.of("live-mount-missing"), codes(snap.of("/srv/cata-f4").orElseThrow()));
    assertEquals(List.of("live-mount-not-restored"), codes(snap.of("/srv/auto-f1").orElseThrow()));
    assertEquals(1, errors(snap.findings()));
  }

  @Test
  void aDrySessionJudgesEveryMountNotRestoredWhateverItsPreviewSaid() {
    for (Progress p : Progress.values()) {
      assertEquals(Expectation.BEFORE_RESTORE, LiveSide.of(p, false), p.toString());
    }
    assertEquals(Expectation.AFTER_RESTORE, LiveSide.of(Progress.HANDED_OFF, true));
    assertEquals(Expectation.AFTER_RESTORE, LiveSide.of(Progress.FAILED, true));
    assertEquals(Expectation.BEFORE_RESTORE, LiveSide.of(Progress.UNDONE, true));
  }

  @Test
  void eachPlantedDifferenceIsOnItsMountBesideTheDumpsValue() throws Exception {
    Inspection inspection = multi();
    LiveSnapshot snap =
        model(inspection, MultiLiveHost.write(tmp.resolve("proc")).root())
            .liveHost()
            .orElseThrow()
            .read();

    LiveMountState f1 = snap.of("/srv/auto-f1").orElseThrow();
    assertEquals("automount[700] fd 3", f1.reader());
    assertEquals("automount[700] (pgrp 700)", f1.owner());
    assertEquals(List.of("stat[812] on /tmp/r/srv/auto-f1/key"), f1.sleepers());
    assertEquals(List.of("live-sleepers"), codes(f1));
    assertEquals(
        new LiveValue("pipe reader", "automountd fd 3", "automount[700] fd 3", false),
        value(f1, "pipe reader"));

    LiveMountState f2 = snap.of("/srv/direct-f2").orElseThrow();
    assertTrue(f2.catatonic());
    assertEquals("-", f2.reader(), "a parked mount has no pipe");
    assertEquals(List.of("live-catatonic"), codes(f2));
    assertEquals(new LiveValue("catatonic", "no", "yes", true), value(f2, "catatonic"));

    LiveMountState f5 = snap.of("/srv/data/offset-f5").orElseThrow();
    assertEquals(List.of("live-device-changed"), codes(f5));
    assertTrue(value(f5, "device").differs(), f5.toString());

    LiveMountState f3 = snap.of("/srv/auto-f3").orElseThrow();
    assertEquals(List.of("live-timeout-differs"), codes(f3));
    assertEquals(new LiveValue("timeout", "60", "61", true), value(f3, "timeout"));

    LiveMountState f4 = snap.of("/srv/cata-f4").orElseThrow();
    assertFalse(f4.present());
    assertEquals("tmpfs (tmpfs)", f4.instead());
    assertEquals(List.of("live-mount-not-restored"), codes(f4), "not restored by this session");

    assertEquals(
        List.of(
            "/tmp/r/srv/auto-f1",
            "/tmp/r/srv/direct-f2",
            "/tmp/r/srv/data/offset-f5",
            "/tmp/r/srv/auto-f3",
            "/tmp/r/srv/extra"),
        snap.host().stream().map(LiveMountState::mountpoint).toList(),
        "the live host's autofs mounts under the root, in mountinfo order");
    LiveMountState extra = snap.extra().get(0);
    assertEquals("", extra.dumpMountId());
    assertEquals(List.of("live-mount-extra"), codes(extra));
  }

  @Test
  void aHostThatCannotBeReadIsASnapshotNamingTheFile() throws Exception {
    Inspection inspection = multi();
    Path none = tmp.resolve("no-proc");
    LiveSnapshot snap = model(inspection, none).liveHost().orElseThrow().read();
    assertEquals(
        "The live host cannot be read: "
            + none.resolve("self/mountinfo")
            + " does not exist: no"
            + " /proc",
        snap.error());
    assertEquals(List.of(), snap.findings());
    assertEquals("12:04:31", snap.readAt());
  }

  private static List<String> codes(LiveMountState m) {
    return m.findings().stream().map(org.autofsrestore.ui.model.Finding::code).toList();
  }

  private static LiveValue value(LiveMountState m, String field) {
    return m.values().stream().filter(v -> v.field().equals(field)).findFirst().orElseThrow();
  }
}
