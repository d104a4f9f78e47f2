package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.testing.CraftedDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mount strings no real dump holds, each found by fuzzing, planned without an exception. */
class HostileMountpointTest {
  @TempDir Path tmp;

  /** Fuzzing found: lexicalTarget turned a NUL into Path.resolve's InvalidPathException. */
  @Test
  void aMountPointWithANulByteIsRefusedAsEscapingNotACrash() throws Exception {
    Path dump =
        CraftedDumps.withMountpoint("indirect", tmp.resolve("d"), "/srv/auto-a", "/srv/a\0b");
    Plan plan =
        Planner.plan(
            AutofsAnalysis.inspect(DumpLoader.load(dump)),
            new FixedLiveSystem().directories("/r", "/r/srv"),
            new Planner.Options(Path.of("/r"), List.of(), OwnerMode.HANDOFF, true, 0, false));
    MountPlan m = plan.mounts().get(0);
    assertFalse(m.runnable());
    assertEquals(FindingCode.PATH_ESCAPES_ROOT, m.findings().get(0).code());
    assertEquals(Path.of("/r/srv/a\\0b"), m.target());
    assertTrue(m.findings().get(0).message().contains("NUL byte"), m.findings().toString());
  }

  /** Fuzzing found: the mount step's text built a PosixCall.Mount, which refuses a NUL. */
  @Test
  @PlannerTest.Shows(FindingCode.SOURCE_HAS_NUL)
  void aMountSourceWithANulByteIsRefusedAndItsPlanStillPrints() throws Exception {
    Path dump = CraftedDumps.copy("indirect", tmp.resolve("d"));
    CraftedDumps.rewriteMounts(
        dump,
        m ->
            m.getMountpoint().equals("/srv/auto-a")
                ? m.toBuilder().setSource("/etc/auto.a\0-rw").build()
                : m);
    Plan plan =
        Planner.plan(
            AutofsAnalysis.inspect(DumpLoader.load(dump)),
            new FixedLiveSystem().directories("/r", "/r/srv", "/r/srv/auto-a"),
            new Planner.Options(Path.of("/r"), List.of(), OwnerMode.HANDOFF, true, 0, false));
    MountPlan m = plan.mounts().get(0);
    assertFalse(m.runnable());
    assertEquals(FindingCode.SOURCE_HAS_NUL, m.findings().get(0).code());
    assertEquals(
        "The mount source '/etc/auto.a\\0-rw' holds a NUL byte: mount(2) would be given only the"
            + " part before it.",
        m.findings().get(0).message());
    StringBuilder json = new StringBuilder();
    org.autofsrestore.app.report.PlanJson.write(plan, json);
    assertTrue(json.toString().contains("/etc/auto.a\\\\0-rw"), json.toString());
  }

  @Test
  void aTargetLongerThanPathMaxUnderTheRootIsRefusedBeforeAnyStep() throws Exception {
    // 3,900 bytes of mount point: under PATH_MAX alone, over it below a 200-byte --root.
    String mountpoint = ("/" + "d".repeat(99)).repeat(39);
    Path root = Path.of("/" + "r".repeat(199));
    Path dump =
        CraftedDumps.withMountpoint("indirect", tmp.resolve("d"), "/srv/auto-a", mountpoint);
    Plan plan =
        Planner.plan(
            AutofsAnalysis.inspect(DumpLoader.load(dump)),
            new FixedLiveSystem().directories(root.toString()),
            new Planner.Options(root, List.of(), OwnerMode.HANDOFF, true, 0, true));
    MountPlan m = plan.mounts().get(0);
    assertFalse(m.runnable());
    assertEquals(FindingCode.PATH_ESCAPES_ROOT, m.findings().get(0).code());
    assertTrue(m.findings().get(0).message().contains("PATH_MAX"), m.findings().toString());
    assertTrue(m.findings().get(0).message().contains("4100 bytes"), m.findings().toString());
  }

  @Test
  void aMountPointLongerThanPathMaxIsRefusedNamingPathMax() {
    List<Finding> findings = new ArrayList<>();
    String mountpoint = "/" + "m".repeat(TargetPath.MAX_PATH_BYTES);
    assertTrue(
        TargetPath.resolve(Path.of("/r"), mountpoint, new FixedLiveSystem(), findings).isEmpty());
    assertEquals(FindingCode.PATH_ESCAPES_ROOT, findings.get(0).code());
    assertTrue(findings.get(0).message().contains("PATH_MAX"), findings.toString());
  }

  @Test
  void aComponentLongerThanNameMaxIsRefusedNamingNameMax() {
    List<Finding> findings = new ArrayList<>();
    String mountpoint = "/srv/" + "n".repeat(TargetPath.MAX_COMPONENT_BYTES + 1);
    assertTrue(
        TargetPath.resolve(Path.of("/r"), mountpoint, new FixedLiveSystem(), findings).isEmpty());
    assertEquals(FindingCode.PATH_ESCAPES_ROOT, findings.get(0).code());
    assertTrue(findings.get(0).message().contains("NAME_MAX"), findings.toString());
  }
}
