package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which key runs what, for one page or for every page: the one table that key dispatch reads, and
 * that the tests compare with the help overlay ({@link Command}) and the footer hints ({@link
 * Hint}). The first binding whose key matches wins.
 */
final class KeyMap {

  /** A key, the command it stands for (its line in the help), and what it does. */
  record Binding(Key key, Command command, Runnable action) {}

  private final List<Binding> bindings = new ArrayList<>();

  /** Binds each of {@code keys} to {@code command}, doing {@code action}. */
  KeyMap bind(Command command, Runnable action, Key... keys) {
    for (Key key : keys) {
      bindings.add(new Binding(key, command, action));
    }
    return this;
  }

  /** Binds every {@link Movement}'s keys to {@code move}. */
  KeyMap bindMovements(Consumer<Movement> move) {
    for (Movement m : Movement.values()) {
      bind(m.command, () -> move.accept(m), m.keys.toArray(new Key[0]));
    }
    return this;
  }

  /** The binding for this key stroke, or null when it means nothing here. */
  Binding find(KeyStroke stroke) {
    for (Binding b : bindings) {
      if (b.key().matches(stroke)) {
        return b;
      }
    }
    return null;
  }

  /** Runs what the key stroke is bound to; false when it means nothing here. */
  boolean dispatch(KeyStroke stroke) {
    Binding b = find(stroke);
    if (b == null) {
      return false;
    }
    b.action().run();
    return true;
  }

  List<Binding> bindings() {
    return List.copyOf(bindings);
  }
}
