package org.autofsrestore.app.report;

import java.io.PrintWriter;
import java.util.List;
import org.autofsrestore.app.autofs.Finding;

/** Column layout and the findings list, as the inspect, live and diff tables print them. */
final class Tables {
  private Tables() {}

  static void print(List<String[]> given, PrintWriter out) {
    // Cells as the terminal shows them (a control character is four columns, \x85), measured so.
    List<String[]> rows = new java.util.ArrayList<>(given.size());
    for (String[] row : given) {
      String[] shown = new String[row.length];
      for (int i = 0; i < row.length; i++) {
        shown[i] = TerminalEscapes.oneLine(row[i]);
      }
      rows.add(shown);
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  static void findings(List<Finding> findings, PrintWriter out) {
    if (findings.isEmpty()) {
      return;
    }
    out.println();
    out.println("FINDINGS");
    for (Finding f : findings) {
      out.println(
          pad(f.severity().label(), 8)
              + f.code().code()
              + (f.mountpoint() == null ? "" : "  " + f.mountpoint()));
      out.println("        " + f.message());
      out.println("        -> " + f.action());
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
