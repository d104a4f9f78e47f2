package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Small predicates over key strokes. */
final class Keys {
  private Keys() {}

  /** The plain character {@code c} (no Ctrl, no Alt). */
  static boolean isChar(KeyStroke key, char c) {
    return key.getKeyType() == KeyType.Character
        && !key.isCtrlDown()
        && !key.isAltDown()
        && key.getCharacter() != null
        && key.getCharacter() == c;
  }

  /** Ctrl + {@code c} (lower case). */
  static boolean isCtrl(KeyStroke key, char c) {
    return key.getKeyType() == KeyType.Character
        && key.isCtrlDown()
        && key.getCharacter() != null
        && Character.toLowerCase(key.getCharacter()) == c;
  }

  /** A printable character typed without Ctrl or Alt, or 0. */
  static char typed(KeyStroke key) {
    if (key.getKeyType() != KeyType.Character
        || key.isCtrlDown()
        || key.isAltDown()
        || key.getCharacter() == null) {
      return 0;
    }
    char c = key.getCharacter();
    return c >= 0x20 && c != 0x7f ? c : 0;
  }
}
