package org.autofsrestore.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.autofsrestore.app.io.UntrustedFile;
import org.autofsrestore.app.restore.JournalReplay;
import org.autofsrestore.app.restore.Undo;
import org.autofsrestore.kernel.linux.LinuxKernel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code undo --journal F}: unmounts what a restore's journal mounted, newest first. */
@Command(
    name = "undo",
    mixinStandardHelpOptions = true,
    header = "Undoes a restore from its journal.",
    description =
        "Undoes a restore from its journal: parks and unmounts, newest first, every autofs mount"
            + " it made that is still there. For runs that were killed (kill -9, a crash, power"
            + " loss). The journal must be yours and writable by nobody else, as its directory;"
            + " only targets under the root it records, on the device (or process group) the run"
            + " gave them, are touched: anything else is reported and left alone.")
public final class UndoCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--journal", paramLabel = "F", required = true, description = "The journal.")
  Path journal;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    JournalReplay replay;
    try {
      replay = JournalReplay.read(journal);
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println(
              "autofs-restore: "
                  + (e instanceof UntrustedFile.Refused
                      ? e.getMessage()
                      : "cannot read the journal: " + e.getMessage()));
      return ExitStatus.UNREADABLE_IMAGE;
    }
    replay.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    if (replay.finished()) {
      out.println(journal + ": this run ended cleanly; undoing what it left mounted anyway.");
    }
    try (LinuxKernel kernel = new LinuxKernel()) {
      List<String> done = Undo.runAndFinish(replay, kernel);
      done.forEach(out::println);
      out.flush();
      return done.stream().anyMatch(d -> d.contains("failed"))
          ? ExitStatus.STEP_FAILED
          : ExitStatus.OK;
    } catch (IOException e) {
      spec.commandLine().getErr().println("autofs-restore: " + e.getMessage());
      return ExitStatus.STEP_FAILED;
    }
  }
}
