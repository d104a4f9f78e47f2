package org.autofsrestore.app.autofs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.autofsrestore.app.dump.Dump;
import org.autofsrestore.app.dump.FdEntry;
import org.autofsrestore.app.dump.FileDescription;
import org.autofsrestore.app.dump.FileTable;
import org.autofsrestore.app.dump.ProcessEntry;
import org.autofsrestore.image.ImageFormatException;

/**
 * Which tasks hold which end of some pipes, found by reading every task's ids and fd table: the way
 * to name a mount's owner when autofs-N.img cannot be read but the options carry pipe_ino. Built
 * once, for the pipe inodes asked for up front, and only when some are asked for: a dump whose
 * autofs images all read never pays for the scan.
 */
final class PipeHolders {
  /** One fd of one task on a pipe end. */
  record Holder(ProcessEntry process, int fd, boolean writeEnd) {}

  /** A task chosen as the owner, with its ends of the pipe and the other tasks holding it. */
  record Candidate(
      ProcessEntry process, Integer readEndFd, Integer writeEndFd, List<Integer> others) {}

  private final Map<Long, List<Holder>> byIno = new HashMap<>();

  private PipeHolders() {}

  static PipeHolders none() {
    return new PipeHolders();
  }

  /** Scans every task of {@code dump} for fds on the pipes {@code inodes}. */
  static PipeHolders scan(Dump dump, Set<Long> inodes) {
    PipeHolders holders = new PipeHolders();
    if (inodes.isEmpty()) {
      return holders;
    }
    Optional<FileTable> files = dump.files().value();
    if (files.isEmpty()) {
      return holders;
    }
    FileTable byId = files.get();
    for (ProcessEntry p : dump.processes().values()) {
      Optional<Integer> filesId = dump.filesId(p.pid()).value();
      if (filesId.isEmpty()) {
        continue;
      }
      Optional<List<FdEntry>> fds = dump.fdTable(filesId.get()).value();
      if (fds.isEmpty()) {
        continue;
      }
      for (FdEntry e : fds.get()) {
        FileDescription f = e.isPipe() ? fileOrNull(byId, e.fileId()) : null;
        if (f != null && f.isPipe() && inodes.contains(f.pipeId())) {
          holders
              .byIno
              .computeIfAbsent(f.pipeId(), k -> new ArrayList<>())
              .add(new Holder(p, e.fd(), f.pipeWriteEnd()));
        }
      }
    }
    return holders;
  }

  /** The file with {@code id}; null when files.img holds none or its record is damaged. */
  private static FileDescription fileOrNull(FileTable files, int id) {
    try {
      return files.get(id);
    } catch (ImageFormatException e) {
      return null; // no holder found through a damaged record; the other tasks still count
    }
  }

  /**
   * The likeliest owner of pipe {@code ino}: a task holding the write end before one holding only
   * the read end, a process group leader before a member, then the lowest pid.
   */
  Optional<Candidate> owner(long ino) {
    List<Holder> holders = byIno.getOrDefault(ino, List.of());
    if (holders.isEmpty()) {
      return Optional.empty();
    }
    Map<Integer, List<Holder>> byPid = new HashMap<>();
    holders.forEach(h -> byPid.computeIfAbsent(h.process().pid(), k -> new ArrayList<>()).add(h));
    Comparator<List<Holder>> best =
        Comparator.<List<Holder>, Boolean>comparing(l -> l.stream().noneMatch(Holder::writeEnd))
            .thenComparing(l -> l.get(0).process().pid() != l.get(0).process().pgid())
            .thenComparingInt(l -> l.get(0).process().pid());
    List<Holder> chosen = byPid.values().stream().min(best).orElseThrow();
    ProcessEntry process = chosen.get(0).process();
    Integer read =
        chosen.stream()
            .filter(h -> !h.writeEnd())
            .map(Holder::fd)
            .min(Integer::compare)
            .orElse(null);
    Integer write =
        chosen.stream().filter(Holder::writeEnd).map(Holder::fd).min(Integer::compare).orElse(null);
    List<Integer> others =
        byPid.keySet().stream().filter(pid -> pid != process.pid()).sorted().toList();
    return Optional.of(new Candidate(process, read, write, others));
  }
}
