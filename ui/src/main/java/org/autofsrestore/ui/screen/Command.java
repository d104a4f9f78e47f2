package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.List;

/**
 * What a key asks for, one per line of the help overlay, in the order it lists them. Which key
 * names which command, and what it then does, is in the {@link KeyMap}s.
 */
enum Command {
  MOVE("j k", "move / scroll"),
  PAGE("PgUp PgDn", "page up / down"),
  ENDS("Home End g G", "first / last"),
  OPEN("Enter", "open mount details"),
  STEPPER("r", "open restore stepper"),
  SWITCH("Tab", "details / stepper"),
  BACK("Esc", "back; clear filter"),
  FILTER("/", "filter the list"),
  /** The pages' tabs: one line each in the help, from {@link ScreenApp.Page}. */
  TABS("", ""),
  HOST("h", "list: dump / live host"),
  REREAD("R", "re-read the live host"),
  NEXT("n", "next step (dry: preview)"),
  STAGE("s", "run the current stage"),
  ALL("a", "run all stages"),
  UNDO("u", "undo this mount"),
  LIVE("L", "go LIVE (asks, root)"),
  UNFINISHED("J", "resume or undo a run"),
  ANSWER_FAIL("f", "request: answer FAIL"),
  ANSWER_READY("r", "request: answer READY"),
  REDRAW("Ctrl-L", "redraw the screen"),
  HELP("?", "this help"),
  QUIT("q Ctrl-C", "quit (parks first)");

  private final String keys;
  final String help;

  Command(String keys, String help) {
    this.keys = keys;
    this.help = help;
  }

  /** The keys as the help shows them; the arrows in the glyphs the screen uses. */
  String keys(Glyphs glyphs) {
    return switch (this) {
      case MOVE -> glyphs.upDown + " " + keys;
      case TABS -> String.join(" ", helpLines(glyphs).stream().map(l -> l[0]).toList());
      default -> keys;
    };
  }

  /** The command's lines in the help, {keys, what they do}: one per tab for {@link #TABS}. */
  List<String[]> helpLines(Glyphs glyphs) {
    if (this != TABS) {
      return List.<String[]>of(new String[] {keys(glyphs), help});
    }
    List<String[]> lines = new ArrayList<>();
    for (ScreenApp.Page page : ScreenApp.Page.tabs()) {
      lines.add(new String[] {String.valueOf(page.placement.tabKey()), page.placement.help()});
    }
    return lines;
  }
}
