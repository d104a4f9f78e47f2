package org.autofsrestore.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmux server of a test's own (a socket named after this JVM, so parallel runs never meet) that
 * runs a command on a real pseudo-terminal in session {@value #SESSION}: keys in, screen out.
 * Opening one skips or fails the test, per {@link Prerequisites}, where tmux is missing; {@link
 * #close()} kills the server and whatever still runs in it.
 */
public final class Tmux implements AutoCloseable {
  /** The one session each server runs. */
  public static final String SESSION = "ui";

  private final String socket;

  private Tmux(String socket) {
    this.socket = socket;
  }

  /** A fresh server; nothing runs in it until {@link #start}. */
  public static Tmux open(String purpose) {
    Prerequisites.requireTmux();
    return new Tmux(
        "autofs-" + purpose + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
  }

  /** Runs the shell command {@code command} on a {@code columns} x {@code rows} terminal. */
  public void start(int columns, int rows, String command)
      throws IOException, InterruptedException {
    run(
        "-u",
        "new-session",
        "-d",
        "-s",
        SESSION,
        "-x",
        String.valueOf(columns),
        "-y",
        String.valueOf(rows),
        command);
  }

  /** Sends each of {@code keys} (tmux key names such as {@code Enter}, {@code C-c}, or text). */
  public void keys(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
    args.addAll(List.of(keys));
    run(args.toArray(new String[0]));
  }

  /** The screen's text, one line per row. */
  public String screen() throws IOException, InterruptedException {
    return run("capture-pane", "-p", "-t", SESSION);
  }

  /** The screen with its SGR escape sequences (capture-pane -e -N). */
  public String screenWithEscapes() throws IOException, InterruptedException {
    return run("capture-pane", "-p", "-e", "-N", "-t", SESSION);
  }

  /** Waits up to {@code seconds} until the screen shows {@code text}, or fails showing it. */
  public String awaitScreen(String text, int seconds) throws IOException, InterruptedException {
    String screen = "";
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        System.nanoTime() < end; ) {
      screen = screen();
      if (screen.contains(text)) {
        return screen;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "the terminal never showed \"" + text + "\" in " + seconds + " s:\n" + screen);
  }

  public void resize(int columns, int rows) throws IOException, InterruptedException {
    run("resize-window", "-t", SESSION, "-x", String.valueOf(columns), "-y", String.valueOf(rows));
  }

  /** The path of the session's pseudo-terminal, e.g. /dev/pts/3. */
  public String tty() throws IOException, InterruptedException {
    return run("display-message", "-p", "-t", SESSION, "#{pane_tty}").strip();
  }

  /** What {@code tmux -L SOCKET ARGS} printed, standard error included. */
  public String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    return Processes.output(command);
  }

  @Override
  public void close() throws IOException {
    try {
      run("kill-server");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
