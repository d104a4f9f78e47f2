package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.autofsrestore.testkit.Tmux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The UI on a real pseudo-terminal (tmux) through Lanterna's UnixTerminal: what tmux shows must be
 * what the virtual terminal shows for the same keys, after scrolls (which use the terminal's scroll
 * region), resizes and pages; Ctrl-C is trapped and ends the UI cleanly. Skipped, visibly, where
 * tmux is not installed.
 */
class TmuxEndToEndTest {
  private Tmux tmux;

  @BeforeEach
  void startTmux() {
    tmux = Tmux.open("ui-test");
  }

  @AfterEach
  void killServer() throws Exception {
    tmux.close();
  }

  private static String classpath() throws Exception {
    List<String> entries = new ArrayList<>();
    for (Class<?> c :
        new Class<?>[] {
          TerminalUi.class,
          TmuxMain.class,
          Terminal.class,
          // SampleDump reads multi.json with Jackson
          com.fasterxml.jackson.databind.ObjectMapper.class,
          com.fasterxml.jackson.core.JsonParser.class,
          com.fasterxml.jackson.annotation.JsonProperty.class,
          com.fasterxml.jackson.datatype.jdk8.Jdk8Module.class
        }) {
      entries.add(
          Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * One cell as a terminal shows it: character, SGR colors (30-37, 39, 90-97 / 40-47, 49, ...) and
   * bold, reverse, underline.
   */
  private record Cell(String ch, int fg, int bg, boolean bold, boolean reverse, boolean underline) {
    static final Cell BLANK = new Cell(" ", 39, 49, false, false, false);

    /** Spaces look alike in any foreground color. */
    Cell normalized() {
      return ch.equals(" ") ? new Cell(" ", 39, bg, false, reverse, underline) : this;
    }
  }

  /** What tmux shows, with colors: capture-pane -e, its SGR sequences parsed. */
  private List<List<Cell>> capture() throws Exception {
    String out = tmux.screenWithEscapes();
    List<List<Cell>> rows = new ArrayList<>();
    // tmux states attributes when they change, not again at the start of each line
    int fg = 39;
    int bg = 49;
    boolean bold = false;
    boolean reverse = false;
    boolean underline = false;
    for (String line : out.split("\n", -1)) {
      List<Cell> cells = new ArrayList<>();
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == 0x1b && i + 1 < line.length() && line.charAt(i + 1) == '[') {
          int end = i + 2;
          while (end < line.length() && !Character.isLetter(line.charAt(end))) {
            end++;
          }
          if (end < line.length() && line.charAt(end) == 'm') {
            String params = line.substring(i + 2, end);
            String[] codes = params.isEmpty() ? new String[] {"0"} : params.split(";");
            for (int k = 0; k < codes.length; k++) {
              int code = codes[k].isEmpty() ? 0 : Integer.parseInt(codes[k]);
              if (code == 0) {
                fg = 39;
                bg = 49;
                bold = false;
                reverse = false;
                underline = false;
              } else if (code == 1) {
                bold = true;
              } else if (code == 22) {
                bold = false;
              } else if (code == 4) {
                underline = true;
              } else if (code == 24) {
                underline = false;
              } else if (code == 7) {
                reverse = true;
              } else if (code == 27) {
                reverse = false;
              } else if ((code >= 30 && code <= 37) || code == 39 || (code >= 90 && code <= 97)) {
                fg = code;
              } else if ((code >= 40 && code <= 47) || code == 49 || (code >= 100 && code <= 107)) {
                bg = code;
              } else if (code == 38 || code == 48) {
                k += codes[k + 1].equals("5") ? 2 : 4;
              }
            }
          }
          i = end;
          continue;
        }
        cells.add(new Cell(String.valueOf(c), fg, bg, bold, reverse, underline));
      }
      rows.add(cells);
    }
    return rows;
  }

  private static int code(com.googlecode.lanterna.TextColor color, boolean foreground) {
    byte[] sgr = foreground ? color.getForegroundSGRSequence() : color.getBackgroundSGRSequence();
    return Integer.parseInt(new String(sgr, StandardCharsets.US_ASCII));
  }

  /** What the virtual terminal shows, in the same terms. */
  private static List<List<Cell>> expected(Harness h) {
    com.googlecode.lanterna.TerminalSize size = h.terminal().getTerminalSize();
    List<List<Cell>> rows = new ArrayList<>();
    for (int r = 0; r < size.getRows(); r++) {
      List<Cell> cells = new ArrayList<>();
      for (int c = 0; c < size.getColumns(); c++) {
        com.googlecode.lanterna.TextCharacter t = h.terminal().getCharacter(c, r);
        cells.add(
            new Cell(
                t.getCharacterString(),
                code(t.getForegroundColor(), true),
                code(t.getBackgroundColor(), false),
                t.isBold(),
                t.isReversed(),
                t.isUnderlined()));
      }
      rows.add(cells);
    }
    return rows;
  }

  private static String differences(List<List<Cell>> expected, List<List<Cell>> actual) {
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < expected.size(); r++) {
      List<Cell> e = expected.get(r);
      List<Cell> a = r < actual.size() ? actual.get(r) : List.of();
      for (int c = 0; c < Math.max(e.size(), a.size()); c++) {
        Cell ec = (c < e.size() ? e.get(c) : Cell.BLANK).normalized();
        Cell ac = (c < a.size() ? a.get(c) : Cell.BLANK).normalized();
        if (!ec.equals(ac)) {
          out.append("row ")
              .append(r)
              .append(" col ")
              .append(c)
              .append(": expected ")
              .append(ec)
              .append(" but tmux shows ")
              .append(ac)
              .append('\n');
          break;
        }
      }
    }
    return out.toString();
  }

  private static String text(List<List<Cell>> rows) {
    return rows.stream()
        .map(r -> rstrip(r.stream().map(Cell::ch).collect(Collectors.joining())))
        .collect(Collectors.joining("\n"));
  }

  private static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Waits until tmux shows exactly the expected cells, colors included (or fails showing both). */
  private void assertShows(List<List<Cell>> expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String diff = "";
    List<List<Cell>> actual = List.of();
    while (System.nanoTime() < deadline) {
      actual = capture();
      diff = differences(expected, actual);
      if (diff.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    assertEquals(text(expected), text(actual), diff);
    assertEquals("", diff, "the same text, different styles");
  }

  @Test
  void theRealTerminalShowsWhatTheVirtualOneShowsThroughScrollsPagesAndResizes() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "env LANG=C.UTF-8 TERM=xterm-256color "
            + java
            + " -cp "
            + classpath()
            + " "
            + TmuxMain.class.getName()
            + " large; echo UI-EXIT=$?; sleep 60";
    tmux.start(80, 24, command);
    try (Harness h = new Harness(80, 24, SampleDump.large(10_000), UiOptions.defaults())) {
      assertShows(expected(h));

      String[] thirtyJ = new String[30];
      Arrays.fill(thirtyJ, "j");
      tmux.keys(thirtyJ);
      h.type("j".repeat(30));
      assertShows(expected(h));

      String[] twentyK = new String[20];
      Arrays.fill(twentyK, "k");
      tmux.keys(twentyK);
      h.type("k".repeat(20));
      assertShows(expected(h));

      tmux.keys("Down", "Down", "Down");
      h.press(KeyType.ArrowDown).press(KeyType.ArrowDown).press(KeyType.ArrowDown);
      assertShows(expected(h));

      tmux.resize(120, 40);
      h.resize(120, 40);
      assertShows(expected(h));

      tmux.keys("Enter");
      h.press(KeyType.Enter);
      assertShows(expected(h));

      tmux.keys("Tab", "n");
      h.press(KeyType.Tab).type("n");
      assertShows(expected(h));

      tmux.resize(80, 24);
      h.resize(80, 24);
      assertShows(expected(h));

      tmux.keys("j", "j", "j");
      h.type("jjj");
      assertShows(expected(h));

      tmux.keys("Tab", "j", "j", "j", "j", "j");
      h.press(KeyType.Tab).type("jjjjj");
      assertShows(expected(h));

      tmux.keys("k", "k");
      h.type("kk");
      assertShows(expected(h));
    }
    tmux.keys("C-c");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String screen = "";
    while (System.nanoTime() < deadline && !screen.contains("UI-EXIT=")) {
      Thread.sleep(100);
      screen = text(capture());
    }
    assertTrue(
        screen.contains("UI-EXIT=0"), "Ctrl-C ends the UI like q, not by SIGINT:\n" + screen);
    assertTrue(!screen.contains("DRY RUN"), "the normal screen is back:\n" + screen);
  }

  @Test
  void aDumbTerminalGetsOneSentenceAndStatus2() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "env TERM=dumb "
            + java
            + " -cp "
            + classpath()
            + " "
            + TmuxMain.class.getName()
            + "; echo UI-EXIT=$?; sleep 60";
    tmux.start(120, 24, command);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String screen = "";
    while (System.nanoTime() < deadline && !screen.contains("UI-EXIT=")) {
      Thread.sleep(100);
      screen = text(capture());
    }
    assertTrue(screen.contains("TERM is 'dumb'"), screen);
    assertTrue(screen.contains("UI-EXIT=2"), screen);
  }
}
