package org.autofsrestore.app.restore;

import java.util.Optional;

/** What running (or previewing) one step gave. */
public sealed interface StepResult {
  String mountpoint();

  StageName stage();

  Step step();

  /** The call as it ran (or would run). */
  String text();

  /** The kernel's answer or what happened, in one line. */
  String answer();

  /** The call ran and the kernel said yes. */
  record Done(
      String mountpoint,
      StageName stage,
      Step step,
      String text,
      String answer,
      Optional<String> mountinfo)
      implements StepResult {}

  /** Dry run: the call was recorded, not run. */
  record Previewed(String mountpoint, StageName stage, Step step, String text)
      implements StepResult {
    @Override
    public String answer() {
      return "previewed (dry run): not run";
    }
  }

  /**
   * The kernel refused the call; the rest of the plan for this mount does not run, and {@code
   * recovery} says what was done so that the mount is parked or unmounted, never half-done.
   */
  record Failed(
      String mountpoint,
      StageName stage,
      Step step,
      String text,
      String errno,
      String explanation,
      String recovery,
      Optional<String> mountinfo)
      implements StepResult {
    @Override
    public String answer() {
      return errno + ": " + explanation;
    }
  }
}
