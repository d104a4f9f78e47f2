package org.autofsrestore.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.autofsrestore.app.synth.SyntheticDump;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code generate --mounts N [--processes P] DIR}: writes a synthetic CRIU dump of any size (see
 * {@link SyntheticDump}). Hidden: it serves benchmarks and scale tests, not operators.
 */
@Command(
    name = "generate",
    hidden = true,
    mixinStandardHelpOptions = true,
    header = "Writes a synthetic CRIU dump of any size, for benchmarks and scale tests.",
    description =
        "Writes a synthetic CRIU dump: N mounts in nested trees (every K-th an autofs mount,"
            + " default 20) and P processes with their fd tables, the autofs owners holding their"
            + " pipes. The same options give the same bytes.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--mounts", required = true, paramLabel = "N", description = "Mounts in all.")
  int mounts;

  @Option(
      names = "--processes",
      paramLabel = "P",
      description = "Processes (default: N/2, at least 1).")
  Integer processes;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the random choices.")
  long seed = SyntheticDump.DEFAULT_SEED;

  @Option(
      names = "--defect-every",
      paramLabel = "K",
      description = "Plant a defect on every K-th live autofs mount (default 0: none).")
  int defectEvery;

  @Option(
      names = "--autofs-every",
      paramLabel = "K",
      description = "Every K-th mount is an autofs mount (default 20; 1: all but the root).")
  int autofsEvery = SyntheticDump.AUTOFS_EVERY;

  @Parameters(index = "0", paramLabel = "DIR", description = "Where to write (created).")
  Path directory;

  @Override
  public Integer call() throws IOException {
    CommandLine cli = spec.commandLine();
    if (mounts < 1 || (processes != null && processes < 1) || defectEvery < 0 || autofsEvery < 1) {
      cli.getErr()
          .println(
              "autofs-restore generate: --mounts, --processes and --autofs-every must be >= 1,"
                  + " --defect-every >= 0");
      return ExitStatus.USAGE;
    }
    SyntheticDump.Options options =
        SyntheticDump.Options.of(mounts)
            .withSeed(seed)
            .withDefectEvery(defectEvery)
            .withAutofsEvery(autofsEvery);
    if (processes != null) {
      options = options.withProcesses(processes);
    }
    long start = System.nanoTime();
    SyntheticDump.Summary s = SyntheticDump.write(directory, options);
    double seconds = (System.nanoTime() - start) / 1e9;
    cli.getOut()
        .printf(
            Locale.ROOT,
            "%s: %d mounts (%d autofs, %d catatonic), %d processes (%d owners), %d files,"
                + " %d defects planted, in %.2f s%n",
            s.directory(),
            s.mounts(),
            s.autofsMounts(),
            s.catatonicMounts(),
            s.processes(),
            s.owners(),
            s.files(),
            s.planted().size(),
            seconds);
    for (SyntheticDump.Planted p : s.planted()) {
      cli.getOut().println("planted " + p.code().code() + " " + p.mountpoint());
    }
    cli.getOut().flush();
    return ExitStatus.OK;
  }
}
