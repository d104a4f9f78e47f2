package org.autofsrestore.app.autofs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The autofs mounts of a dump with their findings, the findings about the dump as a whole, and the
 * autofs lines of the CRIU logs beside the images (their findings are among the others).
 */
public record Inspection(
    Path imageDir,
    List<AutofsMount> mounts,
    List<Finding> dumpFindings,
    List<CriuLogEntry> criuLog) {
  public Inspection(Path imageDir, List<AutofsMount> mounts, List<Finding> dumpFindings) {
    this(imageDir, mounts, dumpFindings, List.of());
  }

  /**
   * This inspection with what CRIU's logs say: {@code mountFindings} in the order of {@link
   * #mounts()}, added to each mount's own.
   */
  public Inspection withCriuLog(
      List<CriuLogEntry> entries, List<List<Finding>> mountFindings, List<Finding> dumpWide) {
    List<AutofsMount> withLog = new ArrayList<>(mounts.size());
    for (int i = 0; i < mounts.size(); i++) {
      withLog.add(mounts.get(i).withFindings(mountFindings.get(i)));
    }
    List<Finding> dump = new ArrayList<>(dumpFindings);
    dump.addAll(dumpWide);
    List<CriuLogEntry> log = new ArrayList<>(criuLog);
    log.addAll(entries);
    return new Inspection(imageDir, List.copyOf(withLog), List.copyOf(dump), List.copyOf(log));
  }

  /** This inspection named after {@code source} (an archive, rather than its private directory). */
  public Inspection at(Path source) {
    return new Inspection(source, mounts, dumpFindings, criuLog);
  }

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
