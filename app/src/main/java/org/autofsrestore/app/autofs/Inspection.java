package org.autofsrestore.app.autofs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The autofs mounts of a dump with their findings, and the findings about the dump as a whole. */
public record Inspection(Path imageDir, List<AutofsMount> mounts, List<Finding> dumpFindings) {
  /** Every finding, the dump's first, then each mount's in order. */
  public List<Finding> allFindings() {
    List<Finding> all = new ArrayList<>(dumpFindings);
    for (AutofsMount m : mounts) {
      all.addAll(m.findings());
    }
    return Collections.unmodifiableList(all);
  }

  public boolean hasErrors() {
    return count(Severity.ERROR) > 0;
  }

  public long count(Severity severity) {
    long n = count(dumpFindings, severity);
    for (AutofsMount m : mounts) {
      n += count(m.findings(), severity);
    }
    return n;
  }

  private static long count(List<Finding> findings, Severity severity) {
    long n = 0;
    for (Finding f : findings) {
      if (f.severity() == severity) {
        n++;
      }
    }
    return n;
  }
}
