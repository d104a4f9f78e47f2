package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RunLoopTest {

  @Test
  void runReturnsZeroWhenTheUserQuitsAndLeavesPrivateMode() throws Exception {
    DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    SampleDump dump = SampleDump.multi();
    SampleController controller = new SampleController(dump);
    CompletableFuture<Integer> result =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return TerminalUi.run(terminal, dump, controller, UiOptions.defaults());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    awaitScreen(terminal, t -> t.getCharacter(1, 0).getCharacterString().equals("D"));
    terminal.addInput(new KeyStroke('r', false, false));
    terminal.addInput(new KeyStroke('a', false, false));
    // The message comes when runAll has returned: q then quits instead of asking to interrupt it.
    awaitScreen(terminal, t -> row(t, 22).startsWith("previewed "));
    terminal.addInput(new KeyStroke('q', false, false));
    assertEquals(0, result.get(10, TimeUnit.SECONDS));
    assertTrue(controller.actions.contains("runAll /srv/auto-f1"), controller.actions.toString());
    assertEquals(
        " ", terminal.getCharacter(1, 0).getCharacterString(), "back to the normal screen");
  }

  /** Waits, without polling, until the UI thread flushed a frame for which {@code shows} holds. */
  private static void awaitScreen(
      DefaultVirtualTerminal terminal, Predicate<DefaultVirtualTerminal> shows)
      throws InterruptedException {
    CountDownLatch shown = new CountDownLatch(1);
    VirtualTerminalListener listener =
        new VirtualTerminalListener() {
          @Override
          public void onFlush() {
            if (shows.test(terminal)) {
              shown.countDown();
            }
          }

          @Override
          public void onBell() {}

          @Override
          public void onClose() {}

          @Override
          public void onResized(Terminal t, TerminalSize size) {}
        };
    terminal.addVirtualTerminalListener(listener);
    try {
      if (!shows.test(terminal)) {
        assertTrue(shown.await(10, TimeUnit.SECONDS), "the screen never showed it");
      }
    } finally {
      terminal.removeVirtualTerminalListener(listener);
    }
  }

  private static String row(DefaultVirtualTerminal terminal, int row) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < terminal.getTerminalSize().getColumns(); c++) {
      b.append(terminal.getCharacter(c, row).getCharacterString());
    }
    return b.toString();
  }
}
