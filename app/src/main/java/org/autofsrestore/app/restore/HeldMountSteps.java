package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.restore.Step.Call;
import org.autofsrestore.kernel.MountApiCall.FsConfig;
import org.autofsrestore.kernel.MountApiCall.FsMount;
import org.autofsrestore.kernel.PathAtCall.OpenAt2;
import org.autofsrestore.kernel.PathCall.Open;

/**
 * The steps that reach a target and mount onto it with nothing looked up by name after the root is
 * opened: the root opened O_PATH, the target resolved from it with openat2 in the root (no symlink
 * followed, ".." kept inside), missing directories made with mkdirat on the held parent and opened
 * from it, the held target checked (not a mount point, empty), and autofs mounted onto the held fd
 * with fsopen, fsconfig, fsmount and move_mount. docs/DESIGN.md section 5 has the kernel facts.
 */
final class HeldMountSteps {
  private HeldMountSteps() {}

  /** O_PATH|O_DIRECTORY|O_CLOEXEC: how the root is held. */
  static final int ROOT_FLAGS = Open.O_PATH | Open.O_DIRECTORY | Open.O_CLOEXEC;

  /** O_PATH|O_NOFOLLOW|O_DIRECTORY|O_CLOEXEC: how a directory under the root is held. */
  static final int DIR_FLAGS = Open.O_PATH | Open.O_NOFOLLOW | Open.O_DIRECTORY | Open.O_CLOEXEC;

  /**
   * O_PATH|O_NOFOLLOW|O_CLOEXEC: how a mounted target is reopened (resume, undo). Without
   * O_DIRECTORY the last component never triggers an automount, whoever owns the mount.
   */
  static final int MOUNTED_FLAGS = Open.O_PATH | Open.O_NOFOLLOW | Open.O_CLOEXEC;

  /** O_RDONLY|O_DIRECTORY|O_CLOEXEC: the ioctl fd, opened from the O_PATH mount fd with ".". */
  static final int IOCTL_FLAGS = Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC;

  static Step openRoot(Path root) {
    return Step.of(
        Call.OPEN_ROOT,
        List.of(RunValues.ROOT_FD),
        new Arg.Known(root.toString()),
        new Arg.Known(ROOT_FLAGS));
  }

  static Step resolve(String relative, int flags, String produces) {
    return Step.of(
        Call.RESOLVE,
        List.of(produces),
        new Arg.Ref(RunValues.ROOT_FD),
        new Arg.Known(relative.isEmpty() ? "." : relative),
        new Arg.Known(flags),
        new Arg.Known(OpenAt2.CONFINED));
  }

  /** The held root, then the held target: made (with --mkdir) where missing. */
  static List<Step> reach(Path root, TargetPath t, boolean mkdir) {
    List<Step> steps = new ArrayList<>();
    steps.add(openRoot(root));
    Path target = t.target();
    if (t.missing().isEmpty()) {
      steps.add(resolve(relative(root, target), DIR_FLAGS, RunValues.TARGET_FD));
      return steps;
    }
    Path existing = t.missing().get(0).getParent();
    steps.add(resolve(relative(root, existing), DIR_FLAGS, RunValues.DIR_FD));
    for (Path dir : t.missing()) {
      boolean last = dir.equals(target);
      String name = dir.getFileName().toString();
      if (mkdir) {
        steps.add(
            Step.of(
                Call.MKDIRAT,
                new Arg.Ref(RunValues.DIR_FD),
                new Arg.Known(name),
                new Arg.Known(Planner.DIR_MODE),
                new Arg.Known(dir.toString())));
      }
      steps.add(
          Step.of(
              Call.OPENAT,
              List.of(last ? RunValues.TARGET_FD : RunValues.DIR_FD),
              new Arg.Ref(RunValues.DIR_FD),
              new Arg.Known(name),
              new Arg.Known(DIR_FLAGS)));
    }
    steps.add(Step.of(Call.CLOSE_FD, new Arg.Ref(RunValues.DIR_FD)));
    return steps;
  }

  /** The held target's checks: not a mount point (any file system), no entries. */
  static List<Step> checks() {
    return List.of(
        Step.of(Call.CHECK_TARGET, new Arg.Ref(RunValues.TARGET_FD)),
        Step.of(Call.CHECK_EMPTY, new Arg.Ref(RunValues.TARGET_FD)));
  }

  /** fsopen, one fsconfig per option, CMD_CREATE, fsmount, close, move_mount. */
  static List<Step> mount(AutofsMount m, String source, long msFlags) {
    List<Step> steps = new ArrayList<>();
    steps.add(
        Step.of(
            Call.FSOPEN,
            List.of(RunValues.FS_FD),
            new Arg.Known("autofs"),
            new Arg.Known(org.autofsrestore.kernel.MountApiCall.FsOpen.FSOPEN_CLOEXEC)));
    steps.add(string("source", new Arg.Known(source)));
    steps.add(string("fd", new Arg.Ref(RunValues.PIPE_WRITE)));
    steps.add(string("pgrp", new Arg.Ref(RunValues.PGRP)));
    if (m.minproto() != null) {
      steps.add(string("minproto", new Arg.Known(Integer.toString(m.minproto()))));
    }
    if (m.maxproto() != null) {
      steps.add(string("maxproto", new Arg.Known(Integer.toString(m.maxproto()))));
    }
    m.mode().ifPresent(mode -> steps.add(flag(mode.option())));
    if (m.uid() != null) {
      steps.add(string("uid", new Arg.Known(Integer.toUnsignedString(m.uid()))));
    }
    if (m.gid() != null) {
      steps.add(string("gid", new Arg.Known(Integer.toUnsignedString(m.gid()))));
    }
    if (m.options().strictexpire()) {
      steps.add(flag("strictexpire"));
    }
    if (m.options().ignore()) {
      steps.add(flag("ignore"));
    }
    // Superblock flags are fsconfig flags in the new API; the rest are mount attributes.
    if ((msFlags & 0x1) != 0) {
      steps.add(flag("ro"));
    }
    if ((msFlags & 0x10) != 0) {
      steps.add(flag("sync"));
    }
    if ((msFlags & 0x40) != 0) {
      steps.add(flag("mand"));
    }
    if ((msFlags & 0x80) != 0) {
      steps.add(flag("dirsync"));
    }
    steps.add(
        Step.of(
            Call.FSCONFIG,
            new Arg.Ref(RunValues.FS_FD),
            new Arg.Known(FsConfig.FSCONFIG_CMD_CREATE),
            new Arg.Known(""),
            new Arg.Known("")));
    steps.add(
        Step.of(
            Call.FSMOUNT,
            List.of(RunValues.MOUNT_FD),
            new Arg.Ref(RunValues.FS_FD),
            new Arg.Known(FsMount.FSMOUNT_CLOEXEC),
            new Arg.Known(attributes(msFlags))));
    steps.add(Step.of(Call.CLOSE_FD, new Arg.Ref(RunValues.FS_FD)));
    steps.add(
        Step.of(Call.MOUNT, new Arg.Ref(RunValues.MOUNT_FD), new Arg.Ref(RunValues.TARGET_FD)));
    steps.add(identify());
    steps.add(openIoctlFd());
    return steps;
  }

  /** statx of the mount fd: its device and mount id, what undo and resume later prove. */
  static Step identify() {
    return Step.of(
        Call.STATX, List.of(RunValues.DEVID, RunValues.MOUNT_ID), new Arg.Ref(RunValues.MOUNT_FD));
  }

  /** openat(mount.fd, ".", O_RDONLY|O_DIRECTORY|O_CLOEXEC): a fd the autofs ioctls accept. */
  static Step openIoctlFd() {
    return Step.of(
        Call.OPENAT,
        List.of(RunValues.IOCTL_FD),
        new Arg.Ref(RunValues.MOUNT_FD),
        new Arg.Known("."),
        new Arg.Known(IOCTL_FLAGS));
  }

  /**
   * A mount an interrupted run left, held again: the root, the mounted target (no automount), the
   * mount fd from it, its statx (which refuses a device other than the one recorded) and the ioctl
   * fd.
   */
  static List<Step> reopenMounted(Path root, Path target) {
    return List.of(
        openRoot(root),
        resolve(relative(root, target), MOUNTED_FLAGS, RunValues.TARGET_FD),
        Step.of(
            Call.OPENAT,
            List.of(RunValues.MOUNT_FD),
            new Arg.Ref(RunValues.TARGET_FD),
            new Arg.Known("."),
            new Arg.Known(Open.O_PATH | Open.O_CLOEXEC)),
        identify(),
        openIoctlFd());
  }

  /** The closes of every fd a mount's run holds, before its owner stage hands it on. */
  static List<Step> releaseHeld() {
    List<Step> steps = new ArrayList<>();
    for (String name :
        List.of(RunValues.IOCTL_FD, RunValues.MOUNT_FD, RunValues.TARGET_FD, RunValues.ROOT_FD)) {
      steps.add(Step.of(Call.CLOSE_FD, new Arg.Ref(name)));
    }
    return steps;
  }

  static String relative(Path root, Path path) {
    return root.relativize(path).toString();
  }

  private static Step string(String key, Arg value) {
    return Step.of(
        Call.FSCONFIG,
        new Arg.Ref(RunValues.FS_FD),
        new Arg.Known(FsConfig.FSCONFIG_SET_STRING),
        new Arg.Known(key),
        value);
  }

  private static Step flag(String key) {
    return Step.of(
        Call.FSCONFIG,
        new Arg.Ref(RunValues.FS_FD),
        new Arg.Known(FsConfig.FSCONFIG_SET_FLAG),
        new Arg.Known(key),
        new Arg.Known(""));
  }

  /** MS_* flags of the dump as MOUNT_ATTR_* of fsmount. */
  static int attributes(long ms) {
    int a = 0;
    a |= (ms & 0x1) != 0 ? FsMount.MOUNT_ATTR_RDONLY : 0;
    a |= (ms & 0x2) != 0 ? FsMount.MOUNT_ATTR_NOSUID : 0;
    a |= (ms & 0x4) != 0 ? FsMount.MOUNT_ATTR_NODEV : 0;
    a |= (ms & 0x8) != 0 ? FsMount.MOUNT_ATTR_NOEXEC : 0;
    a |= (ms & 0x100) != 0 ? FsMount.MOUNT_ATTR_NOSYMFOLLOW : 0;
    a |= (ms & 0x400) != 0 ? FsMount.MOUNT_ATTR_NOATIME : 0;
    a |= (ms & 0x800) != 0 ? FsMount.MOUNT_ATTR_NODIRATIME : 0;
    a |= (ms & 0x1000000) != 0 ? FsMount.MOUNT_ATTR_STRICTATIME : 0;
    return a;
  }
}
