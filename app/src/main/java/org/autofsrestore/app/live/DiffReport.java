package org.autofsrestore.app.live;

import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.Severity;

/**
 * A dump held against the live mount namespace, mount by mount.
 *
 * @param imageDir the dump
 * @param root the root its mount points were restored under
 * @param mounts each dump mount and its differences
 * @param extra the live autofs mounts at or below the root that are not in the dump
 * @param findings every finding: each mount's, then the extra mounts', then the namespace's
 */
public record DiffReport(
    Path imageDir,
    String root,
    List<MountDiff> mounts,
    List<LiveMount> extra,
    List<Finding> findings) {
  public DiffReport {
    mounts = List.copyOf(mounts);
    extra = List.copyOf(extra);
    findings = List.copyOf(findings);
  }

  public boolean hasErrors() {
    return count(Severity.ERROR) > 0;
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }
}
