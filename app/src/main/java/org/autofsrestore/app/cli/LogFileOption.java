package org.autofsrestore.app.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --log-file FILE}, a picocli mixin of the root command that every subcommand inherits. The
 * log is opened before picocli parses the command line (so that parsing is logged, and before any
 * UI owns the terminal): {@link #in} reads it from the raw arguments, and that value is the one
 * used; picocli's field only lets the option be given and shown in the help.
 */
final class LogFileOption {
  static final String NAME = "--log-file";
  private static final String JOINED = NAME + "=";

  @Option(
      names = NAME,
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Where the log goes (default: $XDG_STATE_HOME/autofs-restore/...).")
  String file;

  /** The last {@code --log-file} value in {@code args} ({@code F} or {@code =F}), or null. */
  static String in(String[] args) {
    String file = null;
    for (int i = 0; i < args.length; i++) {
      if (takesNext(args[i]) && i + 1 < args.length) {
        file = args[i + 1];
      } else if (args[i].startsWith(JOINED)) {
        file = args[i].substring(JOINED.length());
      }
    }
    return file;
  }

  /** Whether {@code arg} is this option with its value in the next argument. */
  static boolean takesNext(String arg) {
    return arg.equals(NAME);
  }
}
