package org.autofsrestore.kernel;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestJvmMountNamespaceTest {
  @Test
  void testJvmRunsInAMountNamespaceOfItsOwnWhenRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to unshare");
    Path self = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    Path launcher = Files.readSymbolicLink(Path.of("/proc/" + parent + "/ns/mnt"));
    assertNotEquals(launcher, self, "the test JVM must not share Maven's mount namespace");
  }
}
