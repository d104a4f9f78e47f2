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
   * A table ({@link Table#measured}): a header row, then rows; every column but the last is as wide
   * as its widest cell (capped), the last one wraps. {@code roles} gives each row's cell roles
   * (null: NORMAL).
   */
  Lines table(String indent, String[] header, List<String[]> rows, List<Role[]> roles, int[] caps) {
    int gap = 2;
    Table t = Table.measured(header, rows, caps, width - Text.width(indent), ascii, gap);
    lines.add(t.headerLine(indent, ascii, ellipsis));
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      Table.Cell[] cells = new Table.Cell[header.length];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = Table.Cell.of(row[i], roleOf(roles == null ? null : roles.get(r), i));
      }
      lines.addAll(t.rowLines(indent, ascii, ellipsis, cells));
    }
    return this;
  }

  private static Role roleOf(Role[] roles, int i) {
    return roles == null || i >= roles.length || roles[i] == null ? Role.NORMAL : roles[i];
  }
}
