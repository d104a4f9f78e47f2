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

  /** The name on the page's tab (a page with a tab, or a page of the open mount). */
  String tabTitle() {
    return "";
  }

  /** Whether the page's tab asks for attention (a request waits for an answer). */
  boolean tabAttention() {
    return false;
  }

  /** Draws what follows the tabs in the tabs' row while this page shows, from column {@code x}. */
  void drawTabNote(Canvas c, int x, int row) {}

  /** A mount was opened (from any page): {@code mountId} is now the open mount. */
  void mountOpened(String mountId) {}

  /** A page of the open mount is about to show {@code mountId}. */
  void showMount(String mountId) {}

  /** A step action was started on the open mount. */
  void stepStarted() {}

  /** A new read of the live host came back. */
  void liveRead() {}

  /** How often the page redraws by itself, in nanoseconds; 0: only when something changed. */
  long redrawEveryNanos() {
    return 0;
  }

  /** Binds n, s, a and u to {@code run}. */
  static void bindSteps(KeyMap keys, Consumer<StepKind> run) {
    for (StepKind kind : StepKind.values()) {
      keys.bind(kind.command, () -> run.accept(kind), kind.key);
    }
  }
}
