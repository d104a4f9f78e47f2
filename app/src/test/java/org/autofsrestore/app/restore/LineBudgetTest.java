package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBudgetTest {
  private static final long MS = 1_000_000L;

  @Test
  void aFloodWithinASecondWritesTheBudgetAndCountsTheRestWhenTheNextSecondBegins() {
    LineBudget budget = new LineBudget(100);
    List<Long> told = new ArrayList<>();
    int written = 0;
    for (int i = 0; i < 10_000; i++) {
      if (budget.admit(i * MS / 20, told::add)) { // 10,000 in 500 ms
        written++;
      }
    }
    assertEquals(100, written);
    assertEquals(List.of(), told, "nothing told before the second is over");

    boolean next = budget.admit(1000 * MS, told::add);

    assertEquals(true, next, "a new second writes again");
    assertEquals(List.of(9_900L), told);
  }

  @Test
  void linesUnderTheBudgetAreAllWrittenAndAFlushTellsOnlyWhatWasHeldBack() {
    LineBudget budget = new LineBudget(3);
    List<Long> told = new ArrayList<>();
    for (int second = 0; second < 5; second++) {
      for (int i = 0; i < 3; i++) {
        assertEquals(true, budget.admit(second * 1000 * MS + i, told::add));
      }
    }
    budget.flush(told::add);
    assertEquals(List.of(), told);
    budget.admit(5000 * MS, told::add);
    budget.admit(5000 * MS, told::add);
    budget.admit(5000 * MS, told::add);
    assertEquals(false, budget.admit(5000 * MS, told::add));
    budget.flush(told::add);
    assertEquals(List.of(1L), told, "the held-back line is told at the end of serving");
  }
}
