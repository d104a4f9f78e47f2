package org.autofsrestore.app.cli;

import java.io.IOException;
import picocli.CommandLine;

/**
 * The kill sweep's restore ({@code ResumeAfterKillOnTheRealKernelTest}), as a process of its own:
 * the product's command line, run as {@link Main} runs it, with a step listener that sends this
 * process SIGKILL at its K-th step boundary (0: before the first step, K: after the K-th step's
 * result), its output so far flushed first. A real {@code kill -9} from outside cannot land at an
 * exact boundary: a run's journal events reach the disk a batch at a time.
 *
 * <p>Arguments: the command line ({@code restore DIR --root R ...}); K is the system property
 * {@value #PROPERTY} (-1 or unset: never killed, the product's run as it is).
 */
public final class RestoreKilledAtBoundary {
  public static final String PROPERTY = "autofs.test.killAfterSteps";

  private RestoreKilledAtBoundary() {}

  public static void main(String[] args) {
    long killAt = Long.getLong(PROPERTY, -1);
    System.exit(
        Main.runOnStandardStreams(
            args,
            cli -> {
              CommandLine restore = cli.getSubcommands().get("restore");
              long[] boundary = {0};
              ((RestoreCommand) restore.getCommand()).steps =
                  () -> {
                    if (boundary[0]++ == killAt) {
                      restore.getOut().flush();
                      killItself();
                    }
                  };
            }));
  }

  private static void killItself() {
    try {
      new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid()))
          .start()
          .waitFor();
      Thread.sleep(Long.MAX_VALUE); // the signal ends the process before this does
    } catch (IOException | InterruptedException e) {
      Runtime.getRuntime().halt(137);
    }
  }
}
