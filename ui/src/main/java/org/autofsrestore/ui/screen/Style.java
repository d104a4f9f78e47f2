package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.EnumSet;
import java.util.Set;

/** Foreground, background and modifiers of a piece of text. */
final class Style {
  final TextColor foreground;
  final TextColor background;
  private final EnumSet<SGR> modifiers;

  Style(TextColor foreground, TextColor background, Set<SGR> modifiers) {
    this.foreground = foreground;
    this.background = background;
    this.modifiers = modifiers.isEmpty() ? EnumSet.noneOf(SGR.class) : EnumSet.copyOf(modifiers);
  }

  EnumSet<SGR> modifiers() {
    return EnumSet.copyOf(modifiers);
  }

  boolean hasModifiers() {
    return !modifiers.isEmpty();
  }
}
