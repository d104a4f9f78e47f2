package org.autofsrestore.app.autofs;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The autofs mounts of a dump with their findings, and the findings about the dump as a whole. */
public record Inspection(Path imageDir, List<AutofsMount> mounts, List<Finding> dumpFindings) {
  /** Every finding, the dump's first, then each mount's in order. */
  public List<Finding> allFindings() {
    return Stream.concat(dumpFindings.stream(), mounts.stream().flatMap(m -> m.findings().stream()))
        .toList();
  }

  public boolean hasErrors() {
    return allFindings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  public long count(Severity severity) {
    return allFindings().stream().filter(f -> f.severity() == severity).count();
  }
}
