package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.restore.Step.Call;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;

/**
 * What is left of an interrupted restore: a pure function of the plan rebuilt from the journal's
 * run ({@link RunRecord}), what the journal says each mount's calls did, and the kernel's mount
 * table now. Each mount is decided from the kernel first and the journal second, because a {@code
 * kill -9} mid-batch leaves the journal only the batch's intents:
 *
 * <ul>
 *   <li>nothing mounted at the target: run its plan, unless the journal says its mount succeeded
 *       (then someone unmounted it: refused) or that the operator undid it during the run (left
 *       undone);
 *   <li>an autofs mount there with one of the run's process groups (mountinfo keeps pgrp= after the
 *       restoring process is gone) and, where the journal read it, the same device: adopted. Its
 *       mount(2) is not repeated; the stages go on from the mount as the kernel has it, and a step
 *       whose effect mountinfo shows (the timeout, catatonic) runs only if it is not there;
 *   <li>an autofs mount there with another process group: handed over if a live process owns it
 *       under {@code --owner handoff}; else not this run's mount, refused;
 * </ul>
 */
public final class ResumePlanner {
  private ResumePlanner() {}

  /** A resume as data: the plan that runs, and what was decided for every mount of the run. */
  public record Resumption(Plan plan, List<Decision> decisions) {
    public Resumption {
      decisions = List.copyOf(decisions);
    }
  }

  /** How a mount with nothing left to run was left. */
  public enum Left {
    /** Restored by the run as planned (parked, or waited for). */
    RESTORED,
    /** A live process owns it now: handed over. */
    OWNED,
    /** The operator undid it during the run. */
    UNDONE
  }

  /** What a resume does with one mount of the interrupted run. */
  public sealed interface Decision {
    String mountpoint();

    String why();

    /** The word the command line shows it by. */
    String label();

    /** The mount's plan in the resumed run; empty when nothing of it is left to show or run. */
    Optional<MountPlan> plan();

    /** Not mounted yet: its plan runs from the start. */
    record Run(String mountpoint, String why, MountPlan planned) implements Decision {
      public String label() {
        return "run";
      }

      public Optional<MountPlan> plan() {
        return Optional.of(planned);
      }
    }

    /** Mounted by the run: its stages go on from the mount the kernel has. */
    record Adopt(String mountpoint, String why, MountPlan planned) implements Decision {
      public String label() {
        return "go on";
      }

      public Optional<MountPlan> plan() {
        return Optional.of(planned);
      }
    }

    /** Nothing left to do. */
    record AlreadyDone(String mountpoint, String why, Left left) implements Decision {
      public String label() {
        return "done";
      }

      public Optional<MountPlan> plan() {
        return Optional.empty();
      }
    }

    /**
     * The live state no longer matches the journal: its plan is shown with {@code finding}, which
     * keeps it from running.
     */
    record Refused(String mountpoint, String why, Finding finding, MountPlan shown)
        implements Decision {
      public String label() {
        return "refused";
      }

      public Optional<MountPlan> plan() {
        return Optional.of(shown);
      }
    }
  }

  /**
   * @param fresh the plan rebuilt now, with the journal's options, against the live system
   * @param liveAt the kernel's mount at a path (mountinfo), if any
   * @param pgrpAlive whether a process group has a live process
   */
  public static Resumption resume(
      Plan fresh,
      JournalReplay replay,
      Function<Path, Optional<MountInfo>> liveAt,
      LongPredicate pgrpAlive) {
    List<MountPlan> mounts = new ArrayList<>();
    List<Decision> decisions = new ArrayList<>();
    for (MountPlan m : fresh.mounts()) {
      JournalReplay.MountProgress progress = replay.progress().get(m.mountpoint());
      Optional<MountInfo> live = liveAt.apply(m.target()).filter(MountInfo::isAutofs);
      Decision d = decide(m, progress, live, replay, fresh.owner(), pgrpAlive, fresh.root());
      decisions.add(d);
      d.plan().ifPresent(mounts::add);
    }
    return new Resumption(
        new Plan(fresh.imageDir(), fresh.root(), fresh.owner(), mounts, fresh.findings()),
        decisions);
  }

  private static Decision decide(
      MountPlan m,
      JournalReplay.MountProgress progress,
      Optional<MountInfo> live,
      JournalReplay replay,
      OwnerMode owner,
      LongPredicate pgrpAlive,
      java.nio.file.Path root) {
    String where = m.mountpoint();
    boolean touched = progress != null && (progress.intended() || !progress.begun().isEmpty());
    if (live.isEmpty()) {
      if (progress != null && progress.undone()) {
        return new Decision.AlreadyDone(
            where,
            "undone during the run, and not mounted: left undone, as the run left it",
            Left.UNDONE);
      }
      if (progress != null && progress.endedAny(Call.MOUNT)) {
        return refused(m, FindingCode.RESUME_MOUNT_GONE, m.target().toString());
      }
      return new Decision.Run(
          where, touched ? "not mounted: its mount had not run, it runs now" : "not started", m);
    }
    MountInfo mount = live.get();
    AutofsOptions options = mount.autofsOptions().orElseThrow();
    if (!touched || !replay.pgrps().contains(options.pgrp())) {
      if (owner == OwnerMode.HANDOFF && !options.catatonic() && pgrpAlive.test(options.pgrp())) {
        return new Decision.AlreadyDone(
            where, "handed over: process group " + options.pgrp() + " owns it now", Left.OWNED);
      }
      return refused(
          m,
          FindingCode.RESUME_NOT_THIS_RUNS,
          m.target().toString(),
          String.valueOf(options.pgrp()),
          replay.pgrps().toString());
    }
    if (progress.devid().isPresent() && progress.devid().get() != mount.dev()) {
      return refused(
          m,
          FindingCode.RESUME_DEVICE_CHANGED,
          m.target().toString(),
          String.valueOf(mount.dev()),
          String.valueOf(progress.devid().get()));
    }
    MountPlan adopted = adopted(m, progress, mount, root);
    if (adopted.stages().stream().allMatch(s -> s.steps().isEmpty())) {
      return new Decision.AlreadyDone(
          where, "restored as planned: nothing is left to run", Left.RESTORED);
    }
    return new Decision.Adopt(
        where,
        "mounted by the interrupted run (pgrp " + options.pgrp() + "): it goes on from there",
        adopted);
  }

  private static Decision.Refused refused(MountPlan m, FindingCode code, String... values) {
    Finding finding = code.at(m.mountpoint(), values);
    return new Decision.Refused(
        m.mountpoint(), finding.message(), finding, withFinding(m, finding));
  }

  private static MountPlan withFinding(MountPlan m, Finding finding) {
    List<Finding> findings = new ArrayList<>(m.findings());
    findings.removeIf(f -> f.code() == FindingCode.TARGET_ALREADY_AUTOFS);
    findings.add(finding);
    return new MountPlan(m.mountpoint(), m.target(), m.parkedInDump(), m.stages(), findings);
  }

  private static MountPlan adopted(
      MountPlan m, JournalReplay.MountProgress progress, MountInfo mount, java.nio.file.Path root) {
    List<Finding> findings = new ArrayList<>(m.findings());
    findings.removeIf(
        f ->
            f.code() == FindingCode.TARGET_ALREADY_AUTOFS
                || f.code() == FindingCode.TARGET_CREATED);
    return new MountPlan(
        m.mountpoint(),
        m.target(),
        m.parkedInDump(),
        adoptedSteps(m, progress, mount.autofsOptions().orElseThrow(), root),
        findings,
        mount.dev());
  }

  /**
   * Whether the journal shows this mkdirat below the mount done. The plan names the directory's fd
   * as {@code <ioctlfd>}, the journal the number it had in the interrupted run, so the call is
   * matched by what follows the fd: the name and the mode.
   */
  private static boolean madeBelow(JournalReplay.MountProgress progress, Step mkdirat) {
    String planned = mkdirat.text(RunValues.NONE);
    int afterFd = planned.indexOf(", ");
    String nameAndMode = planned.substring(afterFd);
    return progress.endedTexts().stream()
        .anyMatch(t -> t.startsWith("mkdirat(") && t.endsWith(nameAndMode));
  }

  /**
   * The stages of a mount the interrupted run mounted. Its pipe died with that run, so: a new pipe
   * where the owner stage or a directory below needs one; the directories below that the journal
   * does not show made, after taking the mount with that pipe (only its owner may create them); the
   * timeout where mountinfo shows another; parking where it is not parked; then the owner stage,
   * without the closes of a pipe this process never had. The mount is held again first (found from
   * the root by fd and proven by its device: {@link HeldMountSteps#reopenMounted}), and those fds
   * are closed where the owner stage closes the run's.
   */
  private static List<Stage> adoptedSteps(
      MountPlan m,
      JournalReplay.MountProgress progress,
      AutofsOptions live,
      java.nio.file.Path root) {
    List<Step> planned = m.stage(StageName.MOUNT).steps();
    int stat = indexOf(planned, Call.STATX);
    List<Step> mkdirsLeft = new ArrayList<>();
    for (Step s : planned.subList(stat + 1, planned.size())) {
      if (s.call() == Call.MKDIRAT && !madeBelow(progress, s)) {
        mkdirsLeft.add(s);
      }
    }
    List<Step> ownerPlanned = m.stage(StageName.OWNER).steps();
    boolean ownerUsesPipe =
        ownerPlanned.stream().anyMatch(s -> s.call() == Call.SETPIPEFD || s.call() == Call.SERVE);
    boolean takes = !mkdirsLeft.isEmpty();
    boolean pipe = takes || ownerUsesPipe;

    List<Step> mountSteps = new ArrayList<>();
    if (pipe) {
      mountSteps.add(planned.get(indexOf(planned, Call.PIPE)));
    }
    List<Step> timeoutPlanned = m.stage(StageName.TIMEOUT).steps();
    Step catatonic = timeoutPlanned.get(indexOf(timeoutPlanned, Call.CATATONIC));
    if (takes) {
      if (!live.catatonic()) {
        mountSteps.add(catatonic); // SETPIPEFD takes only a parked mount
      }
      mountSteps.add(
          Step.of(
              Call.SETPIPEFD, new Arg.Ref(RunValues.IOCTL_FD), new Arg.Ref(RunValues.PIPE_WRITE)));
      mountSteps.addAll(mkdirsLeft);
    }

    Step setTimeout = timeoutPlanned.get(indexOf(timeoutPlanned, Call.SETTIMEOUT));
    boolean timeoutSet =
        setTimeout.args().get(1) instanceof Arg.Known k
            && k.value() instanceof Number n
            && n.longValue() == live.timeout();
    boolean parked = live.catatonic() && !takes;
    List<Step> timeoutSteps = new ArrayList<>();
    if (!timeoutSet) {
      timeoutSteps.add(setTimeout);
    }
    if (!parked) {
      timeoutSteps.add(catatonic);
    }

    List<Step> ownerSteps = new ArrayList<>();
    for (Step s : ownerPlanned) {
      if (s.call() == Call.CLOSE && !pipe) {
        continue; // the pipe it closes died with the interrupted run
      }
      if (s.call() == Call.WAIT_OWNER && progress.endedAny(Call.WAIT_OWNER) && parked) {
        continue; // waited already; a new owner would have taken it (then it is not parked)
      }
      ownerSteps.add(s);
    }
    boolean work =
        !mountSteps.isEmpty()
            || !timeoutSteps.isEmpty()
            || ownerSteps.stream().anyMatch(s -> s.call() != Call.CLOSE_FD);
    if (work) {
      mountSteps.addAll(0, HeldMountSteps.reopenMounted(root, m.target()));
    } else {
      ownerSteps.clear(); // nothing to do, so nothing held to close
    }
    return List.of(
        new Stage(StageName.MOUNT, mountSteps),
        new Stage(StageName.TIMEOUT, timeoutSteps),
        new Stage(StageName.OWNER, ownerSteps));
  }

  private static int indexOf(List<Step> steps, Call call) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).call() == call) {
        return i;
      }
    }
    throw new IllegalStateException("a planned stage without " + call.label());
  }
}
