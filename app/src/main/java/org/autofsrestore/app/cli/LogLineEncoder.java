package org.autofsrestore.app.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One log line per event: {@code 2026-11-24T13:05:09.123 INFO [main] o.a.app.cli.Main - text}, then
 * the stack trace of an attached throwable. Local time, like the rest of an operator's logs.
 *
 * <p>Messages carry names from dumps and names other users look up under held mounts: every control
 * character (C0, DEL, C1), line and paragraph separator (U+2028, U+2029) and bidirectional override
 * in them is written escaped ({@code \n}, {@code \x1b}, {@code \u2028}; a backslash as {@code \\}),
 * so one event is one line and no name can forge another line or move a terminal's cursor.
 *
 * <p>Formatted by hand: Logback's pattern layout compiles its pattern with a parser whose classes
 * cost a cold start more than the lines it ever writes.
 */
final class LogLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NO_BYTES = new byte[0];
  private final ZoneId zone = ZoneId.systemDefault();

  @Override
  public byte[] headerBytes() {
    return NO_BYTES;
  }

  @Override
  public byte[] footerBytes() {
    return NO_BYTES;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    appendTime(line, LocalDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone));
    line.append(' ');
    String level = event.getLevel().toString();
    line.append(level);
    for (int pad = level.length(); pad < 5; pad++) {
      line.append(' ');
    }
    line.append(" [");
    appendEscaped(line, event.getThreadName());
    line.append("] ");
    appendLoggerName(line, event.getLoggerName());
    line.append(" - ");
    appendEscaped(line, event.getFormattedMessage());
    line.append('\n');
    // The stack trace's lines are ours (a tab before each frame); its messages are escaped.
    IThrowableProxy t = event.getThrowableProxy();
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      line.append(depth == 0 ? "" : "Caused by: ").append(t.getClassName());
      if (t.getMessage() != null) {
        line.append(": ");
        appendEscaped(line, t.getMessage());
      }
      line.append('\n');
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        line.append('\t');
        appendEscaped(line, frame.getSTEAsString());
        line.append('\n');
      }
    }
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code text} with what {@link #appendEscaped} escapes escaped. */
  static String escaped(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    appendEscaped(b, text);
    return b.toString();
  }

  /** Appends {@code text}, every control character, line separator and backslash escaped. */
  static void appendEscaped(StringBuilder line, String text) {
    if (text == null) {
      line.append("null");
      return;
    }
    int plain = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!needsEscape(c)) {
        continue;
      }
      line.append(text, plain, i);
      plain = i + 1;
      switch (c) {
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        case '\\' -> line.append("\\\\");
        default -> {
          String hex = Integer.toHexString(c);
          line.append(c < 0x100 ? "\\x" : "\\u");
          for (int pad = hex.length(); pad < (c < 0x100 ? 2 : 4); pad++) {
            line.append('0');
          }
          line.append(hex);
        }
      }
    }
    line.append(text, plain, text.length());
  }

  private static boolean needsEscape(char c) {
    return c < 0x20
        || c == '\\'
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') // bidirectional embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069'); // bidirectional isolates
  }

  private static void appendTime(StringBuilder line, LocalDateTime t) {
    line.append(t.getYear()).append('-');
    twoDigits(line, t.getMonthValue()).append('-');
    twoDigits(line, t.getDayOfMonth()).append('T');
    twoDigits(line, t.getHour()).append(':');
    twoDigits(line, t.getMinute()).append(':');
    twoDigits(line, t.getSecond()).append('.');
    int millis = t.getNano() / 1_000_000;
    line.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10));
    line.append((char) ('0' + millis % 10));
  }

  private static StringBuilder twoDigits(StringBuilder line, int value) {
    return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** The length Logback's {@code %logger{24}} fits a logger's name into, where it can. */
  private static final int LOGGER_NAME_LENGTH = 24;

  /**
   * The logger's name as {@code %logger{24}} prints it: packages shortened to their initials from
   * the left, only as many as it takes to fit 24 characters; the class name whole
   * (org.autofsrestore.app.cli.Main: o.a.app.cli.Main).
   */
  static void appendLoggerName(StringBuilder line, String name) {
    int excess = name.length() - LOGGER_NAME_LENGTH;
    int from = 0;
    for (int dot; excess > 0 && (dot = name.indexOf('.', from)) >= 0; from = dot + 1) {
      if (dot > from) {
        line.append(name.charAt(from));
        excess -= dot - from - 1;
      }
      line.append('.');
    }
    line.append(name, from, name.length());
  }
}
