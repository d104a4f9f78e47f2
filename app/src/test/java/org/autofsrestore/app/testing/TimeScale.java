package org.autofsrestore.app.testing;

/**
 * How many times slower than this machine a test runs: 1 here, more in the kernel VMs (software
 * emulation runs a JVM about 25x slower), which set the system property autofs.test.timeScale.
 * Upper bounds of waits are multiplied by it; what a test proves with a bound ("at once", "not
 * after the 60 s wait") scales with the run it compares against.
 */
public final class TimeScale {
  public static final int FACTOR = Integer.getInteger("autofs.test.timeScale", 1);

  private TimeScale() {}

  public static int seconds(int seconds) {
    return seconds * FACTOR;
  }

  public static long millis(long millis) {
    return millis * FACTOR;
  }
}
