package org.autofsrestore.kernel.probe;

import java.util.List;
import java.util.Optional;

/**
 * A process asleep in the kernel's autofs code, as /proc shows it, with what /proc can say about
 * the path it was walking.
 *
 * @param pid the process
 * @param comm its comm, "" if it vanished
 * @param state its state letter from /proc/PID/stat (D: uninterruptible or killable sleep)
 * @param wchan /proc/PID/wchan, empty when the kernel does not show it to this reader
 * @param stack the function names of /proc/PID/stack, empty when it is not readable (root only)
 * @param path the absolute path the blocked system call was given (relative ones resolved against
 *     its cwd or directory fd), empty when /proc/PID/syscall or /proc/PID/mem cannot be read
 * @param cwd /proc/PID/cwd, empty when not readable
 * @param openPaths the paths of its open fds that are files (not pipes, sockets, anon inodes)
 * @param unseen why the path is not known, "" when it is
 */
public record SleepingTask(
    long pid,
    String comm,
    char state,
    Optional<String> wchan,
    List<String> stack,
    Optional<String> path,
    Optional<String> cwd,
    List<String> openPaths,
    String unseen) {
  public SleepingTask {
    stack = List.copyOf(stack);
    openPaths = List.copyOf(openPaths);
  }

  /** True when wchan or the stack puts it in autofs_wait (or another autofs_* wait). */
  public boolean inAutofs() {
    if (wchan.isPresent() && wchan.get().startsWith("autofs")) {
      return true;
    }
    for (String f : stack) {
      if (f.startsWith("autofs_wait")) {
        return true;
      }
    }
    return false;
  }
}
