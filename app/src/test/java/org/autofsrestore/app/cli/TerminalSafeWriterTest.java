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

  @Test
  void lineAndParagraphSeparatorsAreEscaped() {
    assertEquals("a\\u2028b\\u2029c\\x85d", through("a\u2028b\u2029c\u0085d"));
  }

  @Test
  void aPrintedLineStaysOneLineWhateverANameInItHolds() {
    StringWriter sink = new StringWriter();
    PrintWriter out = TerminalText.over(new PrintWriter(sink));
    out.println("/srv/a\nforged line\tx\ry\u0000z\u2028 -> /r/srv/a");
    out.println((Object) "o\nbj");
    out.print("help\n\tblock\n");
    out.flush();
    assertEquals(
        "/srv/a\\nforged line\\tx\\ry\\x00z\\u2028 -> /r/srv/a\no\\nbj\nhelp\n\tblock\n",
        sink.toString());
  }

  @Test
  void jsonGoesPastTheSanitizerAfterTheTextBeforeIt() {
    StringWriter sink = new StringWriter();
    PrintWriter out = TerminalText.over(new PrintWriter(sink));
    out.print("text\u0085 ");
    org.autofsrestore.app.json.JsonWriter.compact(out).beginArray().value("\u0085\n").endArray();
    out.flush();
    assertEquals("text\\x85 [\"\\u0085\\n\"]", sink.toString());
  }
}
