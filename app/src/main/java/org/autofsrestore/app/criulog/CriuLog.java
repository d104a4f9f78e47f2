package org.autofsrestore.app.criulog;

import java.util.List;

/**
 * One CRIU log found beside a dump's images: its problem lines, what it says CRIU was doing and how
 * that ended, and whether it was read whole.
 *
 * @param file the file's name in the dump directory
 * @param bytes its size
 * @param problems its Error and Warn lines, in order
 * @param outcome how the run it logs ended, as its last words say
 * @param outcomeLine the line that says so (null when none does)
 * @param version CRIU's version as the log's first line gives it, or null
 * @param cut null when the log was read whole, else which part of it was read
 * @param mounts the autofs mounts the log describes (CRIU's -v4 mountinfo lines), by which a failed
 *     dump's lines are placed on mounts when there are no images
 */
public record CriuLog(
    String file,
    long bytes,
    List<CriuLogLine> problems,
    Outcome outcome,
    CriuLogLine outcomeLine,
    String version,
    String cut,
    List<MountKeys> mounts) {

  public CriuLog {
    problems = List.copyOf(problems);
    mounts = List.copyOf(mounts);
  }

  /** How a CRIU run ended, by the sentence CRIU prints last. */
  public enum Outcome {
    /** "Dumping finished successfully" (or pre-dumping). */
    DUMP_OK,
    /** "Dumping FAILED." (or pre-dumping). */
    DUMP_FAILED,
    /** "Restore finished successfully. Tasks resumed." */
    RESTORE_OK,
    /** "Restoring FAILED." */
    RESTORE_FAILED,
    /** None of those: criu check, a run still going, or one that was killed. */
    UNKNOWN
  }
}
