package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/** A move of a list's selection or a pane's scroll position, and the keys that ask for it. */
enum Movement {
  UP(Command.MOVE, Key.special(KeyType.ArrowUp), Key.typed('k')),
  DOWN(Command.MOVE, Key.special(KeyType.ArrowDown), Key.typed('j')),
  PAGE_UP(Command.PAGE, Key.special(KeyType.PageUp), Key.ctrl('b')),
  PAGE_DOWN(Command.PAGE, Key.special(KeyType.PageDown), Key.ctrl('f'), Key.typed(' ')),
  FIRST(Command.ENDS, Key.special(KeyType.Home), Key.typed('g')),
  LAST(Command.ENDS, Key.special(KeyType.End), Key.typed('G'));

  final Command command;
  final List<Key> keys;

  Movement(Command command, Key... keys) {
    this.command = command;
    this.keys = List.of(keys);
  }
}
