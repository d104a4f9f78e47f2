package org.autofsrestore.app.restore;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One planned call with its exact arguments. Calls that produce a runtime value (the pipe's fds,
 * the device number, the ioctl fd) name it in {@code produces}, and later steps refer to it by that
 * name until it is known.
 *
 * @param call what runs
 * @param args its arguments, in the order the call takes them
 * @param produces the names of the runtime values it produces, in order
 */
public record Step(Call call, List<Arg> args, List<String> produces) {
  public Step {
    args = List.copyOf(args);
    produces = List.copyOf(produces);
  }

  /**
   * What a step runs; {@link #label()} is the name scripts see in plan --json and the journal. Each
   * kind's {@link StepAction} says how it becomes its kernel call and what its answer leaves.
   */
  public enum Call {
    OPEN_ROOT(HeldStepActions.OPEN_ROOT),
    RESOLVE(HeldStepActions.RESOLVE),
    MKDIRAT(HeldStepActions.MKDIRAT),
    OPENAT(HeldStepActions.OPENAT),
    /**
     * The close of a fd the run holds on a path or mount; the same action as {@link #CLOSE}, a
     * label of its own because a resume drops the pipe's closes (that pipe died) and keeps these.
     */
    CLOSE_FD(StepActions.CLOSE),
    CHECK_TARGET(HeldStepActions.CHECK_TARGET),
    CHECK_EMPTY(HeldStepActions.CHECK_EMPTY),
    PIPE(StepActions.PIPE),
    FSOPEN(HeldStepActions.FSOPEN),
    FSCONFIG(HeldStepActions.FSCONFIG),
    FSMOUNT(HeldStepActions.FSMOUNT),
    /** move_mount of the new autofs mount onto the held target: the step that mounts. */
    MOUNT(HeldStepActions.MOVE_MOUNT),
    STATX(HeldStepActions.STATX),
    SETTIMEOUT(StepActions.SETTIMEOUT),
    CATATONIC(StepActions.CATATONIC),
    SETPIPEFD(StepActions.SETPIPEFD),
    CLOSE(StepActions.CLOSE),
    WAIT_OWNER(StepActions.WAIT_OWNER),
    SERVE(StepActions.SERVE);

    /** Spelled once: labels are asked for every call a restore runs. */
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    final StepAction action;

    Call(StepAction action) {
      this.action = action;
    }

    public String label() {
      return label;
    }
  }

  static Step of(Call call, List<String> produces, Arg... args) {
    return new Step(call, List.of(args), produces);
  }

  static Step of(Call call, Arg... args) {
    return new Step(call, List.of(args), List.of());
  }

  /** The call as it would run: values where known, {@code <name>} where not yet. */
  public String text(RunValues values) {
    return call.action.text(new StepArgs(this, values));
  }

  /** The arguments as they print, for plan --json. */
  public List<String> shownArgs(RunValues values) {
    return args.stream().map(a -> a.show(values)).collect(Collectors.toList());
  }
}
