package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * Drawing on the screen's back buffer: clipped to the screen, every string cleaned (see {@link
 * Text#clean}) and styled by role.
 */
final class Canvas {
  final int width;
  final int height;
  final Glyphs glyphs;
  private final TextGraphics graphics;
  private final Theme theme;
  final boolean ascii;

  Canvas(TextGraphics graphics, int width, int height, Theme theme, Glyphs glyphs, boolean ascii) {
    this.graphics = graphics;
    this.width = width;
    this.height = height;
    this.theme = theme;
    this.glyphs = glyphs;
    this.ascii = ascii;
  }

  /** Blank, default-colored cells everywhere. */
  void clear() {
    graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
    graphics.setBackgroundColor(TextColor.ANSI.DEFAULT);
    graphics.clearModifiers();
    graphics.fill(' ');
  }

  String clean(String s) {
    return Text.clean(s, ascii);
  }

  private void apply(Role role) {
    Style style = theme.style(role);
    graphics.setForegroundColor(style.foreground);
    graphics.setBackgroundColor(style.background);
    graphics.clearModifiers();
    if (style.hasModifiers()) {
      graphics.setModifiers(style.modifiers());
    }
  }

  /** Spaces in the role's style. */
  void fill(int col, int row, int columns, Role role) {
    if (row < 0 || row >= height || columns <= 0 || col >= width) {
      return;
    }
    int from = Math.max(0, col);
    int to = Math.min(width, col + columns);
    if (to <= from) {
      return;
    }
    apply(role);
    graphics.putString(from, row, " ".repeat(to - from));
  }

  /** Draws {@code text} (cleaned, cut at the right edge); returns the column after it. */
  int put(int col, int row, String text, Role role) {
    return put(col, row, text, width - col, role);
  }

  /**
   * Draws {@code text} (cleaned, cut with an ellipsis to {@code maxColumns} and at the right edge);
   * returns the column after it.
   */
  int put(int col, int row, String text, int maxColumns, Role role) {
    if (row < 0 || row >= height || col >= width || maxColumns <= 0) {
      return col;
    }
    String s = Text.fit(clean(text), Math.min(maxColumns, width - Math.max(col, 0)), ellipsis());
    if (col < 0) {
      s = Text.takeLast(s, Math.max(0, Text.width(s) + col));
      col = 0;
    }
    if (s.isEmpty()) {
      return col;
    }
    apply(role);
    graphics.putString(col, row, s);
    return col + Text.width(s);
  }

  /** Draws {@code text} in exactly {@code columns} (cut or space-padded). */
  void putPadded(int col, int row, String text, int columns, Role role) {
    put(col, row, Text.pad(clean(text), columns, ellipsis()), columns, role);
  }

  String ellipsis() {
    return glyphs.ellipsis;
  }

  /** A horizontal line. */
  void hline(int col, int row, int columns, Role role) {
    if (columns > 0) {
      put(col, row, String.valueOf(glyphs.horizontal).repeat(columns), columns, role);
    }
  }

  /** A framed box filled with the role's background, with a title in the top border. */
  void box(int col, int row, int w, int h, String title, Role role, Role titleRole) {
    if (w < 2 || h < 2) {
      return;
    }
    for (int r = row; r < row + h; r++) {
      fill(col, r, w, role);
    }
    String horizontal = String.valueOf(glyphs.horizontal).repeat(w - 2);
    put(col, row, glyphs.topLeft + horizontal + glyphs.topRight, w, role);
    put(col, row + h - 1, glyphs.bottomLeft + horizontal + glyphs.bottomRight, w, role);
    for (int r = row + 1; r < row + h - 1; r++) {
      put(col, r, String.valueOf(glyphs.vertical), 1, role);
      put(col + w - 1, r, String.valueOf(glyphs.vertical), 1, role);
    }
    if (title != null && !title.isEmpty() && w > 6) {
      put(col + 2, row, " " + title + " ", w - 4, titleRole);
    }
  }
}
