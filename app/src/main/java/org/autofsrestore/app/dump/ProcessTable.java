package org.autofsrestore.app.dump;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.autofsrestore.image.FieldScan;
import org.autofsrestore.proto.PstreeEntry;

/**
 * The tasks of pstree.img as columns of numbers, found by pid. An inspection looks up a few owners
 * among thousands of tasks; a {@link ProcessEntry} is made only for those.
 */
final class ProcessTable {
  /** The fields of pstree_entry the process tree is scanned for (all of them). */
  static FieldScan newScan() {
    return FieldScan.of()
        .field(PstreeEntry.PID_FIELD_NUMBER, FieldScan.Kind.VARINT, true)
        .field(PstreeEntry.PPID_FIELD_NUMBER, FieldScan.Kind.VARINT, true)
        .field(PstreeEntry.PGID_FIELD_NUMBER, FieldScan.Kind.VARINT, true)
        .field(PstreeEntry.SID_FIELD_NUMBER, FieldScan.Kind.VARINT, true)
        .field(PstreeEntry.THREADS_FIELD_NUMBER, FieldScan.Kind.REPEATED_VARINT, false);
  }

  private final int size;
  private final int[] pids;
  private final int[] ppids;
  private final int[] pgids;
  private final int[] sids;
  private final int[] threadCounts;
  private final IntIndex byPid;
  private volatile Map<Integer, ProcessEntry> asMap;

  private ProcessTable(Builder b) {
    size = b.size;
    pids = Arrays.copyOf(b.pids, size);
    ppids = Arrays.copyOf(b.ppids, size);
    pgids = Arrays.copyOf(b.pgids, size);
    sids = Arrays.copyOf(b.sids, size);
    threadCounts = Arrays.copyOf(b.threadCounts, size);
    byPid = new IntIndex(size);
    for (int i = 0; i < size; i++) {
      byPid.put(pids[i], i); // a pid given twice: the later record wins
    }
  }

  /** The task with {@code pid}, or null. */
  ProcessEntry process(int pid) {
    int i = byPid.get(pid);
    return i == IntIndex.ABSENT ? null : entry(i);
  }

  /** Every task by pid, in the order of the image (a pid given twice: where it came first). */
  Map<Integer, ProcessEntry> asMap() {
    Map<Integer, ProcessEntry> map = asMap;
    if (map == null) {
      Map<Integer, ProcessEntry> byPid = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        byPid.put(pids[i], entry(i));
      }
      map = Collections.unmodifiableMap(byPid);
      asMap = map;
    }
    return map;
  }

  private ProcessEntry entry(int i) {
    return new ProcessEntry(pids[i], ppids[i], pgids[i], sids[i], threadCounts[i]);
  }

  /** Collects the tasks as pstree.img is read, in order. */
  static final class Builder {
    private int size;
    private int[] pids = new int[64];
    private int[] ppids = new int[64];
    private int[] pgids = new int[64];
    private int[] sids = new int[64];
    private int[] threadCounts = new int[64];

    int size() {
      return size;
    }

    void add(int pid, int ppid, int pgid, int sid, int threadCount) {
      if (size == pids.length) {
        int grown = size * 2;
        pids = Arrays.copyOf(pids, grown);
        ppids = Arrays.copyOf(ppids, grown);
        pgids = Arrays.copyOf(pgids, grown);
        sids = Arrays.copyOf(sids, grown);
        threadCounts = Arrays.copyOf(threadCounts, grown);
      }
      pids[size] = pid;
      ppids[size] = ppid;
      pgids[size] = pgid;
      sids[size] = sid;
      threadCounts[size] = threadCount;
      size++;
    }

    ProcessTable build() {
      return new ProcessTable(this);
    }
  }
}
