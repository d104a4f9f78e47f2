package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real automount daemon (Debian package autofs), started after a handoff restore with a map for
 * the restored mount point, reconnects to the parked mount by itself and mounts a key on lookup;
 * the restore's wait_owner step names it as the new owner.
 */
@Tag("kernel")
class AutomountHandoffOnTheRealKernelTest {
  @TempDir Path dir;
  private Path automountBinary;
  private Process automount;

  @BeforeEach
  void peers() {
    Prerequisites.requireRealKernel();
    automountBinary = Prerequisites.requireAutomount();
  }

  @AfterEach
  void stop() throws Exception {
    if (automount != null) {
      automount.destroy(); // SIGTERM: automount unmounts what it mounted and stops
      if (!automount.waitFor(10, TimeUnit.SECONDS)) {
        automount.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    try (LinuxKernel kernel = new LinuxKernel()) {
      List<MountInfo> under = MountTable.readSelf().under(dir.toString());
      for (int i = under.size() - 1; i >= 0; i--) {
        kernel.run(new PosixCall.Umount(under.get(i).mountPoint(), PosixCall.Umount.MNT_DETACH));
      }
    }
  }

  @Test
  void automountReconnectsToTheParkedMountAndMountsAKeyOnLookup() throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Path target = root.resolve("srv/auto-a");
    Path data = Files.createDirectories(dir.resolve("data/hello"));
    Files.writeString(data.resolve("file"), "served by automount\n");

    CompletableFuture<CommandRun> restore =
        CompletableFuture.supplyAsync(
            () ->
                CommandRun.of(
                    "restore",
                    Fixtures.dir("indirect").toString(),
                    "--root",
                    root.toString(),
                    "--owner",
                    "handoff",
                    "--wait",
                    "30",
                    "--yes",
                    "--mkdir",
                    "--journal",
                    dir.resolve("journal.jsonl").toString()));
    awaitState(target, AutofsOptions::catatonic, "parked by the restore");

    Path map = dir.resolve("auto.a");
    Files.writeString(map, "hello -fstype=bind :" + data + "\n");
    Path master = dir.resolve("auto.master");
    Files.writeString(master, target + " file:" + map + " --timeout=300\n");
    automount =
        new ProcessBuilder(
                "setsid",
                automountBinary.toString(),
                "-f",
                "-p",
                dir.resolve("automount.pid").toString(),
                "file:" + master)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("automount.log").toFile())
            .start();

    AutofsOptions owned = awaitState(target, s -> !s.catatonic(), "owned by automount");
    assertEquals(automount.pid(), owned.pgrp(), "mountinfo shows automount's process group");

    CommandRun run = restore.get(40, TimeUnit.SECONDS);
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(
        run.out().contains("owned by pgrp " + automount.pid()),
        "wait_owner names the new owner:\n" + run.out());
    assertTrue(run.out().contains("read end held by automount["), run.out());

    assertEquals("served by automount\n", Files.readString(target.resolve("hello/file")));
    assertTrue(
        MountTable.readSelf().at(target + "/hello").isPresent(), "the key is mounted by automount");
  }

  private static AutofsOptions awaitState(
      Path target, java.util.function.Predicate<AutofsOptions> wanted, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Optional<AutofsOptions> state =
          MountTable.readSelf().at(target.toString()).flatMap(MountInfo::autofsOptions);
      if (state.isPresent() && wanted.test(state.get())) {
        return state.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError(target + " never " + what);
  }
}
