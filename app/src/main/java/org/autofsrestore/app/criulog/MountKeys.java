package org.autofsrestore.app.criulog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.Owner;
import org.autofsrestore.kernel.probe.AutofsOptionString;

/**
 * What a CRIU line can name a mount by: its id, mount point, owner (as CRIU saw it from outside the
 * dump's pid namespace, and inside), pipe inode and the fds that hold its pipe. Taken from the
 * dump's analysed mounts, or, for a dump that failed before writing images, from the mountinfo
 * lines CRIU logs at -v4 while collecting mounts.
 *
 * @param fds the fds of the owner that hold the pipe; empty when unknown (then any fd agrees)
 */
public record MountKeys(
    int mntId,
    String mountpoint,
    Integer optionsPgrp,
    Integer pgrp,
    Long pipeIno,
    Set<Integer> fds) {

  /**
   * CRIU's line for each mount it collects ({@code mnt: \ttype autofs source S mnt_id 40 s_dev 0x20
   * / @ ./srv/busy flags 0x200000 options fd=1,pgrp=214,...,pipe_ino=9964}).
   */
  private static final Pattern LOGGED =
      Pattern.compile(
          "\\ttype autofs source \\S* mnt_id (\\d+) s_dev \\S+ \\S+ @ (\\S+) flags \\S+ options"
              + " (\\S*)");

  public MountKeys {
    fds = Set.copyOf(fds);
  }

  static MountKeys of(AutofsMount m) {
    Set<Integer> fds = new LinkedHashSet<>();
    addIfSet(fds, m.fd());
    addIfSet(fds, m.readFd());
    Integer ownerPid = null;
    if (m.owner().isPresent()) {
      Owner o = m.owner().get();
      ownerPid = o.pid();
      addIfSet(fds, o.readEndFd());
      addIfSet(fds, o.writeEndFd());
    }
    Integer pgrp = m.pgrp() != null ? m.pgrp() : ownerPid;
    return new MountKeys(
        m.mount().mntId(), m.mountpoint(), m.optionsPgrp(), pgrp, m.pipeIno(), fds);
  }

  static List<MountKeys> of(List<AutofsMount> mounts) {
    return mounts.stream().map(MountKeys::of).toList();
  }

  /** The mount a CRIU -v4 log line describes, if it is an autofs mount's line. */
  static Optional<MountKeys> logged(String raw) {
    if (!raw.contains("\ttype autofs ")) {
      return Optional.empty();
    }
    Matcher m = LOGGED.matcher(raw);
    if (!m.find()) {
      return Optional.empty();
    }
    if (m.group(1).length() > 9) {
      return Optional.empty(); // not a mount id CRIU prints
    }
    String at = m.group(2).startsWith(".") ? m.group(2).substring(1) : m.group(2);
    AutofsOptionString options = AutofsOptionString.parse(m.group(3));
    // fd= is the write end; CRIU's lines name the read end too, which only the images know.
    Set<Integer> fds = Set.of();
    return Optional.of(
        new MountKeys(
            Integer.parseInt(m.group(1)),
            at.isEmpty() ? "/" : at,
            options.pgrp().orElse(null),
            null,
            options.pipeIno().orElse(null),
            fds));
  }

  private static void addIfSet(Set<Integer> fds, Integer fd) {
    if (fd != null) {
      fds.add(fd);
    }
  }
}
