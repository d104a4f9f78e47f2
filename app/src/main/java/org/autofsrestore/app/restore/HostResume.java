package org.autofsrestore.app.restore;

import java.io.IOException;
import org.autofsrestore.kernel.probe.MountTable;

/** {@link ResumePlanner} against this process's mount table and process groups: the thin shell. */
public final class HostResume {
  private HostResume() {}

  /**
   * @param fresh the plan rebuilt now from the run's dump and options
   * @throws IOException when this process's mount table cannot be read
   */
  public static ResumePlanner.Resumption plan(Plan fresh, JournalReplay replay) throws IOException {
    MountTable table = MountTable.readSelf();
    return ResumePlanner.resume(
        fresh,
        replay,
        target -> table.at(target.toString()),
        pgrp -> ProcessHandle.of(pgrp).map(ProcessHandle::isAlive).orElse(false));
  }
}
