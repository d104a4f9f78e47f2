package org.autofsrestore.ui.screen;

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
  MOUNTS("1", "mounts"),
  FINDINGS("2", "findings"),
  REQUESTS("3", "requests (hold)"),
  LOG("4", "log"),
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
    return this == MOVE ? glyphs.upDown + " " + keys : keys;
  }
}
