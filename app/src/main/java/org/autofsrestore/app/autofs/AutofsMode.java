package org.autofsrestore.app.autofs;

import java.util.Optional;

/** How an autofs mount triggers: the kernel's mode, as autofs_entry.mode stores it. */
public enum AutofsMode {
  DIRECT(0),
  INDIRECT(1),
  OFFSET(2);

  private final int wireValue;

  AutofsMode(int wireValue) {
    this.wireValue = wireValue;
  }

  /** The number in autofs_entry.mode. */
  public int wireValue() {
    return wireValue;
  }

  /** The option word: direct, indirect, offset. */
  public String option() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<AutofsMode> ofWire(int value) {
    for (AutofsMode mode : values()) {
      if (mode.wireValue == value) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  public static Optional<AutofsMode> ofOption(String word) {
    for (AutofsMode mode : values()) {
      if (mode.option().equals(word)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
