package org.autofsrestore.app.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntIndexTest {
  @Test
  void findsWhatWasPutAndNothingElse() {
    IntIndex index = new IntIndex(2);
    index.put(32, 0);
    index.put(-1, 1);
    index.put(Integer.MIN_VALUE, 2);
    assertEquals(0, index.get(32));
    assertEquals(1, index.get(-1));
    assertEquals(2, index.get(Integer.MIN_VALUE));
    assertEquals(IntIndex.ABSENT, index.get(33));
    assertEquals(3, index.size());
  }

  @Test
  void aKeyPutAgainTakesTheLaterValueAsAMapDoes() {
    IntIndex index = new IntIndex(4);
    index.put(7, 0);
    index.put(7, 5);
    assertEquals(5, index.get(7));
    assertEquals(1, index.size());
  }

  @Test
  void agreesWithAHashMapThroughGrowthOnSequentialAndRandomKeys() {
    IntIndex index = new IntIndex(1);
    Map<Integer, Integer> map = new HashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      int key = i % 3 == 0 ? random.nextInt() : i / 2;
      index.put(key, i);
      map.put(key, i);
    }
    assertEquals(map.size(), index.size());
    for (Map.Entry<Integer, Integer> e : map.entrySet()) {
      assertEquals(e.getValue(), index.get(e.getKey()));
    }
    for (int i = 0; i < 1000; i++) {
      int key = random.nextInt();
      assertEquals(map.getOrDefault(key, IntIndex.ABSENT), index.get(key));
    }
  }
}
