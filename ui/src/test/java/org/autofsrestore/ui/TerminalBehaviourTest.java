package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.autofsrestore.ui.model.MountMode;
import org.autofsrestore.ui.model.MountRow;
import org.junit.jupiter.api.Test;

class TerminalBehaviourTest {

  /** The same key presses on a fresh UI of the given size. */
  private static Harness fresh(int columns, int rows, String keys) throws Exception {
    Harness h = new Harness(columns, rows);
    h.type(keys);
    return h;
  }

  private static List<TextCharacter> cells(Harness h) {
    TerminalSize size = h.terminal().getTerminalSize();
    List<TextCharacter> out = new ArrayList<>();
    for (int r = 0; r < size.getRows(); r++) {
      for (int c = 0; c < size.getColumns(); c++) {
        out.add(h.terminal().getCharacter(c, r));
      }
    }
    return out;
  }

  @Test
  void resizingTo80x24AndTo200x60RedrawsExactlyLikeAFreshScreen() throws Exception {
    for (String keys : new String[] {"", "jj", "rn", "jj\n", "2", "?"}) {
      String k = keys.replace("\n", "");
      try (Harness h = new Harness(120, 40)) {
        h.type(k);
        if (keys.endsWith("\n")) {
          h.press(KeyType.Enter);
        }
        h.resize(200, 60);
        try (Harness expected = fresh(200, 60, k)) {
          if (keys.endsWith("\n")) {
            expected.press(KeyType.Enter);
          }
          assertEquals(expected.screen(), h.screen(), "keys '" + keys + "' at 200x60");
          assertEquals(cells(expected), cells(h), "styles, keys '" + keys + "' at 200x60");
        }
        h.resize(80, 24);
        try (Harness expected = fresh(80, 24, k)) {
          if (keys.endsWith("\n")) {
            expected.press(KeyType.Enter);
          }
          assertEquals(expected.screen(), h.screen(), "keys '" + keys + "' at 80x24");
          assertEquals(cells(expected), cells(h), "styles, keys '" + keys + "' at 80x24");
        }
        assertTrue(h.row(0).startsWith(" DRY RUN "), h.row(0));
        assertTrue(h.row(1).startsWith("5 autofs mounts"), h.row(1));
      }
    }
  }

  @Test
  void aResizeStormOfHundredsOfSizesNeverThrowsAndKeepsTheBanner() throws Exception {
    Random random = new Random(42);
    int[][] fixed = {{40, 10}, {1, 1}, {2, 3}, {10, 5}, {24, 7}, {79, 23}, {80, 24}, {300, 100}};
    String keys = "jk\n\t?x/a\u001bnsu2341rL";
    try (Harness h = new Harness(80, 24)) {
      for (int i = 0; i < 400; i++) {
        int[] size =
            i % 5 == 0
                ? fixed[(i / 5) % fixed.length]
                : new int[] {1 + random.nextInt(250), 1 + random.nextInt(90)};
        h.terminal().setTerminalSize(new TerminalSize(size[0], size[1]));
        if (i % 3 == 0) {
          h.ui.pump();
        }
        char c = keys.charAt(random.nextInt(keys.length()));
        if (c == '\n') {
          h.terminal().addInput(new KeyStroke(KeyType.Enter));
        } else if (c == '\t') {
          h.terminal().addInput(new KeyStroke(KeyType.Tab));
        } else if (c == '\u001b') {
          h.terminal().addInput(new KeyStroke(KeyType.Escape));
        } else {
          h.terminal().addInput(new KeyStroke(c, false, false));
        }
        h.ui.pump();
      }
      h.resize(40, 10);
      assertTrue(h.row(0).startsWith(" DRY RUN "), h.row(0));
      assertFalse(h.ui.finished());
    }
  }

  @Test
  void a40x10TerminalStillShowsTheBannerTheListAndAHint() throws Exception {
    try (Harness h = new Harness(40, 10)) {
      assertTrue(h.row(0).startsWith(" DRY RUN "));
      assertTrue(h.screen().contains("/srv/auto-f1"));
      assertTrue(h.row(8).contains("Terminal 40x10"), h.row(8));
      h.resize(20, 5);
      assertTrue(h.row(0).startsWith(" DRY RUN "), h.screen());
      assertTrue(h.row(1).startsWith("Too small (20x5)"), h.screen());
    }
  }

  @Test
  void questionMarkListsEveryKeyAndTheLogFile() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      h.type("?");
      String s = h.screen();
      for (String key :
          new String[] {
            "↑↓ j k",
            "PgUp PgDn",
            "Home End g G",
            "Enter",
            "Tab",
            "Esc",
            "/",
            "n",
            "s",
            "a",
            "u",
            "L",
            "f",
            "r",
            "Ctrl-L",
            "?",
            "q Ctrl-C",
            "1",
            "2",
            "3",
            "4"
          }) {
        assertTrue(s.contains("│ " + key + " ") || s.contains(" " + key + "  "), key + " in\n" + s);
      }
      for (String what :
          new String[] {
            "next step",
            "run the current stage",
            "run all stages",
            "undo this mount",
            "filter the list",
            "quit",
            "this help",
            "back"
          }) {
        assertTrue(s.contains(what), what + " in\n" + s);
      }
      assertTrue(s.contains("Log file: /root/.cache/autofs-restore/autofs-restore.log"), s);
      h.type("x");
      assertFalse(h.screen().contains("Log file:"));
    }
  }

  private static SampleDump dumpWithHostileNames() {
    SampleDump dump = SampleDump.multi();
    dump.rows.add(
        new MountRow(
            "90",
            "/srv/ünïcødé-数据\u001b]0;pwned\u0007\r\n\u0085\u2028\u2029\u202eevil",
            MountMode.UNKNOWN,
            0,
            3,
            7,
            "daemon\u001b[31m",
            false,
            Optional.empty()));
    return dump;
  }

  @Test
  void asciiModePutsOnlyAsciiCharactersOnTheScreenOnEveryPage() throws Exception {
    SampleDump dump = dumpWithHostileNames();
    SampleController controller = new SampleController(dump);
    try (Harness h =
        new Harness(80, 24, dump, controller, new UiOptions(true, false), Runnable::run)) {
      List<String> screens = new ArrayList<>();
      screens.add(h.screen());
      h.press(KeyType.Enter);
      screens.add(h.screen());
      h.press(KeyType.End);
      screens.add(h.screen());
      h.press(KeyType.Tab).type("n");
      screens.add(h.screen());
      h.type("?");
      screens.add(h.screen());
      h.type("x").type("2");
      screens.add(h.screen());
      h.type("3");
      screens.add(h.screen());
      h.type("4");
      screens.add(h.screen());
      h.type("1").press(KeyType.End);
      screens.add(h.screen());
      h.press(KeyType.Enter);
      screens.add(h.screen());
      h.press(KeyType.Escape).type("/x");
      screens.add(h.screen());
      h.press(KeyType.Escape);
      controller.live = true;
      h.press(KeyType.Home).type("r").type("n");
      screens.add(h.screen());
      h.type("y").type("s").type("q"); // the rest of the mount stage: mounted
      screens.add(h.screen());
      for (String s : screens) {
        for (char c : s.toCharArray()) {
          assertTrue(c == '\n' || (c >= 0x20 && c < 0x7f), "non-ASCII " + (int) c + " in\n" + s);
        }
      }
      assertTrue(screens.get(3).contains("PREVIEWED"));
      assertTrue(screens.get(4).contains("+- Keys -"), screens.get(4));
      assertTrue(screens.get(12).contains("mounted and not handed over"), screens.get(12));
    }
  }

  @Test
  void dataFromTheDumpNeverReachesTheTerminalAsControlCharacters() throws Exception {
    SampleDump dump = dumpWithHostileNames();
    try (Harness h =
        new Harness(
            120, 30, dump, new SampleController(dump), UiOptions.defaults(), Runnable::run)) {
      String s = h.screen();
      assertTrue(s.contains("/srv/ünïcødé-数据?]0;pwned???????evil"), s);
      for (char c : s.toCharArray()) {
        assertTrue(c == '\n' || c >= 0x20, "control " + (int) c);
        assertTrue(c != '\u202e');
      }
    }
    AnsiCapture t = AnsiCapture.of(120, 30);
    try (TerminalUi ui =
        new TerminalUi(t, dump, new SampleController(dump), UiOptions.defaults(), Runnable::run)) {
      ui.start();
      String bytes = new String(t.take(), java.nio.charset.StandardCharsets.UTF_8);
      assertFalse(bytes.contains("\u001b]0;pwned"), bytes);
      assertFalse(bytes.contains("\u001b[31m"), bytes);
      assertFalse(bytes.contains("\u202e"));
    }
  }

  @Test
  void noColorModeUsesOnlyDefaultColorsAndShowsTheSelectionInReverseVideo() throws Exception {
    try (Harness h = new Harness(80, 24, SampleDump.multi(), new UiOptions(false, true))) {
      for (String keys : new String[] {"", "\n", "\t", "?", "x2", "4"}) {
        if (keys.equals("\n")) {
          h.press(KeyType.Enter);
        } else if (keys.equals("\t")) {
          h.press(KeyType.Tab);
        } else {
          h.type(keys);
        }
        for (TextCharacter c : cells(h)) {
          assertEquals(TextColor.ANSI.DEFAULT, c.getForegroundColor(), "keys " + keys);
          assertEquals(TextColor.ANSI.DEFAULT, c.getBackgroundColor(), "keys " + keys);
        }
      }
      h.type("1");
      assertTrue(h.terminal().getCharacter(0, 4).getModifiers().contains(SGR.REVERSE));
      assertTrue(h.terminal().getCharacter(1, 0).getModifiers().contains(SGR.REVERSE));
    }
  }

  @Test
  void noColorInTheEnvironmentTurnsColorsOff() {
    assertTrue(
        UiOptions.fromFlags(false, false, java.util.Map.of("NO_COLOR", "1", "LANG", "C.UTF-8"))
            .noColor());
    assertFalse(
        UiOptions.fromFlags(false, false, java.util.Map.of("NO_COLOR", "", "LANG", "C.UTF-8"))
            .noColor());
    assertTrue(UiOptions.fromFlags(false, true, java.util.Map.of("LANG", "C.UTF-8")).noColor());
  }

  @Test
  void aLocaleThatIsNotUtf8SelectsAscii() {
    assertFalse(UiOptions.fromFlags(false, false, java.util.Map.of("LANG", "en_US.UTF-8")).ascii());
    assertFalse(
        UiOptions.fromFlags(false, false, java.util.Map.of("LC_ALL", "C.utf8", "LANG", "C"))
            .ascii());
    assertTrue(
        UiOptions.fromFlags(false, false, java.util.Map.of("LANG", "en_US.ISO-8859-1")).ascii());
    assertTrue(UiOptions.fromFlags(false, false, java.util.Map.of()).ascii());
    assertTrue(UiOptions.fromFlags(true, false, java.util.Map.of("LANG", "C.UTF-8")).ascii());
  }

  @Test
  void garbageInputNeverThrows() throws Exception {
    Random random = new Random(7);
    KeyType[] types = KeyType.values();
    try (Harness h = new Harness(80, 24)) {
      for (int i = 0; i < 3000; i++) {
        KeyType type = types[random.nextInt(types.length)];
        KeyStroke key;
        if (type == KeyType.EOF || type == KeyType.MouseEvent || type == KeyType.CursorLocation) {
          continue;
        }
        if (type == KeyType.Character) {
          char c = (char) random.nextInt(0x3000);
          if (c == 'q' || c == 'y') {
            continue;
          }
          key = new KeyStroke(c, random.nextInt(8) == 0 && c != 'c', random.nextInt(8) == 0);
        } else {
          key = new KeyStroke(type, random.nextBoolean(), random.nextBoolean());
        }
        h.press(key);
      }
      h.press(KeyType.Escape).press(KeyType.Escape).type("1");
      assertTrue(h.row(0).startsWith(" DRY RUN ") || h.row(0).startsWith(" LIVE "), h.row(0));
    }
  }
}
