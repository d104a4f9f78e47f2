package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;

/** One page of the UI: draws itself in the body area and handles its keys. */
abstract class View {
  final ScreenApp app;

  View(ScreenApp app) {
    this.app = app;
  }

  /** Draws the page in rows {@code top} to {@code top + rows - 1}, full width. */
  abstract void render(Canvas c, int top, int rows);

  /** Handles a key; returns false when the key means nothing here. */
  abstract boolean onKey(KeyStroke key);

  /** Key hints for the footer: pairs of key and what it does. */
  abstract List<String[]> hints();

  /**
   * When the page only scrolled since it was last drawn in the same place: {first row, last row,
   * distance} to scroll on the terminal instead of repainting; else null.
   */
  int[] scrollHint(int top, int rows, int width) {
    return null;
  }

  /** Forgets what was drawn last (the screen shows something else now). */
  void forgetDrawn() {}
}
