package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/** The last lines of the log file. */
final class LogView extends View {
  LogView(ScreenApp app) {
    super(app);
  }

  @Override
  void render(Canvas c, int top, int rows) {
    if (rows <= 0) {
      return;
    }
    c.put(
        0, top, "Log " + app.session.logFile() + " (last lines, refreshed every second)", Role.DIM);
    List<String> lines = app.logTail(Math.max(0, rows - 1));
    if (lines.isEmpty()) {
      c.put(1, top + 1, "(the log is empty or cannot be read)", Role.DIM);
      return;
    }
    int start = Math.max(0, lines.size() - (rows - 1));
    for (int i = start; i < lines.size(); i++) {
      String line = lines.get(i);
      Role role =
          line.contains(" ERROR ")
              ? Role.ERROR
              : line.contains(" WARN ") ? Role.WARNING : Role.NORMAL;
      c.put(0, top + 1 + (i - start), line, role);
    }
  }

  @Override
  boolean onKey(KeyStroke key) {
    if (key.getKeyType() == KeyType.Escape) {
      app.showPage(ScreenApp.Page.MOUNTS);
      return true;
    }
    return false;
  }

  @Override
  List<String[]> hints() {
    return List.of(
        new String[] {"1-4", "views"},
        new String[] {"Esc", "back"},
        new String[] {"?", "help"},
        new String[] {"q", "quit"});
  }
}
