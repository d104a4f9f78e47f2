package org.autofsrestore.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.LiveAvailability;
import org.autofsrestore.ui.model.MountMode;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.RequestAnswer;
import org.autofsrestore.ui.model.RequestState;
import org.autofsrestore.ui.model.RestoreController;
import org.autofsrestore.ui.model.StageView;
import org.autofsrestore.ui.model.StepStatus;
import org.autofsrestore.ui.model.StepView;
import org.autofsrestore.ui.model.StepperSnapshot;
import org.autofsrestore.ui.model.UnfinishedRun;

/**
 * A restore controller over the real planner's dry-run plans of the multi fixture ({@link
 * SampleDump#plans}; a synthetic dump's mounts borrow the plan of multi's mount of the same mode):
 * dry run marks steps previewed, live mode answers each call the way the kernel does. Records every
 * action it was asked for.
 */
final class SampleController implements RestoreController {
  /** What a step does to the mount, which decides the kernel's answer and the mountinfo after. */
  private enum Kind {
    MOUNT,
    STAT,
    PIPE,
    OPENMOUNT,
    SETTIMEOUT,
    CATATONIC,
    SETPIPEFD,
    OTHER;

    static Kind of(String call) {
      if (call.startsWith("move_mount(")) {
        return MOUNT;
      } else if (call.startsWith("statx(<mount.fd>")) {
        return STAT;
      } else if (call.startsWith("openat(<mount.fd>")) {
        return OPENMOUNT;
      } else if (call.startsWith("pipe2(")) {
        return PIPE;
      }
      for (Kind k : List.of(OPENMOUNT, SETTIMEOUT, CATATONIC, SETPIPEFD)) {
        if (call.contains("_" + k.name())) {
          return k;
        }
      }
      return OTHER;
    }
  }

  private static final class Step {
    final String call;
    final Kind kind;
    final String liveAnswer;
    final String mountinfo;
    StepStatus status = StepStatus.PENDING;
    String answer = "";
    String shownMountinfo = "";

    Step(String call, String liveAnswer, String mountinfo) {
      this.call = call;
      this.kind = Kind.of(call);
      this.liveAnswer = liveAnswer;
      this.mountinfo = mountinfo;
    }
  }

  private record Stage(String name, List<Step> steps) {}

  private record Plan(String mountpoint, String target, List<Stage> stages, String note) {
    boolean done(Kind kind) {
      return stages.stream()
          .flatMap(s -> s.steps().stream())
          .anyMatch(x -> x.kind == kind && x.status == StepStatus.OK);
    }
  }

  volatile boolean live;
  volatile LiveAvailability availability = LiveAvailability.yes();

  /** When set, every step blocks until it is counted down (or the worker is interrupted). */
  volatile CountDownLatch gate;

  /** Counted down when a step starts waiting on the gate. */
  volatile CountDownLatch stepStarted;

  /** A call prefix whose step fails with EBUSY. */
  volatile String failOn;

  final List<String> actions = Collections.synchronizedList(new ArrayList<>());

  /** The unfinished runs the session found; resume or undo of one takes it off. */
  final List<UnfinishedRun> unfinished = new CopyOnWriteArrayList<>();

  final List<KernelRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Plan> plans = new LinkedHashMap<>();
  private final Set<String> parked = Collections.synchronizedSet(new HashSet<>());
  private volatile Runnable listener = () -> {};

  SampleController(SampleDump dump) {
    SampleDump multi =
        dump.plans.isEmpty() ? SampleDump.multi(dump.session.ownerMode(), false) : dump;
    Map<MountMode, StepperSnapshot> byMode = new EnumMap<>(MountMode.class);
    for (MountRow r : multi.rows) {
      if (!r.catatonic() && multi.plans.containsKey(r.id())) {
        byMode.put(r.mode(), multi.plans.get(r.id())); // the last: auto-f3 has no mount below
      }
    }
    for (MountRow r : dump.rows) {
      StepperSnapshot real = dump.plans.get(r.id());
      String target = dump.session.restoreRoot() + r.mountpoint();
      if (real == null && byMode.containsKey(r.mode())) {
        StepperSnapshot borrowed = byMode.get(r.mode());
        real = retarget(borrowed, borrowed.target(), target);
      }
      plans.put(
          r.id(),
          real == null
              ? new Plan(r.mountpoint(), target, List.of(), "No plan: the mode is unknown.")
              : plan(r, real));
    }
  }

  private static StepperSnapshot retarget(StepperSnapshot s, String from, String to) {
    List<StageView> stages = new ArrayList<>();
    for (StageView stage : s.stages()) {
      List<StepView> steps = new ArrayList<>();
      for (StepView v : stage.steps()) {
        steps.add(new StepView(v.call().replace(from, to), v.status(), v.answer(), v.mountinfo()));
      }
      stages.add(new StageView(stage.name(), steps));
    }
    return new StepperSnapshot(s.mountId(), to, stages, s.note());
  }

  private static final String SOURCE = "fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"source\", \"";

  /** The real plan's calls, each with the answer and mountinfo line a kernel would give. */
  private static Plan plan(MountRow r, StepperSnapshot real) {
    String target = real.target();
    String source =
        real.stages().stream()
            .flatMap(st -> st.steps().stream())
            .map(StepView::call)
            .filter(c -> c.startsWith(SOURCE))
            .map(c -> c.substring(SOURCE.length(), c.indexOf('"', SOURCE.length())))
            .findFirst()
            .orElse("automount");
    String mode = r.mode().name().toLowerCase(java.util.Locale.ROOT);
    String live =
        "312 29 0:57 / "
            + target
            + " rw,relatime shared:160 - autofs "
            + source
            + " rw,fd=8,pgrp=4242,timeout=0,"
            + "minproto=5,maxproto=5,"
            + mode
            + ",pipe_ino=91234";
    String timed = live.replace("timeout=0", "timeout=" + r.timeout());
    String parkedLine = timed.replace("fd=8,", "fd=-1,").replace("pipe_ino=91234", "pipe_ino=-1");
    String owned = timed.replace("fd=8,", "fd=11,");
    String now = "";
    List<Stage> stages = new ArrayList<>();
    for (StageView stage : real.stages()) {
      List<Step> steps = new ArrayList<>();
      for (StepView v : stage.steps()) {
        Kind kind = Kind.of(v.call());
        now =
            switch (kind) {
              case MOUNT -> live;
              case SETTIMEOUT -> timed;
              case CATATONIC -> parkedLine;
              case SETPIPEFD -> owned;
              default -> now;
            };
        String answer =
            switch (kind) {
              case PIPE -> "= 0 (read 7, write 8)";
              case STAT -> "= 0 (devid 0:57)";
              case OPENMOUNT -> "= 9 (ioctl fd)";
              case SETTIMEOUT -> "= 0 (old timeout 0)";
              case SETPIPEFD -> "= 0 (this program owns the mount)";
              default -> "= 0";
            };
        steps.add(new Step(v.call(), answer, now));
      }
      stages.add(new Stage(stage.name(), steps));
    }
    return new Plan(r.mountpoint(), target, stages, real.note());
  }

  /** The plan's call texts for a mount, in order. */
  List<String> calls(String mountId) {
    List<String> out = new ArrayList<>();
    for (Stage s : plans.get(mountId).stages()) {
      for (Step step : s.steps()) {
        out.add(step.call);
      }
    }
    return out;
  }

  void addRequest(long id, String mountpoint, int pid, int uid, String name) {
    requests.add(
        new KernelRequest(
            id, "12:04:31." + (100 + id), mountpoint, pid, uid, name, RequestState.WAITING));
    listener.run();
  }

  @Override
  public boolean live() {
    return live;
  }

  @Override
  public LiveAvailability liveAvailability() {
    return availability;
  }

  @Override
  public void goLive() {
    actions.add("goLive");
    live = true;
  }

  @Override
  public List<UnfinishedRun> unfinishedRuns() {
    return List.copyOf(unfinished);
  }

  @Override
  public List<String> resume(String journal) {
    actions.add("resume " + journal);
    unfinished.removeIf(u -> u.journal().equals(journal));
    live = true;
    return List.of("/srv/auto-a: go on", "/srv/auto-b: done");
  }

  @Override
  public List<String> undoRun(String journal) {
    actions.add("undoRun " + journal);
    unfinished.removeIf(u -> u.journal().equals(journal));
    return List.of("/r/srv/auto-a: parked, unmounted");
  }

  @Override
  public synchronized Progress progress(String mountId) {
    if (parked.contains(mountId)) {
      return Progress.PARKED;
    }
    Plan p = plans.get(mountId);
    if (p == null) {
      return Progress.NONE;
    }
    boolean previewed = false;
    boolean undone = false;
    for (Stage s : p.stages()) {
      for (Step step : s.steps()) {
        if (step.status == StepStatus.FAILED) {
          return Progress.FAILED;
        }
        previewed |= step.status == StepStatus.PREVIEWED;
        undone |= step.status == StepStatus.UNDONE;
      }
    }
    if (p.done(Kind.SETPIPEFD)) {
      return Progress.OWNED;
    }
    if (p.done(Kind.CATATONIC)) {
      return Progress.PARKED;
    }
    if (p.done(Kind.MOUNT)) {
      return Progress.MOUNTED;
    }
    if (undone) {
      return Progress.UNDONE;
    }
    if (previewed) {
      return Progress.PREVIEWED;
    }
    return Progress.NONE;
  }

  @Override
  public synchronized StepperSnapshot stepper(String mountId) {
    Plan p = plans.get(mountId);
    List<StageView> stages = new ArrayList<>();
    for (Stage s : p.stages()) {
      List<StepView> steps = new ArrayList<>();
      for (Step step : s.steps()) {
        steps.add(new StepView(step.call, step.status, step.answer, step.shownMountinfo));
      }
      stages.add(new StageView(s.name(), steps));
    }
    return new StepperSnapshot(mountId, p.target(), stages, p.note());
  }

  private Step next(Plan p) {
    for (Stage s : p.stages()) {
      for (Step step : s.steps()) {
        if (step.status == StepStatus.PENDING) {
          return step;
        }
      }
    }
    return null;
  }

  private boolean run(String mountId, Step step) throws InterruptedException {
    if (step == null) {
      return false;
    }
    CountDownLatch g = gate;
    if (g != null) {
      synchronized (this) {
        step.status = StepStatus.RUNNING;
      }
      listener.run();
      CountDownLatch started = stepStarted;
      if (started != null) {
        started.countDown();
      }
      try {
        g.await();
      } catch (InterruptedException e) {
        synchronized (this) {
          step.status = StepStatus.FAILED;
          step.answer = "EINTR: interrupted";
        }
        throw e;
      }
    }
    synchronized (this) {
      String fail = failOn;
      if (!live) {
        step.status = StepStatus.PREVIEWED;
        step.answer = "";
      } else if (fail != null && step.call.startsWith(fail)) {
        step.status = StepStatus.FAILED;
        step.answer = "EBUSY: the mount is not catatonic";
        step.shownMountinfo = step.mountinfo;
      } else {
        step.status = StepStatus.OK;
        step.answer = step.liveAnswer;
        step.shownMountinfo = step.mountinfo;
      }
    }
    listener.run();
    return true;
  }

  @Override
  public void nextStep(String mountId) throws InterruptedException {
    actions.add("nextStep " + mountId);
    run(mountId, next(plans.get(mountId)));
  }

  @Override
  public void runStage(String mountId) throws InterruptedException {
    actions.add("runStage " + mountId);
    Plan p = plans.get(mountId);
    Step first = next(p);
    for (Stage s : p.stages()) {
      if (s.steps().contains(first)) {
        for (Step step : s.steps()) {
          if (step.status == StepStatus.PENDING) {
            run(mountId, step);
          }
        }
        return;
      }
    }
  }

  @Override
  public void runAll(String mountId) throws InterruptedException {
    actions.add("runAll " + mountId);
    Plan p = plans.get(mountId);
    Step step;
    while ((step = next(p)) != null) {
      run(mountId, step);
      if (step.status == StepStatus.FAILED) {
        return;
      }
    }
  }

  @Override
  public synchronized void undo(String mountId) {
    actions.add("undo " + mountId);
    for (Stage s : plans.get(mountId).stages()) {
      for (Step step : s.steps()) {
        if (step.status == StepStatus.PREVIEWED) {
          step.status = StepStatus.PENDING;
          step.answer = "";
        } else if (step.status == StepStatus.OK) {
          step.status = StepStatus.UNDONE;
          step.answer = "umount2 = 0";
          step.shownMountinfo = "";
        }
      }
    }
    parked.remove(mountId);
  }

  @Override
  public List<KernelRequest> requests() {
    return List.copyOf(requests);
  }

  /** As a server that kept only the latest requests says how many older ones it dropped. */
  volatile long requestsDropped;

  @Override
  public long requestsDropped() {
    return requestsDropped;
  }

  @Override
  public void answer(long requestId, RequestAnswer answer) {
    actions.add("answer " + requestId + " " + answer);
    for (int i = 0; i < requests.size(); i++) {
      KernelRequest r = requests.get(i);
      if (r.id() == requestId) {
        requests.set(
            i,
            new KernelRequest(
                r.id(),
                r.time(),
                r.mountpoint(),
                r.pid(),
                r.uid(),
                r.name(),
                answer == RequestAnswer.FAIL
                    ? RequestState.ANSWERED_FAIL
                    : RequestState.ANSWERED_READY));
      }
    }
  }

  @Override
  public synchronized List<String> mountedNotHandedOver() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Plan> e : plans.entrySet()) {
      if (notHandedOver(e.getKey(), e.getValue())) {
        out.add(e.getValue().mountpoint());
      }
    }
    return out;
  }

  private boolean notHandedOver(String id, Plan p) {
    return p.done(Kind.MOUNT)
        && !parked.contains(id)
        && (!p.done(Kind.CATATONIC) || p.done(Kind.SETPIPEFD));
  }

  @Override
  public synchronized void parkAll() {
    actions.add("parkAll");
    for (Map.Entry<String, Plan> e : plans.entrySet()) {
      if (notHandedOver(e.getKey(), e.getValue())) {
        parked.add(e.getKey());
      }
    }
  }

  @Override
  public void setChangeListener(Runnable listener) {
    this.listener = listener;
  }
}
