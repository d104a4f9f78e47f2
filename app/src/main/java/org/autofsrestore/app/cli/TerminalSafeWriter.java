package org.autofsrestore.app.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import org.autofsrestore.app.report.TerminalEscapes;

/**
 * What the commands print for a terminal, with every character a terminal would act on written as
 * an escape instead: C0 controls but newline and tab, DEL, C1 controls (ESC sequences start
 * terminal commands; U+0085 is a line break to some), U+2028/2029 (line and paragraph separators)
 * and the Unicode bidirectional overrides (they reorder what is shown). A dump's strings (mount
 * points, options, names) reach root's terminal only this way. Newline and tab pass here, for the
 * program's own blocks of text (help, the completion script); {@link TerminalText} escapes them in
 * each line a report prints ({@link TerminalEscapes#oneLine}), so a name cannot start a line. JSON
 * never passes here: it goes to {@link TerminalText#jsonWriter()}.
 */
final class TerminalSafeWriter extends FilterWriter {
  private final char[] chunk = new char[8192];

  TerminalSafeWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    if (TerminalEscapes.acted(c)) {
      out.write(TerminalEscapes.escape(c));
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
        continue; // printable ASCII, nearly all of a report: one test instead of acted's six
      }
      if (TerminalEscapes.acted(c)) {
        out.write(buffer, start, i - start);
        out.write(TerminalEscapes.escape(buffer[i]));
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
}
