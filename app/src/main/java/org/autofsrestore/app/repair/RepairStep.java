package org.autofsrestore.app.repair;

import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.KernelCall;

/**
 * One step of a repair, printed as it will run. The kernel's own calls on the mounts are the
 * project's {@link KernelCall}s (OPENMOUNT, CATATONIC, CLOSEMOUNT, umount2); entering the target's
 * mount namespace, signalling its automount and waiting for the fresh trigger are the repair's own.
 */
public sealed interface RepairStep {

  /** The step as C-like text, e.g. {@code kill(412, SIGHUP)}. */
  String text();

  /** Why the step is there, one clause. */
  String why();

  /**
   * setns(2) into {@code pid}'s mount namespace: the paths of the restored tree are those its init
   * sees (mountinfo's mount points are relative to its root).
   */
  record EnterMountNamespace(long pid) implements RepairStep {
    @Override
    public String text() {
      return "setns(open(\"/proc/" + pid + "/ns/mnt\", O_RDONLY), CLONE_NEWNS)";
    }

    @Override
    public String why() {
      return "the restored tree's mount namespace, where the mount points are";
    }
  }

  /** One of the project's kernel calls, run in the target's mount namespace. */
  record Call(KernelCall<?> call, String why) implements RepairStep {
    @Override
    public String text() {
      return call.text();
    }
  }

  /**
   * An autofs ioctl on the fd the OPENMOUNT before it returned, which only the run knows: printed
   * with {@code fd} in its place.
   */
  record OnIoctlFd(Ioctl ioctl, String mountpoint, String why) implements RepairStep {
    /** The ioctls a repair makes on an opened trigger. */
    public enum Ioctl {
      CATATONIC,
      CLOSEMOUNT
    }

    @Override
    public String text() {
      return ioctl == Ioctl.CATATONIC
          ? AutofsIoctl.Catatonic.text("fd")
          : AutofsIoctl.CloseMount.text("fd");
    }

    /** The call with the fd the run got. */
    public KernelCall<Void> call(int fd) {
      return ioctl == Ioctl.CATATONIC
          ? new AutofsIoctl.Catatonic(fd)
          : new AutofsIoctl.CloseMount(fd);
    }
  }

  /**
   * kill(2) of the automount serving the mounts, by its pid as this host sees it: SIGHUP makes it
   * re-read its maps and mount a trigger where one is missing, recording that trigger's device.
   */
  record Signal(long pid, String comm, String signal, String why) implements RepairStep {
    @Override
    public String text() {
      return "kill(" + pid + ", " + signal + ") /* " + comm + " */";
    }
  }

  /**
   * Reads {@code /proc/PID/mountinfo} until an autofs mount of {@code mode} is at {@code
   * mountpoint} again on a device other than {@code staleDevice}, owned by process group {@code
   * pgrp}; at most {@code seconds}.
   */
  record WaitForFreshTrigger(
      long pid, String mountpoint, String mode, String staleDevice, long pgrp, int seconds)
      implements RepairStep {
    @Override
    public String text() {
      return "wait <= "
          + seconds
          + " s: /proc/"
          + pid
          + "/mountinfo has autofs "
          + mode
          + " at "
          + mountpoint
          + ", pgrp="
          + pgrp
          + ", device != "
          + staleDevice;
    }

    @Override
    public String why() {
      return "automount mounted a fresh trigger and recorded its device (the repair's proof)";
    }
  }
}
