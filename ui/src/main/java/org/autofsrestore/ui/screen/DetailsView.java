package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.autofsrestore.ui.model.DecodedOption;
import org.autofsrestore.ui.model.DumpValue;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.LiveMountState;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.MountDetails;
import org.autofsrestore.ui.model.OwnerProcess;
import org.autofsrestore.ui.model.PipeEnds;

/**
 * One mount: what the live host has at its target beside the dump's values (when the session shows
 * a live host), raw and decoded options, the two dump sources side by side, owner, and the findings
 * of the dump and of the live host.
 */
final class DetailsView extends View {
  private final Pane pane = new Pane();
  private MountDetails details;
  private String shownMountId;
  private String error;
  private List<Line> lines;
  private int linesWidth = -1;
  private int linesLive = -1;
  private boolean linesReading;

  private final KeyMap keys;

  DetailsView(ViewContext ctx) {
    super(ctx);
    keys =
        new KeyMap()
            .bindMovements(pane::move)
            .bind(
                Command.SWITCH,
                () -> ctx.showPage(ScreenApp.Page.STEPPER),
                Key.special(KeyType.Tab),
                Key.typed('r'))
            .bind(
                Command.BACK,
                ctx::back,
                Key.special(KeyType.Escape),
                Key.special(KeyType.Backspace));
    bindSteps(
        keys,
        kind -> {
          ctx.showPage(ScreenApp.Page.STEPPER);
          ctx.step(kind);
        });
  }

  @Override
  String tabTitle() {
    return "Details";
  }

  /** Opens the mount, unless it shows already (then where it was scrolled to stays). */
  @Override
  void showMount(String mountId) {
    if (!mountId.equals(shownMountId)) {
      open(mountId);
      shownMountId = mountId;
    }
  }

  private void open(String mountId) {
    pane.reset();
    lines = null;
    error = null;
    details = null;
    try {
      details = ctx.details(mountId);
      if (details == null) {
        error = "No details for this mount.";
      }
    } catch (RuntimeException e) {
      error = "Could not read this mount's details: " + ErrorText.describe(e);
    }
  }

  /** The lines as they would be drawn at this width (tests use the text). */
  List<Line> lines(int width) {
    if (lines == null
        || linesWidth != width
        || linesLive != ctx.liveVersion()
        || linesReading != ctx.liveReading()) {
      lines = build(width);
      linesWidth = width;
      linesLive = ctx.liveVersion();
      linesReading = ctx.liveReading();
    }
    return lines;
  }

  private List<Line> build(int width) {
    Lines b = new Lines(width - 1, ctx.ascii(), ctx.glyphs().ellipsis);
    if (details == null) {
      b.add(Line.of(error == null ? "" : error, Role.ERROR));
      return b.lines;
    }
    MountDetails d = details;
    b.add(
        new Line()
            .add(d.mountpoint(), Role.TITLE)
            .add("  " + Labels.mode(d.mode()), Role.NORMAL)
            .add("  source ", Role.DIM)
            .add(d.source(), Role.NORMAL)
            .add("  image ", Role.DIM)
            .add(d.imageName(), Role.NORMAL));
    LiveSnapshot live = ctx.liveSnapshot();
    LiveMountState here = live == null ? null : live.of(d.id()).orElse(null);
    if (ctx.hasLiveHost()) {
      b.blank();
      String target = ctx.session().restoreRoot() == null ? d.mountpoint() : join(d.mountpoint());
      LiveSection.add(b, ctx.glyphs(), target, live, here, ctx.liveReading());
    }
    b.blank().heading("Options (raw)");
    b.wrapped("  ", Role.NORMAL, d.rawOptions(), Role.CALL);
    b.blank().heading("Decoded options");
    List<DecodedOption> options = d.options() == null ? List.of() : d.options();
    if (options.isEmpty()) {
      b.add(Line.of("  (none)", Role.DIM));
    } else {
      List<String[]> rows = new ArrayList<>();
      List<Role[]> roles = new ArrayList<>();
      for (DecodedOption o : options) {
        rows.add(new String[] {o.name(), o.value(), o.note()});
        boolean noted = o.note() != null && !o.note().isEmpty();
        roles.add(new Role[] {Role.NORMAL, Role.NORMAL, noted ? Role.WARNING : Role.NORMAL});
      }
      b.table("  ", new String[] {"NAME", "VALUE", "NOTE"}, rows, roles, new int[] {16, 24, 0});
    }
    b.blank().heading("Dump values: mount options vs " + nonEmpty(d.imageName(), "autofs image"));
    List<DumpValue> values = d.dumpValues() == null ? List.of() : d.dumpValues();
    if (values.isEmpty()) {
      b.add(Line.of("  (none)", Role.DIM));
    } else {
      List<String[]> rows = new ArrayList<>();
      List<Role[]> roles = new ArrayList<>();
      for (DumpValue v : values) {
        rows.add(
            new String[] {
              v.field(),
              nonEmpty(v.fromOptions(), "-"),
              nonEmpty(v.fromImage(), "-"),
              v.differs() ? ctx.glyphs().differs + " differs" : ""
            });
        Role r = v.differs() ? Role.WARNING : Role.NORMAL;
        roles.add(new Role[] {r, r, r, Role.WARNING});
      }
      b.table(
          "  ",
          new String[] {"FIELD", "MOUNT OPTIONS", nonEmpty(d.imageName(), "IMAGE"), ""},
          rows,
          roles,
          new int[] {14, 24, 24, 0});
    }
    b.blank().heading("Owner and pipe");
    if (d.owner() != null && d.owner().isPresent()) {
      OwnerProcess o = d.owner().get();
      b.add(
          new Line()
              .add("  pid ", Role.DIM)
              .add(Integer.toString(o.pid()), Role.NORMAL)
              .add("  ppid ", Role.DIM)
              .add(Integer.toString(o.ppid()), Role.NORMAL)
              .add("  pgid ", Role.DIM)
              .add(Integer.toString(o.pgid()), Role.NORMAL)
              .add("  sid ", Role.DIM)
              .add(Integer.toString(o.sid()), Role.NORMAL)
              .add("  comm ", Role.DIM)
              .add(o.comm(), Role.TITLE));
    }
    if (d.pipe() != null && d.pipe().isPresent()) {
      PipeEnds p = d.pipe().get();
      b.add(
          new Line()
              .add("  read end ", Role.DIM)
              .add(fd(p.readFd(), "unknown"), Role.NORMAL)
              .add("  write end ", Role.DIM)
              .add(
                  fd(p.writeFd(), "closed"), p.writeFd().isPresent() ? Role.NORMAL : Role.ATTENTION)
              .add("  pipe_fd ", Role.DIM)
              .add(
                  p.pipeFd() != null && p.pipeFd().isPresent()
                      ? Integer.toString(p.pipeFd().getAsInt())
                      : "unresolved",
                  Role.NORMAL)
              .add("  pipe inode ", Role.DIM)
              .add(p.pipeInode() < 0 ? "-1 (none)" : Long.toString(p.pipeInode()), Role.NORMAL));
    }
    if (d.ownerNote() != null && !d.ownerNote().isEmpty()) {
      b.wrapped("  ", Role.NORMAL, d.ownerNote(), Role.ATTENTION);
    } else if ((d.owner() == null || d.owner().isEmpty())
        && (d.pipe() == null || d.pipe().isEmpty())) {
      b.add(Line.of("  (no owner resolved)", Role.DIM));
    }
    List<Finding> findings = new ArrayList<>(d.findings() == null ? List.of() : d.findings());
    if (here != null) {
      findings.addAll(here.findings());
    }
    b.blank().heading("Findings (" + findings.size() + ")");
    if (findings.isEmpty()) {
      b.add(Line.of("  none: nothing known to stop a restore", Role.GOOD));
    }
    for (Finding f : findings) {
      b.add(
          new Line()
              .add(
                  "  " + Text.pad(Labels.severity(f.severity()), 8, ""),
                  Labels.severityRole(f.severity()))
              .add(f.code(), Role.TITLE)
              .add(f.fromLive() ? "  live, read " + live.readAt() : "", Role.DIM));
      b.wrapped("           ", Role.NORMAL, f.message(), Role.NORMAL);
      b.wrapped("           " + ctx.glyphs().arrow + " ", Role.KEY, f.action(), Role.NORMAL);
    }
    return b.lines;
  }

  /** The session's root joined with a dump mount point, as the live host is looked at. */
  private String join(String mountpoint) {
    String root = ctx.session().restoreRoot();
    if (root.isEmpty() || root.equals("/")) {
      return mountpoint;
    }
    return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + mountpoint;
  }

  private static String fd(OptionalInt fd, String absent) {
    return fd != null && fd.isPresent() ? "fd " + fd.getAsInt() : absent;
  }

  private static String nonEmpty(String s, String otherwise) {
    return s == null || s.isEmpty() ? otherwise : s;
  }

  @Override
  void render(Canvas c, int top, int rows) {
    pane.render(c, lines(c.width), top, rows);
  }

  @Override
  int[] scrollHint(int top, int rows, int width) {
    return pane.scrollHint(top, rows, width);
  }

  @Override
  void forgetDrawn() {
    pane.forgetDrawn();
  }

  @Override
  KeyMap keys() {
    return keys;
  }

  @Override
  List<Hint> hints() {
    return List.of(
        Hint.of(ctx.glyphs().upDown, "scroll", Command.MOVE),
        Hint.of("Tab", "stepper", Command.SWITCH),
        Hint.of("n/s/a", "run", Command.NEXT, Command.STAGE, Command.ALL),
        Hint.of("Esc", "back", Command.BACK),
        Hint.of("?", "help", Command.HELP),
        Hint.of("q", "quit", Command.QUIT));
  }
}
