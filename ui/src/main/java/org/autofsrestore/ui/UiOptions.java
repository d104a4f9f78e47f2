package org.autofsrestore.ui;

import java.util.Locale;
import java.util.Map;

/**
 * How the UI draws: {@code ascii} uses ASCII characters only (no line drawing, no symbols, and any
 * non-ASCII character of the data shown as {@code ?}); {@code noColor} uses no colors at all (bold,
 * underline and reverse video only).
 */
public record UiOptions(boolean ascii, boolean noColor) {

  /** Unicode and colors. */
  public static UiOptions defaults() {
    return new UiOptions(false, false);
  }

  /**
   * The options for this process: the command-line flags, plus {@code NO_COLOR} (set and not empty:
   * no colors, see no-color.org) and a locale that is not UTF-8 (ASCII only, so nothing the
   * terminal cannot show is ever sent).
   */
  public static UiOptions fromFlags(boolean asciiFlag, boolean noColorFlag) {
    return fromFlags(asciiFlag, noColorFlag, System.getenv());
  }

  /** As {@link #fromFlags(boolean, boolean)}, with the environment given. */
  public static UiOptions fromFlags(
      boolean asciiFlag, boolean noColorFlag, Map<String, String> environment) {
    String noColor = environment.get("NO_COLOR");
    boolean noColorEnv = noColor != null && !noColor.isEmpty();
    return new UiOptions(asciiFlag || !localeIsUtf8(environment), noColorFlag || noColorEnv);
  }

  /**
   * Whether the locale the environment selects (the first non-empty of {@code LC_ALL}, {@code
   * LC_CTYPE}, {@code LANG}) uses UTF-8. No locale at all means "C": not UTF-8.
   */
  public static boolean localeIsUtf8(Map<String, String> environment) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String value = environment.get(name);
      if (value != null && !value.isEmpty()) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.contains("utf-8") || lower.contains("utf8");
      }
    }
    return false;
  }
}
