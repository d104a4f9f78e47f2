package org.autofsrestore.app.dump;

/**
 * From int keys (pids, mount ids, file ids) to int values (positions in a table), without boxing:
 * open addressing with linear probing over two arrays. Putting a key again replaces its value, as a
 * map's put does: with duplicate keys in a dump, the last record wins, as it did when records went
 * into a {@code HashMap}. Filled once while a table is read, then only read.
 */
final class IntIndex {
  static final int ABSENT = -1;

  private int[] keys;
  private int[] values; // ABSENT marks a free slot; stored values are >= 0
  private int size;

  IntIndex(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new int[capacity];
    values = new int[capacity];
    java.util.Arrays.fill(values, ABSENT);
  }

  /** Maps {@code key} to {@code value} (>= 0), replacing what it mapped to. */
  void put(int key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("value " + value + " < 0");
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
      if (values[slot] == ABSENT) {
        keys[slot] = key;
        values[slot] = value;
        size++;
        return;
      }
      if (keys[slot] == key) {
        values[slot] = value;
        return;
      }
    }
  }

  /** The value of {@code key}, or {@link #ABSENT}. */
  int get(int key) {
    int mask = keys.length - 1;
    for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
      int value = values[slot];
      if (value == ABSENT || keys[slot] == key) {
        return value;
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    java.util.Arrays.fill(values, ABSENT);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != ABSENT) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  /** Spreads sequential ids (pids, mount ids are mostly consecutive) over the table. */
  private static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
