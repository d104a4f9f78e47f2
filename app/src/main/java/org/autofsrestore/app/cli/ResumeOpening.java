package org.autofsrestore.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.restore.DumpDigest;
import org.autofsrestore.app.restore.JournalReplay;
import org.autofsrestore.app.restore.RunRecord;

/**
 * The checks of {@code restore --resume JOURNAL} before any plan is made: the journal reads, is
 * unfinished, records its run, and the dump it names (or the one given) still has the digest the
 * run started with.
 */
final class ResumeOpening {
  private ResumeOpening() {}

  /** What a resume goes on with, or why it cannot. */
  sealed interface Outcome {
    record Ready(JournalReplay replay, RunRecord run, Path dump) implements Outcome {}

    record Refused(int exitStatus) implements Outcome {}
  }

  static Outcome open(Path journal, Path dumpGiven, PrintWriter err) {
    JournalReplay replay;
    try {
      replay = JournalReplay.read(journal);
    } catch (IOException e) {
      err.println("autofs-restore: cannot read the journal " + journal + ": " + e.getMessage());
      return new Outcome.Refused(ExitStatus.UNREADABLE_IMAGE);
    }
    if (replay.finished()) {
      err.println(
          "autofs-restore: nothing to resume: "
              + journal
              + " has its finish line (the run ended); undo --journal undoes it");
      return new Outcome.Refused(ExitStatus.USAGE);
    }
    if (replay.run().isEmpty()) {
      err.println(
          "autofs-restore: "
              + journal
              + " does not record its run (a --sandbox run, the UI's, or an older version's):"
              + " it can be undone (undo --journal "
              + journal
              + "), not resumed");
      return new Outcome.Refused(ExitStatus.USAGE);
    }
    RunRecord run = replay.run().get();
    Path dump = dumpGiven != null ? dumpGiven.toAbsolutePath().normalize() : run.dump();
    String digest;
    try {
      digest = DumpDigest.of(dump);
    } catch (IOException e) {
      err.println(
          "autofs-restore: cannot read the dump "
              + dump
              + " the journal's run restored ("
              + e.getMessage()
              + "); give its new place: restore DIR --resume "
              + journal);
      return new Outcome.Refused(ExitStatus.UNREADABLE_IMAGE);
    }
    if (!digest.equals(run.dumpDigest())) {
      err.println(
          "error "
              + FindingCode.RESUME_DUMP_CHANGED.code()
              + ": the images in "
              + dump
              + " are not the ones the run started with (SHA-256 "
              + digest
              + ", the journal has "
              + run.dumpDigest()
              + "): a plan rebuilt from them could differ from the one that ran.");
      err.println(
          "    -> Resume with the dump the run used, or undo --journal " + journal + " first.");
      return new Outcome.Refused(ExitStatus.STEP_FAILED);
    }
    return new Outcome.Ready(replay, run, dump);
  }
}
