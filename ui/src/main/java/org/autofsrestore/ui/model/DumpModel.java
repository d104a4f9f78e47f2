package org.autofsrestore.ui.model;

import java.util.List;
import java.util.Optional;

/**
 * The dump as the UI shows it. Read-only; implemented by the application over the loaded dump.
 * Every method is called on the UI thread only.
 */
public interface DumpModel {

  /** The session header. */
  SessionInfo session();

  /**
   * Every autofs mount, in display order. Called once at start; the list must be random-access (it
   * may hold tens of thousands of rows: the UI formats only the visible ones).
   */
  List<MountRow> mounts();

  /** The details of the mount with this {@link MountRow#id()}; called when the user opens one. */
  MountDetails details(String mountId);

  /** Every finding of the dump (per-mount and dump-wide), worst first. Called once at start. */
  List<Finding> findings();

  /**
   * The last {@code maxLines} lines of the log file, oldest first (fewer if the log is shorter,
   * empty if it cannot be read). Called while the log view is open, about once a second.
   */
  List<String> logTail(int maxLines);

  /**
   * The live host to show beside the dump, when this session has one. Called once at start; its
   * {@link LiveHost#read()} runs off the UI thread.
   */
  default Optional<LiveHost> liveHost() {
    return Optional.empty();
  }
}
