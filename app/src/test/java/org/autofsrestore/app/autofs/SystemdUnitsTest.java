package org.autofsrestore.app.autofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unit names as systemd-escape --path makes them (outputs of systemd 252's systemd-escape). */
class SystemdUnitsTest {
  private static final List<String> PATHS =
      List.of(
          "/",
          "/srv/my dir",
          "/a-b/c.d",
          "/home/ü",
          "/.hidden",
          "/srv/x/",
          "//a//b",
          "/a/./b",
          "/x:y_z",
          "/-x",
          "/a\\b",
          "/a/.b",
          "/net/host.example/share");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/|-",
        "/srv/my dir|srv-my\\x20dir",
        "/a-b/c.d|a\\x2db-c.d",
        "/home/ü|home-\\xc3\\xbc",
        "/.hidden|\\x2ehidden",
        "/srv/x/|srv-x",
        "//a//b|a-b",
        "/a/./b|a-b",
        "/x:y_z|x:y_z",
        "/-x|\\x2dx",
        "/a\\b|a\\x5cb",
        "/a/.b|a-.b",
      })
  void aPathIsEscapedAsSystemdEscapeDoes(String path, String escaped) {
    assertEquals(escaped, SystemdUnits.escapePath(path));
  }

  @Test
  void theUnitAndTheCommandNameTheEscapedPath() {
    assertEquals("srv-my\\x20dir.automount", SystemdUnits.automountUnit("/srv/my dir"));
    assertEquals(
        "systemctl restart proc-sys-fs-binfmt_misc.automount",
        SystemdUnits.restartCommand("/proc/sys/fs/binfmt_misc"));
  }

  @Test
  void aPathSystemdEscapeRefusesIsRefusedWithTheReason() {
    IllegalArgumentException dots =
        assertThrows(IllegalArgumentException.class, () -> SystemdUnits.escapePath("/a/../b"));
    assertEquals("'/a/../b' is not a normalized path (it has ..)", dots.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SystemdUnits.escapePath("a/b"));
  }

  @Test
  void theOwnerOfASystemdAutomountIsTheSourcesPid() {
    assertEquals(OptionalLong.of(1), SystemdUnits.owner("systemd-1"));
    assertEquals(OptionalLong.of(4242), SystemdUnits.owner("systemd-4242"));
    assertEquals(OptionalLong.empty(), SystemdUnits.owner("systemd-"));
    assertEquals(OptionalLong.empty(), SystemdUnits.owner("systemd-x1"));
    assertEquals(OptionalLong.empty(), SystemdUnits.owner("/etc/auto.master"));
    assertEquals(OptionalLong.empty(), SystemdUnits.owner(null));
  }

  @Test
  void everyPathIsEscapedExactlyAsThisMachinesSystemdEscapeDoes() throws Exception {
    Path tool = Path.of("/usr/bin/systemd-escape");
    Assumptions.assumeTrue(
        Files.isExecutable(tool),
        "systemd-escape is not installed (Debian package systemd); the known outputs above still"
            + " ran");
    for (String path : PATHS) {
      Process p =
          new ProcessBuilder(tool.toString(), "--path", path)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertEquals(true, p.waitFor(10, TimeUnit.SECONDS), path);
      assertEquals(0, p.exitValue(), path);
      assertEquals(out, SystemdUnits.escapePath(path), path);
    }
  }
}
