package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log file that cannot be written must not cost a script its JSON (Logback, left alone, prints
 * its status onto stdout when it cannot open the file: seen in the kernel VM, whose home is a
 * read-only share), and must not send root's log to a fixed name in a shared folder: the run logs
 * nothing and says so once on stderr. Whole JVMs, because Logback starts once per process.
 */
class LogFileFallbackTest {
  @TempDir Path tmp;

  private record Ran(String out, String err) {}

  private Ran inspectLoggingTo(Path log) throws Exception {
    Process p =
        new ProcessBuilder(
                List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Djava.io.tmpdir=" + tmp,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "--log-file",
                    log.toString(),
                    "inspect",
                    Fixtures.dir("multi").toString(),
                    "--json"))
            .start();
    p.getOutputStream().close();
    byte[] err = p.getErrorStream().readAllBytes();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "inspect did not end");
    return new Ran(out, new String(err, StandardCharsets.UTF_8));
  }

  private void assertTheJsonIsWhole(String out) throws Exception {
    JsonNode json = new ObjectMapper().readTree(out);
    assertEquals(5, json.get("autofs_mounts").size(), out);
    assertTrue(out.startsWith("{"), out);
  }

  @Test
  void aLogFileThatCannotBeOpenedLeavesStdoutToTheJsonLogsNothingAndSaysSoOnceOnStderr()
      throws Exception {
    // /proc exists and refuses new files, even to root.
    Ran ran = inspectLoggingTo(Path.of("/proc/autofs-restore-test.log"));

    assertTheJsonIsWhole(ran.out());
    assertEquals(1, ran.err().lines().count(), ran.err());
    assertTrue(
        ran.err().startsWith("autofs-restore: writing no log: /proc/autofs-restore-test.log: "),
        ran.err());
    assertFalse(Files.exists(tmp.resolve("autofs-restore.log")), "no log in the temporary folder");
  }

  @Test
  void aSymbolicLinkPlantedAtTheLogsNameIsNotFollowedAndTheRunLogsNothing() throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim"), "precious\n");
    Path log = Files.createSymbolicLink(tmp.resolve("autofs-restore.log"), victim);

    Ran ran = inspectLoggingTo(log);

    assertTheJsonIsWhole(ran.out());
    assertEquals("precious\n", Files.readString(victim), "the link's target is untouched");
    assertTrue(Files.isSymbolicLink(log));
    assertEquals(
        "autofs-restore: writing no log: "
            + log
            + ": it is a symbolic link, which is not followed (give --log-file FILE to choose"
            + " another)\n",
        ran.err());
  }

  @Test
  void aLogFileThatOpensGetsTheRunsLinesAndNothingOnStderr() throws Exception {
    Path log = tmp.resolve("state/autofs-restore.log");

    Ran ran = inspectLoggingTo(log);

    assertTheJsonIsWhole(ran.out());
    assertEquals("", ran.err());
    assertTrue(Files.readString(log).contains(" INFO "), Files.readString(log));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
  }
}
