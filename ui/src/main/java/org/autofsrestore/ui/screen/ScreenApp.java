package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.autofsrestore.ui.Ticker;
import org.autofsrestore.ui.UiOptions;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.RestoreController;
import org.autofsrestore.ui.model.SessionInfo;

/**
 * The UI's engine: the pages and what overlays them, key dispatch, the event queue, and the frame
 * loop over a Lanterna {@link TerminalScreen}. Every frame is drawn whole into the screen's back
 * buffer; {@link Screen#refresh(Screen.RefreshType)} with {@code DELTA} then sends only the cells
 * that changed. Internal: use {@link org.autofsrestore.ui.TerminalUi}.
 */
public final class ScreenApp {

  /**
   * The pages, registered here and nowhere else: each with its {@link Placement} (a tab with its
   * key and help line, below the first tab, or a page of the open mount) and how its {@link View}
   * is made. The tabs, their keys, the help's lines for them, the footer's "1-4" and navigation
   * read this list; docs/DESIGN.md says how to add a page.
   */
  public enum Page {
    MOUNTS(Placement.tab('1', "mounts"), MountListView::new),
    LIVE_HOST(Placement.belowFirstTab(), LiveHostView::new),
    FINDINGS(Placement.tab('2', "findings"), FindingsView::new),
    REQUESTS(Placement.tab('3', "requests (hold)"), RequestsView::new),
    LOG(Placement.tab('4', "log"), LogView::new),
    DETAILS(Placement.mountPage(), DetailsView::new),
    STEPPER(Placement.mountPage(), StepperView::new);

    final Placement placement;
    private final Function<ViewContext, View> make;

    Page(Placement placement, Function<ViewContext, View> make) {
      this.placement = placement;
      this.make = make;
    }

    /** The pages with a tab, in the order of their tabs. */
    static List<Page> tabs() {
      return Stream.of(values()).filter(p -> p.placement.hasTab()).toList();
    }

    /** The tab keys as the footer shows them: the first and the last ("1-4"). */
    static String tabKeyRange() {
      List<Page> tabs = tabs();
      return tabs.get(0).placement.tabKey() + "-" + tabs.get(tabs.size() - 1).placement.tabKey();
    }
  }

  private final ScreenData data;
  private final SessionInfo session;
  private final Glyphs glyphs;
  private final boolean ascii;
  private final Theme theme;
  private final TerminalScreen screen;
  private final Ticker ticker;
  private final LinkedBlockingDeque<Runnable> events = new LinkedBlockingDeque<>();
  private final AtomicBoolean changeQueued = new AtomicBoolean();

  private final MessageLine messages = new MessageLine();
  private final ActionRunner runner;
  private final QuitFlow quit;
  private final ControllerActions actions;
  private final KeyMap everyPage;
  private final Header header;
  private final Footer footer;

  private final LiveReader liveReader;
  private final ViewContext context;
  private final Map<Page, View> views = new EnumMap<>(Page.class);
  private final HelpOverlay help;

  private final Navigation navigation;
  private boolean helpOpen;
  private Dialog dialog;
  private FilterPrompt prompt;

  private View lastDrawnView;
  private boolean started;
  private boolean fullRedraw = true;
  private long lastRender;

  public ScreenApp(
      Terminal terminal,
      DumpModel model,
      RestoreController controller,
      UiOptions options,
      Executor worker,
      Ticker ticker)
      throws IOException {
    this(terminal, model, controller, options, worker, worker, ticker);
  }

  /**
   * As above, reading the live host on {@code liveReader} (its reads must not wait behind a step
   * that blocks on the worker).
   */
  public ScreenApp(
      Terminal terminal,
      DumpModel model,
      RestoreController controller,
      UiOptions options,
      Executor worker,
      Executor liveReader,
      Ticker ticker)
      throws IOException {
    this.data = new ScreenData(model, controller);
    this.session = model.session();
    this.ascii = options.ascii();
    this.glyphs = Glyphs.of(ascii);
    this.theme = Theme.of(options.noColor());
    this.screen = new TerminalScreen(terminal);
    this.ticker = ticker;
    this.runner = new ActionRunner(worker, events::offer, ticker, messages);
    this.quit = new QuitFlow(runner, messages, new QuitHost());
    this.navigation = new Navigation(messages);
    this.actions =
        new ControllerActions(data, session, runner, messages, this::ask, this::stepStarted);
    this.liveReader =
        data.liveHost
            .map(h -> new LiveReader(h, liveReader, events::offer, this::liveRead))
            .orElse(null);
    this.context =
        new ScreenContext(
            glyphs,
            ascii,
            session,
            data,
            navigation,
            messages,
            actions,
            p -> prompt = p,
            this.liveReader);
    for (Page page : Page.values()) {
      views.put(page, page.make.apply(context));
    }
    navigation.attach(views);
    help = new HelpOverlay(glyphs, session.logFile());
    header = new Header(data, session);
    footer = new Footer(messages, runner, ticker);
    everyPage = bindSharedKeys();
    // A live step changes the host: read it again after each action of a live run.
    runner.afterEach(
        () -> {
          if (this.liveReader != null && data.live()) {
            this.liveReader.request();
          }
        });
  }

  /** A read of the live host came back (UI thread). */
  private void liveRead(LiveSnapshot snapshot) {
    data.liveSnapshot(snapshot);
    views.values().forEach(View::liveRead);
  }

  /** The keys every page shares (the tabs' keys among them); a page's own keys come after them. */
  private KeyMap bindSharedKeys() {
    KeyMap keys =
        new KeyMap()
            .bind(Command.REDRAW, () -> fullRedraw = true, Key.ctrl('l'))
            .bind(Command.HELP, () -> helpOpen = true, Key.typed('?'), Key.special(KeyType.F1))
            .bind(Command.QUIT, quit::quitRequested, Key.typed('q'), Key.ctrl('c'))
            .bind(Command.LIVE, actions::goLive, Key.typed('L'))
            .bind(Command.UNFINISHED, () -> actions.offerUnfinished(false), Key.typed('J'))
            .bind(Command.REREAD, context::rereadLive, Key.typed('R'));
    for (Page page : Page.tabs()) {
      keys.bind(Command.TABS, () -> navigation.show(page), Key.typed(page.placement.tabKey()));
    }
    return keys;
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
    data.controller.setChangeListener(this::changed);
    actions.offerUnfinished(true);
    if (liveReader != null) {
      liveReader.request();
    }
    fullRedraw = true;
    render();
  }

  /** Leaves private mode (the terminal shows what it showed before). */
  public void stop() throws IOException {
    if (!started) {
      return;
    }
    started = false;
    data.controller.setChangeListener(() -> {});
    try {
      screen.stopScreen();
    } catch (IOException e) {
      if (!quit.hungUp()) {
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
    for (int n = 0; n < 512 && !quit.finished(); n++) {
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
    long sinceRender = ticker.nanoTime() - lastRender;
    long every = view().redrawEveryNanos();
    boolean tick =
        (runner.busy() && sinceRender >= Footer.SPINNER_NANOS)
            || (every > 0 && sinceRender >= every);
    if (did || tick || fullRedraw) {
      render();
    }
    return did;
  }

  private KeyStroke pollInput() throws IOException {
    try {
      return screen.pollInput();
    } catch (IOException e) {
      if (quit.hungUp()) {
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
    return quit.finished();
  }

  /** True while a controller action runs. */
  public boolean busy() {
    return runner.busy();
  }

  /** True when nothing is queued for the UI thread. */
  public boolean idle() {
    return !runner.busy() && events.isEmpty();
  }

  /**
   * The terminal is gone (EOF, SIGHUP): park what needs parking without asking, then finish. Safe
   * to call from any thread.
   */
  public void hangupFromAnyThread() {
    events.offer(quit::hungUpNow);
  }

  private void changed() {
    if (changeQueued.compareAndSet(false, true)) {
      events.offer(() -> changeQueued.set(false));
    }
  }

  /** The page shown (tests). */
  public Page page() {
    return navigation.page();
  }

  // ---------------------------------------------------------------- pages and keys

  private View view() {
    return views.get(navigation.page());
  }

  private void ask(Dialog question) {
    dialog = question;
  }

  private void stepStarted() {
    views.values().forEach(View::stepStarted);
  }

  /**
   * Handles one key on the UI thread. End of input and Ctrl-C come first whatever is shown; then an
   * open question, the help or the prompt takes the key; then the keys every page shares; then the
   * page's own.
   */
  void onKey(KeyStroke key) {
    if (key.getKeyType() == KeyType.EOF) {
      quit.hungUpNow();
      return;
    }
    if (Keys.isCtrl(key, 'c')) {
      quit.quitRequested();
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
      if (!prompt.onKey(key)) {
        prompt = null;
      }
      return;
    }
    if (!everyPage.dispatch(key)) {
      view().keys().dispatch(key);
    }
  }

  /** The keys every page shares (tests). */
  KeyMap sharedKeys() {
    return everyPage;
  }

  /** Every page (tests). */
  List<View> views() {
    return List.copyOf(views.values());
  }

  // ---------------------------------------------------------------- drawing

  private void render() throws IOException {
    TerminalSize size = screen.getTerminalSize();
    int width = size.getColumns();
    int height = size.getRows();
    boolean tooSmall = height < 7 || width < 24;
    View shown = view();
    if (fullRedraw || shown != lastDrawnView || helpOpen || dialog != null || tooSmall) {
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
    header.drawBanner(c);
    if (tooSmall) {
      if (dialog != null) {
        dialog.render(c, 1, Math.max(1, height - 1));
      } else {
        c.put(0, 1, "Too small (" + width + "x" + height + ")", Role.ATTENTION);
        c.put(0, 2, "Needs 80x24; q quits.", Role.DIM);
      }
    } else {
      header.drawSummary(c, 1);
      header.drawTabs(c, 2, navigation.page(), views);
      int top = 3;
      int bodyRows = height - 5;
      try {
        shown.render(c, top, bodyRows);
      } catch (RuntimeException e) {
        c.put(0, top, "Cannot draw this page: " + ErrorText.describe(e), Role.ERROR);
      }
      if (helpOpen) {
        help.render(c, top, bodyRows);
      }
      if (dialog != null) {
        dialog.render(c, top, bodyRows);
      }
      boolean quitting = quit.state() instanceof QuitFlow.AwaitingStep;
      cursor = footer.drawMessage(c, height - 2, prompt, quitting);
      footer.drawHints(c, height - 1, dialog, helpOpen, prompt != null, shown);
    }
    screen.setCursorPosition(cursor);
    try {
      screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    } catch (IOException e) {
      if (!quit.hungUp()) {
        throw e;
      }
    }
    fullRedraw = false;
    lastRender = ticker.nanoTime();
  }

  /** What the quit flow sees of the screen. */
  private final class QuitHost implements QuitFlow.Host {
    @Override
    public void closeOverlays() {
      helpOpen = false;
      prompt = null;
    }

    @Override
    public void ask(Dialog question) {
      dialog = question;
    }

    @Override
    public void dropQuestion() {
      dialog = null;
    }

    @Override
    public List<String> mountedNotHandedOver() {
      return data.mountedNotHandedOver();
    }

    @Override
    public void parkAll() throws Exception {
      data.controller.parkAll();
    }
  }
}
