package org.autofsrestore.ui;

import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTTYTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The real terminal: whether this process has a usable one, and opening it. */
public final class Terminals {

  private Terminals() {}

  /**
   * Why the full-screen UI cannot run in this process, in one sentence for the user, or empty when
   * it can. The application prints the sentence to stderr and exits with status 2.
   */
  public static Optional<String> unusableReason() {
    return unusableReason(
        System.getenv(), isTerminal(0) && controllingTerminalOpens(), isTerminal(1));
  }

  /**
   * As {@link #unusableReason()}, for the given environment and whether standard input and output
   * are terminals.
   */
  public static Optional<String> unusableReason(
      Map<String, String> environment, boolean stdinIsTerminal, boolean stdoutIsTerminal) {
    String term = environment.getOrDefault("TERM", "");
    if (!stdinIsTerminal || !stdoutIsTerminal) {
      String which =
          !stdinIsTerminal && !stdoutIsTerminal
              ? "standard input and output are not a terminal"
              : !stdinIsTerminal
                  ? "standard input is not a terminal"
                  : "standard output is not a terminal";
      return Optional.of(
          "The full-screen UI needs an interactive terminal, but "
              + which
              + "; run it in a terminal (ssh -t for a remote one) or use a subcommand such as"
              + " inspect, plan or restore.");
    }
    String lower = term.toLowerCase(Locale.ROOT);
    if (term.isBlank() || lower.equals("dumb") || lower.equals("unknown")) {
      return Optional.of(
          "The full-screen UI needs a terminal that can move the cursor, but TERM is "
              + (term.isBlank() ? "not set" : "'" + term + "'")
              + "; set TERM (for example TERM=xterm-256color) or use a subcommand such as"
              + " inspect, plan or restore.");
    }
    return Optional.empty();
  }

  /**
   * Opens this process's terminal (standard input and output) for the UI: raw mode, Ctrl-C
   * delivered as a key (the UI handles it like {@code q}) instead of killing the JVM, and the
   * locale's character set. Check {@link #unusableReason()} first. Close it after the UI returned;
   * Lanterna also restores the terminal's settings from a shutdown hook.
   */
  public static Terminal openUnixTerminal() throws IOException {
    return new UnixTerminal(
        System.in, System.out, localeCharset(), UnixLikeTerminal.CtrlCBehaviour.TRAP);
  }

  /**
   * As {@link #openUnixTerminal()}, with {@code settings} switching the terminal's modes instead of
   * {@code stty} child processes. Window-size changes still arrive through SIGWINCH.
   */
  public static Terminal openUnixTerminal(TerminalSettings settings) throws IOException {
    SettingsTerminal.CONSTRUCTING.set(settings);
    try {
      return new SettingsTerminal(settings);
    } finally {
      SettingsTerminal.CONSTRUCTING.remove();
    }
  }

  /** Lanterna's terminal on /dev/tty with its mode switches handed to {@link TerminalSettings}. */
  private static final class SettingsTerminal extends UnixLikeTTYTerminal {
    /**
     * Lanterna switches to raw mode from its constructor, before this class's fields are set; the
     * settings being constructed with are found here meanwhile.
     */
    static final ThreadLocal<TerminalSettings> CONSTRUCTING = new ThreadLocal<>();

    private final TerminalSettings settings;

    SettingsTerminal(TerminalSettings settings) throws IOException {
      super(
          new File("/dev/tty"),
          System.in,
          System.out,
          localeCharset(),
          UnixLikeTerminal.CtrlCBehaviour.TRAP);
      this.settings = settings;
    }

    private TerminalSettings settings() {
      return settings != null ? settings : CONSTRUCTING.get();
    }

    @Override
    protected void saveTerminalSettings() throws IOException {
      settings().save();
    }

    @Override
    protected void restoreTerminalSettings() throws IOException {
      settings().restore();
    }

    @Override
    protected void keyEchoEnabled(boolean enabled) throws IOException {
      settings().echo(enabled);
    }

    @Override
    protected void canonicalMode(boolean enabled) throws IOException {
      settings().canonical(enabled);
    }

    @Override
    protected void keyStrokeSignalsEnabled(boolean enabled) throws IOException {
      settings().interruptKey(enabled);
    }
  }

  /** The locale's character set ({@code native.encoding}), UTF-8 when unknown. */
  static Charset localeCharset() {
    String name = System.getProperty("native.encoding");
    try {
      if (name != null && Charset.isSupported(name)) {
        return Charset.forName(name);
      }
    } catch (IllegalArgumentException e) {
      // an illegal charset name: fall through
    }
    return StandardCharsets.UTF_8;
  }

  /** Whether file descriptor {@code fd} of this process is a terminal (Linux: /proc/self/fd). */
  static boolean isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Whether this process has a controlling terminal (Lanterna sets raw mode through it). */
  private static boolean controllingTerminalOpens() {
    try (InputStream in = new FileInputStream("/dev/tty")) {
      return in != null;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
