package org.autofsrestore.app.repair;

import java.util.List;

/**
 * What the repair makes of one autofs mount of the dump in the restored tree: it works as it is, it
 * hangs and the repair makes it work again, or it hangs (or is missing) and the operator must act.
 */
public sealed interface MountRepair {
  /** The dump's mount point, which is the restored tree's too. */
  String mountpoint();

  /** direct, indirect or offset; "-" when unknown. */
  String mode();

  /** Why, one or two sentences. */
  String why();

  /** "works", "repair" or "cannot-repair", as JSON has it. */
  default String verdict() {
    if (this instanceof Repairs) {
      return "repair";
    }
    return this instanceof CannotRepair ? "cannot-repair" : "works";
  }

  /** The mount works after the restore: nothing to do. */
  record Works(String mountpoint, String mode, String why) implements MountRepair {}

  /**
   * The mount will hang and the repair makes it work again with {@code steps} (those for this mount
   * alone; the daemon's signal and the namespace are shared, see {@link RepairPlan#steps()}).
   */
  record Repairs(
      String mountpoint,
      String mode,
      String why,
      String staleDevice,
      String dumpDevice,
      long ownerPid,
      String ownerComm,
      long ownerPgrp,
      List<RepairStep> steps)
      implements MountRepair {
    public Repairs {
      steps = List.copyOf(steps);
    }
  }

  /** The mount hangs or is missing, and this tool does not repair it: {@code action} says how. */
  record CannotRepair(String mountpoint, String mode, String why, String action)
      implements MountRepair {}
}
