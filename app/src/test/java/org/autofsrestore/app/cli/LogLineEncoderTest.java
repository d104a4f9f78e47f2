package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logger names are shortened as Logback's pattern {@code %logger{24}} shortens them. */
class LogLineEncoderTest {
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
