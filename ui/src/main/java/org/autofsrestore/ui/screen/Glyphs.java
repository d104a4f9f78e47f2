package org.autofsrestore.ui.screen;

/** The few non-letter characters the UI draws, in Unicode or in plain ASCII. */
final class Glyphs {
  final char horizontal;
  final char vertical;
  final char topLeft;
  final char topRight;
  final char bottomLeft;
  final char bottomRight;
  final String ellipsis;
  final String marker;
  final String arrow;
  final String differs;
  final String dot;
  final String upDown;
  final String mountedLabel;
  final String[] spinner;

  private Glyphs(boolean ascii) {
    if (ascii) {
      horizontal = '-';
      vertical = '|';
      topLeft = '+';
      topRight = '+';
      bottomLeft = '+';
      bottomRight = '+';
      ellipsis = "~";
      marker = ">";
      arrow = "->";
      differs = "!=";
      dot = "|";
      upDown = "Up/Dn";
      mountedLabel = "mounted";
      spinner = new String[] {"|", "/", "-", "\\"};
    } else {
      horizontal = '─';
      vertical = '│';
      topLeft = '┌';
      topRight = '┐';
      bottomLeft = '└';
      bottomRight = '┘';
      ellipsis = "…";
      marker = "▸";
      arrow = "→";
      differs = "≠";
      dot = "·";
      upDown = "↑↓";
      mountedLabel = "mount ✓";
      spinner = new String[] {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
    }
  }

  static Glyphs of(boolean ascii) {
    return new Glyphs(ascii);
  }
}
