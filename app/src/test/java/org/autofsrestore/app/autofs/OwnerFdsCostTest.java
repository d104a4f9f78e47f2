package org.autofsrestore.app.autofs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.autofsrestore.app.dump.Dump;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.synth.DumpBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump decides how many mounts one task owns and how many fds it holds: the owner's fds are gone
 * through once for all its mounts (N + F), not once per mount (N x F), and every mount still gets
 * its own pipe's fds.
 */
class OwnerFdsCostTest {
  private static final int MOUNTS = 300;
  private static final int OTHER_FILES = 1400;

  @TempDir Path tmp;

  @Test
  void theFdsOfAnOwnerOfManyMountsAreIndexedOnceAndEachMountGetsItsOwnPipe() throws Exception {
    DumpBuilder b = new DumpBuilder().process(1, "init").process(32, 1, 32, 32, "automount");
    int fd = 3;
    for (int i = 0; i < MOUNTS; i++) {
      b.pipe(32, fd, fd + 1, 50_000 + i);
      int writeEnd = fd + 1;
      long ino = 50_000 + i;
      b.autofsMount("/srv/a" + i, a -> a.indirect().owner(32, writeEnd, ino));
      fd += 2;
    }
    for (int i = 0; i < OTHER_FILES; i++) {
      b.regularFile(32, fd++, "/etc/auto.map" + i);
    }
    Dump dump = DumpLoader.load(b.write(tmp.resolve("d")));
    int fds = dump.fdTable(dump.filesId(32).value().orElseThrow()).value().orElseThrow().size();

    OwnerFds.Cache owners = new OwnerFds.Cache();
    Inspection inspection = AutofsAnalysis.inspect(dump, owners);

    assertEquals(2 * MOUNTS + OTHER_FILES, fds - 3, "the owner's table: 0-2, then ours");
    assertEquals(fds, owners.entriesIndexed(), "each of the owner's fds once, for 300 mounts");
    assertEquals(MOUNTS, inspection.mounts().size());
    for (int i = 0; i < MOUNTS; i++) {
      AutofsMount m = inspection.mounts().get(i);
      Owner owner = m.owner().orElseThrow(() -> new AssertionError(m.findings().toString()));
      assertEquals("/srv/a" + i, m.mountpoint());
      assertEquals(32, owner.pid());
      assertEquals(3 + 2 * i + 1, owner.writeEndFd(), m.mountpoint());
      assertEquals(3 + 2 * i, owner.readEndFd(), m.mountpoint());
    }
  }
}
