package org.autofsrestore.ui.screen;

import java.util.List;
import java.util.Locale;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.RequestState;
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
   * The tabs of the four top pages (the one shown, or the one the open mount came from, marked),
   * then the open mount's two pages or the active filter.
   */
  void drawTabs(
      Canvas c, int row, ScreenApp.Page page, MountListView mountList, FindingsView findings) {
    boolean mountOpen = page == ScreenApp.Page.DETAILS || page == ScreenApp.Page.STEPPER;
    ScreenApp.Page top =
        mountOpen || page == ScreenApp.Page.LIVE_HOST ? ScreenApp.Page.MOUNTS : page;
    int waiting = 0;
    List<KernelRequest> requests = data.requests();
    for (KernelRequest r : requests) {
      if (r.state() == RequestState.WAITING) {
        waiting++;
      }
    }
    String[] labels = {
      " 1 Mounts ",
      " 2 Findings " + data.findings.size() + " ",
      waiting > 0 ? " 3 Requests " + waiting + " waiting " : " 3 Requests ",
      " 4 Log "
    };
    ScreenApp.Page[] pages = {
      ScreenApp.Page.MOUNTS, ScreenApp.Page.FINDINGS, ScreenApp.Page.REQUESTS, ScreenApp.Page.LOG
    };
    int x = 0;
    for (int i = 0; i < labels.length; i++) {
      Role role =
          pages[i] == top
              ? Role.TAB_ACTIVE
              : pages[i] == ScreenApp.Page.REQUESTS && waiting > 0 ? Role.ATTENTION : Role.TAB;
      x = c.put(x, row, labels[i], role);
      x = c.put(x, row, " ", Role.NORMAL);
    }
    if (mountOpen) {
      x = c.put(x, row, c.glyphs.marker + " ", Role.DIM);
      x = c.put(x, row, " Details ", page == ScreenApp.Page.DETAILS ? Role.TAB_ACTIVE : Role.TAB);
      c.put(x + 1, row, " Stepper ", page == ScreenApp.Page.STEPPER ? Role.TAB_ACTIVE : Role.TAB);
    } else if (page == ScreenApp.Page.LIVE_HOST) {
      LiveSnapshot live = data.liveSnapshot();
      int extra = live == null ? 0 : live.extra().size();
      x = c.put(x, row, c.glyphs.marker + " ", Role.DIM);
      x = c.put(x, row, " Live host ", Role.TAB_ACTIVE);
      c.put(
          x + 1,
          row,
          live == null ? "" : extra + " not in the dump",
          extra > 0 ? Role.ATTENTION : Role.DIM);
    } else if (page == ScreenApp.Page.MOUNTS && !mountList.filter().isEmpty()) {
      c.put(
          x + 1,
          row,
          "/" + mountList.filter() + ": " + mountList.matchCount() + " of " + data.rows.size(),
          Role.ATTENTION);
    } else if (page == ScreenApp.Page.FINDINGS && !findings.filter().isEmpty()) {
      c.put(x + 1, row, "/" + findings.filter(), Role.ATTENTION);
    }
  }
}
