package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.kernel.FdIdentity;

/**
 * A target that is already a mount point (any file system) or a directory with entries is not
 * mounted over unless --over-existing says so: mounting there would hide what is there (a hostile
 * dump naming /etc would hide the host's /etc). Checked when planning, from the live system, and
 * again when running, on the held target fd (statx and getdents64), whose answers these sentences
 * turn into a refusal.
 */
final class TargetChecks {
  private TargetChecks() {}

  static final String ACTION_MOUNTED = FindingCode.TARGET_MOUNTED.action();
  static final String ACTION_NOT_EMPTY = FindingCode.TARGET_NOT_EMPTY.action();

  static void atPlanTime(
      String where, Path target, LiveSystem live, boolean overExisting, List<Finding> findings) {
    if (live.isAutofsMountpoint(target)) {
      findings.add(FindingCode.TARGET_ALREADY_AUTOFS.at(where, target.toString()));
      return;
    }
    Severity severity = overExisting ? Severity.WARNING : Severity.ERROR;
    String over = overExisting ? FindingCode.MOUNTED_OVER : "";
    if (live.isMountpoint(target)) {
      findings.add(FindingCode.TARGET_MOUNTED.weighed(severity, where, target.toString(), over));
    }
    int entries = live.entries(target);
    if (entries > 0) {
      findings.add(
          FindingCode.TARGET_NOT_EMPTY.weighed(
              severity,
              where,
              target.toString(),
              entries + (entries == 1 ? " entry" : " entries"),
              over));
    }
  }

  /** Why the held target must not be mounted on, from its statx; null when it may. */
  static String refusalOf(String target, FdIdentity id) {
    if (!id.isDirectory()) {
      return target
          + " became "
          + id.kind()
          + " since the plan: refused. Action: check who changed"
          + " it; restore again once it is a directory.";
    }
    if (Boolean.TRUE.equals(id.mountRoot())) {
      return target
          + " is a mount point now (mount id "
          + id.mountId()
          + "): refused, nothing mounted over it. Action: "
          + ACTION_MOUNTED;
    }
    return null;
  }

  /** Why the held target must not be mounted on, from its entry count; null when it may. */
  static String refusalOfEntries(String target, int entries) {
    return entries == 0
        ? null
        : target
            + " has "
            + entries
            + (entries == 1 ? " entry" : " entries")
            + " now: refused, nothing mounted over it. Action: "
            + ACTION_NOT_EMPTY;
  }
}
