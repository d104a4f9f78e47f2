package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autofsrestore.app.restore.Journal;
import org.autofsrestore.app.restore.UnfinishedJournals;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal is input: each way a hostile one can be put in front of {@code undo} or {@code restore
 * --resume} is refused with a sentence that says why and what to do, or acted on only where it is
 * provably the run's; none hangs. The hang guard is only a bound: every case answers in well under
 * a second.
 */
class HostileJournalTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  @TempDir Path dir;

  private Path journal(String name, Map<String, Object> start, Map<String, String> intents)
      throws Exception {
    Path file = dir.resolve(name);
    try (Journal j = Journal.create(file, start)) {
      j.intend(intents);
    }
    return file;
  }

  private Path ordinary(String name) throws Exception {
    return journal(name, Map.of("root", dir.resolve("root").toString()), Map.of("/srv/a", "x"));
  }

  /** Undo refuses the journal (exit 3) with this sentence. */
  private static void undoRefuses(Path journal, String sentence) {
    CommandRun undo = run("undo", "--journal", journal.toString());
    assertEquals(ExitStatus.UNREADABLE_IMAGE, undo.status(), undo.err());
    assertTrue(undo.err().contains(sentence), undo.err());
  }

  private static CommandRun run(String... args) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> CommandRun.of(args));
  }

  @Test
  void undoLeavesAloneEveryTargetOutsideTheRootItsJournalRecords() throws Exception {
    Path journal =
        journal(
            "other-root.jsonl",
            Map.of("root", dir.resolve("root").toString()),
            Map.of("/etc", "/etc", "/srv/up", dir.resolve("root/../escaped").toString()));
    CommandRun undo = run("undo", "--journal", journal.toString());
    assertEquals(ExitStatus.OK, undo.status(), undo.err());
    assertTrue(
        undo.out().contains("/etc: left alone: not under the run's root " + dir.resolve("root")),
        undo.out());
    assertTrue(undo.out().contains("escaped: left alone: not under the run's root"), undo.out());
    assertTrue(Files.isDirectory(Path.of("/etc")));
  }

  @Test
  void aJournalThatRecordsNoRootHasNothingUndone() throws Exception {
    Path journal = journal("no-root.jsonl", Map.of(), Map.of("/srv/a", "/srv/a"));
    CommandRun undo = run("undo", "--journal", journal.toString());
    assertEquals(ExitStatus.OK, undo.status(), undo.err());
    assertTrue(undo.out().contains("/srv/a: left alone: the journal records no root"), undo.out());
  }

  @Test
  void aSymlinkedJournalIsRefusedAndWhatItPointsAtIsNeitherReadNorWritten() throws Exception {
    Path real = ordinary("real.jsonl");
    long size = Files.size(real);
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), real);
    undoRefuses(link, "the journal " + link + " is a symlink: refused (it is opened with");
    CommandRun resume = run("restore", "--resume", link.toString(), "--yes");
    assertEquals(ExitStatus.UNREADABLE_IMAGE, resume.status(), resume.err());
    assertTrue(resume.err().contains("is a symlink: refused"), resume.err());
    assertEquals(size, Files.size(real), "nothing appended through the link");
  }

  @Test
  void aJournalWritableByOthersIsRefusedWithTheChmodThatFixesIt() throws Exception {
    Path journal = ordinary("shared.jsonl");
    Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-rw-rw-"));
    undoRefuses(
        journal,
        "the journal "
            + journal
            + " is writable by group or others (mode 0666): refused (anyone could have"
            + " written what it asks to unmount); check it, then chmod go-w "
            + journal);
  }

  @Test
  void aJournalInADirectoryOthersCanWriteIsRefused() throws Exception {
    Path open = Files.createDirectory(dir.resolve("open"));
    Path journal =
        journal("open/j.jsonl", Map.of("root", dir.toString()), Map.of("/srv/a", "/srv/a"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    undoRefuses(
        journal,
        "the journal's directory "
            + open
            + " is writable by group or others (mode 0777): refused (anyone could swap"
            + " the journal)");
  }

  @Test
  void anotherUsersJournalIsRefusedNamingItsOwner() throws Exception {
    Prerequisites.requireRoot();
    Path journal = ordinary("theirs.jsonl");
    Files.setAttribute(journal, "unix:uid", 65534);
    undoRefuses(
        journal,
        "the journal " + journal + " belongs to uid 65534, not to uid 0 running this: refused");
  }

  @Test
  void aFifoNamedAsTheJournalIsRefusedWithoutBlocking() throws Exception {
    Path fifo = mkfifo(dir.resolve("fifo.jsonl"));
    undoRefuses(fifo, "the journal " + fifo + " is a FIFO, not a regular file: refused");
    CommandRun resume = run("restore", "--resume", fifo.toString(), "--yes");
    assertEquals(ExitStatus.UNREADABLE_IMAGE, resume.status(), resume.err());
    assertTrue(resume.err().contains("is a FIFO, not a regular file"), resume.err());
  }

  @Test
  void aFifoNamedLikeAJournalBesideTheJournalsIsListedAsUnreadableWithoutBlocking()
      throws Exception {
    Path died = ordinary("died.jsonl");
    Path fifo = mkfifo(dir.resolve("trap.jsonl"));
    UnfinishedJournals.Listing listing =
        assertTimeoutPreemptively(HANG_GUARD, () -> UnfinishedJournals.in(dir));
    assertEquals(
        List.of(died),
        listing.unfinished().stream().map(UnfinishedJournals.Unfinished::journal).toList());
    assertTrue(
        listing.unreadable().get(fifo).contains("is a FIFO, not a regular file"),
        listing.toString());
  }

  @Test
  void aTornLastLineIsSkippedWithAWarningAndTheRestIsUndone() throws Exception {
    Path journal = ordinary("torn.jsonl");
    Files.writeString(
        journal,
        "{\"event\":\"intent\",\"seq\":9,\"tar",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    CommandRun undo = run("undo", "--journal", journal.toString());
    assertEquals(ExitStatus.OK, undo.status(), undo.err());
    assertTrue(
        undo.err()
            .contains(
                "warning: "
                    + journal
                    + " line 3 is torn (a write cut short: a full disk, a crash or power lost):"
                    + " skipped"),
        undo.err());
    List<String> lines = Files.readAllLines(journal);
    assertEquals("{\"event\":\"intent\",\"seq\":9,\"tar", lines.get(2), "kept as it was");
    assertTrue(
        lines.get(3).startsWith("{\"event\":\"finish\""), "undo's finish on a line of its own");
    assertTrue(UnfinishedJournals.endsFinished(journal));
  }

  @Test
  void anUndoOfOneHundredFiftyMountsIsFinishedThoughItsFinishLineIsLongerThanFourKibibytes()
      throws Exception {
    Path journal = ordinary("big-undo.jsonl");
    List<String> done = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      done.add(dir.resolve("root/srv/auto-" + i) + ": was parked, unmounted");
    }
    try (Journal j = Journal.append(journal)) {
      j.finish("undone: " + done);
    }
    List<String> lines = Files.readAllLines(journal);
    int finishBytes = lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8).length;
    assertTrue(finishBytes > 4096, finishBytes + " bytes");
    assertTrue(UnfinishedJournals.endsFinished(journal));
    assertFalse(
        UnfinishedJournals.in(dir).unfinished().stream()
            .anyMatch(u -> u.journal().equals(journal)));
  }

  @Test
  void anXdgStateHomeOfAnotherUserIsIgnoredWithASentenceAndOnesOwnIsUsed() throws Exception {
    Prerequisites.requireRoot();
    Path theirs = Files.createDirectory(dir.resolve("theirs"));
    Files.setAttribute(theirs, "unix:uid", 65534);
    Journal.StateDirectory ignored = Journal.StateDirectory.resolve(theirs.toString(), "/root");
    assertEquals(Path.of("/root/.local/state/autofs-restore"), ignored.directory());
    assertTrue(
        ignored
            .warning()
            .orElseThrow()
            .startsWith(
                "XDG_STATE_HOME="
                    + theirs
                    + " is ignored: "
                    + theirs
                    + " belongs to another user (sudo -E passes a user's environment on)"),
        ignored.toString());
    Journal.StateDirectory own = Journal.StateDirectory.resolve(dir.toString(), "/root");
    assertEquals(dir.resolve("autofs-restore"), own.directory());
    assertTrue(own.warning().isEmpty());
  }

  static Path mkfifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
    return path;
  }
}
