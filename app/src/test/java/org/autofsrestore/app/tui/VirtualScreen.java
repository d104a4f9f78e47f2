package org.autofsrestore.app.tui;

import java.io.IOException;
import java.time.Duration;
import org.autofsrestore.testkit.VirtualTerminalHarness;
import org.autofsrestore.ui.TerminalUi;
import org.autofsrestore.ui.UiOptions;

/**
 * The real UI over the real app model on a virtual terminal (the test kit's keys and reading); each
 * key press waits until the UI, and the model's worker behind it, are idle.
 */
final class VirtualScreen extends VirtualTerminalHarness {
  final TerminalUi ui;

  VirtualScreen(TuiLauncher.Session session, int columns, int rows) throws IOException {
    super(columns, rows, Settling.AFTER_EACH_INPUT, Duration.ofSeconds(30));
    ui =
        new TerminalUi(
            terminal(), session.model(), session.controller(), UiOptions.defaults(), Runnable::run);
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
