package org.autofsrestore.app.restore;

/**
 * A step's arguments with the runtime values known so far: the values a kernel call is built from,
 * and the spelling of each argument for the step's text ({@code <name>} where not known yet).
 */
record StepArgs(Step step, RunValues values) {
  /**
   * The argument as it prints: its value, or {@code <name>}; a text argument (a path, mount
   * options) is passed as it prints, so a dry run's mount data keeps its placeholders.
   */
  String shown(int index) {
    return step.args().get(index).show(values);
  }

  /**
   * A number; one not known yet is 0, which only a dry run's call carries: its kernel records the
   * call and runs none, and its text is spelled from {@link #shown}.
   */
  long number(int index) {
    return step.args().get(index).resolve(values).map(v -> ((Number) v).longValue()).orElse(0L);
  }

  int integer(int index) {
    return Math.toIntExact(number(index));
  }

  /** Whether every value the step uses is known: only then may its call run for real. */
  boolean complete() {
    return step.args().stream().allMatch(a -> a.resolve(values).isPresent());
  }
}
