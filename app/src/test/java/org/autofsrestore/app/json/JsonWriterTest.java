package org.autofsrestore.app.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void controlCharactersQuotesAndLoneSurrogatesAreEscapedAndPairsKept() {
    StringBuilder out = new StringBuilder();
    JsonWriter.compact(out)
        .beginArray()
        .value("a\"b\\c\n\r\t\u0001\u007f\ud83d\ude00\udc00é")
        .endArray();
    assertEquals("[\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u007f\ud83d\ude00\\udc00é\"]", out.toString());
  }

  @Test
  void withoutASurrogateTheGeneratorsEscapesAreSpelledAsQuoteSpellsThem() {
    String text = "a\"b\\c\n\r\t\b\f\u0000\u0001\u001f\u007f é/";
    StringBuilder generated = new StringBuilder();
    JsonWriter.compact(generated).beginArray().value(text).endArray();
    StringBuilder quoted = new StringBuilder("[");
    JsonWriter.quote(text, quoted);
    assertEquals(quoted.append(']').toString(), generated.toString());
    assertEquals(
        "[\"a\\\"b\\\\c\\n\\r\\t\\u0008\\u000c\\u0000\\u0001\\u001f\\u007f é/\"]",
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
  void misuseIsAnExceptionNotBrokenOutput() {
    JsonWriter json = new JsonWriter(new StringBuilder());
    json.beginObject();
    assertThrows(IllegalStateException.class, () -> json.value("no name"));
    assertThrows(IllegalStateException.class, json::endArray);
    assertThrows(IllegalStateException.class, json::finish);
  }
}
