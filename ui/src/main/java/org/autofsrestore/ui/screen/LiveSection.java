package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.ui.model.LiveMountState;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.LiveValue;

/**
 * The details view's live section: what the live host has at the open mount's target, beside the
 * dump's values, and when it was read.
 */
final class LiveSection {
  private LiveSection() {}

  /** The heading's "read at" part: when, or that a read runs or never came back. */
  static String readNote(LiveSnapshot s, boolean reading) {
    String when = when(s, reading);
    return reading || when.equals("not read yet") ? when : when + " (R re-reads)";
  }

  /** When the host was read ("read 12:04:31"), or that a read runs. */
  static String when(LiveSnapshot s, boolean reading) {
    String when = s == null || s.readAt().isEmpty() ? "" : "read " + s.readAt();
    if (reading) {
      return when.isEmpty() ? "reading /proc" : when + ", reading again";
    }
    return when.isEmpty() ? "not read yet" : when;
  }

  /** Adds the section: nothing when the session has no live host. */
  static void add(
      Lines b,
      Glyphs glyphs,
      String target,
      LiveSnapshot snapshot,
      LiveMountState m,
      boolean reading) {
    String where = m == null ? target : m.mountpoint();
    b.add(
        new Line()
            .add("Live host at ", Role.TITLE)
            .add(where, Role.TITLE)
            .add("  " + readNote(snapshot, reading), Role.DIM));
    if (snapshot == null) {
      b.add(
          Line.of("  (reading /proc: nothing is mounted or opened below a mount point)", Role.DIM));
      return;
    }
    if (!snapshot.error().isEmpty()) {
      b.wrapped("  ", Role.NORMAL, snapshot.error(), Role.ERROR);
      return;
    }
    if (m == null) {
      b.add(Line.of("  (this mount was not looked for)", Role.DIM));
      return;
    }
    if (!m.present()) {
      String instead = m.instead().isEmpty() ? "nothing" : m.instead();
      b.wrapped(
          "  " + glyphs.differs + " missing: ",
          Role.ERROR,
          "no autofs mount at " + m.mountpoint() + "; " + instead + " is mounted there.",
          Role.NORMAL);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    List<Role[]> roles = new ArrayList<>();
    for (LiveValue v : m.values()) {
      rows.add(
          new String[] {
            v.field(), v.dump(), v.live(), v.differs() ? glyphs.differs + " differs" : ""
          });
      Role r = v.differs() ? Role.WARNING : Role.NORMAL;
      roles.add(new Role[] {r, r, r, Role.WARNING});
    }
    b.table(
        "  ",
        new String[] {"FIELD", "DUMP", "LIVE NOW", ""},
        rows,
        roles,
        new int[] {12, 24, 28, 0});
    for (String s : m.sleepers()) {
      b.wrapped("  asleep on it: ", Role.DIM, s, Role.ATTENTION);
    }
    if (!m.unseen().isEmpty()) {
      b.wrapped("  not seen without root: ", Role.DIM, m.unseen(), Role.ATTENTION);
    }
  }
}
