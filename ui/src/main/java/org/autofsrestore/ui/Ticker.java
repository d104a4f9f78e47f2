package org.autofsrestore.ui;

/**
 * A monotonic time source in nanoseconds: what the UI times its spinner, its log refresh and a
 * running action's elapsed time by. Tests pass one they advance by hand instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {

  /** The system's monotonic clock ({@link System#nanoTime()}). */
  Ticker SYSTEM = System::nanoTime;

  long nanoTime();
}
