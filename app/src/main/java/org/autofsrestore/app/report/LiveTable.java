package org.autofsrestore.app.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.live.LiveMount;
import org.autofsrestore.app.live.LiveView;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.PipeEndHolder;

/** {@code inspect --live}: a table of the live autofs mounts, then the findings. */
public final class LiveTable {
  private static final String[] HEADER = {
    "MOUNTPOINT", "MODE", "TIMEOUT", "FD", "PGRP", "OWNER", "PIPE READER", "ASLEEP", "STATE"
  };

  private LiveTable() {}

  public static void write(LiveView view, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (LiveMount m : view.mounts()) {
      rows.add(row(m));
    }
    List<Finding> findings = view.allFindings();
    out.println(
        view.facts().mountinfo()
            + ": "
            + view.mounts().size()
            + " autofs mount(s); "
            + count(findings, Severity.ERROR)
            + " error(s), "
            + count(findings, Severity.WARNING)
            + " warning(s), "
            + count(findings, Severity.INFO)
            + " note(s)");
    Tables.print(rows, out);
    Tables.findings(findings, out);
    out.flush();
  }

  static long count(List<Finding> findings, Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  private static String[] row(LiveMount m) {
    AutofsOptions o = m.options().orElse(null);
    String reader =
        !m.readers().isEmpty()
            ? describe(m.readers().get(0))
            : o == null || o.catatonic() ? "-" : "nobody";
    String state =
        o == null
            ? "unreadable"
            : o.catatonic()
                ? "catatonic"
                : Finding.worst(m.findings()).map(f -> f.severity().label()).orElse("ok");
    return new String[] {
      m.mountpoint(),
      m.mode().map(AutofsMode::option).orElse("?"),
      o == null ? "-" : o.timeout() + "s",
      o == null ? "-" : Integer.toString(o.fd()),
      o == null ? "-" : Long.toString(o.pgrp()),
      m.systemdUnit().isPresent()
          ? "systemd (" + m.systemdUnit().get() + ")"
          : m.owner()
              .map(w -> w.alive() ? w.comm() + "[" + w.pid().getAsLong() + "]" : "gone")
              .orElse("-"),
      reader,
      Integer.toString(m.sleepers().size()),
      state
    };
  }

  private static String describe(PipeEndHolder h) {
    return h.comm() + "[" + h.pid() + "] fd " + h.fd();
  }
}
