package org.autofsrestore.ui.model;

/** The autofs mount type; {@link #UNKNOWN} when the dump does not say or says something else. */
public enum MountMode {
  DIRECT,
  INDIRECT,
  OFFSET,
  UNKNOWN
}
