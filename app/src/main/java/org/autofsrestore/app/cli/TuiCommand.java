package org.autofsrestore.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.autofsrestore.app.dump.archive.Container;
import org.autofsrestore.app.tui.TuiLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tui [DIR]}: the full-screen UI; a dry run unless asked to go live. */
@Command(
    name = "tui",
    mixinStandardHelpOptions = true,
    header = "Opens the full-screen UI on a dump (the demo dump without one).",
    description =
        "Opens the full-screen UI: the dump's autofs mounts, their details and findings, and a"
            + " stepper through each mount's restore. It starts as a dry run; going live asks first"
            + " and needs root and an explicit --root (or --sandbox). Press ? in the UI for every"
            + " key.")
public final class TuiCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TuiCommand.class);

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description =
          "The dump: a CRIU image directory, or a container checkpoint archive (tar, plain or"
              + " gzip, zstd or xz); default: the bundled demo dump.")
  Path directory;

  @CommandLine.Mixin PlanCommand.RestoreChoices choices = new PlanCommand.RestoreChoices();

  @Option(names = "--live", description = "Start live (real system calls) instead of a dry run.")
  boolean live;

  @CommandLine.Mixin Sandbox.Choice sandboxChoice = new Sandbox.Choice();

  @Option(names = "--ascii", description = "No line-drawing or other non-ASCII characters.")
  boolean ascii;

  @Option(names = "--no-color", description = "No colors (also when NO_COLOR is set).")
  boolean noColor;

  @Override
  public Integer call() throws Exception {
    return run(directory == null ? DemoDump.directory() : directory, spec.commandLine());
  }

  int run(Path dump, CommandLine cli) throws Exception {
    Optional<String> unusable = TuiLauncher.unusableTerminal();
    if (unusable.isPresent()) {
      cli.getErr().println("autofs-restore: " + unusable.get());
      return ExitStatus.USAGE;
    }
    if (sandboxChoice.sandbox && sandboxChoice.inSandbox == null) {
      return Sandbox.reexec(cli);
    }
    boolean rootGiven =
        sandboxChoice.inSandbox != null || cli.getParseResult().hasMatchedOption("--root");
    return DumpOpening.withInspection(
        dump,
        cli,
        (inspection, container) -> {
          if (sandboxChoice.inSandbox != null) {
            StringWriter said = new StringWriter();
            choices.root = Sandbox.enter(sandboxChoice.inSandbox, new PrintWriter(said));
            LOG.info("{}", said.toString().strip());
          }
          // The stepper shows every step, so missing directories are created by steps of the
          // plan the operator runs one by one, not refused up front.
          choices.mkdir = true;
          try {
            return TuiLauncher.launch(
                inspection,
                choices.options(false),
                new TuiLauncher.Flags(
                    live, sandboxChoice.inSandbox != null, rootGiven, ascii, noColor),
                container.map(Container::describe).orElse(""),
                LogSetup.logFile());
          } catch (TuiLauncher.CannotGoLive e) {
            cli.getErr().println("autofs-restore: cannot go live: " + e.getMessage());
            return ExitStatus.NO_PRIVILEGE;
          }
        });
  }
}
