package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** The selected row and the first visible row of a list shown in a window of rows. */
final class ListCursor {
  private int size;
  private int selected;
  private int top;
  private int window = 1;

  int size() {
    return size;
  }

  int selected() {
    return selected;
  }

  int top() {
    return top;
  }

  void resize(int newSize) {
    size = Math.max(0, newSize);
    clamp();
  }

  void select(int index) {
    selected = index;
    clamp();
  }

  /** Sets the number of visible rows and keeps the selection visible. */
  void window(int rows) {
    window = Math.max(1, rows);
    clamp();
  }

  /** Handles a movement key; returns whether it was one. */
  boolean onKey(KeyStroke key) {
    KeyType type = key.getKeyType();
    if (type == KeyType.ArrowDown || Keys.isChar(key, 'j')) {
      selected++;
    } else if (type == KeyType.ArrowUp || Keys.isChar(key, 'k')) {
      selected--;
    } else if (type == KeyType.PageDown || Keys.isCtrl(key, 'f') || Keys.isChar(key, ' ')) {
      selected += window;
      top += window;
    } else if (type == KeyType.PageUp || Keys.isCtrl(key, 'b')) {
      selected -= window;
      top -= window;
    } else if (type == KeyType.Home || Keys.isChar(key, 'g')) {
      selected = 0;
    } else if (type == KeyType.End || Keys.isChar(key, 'G')) {
      selected = size - 1;
    } else {
      return false;
    }
    clamp();
    return true;
  }

  private void clamp() {
    if (size == 0) {
      selected = 0;
      top = 0;
      return;
    }
    selected = Math.max(0, Math.min(size - 1, selected));
    top = Math.max(0, Math.min(top, Math.max(0, size - window)));
    if (selected < top) {
      top = selected;
    } else if (selected >= top + window) {
      top = selected - window + 1;
    }
  }
}
