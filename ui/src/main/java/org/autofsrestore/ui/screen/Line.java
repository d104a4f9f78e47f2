package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One line of a scrollable pane: styled segments drawn left to right. */
final class Line {
  record Seg(String text, Role role) {}

  private final List<Seg> segs = new ArrayList<>(4);

  static Line of(String text, Role role) {
    return new Line().add(text, role);
  }

  static Line blank() {
    return new Line();
  }

  Line add(String text, Role role) {
    segs.add(new Seg(text == null ? "" : text, role));
    return this;
  }

  List<Seg> segs() {
    return Collections.unmodifiableList(segs);
  }

  /** The line's plain text (for tests and searching). */
  String text() {
    StringBuilder b = new StringBuilder();
    for (Seg s : segs) {
      b.append(s.text());
    }
    return b.toString();
  }

  void draw(Canvas c, int col, int row, int columns) {
    int x = col;
    int end = col + columns;
    for (Seg s : segs) {
      if (x >= end) {
        break;
      }
      x = c.put(x, row, s.text(), end - x, s.role());
    }
  }
}
