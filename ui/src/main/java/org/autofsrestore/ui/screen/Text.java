package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.TerminalTextUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Text as the terminal shows it: every string from the model passes through {@link #clean} (so a
 * control character, a bidi override or, in ASCII mode, any non-ASCII character cannot reach the
 * terminal), and widths are counted in columns (a CJK character takes two).
 */
final class Text {
  private Text() {}

  /** The string with anything unsafe or undrawable replaced by {@code ?}; null becomes "". */
  static String clean(String s, boolean ascii) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char r = safe(c, ascii) ? c : '?';
      if (r != c && out == null) {
        out = new StringBuilder(s.length());
        out.append(s, 0, i);
      }
      if (out != null) {
        out.append(r);
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean safe(char c, boolean ascii) {
    if (c < 0x20 || c == 0x7f) {
      return false;
    }
    if (c < 0x7f) {
      return true;
    }
    if (ascii || c <= 0x9f || Character.isSurrogate(c)) {
      return false;
    }
    switch (Character.getType(c)) {
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.COMBINING_SPACING_MARK:
      case Character.FORMAT:
      case Character.CONTROL:
      case Character.UNASSIGNED:
      case Character.PRIVATE_USE:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      default:
        return true;
    }
  }

  static int width(char c) {
    return TerminalTextUtils.isCharDoubleWidth(c) ? 2 : 1;
  }

  /** Columns the (clean) string takes. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      w += width(s.charAt(i));
    }
    return w;
  }

  /** The longest prefix of {@code s} that fits in {@code columns}. */
  static String take(String s, int columns) {
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      int cw = width(s.charAt(i));
      if (w + cw > columns) {
        return s.substring(0, i);
      }
      w += cw;
    }
    return s;
  }

  /** The longest suffix of {@code s} that fits in {@code columns}. */
  static String takeLast(String s, int columns) {
    int w = 0;
    for (int i = s.length() - 1; i >= 0; i--) {
      int cw = width(s.charAt(i));
      if (w + cw > columns) {
        return s.substring(i + 1);
      }
      w += cw;
    }
    return s;
  }

  /** {@code s} cut to {@code columns}, ending in the ellipsis when cut. */
  static String fit(String s, int columns, String ellipsis) {
    if (columns <= 0) {
      return "";
    }
    if (width(s) <= columns) {
      return s;
    }
    int ew = width(ellipsis);
    if (columns <= ew) {
      return take(s, columns);
    }
    return take(s, columns - ew) + ellipsis;
  }

  /** {@code s} cut to {@code columns} from the left (keeps the end: paths), ellipsis first. */
  static String fitTail(String s, int columns, String ellipsis) {
    if (columns <= 0) {
      return "";
    }
    if (width(s) <= columns) {
      return s;
    }
    int ew = width(ellipsis);
    if (columns <= ew) {
      return takeLast(s, columns);
    }
    return ellipsis + takeLast(s, columns - ew);
  }

  /** {@code s} fitted and padded with spaces to exactly {@code columns}. */
  static String pad(String s, int columns, String ellipsis) {
    String f = fit(s, columns, ellipsis);
    int missing = columns - width(f);
    return missing <= 0 ? f : f + " ".repeat(missing);
  }

  /** {@code s} fitted and right-aligned in exactly {@code columns}. */
  static String padLeft(String s, int columns, String ellipsis) {
    String f = fit(s, columns, ellipsis);
    int missing = columns - width(f);
    return missing <= 0 ? f : " ".repeat(missing) + f;
  }

  /**
   * {@code s} broken into lines of at most {@code columns}: after a space or a comma when one is in
   * the last third of the line, else anywhere. Never returns an empty list.
   */
  static List<String> wrap(String s, int columns) {
    List<String> lines = new ArrayList<>();
    if (columns <= 0) {
      lines.add("");
      return lines;
    }
    String rest = s;
    while (width(rest) > columns) {
      String head = take(rest, columns);
      int cut = head.length();
      int min = Math.max(1, head.length() * 2 / 3);
      for (int i = head.length() - 1; i >= min; i--) {
        char c = head.charAt(i);
        if (c == ' ' || c == ',') {
          cut = i + 1;
          break;
        }
      }
      if (cut <= 0) {
        cut = 1;
      }
      lines.add(rest.substring(0, cut));
      rest = rest.substring(cut);
      if (rest.startsWith(" ")) {
        rest = rest.substring(1);
      }
    }
    lines.add(rest);
    return lines;
  }
}
