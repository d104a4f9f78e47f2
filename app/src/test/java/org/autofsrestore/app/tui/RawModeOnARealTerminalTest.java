package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.app.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code tui} command on a real pseudo-terminal (tmux): while the UI runs, the terminal is
 * in raw mode with Ctrl-C a key, exactly as {@code stty} reads it back; after {@code q} it is as it
 * was. The switches are ioctls, so no process but the JVM itself is ever started.
 */
class RawModeOnARealTerminalTest {
  private final String socket = "autofs-raw-test-" + ProcessHandle.current().pid();

  @BeforeEach
  void needsTmux() {
    boolean tmux;
    try {
      tmux = new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      tmux = false;
    }
    assumeTrue(tmux, "tmux is not installed");
  }

  @AfterEach
  void killServer() throws Exception {
    tmux("kill-server");
  }

  private String tmux(String... args) throws Exception {
    String[] command = new String[args.length + 3];
    command[0] = "tmux";
    command[1] = "-L";
    command[2] = socket;
    System.arraycopy(args, 0, command, 3, args.length);
    return run(command);
  }

  private static String stty(String tty) throws Exception {
    return run("stty", "-F", tty, "-a");
  }

  /** What {@code command} printed, standard error included. */
  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  private String waitForScreen(String text) throws Exception {
    String screen = "";
    for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; ) {
      screen = tmux("capture-pane", "-p", "-t", "ui");
      if (screen.contains(text)) {
        return screen;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the terminal never showed \"" + text + "\":\n" + screen);
  }

  @Test
  void theUiRunsInRawModeAndLeavesTheTerminalAsItWas(@TempDir Path state) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "env LANG=C.UTF-8 TERM=xterm-256color XDG_CACHE_HOME="
            + state
            + " XDG_STATE_HOME="
            + state
            + " "
            + java
            + " -cp "
            + System.getProperty("java.class.path")
            + " "
            + Main.class.getName()
            + " tui; echo UI-EXIT=$?; sleep 60";
    tmux("-u", "new-session", "-d", "-s", "ui", "-x", "100", "-y", "30", command);
    String tty = tmux("display-message", "-p", "-t", "ui", "#{pane_tty}").strip();
    waitForScreen("q quit");

    String during = stty(tty);
    assertTrue(during.contains("-icanon") && during.contains("-echo "), during);
    assertTrue(during.contains("intr = <undef>") && during.contains("min = 1"), during);

    tmux("send-keys", "-t", "ui", "q");
    waitForScreen("UI-EXIT=0");
    String after = stty(tty);
    assertTrue(after.contains(" icanon") && after.contains(" echo "), after);
    assertTrue(after.contains("intr = ^C"), after);
  }
}
