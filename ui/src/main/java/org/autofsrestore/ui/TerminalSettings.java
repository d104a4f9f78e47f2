package org.autofsrestore.ui;

import java.io.IOException;

/**
 * Switches the process's terminal between the operator's own settings and the raw mode the UI reads
 * keys in. Lanterna's UnixTerminal runs {@code stty} for each switch, a child process each (five
 * before the first frame); the app gives the UI one that makes the ioctls itself, through {@link
 * Terminals#openUnixTerminal(TerminalSettings)}.
 */
public interface TerminalSettings {
  /** Remembers the terminal's settings as they are now, for {@link #restore}. */
  void save() throws IOException;

  /** Puts back what {@link #save} remembered. */
  void restore() throws IOException;

  /** Line-at-a-time input on, or off with each read returning as soon as one byte is there. */
  void canonical(boolean on) throws IOException;

  /** Echo of typed characters on or off. */
  void echo(boolean on) throws IOException;

  /** Ctrl-C sends SIGINT (on), or arrives as a key like any other (off). */
  void interruptKey(boolean on) throws IOException;
}
