package org.autofsrestore.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.autofsrestore.app.report.InspectionJson;
import org.autofsrestore.app.report.InspectionTable;
import org.autofsrestore.app.report.LiveJson;
import org.autofsrestore.app.report.LiveTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inspect DIR}: every autofs mount of a dump, decoded, with what is wrong with it. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    header = "Lists a dump's or this host's autofs mounts and what is wrong.",
    description =
        "Lists the autofs mounts of a CRIU dump with their options, owner, pipe and catatonic"
            + " state, then the findings: what is wrong and what to do, including what the CRIU"
            + " logs beside the images (dump.log, restore.log) say about autofs. A dump that"
            + " failed, with only its log, is reported as failed (exit 1). Reads only; needs no"
            + " privileges. With --live, the autofs mounts of this mount namespace (or of PID's)"
            + " in the same shape, with the process holding each pipe's read end and the"
            + " processes asleep on each mount, read from /proc alone: it never looks up a path"
            + " below a mount point, so it triggers no mount. Without root it cannot see other"
            + " users' fds, and says so per mount.")
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = DumpOpening.DUMP_ARGUMENT + "; not with --live.")
  Path directory;

  @Option(names = "--live", description = "The live mount namespace instead of a dump.")
  boolean live;

  @Option(
      names = "--pid",
      paramLabel = "PID",
      description = "With --live: PID's mount namespace (/proc/PID/mountinfo), not this one's.")
  Long pid;

  @CommandLine.Mixin ProcRootOption proc = new ProcRootOption();

  @CommandLine.Mixin JsonOrTableOption output = new JsonOrTableOption();

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    if (live == (directory != null)) {
      throw new CommandLine.ParameterException(
          cli, live ? "give DIR or --live, not both" : "give the dump's DIR, or --live");
    }
    if (pid != null && !live) {
      throw new CommandLine.ParameterException(cli, "--pid goes with --live");
    }
    if (live) {
      return LiveOpening.withLiveView(
          proc.procRoot,
          pid,
          cli,
          view -> {
            PrintWriter out = cli.getOut();
            if (output.json) {
              LiveJson.write(view, out);
              out.flush();
            } else {
              LiveTable.write(view, out);
            }
            return view.hasErrors() ? ExitStatus.STEP_FAILED : ExitStatus.OK;
          });
    }
    return inspect(directory, output.json, cli);
  }

  static int inspect(Path directory, boolean json, CommandLine cli) {
    return DumpOpening.withInspection(
        directory,
        cli,
        true,
        (inspection, container) -> {
          PrintWriter out = cli.getOut();
          if (json) {
            InspectionJson.write(inspection, container, out);
            out.flush();
          } else {
            InspectionTable.write(inspection, container, out);
          }
          return inspection.hasErrors() ? ExitStatus.STEP_FAILED : ExitStatus.OK;
        });
  }
}
