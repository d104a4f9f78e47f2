package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MountNamespaces} on the real kernel: a thread of this JVM joins the mount namespace of a
 * process that mounted a tmpfs in a private namespace of its own (unshare --mount), sees that
 * mount, and the rest of the JVM does not.
 */
@Tag("kernel")
@Timeout(60)
class MountNamespacesOnTheRealKernelTest {

  @Test
  void aThreadJoinsAnotherProcesssMountNamespaceAndTheRestOfTheJvmStaysInItsOwn() throws Exception {
    Prerequisites.requireRealKernel();
    Path marker = Files.createTempDirectory("mntns-marker");
    Process p =
        new ProcessBuilder(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                "mount -t tmpfs mntns-marker " + marker + " && echo ready && exec sleep 60")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("ready", out.readLine(), "the helper mounted its tmpfs");
      // unshare and sh -c exec in place: the helper's pid is the one started.
      String theirs =
          MountNamespaces.callIn(
              p.pid(), () -> Files.readString(Path.of("/proc/thread-self/mountinfo")));
      assertTrue(theirs.contains(" mntns-marker "), theirs);
      assertFalse(
          Files.readString(Path.of("/proc/thread-self/mountinfo")).contains(" mntns-marker "),
          "this thread stayed in its namespace");
      assertFalse(
          Files.readString(Path.of("/proc/self/mountinfo")).contains(" mntns-marker "),
          "the JVM's main thread stayed in its namespace");
    } finally {
      p.destroyForcibly();
      p.waitFor();
      Files.deleteIfExists(marker);
    }
  }

  @Test
  void joiningTheNamespaceOfNoProcessFailsNamingTheFileAndItsErrno() throws Exception {
    Prerequisites.requireRealKernel();
    MountNamespaces.Failure f =
        assertThrows(
            MountNamespaces.Failure.class,
            () -> MountNamespaces.callIn(2_000_000_000L, () -> "never run"));
    assertEquals(2, f.errno(), f.getMessage()); // ENOENT
    assertTrue(f.getMessage().contains("/proc/2000000000/ns/mnt"), f.getMessage());
  }
}
