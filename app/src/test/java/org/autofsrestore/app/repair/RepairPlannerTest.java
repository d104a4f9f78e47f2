package org.autofsrestore.app.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.live.LiveAnalysis;
import org.autofsrestore.app.live.LiveFacts;
import org.autofsrestore.app.live.LiveView;
import org.autofsrestore.app.synth.DumpBuilder;
import org.autofsrestore.app.testing.CraftedProc;
import org.autofsrestore.app.testing.RestoredTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repair's decisions on the restored tree of {@link RestoredTrees}. */
class RepairPlannerTest {
  static final long INIT = RestoredTrees.INIT;

  @TempDir Path tmp;

  private RepairPlan plan() throws Exception {
    Inspection dump =
        AutofsAnalysis.inspect(DumpLoader.load(RestoredTrees.dump(tmp.resolve("dump"))));
    CraftedProc proc = RestoredTrees.restoredTree(tmp.resolve("proc"));
    LiveView live = LiveAnalysis.view(LiveFacts.read(proc.root(), OptionalLong.of(INIT)));
    return RepairPlanner.plan(dump, live, INIT);
  }

  private static Map<String, String> verdicts(RepairPlan plan) {
    Map<String, String> out = new LinkedHashMap<>();
    plan.mounts().forEach(m -> out.put(m.mountpoint(), m.verdict()));
    return out;
  }

  @Test
  void onlyTheDirectTriggerOnANewDeviceServedByALiveAutomountIsRepairedAndTheRestSayWhy()
      throws Exception {
    RepairPlan plan = plan();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("/srv/ind", "works");
    expected.put("/srv/direct", "repair");
    expected.put("/srv/ind/multi/a", "cannot-repair");
    expected.put("/srv/covered", "cannot-repair");
    expected.put("/srv/gone", "cannot-repair");
    expected.put("/srv/same", "works");
    expected.put("/srv/sysd", "cannot-repair");
    assertEquals(expected, verdicts(plan));
  }

  @Test
  void eachMountThatCannotBeRepairedSaysWhyAndWhatTheOperatorMustDo() throws Exception {
    Map<String, MountRepair.CannotRepair> no = new LinkedHashMap<>();
    plan().unrepairable().forEach(c -> no.put(c.mountpoint(), c));
    assertTrue(no.get("/srv/ind/multi/a").why().contains("0:52"), no.toString());
    assertTrue(no.get("/srv/ind/multi/a").why().contains("0:72"), no.toString());
    assertTrue(no.get("/srv/ind/multi/a").action().contains("kill -KILL 4136"), no.toString());
    assertTrue(
        no.get("/srv/covered").why().contains("tmpfs (tmpfs) is mounted on /srv/covered"),
        no.get("/srv/covered").why());
    assertTrue(no.get("/srv/covered").action().contains("kill -USR1 4136"));
    assertTrue(no.get("/srv/gone").why().startsWith("No autofs mount is at /srv/gone"));
    assertTrue(
        no.get("/srv/gone").action().contains("nsenter --target 900 --mount autofs-restore"),
        no.get("/srv/gone").action());
    assertTrue(no.get("/srv/sysd").why().contains("systemd compares"), no.toString());
    assertTrue(
        no.get("/srv/sysd").action().contains("systemctl restart srv-sysd.automount"),
        no.get("/srv/sysd").action());
  }

  @Test
  void theStepsEnterTheNamespaceParkAndUnmountTheStaleTriggerSignalAutomountAndWait()
      throws Exception {
    List<String> steps = plan().steps().stream().map(RepairStep::text).toList();
    assertEquals(
        List.of(
            "setns(open(\"/proc/900/ns/mnt\", O_RDONLY), CLONE_NEWNS)",
            "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_OPENMOUNT, {.ioctlfd = -1,"
                + " .openmount.devid = 71 /* 0:71 */, .path = \"/srv/direct\"})",
            "ioctl(fd, AUTOFS_IOC_CATATONIC, 0)",
            "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_CLOSEMOUNT, {.ioctlfd = fd})",
            "umount2(\"/srv/direct\", UMOUNT_NOFOLLOW)",
            "kill(4136, SIGHUP) /* automount */",
            "wait <= 10 s: /proc/900/mountinfo has autofs direct at /srv/direct, pgrp=4136,"
                + " device != 0:71"),
        steps);
  }

  @Test
  void theDryRunTextIsWrittenToTargetForTheReport() throws Exception {
    java.io.StringWriter text = new java.io.StringWriter();
    RepairText.write(plan(), true, new java.io.PrintWriter(text, true));
    java.nio.file.Files.writeString(Path.of("target/repair-dry-run.txt"), text.toString());
    assertTrue(text.toString().contains("Steps (run them with --yes):"), text.toString());
  }

  @Test
  void aTreeWhereNothingHangsHasNoStep() throws Exception {
    Inspection dump =
        AutofsAnalysis.inspect(
            DumpLoader.load(
                new DumpBuilder()
                    .process(1, "init")
                    .process(32, 1, 32, 32, "automount")
                    .pipe(32, 3, 5, 28133)
                    .autofsMount("/srv/ind", a -> a.indirect().owner(32, 5, 28133).superblock(50))
                    .write(tmp.resolve("indirect"))));
    CraftedProc proc = RestoredTrees.restoredTree(tmp.resolve("proc"));
    RepairPlan plan =
        RepairPlanner.plan(
            dump, LiveAnalysis.view(LiveFacts.read(proc.root(), OptionalLong.of(INIT))), INIT);
    assertEquals(List.of(), plan.steps());
    assertEquals(List.of("works"), plan.mounts().stream().map(MountRepair::verdict).toList());
  }
}
