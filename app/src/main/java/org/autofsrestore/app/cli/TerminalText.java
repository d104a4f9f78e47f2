package org.autofsrestore.app.cli;

import java.io.PrintWriter;
import java.io.Writer;
import org.autofsrestore.app.json.JsonSink;
import org.autofsrestore.app.report.TerminalEscapes;

/**
 * The commands' standard output and error as text for a terminal: everything passes {@link
 * TerminalSafeWriter}, and each {@code println} of a string is one line. The reports (tables, the
 * plan, live restore lines, findings, errors) print line by line, so a name inside a line (a mount
 * point, a target, a comm, the name another user looked up under a held mount) has its newlines,
 * tabs and every other control character shown escaped, and one mount stays one line whatever its
 * name holds. {@code print} of a block (help, the completion script) keeps its newlines.
 *
 * <p>JSON bypasses all of it: {@link org.autofsrestore.app.json.JsonWriter} writes a document to
 * {@link #jsonWriter()}, the raw destination below the sanitizer, after what was printed before.
 */
final class TerminalText extends PrintWriter implements JsonSink {
  private final Writer json;

  /**
   * @param raw where text goes once made safe
   * @param json where JSON goes as it is: {@code raw} itself, or a writer onto the same stream
   * @param autoFlush flush after each println (standard error)
   */
  private TerminalText(Writer raw, Writer json, boolean autoFlush) {
    super(new TerminalSafeWriter(raw), autoFlush);
    this.json = json;
  }

  /** Text onto {@code raw}, and JSON onto {@code json} (the same stream, in another encoding). */
  static TerminalText over(Writer raw, Writer json, boolean autoFlush) {
    return new TerminalText(raw, json, autoFlush);
  }

  /** {@code out} made terminal-safe, unless it is already; JSON goes to {@code out} as it is. */
  static PrintWriter over(PrintWriter out) {
    return out instanceof TerminalText ? out : new TerminalText(out, out, true);
  }

  @Override
  public void println(String line) {
    synchronized (lock) {
      super.print(TerminalEscapes.oneLine(String.valueOf(line)));
      super.println();
    }
  }

  @Override
  public void println(Object line) {
    println(String.valueOf(line));
  }

  @Override
  public void println(char[] line) {
    println(new String(line));
  }

  @Override
  public Writer jsonWriter() {
    flush(); // through the sanitizer and raw to the stream, so the JSON comes after it
    return json;
  }
}
