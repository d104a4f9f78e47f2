package org.autofsrestore.app.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * JSON documents through jackson-core's {@link JsonGenerator}: objects, arrays, strings, numbers,
 * booleans and null, indented two spaces ({@code "name": value}, empty {@code {}} and {@code []}),
 * or compact. The generator checks nesting as it goes, so a caller's mistake is an {@link
 * IllegalStateException} here, not broken output.
 *
 * <p>It replaced a hand-written writer of the same output, which a side-by-side run did not show
 * faster: {@code inspect --json} of a generated 10,000-mount dump ({@code --processes 5000}) with
 * the launcher's class-data archive, whole processes, alternating, 15 runs each, on a shared 2-core
 * machine at load 10-15 (2026-12-03). CPU time (user+sys): hand-written 730 ms median (IQR
 * 700-770), this 730 ms (IQR 700-770), paired difference +10 ms, more in 8 of 15 pairs. Wall time:
 * 1934 ms (IQR 1563-2492) against 1930 ms (IQR 1521-2524), paired -107 ms, more in 7 of 15. At
 * 20,000 autofs mounts, without the archive, 20 pairs: CPU medians 3030 and 3090 ms hand-written
 * against 3320 and 3280 ms, but paired -40 and -70 ms, more in 7 of 20 pairs: load noise either
 * way.
 *
 * <p>The layout is jackson's {@link DefaultPrettyPrinter}, configured to the bytes of the
 * hand-written printer it replaced, and the journal's lines are written by this class too ({@link
 * #compact}), byte for byte as its hand-built lines were (JsonWriterTest, JournalLineBytesTest).
 * CPU time (user+sys) of writing 10 documents of 20,000 objects (75 MB) under C1 as the launcher
 * runs, 7 alternating runs each, load 10-12 (2026-12-08): hand-written printer 1.03 s median,
 * DefaultPrettyPrinter 0.99 s, this class (with calls that allocate nothing) 0.94 s; {@code inspect
 * --json} of a generated 10,000-mount dump (22 MB out, whole processes, 7 pairs): 2.67 s before,
 * 2.48 s after.
 *
 * <p>Every character outside printable ASCII is written as a {@code \\uXXXX} escape, so a document
 * is 7-bit ASCII whatever a dump's names hold: C0 and C1 controls, DEL, U+2028/2029 (line breaks to
 * a JavaScript reader), NUL, bidirectional overrides. It reaches any reader and any terminal
 * unchanged and parses the same in any charset. A surrogate is escaped one char at a time too: a
 * pair becomes two escapes, which a JSON reader joins back into its character; a lone surrogate (no
 * valid UTF-16, never from a dump's UTF-8) becomes the escape of that char, which jackson and
 * Python read back into the same Java or Python string, rather than U+FFFD, which would lose it. A
 * JSON reader that insists on valid Unicode may refuse such a string; none of the tool's inputs
 * yields one.
 *
 * <p>Given a {@link JsonSink} (the command line's text output), the document goes to its raw
 * destination, past the sanitizer that makes text safe for a terminal: JSON is safe as written, and
 * that sanitizer's escapes would make it invalid.
 */
public final class JsonWriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final char[] HEX = "0123456789abcdef".toCharArray(); // before ESCAPES uses it
  private static final CharacterEscapes ESCAPES = new QuoteEscapes();

  /**
   * Two spaces a level, {@code "name": value}, empty scopes as {@code {}} and {@code []}: the
   * layout of every indented document (a template: each generator gets its own instance, which
   * keeps the nesting depth).
   */
  private static final DefaultPrettyPrinter TWO_SPACES = twoSpaces();

  private static DefaultPrettyPrinter twoSpaces() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withRootSeparator("")
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
    printer.indentArraysWith(indenter);
    printer.indentObjectsWith(indenter);
    return printer;
  }

  private final JsonGenerator generator;

  /** A writer that indents two spaces per level. */
  public JsonWriter(Appendable out) {
    this(out, true);
  }

  private JsonWriter(Appendable out, boolean indent) {
    Appendable target = out instanceof JsonSink sink ? sink.jsonWriter() : out;
    try {
      generator =
          FACTORY.createGenerator(target instanceof Writer w ? w : new AppendableWriter(target));
    } catch (IOException e) {
      throw failure(e);
    }
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    generator.setCharacterEscapes(ESCAPES);
    if (indent) {
      generator.setPrettyPrinter(TWO_SPACES.createInstance());
    }
  }

  /** A writer that puts the whole document on one line (JSON lines). */
  public static JsonWriter compact(Appendable out) {
    return new JsonWriter(out, false);
  }

  public JsonWriter beginObject() {
    return write(JsonGenerator::writeStartObject);
  }

  public JsonWriter endObject() {
    return write(JsonGenerator::writeEndObject).flushAtTheEnd();
  }

  public JsonWriter beginArray() {
    return write(JsonGenerator::writeStartArray);
  }

  public JsonWriter endArray() {
    return write(JsonGenerator::writeEndArray).flushAtTheEnd();
  }

  public JsonWriter name(String name) {
    return write(JsonGenerator::writeFieldName, name);
  }

  public JsonWriter value(String value) {
    return write(JsonGenerator::writeString, value);
  }

  public JsonWriter value(Number value) {
    if (value == null) {
      return nullValue();
    } else if (value instanceof Integer i) {
      return write((g, n) -> g.writeNumber(n.intValue()), i);
    } else if (value instanceof Long l) {
      return write((g, n) -> g.writeNumber(n.longValue()), l);
    }
    return write((g, n) -> g.writeNumber(n.toString()), value);
  }

  public JsonWriter value(boolean value) {
    return write(JsonGenerator::writeBoolean, value);
  }

  /**
   * Null, a number or a boolean as JSON spells it, anything else as the string of its {@code
   * toString()}: for values of mixed kinds (a journal event's details).
   */
  public JsonWriter value(Object value) {
    if (value == null || value instanceof Number) {
      return value((Number) value);
    }
    return value instanceof Boolean b ? value(b.booleanValue()) : value(value.toString());
  }

  public JsonWriter nullValue() {
    return write(JsonGenerator::writeNull);
  }

  /** Ends the document with a newline; every scope must be closed. */
  public void finish() {
    if (!generator.getOutputContext().inRoot()) {
      throw new IllegalStateException("unclosed " + generator.getOutputContext().typeDesc());
    }
    write(g -> g.writeRaw('\n')).write(JsonGenerator::flush);
  }

  /** A whole document (or JSON line) is out even without finish(). */
  private JsonWriter flushAtTheEnd() {
    return generator.getOutputContext().inRoot() ? write(JsonGenerator::flush) : this;
  }

  /**
   * A generator call. Every call site passes a lambda or method reference that captures nothing, so
   * no call allocates: the launcher runs C1 only, which would not optimize a capturing lambda away
   * (one per value made the writer 1.7x slower).
   */
  @FunctionalInterface
  private interface Call {
    void on(JsonGenerator generator) throws IOException;
  }

  /** A generator call with one value. */
  @FunctionalInterface
  private interface Write<T> {
    void on(JsonGenerator generator, T value) throws IOException;
  }

  private JsonWriter write(Call call) {
    try {
      call.on(generator);
    } catch (IOException e) {
      throw failure(e);
    }
    return this;
  }

  private <T> JsonWriter write(Write<T> call, T value) {
    try {
      call.on(generator, value);
    } catch (IOException e) {
      throw failure(e);
    }
    return this;
  }

  /**
   * The generator's refusal of a misplaced call is the caller's mistake (an {@link
   * IllegalStateException}); any other IOException is the output's.
   */
  private static RuntimeException failure(IOException e) {
    return e instanceof JsonGenerationException g
        ? new IllegalStateException(g.getOriginalMessage(), g)
        : new UncheckedIOException(e);
  }

  /**
   * Jackson's escapes as this writer spells them: lowercase {@code \\u00xx} for every control but
   * \\n, \\r and \\t, for DEL too, and for every char above ASCII.
   */
  private static final class QuoteEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();
    private final SerializableString[] custom = new SerializableString[128];

    QuoteEscapes() {
      for (int c = 0; c < 128; c++) {
        boolean control = c < 0x20 && c != '\n' && c != '\r' && c != '\t';
        if (control || c == 0x7f) {
          ascii[c] = ESCAPE_CUSTOM;
          custom[c] = unicodeEscape(c);
        }
      }
    }

    private static SerializableString unicodeEscape(int c) {
      char[] escape = {'\\', 'u', HEX[c >> 12], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]};
      return new SerializedString(new String(escape));
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch < 128 ? custom[ch] : unicodeEscape(ch);
    }
  }

  /** A destination that is not a Writer (a StringBuilder), behind the generator's buffer. */
  private static final class AppendableWriter extends Writer {
    private final Appendable out;

    AppendableWriter(Appendable out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
      if (out instanceof StringBuilder b) {
        b.append(chars, off, len);
      } else {
        out.append(java.nio.CharBuffer.wrap(chars, off, len));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
