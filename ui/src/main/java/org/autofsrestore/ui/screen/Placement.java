package org.autofsrestore.ui.screen;

/**
 * Where a page sits among the others: on its own tab (a key on every page, a line in the help),
 * below the first tab (reached with a key of another page), or as a page of the open mount (Tab
 * switches between those).
 */
record Placement(char tabKey, String help, boolean showsMount) {

  /** A tab of its own, shown with {@code key}; {@code help} is its line in the help. */
  static Placement tab(char key, String help) {
    return new Placement(key, help, false);
  }

  /** No tab: reached from another page, the first tab marked while it shows. */
  static Placement belowFirstTab() {
    return new Placement((char) 0, "", false);
  }

  /** A page of the open mount (shown once a mount was opened). */
  static Placement mountPage() {
    return new Placement((char) 0, "", true);
  }

  boolean hasTab() {
    return tabKey != 0;
  }
}
