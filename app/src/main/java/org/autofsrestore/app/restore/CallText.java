package org.autofsrestore.app.restore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
      String sentinel = withSentinels.get(name).toString();
      if (name.equals(Planner.DEVID)) {
        text = withoutDevComments(text, sentinel);
      }
      text = text.replace(sentinel, "<" + name + ">");
    }
    return text;
  }

  /**
   * {@code text} without the {@code /* major:minor *\/} comment a call prints after the device
   * number {@code sentinel}: a placeholder has no major and minor.
   */
  private static String withoutDevComments(String text, String sentinel) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (int at = text.indexOf(sentinel); at >= 0; at = text.indexOf(sentinel, from)) {
      int after = at + sentinel.length();
      out.append(text, from, after);
      from = after + devComment(text, after);
    }
    return out.append(text, from, text.length()).toString();
  }

  /** The length of a {@code " /* 12:34 *\/"} at {@code at}, or 0. */
  private static int devComment(String text, int at) {
    if (!text.startsWith(" /* ", at)) {
      return 0;
    }
    int i = at + 4;
    int major = digits(text, i);
    if (major == 0 || i + major >= text.length() || text.charAt(i + major) != ':') {
      return 0;
    }
    i += major + 1;
    int minor = digits(text, i);
    if (minor == 0 || !text.startsWith(" */", i + minor)) {
      return 0;
    }
    return i + minor + 3 - at;
  }

  private static int digits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i - from;
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
