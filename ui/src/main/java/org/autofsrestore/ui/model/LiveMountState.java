package org.autofsrestore.ui.model;

import java.util.List;

/**
 * One autofs mount point as the live host's mount namespace has it: a dump mount looked for at the
 * session's root + its mount point, or a live autofs mount at or below the root.
 *
 * @param mountpoint the live path (root + the dump's mount point, or the live mount's own)
 * @param dumpMountId the {@link MountRow#id()} of the dump mount restored there; empty when the
 *     dump has no mount there
 * @param present whether an autofs mount is there now
 * @param instead when none is: what is mounted there instead (e.g. "tmpfs (tmpfs)"), else empty
 * @param mode direct, indirect or offset as its options say; "-" when unknown or missing
 * @param device its device number, e.g. "0:52"; "-" when missing
 * @param catatonic whether it is catatonic (nobody answers; accesses fail fast)
 * @param owner the process group of its options and the process found in it, e.g. "automount[412]
 *     (pgrp 412)" or "process group 412 (no process left)"; "-" when unknown
 * @param ownerAlive whether a process of that group is left
 * @param reader the processes holding its pipe's read end, e.g. "automount[412] fd 3"; "none" when
 *     nobody does, "-" when catatonic or missing
 * @param sleepers the processes asleep on it, e.g. "stat[812] on /srv/auto/key"
 * @param unseen what this reader cannot see without root (e.g. "3 fd tables"); empty when it saw
 *     everything
 * @param values the dump's and the live values side by side (empty for a mount the dump lacks)
 * @param findings the live host's findings on this mount point, worst first
 */
public record LiveMountState(
    String mountpoint,
    String dumpMountId,
    boolean present,
    String instead,
    String mode,
    String device,
    boolean catatonic,
    String owner,
    boolean ownerAlive,
    String reader,
    List<String> sleepers,
    String unseen,
    List<LiveValue> values,
    List<Finding> findings) {
  public LiveMountState {
    sleepers = List.copyOf(sleepers);
    values = List.copyOf(values);
    findings = List.copyOf(findings);
  }

  /** True when the dump has no mount here: a live mount the dump lacks. */
  public boolean extra() {
    return dumpMountId == null || dumpMountId.isEmpty();
  }
}
