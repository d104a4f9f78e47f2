package org.autofsrestore.app.live;

import org.autofsrestore.kernel.probe.SleepingTask;

/**
 * A process asleep on an autofs mount, and how it was matched to that mount.
 *
 * @param task what /proc says of it
 * @param matchedBy "path" (its blocked call's path lies on the mount), "cwd" or "open file" (when
 *     the path cannot be read but its cwd or an open file lies on it), or "" when unmatched
 */
public record LiveSleeper(SleepingTask task, String matchedBy) {
  /** "stat[812] on /srv/auto/key". */
  public String describe() {
    return task.comm()
        + "["
        + task.pid()
        + "]"
        + (task.path().isPresent()
            ? " on " + task.path().get()
            : " (matched by " + matchedBy + ")");
  }
}
