package org.autofsrestore.app.restore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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

  private static final Pattern DEV_COMMENT = Pattern.compile(" /\\* \\d+:\\d+ \\*/");

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
      Map.Entry<String, String> s = Map.entry(withSentinels.get(name).toString(), "<" + name + ">");
      if (name.equals(Planner.DEVID)) {
        text =
            text.replaceAll(
                Pattern.quote(s.getKey()) + DEV_COMMENT.pattern(),
                java.util.regex.Matcher.quoteReplacement(s.getValue()));
      }
      text = text.replace(s.getKey(), s.getValue());
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

  /** The runtime values a step's arguments refer to. */
  static List<String> referenced(Step step) {
    List<String> names = new java.util.ArrayList<>();
    for (Arg a : step.args()) {
      if (a instanceof Arg.Ref r) {
        names.add(r.name());
      } else if (a instanceof Arg.Template t) {
        names.addAll(t.placeholders());
      }
    }
    return names.stream().distinct().toList();
  }
}
