package org.autofsrestore.ui;

import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.RestoreController;
import org.autofsrestore.ui.screen.ScreenApp;

/**
 * The full-screen UI over any Lanterna {@link Terminal}: the application passes the real terminal
 * ({@link Terminals#openUnixTerminal()}), tests and the screenshot command pass a {@link
 * com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal}.
 *
 * <p>Either call {@link #run} (blocks until the user quits), or drive it step by step: {@link
 * #start()}, then after feeding keys {@link #pump()} or {@link #settle(Duration)}, and finally
 * {@link #close()}. All methods except {@link #hangup()} must be called on one thread (the UI
 * thread). Nothing is written to the terminal except the UI itself, and nothing to
 * System.out/System.err.
 */
public final class TerminalUi implements AutoCloseable {
  private final ScreenApp app;
  private final ExecutorService ownWorker;
  private final ExecutorService ownLiveReader;

  /**
   * A UI whose controller actions run on its own daemon thread, and whose reads of the live host on
   * another.
   *
   * @throws IOException when the terminal cannot report its size
   */
  public TerminalUi(
      Terminal terminal, DumpModel model, RestoreController controller, UiOptions options)
      throws IOException {
    this.ownWorker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "autofs-restore-ui-action");
              t.setDaemon(true);
              return t;
            });
    // The live host is read on a thread of its own: a read must not wait behind a blocked step.
    this.ownLiveReader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "autofs-restore-ui-live-host");
              t.setDaemon(true);
              return t;
            });
    this.app =
        new ScreenApp(
            terminal, model, controller, options, ownWorker, ownLiveReader, Ticker.SYSTEM);
  }

  /**
   * A UI whose controller actions and reads of the live host run on {@code worker} (tests pass
   * {@code Runnable::run} to run them synchronously on the UI thread).
   */
  public TerminalUi(
      Terminal terminal,
      DumpModel model,
      RestoreController controller,
      UiOptions options,
      Executor worker)
      throws IOException {
    this(terminal, model, controller, options, worker, Ticker.SYSTEM);
  }

  /**
   * As {@link #TerminalUi(Terminal, DumpModel, RestoreController, UiOptions, Executor)}, timing the
   * spinner, the log's refresh and a running action's elapsed time by {@code ticker} (tests advance
   * one by hand).
   */
  public TerminalUi(
      Terminal terminal,
      DumpModel model,
      RestoreController controller,
      UiOptions options,
      Executor worker,
      Ticker ticker)
      throws IOException {
    this.ownWorker = null;
    this.ownLiveReader = null;
    this.app = new ScreenApp(terminal, model, controller, options, worker, ticker);
  }

  /**
   * Runs the UI on {@code terminal} until the user quits (after parking, through the controller,
   * every mount not handed over), then leaves the terminal as it was. Returns 0. Throws IOException
   * when the terminal fails (e.g. the connection dropped): the caller must then park the mounts
   * itself.
   */
  public static int run(
      Terminal terminal, DumpModel model, RestoreController controller, UiOptions options)
      throws IOException {
    try (TerminalUi ui = new TerminalUi(terminal, model, controller, options)) {
      return ui.runLoop();
    }
  }

  /** The event loop: start, then handle input and events until the user quits. Returns 0. */
  public int runLoop() throws IOException {
    app.start();
    boolean interrupted = false;
    while (!app.finished()) {
      if (!app.pump()) {
        try {
          app.waitForWork(20);
        } catch (InterruptedException e) {
          interrupted = true;
          app.hangupFromAnyThread();
        }
      }
    }
    app.stop();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Enters the terminal's private mode and draws the first frame. */
  public void start() throws IOException {
    app.start();
  }

  /**
   * Handles pending resizes, keys and finished actions without waiting, and redraws what changed.
   * Returns whether anything happened.
   */
  public boolean pump() throws IOException {
    return app.pump();
  }

  /**
   * Pumps until no action is running and nothing is queued, or the timeout passes. Returns whether
   * the UI is idle.
   */
  public boolean settle(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      app.pump();
      if (app.idle()) {
        app.pump();
        if (app.idle()) {
          return true;
        }
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      app.waitForWork(5);
    }
  }

  /** True once the user quit. */
  public boolean finished() {
    return app.finished();
  }

  /** True while a controller action runs. */
  public boolean busy() {
    return app.busy();
  }

  /** The page shown. */
  public ScreenApp.Page page() {
    return app.page();
  }

  /**
   * Asks the UI to end as after a dropped connection: park every mount not handed over without
   * asking, then finish. Safe from any thread (e.g. a SIGHUP handler).
   */
  public void hangup() {
    app.hangupFromAnyThread();
  }

  /** Leaves private mode and stops the UI's own worker thread. Does not close the terminal. */
  @Override
  public void close() throws IOException {
    try {
      app.stop();
    } finally {
      if (ownWorker != null) {
        ownWorker.shutdownNow();
      }
      if (ownLiveReader != null) {
        ownLiveReader.shutdownNow();
      }
    }
  }
}
