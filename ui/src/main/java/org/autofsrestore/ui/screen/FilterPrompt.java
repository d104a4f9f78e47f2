package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.function.Consumer;

/** The filter being typed: every edit goes to its target at once; Enter keeps it, Esc clears it. */
final class FilterPrompt {
  private static final int MAX_LENGTH = 200;
  private final StringBuilder text;
  private final Consumer<String> target;

  FilterPrompt(String current, Consumer<String> target) {
    this.text = new StringBuilder(current);
    this.target = target;
  }

  String text() {
    return text.toString();
  }

  /** Handles a key; returns false when the prompt is done. */
  boolean onKey(KeyStroke key) {
    KeyType type = key.getKeyType();
    if (type == KeyType.Enter) {
      return false;
    }
    if (type == KeyType.Escape) {
      target.accept("");
      return false;
    }
    if (type == KeyType.Backspace) {
      if (text.length() > 0) {
        text.setLength(text.length() - 1);
        target.accept(text.toString());
      }
      return true;
    }
    char c = Keys.typed(key);
    if (c != 0 && text.length() < MAX_LENGTH) {
      text.append(c);
      target.accept(text.toString());
    }
    return true;
  }
}
