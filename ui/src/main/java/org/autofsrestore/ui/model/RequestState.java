package org.autofsrestore.ui.model;

/** Whether a kernel request is still waiting or how it was answered. */
public enum RequestState {
  WAITING,
  ANSWERED_FAIL,
  ANSWERED_READY
}
