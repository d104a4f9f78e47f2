package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.restore.UnfinishedJournals;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.MountTables;
import org.autofsrestore.app.testing.TimeScale;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UI session killed with SIGKILL midway through a live restore of the multi fixture (one mount
 * done, one mounted, three not begun; {@link TuiRunKilledMidway}), then a new UI session on the
 * same dump: it offers the run when it opens, and either resumes it (the operator runs what is
 * left, and the mount table ends as an uninterrupted restore's) or undoes it (the root is left
 * empty). The real UI on a virtual terminal, the real kernel, real processes.
 */
@Tag("kernel")
@Tag("only-6.1") // the resume logic is swept on 6.1 (ResumeAfterKillOnTheRealKernelTest)
class TuiResumeOnTheRealKernelTest {
  private static final Path MULTI = Fixtures.dir("multi");

  @TempDir static Path dir;

  @BeforeAll
  static void kernel() {
    Prerequisites.requireRealKernel();
  }

  @Test
  void aKilledUiRunIsOfferedWhenTheUiOpensAndItsResumeEndsAsAnUninterruptedRestore()
      throws Exception {
    Path reference = Files.createDirectory(dir.resolve("reference"));
    List<String> uninterrupted;
    try {
      CommandRun run =
          CommandRun.of(
              "restore",
              MULTI.toString(),
              "--root",
              reference.toString(),
              "--owner",
              "handoff",
              "--no-wait",
              "--mkdir",
              "--yes",
              "--journal",
              dir.resolve("reference.jsonl").toString());
      assertEquals(0, run.status(), run.out() + run.err());
      uninterrupted = MountTables.under(reference);
      assertEquals(5, uninterrupted.size(), String.join("\n", uninterrupted));
    } finally {
      MountTables.unmountUnder(reference);
    }

    Path root = Files.createDirectory(dir.resolve("resumed"));
    Path state = Files.createDirectory(dir.resolve("resumed-state"));
    try {
      Path journal = killMidway(root, state);
      TuiLauncher.Session session = sessionOffering(root, state);
      try (VirtualScreen screen = new VirtualScreen(session, 160, 60)) {
        String offer = screen.screen();
        assertTrue(offer.contains("Unfinished restore"), offer);
        assertTrue(
            offer.replaceAll("[\\s│]", "").contains(journal.toString()), "wrapped:\n" + offer);
        assertTrue(offer.contains("r resume"), offer);
        screen.type("r");
        String resumed = screen.screen();
        assertTrue(resumed.contains("LIVE"), resumed);
        assertTrue(resumed.contains("done"), "the first mount is done:\n" + resumed);
        assertTrue(resumed.contains("go on"), "the second goes on from its mount:\n" + resumed);
        String first = session.model().mounts().get(0).id();
        for (int i = 0; i < session.model().mounts().size(); i++) {
          String id = session.model().mounts().get(i).id();
          if (!id.equals(first)) {
            session.controller().runAll(id); // what `r` then `a` on its row runs
          }
        }
      } finally {
        session.controller().close();
      }
      assertEquals(uninterrupted, MountTables.under(root), "the resumed run's mount table");
      assertTrue(UnfinishedJournals.endsFinished(journal), "the resume finished the journal");
      undoLeavesTheRootEmpty(journal, root);
    } finally {
      MountTables.unmountUnder(root);
    }
  }

  @Test
  void aKilledUiRunUndoneFromTheOfferLeavesTheRootEmpty() throws Exception {
    Path root = Files.createDirectory(dir.resolve("undone"));
    Path state = Files.createDirectory(dir.resolve("undone-state"));
    try {
      Path journal = killMidway(root, state);
      assertTrue(!MountTables.under(root).isEmpty(), "the killed run left mounts");
      TuiLauncher.Session session = sessionOffering(root, state);
      try (VirtualScreen screen = new VirtualScreen(session, 160, 60)) {
        screen.type("u");
        String undone = screen.screen();
        assertTrue(undone.contains("Undone: "), undone);
        assertTrue(undone.contains("unmounted"), undone);
        assertTrue(session.controller().unfinishedRuns().isEmpty(), "no longer offered");
      } finally {
        session.controller().close();
      }
      assertEquals(List.of(), MountTables.under(root));
      try (Stream<Path> left = Files.list(root)) {
        assertEquals(List.of(), left.toList(), "the directories the run made are gone");
      }
      assertTrue(UnfinishedJournals.endsFinished(journal), "the undo finished the journal");
    } finally {
      MountTables.unmountUnder(root);
    }
  }

  /** Runs {@link TuiRunKilledMidway} until it says where it is, kills it; returns its journal. */
  private static Path killMidway(Path root, Path state) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "setsid",
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                TuiRunKilledMidway.class.getName(),
                MULTI.toString(),
                root.toString(),
                dir.resolve("log").toString())
            .redirectErrorStream(true);
    builder.environment().put("XDG_STATE_HOME", state.toString());
    Process child = builder.start();
    StringBuilder said = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        said.append(line).append('\n');
        if (line.startsWith(TuiRunKilledMidway.MIDWAY)) {
          assertTrue(line.contains("=PARKED") && line.contains("=MOUNTED"), line);
          break;
        }
      }
      new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor();
      assertTrue(child.waitFor(TimeScale.seconds(30), TimeUnit.SECONDS), said.toString());
    } finally {
      child.destroyForcibly();
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL:\n" + said);
    List<UnfinishedJournals.Unfinished> found =
        UnfinishedJournals.in(state.resolve("autofs-restore")).unfinished();
    assertEquals(1, found.size(), "the killed run's journal:\n" + said);
    assertTrue(found.get(0).run().isPresent(), "a UI journal records its run");
    return found.get(0).journal();
  }

  /** A new UI session on the same dump and root, offering what the state directory holds. */
  private static TuiLauncher.Session sessionOffering(Path root, Path state) throws Exception {
    return TuiLauncher.session(
        AutofsAnalysis.inspect(DumpLoader.load(MULTI)),
        new Planner.Options(root, List.of(), OwnerMode.HANDOFF, true, 0, false),
        new TuiLauncher.Flags(false, false, true, false, false),
        HostSystem::new,
        "",
        dir.resolve("log"),
        UnfinishedJournals.in(state.resolve("autofs-restore")).unfinished());
  }

  private static void undoLeavesTheRootEmpty(Path journal, Path root) throws Exception {
    CommandRun undo = CommandRun.of("undo", "--journal", journal.toString());
    assertEquals(0, undo.status(), undo.out() + undo.err());
    assertEquals(List.of(), MountTables.under(root), undo.out());
    try (Stream<Path> left = Files.list(root)) {
      assertEquals(List.of(), left.toList(), "undo removed what the runs created\n" + undo.out());
    }
  }
}
