package org.autofsrestore.app.dump;

/**
 * Bounds on reading the CRIU logs beside a dump's images (dump.log, restore.log, whatever {@code
 * -o} named), so that a huge or hostile file cannot make {@code inspect} slow or exhaust memory. A
 * log past a bound is read in part, and a finding says which part; the images' own bounds are in
 * {@link DumpLimits}.
 */
public final class CriuLogLimits {
  /**
   * Files, other than images, whose first bytes are looked at to see whether CRIU wrote them: a
   * dump directory holds images, a log or two, perhaps a pidfile and an operator's notes.
   */
  public static final int MAX_FILES_SNIFFED = 64;

  /** Bytes read of each such file to recognise a CRIU log by its line format. */
  public static final int SNIFF_BYTES = 4096;

  /**
   * Bytes read of one log: 8 MiB holds the -v4 log of a dump of thousands of tasks. A longer one is
   * read as its first and last halves of this: CRIU stops at its first error, so what explains a
   * failure is at the end, and what it warned about while collecting mounts is near the start.
   */
  public static final int MAX_BYTES_PER_FILE = 8 * 1024 * 1024;

  /** Bytes read of all logs together; the logs after the budget is spent are not read. */
  public static final int MAX_BYTES_TOTAL = 32 * 1024 * 1024;

  /**
   * Characters kept of one line: CRIU formats a line into an 8 KiB buffer (LOG_BUF_LEN), so a
   * longer one is not CRIU's.
   */
  public static final int MAX_LINE_CHARS = 8 * 1024;

  /** Error and Warn lines kept from all logs; a log of more is cut there. */
  public static final int MAX_PROBLEM_LINES = 10_000;

  private CriuLogLimits() {}
}
