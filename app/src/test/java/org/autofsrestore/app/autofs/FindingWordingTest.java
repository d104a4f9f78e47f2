package org.autofsrestore.app.autofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each finding is worded by its code alone: every {@link FindingCode} carries its two sentences,
 * and no other source of the product makes a {@link Finding} or writes a systemd command.
 */
class FindingWordingTest {
  private static final Pattern HOLE = Pattern.compile("\\{[0-9]+\\}");
  private static final Path MAIN = Path.of("src/main/java");

  @ParameterizedTest
  @EnumSource(FindingCode.class)
  void everyCodesSentencesAreFilledWithEachOfItsValues(FindingCode code) {
    int n = code.valuesNeeded();
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      values[i] = "<value " + i + ">";
    }
    Finding f = code.at("/srv/x", values);

    assertEquals(code, f.code());
    assertEquals(code.severity(), f.severity());
    assertEquals("/srv/x", f.mountpoint());
    String both = f.message() + "\n" + f.action();
    assertFalse(HOLE.matcher(both).find(), code + " left a hole: " + both);
    for (String v : values) {
      assertTrue(both.contains(v), code + " does not say " + v + ": " + both);
    }
    assertFalse(f.message().isBlank(), code + " has no message");
    assertFalse(f.action().isBlank(), code + " has no action");
    if (n > 0) {
      String[] short1 = java.util.Arrays.copyOf(values, n - 1);
      assertThrows(IllegalArgumentException.class, () -> code.at("/srv/x", short1), code.code());
    }
  }

  @Test
  void everyCodeIsItsConstantsNameInLowerCaseWithDashes() {
    for (FindingCode c : FindingCode.values()) {
      assertTrue(c.code().matches("[a-z0-9]+(-[a-z0-9]+)*"), c.code());
      assertEquals(c.name(), c.code().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  @Test
  void aWeighedFindingKeepsItsCodesSentencesWithTheGivenSeverity() {
    Finding plain = FindingCode.TARGET_MOUNTED.at("/srv/x", "/r/srv/x", "");
    Finding over =
        FindingCode.TARGET_MOUNTED.weighed(
            Severity.WARNING, "/srv/x", "/r/srv/x", FindingCode.MOUNTED_OVER);

    assertEquals(Severity.ERROR, plain.severity());
    assertEquals(Severity.WARNING, over.severity());
    assertEquals(
        "/r/srv/x is already a mount point; a restore would hide that mount.", plain.message());
    assertEquals(
        "/r/srv/x is already a mount point; a restore would hide that mount (--over-existing:"
            + " mounted over).",
        over.message());
    assertEquals(plain.action(), over.action());
  }

  @Test
  void noSourceButFindingCodeMakesAFinding() throws IOException {
    List<String> makers = new ArrayList<>();
    for (Path java : sources()) {
      String text = Files.readString(java, StandardCharsets.UTF_8);
      boolean own = java.endsWith(Path.of("autofs", "FindingCode.java"));
      if (!own && (text.contains("new Finding(") || text.contains("Finding.of("))) {
        makers.add(MAIN.relativize(java).toString());
      }
    }
    assertEquals(List.of(), makers, "sources that word a finding outside FindingCode");
  }

  @Test
  void onlySystemdUnitsWritesASystemctlCommand() throws IOException {
    List<String> writers = new ArrayList<>();
    for (Path java : sources()) {
      if (Files.readString(java, StandardCharsets.UTF_8).contains("systemctl ")
          && !java.endsWith(Path.of("autofs", "SystemdUnits.java"))) {
        writers.add(MAIN.relativize(java).toString());
      }
    }
    assertEquals(List.of(), writers, "sources that write a systemctl command themselves");
  }

  private static List<Path> sources() throws IOException {
    assertTrue(Files.isDirectory(MAIN), "run from the app module: " + MAIN.toAbsolutePath());
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<Path> found = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertTrue(found.size() > 100, "the product's sources: " + found.size());
      return found;
    }
  }
}
