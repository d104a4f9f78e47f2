package org.autofsrestore.app.restore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.FileStat;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.KernelOps;
import org.autofsrestore.kernel.PathCall;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Plan} through a {@link Kernel}: a step at a time, a stage, or all. A dry run is
 * this same executor over a kernel that records instead of calling ({@link RecordingKernel}), so
 * the preview and the real run cannot drift apart.
 *
 * <p>Parking is the invariant it keeps: a mount it mounted and has not handed over never points at
 * a pipe nobody serves. A failed step stops that mount's plan and leaves the mount parked
 * (catatonic) or unmounted; {@link #parkAll()} parks every such mount on every exit path.
 */
public final class Executor {
  private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

  private final Kernel kernel;
  private final Journal journal;
  private final boolean preview;
  private final LiveProbe probe;
  private final Map<String, MountRun> runs = new LinkedHashMap<>();
  private final java.nio.file.Path root;
  private final LiveSystem paths = new HostSystem();

  /** Set by the exit path before it waits for the lock: a waiting step gives up at once. */
  private volatile boolean stopping;

  /**
   * @param preview whether {@code kernel} only records (a dry run): its answers are not real
   *     values, so what steps produce stays a placeholder
   * @param ownPgrp the process group of the process that runs the calls, or null when a dry run
   *     does not know it
   */
  public Executor(
      Plan plan,
      Kernel kernel,
      Journal journal,
      boolean preview,
      LiveProbe probe,
      Integer ownPgrp) {
    this.kernel = kernel;
    this.journal = journal;
    this.preview = preview;
    this.probe = probe;
    this.root = plan.root();
    for (MountPlan m : plan.mounts()) {
      runs.put(m.mountpoint(), new MountRun(m, ownPgrp));
    }
  }

  /**
   * What the executor knows of one mount's restore, for screens and reports: {@code results} holds
   * every step run, but none of a mount run by a {@link Report#STREAMED} run.
   */
  public record Progress(
      MountPlan plan,
      int stageIndex,
      int stepIndex,
      List<StepResult> results,
      Map<String, Object> bound,
      State state) {}

  /** Where one mount's restore stands. */
  public enum State {
    NOT_STARTED,
    IN_PROGRESS,
    /** Mounted and catatonic: safe to leave. */
    PARKED,
    /** This program owns it and serves its requests. */
    HELD,
    /** A new owner (automount) took it over. */
    HANDED_OVER,
    /** Every step ran. */
    DONE,
    /** A step failed; the mount was parked or unmounted. */
    FAILED,
    UNDONE
  }

  public Progress progress(String mountpoint) {
    MountRun r = run(mountpoint);
    return new Progress(
        r.plan, r.stageIndex, r.stepIndex, List.copyOf(r.results), Map.copyOf(r.bound), r.state);
  }

  /** The plan of one mount. */
  public MountPlan plan(String mountpoint) {
    return run(mountpoint).plan;
  }

  public List<String> mountpoints() {
    return List.copyOf(runs.keySet());
  }

  /** Whether the mount has a step left to run. */
  public boolean hasNext(String mountpoint) {
    return run(mountpoint).current().isPresent();
  }

  /** Runs the next step of one mount; empty when nothing is left or it cannot run. */
  public synchronized Optional<StepResult> next(String mountpoint) {
    MountRun r = run(mountpoint);
    Optional<Step> step = r.current();
    if (step.isEmpty() || !r.runnable) {
      return Optional.empty();
    }
    StepResult result = execute(r, r.currentStage(), step.get());
    if (!r.streamed) {
      r.results.add(result);
    }
    if (result instanceof StepResult.Failed) {
      r.state = State.FAILED;
    } else {
      r.advance();
    }
    return Optional.of(result);
  }

  /** Runs the rest of the current stage. */
  public List<StepResult> runStage(String mountpoint) {
    MountRun r = run(mountpoint);
    int stage = r.stageIndex;
    List<StepResult> out = new ArrayList<>();
    while (r.stageIndex == stage && r.current().isPresent()) {
      Optional<StepResult> result = next(mountpoint);
      if (result.isEmpty()) {
        break;
      }
      out.add(result.get());
      if (result.get() instanceof StepResult.Failed) {
        break;
      }
    }
    return out;
  }

  /** Runs every step left. */
  public List<StepResult> runAll(String mountpoint) {
    List<StepResult> out = new ArrayList<>();
    while (hasNext(mountpoint)) {
      List<StepResult> stage = runStage(mountpoint);
      out.addAll(stage);
      if (stage.isEmpty() || stage.get(stage.size() - 1) instanceof StepResult.Failed) {
        break;
      }
    }
    return out;
  }

  /** What a run of many mounts reports of each step. */
  public enum Report {
    /**
     * Every result is kept ({@link Progress#results()}) and carries the mount's mountinfo line,
     * read again after every call that changes the mount (mount, the timeout, parking, a new
     * owner): a report of each step's effect (--json, screens).
     */
    EVERY_STEP,
    /**
     * Results go to the caller as they come and are not kept; the mountinfo line is read once per
     * mount, after its last step or its failure: what the run left the mount as, for one read of
     * the kernel's mount state per mount instead of four or five, and no memory held per step.
     */
    STREAMED
  }

  /**
   * Runs many mounts up to and including stage {@code last}, in batches of {@code batchSize} with
   * one group commit each: the batch's intents are forced to the journal before any of its calls
   * runs, its events with the next batch's intents (the last batch's at its end). {@code each} sees
   * every result as it comes, reported as {@code report} says. Mounts that are not runnable are
   * skipped.
   */
  public void runMounts(
      List<String> mountpoints,
      StageName last,
      int batchSize,
      Report report,
      java.util.function.Consumer<StepResult> each) {
    for (int from = 0; from < mountpoints.size(); from += batchSize) {
      List<String> batch =
          mountpoints.subList(from, Math.min(mountpoints.size(), from + batchSize));
      Map<String, String> intents = new LinkedHashMap<>();
      for (String mountpoint : batch) {
        MountRun r = run(mountpoint);
        if (r.runnable) {
          intents.put(mountpoint, r.plan.target().toString());
        }
      }
      journal.intend(intents);
      journal.deferSync();
      boolean another = false;
      try {
        for (String mountpoint : intents.keySet()) {
          runUpTo(mountpoint, last, report, each);
        }
        another = from + batchSize < mountpoints.size();
      } finally {
        if (another) {
          journal.release(); // forced with the next batch's intents
        } else {
          journal.sync();
        }
      }
    }
  }

  private void runUpTo(
      String mountpoint,
      StageName last,
      Report report,
      java.util.function.Consumer<StepResult> each) {
    MountRun r = run(mountpoint);
    r.streamed = report == Report.STREAMED;
    while (r.current().isPresent() && r.currentStage().ordinal() <= last.ordinal()) {
      Optional<StepResult> result;
      r.probeSkipped = r.streamed && !r.lastStepUpTo(last);
      try {
        result = next(mountpoint);
      } finally {
        r.probeSkipped = false;
      }
      if (result.isEmpty()) {
        return;
      }
      each.accept(result.get());
      if (result.get() instanceof StepResult.Failed) {
        return;
      }
    }
  }

  /**
   * Undoes this run's work on one mount, newest first: parks and unmounts it if it is mounted,
   * closes what the run holds, and removes the directories it created (when empty). Returns one
   * line per action; afterwards the mount's plan does not run again.
   */
  public synchronized List<String> undo(String mountpoint) {
    MountRun r = run(mountpoint);
    List<String> done = new ArrayList<>();
    if (preview) {
      r.state = State.UNDONE;
      done.add("nothing to undo (dry run)");
      return done;
    }
    String target = r.plan.target().toString();
    if (r.mounted) {
      if (!r.parked && r.state != State.HANDED_OVER) {
        done.add(park(r));
      }
      Optional<KernelException> failed =
          KernelOps.attempt(kernel, new PosixCall.Umount(target, PosixCall.Umount.MNT_DETACH));
      done.add(
          failed
              .map(e -> "umount " + target + " failed: " + e.getMessage())
              .orElse("unmounted " + target));
      r.mounted = failed.isPresent();
    }
    closeQuietly(r, Planner.IOCTL_FD);
    closeQuietly(r, Planner.PIPE_READ);
    closeQuietly(r, Planner.PIPE_WRITE);
    for (int i = r.createdDirectories.size() - 1; i >= 0; i--) {
      String dir = r.createdDirectories.get(i);
      Optional<KernelException> failed = KernelOps.attempt(kernel, new PathCall.Rmdir(dir));
      done.add(
          failed.map(e -> "kept " + dir + " (" + e.errnoName() + ")").orElse("removed " + dir));
    }
    r.createdDirectories.clear();
    r.state = State.UNDONE;
    LOG.info("undo {}: {}", mountpoint, done);
    return done;
  }

  /**
   * Parks every mount this program mounted and has not handed over: the exit path of every run
   * (normal end, error, SIGINT, SIGTERM, SIGHUP). Returns what it did, one line per mount.
   */
  public List<String> parkAll() {
    stopping = true;
    synchronized (this) {
      return parkAllLocked();
    }
  }

  private List<String> parkAllLocked() {
    List<String> done = new ArrayList<>();
    for (MountRun r : runs.values()) {
      if (r.mounted && !r.parked && r.state != State.HANDED_OVER) {
        done.add(r.plan.mountpoint() + ": " + park(r));
      }
      closeQuietly(r, Planner.IOCTL_FD);
      closeQuietly(r, Planner.PIPE_READ);
      closeQuietly(r, Planner.PIPE_WRITE);
    }
    return done;
  }

  private StepResult execute(MountRun r, StageName stage, Step step) {
    String mountpoint = r.plan.mountpoint();
    if (step.call() == Step.Call.WAIT_OWNER) {
      return waitOwner(r, stage, step);
    }
    if (step.call() == Step.Call.SERVE) {
      String text = step.text(r.bound);
      if (preview) {
        return new StepResult.Previewed(mountpoint, stage, step, text);
      }
      r.state = State.HELD;
      return new StepResult.Done(
          mountpoint,
          stage,
          step,
          text,
          "this program owns the mount and answers its requests (FAIL ENOENT unless told)",
          mountinfo(r));
    }
    KernelCall<?> call =
        StepCalls.toCall(step, preview ? CallText.withSentinels(step, r.bound) : r.bound);
    // Live, every value the step needs is bound, and the call's own text is the step's text
    // (PlannerTest pins that they are equal); a dry run prints placeholders instead.
    String text = preview ? step.text(r.bound) : call.text();
    Optional<String> moved = preview ? Optional.empty() : pathChangedSincePlan(call);
    if (moved.isPresent()) {
      String recovery = recover(r);
      long seq = journal.begin(mountpoint, r.plan.target().toString(), step, text);
      journal.fail(seq, step, "REFUSED", recovery);
      return new StepResult.Failed(
          mountpoint, stage, step, text, "REFUSED", moved.get(), recovery, mountinfo(r));
    }
    long seq = journal.begin(mountpoint, r.plan.target().toString(), step, text);
    Object answer;
    try {
      answer = kernel.run(call);
    } catch (KernelException e) {
      if (step.call() == Step.Call.MKDIR && e.errno() == Errno.EEXIST && isDirectory(call)) {
        journal.end(seq, step, Map.of("answer", "exists"));
        return new StepResult.Done(
            mountpoint, stage, step, text, "EEXIST: already a directory; kept", Optional.empty());
      }
      String recovery = recover(r);
      journal.fail(seq, step, e.errnoName(), recovery);
      LOG.warn("{} failed: {}; {}", text, e.getMessage(), recovery);
      return new StepResult.Failed(
          mountpoint,
          stage,
          step,
          text,
          e.errnoName(),
          e.meaning().orElse(e.strerror()),
          recovery,
          mountinfo(r));
    }
    if (preview) {
      journal.end(seq, step, Map.of("answer", "previewed"));
      return new StepResult.Previewed(mountpoint, stage, step, text);
    }
    Map<String, Object> details = bind(r, step, answer);
    journal.end(seq, step, details);
    return new StepResult.Done(
        mountpoint, stage, step, text, describe(step, answer), mountinfo(r, step));
  }

  /**
   * Right before a mkdir or a mount, the path it names is walked again from the root, one component
   * at a time without following symlinks: a symlink or a file put in its way after the plan was
   * made (say, while the operator read the plan) is refused, not followed. A mkdir's own last
   * component is not looked at: mkdir(2) never follows a symlink there and fails with EEXIST on
   * anything in its place, which {@link #execute} accepts only for a real directory.
   */
  private Optional<String> pathChangedSincePlan(KernelCall<?> call) {
    java.nio.file.Path path;
    boolean mayBeMissing;
    if (call instanceof PathCall.Mkdir mkdir) {
      path = java.nio.file.Path.of(mkdir.path());
      mayBeMissing = true;
    } else if (call instanceof PosixCall.Mount mount) {
      path = java.nio.file.Path.of(mount.target());
      mayBeMissing = false;
    } else {
      return Optional.empty();
    }
    if (!path.startsWith(root)) {
      return Optional.of(path + " is not under the root " + root);
    }
    java.nio.file.Path at = root;
    for (java.nio.file.Path part : root.relativize(path)) {
      at = at.resolve(part);
      boolean last = at.equals(path);
      if (last && mayBeMissing) {
        break;
      }
      LiveSystem.PathKind kind = paths.kindOf(at);
      if (kind == LiveSystem.PathKind.SYMLINK) {
        return Optional.of(at + " became a symlink since the plan was made: not followed");
      }
      if (kind == LiveSystem.PathKind.OTHER) {
        return Optional.of(at + " is no longer a directory");
      }
      if (kind == LiveSystem.PathKind.MISSING && !(last && mayBeMissing)) {
        return Optional.of(at + " disappeared since the plan was made");
      }
    }
    return Optional.empty();
  }

  /**
   * The mount's live mountinfo line: read again after the calls that change it (mount, the ioctls
   * that set the timeout, park or take it over, waiting for an owner, a failure and its recovery);
   * after the others (stat, OPENMOUNT, CLOSEMOUNT, close) the line read last is still the mount's
   * line. None before this run mounted it.
   */
  private Optional<String> mountinfo(MountRun r) {
    return mountinfo(r, null);
  }

  private Optional<String> mountinfo(MountRun r, Step after) {
    if (!r.mounted) {
      return Optional.empty();
    }
    if (r.probeSkipped && after != null) {
      r.lastMountinfo = null; // not read: the mount may have changed since the line read last
      return Optional.empty();
    }
    boolean unchanged =
        after != null
            && r.lastMountinfo != null
            && switch (after.call()) {
              case STAT, OPENMOUNT, CLOSEMOUNT, CLOSE, MKDIR -> true;
              default -> false;
            };
    if (!unchanged) {
      r.lastMountinfo = probe.mountinfoLine(r.plan.target());
    }
    return r.lastMountinfo;
  }

  /** Records what a call produced and what it changed; returns the journal's details. */
  private Map<String, Object> bind(MountRun r, Step step, Object answer) {
    Map<String, Object> details = new LinkedHashMap<>();
    switch (step.call()) {
      case PIPE -> {
        PipeEnds ends = (PipeEnds) answer;
        r.bound.put(Planner.PIPE_READ, ends.readFd());
        r.bound.put(Planner.PIPE_WRITE, ends.writeFd());
        details.put("read_fd", ends.readFd());
        details.put("write_fd", ends.writeFd());
      }
      case MOUNT -> {
        r.mounted = true;
        r.state = State.IN_PROGRESS;
        details.put("target", r.plan.target().toString());
      }
      case STAT -> {
        long devid = ((FileStat) answer).dev();
        r.bound.put(Planner.DEVID, devid);
        details.put("devid", devid);
      }
      case MKDIR -> {
        String dir = step.args().get(0).show(r.bound);
        r.createdDirectories.add(dir);
        details.put("created", dir);
      }
      case OPENMOUNT -> {
        r.bound.put(Planner.IOCTL_FD, answer);
        details.put("ioctlfd", answer);
      }
      case CLOSEMOUNT -> r.bound.remove(Planner.IOCTL_FD);
      case CATATONIC -> r.parked = true;
      case SETPIPEFD -> r.parked = false;
      case CLOSE -> {
        Object fd = step.args().get(0).resolve(r.bound).orElse(null);
        r.bound.values().remove(fd);
      }
      case SETTIMEOUT -> details.put("old_timeout", answer);
      default -> {}
    }
    if (r.parked && r.state == State.IN_PROGRESS) {
      r.state = State.PARKED;
    }
    return details;
  }

  private static String describe(Step step, Object answer) {
    return switch (step.call()) {
      case PIPE -> {
        PipeEnds ends = (PipeEnds) answer;
        yield "= 0: read end fd " + ends.readFd() + ", write end fd " + ends.writeFd();
      }
      case STAT -> "= 0: st_dev " + ((FileStat) answer).dev();
      case OPENMOUNT -> "= " + answer + " (ioctl fd)";
      case SETTIMEOUT -> "= 0: the old timeout was " + Long.toUnsignedString((Long) answer) + " s";
      default -> "= 0";
    };
  }

  private StepResult waitOwner(MountRun r, StageName stage, Step step) {
    String mountpoint = r.plan.mountpoint();
    String text = step.text(r.bound);
    if (preview) {
      return new StepResult.Previewed(mountpoint, stage, step, text);
    }
    long seconds = (Long) step.args().get(1).resolve(r.bound).orElseThrow();
    long seq = journal.begin(mountpoint, r.plan.target().toString(), step, text);
    LiveProbe.Waited waited = probe.waitForOwnerAndRead(r.plan.target(), seconds, () -> stopping);
    r.lastMountinfo = waited.mountinfo();
    Optional<String> line = r.mounted ? waited.mountinfo() : Optional.empty();
    Optional<String> owner = waited.owner();
    if (owner.isPresent()) {
      r.state = State.HANDED_OVER;
      r.parked = false;
      journal.end(seq, step, Map.of("owner", owner.get()));
      return new StepResult.Done(mountpoint, stage, step, text, owner.get(), line);
    }
    String answer =
        seconds == 0
            ? "not waited for (--no-wait): the mount stays parked until automount reconnects"
            : "no new owner within " + seconds + " s: the mount stays parked";
    journal.end(seq, step, Map.of("owner", "none"));
    r.state = State.PARKED;
    return new StepResult.Done(mountpoint, stage, step, text, answer, line);
  }

  /**
   * After a failed step: park the mount if it is mounted and not parked (OPENMOUNT, CATATONIC,
   * CLOSEMOUNT), unmount it when parking fails, and close what this run opened.
   */
  private String recover(MountRun r) {
    if (preview) {
      return "nothing to undo (dry run)";
    }
    String what;
    if (!r.mounted) {
      what = "nothing was mounted";
    } else if (r.parked) {
      what = "the mount stays parked (catatonic)";
    } else {
      what = park(r);
    }
    closeQuietly(r, Planner.IOCTL_FD);
    closeQuietly(r, Planner.PIPE_READ);
    closeQuietly(r, Planner.PIPE_WRITE);
    return what + "; the rest of this mount's plan does not run";
  }

  /** Makes a mounted, unparked mount catatonic; unmounts it when that is not possible. */
  private String park(MountRun r) {
    String target = r.plan.target().toString();
    Object devid = r.bound.get(Planner.DEVID);
    try {
      if (devid == null) {
        devid = kernel.run(new PathCall.Stat(target)).dev();
      }
      KernelOps.park(kernel, target, (Long) devid);
      r.parked = true;
      if (r.state != State.FAILED) {
        r.state = State.PARKED;
      }
      LOG.info("parked {}", target);
      return "parked (catatonic)";
    } catch (KernelException e) {
      LOG.warn("cannot park {}: {}; unmounting it", target, e.getMessage());
      try {
        kernel.run(new PosixCall.Umount(target, PosixCall.Umount.MNT_DETACH));
        r.mounted = false;
        return "parking failed (" + e.errnoName() + "), so it was unmounted";
      } catch (KernelException u) {
        LOG.error("cannot unmount {} either: {}", target, u.getMessage());
        return "parking failed ("
            + e.errnoName()
            + ") and so did unmounting ("
            + u.errnoName()
            + "): run `autofs-restore undo` with this journal";
      }
    }
  }

  private void closeQuietly(MountRun r, String name) {
    Object fd = r.bound.remove(name);
    if (fd instanceof Integer n && !preview) {
      try {
        kernel.run(new PosixCall.Close(n));
      } catch (KernelException e) {
        LOG.debug("close({}) on cleanup: {}", n, e.getMessage());
      }
    }
  }

  private boolean isDirectory(KernelCall<?> mkdir) {
    try {
      FileStat st = kernel.run(new PathCall.Lstat(((PathCall.Mkdir) mkdir).path()));
      return st.isDirectory();
    } catch (KernelException e) {
      return false;
    }
  }

  private MountRun run(String mountpoint) {
    MountRun r = runs.get(mountpoint);
    if (r == null) {
      throw new IllegalArgumentException("no mount " + mountpoint + " in this plan");
    }
    return r;
  }

  /** One mount's progress through its plan. */
  private static final class MountRun {
    final MountPlan plan;

    /** The plan's verdict, asked once: it scans the mount's findings. */
    final boolean runnable;

    /**
     * Set for a step of a run of many mounts that is not the mount's last: its result carries no
     * mountinfo line, so the kernel's mount state is not read for it ({@link Report#STREAMED}).
     */
    boolean probeSkipped;

    /** Ran by a {@link Report#STREAMED} run: its results are not kept. */
    boolean streamed;

    final Map<String, Object> bound = new HashMap<>();
    final List<StepResult> results = new ArrayList<>();
    final List<String> createdDirectories = new ArrayList<>();
    int stageIndex;
    int stepIndex;
    boolean mounted;
    boolean parked;
    Optional<String> lastMountinfo;
    State state = State.NOT_STARTED;

    MountRun(MountPlan plan, Integer ownPgrp) {
      this.plan = plan;
      this.runnable = plan.runnable();
      bound.putAll(Planner.initialBindings(ownPgrp));
      skipEmptyStages();
    }

    Optional<Step> current() {
      if (state == State.FAILED || state == State.UNDONE || stageIndex >= plan.stages().size()) {
        return Optional.empty();
      }
      return Optional.of(plan.stages().get(stageIndex).steps().get(stepIndex));
    }

    StageName currentStage() {
      return plan.stages().get(stageIndex).name();
    }

    /** Whether the current step is the last one of stages up to and including {@code last}. */
    boolean lastStepUpTo(StageName last) {
      if (stepIndex + 1 < plan.stages().get(stageIndex).steps().size()) {
        return false;
      }
      for (int s = stageIndex + 1; s < plan.stages().size(); s++) {
        Stage stage = plan.stages().get(s);
        if (!stage.steps().isEmpty()) {
          return stage.name().ordinal() > last.ordinal();
        }
      }
      return true;
    }

    void advance() {
      stepIndex++;
      skipEmptyStages();
      if (stageIndex >= plan.stages().size()
          && state != State.HELD
          && state != State.HANDED_OVER
          && state != State.PARKED) {
        state = State.DONE;
      }
    }

    private void skipEmptyStages() {
      while (stageIndex < plan.stages().size()
          && stepIndex >= plan.stages().get(stageIndex).steps().size()) {
        stageIndex++;
        stepIndex = 0;
      }
    }
  }
}
