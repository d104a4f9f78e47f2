package org.autofsrestore.ui.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuitFlowTest {
  /** What the worker hands back to the UI thread, run by the test in its place. */
  private final LinkedBlockingQueue<Runnable> uiThread = new LinkedBlockingQueue<>();

  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private final MessageLine messages = new MessageLine();
  private final ActionRunner runner = new ActionRunner(worker, uiThread::add, () -> 0L, messages);
  private final Host host = new Host();
  private final QuitFlow flow = new QuitFlow(runner, messages, host);

  private static final class Host implements QuitFlow.Host {
    List<String> open = List.of();
    Exception parkFails;
    int parks;
    boolean overlaysClosed;
    Dialog question;
    int asked;

    @Override
    public void closeOverlays() {
      overlaysClosed = true;
    }

    @Override
    public void ask(Dialog q) {
      question = q;
      asked++;
    }

    @Override
    public void dropQuestion() {
      question = null;
    }

    @Override
    public List<String> mountedNotHandedOver() {
      return open;
    }

    @Override
    public void parkAll() throws Exception {
      parks++;
      if (parkFails != null) {
        throw parkFails;
      }
      open = List.of();
    }
  }

  @AfterEach
  void stopWorker() {
    worker.shutdownNow();
  }

  /** Runs the next thing the worker handed back, as the UI thread would. */
  private void uiThreadRunsTheNextEvent() throws InterruptedException {
    Runnable event = uiThread.poll(5, TimeUnit.SECONDS);
    assertNotNull(event, "the worker handed nothing back");
    event.run();
  }

  private void answer(char key) {
    Dialog q = host.question;
    assertNotNull(q, "no question on screen");
    host.question = null;
    assertTrue(q.onKey(new KeyStroke(key, false, false)));
  }

  @Test
  void quittingWithNothingLeftMountedFinishesWithoutAsking() {
    flow.quitRequested();
    assertInstanceOf(QuitFlow.Finished.class, flow.state());
    assertTrue(flow.finished());
    assertNull(host.question);
    assertEquals(0, host.parks);
    assertTrue(host.overlaysClosed, "the help and the prompt close");
  }

  @Test
  void quittingWithAMountNotHandedOverAsksThenParksItAndFinishes() throws Exception {
    host.open = List.of("/srv/a");
    flow.quitRequested();
    assertInstanceOf(QuitFlow.Asking.class, flow.state());
    assertEquals(
        "1 mount is mounted and not handed over: /srv/a.", host.question.paragraphs.get(0));
    answer('y');
    assertInstanceOf(QuitFlow.Parking.class, flow.state());
    uiThreadRunsTheNextEvent();
    assertEquals(1, host.parks);
    assertTrue(flow.finished());
  }

  @Test
  void theQuestionNamesFiveMountsAndCountsTheRest() {
    host.open = List.of("/a", "/b", "/c", "/d", "/e", "/f", "/g");
    flow.quitRequested();
    assertEquals(
        "7 mounts are mounted and not handed over: /a, /b, /c, /d, /e and 2 more.",
        host.question.paragraphs.get(0));
  }

  @Test
  void answeringNoKeepsTheSessionRunningAndParksNothing() {
    host.open = List.of("/srv/a");
    flow.quitRequested();
    answer('n');
    assertInstanceOf(QuitFlow.Running.class, flow.state());
    assertEquals("Not quitting.", messages.text());
    assertEquals(0, host.parks);
  }

  @Test
  void anotherQuitWhileTheQuestionIsShownIsIgnored() {
    host.open = List.of("/srv/a");
    flow.quitRequested();
    Dialog q = host.question;
    flow.quitRequested();
    assertSame(q, host.question);
    assertEquals(1, host.asked);
  }

  @Test
  void quittingWhileAStepRunsInterruptsItAndParksOnceItEnded() throws Exception {
    host.open = List.of("/srv/a");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    runner.launch(
        "next step of /srv/a",
        () -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
        },
        () -> {},
        error -> {});
    assertTrue(started.await(5, TimeUnit.SECONDS));
    flow.quitRequested();
    assertEquals("A step is still running: next step of /srv/a.", host.question.paragraphs.get(0));
    answer('y');
    assertInstanceOf(QuitFlow.AwaitingStep.class, flow.state());
    assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the step was interrupted");
    flow.quitRequested();
    assertEquals("Quitting: waiting for next step of /srv/a to end.", messages.text());
    uiThreadRunsTheNextEvent(); // the step ended: parking starts without asking again
    assertInstanceOf(QuitFlow.Parking.class, flow.state());
    assertEquals(1, host.asked);
    uiThreadRunsTheNextEvent();
    assertEquals(1, host.parks);
    assertTrue(flow.finished());
  }

  @Test
  void aFailedParkingSaysSoAndQuitTriesAgain() throws Exception {
    host.open = List.of("/srv/a");
    host.parkFails = new Exception("EBUSY: the mount is busy");
    flow.quitRequested();
    answer('y');
    uiThreadRunsTheNextEvent();
    assertInstanceOf(QuitFlow.Running.class, flow.state());
    assertEquals("Parking failed: EBUSY: the mount is busy (q tries again).", messages.text());
    host.parkFails = null;
    flow.quitRequested();
    answer('y');
    uiThreadRunsTheNextEvent();
    assertEquals(2, host.parks);
    assertTrue(flow.finished());
  }

  @Test
  void hangingUpParksWithoutAskingAndFinishesEvenWhenParkingFails() throws Exception {
    host.open = List.of("/srv/a");
    host.parkFails = new Exception("EBUSY");
    flow.hungUpNow();
    assertTrue(flow.hungUp());
    assertNull(host.question);
    uiThreadRunsTheNextEvent();
    assertEquals(1, host.parks);
    assertTrue(flow.finished(), "nobody is left to try again");
  }

  @Test
  void hangingUpWhileTheQuitQuestionIsShownDropsItAndParks() throws Exception {
    host.open = List.of("/srv/a");
    flow.quitRequested();
    assertNotNull(host.question);
    flow.hungUpNow();
    assertNull(host.question, "nobody can answer it");
    assertInstanceOf(QuitFlow.Parking.class, flow.state());
    uiThreadRunsTheNextEvent();
    assertTrue(flow.finished());
  }

  @Test
  void nothingHappensOnceFinished() {
    flow.quitRequested();
    host.open = new ArrayList<>(List.of("/srv/a"));
    flow.quitRequested();
    flow.hungUpNow();
    assertTrue(flow.finished());
    assertFalse(flow.hungUp());
    assertEquals(0, host.parks);
  }
}
