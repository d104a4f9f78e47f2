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
import org.autofsrestore.app.dump.archive.Container;
import org.autofsrestore.app.dump.archive.OpenedDump;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Opens and inspects a dump for a command, a CRIU image directory or a checkpoint archive, turning
 * the ways that fails into exit statuses. An archive's private directory lives as long as the
 * command's use of the dump, and no longer.
 */
final class DumpOpening {
  private static final Logger LOG = LoggerFactory.getLogger(DumpOpening.class);

  private DumpOpening() {}

  /**
   * What the DIR parameter of inspect, plan, restore and tui may be, said once for their help; each
   * adds how it treats DIR (a constant, since picocli's annotations take only constants).
   */
  static final String DUMP_ARGUMENT =
      "The dump: a CRIU image directory, or a container checkpoint archive (tar, plain or gzip, zstd"
          + " or xz)";

  /** What a command does with the inspected dump; returns its exit status. */
  @FunctionalInterface
  interface Use {
    int apply(Inspection inspection, Optional<Container> container);
  }

  static int withInspection(Path dump, CommandLine cli, ToIntFunction<Inspection> use) {
    return withInspection(dump, cli, false, use);
  }

  static int withInspection(Path dump, CommandLine cli, Use use) {
    return withInspection(dump, cli, false, use);
  }

  static int withInspection(
      Path dump, CommandLine cli, boolean failedDumps, ToIntFunction<Inspection> use) {
    return withInspection(
        dump, cli, failedDumps, (inspection, container) -> use.applyAsInt(inspection));
  }

  /**
   * With {@code failedDumps}, a directory whose images cannot be read but whose CRIU log says the
   * dump failed is inspected as that failure (its findings say why) instead of refused.
   */
  static int withInspection(Path dump, CommandLine cli, boolean failedDumps, Use use) {
    OpenedDump opened;
    try {
      opened = OpenedDump.open(dump);
    } catch (DumpUnreadableException e) {
      return unreadable(dump, e, cli, e.getMessage());
    }
    try (opened) {
      Inspection inspection;
      try {
        inspection =
            CriuLogInspection.inspect(DumpLoader.load(opened.imageDirectory(), opened.images()));
      } catch (DumpUnreadableException e) {
        Optional<Inspection> failed =
            failedDumps && !opened.fromArchive()
                ? CriuLogInspection.withoutImages(opened.imageDirectory(), e)
                : Optional.empty();
        if (failed.isEmpty()) {
          return unreadable(dump, e, cli, opened.inArchiveTerms(e.getMessage()));
        }
        LOG.info("dump {} failed, by its CRIU log; its images: {}", dump, e.getMessage());
        inspection = failed.get();
      }
      if (opened.fromArchive()) {
        // The operator gave the archive: reports name it, not the private directory.
        inspection = inspection.at(dump);
      }
      try {
        int status = use.apply(inspection, opened.container());
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

  private static int unreadable(
      Path dump, DumpUnreadableException e, CommandLine cli, String message) {
    LOG.warn("cannot read dump {}", dump, e);
    cli.getErr().println("autofs-restore: " + message);
    return ExitStatus.UNREADABLE_IMAGE;
  }
}
