package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.Severity;

/**
 * The restore of one autofs mount: where it goes, its stages, and the pre-flight findings that
 * concern it. A mount with an error finding is not runnable: no step of it runs.
 *
 * @param mountpoint the mount point in the dump
 * @param target where the restore mounts it: --root joined with the mount point
 * @param parkedInDump the dump had it catatonic: it is restored parked, whatever the owner
 */
public record MountPlan(
    String mountpoint,
    Path target,
    boolean parkedInDump,
    List<Stage> stages,
    List<Finding> findings) {
  public MountPlan {
    stages = List.copyOf(stages);
    findings = List.copyOf(findings);
  }

  public boolean runnable() {
    return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
  }

  public Stage stage(StageName name) {
    return stages.stream().filter(s -> s.name() == name).findFirst().orElseThrow();
  }
}
