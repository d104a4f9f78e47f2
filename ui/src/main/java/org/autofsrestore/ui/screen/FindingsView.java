package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.autofsrestore.ui.model.Finding;

/**
 * Every finding of the dump and of the live host (marked "live", with when it was read), with the
 * selected one's message and action below the list.
 */
final class FindingsView extends View {
  private List<Finding> all;
  private List<Finding> visible;
  private final ListCursor cursor = new ListCursor();
  private String filter = "";

  private final KeyMap keys;

  FindingsView(ViewContext ctx, List<Finding> findings) {
    super(ctx);
    this.all = findings;
    applyFilter("");
    keys =
        new KeyMap()
            .bindMovements(cursor::move)
            .bind(Command.OPEN, this::openMount, Key.special(KeyType.Enter))
            .bind(
                Command.FILTER,
                () -> ctx.openFilterPrompt(filter, this::applyFilter),
                Key.typed('/'))
            .bind(Command.BACK, this::back, Key.special(KeyType.Escape));
  }

  private void openMount() {
    if (visible.isEmpty()) {
      return;
    }
    Finding f = visible.get(cursor.selected());
    String id = ctx.mountIdOf(f.mountpoint());
    if (id == null) {
      ctx.message("This finding concerns the dump as a whole, not one mount.", Role.ATTENTION);
    } else {
      ctx.openMount(id, ScreenApp.Page.DETAILS);
    }
  }

  private void back() {
    if (!filter.isEmpty()) {
      applyFilter("");
    } else {
      ctx.showPage(ScreenApp.Page.MOUNTS);
    }
  }

  String filter() {
    return filter;
  }

  /**
   * Takes the findings again (the live host was read again), keeping the filter and, when it is
   * still listed, the selected finding.
   */
  void refresh(List<Finding> findings) {
    Finding selected = visible.isEmpty() ? null : visible.get(cursor.selected());
    all = findings;
    applyFilter(filter);
    int at = selected == null ? -1 : visible.indexOf(selected);
    if (at >= 0) {
      cursor.select(at);
    }
  }

  void applyFilter(String text) {
    filter = text == null ? "" : text;
    String needle = filter.toLowerCase(Locale.ROOT);
    if (needle.isEmpty()) {
      visible = all;
    } else {
      visible = new ArrayList<>();
      for (Finding f : all) {
        String hay =
            (f.code()
                    + "\n"
                    + f.mountpoint()
                    + "\n"
                    + f.message()
                    + "\n"
                    + f.severity()
                    + "\n"
                    + f.source())
                .toLowerCase(Locale.ROOT);
        if (hay.contains(needle)) {
          visible.add(f);
        }
      }
    }
    cursor.resize(visible.size());
  }

  @Override
  void render(Canvas c, int top, int rows) {
    if (rows <= 0) {
      return;
    }
    int detailRows = rows >= 16 ? 7 : rows >= 12 ? 5 : rows >= 8 ? 3 : 0;
    int listRows = rows - 1 - detailRows;
    int sevW = 8;
    int fromW = 4;
    int codeW = 24;
    int mpW = Math.max(12, Math.min(32, (c.width - sevW - fromW - codeW) / 3));
    int x = 0;
    c.putPadded(x, top, "SEVERITY", sevW, Role.COLUMN_HEADER);
    c.putPadded(x += sevW + 1, top, "FROM", fromW, Role.COLUMN_HEADER);
    c.putPadded(x += fromW + 1, top, "CODE", codeW, Role.COLUMN_HEADER);
    c.putPadded(x += codeW + 1, top, "MOUNT", mpW, Role.COLUMN_HEADER);
    c.putPadded(x += mpW + 1, top, "MESSAGE", Math.max(0, c.width - x), Role.COLUMN_HEADER);
    cursor.window(Math.max(1, listRows));
    if (visible.isEmpty()) {
      c.put(
          1,
          top + 1,
          all.isEmpty()
              ? "No findings: nothing known to stop a restore."
              : "No finding matches '" + filter + "'.",
          Role.DIM);
      return;
    }
    for (int i = 0; i < listRows && cursor.top() + i < visible.size(); i++) {
      int index = cursor.top() + i;
      Finding f = visible.get(index);
      boolean sel = index == cursor.selected();
      int row = top + 1 + i;
      if (sel) {
        c.fill(0, row, c.width, Role.SELECTED);
      }
      x = 0;
      c.putPadded(
          x,
          row,
          Labels.severity(f.severity()),
          sevW,
          sel ? Role.SELECTED : Labels.severityRole(f.severity()));
      c.putPadded(
          x += sevW + 1,
          row,
          Labels.source(f.source()),
          fromW,
          sel ? Role.SELECTED : f.fromLive() ? Role.ATTENTION : Role.DIM);
      c.putPadded(x += fromW + 1, row, f.code(), codeW, sel ? Role.SELECTED : Role.NORMAL);
      String mp =
          f.mountpoint() == null || f.mountpoint().isEmpty()
              ? f.fromLive() ? "(live host)" : "(dump)"
              : f.mountpoint();
      c.putPadded(
          x += codeW + 1,
          row,
          Text.pad(Text.fitTail(c.clean(mp), mpW, c.ellipsis()), mpW, c.ellipsis()),
          mpW,
          sel ? Role.SELECTED : Role.NORMAL);
      c.putPadded(
          x += mpW + 1,
          row,
          f.message(),
          Math.max(0, c.width - x),
          sel ? Role.SELECTED : Role.NORMAL);
    }
    if (detailRows > 0) {
      Finding f = visible.get(cursor.selected());
      int dtop = top + rows - detailRows;
      c.hline(0, dtop, c.width, Role.DIM);
      Lines b = new Lines(c.width, ctx.ascii(), ctx.glyphs().ellipsis);
      b.wrapped(
          Labels.severity(f.severity()) + " " + f.code() + ": ",
          Labels.severityRole(f.severity()),
          f.fromLive() ? f.message() + " (live host, " + liveNote() + ")" : f.message(),
          Role.NORMAL);
      b.wrapped(ctx.glyphs().arrow + " ", Role.KEY, f.action(), Role.NORMAL);
      for (int i = 0; i < detailRows - 1 && i < b.lines.size(); i++) {
        b.lines.get(i).draw(c, 0, dtop + 1 + i, c.width);
      }
    }
  }

  private String liveNote() {
    return LiveSection.when(ctx.liveSnapshot(), ctx.liveReading());
  }

  @Override
  KeyMap keys() {
    return keys;
  }

  @Override
  List<Hint> hints() {
    return List.of(
        Hint.of(ctx.glyphs().upDown, "move", Command.MOVE),
        Hint.of("Enter", "mount", Command.OPEN),
        Hint.of("/", "filter", Command.FILTER),
        Hint.of("Esc", "back", Command.BACK),
        Hint.of("?", "help", Command.HELP),
        Hint.of("q", "quit", Command.QUIT));
  }
}
