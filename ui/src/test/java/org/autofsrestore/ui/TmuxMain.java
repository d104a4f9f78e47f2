package org.autofsrestore.ui;

import com.googlecode.lanterna.terminal.Terminal;
import java.util.Optional;

/** Runs the UI on this process's real terminal over sample data (for the tmux end-to-end test). */
public final class TmuxMain {
  private TmuxMain() {}

  public static void main(String[] args) throws Exception {
    Optional<String> unusable = Terminals.unusableReason();
    if (unusable.isPresent()) {
      System.err.println(unusable.get());
      System.exit(2);
    }
    SampleDump dump =
        args.length > 0 && args[0].equals("large") ? SampleDump.large(10_000) : SampleDump.multi();
    int status;
    try (Terminal terminal = Terminals.openUnixTerminal()) {
      status =
          TerminalUi.run(
              terminal, dump, new SampleController(dump), UiOptions.fromFlags(false, false));
    }
    System.exit(status);
  }
}
