package org.autofsrestore.ui.screen;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autofsrestore.ui.model.SessionInfo;

/** The three top rows: the banner (DRY RUN or LIVE), the dump's summary, and the page tabs. */
final class Header {
  private final ScreenData data;
  private final SessionInfo session;

  Header(ScreenData data, SessionInfo session) {
    this.data = data;
    this.session = session;
  }

  void drawBanner(Canvas c) {
    boolean live = data.live();
    int x =
        c.put(0, 0, live ? " LIVE " : " DRY RUN ", live ? Role.BANNER_LIVE : Role.BANNER_DRY_RUN);
    if (session.sandbox()) {
      x = c.put(x + 1, 0, " SANDBOX ", Role.BANNER_SANDBOX);
    }
    x = c.put(x, 0, "  autofs-restore", Role.TITLE);
    x = c.put(x, 0, "  dump ", Role.DIM);
    String dir = c.clean(session.dumpDirectory());
    String container = session.container() == null ? "" : c.clean(session.container());
    int room = Math.max(0, c.width - x);
    if (container.isEmpty()) {
      c.put(x, 0, Text.fitTail(dir, room, c.ellipsis()), Role.NORMAL);
      return;
    }
    // The container after the path; the path gives way first, down to its last 16 columns.
    String line = "  " + container;
    int dirRoom = Math.max(Math.min(room, 16), room - Text.width(line));
    x = c.put(x, 0, Text.fitTail(dir, dirRoom, c.ellipsis()), Role.NORMAL);
    c.put(x, 0, line, Role.DIM);
  }

  void drawSummary(Canvas c, int row) {
    int mounts = data.rows.size();
    int x = c.put(0, row, mounts + (mounts == 1 ? " autofs mount" : " autofs mounts"), Role.NORMAL);
    x = c.put(x, row, "  " + c.glyphs.dot + "  ", Role.DIM);
    x = count(c, x, row, data.errors, data.errors == 1 ? " error" : " errors", Role.ERROR);
    x = c.put(x, row, ", ", Role.DIM);
    x =
        count(
            c, x, row, data.warnings, data.warnings == 1 ? " warning" : " warnings", Role.WARNING);
    x = c.put(x, row, ", ", Role.DIM);
    x = count(c, x, row, data.infos, " info", Role.INFO);
    x = c.put(x, row, "  " + c.glyphs.dot + "  owner ", Role.DIM);
    x =
        c.put(
            x,
            row,
            session.ownerMode() == null ? "-" : session.ownerMode().name().toLowerCase(Locale.ROOT),
            Role.NORMAL);
    if (session.restoreRoot() != null && !session.restoreRoot().isEmpty()) {
      x = c.put(x, row, "  root ", Role.DIM);
      c.put(x, row, session.restoreRoot(), Role.NORMAL);
    }
  }

  private static int count(Canvas c, int x, int row, int n, String what, Role role) {
    return c.put(x, row, n + what, n > 0 ? role : Role.DIM);
  }

  /**
   * The tabs of the pages that have one (the one shown, or the first while a page without a tab
   * shows, marked), then the open mount's pages, then what the page shown adds (its filter...).
   */
  void drawTabs(Canvas c, int row, ScreenApp.Page page, Map<ScreenApp.Page, View> views) {
    List<ScreenApp.Page> tabs = ScreenApp.Page.tabs();
    ScreenApp.Page top = page.placement.hasTab() ? page : tabs.get(0);
    int x = 0;
    for (ScreenApp.Page tab : tabs) {
      View v = views.get(tab);
      Role role = tab == top ? Role.TAB_ACTIVE : v.tabAttention() ? Role.ATTENTION : Role.TAB;
      x = c.put(x, row, " " + tab.placement.tabKey() + " " + v.tabTitle() + " ", role);
      x = c.put(x, row, " ", Role.NORMAL);
    }
    if (page.placement.showsMount()) {
      x = c.put(x, row, c.glyphs.marker + " ", Role.DIM);
      boolean first = true;
      for (ScreenApp.Page p : ScreenApp.Page.values()) {
        if (p.placement.showsMount()) {
          Role role = p == page ? Role.TAB_ACTIVE : Role.TAB;
          x = c.put(first ? x : x + 1, row, " " + views.get(p).tabTitle() + " ", role);
          first = false;
        }
      }
    }
    views.get(page).drawTabNote(c, x, row);
  }
}
