package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** The command line is built with only the subcommand a run names, and behaves as if whole. */
class CommandLineTest {
  @Test
  void theSubcommandNamedIsTheFirstWordThatIsNoRootOption() {
    assertEquals("inspect", RootCommand.subcommandNamed(new String[] {"inspect", "--json", "D"}));
    assertEquals(
        "plan", RootCommand.subcommandNamed(new String[] {"--log-file", "plan", "plan", "D"}));
    assertEquals("undo", RootCommand.subcommandNamed(new String[] {"--log-file=F", "undo"}));
    assertEquals("tui", RootCommand.subcommandNamed(new String[] {}));
    assertEquals("tui", RootCommand.subcommandNamed(new String[] {"--version"}));
    assertNull(RootCommand.subcommandNamed(new String[] {"--help"}));
    assertNull(RootCommand.subcommandNamed(new String[] {"inspekt", "D"}));
  }

  @Test
  void aRunCarriesOnlyTheSubcommandItNames() {
    assertEquals(
        Set.of("restore"),
        RootCommand.commandLine(new String[] {"restore", "D"}).getSubcommands().keySet());
    assertEquals(
        Set.copyOf(RootCommand.SUBCOMMANDS),
        RootCommand.commandLine(new String[] {"-h"}).getSubcommands().keySet());
  }

  @Test
  void aMisspeltSubcommandIsAUsageErrorThatSuggestsTheRightName() {
    CommandRun run = CommandRun.of("inspekt", "DIR");
    assertEquals(ExitStatus.USAGE, run.status());
    assertTrue(run.err().contains("inspect"), run.err());
  }

  @Test
  void theLogFileOptionStillReachesASubcommandAddedAlone() {
    CommandRun run =
        CommandRun.of("inspect", "--log-file", LogSetup.logFile().toString(), "--help");
    assertEquals(ExitStatus.OK, run.status(), run.err());
    assertTrue(run.out().contains("--log-file"), run.out());
  }

  @Test
  void aRunsLinesReachTheLogFileBeforeItReturns() throws Exception {
    String marker = "marker-" + System.nanoTime();
    CommandRun run = CommandRun.of("inspect", Fixtures.dir("indirect").toString(), marker);
    assertEquals(ExitStatus.USAGE, run.status());
    String log = Files.readString(LogSetup.logFile(), StandardCharsets.UTF_8);
    String line = log.substring(log.lastIndexOf('\n', log.indexOf(marker)) + 1);
    assertTrue(
        line.matches(
            "(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^]]+\\]"
                + " o\\.a\\.app\\.cli\\.Main - autofs-restore inspect .*"),
        line);
  }
}
