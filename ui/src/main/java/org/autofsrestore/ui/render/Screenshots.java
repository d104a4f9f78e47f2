package org.autofsrestore.ui.render;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.autofsrestore.ui.TerminalUi;
import org.autofsrestore.ui.UiOptions;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.RestoreController;

/** Drives the real UI on a virtual terminal with keys and saves what it shows as a PNG. */
public final class Screenshots {
  private Screenshots() {}

  /**
   * Starts the UI at {@code columns} x {@code rows}, presses {@code keys} (see {@link #keys}),
   * waits until every action they started has finished, and renders the screen into {@code png}.
   * Controller actions run on the calling thread.
   */
  public static void capture(
      DumpModel model,
      RestoreController controller,
      UiOptions options,
      int columns,
      int rows,
      String keys,
      Path png)
      throws IOException, InterruptedException {
    // Rendered while the UI still shows: closing it leaves private mode, and the virtual terminal
    // then shows the blank normal screen.
    drive(
        model,
        controller,
        options,
        columns,
        rows,
        keys,
        Duration.ofSeconds(30),
        terminal -> ScreenshotRenderer.render(terminal, png));
  }

  /**
   * Starts the UI on a virtual terminal of {@code columns} x {@code rows}, presses {@code keys}
   * (see {@link #keys}), waits up to {@code settleAtMost} until every action they started has
   * finished, closes the UI and returns the terminal as it was left. Controller actions run on the
   * calling thread.
   */
  public static DefaultVirtualTerminal drive(
      DumpModel model,
      RestoreController controller,
      UiOptions options,
      int columns,
      int rows,
      String keys,
      Duration settleAtMost)
      throws IOException, InterruptedException {
    return drive(model, controller, options, columns, rows, keys, settleAtMost, terminal -> {});
  }

  /** What to do with the terminal while the UI still shows on it. */
  private interface WhileShown {
    void accept(DefaultVirtualTerminal terminal) throws IOException;
  }

  private static DefaultVirtualTerminal drive(
      DumpModel model,
      RestoreController controller,
      UiOptions options,
      int columns,
      int rows,
      String keys,
      Duration settleAtMost,
      WhileShown whileShown)
      throws IOException, InterruptedException {
    DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
    try (TerminalUi ui = new TerminalUi(terminal, model, controller, options, Runnable::run)) {
      ui.start();
      for (KeyStroke key : keys(keys)) {
        terminal.addInput(key);
        ui.pump();
      }
      ui.settle(settleAtMost);
      whileShown.accept(terminal);
    }
    return terminal;
  }

  /**
   * Keys written as text: each character is that key, and {@code <Enter>}, {@code <Tab>}, {@code
   * <Esc>}, {@code <Up>}, {@code <Down>}, {@code <PageUp>}, {@code <PageDown>}, {@code <Home>},
   * {@code <End>}, {@code <Backspace>}, {@code <C-x>} (Ctrl + x) and {@code <lt>} (a literal {@code
   * <}) name the others. Example: {@code "jj<Enter><Tab>n"}.
   */
  public static List<KeyStroke> keys(String text) {
    List<KeyStroke> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int close = c == '<' ? text.indexOf('>', i) : -1;
      if (close < 0) {
        out.add(new KeyStroke(c, false, false));
        i++;
        continue;
      }
      String name = text.substring(i + 1, close);
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("c-") && name.length() == 3) {
        out.add(new KeyStroke(Character.toLowerCase(name.charAt(2)), true, false));
      } else {
        out.add(named(lower, name));
      }
      i = close + 1;
    }
    return out;
  }

  private static KeyStroke named(String lower, String name) {
    switch (lower) {
      case "enter":
        return new KeyStroke(KeyType.Enter);
      case "tab":
        return new KeyStroke(KeyType.Tab);
      case "esc":
        return new KeyStroke(KeyType.Escape);
      case "up":
        return new KeyStroke(KeyType.ArrowUp);
      case "down":
        return new KeyStroke(KeyType.ArrowDown);
      case "pageup":
        return new KeyStroke(KeyType.PageUp);
      case "pagedown":
        return new KeyStroke(KeyType.PageDown);
      case "home":
        return new KeyStroke(KeyType.Home);
      case "end":
        return new KeyStroke(KeyType.End);
      case "backspace":
        return new KeyStroke(KeyType.Backspace);
      case "lt":
        return new KeyStroke('<', false, false);
      default:
        throw new IllegalArgumentException("unknown key <" + name + ">");
    }
  }
}
