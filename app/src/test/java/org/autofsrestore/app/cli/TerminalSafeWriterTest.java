package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalSafeWriterTest {
  private static String through(String text) {
    StringWriter sink = new StringWriter();
    try (PrintWriter out = new PrintWriter(new TerminalSafeWriter(sink))) {
      out.print(text);
    }
    return sink.toString();
  }

  @Test
  void anEscapeSequenceFromADumpReachesTheTerminalAsText() {
    assertEquals("/srv/\\x1b]0;owned\\x07x", through("/srv/\u001b]0;owned\u0007x"));
  }

  @Test
  void c1ControlsDelAndBidiOverridesAreEscaped() {
    assertEquals("a\\x9bb\\x7fc\\u202ed\\u2066e", through("a\u009bb\u007fc\u202ed\u2066e"));
  }

  @Test
  void newlinesTabsAndOrdinaryUnicodePassUnchanged() {
    assertEquals("line\n\tü ✓ /srv/auto-a", through("line\n\tü ✓ /srv/auto-a"));
  }
}
