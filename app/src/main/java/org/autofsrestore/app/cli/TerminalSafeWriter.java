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
  private final char[] chunk = new char[8192];

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
      char c = buffer[i];
      if (c >= 0x20 && c < 0x7f) {
        continue; // printable ASCII, nearly all of a report: one test instead of acted's four
      }
      if (acted(c)) {
        out.write(buffer, start, i - start);
        out.write(escape(buffer[i]));
        start = i + 1;
      }
    }
    out.write(buffer, start, end - start);
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    // Through a reused array, a chunk at a time: a text report prints line by line, thousands.
    synchronized (lock) {
      for (int done = 0; done < length; ) {
        int n = Math.min(length - done, chunk.length);
        text.getChars(offset + done, offset + done + n, chunk, 0);
        write(chunk, 0, n);
        done += n;
      }
    }
  }

  static boolean acted(int c) {
    return (c < 0x20 && c != '\n' && c != '\t')
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** {@code \\xNN} for a byte-sized character, {@code \\uNNNN} above, in lower-case hex. */
  static String escape(int c) {
    if (c <= 0xff) {
      return new String(new char[] {'\\', 'x', HEX[c >> 4 & 0xf], HEX[c & 0xf]});
    }
    return new String(
        new char[] {
          '\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]
        });
  }
}
