package org.autofsrestore.app.repair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.autofs.SystemdUnits;
import org.autofsrestore.app.live.DumpVsLive;
import org.autofsrestore.app.live.Expectation;
import org.autofsrestore.app.live.LiveMount;
import org.autofsrestore.app.live.LiveView;
import org.autofsrestore.app.live.MountDiff;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.Dev;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.probe.MountInfo;

/**
 * Which autofs mounts of a restored tree will hang, why, and how to make them work again without
 * restarting the container: a pure function of the dump and the live view of the tree's init
 * (docs/DESIGN.md, "Repairing what CRIU's restore leaves hanging").
 *
 * <p>CRIU mounts each autofs mount anew, so it gets a new device number; the restored automount
 * keeps the old one in its map cache and finds a direct or offset trigger's request by (device,
 * inode), so it ignores the new mount's requests and the lookup hangs; systemd compares the device
 * too. Indirect requests are found by key name and keep working. A direct trigger is repaired by
 * parking it (CATATONIC: waiting lookups fail at once), unmounting it and sending automount SIGHUP:
 * re-reading its maps it finds the trigger missing and mounts a fresh one, recording its device
 * (autofs daemon/state.c do_readmap_mount, daemon/direct.c do_mount_autofs_direct).
 */
public final class RepairPlanner {
  /** How long the run waits for each fresh trigger. */
  static final int WAIT_SECONDS = 10;

  private RepairPlanner() {}

  /** The repair of the tree whose init is {@code pid}, seen as {@code live}. */
  public static RepairPlan plan(Inspection dump, LiveView live, long pid) {
    // The tree's mount points are the dump's: mountinfo names them from its init's root.
    List<MountDiff> diffs = DumpVsLive.diff(dump, live, "/", Expectation.AFTER_RESTORE).mounts();
    List<MountRepair> verdicts = new ArrayList<>();
    for (MountDiff d : diffs) {
      verdicts.add(judge(dump, d, live, pid));
    }
    return new RepairPlan(dump.imageDir(), pid, verdicts, steps(verdicts, pid));
  }

  /** Enter once, park and unmount each stale trigger, signal each automount once, then wait. */
  private static List<RepairStep> steps(List<MountRepair> verdicts, long pid) {
    List<RepairStep> steps = new ArrayList<>();
    Map<Long, MountRepair.Repairs> daemons = new LinkedHashMap<>();
    List<RepairStep> waits = new ArrayList<>();
    for (MountRepair m : verdicts) {
      if (m instanceof MountRepair.Repairs r) {
        if (steps.isEmpty()) {
          steps.add(new RepairStep.EnterMountNamespace(pid));
        }
        for (RepairStep s : r.steps()) {
          if (s instanceof RepairStep.WaitForFreshTrigger) {
            waits.add(s);
          } else {
            steps.add(s);
          }
        }
        daemons.putIfAbsent(r.ownerPid(), r);
      }
    }
    for (MountRepair.Repairs r : daemons.values()) {
      steps.add(
          new RepairStep.Signal(
              r.ownerPid(),
              r.ownerComm(),
              "SIGHUP",
              "automount re-reads its maps and mounts a fresh trigger where one is missing"));
    }
    steps.addAll(waits);
    return steps;
  }

  private static MountRepair judge(Inspection dump, MountDiff d, LiveView live, long pid) {
    AutofsMount m = d.dump();
    String at = m.mountpoint();
    String mode = m.mode().map(AutofsMode::option).orElse("-");
    String dumped = m.mount().rootDev().toString();
    if (d.live().isEmpty()) {
      String instead =
          live.facts()
              .table()
              .at(at)
              .map(o -> " (" + o.fsType() + " " + o.source() + " is mounted there)")
              .orElse("");
      return new MountRepair.CannotRepair(
          at,
          mode,
          "No autofs mount is at "
              + at
              + " in the restored tree"
              + instead
              + ": the restore did not bring it back (a failed criu restore says why in its log:"
              + " autofs-restore inspect "
              + dump.imageDir()
              + ").",
          "Restore it in the tree's mount namespace with this tool: nsenter --target "
              + pid
              + " --mount autofs-restore restore "
              + dump.imageDir()
              + " --mount "
              + at
              + " (and a --mount for each mount above it).");
    }
    LiveMount l = d.live().get();
    boolean systemd =
        SystemdUnits.owner(m.mount().source()).isPresent() || l.systemdUnit().isPresent();
    boolean sameDevice = dumped.equals(l.device());
    if (systemd) {
      return sameDevice
          ? new MountRepair.Works(at, mode, "systemd's saved device " + dumped + " is the mount's.")
          : new MountRepair.CannotRepair(
              at,
              mode,
              "systemd compares each request's device with the one it saved ("
                  + dumped
                  + "; the mount's is "
                  + l.device()
                  + " now) and ignores the request: every lookup hangs.",
              "In the tree's mount namespace: "
                  + SystemdUnits.restartCommand(at)
                  + "; if something is mounted on "
                  + at
                  + ", move it aside first and back after (mount --move), as CRIU's"
                  + " scripts/systemd-autofs-restart.sh does.");
    }
    if (l.catatonic()) {
      return new MountRepair.CannotRepair(
          at,
          mode,
          "The mount is catatonic: nobody serves it and every lookup fails with ENOENT at once.",
          "Start automount in the tree for its map: a starting automount takes a parked mount"
              + " over.");
    }
    if (m.mode().isPresent() && m.mode().get() == AutofsMode.INDIRECT) {
      return new MountRepair.Works(
          at,
          mode,
          "automount finds an indirect mount's requests by key name, not by device: its new device "
              + l.device()
              + " does not matter.");
    }
    if (sameDevice) {
      return new MountRepair.Works(
          at, mode, "Its device is the dumped one (" + dumped + "): automount's number matches.");
    }
    String stale =
        "automount caches this "
            + mode
            + " trigger's device "
            + dumped
            + " and finds its requests by it; the restored mount is on "
            + l.device()
            + ", so automount ignores its requests (\"can't find map entry\") and every lookup"
            + " hangs.";
    if (l.owner().isEmpty() || !l.owner().get().alive()) {
      return new MountRepair.CannotRepair(
          at,
          mode,
          stale + " Its process group has no process left to signal.",
          "Start automount in the tree for its map, then run the repair again.");
    }
    long ownerPid = l.owner().get().pid().getAsLong();
    String comm = l.owner().get().comm();
    if (!comm.equals("automount")) {
      return new MountRepair.CannotRepair(
          at,
          mode,
          stale.replace("automount caches", "its owner caches")
              + " Its owner is "
              + comm
              + "["
              + ownerPid
              + "], not automount, whose map re-reading the repair relies on.",
          "Restart its owner in the tree so that it mounts the trigger afresh.");
    }
    if (m.mode().isPresent() && m.mode().get() == AutofsMode.OFFSET) {
      return new MountRepair.CannotRepair(
          at,
          mode,
          stale
              + " SIGHUP would not bring an unmounted offset back: automount mounts offsets only"
              + " when their multi-mount key is looked up, and re-reading an indirect map only"
              + " prunes it (daemon/state.c do_readmap).",
          "In the tree, stop automount without unmounting (kill -KILL "
              + ownerPid
              + "; SIGTERM would unmount its mounts) and start it again with its command line"
              + " (/proc/"
              + ownerPid
              + "/cmdline): a starting automount takes its mounts over and records their devices"
              + " (lib/mounts.c remount_active_mount). Or restore the autofs mounts with this tool"
              + " (--owner handoff).");
    }
    Optional<String> covered = covering(live, l);
    if (covered.isPresent()) {
      return new MountRepair.CannotRepair(
          at,
          mode,
          stale + " " + covered.get() + ", so the trigger cannot be unmounted now.",
          "Let it expire first (kill -USR1 "
              + ownerPid
              + " unmounts what is not in use), then run the repair again.");
    }
    long pgrp = l.owner().get().pgrp();
    List<RepairStep> steps =
        List.of(
            new RepairStep.Call(
                new AutofsIoctl.OpenMount(at, Dev.makedev(l.info().major(), l.info().minor())),
                "an ioctl fd on the stale trigger, by its new device"),
            new RepairStep.OnIoctlFd(
                RepairStep.OnIoctlFd.Ioctl.CATATONIC,
                at,
                "a lookup waiting on it fails with ENOENT now instead of hanging"),
            new RepairStep.OnIoctlFd(
                RepairStep.OnIoctlFd.Ioctl.CLOSEMOUNT, at, "the ioctl fd is not needed any more"),
            new RepairStep.Call(
                new PosixCall.Umount(at, PosixCall.Umount.UMOUNT_NOFOLLOW),
                "the stale trigger goes; automount mounts a fresh one on SIGHUP"),
            new RepairStep.WaitForFreshTrigger(pid, at, mode, l.device(), pgrp, WAIT_SECONDS));
    return new MountRepair.Repairs(
        at, mode, stale, l.device(), dumped, ownerPid, comm, pgrp, steps);
  }

  /** What is mounted on the trigger, if anything: "tmpfs (tmpfs) is mounted on /srv/direct". */
  private static Optional<String> covering(LiveView live, LiveMount trigger) {
    for (MountInfo m : live.facts().table().entries()) {
      if (m.parentId() == trigger.info().mountId()) {
        return Optional.of(m.fsType() + " (" + m.source() + ") is mounted on " + m.mountPoint());
      }
    }
    return Optional.empty();
  }
}
