package org.autofsrestore.app.autofs;

import java.util.ArrayList;
import java.util.List;

/**
 * The stable codes of findings: scripts match on {@link #code()}, which never changes meaning. A
 * code of the dump's own findings carries its two sentences, what is wrong and what to do, as
 * templates whose {@code {N}} holes {@link #at} fills with the N-th value; so a code and its text
 * are read together here, and the analysis only says which values go in.
 */
public enum FindingCode {
  AUTOFS_IMAGE_MISSING(
      "autofs-image-missing",
      Severity.ERROR,
      "{0} is absent: the dump has no saved autofs state for this mount.",
      "Copy {0} from the dump host, or re-dump; without it the values come from the option string"
          + " and the owner only from the task holding its pipe."),
  /** {0} the image's file name, {1} why it cannot be read. */
  AUTOFS_IMAGE_EMPTY("autofs-image-empty", Severity.ERROR, "{1}.", Texts.COPY_IMAGE_AGAIN),
  AUTOFS_IMAGE_DAMAGED("autofs-image-damaged", Severity.ERROR, "{1}.", Texts.COPY_IMAGE_AGAIN),
  OWNER_NOT_IN_DUMP(
      "owner-not-in-dump",
      Severity.ERROR,
      "The owner, process group {0} (autofs-N.img pgrp), has no task in pstree.img: the daemon"
          + " serving this mount was not dumped.",
      "Dump the daemon's whole process tree with it, or restore the mount with --owner handoff to"
          + " a new automount."),
  /** {0} the owner's pid, {1} what cannot be read, {2} the file to copy again. */
  OWNER_FILES_UNREADABLE(
      "owner-files-unreadable",
      Severity.ERROR,
      "The owner's open files cannot be read (pid {0}): {1}.",
      "Copy {2} again from the dump host, or re-dump."),
  /** {0} the image's file name, {1} the pipe inode, {2} the owner, {3} its ends, {4} others. */
  OWNER_FOUND_BY_PIPE_INO(
      "owner-found-by-pipe-ino",
      Severity.WARNING,
      "Without {0}, the owner was found by scanning every task's fds for pipe:[{1}] (the options'"
          + " pipe_ino): {2} holds it ({3}){4}.",
      "Check that this is the automount serving the mount before restoring it as the owner;"
          + " --owner handoff does not depend on it."),
  /** {0} the fd, {1} the owner's pid, {2} which AutofsEntry field, {3} the fdinfo image. */
  PIPE_FD_MISSING(
      "pipe-fd-missing",
      Severity.ERROR,
      "fd {0} of pid {1} (AutofsEntry.{2}) is not open in {3}.",
      "The dump does not hold the owner's pipe: re-dump, or restore with --owner handoff."),
  /** {0} the fd, {1} the owner's pid, {2} which AutofsEntry field, {3} what the fd is. */
  PIPE_FD_NOT_PIPE(
      "pipe-fd-not-pipe",
      Severity.ERROR,
      "fd {0} of pid {1} (AutofsEntry.{2}) {3}, not a pipe.",
      "The dump's fd table does not match the mount: re-dump, or restore with --owner handoff."),
  PIPE_INODE_MISMATCH(
      "pipe-inode-mismatch",
      Severity.ERROR,
      "fd {0} of pid {1} is pipe:[{2}], but the mount's pipe_ino is {3}.",
      "The fd was reused for another pipe: re-dump, or restore with --owner handoff."),
  PIPE_FD_WRONG_END(
      "pipe-fd-wrong-end",
      Severity.ERROR,
      "fd {0} of pid {1} is the pipe's read end; the mount needs the write end.",
      "Re-dump; the kernel refuses a read end (EBADF at mount, EPIPE at SETPIPEFD)."),
  WRITE_END_CLOSED(
      "write-end-closed",
      Severity.INFO,
      "The owner had closed the pipe's write end (fd {0}); CRIU reached the pipe through its read"
          + " end, fd {1}.",
      "Nothing to do: the restore gives the mount a new pipe either way."),
  NO_PIPE_INO(
      "no-pipe-ino",
      Severity.WARNING,
      "The options carry no pipe_ino (a dump from a kernel that did not print it), so the owner's"
          + " pipe cannot be checked.",
      "Check the owner's pipe fd by hand; the restore uses fd/read_fd as they are."),
  MODE_MISSING(
      "mode-missing",
      Severity.ERROR,
      "Neither autofs-N.img nor the options say whether the mount is direct, indirect or offset.",
      "Re-dump the mount, or restore it by hand with the mode its map says."),
  /** {0} the image's file name, {1} its mode, {2} the options' mode word (or "which has none"). */
  MODE_UNKNOWN(
      "mode-unknown",
      Severity.ERROR,
      "{0} has mode {1}, which is none of 0 direct, 1 indirect, 2 offset.",
      "Repair the mode from the option string ({2}) or re-dump."),
  PROTOCOL_UNSUPPORTED(
      "protocol-unsupported",
      Severity.ERROR,
      "Protocol range {0}..{1} does not meet the kernel's "
          + Texts.KERNEL_PROTOCOLS
          + ": the mount fails with EINVAL.",
      "Restore on a kernel speaking that protocol, or with a daemon that speaks "
          + Texts.KERNEL_PROTOCOLS
          + "."),
  PROTOCOL_RANGE_INVERTED(
      "protocol-range-inverted",
      Severity.ERROR,
      "minproto {0} is above maxproto {1}: the kernel refuses the mount.",
      "Re-dump; a valid dump never has min > max."),
  /** {0} the option's name, {1} what is wrong with it. */
  OPTION_MALFORMED(
      "option-malformed",
      Severity.ERROR,
      Texts.OPTION_PROBLEM,
      "The restore takes this value from autofs-N.img instead; check the dump."),
  OPTION_UNKNOWN(
      "option-unknown",
      Severity.ERROR,
      Texts.OPTION_PROBLEM,
      "The restore leaves it out of the mount options; check what set it."),
  /** {0} the options CRIU drops, joined with "and". */
  OPTION_DROPPED_BY_CRIU(
      "option-dropped-by-criu",
      Severity.WARNING,
      "The mount has {0}, which CRIU's own restore does not pass on.",
      "Restore with autofs-restore, which keeps them, or set them again by hand after a CRIU"
          + " restore."),
  /** {0} the image's file name, {1} each value that differs. */
  SOURCES_DIFFER(
      "sources-differ",
      Severity.WARNING,
      "The option string and {0} disagree on {1}.",
      "The restore uses {0}'s values; check which one the owner expects."),
  /** {0} how many mounts, {1} their mount points. */
  MOUNT_BELOW_INDIRECT(
      "mount-below-indirect",
      Severity.INFO,
      "{0} mount(s) sit below this indirect mount ({1}); their directories exist only inside the"
          + " autofs mount.",
      "The restore's mount stage creates those directories inside the new autofs mount; restore"
          + " the mounts below it afterwards."),
  /** {0} the owner, {1} the mode word, {2} the device number. */
  STALE_DEVICE_IN_OWNER(
      "stale-device-in-owner",
      Severity.WARNING,
      "The owner {0} caches this {1} mount's device number {2}; restored, the mount gets a new one"
          + " and its lookups hang.",
      "Hand the mount to a freshly started automount (--owner handoff) instead of restoring the"
          + " old owner."),
  SHARED_SUPERBLOCK(
      "shared-superblock",
      Severity.WARNING,
      "Another autofs mount in the dump shares superblock {0} (a bind mount); a restore creates a"
          + " separate superblock for each.",
      "Restore one of them and bind-mount it to the others by hand."),
  CATATONIC(
      "catatonic",
      Severity.INFO,
      "The mount was catatonic when dumped (fd=-1): it has no owner and every lookup fails with"
          + " ENOENT.",
      "It is restored parked (catatonic); start automount for it if it should work again."),
  NO_AUTOFS_MOUNTS(
      "no-autofs-mounts",
      Severity.INFO,
      "The dump holds {0} mounts and none of them is an autofs mount.",
      "Nothing to restore here; check that this is the dump you meant."),

  // What CRIU's own logs beside the images say (app.criulog): the sentences of each CRIU message
  // are its CriuLogPattern's.
  /**
   * {0} file and line, {1} CRIU's words, {2} the pattern, {3} its meaning, {4} more, {5} action.
   */
  CRIU_LOG_ERROR(
      "criu-log-error", Severity.ERROR, Source.CRIU_LOG, "{0}: CRIU said {1} ({2}). {3}{4}", "{5}"),
  CRIU_LOG_WARNING(
      "criu-log-warning",
      Severity.WARNING,
      Source.CRIU_LOG,
      "{0}: CRIU said {1} ({2}). {3}{4}",
      "{5}"),
  /** {0} the log's name, {1} which part of it was read. */
  CRIU_LOG_CUT(
      "criu-log-cut",
      Severity.INFO,
      Source.CRIU_LOG,
      "{0} was read only in part, {1}: what CRIU said in the rest is not explained here.",
      "Read the rest of {0} by hand if these findings do not explain what CRIU did."),
  /** {0} the log and line, {1} its words, {2} why the images cannot be read, {3} what to do. */
  DUMP_FAILED(
      "dump-failed",
      Severity.ERROR,
      Source.CRIU_LOG,
      "criu dump failed: {0} says \"{1}\", and the directory holds no readable images ({2}).",
      "{3}"),
  /** {0} why the images cannot be read, {1} the logs, {2} how many findings they give. */
  NO_IMAGES(
      "no-images",
      Severity.ERROR,
      Source.CRIU_LOG,
      "The directory holds no readable images ({0}), only CRIU logs ({1}), which say nothing of"
          + " a failed dump; {2} finding(s) from them follow.",
      "Give the directory that `criu dump -D DIR` wrote, with all its files; the logs' findings"
          + " say what CRIU reported about autofs."),
  /** {0} the mount's source, {1} its automount unit. */
  SYSTEMD_AUTOMOUNT(
      "systemd-automount",
      Severity.WARNING,
      "The mount is systemd's (source {0}, unit {1}): systemd ignores a request whose device number"
          + " is not the one it saved, and a restored mount has a new one, so its lookups hang.",
      "After restoring it, run systemctl restart {1}; or let systemd mount it again instead of"
          + " restoring it."),

  // The live mount namespace (inspect --live), and the dump held against it (diff).
  /** {0} why the options cannot be read. */
  LIVE_OPTIONS_MALFORMED(
      "live-options-malformed",
      Severity.ERROR,
      Source.LIVE,
      "mountinfo's autofs options cannot be read: {0}.",
      "Check the kernel's mountinfo line by hand; this mount's state is not shown."),
  /** {0} the fd, {1} the process group, {2} what to restart. */
  LIVE_OWNER_GONE(
      "live-owner-gone",
      Severity.ERROR,
      Source.LIVE,
      "The mount has an owner (fd {0}, process group {1}) but no process of that group is left.",
      "{2}"),
  /** {0} "" or "that this reader can see ", {1} the pipe inode, {2} what to restart. */
  LIVE_PIPE_UNREAD(
      "live-pipe-unread",
      Severity.ERROR,
      Source.LIVE,
      "No process {0}holds the read end of the mount's pipe:[{1}]: the next lookup gets SIGPIPE"
          + " and turns the mount catatonic.",
      "{2}"),
  /** {0} how many fd tables, {1} the pipe inode. */
  LIVE_FDS_UNSEEN(
      "live-fds-unseen",
      Severity.INFO,
      Source.LIVE,
      "{0} process(es)' fd tables could not be read (other users'): who holds pipe:[{1}] is known"
          + " only among the rest.",
      "Run as root to see every holder."),
  /** {0} how many, {1} who, {2} the owner. */
  LIVE_SLEEPERS(
      "live-sleepers",
      Severity.WARNING,
      Source.LIVE,
      "{0} process(es) asleep on this mount, waiting for its owner to answer: {1}.",
      "The owner ({2}) is not answering: restart it, or make the mount catatonic, which fails"
          + " their lookups with ENOENT at once."),
  /** {0} comm, {1} pid, {2} wchan, {3} why the mount is not known. */
  LIVE_SLEEPER_UNMATCHED(
      "live-sleeper-unmatched",
      Severity.WARNING,
      Source.LIVE,
      "{0}[{1}] is asleep in {2} on an autofs mount, but which one cannot be told: {3}.",
      "Run as root to read its blocked call's path, or look at /proc/{1}/stack and its cwd."),
  /**
   * {0} the target, {1} "" or what is mounted there instead, {2} the root, {3} the dump's mount
   * point, {4} the dump.
   */
  LIVE_MOUNT_MISSING(
      "live-mount-missing",
      Severity.ERROR,
      Source.LIVE,
      "No autofs mount is at {0}{1}.",
      "Restore it: autofs-restore restore {4} --root {2} --mount {3}."),
  /**
   * {@link #LIVE_MOUNT_MISSING} before a restore, where it is expected: {0} the target, {1} "" or
   * what is mounted there instead, {2} the root, {3} the dump's mount point, {4} the dump.
   */
  LIVE_MOUNT_NOT_RESTORED(
      "live-mount-not-restored",
      Severity.INFO,
      Source.LIVE,
      "The dump's mount is not restored at {0} yet{1}.",
      "Nothing is wrong before a restore; to restore it: autofs-restore restore {4} --root {2}"
          + " --mount {3}."),
  /** {0} the live mode, {1} the dump's. */
  LIVE_MODE_DIFFERS(
      "live-mode-differs",
      Severity.ERROR,
      Source.LIVE,
      "The mount is {0} now; the dump's was {1}.",
      "Unmount it and restore the dump's, or check the map that mounted it."),
  /** {0} the live timeout, {1} the dump's. */
  LIVE_TIMEOUT_DIFFERS(
      "live-timeout-differs",
      Severity.WARNING,
      Source.LIVE,
      "The expire timeout is {0}s now; the dump's was {1}s.",
      "Set the owner's timeout (automount --timeout, or the map's), or restore the mount again."),
  /** {0}..{1} the live range, {2}..{3} the dump's. */
  LIVE_PROTOCOL_DIFFERS(
      "live-protocol-differs",
      Severity.WARNING,
      Source.LIVE,
      "The protocol range is {0}..{1} now; the dump's was {2}..{3}.",
      "Check that the owner speaks the dump's protocol, or restore the mount again."),
  /** {0} the dump's owner, {1} what to start. */
  LIVE_CATATONIC(
      "live-catatonic",
      Severity.WARNING,
      Source.LIVE,
      "The mount is catatonic now (fd=-1): every lookup fails with ENOENT; when dumped it was owned"
          + " by {0}.",
      "{1}"),
  /** {0} the live device, {1} the dump's, {2} why it hangs, {3} what to do. */
  LIVE_DEVICE_CHANGED(
      "live-device-changed",
      Severity.ERROR,
      Source.LIVE,
      "The device number is {0} now; the dump's was {1}: {2}",
      "{3}"),
  /** {0} the mount point, {1} its mode, {2} its source. */
  LIVE_MOUNT_EXTRA(
      "live-mount-extra",
      Severity.WARNING,
      Source.LIVE,
      "An autofs mount at {0} ({1}, source {2}) is not in the dump.",
      "Check what mounted it; a restore of the dump does not mount over it"
          + " (target-already-autofs)."),

  // Pre-flight checks of a restore against the live system: the planner words these itself, from
  // what it found on the live system.
  NO_CAP_SYS_ADMIN("no-cap-sys-admin", Severity.ERROR, Source.PREFLIGHT),
  NO_DEV_AUTOFS("no-dev-autofs", Severity.ERROR, Source.PREFLIGHT),
  PATH_ESCAPES_ROOT("path-escapes-root", Severity.ERROR, Source.PREFLIGHT),
  TARGET_THROUGH_SYMLINK("target-through-symlink", Severity.ERROR, Source.PREFLIGHT),
  TARGET_NOT_DIRECTORY("target-not-directory", Severity.ERROR, Source.PREFLIGHT),
  TARGET_MISSING("target-missing", Severity.ERROR, Source.PREFLIGHT),
  TARGET_CREATED("target-created", Severity.INFO, Source.PREFLIGHT),
  TARGET_ALREADY_AUTOFS("target-already-autofs", Severity.ERROR, Source.PREFLIGHT),
  TARGET_MOUNTED("target-mounted", Severity.ERROR, Source.PREFLIGHT),
  TARGET_NOT_EMPTY("target-not-empty", Severity.ERROR, Source.PREFLIGHT),
  NOT_RESTORABLE("not-restorable", Severity.ERROR, Source.PREFLIGHT),

  // A resume's checks of a journal's run against the dump and the kernel (ResumePlanner).
  RESUME_DUMP_CHANGED("resume-dump-changed", Severity.ERROR, Source.RESUME),
  RESUME_MOUNT_GONE("resume-mount-gone", Severity.ERROR, Source.RESUME),
  RESUME_NOT_THIS_RUNS("resume-not-this-runs", Severity.ERROR, Source.RESUME),
  RESUME_DEVICE_CHANGED("resume-device-changed", Severity.ERROR, Source.RESUME);

  /** What a finding is found in. */
  public enum Source {
    /** The dump alone: the inspection's findings. */
    DUMP,
    /** The CRIU logs beside the images. */
    CRIU_LOG,
    /** The plan's pre-flight checks against the live system and the operator's options. */
    PREFLIGHT,
    /** A resume's checks of an interrupted run's journal against the dump and the kernel. */
    RESUME,
    /** The live mount namespace (inspect --live), and the dump held against it (diff). */
    LIVE
  }

  /** Text shared by several codes; an enum's constants cannot name its own static fields. */
  private static final class Texts {
    static final String COPY_IMAGE_AGAIN =
        "Copy {0} again from the dump host, or re-dump; values shown come from the option string.";
    static final String OPTION_PROBLEM = "Option '{0}': {1}.";
    static final String KERNEL_PROTOCOLS =
        AutofsAnalysis.KERNEL_MIN_PROTO + ".." + AutofsAnalysis.KERNEL_MAX_PROTO;
  }

  private final String code;
  private final Severity severity;
  private final Source source;
  private final Template message;
  private final Template action;

  FindingCode(String code, Severity severity, String message, String action) {
    this.code = code;
    this.severity = severity;
    this.source = Source.DUMP;
    this.message = Template.of(message);
    this.action = Template.of(action);
  }

  FindingCode(String code, Severity severity, Source source, String message, String action) {
    this.code = code;
    this.severity = severity;
    this.source = source;
    this.message = Template.of(message);
    this.action = Template.of(action);
  }

  FindingCode(String code, Severity severity, Source source) {
    this.code = code;
    this.severity = severity;
    this.source = source;
    this.message = null;
    this.action = null;
  }

  public Source source() {
    return source;
  }

  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }

  /**
   * This code's finding at {@code mountpoint} (null for the dump as a whole), its sentences with
   * hole {@code {N}} filled with {@code values[N]}.
   *
   * @throws IllegalStateException for a code that has no sentences of its own (a pre-flight check)
   * @throws IllegalArgumentException when a hole has no value
   */
  public Finding at(String mountpoint, String... values) {
    if (message == null) {
      throw new IllegalStateException(code + " has no sentences of its own");
    }
    return new Finding(
        this, severity, mountpoint, message.fill(this, values), action.fill(this, values));
  }

  /** A sentence cut at its holes once, so that filling it is appends only. */
  private record Template(String[] literals, int[] holes) {
    static Template of(String text) {
      List<String> literals = new ArrayList<>();
      List<Integer> holes = new ArrayList<>();
      int from = 0;
      for (int open = text.indexOf('{'); open >= 0; open = text.indexOf('{', from)) {
        int close = text.indexOf('}', open);
        literals.add(text.substring(from, open));
        holes.add(Integer.parseInt(text.substring(open + 1, close)));
        from = close + 1;
      }
      literals.add(text.substring(from));
      int[] numbers = new int[holes.size()];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = holes.get(i);
      }
      return new Template(literals.toArray(new String[0]), numbers);
    }

    String fill(FindingCode code, String[] values) {
      if (holes.length == 0) {
        return literals[0];
      }
      StringBuilder b = new StringBuilder(96);
      for (int i = 0; i < holes.length; i++) {
        if (holes[i] >= values.length) {
          throw new IllegalArgumentException(
              code.code + " needs a value for {" + holes[i] + "}, given " + values.length);
        }
        b.append(literals[i]).append(values[holes[i]]);
      }
      return b.append(literals[holes.length]).toString();
    }
  }
}
