package org.autofsrestore.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.autofsrestore.app.report.InspectionJson;
import org.autofsrestore.app.report.InspectionTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inspect DIR}: every autofs mount of a dump, decoded, with what is wrong with it. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    header = "Lists a dump's autofs mounts and says what is wrong with them.",
    description =
        "Lists the autofs mounts of a CRIU dump with their options, owner, pipe and catatonic"
            + " state, then the findings: what is wrong and what to do, including what the CRIU"
            + " logs beside the images (dump.log, restore.log) say about autofs. A dump that"
            + " failed, with only its log, is reported as failed (exit 1). Reads only; needs no"
            + " privileges.")
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description =
          "The dump: a CRIU image directory, or a container checkpoint archive (tar, plain or"
              + " gzip, zstd or xz).")
  Path directory;

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    return inspect(directory, json, spec.commandLine());
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
