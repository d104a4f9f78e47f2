package org.autofsrestore.app.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A small streaming JSON writer: objects, arrays, strings, numbers, booleans and null, indented two
 * spaces. It checks nesting as it goes, so a caller's mistake is an exception here, not broken
 * output.
 */
public final class JsonWriter {
  /** Written through to a destination that is not a StringBuilder in chunks of about this size. */
  private static final int CHUNK = 8192;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** For each ASCII character, whether it is written as it is (not a control, quote or \\). */
  private static final boolean[] PLAIN = plainAscii();

  private static boolean[] plainAscii() {
    boolean[] plain = new boolean[128];
    for (char c = 0x20; c < 0x7f; c++) {
      plain[c] = c != '"' && c != '\\';
    }
    return plain;
  }

  private final Appendable out;
  // What is written collects here and goes to out a chunk at a time: one append of thousands of
  // characters instead of one per name, comma and value through out's layers (a PrintWriter over
  // an escaping writer over a buffer over an encoder, for a command's standard output). When out
  // is a StringBuilder, it is the buffer: a caller may go on appending to it directly.
  private StringBuilder buffer;
  private final boolean indent;
  private char[] scopes = new char[16];
  private boolean[] firstInScope = new boolean[16];
  private int depth;
  private boolean afterName;
  private char[] newlines = indentation(8);
  private char[] chars;

  /** A writer that indents two spaces per level. */
  public JsonWriter(Appendable out) {
    this(out, true);
  }

  private JsonWriter(Appendable out, boolean indent) {
    this.out = out;
    this.buffer = out instanceof StringBuilder b ? b : new StringBuilder(CHUNK + 1024);
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
    if (depth == 0 || scopes[depth - 1] != '{' || afterName) {
      throw new IllegalStateException("a name belongs directly inside an object: " + name);
    }
    separate();
    string(name);
    buffer.append(indent ? ": " : ":");
    afterName = true;
    return this;
  }

  public JsonWriter value(String value) {
    beforeValue();
    if (value == null) {
      buffer.append("null");
    } else {
      string(value);
    }
    return written();
  }

  public JsonWriter value(Number value) {
    beforeValue();
    buffer.append(value == null ? "null" : value.toString());
    return written();
  }

  public JsonWriter value(boolean value) {
    beforeValue();
    buffer.append(value);
    return written();
  }

  public JsonWriter nullValue() {
    beforeValue();
    buffer.append("null");
    return written();
  }

  /** Ends the document with a newline; every scope must be closed. */
  public void finish() {
    if (depth > 0) {
      throw new IllegalStateException("unclosed " + scopes[depth - 1]);
    }
    buffer.append('\n');
    flush();
  }

  private void open(char kind) {
    beforeValue();
    buffer.append(kind);
    if (depth == scopes.length) {
      scopes = java.util.Arrays.copyOf(scopes, depth * 2);
      firstInScope = java.util.Arrays.copyOf(firstInScope, depth * 2);
    }
    scopes[depth] = kind;
    firstInScope[depth] = true;
    depth++;
  }

  private void close(char kind, char closing) {
    if (depth == 0 || scopes[depth - 1] != kind || afterName) {
      throw new IllegalStateException("cannot close " + closing + " here");
    }
    depth--;
    if (!firstInScope[depth]) {
      newline();
    }
    buffer.append(closing);
    if (depth == 0) {
      flush(); // a whole document (or JSON line) is out even without finish()
    } else {
      written();
    }
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (scopes[depth - 1] == '{') {
        throw new IllegalStateException("a value inside an object needs a name");
      }
      separate();
    }
  }

  private void separate() {
    if (!firstInScope[depth - 1]) {
      buffer.append(',');
    }
    firstInScope[depth - 1] = false;
    newline();
  }

  private void newline() {
    if (!indent) {
      return;
    }
    int width = 1 + 2 * depth;
    if (width > newlines.length) {
      newlines = indentation(depth * 2);
    }
    buffer.append(newlines, 0, width);
  }

  /** A newline, then two spaces for each of {@code depth} levels. */
  private static char[] indentation(int depth) {
    char[] chars = new char[1 + 2 * depth];
    java.util.Arrays.fill(chars, ' ');
    chars[0] = '\n';
    return chars;
  }

  private void string(String s) {
    quote(s, buffer);
  }

  /**
   * Appends {@code s} as a JSON string, quotes included, with the escapes this writer uses: for
   * writers of JSON lines that build their text directly (the journal) and must not spell a string
   * differently.
   */
  public static void quote(String s, StringBuilder b) {
    b.append('"');
    int start = 0; // s[start, i) needs no escape and is appended in one piece
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < PLAIN.length
          ? PLAIN[c]
          : c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
        continue; // the common case, decided by one look-up or two comparisons
      }
      String escape;
      switch (c) {
        case '"' -> escape = "\\\"";
        case '\\' -> escape = "\\\\";
        case '\n' -> escape = "\\n";
        case '\r' -> escape = "\\r";
        case '\t' -> escape = "\\t";
        default -> {
          if (c >= 0x20 && c != 0x7f && !(Character.isSurrogate(c) && !validSurrogate(s, i))) {
            continue;
          }
          escape = null;
        }
      }
      b.append(s, start, i);
      if (escape != null) {
        b.append(escape);
      } else {
        b.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xf]);
        b.append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
      }
      start = i + 1;
    }
    b.append(s, start, s.length()).append('"');
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private JsonWriter written() {
    if (buffer != out && buffer.length() >= CHUNK) {
      flush();
    }
    return this;
  }

  private void flush() {
    if (buffer == out || buffer.length() == 0) {
      return;
    }
    try {
      if (out instanceof Writer writer) {
        int n = buffer.length();
        if (chars == null || chars.length < n) {
          chars = new char[Math.max(n, CHUNK + 1024)];
        }
        buffer.getChars(0, n, chars, 0);
        writer.write(chars, 0, n); // no String made of the chunk on the way
      } else {
        out.append(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // A new buffer rather than setLength(0): once a character above U+00FF went in, a builder
    // keeps two bytes per character, and every later append would widen its Latin-1 strings.
    buffer = new StringBuilder(CHUNK + 1024);
  }
}
