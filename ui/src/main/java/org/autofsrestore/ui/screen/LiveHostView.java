package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.LiveMountState;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.Severity;

/**
 * The mount list turned to the live host: every autofs mount the live mount namespace has at or
 * below the root (those the dump lacks marked "extra"), then the dump's mounts missing there, with
 * the selected one's worst finding below the list.
 */
final class LiveHostView extends View {
  private static final Table COLUMNS =
      Table.of(
          Table.Highlight.LINE,
          Table.Column.path("LIVE MOUNTPOINT"),
          Table.Column.left("DUMP"),
          Table.Column.left("MODE"),
          Table.Column.left("DEV"),
          Table.Column.left("CAT"),
          Table.Column.left("OWNER"),
          Table.Column.left("FINDING"));

  private final List<MountRow> dumpRows;
  private final ListCursor cursor = new ListCursor();
  private List<LiveMountState> rows = List.of();
  private int rowsVersion = -1;
  private final KeyMap keys;

  LiveHostView(ViewContext ctx) {
    super(ctx);
    this.dumpRows = ctx.mounts();
    keys =
        new KeyMap()
            .bindMovements(cursor::move)
            .bind(Command.OPEN, this::openMount, Key.special(KeyType.Enter))
            .bind(Command.HOST, () -> ctx.showPage(ScreenApp.Page.MOUNTS), Key.typed('h'))
            .bind(
                Command.BACK,
                () -> ctx.showPage(ScreenApp.Page.MOUNTS),
                Key.special(KeyType.Escape));
  }

  /** The rows for the latest read: the host's mounts, then the dump's missing ones. */
  List<LiveMountState> rows() {
    if (rowsVersion != ctx.liveVersion()) {
      rowsVersion = ctx.liveVersion();
      LiveSnapshot s = ctx.liveSnapshot();
      List<LiveMountState> out = new ArrayList<>();
      if (s != null) {
        out.addAll(s.host());
        for (MountRow r : dumpRows) {
          s.of(r.id()).filter(m -> !m.present()).ifPresent(out::add);
        }
      }
      rows = out;
      cursor.resize(rows.size());
    }
    return rows;
  }

  private void openMount() {
    List<LiveMountState> list = rows();
    if (list.isEmpty()) {
      return;
    }
    LiveMountState m = list.get(cursor.selected());
    if (m.extra()) {
      ctx.message(
          "The dump has no mount at " + m.mountpoint() + ": its findings are on the findings page.",
          Role.ATTENTION);
    } else {
      ctx.openMount(m.dumpMountId(), ScreenApp.Page.DETAILS);
    }
  }

  @Override
  void render(Canvas c, int top, int height) {
    if (height <= 0) {
      return;
    }
    List<LiveMountState> list = rows();
    LiveSnapshot s = ctx.liveSnapshot();
    int detailRows = height >= 16 ? 5 : height >= 10 ? 3 : 0;
    int listRows = height - 1 - detailRows;
    Table table = table(c.width, list);
    table.drawHeader(c, top);
    cursor.window(Math.max(1, listRows));
    if (list.isEmpty()) {
      String empty =
          !ctx.hasLiveHost()
              ? "This session shows no live host."
              : s == null
                  ? "Reading /proc " + ctx.glyphs().ellipsis
                  : !s.error().isEmpty()
                      ? s.error()
                      : "No autofs mount at or below " + s.root() + " on the live host.";
      c.put(1, top + 1, empty, Math.max(0, c.width - 1), Role.DIM);
      return;
    }
    for (int i = 0; i < listRows && cursor.top() + i < list.size(); i++) {
      int index = cursor.top() + i;
      drawRow(c, top + 1 + i, list.get(index), table, index == cursor.selected());
    }
    if (detailRows > 0) {
      LiveMountState m = list.get(cursor.selected());
      int dtop = top + height - detailRows;
      c.hline(0, dtop, c.width, Role.DIM);
      Lines b = new Lines(c.width, ctx.ascii(), ctx.glyphs().ellipsis);
      Finding f = worst(m);
      String read = " (live host, " + LiveSection.when(s, ctx.liveReading()) + ")";
      if (f == null) {
        b.wrapped(m.mountpoint() + ": ", Role.TITLE, "no finding" + read, Role.GOOD);
      } else {
        b.wrapped(
            Labels.severity(f.severity()) + " " + f.code() + ": ",
            Labels.severityRole(f.severity()),
            f.message() + read,
            Role.NORMAL);
        b.wrapped(ctx.glyphs().arrow + " ", Role.KEY, f.action(), Role.NORMAL);
      }
      for (int i = 0; i < detailRows - 1 && i < b.lines.size(); i++) {
        b.lines.get(i).draw(c, 0, dtop + 1 + i, c.width);
      }
    }
  }

  private static Finding worst(LiveMountState m) {
    Finding worst = null;
    for (Finding f : m.findings()) {
      if (worst == null || rank(f) < rank(worst)) {
        worst = f;
      }
    }
    return worst;
  }

  private static int rank(Finding f) {
    return f.severity() == null ? Severity.values().length : f.severity().ordinal();
  }

  /** Mountpoint and finding share what the fixed columns leave; the mountpoint comes first. */
  private static Table table(int width, List<LiveMountState> list) {
    int rest = Math.max(0, width - COLUMNS.widths(0, 7, 8, 5, 3, 15, 0).fixedWidth());
    int natural = COLUMNS.columns().get(0).header().length();
    for (LiveMountState m : list) {
      natural = Math.max(natural, Text.width(m.mountpoint()));
    }
    int mp = Math.min(natural, Math.max(12, rest - 14));
    return COLUMNS.widths(mp, 7, 8, 5, 3, 15, Math.max(0, rest - mp));
  }

  /** The owner in a few columns: "automount[412]", or "pgrp 412 gone". */
  private static String owner(LiveMountState m) {
    String o = m.owner();
    int paren = o.indexOf(" (pgrp ");
    if (m.ownerAlive() && paren > 0) {
      return o.substring(0, paren);
    }
    return o.startsWith("process group ")
        ? "pgrp " + o.substring(14).replace(" (no process left)", " gone")
        : o;
  }

  private void drawRow(Canvas c, int row, LiveMountState m, Table table, boolean selected) {
    Finding f = worst(m);
    String dump = m.extra() ? "extra" : m.present() ? "yes" : "missing";
    table.draw(
        c,
        row,
        selected,
        Table.Cell.of(m.mountpoint(), Role.NORMAL),
        Table.Cell.of(dump, m.extra() || !m.present() ? Role.ATTENTION : Role.GOOD),
        Table.Cell.of(m.mode(), Role.NORMAL),
        Table.Cell.of(m.device(), Role.NORMAL),
        Table.Cell.of(
            !m.present() ? "-" : m.catatonic() ? "yes" : "no",
            m.catatonic() ? Role.ATTENTION : Role.NORMAL),
        Table.Cell.of(
            owner(m), m.present() && !m.ownerAlive() && !m.catatonic() ? Role.ERROR : Role.NORMAL),
        f == null
            ? Table.Cell.of("-", Role.DIM)
            : Table.Cell.of(
                Labels.severityLetter(f.severity()) + " " + f.code(),
                Labels.severityRole(f.severity())));
  }

  @Override
  String tabTitle() {
    return "Live host";
  }

  /** The marker, this page's name, and how many live mounts the dump lacks. */
  @Override
  void drawTabNote(Canvas c, int x, int row) {
    LiveSnapshot live = ctx.liveSnapshot();
    int extra = live == null ? 0 : live.extra().size();
    x = c.put(x, row, c.glyphs.marker + " ", Role.DIM);
    x = c.put(x, row, " " + tabTitle() + " ", Role.TAB_ACTIVE);
    c.put(
        x + 1,
        row,
        live == null ? "" : extra + " not in the dump",
        extra > 0 ? Role.ATTENTION : Role.DIM);
  }

  @Override
  KeyMap keys() {
    return keys;
  }

  @Override
  List<Hint> hints() {
    return List.of(
        Hint.of(ctx.glyphs().upDown, "move", Command.MOVE),
        Hint.of("Enter", "details", Command.OPEN),
        Hint.of("h", "dump mounts", Command.HOST),
        Hint.of("R", "re-read", Command.REREAD),
        Hint.of("Esc", "back", Command.BACK),
        Hint.of("?", "help", Command.HELP),
        Hint.of("q", "quit", Command.QUIT));
  }
}
