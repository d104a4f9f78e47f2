package org.autofsrestore.ui.model;

/** Where one restore step stands. */
public enum StepStatus {
  /** Not run and not previewed. */
  PENDING,
  /** Dry run: shown as it would run; nothing was done. */
  PREVIEWED,
  /** Running now (possibly blocked in the kernel or waiting for an owner). */
  RUNNING,
  /** Ran; the kernel said yes. */
  OK,
  /** Ran; the kernel said no (the answer says what). */
  FAILED,
  /** Ran, then was undone. */
  UNDONE
}
