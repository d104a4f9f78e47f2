package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Locale;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.Progress;

/**
 * The list of autofs mounts. Only the rows in the window are formatted; column widths are measured
 * once over all rows.
 */
final class MountListView extends View {
  private static final Table COLUMNS =
      Table.of(
          Table.Highlight.COLUMNS,
          Table.Column.path("MOUNTPOINT"),
          Table.Column.left("MODE"),
          Table.Column.right("TMO"),
          Table.Column.right("FD"),
          Table.Column.right("PGRP"),
          Table.Column.left("OWNER"),
          Table.Column.left("CAT"),
          Table.Column.left("PROGRESS"),
          Table.Column.left("FINDING"));

  private final List<MountRow> rows;
  private final ListCursor cursor = new ListCursor();
  private int[] visible;
  private int[] drawnVisible;
  private int drawnListTop;
  private int drawnListRows;
  private int drawnWidth;
  private int drawnFirst;
  private String[] haystack;
  private String filter = "";
  private final int modeWidth;
  private final int timeoutWidth;
  private final int fdWidth;
  private final int pgrpWidth;
  private final int ownerWidth;
  private final int progressWidth;
  private final int mountpointNatural;
  private final int findingNatural;

  private final KeyMap keys;

  MountListView(ViewContext ctx) {
    super(ctx);
    this.rows = ctx.mounts();
    int mode = 4;
    int tmo = 3;
    int fd = 2;
    int pgrp = 4;
    int owner = 5;
    int mp = 10;
    int finding = 7;
    for (MountRow r : rows) {
      mode = Math.max(mode, Labels.mode(r.mode()).length());
      tmo = Math.max(tmo, Long.toString(r.timeout()).length());
      fd = Math.max(fd, Integer.toString(r.fd()).length());
      pgrp = Math.max(pgrp, Integer.toString(r.pgrp()).length());
      owner = Math.max(owner, Math.min(15, Text.width(ctx.clean(r.ownerComm()))));
      mp = Math.max(mp, Math.min(60, Text.width(ctx.clean(r.mountpoint()))));
      if (r.worstFinding() != null && r.worstFinding().isPresent()) {
        finding =
            Math.max(
                finding, Math.min(40, 2 + Text.width(ctx.clean(r.worstFinding().get().code()))));
      }
    }
    int progress = "PROGRESS".length();
    for (Progress p : Progress.values()) {
      progress = Math.max(progress, Text.width(Labels.progress(p, ctx.glyphs())));
    }
    modeWidth = Math.min(mode, 8);
    timeoutWidth = Math.min(tmo, 10);
    fdWidth = Math.min(fd, 6);
    pgrpWidth = Math.min(pgrp, 8);
    ownerWidth = owner;
    progressWidth = progress;
    mountpointNatural = mp;
    findingNatural = finding;
    applyFilter("");
    keys =
        new KeyMap()
            .bindMovements(cursor::move)
            .bind(Command.OPEN, () -> open(ScreenApp.Page.DETAILS), Key.special(KeyType.Enter))
            .bind(Command.STEPPER, () -> open(ScreenApp.Page.STEPPER), Key.typed('r'))
            .bind(Command.SWITCH, () -> open(ScreenApp.Page.STEPPER), Key.special(KeyType.Tab))
            .bind(
                Command.FILTER,
                () -> ctx.openFilterPrompt(filter, this::applyFilter),
                Key.typed('/'))
            .bind(Command.BACK, this::clearFilter, Key.special(KeyType.Escape))
            .bind(Command.HOST, () -> ctx.showPage(ScreenApp.Page.LIVE_HOST), Key.typed('h'));
    bindSteps(
        keys,
        kind ->
            ctx.message(
                "Open a mount first (Enter, or r for its stepper), then n, s, a or u.",
                Role.ATTENTION));
  }

  private void open(ScreenApp.Page page) {
    MountRow r = selectedRow();
    if (r != null) {
      ctx.openMount(r.id(), page);
    }
  }

  private void clearFilter() {
    if (!filter.isEmpty()) {
      applyFilter("");
    }
  }

  String filter() {
    return filter;
  }

  int matchCount() {
    return visible.length;
  }

  /** Narrows the list to rows whose mountpoint, mode, owner or finding contains {@code text}. */
  void applyFilter(String text) {
    String selectedId = selectedRow() == null ? null : selectedRow().id();
    filter = text == null ? "" : text;
    String needle = filter.toLowerCase(Locale.ROOT);
    if (needle.isEmpty()) {
      visible = new int[rows.size()];
      for (int i = 0; i < visible.length; i++) {
        visible[i] = i;
      }
    } else {
      if (haystack == null) {
        haystack = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
          MountRow r = rows.get(i);
          Finding f =
              r.worstFinding() != null && r.worstFinding().isPresent()
                  ? r.worstFinding().get()
                  : null;
          haystack[i] =
              (r.mountpoint()
                      + "\n"
                      + Labels.mode(r.mode())
                      + "\n"
                      + r.ownerComm()
                      + "\n"
                      + (f == null ? "" : f.code()))
                  .toLowerCase(Locale.ROOT);
        }
      }
      int[] hits = new int[rows.size()];
      int n = 0;
      for (int i = 0; i < haystack.length; i++) {
        if (haystack[i].contains(needle)) {
          hits[n++] = i;
        }
      }
      visible = java.util.Arrays.copyOf(hits, n);
    }
    cursor.resize(visible.length);
    int keep = 0;
    if (selectedId != null) {
      for (int i = 0; i < visible.length; i++) {
        if (rows.get(visible[i]).id().equals(selectedId)) {
          keep = i;
          break;
        }
      }
    }
    cursor.select(keep);
  }

  MountRow selectedRow() {
    if (visible == null || visible.length == 0) {
      return null;
    }
    return rows.get(visible[cursor.selected()]);
  }

  @Override
  String tabTitle() {
    return "Mounts";
  }

  @Override
  void drawTabNote(Canvas c, int x, int row) {
    if (!filter.isEmpty()) {
      c.put(x + 1, row, "/" + filter + ": " + matchCount() + " of " + rows.size(), Role.ATTENTION);
    }
  }

  /** The open mount is selected here, so that Esc comes back to it. */
  @Override
  void mountOpened(String mountId) {
    selectId(mountId);
  }

  /** Selects the row with this id (clearing a filter that hides it). */
  void selectId(String id) {
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < visible.length; i++) {
        if (rows.get(visible[i]).id().equals(id)) {
          cursor.select(i);
          return;
        }
      }
      applyFilter("");
    }
  }

  @Override
  void render(Canvas c, int top, int height) {
    if (height <= 0) {
      return;
    }
    Table table = table(c.width);
    table.drawHeader(c, top);
    int listRows = height - 1;
    cursor.window(Math.max(1, listRows));
    if (visible.length == 0) {
      String empty =
          rows.isEmpty()
              ? "No autofs mounts in this dump."
              : "No mount matches the filter '" + filter + "' (Esc clears it).";
      c.put(1, top + 1, empty, Role.DIM);
      drawnVisible = null;
      return;
    }
    int first = cursor.top();
    drawnVisible = visible;
    drawnListTop = top + 1;
    drawnListRows = listRows;
    drawnWidth = c.width;
    drawnFirst = first;
    for (int i = 0; i < listRows && first + i < visible.length; i++) {
      int index = first + i;
      MountRow r = rows.get(visible[index]);
      boolean selected = index == cursor.selected();
      drawRow(c, top + 1 + i, r, table, selected);
    }
  }

  /**
   * Column widths for this terminal width: the mountpoint and finding columns get what is left, up
   * to their widest value; space beyond that stays empty (and unhighlighted, so that moving the
   * selection rewrites as few cells as possible).
   */
  private Table table(int width) {
    int fixed = modeWidth + timeoutWidth + fdWidth + pgrpWidth + ownerWidth + 3 + progressWidth + 8;
    int rest = Math.max(0, width - fixed);
    int mp;
    if (rest >= mountpointNatural + findingNatural) {
      mp = mountpointNatural;
    } else {
      mp = Math.max(12, Math.min(mountpointNatural, rest - Math.min(findingNatural, 12)));
    }
    int finding = Math.max(0, Math.min(findingNatural, rest - mp));
    return COLUMNS.widths(
        mp, modeWidth, timeoutWidth, fdWidth, pgrpWidth, ownerWidth, 3, progressWidth, finding);
  }

  /**
   * When only the window moved since the last frame (same place, size, filter), the rows to scroll
   * and by how much: {first row, last row, distance}; else null. The screen then scrolls the
   * terminal instead of repainting every row.
   */
  @Override
  int[] scrollHint(int top, int height, int width) {
    int listTop = top + 1;
    int listRows = height - 1;
    int[] hint = null;
    if (drawnVisible == visible
        && drawnListTop == listTop
        && drawnListRows == listRows
        && drawnWidth == width
        && listRows > 2) {
      int distance = cursor.top() - drawnFirst;
      if (distance != 0 && Math.abs(distance) < listRows) {
        hint = new int[] {listTop, listTop + listRows - 1, distance};
      }
    }
    return hint;
  }

  /** Forgets what was drawn (after a full redraw or when another page was shown). */
  @Override
  void forgetDrawn() {
    drawnVisible = null;
  }

  private void drawRow(Canvas c, int row, MountRow r, Table table, boolean selected) {
    Progress progress = ctx.progress(r.id());
    Finding f =
        r.worstFinding() != null && r.worstFinding().isPresent() ? r.worstFinding().get() : null;
    table.draw(
        c,
        row,
        selected,
        Table.Cell.of(r.mountpoint(), Role.NORMAL),
        Table.Cell.of(Labels.mode(r.mode()), Role.NORMAL),
        Table.Cell.of(Long.toString(r.timeout()), Role.NORMAL),
        Table.Cell.of(Integer.toString(r.fd()), r.fd() < 0 ? Role.DIM : Role.NORMAL),
        Table.Cell.of(Integer.toString(r.pgrp()), Role.NORMAL),
        Table.Cell.of(
            r.ownerComm() == null || r.ownerComm().isEmpty() ? "-" : r.ownerComm(), Role.NORMAL),
        Table.Cell.of(r.catatonic() ? "yes" : "no", r.catatonic() ? Role.ATTENTION : Role.NORMAL),
        Table.Cell.of(Labels.progress(progress, ctx.glyphs()), Labels.progressRole(progress)),
        f == null
            ? Table.Cell.of("-", Role.DIM)
            : Table.Cell.of(
                Labels.severityLetter(f.severity()) + " " + f.code(),
                Labels.severityRole(f.severity())));
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
        Hint.of("r", "restore", Command.STEPPER),
        Hint.of("/", "filter", Command.FILTER),
        Hint.of("h", "live host", Command.HOST),
        Hint.tabs(),
        Hint.of("?", "help", Command.HELP),
        Hint.of("q", "quit", Command.QUIT));
  }
}
