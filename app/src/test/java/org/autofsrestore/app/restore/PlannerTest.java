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
    List<String> mountStage = texts(f3, StageName.MOUNT);
    int fsopen = mountStage.indexOf("fsopen(\"autofs\", FSOPEN_CLOEXEC)");
    assertEquals(
        List.of(
            "fsopen(\"autofs\", FSOPEN_CLOEXEC)",
            "fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"source\", \"/etc/auto.f3\", 0)",
            "fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"fd\", \"<pipe.write>\", 0)",
            "fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"pgrp\", \"<pgrp>\", 0)",
            "fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"minproto\", \"5\", 0)",
            "fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"maxproto\", \"5\", 0)",
            "fsconfig(<fs.fd>, FSCONFIG_SET_FLAG, \"indirect\", NULL, 0)",
            "fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"uid\", \"1000\", 0)",
            "fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"gid\", \"1000\", 0)",
            "fsconfig(<fs.fd>, FSCONFIG_CMD_CREATE, NULL, NULL, 0)",
            "fsmount(<fs.fd>, FSMOUNT_CLOEXEC, 0)",
            "close(<fs.fd>)",
            "move_mount(<mount.fd>, \"\", <target.fd>, \"\","
                + " MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)"),
        mountStage.subList(fsopen, fsopen + 13),
        mountStage.toString());
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
    assertEquals(
        List.of(
            "ioctl(<ioctlfd>, AUTOFS_IOC_SETTIMEOUT, &(unsigned long){300})",
            "ioctl(<ioctlfd>, AUTOFS_IOC_CATATONIC, 0)"),
        timeout);
    List<String> mountStage = texts(plan.mounts().get(0), StageName.MOUNT);
    assertEquals(
        "openat(<mount.fd>, \".\", O_RDONLY|O_DIRECTORY|O_CLOEXEC)",
        mountStage.get(mountStage.size() - 1),
        "the ioctl fd is opened from the mount fd, no path looked up");
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
    assertEquals(
        List.of(
            Step.Call.CLOSE,
            Step.Call.CLOSE,
            Step.Call.CLOSE_FD,
            Step.Call.CLOSE_FD,
            Step.Call.CLOSE_FD,
            Step.Call.CLOSE_FD,
            Step.Call.WAIT_OWNER),
        calls);
  }

  @Test
  void aMountCatatonicInTheDumpIsRestoredParkedWhateverTheOwner() throws Exception {
    for (OwnerMode owner : OwnerMode.values()) {
      Plan plan =
          Planner.plan(
              inspect("catatonic"), new FixedLiveSystem().directories("/r"), options(owner, true));
      MountPlan m = plan.mounts().get(0);
      assertTrue(m.parkedInDump());
      assertTrue(texts(m, StageName.TIMEOUT).get(1).contains("AUTOFS_IOC_CATATONIC"));
      assertEquals(
          List.of(
              Step.Call.CLOSE,
              Step.Call.CLOSE,
              Step.Call.CLOSE_FD,
              Step.Call.CLOSE_FD,
              Step.Call.CLOSE_FD,
              Step.Call.CLOSE_FD),
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
    assertEquals("mkdirat(<ioctlfd>, \"foo\", 0755)", mountStage.get(mountStage.size() - 1));
    assertTrue(mountStage.get(mountStage.size() - 2).startsWith("openat(<mount.fd>, \".\""));
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
    int stat = mountStage.indexOf("openat(<mount.fd>, \".\", O_RDONLY|O_DIRECTORY|O_CLOEXEC)");
    assertEquals(
        List.of(
            "mkdirat(<ioctlfd>, \"multi\", 0755)",
            "mkdirat(<ioctlfd>, \"multi/a\", 0755)",
            "mkdirat(<ioctlfd>, \"multi/b\", 0755)",
            "mkdirat(<ioctlfd>, \"multi/b/c\", 0755)"),
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
        List.of(
            "open(\"/r\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH)",
            "openat2(<root.fd>, \".\", {.flags = O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC|O_PATH,"
                + " .resolve = RESOLVE_IN_ROOT|RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS}, 24)",
            "mkdirat(<dir.fd>, \"srv\", 0755)",
            "openat(<dir.fd>, \"srv\", O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC|O_PATH)",
            "mkdirat(<dir.fd>, \"auto-a\", 0755)",
            "openat(<dir.fd>, \"auto-a\", O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC|O_PATH)",
            "close(<dir.fd>)"),
        texts(with, StageName.MOUNT).subList(0, 7));
    assertEquals(
        List.of(Step.Call.RESOLVE, Step.Call.OPENAT, Step.Call.OPENAT),
        with.stage(StageName.MOUNT).steps().stream()
            .filter(st -> !st.produces().isEmpty())
            .map(Step::call)
            .toList()
            .subList(1, 4),
        "the walk produces <dir.fd>, <dir.fd> again, then <target.fd>");
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
    RunValues bound =
        new RunValues(
            99,
            3,
            4,
            43L,
            7,
            12L,
            java.util.Map.of(
                RunValues.ROOT_FD,
                10,
                RunValues.DIR_FD,
                11,
                RunValues.TARGET_FD,
                12,
                RunValues.FS_FD,
                13,
                RunValues.MOUNT_FD,
                14));
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
  @Shows(FindingCode.TARGET_MOUNTED)
  void aTargetThatIsAlreadyAMountPointIsRefusedUnlessOverExisting() throws Exception {
    FixedLiveSystem live = new FixedLiveSystem().directories("/r", "/r/srv", "/r/srv/auto-a");
    live.otherMounts.add(Path.of("/r/srv/auto-a"));
    MountPlan refused =
        Planner.plan(inspect("indirect"), live, options(OwnerMode.HOLD, false)).mounts().get(0);
    assertFalse(refused.runnable());
    Finding f = finding(refused, FindingCode.TARGET_MOUNTED);
    assertEquals(
        "/r/srv/auto-a is already a mount point; a restore would hide that mount.", f.message());
    assertTrue(f.action().contains("--over-existing"), f.action());
    MountPlan over = Planner.plan(inspect("indirect"), live, overExisting(false)).mounts().get(0);
    assertTrue(over.runnable(), over.findings().toString());
    assertEquals(
        org.autofsrestore.app.autofs.Severity.WARNING,
        finding(over, FindingCode.TARGET_MOUNTED).severity());
    assertFalse(
        over.stage(StageName.MOUNT).steps().stream()
            .anyMatch(st -> st.call() == Step.Call.CHECK_TARGET),
        "--over-existing: no run-time check refuses it either");
  }

  @Test
  @Shows(FindingCode.TARGET_NOT_EMPTY)
  void aTargetWithEntriesIsRefusedAndCheckedAgainOnTheHeldFdAtRunTime() throws Exception {
    FixedLiveSystem live = new FixedLiveSystem().directories("/r", "/r/etc");
    live.entries.put(Path.of("/r/etc"), 42);
    Path dir = java.nio.file.Files.createTempDirectory("etc-dump");
    try {
      new org.autofsrestore.app.synth.DumpBuilder()
          .process(1, "init")
          .autofsMount("/etc", spec -> spec.catatonic(999))
          .write(dir);
      MountPlan m =
          Planner.plan(
                  AutofsAnalysis.inspect(DumpLoader.load(dir)),
                  live,
                  options(OwnerMode.HOLD, false))
              .mounts()
              .get(0);
      assertFalse(m.runnable());
      assertEquals(
          "/r/etc is not empty (42 entries); a restore would hide them.",
          finding(m, FindingCode.TARGET_NOT_EMPTY).message());
      List<String> mountStage = texts(m, StageName.MOUNT);
      assertEquals(
          List.of(
              "statx(<target.fd>, \"\", AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW, STATX_TYPE|STATX_MNT_ID,"
                  + " &stx)",
              "getdents64(openat(<target.fd>, \".\", O_RDONLY|O_DIRECTORY|O_CLOEXEC), buf, 4096)"),
          mountStage.subList(2, 4));
    } finally {
      try (var files = java.nio.file.Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Planner.Options overExisting(boolean mkdir) {
    return new Planner.Options(ROOT, List.of(), OwnerMode.HOLD, mkdir, 60, true, true);
  }

  private static Finding finding(MountPlan m, FindingCode code) {
    return m.findings().stream().filter(f -> f.code() == code).findFirst().orElseThrow();
  }

  @Test
  void everyPreflightCodeHasATestHereOrAmongTheHostileMountpoints() {
    java.util.Set<FindingCode> shown = java.util.EnumSet.noneOf(FindingCode.class);
    for (java.lang.reflect.Method m : methodsOf(PlannerTest.class, HostileMountpointTest.class)) {
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

  private static List<java.lang.reflect.Method> methodsOf(Class<?>... classes) {
    return java.util.Arrays.stream(classes)
        .flatMap(c -> List.of(c.getDeclaredMethods()).stream())
        .toList();
  }

  private static boolean has(MountPlan m, FindingCode code) {
    return m.findings().stream().anyMatch(f -> f.code() == code);
  }
}
