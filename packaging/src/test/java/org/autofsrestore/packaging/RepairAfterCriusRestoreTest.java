package org.autofsrestore.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.autofsrestore.packaging.ContainerStack.Recorded;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What CRIU's own restore leaves hanging, and {@code autofs-restore repair} run from the installed
 * package afterwards, on the real stack of Debian 13 (ContainerStack): {@code podman container
 * restore --import} of a checkpoint of a container whose automount serves an indirect map with a
 * multi-mount entry and a direct map, and {@code criu restore} of an automount tree without Podman.
 * Each lookup is a read of a file the map serves, from outside automount's process group, killed
 * after 5 s (works, fails, hangs). The side-by-side table goes to target/restore-comparison.md.
 */
class RepairAfterCriusRestoreTest {
  private static final String IND = "/srv/ind/hello/file";
  private static final String OFFSET = "/srv/ind/multi/a/file";
  private static final String DIRECT = "/srv/direct/file";

  @BeforeAll
  static void needsRootOnX86_64Linux() {
    Prerequisites.requireX86_64Linux();
    Prerequisites.requireRoot();
  }

  @Test
  void afterPodmansRestoreTheDirectMountHangsAndTheIndirectOnesWork() throws Exception {
    Recorded stack = ContainerStack.recorded();
    assertEquals(
        "0", stack.fact("podman-restore-exit").orElse("?"), stack.read("restore-plain.out"));
    assertEquals("works", stack.verdict("podman-restore", IND), stack.log());
    assertEquals("works", stack.verdict("podman-restore", OFFSET), stack.log());
    assertEquals("hangs", stack.verdict("podman-restore", DIRECT), stack.log());
  }

  @Test
  void theDryRunNamesTheHangingDirectMountAndPrintsEveryStep() throws Exception {
    Recorded stack = ContainerStack.recorded();
    String dryRun = stack.read("podman-repair-dry-run.txt");
    assertTrue(dryRun.contains("/srv/direct"), dryRun);
    for (String step : List.of("setns(", "AUTOFS_DEV_IOCTL_OPENMOUNT", "umount2(", "SIGHUP")) {
      assertTrue(dryRun.contains(step), "the dry run prints " + step + ":\n" + dryRun);
    }
  }

  @Test
  void afterPodmansRestoreAndRepairEveryKeyOfEveryMapAnswersWithinFiveSeconds() throws Exception {
    everyKeyAnswersAfterTheRepair(ContainerStack.recorded(), "podman");
  }

  @Test
  void afterCriusOwnRestoreTheDirectMountHangsAndRepairMakesEveryKeyAnswer() throws Exception {
    Recorded stack = ContainerStack.recorded();
    // A tree in a mount namespace of its own needs --root (without: BUG at criu/mount.c:48).
    assertEquals("ok", stack.fact("criu-restore-root").orElse("?"), stack.read("criu-restore.log"));
    assertEquals("works", stack.verdict("criu-restore", IND), stack.log());
    assertEquals("hangs", stack.verdict("criu-restore", DIRECT), stack.log());
    everyKeyAnswersAfterTheRepair(stack, "criu");
  }

  /** The repair after {@code restorer}'s restore ran every step, and then every key answers. */
  private static void everyKeyAnswersAfterTheRepair(Recorded stack, String restorer)
      throws Exception {
    String run = stack.read(restorer + "-repair-run.txt");
    assertEquals("0", stack.fact(restorer + "-repair-run-exit").orElse("?"), run + stack.log());
    for (String path : List.of(IND, OFFSET, DIRECT)) {
      assertEquals(
          "works",
          stack.verdict(restorer + "-restore+repair", path),
          path + "\n" + run + stack.log());
    }
  }

  @Test
  void theHandOffOfCriusDumpToAFreshAutomountServesEveryKey() throws Exception {
    Recorded stack = ContainerStack.recorded();
    assertEquals(
        "0", stack.fact("handoff-restore-exit").orElse("?"), stack.read("handoff-restore.txt"));
    for (String path : List.of(IND, OFFSET, DIRECT)) {
      assertEquals("works", stack.verdict("handoff", path), path + "\n" + stack.log());
    }
  }

  @AfterAll
  static void writeTheSideBySideTable() throws Exception {
    Recorded stack = ContainerStack.recorded();
    List<String> columns =
        List.of(
            "criu-restore",
            "criu-restore+repair",
            "podman-restore",
            "podman-restore+repair",
            "handoff");
    StringBuilder md = new StringBuilder();
    md.append("# A lookup (5 s limit) in each mount after each restore\n\n")
        .append("kernel ")
        .append(stack.fact("kernel").orElse("?"))
        .append(", criu ")
        .append(stack.fact("criu").orElse("?"))
        .append(", autofs ")
        .append(stack.fact("autofs").orElse("?"))
        .append(", podman ")
        .append(stack.fact("podman").orElse("?"))
        .append(", crun ")
        .append(stack.fact("crun").orElse("?"))
        .append("\n\n| mount (file read) | criu restore | criu restore + repair | podman restore")
        .append(" | podman restore + repair | autofs-restore restore --owner handoff |\n")
        .append("|---|---|---|---|---|---|\n");
    for (String path : List.of(IND, OFFSET, DIRECT)) {
      md.append("| ").append(path);
      for (String when : columns) {
        md.append(" | ").append(stack.verdict(when, path));
      }
      md.append(" |\n");
    }
    md.append("\nfacts: ").append(stack.facts()).append('\n');
    Files.writeString(InstalledRoots.TARGET.resolve("restore-comparison.md"), md);
    System.out.println(md);
  }
}
