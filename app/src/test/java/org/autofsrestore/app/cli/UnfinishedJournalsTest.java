package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.autofsrestore.app.restore.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnfinishedJournalsTest {
  @TempDir Path dir;

  @Test
  void aJournalWhoseRunDiedIsNamedWithItsUndoCommandAndAFinishedOneIsNot() throws Exception {
    try (Journal died = Journal.create(dir.resolve("died.jsonl"))) {
      died.intend(Map.of("/srv/a", "/r/srv/a"));
    }
    try (Journal ended = Journal.create(dir.resolve("ended.jsonl"))) {
      ended.intend(Map.of("/srv/b", "/r/srv/b"));
      ended.finish("ended");
    }
    assertFalse(
        org.autofsrestore.app.restore.UnfinishedJournals.endsFinished(dir.resolve("died.jsonl")));
    assertTrue(
        org.autofsrestore.app.restore.UnfinishedJournals.endsFinished(dir.resolve("ended.jsonl")));
    StringWriter said = new StringWriter();
    UnfinishedJournals.warn(dir.resolve("new.jsonl"), new PrintWriter(said, true));
    assertTrue(
        said.toString().contains("undo --journal " + dir.resolve("died.jsonl")), said.toString());
    assertFalse(said.toString().contains("ended.jsonl"), said.toString());
    assertTrue(Files.exists(dir.resolve("died.jsonl")));
  }
}
