package org.autofsrestore.app.restore;

import java.util.Optional;

/**
 * One argument of a planned call: a value known when planning, a runtime value named by a
 * placeholder until an earlier step produces it, or text with placeholders inside (the mount
 * options).
 */
public sealed interface Arg {
  /** Its value once every placeholder it uses is bound. */
  Optional<Object> resolve(RunValues bound);

  /** How it prints: the value, or {@code <name>} for what is not bound yet. */
  String show(RunValues bound);

  /** A value known at planning time: a path, a number, a flag word. */
  record Known(Object value) implements Arg {
    @Override
    public Optional<Object> resolve(RunValues bound) {
      return Optional.of(value);
    }

    @Override
    public String show(RunValues bound) {
      return String.valueOf(value);
    }
  }

  /** A runtime value produced by an earlier step, e.g. {@code pipe.write} or {@code devid}. */
  record Ref(String name) implements Arg {
    @Override
    public Optional<Object> resolve(RunValues bound) {
      return bound.get(name);
    }

    @Override
    public String show(RunValues bound) {
      return bound.get(name).map(Object::toString).orElse("<" + name + ">");
    }
  }

  /** Text with {@code <name>} placeholders, e.g. {@code fd=<pipe.write>,pgrp=<pgrp>,...}. */
  record Template(String text) implements Arg {
    /** The names of the placeholders in the text, in order. */
    public java.util.List<String> placeholders() {
      java.util.List<String> names = new java.util.ArrayList<>(2);
      for (int at = next(text, 0), end; at >= 0; at = next(text, end + 1)) {
        end = end(text, at);
        names.add(text.substring(at + 1, end));
      }
      return names;
    }

    @Override
    public Optional<Object> resolve(RunValues bound) {
      String filled = fill(bound, false);
      return Optional.ofNullable(filled);
    }

    @Override
    public String show(RunValues bound) {
      return fill(bound, true);
    }

    /**
     * The text with each placeholder replaced by its bound value; one not bound stays as it is when
     * {@code keepUnbound}, and makes the answer null otherwise.
     */
    private String fill(RunValues bound, boolean keepUnbound) {
      StringBuilder out = new StringBuilder(text.length() + 16);
      int from = 0;
      for (int at = next(text, 0); at >= 0; at = next(text, from)) {
        int end = end(text, at);
        Object value = bound.get(text.substring(at + 1, end)).orElse(null);
        if (value == null && !keepUnbound) {
          return null;
        }
        out.append(text, from, at);
        if (value == null) {
          out.append(text, at, end + 1);
        } else {
          out.append(value);
        }
        from = end + 1;
      }
      return out.append(text, from, text.length()).toString();
    }

    /**
     * Where the next placeholder starts at or after {@code from}, or -1: a {@code <}, one or more
     * of {@code a-z} and {@code .}, and a {@code >}.
     */
    private static int next(String text, int from) {
      for (int at = text.indexOf('<', from); at >= 0; at = text.indexOf('<', at + 1)) {
        int i = at + 1;
        while (i < text.length() && isNameChar(text.charAt(i))) {
          i++;
        }
        if (i > at + 1 && i < text.length() && text.charAt(i) == '>') {
          return at;
        }
      }
      return -1;
    }

    /** The index of the {@code >} that closes the placeholder at {@code at}. */
    private static int end(String text, int at) {
      return text.indexOf('>', at);
    }

    private static boolean isNameChar(char c) {
      return (c >= 'a' && c <= 'z') || c == '.';
    }
  }
}
