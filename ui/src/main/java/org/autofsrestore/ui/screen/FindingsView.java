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
  private static final Table COLUMNS =
      Table.of(
          Table.Highlight.LINE,
          Table.Column.left("SEVERITY"),
          Table.Column.left("FROM"),
          Table.Column.left("CODE"),
          Table.Column.path("MOUNT"),
          Table.Column.rest("MESSAGE"));

  private List<Finding> all;
  private List<Finding> visible;
  private final ListCursor cursor = new ListCursor();
  private String filter = "";

  private final KeyMap keys;

  FindingsView(ViewContext ctx) {
    super(ctx);
    this.all = ctx.findings();
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

  @Override
  String tabTitle() {
    return "Findings " + ctx.findings().size();
  }

  @Override
  void drawTabNote(Canvas c, int x, int row) {
    if (!filter.isEmpty()) {
      c.put(x + 1, row, "/" + filter, Role.ATTENTION);
    }
  }

  /**
   * Takes the findings again (the live host was read again), keeping the filter and, when it is
   * still listed, the selected finding.
   */
  @Override
  void liveRead() {
    Finding selected = visible.isEmpty() ? null : visible.get(cursor.selected());
    all = ctx.findings();
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
    int mpW = Math.max(12, Math.min(32, (c.width - 8 - 4 - 24) / 3));
    Table table = COLUMNS.widths(8, 4, 24, mpW, Table.FILL);
    table.drawHeader(c, top);
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
      String mp =
          f.mountpoint() == null || f.mountpoint().isEmpty()
              ? f.fromLive() ? "(live host)" : "(dump)"
              : f.mountpoint();
      table.draw(
          c,
          top + 1 + i,
          index == cursor.selected(),
          Table.Cell.of(Labels.severity(f.severity()), Labels.severityRole(f.severity())),
          Table.Cell.of(Labels.source(f.source()), f.fromLive() ? Role.ATTENTION : Role.DIM),
          Table.Cell.of(f.code(), Role.NORMAL),
          Table.Cell.of(mp, Role.NORMAL),
          Table.Cell.of(f.message(), Role.NORMAL));
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
