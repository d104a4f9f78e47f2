package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.time.Duration;
import java.util.List;
import org.autofsrestore.ui.model.OwnerMode;
import org.autofsrestore.ui.screen.ScreenApp;
import org.junit.jupiter.api.Test;

class OtherViewsTest {

  @Test
  void theRequestsViewShowsRequestsAsTheyArriveAndAnswersTheSelectedOne() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.type("3");
      assertTrue(h.screen().contains("No kernel requests yet"), h.screen());
      h.controller.addRequest(1, "/srv/auto-f1", 4321, 0, "host1");
      h.controller.addRequest(2, "/srv/auto-f3", 4400, 1000, "projects");
      h.ui.pump();
      String s = h.screen();
      assertTrue(h.row(2).contains("3 Requests 2 waiting"), h.row(2));
      assertTrue(
          h.row(h.rowOf("host1")).matches("12:04:31.101 +4321 +0 +/srv/auto-f1 +waiting +host1 *"),
          s);
      assertTrue(
          h.row(h.rowOf("projects"))
              .matches("12:04:31.102 +4400 +1000 +/srv/auto-f3 +waiting +projects *"),
          s);
      h.type("f");
      assertEquals(List.of("answer 2 FAIL"), h.controller.actions, "the newest is selected");
      assertTrue(h.row(h.rowOf("projects")).contains("FAIL sent"), h.screen());
      h.type("k").type("r");
      assertEquals(List.of("answer 2 FAIL", "answer 1 READY"), h.controller.actions);
      assertTrue(h.row(h.rowOf("host1")).contains("READY sent"));
      h.type("r");
      assertTrue(h.screen().contains("That request was already answered."));
    }
  }

  @Test
  void theRequestsViewSaysHowManyOlderRequestsAreNoLongerListedAboveTheKeptOnes() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.type("3");
      h.controller.requestsDropped = 98_999;
      h.controller.addRequest(99_000, "/srv/auto-f1", 4321, 65534, "k99000");
      h.ui.pump();
      int note = h.rowOf("98,999 older answered requests not listed");
      assertTrue(note > 0, h.screen());
      assertEquals(note + 1, h.rowOf("k99000"), h.screen());
      h.type("f");
      assertEquals(List.of("answer 99000 FAIL"), h.controller.actions, "still answerable");
    }
  }

  @Test
  void withHandoffTheRequestsViewExplainsWhereRequestsGo() throws Exception {
    SampleDump dump = SampleDump.multi(OwnerMode.HANDOFF, false);
    try (Harness h = new Harness(100, 30, dump, UiOptions.defaults())) {
      h.type("3");
      assertTrue(
          h.screen().contains("with --owner handoff the mounts' requests go to their new"),
          h.screen());
    }
  }

  @Test
  void theFindingsViewListsEveryFindingAndEnterOpensItsMount() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.type("2");
      String s = h.screen();
      assertTrue(s.contains("SEVERITY FROM CODE"), s);
      long rows =
          h.rows().stream()
              .filter(r -> r.matches("(ERROR|WARNING|INFO) +dump +[a-z-]+ +/srv/.*"))
              .count();
      assertEquals(5, rows, s);
      assertTrue(s.contains("→ Hand the mount to a freshly started automount"), s);
      h.type("/cata");
      assertTrue(!h.screen().contains("stale-device"), h.screen());
      h.press(KeyType.Enter).press(KeyType.Enter);
      assertEquals(ScreenApp.Page.DETAILS, h.ui.page());
      assertTrue(h.row(3).startsWith("/srv/cata-f4"), h.row(3));
      h.press(KeyType.Escape);
      assertEquals(ScreenApp.Page.FINDINGS, h.ui.page(), "Esc goes back where the user came from");
    }
  }

  @Test
  void theLogViewShowsTheLastLinesOfTheLog() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.type("4");
      String s = h.screen();
      assertTrue(s.contains("WARN  analysis: 2 mounts will keep a stale device number"), s);
      assertTrue(s.contains("record 40"), s);
      assertTrue(!s.contains("record 01\n") && !s.contains("record 1 "), s);
      h.dump.log.add("2025-11-24 09:02:00 INFO  restore: new line");
      h.ticker.advance(Duration.ofMillis(1100));
      h.ui.pump();
      assertTrue(h.screen().contains("restore: new line"), "refreshed every second");
    }
  }

  @Test
  void theLogPageRereadsTheLogOnceASecondHasPassedAndNotBefore() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.type("4");
      h.dump.log.add("2025-11-24 09:02:00 INFO  restore: new line");
      h.ticker.advance(Duration.ofMillis(999));
      h.ui.pump();
      assertFalse(h.screen().contains("restore: new line"), h.screen());
      h.ticker.advance(Duration.ofMillis(1));
      h.ui.pump();
      assertTrue(h.screen().contains("restore: new line"), h.screen());
    }
  }

  @Test
  void numberKeysSwitchViewsAndEscapeReturnsToTheMounts() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.type("2");
      assertEquals(ScreenApp.Page.FINDINGS, h.ui.page());
      h.type("3");
      assertEquals(ScreenApp.Page.REQUESTS, h.ui.page());
      h.type("4");
      assertEquals(ScreenApp.Page.LOG, h.ui.page());
      h.press(KeyType.Escape);
      assertEquals(ScreenApp.Page.MOUNTS, h.ui.page());
    }
  }
}
