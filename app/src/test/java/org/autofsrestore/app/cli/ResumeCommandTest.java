package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.autofsrestore.app.restore.DumpDigest;
import org.autofsrestore.app.restore.Journal;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.RunRecord;
import org.autofsrestore.app.restore.StageName;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code restore --resume} refuses before it plans anything, each with its exit status. */
class ResumeCommandTest {
  @TempDir Path dir;

  private Path copyOf(String fixture) throws Exception {
    Path copy = dir.resolve(fixture);
    Files.createDirectories(copy);
    try (var files = Files.list(Fixtures.dir(fixture))) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve(p.getFileName()));
      }
    }
    return copy;
  }

  private Path journalOf(Path dump, boolean finished) throws Exception {
    return journalOf(dump, finished, 0, dir.resolve("journal.jsonl"));
  }

  private Path journalOf(Path dump, boolean finished, long wait, Path file) throws Exception {
    RunRecord run =
        new RunRecord(
            dump,
            DumpDigest.of(dump),
            dir.resolve("root"),
            List.of(),
            OwnerMode.HANDOFF,
            true,
            wait,
            StageName.OWNER,
            4242);
    try (Journal j = Journal.create(file, run.fields())) {
      j.intend(Map.of("/srv/auto-a", dir.resolve("root/srv/auto-a").toString()));
      if (finished) {
        j.finish("ended");
      }
    }
    return file;
  }

  @Test
  void aDumpWhoseImagesChangedSinceTheRunIsRefusedWithItsFinding() throws Exception {
    Path dump = copyOf("indirect");
    Path journal = journalOf(dump, false);
    Path image;
    try (var files = Files.list(dump)) {
      image = files.filter(p -> p.toString().endsWith(".img")).sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(image);
    bytes[bytes.length - 1] ^= 1;
    Files.write(image, bytes);
    CommandRun run = CommandRun.of("restore", "--resume", journal.toString(), "--yes");
    assertEquals(ExitStatus.STEP_FAILED, run.status(), run.err());
    assertTrue(run.err().contains("error resume-dump-changed: the images in " + dump), run.err());
    assertTrue(run.err().contains("-> Resume with the dump the run used"), run.err());
  }

  @Test
  void aJournalWithItsFinishLineHasNothingToResume() throws Exception {
    Path journal = journalOf(copyOf("indirect"), true);
    CommandRun run = CommandRun.of("restore", "--resume", journal.toString(), "--yes");
    assertEquals(ExitStatus.USAGE, run.status(), run.err());
    assertTrue(run.err().contains("nothing to resume: " + journal), run.err());
  }

  @Test
  void aJournalThatRecordsNoRunCanBeUndoneNotResumed() throws Exception {
    Path journal = dir.resolve("old.jsonl");
    try (Journal j = Journal.create(journal)) {
      j.intend(Map.of("/srv/auto-a", "/r/srv/auto-a"));
    }
    CommandRun run = CommandRun.of("restore", "--resume", journal.toString(), "--yes");
    assertEquals(ExitStatus.USAGE, run.status(), run.err());
    assertTrue(run.err().contains("does not record its run"), run.err());
    assertTrue(run.err().contains("undo --journal " + journal), run.err());
  }

  @Test
  void aJournalThatDoesNotReadIsNamedWithTheLine() throws Exception {
    Path journal = dir.resolve("bad.jsonl");
    Files.writeString(journal, "{\"event\":\"start\",\"seq\":1}\nnot json\n{\"event\":\"x\"}\n");
    CommandRun run = CommandRun.of("restore", "--resume", journal.toString(), "--yes");
    assertEquals(ExitStatus.UNREADABLE_IMAGE, run.status(), run.err());
    assertTrue(run.err().contains(journal + " line 2"), run.err());
  }

  @Test
  void aMovedDumpIsFoundWhereTheOperatorSaysAndItsDigestStillChecked() throws Exception {
    Path dump = copyOf("indirect");
    Path journal = journalOf(dump, false);
    Path moved = dir.resolve("moved");
    Files.move(dump, moved);
    CommandRun lost = CommandRun.of("restore", "--resume", journal.toString(), "--yes");
    assertEquals(ExitStatus.UNREADABLE_IMAGE, lost.status(), lost.err());
    assertTrue(lost.err().contains("give its new place: restore DIR --resume"), lost.err());
    CommandRun found =
        CommandRun.of("restore", moved.toString(), "--resume", journal.toString(), "--yes");
    // Past the digest: this machine may not restore (no /dev/autofs or no root), never a usage
    // or read error.
    assertTrue(
        found.status() == ExitStatus.NO_PRIVILEGE || found.status() == ExitStatus.OK,
        found.status() + ": " + found.err() + found.out());
    assertTrue(found.out().contains("Resuming " + journal), found.out());
  }

  @Test
  void optionsThatWouldChangeTheRecordedRunAreRefusedByNameNotDropped() throws Exception {
    Path journal = journalOf(copyOf("indirect"), false);
    CommandRun run =
        CommandRun.of(
            "restore", "--resume", journal.toString(), "--root", "/", "--owner", "hold", "--yes");
    assertEquals(ExitStatus.USAGE, run.status(), run.err());
    assertTrue(run.err().contains("leave out --root --owner"), run.err());
    CommandRun tui = CommandRun.of("tui", "--resume", journal.toString(), "--mount", "/srv/x");
    assertEquals(ExitStatus.USAGE, tui.status(), tui.err());
    assertTrue(tui.err().contains("leave out --mount"), tui.err());
  }

  @Test
  void noWaitGivenWithResumeReplacesTheRecordedWait() throws Exception {
    Path file = journalOf(copyOf("indirect"), false, 37, dir.resolve("waits.jsonl"));
    // Without --yes the plan is printed with every call, then the confirmation has no terminal.
    CommandRun asRecorded = CommandRun.of("restore", "--resume", file.toString());
    assertTrue(asRecorded.out().contains("up to 37 s"), asRecorded.out());
    CommandRun noWait = CommandRun.of("restore", "--resume", file.toString(), "--no-wait");
    assertTrue(noWait.out().contains("Resuming " + file), noWait.out() + noWait.err());
    assertTrue(!noWait.out().contains("up to 37 s"), noWait.out());
    CommandRun wait = CommandRun.of("restore", "--resume", file.toString(), "--wait", "5");
    assertTrue(wait.out().contains("up to 5 s"), wait.out());
  }

  @Test
  void restoreWithoutAnExplicitRootIsAUsageErrorNamingTheOption() throws Exception {
    CommandRun run = CommandRun.of("restore", copyOf("indirect").toString(), "--yes");
    assertEquals(ExitStatus.USAGE, run.status(), run.err());
    assertTrue(run.err().contains("restore needs --root R"), run.err());
    assertTrue(run.err().contains("write --root / to restore onto this host's own tree"));
    CommandRun tui = CommandRun.of("tui", copyOf("multi").toString(), "--live");
    assertEquals(ExitStatus.USAGE, tui.status(), tui.err());
    assertTrue(tui.err().contains("tui --live needs --root R"), tui.err());
  }

  @Test
  void planWithoutARootStillShowsTheCallsUnderSlash() throws Exception {
    CommandRun run = CommandRun.of("plan", copyOf("indirect").toString());
    assertTrue(run.status() != ExitStatus.USAGE, run.err());
    assertTrue(run.out().contains(" under /, owner handoff"), run.out());
    // The target is reached from a fd of "/" (the root written or not, the calls are the same).
    assertTrue(run.out().contains("open(\"/\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH)"), run.out());
    assertTrue(run.out().contains("openat2(<root.fd>, \"srv\""), run.out());
  }
}
