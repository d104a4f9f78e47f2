package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.LiveSystem.PathKind;
import org.autofsrestore.app.synth.DumpBuilder;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
  /** The pre-flight finding code a test shows. */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
  @interface Shows {
    FindingCode value();
  }

  private static final Path ROOT = Path.of("/r");

  private static Inspection inspect(String fixture) throws Exception {
    return AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir(fixture)));
  }

  private static Planner.Options options(OwnerMode owner, boolean mkdir) {
    return new Planner.Options(ROOT, List.of(), owner, mkdir, 60, true);
  }

  private static List<String> texts(MountPlan m, StageName stage) {
    return m.stage(stage).steps().stream().map(s -> s.text(RunValues.NONE)).toList();
  }

  private static MountPlan mount(Plan plan, String mountpoint) {
    return plan.mounts().stream()
        .filter(m -> m.mountpoint().equals(mountpoint))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void mountOptionsDropTimeoutAndPipeInoAndPointAtThisProgramsPipeAndGroup() throws Exception {
    Plan plan =
        Planner.plan(
            inspect("multi"),
            new FixedLiveSystem().directories("/r", "/r/srv", "/r/srv/auto-f3"),
            options(OwnerMode.HANDOFF, false));
    MountPlan f3 = mount(plan, "/srv/auto-f3");
    assertTrue(f3.runnable(), f3.findings().toString());
    assertEquals(
        "mount(\"/etc/auto.f3\", \"/r/srv/auto-f3\", \"autofs\", MS_RELATIME,"
            + " \"fd=<pipe.write>,pgrp=<pgrp>,minproto=5,maxproto=5,indirect,uid=1000,gid=1000\")",
        texts(f3, StageName.MOUNT).get(1));
    for (MountPlan m : plan.mounts()) {
      for (Stage s : m.stages()) {
        for (Step step : s.steps()) {
          String text = step.text(RunValues.NONE);
          assertFalse(text.contains("timeout="), text);
          assertFalse(text.contains("pipe_ino="), text);
        }
      }
    }
  }

  @Test
  void theTimeoutStageSetsTheDumpsTimeoutThenParks() throws Exception {
    Plan plan =
        Planner.plan(
            inspect("direct"),
            new FixedLiveSystem().directories("/r"),
            options(OwnerMode.HOLD, true));
    List<String> timeout = texts(plan.mounts().get(0), StageName.TIMEOUT);
    assertEquals(4, timeout.size());
    assertTrue(timeout.get(0).contains("AUTOFS_DEV_IOCTL_OPENMOUNT"), timeout.get(0));
    assertTrue(timeout.get(0).contains(".openmount.devid = <devid>"), timeout.get(0));
    assertEquals("ioctl(<ioctlfd>, AUTOFS_IOC_SETTIMEOUT, &(unsigned long){300})", timeout.get(1));
    assertEquals("ioctl(<ioctlfd>, AUTOFS_IOC_CATATONIC, 0)", timeout.get(2));
    assertTrue(timeout.get(3).contains("CLOSEMOUNT"), timeout.get(3));
  }

  @Test
  void holdTakesTheMountWithSetpipefdAndServesIt() throws Exception {
    Plan plan =
        Planner.plan(
            inspect("indirect"),
            new FixedLiveSystem().directories("/r"),
            options(OwnerMode.HOLD, true));
    List<Step.Call> calls =
        plan.mounts().get(0).stage(StageName.OWNER).steps().stream().map(Step::call).toList();
    assertEquals(
        List.of(
            Step.Call.SETPIPEFD,
            Step.Call.CLOSE_FD,
            Step.Call.CLOSE_FD,
            Step.Call.CLOSE_FD,
            Step.Call.CLOSE_FD,
            Step.Call.SERVE),
        calls);
  }

  @Test
  void handoffClosesThisProgramsPipeAndWaitsForTheNewOwner() throws Exception {
    Plan plan =
        Planner.plan(
            inspect("indirect"),
            new FixedLiveSystem().directories("/r"),
            options(OwnerMode.HANDOFF, true));
    List<Step.Call> calls =
        plan.mounts().get(0).stage(StageName.OWNER).steps().stream().map(Step::call).toList();
    assertEquals(List.of(Step.Call.CLOSE, Step.Call.CLOSE, Step.Call.WAIT_OWNER), calls);
  }

  @Test
  void aMountCatatonicInTheDumpIsRestoredParkedWhateverTheOwner() throws Exception {
    for (OwnerMode owner : OwnerMode.values()) {
      Plan plan =
          Planner.plan(
              inspect("catatonic"), new FixedLiveSystem().directories("/r"), options(owner, true));
      MountPlan m = plan.mounts().get(0);
      assertTrue(m.parkedInDump());
      assertTrue(texts(m, StageName.TIMEOUT).get(2).contains("AUTOFS_IOC_CATATONIC"));
      assertEquals(
          List.of(Step.Call.CLOSE, Step.Call.CLOSE),
          m.stage(StageName.OWNER).steps().stream().map(Step::call).toList());
    }
  }

  @Test
  void directoriesBelowAnIndirectMountAreCreatedInsideItAfterMounting() throws Exception {
    Plan plan =
        Planner.plan(
            inspect("multi"),
            new FixedLiveSystem().directories("/r"),
            options(OwnerMode.HANDOFF, true));
    List<String> mountStage = texts(mount(plan, "/srv/auto-f1"), StageName.MOUNT);
    assertEquals("mkdir(\"/r/srv/auto-f1/foo\", 0755)", mountStage.get(mountStage.size() - 1));
    assertTrue(mountStage.get(mountStage.size() - 2).startsWith("stat("));
  }

  @Test
  void everyDirectoryOnTheWayToAMountTwoLevelsBelowAnIndirectMountIsCreatedInsideIt(
      @TempDir Path tmp) throws Exception {
    // automount's multi-mount: key "multi" of /srv/ind holds offsets at multi/a and multi/b/c.
    // Once the indirect mount is parked nobody may create directories in it (EACCES, as seen in
    // the real automount dump), so its own stage 1 makes them all.
    Path dump =
        new DumpBuilder()
            .process(32, "automount")
            .pipe(32, 3, 5, 28133)
            .autofsMount("/srv/ind", a -> a.indirect().owner(32, 5, 28133))
            .autofsMount("/srv/ind/multi/a", a -> a.offset().owner(32, 5, 28133))
            .autofsMount("/srv/ind/multi/b/c", a -> a.offset().owner(32, 5, 28133))
            .write(tmp.resolve("dump"));
    Plan plan =
        Planner.plan(
            AutofsAnalysis.inspect(DumpLoader.load(dump)),
            new FixedLiveSystem().directories("/r"),
            options(OwnerMode.HANDOFF, true));
    List<String> mountStage = texts(mount(plan, "/srv/ind"), StageName.MOUNT);
    int stat = mountStage.indexOf("stat(\"/r/srv/ind\", &st)");
    assertEquals(
        List.of(
            "mkdir(\"/r/srv/ind/multi\", 0755)",
            "mkdir(\"/r/srv/ind/multi/a\", 0755)",
            "mkdir(\"/r/srv/ind/multi/b\", 0755)",
            "mkdir(\"/r/srv/ind/multi/b/c\", 0755)"),
        mountStage.subList(stat + 1, mountStage.size()),
        mountStage.toString());
  }

  @Test
  @Shows(FindingCode.TARGET_MISSING)
  void aMissingTargetIsAnErrorWithoutMkdirAndMkdirStepsWithIt() throws Exception {
    LiveSystem live = new FixedLiveSystem().directories("/r");
    MountPlan without =
        Planner.plan(inspect("indirect"), live, options(OwnerMode.HOLD, false)).mounts().get(0);
    assertFalse(without.runnable());
    assertTrue(has(without, FindingCode.TARGET_MISSING));
    MountPlan with =
        Planner.plan(inspect("indirect"), live, options(OwnerMode.HOLD, true)).mounts().get(0);
    assertTrue(with.runnable());
    assertEquals(
        List.of("mkdir(\"/r/srv\", 0755)", "mkdir(\"/r/srv/auto-a\", 0755)"),
        texts(with, StageName.MOUNT).subList(0, 2));
  }

  @Test
  @Shows(FindingCode.TARGET_THROUGH_SYMLINK)
  void aSymlinkOnTheWayIsRefusedEvenWithMkdir() throws Exception {
    LiveSystem live = new FixedLiveSystem().directories("/r").with("/r/srv", PathKind.SYMLINK);
    MountPlan m =
        Planner.plan(inspect("indirect"), live, options(OwnerMode.HOLD, true)).mounts().get(0);
    assertFalse(m.runnable());
    assertTrue(has(m, FindingCode.TARGET_THROUGH_SYMLINK));
  }

  @Test
  @Shows(FindingCode.TARGET_NOT_DIRECTORY)
  void aFileOnTheWayIsRefused() throws Exception {
    LiveSystem live = new FixedLiveSystem().directories("/r").with("/r/srv", PathKind.OTHER);
    MountPlan m =
        Planner.plan(inspect("indirect"), live, options(OwnerMode.HOLD, true)).mounts().get(0);
    assertTrue(has(m, FindingCode.TARGET_NOT_DIRECTORY));
  }

  @Test
  @Shows(FindingCode.TARGET_ALREADY_AUTOFS)
  void aTargetThatIsAlreadyAnAutofsMountIsAnError() throws Exception {
    FixedLiveSystem live = new FixedLiveSystem().directories("/r", "/r/srv", "/r/srv/auto-a");
    live.autofsMounts.add(Path.of("/r/srv/auto-a"));
    MountPlan m =
        Planner.plan(inspect("indirect"), live, options(OwnerMode.HOLD, false)).mounts().get(0);
    assertTrue(has(m, FindingCode.TARGET_ALREADY_AUTOFS));
  }

  @Test
  @Shows(FindingCode.PATH_ESCAPES_ROOT)
  void pathsThatClimbOutOfTheRootAreRefused() {
    for (String bad : List.of("/srv/../../etc", "srv/relative", "/a/" + "x".repeat(300))) {
      List<Finding> findings = new java.util.ArrayList<>();
      assertTrue(
          TargetPath.resolve(ROOT, bad, new FixedLiveSystem().directories("/r"), findings)
              .isEmpty(),
          bad);
      assertEquals(FindingCode.PATH_ESCAPES_ROOT, findings.get(0).code(), bad);
    }
  }

  @Test
  @Shows(FindingCode.NO_CAP_SYS_ADMIN)
  void withoutCapSysAdminRestoreIsRefusedButPlanOnlyWarns() throws Exception {
    FixedLiveSystem live = new FixedLiveSystem().directories("/r");
    live.capSysAdmin = false;
    Plan forRestore = Planner.plan(inspect("indirect"), live, options(OwnerMode.HOLD, true));
    assertEquals(
        org.autofsrestore.app.autofs.Severity.ERROR, forRestore.findings().get(0).severity());
    Plan forPlan =
        Planner.plan(
            inspect("indirect"),
            live,
            new Planner.Options(ROOT, List.of(), OwnerMode.HOLD, true, 60, false));
    assertEquals(
        org.autofsrestore.app.autofs.Severity.WARNING, forPlan.findings().get(0).severity());
  }

  @Test
  void mountNamesAMountpointTheDumpDoesNotHave() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Planner.plan(
                inspect("indirect"),
                new FixedLiveSystem(),
                new Planner.Options(ROOT, List.of("/nope"), OwnerMode.HOLD, true, 60, true)));
  }

  @Test
  void aBoundStepPrintsExactlyAsTheKernelCallItBecomes() throws Exception {
    Plan plan =
        Planner.plan(
            inspect("indirect"),
            new FixedLiveSystem().directories("/r"),
            options(OwnerMode.HOLD, true));
    RunValues bound = new RunValues(99, 3, 4, 43L, 7);
    for (Stage s : plan.mounts().get(0).stages()) {
      for (Step step : s.steps()) {
        if (step.call().action instanceof StepAction.KernelStep<?> kernelStep) {
          assertEquals(kernelStep.call(new StepArgs(step, bound)).text(), step.text(bound));
        }
      }
    }
  }

  @Test
  @Shows(FindingCode.TARGET_CREATED)
  void withMkdirTheMissingDirectoriesAreNamedAsCreatedByThePlan() throws Exception {
    MountPlan m =
        Planner.plan(
                inspect("indirect"),
                new FixedLiveSystem().directories("/r"),
                options(OwnerMode.HOLD, true))
            .mounts()
            .get(0);
    assertTrue(has(m, FindingCode.TARGET_CREATED));
    assertTrue(m.runnable());
  }

  @Test
  @Shows(FindingCode.NO_DEV_AUTOFS)
  void withoutDevAutofsTheRestoreIsRefused() throws Exception {
    FixedLiveSystem live = new FixedLiveSystem().directories("/r");
    live.devAutofs = false;
    Plan plan = Planner.plan(inspect("indirect"), live, options(OwnerMode.HOLD, true));
    assertEquals(FindingCode.NO_DEV_AUTOFS, plan.findings().get(0).code());
    assertEquals(org.autofsrestore.app.autofs.Severity.ERROR, plan.findings().get(0).severity());
  }

  @Test
  @Shows(FindingCode.NOT_RESTORABLE)
  void aDumpWithAnInvertedProtocolRangeIsNotRestorable() throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("inverted");
    try {
      new org.autofsrestore.app.synth.DumpBuilder()
          .process(1, "init")
          .autofsMount("/srv/a", spec -> spec.catatonic(999).protocol(5, 3))
          .write(dir);
      MountPlan m =
          Planner.plan(
                  AutofsAnalysis.inspect(DumpLoader.load(dir)),
                  new FixedLiveSystem().directories("/r"),
                  options(OwnerMode.HOLD, true))
              .mounts()
              .get(0);
      assertFalse(m.runnable());
      assertTrue(has(m, FindingCode.NOT_RESTORABLE), m.findings().toString());
    } finally {
      try (var files = java.nio.file.Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void everyPreflightCodeHasATestHere() {
    java.util.Set<FindingCode> shown = java.util.EnumSet.noneOf(FindingCode.class);
    for (java.lang.reflect.Method m : PlannerTest.class.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Shows.class)) {
        assertTrue(m.isAnnotationPresent(Test.class), m.getName());
        shown.add(m.getAnnotation(Shows.class).value());
      }
    }
    java.util.Set<FindingCode> preflight = java.util.EnumSet.noneOf(FindingCode.class);
    for (FindingCode c : FindingCode.values()) {
      if (c.source() == FindingCode.Source.PREFLIGHT) {
        preflight.add(c);
      }
    }
    assertEquals(preflight, shown);
  }

  private static boolean has(MountPlan m, FindingCode code) {
    return m.findings().stream().anyMatch(f -> f.code() == code);
  }
}
