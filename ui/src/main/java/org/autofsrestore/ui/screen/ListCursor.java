package org.autofsrestore.ui.screen;

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

  /** Moves the selection (a page also moves the window). */
  void move(Movement movement) {
    switch (movement) {
      case UP -> selected--;
      case DOWN -> selected++;
      case PAGE_UP -> {
        selected -= window;
        top -= window;
      }
      case PAGE_DOWN -> {
        selected += window;
        top += window;
      }
      case FIRST -> selected = 0;
      case LAST -> selected = size - 1;
    }
    clamp();
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
