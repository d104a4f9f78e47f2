package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.List;

/**
 * How the rows of a table are drawn, the one place for it: the list pages draw their rows on the
 * canvas with {@link #draw}, the details' tables make pane lines with {@link #lines}. Each cell is
 * cleaned ({@link Text#clean}: a control character from the dump cannot reach the terminal), cut to
 * its column with an ellipsis and aligned; columns stand {@link #gap} apart.
 */
record Table(List<Column> columns, int gap, Highlight highlight) {

  /** A column width meaning "what the line has left" (the last column of a list page). */
  static final int FILL = -1;

  /** Where a cell's text sits in its column. */
  enum Align {
    LEFT,
    RIGHT
  }

  /** Which end of a value too long for its column is kept. */
  enum Clip {
    /** The start, an ellipsis at the end (words, numbers). */
    END,
    /** The end, an ellipsis first (paths: the last components tell mounts apart). */
    START,
    /** Nothing cut: the value is broken into lines ({@link #lines}, last column only). */
    WRAP
  }

  /** What the selected row's highlight covers. */
  enum Highlight {
    /** The whole line. */
    LINE,
    /** The columns only (the rest stays untouched, so moving the selection rewrites less). */
    COLUMNS
  }

  /** One column: its header, its width in terminal columns (or {@link #FILL}), align and clip. */
  record Column(String header, int width, Align align, Clip clip) {

    static Column left(String header) {
      return new Column(header, 0, Align.LEFT, Clip.END);
    }

    static Column right(String header) {
      return new Column(header, 0, Align.RIGHT, Clip.END);
    }

    /** A path: left-aligned, cut at its start. */
    static Column path(String header) {
      return new Column(header, 0, Align.LEFT, Clip.START);
    }

    /** The rest of the line, cut at the end. */
    static Column rest(String header) {
      return new Column(header, FILL, Align.LEFT, Clip.END);
    }

    /** The last column of a pane table: as wide as the pane leaves it, wrapped. */
    static Column wrapped(String header) {
      return new Column(header, FILL, Align.LEFT, Clip.WRAP);
    }

    Column width(int columns) {
      return new Column(header, columns, align, clip);
    }

    /** The clean text cut at {@code clip}'s end and padded to exactly {@code columns}. */
    String fit(String clean, int columns, Clip cut, String ellipsis) {
      String kept = cut == Clip.START ? Text.fitTail(clean, columns, ellipsis) : clean;
      return align == Align.RIGHT
          ? Text.padLeft(kept, columns, ellipsis)
          : Text.pad(kept, columns, ellipsis);
    }
  }

  /** A cell: its text (null draws nothing) and its role. */
  record Cell(String text, Role role) {
    Cell {
      text = text == null ? "" : text;
    }

    static Cell of(String text, Role role) {
      return new Cell(text, role);
    }
  }

  Table {
    columns = List.copyOf(columns);
    if (gap < 0) {
      throw new IllegalArgumentException("gap " + gap);
    }
  }

  /** A list page's table: columns one apart, the selected row highlighted as {@code highlight}. */
  static Table of(Highlight highlight, Column... columns) {
    return new Table(List.of(columns), 1, highlight);
  }

  /** The same columns with these widths (one per column, {@link #FILL} allowed). */
  Table widths(int... widths) {
    if (widths.length != columns.size()) {
      throw new IllegalArgumentException(widths.length + " widths for " + columns.size());
    }
    List<Column> sized = new ArrayList<>(columns.size());
    for (int i = 0; i < widths.length; i++) {
      sized.add(columns.get(i).width(widths[i]));
    }
    return new Table(sized, gap, highlight);
  }

  /** Terminal columns the fixed-width columns and the gaps between all of them take. */
  int fixedWidth() {
    int sum = gap * Math.max(0, columns.size() - 1);
    for (Column col : columns) {
      sum += Math.max(0, col.width());
    }
    return sum;
  }

  /** The header row, in the header role; header names are cut at their end. */
  void drawHeader(Canvas c, int row) {
    Cell[] cells = new Cell[columns.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = Cell.of(columns.get(i).header(), Role.COLUMN_HEADER);
    }
    draw(c, 0, row, cells, true);
  }

  /** One row of cells (one per column); the selected one highlighted, its cells in that role. */
  void draw(Canvas c, int row, boolean selected, Cell... cells) {
    if (selected) {
      int covered = highlight == Highlight.LINE ? c.width : Math.min(c.width, fixedWidth());
      c.fill(0, row, covered, Role.SELECTED);
      Cell[] plain = new Cell[cells.length];
      for (int i = 0; i < cells.length; i++) {
        plain[i] = Cell.of(cells[i].text(), Role.SELECTED);
      }
      cells = plain;
    }
    draw(c, 0, row, cells, false);
  }

  /** One row of cells from column {@code col} on (a table in a box). */
  void drawAt(Canvas c, int col, int row, Cell... cells) {
    draw(c, col, row, cells, false);
  }

  private void draw(Canvas c, int col, int row, Cell[] cells, boolean header) {
    int x = col;
    for (int i = 0; i < columns.size() && i < cells.length; i++) {
      Column column = columns.get(i);
      int w = column.width() == FILL ? Math.max(0, c.width - x) : column.width();
      Clip cut = header ? Clip.END : column.clip();
      String text = column.fit(c.clean(cells[i].text()), w, cut, c.ellipsis());
      c.put(x, row, text, w, cells[i].role());
      x += w + gap;
      if (x >= c.width) {
        break;
      }
    }
  }

  /**
   * A pane table sized to its content: every column as wide as its header or its widest cell, up to
   * its cap; the last one takes what {@code width} leaves (at least 10) and wraps.
   */
  static Table measured(
      String[] header, List<String[]> rows, int[] caps, int width, boolean ascii, int gap) {
    int n = header.length;
    List<Column> cols = new ArrayList<>(n);
    int used = 0;
    for (int i = 0; i < n - 1; i++) {
      int w = Text.width(Text.clean(header[i], ascii));
      for (String[] row : rows) {
        w = Math.max(w, Math.min(caps[i], Text.width(Text.clean(row[i], ascii))));
      }
      cols.add(Column.left(header[i]).width(w));
      used += w + gap;
    }
    cols.add(Column.wrapped(header[n - 1]).width(Math.max(10, width - used)));
    return new Table(cols, gap, Highlight.LINE);
  }

  /** The header as one pane line after {@code indent}; the last header is not padded. */
  Line headerLine(String indent, boolean ascii, String ellipsis) {
    Cell[] cells = new Cell[columns.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = Cell.of(columns.get(i).header(), Role.COLUMN_HEADER);
    }
    return lines(indent, ascii, ellipsis, false, cells).get(0);
  }

  /**
   * One row as pane lines after {@code indent}: the last cell wraps onto further lines (when {@code
   * wrap}), under it; the other cells are padded to their columns.
   */
  List<Line> lines(String indent, boolean ascii, String ellipsis, boolean wrap, Cell... cells) {
    int n = columns.size();
    String last = Text.clean(cells[n - 1].text(), ascii);
    List<String> lastParts = wrap ? Text.wrap(last, columns.get(n - 1).width()) : List.of(last);
    String space = " ".repeat(gap);
    List<Line> out = new ArrayList<>(lastParts.size());
    for (int p = 0; p < lastParts.size(); p++) {
      Line line = new Line().add(indent, Role.NORMAL);
      for (int i = 0; i < n - 1; i++) {
        Column col = columns.get(i);
        String cell = p == 0 ? Text.clean(cells[i].text(), ascii) : "";
        line.add(col.fit(cell, col.width(), col.clip(), ellipsis), cells[i].role());
        line.add(space, Role.NORMAL);
      }
      line.add(lastParts.get(p), cells[n - 1].role());
      out.add(line);
    }
    return out;
  }

  /** One body row as pane lines ({@link #lines} with the last cell wrapped). */
  List<Line> rowLines(String indent, boolean ascii, String ellipsis, Cell... cells) {
    return lines(indent, ascii, ellipsis, true, cells);
  }
}
