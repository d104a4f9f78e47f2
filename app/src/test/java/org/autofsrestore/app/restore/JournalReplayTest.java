package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JournalReplay} reads back what {@link Journal} wrote, as undo needs it. */
class JournalReplayTest {
  @TempDir Path dir;

  private static final Step MOUNT = Step.of(Step.Call.MOUNT, new Arg.Known("/srv/auto"));
  private static final Step MKDIR =
      Step.of(
          Step.Call.MKDIRAT,
          new Arg.Known(3),
          new Arg.Known("auto"),
          new Arg.Known(0755),
          new Arg.Known("/r/srv/auto"));

  private Path journalOfARun(boolean finished) throws IOException {
    Path file = dir.resolve("run.journal");
    try (Journal journal = Journal.create(file)) {
      Map<String, String> targets = new LinkedHashMap<>();
      targets.put("/srv/auto", "/r/srv/auto");
      targets.put("/srv/\"quoted\"\tname\u0001\ud800", "/r/srv/q");
      journal.intend(targets);
      long n = journal.begin("/srv/auto", "/r/srv/auto", MKDIR, "mkdir(\"/r/srv/auto\")");
      journal.end(n, MKDIR, Map.of("created", "/r/srv/auto", "ok", true, "ms", 1.5));
      long m = journal.begin("/srv/one", "/r/srv/one", MOUNT, "mount(...)");
      journal.end(m, MOUNT, Map.of("devid", 42L));
      if (finished) {
        journal.finish("done");
      }
    }
    return file;
  }

  @Test
  void theMountsAndDirectoriesOfARunAreReadBackInOrderWithEveryEscape() throws IOException {
    JournalReplay replay = JournalReplay.read(journalOfARun(true));
    assertEquals(
        List.of("/r/srv/auto", "/r/srv/q", "/r/srv/one"), replay.mountedTargets(), "targets");
    assertEquals(List.of("/r/srv/auto"), replay.createdDirectories());
    assertTrue(replay.finished());
  }

  @Test
  void aRunWithoutItsFinishLineIsUnfinished() throws IOException {
    assertFalse(JournalReplay.read(journalOfARun(false)).finished());
  }

  @Test
  void aTornLastLineIsWhatACrashLeftAndIsIgnored() throws IOException {
    Path file = journalOfARun(false);
    Files.writeString(
        file,
        "{\"event\":\"intent\",\"seq\":9,\"tar",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    assertEquals(3, JournalReplay.read(file).mountedTargets().size());
  }

  @Test
  void aBadLineBeforeTheLastIsAnErrorNamingTheFileAndLine() throws IOException {
    Path file = dir.resolve("bad.journal");
    for (String bad :
        List.of(
            "{\"event\":\"intent\",\"target\":{\"nested\":1}}",
            "{\"event\":\"intent\"} trailing",
            "[1]",
            "{\"event\":\"intent\",\"seq\":123456789012345678901234567890}")) {
      Files.writeString(file, bad + "\n{\"event\":\"finish\"}\n", StandardCharsets.UTF_8);
      IOException e = assertThrows(IOException.class, () -> JournalReplay.read(file), bad);
      assertTrue(e.getMessage().startsWith(file + " line 1: "), e.getMessage());
      assertTrue(e.getMessage().contains("column"), e.getMessage());
    }
  }

  @Test
  void aRunKilledMidBatchLeavesUndoTheDirectoriesItsIntentsPlannedButNotOnesItFoundThere()
      throws IOException {
    Path file = dir.resolve("killed.journal");
    try (Journal journal = Journal.create(file)) {
      Map<String, String> targets = new LinkedHashMap<>();
      targets.put("/srv/a", "/r/srv/a");
      targets.put("/srv/b", "/r/srv/b");
      targets.put("/srv/c", "/r/srv/c");
      journal.intend(
          targets,
          Map.of(
              "/srv/a", List.of("/r/srv", "/r/srv/a"),
              "/srv/b", List.of("/r/srv", "/r/srv/b"),
              "/srv/c", List.of("/r/pre", "/r/pre/c")));
      // Events that reached the disk: /r/srv made by a's mount and found by b's; /r/pre was there
      // before the run.
      long n = journal.begin("/srv/a", "/r/srv/a", MKDIR, "mkdir(\"/r/srv\")");
      journal.end(n, MKDIR, Map.of("created", "/r/srv"));
      n = journal.begin("/srv/b", "/r/srv/b", MKDIR, "mkdir(\"/r/srv\")");
      journal.end(n, MKDIR, Map.of("answer", "exists", "kept", "/r/srv"));
      n = journal.begin("/srv/c", "/r/srv/c", MKDIR, "mkdir(\"/r/pre\")");
      journal.end(n, MKDIR, Map.of("answer", "exists", "kept", "/r/pre"));
    }
    assertEquals(
        List.of("/r/srv", "/r/srv/a", "/r/srv/b", "/r/pre/c"),
        JournalReplay.read(file).createdDirectories());
  }

  @Test
  void aWriteRetriedAfterItWasCutShortLeavesATornCopyThatIsSkippedWithAWarning()
      throws IOException {
    Path file = journalOfARun(false);
    String whole = "{\"event\":\"intent\",\"seq\":9,\"mountpoint\":\"/srv/z\",\"target\":\"/r/z\"}";
    // What Journal.flush leaves after a full disk: a prefix, then a newline and the whole line.
    Files.writeString(
        file,
        whole.substring(0, 17) + "\n" + whole + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    JournalReplay replay = JournalReplay.read(file);
    assertTrue(replay.mountedTargets().contains("/r/z"), replay.mountedTargets().toString());
    assertEquals(1, replay.warnings().size(), replay.warnings().toString());
    assertTrue(replay.warnings().get(0).contains("is torn"), replay.warnings().toString());
  }

  @Test
  void aLineCutInsideItsObjectAndThenEndedByTheNextWriterIsSkippedNotRefused() throws IOException {
    Path file = journalOfARun(false);
    Files.writeString(
        file,
        "{\"event\":\"end\",\"seq\":5,\"call\":\"mou\n{\"event\":\"resume\",\"seq\":9,\"pgrp\":7}\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    JournalReplay replay = JournalReplay.read(file);
    assertEquals(List.of(7L), replay.pgrps());
    assertEquals(1, replay.warnings().size());
  }

  @Test
  void bytesThatAreNotUtf8BeforeTheLastLineAreAnErrorNamingTheLine() {
    byte[] bytes =
        "{\"event\":\"start\",\"seq\":1}\n\u00ff\n{\"event\":\"finish\"}\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    IOException e =
        assertThrows(IOException.class, () -> JournalReplay.parse(Path.of("j.jsonl"), bytes));
    assertEquals("j.jsonl line 2: not UTF-8 text", e.getMessage());
  }
}
