package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.autofsrestore.app.cli.Main;
import org.autofsrestore.app.cli.RestoreKilledAtBoundary;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.MountTables;
import org.autofsrestore.app.testing.TimeScale;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill sweep: a restore of three mounts of the multi fixture (an indirect mount with a
 * directory below it, a direct mount, an offset), as a real process in a session of its own, is
 * killed with SIGKILL at each of its step boundaries in turn, under each owner mode; {@code restore
 * --resume} of its journal must end with the mount table an uninterrupted run ends with, and {@code
 * undo} of the resumed journal must leave the root empty. The table of every (owner, boundary) pair
 * goes to target/resume-sweep.md.
 */
@Tag("kernel")
@Tag("only-6.1") // one kernel is enough for what it proves, at its cost
class ResumeAfterKillOnTheRealKernelTest {
  private static final List<String> MOUNTS =
      List.of("/srv/auto-f1", "/srv/direct-f2", "/srv/data/offset-f5");

  @TempDir static Path dir;
  private static final List<String> rows = new ArrayList<>();

  @BeforeAll
  static void kernel() {
    Prerequisites.requireRealKernel();
  }

  @AfterAll
  static void writeTable() throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("| owner | killed after step | that step | the resume decided | result |");
    lines.add("|---|---|---|---|---|");
    lines.addAll(rows);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "resume-sweep.md"), lines);
  }

  @TestFactory
  Stream<DynamicTest> aHandoffRestoreKilledAtEveryStepBoundaryResumesToTheUninterruptedResult()
      throws Exception {
    return sweep(OwnerMode.HANDOFF);
  }

  @TestFactory
  Stream<DynamicTest> aHoldingRestoreKilledAtEveryStepBoundaryResumesToTheUninterruptedResult()
      throws Exception {
    return sweep(OwnerMode.HOLD);
  }

  private Stream<DynamicTest> sweep(OwnerMode owner) throws Exception {
    Path root = Files.createDirectory(dir.resolve(owner.option() + "-reference"));
    Path journal = dir.resolve(owner.option() + "-reference.jsonl");
    List<String> steps = new ArrayList<>();
    List<String> reference = runAndResume(owner, root, journal, -1, steps);
    assertTrue(steps.size() >= 30, "three mounts' steps: " + steps);
    List<DynamicTest> tests = new ArrayList<>();
    boolean all = "all".equals(System.getProperty("autofs.test.sweep"));
    for (int k = 0; k <= steps.size(); k++) {
      int boundary = k;
      if (!all && k != 0 && k != steps.size() && !steps.get(k - 1).equals("mount")) {
        continue;
      }
      String step = k == 0 ? "(before the first)" : steps.get(k - 1);
      tests.add(
          DynamicTest.dynamicTest(
              owner.option() + ", killed after step " + k + " " + step,
              () -> {
                Path r = Files.createDirectory(dir.resolve(owner.option() + "-" + boundary));
                Path j = dir.resolve(owner.option() + "-" + boundary + ".jsonl");
                List<String> decided = new ArrayList<>();
                String result = "FAILED";
                try {
                  List<String> table = runAndResume(owner, r, j, boundary, decided);
                  assertEquals(reference, table, "mount table after resume");
                  result = "same table; undo left the root empty";
                } finally {
                  rows.add(
                      "| "
                          + owner.option()
                          + " | "
                          + boundary
                          + " | `"
                          + step
                          + "` | "
                          + String.join("; ", decided)
                          + " | "
                          + result
                          + " |");
                }
              }));
    }
    return tests.stream();
  }

  /**
   * Runs the restore as a process, killed at {@code killAt} (-1: not killed; a holding run is then
   * stopped with SIGTERM once it serves), resumes a killed one in this JVM, reads the mount table
   * under {@code root}, then undoes the journal and checks that the root is left empty. Returns the
   * table as the run (or its resume) left it; {@code notes} gets the uninterrupted run's steps
   * (killAt -1) or the resume's decisions.
   */
  private List<String> runAndResume(
      OwnerMode owner, Path root, Path journal, int killAt, List<String> notes) throws Exception {
    Process restore = start(owner, root, journal, killAt);
    List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread reader = drain(restore, output);
    try {
      List<String> table = null;
      if (killAt < 0 && owner == OwnerMode.HOLD) {
        waitFor(output, "serving the kernel's requests", restore);
        table = MountTables.under(root);
        new ProcessBuilder("kill", "-TERM", Long.toString(restore.pid())).start().waitFor();
      }
      assertTrue(restore.waitFor(TimeScale.seconds(120), TimeUnit.SECONDS), "the run ends");
      reader.join(TimeUnit.SECONDS.toMillis(TimeScale.seconds(10)));
      String shown = String.join("\n", output);
      if (killAt < 0) {
        for (String line : output) {
          if (line.startsWith("  [")) {
            notes.add(stepLabel(line.substring(line.indexOf(']') + 2)));
          }
        }
        if (owner == OwnerMode.HANDOFF) {
          assertEquals(0, restore.exitValue(), shown);
          table = MountTables.under(root);
        }
      } else {
        assertEquals(137, restore.exitValue(), "killed by SIGKILL at boundary " + killAt + shown);
        table = resume(owner, journal, root, notes);
      }
      CommandRun undo = CommandRun.of("undo", "--journal", journal.toString());
      assertEquals(0, undo.status(), undo.out() + undo.err());
      assertEquals(List.of(), MountTable.readSelf().under(root.toString()), undo.out());
      try (Stream<Path> left = Files.list(root)) {
        assertEquals(List.of(), left.toList(), "undo removed what the runs created\n" + undo.out());
      }
      return table;
    } finally {
      restore.destroyForcibly();
      MountTables.unmountUnder(root);
    }
  }

  /** Resumes in this JVM; a holding resume serves in a thread until its table is read. */
  private List<String> resume(OwnerMode owner, Path journal, Path root, List<String> decided)
      throws Exception {
    if (owner == OwnerMode.HANDOFF) {
      CommandRun run = CommandRun.of("restore", "--resume", journal.toString(), "--yes");
      assertEquals(0, run.status(), run.out() + run.err());
      decided.addAll(decisions(run.out()));
      return MountTables.under(root);
    }
    // The resume's output as it prints it: it says it serves once every step has run, every
    // mount taken (SETPIPEFD) by this JVM. The table alone cannot tell: a run killed after its last
    // step leaves every mount held by the dead process until the resume parks and takes it again.
    java.io.StringWriter printed = new java.io.StringWriter();
    java.io.StringWriter errors = new java.io.StringWriter();
    int[] status = {-1};
    Thread serving =
        new Thread(
            () ->
                status[0] =
                    Main.run(
                        new String[] {"restore", "--resume", journal.toString(), "--yes"},
                        new java.io.PrintWriter(printed, true),
                        new java.io.PrintWriter(errors, true)));
    serving.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TimeScale.seconds(60));
    while (!printed.toString().contains("serving the kernel's requests")) {
      assertTrue(
          serving.isAlive() && System.nanoTime() < deadline,
          "the holding resume serves\n" + printed + errors);
      Thread.sleep(20);
    }
    List<String> table = MountTables.under(root);
    serving.interrupt(); // the request server stops; the run parks and ends
    serving.join(TimeUnit.SECONDS.toMillis(TimeScale.seconds(30)));
    assertTrue(!serving.isAlive(), "the holding resume ended when interrupted");
    assertEquals(0, status[0], printed + "" + errors);
    decided.addAll(decisions(printed.toString()));
    return table;
  }

  private static Thread drain(Process p, List<String> lines) {
    Thread t =
        new Thread(
            () -> {
              try (var in =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(
                          p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void waitFor(List<String> output, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TimeScale.seconds(120));
    while (output.stream().noneMatch(l -> l.contains(text))) {
      assertTrue(p.isAlive() && System.nanoTime() < deadline, String.join("\n", output));
      Thread.sleep(20);
    }
  }

  /** A step as the table shows it: the call, and the ioctl's command. */
  private static String stepLabel(String text) {
    String call = text.split("\\(")[0];
    java.util.regex.Matcher ioctl =
        java.util.regex.Pattern.compile("AUTOFS_(?:DEV_)?IOC(?:TL)?_([A-Z]+)").matcher(text);
    return call.equals("ioctl") && ioctl.find() ? "ioctl " + ioctl.group(1) : call;
  }

  private static List<String> decisions(String out) {
    List<String> d = new ArrayList<>();
    for (String line : out.split("\n")) {
      for (String mount : MOUNTS) {
        if (line.startsWith("  " + mount + ": ")) {
          d.add(mount + " " + line.substring(mount.length() + 4).split(":")[0]);
        }
      }
    }
    return d;
  }

  private Process start(OwnerMode owner, Path root, Path journal, int killAt) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "setsid",
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-D" + RestoreKilledAtBoundary.PROPERTY + "=" + killAt,
                "-cp",
                System.getProperty("java.class.path"),
                RestoreKilledAtBoundary.class.getName(),
                "restore",
                Fixtures.dir("multi").toString(),
                "--root",
                root.toString(),
                "--owner",
                owner.option(),
                "--yes",
                "--mkdir",
                "--journal",
                journal.toString(),
                "--log-file",
                dir.resolve("log").toString()));
    for (String m : MOUNTS) {
      command.addAll(List.of("--mount", m));
    }
    if (owner == OwnerMode.HANDOFF) {
      command.add("--no-wait");
    }
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
