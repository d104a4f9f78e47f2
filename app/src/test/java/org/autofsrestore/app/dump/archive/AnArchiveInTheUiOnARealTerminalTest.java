package org.autofsrestore.app.dump.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.autofsrestore.app.cli.Main;
import org.autofsrestore.app.testing.CheckpointArchives;
import org.autofsrestore.app.testing.CheckpointArchives.Engine;
import org.autofsrestore.app.testing.CheckpointArchives.Packing;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.testkit.Processes;
import org.autofsrestore.testkit.Tmux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real {@code tui} command, in a JVM of its own on a real pseudo-terminal (tmux), on a Podman
 * checkpoint archive of the multi fixture: its header names the container, its list shows the
 * dump's autofs mounts, and the private directory it holds while it runs is gone when it ends, by
 * {@code q} or by SIGTERM, SIGINT or SIGHUP (the shutdown hook), with the JVM's status for each.
 */
class AnArchiveInTheUiOnARealTerminalTest {
  private static final Pattern PRIVATE = Pattern.compile("autofs-restore-archive-(\\d+)-\\d+-\\w+");

  @TempDir Path temp;
  private Tmux tmux;
  private Path tmp;
  private Path archive;

  @BeforeEach
  void startTmux() throws IOException {
    tmux = Tmux.open("archive-ui");
    tmp = Files.createDirectory(temp.resolve("tmp"));
    archive =
        CheckpointArchives.write(
            Fixtures.dir("multi"), Engine.PODMAN, Packing.ZSTD, temp.resolve("ck.tar.zst"));
  }

  @AfterEach
  void killServer() throws Exception {
    tmux.close();
  }

  /** Starts the UI on the archive; returns its screen once drawn. */
  private String startUi() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    tmux.start(
        140,
        30,
        "env LANG=C.UTF-8 TERM=xterm-256color XDG_CACHE_HOME="
            + temp
            + " XDG_STATE_HOME="
            + temp
            + " "
            + java
            + " -Djava.io.tmpdir="
            + tmp
            + " -cp "
            + System.getProperty("java.class.path")
            + " "
            + Main.class.getName()
            + " tui "
            + archive
            + "; echo UI-EXIT=$?; sleep 60");
    return tmux.awaitScreen("q quit", 60);
  }

  /** The private directory the UI holds, and the pid it is named by. */
  private Path privateDirectory() throws IOException {
    try (Stream<Path> list = Files.list(tmp)) {
      List<Path> all = list.toList();
      assertEquals(1, all.size(), "one private directory: " + all);
      return all.get(0);
    }
  }

  private static long pidOf(Path privateDirectory) {
    Matcher m = PRIVATE.matcher(privateDirectory.getFileName().toString());
    assertTrue(m.matches(), privateDirectory.toString());
    return Long.parseLong(m.group(1));
  }

  @Test
  void theHeaderNamesTheContainerTheListShowsTheMountsAndQuittingRemovesThePrivateDirectory()
      throws Exception {
    String screen = startUi();
    String header = screen.lines().findFirst().orElseThrow();
    assertTrue(header.contains("ck.tar.zst"), "the archive in the header: " + header);
    assertTrue(
        header.contains("Podman container " + CheckpointArchives.PODMAN_NAME),
        "the container in the header: " + header);
    for (String mount : List.of("/srv/auto-f1", "/srv/direct-f2", "/srv/cata-f4")) {
      assertTrue(screen.contains(mount), mount + " listed:\n" + screen);
    }
    assertTrue(screen.contains("5 autofs mounts"), screen);
    Path held = privateDirectory();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(held)));

    tmux.keys("q");
    tmux.awaitScreen("UI-EXIT=0", 30);
    assertEquals(List.of(), Files.list(tmp).toList(), "the private directory removed");
  }

  @ParameterizedTest(name = "SIG{0}")
  @CsvSource({"TERM, 143", "INT, 130", "HUP, 129"})
  void aSignalToTheUiRemovesThePrivateDirectoryItHolds(String signal, int status) throws Exception {
    startUi();
    Path held = privateDirectory();
    long pid = pidOf(held);
    assertTrue(ProcessHandle.of(pid).isPresent(), "the UI's JVM runs: " + pid);
    Processes.output("kill", "-s", signal, String.valueOf(pid));
    tmux.awaitScreen("UI-EXIT=", 30);
    String screen = tmux.screen();
    assertTrue(screen.contains("UI-EXIT=" + status), "exit " + status + " after SIG" + signal);
    assertEquals(List.of(), Files.list(tmp).toList(), held + " removed by the shutdown hook");
  }
}
