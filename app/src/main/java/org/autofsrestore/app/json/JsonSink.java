package org.autofsrestore.app.json;

import java.io.Writer;

/**
 * A text destination with a raw one beside it for JSON: the command line's standard output, whose
 * text goes through a terminal sanitizer. {@link JsonWriter} writes a document given such a sink to
 * {@link #jsonWriter()}, so JSON never passes the sanitizer (its {@code \x85} escapes are not JSON)
 * and needs no care from the command that prints it.
 */
public interface JsonSink {
  /** The raw destination, after the text written so far has reached it (in order). */
  Writer jsonWriter();
}
