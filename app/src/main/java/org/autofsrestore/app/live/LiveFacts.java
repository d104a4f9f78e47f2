package org.autofsrestore.app.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.FdScan;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.kernel.probe.ProcFs;
import org.autofsrestore.kernel.probe.SleepingTask;

/**
 * What /proc says of one mount namespace, read once: its mount table, every process's group and
 * comm, who holds the autofs mounts' pipes, and who sleeps in autofs code. Reading it opens only
 * /proc files and reads /proc links: no path below a mount point is looked up, so no mount is
 * triggered.
 *
 * @param mountinfo the mountinfo file read, e.g. /proc/self/mountinfo
 * @param mountNamespace that process's mount namespace ("mnt:[4026531841]"), when readable
 * @param table its mount table
 * @param processes every process, in pid order
 * @param fds the holders of the autofs mounts' pipes, and the fd tables that could not be read
 * @param sleepers the processes asleep in autofs code, in this mount namespace (or whose namespace
 *     cannot be read)
 */
public record LiveFacts(
    Path mountinfo,
    Optional<String> mountNamespace,
    MountTable table,
    List<Process> processes,
    FdScan fds,
    List<SleepingTask> sleepers) {

  /** One process: pid, process group and comm, from /proc/PID/stat and comm. */
  public record Process(long pid, long pgrp, String comm) {}

  public LiveFacts {
    processes = List.copyOf(processes);
    sleepers = List.copyOf(sleepers);
  }

  /** Thrown when the mount table cannot be read: the message names the file and the problem. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads the mount namespace of {@code pid} (empty: this process's, /proc/self) from the /proc
   * tree at {@code procRoot}.
   */
  public static LiveFacts read(Path procRoot, OptionalLong pid) throws Unreadable {
    ProcFs proc = new ProcFs(procRoot);
    String who = pid.isPresent() ? Long.toString(pid.getAsLong()) : "self";
    Path mountinfo = procRoot.resolve(who).resolve("mountinfo");
    MountTable table;
    try {
      table = MountTable.parse(Files.readAllBytes(mountinfo));
    } catch (NoSuchFileException e) {
      throw new Unreadable(
          mountinfo + " does not exist: " + (pid.isPresent() ? "no process " + who : "no /proc"),
          e);
    } catch (IOException e) {
      throw new Unreadable("cannot read " + mountinfo + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new Unreadable(mountinfo + ": " + e.getMessage(), e);
    }
    Optional<String> ns = link(procRoot.resolve(who).resolve("ns/mnt"));
    try {
      List<Process> processes = new ArrayList<>();
      for (long p : proc.pids()) {
        OptionalLong pgrp = proc.processGroup(p);
        if (pgrp.isPresent()) {
          processes.add(new Process(p, pgrp.getAsLong(), proc.comm(p).orElse("")));
        }
      }
      List<Long> pipes = new ArrayList<>();
      for (MountInfo m : table.autofs()) {
        pipeIno(m).ifPresent(pipes::add);
      }
      FdScan fds = proc.scanFds(pipes);
      List<SleepingTask> sleepers = new ArrayList<>();
      for (SleepingTask t : proc.asleepInAutofs()) {
        Optional<String> theirs = link(procRoot.resolve(t.pid() + "/ns/mnt"));
        if (ns.isEmpty() || theirs.isEmpty() || theirs.equals(ns)) {
          sleepers.add(t);
        }
      }
      return new LiveFacts(mountinfo, ns, table, processes, fds, sleepers);
    } catch (IOException e) {
      throw new Unreadable("cannot list " + procRoot + ": " + e.getMessage(), e);
    }
  }

  /** The live pipe's inode of an autofs mount, when its options can be read and name one. */
  static Optional<Long> pipeIno(MountInfo m) {
    try {
      AutofsOptions o = AutofsOptions.parse(m.superOptions());
      if (!o.catatonic() && o.pipeIno().isPresent() && o.pipeIno().getAsLong() > 0) {
        return Optional.of(o.pipeIno().getAsLong());
      }
    } catch (IllegalArgumentException e) {
      // said by the analysis
    }
    return Optional.empty();
  }

  private static Optional<String> link(Path p) {
    try {
      return Optional.of(Files.readSymbolicLink(p).toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
