package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.TerminalPosition;
import java.util.List;
import java.util.Locale;
import org.autofsrestore.ui.Ticker;

/** The two bottom rows: the filter prompt, the running action or the last message; the hints. */
final class Footer {
  /** How often the spinner turns. */
  static final long SPINNER_NANOS = 100_000_000L;

  private static final List<Hint> HELP_HINTS =
      List.of(new Hint("any key", "closes the help", List.of()));
  private static final List<Hint> PROMPT_HINTS =
      List.of(new Hint("Enter", "keep filter", List.of()), new Hint("Esc", "clear", List.of()));

  private final MessageLine messages;
  private final ActionRunner runner;
  private final Ticker ticker;

  Footer(MessageLine messages, ActionRunner runner, Ticker ticker) {
    this.messages = messages;
    this.runner = runner;
    this.ticker = ticker;
  }

  /** Draws the message row; returns where the terminal's cursor goes (in the prompt), or null. */
  TerminalPosition drawMessage(Canvas c, int row, FilterPrompt prompt, boolean quitting) {
    if (prompt != null) {
      int x = c.put(0, row, "Filter: ", Role.KEY);
      String text = c.clean(prompt.text());
      String shown = Text.fitTail(text, Math.max(1, c.width - x - 30), c.ellipsis());
      int end = c.put(x, row, shown, Role.NORMAL);
      c.put(end + 2, row, "Enter keeps, Esc clears", Role.DIM);
      return new TerminalPosition(Math.min(end, c.width - 1), row);
    }
    ActionRunner.Busy busy = runner.running();
    if (busy != null) {
      long elapsed = ticker.nanoTime() - busy.startNanos();
      String spin = c.glyphs.spinner[(int) ((elapsed / SPINNER_NANOS) % c.glyphs.spinner.length)];
      String seconds = String.format(Locale.ROOT, "%.1fs", elapsed / 1e9);
      int x = c.put(0, row, spin + " ", Role.STATUS_RUNNING);
      x = c.put(x, row, busy.label() + "  " + seconds, Role.STATUS_RUNNING);
      c.put(x, row, quitting ? "  (quitting after it)" : "  (q interrupts)", Role.DIM);
      return null;
    }
    if (!messages.text().isEmpty()) {
      c.put(0, row, messages.text(), messages.role());
    } else if (c.width < 80 || c.height < 24) {
      c.put(
          0,
          row,
          "Terminal " + c.width + "x" + c.height + ": 80x24 or more shows everything.",
          Role.DIM);
    }
    return null;
  }

  /** The hints row: the open question's, the help's, the prompt's, or the page's. */
  void drawHints(
      Canvas c, int row, Dialog dialog, boolean helpOpen, boolean promptOpen, View view) {
    List<Hint> hints =
        dialog != null
            ? dialog.hints()
            : helpOpen ? HELP_HINTS : promptOpen ? PROMPT_HINTS : view.hints();
    int x = 0;
    for (Hint h : hints) {
      if (x >= c.width) {
        break;
      }
      x = c.put(x, row, h.keys(), Role.KEY);
      x = c.put(x, row, " " + h.text() + "  ", Role.DIM);
    }
  }
}
