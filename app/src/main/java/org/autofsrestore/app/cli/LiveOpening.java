package org.autofsrestore.app.cli;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;
import org.autofsrestore.app.live.LiveAnalysis;
import org.autofsrestore.app.live.LiveFacts;
import org.autofsrestore.app.live.LiveView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Reads the live view for a command, turning an unreadable /proc into exit status 4. */
final class LiveOpening {
  private static final Logger LOG = LoggerFactory.getLogger(LiveOpening.class);

  private LiveOpening() {}

  static int withLiveView(Path procRoot, Long pid, CommandLine cli, ToIntFunction<LiveView> use) {
    LiveView view;
    try {
      view =
          LiveAnalysis.view(
              LiveFacts.read(procRoot, pid == null ? OptionalLong.empty() : OptionalLong.of(pid)));
    } catch (LiveFacts.Unreadable e) {
      LOG.warn("cannot read the live mount table", e);
      cli.getErr()
          .println(
              "autofs-restore: "
                  + e.getMessage()
                  + (pid == null
                      ? " (is /proc mounted?)"
                      : " (check the pid; another user's process needs root)"));
      return ExitStatus.NO_PRIVILEGE;
    }
    return use.applyAsInt(view);
  }
}
