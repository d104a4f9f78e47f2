package org.autofsrestore.kernel.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Finds the processes asleep on autofs mounts from /proc alone: /proc/PID/stat (state D),
 * /proc/PID/wchan or /proc/PID/stack (autofs_wait), then the path each was walking, from
 * /proc/PID/syscall (the call and its arguments) and /proc/PID/mem (the path string the argument
 * points at), relative paths resolved against /proc/PID/cwd or the directory fd's link. Only
 * readlink and reads of /proc files: no path below a mount is looked up, so nothing is triggered.
 * syscall and mem need the right to ptrace the process (the same user, or root); stack needs root.
 * What could not be read is said in {@link SleepingTask#unseen()}.
 */
final class Sleepers {
  /** Longer than PATH_MAX (4096): a path that long is not a path the kernel took. */
  private static final int MAX_PATH = 4096;

  private Sleepers() {}

  static List<SleepingTask> scan(ProcFs proc, Path root) throws IOException {
    List<SleepingTask> out = new ArrayList<>();
    for (long pid : proc.pids()) {
      Optional<Character> state = proc.state(pid);
      if (state.isEmpty() || state.get() != 'D') {
        continue;
      }
      Path dir = root.resolve(Long.toString(pid));
      Optional<String> wchan =
          read(dir.resolve("wchan")).map(String::strip).filter(w -> !w.equals("0") && !w.isEmpty());
      List<String> stack =
          read(dir.resolve("stack")).map(Sleepers::stackFunctions).orElse(List.of());
      SleepingTask probe =
          new SleepingTask(
              pid, "", 'D', wchan, stack, Optional.empty(), Optional.empty(), List.of(), "");
      if (!probe.inAutofs()) {
        continue;
      }
      Optional<String> cwd = link(dir.resolve("cwd"));
      List<String> open = openPaths(dir);
      String unseen = "";
      Optional<String> path = Optional.empty();
      Optional<String> syscallText = read(dir.resolve("syscall"));
      Optional<BlockedSyscall> call = syscallText.flatMap(BlockedSyscall::parse);
      if (syscallText.isEmpty()) {
        unseen = "/proc/" + pid + "/syscall is not readable (another user's process; run as root)";
      } else if (call.isEmpty()) {
        unseen = "/proc/" + pid + "/syscall shows no system call: " + syscallText.get().strip();
      } else {
        OptionalInt arg = call.get().pathArgument();
        if (arg.isEmpty()) {
          unseen = "system call " + call.get().number() + " takes no path this tool knows of";
        } else {
          Optional<String> given =
              string(dir.resolve("mem"), call.get().args().get(arg.getAsInt()));
          if (given.isEmpty()) {
            unseen = "/proc/" + pid + "/mem is not readable (run as root)";
          } else {
            path = absolute(given.get(), call.get().dirFd(), cwd, dir);
            if (path.isEmpty()) {
              unseen = "the relative path " + given.get() + "'s directory is not readable";
            }
          }
        }
      }
      out.add(
          new SleepingTask(
              pid, proc.comm(pid).orElse(""), 'D', wchan, stack, path, cwd, open, unseen));
    }
    return out;
  }

  /** "[<0>] autofs_wait+0x3b5/0x820" lines to "autofs_wait". */
  static List<String> stackFunctions(String stack) {
    List<String> out = new ArrayList<>();
    for (String line : stack.split("\n")) {
      String l = line.strip();
      int close = l.indexOf("] ");
      String f = close >= 0 ? l.substring(close + 2) : l;
      int plus = f.indexOf('+');
      f = (plus >= 0 ? f.substring(0, plus) : f).strip();
      if (!f.isEmpty()) {
        out.add(f);
      }
    }
    return out;
  }

  private static Optional<String> absolute(
      String given, long dirFd, Optional<String> cwd, Path dir) {
    if (given.startsWith("/")) {
      return Optional.of(normalize(given));
    }
    Optional<String> base =
        dirFd == BlockedSyscall.AT_FDCWD ? cwd : link(dir.resolve("fd/" + dirFd));
    return base.filter(b -> b.startsWith("/")).map(b -> normalize(b + "/" + given));
  }

  /** Lexically: "." and "" components dropped, ".." taken back; no symlink is looked at. */
  static String normalize(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(p);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static List<String> openPaths(Path dir) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path fd : fds) {
        link(fd).filter(t -> t.startsWith("/")).ifPresent(out::add);
      }
    } catch (IOException | RuntimeException e) {
      // not ours to read, or gone
    }
    out.sort(null);
    return out;
  }

  /** The NUL-terminated string at {@code address} of the process's memory. */
  private static Optional<String> string(Path mem, long address) {
    if (address == 0 || address < 0) {
      return Optional.empty();
    }
    try (SeekableByteChannel ch = Files.newByteChannel(mem, StandardOpenOption.READ)) {
      ch.position(address);
      ByteBuffer buf = ByteBuffer.allocate(MAX_PATH);
      while (buf.hasRemaining()) {
        int n = ch.read(buf);
        if (n <= 0) {
          break;
        }
        for (int i = buf.position() - n; i < buf.position(); i++) {
          if (buf.get(i) == 0) {
            return Optional.of(new String(buf.array(), 0, i, StandardCharsets.UTF_8));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // not ours to read, or gone
    }
    return Optional.empty();
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> link(Path link) {
    try {
      return Optional.of(Files.readSymbolicLink(link).toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
