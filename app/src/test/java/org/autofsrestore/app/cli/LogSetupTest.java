package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What LogSetup does with whatever is found at the log's name, as root would meet it. */
class LogSetupTest {
  @TempDir Path tmp;

  @Test
  void aSymbolicLinkAtTheNameIsRefusedAndNeitherItsTargetNorAFileBehindADanglingOneIsWritten()
      throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim"), "precious\n");
    Path link = Files.createSymbolicLink(tmp.resolve("a.log"), victim);
    Path dangling = Files.createSymbolicLink(tmp.resolve("b.log"), tmp.resolve("created-by-root"));

    LogSetup.Opening a = LogSetup.open(link);
    LogSetup.Opening b = LogSetup.open(dangling);

    assertTrue(
        assertInstanceOf(LogSetup.Opening.Refused.class, a).reason().contains("symbolic link"));
    assertInstanceOf(LogSetup.Opening.Refused.class, b);
    assertEquals("precious\n", Files.readString(victim));
    assertFalse(Files.exists(tmp.resolve("created-by-root")));
  }

  @Test
  void aFifoAtTheNameIsRefusedAtOnceInsteadOfBlockingTheStart() throws Exception {
    Path fifo = tmp.resolve("fifo.log");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    long t0 = System.nanoTime();

    LogSetup.Opening o = LogSetup.open(fifo);

    assertTrue(
        assertInstanceOf(LogSetup.Opening.Refused.class, o).reason().contains("not a regular"));
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 5);
  }

  @Test
  void aNewLogIsMadeOwnerOnlyAndAnExistingOneIsAppendedTo() throws Exception {
    Path existing = Files.writeString(tmp.resolve("old.log"), "line 1\n");
    Path fresh = tmp.resolve("new/dir/autofs-restore.log");

    LogSetup.Opening old = LogSetup.open(existing);
    LogSetup.Opening made = LogSetup.open(fresh);

    try (var ch = assertInstanceOf(LogSetup.Opening.Opened.class, old).channel()) {
      ch.write(ByteBuffer.wrap("line 2\n".getBytes(StandardCharsets.UTF_8)));
    }
    assertEquals("line 1\nline 2\n", Files.readString(existing));
    assertInstanceOf(LogSetup.Opening.Opened.class, made).channel().close();
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(fresh)));
  }

  @Test
  void aWriteFromAnInterruptedThreadReachesTheLogAndLeavesTheThreadInterrupted() throws Exception {
    Path log = tmp.resolve("i.log");
    LogSetup.Opening.Opened o = assertInstanceOf(LogSetup.Opening.Opened.class, LogSetup.open(log));
    try (LogStream stream = new LogStream(o.file(), o.channel())) {
      Thread.currentThread().interrupt();
      stream.write("one\n".getBytes(StandardCharsets.UTF_8));
      assertTrue(Thread.interrupted(), "the interrupt is kept for its owner");
      stream.write("two\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("one\ntwo\n", Files.readString(log));
  }
}
