package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalsTest {

  @Test
  void termDumbGetsOneClearSentence() {
    Optional<String> reason = Terminals.unusableReason(Map.of("TERM", "dumb"), true, true);
    assertTrue(reason.isPresent());
    assertTrue(reason.get().contains("TERM is 'dumb'"), reason.get());
    assertEquals(1, reason.get().split("\\. ").length, "one sentence: " + reason.get());
    assertTrue(reason.get().endsWith("."));
  }

  @Test
  void noTermAtAllIsUnusableToo() {
    assertTrue(Terminals.unusableReason(Map.of(), true, true).get().contains("TERM is not set"));
  }

  @Test
  void noTtyGetsOneClearSentence() {
    String both = Terminals.unusableReason(Map.of("TERM", "xterm"), false, false).get();
    assertTrue(both.contains("standard input and output are not a terminal"), both);
    String out = Terminals.unusableReason(Map.of("TERM", "xterm"), true, false).get();
    assertTrue(out.contains("standard output is not a terminal"), out);
    String in = Terminals.unusableReason(Map.of("TERM", "xterm"), false, true).get();
    assertTrue(in.contains("standard input is not a terminal"), in);
  }

  @Test
  void aRealTerminalIsUsable() {
    assertFalse(Terminals.unusableReason(Map.of("TERM", "xterm-256color"), true, true).isPresent());
    assertFalse(Terminals.unusableReason(Map.of("TERM", "screen"), true, true).isPresent());
  }

  @Test
  void thisTestJvmHasNoTerminal() {
    // Surefire's forked JVM reads and writes pipes, like a UI started from a script
    assertTrue(Terminals.unusableReason().isPresent());
  }
}
