package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import org.autofsrestore.ui.screen.ScreenApp;
import org.junit.jupiter.api.Test;

class MountListScreenTest {

  @Test
  void theListShowsAllFiveMountsOfTheMultiDump() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      String screen = h.screen();
      for (String mp :
          new String[] {
            "/srv/auto-f1", "/srv/direct-f2", "/srv/data/offset-f5", "/srv/auto-f3", "/srv/cata-f4"
          }) {
        assertTrue(screen.contains(mp), mp + " missing from\n" + screen);
      }
    }
  }

  @Test
  void eachRowShowsModeTimeoutFdPgrpOwnerCatatonicProgressAndWorstFinding() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      String header = h.row(3);
      for (String column :
          new String[] {
            "MOUNTPOINT", "MODE", "TMO", "FD", "PGRP", "OWNER", "CAT", "PROGRESS", "FINDING"
          }) {
        assertTrue(header.contains(column), column + " missing from " + header);
      }
      String f1 = h.row(h.rowOf("/srv/auto-f1"));
      assertTrue(
          f1.matches(
              ".*/srv/auto-f1 +indirect +300 +5 +32 automountd no +- +I mount-below-indirect.*"),
          f1);
      String f2 = h.row(h.rowOf("/srv/direct-f2"));
      assertTrue(f2.matches(".*direct +600 +7 .*W stale-device-in-owner.*"), f2);
      assertTrue(h.row(h.rowOf("/srv/data/offset-f5")).contains("offset"));
      String f4 = h.row(h.rowOf("/srv/cata-f4"));
      assertTrue(f4.matches(".*/srv/cata-f4 +direct +120 +-1 +13516 - +yes +- +I catatonic.*"), f4);
    }
  }

  @Test
  void theHeaderShowsTheDumpDirectoryTheCountsAndTheDryRunBanner() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      assertTrue(h.row(0).startsWith(" DRY RUN "), h.row(0));
      assertTrue(h.row(0).contains(h.dump.session().dumpDirectory()), h.row(0));
      assertTrue(h.row(1).contains("5 autofs mounts"), h.row(1));
      assertTrue(h.row(1).contains("0 errors, 2 warnings, 3 info"), h.row(1));
    }
  }

  @Test
  void theBannerSaysLiveAndSandboxWhenTheSessionIs() throws Exception {
    SampleDump dump = SampleDump.multi(org.autofsrestore.ui.model.OwnerMode.HOLD, true);
    SampleController controller = new SampleController(dump);
    controller.live = true;
    try (Harness h = new Harness(80, 24, dump, controller, UiOptions.defaults(), Runnable::run)) {
      assertTrue(h.row(0).startsWith(" LIVE   SANDBOX "), h.row(0));
    }
  }

  @Test
  void arrowsAndJKMoveTheSelectionAndEnterOpensTheSelectedMount() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      h.press(KeyType.ArrowDown).type("j").type("k").press(KeyType.ArrowDown);
      h.press(KeyType.Enter);
      assertEquals(ScreenApp.Page.DETAILS, h.ui.page());
      assertTrue(h.row(3).startsWith("/srv/data/offset-f5"), h.row(3));
      h.press(KeyType.Escape);
      assertEquals(ScreenApp.Page.MOUNTS, h.ui.page());
    }
  }

  @Test
  void slashFiltersTheListAndEscapeClearsTheFilter() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      h.type("/auto-f");
      String screen = h.screen();
      assertTrue(screen.contains("/srv/auto-f1"));
      assertTrue(screen.contains("/srv/auto-f3"));
      assertFalse(screen.contains("/srv/direct-f2"), screen);
      assertFalse(screen.contains("/srv/cata-f4"), screen);
      assertTrue(h.row(22).startsWith("Filter: auto-f"), screen);
      h.press(KeyType.Enter);
      assertTrue(h.row(2).contains("/auto-f: 2 of 5"), h.row(2));
      h.type("j").press(KeyType.Enter);
      assertTrue(h.row(3).startsWith("/srv/auto-f3"), h.row(3));
      h.press(KeyType.Escape).press(KeyType.Escape);
      assertTrue(h.screen().contains("/srv/cata-f4"));
      assertFalse(h.row(2).contains("/auto-f"), h.row(2));
    }
  }

  @Test
  void aFilterThatMatchesNothingSaysSo() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      h.type("/nothing-like-this").press(KeyType.Enter);
      assertTrue(h.screen().contains("No mount matches the filter 'nothing-like-this'"));
      h.press(KeyType.Enter).type("jk");
      assertEquals(ScreenApp.Page.MOUNTS, h.ui.page());
    }
  }

  @Test
  void aListOfTenThousandMountsShowsOnlyAWindowAndFollowsTheCursor() throws Exception {
    try (Harness h = new Harness(80, 24, SampleDump.large(10_000), UiOptions.defaults())) {
      assertTrue(h.screen().contains("/srv/host00000/auto"));
      h.press(KeyType.End);
      assertTrue(h.screen().contains("/srv/host09999/auto"), h.screen());
      assertFalse(h.screen().contains("/srv/host00000/auto"));
      h.press(KeyType.Home).press(KeyType.PageDown);
      assertTrue(h.screen().contains("/srv/host00018/auto"), h.screen());
      h.type("/host0424");
      assertTrue(h.row(2).contains("/host0424: 10 of 10000"), h.row(2));
      assertTrue(h.screen().contains("/srv/host04249/auto"));
    }
  }

  @Test
  void stepKeysInTheListExplainThatAMountMustBeOpenedFirst() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      h.type("n");
      assertTrue(h.row(22).contains("Open a mount first"), h.row(22));
      assertTrue(h.controller.actions.isEmpty());
    }
  }
}
