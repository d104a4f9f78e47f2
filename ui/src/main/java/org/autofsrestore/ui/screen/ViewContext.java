package org.autofsrestore.ui.screen;

import java.util.List;
import java.util.function.Consumer;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.MountDetails;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.RequestAnswer;
import org.autofsrestore.ui.model.SessionInfo;
import org.autofsrestore.ui.model.StepperSnapshot;

/**
 * What a page may read and do: the session, snapshots of the restore (the queries never throw: a
 * failing query reads as nothing), navigation, the message line and the actions the keys start.
 */
interface ViewContext {

  Glyphs glyphs();

  boolean ascii();

  /** {@link Text#clean} in this session's character set. */
  default String clean(String s) {
    return Text.clean(s, ascii());
  }

  SessionInfo session();

  /** The dump's autofs mounts, in the list's order. */
  List<MountRow> mounts();

  /** The dump's findings, then the live host's (worst first each); changes after a live read. */
  List<Finding> findings();

  boolean live();

  /** The mount's progress, or null when the controller cannot tell. */
  Progress progress(String mountId);

  /** The mount's plan and its steps' states, or null when the controller cannot tell. */
  StepperSnapshot stepper(String mountId);

  List<KernelRequest> requests();

  /** How many older answered requests {@link #requests()} no longer lists. */
  long requestsDropped();

  List<String> logTail(int lines);

  /** Whether this session shows a live host beside the dump. */
  boolean hasLiveHost();

  /** The latest read of the live host, or null before the first one came back. */
  LiveSnapshot liveSnapshot();

  /** Changes each time a new read of the live host came back. */
  int liveVersion();

  /** True while the live host is being read. */
  boolean liveReading();

  /** Reads the live host again, off the UI thread. */
  void rereadLive();

  /** The model's details of the mount; throws what the model throws. */
  MountDetails details(String mountId);

  /** The mountpoint of the mount with this id (the id itself when there is none). */
  String mountpointOf(String mountId);

  /** The id of the mount at this mountpoint, or null. */
  String mountIdOf(String mountpoint);

  void showPage(ScreenApp.Page page);

  /** Opens a mount on DETAILS or STEPPER; {@link #back} then returns to the page shown now. */
  void openMount(String mountId, ScreenApp.Page page);

  void back();

  void message(String text, Role role);

  /** Shows the filter prompt with {@code current}; every edit is passed to {@code target}. */
  void openFilterPrompt(String current, Consumer<String> target);

  /** Runs (or previews) a step action on the open mount. */
  void step(StepKind kind);

  void answer(KernelRequest request, RequestAnswer answer);
}
