package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.List;

/** Every key, in a box over the page, and where the log goes. */
final class HelpOverlay {
  private final ScreenApp app;

  HelpOverlay(ScreenApp app) {
    this.app = app;
  }

  /** Key and what it does, in the order shown. */
  List<String[]> entries() {
    List<String[]> e = new ArrayList<>();
    e.add(new String[] {app.glyphs.upDown + " j k", "move / scroll"});
    e.add(new String[] {"PgUp PgDn", "page up / down"});
    e.add(new String[] {"Home End g G", "first / last"});
    e.add(new String[] {"Enter", "open mount details"});
    e.add(new String[] {"r", "open restore stepper"});
    e.add(new String[] {"Tab", "details / stepper"});
    e.add(new String[] {"Esc", "back; clear filter"});
    e.add(new String[] {"/", "filter the list"});
    e.add(new String[] {"1", "mounts"});
    e.add(new String[] {"2", "findings"});
    e.add(new String[] {"3", "requests (hold)"});
    e.add(new String[] {"4", "log"});
    e.add(new String[] {"n", "next step (dry: preview)"});
    e.add(new String[] {"s", "run the current stage"});
    e.add(new String[] {"a", "run all stages"});
    e.add(new String[] {"u", "undo this mount"});
    e.add(new String[] {"L", "go LIVE (asks, root)"});
    e.add(new String[] {"f", "request: answer FAIL"});
    e.add(new String[] {"r", "request: answer READY"});
    e.add(new String[] {"Ctrl-L", "redraw the screen"});
    e.add(new String[] {"?", "this help"});
    e.add(new String[] {"q Ctrl-C", "quit (parks first)"});
    return e;
  }

  void render(Canvas c, int top, int rows) {
    List<String[]> e = entries();
    int keyW = 13;
    int descW = 24;
    int colW = keyW + descW;
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
      c.putPadded(cx, y + 1 + row, e.get(i)[0], keyW, Role.DIALOG_TITLE);
      c.putPadded(cx + keyW, y + 1 + row, e.get(i)[1], descW, Role.DIALOG);
    }
    int infoRow = y + 1 + perColumn + 1;
    if (infoRow < y + h - 1) {
      c.put(x + 2, infoRow, "Log file: " + app.session.logFile(), w - 4, Role.DIALOG);
    }
    if (infoRow + 1 < y + h - 1) {
      c.put(x + 2, infoRow + 1, "Any key closes this help.", w - 4, Role.DIALOG);
    }
  }
}
