package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.restore.RunValues;
import org.autofsrestore.app.restore.Stage;
import org.autofsrestore.app.restore.Step;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** The real screens over the real model of the multi fixture, headless. */
class TuiOnTheRealModelTest {
  private static final Path ROOT = Path.of("/nonexistent-root");
  private static final List<String> MULTI =
      List.of(
          "/srv/auto-f1", "/srv/direct-f2", "/srv/data/offset-f5", "/srv/auto-f3", "/srv/cata-f4");

  private static Inspection multi() throws Exception {
    return AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir("multi")));
  }

  private static Planner.Options options() {
    return new Planner.Options(ROOT, List.of(), OwnerMode.HANDOFF, true, 0, false);
  }

  private static TuiLauncher.Session session(Inspection inspection) {
    return TuiLauncher.session(
        inspection,
        options(),
        new TuiLauncher.Flags(false, false, false, false, false),
        HostSystem::new,
        org.autofsrestore.app.cli.LogSetup.logFile());
  }

  @Test
  void theListShowsAllFiveMountsOfMultiUnderADryRunBanner() throws Exception {
    try (VirtualScreen screen = new VirtualScreen(session(multi()), 80, 24)) {
      String text = screen.screen();
      for (String mountpoint : MULTI) {
        assertTrue(text.contains(mountpoint), mountpoint + " in\n" + text);
      }
      assertTrue(screen.rows().get(0).contains("DRY RUN"), text);
      assertTrue(text.contains("5 autofs mounts"), text);
    }
  }

  @Test
  void detailsShowTheDecodedOptionsAndTheOwner() throws Exception {
    try (VirtualScreen screen = new VirtualScreen(session(multi()), 100, 60)) {
      screen.type("jjj").press(KeyType.Enter); // the fourth row: /srv/auto-f3
      String text = screen.screen();
      assertTrue(text.contains("/srv/auto-f3"), text);
      assertTrue(text.contains("fd=5,uid=1000,gid=1000,pgrp=12634"), "raw options:\n" + text);
      assertTrue(text.matches("(?s).*uid\\s+1000.*"), "decoded uid:\n" + text);
      assertTrue(text.contains("automountd"), "owner comm:\n" + text);
      assertTrue(text.contains("34"), "owner pid:\n" + text);
    }
  }

  @Test
  void theStepperShowsTheExactCallsOfThePlan() throws Exception {
    Inspection inspection = multi();
    Plan plan = Planner.plan(inspection, new HostSystem(), options());
    try (VirtualScreen screen = new VirtualScreen(session(inspection), 200, 60)) {
      screen.type("r");
      String text = screen.screen();
      for (Stage stage : plan.mounts().get(0).stages()) {
        for (Step step : stage.steps()) {
          String call = step.text(RunValues.NONE);
          assertTrue(text.contains(call), call + " on screen:\n" + text);
        }
      }
      screen.type("n");
      assertTrue(screen.screen().contains("PREVIEWED"), screen.screen());
    }
  }

  @Test
  void resizingTo80x24AndTo200x60RedrawsTheWholeList() throws Exception {
    try (VirtualScreen screen = new VirtualScreen(session(multi()), 120, 40)) {
      for (int[] size : new int[][] {{80, 24}, {200, 60}, {80, 24}}) {
        screen.resize(size[0], size[1]);
        assertEquals(size[1], screen.rows().size());
        assertTrue(screen.rows().get(0).contains("DRY RUN"));
        for (String mountpoint : MULTI) {
          assertTrue(screen.screen().contains(mountpoint), size[0] + "x" + size[1]);
        }
      }
    }
  }

  @Test
  void questionMarkListsTheKeysAndTheLogFile() throws Exception {
    try (VirtualScreen screen = new VirtualScreen(session(multi()), 100, 40)) {
      screen.type("?");
      String text = screen.screen();
      for (String key : List.of("Enter", "Esc", "n", "s", "a", "u", "q", "/")) {
        assertTrue(text.contains(key), key + " in help:\n" + text);
      }
      assertTrue(text.contains(".log"), "the log file's path:\n" + text);
      assertFalse(text.contains("Exception"));
    }
  }
}
