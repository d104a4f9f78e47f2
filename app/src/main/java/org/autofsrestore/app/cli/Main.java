package org.autofsrestore.app.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the runnable jar: sets up logging to a file, then runs the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(runOnStandardStreams(args, cli -> {}));
  }

  /**
   * Runs one command line on this process's standard streams and returns its exit status; {@code
   * prepare} sees the command line before it runs (a test's main class installs a {@link
   * RestoreCommand#steps} listener there).
   */
  static int runOnStandardStreams(String[] args, Consumer<CommandLine> prepare) {
    // Standard output is buffered (a restore prints a line per step); commands flush where a
    // reader waits for a line. Standard error is not. Both escape what a terminal would act on:
    // the strings printed come from the dump (TerminalText). JSON goes around that, as UTF-8
    // onto the same stream, after the text before it.
    PrintWriter out =
        TerminalText.over(
            new BufferedWriter(new OutputStreamWriter(System.out), 1 << 16),
            new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
            false);
    PrintWriter err =
        TerminalText.over(
            new OutputStreamWriter(System.err),
            new OutputStreamWriter(System.err, StandardCharsets.UTF_8),
            true);
    int status = runSafely(args, TerminalText.over(out), TerminalText.over(err), prepare);
    out.flush();
    return status;
  }

  /**
   * Runs one command line and returns its exit status; never throws, never prints a trace. Text
   * printed to {@code out} and {@code err} is made terminal-safe here, JSON passes as written.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return runSafely(args, TerminalText.over(out), TerminalText.over(err), cli -> {});
  }

  private static int runSafely(
      String[] args, PrintWriter out, PrintWriter err, Consumer<CommandLine> prepare) {
    LogSetup.configure(args);
    Thread logStart = LogSetup.startInBackground();
    try {
      CommandLine cli = RootCommand.commandLine(args);
      prepare.accept(cli);
      return run(cli, args, out, err);
    } finally {
      LogSetup.awaitStarted(logStart);
    }
  }

  private static int run(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
    Logger log = LoggerFactory.getLogger(Main.class);
    log.info("autofs-restore {}", String.join(" ", args));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          log.error("unexpected failure", e);
          commandLine
              .getErr()
              .println(
                  "autofs-restore: internal error: "
                      + e
                      + " (the stack trace is in "
                      + LogSetup.logFile()
                      + ")");
          return ExitStatus.STEP_FAILED;
        });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError | StackOverflowError e) {
      // Errors pass picocli's handler; they still get one line, never a trace on the terminal.
      log.error("fatal", e);
      err.println(
          "autofs-restore: "
              + (e instanceof OutOfMemoryError
                  ? "out of memory (the dump is larger than this JVM's heap; raise it, e.g."
                      + " JAVA_OPTS=-Xmx2g)"
                  : "stack overflow")
              + "; details in "
              + LogSetup.logFile());
      return ExitStatus.STEP_FAILED;
    }
  }
}
