package org.autofsrestore.app.autofs;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One thing wrong with (or worth knowing about) a mount: what is wrong, in one sentence, and what
 * to do, in another. {@code mountpoint} is null for findings about the dump as a whole.
 */
public record Finding(
    FindingCode code, Severity severity, String mountpoint, String message, String action) {

  /** By severity (worst first), then by code, in the order of {@link FindingCode}. */
  public static final Comparator<Finding> WORST_FIRST = new WorstFirst();

  /** The first of the worst findings (by {@link #WORST_FIRST}), if any. */
  public static Optional<Finding> worst(List<Finding> findings) {
    return findings.isEmpty()
        ? Optional.empty()
        : Optional.of(java.util.Collections.min(findings, WORST_FIRST));
  }

  private static final class WorstFirst implements Comparator<Finding> {
    @Override
    public int compare(Finding a, Finding b) {
      int bySeverity = a.severity().compareTo(b.severity());
      return bySeverity != 0 ? bySeverity : Integer.compare(a.code().ordinal(), b.code().ordinal());
    }
  }
}
