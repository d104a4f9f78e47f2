package org.autofsrestore.app.criu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real dump, made by Debian's criu 3.17 of Debian's real automount, and restored twice: by this
 * tool (hand-off to a freshly started automount) and by {@code criu restore}, side by side.
 *
 * <p>automount runs in a pid and mount namespace of its own (automount-tree.sh) with an indirect
 * map, a direct map and a multi-mount entry; one lookup of the multi-mount key makes automount
 * mount its two offsets. Runs on the 6.1 kernel of the VM (tag criu), where criu 3.17 works.
 */
@Tag("kernel")
@Tag("criu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CriuDumpOfAutomountOnTheRealKernelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Generous: under software emulation the tree takes about a minute to start. */
  private static final long WAIT_S = 300;

  private final CriuPeers peers = new CriuPeers();
  private Path work;
  private Path dump;
  private Path data;

  /** Host pids (in the test's pid namespace) of the dumped tree's pid 1 and of its automount. */
  private long treeInit;

  private long automountPid;
  private String ours = "not run";
  private final List<Process> started = new ArrayList<>();

  @BeforeAll
  void dumpAutomountsTreeWithCriu() throws Exception {
    Prerequisites.requireRealKernel();
    peers.require();
    work = Files.createTempDirectory("criu-automount");
    Path stage = Files.createDirectories(work.resolve("stage"));
    data = Files.createDirectories(work.resolve("data"));
    peers.writeMapsAndData(stage, data);
    Path treeRoot = Files.createDirectories(work.resolve("tree-root"));

    Process tree =
        start(
            List.of(
                "setsid",
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "--pid",
                "--fork",
                "--kill-child",
                "bash",
                CriuPeers.script().toString(),
                stage.toString(),
                treeRoot.toString()),
            work.resolve("tree.log"));
    treeInit = CriuPeers.awaitChild(tree.toHandle(), WAIT_S).pid();
    CriuPeers.awaitAutofsMounts(treeInit, 2, WAIT_S, work.resolve("tree.log"));
    automountPid = CriuPeers.awaitChild(ProcessHandle.of(treeInit).orElseThrow(), WAIT_S).pid();

    // One lookup from outside automount's process group: it mounts the multi-mount's offsets.
    CriuPeers.Run lookup = CriuPeers.run(CriuPeers.inTree(treeInit, "ls", "/srv/ind/multi"), 120);
    assertEquals(
        0, lookup.status(), "the multi-mount key: " + lookup.output() + CriuPeers.log(treeInit));
    CriuPeers.awaitAutofsMounts(treeInit, 4, WAIT_S, work.resolve("tree.log"));

    dump = Files.createDirectories(work.resolve("dump"));
    CriuPeers.Run criuDump =
        CriuPeers.run(
            List.of(
                "criu",
                "dump",
                "-t",
                "" + treeInit,
                "-D",
                dump.toString(),
                "-o",
                "dump.log",
                "-v4"),
            WAIT_S);
    if (criuDump.status() != 0) {
      fail(
          "criu dump failed ("
              + criuDump.status()
              + "):\n"
              + CriuPeers.errors(dump.resolve("dump.log")));
    }
  }

  @AfterAll
  void stopWhatWasStarted() throws Exception {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    if (work != null) {
      CriuPeers.unmountBelow(work);
      CriuPeers.report(work, ours, peers.criuRestoreOutcome());
    }
  }

  @Test
  @Order(1)
  void inspectListsEveryMountOfTheDumpOwnedByAutomountWithItsPipeResolved() throws Exception {
    CommandRun run = CommandRun.of("inspect", dump.toString(), "--json");
    assertTrue(run.status() <= 1, run.err());
    JsonNode mounts = JSON.readTree(run.out()).get("autofs_mounts");
    Map<String, String> modes = new TreeMap<>();
    for (JsonNode m : mounts) {
      String at = m.get("mountpoint").asText();
      modes.put(at, m.get("mode").asText());
      assertEquals(false, m.get("catatonic").asBoolean(), at + " was live when dumped");
      JsonNode owner = m.get("owner");
      assertTrue(owner != null && !owner.isNull(), at + " has an owner: " + m);
      assertEquals("automount", owner.get("comm").asText(), at + ": " + owner);
      assertEquals(m.get("pgrp").asLong(), owner.get("pid").asLong(), at + ": " + owner);
      assertTrue(owner.get("read_end_fd").isNumber(), at + ": the pipe's read end " + owner);
      assertTrue(m.get("pipe_ino").asLong() > 0, at + ": pipe_ino");
      assertEquals(List.of(), errorCodes(m.get("findings")), at + ": " + m.get("findings"));
    }
    assertEquals(
        Map.of(
            "/srv/direct", "direct",
            "/srv/ind", "indirect",
            "/srv/ind/multi/a", "offset",
            "/srv/ind/multi/b", "offset"),
        modes);
  }

  @Test
  @Order(3)
  void restoreParksEveryMountAndAFreshAutomountTakesThemAndServesAKey() throws Exception {
    Path root = Files.createDirectories(work.resolve("restored"));
    // --no-wait: the restore waits for an owner mount by mount, and automount, started once,
    // takes over what is mounted when it starts; so every mount is parked first.
    CommandRun run =
        CommandRun.of(
            "restore",
            dump.toString(),
            "--root",
            root.toString(),
            "--owner",
            "handoff",
            "--mkdir",
            "--yes",
            "--no-wait",
            "--journal",
            work.resolve("journal.jsonl").toString());
    assertEquals(0, run.status(), run.out() + run.err());
    Map<String, Long> timeouts =
        Map.of(
            "/srv/ind",
            300L,
            "/srv/direct",
            120L,
            "/srv/ind/multi/a",
            300L,
            "/srv/ind/multi/b",
            300L);
    for (var t : timeouts.entrySet()) {
      AutofsOptions parked = awaitState(root + t.getKey(), AutofsOptions::catatonic, "parked");
      assertEquals(t.getValue(), parked.timeout(), t.getKey() + ": the dump's timeout");
    }

    Path master = peers.writeMapsFor(work, root, data);
    Process automount =
        start(
            List.of("setsid", "/usr/sbin/automount", "-f", "-v", "file:" + master),
            work.resolve("automount-after-restore.log"));
    StringBuilder offsets = new StringBuilder();
    for (String t : List.of("/srv/ind", "/srv/direct")) {
      AutofsOptions owned = awaitState(root + t, s -> !s.catatonic(), "owned by automount");
      assertEquals(automount.pid(), owned.pgrp(), t + ": mountinfo names automount's group");
    }
    assertEquals("served\n", Files.readString(root.resolve("srv/ind/hello/file")));
    // The offsets are automount's to reconnect when it next reads the multi-mount; until then they
    // must stay parked (never pointing at a pipe nobody reads).
    for (String t : List.of("/srv/ind/multi/a", "/srv/ind/multi/b")) {
      AutofsOptions o =
          MountTable.readSelf().at(root + t).flatMap(MountInfo::autofsOptions).orElseThrow();
      assertTrue(o.catatonic() || o.pgrp() == automount.pid(), t + ": " + o);
      offsets.append(t).append(o.catatonic() ? " parked; " : " owned by automount; ");
    }
    automount.destroy(); // SIGTERM: automount unmounts what it mounted and leaves
    automount.waitFor(WAIT_S, TimeUnit.SECONDS);
    ours =
        "restored and parked all 4; a new automount (pgrp "
            + automount.pid()
            + ") took /srv/ind and /srv/direct and served a key; "
            + offsets;
  }

  /** First, while this namespace holds no mount of the dump: criu restore sees its own table. */
  @Test
  @Order(2)
  void criuRestoreOfTheSameDumpIsClassifiedBesideOurs() throws Exception {
    CriuPeers.Outcome outcome = peers.criuRestore(dump, WAIT_S);
    System.out.println("criu restore: " + outcome.describe() + "\nautofs-restore: " + ours);
    assertTrue(outcome.evidence().length() > 0, "criu's restore left no log: " + outcome);
  }

  private Process start(List<String> command, Path log) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    started.add(p);
    return p;
  }

  private static List<String> errorCodes(JsonNode findings) {
    List<String> codes = new ArrayList<>();
    if (findings != null) {
      for (JsonNode f : findings) {
        if ("error".equals(f.path("severity").asText())) {
          codes.add(f.path("code").asText());
        }
      }
    }
    return codes;
  }

  private static AutofsOptions awaitState(
      String target, java.util.function.Predicate<AutofsOptions> wanted, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
    while (System.nanoTime() < deadline) {
      var state = MountTable.readSelf().at(target).flatMap(MountInfo::autofsOptions);
      if (state.isPresent() && wanted.test(state.get())) {
        return state.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError(target + " never " + what);
  }
}
