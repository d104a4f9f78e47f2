package org.autofsrestore.app.cli;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.LoggerFactory;

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
    // A log file Logback cannot open makes it print its status onto stdout, which may be JSON or
    // the UI's screen (a read-only home did it in the kernel VM): so it is opened here first, and
    // a file that cannot be written gives way to the temporary folder's, then to none.
    Path usable = writable(file);
    if (usable == null) {
      usable = writable(Path.of(System.getProperty("java.io.tmpdir"), "autofs-restore.log"));
    }
    file = usable != null ? usable : Path.of("/dev/null");
    System.setProperty(PROPERTY, file.toAbsolutePath().toString());
  }

  /** {@code file}, once it is open for appending (created with its folders), or null. */
  static Path writable(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
          .close();
      return file;
    } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * Starts Logback on a thread of its own, so that its ~30 ms of cold start overlaps picocli's on
   * the other core. SLF4J is made for this: a logger asked for meanwhile records its events and
   * replays them, timestamps and thread names kept, once Logback is up. Call {@link #awaitStarted}
   * before the process exits, or recorded lines could be lost.
   */
  public static Thread startInBackground() {
    // The replay is announced on stderr at SLF4J's default verbosity; stderr is not for logs.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    Thread start =
        new Thread(
            new Runnable() { // not a lambda: the first lambda costs a cold start milliseconds
              @Override
              public void run() {
                LoggerFactory.getILoggerFactory();
              }
            },
            "log-start");
    start.setDaemon(true);
    start.start();
    return start;
  }

  /** Waits for {@link #startInBackground}'s thread, so that every recorded line is written. */
  public static void awaitStarted(Thread start) {
    try {
      start.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The log file in use. */
  public static Path logFile() {
    return Path.of(System.getProperty(PROPERTY, "autofs-restore.log"));
  }
}
