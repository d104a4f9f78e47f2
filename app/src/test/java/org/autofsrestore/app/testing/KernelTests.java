package org.autofsrestore.app.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards for tests that mount: they run only as root, with /dev/autofs, inside a mount namespace of
 * their own (scripts/private-mount-ns-jvm/bin/java puts the test JVM in one), and otherwise report
 * themselves skipped with the reason.
 */
public final class KernelTests {
  private KernelTests() {}

  public static void assumeRealKernel() {
    assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root to mount");
    assumeTrue(Files.exists(Path.of("/dev/autofs")), "skipped: /dev/autofs is missing");
    assumeTrue(inPrivateMountNamespace(), "skipped: not in a private mount namespace");
  }

  private static boolean inPrivateMountNamespace() {
    try {
      long parent = ProcessHandle.current().parent().orElseThrow().pid();
      return !Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"))
          .equals(Files.readSymbolicLink(Path.of("/proc/" + parent + "/ns/mnt")));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
