package org.autofsrestore.app.cli;

import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Chooses and opens the log file before Logback starts: {@code --log-file F} on the command line,
 * else {@code $AUTOFS_RESTORE_LOG}, else {@code $XDG_STATE_HOME/autofs-restore/autofs-restore.log}
 * (default {@code ~/.local/state}). Logs never go to the terminal, which the UI owns.
 *
 * <p>The tool runs as root, so the file is opened once, here, without following a symbolic link
 * (O_NOFOLLOW) and only if it is a regular file (or new, then made 0600), and Logback writes to
 * that open file, never reopening it by name. A file that cannot be opened so gives no log at all,
 * said once on stderr before any UI takes the terminal: there is no fallback to a fixed name in a
 * shared folder such as /tmp, where anyone could plant a symbolic link for root to append to.
 */
public final class LogSetup {
  static final String PROPERTY = "autofs.restore.log.file";
  private static final Path NO_LOG = Path.of("/dev/null");

  /** The log file as opened, or why it is not. */
  sealed interface Opening {
    Path file();

    /** Open for appending; Logback writes to {@code channel}. */
    record Opened(Path file, FileChannel channel) implements Opening {}

    /** Not opened; {@code reason} says why, in words for the operator. */
    record Refused(Path file, String reason) implements Opening {}
  }

  // The first opening in this process: Logback starts once and keeps writing to it.
  private static Opening opening;

  private LogSetup() {}

  public static void configure(String[] args) {
    configure(args, System.err);
  }

  /** Opens the chosen log once per process; when it cannot, says so once on {@code warnings}. */
  static synchronized void configure(String[] args, PrintStream warnings) {
    if (opening != null) {
      return;
    }
    Path file = chosen(args);
    // A log file Logback cannot open makes it print its status onto stdout, which may be JSON or
    // the UI's screen (a read-only home did it in the kernel VM): so it is opened here.
    opening = open(file);
    if (opening instanceof Opening.Refused refused) {
      warnings.println(
          "autofs-restore: writing no log: "
              + LogLineEncoder.escaped(refused.file().toString())
              + ": "
              + refused.reason()
              + " (give --log-file FILE to choose another)");
      warnings.flush();
    }
    Path shown = opening instanceof Opening.Opened ? file.toAbsolutePath() : NO_LOG;
    System.setProperty(PROPERTY, shown.toString());
  }

  private static Path chosen(String[] args) {
    String given = LogFileOption.in(args);
    Path file = given == null ? null : Path.of(given);
    if (file == null && System.getenv("AUTOFS_RESTORE_LOG") != null) {
      file = Path.of(System.getenv("AUTOFS_RESTORE_LOG"));
    }
    if (file == null) {
      file = org.autofsrestore.app.restore.Journal.stateDirectory().resolve("autofs-restore.log");
    }
    return file;
  }

  /**
   * {@code file} opened for appending (created 0600 with its folders if missing), or why not: a
   * symbolic link, a FIFO, a device or a folder at that name is refused, not followed or opened.
   */
  static Opening open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        BasicFileAttributes a =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
          return new Opening.Refused(file, "it is a symbolic link, which is not followed");
        }
        if (!a.isRegularFile()) {
          // A FIFO would block the start until someone reads it.
          return new Opening.Refused(file, "it is not a regular file");
        }
      } catch (NoSuchFileException e) {
        // made below
      }
      Set<OpenOption> options =
          Set.of(
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND,
              LinkOption.NOFOLLOW_LINKS); // O_NOFOLLOW: a link swapped in since is refused too
      return new Opening.Opened(
          file,
          FileChannel.open(
              file,
              options,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
    } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Opening.Refused(file, "it cannot be opened (" + LogLineEncoder.escaped(why) + ")");
    }
  }

  /** The opened log for Logback, or null: no log. */
  static synchronized Opening.Opened opened() {
    return opening instanceof Opening.Opened o ? o : null;
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
