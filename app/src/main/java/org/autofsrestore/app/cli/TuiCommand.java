package org.autofsrestore.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.autofsrestore.app.dump.archive.Container;
import org.autofsrestore.app.restore.Journal;
import org.autofsrestore.app.restore.Resumption;
import org.autofsrestore.app.restore.RunRecord;
import org.autofsrestore.app.restore.UnfinishedJournals;
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
      description = DumpOpening.DUMP_ARGUMENT + "; default: the bundled demo dump.")
  Path directory;

  @CommandLine.Mixin RestoreChoices choices = new RestoreChoices();

  @Option(names = "--live", description = "Start live (real system calls) instead of a dry run.")
  boolean live;

  @CommandLine.Mixin Sandbox.Choice sandboxChoice = new Sandbox.Choice();

  @Option(
      names = "--resume",
      paramLabel = "F",
      description =
          "Open the UI on the run an unfinished journal records (its dump, root, owner mode and"
              + " mounts), offering to resume it: each mount then has only what is left of it to"
              + " run. DIR, if given, is where the dump is now.")
  Path resume;

  @Option(names = "--ascii", description = "No line-drawing or other non-ASCII characters.")
  boolean ascii;

  @Option(names = "--no-color", description = "No colors (also when NO_COLOR is set).")
  boolean noColor;

  @Override
  public Integer call() throws Exception {
    if (resume != null) {
      return resume(spec.commandLine());
    }
    return run(directory == null ? DemoDump.directory() : directory, spec.commandLine());
  }

  /** The options {@code tui --resume} takes: none that changes what the journal records. */
  private static final List<String> RESUME_OPTIONS =
      List.of(
          "--resume",
          "--wait",
          "--no-wait",
          "--live",
          "--ascii",
          "--no-color",
          "--help",
          "--version");

  /** {@code tui --resume F}: this session is the run's own, so the UI can resume it. */
  private int resume(CommandLine cli) throws Exception {
    List<String> notTaken = new ArrayList<>();
    for (CommandLine.Model.OptionSpec o : cli.getParseResult().matchedOptions()) {
      if (!RESUME_OPTIONS.contains(o.longestName()) && !notTaken.contains(o.longestName())) {
        notTaken.add(o.longestName());
      }
    }
    if (!notTaken.isEmpty()) {
      cli.getErr()
          .println(
              "autofs-restore: --resume takes the run's root and options from its journal;"
                  + " leave out "
                  + String.join(" ", notTaken));
      return ExitStatus.USAGE;
    }
    Resumption.Outcome opened = Resumption.check(resume, directory);
    if (opened instanceof Resumption.Refused refused) {
      return RestoreCommand.refusal(refused, cli.getErr());
    }
    Resumption.Checked checked = (Resumption.Checked) opened;
    RunRecord run = checked.run();
    choices.root = run.root();
    choices.mounts = new ArrayList<>(run.mountpoints());
    choices.owner = run.owner();
    if (!cli.getParseResult().hasMatchedOption("--wait")
        && !cli.getParseResult().hasMatchedOption("--no-wait")) {
      choices.waitSeconds = run.waitSeconds();
      choices.noWait = false;
    }
    return run(checked.dump(), cli);
  }

  int run(Path dump, CommandLine cli) throws Exception {
    boolean rootGiven =
        sandboxChoice.inSandbox != null
            || resume != null
            || cli.getParseResult().hasMatchedOption("--root");
    if (live && !rootGiven && !sandboxChoice.sandbox) {
      cli.getErr()
          .println(
              "autofs-restore: tui --live needs --root R, the directory to restore under (write"
                  + " --root / for this host's own tree), or --sandbox");
      return ExitStatus.USAGE;
    }
    Optional<String> unusable = TuiLauncher.unusableTerminal();
    if (unusable.isPresent()) {
      cli.getErr().println("autofs-restore: " + unusable.get());
      return ExitStatus.USAGE;
    }
    if (sandboxChoice.sandbox && sandboxChoice.inSandbox == null) {
      return Sandbox.reexec(cli);
    }
    Journal.stateDirectory(); // says now, before the UI owns the terminal, if XDG_STATE_HOME is not
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
                LogSetup.logFile(),
                unfinished());
          } catch (TuiLauncher.CannotGoLive e) {
            cli.getErr().println("autofs-restore: cannot go live: " + e.getMessage());
            return ExitStatus.NO_PRIVILEGE;
          }
        });
  }

  /**
   * The runs to offer: those whose journals in the state directory never finished, the one named by
   * --resume first. None in a sandbox: its mount namespace is not the one they changed.
   */
  private List<UnfinishedJournals.Unfinished> unfinished() {
    if (sandboxChoice.inSandbox != null) {
      return List.of();
    }
    UnfinishedJournals.Listing listing = UnfinishedJournals.in(Journal.stateDirectory());
    listing.unreadable().forEach((p, why) -> LOG.warn("unreadable journal {}: {}", p, why));
    List<UnfinishedJournals.Unfinished> found = new ArrayList<>(listing.unfinished());
    if (resume != null) {
      Path named = resume.toAbsolutePath().normalize();
      found.removeIf(u -> u.journal().toAbsolutePath().normalize().equals(named));
      found.addAll(0, UnfinishedJournals.of(named).unfinished());
    }
    return found;
  }
}
