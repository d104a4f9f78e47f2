package org.autofsrestore.kernel.probe;

import java.util.List;
import java.util.Map;

/**
 * One scan of every process's fds: which hold each wanted pipe, and whose fd tables this reader
 * could not list (another user's processes, for a reader without CAP_SYS_PTRACE), so that an answer
 * of "nobody holds it" can say how much it saw.
 *
 * @param holders for each wanted pipe inode, the fds that hold it, in pid and fd order
 * @param unreadable the pids whose /proc/PID/fd could not be listed
 */
public record FdScan(Map<Long, List<PipeEndHolder>> holders, List<Long> unreadable) {
  public FdScan {
    holders = Map.copyOf(holders);
    unreadable = List.copyOf(unreadable);
  }

  public List<PipeEndHolder> of(long pipeIno) {
    return holders.getOrDefault(pipeIno, List.of());
  }
}
