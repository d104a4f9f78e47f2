package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a C program against this machine's uapi headers and compares every value it prints with
 * {@link AutofsAbiTest#computedValues()}. Skipped (saying so) without cc or the headers.
 */
class HeaderValuesFromTheCompilerTest {

  @Test
  void theMachinesHeadersAgreeWithEveryComputedValue(@TempDir Path tmp) throws Exception {
    assumeTrue(
        Files.exists(Path.of("/usr/include/linux/auto_dev-ioctl.h")),
        "needs /usr/include/linux/auto_dev-ioctl.h (Debian: linux-libc-dev)");
    assumeTrue(onPath("cc"), "needs a C compiler (cc) on PATH");
    assumeTrue(LinuxKernel.isSupportedPlatform(), "the expected values are x86_64's");

    Map<String, Long> computed = AutofsAbiTest.computedValues();
    StringBuilder c = new StringBuilder();
    c.append("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n");
    c.append("#include <sys/stat.h>\n#include <linux/auto_dev-ioctl.h>\n");
    c.append("int main(void) {\n");
    for (String name : computed.keySet()) {
      c.append("  printf(\"%s=%lu\\n\", \"")
          .append(name)
          .append("\", (unsigned long) (")
          .append(name)
          .append("));\n");
    }
    c.append("  return 0;\n}\n");
    Path src = tmp.resolve("values.c");
    Path bin = tmp.resolve("values");
    Files.writeString(src, c.toString());
    run(tmp, "cc", "-o", bin.toString(), src.toString());
    String out = run(tmp, bin.toString());

    Map<String, Long> fromHeaders = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.lastIndexOf('=');
      fromHeaders.put(line.substring(0, eq), Long.parseUnsignedLong(line.substring(eq + 1)));
    }
    assertEquals(fromHeaders, computed);
    assertEquals(AutofsAbiTest.headerValues(), fromHeaders);
  }

  /**
   * statx and statmount: every value the machine's headers define (statmount's only from Linux 6.8
   * headers on; each group is guarded by a macro of its kernel version) against {@link
   * MountAbiTest#computedValues()}.
   */
  @Test
  void theMachinesHeadersAgreeWithTheStatxAndStatmountLayouts(@TempDir Path tmp) throws Exception {
    assumeTrue(
        Files.exists(Path.of("/usr/include/linux/stat.h")),
        "needs /usr/include/linux/stat.h (Debian: linux-libc-dev)");
    assumeTrue(onPath("cc"), "needs a C compiler (cc) on PATH");
    assumeTrue(LinuxKernel.isSupportedPlatform(), "the expected values are x86_64's");

    Map<String, Long> computed = MountAbiTest.computedValues();
    StringBuilder c = new StringBuilder();
    c.append("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n");
    c.append("#include <fcntl.h>\n#include <sys/syscall.h>\n");
    c.append("#include <linux/stat.h>\n#include <linux/mount.h>\n");
    c.append("int main(void) {\n");
    for (MountAbiTest.HeaderValue h : MountAbiTest.headerTable()) {
      if (h.guard() != null) {
        c.append("#ifdef ").append(h.guard()).append('\n');
      }
      c.append("  printf(\"%s=%lu\\n\", \"")
          .append(h.expression())
          .append("\", (unsigned long) (")
          .append(h.expression())
          .append("));\n");
      if (h.guard() != null) {
        c.append("#endif\n");
      }
    }
    c.append("  return 0;\n}\n");
    Path src = tmp.resolve("mountabi.c");
    Path bin = tmp.resolve("mountabi");
    Files.writeString(src, c.toString());
    run(tmp, "cc", "-o", bin.toString(), src.toString());
    String out = run(tmp, bin.toString());

    Map<String, Long> fromHeaders = new LinkedHashMap<>();
    Map<String, Long> ours = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.lastIndexOf('=');
      String name = line.substring(0, eq);
      fromHeaders.put(name, Long.parseUnsignedLong(line.substring(eq + 1)));
      ours.put(name, computed.get(name));
    }
    assertTrue(fromHeaders.containsKey("offsetof(struct statx, stx_mnt_id)"), out);
    assertEquals(fromHeaders, ours);
    System.out.println(
        "statx/statmount values checked against this machine's headers: "
            + fromHeaders.size()
            + " of "
            + computed.size()
            + " (the rest are newer than these headers)");
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(String.join(" ", cmd) + " timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + text);
    return text;
  }
}
