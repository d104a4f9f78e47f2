package org.autofsrestore.ui.model;

/** The two answers to a kernel request: FAIL (the lookup fails, ENOENT) or READY (it proceeds). */
public enum RequestAnswer {
  FAIL,
  READY
}
