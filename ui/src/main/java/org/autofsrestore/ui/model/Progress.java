package org.autofsrestore.ui.model;

/** How far a mount's restore got, as the mount list shows it. */
public enum Progress {
  /** Nothing done yet. */
  NONE,
  /** Dry run: some steps were previewed. */
  PREVIEWED,
  /** Mounted (stage 1 done), not yet parked: it points at a pipe this program holds. */
  MOUNTED,
  /** Catatonic: accesses fail fast; nobody owns it. */
  PARKED,
  /** Owned by this program ({@code --owner hold}), which serves its requests. */
  OWNED,
  /** A new owner (automount) took it over. */
  HANDED_OFF,
  /** A step failed. */
  FAILED,
  /** Unmounted again by undo. */
  UNDONE
}
