package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** One key as a binding names it; {@link #matches} says whether a key stroke is that key. */
sealed interface Key {

  boolean matches(KeyStroke stroke);

  /** The plain character (no Ctrl, no Alt). */
  record Typed(char character) implements Key {
    @Override
    public boolean matches(KeyStroke stroke) {
      return Keys.isChar(stroke, character);
    }
  }

  /** Ctrl and a lower-case letter. */
  record Ctrl(char letter) implements Key {
    @Override
    public boolean matches(KeyStroke stroke) {
      return Keys.isCtrl(stroke, letter);
    }
  }

  /**
   * A key that is not a character (Enter, an arrow, F1...), whatever modifiers were held: terminals
   * differ in which ones they report with these keys.
   */
  record Special(KeyType type) implements Key {
    @Override
    public boolean matches(KeyStroke stroke) {
      return stroke.getKeyType() == type;
    }
  }

  static Key typed(char c) {
    return new Typed(c);
  }

  static Key ctrl(char letter) {
    return new Ctrl(letter);
  }

  static Key special(KeyType type) {
    return new Special(type);
  }
}
