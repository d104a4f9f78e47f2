package org.autofsrestore.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.criulog.CriuLogInspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.dump.DumpUnreadableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Opens and inspects a dump for a command, turning the ways that fails into exit statuses. */
final class DumpOpening {
  private static final Logger LOG = LoggerFactory.getLogger(DumpOpening.class);

  private DumpOpening() {}

  static int withInspection(Path directory, CommandLine cli, ToIntFunction<Inspection> use) {
    return withInspection(directory, cli, false, use);
  }

  /**
   * With {@code failedDumps}, a directory whose images cannot be read but whose CRIU log says the
   * dump failed is inspected as that failure (its findings say why) instead of refused.
   */
  static int withInspection(
      Path directory, CommandLine cli, boolean failedDumps, ToIntFunction<Inspection> use) {
    Inspection inspection;
    try {
      inspection = CriuLogInspection.inspect(DumpLoader.load(directory));
    } catch (DumpUnreadableException e) {
      Optional<Inspection> failed =
          failedDumps ? CriuLogInspection.withoutImages(directory, e) : Optional.empty();
      if (failed.isEmpty()) {
        LOG.warn("cannot read dump {}", directory, e);
        cli.getErr().println("autofs-restore: " + e.getMessage());
        return ExitStatus.UNREADABLE_IMAGE;
      }
      LOG.info("dump {} failed, by its CRIU log; its images: {}", directory, e.getMessage());
      inspection = failed.get();
    }
    try {
      int status = use.applyAsInt(inspection);
      for (Finding f : inspection.dumpFindings()) {
        if (f.code() == FindingCode.NO_IMAGES) {
          cli.getErr().println("autofs-restore: " + f.message());
          return ExitStatus.UNREADABLE_IMAGE; // only logs, of no failed dump: still unreadable
        }
      }
      return status;
    } catch (IllegalArgumentException e) {
      cli.getErr().println("autofs-restore: " + e.getMessage());
      return ExitStatus.USAGE;
    }
  }
}
