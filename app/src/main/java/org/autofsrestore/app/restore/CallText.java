package org.autofsrestore.app.restore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autofsrestore.kernel.Dev;
import org.autofsrestore.kernel.KernelCall;

/**
 * Prints a step exactly as the kernel call it becomes prints ({@link KernelCall#text()}), with
 * {@code <name>} where a runtime value is not known yet. The text always comes from the kernel call
 * itself: unknown values go in as sentinels and are replaced afterwards, so a preview and the call
 * that runs cannot be spelled differently.
 */
final class CallText {
  /** Far above any fd, device number or pgrp a test or a system uses. */
  private static final long SENTINEL_BASE = 1_999_000_000L;

  private CallText() {}

  static String render(Step step, Map<String, Object> bound) {
    if (step.call() == Step.Call.WAIT_OWNER) {
      long seconds = (Long) step.args().get(1).resolve(bound).orElseThrow();
      return "wait_owner(\""
          + step.args().get(0).show(bound)
          + "\", "
          + (seconds == 0 ? "no wait" : "up to " + seconds + " s")
          + ")";
    }
    if (step.call() == Step.Call.SERVE) {
      return "serve(\""
          + step.args().get(0).show(bound)
          + "\", read fd "
          + step.args().get(1).show(bound)
          + ")";
    }
    Map<String, Object> withSentinels = withSentinels(step, bound);
    String text = StepCalls.toCall(step, withSentinels).text();
    for (String name : referenced(step)) {
      if (bound.containsKey(name)) {
        continue;
      }
      Object sentinel = withSentinels.get(name);
      if (name.equals(Planner.DEVID)) {
        // A device number prints with its major:minor (OpenMount.text); a placeholder has none.
        long devid = (Long) sentinel;
        text = text.replace(devid + " /* " + Dev.format(devid) + " */", "<" + name + ">");
      }
      text = text.replace(sentinel.toString(), "<" + name + ">");
    }
    return text;
  }

  /**
   * {@code bound} plus a sentinel number for each value the step needs that is not bound yet: a
   * call can be built (and recorded by a dry run) before those values exist.
   */
  static Map<String, Object> withSentinels(Step step, Map<String, Object> bound) {
    Map<String, Object> values = new HashMap<>(bound);
    long next = SENTINEL_BASE;
    for (String name : referenced(step)) {
      if (!bound.containsKey(name)) {
        values.put(name, next++);
      }
    }
    return values;
  }

  /** The runtime values a step's arguments refer to, each once, in order. */
  static List<String> referenced(Step step) {
    List<String> names = new java.util.ArrayList<>(2);
    for (Arg a : step.args()) {
      if (a instanceof Arg.Ref r) {
        addOnce(names, r.name());
      } else if (a instanceof Arg.Template t) {
        for (String name : t.placeholders()) {
          addOnce(names, name);
        }
      }
    }
    return names;
  }

  private static void addOnce(List<String> names, String name) {
    if (!names.contains(name)) {
      names.add(name);
    }
  }
}
