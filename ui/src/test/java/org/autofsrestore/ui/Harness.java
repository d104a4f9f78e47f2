package org.autofsrestore.ui;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.autofsrestore.testkit.VirtualTerminalHarness;

/**
 * The real UI over {@link SampleDump} on a virtual terminal: keys in, screen text out (the keys and
 * the reading are the test kit's). A key press does not wait for the UI's worker; {@link #settle()}
 * does.
 */
final class Harness extends VirtualTerminalHarness {
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
    super(columns, rows, Settling.ON_REQUEST, Duration.ofSeconds(10));
    this.dump = dump;
    this.controller = controller;
    this.ui = new TerminalUi(terminal(), dump, controller, options, worker, ticker);
    ui.start();
  }

  @Override
  protected void pump() throws IOException {
    ui.pump();
  }

  @Override
  protected boolean settle(Duration timeout) throws IOException, InterruptedException {
    return ui.settle(timeout);
  }

  @Override
  public void close() throws IOException {
    ui.close();
  }
}
