package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.StageName;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Options several commands share are declared once (picocli mixins) and parsed once. */
class SharedOptionsTest {
  @Test
  void anOptionSaidAlikeByTwoCommandsIsOneDeclaration() {
    Map<String, Set<String>> declaredIn = new TreeMap<>();
    CommandLine root = RootCommand.everyCommand();
    List<CommandLine> commands = new ArrayList<>(List.of(root));
    commands.addAll(root.getSubcommands().values());
    for (CommandLine c : commands) {
      for (OptionSpec o : c.getCommandSpec().options()) {
        Field field = (Field) o.userObject();
        declaredIn
            .computeIfAbsent(
                o.longestName() + ": " + String.join(" ", o.description()),
                k -> new LinkedHashSet<>())
            .add(field.getDeclaringClass().getName() + "." + field.getName());
      }
    }
    assertTrue(declaredIn.containsKey("--proc-root: "), declaredIn.keySet().toString());
    declaredIn.values().removeIf(fields -> fields.size() == 1);
    assertEquals(Map.of(), declaredIn, "options declared again with the same words");
  }

  @Test
  void aStageIsGivenByTheLabelThePlanPrints() {
    RestoreCommand restore = new RestoreCommand();
    new CommandLine(restore).parseArgs("--stage", "timeout", "D");
    assertEquals(StageName.TIMEOUT, restore.stage);

    RestoreCommand none = new RestoreCommand();
    new CommandLine(none).parseArgs("D");
    assertNull(none.stage, "no --stage: the restore runs all three");

    CommandLine.ParameterException upper =
        assertThrows(
            CommandLine.ParameterException.class,
            () -> new CommandLine(new RestoreCommand()).parseArgs("--stage", "MOUNT", "D"));
    assertEquals(
        "Invalid value for option '--stage': 'MOUNT' is not a stage: use mount, timeout or owner",
        upper.getMessage());
  }

  @Test
  void aStageThatIsNoneIsAUsageErrorBeforeTheDumpIsRead() {
    CommandRun run =
        CommandRun.of(
            "restore",
            "--stage",
            "all",
            "--root",
            "/nonexistent",
            Fixtures.dir("multi").toString());
    assertEquals(ExitStatus.USAGE, run.status());
    assertTrue(
        run.err()
            .startsWith(
                "Invalid value for option '--stage': 'all' is not a stage: use mount, timeout or"
                    + " owner"),
        run.err());
  }

  @Test
  void theOwnerOfPlanRestoreAndTuiIsOneOption() {
    for (Object command : List.of(new PlanCommand(), new RestoreCommand(), new TuiCommand())) {
      CommandLine cli = new CommandLine(command);
      cli.parseArgs("--owner", "hold", "D");
      RestoreChoices choices =
          (RestoreChoices) cli.getCommandSpec().mixins().get("choices").userObject();
      assertEquals(OwnerMode.HOLD, choices.owner, command.getClass().getSimpleName());
    }
  }

  @Test
  void theLogFileIsTheLastGivenInEitherSpellingAndReadBeforePicocliParses() {
    assertEquals(
        "b", LogFileOption.in(new String[] {"--log-file", "a", "inspect", "--log-file=b"}));
    assertEquals("a", LogFileOption.in(new String[] {"inspect", "--log-file", "a", "D"}));
    assertNull(LogFileOption.in(new String[] {"inspect", "D"}));
    assertNull(LogFileOption.in(new String[] {"inspect", "--log-file"}), "no value after it");
    assertEquals(
        "plan", RootCommand.subcommandNamed(new String[] {"--log-file", "inspect", "plan", "D"}));
  }
}
