package org.autofsrestore.ui.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.graphics.BasicTextImage;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.ui.screen.Table.Cell;
import org.autofsrestore.ui.screen.Table.Column;
import org.junit.jupiter.api.Test;

/** The one table helper: alignment, clipping with an ellipsis, widths, highlight and escaping. */
class TableTest {
  private static final Theme THEME = Theme.of(false);

  private BasicTextImage image;

  private Canvas canvas(int width, boolean ascii) {
    image = new BasicTextImage(new TerminalSize(width, 3));
    return new Canvas(image.newTextGraphics(), width, 3, THEME, Glyphs.of(ascii), ascii);
  }

  private String row(int r) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < image.getSize().getColumns(); c++) {
      TextCharacter ch = image.getCharacterAt(c, r);
      b.append(ch.getCharacterString());
      if (ch.isDoubleWidth()) {
        c++;
      }
    }
    return b.toString();
  }

  private static final Table MOUNTS =
      Table.of(
          Table.Highlight.COLUMNS,
          Column.path("MOUNTPOINT"),
          Column.right("FD"),
          Column.left("OWNER"),
          Column.rest("NOTE"));

  @Test
  void cellsAreAlignedInTheirColumnsOneColumnApart() {
    Canvas c = canvas(30, false);
    sized(10, 4, 6).draw(c, 0, false, cells("/srv/a", "7", "auto", "x"));
    assertEquals("/srv/a        7 auto   x      ", row(0));
  }

  /** MOUNTS with these widths for the first three columns, the note taking the rest. */
  private static Table sized(int mountpoint, int fd, int owner) {
    return MOUNTS.widths(mountpoint, fd, owner, Table.FILL);
  }

  @Test
  void aValueOfExactlyTheColumnsWidthIsNotCutAndOneMoreIsCutWithAnEllipsis() {
    Canvas c = canvas(30, false);
    Table t = sized(10, 4, 6);
    t.draw(c, 0, false, cells("/srv/ab/cd", "1234", "sixsix", ""));
    assertEquals("/srv/ab/cd 1234 sixsix        ", row(0));
    t.draw(c, 1, false, cells("/srv/ab/cde", "12345", "sevense", ""));
    assertEquals("…rv/ab/cde 123… seven…        ", row(1), "a path keeps its end");
  }

  @Test
  void asciiTerminalsCutWithATilde() {
    Canvas c = canvas(20, true);
    sized(6, 3, 4).draw(c, 0, false, cells("/srv/long", "1234", "owner", ""));
    assertEquals("~/long 12~ own~     ", row(0));
  }

  @Test
  void theHeaderUsesTheColumnsAlignmentAndIsCutAtItsEnd() {
    Canvas c = canvas(30, false);
    sized(6, 4, 6).drawHeader(c, 0);
    assertEquals("MOUNT…   FD OWNER  NOTE       ", row(0));
  }

  @Test
  void onANarrowTerminalTheLastColumnsAreCutAtTheEdgeWithAnEllipsis() {
    Canvas c = canvas(14, false);
    sized(10, 4, 6).draw(c, 0, false, cells("/srv/a", "7", "auto", "x"));
    assertEquals("/srv/a       …", row(0), "the FD column has 3 of its 4 columns left");
  }

  @Test
  void aTableInABoxStartsAtItsColumnAndItsRestColumnEndsAtTheEdge() {
    Canvas c = canvas(20, false);
    sized(4, 1, 2).drawAt(c, 5, 0, cells("/a", "1", "o", "the rest of it"));
    assertEquals("     /a   1 o  the …", row(0));
  }

  @Test
  void theRestColumnTakesWhatTheLineLeavesOnAWideTerminal() {
    Canvas c = canvas(40, false);
    sized(6, 2, 4)
        .draw(c, 0, false, cells("/a", "1", "o", "a note longer than what is left of it"));
    assertEquals("/a      1 o    a note longer than what …", row(0));
  }

  @Test
  void controlCharactersInACellReachTheTerminalAsQuestionMarks() {
    Canvas c = canvas(30, false);
    sized(12, 4, 6).draw(c, 0, false, cells("/srv/\u001b[2J", "1", "\u202eevil", "a\tb\u0007"));
    assertEquals("/srv/?[2J       1 ?evil  a?b? ", row(0));
  }

  @Test
  void aCjkCellIsMeasuredInTerminalColumns() {
    Canvas c = canvas(20, false);
    sized(7, 2, 4).draw(c, 0, false, cells("/日本語", "1", "日本語", ""));
    assertEquals("/日本語  1 日…      ", row(0), "日 and the ellipsis: 本 would split the column");
  }

  @Test
  void aSelectedRowIsHighlightedAcrossItsColumnsOrAcrossTheLine() {
    Canvas c = canvas(30, false);
    Table.of(Table.Highlight.COLUMNS, Column.left("A"), Column.left("B"))
        .widths(3, 4)
        .draw(c, 0, true, cells("x", "y"));
    assertEquals(8, highlighted(0), "3 + 1 + 4 columns");
    Table.of(Table.Highlight.LINE, Column.left("A"), Column.left("B"))
        .widths(3, 4)
        .draw(c, 1, true, cells("x", "y"));
    assertEquals(30, highlighted(1), "the whole line");
  }

  @Test
  void aSelectedRowDrawsEveryCellInTheSelectedRoleWhateverItsOwn() {
    Canvas c = canvas(10, false);
    Table t = Table.of(Table.Highlight.COLUMNS, Column.left("A"), Column.left("B")).widths(3, 4);
    t.draw(c, 0, true, Cell.of("x", Role.ERROR), Cell.of("y", Role.GOOD));
    TextCharacter selected = image.getCharacterAt(0, 0);
    assertEquals(selected.getBackgroundColor(), image.getCharacterAt(4, 0).getBackgroundColor());
    assertEquals(selected.getForegroundColor(), image.getCharacterAt(4, 0).getForegroundColor());
  }

  private int highlighted(int r) {
    TextCharacter first = image.getCharacterAt(0, r);
    int n = 0;
    for (int c = 0; c < image.getSize().getColumns(); c++) {
      if (image.getCharacterAt(c, r).getBackgroundColor().equals(first.getBackgroundColor())) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aPaneTableIsAsWideAsItsContentUpToTheCapsAndWrapsItsLastColumn() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"timeout", "60", "the expire timeout differs from what was dumped"});
    rows.add(new String[] {"a-very-long-field-name", "-", ""});
    Table t =
        Table.measured(
            new String[] {"FIELD", "DUMP", "NOTE"}, rows, new int[] {12, 8, 0}, 40, false, 2);
    assertEquals(List.of(12, 4, 20), widthsOf(t));
    assertEquals("  FIELD         DUMP  NOTE", t.headerLine("  ", false, "…").text());
    List<Line> lines = t.rowLines("  ", false, "…", cells(rows.get(0)));
    assertEquals(
        List.of(
            "  timeout       60    the expire timeout ",
            "                      differs from what ",
            "                      was dumped"),
        lines.stream().map(Line::text).toList());
    assertEquals(
        "  a-very-long…  -     ", t.rowLines("  ", false, "…", cells(rows.get(1))).get(0).text());
  }

  @Test
  void aPaneTablesLastColumnIsAtLeastTenColumnsWideOnANarrowPane() {
    Table t =
        Table.measured(new String[] {"FIELD", "NOTE"}, List.of(), new int[] {40, 0}, 12, false, 2);
    assertEquals(List.of(5, 10), widthsOf(t));
  }

  @Test
  void widthsMustBeGivenForEveryColumn() {
    assertThrows(IllegalArgumentException.class, () -> MOUNTS.widths(1, 2));
  }

  private static List<Integer> widthsOf(Table t) {
    return t.columns().stream().map(Column::width).toList();
  }

  private static Cell[] cells(String... texts) {
    Cell[] out = new Cell[texts.length];
    for (int i = 0; i < texts.length; i++) {
      out[i] = Cell.of(texts[i], Role.NORMAL);
    }
    return out;
  }
}
