package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.List;

/** Builds pane lines that fit a width: wrapped paragraphs and simple tables. */
final class Lines {
  final List<Line> lines = new ArrayList<>();
  final int width;
  final boolean ascii;
  final String ellipsis;

  Lines(int width, boolean ascii, String ellipsis) {
    this.width = Math.max(1, width);
    this.ascii = ascii;
    this.ellipsis = ellipsis;
  }

  Lines add(Line line) {
    lines.add(line);
    return this;
  }

  Lines blank() {
    lines.add(Line.blank());
    return this;
  }

  /** A heading line. */
  Lines heading(String text) {
    lines.add(Line.of(text, Role.TITLE));
    return this;
  }

  /**
   * {@code prefix} (in its role) then {@code text} wrapped so continuation lines start under the
   * text.
   */
  Lines wrapped(String prefix, Role prefixRole, String text, Role role) {
    String p = Text.clean(prefix, ascii);
    int indent = Text.width(p);
    List<String> parts = Text.wrap(Text.clean(text, ascii), Math.max(8, width - indent));
    for (int i = 0; i < parts.size(); i++) {
      Line line = new Line();
      line.add(i == 0 ? p : " ".repeat(indent), i == 0 ? prefixRole : Role.NORMAL);
      line.add(parts.get(i), role);
      lines.add(line);
    }
    return this;
  }

  /**
   * A table: a header row, then rows; every column but the last is as wide as its widest cell
   * (capped), the last one wraps. {@code roles} gives each row's cell roles (null: NORMAL).
   */
  Lines table(String indent, String[] header, List<String[]> rows, List<Role[]> roles, int[] caps) {
    int n = header.length;
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      w[i] = Text.width(Text.clean(header[i], ascii));
    }
    for (String[] row : rows) {
      for (int i = 0; i < n - 1; i++) {
        w[i] = Math.max(w[i], Math.min(caps[i], Text.width(Text.clean(row[i], ascii))));
      }
    }
    int used = Text.width(indent);
    for (int i = 0; i < n - 1; i++) {
      used += w[i] + 2;
    }
    int last = Math.max(10, width - used);
    lines.add(row(indent, header, w, last, null, true).get(0));
    for (int r = 0; r < rows.size(); r++) {
      lines.addAll(row(indent, rows.get(r), w, last, roles == null ? null : roles.get(r), false));
    }
    return this;
  }

  private List<Line> row(
      String indent, String[] cells, int[] w, int last, Role[] roles, boolean header) {
    int n = cells.length;
    List<String> lastParts =
        header
            ? List.of(Text.clean(cells[n - 1], ascii))
            : Text.wrap(Text.clean(cells[n - 1], ascii), last);
    List<Line> out = new ArrayList<>();
    for (int p = 0; p < lastParts.size(); p++) {
      Line line = new Line();
      line.add(indent, Role.NORMAL);
      for (int i = 0; i < n - 1; i++) {
        String cell = p == 0 ? Text.clean(cells[i], ascii) : "";
        Role role = header ? Role.COLUMN_HEADER : roleOf(roles, i);
        line.add(Text.pad(cell, w[i], ellipsis), role);
        line.add("  ", Role.NORMAL);
      }
      line.add(lastParts.get(p), header ? Role.COLUMN_HEADER : roleOf(roles, n - 1));
      out.add(line);
    }
    return out;
  }

  private static Role roleOf(Role[] roles, int i) {
    return roles == null || i >= roles.length || roles[i] == null ? Role.NORMAL : roles[i];
  }
}
