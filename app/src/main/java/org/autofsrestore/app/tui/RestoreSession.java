package org.autofsrestore.app.tui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.autofsrestore.app.restore.Executor;
import org.autofsrestore.app.restore.Journal;
import org.autofsrestore.app.restore.LiveProbe;
import org.autofsrestore.app.restore.LiveRestore;
import org.autofsrestore.app.restore.MountPlan;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.RecordingKernel;
import org.autofsrestore.app.restore.RequestServer;
import org.autofsrestore.app.restore.ResumePlanner;
import org.autofsrestore.app.restore.Stage;
import org.autofsrestore.app.restore.Step;
import org.autofsrestore.app.restore.StepResult;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.LiveAvailability;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.RequestAnswer;
import org.autofsrestore.ui.model.RequestState;
import org.autofsrestore.ui.model.RestoreController;
import org.autofsrestore.ui.model.StageView;
import org.autofsrestore.ui.model.StepStatus;
import org.autofsrestore.ui.model.StepView;
import org.autofsrestore.ui.model.StepperSnapshot;
import org.autofsrestore.ui.model.UnfinishedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore engine as the UI drives it: a dry run (the executor over a recording kernel) until
 * the operator goes live, then the same plan through the real kernel, journaled. Mount ids are
 * mount points.
 */
public final class RestoreSession implements RestoreController {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreSession.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** A request the operator leaves unanswered this long is answered FAIL (ENOENT). */
  static final Duration AUTO_FAIL_AFTER = Duration.ofSeconds(30);

  private final Plan dryPlan;
  private final Supplier<Plan> livePlan;
  private final Supplier<LiveAvailability> kernelCheck;
  private final boolean rootGiven;
  private volatile LiveAvailability kernelAvailability;
  private final Supplier<Path> journalPath;
  private final Supplier<LiveRestore.JournalOpening> journalOpening;
  private final UnfinishedRuns unfinished;

  /** After a resume, what it decided for each mount of the run. */
  private volatile java.util.Map<String, ResumePlanner.Decision> resumed = java.util.Map.of();

  private final java.util.Map<String, Integer> running = new ConcurrentHashMap<>();
  private volatile Executor executor;
  private volatile boolean live;
  private volatile LiveRestore run;
  private volatile Runnable listener = () -> {};
  private boolean closed;

  RestoreSession(
      Plan dryPlan,
      Supplier<Plan> livePlan,
      Supplier<LiveAvailability> kernelCheck,
      boolean rootGiven,
      Supplier<Path> journalPath,
      Supplier<LiveRestore.JournalOpening> journalOpening,
      UnfinishedRuns unfinished) {
    this.dryPlan = dryPlan;
    this.livePlan = livePlan;
    this.kernelCheck = kernelCheck;
    this.rootGiven = rootGiven;
    this.journalPath = journalPath;
    this.journalOpening = journalOpening;
    this.unfinished = unfinished;
    this.executor =
        new Executor(dryPlan, new RecordingKernel(), Journal.none(), true, LiveProbe.none(), null);
  }

  @Override
  public boolean live() {
    return live;
  }

  /**
   * Asked only when the operator wants to go live: the check opens /dev/autofs (and loads the
   * native library), which a dry run never needs.
   */
  @Override
  public LiveAvailability liveAvailability() {
    if (live) {
      return LiveAvailability.no("already live");
    }
    LiveAvailability kernel = kernelAvailability();
    if (kernel.possible() && !rootGiven) {
      return LiveAvailability.no("give --root R (or --sandbox) to restore for real");
    }
    return kernel;
  }

  private LiveAvailability kernelAvailability() {
    LiveAvailability checked = kernelAvailability;
    if (checked == null) {
      checked = kernelCheck.get();
      kernelAvailability = checked;
    }
    return checked;
  }

  @Override
  public synchronized void goLive() throws IOException {
    if (live) {
      return;
    }
    LiveAvailability check = liveAvailability();
    if (!check.possible()) {
      throw new IllegalStateException(check.reason());
    }
    begin(livePlan.get(), journalPath.get(), journalOpening.get());
  }

  @Override
  public List<UnfinishedRun> unfinishedRuns() {
    return unfinished.views();
  }

  @Override
  public synchronized List<String> resume(String journal) throws IOException {
    if (live) {
      throw new IllegalStateException(
          "this session is live already: resume the run from a new one, `autofs-restore tui"
              + " --resume "
              + journal
              + "`");
    }
    UnfinishedRuns.Prepared prepared = unfinished.prepare(journal);
    LiveAvailability check = kernelAvailability(); // the run's root is the journal's
    if (!check.possible()) {
      throw new IllegalStateException("cannot resume: " + check.reason());
    }
    java.util.Map<String, ResumePlanner.Decision> decided = new java.util.HashMap<>();
    List<String> said = new ArrayList<>();
    for (ResumePlanner.Decision d : prepared.decisions()) {
      decided.put(d.mountpoint(), d);
      said.add(d.mountpoint() + ": " + d.label() + ": " + d.why());
    }
    resumed = java.util.Map.copyOf(decided);
    begin(
        prepared.plan(),
        Path.of(journal),
        new LiveRestore.JournalOpening.Resume(prepared.replay().lastSeq()));
    unfinished.forget(journal);
    LOG.info("resumed {}: {}", journal, said);
    return said;
  }

  @Override
  public List<String> undoRun(String journal) throws IOException {
    List<String> done = unfinished.undo(journal);
    LOG.info("undid {}: {}", journal, done);
    listener.run();
    return done;
  }

  /** Goes live on {@code plan}, its journal opened as told. */
  private void begin(Plan plan, Path path, LiveRestore.JournalOpening opening) throws IOException {
    // A signal (SIGHUP from a dropped SSH session, SIGTERM) ends the run as closing the UI does.
    LiveRestore started =
        LiveRestore.start(
            plan, path, opening, AUTO_FAIL_AFTER, parked -> closing(parked), parked -> {});
    run = started;
    executor = started.executor();
    RequestServer server = started.server();
    server.onRequest(r -> listener.run());
    Thread serving = new Thread(server::serve, "autofs-restore-requests");
    serving.setDaemon(true);
    serving.start();
    live = true;
    LOG.info("live: journal {}", path);
    listener.run();
  }

  @Override
  public Progress progress(String mountId) {
    if (resumed.get(mountId) instanceof ResumePlanner.Decision.AlreadyDone done) {
      return switch (done.left()) {
        case RESTORED -> Progress.PARKED;
        case OWNED -> Progress.HANDED_OFF;
        case UNDONE -> Progress.UNDONE;
      };
    }
    Executor.Progress p = executor.progress(mountId);
    return switch (p.state()) {
      case NOT_STARTED -> p.results().isEmpty() ? Progress.NONE : Progress.PREVIEWED;
      case IN_PROGRESS -> live ? Progress.MOUNTED : Progress.PREVIEWED;
      case PARKED -> Progress.PARKED;
      case HELD -> Progress.OWNED;
      case HANDED_OVER -> Progress.HANDED_OFF;
      case DONE -> live ? Progress.PARKED : Progress.PREVIEWED;
      case FAILED -> Progress.FAILED;
      case UNDONE -> Progress.UNDONE;
    };
  }

  @Override
  public StepperSnapshot stepper(String mountId) {
    ResumePlanner.Decision decision = resumed.get(mountId);
    if (decision instanceof ResumePlanner.Decision.AlreadyDone done) {
      String target =
          dryPlan.mounts().stream()
              .filter(m -> m.mountpoint().equals(mountId))
              .map(m -> m.target().toString())
              .findFirst()
              .orElse("");
      return new StepperSnapshot(
          mountId, target, List.of(), "resumed: nothing left to run: " + done.why());
    }
    Executor.Progress p = executor.progress(mountId);
    MountPlan plan = p.plan();
    List<StepResult> results = p.results();
    Integer runningIndex = running.get(mountId);
    boolean undone = p.state() == Executor.State.UNDONE;
    List<StageView> stages = new ArrayList<>();
    int index = 0;
    for (Stage stage : plan.stages()) {
      List<StepView> steps = new ArrayList<>();
      for (Step step : stage.steps()) {
        if (index < results.size()) {
          StepResult r = results.get(index);
          steps.add(new StepView(r.text(), status(r, undone), r.answer(), mountinfo(r)));
        } else {
          StepStatus status =
              runningIndex != null && runningIndex == index
                  ? StepStatus.RUNNING
                  : StepStatus.PENDING;
          steps.add(new StepView(step.text(p.values()), status, "", ""));
        }
        index++;
      }
      stages.add(new StageView(stage.name().label(), steps));
    }
    String note =
        !plan.runnable()
            ? "not runnable: "
                + plan.findings().stream()
                    .filter(f -> f.severity() == org.autofsrestore.app.autofs.Severity.ERROR)
                    .map(f -> f.message())
                    .findFirst()
                    .orElse("see the findings")
            : decision != null
                ? "resumed (" + decision.label() + "): " + decision.why()
                : plan.parkedInDump() ? "catatonic in the dump: restored parked" : "";
    return new StepperSnapshot(mountId, plan.target().toString(), stages, note);
  }

  private static StepStatus status(StepResult r, boolean undone) {
    if (r instanceof StepResult.Previewed) {
      return StepStatus.PREVIEWED;
    }
    if (r instanceof StepResult.Failed) {
      return StepStatus.FAILED;
    }
    return undone ? StepStatus.UNDONE : StepStatus.OK;
  }

  private static String mountinfo(StepResult r) {
    if (r instanceof StepResult.Done d) {
      return d.mountinfo().orElse("");
    }
    if (r instanceof StepResult.Failed f) {
      return f.mountinfo().orElse("");
    }
    return "";
  }

  /** A mount a resume left nothing to run for has no steps: say so instead of failing. */
  private void requireSteps(String mountId) {
    if (resumed.get(mountId) instanceof ResumePlanner.Decision.AlreadyDone done) {
      throw new IllegalStateException(
          "nothing left of "
              + mountId
              + " to run or undo in this resume ("
              + done.why()
              + "); undo --journal "
              + run.journalPath()
              + " undoes the whole run");
    }
  }

  @Override
  public void nextStep(String mountId) {
    requireSteps(mountId);
    step(mountId, () -> executor.next(mountId));
  }

  @Override
  public void runStage(String mountId) {
    requireSteps(mountId);
    Executor.Progress p = executor.progress(mountId);
    int stage = p.stageIndex();
    while (executor.hasNext(mountId)
        && executor.progress(mountId).stageIndex() == stage
        && !Thread.currentThread().isInterrupted()) {
      if (!step(mountId, () -> executor.next(mountId))) {
        break;
      }
    }
  }

  @Override
  public void runAll(String mountId) {
    requireSteps(mountId);
    while (executor.hasNext(mountId) && !Thread.currentThread().isInterrupted()) {
      if (!step(mountId, () -> executor.next(mountId))) {
        break;
      }
    }
  }

  /** Runs one step, marking it running meanwhile; returns false when it failed or none ran. */
  private boolean step(String mountId, Supplier<java.util.Optional<StepResult>> run) {
    running.put(mountId, executor.progress(mountId).results().size());
    listener.run();
    java.util.Optional<StepResult> result;
    try {
      result = run.get();
    } finally {
      running.remove(mountId);
    }
    result.ifPresent(r -> afterStep(mountId, r));
    listener.run();
    return result.isPresent() && !(result.get() instanceof StepResult.Failed);
  }

  private void afterStep(String mountId, StepResult r) {
    LiveRestore current = run;
    if (current != null && r.step().call() == Step.Call.SERVE) {
      current.serveIfHeld(mountId);
    }
  }

  @Override
  public void undo(String mountId) {
    requireSteps(mountId);
    executor.undo(mountId);
    listener.run();
  }

  @Override
  public long requestsDropped() {
    LiveRestore current = run;
    return current == null ? 0 : current.server().history().dropped();
  }

  @Override
  public List<KernelRequest> requests() {
    LiveRestore current = run;
    if (current == null) {
      return List.of();
    }
    return current.server().history().requests().stream()
        .map(
            r ->
                new KernelRequest(
                    r.id(),
                    TIME.format(r.time()),
                    r.mountpoint(),
                    (int) r.packet().pid(),
                    (int) r.packet().uid(),
                    r.packet().name(),
                    switch (r.state()) {
                      case WAITING -> RequestState.WAITING;
                      case FAILED -> RequestState.ANSWERED_FAIL;
                      case READY -> RequestState.ANSWERED_READY;
                    }))
        .toList();
  }

  @Override
  public void answer(long requestId, RequestAnswer answer) {
    LiveRestore current = run;
    if (current == null) {
      throw new IllegalStateException("no requests in a dry run");
    }
    current.server().answer(requestId, answer == RequestAnswer.READY);
    listener.run();
  }

  @Override
  public List<String> mountedNotHandedOver() {
    if (!live) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String mountpoint : executor.mountpoints()) {
      Executor.State state = executor.progress(mountpoint).state();
      if (state == Executor.State.IN_PROGRESS || state == Executor.State.HELD) {
        out.add(mountpoint);
      }
    }
    return out;
  }

  @Override
  public synchronized void parkAll() {
    LiveRestore current = run;
    List<String> parked = current == null ? executor.parkAll() : current.stopAndPark();
    if (current != null && !parked.isEmpty()) {
      current.journal().finish("parked: " + parked);
    }
    LOG.info("park all: {}", parked);
    listener.run();
  }

  /** The journal's last lines when the session ends: what was parked, then that the UI closed. */
  private String closing(List<String> parked) {
    if (!parked.isEmpty()) {
      run.journal().finish("parked: " + parked);
    }
    LOG.info("park all: {}", parked);
    return "ui closed";
  }

  /**
   * The session ends: park, finish the journal, release the kernel. Runs once; a live run that the
   * exit path of a signal ended first is not ended again.
   */
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LiveRestore current = run;
    if (current == null) {
      parkAll();
      return;
    }
    current.end(this::closing);
    listener.run();
  }

  @Override
  public void setChangeListener(Runnable listener) {
    this.listener = listener == null ? () -> {} : listener;
  }

  OwnerMode owner() {
    return dryPlan.owner();
  }
}
