package org.autofsrestore.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code autofs-restore}: without a subcommand, the UI on the bundled demo dump; subcommands for
 * scripts.
 */
@Command(
    name = "autofs-restore",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.Provider.class,
    description = {
      "Inspect, plan and restore the autofs mounts of a CRIU dump image directory, and hold them"
          + " against the live ones.",
      "Without a command, it opens the UI on the demo dump bundled in the tool, as a dry run."
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

  @CommandLine.Mixin LogFileOption logFile = new LogFileOption();

  /** Every subcommand's name, in the order help lists them. */
  static final List<String> SUBCOMMANDS =
      List.of(
          "inspect",
          "diff",
          "repair",
          "plan",
          "restore",
          "undo",
          "tui",
          "completion",
          "screenshots",
          "generate");

  /**
   * The command line for {@code args}, with only the subcommand they name when they name one.
   * picocli reads a command's annotations when the command is added, about 5 ms a command on a cold
   * start, and a run uses one; root help and a misspelt name get them all, for the list and the
   * suggestion.
   */
  static CommandLine commandLine(String[] args) {
    String named = subcommandNamed(args);
    if (named == null) {
      return everyCommand();
    }
    CommandLine cli = new CommandLine(new RootCommand());
    cli.addSubcommand(named, newSubcommand(named));
    return cli;
  }

  /** The whole command tree, for root help, completion scripts and man pages. */
  static CommandLine everyCommand() {
    CommandLine cli = new CommandLine(new RootCommand());
    for (String name : SUBCOMMANDS) {
      cli.addSubcommand(name, newSubcommand(name));
    }
    return cli;
  }

  /**
   * The subcommand {@code args} run: the first word that is not a root option, "tui" when there is
   * none; null when that word is no subcommand's name or root help is asked for.
   */
  static String subcommandNamed(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (LogFileOption.takesNext(arg)) {
        i++;
      } else if (arg.equals("-h") || arg.equals("--help")) {
        return null;
      } else if (!arg.startsWith("-")) {
        return SUBCOMMANDS.contains(arg) ? arg : null;
      }
    }
    return "tui";
  }

  private static Object newSubcommand(String name) {
    return switch (name) {
      case "inspect" -> new InspectCommand();
      case "diff" -> new DiffCommand();
      case "repair" -> new RepairCommand();
      case "plan" -> new PlanCommand();
      case "restore" -> new RestoreCommand();
      case "undo" -> new UndoCommand();
      case "tui" -> new TuiCommand();
      case "completion" -> new CompletionCommand();
      case "screenshots" -> new ScreenshotsCommand();
      case "generate" -> new GenerateCommand();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }

  @Override
  public Integer call() throws Exception {
    // The tui subcommand with no arguments: its own defaults, the demo dump.
    return spec.commandLine().getSubcommands().get("tui").execute();
  }
}
