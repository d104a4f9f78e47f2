package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.TextColor.ANSI;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** How each {@link Role} looks, in color or (no-color) with bold, underline and reverse only. */
final class Theme {
  private final Map<Role, Style> styles = new EnumMap<>(Role.class);

  private Theme(boolean noColor) {
    for (Role role : Role.values()) {
      styles.put(role, noColor ? plain(role) : colored(role));
    }
  }

  static Theme of(boolean noColor) {
    return new Theme(noColor);
  }

  Style style(Role role) {
    return styles.get(role);
  }

  private static Style plain(Role role) {
    switch (role) {
      case TITLE:
      case ERROR:
      case STATUS_FAILED:
      case STATUS_RUNNING:
      case MESSAGE_ERROR:
      case KEY:
      case DIALOG_TITLE:
      case ATTENTION:
        return s(ANSI.DEFAULT, ANSI.DEFAULT, SGR.BOLD);
      case COLUMN_HEADER:
        return s(ANSI.DEFAULT, ANSI.DEFAULT, SGR.UNDERLINE);
      case SELECTED:
      case TAB_ACTIVE:
        return s(ANSI.DEFAULT, ANSI.DEFAULT, SGR.REVERSE);
      case BANNER_DRY_RUN:
      case BANNER_LIVE:
      case BANNER_SANDBOX:
        return s(ANSI.DEFAULT, ANSI.DEFAULT, SGR.REVERSE, SGR.BOLD);
      default:
        return s(ANSI.DEFAULT, ANSI.DEFAULT);
    }
  }

  private static Style colored(Role role) {
    switch (role) {
      case DIM:
      case STATUS_PENDING:
        return s(ANSI.BLACK_BRIGHT, ANSI.DEFAULT);
      case TITLE:
        return s(ANSI.DEFAULT, ANSI.DEFAULT, SGR.BOLD);
      case COLUMN_HEADER:
        return s(ANSI.CYAN, ANSI.DEFAULT, SGR.BOLD);
      case SELECTED:
        return s(ANSI.WHITE_BRIGHT, ANSI.BLUE);
      case BANNER_DRY_RUN:
        return s(ANSI.BLACK, ANSI.YELLOW, SGR.BOLD);
      case BANNER_LIVE:
        return s(ANSI.WHITE_BRIGHT, ANSI.RED, SGR.BOLD);
      case BANNER_SANDBOX:
        return s(ANSI.BLACK, ANSI.CYAN, SGR.BOLD);
      case TAB:
        return s(ANSI.DEFAULT, ANSI.DEFAULT);
      case TAB_ACTIVE:
        return s(ANSI.BLACK, ANSI.WHITE, SGR.BOLD);
      case ERROR:
      case MESSAGE_ERROR:
        return s(ANSI.RED_BRIGHT, ANSI.DEFAULT, SGR.BOLD);
      case STATUS_FAILED:
        return s(ANSI.RED_BRIGHT, ANSI.DEFAULT, SGR.BOLD);
      case WARNING:
      case ATTENTION:
        return s(ANSI.YELLOW_BRIGHT, ANSI.DEFAULT);
      case INFO:
      case STATUS_PREVIEWED:
        return s(ANSI.CYAN_BRIGHT, ANSI.DEFAULT);
      case GOOD:
      case STATUS_OK:
      case MESSAGE_OK:
        return s(ANSI.GREEN_BRIGHT, ANSI.DEFAULT);
      case STATUS_RUNNING:
        return s(ANSI.YELLOW_BRIGHT, ANSI.DEFAULT, SGR.BOLD);
      case STATUS_UNDONE:
        return s(ANSI.MAGENTA_BRIGHT, ANSI.DEFAULT);
      case CALL:
        return s(ANSI.WHITE_BRIGHT, ANSI.DEFAULT);
      case KEY:
        return s(ANSI.CYAN_BRIGHT, ANSI.DEFAULT, SGR.BOLD);
      case DIALOG:
        return s(ANSI.WHITE_BRIGHT, ANSI.BLUE);
      case DIALOG_TITLE:
        return s(ANSI.YELLOW_BRIGHT, ANSI.BLUE, SGR.BOLD);
      default:
        return s(ANSI.DEFAULT, ANSI.DEFAULT);
    }
  }

  private static Style s(TextColor fg, TextColor bg, SGR... modifiers) {
    Set<SGR> set = EnumSet.noneOf(SGR.class);
    for (SGR m : modifiers) {
      set.add(m);
    }
    return new Style(fg, bg, set);
  }
}
