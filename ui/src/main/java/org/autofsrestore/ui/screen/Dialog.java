package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/** A yes/no question in a box over the page: only {@code y} says yes. */
final class Dialog {
  final String title;
  final List<String> paragraphs;
  private final Runnable onYes;
  private final Runnable onNo;

  Dialog(String title, List<String> paragraphs, Runnable onYes, Runnable onNo) {
    this.title = title;
    this.paragraphs = paragraphs;
    this.onYes = onYes;
    this.onNo = onNo;
  }

  /** Returns true when the dialog is done (answered). */
  boolean onKey(KeyStroke key) {
    if (Keys.isChar(key, 'y') || Keys.isChar(key, 'Y')) {
      onYes.run();
      return true;
    }
    if (Keys.isChar(key, 'n') || Keys.isChar(key, 'N') || key.getKeyType() == KeyType.Escape) {
      onNo.run();
      return true;
    }
    return false;
  }

  void render(Canvas c, int top, int rows) {
    int w = Math.min(c.width - 2, 72);
    if (w < 20 || rows < 5) {
      c.fill(0, top, c.width, Role.DIALOG);
      c.put(0, top, title + ": y yes, n no", Role.DIALOG_TITLE);
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
    b.add(
        new Line()
            .add("y", Role.DIALOG_TITLE)
            .add(" yes    ", Role.DIALOG)
            .add("n", Role.DIALOG_TITLE)
            .add(" or ", Role.DIALOG)
            .add("Esc", Role.DIALOG_TITLE)
            .add(" no", Role.DIALOG));
    int h = Math.min(rows, b.lines.size() + 2);
    int x = Math.max(0, (c.width - w) / 2);
    int y = top + Math.max(0, (rows - h) / 2);
    c.box(x, y, w, h, title, Role.DIALOG, Role.DIALOG_TITLE);
    for (int i = 0; i < h - 2 && i < b.lines.size(); i++) {
      b.lines.get(i).draw(c, x + 2, y + 1 + i, w - 4);
    }
  }
}
