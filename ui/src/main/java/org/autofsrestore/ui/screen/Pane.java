package org.autofsrestore.ui.screen;

import java.util.List;

/** A vertically scrolling stack of lines. */
final class Pane {
  private int offset;
  private int window = 1;
  private int size;
  private boolean drawn;
  private int drawnOffset;
  private int drawnTop;
  private int drawnRows;
  private int drawnWidth;

  int offset() {
    return offset;
  }

  void reset() {
    offset = 0;
  }

  /** Scrolls so that lines {@code from}..{@code to} are visible (as much as fits). */
  void reveal(int from, int to) {
    if (to - from + 1 >= window || from < offset) {
      offset = from;
    } else if (to >= offset + window) {
      offset = to - window + 1;
    }
    clamp();
  }

  void move(Movement movement) {
    switch (movement) {
      case UP -> offset--;
      case DOWN -> offset++;
      case PAGE_UP -> offset -= Math.max(1, window - 1);
      case PAGE_DOWN -> offset += Math.max(1, window - 1);
      case FIRST -> offset = 0;
      case LAST -> offset = Integer.MAX_VALUE / 2;
    }
    clamp();
  }

  private void clamp() {
    offset = Math.max(0, Math.min(offset, Math.max(0, size - window)));
  }

  /** See {@link View#scrollHint}. */
  int[] scrollHint(int top, int rows, int width) {
    if (!drawn || drawnTop != top || drawnRows != rows || drawnWidth != width || rows < 3) {
      return null;
    }
    int distance = offset - drawnOffset;
    return distance != 0 && Math.abs(distance) < rows
        ? new int[] {top, top + rows - 1, distance}
        : null;
  }

  void forgetDrawn() {
    drawn = false;
  }

  /** Sets the number of lines and of visible rows. */
  void prepare(int lineCount, int rows) {
    size = lineCount;
    window = Math.max(1, rows);
    clamp();
  }

  /** Draws the lines in the window, and a scroll position at the right when they overflow. */
  void render(Canvas c, List<Line> lines, int top, int rows) {
    prepare(lines.size(), rows);
    drawn = true;
    drawnOffset = offset;
    drawnTop = top;
    drawnRows = rows;
    drawnWidth = c.width;
    for (int i = 0; i < rows && offset + i < lines.size(); i++) {
      lines.get(offset + i).draw(c, 0, top + i, c.width - 1);
    }
    if (lines.size() > rows && rows > 0) {
      String pos = (offset + 1) + "-" + Math.min(lines.size(), offset + rows) + "/" + lines.size();
      int x = Math.max(0, c.width - pos.length() - 1);
      c.put(x, top + rows - 1, " " + pos, Role.DIM);
    }
  }
}
