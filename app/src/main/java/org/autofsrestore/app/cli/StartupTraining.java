package org.autofsrestore.app.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.autofsrestore.app.criulog.CriuLogInspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.tui.TuiLauncher;
import org.autofsrestore.ui.UiOptions;
import org.autofsrestore.ui.render.Screenshots;

/**
 * What an operator runs, done once on the bundled demo dump so that the JVM can list the classes it
 * loads: ./autofs-restore archives them (class-data sharing) after each build, and every later
 * start maps them instead of reading, parsing and verifying them from the jar. Changes nothing:
 * output goes nowhere, the UI draws on a virtual terminal, the restore is the UI's dry run.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws Exception {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    Path demoDump = DemoDump.directory();
    String demo = demoDump.toString();
    for (List<String> command :
        List.of(
            List.of("plan", demo, "--root", "/nonexistent", "--mkdir", "--json"),
            List.of("plan", demo, "--root", "/nonexistent", "--mkdir"),
            List.of("inspect", "--json", demo),
            List.of("inspect", demo),
            // Every command's model (help), and the UI's own refusal of a non-terminal.
            List.of("--help"),
            List.of("--version"),
            List.of("tui", demo))) {
      String[] line = new String[command.size() + 2];
      line[0] = "--log-file";
      line[1] = "/dev/null";
      for (int i = 0; i < command.size(); i++) {
        line[i + 2] = command.get(i);
      }
      Main.run(line, nowhere, nowhere);
    }
    TuiLauncher.Session session =
        TuiLauncher.session(
            CriuLogInspection.inspect(DumpLoader.load(demoDump)),
            new Planner.Options(
                Path.of("/nonexistent"), List.of(), OwnerMode.HANDOFF, true, 0, false),
            new TuiLauncher.Flags(false, false, false, false, false),
            HostSystem::new,
            LogSetup.logFile());
    try {
      // A cursor move, a mount's details, and the dry-run stepper through its steps.
      Screenshots.drive(
          session.model(),
          session.controller(),
          UiOptions.defaults(),
          120,
          40,
          "j<Enter><Esc>rnnnnnnnn<Esc>?<Esc>",
          Duration.ofSeconds(10));
    } finally {
      session.controller().close();
    }
  }
}
