package org.autofsrestore.app.live;

/**
 * What the operator is doing when a dump is held against the live host, decided once by the caller:
 * it says whether a dump mount missing at the root is a problem. Before a restore (the UI
 * previewing the dump, a mount not yet restored by the session) it is what is expected; after a
 * restore ({@code diff}, a repair of a restored tree, a mount the session mounted) it is an error.
 */
public enum Expectation {
  /** The dump is being previewed: its mounts are not restored yet. */
  BEFORE_RESTORE,
  /** The dump's mounts were restored: each must be there. */
  AFTER_RESTORE
}
