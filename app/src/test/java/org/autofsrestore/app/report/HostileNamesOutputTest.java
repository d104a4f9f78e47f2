package org.autofsrestore.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.autofsrestore.app.synth.DumpBuilder;
import org.autofsrestore.app.testing.CommandRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump whose mount points hold every C0 control, DEL, every C1 control, U+2028, U+2029 and NUL
 * (one character per mount point), read by the real command line: its JSON parses and gives the
 * names back as they are, its text shows each mount on one line with the character escaped.
 */
class HostileNamesOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/srv/k";

  @TempDir static Path tmp;

  private static Path dump;
  private static final List<String> NAMES = new ArrayList<>();
  private static final List<String> SHOWN = new ArrayList<>();

  /** The characters a name must not smuggle onto a terminal or into JSON as they are. */
  private static List<Character> hostileCharacters() {
    List<Character> chars = new ArrayList<>();
    for (char c = 0; c < 0x20; c++) {
      chars.add(c);
    }
    for (char c = 0x7f; c <= 0x9f; c++) {
      chars.add(c);
    }
    chars.add('\u2028');
    chars.add('\u2029');
    return chars;
  }

  /** How the text output must show {@code c}: C-style for \n \t \r, else \xNN or \\uNNNN. */
  private static String shown(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\t' -> "\\t";
      case '\r' -> "\\r";
      default ->
          c <= 0xff
              ? String.format(Locale.ROOT, "\\x%02x", (int) c)
              : String.format(Locale.ROOT, "\\u%04x", (int) c);
    };
  }

  @BeforeAll
  static void writeTheDump() throws Exception {
    DumpBuilder builder = new DumpBuilder().process(1, "init");
    for (char c : hostileCharacters()) {
      String hex = String.format(Locale.ROOT, "%04x", (int) c);
      NAMES.add(PREFIX + hex + "-" + c + "-end");
      SHOWN.add(PREFIX + hex + "-" + shown(c) + "-end");
    }
    for (String name : NAMES) {
      builder.autofsMount(name, a -> a.indirect().catatonic(77));
    }
    dump = builder.write(tmp.resolve("dump"));
  }

  private static Set<String> mountpoints(JsonNode mounts) {
    Set<String> names = new HashSet<>();
    for (JsonNode m : mounts) {
      names.add(m.get("mountpoint").asText());
    }
    return names;
  }

  /** Only printable ASCII and newlines: nothing a terminal or a JSON reader would act on. */
  private static void assertPlainAscii(String output) {
    for (int i = 0; i < output.length(); i++) {
      char c = output.charAt(i);
      int at = i;
      assertTrue(
          c == '\n' || (c >= 0x20 && c < 0x7f),
          () -> "character " + (int) c + " at " + at + " in:\n" + output);
    }
  }

  @Test
  void inspectJsonParsesAndGivesEveryNameBackAsItIs() throws Exception {
    CommandRun run = CommandRun.of("inspect", dump.toString(), "--json");
    assertPlainAscii(run.out());
    JsonNode inspection = JSON.readTree(run.out());
    assertEquals(new HashSet<>(NAMES), mountpoints(inspection.get("autofs_mounts")));
  }

  @Test
  void planJsonParsesAndGivesEveryNameBackAsItIs() throws Exception {
    CommandRun run =
        CommandRun.of(
            "plan", dump.toString(), "--root", tmp.resolve("r").toString(), "--mkdir", "--json");
    assertPlainAscii(run.out());
    JsonNode plan = JSON.readTree(run.out());
    assertEquals(new HashSet<>(NAMES), mountpoints(plan.get("mounts")));
  }

  /** Each mount's line begins with its shown name, once; no other line begins with a mount. */
  private static void assertOneLinePerMount(String output) {
    assertPlainAscii(output);
    String[] lines = output.split("\n", -1);
    int mountLines = 0;
    for (String line : lines) {
      mountLines += line.startsWith(PREFIX) ? 1 : 0;
    }
    assertEquals(NAMES.size(), mountLines, output);
    for (String shown : SHOWN) {
      int count = 0;
      for (String line : lines) {
        count += line.startsWith(shown + " ") ? 1 : 0;
      }
      assertEquals(1, count, shown + " in:\n" + output);
    }
  }

  @Test
  void inspectShowsEachMountOnOneLineWithItsControlCharacterEscaped() {
    CommandRun run = CommandRun.of("inspect", dump.toString());
    assertOneLinePerMount(run.out());
  }

  @Test
  void thePlanShowsEachMountOnOneLineWithItsControlCharacterEscaped() {
    CommandRun run =
        CommandRun.of("plan", dump.toString(), "--root", tmp.resolve("r").toString(), "--mkdir");
    assertOneLinePerMount(run.out());
  }
}
