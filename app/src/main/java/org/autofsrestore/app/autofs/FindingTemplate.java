package org.autofsrestore.app.autofs;

import java.util.ArrayList;
import java.util.List;

/**
 * A sentence of a {@link FindingCode} cut at its holes once, so that filling it is appends only.
 */
record FindingTemplate(String[] literals, int[] holes) {
  static FindingTemplate of(String text) {
    List<String> literals = new ArrayList<>();
    List<Integer> holes = new ArrayList<>();
    int from = 0;
    for (int open = text.indexOf('{'); open >= 0; open = text.indexOf('{', from)) {
      int close = text.indexOf('}', open);
      literals.add(text.substring(from, open));
      holes.add(Integer.parseInt(text.substring(open + 1, close)));
      from = close + 1;
    }
    literals.add(text.substring(from));
    int[] numbers = new int[holes.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = holes.get(i);
    }
    return new FindingTemplate(literals.toArray(new String[0]), numbers);
  }

  /** How many values fill it: one more than its highest hole. */
  int valuesNeeded() {
    int most = -1;
    for (int h : holes) {
      most = Math.max(most, h);
    }
    return most + 1;
  }

  String fill(FindingCode code, String[] values) {
    if (holes.length == 0) {
      return literals[0];
    }
    StringBuilder b = new StringBuilder(96);
    for (int i = 0; i < holes.length; i++) {
      if (holes[i] >= values.length) {
        throw new IllegalArgumentException(
            code.code() + " needs a value for {" + holes[i] + "}, given " + values.length);
      }
      b.append(literals[i]).append(values[holes[i]]);
    }
    return b.append(literals[holes.length]).toString();
  }
}
