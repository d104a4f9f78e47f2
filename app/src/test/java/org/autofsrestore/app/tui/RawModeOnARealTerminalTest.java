package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.autofsrestore.app.cli.Main;
import org.autofsrestore.testkit.Processes;
import org.autofsrestore.testkit.Tmux;
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
  private Tmux tmux;

  @BeforeEach
  void startTmux() {
    tmux = Tmux.open("raw-test");
  }

  @AfterEach
  void killServer() throws Exception {
    tmux.close();
  }

  private static String stty(String tty) throws Exception {
    return Processes.output("stty", "-F", tty, "-a");
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
    tmux.start(100, 30, command);
    String tty = tmux.tty();
    tmux.awaitScreen("q quit", 30);

    String during = stty(tty);
    assertTrue(during.contains("-icanon") && during.contains("-echo "), during);
    assertTrue(during.contains("intr = <undef>") && during.contains("min = 1"), during);

    tmux.keys("q");
    tmux.awaitScreen("UI-EXIT=0", 30);
    String after = stty(tty);
    assertTrue(after.contains(" icanon") && after.contains(" echo "), after);
    assertTrue(after.contains("intr = ^C"), after);
  }
}
