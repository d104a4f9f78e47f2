package org.autofsrestore.app.restore;

import java.util.List;

/** One stage of one mount's restore: its steps, in order. */
public record Stage(StageName name, List<Step> steps) {
  public Stage {
    steps = List.copyOf(steps);
  }
}
