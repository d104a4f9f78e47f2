package org.autofsrestore.app.criulog;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Error or Warn line of a CRIU log, split as CRIU printed it: {@code (00.012345) Error
 * (criu/autofs.c:217): TEXT}, with a {@code "%6d: "} pid after the time in a restore's children,
 * and without the time where CRIU wrote to a terminal (criu check).
 *
 * @param number the line's number in its file, from 1; null when it lies in the part of a long log
 *     read from its end, whose lines before are not counted
 * @param raw the whole line as it is in the file
 * @param level {@code Error} or {@code Warn}
 * @param source the C file CRIU names ({@code criu/autofs.c})
 * @param text what follows {@code "): "}
 */
public record CriuLogLine(Integer number, String raw, String level, String source, String text) {
  private static final Pattern PROBLEM =
      Pattern.compile(
          "^(?:\\(\\s*\\d+\\.\\d+\\)\\s*)?(?:\\d+:\\s+)?(Error|Warn) +\\(([^():\\s]+):\\d+\\): (.*)$");

  /** A line of CRIU's format at all: its time stamp, or an Error or Warn with its source. */
  static final Pattern CRIU_LINE =
      Pattern.compile("^(?:\\(\\d{2,}\\.\\d{6}\\) |(?:Error|Warn) +\\([^():\\s]+:\\d+\\): )");

  /** {@code raw} as a problem line, if it is an Error or Warn line of CRIU's. */
  static Optional<CriuLogLine> parse(Integer number, String raw) {
    if (raw.indexOf("Error") < 0 && raw.indexOf("Warn") < 0) {
      return Optional.empty(); // most lines of a -v4 log: no regex run
    }
    Matcher m = PROBLEM.matcher(raw);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new CriuLogLine(number, raw, m.group(1), m.group(2), m.group(3)));
  }

  /** "dump.log line 812", or "dump.log near its end" for a line of a long log's tail. */
  public String where(String file) {
    return number == null ? file + " (in its last part)" : file + " line " + number;
  }
}
