package org.autofsrestore.app.tui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.autofsrestore.kernel.probe.ProcFs;

/**
 * How long this process has run, from the kernel's own clocks: its start time in clock ticks since
 * boot (/proc/PID/stat, field 22) against the time since boot (/proc/uptime). The JDK's start
 * instant is built on a boot time rounded to whole seconds, which is off by up to a second.
 */
final class ProcessAge {
  /** USER_HZ: clock ticks per second as /proc reports them on every Linux architecture here. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessAge() {}

  static OptionalLong millis() {
    try {
      OptionalLong startTicks = ProcFs.system().startTicks(ProcessHandle.current().pid());
      if (startTicks.isEmpty()) {
        return OptionalLong.empty();
      }
      double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
      return OptionalLong.of(
          Math.round(uptime * 1000) - startTicks.getAsLong() * 1000 / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
