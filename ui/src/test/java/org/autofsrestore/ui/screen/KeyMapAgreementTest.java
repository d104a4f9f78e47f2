package org.autofsrestore.ui.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.ui.Ticker;
import org.autofsrestore.ui.UiOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The help overlay, the footer hints and key dispatch read one table: the keys the help and the
 * hints show, read back as key strokes, must be dispatched to the commands they are shown for.
 */
class KeyMapAgreementTest {
  private static final Glyphs GLYPHS = Glyphs.of(false);
  private ScreenApp app;

  @BeforeEach
  void screen() throws Exception {
    NoMounts none = new NoMounts();
    app =
        new ScreenApp(
            new DefaultVirtualTerminal(new TerminalSize(80, 24)),
            none,
            none,
            UiOptions.defaults(),
            Runnable::run,
            Ticker.SYSTEM);
  }

  /**
   * Key strokes for keys as the screen writes them: words split at spaces and slashes, "1-4" a
   * range, "Ctrl-L", "Esc", "PgUp", "↑↓" both arrows, a single character that character.
   */
  static List<KeyStroke> strokes(String label) {
    List<KeyStroke> out = new ArrayList<>();
    for (String word : label.split("[ /]")) {
      switch (word) {
        case "↑↓" -> {
          out.add(new KeyStroke(KeyType.ArrowUp));
          out.add(new KeyStroke(KeyType.ArrowDown));
        }
        case "PgUp" -> out.add(new KeyStroke(KeyType.PageUp));
        case "PgDn" -> out.add(new KeyStroke(KeyType.PageDown));
        case "Home" -> out.add(new KeyStroke(KeyType.Home));
        case "End" -> out.add(new KeyStroke(KeyType.End));
        case "Enter" -> out.add(new KeyStroke(KeyType.Enter));
        case "Tab" -> out.add(new KeyStroke(KeyType.Tab));
        case "Esc" -> out.add(new KeyStroke(KeyType.Escape));
        default -> {
          if (word.startsWith("Ctrl-") && word.length() == 6) {
            out.add(new KeyStroke(Character.toLowerCase(word.charAt(5)), true, false));
          } else if (word.length() == 3 && word.charAt(1) == '-') {
            for (char c = word.charAt(0); c <= word.charAt(2); c++) {
              out.add(new KeyStroke(c, false, false));
            }
          } else if (word.length() == 1) {
            out.add(new KeyStroke(word.charAt(0), false, false));
          } else {
            throw new AssertionError("a key the screen shows that no key stroke names: " + word);
          }
        }
      }
    }
    return out;
  }

  /** The binding a key stroke reaches on a page, as ScreenApp.onKey looks it up. */
  private KeyMap.Binding dispatched(View page, KeyStroke stroke) {
    KeyMap.Binding shared = app.sharedKeys().find(stroke);
    return shared != null ? shared : page.keys().find(stroke);
  }

  @Test
  void everyKeyTheHelpListsIsDispatchedToItsCommandOnSomePage() {
    for (Command command : Command.values()) {
      for (KeyStroke stroke : strokes(command.keys(GLYPHS))) {
        boolean somewhere = false;
        for (View page : app.views()) {
          KeyMap.Binding b = dispatched(page, stroke);
          somewhere |= b != null && b.command() == command;
        }
        assertTrue(somewhere, command + ": " + stroke + " runs it on no page");
      }
    }
  }

  @Test
  void everyHintShowsKeysTheHelpListsForItsCommandAndThePageDispatchesThem() {
    for (View page : app.views()) {
      assertTrue(page.hints().size() >= 4, page.getClass().getSimpleName() + " shows few hints");
      for (Hint hint : page.hints()) {
        assertFalse(hint.commands().isEmpty(), hint.toString());
        for (KeyStroke stroke : strokes(hint.keys())) {
          KeyMap.Binding b = dispatched(page, stroke);
          String where = page.getClass().getSimpleName() + " hint " + hint.keys() + ": " + stroke;
          assertNotNull(b, where + " means nothing there");
          assertTrue(hint.commands().contains(b.command()), where + " runs " + b.command());
          assertTrue(
              strokes(b.command().keys(GLYPHS)).contains(stroke),
              where + " is not among the help's keys for " + b.command());
        }
      }
    }
    assertEquals(ScreenApp.Page.values().length, app.views().size(), "a view per page");
  }

  @Test
  void theHelpHasOneLinePerCommandAndOnePerTabInTheOrderOfTheCommands() {
    List<String[]> lines = new HelpOverlay(GLYPHS, "/tmp/log").entries();
    assertEquals(Command.values().length - 1 + ScreenApp.Page.tabs().size(), lines.size());
    assertEquals("↑↓ j k", lines.get(0)[0]);
    assertEquals("move / scroll", lines.get(0)[1]);
    int tabs = Command.TABS.ordinal();
    assertEquals("1 mounts", lines.get(tabs)[0] + " " + lines.get(tabs)[1]);
    assertEquals("4 log", lines.get(tabs + 3)[0] + " " + lines.get(tabs + 3)[1]);
    assertEquals("q Ctrl-C", lines.get(lines.size() - 1)[0]);
  }

  @Test
  void everyTabKeyShowsItsPage() {
    for (ScreenApp.Page tab : ScreenApp.Page.tabs()) {
      KeyStroke key = new KeyStroke(tab.placement.tabKey(), false, false);
      app.onKey(key);
      assertEquals(tab, app.page(), "key " + tab.placement.tabKey());
    }
  }

  @Test
  void aKeyShownForOnePageIsNotTakenByTheKeysEveryPageShares() {
    // 'r' opens the stepper in the list and answers READY among the requests: only page keys.
    KeyStroke r = new KeyStroke('r', false, false);
    assertEquals(null, app.sharedKeys().find(r));
    List<Command> commands = new ArrayList<>();
    for (View page : app.views()) {
      KeyMap.Binding b = page.keys().find(r);
      if (b != null) {
        commands.add(b.command());
      }
    }
    assertEquals(
        List.of(Command.STEPPER, Command.ANSWER_READY, Command.SWITCH),
        commands,
        "list, requests, details");
  }
}
