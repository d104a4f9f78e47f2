package org.autofsrestore.app.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.live.DiffReport;
import org.autofsrestore.app.live.LiveMount;
import org.autofsrestore.app.live.MountDiff;

/** {@code diff}: one line per dump mount (and per extra live mount), then the findings. */
public final class DiffTable {
  private static final String[] HEADER = {"TARGET", "DUMP DEV", "LIVE DEV", "LIVE OWNER", "STATE"};

  private DiffTable() {}

  public static void write(DiffReport report, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (MountDiff m : report.mounts()) {
      LiveMount l = m.live().orElse(null);
      rows.add(
          new String[] {
            m.target(),
            m.dump().mount().rootDev().toString(),
            l == null ? "-" : l.device(),
            owner(l),
            l == null ? "missing" : m.findings().isEmpty() ? "same" : "differs"
          });
    }
    for (LiveMount l : report.extra()) {
      rows.add(new String[] {l.mountpoint(), "-", l.device(), owner(l), "not in dump"});
    }
    out.println(
        report.imageDir()
            + " against the live mounts under "
            + report.root()
            + ": "
            + report.mounts().size()
            + " dump mount(s), "
            + report.extra().size()
            + " extra; "
            + report.count(Severity.ERROR)
            + " error(s), "
            + report.count(Severity.WARNING)
            + " warning(s), "
            + report.count(Severity.INFO)
            + " note(s)");
    Tables.print(rows, out);
    Tables.findings(report.findings(), out);
    out.flush();
  }

  private static String owner(LiveMount l) {
    if (l == null || l.options().isEmpty()) {
      return "-";
    }
    if (l.catatonic()) {
      return "catatonic";
    }
    return l.readers().isEmpty()
        ? l.owner().map(o -> o.describe()).orElse("-")
        : l.readers().get(0).comm() + "[" + l.readers().get(0).pid() + "]";
  }
}
