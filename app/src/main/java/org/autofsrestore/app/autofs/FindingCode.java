package org.autofsrestore.app.autofs;

/**
 * The stable codes of findings: scripts match on {@link #code()}, which never changes meaning. A
 * code of the dump's own findings carries its two sentences, what is wrong and what to do, as
 * templates whose {@code {N}} holes {@link #at} fills with the N-th value; so a code and its text
 * are read together here, and the analysis only says which values go in.
 */
public enum FindingCode {
  AUTOFS_IMAGE_MISSING(
      Severity.ERROR,
      "{0} is absent: the dump has no saved autofs state for this mount.",
      "Copy {0} from the dump host, or re-dump; without it the values come from the option string"
          + " and the owner only from the task holding its pipe."),
  /** {0} the image's file name, {1} why it cannot be read. */
  AUTOFS_IMAGE_EMPTY(Severity.ERROR, "{1}.", Texts.COPY_IMAGE_AGAIN),
  AUTOFS_IMAGE_DAMAGED(Severity.ERROR, "{1}.", Texts.COPY_IMAGE_AGAIN),
  OWNER_NOT_IN_DUMP(
      Severity.ERROR,
      "The owner, process group {0} (autofs-N.img pgrp), has no task in pstree.img: the daemon"
          + " serving this mount was not dumped.",
      "Dump the daemon's whole process tree with it, or restore the mount with --owner handoff to"
          + " a new automount."),
  /** {0} the owner's pid, {1} what cannot be read, {2} the file to copy again. */
  OWNER_FILES_UNREADABLE(
      Severity.ERROR,
      "The owner's open files cannot be read (pid {0}): {1}.",
      "Copy {2} again from the dump host, or re-dump."),
  /** {0} the image's file name, {1} the pipe inode, {2} the owner, {3} its ends, {4} others. */
  OWNER_FOUND_BY_PIPE_INO(
      Severity.WARNING,
      "Without {0}, the owner was found by scanning every task's fds for pipe:[{1}] (the options'"
          + " pipe_ino): {2} holds it ({3}){4}.",
      "Check that this is the automount serving the mount before restoring it as the owner;"
          + " --owner handoff does not depend on it."),
  /** {0} the fd, {1} the owner's pid, {2} which AutofsEntry field, {3} the fdinfo image. */
  PIPE_FD_MISSING(
      Severity.ERROR,
      "fd {0} of pid {1} (AutofsEntry.{2}) is not open in {3}.",
      "The dump does not hold the owner's pipe: re-dump, or restore with --owner handoff."),
  /** {0} the fd, {1} the owner's pid, {2} which AutofsEntry field, {3} what the fd is. */
  PIPE_FD_NOT_PIPE(
      Severity.ERROR,
      "fd {0} of pid {1} (AutofsEntry.{2}) {3}, not a pipe.",
      "The dump's fd table does not match the mount: re-dump, or restore with --owner handoff."),
  PIPE_INODE_MISMATCH(
      Severity.ERROR,
      "fd {0} of pid {1} is pipe:[{2}], but the mount's pipe_ino is {3}.",
      "The fd was reused for another pipe: re-dump, or restore with --owner handoff."),
  PIPE_FD_WRONG_END(
      Severity.ERROR,
      "fd {0} of pid {1} is the pipe's read end; the mount needs the write end.",
      "Re-dump; the kernel refuses a read end (EBADF at mount, EPIPE at SETPIPEFD)."),
  WRITE_END_CLOSED(
      Severity.INFO,
      "The owner had closed the pipe's write end (fd {0}); CRIU reached the pipe through its read"
          + " end, fd {1}.",
      "Nothing to do: the restore gives the mount a new pipe either way."),
  NO_PIPE_INO(
      Severity.WARNING,
      "The options carry no pipe_ino (a dump from a kernel that did not print it), so the owner's"
          + " pipe cannot be checked.",
      "Check the owner's pipe fd by hand; the restore uses fd/read_fd as they are."),
  MODE_MISSING(
      Severity.ERROR,
      "Neither autofs-N.img nor the options say whether the mount is direct, indirect or offset.",
      "Re-dump the mount, or restore it by hand with the mode its map says."),
  /** {0} the image's file name, {1} its mode, {2} the options' mode word (or "which has none"). */
  MODE_UNKNOWN(
      Severity.ERROR,
      "{0} has mode {1}, which is none of 0 direct, 1 indirect, 2 offset.",
      "Repair the mode from the option string ({2}) or re-dump."),
  PROTOCOL_UNSUPPORTED(
      Severity.ERROR,
      "Protocol range {0}..{1} does not meet the kernel's "
          + Texts.KERNEL_PROTOCOLS
          + ": the mount fails with EINVAL.",
      "Restore on a kernel speaking that protocol, or with a daemon that speaks "
          + Texts.KERNEL_PROTOCOLS
          + "."),
  PROTOCOL_RANGE_INVERTED(
      Severity.ERROR,
      "minproto {0} is above maxproto {1}: the kernel refuses the mount.",
      "Re-dump; a valid dump never has min > max."),
  /** {0} the option's name, {1} what is wrong with it. */
  OPTION_MALFORMED(
      Severity.ERROR,
      Texts.OPTION_PROBLEM,
      "The restore takes this value from autofs-N.img instead; check the dump."),
  OPTION_UNKNOWN(
      Severity.ERROR,
      Texts.OPTION_PROBLEM,
      "The restore leaves it out of the mount options; check what set it."),
  /** {0} the options CRIU drops, joined with "and". */
  OPTION_DROPPED_BY_CRIU(
      Severity.WARNING,
      "The mount has {0}, which CRIU's own restore does not pass on.",
      "Restore with autofs-restore, which keeps them, or set them again by hand after a CRIU"
          + " restore."),
  /** {0} the image's file name, {1} each value that differs. */
  SOURCES_DIFFER(
      Severity.WARNING,
      "The option string and {0} disagree on {1}.",
      "The restore uses {0}'s values; check which one the owner expects."),
  /** {0} how many mounts, {1} their mount points. */
  MOUNT_BELOW_INDIRECT(
      Severity.INFO,
      "{0} mount(s) sit below this indirect mount ({1}); their directories exist only inside the"
          + " autofs mount.",
      "The restore's mount stage creates those directories inside the new autofs mount; restore"
          + " the mounts below it afterwards."),
  /** {0} the owner, {1} the mode word, {2} the device number. */
  STALE_DEVICE_IN_OWNER(
      Severity.WARNING,
      "The owner {0} caches this {1} mount's device number {2}; restored, the mount gets a new one"
          + " and its lookups hang.",
      "Hand the mount to a freshly started automount (--owner handoff) instead of restoring the"
          + " old owner."),
  SHARED_SUPERBLOCK(
      Severity.WARNING,
      "Another autofs mount in the dump shares superblock {0} (a bind mount); a restore creates a"
          + " separate superblock for each.",
      "Restore one of them and bind-mount it to the others by hand."),
  CATATONIC(
      Severity.INFO,
      "The mount was catatonic when dumped (fd=-1): it has no owner and every lookup fails with"
          + " ENOENT.",
      "It is restored parked (catatonic); start automount for it if it should work again."),
  NO_AUTOFS_MOUNTS(
      Severity.INFO,
      "The dump holds {0} mounts and none of them is an autofs mount.",
      "Nothing to restore here; check that this is the dump you meant."),

  // What CRIU's own logs beside the images say (app.criulog): the sentences of each CRIU message
  // are its CriuLogPattern's.
  /**
   * {0} file and line, {1} CRIU's words, {2} the pattern, {3} its meaning, {4} more, {5} action.
   */
  CRIU_LOG_ERROR(Severity.ERROR, Source.CRIU_LOG, "{0}: CRIU said {1} ({2}). {3}{4}", "{5}"),
  CRIU_LOG_WARNING(Severity.WARNING, Source.CRIU_LOG, "{0}: CRIU said {1} ({2}). {3}{4}", "{5}"),
  /** {0} the log's name, {1} which part of it was read. */
  CRIU_LOG_CUT(
      Severity.INFO,
      Source.CRIU_LOG,
      "{0} was read only in part, {1}: what CRIU said in the rest is not explained here.",
      "Read the rest of {0} by hand if these findings do not explain what CRIU did."),
  /** {0} the log and line, {1} its words, {2} why the images cannot be read, {3} what to do. */
  DUMP_FAILED(
      Severity.ERROR,
      Source.CRIU_LOG,
      "criu dump failed: {0} says \"{1}\", and the directory holds no readable images ({2}).",
      "{3}"),
  /** {0} why the images cannot be read, {1} the logs, {2} how many findings they give. */
  NO_IMAGES(
      Severity.ERROR,
      Source.CRIU_LOG,
      "The directory holds no readable images ({0}), only CRIU logs ({1}), which say nothing of"
          + " a failed dump; {2} finding(s) from them follow.",
      "Give the directory that `criu dump -D DIR` wrote, with all its files; the logs' findings"
          + " say what CRIU reported about autofs."),
  /** {0} the mount's source, {1} its automount unit, {2} the command that restarts it. */
  SYSTEMD_AUTOMOUNT(
      Severity.WARNING,
      "The mount is systemd's (source {0}, unit {1}): systemd ignores a request whose device number"
          + " is not the one it saved, and a restored mount has a new one, so its lookups hang.",
      "After restoring it, run {2}; or let systemd mount it again instead of" + " restoring it."),

  // The live mount namespace (inspect --live), and the dump held against it (diff).
  /** {0} why the options cannot be read. */
  LIVE_OPTIONS_MALFORMED(
      Severity.ERROR,
      Source.LIVE,
      "mountinfo's autofs options cannot be read: {0}.",
      "Check the kernel's mountinfo line by hand; this mount's state is not shown."),
  /** {0} the fd, {1} the process group. */
  LIVE_OWNER_GONE(
      Severity.ERROR,
      Source.LIVE,
      Texts.OWNER_GONE,
      "Start its automount again (it reconnects to the mount with a pipe it reads)."),
  /** {@link #LIVE_OWNER_GONE} of a systemd automount: {2} the command that restarts its unit. */
  LIVE_OWNER_GONE_SYSTEMD(
      Severity.ERROR, Source.LIVE, Texts.OWNER_GONE, Texts.SYSTEMD_REMOUNTS_WITH_A_PIPE),
  /** {0} "" or "that this reader can see ", {1} the pipe inode. */
  LIVE_PIPE_UNREAD(
      Severity.ERROR,
      Source.LIVE,
      Texts.PIPE_UNREAD,
      "Start its automount again (it reconnects to the mount with a pipe it reads)."),
  /** {@link #LIVE_PIPE_UNREAD} of a systemd automount: {2} the command that restarts its unit. */
  LIVE_PIPE_UNREAD_SYSTEMD(
      Severity.ERROR, Source.LIVE, Texts.PIPE_UNREAD, Texts.SYSTEMD_REMOUNTS_WITH_A_PIPE),
  /** {0} how many fd tables, {1} the pipe inode. */
  LIVE_FDS_UNSEEN(
      Severity.INFO,
      Source.LIVE,
      "{0} process(es)' fd tables could not be read (other users'): who holds pipe:[{1}] is known"
          + " only among the rest.",
      "Run as root to see every holder."),
  /** {0} how many, {1} who, {2} the owner. */
  LIVE_SLEEPERS(
      Severity.WARNING,
      Source.LIVE,
      "{0} process(es) asleep on this mount, waiting for its owner to answer: {1}.",
      "The owner ({2}) is not answering: restart it, or make the mount catatonic, which fails"
          + " their lookups with ENOENT at once."),
  /** {0} comm, {1} pid, {2} wchan, {3} why the mount is not known. */
  LIVE_SLEEPER_UNMATCHED(
      Severity.WARNING,
      Source.LIVE,
      "{0}[{1}] is asleep in {2} on an autofs mount, but which one cannot be told: {3}.",
      "Run as root to read its blocked call's path, or look at /proc/{1}/stack and its cwd."),
  /**
   * {0} the target, {1} "" or what is mounted there instead, {2} the root, {3} the dump's mount
   * point, {4} the dump.
   */
  LIVE_MOUNT_MISSING(
      Severity.ERROR,
      Source.LIVE,
      "No autofs mount is at {0}{1}.",
      "Restore it: autofs-restore restore {4} --root {2} --mount {3}."),
  /**
   * {@link #LIVE_MOUNT_MISSING} before a restore, where it is expected: {0} the target, {1} "" or
   * what is mounted there instead, {2} the root, {3} the dump's mount point, {4} the dump.
   */
  LIVE_MOUNT_NOT_RESTORED(
      Severity.INFO,
      Source.LIVE,
      "The dump's mount is not restored at {0} yet{1}.",
      "Nothing is wrong before a restore; to restore it: autofs-restore restore {4} --root {2}"
          + " --mount {3}."),
  /** {0} the live mode, {1} the dump's. */
  LIVE_MODE_DIFFERS(
      Severity.ERROR,
      Source.LIVE,
      "The mount is {0} now; the dump's was {1}.",
      "Unmount it and restore the dump's, or check the map that mounted it."),
  /** {0} the live timeout, {1} the dump's. */
  LIVE_TIMEOUT_DIFFERS(
      Severity.WARNING,
      Source.LIVE,
      "The expire timeout is {0}s now; the dump's was {1}s.",
      "Set the owner's timeout (automount --timeout, or the map's), or restore the mount again."),
  /** {0}..{1} the live range, {2}..{3} the dump's. */
  LIVE_PROTOCOL_DIFFERS(
      Severity.WARNING,
      Source.LIVE,
      "The protocol range is {0}..{1} now; the dump's was {2}..{3}.",
      "Check that the owner speaks the dump's protocol, or restore the mount again."),
  /** {0} the dump's owner. */
  LIVE_CATATONIC(
      Severity.WARNING,
      Source.LIVE,
      Texts.CATATONIC_NOW,
      "Start automount for it: it reconnects to the parked mount."),
  /** {@link #LIVE_CATATONIC} of a systemd automount: {1} the command that restarts its unit. */
  LIVE_CATATONIC_SYSTEMD(
      Severity.WARNING,
      Source.LIVE,
      Texts.CATATONIC_NOW,
      "Run {1}, so that systemd mounts it again."),
  /**
   * {0} the live device, {1} the dump's, {2} the mode word, {3} the live owner (or "its owner"),
   * {4} the command that restarts automount.
   */
  LIVE_DEVICE_CHANGED(
      Severity.ERROR,
      Source.LIVE,
      Texts.DEVICE_NOW
          + " an automount restored from the dump keeps the old number for this {2} mount and"
          + " ignores its requests, so its lookups hang.",
      "If {3} is the automount restored from the dump, restart it ({4}): a freshly started"
          + " automount reads the new number."),
  /** {0} the live device, {1} the dump's, {2} the command that restarts the automount unit. */
  LIVE_DEVICE_CHANGED_SYSTEMD(
      Severity.ERROR,
      Source.LIVE,
      Texts.DEVICE_NOW
          + " systemd compares a request's device with the one it saved and ignores this mount's"
          + " requests, so every lookup hangs.",
      "Run {2}."),
  /** {0} the mount point, {1} its mode, {2} its source. */
  LIVE_MOUNT_EXTRA(
      Severity.WARNING,
      Source.LIVE,
      "An autofs mount at {0} ({1}, source {2}) is not in the dump.",
      "Check what mounted it; a restore of the dump does not mount over it"
          + " (target-already-autofs)."),

  // Pre-flight checks of a restore against the live system and the operator's options. The
  // operator's options may lower a check's severity (weighed): a plan that only shows
  // the calls needs no privilege, and --over-existing makes a covered target a warning.
  NO_CAP_SYS_ADMIN(
      Severity.ERROR,
      Source.PREFLIGHT,
      "This process lacks CAP_SYS_ADMIN: mount and the autofs ioctls would fail with EPERM.",
      "Run the restore as root (sudo)."),
  NO_DEV_AUTOFS(
      Severity.ERROR,
      Source.PREFLIGHT,
      "/dev/autofs is missing: the kernel's autofs control device is needed for OPENMOUNT,"
          + " CATATONIC and SETPIPEFD.",
      "Load the autofs module (modprobe autofs4) or create the node (mknod /dev/autofs c 10"
          + " 235)."),
  /** {0} the dump's mount point, {1} why it is refused. */
  PATH_ESCAPES_ROOT(
      Severity.ERROR,
      Source.PREFLIGHT,
      "The dump's mount point '{0}' is refused: {1}.",
      Texts.CHECK_THE_DUMP),
  /** {0} the path that is a symlink. */
  TARGET_THROUGH_SYMLINK(
      Severity.ERROR,
      Source.PREFLIGHT,
      "{0} is a symlink; the restore never follows one (it could lead out of --root).",
      "Replace the symlink with a directory, or choose another --root."),
  /** {0} the path that is not a directory. */
  TARGET_NOT_DIRECTORY(
      Severity.ERROR,
      Source.PREFLIGHT,
      "{0} is not a directory, so nothing can be mounted there.",
      "Move it out of the way, or choose another --root."),
  /** {0} the target, {1} the first directory missing on its way. */
  TARGET_MISSING(
      Severity.ERROR,
      Source.PREFLIGHT,
      "The target {0} does not exist (from {1}).",
      "Create it, or pass --mkdir to have the restore create it."),
  /** {0} how many directories are missing, {1} the target. */
  TARGET_CREATED(
      Severity.INFO,
      Source.PREFLIGHT,
      "{0} up to {1} will be created (--mkdir).",
      "Nothing to do."),
  /** {0} the target. */
  TARGET_ALREADY_AUTOFS(
      Severity.ERROR,
      Source.PREFLIGHT,
      "An autofs file system is already mounted at {0}.",
      "Skip this mount (leave it out of --mount), or unmount the one there first."),
  /** {0} the target, {1} "" or {@link #MOUNTED_OVER}. */
  TARGET_MOUNTED(
      Severity.ERROR,
      Source.PREFLIGHT,
      "{0} is already a mount point; a restore would hide that mount{1}.",
      "Unmount what is there, leave this mount out (--mount the others), or pass --over-existing"
          + " to mount over it."),
  /** {0} the target, {1} how many entries it has, {2} "" or {@link #MOUNTED_OVER}. */
  TARGET_NOT_EMPTY(
      Severity.ERROR,
      Source.PREFLIGHT,
      "{0} is not empty ({1}); a restore would hide them{2}.",
      "Empty the directory, leave this mount out (--mount the others), or pass --over-existing"
          + " to mount over its entries (they stay, hidden, under the mount)."),
  /** {0} the code of the dump's own error, {1} that finding's action. */
  NOT_RESTORABLE(
      Severity.ERROR,
      Source.PREFLIGHT,
      "The dump's own error ({0}) leaves this mount without what a restore needs.",
      "{1}"),
  /** {0} the mount source, its NUL bytes written \\0. */
  SOURCE_HAS_NUL(
      Severity.ERROR,
      Source.PREFLIGHT,
      "The mount source '{0}' holds a NUL byte: mount(2) would be given only the part before it.",
      Texts.CHECK_THE_DUMP),

  // A resume's checks of a journal's run against the dump and the kernel (Resumption and
  // ResumePlanner). The first is a refusal of the whole resume, said as a clause after its code.
  /** {0} the dump, {1} its digest, {2} the journal's, {3} the journal. */
  RESUME_DUMP_CHANGED(
      Severity.ERROR,
      Source.RESUME,
      "the images in {0} are not the ones the run started with (SHA-256 {1}, the journal has {2}):"
          + " a plan rebuilt from them could differ from the one that ran.",
      "Resume with the dump the run used, or undo --journal {3} first."),
  /** {0} the target. */
  RESUME_MOUNT_GONE(
      Severity.ERROR,
      Source.RESUME,
      "The journal says {0} was mounted, but nothing is mounted there now.",
      "Someone unmounted it since: run undo on this journal, then restore again."),
  /** {0} the target, {1} its process group, {2} the journal's runs' process groups. */
  RESUME_NOT_THIS_RUNS(
      Severity.ERROR,
      Source.RESUME,
      "The autofs mount at {0} has process group {1}, not one of this journal's runs ({2}).",
      "Leave it out (restore --mount the others), or unmount it and resume again."),
  /** {0} the target, {1} its device now, {2} the device the run's mount had. */
  RESUME_DEVICE_CHANGED(
      Severity.ERROR,
      Source.RESUME,
      "The mount at {0} has device {1}, but this run's mount had {2}: it was mounted again since.",
      "Run undo on this journal, then restore again.");

  /**
   * The clause {@link #TARGET_MOUNTED} and {@link #TARGET_NOT_EMPTY} end with under
   * --over-existing.
   */
  public static final String MOUNTED_OVER = " (--over-existing: mounted over)";

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
    static final String CHECK_THE_DUMP =
        "Check where this dump came from; restore the other mounts with --mount.";
    static final String OWNER_GONE =
        "The mount has an owner (fd {0}, process group {1}) but no process of that group is left.";
    static final String PIPE_UNREAD =
        "No process {0}holds the read end of the mount's pipe:[{1}]: the next lookup gets SIGPIPE"
            + " and turns the mount catatonic.";
    static final String SYSTEMD_REMOUNTS_WITH_A_PIPE =
        "Run {2}: systemd mounts it again with a pipe it reads.";
    static final String CATATONIC_NOW =
        "The mount is catatonic now (fd=-1): every lookup fails with ENOENT; when dumped it was"
            + " owned by {0}.";
    static final String DEVICE_NOW = "The device number is {0} now; the dump's was {1}:";
    static final String KERNEL_PROTOCOLS =
        AutofsAnalysis.KERNEL_MIN_PROTO + ".." + AutofsAnalysis.KERNEL_MAX_PROTO;
  }

  private final String code;
  private final Severity severity;
  private final Source source;
  private final FindingTemplate message;
  private final FindingTemplate action;

  FindingCode(Severity severity, String message, String action) {
    this(severity, Source.DUMP, message, action);
  }

  FindingCode(Severity severity, Source source, String message, String action) {
    // The code is the constant's name in lower case with dashes: renaming one renames its code.
    this.code = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    this.severity = severity;
    this.source = source;
    this.message = FindingTemplate.of(message);
    this.action = FindingTemplate.of(action);
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
   * @throws IllegalArgumentException when a hole has no value
   */
  public Finding at(String mountpoint, String... values) {
    return weighed(severity, mountpoint, values);
  }

  /**
   * {@link #at(String, String...)} with another severity than the code's: a pre-flight check whose
   * weight the operator's options change (a plan that will not run, --over-existing).
   */
  public Finding weighed(Severity weight, String mountpoint, String... values) {
    return new Finding(
        this, weight, mountpoint, message.fill(this, values), action.fill(this, values));
  }

  /** How many values its sentences take: one more than their highest hole. */
  int valuesNeeded() {
    return Math.max(message.valuesNeeded(), action.valuesNeeded());
  }

  /** The action alone, its holes filled: for a refusal at run time that says the same. */
  public String action(String... values) {
    return action.fill(this, values);
  }
}
