package org.autofsrestore.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses the log file before Logback starts: {@code --log-file F} on the command line, else {@code
 * $AUTOFS_RESTORE_LOG}, else {@code $XDG_STATE_HOME/autofs-restore/autofs-restore.log} (default
 * {@code ~/.local/state}). Logs never go to the terminal, which the UI owns.
 */
public final class LogSetup {
  static final String PROPERTY = "autofs.restore.log.file";

  private LogSetup() {}

  public static void configure(String[] args) {
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--log-file") && i + 1 < args.length) {
        file = Path.of(args[i + 1]);
      } else if (args[i].startsWith("--log-file=")) {
        file = Path.of(args[i].substring("--log-file=".length()));
      }
    }
    if (file == null && System.getenv("AUTOFS_RESTORE_LOG") != null) {
      file = Path.of(System.getenv("AUTOFS_RESTORE_LOG"));
    }
    if (file == null) {
      file = org.autofsrestore.app.restore.Journal.stateDirectory().resolve("autofs-restore.log");
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      file = Path.of(System.getProperty("java.io.tmpdir"), "autofs-restore.log");
    }
    System.setProperty(PROPERTY, file.toAbsolutePath().toString());
  }

  /** The log file in use. */
  public static Path logFile() {
    return Path.of(System.getProperty(PROPERTY, "autofs-restore.log"));
  }
}
