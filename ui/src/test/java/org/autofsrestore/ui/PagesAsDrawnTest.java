package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.MountMode;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every page, drawn cell by cell (character and style) on narrow, usual and wide terminals, is the
 * picture recorded in {@code pages/*.txt}: a change to how a table is drawn that moves one cell or
 * changes one color fails here. The sample carries a hostile mount (escape sequence, tab, bidi
 * override, CJK, a very long path) and hostile requests. {@code -Dui.pages.write=true} records the
 * pictures again (then read the diff).
 */
class PagesAsDrawnTest {
  private static final Path GOLDEN = Path.of("src/test/resources/org/autofsrestore/ui/pages");

  /** A mount point with everything a hostile container could put in a name. */
  static final String HOSTILE =
      "/srv/\u001b[31mevil\tname/\u202enaïve/日本語/a/very/long/path/that/goes/on/and/on/and/on/end";

  /** What to do on the screen before it is recorded. */
  private interface Steps {
    void on(Harness h) throws Exception;
  }

  static Stream<Arguments> pictures() {
    List<Arguments> out = new ArrayList<>();
    int[][] sizes = {{60, 20}, {80, 24}, {132, 40}};
    Map<String, Steps> pages = new LinkedHashMap<>();
    pages.put("mounts", h -> h.type("jj"));
    pages.put("mounts-last", h -> h.press(KeyType.End));
    pages.put("findings", h -> h.type("2j"));
    pages.put("requests", PagesAsDrawnTest::requests);
    pages.put("details", h -> h.type("jjj").press(KeyType.Enter));
    pages.put("details-end", h -> h.type("jjj").press(KeyType.Enter).press(KeyType.End));
    pages.put("hostile-details", h -> h.press(KeyType.End).press(KeyType.Enter));
    pages.put("stepper", h -> h.type("jr"));
    pages.put("help", h -> h.type("?"));
    pages.put("log", h -> h.type("4"));
    pages.put("mounts-filtered", h -> h.type("/auto").press(KeyType.Enter));
    pages.put("findings-filtered", h -> h.type("2/warn").press(KeyType.Enter));
    pages.put("mounts-requests-waiting", h -> requests(h).type("1"));
    pages.put("stepper-next", h -> h.type("jrnn"));
    for (int[] size : sizes) {
      for (Map.Entry<String, Steps> page : pages.entrySet()) {
        String name = page.getKey() + "-" + size[0] + "x" + size[1];
        out.add(Arguments.of(name, size[0], size[1], false, false, page.getValue()));
      }
      String live = "livehost-" + size[0] + "x" + size[1];
      out.add(Arguments.of(live, size[0], size[1], true, false, (Steps) h -> h.type("hj")));
      String liveDetails = "livedetails-" + size[0] + "x" + size[1];
      out.add(
          Arguments.of(
              liveDetails,
              size[0],
              size[1],
              true,
              false,
              (Steps) h -> h.type("jjj").press(KeyType.Enter)));
      String livefindings = "livefindings-" + size[0] + "x" + size[1];
      out.add(Arguments.of(livefindings, size[0], size[1], true, false, (Steps) h -> h.type("2")));
    }
    out.add(Arguments.of("ascii-mounts-80x24", 80, 24, false, true, (Steps) h -> h.type("j")));
    out.add(Arguments.of("ascii-requests-80x24", 80, 24, false, true, (Steps) h -> requests(h)));
    out.add(Arguments.of("ascii-livehost-80x24", 80, 24, true, true, (Steps) h -> h.type("h")));
    return out.stream();
  }

  private static Harness requests(Harness h) throws Exception {
    h.type("3");
    h.controller.addRequest(1, "/srv/auto-f1", 4321, 0, "host1");
    h.controller.addRequest(2, HOSTILE, 2_000_000_000, 65534, "\u001b]0;title\u0007日本語\tname");
    h.controller.addRequest(3, "/srv/auto-f3", 4400, 1000, "projects");
    h.ui.pump();
    h.type("fk");
    return h;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pictures")
  void everyPageIsDrawnAsRecorded(
      String name, int columns, int rows, boolean live, boolean ascii, Steps steps)
      throws Exception {
    SampleDump dump = live ? SampleDump.multiLive() : SampleDump.multi();
    addHostile(dump);
    UiOptions options = ascii ? new UiOptions(true, false) : UiOptions.defaults();
    String picture;
    try (Harness h = new Harness(columns, rows, dump, options)) {
      steps.on(h);
      h.settle();
      picture = picture(h.terminal());
    }
    Path file = GOLDEN.resolve(name + ".txt");
    if (Boolean.getBoolean("ui.pages.write")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, picture, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(file), "no recorded picture " + file + "; -Dui.pages.write=true");
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), picture, name);
  }

  /** A mount and a finding whose names carry control characters, bidi, CJK and a long path. */
  private static void addHostile(SampleDump dump) {
    Finding f =
        new Finding(
            "evil-\u001b[2Jcode-that-is-long",
            Severity.WARNING,
            HOSTILE,
            "a message with\ta tab and \u001b[31mred\u001b[0m in it",
            "an action");
    dump.findings.add(f);
    dump.rows.add(
        new MountRow(
            "9999",
            HOSTILE,
            MountMode.OFFSET,
            12_345_678_901L,
            1_234_567,
            2_000_000_000,
            "\u001b[1mowner\u202ename-that-is-long",
            true,
            Optional.of(f)));
  }

  /**
   * The screen as text rows, then the same rows with one letter per cell naming its style (the
   * letters in the order the styles first appear), then the legend.
   */
  static String picture(DefaultVirtualTerminal terminal) throws IOException {
    TerminalSize size = terminal.getTerminalSize();
    StringBuilder text = new StringBuilder();
    StringBuilder styles = new StringBuilder();
    Map<String, Character> legend = new LinkedHashMap<>();
    String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int r = 0; r < size.getRows(); r++) {
      for (int c = 0; c < size.getColumns(); c++) {
        TextCharacter ch = terminal.getCharacter(c, r);
        String style =
            ch == null
                ? "none"
                : ch.getForegroundColor() + "/" + ch.getBackgroundColor() + "/" + ch.getModifiers();
        char letter =
            legend.computeIfAbsent(style, s -> letters.charAt(Math.min(legend.size(), 61)));
        text.append(ch == null ? " " : ch.getCharacterString());
        styles.append(letter);
        if (ch != null && ch.isDoubleWidth()) {
          styles.append(letter);
          c++;
        }
      }
      text.append("|\n");
      styles.append("|\n");
    }
    StringBuilder out = new StringBuilder(text).append('\n').append(styles).append('\n');
    legend.forEach((style, letter) -> out.append(letter).append(' ').append(style).append('\n'));
    return out.toString();
  }
}
