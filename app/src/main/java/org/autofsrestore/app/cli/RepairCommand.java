package org.autofsrestore.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.autofsrestore.app.repair.HostRepair;
import org.autofsrestore.app.repair.RepairJson;
import org.autofsrestore.app.repair.RepairPlan;
import org.autofsrestore.app.repair.RepairPlanner;
import org.autofsrestore.app.repair.RepairRun;
import org.autofsrestore.app.repair.RepairStep;
import org.autofsrestore.app.repair.RepairText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repair DUMP --pid PID}: after CRIU's (or Podman's) restore of a tree, names each autofs
 * mount that will hang and why, and makes the direct mounts work again in place (a dry run unless
 * {@code --yes}). Also CRIU's action script ({@code --action-script}).
 */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    header = "Repairs the autofs mounts that CRIU's restore left hanging.",
    description =
        "Holds the dump against the autofs mounts of the restored tree whose init is PID, names"
            + " each mount that will hang and why (a new device number: automount's direct"
            + " mounts and offsets, systemd's automounts; indirect mounts keep working) and, for"
            + " automount's direct mounts, the steps that make them work again without restarting"
            + " the container: in the tree's mount namespace, park and unmount the stale trigger,"
            + " then SIGHUP automount, which mounts a fresh trigger and records its device. A dry"
            + " run unless --yes. Where a mount cannot be repaired, it says why and what to do."
            + " With --action-script it is CRIU's action script (criu restore --action-script):"
            + " CRTOOLS_SCRIPT_ACTION, CRTOOLS_IMAGE_DIR and CRTOOLS_INIT_PID; it acts on"
            + " post-restore and post-resume and exits 0 silently on every other action.")
public final class RepairCommand implements Callable<Integer> {
  static final List<String> ACTIONS = List.of("post-restore", "post-resume");

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DUMP",
      description = "The dump image directory (with --action-script: CRTOOLS_IMAGE_DIR).")
  Path directory;

  @Option(
      names = "--pid",
      paramLabel = "PID",
      description = "The restored tree's init (with --action-script: CRTOOLS_INIT_PID).")
  Long pid;

  @Option(names = "--yes", description = "Run the steps (default: print them only).")
  boolean yes;

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  @Option(
      names = "--action-script",
      description = "Run as CRIU's action script, from CRIU's environment variables.")
  boolean actionScript;

  @CommandLine.Mixin ProcRootOption proc = new ProcRootOption();

  /** The environment: CRIU's variables in action-script mode; tests give their own. */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    boolean run = yes;
    String action = null;
    if (actionScript) {
      action = environment.getOrDefault("CRTOOLS_SCRIPT_ACTION", "");
      if (!ACTIONS.contains(action)) {
        return ExitStatus.OK; // CRIU calls every script on every action: silent on the others
      }
      run = true;
      if (directory == null && environment.containsKey("CRTOOLS_IMAGE_DIR")) {
        directory = Path.of(environment.get("CRTOOLS_IMAGE_DIR"));
      }
      if (pid == null && environment.containsKey("CRTOOLS_INIT_PID")) {
        try {
          pid = Long.valueOf(environment.get("CRTOOLS_INIT_PID"));
        } catch (NumberFormatException e) {
          cli.getErr()
              .println(
                  "autofs-restore repair: CRTOOLS_INIT_PID is not a pid: "
                      + environment.get("CRTOOLS_INIT_PID"));
          return finish(action, ExitStatus.USAGE);
        }
      }
    }
    if (directory == null || pid == null) {
      cli.getErr()
          .println(
              "autofs-restore repair: needs DUMP and --pid PID"
                  + (actionScript ? " (CRTOOLS_IMAGE_DIR and CRTOOLS_INIT_PID were not set)" : ""));
      return finish(action, ExitStatus.USAGE);
    }
    boolean execute = run;
    String when = action;
    int status =
        DumpOpening.withInspection(
            directory,
            cli,
            inspection ->
                LiveOpening.withLiveView(
                    proc.procRoot,
                    pid,
                    cli,
                    view -> report(RepairPlanner.plan(inspection, view, pid), execute, when, cli)));
    return finish(action, status);
  }

  /** At post-restore a non-zero status would make CRIU abort the restore: always 0 there. */
  private static int finish(String action, int status) {
    return "post-restore".equals(action) ? ExitStatus.OK : status;
  }

  private int report(RepairPlan plan, boolean execute, String action, CommandLine cli) {
    PrintWriter out = cli.getOut();
    if (!execute) {
      if (json) {
        RepairJson.write(plan, true, out);
      } else {
        RepairText.write(plan, true, out);
      }
      out.flush();
      return plan.unrepairable().isEmpty() ? ExitStatus.OK : ExitStatus.STEP_FAILED;
    }
    RepairText.write(plan, false, out);
    if (plan.steps().isEmpty()) {
      out.flush();
      return plan.unrepairable().isEmpty() ? ExitStatus.OK : ExitStatus.STEP_FAILED;
    }
    RepairPlan toRun = plan;
    if ("post-restore".equals(action)) {
      // The tasks are not resumed yet: automount answers SIGHUP once they are, so no wait here.
      toRun =
          new RepairPlan(
              plan.dump(),
              plan.pid(),
              plan.mounts(),
              plan.steps().stream()
                  .filter(s -> !(s instanceof RepairStep.WaitForFreshTrigger))
                  .toList());
    }
    boolean ok = true;
    try {
      for (RepairRun.Outcome o : RepairRun.run(toRun, new HostRepair(proc.procRoot))) {
        out.println((o.ok() ? "ok      " : "FAILED  ") + o.step() + ": " + o.detail());
        ok &= o.ok();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    } catch (RuntimeException e) {
      out.println("FAILED  " + e.getMessage());
      ok = false;
    }
    out.flush();
    return ok && plan.unrepairable().isEmpty() ? ExitStatus.OK : ExitStatus.STEP_FAILED;
  }
}
