package org.autofsrestore.app.live;

import java.util.OptionalLong;

/**
 * The owner of a live autofs mount as its options name it: a process group, and the process of that
 * group /proc shows (its leader, else its lowest pid).
 *
 * @param pgrp the pgrp= of the mount's options (kept when catatonic)
 * @param pid the process found in that group; empty when none is left
 * @param comm that process's comm, "" when none
 */
public record LiveOwner(long pgrp, OptionalLong pid, String comm) {
  public boolean alive() {
    return pid.isPresent();
  }

  /** "automount[412] (pgrp 412)", or "process group 412 (no process left)". */
  public String describe() {
    return pid.isPresent()
        ? comm + "[" + pid.getAsLong() + "] (pgrp " + pgrp + ")"
        : "process group " + pgrp + " (no process left)";
  }
}
