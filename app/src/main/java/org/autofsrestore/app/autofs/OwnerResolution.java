package org.autofsrestore.app.autofs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.dump.AutofsImage;
import org.autofsrestore.app.dump.Dump;
import org.autofsrestore.app.dump.FdEntry;
import org.autofsrestore.app.dump.FileDescription;
import org.autofsrestore.app.dump.FileTable;
import org.autofsrestore.app.dump.ImagePart;
import org.autofsrestore.app.dump.ProcessEntry;
import org.autofsrestore.image.ImageFormatException;

/**
 * Names a live mount's owner: the task CRIU restores as the owner, and the fds through which it
 * reaches the mount's pipe. Each link of the chain that breaks is a finding, and the owner is as
 * far as the chain got.
 */
final class OwnerResolution {
  private OwnerResolution() {}

  /**
   * The owner as CRIU finds it: autofs-N.img's pgrp -> the pstree task with that pid -> its ids
   * (files_id) -> its fdinfo entries -> the files.img pipe its fd names, checked against the
   * options' {@code pipeIno}. Dump.ReadAhead reads these parts in this order, ahead of this. The
   * owner's fds are indexed once in {@code owners}, however many mounts it owns.
   */
  static Optional<Owner> fromImage(
      Dump dump,
      AutofsImage image,
      Long pipeIno,
      String where,
      List<Finding> findings,
      OwnerFds.Cache owners) {
    Optional<ProcessEntry> found = dump.process(image.pgrp());
    if (found.isEmpty()) {
      findings.add(FindingCode.OWNER_NOT_IN_DUMP.at(where, String.valueOf(image.pgrp())));
      return Optional.empty();
    }
    ProcessEntry process = found.get();
    String comm = dump.comm(process.pid()).orElse(null);
    Owner unresolved = owner(process, comm, null, null, null, Owner.RESOLVED_BY_IMAGE);

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
    OwnerFds fds;
    try {
      fds = owners.of(filesId.value().get(), table.value().get(), files.value().get());
    } catch (ImageFormatException e) {
      findings.add(unreadable(files.file(), e.getMessage(), process, where));
      return Optional.of(unresolved);
    }

    // CRIU reaches the pipe through read_fd when the owner had closed the write end.
    int via = image.readFd() != null ? image.readFd() : image.fd();
    String fd = String.valueOf(via);
    String pid = String.valueOf(process.pid());
    FdEntry entry = fds.entry(via);
    if (entry == null) {
      String tableName = table.file().getFileName().toString();
      findings.add(FindingCode.PIPE_FD_MISSING.at(where, fd, pid, viaName(image), tableName));
      return Optional.of(unresolved);
    }
    FileDescription file = fds.file(entry.fileId());
    if (file == null || !file.isPipe()) {
      String what =
          file == null
              ? "names file id " + entry.fileId() + ", which files.img does not hold"
              : "is " + file.describe() + " (id " + file.id() + ")";
      findings.add(FindingCode.PIPE_FD_NOT_PIPE.at(where, fd, pid, viaName(image), what));
      return Optional.of(unresolved);
    }
    if (pipeIno != null && pipeIno >= 0 && file.pipeId() != (long) pipeIno) {
      findings.add(
          FindingCode.PIPE_INODE_MISMATCH.at(
              where, fd, pid, String.valueOf(file.pipeId()), String.valueOf(pipeIno)));
      return Optional.of(unresolved);
    }
    Integer readEnd = image.readFd();
    Integer writeEnd = null;
    if (readEnd == null) {
      if (!file.pipeWriteEnd()) {
        findings.add(FindingCode.PIPE_FD_WRONG_END.at(where, fd, pid));
      }
      writeEnd = via;
      readEnd = fds.readEndOf(file.pipeId());
    } else {
      findings.add(
          FindingCode.WRITE_END_CLOSED.at(
              where, String.valueOf(image.fd()), String.valueOf(image.readFd())));
    }
    return Optional.of(owner(process, comm, via, readEnd, writeEnd, Owner.RESOLVED_BY_IMAGE));
  }

  /**
   * The owner when autofs-N.img cannot be read: the task that holds pipe {@code pipeIno}, found by
   * {@code holders}' scan of every task's fds.
   */
  static Optional<Owner> fromPipeHolder(
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
        owner(
            p,
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
        FindingCode.OWNER_FOUND_BY_PIPE_INO.at(
            where, imageName, String.valueOf(pipeIno), describe(owner), ends, others));
    return Optional.of(owner);
  }

  /** The owner as findings name it: its comm (or "process") and pid. */
  static String describe(Owner o) {
    return (o.comm() == null ? "process" : o.comm()) + " (pid " + o.pid() + ")";
  }

  private static Owner owner(
      ProcessEntry p,
      String comm,
      Integer pipeFd,
      Integer readEnd,
      Integer writeEnd,
      String resolvedBy) {
    return new Owner(
        p.pid(), p.ppid(), p.pgid(), p.sid(), comm, pipeFd, readEnd, writeEnd, resolvedBy);
  }

  private static String viaName(AutofsImage image) {
    return image.readFd() != null ? "read_fd" : "fd";
  }

  private static Finding unreadable(ImagePart<?> part, ProcessEntry process, String where) {
    String name = part.file().getFileName().toString();
    String what =
        part instanceof ImagePart.Damaged<?> d ? d.problem().getMessage() : name + " is absent";
    return unreadable(part.file(), what, process, where);
  }

  private static Finding unreadable(Path file, String what, ProcessEntry process, String where) {
    return FindingCode.OWNER_FILES_UNREADABLE.at(
        where, String.valueOf(process.pid()), what, file.getFileName().toString());
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
}
