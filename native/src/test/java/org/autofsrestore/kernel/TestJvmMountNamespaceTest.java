package org.autofsrestore.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.Test;

/** The test JVM launcher and the kernel tests' guard agree: as root, the JVM has its own mounts. */
class TestJvmMountNamespaceTest {
  @Test
  void testJvmRunsInAMountNamespaceOfItsOwnWhenRoot() {
    Prerequisites.requireRoot();
    assertTrue(
        Prerequisites.inOtherMountNamespaceThanParent(),
        "the test JVM must not share Maven's mount namespace");
  }
}
