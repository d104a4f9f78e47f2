package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.List;

/** Every key, in a box over the page, and where the log goes. */
final class HelpOverlay {
  /** A key and what it does: the key's column holds the gap to the description. */
  private static final Table LINES =
      new Table(
          List.of(Table.Column.left("KEY").width(13), Table.Column.left("DOES").width(24)),
          0,
          Table.Highlight.LINE);

  private final Glyphs glyphs;
  private final String logFile;

  HelpOverlay(Glyphs glyphs, String logFile) {
    this.glyphs = glyphs;
    this.logFile = logFile;
  }

  /** Key and what it does, in the order shown: the lines of each {@link Command} in turn. */
  List<String[]> entries() {
    List<String[]> e = new ArrayList<>();
    for (Command command : Command.values()) {
      e.addAll(command.helpLines(glyphs));
    }
    return e;
  }

  void render(Canvas c, int top, int rows) {
    List<String[]> e = entries();
    int colW = LINES.fixedWidth();
    int columns = c.width >= 2 * colW + 6 ? 2 : 1;
    if (columns == 2 && rows >= e.size() + 6 && c.width < 100) {
      columns = 1;
    }
    int perColumn = (e.size() + columns - 1) / columns;
    int w = Math.min(c.width, columns * colW + (columns - 1) * 2 + 4);
    int h = Math.min(rows, perColumn + 6);
    int x = Math.max(0, (c.width - w) / 2);
    int y = top;
    c.box(x, y, w, h, "Keys", Role.DIALOG, Role.DIALOG_TITLE);
    for (int i = 0; i < e.size(); i++) {
      int col = i / perColumn;
      int row = i % perColumn;
      if (row + 1 >= h - 1) {
        continue;
      }
      int cx = x + 2 + col * (colW + 2);
      LINES.drawAt(
          c,
          cx,
          y + 1 + row,
          Table.Cell.of(e.get(i)[0], Role.DIALOG_TITLE),
          Table.Cell.of(e.get(i)[1], Role.DIALOG));
    }
    int infoRow = y + 1 + perColumn + 1;
    if (infoRow < y + h - 1) {
      c.put(x + 2, infoRow, "Log file: " + logFile, w - 4, Role.DIALOG);
    }
    if (infoRow + 1 < y + h - 1) {
      c.put(x + 2, infoRow + 1, "Any key closes this help.", w - 4, Role.DIALOG);
    }
  }
}
