package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.file.Path;
import org.autofsrestore.app.autofs.FindingCode;

/**
 * The checks of a resume before any plan is made: the journal reads, is unfinished, records its
 * run, and the dump it names (or the one given) still has the digest the run started with. Shared
 * by {@code restore --resume} and the UI, which word the outcome each their own way.
 */
public final class ResumeCheck {
  private ResumeCheck() {}

  /** What a resume goes on with, or why it cannot. */
  public sealed interface Outcome {
    /** Every check passed: the run, its journal as read, and where its dump is now. */
    record Ready(JournalReplay replay, RunRecord run, Path dump) implements Outcome {}

    /**
     * A check failed. {@code message} says which and why, {@code action} what to do instead.
     *
     * @param code the finding's code when the refusal is a finding (a changed dump), else null
     */
    record Refused(Refusal refusal, String message, String action, FindingCode code)
        implements Outcome {}
  }

  /** Which check refused; the command line gives each its exit status. */
  public enum Refusal {
    JOURNAL_UNREADABLE,
    FINISHED,
    NO_RUN_RECORDED,
    DUMP_UNREADABLE,
    DUMP_CHANGED
  }

  /**
   * @param dumpGiven where the operator says the dump is now; null: where the run found it
   */
  public static Outcome open(Path journal, Path dumpGiven) {
    JournalReplay replay;
    try {
      replay = JournalReplay.read(journal);
    } catch (IOException e) {
      return refused(
          Refusal.JOURNAL_UNREADABLE,
          "cannot read the journal " + journal + ": " + e.getMessage(),
          "");
    }
    if (replay.finished()) {
      return refused(
          Refusal.FINISHED,
          "nothing to resume: " + journal + " has its finish line (the run ended)",
          "undo --journal undoes it");
    }
    if (replay.run().isEmpty()) {
      return refused(
          Refusal.NO_RUN_RECORDED,
          journal + " does not record its run (a --sandbox run, or an older version's)",
          "it can be undone (undo --journal " + journal + "), not resumed");
    }
    RunRecord run = replay.run().get();
    Path dump = dumpGiven != null ? dumpGiven.toAbsolutePath().normalize() : run.dump();
    String digest;
    try {
      digest = DumpDigest.of(dump);
    } catch (IOException e) {
      return refused(
          Refusal.DUMP_UNREADABLE,
          "cannot read the dump " + dump + " the journal's run restored (" + e.getMessage() + ")",
          "give its new place: restore DIR --resume " + journal);
    }
    if (!digest.equals(run.dumpDigest())) {
      return new Outcome.Refused(
          Refusal.DUMP_CHANGED,
          "the images in "
              + dump
              + " are not the ones the run started with (SHA-256 "
              + digest
              + ", the journal has "
              + run.dumpDigest()
              + "): a plan rebuilt from them could differ from the one that ran.",
          "Resume with the dump the run used, or undo --journal " + journal + " first.",
          FindingCode.RESUME_DUMP_CHANGED);
    }
    return new Outcome.Ready(replay, run, dump);
  }

  private static Outcome.Refused refused(Refusal refusal, String message, String action) {
    return new Outcome.Refused(refusal, message, action, null);
  }
}
