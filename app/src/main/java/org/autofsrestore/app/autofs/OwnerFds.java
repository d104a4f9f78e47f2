package org.autofsrestore.app.autofs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autofsrestore.app.dump.FdEntry;
import org.autofsrestore.app.dump.FileDescription;
import org.autofsrestore.app.dump.FileTable;
import org.autofsrestore.image.ImageFormatException;

/**
 * One owner's fds, indexed once for every mount it owns: the entry of each fd, the file each names,
 * and the first fd on the read end of each pipe. A dump decides how many mounts one task owns and
 * how many fds it holds, so resolving N mounts costs N lookups here after one pass over the F fds,
 * not N passes (see {@link Cache}).
 */
final class OwnerFds {
  private final Map<Integer, FdEntry> byFd;
  private final Map<Integer, FileDescription> filesById;
  private final Map<Long, Integer> readEndByPipe;

  private OwnerFds(
      Map<Integer, FdEntry> byFd,
      Map<Integer, FileDescription> filesById,
      Map<Long, Integer> readEndByPipe) {
    this.byFd = byFd;
    this.filesById = filesById;
    this.readEndByPipe = readEndByPipe;
  }

  /**
   * Indexes {@code fds}, each file decoded from files.img now, so that damage in any of them stops
   * the owner's resolution as a damaged files.img does. Where an fd appears twice, the first entry
   * counts, as a search in table order would find it.
   */
  static OwnerFds index(List<FdEntry> fds, FileTable files) throws ImageFormatException {
    Map<Integer, FdEntry> byFd = new HashMap<>();
    Map<Integer, FileDescription> byId = new HashMap<>();
    Map<Long, Integer> readEnds = new HashMap<>();
    for (FdEntry e : fds) {
      byFd.putIfAbsent(e.fd(), e);
      FileDescription file = files.get(e.fileId());
      if (file == null) {
        continue;
      }
      byId.put(e.fileId(), file);
      if (file.isPipe() && !file.pipeWriteEnd()) {
        readEnds.putIfAbsent(file.pipeId(), e.fd());
      }
    }
    return new OwnerFds(byFd, byId, readEnds);
  }

  /** The entry of fd {@code fd}, or null. */
  FdEntry entry(int fd) {
    return byFd.get(fd);
  }

  /** The file with that id among those the fds name, or null. */
  FileDescription file(int fileId) {
    return filesById.get(fileId);
  }

  /** The first fd (in table order) on the read end of pipe {@code pipeId}, or null. */
  Integer readEndOf(long pipeId) {
    return readEndByPipe.get(pipeId);
  }

  /**
   * The index of each fd table, made the first time a mount asks for it, for one inspection; how
   * many fd entries it went through in all, so a test can count the cost.
   */
  static final class Cache {
    /** An fd table's index, or the damage its files showed. */
    private record Indexed(OwnerFds fds, ImageFormatException damage) {}

    private final Map<Integer, Indexed> byFilesId = new HashMap<>();
    private long entriesIndexed;

    /**
     * The index of the fd table {@code filesId} whose entries are {@code fds}.
     *
     * @throws ImageFormatException when a file they name is damaged (every time it is asked for)
     */
    OwnerFds of(int filesId, List<FdEntry> fds, FileTable files) throws ImageFormatException {
      Indexed indexed = byFilesId.get(filesId);
      if (indexed == null) {
        entriesIndexed += fds.size();
        try {
          indexed = new Indexed(index(fds, files), null);
        } catch (ImageFormatException e) {
          indexed = new Indexed(null, e);
        }
        byFilesId.put(filesId, indexed);
      }
      if (indexed.damage() != null) {
        throw indexed.damage();
      }
      return indexed.fds();
    }

    /** How many fd entries were indexed so far, over every table. */
    long entriesIndexed() {
      return entriesIndexed;
    }
  }
}
