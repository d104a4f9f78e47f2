package org.autofsrestore.kernel.probe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What /proc/PID/syscall says a blocked task is doing: {@code NR ARG0 .. ARG5 SP PC} in hex (x86_64
 * numbers), or "running" when it is not in a system call. A task asleep in autofs_wait is inside
 * the path walk of one of the calls in {@link #PATH_ARGUMENT}; the argument named there points at
 * the path it was given, which {@link ProcFs#pathArgument} reads from /proc/PID/mem.
 *
 * @param number the system call number
 * @param args the six arguments, as unsigned values
 */
public record BlockedSyscall(int number, List<Long> args) {
  /** AT_FDCWD as the kernel sees the dirfd argument: -100 as an unsigned int, or sign-extended. */
  public static final long AT_FDCWD = -100;

  /**
   * x86_64 system calls that walk a path, and which argument holds it; the *at calls take their
   * directory fd in the argument before it.
   */
  private static final Map<Integer, Integer> PATH_ARGUMENT =
      Map.ofEntries(
          Map.entry(2, 0), // open
          Map.entry(4, 0), // stat
          Map.entry(6, 0), // lstat
          Map.entry(21, 0), // access
          Map.entry(59, 0), // execve
          Map.entry(80, 0), // chdir
          Map.entry(83, 0), // mkdir
          Map.entry(89, 0), // readlink
          Map.entry(137, 0), // statfs
          Map.entry(161, 0), // chroot
          Map.entry(191, 0), // getxattr
          Map.entry(192, 0), // lgetxattr
          Map.entry(257, 1), // openat
          Map.entry(258, 1), // mkdirat
          Map.entry(262, 1), // newfstatat
          Map.entry(267, 1), // readlinkat
          Map.entry(269, 1), // faccessat
          Map.entry(322, 1), // execveat
          Map.entry(332, 1), // statx
          Map.entry(437, 1), // openat2
          Map.entry(439, 1)); // faccessat2

  public BlockedSyscall {
    args = List.copyOf(args);
  }

  /**
   * Parses /proc/PID/syscall; empty for "running", "-1 ..." (blocked outside a system call) or text
   * that is not that format.
   */
  public static Optional<BlockedSyscall> parse(String text) {
    String[] f = text.strip().split(" ");
    if (f.length < 7) {
      return Optional.empty();
    }
    try {
      int nr = Integer.parseInt(f[0]);
      if (nr < 0) {
        return Optional.empty();
      }
      Long[] args = new Long[6];
      for (int i = 0; i < 6; i++) {
        String a = f[i + 1];
        args[i] = Long.parseUnsignedLong(a.startsWith("0x") ? a.substring(2) : a, 16);
      }
      return Optional.of(new BlockedSyscall(nr, List.of(args)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Which argument holds the path, for a call that walks one. */
  public OptionalInt pathArgument() {
    Integer i = PATH_ARGUMENT.get(number);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /**
   * The directory fd a relative path is taken from: AT_FDCWD (the cwd) for the calls without one,
   * else the argument before the path.
   */
  public long dirFd() {
    int i = pathArgument().orElse(0);
    if (i == 0) {
      return AT_FDCWD;
    }
    long fd = args.get(i - 1);
    return (int) fd; // the kernel reads it as an int: 0xffffff9c and its sign extension are -100
  }
}
