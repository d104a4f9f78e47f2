package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.app.cli.Main;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.TimeScale;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code restore --owner hold} as a real process that serves a lookup, then is stopped: SIGTERM,
 * SIGHUP (the dropped SSH session) and SIGINT leave every mount parked; after SIGKILL the journal
 * lets {@code undo} clean up. No process is left asleep on an autofs lookup.
 */
@Tag("kernel")
class TerminationOnTheRealKernelTest {
  @TempDir Path dir;
  private Process restore;
  private final List<String> output = new CopyOnWriteArrayList<>();

  @BeforeEach
  void kernel() {
    Prerequisites.requireRealKernel();
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (restore != null) {
      restore.destroyForcibly().waitFor(TimeScale.seconds(10), TimeUnit.SECONDS);
    }
    try (LinuxKernel kernel = new LinuxKernel()) {
      List<MountInfo> under = MountTable.readSelf().under(dir.toString());
      for (int i = under.size() - 1; i >= 0; i--) {
        kernel.run(new PosixCall.Umount(under.get(i).mountPoint(), PosixCall.Umount.MNT_DETACH));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "HUP", "INT", "KILL"})
  void aStoppedHoldingRestoreLeavesEveryMountParkedOrUndoable(String signal) throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Path journal = dir.resolve("journal.jsonl");
    restore = startRestore(root, journal, "--owner", "hold");
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(restore.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  output.add(line);
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    waitFor("serving the kernel's requests", TimeScale.seconds(30));
    String target = root + "/srv/auto-a";

    Process lookup = new ProcessBuilder("setsid", "stat", target + "/wanted-key").start();
    assertTrue(
        lookup.waitFor(TimeScale.seconds(10), TimeUnit.SECONDS), "the lookup is answered at once");
    assertEquals(1, lookup.exitValue(), "stat fails: the request was answered FAIL ENOENT");
    waitFor("asked for 'wanted-key' -> FAIL ENOENT", TimeScale.seconds(10));

    new ProcessBuilder("kill", "-" + signal, Long.toString(restore.pid())).start().waitFor();
    assertTrue(
        restore.waitFor(TimeScale.seconds(20), TimeUnit.SECONDS),
        "the restore stops on SIG" + signal);

    MountInfo m = MountTable.readSelf().at(target).orElseThrow();
    if (signal.equals("KILL")) {
      assertFalse(m.autofsOptions().orElseThrow().catatonic(), "kill -9 cannot park");
      CommandRun undo = CommandRun.of("undo", "--journal", journal.toString());
      assertEquals(0, undo.status(), undo.out() + undo.err());
      assertTrue(MountTable.readSelf().at(target).isEmpty(), "undo unmounted it: " + undo.out());
      try (var left = Files.list(root)) {
        assertEquals(List.of(), left.toList(), "undo removed the directories it created");
      }
    } else {
      assertTrue(
          m.autofsOptions().orElseThrow().catatonic(),
          "parked after SIG" + signal + ": " + m.superOptions() + "\n" + String.join("\n", output));
      waitFor("parked on exit: /srv/auto-a: parked (catatonic)", TimeScale.seconds(5));
    }
    assertTrue(asleepOnAutofs().isEmpty(), "asleep on autofs: " + asleepOnAutofs());
  }

  @org.junit.jupiter.api.Test
  void aHangupWhileWaitingForTheNewOwnerEndsTheWaitAtOnceAndLeavesTheMountParked()
      throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    restore =
        startRestore(
            root,
            dir.resolve("journal.jsonl"),
            "--owner",
            "handoff",
            "--wait",
            "" + TimeScale.seconds(60));
    String target = root + "/srv/auto-a";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TimeScale.seconds(30));
    while (MountTable.readSelf()
        .at(target)
        .flatMap(MountInfo::autofsOptions)
        .map(o -> !o.catatonic())
        .orElse(true)) {
      assertTrue(System.nanoTime() < deadline, "the restore parks the mount and waits");
      Thread.sleep(20);
    }
    Thread.sleep(TimeScale.millis(300)); // now inside wait_owner
    long hangup = System.nanoTime();
    new ProcessBuilder("kill", "-HUP", Long.toString(restore.pid())).start().waitFor();
    assertTrue(restore.waitFor(TimeScale.seconds(10), TimeUnit.SECONDS), "SIGHUP ends the run");
    assertTrue(
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hangup) < TimeScale.millis(5000),
        "the wait gave up at once, not after 60 s");
    assertTrue(
        MountTable.readSelf().at(target).orElseThrow().autofsOptions().orElseThrow().catatonic());
  }

  /**
   * kill -9 in the middle of a restore of thousands of mounts, whatever group commit it falls in:
   * every mount the kernel has under the root is named by the journal, and undo removes them all.
   */
  @org.junit.jupiter.api.Test
  void aRestoreKilledMidBatchStillListsEveryMountItMadeAndUndoRemovesThem() throws Exception {
    Path dump = dir.resolve("many");
    CommandRun made =
        CommandRun.of("generate", "--mounts", "4001", "--autofs-every", "1", dump.toString());
    assertEquals(0, made.status(), made.err());
    Path root = Files.createDirectory(dir.resolve("root"));
    Path journal = dir.resolve("journal.jsonl");
    restore = startRestore(dump, root, journal, "--owner", "handoff", "--no-wait");
    Thread drain =
        new Thread(
            () -> {
              try (var out = restore.getInputStream()) {
                out.transferTo(java.io.OutputStream.nullOutputStream());
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    drain.setDaemon(true);
    drain.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TimeScale.seconds(60));
    while (MountTable.readSelf().under(root.toString()).size() < 200) {
      assertTrue(restore.isAlive(), "the restore still runs when it is killed");
      assertTrue(System.nanoTime() < deadline, "200 mounts within 60 s");
      Thread.sleep(2);
    }
    new ProcessBuilder("kill", "-KILL", Long.toString(restore.pid())).start().waitFor();
    assertTrue(
        restore.waitFor(TimeScale.seconds(20), TimeUnit.SECONDS), "the restore stops on SIGKILL");

    List<MountInfo> left = MountTable.readSelf().under(root.toString());
    JournalReplay replay = JournalReplay.read(journal);
    assertFalse(replay.finished(), "killed before its end");
    assertTrue(left.size() >= 200 && left.size() < 4000, left.size() + " mounts when killed");
    java.util.Set<String> listed = java.util.Set.copyOf(replay.mountedTargets());
    for (MountInfo m : left) {
      assertTrue(listed.contains(m.mountPoint()), m.mountPoint() + " is missing from the journal");
    }
    CommandRun undo = CommandRun.of("undo", "--journal", journal.toString());
    assertEquals(0, undo.status(), undo.out() + undo.err());
    assertEquals(List.of(), MountTable.readSelf().under(root.toString()), "undo unmounted all");
  }

  /** A real restore process of the indirect fixture under {@code root}, with these options. */
  private Process startRestore(Path root, Path journal, String... options) throws Exception {
    return startRestore(Fixtures.dir("indirect"), root, journal, options);
  }

  /** A real restore process of {@code dump} under {@code root}, with these options. */
  private Process startRestore(Path dump, Path root, Path journal, String... options)
      throws Exception {
    // env --default-signal: a test run started in the background (`cmd &`, nohup) passes SIGINT
    // and SIGHUP on ignored, and a JVM that starts with a signal ignored leaves it so, as an
    // operator's `nohup autofs-restore restore` wants. The signals under test must be live.
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "env",
                "--default-signal=HUP,INT,TERM",
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "restore",
                dump.toString(),
                "--root",
                root.toString(),
                "--yes",
                "--mkdir",
                "--journal",
                journal.toString(),
                "--log-file",
                dir.resolve("log").toString()));
    command.addAll(List.of(options));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private void waitFor(String text, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (output.stream().anyMatch(l -> l.contains(text))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no '" + text + "' in:\n" + String.join("\n", output));
  }

  /** Processes in D state in an autofs wait. */
  private static List<String> asleepOnAutofs() throws Exception {
    List<String> stuck = new java.util.ArrayList<>();
    try (var pids = Files.list(Path.of("/proc"))) {
      for (Path p : pids.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
          String wchan = Files.readString(p.resolve("wchan"));
          if (state.equals("D") && wchan.contains("autofs")) {
            stuck.add(p.getFileName() + " " + wchan);
          }
        } catch (java.io.IOException | RuntimeException e) {
          // the process went away
        }
      }
    }
    return stuck;
  }
}
