package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.autofsrestore.ui.model.UnfinishedRun;
import org.junit.jupiter.api.Test;

/** The offer of an unfinished run when the UI opens, and again on J: resume, undo, or later. */
class UnfinishedRunOfferTest {
  private static final String JOURNAL = "/state/autofs-restore/journal-20261204-101500-000.jsonl";

  private static Harness opened(UnfinishedRun... runs) throws Exception {
    SampleDump dump = SampleDump.multi();
    SampleController controller = new SampleController(dump);
    controller.unfinished.addAll(List.of(runs));
    return new Harness(100, 30, dump, controller, UiOptions.defaults(), Runnable::run);
  }

  private static UnfinishedRun ownRun() {
    return new UnfinishedRun(
        JOURNAL,
        List.of(
            "Last written 2026-12-04 10:15:02.",
            "The run of /dumps/multi under /tmp/r, owner handoff, every autofs mount."),
        "");
  }

  @Test
  void anUnfinishedRunIsOfferedWhenTheUiOpensAndRResumesItLive() throws Exception {
    try (Harness h = opened(ownRun())) {
      String s = h.screen();
      assertTrue(s.contains("Unfinished restore"), s);
      assertTrue(s.contains("journal-20261204-101500-000.jsonl"), s);
      assertTrue(s.contains("The run of /dumps/multi under /tmp/r, owner handoff"), s);
      assertTrue(s.contains("r resume    u undo    l or Esc later (J)"), s);
      h.type("r");
      assertEquals(List.of("resume " + JOURNAL), h.controller.actions);
      assertTrue(h.row(0).startsWith(" LIVE "), h.row(0));
      assertTrue(h.screen().contains("LIVE, resuming: /srv/auto-a: go on"), h.screen());
      h.type("J");
      assertTrue(h.screen().contains("No unfinished run"), "resumed: no longer offered");
    }
  }

  @Test
  void uUndoesTheRunAndSaysWhatWasUndone() throws Exception {
    try (Harness h = opened(ownRun())) {
      h.type("u");
      assertEquals(List.of("undoRun " + JOURNAL), h.controller.actions);
      assertTrue(h.screen().contains("Undone: /r/srv/auto-a: parked, unmounted"), h.screen());
      assertTrue(h.row(0).startsWith(" DRY RUN "), "undo does not make the session live");
    }
  }

  @Test
  void escLeavesItForLaterAndJOffersItAgain() throws Exception {
    try (Harness h = opened(ownRun())) {
      h.press(KeyType.Escape);
      assertFalse(h.screen().contains("Unfinished restore"), h.screen());
      assertTrue(h.screen().contains("Left unfinished: " + JOURNAL), h.screen());
      h.type("J");
      assertTrue(h.screen().contains("Unfinished restore"), h.screen());
      assertTrue(h.controller.actions.isEmpty(), h.controller.actions.toString());
    }
  }

  @Test
  void aRunThisSessionCannotResumeOffersOnlyUndoAndSaysWhatCanResumeIt() throws Exception {
    UnfinishedRun other =
        new UnfinishedRun(
            JOURNAL,
            List.of("Last written 2026-12-04 10:15:02."),
            "It is the run of another dump, /dumps/other: resume it with `autofs-restore tui"
                + " --resume "
                + JOURNAL
                + "`.");
    try (Harness h = opened(other, ownRun())) {
      String s = h.screen();
      assertTrue(s.contains("It is the run of another dump, /dumps/other"), s);
      assertTrue(s.contains("1 more unfinished"), s);
      assertFalse(s.contains("r resume"), s);
      h.type("r");
      assertTrue(h.controller.actions.isEmpty(), "r means nothing in this offer");
      assertTrue(h.screen().contains("Unfinished restore"), "still asked");
    }
  }

  @Test
  void noUnfinishedRunMeansNoOfferAtOpenAndJSaysSo() throws Exception {
    try (Harness h = opened()) {
      assertFalse(h.screen().contains("Unfinished restore"), h.screen());
      h.type("J");
      assertTrue(h.screen().contains("No unfinished run"), h.screen());
    }
  }
}
