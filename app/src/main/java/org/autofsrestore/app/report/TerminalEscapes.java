package org.autofsrestore.app.report;

/**
 * How a name is shown as terminal text: the characters a terminal would act on, and newline and
 * tab, written as escapes ({@code \\n}, {@code \\t}, {@code \\r}, {@code \\x85}, {@code \\u2028}).
 * The command line's text output applies {@link #oneLine} to every line it prints, and the tables
 * to every cell before they measure it.
 */
public final class TerminalEscapes {
  private TerminalEscapes() {}

  /**
   * Whether a terminal would act on {@code c}: C0 but newline and tab, DEL, C1, separators, bidi.
   */
  public static boolean acted(int c) {
    return (c < 0x20 && c != '\n' && c != '\t')
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x2028
        || c == 0x2029
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /**
   * {@code text} as one line: what {@link #acted} names, newline and tab escaped; the rest as it
   * is. The one place a report's line (and every name in it) becomes terminal text.
   */
  public static String oneLine(String text) {
    int i = 0;
    while (i < text.length() && !breaksALine(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text; // nearly every line: no copy
    }
    StringBuilder line = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (breaksALine(c)) {
        line.append(escape(c));
      } else {
        line.append(c);
      }
    }
    return line.toString();
  }

  private static boolean breaksALine(char c) {
    return c == '\n' || c == '\t' || acted(c);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * {@code \\n}, {@code \\t} and {@code \\r} for those three, {@code \\xNN} for another byte-sized
   * character, {@code \\uNNNN} above, in lower-case hex.
   */
  public static String escape(int c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\t':
        return "\\t";
      case '\r':
        return "\\r";
      default:
        break;
    }
    if (c <= 0xff) {
      return new String(new char[] {'\\', 'x', HEX[c >> 4 & 0xf], HEX[c & 0xf]});
    }
    return new String(
        new char[] {
          '\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]
        });
  }
}
