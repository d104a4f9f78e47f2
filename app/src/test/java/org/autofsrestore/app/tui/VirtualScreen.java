package org.autofsrestore.app.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.ui.TerminalUi;
import org.autofsrestore.ui.UiOptions;

/** The real UI over the real app model on a virtual terminal: keys in, screen text out. */
final class VirtualScreen implements AutoCloseable {
  final DefaultVirtualTerminal terminal;
  final TerminalUi ui;

  VirtualScreen(TuiLauncher.Session session, int columns, int rows) throws IOException {
    terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
    ui =
        new TerminalUi(
            terminal, session.model(), session.controller(), UiOptions.defaults(), Runnable::run);
    ui.start();
  }

  VirtualScreen type(String keys) throws IOException, InterruptedException {
    for (char c : keys.toCharArray()) {
      terminal.addInput(new KeyStroke(c, false, false));
      ui.pump();
    }
    return settle();
  }

  VirtualScreen press(KeyType key) throws IOException, InterruptedException {
    terminal.addInput(new KeyStroke(key));
    ui.pump();
    return settle();
  }

  VirtualScreen resize(int columns, int rows) throws IOException, InterruptedException {
    terminal.setTerminalSize(new TerminalSize(columns, rows));
    ui.pump();
    return settle();
  }

  private VirtualScreen settle() throws IOException, InterruptedException {
    if (!ui.settle(Duration.ofSeconds(30))) {
      throw new AssertionError("the UI did not settle:\n" + text());
    }
    return this;
  }

  List<String> rows() {
    TerminalSize size = terminal.getTerminalSize();
    List<String> out = new ArrayList<>();
    for (int r = 0; r < size.getRows(); r++) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < size.getColumns(); c++) {
        TextCharacter ch = terminal.getCharacter(c, r);
        b.append(ch == null ? " " : ch.getCharacterString());
      }
      out.add(b.toString());
    }
    return out;
  }

  String text() {
    return String.join("\n", rows());
  }

  @Override
  public void close() throws IOException {
    ui.close();
  }
}
