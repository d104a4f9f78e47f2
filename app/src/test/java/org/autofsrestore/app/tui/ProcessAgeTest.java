package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ProcessAgeTest {
  @Test
  void theAgeAgreesWithTheJvmsOwnUptimeWithinTheClockTick() {
    long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
    long age = ProcessAge.millis().orElseThrow();
    // The process starts before the JVM counts (one tick is 10 ms): by the launcher's time, here
    // the private-mount-namespace wrapper's, which on a loaded machine took 850 ms.
    assertTrue(age >= jvmUptime - 20 && age <= jvmUptime + 5000, age + " ms vs JVM " + jvmUptime);
  }
}
