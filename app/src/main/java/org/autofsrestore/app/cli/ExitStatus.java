package org.autofsrestore.app.cli;

/** The exit statuses every command shares. */
public final class ExitStatus {
  /** Nothing went wrong; no finding is an error. */
  public static final int OK = 0;

  /** A finding is an error, or a restore step failed (and what was done about it was said). */
  public static final int STEP_FAILED = 1;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** The dump cannot be read as a whole. */
  public static final int UNREADABLE_IMAGE = 3;

  /** Missing privileges or kernel support. */
  public static final int NO_PRIVILEGE = 4;

  private ExitStatus() {}
}
