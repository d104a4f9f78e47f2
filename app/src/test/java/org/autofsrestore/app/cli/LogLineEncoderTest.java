package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logger names are shortened as Logback's pattern {@code %logger{24}} shortens them; a name from a
 * dump or from another user's lookup cannot start a line of its own or reach a terminal raw.
 */
class LogLineEncoderTest {
  private static String encoded(String message, Throwable thrown) {
    LoggerContext context = new LoggerContext();
    LogLineEncoder encoder = new LogLineEncoder();
    encoder.setContext(context);
    encoder.start();
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            context.getLogger("org.autofsrestore.app.restore.RequestServer"),
            Level.INFO,
            "request {}: {}",
            thrown,
            new Object[] {"/srv/held", message});
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  @Test
  void aLookedUpNameWithNewlinesEscapesAndALineSeparatorStaysOnTheEventsOneLine() {
    String name =
        "k1\n2026-12-08T00:00:00.000 INFO  [main] o.a.app.cli.Main - forged\r\u001b[2J\u2028x";
    String line = encoded(name, null);
    assertEquals(1, line.chars().filter(c -> c == '\n').count(), line);
    assertTrue(line.endsWith("\n"), line);
    assertTrue(
        line.contains(
            "request /srv/held: k1\\n2026-12-08T00:00:00.000 INFO  [main] o.a.app.cli.Main - forged"
                + "\\r\\x1b[2J\\u2028x\n"),
        line);
    assertTrue(line.chars().noneMatch(c -> c < 0x20 && c != '\n'), "no raw control: " + line);
  }

  @Test
  void everyControlCharacterSeparatorAndOverrideIsEscapedAndABackslashToo() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0xa0; c++) {
      all.append(c);
    }
    all.append("\u2028\u2029\u202e\u2066 ok é ü 日本");
    String escaped = LogLineEncoder.escaped(all.toString());
    assertTrue(
        escaped
            .chars()
            .noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c >= 0x2028 && c <= 0x2069),
        escaped);
    assertTrue(escaped.contains("\\x00\\x01") && escaped.contains("\\x9f"), escaped);
    assertTrue(escaped.contains("\\\\]"), "a backslash is doubled: " + escaped);
    assertTrue(escaped.endsWith("\\u2028\\u2029\\u202e\\u2066 ok é ü 日本"), escaped);
    assertEquals("/srv/plain-name_1", LogLineEncoder.escaped("/srv/plain-name_1"));
  }

  @Test
  void aThrowablesMessageIsEscapedAndItsFramesAreTheOnlyOtherLines() {
    Exception e =
        new IllegalStateException("bad\nINFO forged", new java.io.IOException("cause\u2029too"));
    String text = encoded("name", e);
    for (String l : text.split("\n")) {
      assertTrue(
          l.matches("\\d{4}-.* - request /srv/held: name")
              || l.startsWith("java.lang.IllegalStateException: bad\\nINFO forged")
              || l.startsWith("Caused by: java.io.IOException: cause\\u2029too")
              || l.startsWith("\tat "),
          "a line of its own: " + l);
    }
    assertTrue(text.contains("Caused by: java.io.IOException"), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "org.autofsrestore.app.cli.Main",
        "org.autofsrestore.kernel.linux.LinuxKernel",
        "org.autofsrestore.app.restore.Executor",
        "org.autofsrestore.app.tui.TuiLauncherWithALongName",
        "a.b.ShortEnough",
        "a..b.c.d.e.f.g.h.i.j.k.Longer",
        "Main"
      })
  void aLoggerNameIsPrintedAsThePatternLayoutPrintsIt(String name) {
    assertEquals(new TargetLengthBasedClassNameAbbreviator(24).abbreviate(name), printed(name));
  }

  @Test
  void packagesAreShortenedFromTheLeftOnlyUntilTheNameFits() {
    assertEquals("o.a.app.cli.Main", printed("org.autofsrestore.app.cli.Main"));
    assertEquals("o.a.k.linux.LinuxKernel", printed("org.autofsrestore.kernel.linux.LinuxKernel"));
  }

  private static String printed(String name) {
    StringBuilder line = new StringBuilder();
    LogLineEncoder.appendLoggerName(line, name);
    return line.toString();
  }
}
