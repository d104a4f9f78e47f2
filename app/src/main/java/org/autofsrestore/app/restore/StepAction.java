package org.autofsrestore.app.restore;

import java.util.Map;
import org.autofsrestore.kernel.KernelCall;

/**
 * What one kind of step does: how it prints, and for a kernel step, the call it becomes and what
 * the kernel's answer leaves behind in the mount's run. {@link StepActions} holds one per {@link
 * Step.Call}.
 */
sealed interface StepAction {
  /** The step as it runs, or would: values where known, {@code <name>} where not yet. */
  String text(StepArgs args);

  /**
   * A step that is one kernel call, answering {@code R}.
   *
   * @param <R> what the call returns
   */
  non-sealed interface KernelStep<R> extends StepAction {
    KernelCall<R> call(StepArgs args);

    /** Printed from the call itself: a preview and the call that runs are spelled alike. */
    @Override
    default String text(StepArgs args) {
      return call(args).text();
    }

    /**
     * Records what {@code answer} produced or changed in {@code run}, and puts the journal's
     * details of it in {@code details}.
     */
    default void record(R answer, StepArgs args, MountRun run, Map<String, Object> details) {}

    /**
     * Why the kernel's answer forbids going on (the held target became a mount point, the mount
     * holds another device than recorded), in a sentence that names the path and an action; null
     * when it does not. A refusal fails the step as REFUSED and leaves the mount safe.
     */
    default String refusal(R answer, StepArgs args, MountRun run) {
      return null;
    }

    /** The kernel's answer, in the words of a step's result. */
    default String describe(R answer) {
      return "= 0";
    }

    /**
     * Whether the call may change the mount's mountinfo line (mount, the ioctls that set the
     * timeout, park or take it over); after the others the line read last is still the line.
     */
    default boolean changesMount() {
      return true;
    }
  }

  /** A step the executor does itself: waiting for a new owner, or serving the mount's requests. */
  record OwnerStep(java.util.function.Function<StepArgs, String> spelling) implements StepAction {
    @Override
    public String text(StepArgs args) {
      return spelling.apply(args);
    }
  }
}
