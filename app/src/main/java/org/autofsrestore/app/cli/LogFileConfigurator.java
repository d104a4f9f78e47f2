package org.autofsrestore.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * Logback's configuration, in code: every logger at INFO and above to the one file {@link LogSetup}
 * opened (by then it is {@link LogSetup#logFile()}), written through that open file, never reopened
 * by name; nowhere when it opened none. Never to the terminal (the UI owns it, and stdout may be
 * JSON).
 *
 * <p>Code rather than logback.xml because reading XML costs a cold start about 40 ms of SAX parser
 * and Joran classes, a third of what a short {@code inspect} spends; Logback finds this class
 * through META-INF/services before it looks for any XML.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogFileConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    // With no status listener, Logback prints its status to stdout when the file cannot be
    // opened; stdout is the UI's or a script's. LogSetup already opened the file.
    context.getStatusManager().add(new NopStatusListener());
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // Started before Main chose the log (a class's logger asked for first, as in tests): the
    // default log, opened as Main would have.
    LogSetup.configure(new String[0]);
    LogSetup.Opening.Opened opened = LogSetup.opened();
    if (opened == null) {
      root.setLevel(Level.OFF); // no log: LogSetup said so on stderr
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
    LogLineEncoder encoder = new LogLineEncoder();
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> file = new OutputStreamAppender<>();
    file.setContext(context);
    file.setName("FILE");
    file.setEncoder(encoder);
    // O_APPEND: each event is one write at the end, whoever else appends to the same log.
    file.setOutputStream(new LogStream(opened.file(), opened.channel()));
    file.start();
    root.setLevel(Level.INFO);
    root.addAppender(file);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
