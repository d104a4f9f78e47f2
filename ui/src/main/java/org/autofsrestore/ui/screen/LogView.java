package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The last lines of the log file. */
final class LogView extends View {
  private final KeyMap keys;

  LogView(ViewContext ctx) {
    super(ctx);
    keys =
        new KeyMap()
            .bind(
                Command.BACK,
                () -> ctx.showPage(ScreenApp.Page.MOUNTS),
                Key.special(KeyType.Escape));
  }

  @Override
  String tabTitle() {
    return "Log";
  }

  /** The log grows without telling anyone: it is read again every second while it shows. */
  @Override
  long redrawEveryNanos() {
    return TimeUnit.SECONDS.toNanos(1);
  }

  @Override
  void render(Canvas c, int top, int rows) {
    if (rows <= 0) {
      return;
    }
    c.put(
        0,
        top,
        "Log " + ctx.session().logFile() + " (last lines, refreshed every second)",
        Role.DIM);
    List<String> lines = ctx.logTail(Math.max(0, rows - 1));
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
  KeyMap keys() {
    return keys;
  }

  @Override
  List<Hint> hints() {
    return List.of(
        Hint.tabs(),
        Hint.of("Esc", "back", Command.BACK),
        Hint.of("?", "help", Command.HELP),
        Hint.of("q", "quit", Command.QUIT));
  }
}
