package org.autofsrestore.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code autofs-restore}: without a subcommand, inspects the bundled demo dump; subcommands for
 * scripts.
 */
@Command(
    name = "autofs-restore",
    mixinStandardHelpOptions = true,
    version = "autofs-restore 0.1.0",
    description = {
      "Inspect, plan and restore the autofs mounts of a CRIU dump image directory.",
      "Without a command: the UI on the demo dump bundled in the tool, as a dry run."
    },
    subcommands = {
      InspectCommand.class,
      PlanCommand.class,
      RestoreCommand.class,
      UndoCommand.class,
      TuiCommand.class,
      ScreenshotsCommand.class,
      GenerateCommand.class
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:no finding is an error; every step did what it should",
      "1:a finding is an error, or a restore step failed",
      "2:usage error",
      "3:the dump image cannot be read",
      "4:missing privileges or kernel support"
    })
public final class RootCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Where the log goes (default: $XDG_STATE_HOME/autofs-restore/...).")
  String logFile;

  @Override
  public Integer call() throws Exception {
    // The tui subcommand with no arguments: its own defaults, the demo dump.
    return spec.commandLine().getSubcommands().get("tui").execute();
  }
}
