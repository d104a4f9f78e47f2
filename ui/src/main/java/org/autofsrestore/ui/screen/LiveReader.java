package org.autofsrestore.ui.screen;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.autofsrestore.ui.model.LiveHost;
import org.autofsrestore.ui.model.LiveSnapshot;

/**
 * Reads the live host off the UI thread, one read at a time, and hands each snapshot back to the UI
 * thread. A request while a read runs is kept and served by one more read after it: the operator's
 * own step may have changed the host since the running read began. Only the UI thread calls its
 * methods.
 */
final class LiveReader {
  private final LiveHost host;
  private final Executor reader;
  private final Consumer<Runnable> toUiThread;
  private final Consumer<LiveSnapshot> onRead;
  private boolean reading;
  private boolean again;

  LiveReader(
      LiveHost host,
      Executor reader,
      Consumer<Runnable> toUiThread,
      Consumer<LiveSnapshot> onRead) {
    this.host = host;
    this.reader = reader;
    this.toUiThread = toUiThread;
    this.onRead = onRead;
  }

  /** True while a read runs. */
  boolean reading() {
    return reading;
  }

  /** Starts a read, or asks for one more after the running one. */
  void request() {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    again = false;
    try {
      reader.execute(
          () -> {
            LiveSnapshot s;
            try {
              s = host.read();
            } catch (RuntimeException | LinkageError e) {
              s =
                  LiveSnapshot.failed(
                      "", "", "cannot read the live host: " + ErrorText.describe(e));
            }
            LiveSnapshot read = s;
            toUiThread.accept(() -> done(read));
          });
    } catch (RejectedExecutionException e) {
      reading = false;
    }
  }

  private void done(LiveSnapshot snapshot) {
    reading = false;
    if (snapshot != null) {
      onRead.accept(snapshot);
    }
    if (again) {
      request();
    }
  }
}
