package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What the UI writes to a real ANSI terminal (the bytes that go over SSH), counted on a Lanterna
 * ANSI terminal over plain streams.
 */
class ScreenUpdateBytesTest {
  private static final int LIMIT = 300;

  private static int[] moves(int columns, int rows, String key, int count) throws Exception {
    AnsiCapture t = AnsiCapture.of(columns, rows);
    SampleDump dump = SampleDump.large(10_000);
    int[] bytes = new int[count + 1];
    try (TerminalUi ui =
        new TerminalUi(t, dump, new SampleController(dump), UiOptions.defaults(), Runnable::run)) {
      ui.start();
      bytes[0] = t.take().length;
      for (int i = 1; i <= count; i++) {
        t.keyboard.type(key);
        ui.pump();
        bytes[i] = t.take().length;
      }
    }
    return bytes;
  }

  @Test
  void aOneRowCursorMoveInA10000RowListWritesAtMost300Bytes() throws Exception {
    // 40 moves at 80x24 cross the bottom of the 18-row window: the list scrolls 22 times
    int[] bytes = moves(80, 24, "j", 40);
    assertTrue(bytes[0] > 2000, "the first frame is a full screen: " + bytes[0]);
    for (int i = 1; i < bytes.length; i++) {
      assertTrue(bytes[i] > 0, "move " + i + " wrote nothing");
      assertTrue(bytes[i] <= LIMIT, "move " + i + " wrote " + bytes[i] + " bytes");
    }
  }

  @Test
  void movingUpAndWithTheArrowKeysIsAsCheap() throws Exception {
    int[] down = moves(80, 24, "\u001b[B", 30);
    for (int i = 1; i < down.length; i++) {
      assertTrue(down[i] > 0 && down[i] <= LIMIT, "arrow down " + i + ": " + down[i]);
    }
    AnsiCapture t = AnsiCapture.of(80, 24);
    SampleDump dump = SampleDump.large(10_000);
    try (TerminalUi ui =
        new TerminalUi(t, dump, new SampleController(dump), UiOptions.defaults(), Runnable::run)) {
      ui.start();
      t.keyboard.type("G");
      ui.pump();
      t.take();
      for (int i = 0; i < 30; i++) {
        t.keyboard.type("k");
        ui.pump();
        int n = t.take().length;
        assertTrue(n > 0 && n <= LIMIT, "k " + i + ": " + n);
      }
    }
  }

  @Test
  void aWideTerminalDoesNotMakeAMoveDearer() throws Exception {
    int[] bytes = moves(200, 60, "j", 70);
    for (int i = 1; i < bytes.length; i++) {
      assertTrue(bytes[i] > 0 && bytes[i] <= LIMIT, "move " + i + " wrote " + bytes[i]);
    }
  }

  @Test
  void scrollingTheDetailsOrTheStepperByOneLineWritesAtMost300Bytes() throws Exception {
    AnsiCapture t = AnsiCapture.of(80, 24);
    SampleDump dump = SampleDump.multi();
    try (TerminalUi ui =
        new TerminalUi(t, dump, new SampleController(dump), UiOptions.defaults(), Runnable::run)) {
      ui.start();
      for (String page : new String[] {"\n", "\t"}) {
        t.keyboard.type(page);
        ui.pump();
        t.take();
        for (String key : new String[] {"j", "j", "j", "k", "j"}) {
          t.keyboard.type(key);
          ui.pump();
          int n = t.take().length;
          assertTrue(n > 0 && n <= LIMIT, "page " + page.trim() + " key " + key + ": " + n);
        }
      }
    }
  }
}
