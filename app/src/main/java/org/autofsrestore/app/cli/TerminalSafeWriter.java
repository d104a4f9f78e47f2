package org.autofsrestore.app.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the commands print for a terminal, with every character a terminal would act on written as
 * an escape instead: C0 controls but newline and tab, DEL, C1 controls (ESC sequences start
 * terminal commands) and the Unicode bidirectional overrides (they reorder what is shown). A dump's
 * strings (mount points, options, names) reach root's terminal only this way; JSON output is
 * escaped by its writer already and passes unchanged.
 */
final class TerminalSafeWriter extends FilterWriter {
  TerminalSafeWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    if (acted(c)) {
      out.write(escape(c));
    } else {
      out.write(c);
    }
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (acted(buffer[i])) {
        out.write(buffer, start, i - start);
        out.write(escape(buffer[i]));
        start = i + 1;
      }
    }
    out.write(buffer, start, end - start);
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      char c = text.charAt(i);
      if (acted(c)) {
        out.write(text, start, i - start);
        out.write(escape(c));
        start = i + 1;
      }
    }
    out.write(text, start, end - start);
  }

  static boolean acted(int c) {
    return (c < 0x20 && c != '\n' && c != '\t')
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  private static String escape(int c) {
    return c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u%04x", c);
  }
}
