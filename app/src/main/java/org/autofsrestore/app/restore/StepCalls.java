package org.autofsrestore.app.restore;

import java.util.Map;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.PathCall;
import org.autofsrestore.kernel.PosixCall;

/** Turns a planned step, with its runtime values bound, into the kernel call that runs it. */
final class StepCalls {
  private StepCalls() {}

  /**
   * @throws IllegalStateException when a value the step needs is not bound yet, or the step is not
   *     a kernel call (wait_owner, serve)
   */
  static KernelCall<?> toCall(Step step, Map<String, Object> bound) {
    return switch (step.call()) {
      case MKDIR -> new PathCall.Mkdir(string(step, 0, bound), integer(step, 1, bound));
      case PIPE -> new PosixCall.Pipe2(integer(step, 0, bound));
      case MOUNT ->
          new PosixCall.Mount(
              string(step, 0, bound),
              string(step, 1, bound),
              string(step, 2, bound),
              number(step, 3, bound),
              string(step, 4, bound));
      case STAT -> new PathCall.Stat(string(step, 0, bound));
      case OPENMOUNT -> new AutofsIoctl.OpenMount(string(step, 0, bound), number(step, 1, bound));
      case SETTIMEOUT ->
          new AutofsIoctl.SetTimeout(integer(step, 0, bound), number(step, 1, bound));
      case CATATONIC -> new AutofsIoctl.Catatonic(integer(step, 0, bound));
      case CLOSEMOUNT -> new AutofsIoctl.CloseMount(integer(step, 0, bound));
      case SETPIPEFD -> new AutofsIoctl.SetPipeFd(integer(step, 0, bound), integer(step, 1, bound));
      case CLOSE -> new PosixCall.Close(integer(step, 0, bound));
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
