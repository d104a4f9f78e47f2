package org.autofsrestore.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short-lived helper processes of the tests (tmux, stty, crit). */
public final class Processes {
  private Processes() {}

  /** What {@code command} printed, standard error included, once it has exited (10 s at most). */
  public static String output(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not exit within 10 s; it printed:\n" + out);
    }
    return out;
  }

  public static String output(String... command) throws IOException, InterruptedException {
    return output(List.of(command));
  }
}
