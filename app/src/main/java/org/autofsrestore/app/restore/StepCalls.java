package org.autofsrestore.app.restore;

import java.util.Map;
import org.autofsrestore.kernel.KernelCall;

/** Turns a planned step, with its runtime values bound, into the kernel call that runs it. */
final class StepCalls {
  private StepCalls() {}

  /**
   * @throws IllegalStateException when a value the step needs is not bound yet, or the step is not
   *     a kernel call (wait_owner, serve)
   */
  static KernelCall<?> toCall(Step step, Map<String, Object> bound) {
    return switch (step.call()) {
      case MKDIR -> new KernelCall.Mkdir(string(step, 0, bound), integer(step, 1, bound));
      case PIPE -> new KernelCall.Pipe2(integer(step, 0, bound));
      case MOUNT ->
          new KernelCall.Mount(
              string(step, 0, bound),
              string(step, 1, bound),
              string(step, 2, bound),
              number(step, 3, bound),
              string(step, 4, bound));
      case STAT -> new KernelCall.Stat(string(step, 0, bound));
      case OPENMOUNT -> new KernelCall.OpenMount(string(step, 0, bound), number(step, 1, bound));
      case SETTIMEOUT -> new KernelCall.SetTimeout(integer(step, 0, bound), number(step, 1, bound));
      case CATATONIC -> new KernelCall.Catatonic(integer(step, 0, bound));
      case CLOSEMOUNT -> new KernelCall.CloseMount(integer(step, 0, bound));
      case SETPIPEFD -> new KernelCall.SetPipeFd(integer(step, 0, bound), integer(step, 1, bound));
      case CLOSE -> new KernelCall.Close(integer(step, 0, bound));
      case WAIT_OWNER, SERVE ->
          throw new IllegalStateException(step.call().label() + " is not one kernel call");
    };
  }

  private static Object value(Step step, int index, Map<String, Object> bound) {
    return step.args()
        .get(index)
        .resolve(bound)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    step.call().label() + " argument " + index + " is not known yet"));
  }

  private static String string(Step step, int index, Map<String, Object> bound) {
    return value(step, index, bound).toString();
  }

  private static long number(Step step, int index, Map<String, Object> bound) {
    return ((Number) value(step, index, bound)).longValue();
  }

  private static int integer(Step step, int index, Map<String, Object> bound) {
    return Math.toIntExact(number(step, index, bound));
  }
}
