package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.autofsrestore.ui.UiOptions;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.LiveAvailability;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.RequestAnswer;
import org.autofsrestore.ui.model.RequestState;
import org.autofsrestore.ui.model.RestoreController;
import org.autofsrestore.ui.model.SessionInfo;
import org.autofsrestore.ui.model.StageView;
import org.autofsrestore.ui.model.StepStatus;
import org.autofsrestore.ui.model.StepView;
import org.autofsrestore.ui.model.StepperSnapshot;

/**
 * The UI's engine: pages, overlays, key handling, the worker that runs controller actions, and the
 * frame loop over a Lanterna {@link TerminalScreen}. Every frame is drawn whole into the screen's
 * back buffer; {@link Screen#refresh(Screen.RefreshType)} with {@code DELTA} then sends only the
 * cells that changed. Internal: use {@link org.autofsrestore.ui.TerminalUi}.
 */
public final class ScreenApp {

  /** The pages. DETAILS and STEPPER show the open mount. */
  public enum Page {
    MOUNTS,
    FINDINGS,
    REQUESTS,
    LOG,
    DETAILS,
    STEPPER
  }

  /** A controller call that may block and throw. */
  interface Action {
    void run() throws Exception;
  }

  private record Busy(String label, long startNanos) {}

  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long LOG_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  final DumpModel model;
  final RestoreController controller;
  final SessionInfo session;
  final boolean ascii;
  final Glyphs glyphs;
  private final Theme theme;
  private final TerminalScreen screen;
  private final Executor worker;

  private final List<MountRow> rows;
  private final Map<String, MountRow> rowsById = new HashMap<>();
  private final Map<String, String> idsByMountpoint = new HashMap<>();
  private final int findingCount;
  private final int errors;
  private final int warnings;
  private final int infos;

  private final MountListView mountList;
  private final DetailsView details;
  private final StepperView stepper;
  private final FindingsView findingsView;
  private final RequestsView requestsView;
  private final LogView logView;
  private final HelpOverlay help;

  private Page page = Page.MOUNTS;
  private View lastDrawnView;
  private Page returnPage = Page.MOUNTS;
  private String openMountId;
  private String detailsMountId;
  private boolean helpOpen;
  private Dialog dialog;
  private StringBuilder prompt;
  private Consumer<String> promptTarget;
  private String promptBefore = "";
  private String message = "";
  private Role messageRole = Role.NORMAL;

  private Busy busy;
  private volatile Thread busyThread;
  private boolean quitting;
  private boolean liveConfirmed;
  private boolean finished;
  private boolean hungUp;
  private boolean started;
  private boolean fullRedraw = true;
  private long lastRender;
  private final LinkedBlockingDeque<Runnable> events = new LinkedBlockingDeque<>();
  private final AtomicBoolean changeQueued = new AtomicBoolean();

  public ScreenApp(
      Terminal terminal,
      DumpModel model,
      RestoreController controller,
      UiOptions options,
      Executor worker)
      throws IOException {
    this.model = model;
    this.controller = controller;
    this.worker = worker;
    this.session = model.session();
    this.ascii = options.ascii();
    this.glyphs = Glyphs.of(ascii);
    this.theme = Theme.of(options.noColor());
    this.screen = new TerminalScreen(terminal);
    List<MountRow> mounts = model.mounts();
    this.rows = mounts instanceof RandomAccess ? mounts : new ArrayList<>(mounts);
    for (MountRow r : rows) {
      rowsById.put(r.id(), r);
      idsByMountpoint.putIfAbsent(r.mountpoint(), r.id());
    }
    List<Finding> findings = model.findings();
    int e = 0;
    int w = 0;
    int i = 0;
    for (Finding f : findings) {
      if (f.severity() == null) {
        continue;
      }
      switch (f.severity()) {
        case ERROR:
          e++;
          break;
        case WARNING:
          w++;
          break;
        default:
          i++;
      }
    }
    findingCount = findings.size();
    errors = e;
    warnings = w;
    infos = i;
    mountList = new MountListView(this, rows);
    details = new DetailsView(this);
    stepper = new StepperView(this);
    findingsView = new FindingsView(this, findings);
    requestsView = new RequestsView(this);
    logView = new LogView(this);
    help = new HelpOverlay(this);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Enters the terminal's private mode and draws the first frame. */
  public void start() throws IOException {
    if (started) {
      return;
    }
    started = true;
    screen.startScreen();
    screen.setCursorPosition(null);
    controller.setChangeListener(this::changed);
    fullRedraw = true;
    render();
  }

  /** Leaves private mode (the terminal shows what it showed before). */
  public void stop() throws IOException {
    if (!started) {
      return;
    }
    started = false;
    controller.setChangeListener(() -> {});
    try {
      screen.stopScreen();
    } catch (IOException e) {
      if (!hungUp) {
        throw e;
      }
    }
  }

  /**
   * Handles whatever is pending (resizes, finished actions, model changes, keys) without waiting,
   * and draws a frame if anything changed or a spinner is due. Returns whether anything happened.
   */
  public boolean pump() throws IOException {
    boolean did = false;
    if (screen.doResizeIfNecessary() != null) {
      fullRedraw = true;
      did = true;
    }
    did |= drainEvents();
    for (int n = 0; n < 512 && !finished; n++) {
      KeyStroke key = pollInput();
      if (key == null) {
        break;
      }
      onKey(key);
      drainEvents();
      did = true;
    }
    if (screen.doResizeIfNecessary() != null) {
      fullRedraw = true;
      did = true;
    }
    long now = System.nanoTime();
    boolean tick =
        (busy != null && now - lastRender >= TICK_NANOS)
            || (page == Page.LOG && now - lastRender >= LOG_TICK_NANOS);
    if (did || tick || fullRedraw) {
      render();
    }
    return did;
  }

  private KeyStroke pollInput() throws IOException {
    try {
      return screen.pollInput();
    } catch (IOException e) {
      if (hungUp) {
        return null;
      }
      throw e;
    }
  }

  private boolean drainEvents() {
    boolean did = false;
    Runnable event;
    while ((event = events.poll()) != null) {
      event.run();
      did = true;
    }
    return did;
  }

  /** Waits up to {@code millis} for a finished action or a model change. */
  public void waitForWork(long millis) throws InterruptedException {
    Runnable event = events.poll(millis, TimeUnit.MILLISECONDS);
    if (event != null) {
      events.offerFirst(event);
    }
  }

  /** True once the user quit (and every mount that needed it was parked). */
  public boolean finished() {
    return finished;
  }

  /** True while a controller action runs. */
  public boolean busy() {
    return busy != null;
  }

  /** True when nothing is queued for the UI thread. */
  public boolean idle() {
    return busy == null && events.isEmpty();
  }

  /**
   * The terminal is gone (EOF, SIGHUP): park what needs parking without asking, then finish. Safe
   * to call from any thread.
   */
  public void hangupFromAnyThread() {
    events.offer(this::hangup);
  }

  private void changed() {
    if (changeQueued.compareAndSet(false, true)) {
      events.offer(() -> changeQueued.set(false));
    }
  }

  // ---------------------------------------------------------------- queries for views

  String clean(String s) {
    return Text.clean(s, ascii);
  }

  boolean live() {
    return controller.live();
  }

  Progress progress(String mountId) {
    try {
      return controller.progress(mountId);
    } catch (RuntimeException e) {
      return null;
    }
  }

  StepperSnapshot stepper(String mountId) {
    try {
      return controller.stepper(mountId);
    } catch (RuntimeException e) {
      return null;
    }
  }

  List<KernelRequest> requests() {
    try {
      List<KernelRequest> r = controller.requests();
      return r == null ? List.of() : r;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  List<String> logTail(int lines) {
    try {
      List<String> r = model.logTail(lines);
      return r == null ? List.of() : r;
    } catch (RuntimeException e) {
      return List.of("(cannot read the log: " + describe(e) + ")");
    }
  }

  String mountpointOf(String mountId) {
    MountRow r = rowsById.get(mountId);
    return r == null ? mountId : r.mountpoint();
  }

  String mountIdOf(String mountpoint) {
    return mountpoint == null ? null : idsByMountpoint.get(mountpoint);
  }

  /** The page shown (tests). */
  public Page page() {
    return page;
  }

  // ---------------------------------------------------------------- navigation

  private View view() {
    switch (page) {
      case FINDINGS:
        return findingsView;
      case REQUESTS:
        return requestsView;
      case LOG:
        return logView;
      case DETAILS:
        return details;
      case STEPPER:
        return stepper;
      default:
        return mountList;
    }
  }

  void showPage(Page target) {
    if ((target == Page.DETAILS || target == Page.STEPPER) && openMountId == null) {
      return;
    }
    if (target == Page.DETAILS && !openMountId.equals(detailsMountId)) {
      details.open(openMountId);
      detailsMountId = openMountId;
    }
    if (target == Page.STEPPER) {
      stepper.open(openMountId);
    }
    if (target != page) {
      message("", Role.NORMAL);
    }
    page = target;
  }

  void openMount(String mountId, Page target) {
    if (page != Page.DETAILS && page != Page.STEPPER) {
      returnPage = page;
    }
    openMountId = mountId;
    mountList.selectId(mountId);
    showPage(target);
  }

  void back() {
    page = returnPage;
    message("", Role.NORMAL);
  }

  void message(String text, Role role) {
    message = text == null ? "" : text;
    messageRole = role;
  }

  void openFilterPrompt(String current, Consumer<String> target) {
    prompt = new StringBuilder(current);
    promptBefore = current;
    promptTarget = target;
  }

  // ---------------------------------------------------------------- keys

  /** Handles one key on the UI thread. */
  void onKey(KeyStroke key) {
    if (key.getKeyType() == KeyType.EOF) {
      hangup();
      return;
    }
    if (Keys.isCtrl(key, 'c')) {
      requestQuit();
      return;
    }
    if (dialog != null) {
      Dialog d = dialog;
      if (d.onKey(key) && dialog == d) {
        dialog = null;
      }
      return;
    }
    if (helpOpen) {
      helpOpen = false;
      return;
    }
    if (prompt != null) {
      promptKey(key);
      return;
    }
    if (Keys.isCtrl(key, 'l')) {
      fullRedraw = true;
      return;
    }
    if (Keys.isChar(key, '?') || key.getKeyType() == KeyType.F1) {
      helpOpen = true;
      return;
    }
    if (Keys.isChar(key, 'q')) {
      requestQuit();
      return;
    }
    if (Keys.isChar(key, 'L')) {
      goLive();
      return;
    }
    char c = Keys.typed(key);
    if (c >= '1' && c <= '4') {
      showPage(
          c == '1' ? Page.MOUNTS : c == '2' ? Page.FINDINGS : c == '3' ? Page.REQUESTS : Page.LOG);
      return;
    }
    view().onKey(key);
  }

  private void promptKey(KeyStroke key) {
    KeyType type = key.getKeyType();
    if (type == KeyType.Enter) {
      prompt = null;
      return;
    }
    if (type == KeyType.Escape) {
      prompt = null;
      promptTarget.accept("");
      return;
    }
    if (type == KeyType.Backspace) {
      if (prompt.length() > 0) {
        prompt.setLength(prompt.length() - 1);
        promptTarget.accept(prompt.toString());
      }
      return;
    }
    char c = Keys.typed(key);
    if (c != 0 && prompt.length() < 200) {
      prompt.append(c);
      promptTarget.accept(prompt.toString());
    }
  }

  // ---------------------------------------------------------------- actions

  /** n, s, a or u on the open mount. */
  void stepAction(char which) {
    String id = openMountId;
    if (id == null) {
      message("Open a mount first.", Role.ATTENTION);
      return;
    }
    if (busy != null) {
      message("Wait: " + busy.label() + " is still running.", Role.ATTENTION);
      return;
    }
    String name = mountpointOf(id);
    boolean live = live();
    String label;
    Action action;
    switch (which) {
      case 'n':
        label = (live ? "next step of " : "preview of the next step of ") + name;
        action = () -> controller.nextStep(id);
        break;
      case 's':
        label = (live ? "stage of " : "preview of the stage of ") + name;
        action = () -> controller.runStage(id);
        break;
      case 'a':
        label = (live ? "all stages of " : "preview of all stages of ") + name;
        action = () -> controller.runAll(id);
        break;
      default:
        label = "undo of " + name;
        action = () -> controller.undo(id);
        break;
    }
    Runnable go = () -> launchStep(id, label, action);
    if (live && !liveConfirmed) {
      StepView next = StepperView.nextStep(stepper(id));
      List<String> text = new ArrayList<>();
      text.add(
          "This session is LIVE: steps run real system calls as root"
              + where()
              + ". Nothing has run yet.");
      if (which == 'u') {
        text.add("Undo unmounts what this session mounted for " + name + ", newest first.");
      } else if (next != null) {
        text.add("Next: " + next.call());
      }
      text.add("Run it? (asked once per session)");
      dialog =
          new Dialog(
              "Run for real?",
              text,
              false,
              () -> {
                liveConfirmed = true;
                go.run();
              },
              () -> message("Nothing was run.", Role.NORMAL));
      return;
    }
    if (live && which == 'u') {
      dialog =
          new Dialog(
              "Undo?",
              List.of("Unmount what this session mounted for " + name + ", newest first?"),
              false,
              go,
              () -> message("Nothing was undone.", Role.NORMAL));
      return;
    }
    go.run();
  }

  private String where() {
    String root = session.restoreRoot() == null ? "" : session.restoreRoot();
    return session.sandbox()
        ? " inside the sandbox (a private mount namespace on a fresh tmpfs root " + root + ")"
        : root.isEmpty() ? " on this machine" : " on this machine, under " + root;
  }

  private void launchStep(String id, String label, Action action) {
    StepperSnapshot before = stepper(id);
    stepper.follow();
    launch(
        label,
        action,
        () -> {
          stepper.follow();
          reportStep(before, stepper(id));
        },
        error -> stepper.follow());
  }

  private void reportStep(StepperSnapshot before, StepperSnapshot after) {
    List<StepView> a = steps(before);
    List<StepView> b = steps(after);
    StepView changed = null;
    for (int i = 0; i < b.size(); i++) {
      StepStatus was = i < a.size() ? a.get(i).status() : null;
      if (b.get(i).status() != was) {
        changed = b.get(i);
      }
    }
    if (changed == null) {
      message(
          StepperView.nextStep(after) == null
              ? "Nothing left to run for this mount."
              : "No step changed.",
          Role.NORMAL);
      return;
    }
    String answer =
        changed.answer() == null || changed.answer().isEmpty() ? "" : "  " + changed.answer();
    switch (changed.status()) {
      case FAILED:
        message("FAILED " + changed.call() + answer, Role.MESSAGE_ERROR);
        break;
      case PREVIEWED:
        message("previewed " + changed.call(), Role.STATUS_PREVIEWED);
        break;
      case UNDONE:
        message("undone " + changed.call() + answer, Role.STATUS_UNDONE);
        break;
      default:
        message(changed.status().name() + " " + changed.call() + answer, Role.MESSAGE_OK);
    }
  }

  private static List<StepView> steps(StepperSnapshot s) {
    List<StepView> out = new ArrayList<>();
    if (s != null && s.stages() != null) {
      for (StageView stage : s.stages()) {
        out.addAll(stage.steps());
      }
    }
    return out;
  }

  void answer(KernelRequest r, RequestAnswer answer) {
    launch(
        "answer " + answer + " to " + r.name() + " (pid " + r.pid() + ")",
        () -> controller.answer(r.id(), answer),
        () ->
            message(
                "Sent " + answer + " for '" + r.name() + "' (pid " + r.pid() + ").",
                answer == RequestAnswer.FAIL ? Role.NORMAL : Role.MESSAGE_OK),
        error -> {});
  }

  private void goLive() {
    if (live()) {
      message("Already LIVE.", Role.ATTENTION);
      return;
    }
    LiveAvailability availability;
    try {
      availability = controller.liveAvailability();
    } catch (RuntimeException e) {
      availability = LiveAvailability.no(describe(e));
    }
    if (availability == null || !availability.possible()) {
      message(
          "Cannot go live: " + (availability == null ? "unknown" : availability.reason()),
          Role.MESSAGE_ERROR);
      return;
    }
    dialog =
        new Dialog(
            "Go LIVE?",
            List.of(
                "From now on n, s, a and u run real system calls as root" + where() + ".",
                "The banner turns red and says LIVE. Go live?"),
            false,
            () ->
                launch(
                    "going live",
                    controller::goLive,
                    () -> {
                      liveConfirmed = true;
                      message("LIVE: steps now run for real.", Role.MESSAGE_ERROR);
                    },
                    error -> {}),
            () -> message("Still a dry run.", Role.NORMAL));
  }

  private void launch(
      String label, Action action, Runnable onSuccess, Consumer<Throwable> onFailure) {
    if (busy != null) {
      message("Wait: " + busy.label() + " is still running.", Role.ATTENTION);
      return;
    }
    Busy b = new Busy(label, System.nanoTime());
    busy = b;
    message("", Role.NORMAL);
    try {
      worker.execute(
          () -> {
            busyThread = Thread.currentThread();
            Throwable error = null;
            try {
              action.run();
            } catch (Exception | LinkageError | AssertionError e) {
              error = e;
            } finally {
              busyThread = null;
              Thread.interrupted();
            }
            Throwable failure = error;
            events.offer(() -> complete(b, failure, onSuccess, onFailure));
          });
    } catch (RejectedExecutionException e) {
      busy = null;
      message("Cannot run " + label + ": " + describe(e), Role.MESSAGE_ERROR);
    }
  }

  private void complete(
      Busy b, Throwable error, Runnable onSuccess, Consumer<Throwable> onFailure) {
    if (busy == b) {
      busy = null;
    }
    if (error == null) {
      onSuccess.run();
    } else {
      message(b.label() + " failed: " + describe(error), Role.MESSAGE_ERROR);
      onFailure.accept(error);
    }
    if (quitting && !finished && busy == null) {
      quitting = false;
      proceedQuit(true);
    }
  }

  private void interruptBusy() {
    Thread t = busyThread;
    if (t != null) {
      t.interrupt();
    }
  }

  // ---------------------------------------------------------------- quitting

  private void requestQuit() {
    if (finished) {
      return;
    }
    if (dialog != null && dialog.quitQuestion) {
      return;
    }
    helpOpen = false;
    prompt = null;
    if (quitting) {
      interruptBusy();
      message(
          "Quitting: waiting for " + (busy == null ? "the step" : busy.label()) + " to end.",
          Role.ATTENTION);
      return;
    }
    if (busy != null) {
      dialog =
          new Dialog(
              "Quit?",
              List.of(
                  "A step is still running: " + busy.label() + ".",
                  "Interrupt it and quit? Mounts this session has not handed over are parked"
                      + " first (made catatonic: accesses fail fast)."),
              true,
              () -> {
                if (busy == null) {
                  proceedQuit(true);
                } else {
                  quitting = true;
                  interruptBusy();
                  message("Quitting: waiting for " + busy.label() + " to end.", Role.ATTENTION);
                }
              },
              () -> message("Not quitting.", Role.NORMAL));
      return;
    }
    proceedQuit(false);
  }

  private void proceedQuit(boolean confirmed) {
    List<String> open;
    try {
      open = controller.mountedNotHandedOver();
    } catch (RuntimeException e) {
      open = List.of("(unknown: " + describe(e) + ")");
    }
    if (open == null || open.isEmpty()) {
      finished = true;
      return;
    }
    if (confirmed || hungUp) {
      parkAndQuit();
      return;
    }
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < open.size() && i < 5; i++) {
      list.append(i == 0 ? "" : ", ").append(open.get(i));
    }
    if (open.size() > 5) {
      list.append(" and ").append(open.size() - 5).append(" more");
    }
    dialog =
        new Dialog(
            "Quit?",
            List.of(
                open.size()
                    + (open.size() == 1 ? " mount is" : " mounts are")
                    + " mounted and not handed over: "
                    + list
                    + ".",
                "Park them (make them catatonic, so accesses fail fast instead of hanging) and"
                    + " quit?"),
            true,
            this::parkAndQuit,
            () -> message("Not quitting.", Role.NORMAL));
  }

  private void parkAndQuit() {
    launch(
        "parking the mounts not handed over",
        controller::parkAll,
        () -> finished = true,
        error -> {
          if (hungUp) {
            finished = true;
          } else {
            message("Parking failed: " + describe(error) + " (q tries again).", Role.MESSAGE_ERROR);
          }
        });
  }

  private void hangup() {
    hungUp = true;
    dialog = null;
    if (busy != null) {
      quitting = true;
      interruptBusy();
    } else {
      proceedQuit(true);
    }
  }

  static String describe(Throwable t) {
    if (t instanceof InterruptedException) {
      return "interrupted";
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  // ---------------------------------------------------------------- drawing

  private void render() throws IOException {
    TerminalSize size = screen.getTerminalSize();
    int width = size.getColumns();
    int height = size.getRows();
    View shown = view();
    if (fullRedraw
        || shown != lastDrawnView
        || helpOpen
        || dialog != null
        || height < 7
        || width < 24) {
      shown.forgetDrawn();
    } else {
      int[] hint = shown.scrollHint(3, height - 5, width);
      if (hint != null) {
        // Terminals fill the lines a scroll uncovers with the current background color (xterm's
        // "bce"); the screen believes they are blank in the default colors, so reset first.
        screen.getTerminal().resetColorAndSGR();
        screen.scrollLines(hint[0], hint[1], hint[2]);
      }
    }
    lastDrawnView = shown;
    Canvas c = new Canvas(screen.newTextGraphics(), width, height, theme, glyphs, ascii);
    c.clear();
    TerminalPosition cursor = null;
    if (height < 7 || width < 24) {
      drawBanner(c);
      if (dialog != null) {
        dialog.render(c, 1, Math.max(1, height - 1));
      } else {
        c.put(0, 1, "Too small (" + width + "x" + height + ")", Role.ATTENTION);
        c.put(0, 2, "Needs 80x24; q quits.", Role.DIM);
      }
    } else {
      drawBanner(c);
      drawSummary(c, 1);
      drawTabs(c, 2);
      int top = 3;
      int bodyRows = height - 5;
      try {
        view().render(c, top, bodyRows);
      } catch (RuntimeException e) {
        c.put(0, top, "Cannot draw this page: " + describe(e), Role.ERROR);
      }
      if (helpOpen) {
        help.render(c, top, bodyRows);
      }
      if (dialog != null) {
        dialog.render(c, top, bodyRows);
      }
      cursor = drawMessage(c, height - 2);
      drawHints(c, height - 1);
    }
    screen.setCursorPosition(cursor);
    try {
      screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    } catch (IOException e) {
      if (!hungUp) {
        throw e;
      }
    }
    fullRedraw = false;
    lastRender = System.nanoTime();
  }

  private void drawBanner(Canvas c) {
    boolean live = live();
    int x =
        c.put(0, 0, live ? " LIVE " : " DRY RUN ", live ? Role.BANNER_LIVE : Role.BANNER_DRY_RUN);
    if (session.sandbox()) {
      x = c.put(x + 1, 0, " SANDBOX ", Role.BANNER_SANDBOX);
    }
    x = c.put(x, 0, "  autofs-restore", Role.TITLE);
    x = c.put(x, 0, "  dump ", Role.DIM);
    String dir = c.clean(session.dumpDirectory());
    c.put(x, 0, Text.fitTail(dir, Math.max(0, c.width - x), c.ellipsis()), Role.NORMAL);
  }

  private void drawSummary(Canvas c, int row) {
    int x =
        c.put(
            0,
            row,
            rows.size() + (rows.size() == 1 ? " autofs mount" : " autofs mounts"),
            Role.NORMAL);
    x = c.put(x, row, "  " + glyphs.dot + "  ", Role.DIM);
    x =
        c.put(
            x,
            row,
            errors + (errors == 1 ? " error" : " errors"),
            errors > 0 ? Role.ERROR : Role.DIM);
    x = c.put(x, row, ", ", Role.DIM);
    x =
        c.put(
            x,
            row,
            warnings + (warnings == 1 ? " warning" : " warnings"),
            warnings > 0 ? Role.WARNING : Role.DIM);
    x = c.put(x, row, ", ", Role.DIM);
    x = c.put(x, row, infos + " info", infos > 0 ? Role.INFO : Role.DIM);
    x = c.put(x, row, "  " + glyphs.dot + "  owner ", Role.DIM);
    x =
        c.put(
            x,
            row,
            session.ownerMode() == null
                ? "-"
                : session.ownerMode().name().toLowerCase(java.util.Locale.ROOT),
            Role.NORMAL);
    if (session.restoreRoot() != null && !session.restoreRoot().isEmpty()) {
      x = c.put(x, row, "  root ", Role.DIM);
      c.put(x, row, session.restoreRoot(), Role.NORMAL);
    }
  }

  private void drawTabs(Canvas c, int row) {
    Page top = page == Page.DETAILS || page == Page.STEPPER ? Page.MOUNTS : page;
    int waiting = 0;
    List<KernelRequest> requests = requests();
    for (KernelRequest r : requests) {
      if (r.state() == RequestState.WAITING) {
        waiting++;
      }
    }
    String[] labels = {
      " 1 Mounts ",
      " 2 Findings " + findingCount + " ",
      waiting > 0 ? " 3 Requests " + waiting + " waiting " : " 3 Requests ",
      " 4 Log "
    };
    Page[] pages = {Page.MOUNTS, Page.FINDINGS, Page.REQUESTS, Page.LOG};
    int x = 0;
    for (int i = 0; i < labels.length; i++) {
      Role role =
          pages[i] == top
              ? Role.TAB_ACTIVE
              : pages[i] == Page.REQUESTS && waiting > 0 ? Role.ATTENTION : Role.TAB;
      x = c.put(x, row, labels[i], role);
      x = c.put(x, row, " ", Role.NORMAL);
    }
    if (page == Page.DETAILS || page == Page.STEPPER) {
      x = c.put(x, row, glyphs.marker + " ", Role.DIM);
      x = c.put(x, row, " Details ", page == Page.DETAILS ? Role.TAB_ACTIVE : Role.TAB);
      c.put(x + 1, row, " Stepper ", page == Page.STEPPER ? Role.TAB_ACTIVE : Role.TAB);
    } else if (page == Page.MOUNTS && !mountList.filter().isEmpty()) {
      c.put(
          x + 1,
          row,
          "/" + mountList.filter() + ": " + mountList.matchCount() + " of " + rows.size(),
          Role.ATTENTION);
    } else if (page == Page.FINDINGS && !findingsView.filter().isEmpty()) {
      c.put(x + 1, row, "/" + findingsView.filter(), Role.ATTENTION);
    }
  }

  private TerminalPosition drawMessage(Canvas c, int row) {
    if (prompt != null) {
      int x = c.put(0, row, "Filter: ", Role.KEY);
      String text = c.clean(prompt.toString());
      String shown = Text.fitTail(text, Math.max(1, c.width - x - 30), c.ellipsis());
      int end = c.put(x, row, shown, Role.NORMAL);
      c.put(end + 2, row, "Enter keeps, Esc clears", Role.DIM);
      return new TerminalPosition(Math.min(end, c.width - 1), row);
    }
    if (busy != null) {
      long elapsed = System.nanoTime() - busy.startNanos();
      String spin = glyphs.spinner[(int) ((elapsed / TICK_NANOS) % glyphs.spinner.length)];
      String seconds = String.format(java.util.Locale.ROOT, "%.1fs", elapsed / 1e9);
      int x = c.put(0, row, spin + " ", Role.STATUS_RUNNING);
      x = c.put(x, row, busy.label() + "  " + seconds, Role.STATUS_RUNNING);
      c.put(x, row, quitting ? "  (quitting after it)" : "  (q interrupts)", Role.DIM);
      return null;
    }
    if (!message.isEmpty()) {
      c.put(0, row, message, messageRole);
    } else if (c.width < 80 || c.height < 24) {
      c.put(
          0,
          row,
          "Terminal " + c.width + "x" + c.height + ": 80x24 or more shows everything.",
          Role.DIM);
    }
    return null;
  }

  private void drawHints(Canvas c, int row) {
    List<String[]> hints;
    if (dialog != null) {
      hints = List.of(new String[] {"y", "yes"}, new String[] {"n/Esc", "no"});
    } else if (helpOpen) {
      hints = List.<String[]>of(new String[] {"any key", "closes the help"});
    } else if (prompt != null) {
      hints = List.of(new String[] {"Enter", "keep filter"}, new String[] {"Esc", "clear"});
    } else {
      hints = view().hints();
    }
    int x = 0;
    for (String[] h : hints) {
      if (x >= c.width) {
        break;
      }
      x = c.put(x, row, h[0], Role.KEY);
      x = c.put(x, row, " " + h[1] + "  ", Role.DIM);
    }
  }
}
