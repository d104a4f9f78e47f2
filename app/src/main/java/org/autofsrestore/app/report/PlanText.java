package org.autofsrestore.app.report;

import java.io.PrintWriter;
import java.util.List;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.restore.MountPlan;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.RunValues;
import org.autofsrestore.app.restore.Stage;
import org.autofsrestore.app.restore.Step;

/** {@code plan}: each mount's stages and the exact calls, numbered, then the findings. */
public final class PlanText {
  private PlanText() {}

  /** The whole plan: every mount's calls and findings. */
  public static void write(Plan plan, PrintWriter out) {
    write(plan, out, true);
  }

  /**
   * The plan, with each mount's calls listed or not: a restore that does not ask before it runs
   * prints every call as it runs it, so its plan shows only the mounts and what was found.
   */
  public static void write(Plan plan, PrintWriter out, boolean calls) {
    out.println(
        "Restore plan for "
            + plan.imageDir()
            + " under "
            + plan.root()
            + ", owner "
            + plan.owner().option()
            + " ("
            + plan.mounts().size()
            + " mount(s)); <name> is a value known only when the step before it has run.");
    for (Finding f : plan.findings()) {
      out.println(f.severity().label() + " " + f.code().code() + ": " + f.message());
      out.println("    -> " + f.action());
    }
    for (MountPlan m : plan.mounts()) {
      out.println();
      out.println(
          m.mountpoint()
              + " -> "
              + m.target()
              + (m.parkedInDump() ? "  (catatonic in the dump: restored parked)" : "")
              + (m.runnable() ? "" : "  NOT RUNNABLE"));
      int n = 1;
      for (Stage stage : calls ? m.stages() : List.<Stage>of()) {
        out.println("  " + stage.name().label());
        for (Step step : stage.steps()) {
          out.println((n < 10 ? "     " : "    ") + n++ + ". " + step.text(RunValues.NONE));
        }
      }
      for (Finding f : m.findings()) {
        out.println("  " + f.severity().label() + " " + f.code().code() + ": " + f.message());
        out.println("      -> " + f.action());
      }
    }
    out.flush();
  }
}
