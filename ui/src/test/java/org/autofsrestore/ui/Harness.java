package org.autofsrestore.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** The real UI on a virtual terminal, driven by key presses; reads back the text on screen. */
final class Harness implements AutoCloseable {
  final DefaultVirtualTerminal terminal;
  final SampleDump dump;
  final SampleController controller;
  final TerminalUi ui;
  final ManualTicker ticker = new ManualTicker();

  Harness(int columns, int rows) throws IOException {
    this(columns, rows, SampleDump.multi(), UiOptions.defaults());
  }

  Harness(int columns, int rows, SampleDump dump, UiOptions options) throws IOException {
    this(columns, rows, dump, new SampleController(dump), options, Runnable::run);
  }

  Harness(
      int columns,
      int rows,
      SampleDump dump,
      SampleController controller,
      UiOptions options,
      Executor worker)
      throws IOException {
    this.terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
    this.dump = dump;
    this.controller = controller;
    this.ui = new TerminalUi(terminal, dump, controller, options, worker, ticker);
    ui.start();
  }

  Harness press(KeyStroke... keys) throws IOException {
    for (KeyStroke k : keys) {
      terminal.addInput(k);
    }
    ui.pump();
    return this;
  }

  Harness press(KeyType type) throws IOException {
    return press(new KeyStroke(type));
  }

  /** Presses each character of {@code keys} in turn. */
  Harness type(String keys) throws IOException {
    for (char c : keys.toCharArray()) {
      press(new KeyStroke(c, false, false));
    }
    return this;
  }

  Harness ctrl(char c) throws IOException {
    return press(new KeyStroke(c, true, false));
  }

  Harness resize(int columns, int rows) throws IOException {
    terminal.setTerminalSize(new TerminalSize(columns, rows));
    ui.pump();
    return this;
  }

  Harness settle() throws IOException, InterruptedException {
    if (!ui.settle(Duration.ofSeconds(10))) {
      throw new AssertionError("the UI did not settle");
    }
    return this;
  }

  /** The visible screen, one string per row, each exactly as wide as the terminal. */
  List<String> rows() {
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

  String screen() {
    return String.join("\n", rows());
  }

  String row(int r) {
    return rows().get(r);
  }

  /** The first row containing {@code text}, or -1. */
  int rowOf(String text) {
    List<String> rows = rows();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    ui.close();
  }
}
