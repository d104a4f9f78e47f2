package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** What the executor reads of the live system after a step. Reading changes nothing. */
public interface LiveProbe {
  /** The mountinfo line of the mount at {@code target}, when one is there. */
  Optional<String> mountinfoLine(Path target);

  /**
   * Waits up to {@code seconds} (0: not at all) until the parked mount at {@code target} has an
   * owner again (mountinfo fd is not -1), and says who, with the mount's mountinfo line as the
   * wait's last read found it. Stops early, with no owner, once {@code cancelled} says so.
   */
  Waited waitForOwnerAndRead(Path target, long seconds, BooleanSupplier cancelled);

  /**
   * What {@link #waitForOwnerAndRead} found.
   *
   * @param owner who owns the mount now (the pgrp and the process holding the pipe's read end),
   *     empty when nobody took it over
   * @param mountinfo the line read when the wait ended, empty when nothing is mounted there
   */
  record Waited(Optional<String> owner, Optional<String> mountinfo) {}

  /** A probe for dry runs, which read nothing of the live system. */
  static LiveProbe none() {
    return new LiveProbe() {
      @Override
      public Optional<String> mountinfoLine(Path target) {
        return Optional.empty();
      }

      @Override
      public Waited waitForOwnerAndRead(Path target, long seconds, BooleanSupplier cancelled) {
        return new Waited(Optional.empty(), Optional.empty());
      }
    };
  }
}
