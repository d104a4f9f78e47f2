package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A log file that cannot be written must not cost a script its JSON: Logback, left alone, prints
 * its status onto stdout when it cannot open the file (seen in the kernel VM, whose home is a
 * read-only share). A whole JVM, because Logback starts once per process.
 */
class LogFileFallbackTest {
  @Test
  void aLogFileThatCannotBeOpenedLeavesStdoutToTheJsonAndLogsInTheTemporaryFolder(@TempDir Path tmp)
      throws Exception {
    // /proc exists and refuses new files, even to root.
    Path refused = Path.of("/proc/autofs-restore-test.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Djava.io.tmpdir=" + tmp,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "--log-file",
                    refused.toString(),
                    "inspect",
                    Fixtures.dir("multi").toString(),
                    "--json"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "inspect did not end");

    JsonNode json = new ObjectMapper().readTree(out);
    assertEquals(5, json.get("autofs_mounts").size(), out);
    assertTrue(out.startsWith("{"), out);
    assertTrue(Files.exists(tmp.resolve("autofs-restore.log")), "no log in " + tmp);
  }
}
