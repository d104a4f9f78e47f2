package org.autofsrestore.ui.screen;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.autofsrestore.ui.Ticker;

/**
 * Runs one controller action at a time on the worker, off the UI thread, and hands its outcome back
 * to the UI thread through {@code toUiThread}. Only the UI thread calls its methods, except that
 * the worker records which thread to interrupt.
 */
final class ActionRunner {

  /** A controller call that may block and throw. */
  interface Action {
    void run() throws Exception;
  }

  /** What is running, since when. */
  record Busy(String label, long startNanos) {}

  private final Executor worker;
  private final Consumer<Runnable> toUiThread;
  private final Ticker ticker;
  private final MessageLine messages;
  private final java.util.List<Runnable> afterEach = new java.util.ArrayList<>();
  private Busy busy;
  private volatile Thread busyThread;

  ActionRunner(
      Executor worker, Consumer<Runnable> toUiThread, Ticker ticker, MessageLine messages) {
    this.worker = worker;
    this.toUiThread = toUiThread;
    this.ticker = ticker;
    this.messages = messages;
  }

  /** Runs {@code hook} on the UI thread after every action's own outcome handler. */
  void afterEach(Runnable hook) {
    afterEach.add(hook);
  }

  boolean busy() {
    return busy != null;
  }

  /** What runs, or null. */
  Busy running() {
    return busy;
  }

  /**
   * Starts {@code action} unless one runs (then says so on the message line). A failure is shown on
   * the message line before {@code onFailure} runs.
   */
  void launch(String label, Action action, Runnable onSuccess, Consumer<Throwable> onFailure) {
    if (busy != null) {
      messages.show("Wait: " + busy.label() + " is still running.", Role.ATTENTION);
      return;
    }
    Busy b = new Busy(label, ticker.nanoTime());
    busy = b;
    messages.show("", Role.NORMAL);
    try {
      worker.execute(
          () -> {
            busyThread = Thread.currentThread();
            Throwable error = null;
            try {
              action.run();
            } catch (Exception | LinkageError | AssertionError e) {
              error = e;
            } finally {
              busyThread = null;
              Thread.interrupted();
            }
            Throwable failure = error;
            toUiThread.accept(() -> complete(b, failure, onSuccess, onFailure));
          });
    } catch (RejectedExecutionException e) {
      busy = null;
      messages.show("Cannot run " + label + ": " + ErrorText.describe(e), Role.MESSAGE_ERROR);
    }
  }

  private void complete(
      Busy b, Throwable error, Runnable onSuccess, Consumer<Throwable> onFailure) {
    if (busy == b) {
      busy = null;
    }
    if (error == null) {
      onSuccess.run();
    } else {
      messages.show(b.label() + " failed: " + ErrorText.describe(error), Role.MESSAGE_ERROR);
      onFailure.accept(error);
    }
    for (Runnable hook : afterEach) {
      hook.run();
    }
  }

  /** Interrupts the worker thread while it runs an action. */
  void interrupt() {
    Thread t = busyThread;
    if (t != null) {
      t.interrupt();
    }
  }
}
