package org.autofsrestore.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.report.PlanText;
import org.autofsrestore.app.report.RestoreJson;
import org.autofsrestore.app.restore.Executor;
import org.autofsrestore.app.restore.HostProbe;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.Journal;
import org.autofsrestore.app.restore.MountPlan;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.restore.RequestServer;
import org.autofsrestore.app.restore.StageName;
import org.autofsrestore.app.restore.StepResult;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restore DIR --root R}: runs the plan for real, step by step, journaled and parked. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restore the autofs mounts of a dump under --root: mount, set the timeout and park,",
      "then hand over (default) or hold them. Every step is journaled; on any exit, every",
      "mount this run mounted and did not hand over is left parked (catatonic)."
    })
public final class RestoreCommand implements Callable<Integer> {
  /**
   * Mounts per group commit of the journal (see {@link Journal}): one fdatasync each. The size
   * changes what a crash can cost the record in events (a batch's worth), never in mounts: a
   * batch's intents are durable before its first call.
   */
  static final int BATCH = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(RestoreCommand.class);

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The dump image directory.")
  Path directory;

  @CommandLine.Mixin PlanCommand.RestoreChoices choices = new PlanCommand.RestoreChoices();

  @Option(
      names = "--stage",
      paramLabel = "mount|timeout|owner",
      description = "Stop after this stage (default: run all three).")
  String stage;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @CommandLine.Mixin Sandbox.Choice sandboxChoice = new Sandbox.Choice();

  @Option(names = "--journal", paramLabel = "F", description = "Where to keep the journal.")
  Path journalFile;

  @Option(
      names = "--json",
      description = "Print one JSON document of every step's outcome (progress goes to stderr).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    PrintWriter out = cli.getOut();
    StageName last = parseStage(cli);
    if (last == null && stage != null) {
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
          if (plan.findings().stream()
              .anyMatch(
                  f ->
                      f.severity() == Severity.ERROR
                          && (f.code() == FindingCode.NO_CAP_SYS_ADMIN
                              || f.code() == FindingCode.NO_DEV_AUTOFS))) {
            cli.getErr().println("autofs-restore: cannot restore here (see the findings above)");
            return ExitStatus.NO_PRIVILEGE;
          }
          if (!yes && !confirm(cli)) {
            return ExitStatus.USAGE;
          }
          return execute(plan, last, cli);
        });
  }

  private int execute(Plan plan, StageName last, CommandLine cli) {
    PrintWriter out = json ? cli.getErr() : cli.getOut();
    Path journalPath = journalFile != null ? journalFile : Journal.defaultPath();
    Journal journal;
    try {
      journal = Journal.create(journalPath);
    } catch (java.io.IOException e) {
      cli.getErr().println("autofs-restore: cannot create the journal " + journalPath + ": " + e);
      return ExitStatus.USAGE;
    }
    out.println("journal: " + journalPath);
    UnfinishedJournals.warn(journalPath, out);
    LinuxKernel kernel = new LinuxKernel();
    int pgrp = kernel.run(new PosixCall.GetPgrp());
    Executor executor = new Executor(plan, kernel, journal, false, new HostProbe(kernel), pgrp);
    RequestServer server = new RequestServer(kernel, java.time.Duration.ZERO);
    AtomicBoolean finished = new AtomicBoolean();
    Thread parkOnExit =
        new Thread(
            () -> {
              if (finished.compareAndSet(false, true)) {
                server.stop();
                List<String> parked = executor.parkAll();
                LOG.info("exit path: {}", parked);
                journal.finish("stopped by a signal; parked: " + parked);
                parked.forEach(p -> out.println("parked on exit: " + p));
                out.flush();
              }
            },
            "park-on-exit");
    Runtime.getRuntime().addShutdownHook(parkOnExit);

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
        });
    out.flush();
    boolean failed = failedStep[0];
    for (MountPlan m : plan.mounts()) {
      Executor.Progress p = executor.progress(m.mountpoint());
      if (p.state() == Executor.State.HELD) {
        server.add(
            new RequestServer.Served(
                m.mountpoint(),
                m.target().toString(),
                (Long) p.bound().get(Planner.DEVID),
                (Integer) p.bound().get(Planner.PIPE_READ)));
      }
    }
    if (!server.isEmpty()) {
      out.println("serving the kernel's requests (FAIL ENOENT); Ctrl-C, SIGTERM or SIGHUP stops");
      out.flush();
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
    if (!finished.compareAndSet(false, true)) {
      // A signal's hook is parking and finishing the journal: it owns the teardown, and the JVM
      // ends when it is done. Closing the journal or the kernel here would pull them from under it.
      out.flush();
      return ExitStatus.STEP_FAILED;
    }
    List<String> parked = executor.parkAll();
    parked.forEach(p -> out.println("parked: " + p));
    journal.finish(failed ? "ended with a failed step" : "ended");
    try {
      Runtime.getRuntime().removeShutdownHook(parkOnExit);
    } catch (IllegalStateException e) {
      // already shutting down: the hook finds nothing left to do
    }
    out.flush();
    if (json) {
      RestoreJson.write(journalPath, executor, parked, cli.getOut());
      cli.getOut().flush();
    }
    closeQuietly(journal);
    kernel.close();
    return failed ? ExitStatus.STEP_FAILED : ExitStatus.OK;
  }

  private static void closeQuietly(Journal journal) {
    try {
      journal.close();
    } catch (java.io.IOException e) {
      LOG.warn("closing the journal {}: {}", journal.file(), e.getMessage());
    }
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

  private StageName parseStage(CommandLine cli) {
    if (stage == null) {
      return StageName.OWNER;
    }
    for (StageName s : StageName.values()) {
      if (s.label().equals(stage)) {
        return s;
      }
    }
    cli.getErr().println("autofs-restore: --stage takes mount, timeout or owner, not " + stage);
    return null;
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
}
