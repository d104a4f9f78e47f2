package org.autofsrestore.app.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one flat JSON object (string, number, boolean and null values; no nesting): the shape of a
 * journal line, read with jackson-core's streaming parser. Anything else is an {@link
 * IllegalArgumentException} naming the column.
 */
public final class FlatJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private FlatJson() {}

  /** The object's values by name, in order: String, Long, Double, Boolean or null. */
  public static Map<String, Object> parse(String line) {
    try (JsonParser parser = FACTORY.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw error(parser, "expected {");
      }
      Map<String, Object> values = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        values.put(name, value(parser, parser.nextToken()));
      }
      if (parser.nextToken() != null) {
        throw error(parser, "text after the object");
      }
      return values;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String is read without I/O
    }
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw error(parser, "not a flat value: " + token);
    };
  }

  private static IllegalArgumentException error(JsonParser parser, String what) {
    return new IllegalArgumentException(
        what + " at column " + parser.currentTokenLocation().getColumnNr());
  }
}
