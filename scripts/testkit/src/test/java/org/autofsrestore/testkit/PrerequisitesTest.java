package org.autofsrestore.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrerequisitesTest {
  private static final String SENTENCE = "needs tmux on PATH: apt-get install tmux";

  @Test
  void aMissingPrerequisiteOutsideCiSkipsTheTestWithItsSentence() {
    TestAbortedException e =
        assertThrows(
            TestAbortedException.class, () -> Prerequisites.require(false, SENTENCE, false));
    assertEquals(SENTENCE, e.getMessage());
  }

  @Test
  void aMissingPrerequisiteInCiFailsTheTestWithTheSameSentence() {
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class, () -> Prerequisites.require(false, SENTENCE, true));
    assertEquals(SENTENCE + " (CI=true: every prerequisite must be met)", e.getMessage());
  }

  @Test
  void aPrerequisiteThatIsMetNeitherSkipsNorFails() {
    assertDoesNotThrow(() -> Prerequisites.require(true, SENTENCE, true));
    assertDoesNotThrow(() -> Prerequisites.require(true, SENTENCE, false));
  }

  @Test
  void theEffectiveUidIsTheOneTheProcessRunsAs() throws Exception {
    Process id = new ProcessBuilder("id", "-u").start();
    long expected = Long.parseLong(new String(id.getInputStream().readAllBytes()).strip());
    assertEquals(expected, Prerequisites.effectiveUid().orElseThrow());
  }
}
