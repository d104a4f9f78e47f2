package org.autofsrestore.app.restore;

import java.util.List;
import java.util.Map;
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

  /** What a step runs; {@link #label()} is the name scripts see in plan --json. */
  public enum Call {
    MKDIR,
    PIPE,
    MOUNT,
    STAT,
    OPENMOUNT,
    SETTIMEOUT,
    CATATONIC,
    CLOSEMOUNT,
    SETPIPEFD,
    CLOSE,
    WAIT_OWNER,
    SERVE;

    /** Spelled once: labels are asked for every call a restore runs. */
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

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
  public String text(Map<String, Object> bound) {
    return CallText.render(this, bound);
  }

  /** The arguments as they print, for plan --json. */
  public List<String> shownArgs(Map<String, Object> bound) {
    return args.stream().map(a -> a.show(bound)).collect(Collectors.toList());
  }
}
