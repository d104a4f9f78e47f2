package org.autofsrestore.app.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static String document(Appendable out, int mounts) {
    JsonWriter json = new JsonWriter(out);
    json.beginObject();
    json.name("mounts").beginArray();
    for (int i = 0; i < mounts; i++) {
      json.beginObject();
      json.name("mnt_id").value(i);
      json.name("mountpoint").value("/srv/\u001b[31m\"x\"\\" + i + "\ud800");
      json.name("timeout").value((Long) null);
      json.name("catatonic").value(i % 2 == 0);
      json.name("below").beginArray().endArray();
      json.endObject();
    }
    json.endArray();
    json.endObject();
    json.finish();
    return out.toString();
  }

  @Test
  void everyCharacterOutsidePrintableAsciiIsEscapedAndReadsBackAsItWas() throws Exception {
    String text =
        "a\"b\\c\n\r\t\u0001\u007f\u0085\u009b\u2028\u2029\u202e\ud83d\ude00\udc00é\u0000";
    StringBuilder out = new StringBuilder();
    JsonWriter.compact(out).beginArray().value(text).endArray();
    assertEquals(
        "[\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u007f\\u0085\\u009b\\u2028\\u2029\\u202e"
            + "\\ud83d\\ude00\\udc00\\u00e9\\u0000\"]",
        out.toString());
    // A pair's two escapes are its character again; a lone surrogate is that char again.
    assertEquals(text, new ObjectMapper().readTree(out.toString()).get(0).asText());
  }

  @Test
  void everyControlIsALowercaseUnicodeEscapeButTheThreeWhitespaceShortForms() {
    String text = "a\"b\\c\n\r\t\b\f\u0000\u0001\u001f\u007f é/\u0085\ud83d\ude00\udc00";
    StringBuilder generated = new StringBuilder();
    JsonWriter.compact(generated).beginArray().value(text).endArray();
    assertEquals(
        "[\"a\\\"b\\\\c\\n\\r\\t\\u0008\\u000c\\u0000\\u0001\\u001f\\u007f \\u00e9/\\u0085"
            + "\\ud83d\\ude00\\udc00\"]",
        generated.toString());
  }

  @Test
  void aLargeDocumentWrittenInChunksToAWriterIsTheSameAsOneBuiltInMemory() {
    String inMemory = document(new StringBuilder(), 2000);
    StringWriter sink = new StringWriter();
    PrintWriter writer = new PrintWriter(sink);
    document(writer, 2000);
    writer.flush();
    assertEquals(inMemory, sink.toString());
    assertTrue(inMemory.startsWith("{\n  \"mounts\": [\n    {\n      \"mnt_id\": 0,\n"), inMemory);
  }

  @Test
  void aCompactObjectReachesAWriterWhenItClosesWithoutFinish() {
    StringWriter sink = new StringWriter();
    PrintWriter writer = new PrintWriter(sink);
    JsonWriter.compact(writer).beginObject().name("a").value(1).endObject();
    writer.flush();
    assertEquals("{\"a\":1}", sink.toString());
  }

  @Test
  void aDocumentIsIndentedTwoSpacesALevelWithEmptyScopesOnOneLine() {
    StringBuilder out = new StringBuilder();
    JsonWriter json = new JsonWriter(out);
    json.beginObject();
    json.name("empty_array").beginArray().endArray();
    json.name("empty_object").beginObject().endObject();
    json.name("nested").beginArray();
    json.value(1).beginArray().beginObject().endObject().beginArray().endArray().endArray();
    json.beginObject().name("n").nullValue().name("b").beginArray().value(true).endArray();
    json.endObject().value(new java.math.BigInteger("123456789012345678901234567890"));
    json.endArray();
    json.name("s").value("x");
    json.endObject().finish();
    assertEquals(
        String.join(
            "\n",
            "{",
            "  \"empty_array\": [],",
            "  \"empty_object\": {},",
            "  \"nested\": [",
            "    1,",
            "    [",
            "      {},",
            "      []",
            "    ],",
            "    {",
            "      \"n\": null,",
            "      \"b\": [",
            "        true",
            "      ]",
            "    },",
            "    123456789012345678901234567890",
            "  ],",
            "  \"s\": \"x\"",
            "}",
            ""),
        out.toString());
    StringBuilder array = new StringBuilder();
    new JsonWriter(array).beginArray().endArray().finish();
    assertEquals("[]\n", array.toString());
  }

  @Test
  void misuseIsAnExceptionNotBrokenOutput() {
    JsonWriter json = new JsonWriter(new StringBuilder());
    json.beginObject();
    assertThrows(IllegalStateException.class, () -> json.value("no name"));
    assertThrows(IllegalStateException.class, json::endArray);
    assertThrows(IllegalStateException.class, json::finish);
  }
}
