package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.OwnerMode;
import org.autofsrestore.ui.model.RequestAnswer;
import org.autofsrestore.ui.model.RequestState;

/** Kernel requests on the pipes this program holds (owner hold), answered FAIL or READY. */
final class RequestsView extends View {
  private static final Table COLUMNS =
      Table.of(
              Table.Highlight.LINE,
              Table.Column.left("TIME"),
              Table.Column.left("PID"),
              Table.Column.left("UID"),
              Table.Column.path("MOUNT"),
              Table.Column.left("STATE"),
              Table.Column.rest("NAME"))
          .widths(12, 7, 6, 24, 10, Table.FILL);

  private final ListCursor cursor = new ListCursor();
  private long selectedId = Long.MIN_VALUE;
  private List<KernelRequest> shown = List.of();

  private final KeyMap keys;

  RequestsView(ViewContext ctx) {
    super(ctx);
    // Each key acts on the requests as they are now, not as they were last drawn.
    keys =
        new KeyMap()
            .bindMovements(
                m -> {
                  refresh();
                  cursor.move(m);
                  if (!shown.isEmpty()) {
                    selectedId = shown.get(cursor.selected()).id();
                  }
                })
            .bind(Command.ANSWER_FAIL, () -> answer(RequestAnswer.FAIL), Key.typed('f'))
            .bind(Command.ANSWER_READY, () -> answer(RequestAnswer.READY), Key.typed('r'))
            .bind(
                Command.BACK,
                () -> ctx.showPage(ScreenApp.Page.MOUNTS),
                Key.special(KeyType.Escape));
  }

  private void answer(RequestAnswer answer) {
    refresh();
    if (shown.isEmpty()) {
      ctx.message("No request to answer.", Role.ATTENTION);
      return;
    }
    KernelRequest r = shown.get(cursor.selected());
    if (r.state() != RequestState.WAITING) {
      ctx.message("That request was already answered.", Role.ATTENTION);
      return;
    }
    ctx.answer(r, answer);
  }

  private void refresh() {
    shown = ctx.requests();
    cursor.resize(shown.size());
    boolean found = false;
    for (int i = 0; i < shown.size(); i++) {
      if (shown.get(i).id() == selectedId) {
        cursor.select(i);
        found = true;
        break;
      }
    }
    if (!found && !shown.isEmpty()) {
      cursor.select(shown.size() - 1);
    }
    if (!shown.isEmpty()) {
      selectedId = shown.get(cursor.selected()).id();
    }
  }

  @Override
  void render(Canvas c, int top, int rows) {
    if (rows <= 0) {
      return;
    }
    refresh();
    COLUMNS.drawHeader(c, top);
    int listTop = top + 1;
    int listRows = rows - 1;
    long dropped = ctx.requestsDropped();
    if (dropped > 0 && listRows > 1) {
      // Only the latest requests are kept, so a flood of lookups cannot fill the memory.
      c.putPadded(
          1,
          listTop,
          String.format(
              java.util.Locale.ROOT,
              "%,d older answered request%s not listed",
              dropped,
              dropped == 1 ? "" : "s"),
          c.width - 2,
          Role.DIM);
      listTop++;
      listRows--;
    }
    cursor.window(Math.max(1, listRows));
    if (shown.isEmpty()) {
      String text =
          ctx.session().ownerMode() == OwnerMode.HOLD
              ? "No kernel requests yet. They appear here as processes look up names under mounts"
                  + " this program owns."
              : "No requests here: with --owner handoff the mounts' requests go to their new"
                  + " owner (automount), not to this program.";
      Lines b = new Lines(c.width - 2, ctx.ascii(), ctx.glyphs().ellipsis);
      b.wrapped("", Role.NORMAL, text, Role.DIM);
      for (int i = 0; i < b.lines.size() && i + 1 < rows; i++) {
        b.lines.get(i).draw(c, 1, top + 1 + i, c.width - 2);
      }
      return;
    }
    for (int i = 0; i < listRows && cursor.top() + i < shown.size(); i++) {
      int index = cursor.top() + i;
      KernelRequest r = shown.get(index);
      Role state =
          r.state() == RequestState.WAITING
              ? Role.ATTENTION
              : r.state() == RequestState.ANSWERED_FAIL ? Role.ERROR : Role.GOOD;
      COLUMNS.draw(
          c,
          listTop + i,
          index == cursor.selected(),
          Table.Cell.of(r.time(), Role.NORMAL),
          Table.Cell.of(Integer.toString(r.pid()), Role.NORMAL),
          Table.Cell.of(Integer.toString(r.uid()), Role.NORMAL),
          Table.Cell.of(r.mountpoint(), Role.NORMAL),
          Table.Cell.of(Labels.request(r.state()), state),
          Table.Cell.of(r.name(), Role.NORMAL));
    }
  }

  @Override
  String tabTitle() {
    int waiting = waiting();
    return waiting > 0 ? "Requests " + waiting + " waiting" : "Requests";
  }

  @Override
  boolean tabAttention() {
    return waiting() > 0;
  }

  private int waiting() {
    int waiting = 0;
    for (KernelRequest r : ctx.requests()) {
      if (r.state() == RequestState.WAITING) {
        waiting++;
      }
    }
    return waiting;
  }

  @Override
  KeyMap keys() {
    return keys;
  }

  @Override
  List<Hint> hints() {
    return List.of(
        Hint.of(ctx.glyphs().upDown, "move", Command.MOVE),
        Hint.of("f", "answer FAIL", Command.ANSWER_FAIL),
        Hint.of("r", "answer READY", Command.ANSWER_READY),
        Hint.of("Esc", "back", Command.BACK),
        Hint.of("?", "help", Command.HELP),
        Hint.of("q", "quit", Command.QUIT));
  }
}
