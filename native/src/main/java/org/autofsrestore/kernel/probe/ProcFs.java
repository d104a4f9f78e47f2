package org.autofsrestore.kernel.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Live facts about processes from /proc, read without changing anything: pids, process groups,
 * mount namespaces, and which processes hold which end of a pipe. Processes that vanish or cannot
 * be read while scanning are skipped.
 */
public final class ProcFs {
  private final Path root;

  public ProcFs(Path procRoot) {
    this.root = procRoot;
  }

  /** The real /proc. */
  public static ProcFs system() {
    return new ProcFs(Path.of("/proc"));
  }

  /** The pid of this process, as /proc/self names it. */
  public long selfPid() throws IOException {
    return Long.parseLong(Files.readSymbolicLink(root.resolve("self")).toString());
  }

  /** Fields 3.. of /proc/PID/stat (after "pid (comm) "): state, ppid, pgrp, session, ... */
  private Optional<String[]> statFields(long pid) {
    try {
      String stat = Files.readString(root.resolve(pid + "/stat"), StandardCharsets.ISO_8859_1);
      int close = stat.lastIndexOf(')');
      if (close < 0 || close + 2 > stat.length()) {
        return Optional.empty();
      }
      return Optional.of(stat.substring(close + 2).trim().split(" "));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public OptionalLong parentPid(long pid) {
    return statFields(pid)
        .map(f -> OptionalLong.of(Long.parseLong(f[1])))
        .orElse(OptionalLong.empty());
  }

  public OptionalLong processGroup(long pid) {
    return statFields(pid)
        .map(f -> OptionalLong.of(Long.parseLong(f[2])))
        .orElse(OptionalLong.empty());
  }

  /** When the process started, in clock ticks since boot (field 22 of /proc/PID/stat). */
  public OptionalLong startTicks(long pid) {
    return statFields(pid)
        .map(f -> OptionalLong.of(Long.parseLong(f[19])))
        .orElse(OptionalLong.empty());
  }

  public Optional<String> comm(long pid) {
    try {
      return Optional.of(
          Files.readString(root.resolve(pid + "/comm"), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The effective uid from /proc/PID/status. */
  public OptionalLong effectiveUid(long pid) {
    try {
      for (String line :
          Files.readAllLines(root.resolve(pid + "/status"), StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("Uid:")) {
          String[] f = line.substring(4).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(f[1]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // vanished or unreadable
    }
    return OptionalLong.empty();
  }

  /** The mount namespace of a process, e.g. "mnt:[4026531841]". */
  public Optional<String> mountNamespace(long pid) {
    try {
      return Optional.of(Files.readSymbolicLink(root.resolve(pid + "/ns/mnt")).toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * True when this process is in a mount namespace other than its parent's (both known): the
   * condition under which it may mount without changing the parent's mount table. False when either
   * cannot be read.
   */
  public boolean selfInOtherMountNamespaceThanParent() throws IOException {
    long self = selfPid();
    OptionalLong parent = parentPid(self);
    if (parent.isEmpty() || parent.getAsLong() == 0) {
      return false;
    }
    Optional<String> mine = mountNamespace(self);
    Optional<String> theirs = mountNamespace(parent.getAsLong());
    return mine.isPresent() && theirs.isPresent() && !mine.get().equals(theirs.get());
  }

  /** Every process's fds on the pipe with inode {@code pipeIno}. */
  public List<PipeEndHolder> pipeHolders(long pipeIno) throws IOException {
    return pipeHolders(Set.of(pipeIno)).getOrDefault(pipeIno, List.of());
  }

  /**
   * One scan of /proc/[pid]/fd for several pipes: for each inode, the fds that hold it, in pid and
   * fd order.
   */
  public Map<Long, List<PipeEndHolder>> pipeHolders(Collection<Long> pipeInos) throws IOException {
    return pipeInos.isEmpty() ? new HashMap<>() : new HashMap<>(scanFds(pipeInos).holders());
  }

  /**
   * One scan of /proc/[pid]/fd for several pipes, saying too whose fd tables could not be listed
   * (another user's, for a reader that is not root): readlink only, nothing is opened.
   */
  public FdScan scanFds(Collection<Long> pipeInos) throws IOException {
    Set<Long> wanted = new HashSet<>(pipeInos);
    Map<Long, List<PipeEndHolder>> out = new HashMap<>();
    List<Long> unreadable = new ArrayList<>();
    for (long pid : pids()) {
      Path fdDir = root.resolve(pid + "/fd");
      List<Integer> hits = new ArrayList<>();
      List<Long> hitInos = new ArrayList<>();
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
        for (Path fdLink : fds) {
          long ino = wanted.isEmpty() ? -1 : pipeInode(fdLink);
          if (ino >= 0 && wanted.contains(ino)) {
            hits.add(Integer.parseInt(fdLink.getFileName().toString()));
            hitInos.add(ino);
          }
        }
      } catch (java.nio.file.NoSuchFileException e) {
        continue; // vanished
      } catch (IOException | RuntimeException e) {
        unreadable.add(pid); // EACCES: another user's, for a reader that is not root
        continue;
      }
      if (hits.isEmpty()) {
        continue;
      }
      String comm = comm(pid).orElse("");
      long pgrp = processGroup(pid).orElse(-1);
      for (int i = 0; i < hits.size(); i++) {
        int fd = hits.get(i);
        Optional<PipeEndHolder.End> end = accessMode(pid, fd);
        if (end.isPresent()) {
          out.computeIfAbsent(hitInos.get(i), k -> new ArrayList<>())
              .add(new PipeEndHolder(pid, fd, end.get(), comm, pgrp));
        }
      }
    }
    for (List<PipeEndHolder> l : out.values()) {
      l.sort(
          (a, b) ->
              a.pid() != b.pid()
                  ? Long.compare(a.pid(), b.pid())
                  : Integer.compare(a.fd(), b.fd()));
    }
    return new FdScan(out, unreadable);
  }

  /** The state letter of /proc/PID/stat (R, S, D, ...). */
  public Optional<Character> state(long pid) {
    return statFields(pid).filter(f -> !f[0].isEmpty()).map(f -> f[0].charAt(0));
  }

  /**
   * The processes asleep in autofs code (state D, and wchan or the stack says autofs), in pid
   * order, with what /proc says of the path each was walking: {@link Sleepers}.
   */
  public List<SleepingTask> asleepInAutofs() throws IOException {
    return Sleepers.scan(this, root);
  }

  /** The numeric entries of /proc, ascending. */
  public List<Long> pids() throws IOException {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
          pids.add(Long.parseLong(n));
        }
      }
    }
    pids.sort(null);
    return pids;
  }

  /** The proc root this reads. */
  Path root() {
    return root;
  }

  private static long pipeInode(Path fdLink) {
    try {
      String target = Files.readSymbolicLink(fdLink).toString();
      if (target.startsWith("pipe:[") && target.endsWith("]")) {
        return Long.parseLong(target.substring(6, target.length() - 1));
      }
    } catch (IOException | RuntimeException e) {
      // closed meanwhile
    }
    return -1;
  }

  /** O_ACCMODE of /proc/PID/fdinfo/FD's "flags:" (octal). */
  private Optional<PipeEndHolder.End> accessMode(long pid, int fd) {
    try {
      for (String line :
          Files.readAllLines(root.resolve(pid + "/fdinfo/" + fd), StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("flags:")) {
          int flags = Integer.parseInt(line.substring(6).trim(), 8);
          switch (flags & 3) {
            case 0:
              return Optional.of(PipeEndHolder.End.READ);
            case 1:
              return Optional.of(PipeEndHolder.End.WRITE);
            default:
              return Optional.of(PipeEndHolder.End.READ_WRITE);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // closed meanwhile
    }
    return Optional.empty();
  }
}
