package org.autofsrestore.app.criulog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.CriuLogLimits;
import org.autofsrestore.app.dump.DumpLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which files are CRIU's logs, and how much of them is read. */
class CriuLogReaderTest {
  private static final String NOT_EMPTY =
      "(00.461160) Error (criu/autofs.c:230): Process 1032 autofs pipe fd 3 is not empty.";
  private static final String UNREACHABLE =
      "(00.443058) Error (criu/autofs.c:508): Autofs 40 is alive, but unreachable.";

  @TempDir Path tmp;

  private static List<String> names(List<CriuLog> logs) {
    return logs.stream().map(CriuLog::file).toList();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aLogIsKnownByItsLinesAndNothingElseIsOpenedAsOne() throws Exception {
    Files.writeString(tmp.resolve("attempt-2"), "(00.000000) Version: 3.17.1\n" + NOT_EMPTY + "\n");
    Files.writeString(
        tmp.resolve("check.out"), "Error (criu/cr-check.c:956): autofs not supported.\n");
    Files.writeString(tmp.resolve("notes.txt"), "Error (see below): autofs broke\nat 10:00\n");
    Files.write(tmp.resolve("core.bin"), ("\0\0" + NOT_EMPTY).getBytes(StandardCharsets.UTF_8));
    Files.writeString(tmp.resolve("dump.img"), NOT_EMPTY + "\n"); // an image name: not opened
    Files.createSymbolicLink(tmp.resolve("linked.log"), tmp.resolve("attempt-2"));
    Process fifo = new ProcessBuilder("mkfifo", tmp.resolve("pipe.log").toString()).start();
    assertEquals(0, fifo.waitFor()); // a FIFO is never opened: that would wait for a writer

    List<CriuLog> logs = CriuLogReader.read(tmp);

    assertEquals(List.of("attempt-2", "check.out"), names(logs));
    assertEquals("3.17.1", logs.get(0).version());
    assertEquals(2, logs.get(0).problems().get(0).number());
    assertEquals("criu/autofs.c", logs.get(0).problems().get(0).source());
  }

  @Test
  void aLogLongerThanItsLimitIsReadAtBothEndsAndAFindingSaysSo() throws Exception {
    Path dir = CriuLogFindingsTest.twoMounts().write(tmp.resolve("dump"));
    Path log = dir.resolve("dump.log");
    long size = 0;
    try (BufferedWriter w = Files.newBufferedWriter(log)) {
      w.write("(00.000000) Version: 3.17.1 (gitid 0)\n" + NOT_EMPTY + "\n");
      String filler = "(00.100000) mnt: \tlooking at mount 12345 of a very long -v4 log\n";
      while (size < CriuLogLimits.MAX_BYTES_PER_FILE + 1_000_000) {
        w.write(filler);
        size += filler.length();
      }
      w.write(UNREACHABLE + "\n");
    }

    Inspection inspection = CriuLogInspection.inspect(DumpLoader.load(dir));

    assertEquals(2, inspection.criuLog().size(), inspection.criuLog().toString());
    assertEquals(2, inspection.criuLog().get(0).line());
    assertNull(inspection.criuLog().get(1).line(), "a line of the tail has no number");
    assertTrue(
        inspection.dumpFindings().stream().anyMatch(f -> f.code() == FindingCode.CRIU_LOG_CUT),
        inspection.dumpFindings().toString());
  }

  @Test
  void logsPastTheTotalBudgetAreNotReadAndSaySo() throws Exception {
    int each = CriuLogLimits.MAX_BYTES_PER_FILE - 1024;
    // The first ones use the budget up, the next gets its remnant (read in part), the last none.
    int files = CriuLogLimits.MAX_BYTES_TOTAL / each + 2;
    String filler = "(00.100000) filler line of a log\n".repeat(each / 33);
    for (int i = 0; i < files; i++) {
      Files.writeString(tmp.resolve("log-" + i), NOT_EMPTY + "\n" + filler);
    }

    List<CriuLog> logs = CriuLogReader.read(tmp);

    assertEquals(files, logs.size());
    CriuLog last = logs.get(files - 1);
    assertEquals(List.of(), last.problems());
    assertTrue(last.cut().contains("MAX_BYTES_TOTAL"), last.cut());
    assertEquals(1, logs.get(0).problems().size());
    assertTrue(logs.get(files - 2).cut().contains("first and last"), logs.get(files - 2).cut());
  }

  @Test
  void aLineLongerThanCriuCanPrintIsKeptToItsLimit() throws Exception {
    Files.writeString(tmp.resolve("dump.log"), NOT_EMPTY + "x".repeat(100_000) + "\n");

    CriuLog log = CriuLogReader.read(tmp).get(0);

    assertEquals(CriuLogLimits.MAX_LINE_CHARS, log.problems().get(0).raw().length());
  }

  @Test
  void aDirectoryThatCannotBeListedHasNoLogs() throws IOException {
    assertEquals(List.of(), CriuLogReader.read(tmp.resolve("absent")));
  }
}
