package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;

/**
 * A resume, from its journal to its plan, in one place for {@code restore --resume}, {@code tui
 * --resume} and the UI's start-up dialog: the journal is opened as {@link JournalTrust} allows and
 * replayed, must be unfinished and record its run, and the dump it names (or the one given) must
 * still have the digest the run started with ({@link #check}); then the plan is rebuilt with the
 * run's options and each mount decided against this host's mount table ({@link #prepare}). Every
 * refusal is worded here once.
 */
public final class Resumption {
  private Resumption() {}

  /** What a resume goes on with, or why it cannot. */
  public sealed interface Outcome {}

  /** Every check passed: the run, its journal as read, and where its dump is now. */
  public record Checked(JournalReplay replay, RunRecord run, Path dump) implements Outcome {}

  /** Checked and planned: the plan that runs, and what was decided for every mount of the run. */
  public record Prepared(Checked checked, Plan plan, List<ResumePlanner.Decision> decisions)
      implements Outcome {
    public Prepared {
      decisions = List.copyOf(decisions);
    }
  }

  /**
   * A check failed. {@code message} says which and why, {@code action} what to do instead.
   *
   * @param code the finding's code when the refusal is a finding (a changed dump), else null
   */
  public record Refused(Refusal refusal, String message, String action, FindingCode code)
      implements Outcome {
    /** The refusal as one sentence, for a dialog. */
    public String sentence() {
      return (code == null ? "" : code.code() + ": ")
          + message
          + (action.isEmpty() ? "" : (code == null ? "; " : " ") + action);
    }
  }

  /** Which check refused; the command line gives each its exit status. */
  public enum Refusal {
    JOURNAL_UNREADABLE,
    FINISHED,
    NO_RUN_RECORDED,
    DUMP_UNREADABLE,
    DUMP_CHANGED,
    MOUNT_TABLE_UNREADABLE
  }

  /**
   * The checks before any plan: {@link Checked} or {@link Refused}.
   *
   * @param dumpGiven where the operator says the dump is now; null: where the run found it
   */
  public static Outcome check(Path journal, Path dumpGiven) {
    JournalReplay replay;
    try {
      replay = JournalReplay.read(journal);
    } catch (IOException e) {
      return refused(
          Refusal.JOURNAL_UNREADABLE,
          e instanceof org.autofsrestore.app.io.UntrustedFile.Refused
              ? String.valueOf(e.getMessage())
              : "cannot read the journal " + journal + ": " + e.getMessage(),
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
      Finding changed =
          FindingCode.RESUME_DUMP_CHANGED.at(
              null, dump.toString(), digest, run.dumpDigest(), journal.toString());
      return new Refused(Refusal.DUMP_CHANGED, changed.message(), changed.action(), changed.code());
    }
    return new Checked(replay, run, dump);
  }

  /**
   * Rebuilds the run's plan and decides each mount against this host's mount table now ({@link
   * HostResume}): {@link Prepared} or {@link Refused}.
   *
   * @param planner the plan of the run's dump with the given options, against the live system now
   */
  public static Outcome prepare(Checked checked, Function<Planner.Options, Plan> planner) {
    Plan fresh = planner.apply(checked.run().options());
    ResumePlanner.Resumption resumption;
    try {
      resumption = HostResume.plan(fresh, checked.replay());
    } catch (IOException e) {
      return refused(
          Refusal.MOUNT_TABLE_UNREADABLE, "cannot read this mount table: " + e.getMessage(), "");
    }
    return new Prepared(checked, resumption.plan(), resumption.decisions());
  }

  private static Refused refused(Refusal refusal, String message, String action) {
    return new Refused(refusal, message, action, null);
  }
}
