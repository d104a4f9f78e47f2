package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.RestoredTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code repair}: its dry run on the restored tree of {@link RestoredTrees} (a crafted /proc), its
 * JSON, and its action-script mode, which is silent on every action but post-restore and
 * post-resume and never fails CRIU's restore at post-restore.
 */
class RepairCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path dump() throws Exception {
    return RestoredTrees.dump(tmp.resolve("dump"));
  }

  private Path proc() throws Exception {
    return RestoredTrees.restoredTree(tmp.resolve("proc")).root();
  }

  @Test
  void theDryRunPrintsEachMountsVerdictAndTheNumberedStepsAndRunsNothing() throws Exception {
    CommandRun run =
        CommandRun.of(
            "repair", dump().toString(), "--pid", "900", "--proc-root", proc().toString());
    assertEquals(1, run.status(), "some mounts cannot be repaired: " + run.out() + run.err());
    String out = run.out();
    assertTrue(
        out.startsWith(
            "DRY RUN: repair of the tree of pid 900 against "
                + tmp.resolve("dump")
                + ": 1 to repair, 4 this tool cannot repair, 2 working"),
        out);
    assertTrue(out.contains("repair        /srv/direct (direct)"), out);
    assertTrue(out.contains("cannot-repair /srv/sysd (direct)"), out);
    assertTrue(out.contains("works         /srv/ind (indirect)"), out);
    assertTrue(out.contains("Steps (run them with --yes):"), out);
    assertTrue(out.contains("  5. umount2(\"/srv/direct\", UMOUNT_NOFOLLOW)"), out);
    assertTrue(out.contains("  6. kill(4136, SIGHUP) /* automount */"), out);
    assertEquals("", run.err());
  }

  @Test
  void theJsonNamesEachVerdictAndEveryStep() throws Exception {
    CommandRun run =
        CommandRun.of(
            "repair",
            dump().toString(),
            "--pid",
            "900",
            "--proc-root",
            proc().toString(),
            "--json");
    JsonNode doc = JSON.readTree(run.out());
    assertTrue(doc.get("dry_run").asBoolean());
    assertEquals(7, doc.get("mounts").size());
    assertEquals(7, doc.get("steps").size());
    JsonNode direct = doc.get("mounts").get(1);
    assertEquals("/srv/direct", direct.get("mountpoint").asText());
    assertEquals("repair", direct.get("verdict").asText());
    assertEquals("0:71", direct.get("stale_device").asText());
    assertEquals("0:51", direct.get("dump_device").asText());
  }

  @Test
  void noSuchPidIsAClearMessageNotAStackTrace() throws Exception {
    CommandRun run =
        CommandRun.of(
            "repair", dump().toString(), "--pid", "77777", "--proc-root", proc().toString());
    assertEquals(ExitStatus.NO_PRIVILEGE, run.status());
    assertTrue(run.err().contains("no process 77777"), run.err());
    assertTrue(!run.err().contains("Exception"), run.err());
  }

  @Test
  void aMountPointWithTerminalControlsFromAHostileTreeIsPrintedEscaped() throws Exception {
    String hostile = "/srv/x\u001b[2J\u009b31m";
    Path dump =
        new org.autofsrestore.app.synth.DumpBuilder()
            .process(1, "init")
            .process(32, 1, 32, 32, "automount")
            .pipe(32, 3, 5, 28133)
            .autofsMount(hostile, a -> a.direct().owner(32, 5, 28133).superblock(51))
            .write(tmp.resolve("hostile"));
    Path proc =
        new org.autofsrestore.app.testing.CraftedProc(tmp.resolve("hproc"))
            .process(900, 900, "sh", 'S', "4026532201")
            .mountinfo(
                900,
                "30 1 0:40 / / rw,relatime - overlay overlay rw",
                "42 30 0:71 / "
                    + hostile
                    + " rw,relatime - autofs /etc/auto.x rw,fd=5,pgrp=4136,timeout=300,"
                    + "minproto=5,maxproto=5,direct,pipe_ino=41001")
            .process(4136, 4136, "automount", 'S', "4026532201")
            .pipeFd(4136, 3, 41001, 0)
            .root();
    CommandRun run =
        CommandRun.of("repair", dump.toString(), "--pid", "900", "--proc-root", proc.toString());
    assertTrue(run.out().contains("1 to repair"), run.out() + run.err());
    // What root's terminal gets: Main writes stdout through TerminalSafeWriter.
    StringWriter terminal = new StringWriter();
    try (TerminalSafeWriter w = new TerminalSafeWriter(terminal)) {
      w.write(run.out());
    }
    assertTrue(terminal.toString().contains("/srv/x"), terminal.toString());
    assertTrue(
        !terminal.toString().contains("\u001b") && !terminal.toString().contains("\u009b"),
        terminal.toString());
  }

  private record Ran(int status, String out, String err) {}

  private Ran actionScript(Map<String, String> env, String... args) {
    RepairCommand command = new RepairCommand();
    command.environment = env;
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new Ran(status, out.toString(), err.toString());
  }

  @Test
  void asCriusActionScriptItIsSilentOnEveryOtherAction() {
    for (String action :
        new String[] {"pre-dump", "post-dump", "pre-restore", "setup-namespaces", "pre-resume"}) {
      Ran r =
          actionScript(
              Map.of(
                  "CRTOOLS_SCRIPT_ACTION", action,
                  "CRTOOLS_IMAGE_DIR", "/nonexistent",
                  "CRTOOLS_INIT_PID", "900"),
              "--action-script");
      assertEquals(new Ran(0, "", ""), r, action);
    }
  }

  @Test
  void atPostRestoreItNeverFailsCriusRestoreEvenWithoutItsVariables() {
    Ran r = actionScript(Map.of("CRTOOLS_SCRIPT_ACTION", "post-restore"), "--action-script");
    assertEquals(0, r.status(), "a non-zero status would abort CRIU's restore");
    assertTrue(r.err().contains("CRTOOLS_IMAGE_DIR and CRTOOLS_INIT_PID were not set"), r.err());
    Ran resume = actionScript(Map.of("CRTOOLS_SCRIPT_ACTION", "post-resume"), "--action-script");
    assertEquals(ExitStatus.USAGE, resume.status());
  }

  @Test
  void atPostRestoreTheEnvironmentNamesTheDumpAndTheInitPid() throws Exception {
    // The tree is crafted: nothing to signal, so the plan is read and its run fails on entering
    // /proc/900/ns/mnt of the crafted tree (not a namespace); post-restore still exits 0.
    Ran r =
        actionScript(
            Map.of(
                "CRTOOLS_SCRIPT_ACTION", "post-restore",
                "CRTOOLS_IMAGE_DIR", dump().toString(),
                "CRTOOLS_INIT_PID", "900"),
            "--action-script",
            "--proc-root",
            proc().toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(
        r.out().startsWith("repair of the tree of pid 900 against " + tmp.resolve("dump")),
        r.out());
    assertTrue(r.out().contains("FAILED  setns(open(\"/proc/900/ns/mnt\""), r.out());
  }
}
