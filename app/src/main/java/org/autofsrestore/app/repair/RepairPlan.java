package org.autofsrestore.app.repair;

import java.nio.file.Path;
import java.util.List;

/**
 * A repair of a restored tree, as a pure value: each dump mount's verdict, and every step in the
 * order it runs (enter the namespace once, park and unmount each stale trigger, signal each
 * automount once, then wait for each fresh trigger).
 *
 * @param dump the dump's image directory
 * @param pid the restored tree's init, as this host sees it
 * @param mounts each autofs mount of the dump, in the dump's order
 * @param steps every step, in order; empty when nothing needs repairing
 */
public record RepairPlan(Path dump, long pid, List<MountRepair> mounts, List<RepairStep> steps) {
  public RepairPlan {
    mounts = List.copyOf(mounts);
    steps = List.copyOf(steps);
  }

  /** The mounts that hang and that this tool cannot repair. */
  public List<MountRepair.CannotRepair> unrepairable() {
    return mounts.stream()
        .filter(m -> m instanceof MountRepair.CannotRepair)
        .map(m -> (MountRepair.CannotRepair) m)
        .toList();
  }

  /** The mounts the steps repair. */
  public List<MountRepair.Repairs> repaired() {
    return mounts.stream()
        .filter(m -> m instanceof MountRepair.Repairs)
        .map(m -> (MountRepair.Repairs) m)
        .toList();
  }
}
