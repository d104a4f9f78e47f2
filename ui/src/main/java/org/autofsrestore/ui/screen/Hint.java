package org.autofsrestore.ui.screen;

import java.util.List;

/**
 * One footer hint: keys and what they do, short, for the commands it stands for (a test checks that
 * the keys it shows are keys the help lists for those commands).
 */
record Hint(String keys, String text, List<Command> commands) {

  static Hint of(String keys, String text, Command... commands) {
    return new Hint(keys, text, List.of(commands));
  }

  /** The tabs' keys, "1-4": the first and the last tab's key. */
  static Hint tabs() {
    return of(ScreenApp.Page.tabKeyRange(), "views", Command.TABS);
  }
}
