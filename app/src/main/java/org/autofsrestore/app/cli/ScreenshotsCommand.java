package org.autofsrestore.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.tui.TuiLauncher;
import org.autofsrestore.ui.UiOptions;
import org.autofsrestore.ui.render.Screenshots;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code screenshots DIR}: PNGs of the real screens on the demo dump, rendered from Lanterna's
 * virtual terminal. The live one runs real system calls, so it runs in a private mount namespace on
 * a fresh tmpfs (as root; without root it is left out, and that is said).
 */
@Command(
    name = "screenshots",
    hidden = true,
    mixinStandardHelpOptions = true,
    header = "Renders PNG screenshots of the real UI on the demo dump into DIR.",
    description =
        "Renders PNG screenshots of the real UI on the demo dump into DIR; the live one runs real"
            + " system calls in a private mount namespace on a fresh tmpfs and needs root.")
public final class ScreenshotsCommand implements Callable<Integer> {
  private static final int COLUMNS = 100;
  private static final int ROWS = 30;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Where the PNGs go.")
  Path out;

  @CommandLine.Mixin Sandbox.Choice sandboxChoice = new Sandbox.Choice();

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    Files.createDirectories(out);
    Inspection demo = AutofsAnalysis.inspect(DumpLoader.load(DemoDump.directory()));
    if (sandboxChoice.inSandbox != null) {
      Path root =
          Sandbox.enter(
              sandboxChoice.inSandbox, new java.io.PrintWriter(java.io.Writer.nullWriter()));
      shoot(demo, root, true, "L" + "y" + "r" + "s" + "s", "5-live-step.png");
      return ExitStatus.OK;
    }
    Path dryRoot = Path.of("/srv-restore");
    shoot(demo, dryRoot, false, "", "1-mount-list.png");
    shoot(demo, dryRoot, false, "jjj<Enter>", "2-mount-details.png");
    shoot(demo, dryRoot, false, "rnnnn", "3-dry-run-stepper.png");
    shoot(demo, dryRoot, false, "?", "4-help.png");
    if (new HostSystem().hasCapSysAdmin()) {
      int status = Sandbox.reexec(List.of("screenshots", out.toAbsolutePath().toString()));
      if (status != 0) {
        cli.getErr().println("autofs-restore: the live screenshot failed (status " + status + ")");
        return status;
      }
    } else {
      cli.getErr().println("autofs-restore: not root: the live-step screenshot is left out");
    }
    cli.getOut().println("screenshots written to " + out.toAbsolutePath());
    return ExitStatus.OK;
  }

  private void shoot(Inspection demo, Path root, boolean live, String keys, String name)
      throws Exception {
    // The live one steps one mount, so its stepper is the first screen "r" opens.
    List<String> mounts = live ? List.of("/srv/auto-f1") : List.of();
    TuiLauncher.Session session =
        TuiLauncher.session(
            demo,
            new Planner.Options(root, mounts, OwnerMode.HANDOFF, true, 0, false),
            new TuiLauncher.Flags(false, live, live, false, false),
            HostSystem::new,
            LogSetup.logFile());
    try {
      Screenshots.capture(
          session.model(),
          session.controller(),
          UiOptions.defaults(),
          COLUMNS,
          ROWS,
          keys,
          out.resolve(name));
    } finally {
      session.controller().close();
    }
  }
}
