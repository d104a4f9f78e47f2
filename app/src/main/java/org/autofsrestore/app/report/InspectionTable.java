package org.autofsrestore.app.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.CriuLogEntry;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.autofs.Owner;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.dump.archive.Container;

/** {@code inspect}: a table of the autofs mounts, then the findings with what to do. */
public final class InspectionTable {
  private static final String[] HEADER = {
    "MOUNTPOINT", "MODE", "TIMEOUT", "FD", "PGRP", "OWNER", "PIPE", "STATE"
  };

  private InspectionTable() {}

  public static void write(Inspection inspection, PrintWriter out) {
    write(inspection, Optional.empty(), out);
  }

  /** The table; the header line names the container when a checkpoint archive describes one. */
  public static void write(Inspection inspection, Optional<Container> container, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (AutofsMount m : inspection.mounts()) {
      rows.add(row(m));
    }
    String noImages = null;
    for (Finding f : inspection.dumpFindings()) {
      if (f.code() == FindingCode.DUMP_FAILED) {
        noImages = "criu dump failed, no images; ";
      } else if (f.code() == FindingCode.NO_IMAGES) {
        noImages = "no images, only CRIU logs; ";
      }
    }
    boolean failed = noImages != null;
    out.println(
        inspection.imageDir()
            + container.map(c -> " [" + c.describe() + "]").orElse("")
            + ": "
            + (failed ? noImages : inspection.mounts().size() + " autofs mount(s); ")
            + inspection.count(Severity.ERROR)
            + " error(s), "
            + inspection.count(Severity.WARNING)
            + " warning(s), "
            + inspection.count(Severity.INFO)
            + " note(s)");
    if (!failed) {
      Tables.print(rows, out);
    }
    Tables.findings(inspection.allFindings(), out);
    if (!inspection.criuLog().isEmpty()) {
      out.println();
      out.println("CRIU LOG (autofs lines)");
      for (CriuLogEntry e : inspection.criuLog()) {
        out.println(
            e.file()
                + (e.line() == null ? "" : ":" + e.line())
                + "  "
                + e.pattern()
                + "  "
                + (e.mountpoint() == null ? "(no mount of the dump)" : e.mountpoint()));
        out.println("        " + e.text().strip());
      }
    }
    out.flush();
  }

  private static String[] row(AutofsMount m) {
    String pgrp =
        m.pgrp() == null
            ? (m.optionsPgrp() == null ? "-" : "? (options " + m.optionsPgrp() + ")")
            : m.pgrp()
                + (m.optionsPgrp() != null && !m.optionsPgrp().equals(m.pgrp())
                    ? " (options " + m.optionsPgrp() + ")"
                    : "");
    String owner = "-";
    String pipe = "-";
    if (m.owner().isPresent()) {
      Owner o = m.owner().get();
      owner =
          (o.comm() == null ? "?" : o.comm())
              + "["
              + o.pid()
              + "]"
              + (Owner.RESOLVED_BY_PIPE_INO.equals(o.resolvedBy()) ? " (by pipe_ino)" : "");
      if (o.pipeFd() != null) {
        pipe =
            "fd "
                + o.pipeFd()
                + (o.writeEndOpen() ? " (w)" : " (r, write end closed)")
                + (m.pipeIno() == null ? "" : " pipe:[" + m.pipeIno() + "]");
      }
    }
    String state =
        m.catatonic() ? "catatonic" : m.worstFinding().map(f -> f.severity().label()).orElse("ok");
    return new String[] {
      m.mountpoint(),
      m.mode().map(AutofsMode::option).orElse("?"),
      m.timeout() == null ? "-" : m.timeout() + "s",
      m.fd() == null ? "-" : m.fd().toString(),
      pgrp,
      owner,
      pipe,
      state
    };
  }
}
