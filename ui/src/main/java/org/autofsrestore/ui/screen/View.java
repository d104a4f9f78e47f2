package org.autofsrestore.ui.screen;

import java.util.List;
import java.util.function.Consumer;

/** One page of the UI: draws itself in the body area; its key map says what its keys do. */
abstract class View {
  final ViewContext ctx;

  View(ViewContext ctx) {
    this.ctx = ctx;
  }

  /** Draws the page in rows {@code top} to {@code top + rows - 1}, full width. */
  abstract void render(Canvas c, int top, int rows);

  /** The page's own keys (the keys of every page are the screen's). */
  abstract KeyMap keys();

  /** Key hints for the footer. */
  abstract List<Hint> hints();

  /**
   * When the page only scrolled since it was last drawn in the same place: {first row, last row,
   * distance} to scroll on the terminal instead of repainting; else null.
   */
  int[] scrollHint(int top, int rows, int width) {
    return null;
  }

  /** Forgets what was drawn last (the screen shows something else now). */
  void forgetDrawn() {}

  /** Binds n, s, a and u to {@code run}. */
  static void bindSteps(KeyMap keys, Consumer<StepKind> run) {
    for (StepKind kind : StepKind.values()) {
      keys.bind(kind.command, () -> run.accept(kind), kind.key);
    }
  }
}
