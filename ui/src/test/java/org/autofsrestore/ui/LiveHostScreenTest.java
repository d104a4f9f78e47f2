package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.ui.model.LiveMountState;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.screen.ScreenApp;
import org.junit.jupiter.api.Test;

/**
 * The live host beside the dump, at 80x24, over the sample's live host (the multi fixture restored
 * under /tmp/r, as app's real model reads a crafted /proc of it): the details view's live section,
 * the live findings in the findings view, the list turned to the live host, and the re-read.
 */
class LiveHostScreenTest {

  @Test
  void theDetailsShowTheLiveMountBesideTheDumpsValuesAndItsLiveFinding() throws Exception {
    try (Harness h = new Harness(80, 24, SampleDump.multiLive(), UiOptions.defaults())) {
      h.type("jjj").press(KeyType.Enter);
      String s = h.screen();
      assertTrue(s.contains("Live host at /tmp/r/srv/auto-f3  read 12:04:31 (R re-reads)"), s);
      assertTrue(h.row(h.rowOf("  FIELD ")).matches(" +FIELD +DUMP +LIVE NOW *"), s);
      assertTrue(h.row(h.rowOf("  timeout ")).matches(" +timeout +60 +61 +≠ differs *"), s);
      assertTrue(h.row(h.rowOf("  mode ")).matches(" +mode +indirect +indirect *"), s);
      assertTrue(
          h.row(h.rowOf("  pipe reader "))
              .matches(" +pipe reader +automountd fd 3 +automount\\[700\\] fd 3 *"),
          s);
      h.press(KeyType.End);
      s = h.screen();
      assertTrue(s.contains("live-timeout-differs  live, read 12:04:31"), s);
      assertTrue(s.contains("The expire timeout is 61s now; the dump's was 60s."), s);
    }
  }

  @Test
  void aMountMissingOnTheLiveHostSaysWhatIsMountedThereInstead() throws Exception {
    try (Harness h = new Harness(80, 24, SampleDump.multiLive(), UiOptions.defaults())) {
      h.type("jjjj").press(KeyType.Enter);
      String s = h.screen();
      assertTrue(s.contains("Live host at /tmp/r/srv/cata-f4"), s);
      assertTrue(
          s.contains("≠ missing: no autofs mount at /tmp/r/srv/cata-f4; tmpfs (tmpfs) is"), s);
    }
  }

  @Test
  void theSleepersOnAMountAreListedUnderItsLiveValues() throws Exception {
    try (Harness h = new Harness(80, 24, SampleDump.multiLive(), UiOptions.defaults())) {
      h.press(KeyType.Enter);
      assertTrue(
          h.screen().contains("  asleep on it: stat[812] on /tmp/r/srv/auto-f1/key"), h.screen());
    }
  }

  @Test
  void theFindingsViewMarksTheLiveFindingsAndEnterOpensTheirDumpMount() throws Exception {
    SampleDump dump = SampleDump.multiLive();
    try (Harness h = new Harness(80, 24, dump, UiOptions.defaults())) {
      h.type("2");
      assertTrue(
          h.row(2).contains(" 2 Findings " + (dump.findings.size() + dump.live.findings().size())),
          h.row(2));
      long live = h.rows().stream().filter(r -> r.matches("(ERROR|WARNING|INFO) +live .*")).count();
      assertEquals(Math.min(dump.live.findings().size(), 24 - 5 - 1 - 7), live, h.screen());
      h.type("/timeout-differs").press(KeyType.Enter);
      String s = h.screen();
      assertTrue(s.contains("(live host, read 12:04:31)"), s);
      h.press(KeyType.Enter);
      assertEquals(ScreenApp.Page.DETAILS, h.ui.page());
      assertTrue(h.row(3).startsWith("/srv/auto-f3"), h.row(3));
    }
  }

  @Test
  void hTurnsTheListToTheLiveHostWithTheMountsTheDumpLacksAndMisses() throws Exception {
    try (Harness h = new Harness(80, 24, SampleDump.multiLive(), UiOptions.defaults())) {
      h.type("h");
      assertEquals(ScreenApp.Page.LIVE_HOST, h.ui.page());
      String s = h.screen();
      assertTrue(s.contains("Live host  1 not in the dump"), s);
      assertTrue(h.row(h.rowOf("/tmp/r/srv/extra")).contains(" extra "), s);
      assertTrue(h.row(h.rowOf("/tmp/r/srv/cata-f4")).contains(" missing "), s);
      assertTrue(
          h.row(h.rowOf("/tmp/r/srv/direct-f2"))
              .matches(".* yes +direct +0:64 +yes +autofs-restore… .*"),
          s);
      h.press(KeyType.End);
      assertTrue(h.screen().contains("live-mount-not-restored"), h.screen());
      h.press(KeyType.ArrowUp).press(KeyType.Enter);
      assertTrue(h.screen().contains("The dump has no mount at /tmp/r/srv/extra"), h.screen());
      h.press(KeyType.Home).press(KeyType.Enter);
      assertEquals(ScreenApp.Page.DETAILS, h.ui.page());
      h.press(KeyType.Escape);
      assertEquals(ScreenApp.Page.LIVE_HOST, h.ui.page(), "back where the mount was opened from");
      h.type("h");
      assertEquals(ScreenApp.Page.MOUNTS, h.ui.page());
    }
  }

  @Test
  void theLiveHostIsReadOffTheUiThreadAndTheScreenSaysSoUntilTheReadComesBack() throws Exception {
    SampleDump dump = SampleDump.multiLive();
    List<Runnable> queued = new ArrayList<>();
    try (Harness h =
        new Harness(80, 24, dump, new SampleController(dump), UiOptions.defaults(), queued::add)) {
      h.press(KeyType.Enter);
      assertEquals(0, dump.liveReads, "not read on the UI thread");
      assertTrue(h.screen().contains("Live host at /tmp/r/srv/auto-f1  reading /proc"), h.screen());
      assertEquals(1, queued.size());
      queued.remove(0).run();
      h.press(KeyType.ArrowDown).press(KeyType.ArrowUp);
      assertEquals(1, dump.liveReads);
      assertTrue(h.screen().contains("read 12:04:31 (R re-reads)"), h.screen());
    }
  }

  @Test
  void rReadsTheHostAgainAndTheViewsShowTheNewRead() throws Exception {
    SampleDump dump = SampleDump.multiLive();
    try (Harness h = new Harness(80, 24, dump, UiOptions.defaults())) {
      h.type("jjj").press(KeyType.Enter);
      assertTrue(h.row(h.rowOf("  timeout ")).contains("≠ differs"), h.screen());
      assertEquals(1, dump.liveReads, "read once when the UI opened");
      // The operator set the timeout back: the next read has no difference on that mount.
      LiveSnapshot before = dump.live;
      LiveMountState f3 = before.byMount().get("/srv/auto-f3");
      java.util.Map<String, LiveMountState> by = new java.util.LinkedHashMap<>(before.byMount());
      by.put(
          f3.dumpMountId(),
          new LiveMountState(
              f3.mountpoint(),
              f3.dumpMountId(),
              true,
              "",
              f3.mode(),
              f3.device(),
              false,
              f3.owner(),
              true,
              f3.reader(),
              List.of(),
              "",
              f3.values().stream()
                  .map(
                      v ->
                          v.field().equals("timeout")
                              ? new org.autofsrestore.ui.model.LiveValue(
                                  "timeout", "60", "60", false)
                              : v)
                  .toList(),
              List.of()));
      dump.live =
          new LiveSnapshot(
              "12:05:00",
              before.root(),
              "",
              by,
              before.host(),
              before.findings().stream()
                  .filter(f -> !f.code().equals("live-timeout-differs"))
                  .toList());
      h.type("R");
      assertEquals(2, dump.liveReads);
      String s = h.screen();
      assertTrue(s.contains("read 12:05:00 (R re-reads)"), s);
      assertFalse(h.row(h.rowOf("  timeout ")).contains("differs"), s);
      h.type("2/timeout-differs");
      assertTrue(h.screen().contains("No finding matches 'timeout-differs'."), h.screen());
    }
  }

  @Test
  void aSessionWithoutALiveHostShowsNoLiveSection() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      h.press(KeyType.Enter);
      assertFalse(h.screen().contains("Live host"), h.screen());
      h.press(KeyType.Escape).type("h");
      assertTrue(h.screen().contains("This session shows no live host."), h.screen());
    }
  }

  @Test
  void aLiveStepReadsTheHostAgainAndADryRunPreviewDoesNot() throws Exception {
    SampleDump dump = SampleDump.multiLive();
    try (Harness h = new Harness(80, 24, dump, UiOptions.defaults())) {
      h.type("r").type("n");
      assertEquals(List.of("nextStep /srv/auto-f1"), h.controller.actions);
      assertEquals(1, dump.liveReads, "a preview changes nothing on the host");
      h.controller.live = true;
      h.type("n").type("y");
      assertEquals(2, h.controller.actions.size());
      assertEquals(2, dump.liveReads, "the step may have changed the host");
    }
  }

  @Test
  void rWhileAReadRunsIsServedByOneMoreReadAfterIt() throws Exception {
    SampleDump dump = SampleDump.multiLive();
    List<Runnable> queued = new ArrayList<>();
    try (Harness h =
        new Harness(80, 24, dump, new SampleController(dump), UiOptions.defaults(), queued::add)) {
      h.type("R").type("R").type("R");
      assertEquals(1, queued.size(), "one read at a time");
      queued.remove(0).run();
      h.press(KeyType.ArrowDown);
      assertEquals(1, queued.size(), "the three R's asked for one more read");
      queued.remove(0).run();
      h.press(KeyType.ArrowUp);
      assertEquals(List.of(), queued);
      assertEquals(2, dump.liveReads);
    }
  }
}
