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
    return switch (word) {
      case "direct" -> Optional.of(DIRECT);
      case "indirect" -> Optional.of(INDIRECT);
      case "offset" -> Optional.of(OFFSET);
      default -> Optional.empty();
    };
  }

  /** The mode an option string's last mode word names, if it has one. */
  public static Optional<AutofsMode> ofOption(Optional<String> word) {
    return word.isPresent() ? ofOption(word.get()) : Optional.empty();
  }
}
