package org.autofsrestore.app.cli;

import java.io.IOException;

/**
 * The kill sweep's trigger (docs/DESIGN.md, "Resuming"): with the system property {@value
 * #PROPERTY} set to K, the restore sends itself SIGKILL at its K-th step boundary (0: before its
 * first step, K: after its K-th), so that a test can prove a resume from every boundary. A real
 * {@code kill -9} from outside cannot land at an exact boundary: a run's journal events reach the
 * disk a batch at a time, so nothing outside can see where it is. Off unless the property is set.
 */
final class KillSwitch {
  static final String PROPERTY = "autofs.restore.test.killAfterSteps";

  private final long killAt = Long.getLong(PROPERTY, -1);
  private long boundary;

  /**
   * Called before the first step and after each step's result; {@code flush} runs first when this
   * boundary is the one, so that the output so far is not lost with the process.
   */
  void boundary(Runnable flush) {
    if (killAt >= 0 && boundary++ == killAt) {
      flush.run();
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
}
