package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.dump.MountEntry;
import org.autofsrestore.app.restore.Step.Call;

/**
 * Computes a {@link Plan}: a pure function of the inspected dump, a snapshot of the live system and
 * the operator's options. The stages follow docs/DESIGN.md section 4.
 */
public final class Planner {
  /** Names of the runtime values steps produce and use. */
  private static final String PIPE_READ = RunValues.PIPE_READ;

  private static final String PIPE_WRITE = RunValues.PIPE_WRITE;
  private static final String IOCTL_FD = RunValues.IOCTL_FD;
  private static final String OWN_PGRP = RunValues.PGRP;

  /** Per-mount flags a restore passes on; propagation and bind/move/remount bits are not. */
  static final int MOUNT_FLAGS_KEPT =
      0x1 // MS_RDONLY
          | 0x2 // MS_NOSUID
          | 0x4 // MS_NODEV
          | 0x8 // MS_NOEXEC
          | 0x10 // MS_SYNCHRONOUS
          | 0x40 // MS_MANDLOCK
          | 0x80 // MS_DIRSYNC
          | 0x100 // MS_NOSYMFOLLOW
          | 0x400 // MS_NOATIME
          | 0x800 // MS_NODIRATIME
          | 0x200000 // MS_RELATIME
          | 0x1000000; // MS_STRICTATIME

  static final int O_CLOEXEC = org.autofsrestore.kernel.PosixCall.Pipe2.O_CLOEXEC;
  static final int DIR_MODE = 0755;

  /** What the operator asked for. */
  public record Options(
      Path root,
      List<String> mountpoints,
      OwnerMode owner,
      boolean mkdir,
      long waitOwnerSeconds,
      boolean forExecution,
      boolean overExisting) {
    public Options {
      mountpoints = List.copyOf(mountpoints);
    }

    /** Without --over-existing: a target that is a mount point or not empty is refused. */
    public Options(
        Path root,
        List<String> mountpoints,
        OwnerMode owner,
        boolean mkdir,
        long waitOwnerSeconds,
        boolean forExecution) {
      this(root, mountpoints, owner, mkdir, waitOwnerSeconds, forExecution, false);
    }
  }

  private Planner() {}

  /**
   * @throws IllegalArgumentException when {@code --mount} names a mount point the dump does not
   *     hold as an autofs mount (a usage error)
   */
  public static Plan plan(Inspection inspection, LiveSystem live, Options options) {
    List<AutofsMount> chosen = choose(inspection, options.mountpoints());
    List<Finding> findings = new ArrayList<>();
    Severity privilege = options.forExecution() ? Severity.ERROR : Severity.WARNING;
    if (!live.hasCapSysAdmin()) {
      findings.add(FindingCode.NO_CAP_SYS_ADMIN.weighed(privilege, null));
    }
    if (live.devAutofsVersion().isEmpty()) {
      findings.add(FindingCode.NO_DEV_AUTOFS.weighed(privilege, null));
    }
    List<MountPlan> mounts = new ArrayList<>();
    for (AutofsMount m : chosen) {
      mounts.add(planMount(m, live, options));
    }
    return new Plan(inspection.imageDir(), options.root(), options.owner(), mounts, findings);
  }

  private static List<AutofsMount> choose(Inspection inspection, List<String> wanted) {
    if (wanted.isEmpty()) {
      return inspection.mounts();
    }
    List<AutofsMount> chosen = new ArrayList<>();
    Set<String> left = new LinkedHashSet<>(wanted);
    for (AutofsMount m : inspection.mounts()) {
      if (left.remove(m.mountpoint())) {
        chosen.add(m);
      }
    }
    if (!left.isEmpty()) {
      throw new IllegalArgumentException(
          "the dump has no autofs mount at "
              + String.join(", ", left)
              + "; its autofs mounts are: "
              + String.join(
                  ", ", inspection.mounts().stream().map(AutofsMount::mountpoint).toList()));
    }
    return chosen;
  }

  private static MountPlan planMount(AutofsMount m, LiveSystem live, Options options) {
    String where = m.mountpoint();
    List<Finding> findings = new ArrayList<>();
    for (Finding f : m.findings()) {
      if (blocksRestore(f)) {
        findings.add(FindingCode.NOT_RESTORABLE.at(where, f.code().code(), f.action()));
      }
    }
    String source = m.mount().source();
    if (source.indexOf('\0') >= 0) {
      source = source.replace("\0", "\\0"); // shown, never run: the finding blocks the mount
      findings.add(FindingCode.SOURCE_HAS_NUL.at(where, source));
    }
    Optional<TargetPath> resolved = TargetPath.resolve(options.root(), where, live, findings);
    Path target =
        resolved.map(TargetPath::target).orElse(TargetPath.lexicalTarget(options.root(), where));
    List<Step> mountSteps = new ArrayList<>();
    TargetPath t = resolved.orElse(new TargetPath(target, List.of()));
    if (resolved.isPresent()) {
      if (!t.missing().isEmpty()) {
        if (options.mkdir()) {
          int n = t.missing().size();
          findings.add(
              FindingCode.TARGET_CREATED.at(
                  where,
                  n + (n == 1 ? " missing directory" : " missing directories"),
                  target.toString()));
        } else {
          findings.add(
              FindingCode.TARGET_MISSING.at(
                  where, target.toString(), t.missing().get(0).toString()));
        }
      } else {
        TargetChecks.atPlanTime(where, target, live, options.overExisting(), findings);
      }
    }
    mountSteps.addAll(HeldMountSteps.reach(options.root(), t, options.mkdir()));
    if (!options.overExisting()) {
      mountSteps.addAll(HeldMountSteps.checks());
    }
    mountSteps.add(Step.of(Call.PIPE, List.of(PIPE_READ, PIPE_WRITE), new Arg.Known(O_CLOEXEC)));
    mountSteps.addAll(
        HeldMountSteps.mount(
            m, source, (m.mount().flags() | m.mount().sbFlags()) & MOUNT_FLAGS_KEPT));
    if (m.mode().orElse(null) == AutofsMode.INDIRECT) {
      // Inside this run's own autofs mount only its process group may create anything, so a
      // relative path below the ioctl fd meets nothing another process put there.
      for (String dir : directoriesBelow(m)) {
        mountSteps.add(
            Step.of(
                Call.MKDIRAT,
                new Arg.Ref(IOCTL_FD),
                new Arg.Known(dir),
                new Arg.Known(DIR_MODE),
                new Arg.Known("")));
      }
    }

    List<Step> timeoutSteps =
        List.of(
            Step.of(
                Call.SETTIMEOUT,
                new Arg.Ref(IOCTL_FD),
                new Arg.Known(m.timeout() == null ? 0L : m.timeout())),
            Step.of(Call.CATATONIC, new Arg.Ref(IOCTL_FD)));

    List<Step> ownerSteps = new ArrayList<>();
    if (m.catatonic() || options.owner() == OwnerMode.HANDOFF) {
      ownerSteps.add(Step.of(Call.CLOSE, new Arg.Ref(PIPE_READ)));
      ownerSteps.add(Step.of(Call.CLOSE, new Arg.Ref(PIPE_WRITE)));
    }
    if (!m.catatonic() && options.owner() != OwnerMode.HANDOFF) {
      ownerSteps.add(Step.of(Call.SETPIPEFD, new Arg.Ref(IOCTL_FD), new Arg.Ref(PIPE_WRITE)));
    }
    // Nothing held past here: an open fd on the mount would keep it busy for its next owner.
    ownerSteps.addAll(HeldMountSteps.releaseHeld());
    if (!m.catatonic() && options.owner() == OwnerMode.HANDOFF) {
      ownerSteps.add(
          Step.of(
              Call.WAIT_OWNER, new Arg.Known(target), new Arg.Known(options.waitOwnerSeconds())));
    } else if (!m.catatonic()) {
      ownerSteps.add(Step.of(Call.SERVE, new Arg.Known(target), new Arg.Ref(PIPE_READ)));
    }

    return new MountPlan(
        where,
        target,
        m.catatonic(),
        List.of(
            new Stage(StageName.MOUNT, mountSteps),
            new Stage(StageName.TIMEOUT, timeoutSteps),
            new Stage(StageName.OWNER, ownerSteps)),
        findings);
  }

  /**
   * The mount options a restore passes: the dump's, with fd and pgrp pointing at this program's
   * pipe and process group, and without timeout= and pipe_ino= (mountinfo shows them, the kernel
   * refuses them as options).
   */
  static String mountOptions(AutofsMount m) {
    StringBuilder o = new StringBuilder();
    o.append("fd=<").append(PIPE_WRITE).append(">,pgrp=<").append(OWN_PGRP).append('>');
    if (m.minproto() != null) {
      o.append(",minproto=").append(m.minproto());
    }
    if (m.maxproto() != null) {
      o.append(",maxproto=").append(m.maxproto());
    }
    m.mode().ifPresent(mode -> o.append(',').append(mode.option()));
    if (m.uid() != null) {
      o.append(",uid=").append(Integer.toUnsignedString(m.uid()));
    }
    if (m.gid() != null) {
      o.append(",gid=").append(Integer.toUnsignedString(m.gid()));
    }
    if (m.options().strictexpire()) {
      o.append(",strictexpire");
    }
    if (m.options().ignore()) {
      o.append(",ignore");
    }
    return o.toString();
  }

  /**
   * Every directory on the way from an indirect mount to each mount below it, relative to it,
   * parents first. All of them: once the mount is parked nobody may create one (EACCES), and an
   * automount multi-mount's offsets sit two levels down (key/offset), as a real dump showed.
   */
  private static List<String> directoriesBelow(AutofsMount m) {
    Set<String> dirs = new LinkedHashSet<>();
    String prefix = m.mountpoint().endsWith("/") ? m.mountpoint() : m.mountpoint() + "/";
    for (MountEntry below : m.mountsBelow()) {
      if (below.mountpoint().startsWith(prefix)) {
        String path = "";
        for (String name : below.mountpoint().substring(prefix.length()).split("/", -1)) {
          if (!TargetPath.isPlainName(name)) {
            break;
          }
          path = path.isEmpty() ? name : path + "/" + name;
          dirs.add(path);
        }
      }
    }
    return List.copyOf(dirs);
  }

  /**
   * Dump errors that leave a restore without what it needs. A missing or damaged autofs-N.img does
   * not: the option string holds every value a restore with a new owner passes.
   */
  private static boolean blocksRestore(Finding f) {
    return switch (f.code()) {
      case MODE_MISSING, MODE_UNKNOWN, PROTOCOL_UNSUPPORTED, PROTOCOL_RANGE_INVERTED -> true;
      default -> false;
    };
  }
}
