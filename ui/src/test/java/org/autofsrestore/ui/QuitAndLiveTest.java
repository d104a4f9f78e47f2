package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.ui.model.LiveAvailability;
import org.junit.jupiter.api.Test;

class QuitAndLiveTest {

  @Test
  void quittingADryRunEndsAtOnce() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      h.type("rnn").type("q");
      assertTrue(h.ui.finished());
      assertFalse(h.controller.actions.contains("parkAll"));
    }
  }

  @Test
  void theFirstLiveStepAsksForConfirmationAndNoRunsNothing() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.controller.live = true;
      h.type("r").type("n");
      String s = h.screen();
      assertTrue(s.contains("Run for real?"), s);
      assertTrue(s.contains("This session is LIVE: steps run real system calls as root"), s);
      assertTrue(s.contains("Next: open(\"/tmp/r\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH)"), s);
      h.type("n");
      assertTrue(h.controller.actions.isEmpty());
      assertTrue(h.screen().contains("Nothing was run."));
      h.type("n").type("y");
      assertEquals(List.of("nextStep /srv/auto-f1"), h.controller.actions);
      h.type("n");
      assertEquals(
          List.of("nextStep /srv/auto-f1", "nextStep /srv/auto-f1"),
          h.controller.actions,
          "asked only once");
    }
  }

  @Test
  void capitalLAsksBeforeGoingLiveAndTheBannerTurnsLive() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.type("L");
      assertTrue(h.screen().contains("Go LIVE?"), h.screen());
      h.press(KeyType.Escape);
      assertTrue(h.row(0).startsWith(" DRY RUN "));
      h.type("L").type("y");
      assertTrue(h.row(0).startsWith(" LIVE "), h.row(0));
      assertEquals(List.of("goLive"), h.controller.actions);
      h.type("r").type("n");
      assertFalse(h.screen().contains("Run for real?"), "going live was the confirmation");
      assertTrue(
          h.row(h.rowOf("open(\"/tmp/r\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH)")).contains("OK"),
          h.screen());
    }
  }

  @Test
  void goingLiveWithoutRootIsRefusedWithTheReason() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.controller.availability = LiveAvailability.no("live mode needs root: run it with sudo");
      h.type("L");
      assertTrue(
          h.row(28).contains("Cannot go live: live mode needs root: run it with sudo"), h.row(28));
      assertTrue(h.row(0).startsWith(" DRY RUN "));
      assertTrue(h.controller.actions.isEmpty());
    }
  }

  @Test
  void quittingWhileAMountIsMountedAsksFirstAndThenParksIt() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.controller.live = true;
      h.type("r").type("n").type("y").type("s"); // the mount stage
      h.type("q");
      String s = h.screen();
      assertTrue(s.contains("1 mount is mounted and not handed over: /srv/auto-f1."), s);
      h.type("n");
      assertFalse(h.ui.finished());
      assertFalse(h.controller.actions.contains("parkAll"));
      h.type("q").type("y");
      assertTrue(h.controller.actions.contains("parkAll"));
      assertTrue(h.ui.finished());
      assertTrue(h.controller.mountedNotHandedOver().isEmpty());
    }
  }

  @Test
  void ctrlCIsHandledLikeQ() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.controller.live = true;
      h.type("r").type("a").type("y");
      h.ctrl('c');
      assertTrue(h.screen().contains("mounted and not handed over"), h.screen());
      h.ctrl('c');
      assertFalse(h.ui.finished());
      h.type("y");
      assertTrue(h.ui.finished());
      assertTrue(h.controller.actions.contains("parkAll"));
    }
  }

  @Test
  void aRunningStepShowsProgressKeepsTheKeyboardAndCtrlCInterruptsThenParks() throws Exception {
    SampleDump dump = SampleDump.multi();
    SampleController controller = new SampleController(dump);
    controller.live = true;
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try (Harness h = new Harness(100, 30, dump, controller, UiOptions.defaults(), worker)) {
      h.type("r").type("n").type("y").settle(); // the root opened
      for (int i = 0; i < 20; i++) {
        h.type("n").settle(); // ... up to move_mount: mounted
      }
      controller.gate = new CountDownLatch(1);
      controller.stepStarted = new CountDownLatch(1);
      h.type("n");
      assertTrue(controller.stepStarted.await(5, TimeUnit.SECONDS));
      h.ticker.advance(Duration.ofMillis(150));
      h.ui.pump();
      assertTrue(h.ui.busy());
      String s = h.screen();
      assertTrue(h.row(h.rowOf("statx(<mount.fd>")).contains("RUNNING"), s);
      assertTrue(h.row(28).contains("next step of /srv/auto-f1"), h.row(28));
      assertTrue(h.row(28).contains("(q interrupts)"), h.row(28));
      h.type("n");
      assertTrue(h.row(28).contains("still running") || h.ui.busy(), h.row(28));
      h.press(KeyType.Tab);
      assertTrue(h.screen().contains("Decoded options"), "the keyboard still works");
      h.ctrl('c');
      assertTrue(h.screen().contains("A step is still running"), h.screen());
      h.type("y").settle();
      assertTrue(h.ui.finished());
      assertTrue(controller.actions.contains("parkAll"), controller.actions.toString());
      assertTrue(controller.mountedNotHandedOver().isEmpty());
    } finally {
      worker.shutdownNow();
    }
  }

  @Test
  void endOfInputParksTheMountsWithoutAskingAndEnds() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.controller.live = true;
      h.type("r").type("n").type("y").type("s");
      h.press(new KeyStroke(KeyType.EOF));
      assertTrue(h.ui.finished());
      assertTrue(h.controller.actions.contains("parkAll"));
    }
  }

  @Test
  void hangupFromAnotherThreadParksAndEnds() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.controller.live = true;
      h.type("r").type("a").type("y");
      Thread t = new Thread(h.ui::hangup);
      t.start();
      t.join();
      h.settle();
      assertTrue(h.ui.finished());
      assertTrue(h.controller.actions.contains("parkAll"));
    }
  }

  @Test
  void liveUndoAsksFirst() throws Exception {
    try (Harness h = new Harness(100, 30)) {
      h.controller.live = true;
      h.type("r").type("n").type("y").type("s").type("u");
      assertTrue(h.screen().contains("Undo?"), h.screen());
      h.type("y");
      assertTrue(h.controller.actions.contains("undo /srv/auto-f1"));
      assertTrue(h.row(h.rowOf("move_mount(")).contains("UNDONE"), h.screen());
    }
  }
}
