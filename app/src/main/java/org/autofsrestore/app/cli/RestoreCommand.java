package org.autofsrestore.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.report.PlanText;
import org.autofsrestore.app.report.RestoreJson;
import org.autofsrestore.app.restore.Executor;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.Journal;
import org.autofsrestore.app.restore.LiveRestore;
import org.autofsrestore.app.restore.MountPlan;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.restore.RequestServer;
import org.autofsrestore.app.restore.ResumePlanner;
import org.autofsrestore.app.restore.Resumption;
import org.autofsrestore.app.restore.RunRecord;
import org.autofsrestore.app.restore.StageName;
import org.autofsrestore.app.restore.StepListener;
import org.autofsrestore.app.restore.StepResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restore DIR --root R}: runs the plan for real, step by step, journaled and parked. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    header = "Restores a dump's autofs mounts under a root directory, for real.",
    description =
        "Restores the autofs mounts of a dump under --root: mounts each, sets its timeout and"
            + " parks it, then hands it over (default) or holds it. Every step is journaled; on any"
            + " exit, every mount this run mounted and did not hand over is left parked"
            + " (catatonic).")
public final class RestoreCommand implements Callable<Integer> {
  /**
   * Mounts per group commit of the journal (see {@link Journal}): one fdatasync each. The size
   * changes what a crash can cost the record in events (a batch's worth), never in mounts: a
   * batch's intents are durable before its first call.
   */
  static final int BATCH = 1024;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description =
          DumpOpening.DUMP_ARGUMENT + "; with --resume, only where the dump has moved since.")
  Path directory;

  @Option(
      names = "--resume",
      paramLabel = "JOURNAL",
      description =
          "Go on with the interrupted run this journal records (kill -9, a lost SSH session):"
              + " its dump, root, mounts, owner mode and stage are the journal's (only DIR,"
              + " --wait, --no-wait, --json and --yes may be given with it); what the kernel shows"
              + " done is not run again.")
  Path resume;

  @CommandLine.Mixin RestoreChoices choices = new RestoreChoices();

  @Option(
      names = "--stage",
      paramLabel = "mount|timeout|owner",
      converter = StageConverter.class,
      // Completed as picocli completes a String (not with the constants' names, which
      // StageConverter refuses: it takes the labels).
      type = String.class,
      description = "Stop after this stage (default: run all three).")
  StageName stage;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @CommandLine.Mixin Sandbox.Choice sandboxChoice = new Sandbox.Choice();

  @Option(names = "--journal", paramLabel = "F", description = "Where to keep the journal.")
  Path journalFile;

  @Option(
      names = "--json",
      description = "Print one JSON document of every step's outcome (progress goes to stderr).")
  boolean json;

  /** Told of each step boundary of the run; none in the product (see {@link StepListener}). */
  StepListener steps = StepListener.NONE;

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    PrintWriter out = cli.getOut();
    StageName last = stage == null ? StageName.OWNER : stage;
    if (resume != null) {
      return resume(cli, out);
    }
    if (directory == null) {
      cli.getErr().println("autofs-restore: restore needs the dump directory DIR (or --resume F)");
      return ExitStatus.USAGE;
    }
    if (choices.root == null && !sandboxChoice.sandbox && sandboxChoice.inSandbox == null) {
      cli.getErr()
          .println(
              "autofs-restore: restore needs --root R, the directory to restore under (write"
                  + " --root / to restore onto this host's own tree), or --sandbox");
      return ExitStatus.USAGE;
    }
    if (sandboxChoice.sandbox && sandboxChoice.inSandbox == null) {
      return Sandbox.reexec(cli);
    }
    return DumpOpening.withInspection(
        directory,
        cli,
        inspection -> {
          if (sandboxChoice.inSandbox != null) {
            choices.root = Sandbox.enter(sandboxChoice.inSandbox, out);
          }
          Plan plan = Planner.plan(inspection, new HostSystem(), choices.options(true));
          // Asked to confirm, the operator reads every call first; under --yes each call is
          // printed as it runs, with its real values, and the plan shows mounts and findings.
          PlanText.write(plan, json ? cli.getErr() : out, !yes);
          if (refusedHere(plan, cli)) {
            return ExitStatus.NO_PRIVILEGE;
          }
          if (!yes && !confirm(cli)) {
            return ExitStatus.USAGE;
          }
          // A sandbox's root lives in a mount namespace that ends with this process: nothing
          // there can be resumed, so its journal records no run.
          LiveRestore.JournalOpening opening =
              sandboxChoice.inSandbox != null
                  ? new LiveRestore.JournalOpening.Create(pgrp -> java.util.Map.of())
                  : RunRecord.recording(inspection.imageDir(), choices.options(true), last);
          Path journalPath = journalFile != null ? journalFile : Journal.defaultPath();
          return execute(plan, last, cli, journalPath, opening);
        });
  }

  /**
   * The options a resume may take besides DIR: those that change nothing the journal records of
   * what was restored where (how long to wait for an owner, how the outcome is printed, whether to
   * ask). Any other is refused, not dropped: the run's root, mounts and owner mode are the
   * journal's.
   */
  static final List<String> RESUME_OPTIONS =
      List.of("--resume", "--wait", "--no-wait", "--json", "--yes", "--help", "--version");

  /** The options given with --resume that it does not take; empty when there are none. */
  static List<String> notWithResume(CommandLine cli) {
    List<String> refused = new java.util.ArrayList<>();
    for (CommandLine.Model.OptionSpec o : cli.getParseResult().matchedOptions()) {
      if (!RESUME_OPTIONS.contains(o.longestName()) && !refused.contains(o.longestName())) {
        refused.add(o.longestName());
      }
    }
    return refused;
  }

  private int resume(CommandLine cli, PrintWriter out) {
    List<String> notTaken = notWithResume(cli);
    if (!notTaken.isEmpty()) {
      cli.getErr()
          .println(
              "autofs-restore: --resume takes the run's root, mounts, owner mode and stage from"
                  + " its journal; leave out "
                  + String.join(" ", notTaken)
                  + " (with --resume: DIR, --wait, --no-wait, --json, --yes)");
      return ExitStatus.USAGE;
    }
    Resumption.Outcome opened = Resumption.check(resume, directory);
    if (opened instanceof Resumption.Refused refused) {
      return refusal(refused, cli.getErr());
    }
    Resumption.Checked checked = (Resumption.Checked) opened;
    RunRecord run = checked.run();
    PrintWriter shown = json ? cli.getErr() : out;
    boolean waitGiven =
        cli.getParseResult().hasMatchedOption("--wait")
            || cli.getParseResult().hasMatchedOption("--no-wait");
    return DumpOpening.withInspection(
        checked.dump(),
        cli,
        inspection -> {
          Resumption.Outcome prepared =
              Resumption.prepare(
                  checked,
                  recorded ->
                      Planner.plan(
                          inspection,
                          new HostSystem(),
                          waitGiven ? withWait(recorded, choices.options(true)) : recorded));
          if (prepared instanceof Resumption.Refused refused) {
            return refusal(refused, cli.getErr());
          }
          Resumption.Prepared resumption = (Resumption.Prepared) prepared;
          shown.println(
              "Resuming "
                  + resume
                  + ": the run of "
                  + checked.dump()
                  + " under "
                  + run.root()
                  + ", owner "
                  + run.owner().option()
                  + ", up to stage "
                  + run.last().label()
                  + ".");
          checked.replay().warnings().forEach(w -> shown.println("warning: " + w));
          for (ResumePlanner.Decision d : resumption.decisions()) {
            shown.println("  " + d.mountpoint() + ": " + d.label() + ": " + d.why());
          }
          Plan plan = resumption.plan();
          PlanText.write(plan, shown, !yes);
          if (refusedHere(plan, cli)) {
            return ExitStatus.NO_PRIVILEGE;
          }
          if (!yes && !confirm(cli)) {
            return ExitStatus.USAGE;
          }
          return execute(
              plan,
              run.last(),
              cli,
              resume,
              new LiveRestore.JournalOpening.Resume(checked.replay().lastSeq()));
        });
  }

  /** The run's options with the wait for an owner given now (--wait or --no-wait). */
  private static Planner.Options withWait(Planner.Options recorded, Planner.Options given) {
    return new Planner.Options(
        recorded.root(),
        recorded.mountpoints(),
        recorded.owner(),
        recorded.mkdir(),
        given.waitOwnerSeconds(),
        recorded.forExecution());
  }

  /** Prints why a resume cannot begin, as a finding where it is one; returns the exit status. */
  static int refusal(Resumption.Refused refused, PrintWriter err) {
    if (refused.code() != null) {
      err.println("error " + refused.code().code() + ": " + refused.message());
      err.println("    -> " + refused.action());
    } else {
      err.println("autofs-restore: " + refused.sentence());
    }
    return switch (refused.refusal()) {
      case JOURNAL_UNREADABLE, DUMP_UNREADABLE -> ExitStatus.UNREADABLE_IMAGE;
      case FINISHED, NO_RUN_RECORDED -> ExitStatus.USAGE;
      case DUMP_CHANGED -> ExitStatus.STEP_FAILED;
      case MOUNT_TABLE_UNREADABLE -> ExitStatus.NO_PRIVILEGE;
    };
  }

  /** Whether the plan's findings say this process cannot restore here at all (and says so). */
  private static boolean refusedHere(Plan plan, CommandLine cli) {
    boolean refused =
        plan.findings().stream()
            .anyMatch(
                f ->
                    f.severity() == Severity.ERROR
                        && (f.code() == FindingCode.NO_CAP_SYS_ADMIN
                            || f.code() == FindingCode.NO_DEV_AUTOFS));
    if (refused) {
      cli.getErr().println("autofs-restore: cannot restore here (see the findings above)");
    }
    return refused;
  }

  private int execute(
      Plan plan,
      StageName last,
      CommandLine cli,
      Path journalPath,
      LiveRestore.JournalOpening opening) {
    PrintWriter out = json ? cli.getErr() : cli.getOut();
    LiveRestore live;
    try {
      live =
          LiveRestore.start(
              plan,
              journalPath,
              opening,
              java.time.Duration.ZERO,
              parked -> "stopped by a signal; parked: " + parked,
              parked -> {
                parked.forEach(p -> out.println("parked on exit: " + p));
                out.flush();
              });
    } catch (java.io.IOException e) {
      cli.getErr()
          .println(
              "autofs-restore: "
                  + (e instanceof org.autofsrestore.app.io.UntrustedFile.Refused
                      ? e.getMessage()
                      : "cannot create the journal " + journalPath + ": " + e));
      return ExitStatus.USAGE;
    }
    out.println("journal: " + journalPath);
    if (opening instanceof LiveRestore.JournalOpening.Create) {
      UnfinishedJournals.warn(journalPath, out);
    }
    Executor executor = live.executor();

    List<String> runnable = new java.util.ArrayList<>();
    for (MountPlan m : plan.mounts()) {
      if (m.runnable()) {
        runnable.add(m.mountpoint());
      } else {
        out.println(m.mountpoint() + ": not runnable, skipped (see its findings)");
      }
    }
    boolean[] failedStep = {runnable.size() < plan.mounts().size()};
    String[] current = {null};
    steps.boundary();
    // Text output prints each result as it comes, and each mount's mountinfo line once, after
    // its last step; --json reports every step's effect on it, at the end.
    executor.runMounts(
        runnable,
        last,
        BATCH,
        json ? Executor.Report.EVERY_STEP : Executor.Report.STREAMED,
        r -> {
          if (!r.mountpoint().equals(current[0])) {
            current[0] = r.mountpoint();
            out.println(r.mountpoint() + " -> " + executor.plan(r.mountpoint()).target());
          }
          print(out, r);
          failedStep[0] |= r instanceof StepResult.Failed;
          steps.boundary();
        });
    out.flush();
    boolean failed = failedStep[0];
    boolean serving = false;
    for (MountPlan m : plan.mounts()) {
      serving |= live.serveIfHeld(m.mountpoint());
    }
    if (serving) {
      out.println("serving the kernel's requests (FAIL ENOENT); Ctrl-C, SIGTERM or SIGHUP stops");
      out.flush();
      RequestServer server = live.server();
      server.onRequest(
          r -> {
            if (r.state() == RequestServer.State.WAITING) {
              return; // printed once answered, at once
            }
            out.println(
                r.time()
                    + " "
                    + r.mountpoint()
                    + ": pid "
                    + r.packet().pid()
                    + " uid "
                    + r.packet().uid()
                    + " asked for '"
                    + r.packet().name()
                    + "' -> "
                    + r.answer());
            out.flush();
          });
      server.serve();
    }
    Optional<List<String>> ended =
        live.end(
            parked -> {
              parked.forEach(p -> out.println("parked: " + p));
              return failed ? "ended with a failed step" : "ended";
            });
    out.flush();
    if (ended.isEmpty()) {
      return ExitStatus.STEP_FAILED; // a signal's exit path parked and finished the journal
    }
    if (json) {
      RestoreJson.write(journalPath, executor, ended.get(), cli.getOut());
      cli.getOut().flush();
    }
    return failed ? ExitStatus.STEP_FAILED : ExitStatus.OK;
  }

  /** A step's call and the kernel's answer, on one line when the answer is a return value. */
  static void print(PrintWriter out, StepResult r) {
    String answer = r.answer();
    if (r instanceof StepResult.Done && answer.startsWith("= ")) {
      out.println("  [" + r.stage().label() + "] " + r.text() + " " + answer);
    } else {
      out.println("  [" + r.stage().label() + "] " + r.text());
      out.println("      " + answer);
    }
    if (r instanceof StepResult.Failed f) {
      out.println("      " + f.recovery());
    }
    Object mountinfo =
        r instanceof StepResult.Done d
            ? d.mountinfo().orElse(null)
            : r instanceof StepResult.Failed f ? f.mountinfo().orElse(null) : null;
    if (mountinfo != null) {
      out.println("      mountinfo: " + mountinfo);
    }
  }

  private boolean confirm(CommandLine cli) {
    Console console = System.console();
    if (console == null) {
      cli.getErr()
          .println(
              "autofs-restore: no terminal to confirm on; pass --yes to restore without asking");
      return false;
    }
    String answer = console.readLine("Run this plan for real? Type yes to go on: ");
    return answer != null && answer.strip().equals("yes");
  }

  /** {@code --stage}: a stage by its label, as the plan prints it. */
  static final class StageConverter extends LabelConverter<StageName> {
    StageConverter() {
      super(StageName.values(), StageName::label, "a stage");
    }
  }
}
