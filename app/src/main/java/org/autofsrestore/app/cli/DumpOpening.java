package org.autofsrestore.app.cli;

import java.nio.file.Path;
import java.util.function.ToIntFunction;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
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
    Inspection inspection;
    try {
      inspection = AutofsAnalysis.inspect(DumpLoader.load(directory));
    } catch (DumpUnreadableException e) {
      LOG.warn("cannot read dump {}", directory, e);
      cli.getErr().println("autofs-restore: " + e.getMessage());
      return ExitStatus.UNREADABLE_IMAGE;
    }
    try {
      return use.applyAsInt(inspection);
    } catch (IllegalArgumentException e) {
      cli.getErr().println("autofs-restore: " + e.getMessage());
      return ExitStatus.USAGE;
    }
  }
}
