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
 * @param adoptedDevid for a resume, the device number of the mount an interrupted run of the same
 *     plan left at the target (the kernel's, from mountinfo): its stages start from that mount, not
 *     from a mount(2) of their own; null for a mount the plan makes
 */
public record MountPlan(
    String mountpoint,
    Path target,
    boolean parkedInDump,
    List<Stage> stages,
    List<Finding> findings,
    Long adoptedDevid) {
  public MountPlan {
    stages = List.copyOf(stages);
    findings = List.copyOf(findings);
  }

  /** A mount the plan makes itself. */
  public MountPlan(
      String mountpoint,
      Path target,
      boolean parkedInDump,
      List<Stage> stages,
      List<Finding> findings) {
    this(mountpoint, target, parkedInDump, stages, findings, null);
  }

  public boolean runnable() {
    return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
  }

  public Stage stage(StageName name) {
    return stages.stream().filter(s -> s.name() == name).findFirst().orElseThrow();
  }
}
