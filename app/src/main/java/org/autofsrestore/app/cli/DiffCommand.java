package org.autofsrestore.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.autofsrestore.app.live.DiffReport;
import org.autofsrestore.app.live.DumpVsLive;
import org.autofsrestore.app.live.Expectation;
import org.autofsrestore.app.report.DiffJson;
import org.autofsrestore.app.report.DiffTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diff DUMP}: the dump's autofs mounts held against the live mount namespace. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    header = "Says how a dump's autofs mounts differ from the live ones.",
    description =
        "For each autofs mount of the dump: is it mounted at ROOT + its mount point; the same"
            + " mode, timeout and protocol range; catatonic; who owns it now; its device number"
            + " changed since the dump (what makes systemd's automounts and automount's direct"
            + " mounts hang after a restore); and the live autofs mounts under ROOT that the dump"
            + " does not have. Each difference is a finding with what to do. Reads the dump and"
            + " /proc only; triggers no mount.")
public final class DiffCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DUMP", description = "The dump image directory.")
  Path directory;

  @Option(
      names = "--root",
      paramLabel = "R",
      description = "The root the dump was restored under (default: /).")
  String root = "/";

  @Option(
      names = "--pid",
      paramLabel = "PID",
      description = "Compare with PID's mount namespace instead of this one's.")
  Long pid;

  @CommandLine.Mixin JsonOrTableOption output = new JsonOrTableOption();

  @CommandLine.Mixin ProcRootOption proc = new ProcRootOption();

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    return DumpOpening.withInspection(
        directory,
        cli,
        inspection ->
            LiveOpening.withLiveView(
                proc.procRoot,
                pid,
                cli,
                view -> {
                  // diff is run after a restore: a dump mount missing there is an error.
                  DiffReport report =
                      DumpVsLive.diff(inspection, view, root, Expectation.AFTER_RESTORE);
                  PrintWriter out = cli.getOut();
                  if (output.json) {
                    DiffJson.write(report, out);
                    out.flush();
                  } else {
                    DiffTable.write(report, out);
                  }
                  return report.hasErrors() ? ExitStatus.STEP_FAILED : ExitStatus.OK;
                }));
  }
}
