package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.DumpDigest;
import org.autofsrestore.app.restore.FixedLiveSystem;
import org.autofsrestore.app.restore.Journal;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.restore.RunRecord;
import org.autofsrestore.app.restore.StageName;
import org.autofsrestore.app.restore.UnfinishedJournals;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.ui.model.UnfinishedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which unfinished runs a UI session can resume itself (its own dump, root, owner and mounts) and
 * what it says of the others, before any kernel is involved.
 */
class UnfinishedRunsTest {
  @TempDir Path dir;

  private Path dump;
  private Inspection inspection;

  private Path copyOfIndirect() throws Exception {
    Path copy = Files.createDirectories(dir.resolve("indirect"));
    try (var files = Files.list(Fixtures.dir("indirect"))) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve(p.getFileName()));
      }
    }
    return copy;
  }

  private Path journal(String name, Path runDump, Path root, OwnerMode owner) throws Exception {
    Path file = dir.resolve(name);
    RunRecord run =
        new RunRecord(
            runDump, DumpDigest.of(runDump), root, List.of(), owner, true, 0, StageName.OWNER, 9);
    try (Journal j = Journal.create(file, run.fields())) {
      j.intend(Map.of("/srv/auto-a", root.resolve("srv/auto-a").toString()));
    }
    return file;
  }

  private TuiLauncher.Session session(Path root, OwnerMode owner) throws Exception {
    inspection = AutofsAnalysis.inspect(DumpLoader.load(dump));
    return TuiLauncher.session(
        inspection,
        new Planner.Options(root, List.of(), owner, true, 0, false),
        new TuiLauncher.Flags(false, false, true, false, false),
        FixedLiveSystem::new,
        "",
        dir.resolve("log"),
        UnfinishedJournals.in(dir).unfinished());
  }

  private static UnfinishedRun run(TuiLauncher.Session s, Path journal) {
    return s.controller().unfinishedRuns().stream()
        .filter(u -> u.journal().equals(journal.toString()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theSessionsOwnRunIsResumableHereAndAnotherRootsIsSentToTuiResume() throws Exception {
    dump = copyOfIndirect();
    Path root = dir.resolve("r");
    Path own = journal("own.jsonl", dump, root, OwnerMode.HANDOFF);
    Path other = journal("other.jsonl", dump, dir.resolve("elsewhere"), OwnerMode.HANDOFF);
    TuiLauncher.Session s = session(root, OwnerMode.HANDOFF);
    assertTrue(run(s, own).resumableHere(), run(s, own).toString());
    assertTrue(
        run(s, own).facts().stream().anyMatch(f -> f.contains("The run of " + dump)),
        run(s, own).facts().toString());
    UnfinishedRun elsewhere = run(s, other);
    assertTrue(
        elsewhere.notResumableHere().contains("autofs-restore tui --resume " + other),
        elsewhere.notResumableHere());
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> s.controller().resume(other.toString()));
    assertEquals(elsewhere.notResumableHere(), refused.getMessage());
  }

  @Test
  void aRunOfAnotherOwnerModeOrOfNoRecordedRunIsNotResumableHere() throws Exception {
    dump = copyOfIndirect();
    Path root = dir.resolve("r");
    Path hold = journal("hold.jsonl", dump, root, OwnerMode.HOLD);
    Path old = dir.resolve("old.jsonl");
    try (Journal j = Journal.create(old)) {
      j.intend(Map.of("/srv/auto-a", "/r/srv/auto-a"));
    }
    TuiLauncher.Session s = session(root, OwnerMode.HANDOFF);
    assertTrue(run(s, hold).notResumableHere().contains("owner hold"), run(s, hold).toString());
    assertTrue(
        run(s, old).notResumableHere().contains("records no run"), run(s, old).notResumableHere());
  }

  @Test
  void theSessionsOwnRunIsRefusedWithItsFindingWhenTheDumpChangedSinceIt() throws Exception {
    dump = copyOfIndirect();
    Path root = dir.resolve("r");
    Path own = journal("own.jsonl", dump, root, OwnerMode.HANDOFF);
    TuiLauncher.Session s = session(root, OwnerMode.HANDOFF);
    Path image;
    try (var files = Files.list(dump)) {
      image = files.filter(p -> p.toString().endsWith(".img")).sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(image);
    bytes[bytes.length - 1] ^= 1;
    Files.write(image, bytes);
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> s.controller().resume(own.toString()));
    assertTrue(refused.getMessage().startsWith("resume-dump-changed: "), refused.getMessage());
    assertTrue(s.controller().unfinishedRuns().size() == 1, "still offered: nothing was done");
    assertTrue(!s.controller().live(), "still a dry run");
  }

  @Test
  void theDialogSaysWhatUndoWouldTouchBeforeItAsks() throws Exception {
    dump = copyOfIndirect();
    Path root = dir.resolve("r");
    Path own = journal("own.jsonl", dump, root, OwnerMode.HANDOFF);
    Path file = dir.resolve("outside.jsonl");
    try (Journal j = Journal.create(file, Map.of("root", root.toString()))) {
      j.intend(Map.of("/srv/auto-a", "/etc"));
    }
    TuiLauncher.Session s = session(root, OwnerMode.HANDOFF);
    assertTrue(
        run(s, own)
            .facts()
            .contains(
                "Undo would: " + root.resolve("srv/auto-a") + ": not mounted (nothing to undo)."),
        run(s, own).facts().toString());
    assertTrue(
        run(s, file)
            .facts()
            .contains("Undo would: /etc: left alone: not under the run's root " + root + "."),
        run(s, file).facts().toString());
  }
}
