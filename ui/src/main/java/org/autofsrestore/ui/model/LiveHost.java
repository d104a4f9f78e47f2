package org.autofsrestore.ui.model;

/**
 * The live host beside the dump: its mount namespace read from /proc and held against the dump.
 * Reading it must never trigger a mount (it reads /proc alone).
 */
public interface LiveHost {
  /**
   * Reads the host again. Called off the UI thread (on a big host /proc takes a while), one call at
   * a time; never throws: a failed read is a snapshot whose {@link LiveSnapshot#error()} says why.
   */
  LiveSnapshot read();
}
