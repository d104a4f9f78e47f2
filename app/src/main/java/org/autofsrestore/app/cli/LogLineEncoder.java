package org.autofsrestore.app.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One log line per event: {@code 2026-11-24T13:05:09.123 INFO [main] o.a.app.cli.Main - text}, then
 * the stack trace of an attached throwable. Local time, like the rest of an operator's logs.
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
    line.append(" [").append(event.getThreadName()).append("] ");
    appendLoggerName(line, event.getLoggerName());
    line.append(" - ").append(event.getFormattedMessage()).append('\n');
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown)).append('\n');
    }
    return line.toString().getBytes(StandardCharsets.UTF_8);
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
