package org.autofsrestore.app.restore;

import java.util.function.LongConsumer;

/**
 * How many lines of one kind the log takes per second: any user can make the request server log a
 * line per lookup, as fast as they can call stat(2), so past {@code perSecond} lines in a second
 * the rest are only counted, and the count is logged once that second is over. Not thread-safe: one
 * thread logs these lines.
 */
final class LineBudget {
  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private long windowStart;
  private boolean started;
  private int written;
  private long held;

  LineBudget(int perSecond) {
    this.perSecond = perSecond;
  }

  /**
   * Whether a line may be written at {@code nowNanos}. When a new second begins and lines of the
   * last one were held back, their number goes to {@code heldBack} first.
   */
  boolean admit(long nowNanos, LongConsumer heldBack) {
    if (!started || nowNanos - windowStart >= SECOND) {
      flush(heldBack);
      started = true;
      windowStart = nowNanos;
      written = 0;
    }
    if (written < perSecond) {
      written++;
      return true;
    }
    held++;
    return false;
  }

  /** Gives the number of lines held back and not yet told, if any, to {@code heldBack}. */
  void flush(LongConsumer heldBack) {
    if (held > 0) {
      heldBack.accept(held);
      held = 0;
    }
  }
}
