package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;

/**
 * A question in a box over the page, answered by one of its choices' keys: a yes/no question (only
 * {@code y} says yes), or a pick among a few actions. Esc always takes the choice marked for it.
 */
final class Dialog {
  /**
   * One answer.
   *
   * @param key its key (the upper case works too)
   * @param label what it does, in a word or two
   * @param onEscape Esc takes it too
   */
  record Choice(char key, String label, Runnable action, boolean onEscape) {}

  final String title;
  final List<String> paragraphs;
  final List<Choice> choices;

  Dialog(String title, List<String> paragraphs, Runnable onYes, Runnable onNo) {
    this(
        title,
        paragraphs,
        List.of(new Choice('y', "yes", onYes, false), new Choice('n', "no", onNo, true)));
  }

  Dialog(String title, List<String> paragraphs, List<Choice> choices) {
    this.title = title;
    this.paragraphs = List.copyOf(paragraphs);
    this.choices = List.copyOf(choices);
  }

  /** Its choices as the footer lists them: each key (and Esc where it takes it), and its label. */
  List<Hint> hints() {
    List<Hint> hints = new ArrayList<>();
    for (Choice c : choices) {
      hints.add(new Hint(c.key() + (c.onEscape() ? "/Esc" : ""), c.label(), List.of()));
    }
    return hints;
  }

  /** Returns true when the dialog is done (answered). */
  boolean onKey(KeyStroke key) {
    for (Choice c : choices) {
      boolean escape = c.onEscape() && key.getKeyType() == KeyType.Escape;
      if (escape || Keys.isChar(key, c.key()) || Keys.isChar(key, Character.toUpperCase(c.key()))) {
        c.action().run();
        return true;
      }
    }
    return false;
  }

  void render(Canvas c, int top, int rows) {
    int w = Math.min(c.width - 2, 72);
    if (w < 20 || rows < 5) {
      List<String> keys = new ArrayList<>();
      for (Choice choice : choices) {
        keys.add(choice.key() + " " + choice.label());
      }
      c.fill(0, top, c.width, Role.DIALOG);
      c.put(0, top, title + ": " + String.join(", ", keys), Role.DIALOG_TITLE);
      return;
    }
    Lines b = new Lines(w - 4, c.ascii, c.ellipsis());
    for (int i = 0; i < paragraphs.size(); i++) {
      if (i > 0) {
        b.blank();
      }
      b.wrapped("", Role.DIALOG, c.clean(paragraphs.get(i)), Role.DIALOG);
    }
    b.blank();
    Line keys = new Line();
    for (int i = 0; i < choices.size(); i++) {
      Choice choice = choices.get(i);
      if (i > 0) {
        keys.add("    ", Role.DIALOG);
      }
      keys.add(String.valueOf(choice.key()), Role.DIALOG_TITLE);
      if (choice.onEscape()) {
        keys.add(" or ", Role.DIALOG).add("Esc", Role.DIALOG_TITLE);
      }
      keys.add(" " + choice.label(), Role.DIALOG);
    }
    b.add(keys);
    int h = Math.min(rows, b.lines.size() + 2);
    int x = Math.max(0, (c.width - w) / 2);
    int y = top + Math.max(0, (rows - h) / 2);
    c.box(x, y, w, h, title, Role.DIALOG, Role.DIALOG_TITLE);
    for (int i = 0; i < h - 2 && i < b.lines.size(); i++) {
      b.lines.get(i).draw(c, x + 2, y + 1 + i, w - 4);
    }
  }
}
