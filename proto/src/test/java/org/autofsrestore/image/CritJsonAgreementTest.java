package org.autofsrestore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every decodable image of the fixtures, read by {@link ImageReader}, says field for field what
 * {@code crit show} printed for it. crit is CRIU's own reader, so this pins field numbers, types
 * and enum values to CRIU's.
 */
class CritJsonAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Image file name prefix -> type. */
  private static final Map<String, ImageType<? extends Message>> TYPES =
      Map.of(
          "inventory", ImageType.INVENTORY,
          "pstree", ImageType.PSTREE,
          "core-", ImageType.CORE,
          "ids-", ImageType.IDS,
          "mountpoints-", ImageType.MNTS,
          "autofs-", ImageType.AUTOFS,
          "fdinfo-", ImageType.FDINFO,
          "files", ImageType.FILES);

  /** Messages modelled only in part: crit keys they lack are kept as unknown fields. */
  private static final Set<String> PARTIAL = Set.of("criu.CoreEntry", "criu.TaskCoreEntry");

  /** crit prints these uint fields as "0x..." strings ((criu).hex in CRIU's protos). */
  private static final Set<String> HEX =
      Set.of(
          "criu.MntEntry.flags",
          "criu.MntEntry.sb_flags",
          "criu.PipeEntry.flags",
          "criu.TaskCoreEntry.blk_sigset");

  /**
   * Rendered by crit through dictionaries this test does not restate (rfile.flags as "O_WRONLY |
   * O_LARGEFILE"); the raw value is still read and round-tripped.
   */
  private static final Set<String> SKIPPED = Set.of("criu.RegFileEntry.flags");

  @TestFactory
  Stream<DynamicTest> everyDecodableFixtureImageMatchesCritShow() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path dir : Fixtures.imageDirectories()) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path image : files.sorted().toList()) {
          ImageType<? extends Message> type = typeOf(image);
          Path json = Fixtures.critJson(image);
          if (type == null || !Files.exists(json)) {
            continue; // not a type this tool reads, or crit could not decode it (broken-*)
          }
          tests.add(
              DynamicTest.dynamicTest(
                  dir.getFileName() + "/" + image.getFileName(), () -> compare(image, type, json)));
        }
      }
    }
    assertTrue(tests.size() > 80, "expected the fixtures' images, found " + tests.size());
    return tests.stream();
  }

  private static void compare(Path image, ImageType<? extends Message> type, Path json)
      throws IOException {
    JsonNode crit = JSON.readTree(json.toFile());
    assertEquals(type.name(), crit.get("magic").asText(), "magic name");
    List<? extends Message> records = ImageReader.readAll(image, type);
    JsonNode entries = crit.get("entries");
    assertEquals(entries.size(), records.size(), "record count");
    for (int i = 0; i < records.size(); i++) {
      compareMessage("entries[" + i + "]", records.get(i), entries.get(i));
    }
  }

  private static void compareMessage(String where, Message message, JsonNode crit) {
    String name = message.getDescriptorForType().getFullName();
    for (Map.Entry<String, JsonNode> entry : crit.properties()) {
      String path = where + "." + entry.getKey();
      FieldDescriptor field = message.getDescriptorForType().findFieldByName(entry.getKey());
      if (field == null) {
        if (!PARTIAL.contains(name)) {
          fail(path + ": crit shows a field that " + name + " does not model");
        }
        assertFalse(
            message.getUnknownFields().asMap().isEmpty(),
            path + ": not modelled, so it must survive as an unknown field");
        continue;
      }
      String qualified = name + "." + field.getName();
      if (SKIPPED.contains(qualified)) {
        continue;
      }
      if (field.isRepeated()) {
        JsonNode list = entry.getValue();
        assertEquals(list.size(), message.getRepeatedFieldCount(field), path + " count");
        for (int i = 0; i < list.size(); i++) {
          compareValue(
              path + "[" + i + "]",
              qualified,
              field,
              message.getRepeatedField(field, i),
              list.get(i));
        }
      } else {
        assertTrue(message.hasField(field), path + ": crit shows it, the reader did not read it");
        compareValue(path, qualified, field, message.getField(field), entry.getValue());
      }
    }
  }

  private static void compareValue(
      String path, String qualified, FieldDescriptor field, Object value, JsonNode crit) {
    switch (field.getJavaType()) {
      case MESSAGE -> compareMessage(path, (Message) value, crit);
      case ENUM -> assertEquals(crit.asText(), ((EnumValueDescriptor) value).getName(), path);
      case STRING -> assertEquals(crit.asText(), value, path);
      case BOOLEAN -> assertEquals(crit.asBoolean(), value, path);
      case INT, LONG -> {
        long number =
            value instanceof Integer n
                ? (isUnsigned(field) ? Integer.toUnsignedLong(n) : n)
                : (Long) value;
        if (HEX.contains(qualified)) {
          assertEquals(crit.asText(), "0x" + Long.toHexString(number), path);
        } else if (qualified.equals("criu.MntEntry.root_dev")) {
          // (criu).dev: the kernel's MKDEV form, major << 20 | minor.
          assertEquals(crit.asText(), (number >>> 20) + ":" + (number & 0xFFFFF), path);
        } else if (qualified.equals("criu.TaskCoreEntry.task_state")) {
          assertEquals(crit.asText(), taskState(number), path);
        } else if (crit.isTextual()) {
          fail(path + ": crit printed text " + crit + " for the number " + number);
        } else {
          assertEquals(crit.bigIntegerValue().longValue(), number, path);
        }
      }
      default -> fail(path + ": unexpected field type " + field.getJavaType());
    }
  }

  private static boolean isUnsigned(FieldDescriptor field) {
    return field.getType() == FieldDescriptor.Type.UINT32
        || field.getType() == FieldDescriptor.Type.FIXED32;
  }

  /** CRIU's "gen" dictionary of task states (TASK_ALIVE ... in compel). */
  private static String taskState(long value) {
    return switch ((int) value) {
      case 1 -> "Alive";
      case 2 -> "Dead";
      case 3 -> "Stopped";
      case 6 -> "Zombie";
      default -> "unknown " + value;
    };
  }

  private static ImageType<? extends Message> typeOf(Path image) {
    String name = image.getFileName().toString();
    for (Map.Entry<String, ImageType<? extends Message>> e : TYPES.entrySet()) {
      if (name.startsWith(e.getKey()) && name.endsWith(".img")) {
        return e.getValue();
      }
    }
    return null;
  }
}
