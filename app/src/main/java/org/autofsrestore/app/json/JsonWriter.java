package org.autofsrestore.app.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer: objects, arrays, strings, numbers, booleans and null, indented two
 * spaces. It checks nesting as it goes, so a caller's mistake is an exception here, not broken
 * output.
 */
public final class JsonWriter {
  private final Appendable out;
  private final Deque<Boolean> firstInScope = new ArrayDeque<>();
  private final Deque<Character> scopes = new ArrayDeque<>();
  private final boolean indent;
  private boolean afterName;

  /** A writer that indents two spaces per level. */
  public JsonWriter(Appendable out) {
    this(out, true);
  }

  private JsonWriter(Appendable out, boolean indent) {
    this.out = out;
    this.indent = indent;
  }

  /** A writer that puts the whole document on one line (JSON lines). */
  public static JsonWriter compact(Appendable out) {
    return new JsonWriter(out, false);
  }

  public JsonWriter beginObject() {
    open('{');
    return this;
  }

  public JsonWriter endObject() {
    close('{', '}');
    return this;
  }

  public JsonWriter beginArray() {
    open('[');
    return this;
  }

  public JsonWriter endArray() {
    close('[', ']');
    return this;
  }

  public JsonWriter name(String name) {
    if (scopes.peek() == null || scopes.peek() != '{' || afterName) {
      throw new IllegalStateException("a name belongs directly inside an object: " + name);
    }
    separate();
    string(name);
    write(indent ? ": " : ":");
    afterName = true;
    return this;
  }

  public JsonWriter value(String value) {
    beforeValue();
    if (value == null) {
      write("null");
    } else {
      string(value);
    }
    return this;
  }

  public JsonWriter value(Number value) {
    beforeValue();
    write(value == null ? "null" : value.toString());
    return this;
  }

  public JsonWriter value(boolean value) {
    beforeValue();
    write(Boolean.toString(value));
    return this;
  }

  public JsonWriter nullValue() {
    beforeValue();
    write("null");
    return this;
  }

  /** Ends the document with a newline; every scope must be closed. */
  public void finish() {
    if (!scopes.isEmpty()) {
      throw new IllegalStateException("unclosed " + scopes.peek());
    }
    write("\n");
  }

  private void open(char kind) {
    beforeValue();
    write(String.valueOf(kind));
    scopes.push(kind);
    firstInScope.push(true);
  }

  private void close(char kind, char closing) {
    if (scopes.isEmpty() || scopes.peek() != kind || afterName) {
      throw new IllegalStateException("cannot close " + closing + " here");
    }
    scopes.pop();
    boolean empty = firstInScope.pop();
    if (!empty) {
      newline();
    }
    write(String.valueOf(closing));
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (!scopes.isEmpty()) {
      if (scopes.peek() == '{') {
        throw new IllegalStateException("a value inside an object needs a name");
      }
      separate();
    }
  }

  private void separate() {
    if (!firstInScope.pop()) {
      write(",");
    }
    firstInScope.push(false);
    newline();
  }

  private void newline() {
    if (!indent) {
      return;
    }
    write("\n");
    write("  ".repeat(scopes.size()));
  }

  private void string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    quote(s, b);
    write(b.toString());
  }

  /**
   * Appends {@code s} as a JSON string, quotes included, with the escapes this writer uses: for
   * writers of JSON lines that build their text directly (the journal) and must not spell a string
   * differently.
   */
  public static void quote(String s, StringBuilder b) {
    b.append('"');
    int plain = 0;
    while (plain < s.length() && isPlain(s.charAt(plain))) {
      plain++;
    }
    b.append(s, 0, plain);
    for (int i = plain; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(s, i)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** A character written as itself, with no escape and no surrogate pair to check. */
  private static boolean isPlain(char c) {
    return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && !Character.isSurrogate(c);
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private void write(String s) {
    try {
      out.append(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
