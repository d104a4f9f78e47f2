package org.autofsrestore.ui.model;

import java.util.List;

/**
 * A restore whose journal has no finish line (killed, crashed, a lost SSH session): it may have
 * left mounts behind. The UI offers to resume it or undo it.
 *
 * @param journal the journal's path, the run's id
 * @param facts what the journal says of the run, one sentence each (when it was last written, the
 *     dump, the root and owner mode, how far it got)
 * @param notResumableHere empty when this session can resume it; else why not, and the command that
 *     can (another dump, root or owner mode: {@code autofs-restore tui --resume F})
 */
public record UnfinishedRun(String journal, List<String> facts, String notResumableHere) {
  public UnfinishedRun {
    facts = List.copyOf(facts);
  }

  public boolean resumableHere() {
    return notResumableHere.isEmpty();
  }
}
