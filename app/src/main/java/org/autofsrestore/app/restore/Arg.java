package org.autofsrestore.app.restore;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One argument of a planned call: a value known when planning, a runtime value named by a
 * placeholder until an earlier step produces it, or text with placeholders inside (the mount
 * options).
 */
public sealed interface Arg {
  /** Its value once every placeholder it uses is bound. */
  Optional<Object> resolve(Map<String, Object> bound);

  /** How it prints: the value, or {@code <name>} for what is not bound yet. */
  String show(Map<String, Object> bound);

  /** A value known at planning time: a path, a number, a flag word. */
  record Known(Object value) implements Arg {
    @Override
    public Optional<Object> resolve(Map<String, Object> bound) {
      return Optional.of(value);
    }

    @Override
    public String show(Map<String, Object> bound) {
      return String.valueOf(value);
    }
  }

  /** A runtime value produced by an earlier step, e.g. {@code pipe.write} or {@code devid}. */
  record Ref(String name) implements Arg {
    @Override
    public Optional<Object> resolve(Map<String, Object> bound) {
      return Optional.ofNullable(bound.get(name));
    }

    @Override
    public String show(Map<String, Object> bound) {
      Object value = bound.get(name);
      return value == null ? "<" + name + ">" : value.toString();
    }
  }

  /** Text with {@code <name>} placeholders, e.g. {@code fd=<pipe.write>,pgrp=<pgrp>,...}. */
  record Template(String text) implements Arg {
    private static final Pattern PLACEHOLDER = Pattern.compile("<([a-z.]+)>");

    /** The names of the placeholders in the text, in order. */
    public java.util.List<String> placeholders() {
      return PLACEHOLDER.matcher(text).results().map(r -> r.group(1)).toList();
    }

    @Override
    public Optional<Object> resolve(Map<String, Object> bound) {
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        Object value = bound.get(m.group(1));
        if (value == null) {
          return Optional.empty();
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
      }
      m.appendTail(out);
      return Optional.of(out.toString());
    }

    @Override
    public String show(Map<String, Object> bound) {
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        Object value = bound.get(m.group(1));
        m.appendReplacement(
            out, Matcher.quoteReplacement(value == null ? m.group() : value.toString()));
      }
      m.appendTail(out);
      return out.toString();
    }
  }
}
