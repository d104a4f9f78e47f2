package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!terminal.getCharacter(1, 0).getCharacterString().equals("D")
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    terminal.addInput(new KeyStroke('r', false, false));
    terminal.addInput(new KeyStroke('a', false, false));
    Thread.sleep(200);
    terminal.addInput(new KeyStroke('q', false, false));
    assertEquals(0, result.get(10, TimeUnit.SECONDS));
    assertTrue(controller.actions.contains("runAll 49"), controller.actions.toString());
    assertEquals(
        " ", terminal.getCharacter(1, 0).getCharacterString(), "back to the normal screen");
  }
}
