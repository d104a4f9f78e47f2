package org.autofsrestore.app.autofs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.autofsrestore.app.dump.AutofsImage;
import org.autofsrestore.app.dump.Dump;
import org.autofsrestore.app.dump.FdEntry;
import org.autofsrestore.app.dump.FileDescription;
import org.autofsrestore.app.dump.FileTable;
import org.autofsrestore.app.dump.ImagePart;
import org.autofsrestore.app.dump.MountEntry;
import org.autofsrestore.app.dump.ProcessEntry;
import org.autofsrestore.image.ImageFormatException;

/**
 * Turns a dump into an {@link Inspection}: each autofs mount's effective state, owner and pipe, and
 * what is wrong with it. A pure function of the dump: it reads images through {@link Dump} and
 * touches nothing else.
 */
public final class AutofsAnalysis {
  /** The autofs protocol versions the kernel speaks (AUTOFS_MIN/MAX_PROTO_VERSION). */
  public static final int KERNEL_MIN_PROTO = 3;

  public static final int KERNEL_MAX_PROTO = 5;

  private AutofsAnalysis() {}

  public static Inspection inspect(Dump dump) {
    List<MountEntry> autofs = dump.autofsMounts();
    dump.readAhead(autofs);
    long[] superblocks = superblocks(autofs);
    PipeHolders holders = PipeHolders.scan(dump, pipesToScanFor(dump, autofs));
    List<AutofsMount> mounts = new ArrayList<>(autofs.size());
    for (MountEntry m : autofs) {
      boolean shared = usedTwice(superblocks, superblock(m));
      mounts.add(analyze(dump, m, dump.mountsBelow(m.mntId()), shared, holders));
    }
    List<Finding> dumpFindings = new ArrayList<>();
    if (autofs.isEmpty()) {
      dumpFindings.add(
          Finding.of(
              FindingCode.NO_AUTOFS_MOUNTS,
              null,
              "The dump holds "
                  + dump.mountCount()
                  + " mounts and none of them is an autofs mount.",
              "Nothing to restore here; check that this is the dump you meant."));
    }
    return new Inspection(dump.directory(), List.copyOf(mounts), List.copyOf(dumpFindings));
  }

  /**
   * The pipe inodes of live mounts whose autofs-N.img cannot be read: their owner can still be
   * found by the task that holds that pipe.
   */
  private static Set<Long> pipesToScanFor(Dump dump, List<MountEntry> autofs) {
    Set<Long> inodes = new HashSet<>();
    for (MountEntry m : autofs) {
      if (dump.autofsImage(m.superblockDevice()).value().isPresent()) {
        continue;
      }
      AutofsOptions options = AutofsOptions.parse(m.options());
      boolean live = options.fd().isEmpty() || options.fd().get() != -1;
      if (options.pipeIno().isPresent() && options.pipeIno().get() > 0 && live) {
        inodes.add(options.pipeIno().get());
      }
    }
    return inodes;
  }

  /** A mount's superblock within its namespace: its namespace id and root_dev, as one key. */
  private static long superblock(MountEntry m) {
    return (long) m.mntNsId() << 32 | Integer.toUnsignedLong(m.rootDev().toKernel());
  }

  /** The superblock keys of {@code mounts}, sorted: a key twice means a bind mount. */
  private static long[] superblocks(List<MountEntry> mounts) {
    long[] keys = new long[mounts.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = superblock(mounts.get(i));
    }
    Arrays.sort(keys);
    return keys;
  }

  private static boolean usedTwice(long[] sorted, long key) {
    int at = Arrays.binarySearch(sorted, key);
    return (at > 0 && sorted[at - 1] == key) || (at + 1 < sorted.length && sorted[at + 1] == key);
  }

  static AutofsMount analyze(
      Dump dump,
      MountEntry mount,
      List<MountEntry> below,
      boolean sharedSuperblock,
      PipeHolders holders) {
    String where = mount.mountpoint();
    List<Finding> findings = new ArrayList<>();
    AutofsOptions options = AutofsOptions.parse(mount.options());
    ImagePart<AutofsImage> part = dump.autofsImage(mount.superblockDevice());
    Optional<AutofsImage> image = part.value();
    String imageName = part.file().getFileName().toString();

    reportImageProblems(part, imageName, where, findings);
    reportOptionProblems(options, where, findings);

    Optional<AutofsMode> mode =
        image.isPresent() ? AutofsMode.ofWire(image.get().mode()) : options.mode();
    if (image.isPresent() && mode.isEmpty()) {
      findings.add(
          Finding.of(
              FindingCode.MODE_UNKNOWN,
              where,
              imageName
                  + " has mode "
                  + image.get().mode()
                  + ", which is none of 0 direct, 1"
                  + " indirect, 2 offset.",
              "Repair the mode from the option string ("
                  + (options.mode().isPresent() ? options.mode().get().option() : "which has none")
                  + ") or re-dump."));
    } else if (mode.isEmpty()) {
      findings.add(
          Finding.of(
              FindingCode.MODE_MISSING,
              where,
              "Neither autofs-N.img nor the options say whether the mount is direct, indirect or"
                  + " offset.",
              "Re-dump the mount, or restore it by hand with the mode its map says."));
    }

    // The image's values when it was read (what CRIU restores from), else the option string's.
    AutofsImage saved = image.orElse(null);
    Long timeout = saved != null ? Long.valueOf(saved.timeout()) : options.timeout().orElse(null);
    Integer minproto =
        saved != null ? Integer.valueOf(saved.minproto()) : options.minproto().orElse(null);
    Integer maxproto =
        saved != null ? Integer.valueOf(saved.maxproto()) : options.maxproto().orElse(null);
    Integer uid = saved != null ? saved.uid() : options.uid().orElse(null);
    Integer gid = saved != null ? saved.gid() : options.gid().orElse(null);
    Integer fd = saved != null ? Integer.valueOf(saved.fd()) : options.fd().orElse(null);
    Integer pgrp = saved != null ? saved.pgrp() : null;
    Integer readFd = saved != null ? saved.readFd() : null;
    Long pipeIno = options.pipeIno().orElse(null);
    boolean catatonic = fd != null && fd == -1;

    reportProtocol(minproto, maxproto, where, findings);
    if (image.isPresent()) {
      reportDifferences(image.get(), options, imageName, where, findings);
    }
    if (options.strictexpire() || options.ignore()) {
      List<String> names = new ArrayList<>(2);
      for (AutofsOptions.Word w : options.words()) {
        String n = w.name();
        if ((n.equals("strictexpire") || n.equals("ignore")) && !names.contains(n)) {
          names.add(n);
        }
      }
      String dropped = String.join(" and ", names);
      findings.add(
          Finding.of(
              FindingCode.OPTION_DROPPED_BY_CRIU,
              where,
              "The mount has " + dropped + ", which CRIU's own restore does not pass on.",
              "Restore with autofs-restore, which keeps them, or set them again by hand after a"
                  + " CRIU restore."));
    }
    if (sharedSuperblock) {
      findings.add(
          Finding.of(
              FindingCode.SHARED_SUPERBLOCK,
              where,
              "Another autofs mount in the dump shares superblock "
                  + mount.rootDev()
                  + " (a bind mount); a restore creates a separate superblock for each.",
              "Restore one of them and bind-mount it to the others by hand."));
    }
    if (!below.isEmpty() && mode.orElse(null) == AutofsMode.INDIRECT) {
      findings.add(
          Finding.of(
              FindingCode.MOUNT_BELOW_INDIRECT,
              where,
              below.size()
                  + " mount(s) sit below this indirect mount ("
                  + mountpoints(below)
                  + "); their directories exist only inside the autofs mount.",
              "The restore's mount stage creates those directories inside the new autofs mount;"
                  + " restore the mounts below it afterwards."));
    }

    Optional<Owner> owner = Optional.empty();
    if (catatonic) {
      findings.add(
          Finding.of(
              FindingCode.CATATONIC,
              where,
              "The mount was catatonic when dumped (fd=-1): it has no owner and every lookup"
                  + " fails with ENOENT.",
              "It is restored parked (catatonic); start automount for it if it should work"
                  + " again."));
    } else if (image.isPresent()) {
      owner = resolveOwner(dump, image.get(), pipeIno, where, findings);
    } else if (pipeIno != null && pipeIno > 0) {
      owner = ownerByPipeIno(dump, holders, pipeIno, imageName, where, findings);
    }
    if (owner.isPresent() && mode.isPresent() && mode.get() != AutofsMode.INDIRECT) {
      Owner o = owner.get();
      findings.add(
          Finding.of(
              FindingCode.STALE_DEVICE_IN_OWNER,
              where,
              "The owner "
                  + describe(o)
                  + " caches this "
                  + mode.get().option()
                  + " mount's device number "
                  + mount.rootDev()
                  + "; restored, the mount gets a new one and its lookups hang.",
              "Hand the mount to a freshly started automount (--owner handoff) instead of"
                  + " restoring the old owner."));
    }
    if (!catatonic && pipeIno == null && fd != null) {
      findings.add(
          Finding.of(
              FindingCode.NO_PIPE_INO,
              where,
              "The options carry no pipe_ino (a dump from a kernel that did not print it), so"
                  + " the owner's pipe cannot be checked.",
              "Check the owner's pipe fd by hand; the restore uses fd/read_fd as they are."));
    }

    return new AutofsMount(
        mount,
        options,
        part,
        mode,
        timeout,
        minproto,
        maxproto,
        uid,
        gid,
        fd,
        pgrp,
        options.pgrp().orElse(null),
        pipeIno,
        readFd,
        catatonic,
        owner,
        List.copyOf(below),
        List.copyOf(findings));
  }

  private static void reportImageProblems(
      ImagePart<AutofsImage> part, String imageName, String where, List<Finding> findings) {
    if (part instanceof ImagePart.Missing<AutofsImage>) {
      findings.add(
          Finding.of(
              FindingCode.AUTOFS_IMAGE_MISSING,
              where,
              imageName + " is absent: the dump has no saved autofs state for this mount.",
              "Copy "
                  + imageName
                  + " from the dump host, or re-dump; without it the values come from the"
                  + " option string and the owner only from the task holding its pipe."));
    } else if (part instanceof ImagePart.Damaged<AutofsImage> damaged) {
      ImageFormatException e = damaged.problem();
      boolean empty = e.kind() == ImageFormatException.Kind.EMPTY;
      findings.add(
          Finding.of(
              empty ? FindingCode.AUTOFS_IMAGE_EMPTY : FindingCode.AUTOFS_IMAGE_DAMAGED,
              where,
              e.getMessage() + ".",
              "Copy "
                  + imageName
                  + " again from the dump host, or re-dump; values shown come"
                  + " from the option string."));
    }
  }

  private static void reportOptionProblems(
      AutofsOptions options, String where, List<Finding> findings) {
    for (AutofsOptions.Problem p : options.problems()) {
      boolean unknown = false;
      for (AutofsOptions.Word w : options.words()) {
        unknown |= w.name().equals(p.option()) && w.kind() == AutofsOptions.Kind.UNKNOWN;
      }
      findings.add(
          Finding.of(
              unknown ? FindingCode.OPTION_UNKNOWN : FindingCode.OPTION_MALFORMED,
              where,
              "Option '" + p.option() + "': " + p.reason() + ".",
              unknown
                  ? "The restore leaves it out of the mount options; check what set it."
                  : "The restore takes this value from autofs-N.img instead; check the dump."));
    }
  }

  private static void reportProtocol(
      Integer min, Integer max, String where, List<Finding> findings) {
    if (min == null || max == null) {
      return;
    }
    if (min > max) {
      findings.add(
          Finding.of(
              FindingCode.PROTOCOL_RANGE_INVERTED,
              where,
              "minproto " + min + " is above maxproto " + max + ": the kernel refuses the mount.",
              "Re-dump; a valid dump never has min > max."));
    } else if (max < KERNEL_MIN_PROTO || min > KERNEL_MAX_PROTO) {
      findings.add(
          Finding.of(
              FindingCode.PROTOCOL_UNSUPPORTED,
              where,
              "Protocol range "
                  + min
                  + ".."
                  + max
                  + " does not meet the kernel's "
                  + KERNEL_MIN_PROTO
                  + ".."
                  + KERNEL_MAX_PROTO
                  + ": the mount fails with EINVAL.",
              "Restore on a kernel speaking that protocol, or with a daemon that speaks "
                  + KERNEL_MIN_PROTO
                  + ".."
                  + KERNEL_MAX_PROTO
                  + "."));
    }
  }

  private static void reportDifferences(
      AutofsImage image,
      AutofsOptions options,
      String imageName,
      String where,
      List<Finding> findings) {
    List<String> differ = new ArrayList<>();
    compare("fd", image.fd(), options.fd(), differ);
    compare("timeout", (long) image.timeout(), options.timeout(), differ);
    compare("minproto", image.minproto(), options.minproto(), differ);
    compare("maxproto", image.maxproto(), options.maxproto(), differ);
    compare("mode", AutofsMode.ofWire(image.mode()).orElse(null), options.mode(), differ);
    compare("uid", image.uid(), options.uid(), differ);
    compare("gid", image.gid(), options.gid(), differ);
    if (!differ.isEmpty()) {
      findings.add(
          Finding.of(
              FindingCode.SOURCES_DIFFER,
              where,
              "The option string and "
                  + imageName
                  + " disagree on "
                  + String.join(", ", differ)
                  + ".",
              "The restore uses " + imageName + "'s values; check which one the owner expects."));
    }
  }

  private static <T> void compare(String name, T image, Optional<T> option, List<String> out) {
    if (option.isPresent() && !Objects.equals(image, option.get())) {
      out.add(name + " (options " + option.get() + ", image " + image + ")");
    } else if (option.isEmpty() && image != null && (name.equals("uid") || name.equals("gid"))) {
      out.add(name + " (options none, image " + image + ")");
    }
  }

  private static Optional<Owner> resolveOwner(
      Dump dump, AutofsImage image, Long pipeIno, String where, List<Finding> findings) {
    Optional<ProcessEntry> found = dump.process(image.pgrp());
    if (found.isEmpty()) {
      findings.add(
          Finding.of(
              FindingCode.OWNER_NOT_IN_DUMP,
              where,
              "The owner, process group "
                  + image.pgrp()
                  + " (autofs-N.img pgrp), has no task in"
                  + " pstree.img: the daemon serving this mount was not dumped.",
              "Dump the daemon's whole process tree with it, or restore the mount with --owner"
                  + " handoff to a new automount."));
      return Optional.empty();
    }
    ProcessEntry process = found.get();
    String comm = dump.comm(process.pid()).orElse(null);
    int via = image.readFd() != null ? image.readFd() : image.fd();
    String viaName = image.readFd() != null ? "read_fd" : "fd";
    Owner unresolved =
        new Owner(
            process.pid(),
            process.ppid(),
            process.pgid(),
            process.sid(),
            comm,
            null,
            null,
            null,
            Owner.RESOLVED_BY_IMAGE);

    ImagePart<Integer> filesId = dump.filesId(process.pid());
    if (filesId.value().isEmpty()) {
      findings.add(unreadable(filesId, process, where));
      return Optional.of(unresolved);
    }
    ImagePart<List<FdEntry>> table = dump.fdTable(filesId.value().get());
    if (table.value().isEmpty()) {
      findings.add(unreadable(table, process, where));
      return Optional.of(unresolved);
    }
    ImagePart<FileTable> files = dump.files();
    if (files.value().isEmpty()) {
      findings.add(unreadable(files, process, where));
      return Optional.of(unresolved);
    }
    List<FdEntry> fds = table.value().get();
    Map<Integer, FileDescription> byId;
    try {
      byId = filesOf(fds, files.value().get());
    } catch (ImageFormatException e) {
      findings.add(unreadable(files.file(), e.getMessage(), process, where));
      return Optional.of(unresolved);
    }
    String tableName = table.file().getFileName().toString();

    FdEntry entry = null;
    for (FdEntry e : fds) {
      if (e.fd() == via) {
        entry = e;
        break;
      }
    }
    if (entry == null) {
      findings.add(
          Finding.of(
              FindingCode.PIPE_FD_MISSING,
              where,
              "fd "
                  + via
                  + " of pid "
                  + process.pid()
                  + " (AutofsEntry."
                  + viaName
                  + ") is not"
                  + " open in "
                  + tableName
                  + ".",
              "The dump does not hold the owner's pipe: re-dump, or restore with --owner"
                  + " handoff."));
      return Optional.of(unresolved);
    }
    FileDescription file = byId.get(entry.fileId());
    if (file == null || !file.isPipe()) {
      String what =
          file == null
              ? "names file id " + entry.fileId() + ", which files.img does not hold"
              : "is " + file.describe() + " (id " + file.id() + ")";
      findings.add(
          Finding.of(
              FindingCode.PIPE_FD_NOT_PIPE,
              where,
              "fd "
                  + via
                  + " of pid "
                  + process.pid()
                  + " (AutofsEntry."
                  + viaName
                  + ") "
                  + what
                  + ", not a pipe.",
              "The dump's fd table does not match the mount: re-dump, or restore with --owner"
                  + " handoff."));
      return Optional.of(unresolved);
    }
    if (pipeIno != null && pipeIno >= 0 && file.pipeId() != (long) pipeIno) {
      findings.add(
          Finding.of(
              FindingCode.PIPE_INODE_MISMATCH,
              where,
              "fd "
                  + via
                  + " of pid "
                  + process.pid()
                  + " is pipe:["
                  + file.pipeId()
                  + "], but the mount's pipe_ino is "
                  + pipeIno
                  + ".",
              "The fd was reused for another pipe: re-dump, or restore with --owner handoff."));
      return Optional.of(unresolved);
    }
    if (image.readFd() == null && !file.pipeWriteEnd()) {
      findings.add(
          Finding.of(
              FindingCode.PIPE_FD_WRONG_END,
              where,
              "fd "
                  + via
                  + " of pid "
                  + process.pid()
                  + " is the pipe's read end; the mount"
                  + " needs the write end.",
              "Re-dump; the kernel refuses a read end (EBADF at mount, EPIPE at SETPIPEFD)."));
    }
    Integer readEnd = image.readFd();
    Integer writeEnd = image.readFd() == null ? via : null;
    if (readEnd == null) {
      for (FdEntry e : fds) {
        if (isEnd(byId.get(e.fileId()), file.pipeId(), false)) {
          readEnd = e.fd();
          break;
        }
      }
    } else {
      findings.add(
          Finding.of(
              FindingCode.WRITE_END_CLOSED,
              where,
              "The owner had closed the pipe's write end (fd "
                  + image.fd()
                  + "); CRIU reached"
                  + " the pipe through its read end, fd "
                  + image.readFd()
                  + ".",
              "Nothing to do: the restore gives the mount a new pipe either way."));
    }
    return Optional.of(
        new Owner(
            process.pid(),
            process.ppid(),
            process.pgid(),
            process.sid(),
            comm,
            via,
            readEnd,
            writeEnd,
            Owner.RESOLVED_BY_IMAGE));
  }

  /** autofs-N.img is unreadable: the owner is the task that holds pipe {@code pipeIno}. */
  private static Optional<Owner> ownerByPipeIno(
      Dump dump,
      PipeHolders holders,
      long pipeIno,
      String imageName,
      String where,
      List<Finding> findings) {
    Optional<PipeHolders.Candidate> found = holders.owner(pipeIno);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PipeHolders.Candidate c = found.get();
    ProcessEntry p = c.process();
    Owner owner =
        new Owner(
            p.pid(),
            p.ppid(),
            p.pgid(),
            p.sid(),
            dump.comm(p.pid()).orElse(null),
            c.writeEndFd() != null ? c.writeEndFd() : c.readEndFd(),
            c.readEndFd(),
            c.writeEndFd(),
            Owner.RESOLVED_BY_PIPE_INO);
    String ends =
        (c.writeEndFd() == null ? "no write end" : "write end fd " + c.writeEndFd())
            + ", "
            + (c.readEndFd() == null ? "no read end" : "read end fd " + c.readEndFd());
    String others = c.others().isEmpty() ? "" : "; pid(s) " + joined(c.others()) + " hold it too";
    findings.add(
        Finding.of(
            FindingCode.OWNER_FOUND_BY_PIPE_INO,
            where,
            "Without "
                + imageName
                + ", the owner was found by scanning every task's fds for pipe:["
                + pipeIno
                + "] (the options' pipe_ino): "
                + describe(owner)
                + " holds it ("
                + ends
                + ")"
                + others
                + ".",
            "Check that this is the automount serving the mount before restoring it as the owner;"
                + " --owner handoff does not depend on it."));
    return Optional.of(owner);
  }

  private static boolean isEnd(FileDescription file, long pipeId, boolean writeEnd) {
    return file != null
        && file.isPipe()
        && file.pipeId() == pipeId
        && file.pipeWriteEnd() == writeEnd;
  }

  /**
   * The files the fds of one task name, by id: each decoded from files.img now, so that damage in
   * any of them stops the owner's resolution here, as a damaged files.img does.
   */
  private static Map<Integer, FileDescription> filesOf(List<FdEntry> fds, FileTable files)
      throws ImageFormatException {
    Map<Integer, FileDescription> byId = new HashMap<>();
    for (FdEntry e : fds) {
      FileDescription file = files.get(e.fileId());
      if (file != null) {
        byId.put(e.fileId(), file);
      }
    }
    return byId;
  }

  private static String mountpoints(List<MountEntry> mounts) {
    StringBuilder joined = new StringBuilder();
    for (MountEntry m : mounts) {
      if (joined.length() > 0) {
        joined.append(", ");
      }
      joined.append(m.mountpoint());
    }
    return joined.toString();
  }

  private static Finding unreadable(ImagePart<?> part, ProcessEntry process, String where) {
    String name = part.file().getFileName().toString();
    String what =
        part instanceof ImagePart.Damaged<?> d ? d.problem().getMessage() : name + " is absent";
    return unreadable(part.file(), what, process, where);
  }

  private static Finding unreadable(Path file, String what, ProcessEntry process, String where) {
    String name = file.getFileName().toString();
    return Finding.of(
        FindingCode.OWNER_FILES_UNREADABLE,
        where,
        "The owner's open files cannot be read (pid " + process.pid() + "): " + what + ".",
        "Copy " + name + " again from the dump host, or re-dump.");
  }

  private static String joined(List<Integer> pids) {
    StringBuilder joined = new StringBuilder();
    for (Integer pid : pids) {
      if (joined.length() > 0) {
        joined.append(", ");
      }
      joined.append(pid);
    }
    return joined.toString();
  }

  private static String describe(Owner o) {
    return (o.comm() == null ? "process" : o.comm()) + " (pid " + o.pid() + ")";
  }
}
