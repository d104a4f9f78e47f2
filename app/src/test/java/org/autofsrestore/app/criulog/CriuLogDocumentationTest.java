package org.autofsrestore.app.criulog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/DESIGN.md section 3b lists every CRIU log pattern, as the patterns have it. */
class CriuLogDocumentationTest {
  static final Path DESIGN = Path.of("../docs/DESIGN.md");

  @Test
  void theDesignTableHasARowForEveryPatternWithItsFormatStringAndSeverity() throws Exception {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(DESIGN)) {
      if (line.startsWith("| `")) {
        rows.add(line);
      }
    }
    List<String> missing = new ArrayList<>();
    for (CriuLogPattern p : CriuLogPatterns.all()) {
      String row =
          rows.stream().filter(r -> r.startsWith("| `" + p.id() + "` |")).findFirst().orElse(null);
      if (row == null) {
        missing.add(p.id());
        continue;
      }
      String cells = row.replace("\\|", "|");
      assertTrue(cells.contains("`" + p.format() + "`"), p.id() + "'s format string in " + row);
      assertTrue(cells.contains("| " + p.severity().label() + " |"), p.id() + ": " + row);
      assertTrue(cells.contains("| " + p.level() + " |"), p.id() + ": " + row);
      assertTrue(cells.contains(p.meaning()), p.id() + "'s meaning in " + row);
    }
    assertEquals(List.of(), missing, "patterns without a row in " + DESIGN);
  }
}
