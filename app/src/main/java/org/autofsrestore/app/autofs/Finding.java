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

  public static Finding of(FindingCode code, String mountpoint, String message, String action) {
    return new Finding(code, code.severity(), mountpoint, message, action);
  }

  public static final Comparator<Finding> WORST_FIRST =
      Comparator.comparing(Finding::severity).thenComparing(f -> f.code().ordinal());

  public static Optional<Finding> worst(List<Finding> findings) {
    return findings.stream().min(WORST_FIRST);
  }
}
