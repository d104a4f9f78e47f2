package org.autofsrestore.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * Logback's configuration, in code: every logger at INFO and above to one file, {@link
 * LogSetup#logFile()}, never to the terminal (the UI owns it, and stdout may be JSON).
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
    // opened; stdout is the UI's or a script's. LogSetup already chose a file that opens.
    context.getStatusManager().add(new NopStatusListener());
    LogLineEncoder encoder = new LogLineEncoder();
    encoder.setContext(context);
    encoder.start();
    FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setName("FILE");
    file.setFile(LogSetup.logFile().toString());
    file.setAppend(true);
    file.setEncoder(encoder);
    file.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(file);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
