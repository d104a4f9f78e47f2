package org.autofsrestore.app.dump;

import java.util.concurrent.CountDownLatch;

/**
 * Reading done beside the main thread: on a daemon thread, so that a load that fails does not wait
 * for it, and awaited through an interrupt, since each such read is short and bounded.
 */
final class SideThread {
  private SideThread() {}

  /**
   * Starts {@code task} on a daemon thread named {@code name}; false when no thread could be had,
   * and nothing ran.
   */
  static boolean start(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    try {
      thread.start();
      return true;
    } catch (OutOfMemoryError e) {
      return false;
    }
  }

  /**
   * Waits until {@code done} is counted down, which also makes what the side thread wrote before
   * visible here; an interrupt meanwhile is passed on after the wait.
   */
  static void await(CountDownLatch done) {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
