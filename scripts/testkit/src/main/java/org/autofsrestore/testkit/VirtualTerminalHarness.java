package org.autofsrestore.testkit;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A UI on Lanterna's virtual terminal, driven by key presses, read back as the text on screen. A
 * subclass starts its UI on {@link #terminal} and says how to let it handle input ({@link #pump})
 * and how to wait until it is idle ({@link #settle(Duration)}); the keys and the reading are here,
 * once for every module.
 */
public abstract class VirtualTerminalHarness implements AutoCloseable {
  /** Whether each key press waits until the UI is idle, or only {@link #settle()} does. */
  public enum Settling {
    AFTER_EACH_INPUT,
    ON_REQUEST
  }

  private final DefaultVirtualTerminal terminal;
  private final Settling settling;
  private final Duration timeout;

  protected VirtualTerminalHarness(int columns, int rows, Settling settling, Duration timeout) {
    this.terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
    this.settling = settling;
    this.timeout = timeout;
  }

  /** The terminal the UI under test draws on. */
  public DefaultVirtualTerminal terminal() {
    return terminal;
  }

  /** Lets the UI read the input queued so far and redraw. */
  protected abstract void pump() throws IOException;

  /** Waits until the UI has nothing left to do; false if it still had after {@code timeout}. */
  protected abstract boolean settle(Duration timeout) throws IOException, InterruptedException;

  public VirtualTerminalHarness press(KeyStroke... keys) throws IOException, InterruptedException {
    for (KeyStroke k : keys) {
      terminal.addInput(k);
    }
    pump();
    return afterInput();
  }

  public VirtualTerminalHarness press(KeyType type) throws IOException, InterruptedException {
    return press(new KeyStroke(type));
  }

  /** Presses each character of {@code keys} in turn. */
  public VirtualTerminalHarness type(String keys) throws IOException, InterruptedException {
    for (char c : keys.toCharArray()) {
      press(new KeyStroke(c, false, false));
    }
    return this;
  }

  public VirtualTerminalHarness ctrl(char c) throws IOException, InterruptedException {
    return press(new KeyStroke(c, true, false));
  }

  public VirtualTerminalHarness resize(int columns, int rows)
      throws IOException, InterruptedException {
    terminal.setTerminalSize(new TerminalSize(columns, rows));
    pump();
    return afterInput();
  }

  /** Waits until the UI is idle, or fails showing the screen. */
  public VirtualTerminalHarness settle() throws IOException, InterruptedException {
    if (!settle(timeout)) {
      throw new AssertionError("the UI did not settle within " + timeout + ":\n" + screen());
    }
    return this;
  }

  private VirtualTerminalHarness afterInput() throws IOException, InterruptedException {
    return settling == Settling.AFTER_EACH_INPUT ? settle() : this;
  }

  /** The visible screen, one string per row, each exactly as wide as the terminal. */
  public List<String> rows() {
    TerminalSize size = terminal.getTerminalSize();
    List<String> out = new ArrayList<>();
    for (int r = 0; r < size.getRows(); r++) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < size.getColumns(); c++) {
        TextCharacter ch = terminal.getCharacter(c, r);
        b.append(ch == null ? " " : ch.getCharacterString());
        if (ch != null && ch.isDoubleWidth()) {
          c++;
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  /** The visible screen, its rows joined by newlines. */
  public String screen() {
    return String.join("\n", rows());
  }

  public String row(int r) {
    return rows().get(r);
  }

  /** The first row containing {@code text}, or -1. */
  public int rowOf(String text) {
    List<String> rows = rows();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public abstract void close() throws IOException;
}
