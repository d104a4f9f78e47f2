package org.autofsrestore.app.repair;

import java.io.PrintWriter;

/** A repair plan as the dry run prints it: each mount's verdict, then the steps, numbered. */
public final class RepairText {
  private RepairText() {}

  public static void write(RepairPlan plan, boolean dryRun, PrintWriter out) {
    out.println(
        (dryRun ? "DRY RUN: " : "")
            + "repair of the tree of pid "
            + plan.pid()
            + " against "
            + plan.dump()
            + ": "
            + plan.repaired().size()
            + " to repair, "
            + plan.unrepairable().size()
            + " this tool cannot repair, "
            + (plan.mounts().size() - plan.repaired().size() - plan.unrepairable().size())
            + " working");
    for (MountRepair m : plan.mounts()) {
      String verdict = String.format("%-13s", m.verdict());
      out.println(verdict + " " + m.mountpoint() + " (" + m.mode() + ")");
      out.println("        " + m.why());
      if (m instanceof MountRepair.CannotRepair c) {
        out.println("        -> " + c.action());
      }
    }
    if (plan.steps().isEmpty()) {
      out.println("Nothing to run.");
      return;
    }
    out.println(dryRun ? "Steps (run them with --yes):" : "Steps:");
    int n = 1;
    for (RepairStep s : plan.steps()) {
      out.println(String.format("%3d. %s", n++, s.text()));
      out.println("     " + s.why());
    }
  }
}
