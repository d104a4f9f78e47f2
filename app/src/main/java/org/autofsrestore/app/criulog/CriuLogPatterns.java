package org.autofsrestore.app.criulog;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.autofsrestore.app.autofs.Severity;

/**
 * Every autofs message CRIU prints, one record each, written from CRIU's own source: criu/autofs.c
 * and criu/cr-check.c of github.com/checkpoint-restore/criu (tags v2.4 to v4.2 and the 2025 master
 * print the same texts), checked against the format strings in Debian's criu 3.17 binary ({@code
 * strings $(command -v criu) | grep -i autofs}). The table in docs/DESIGN.md section 3b lists them;
 * a test checks that it lists each.
 *
 * <p>An Error or Warn line that no record matches but that is printed from criu/autofs.c or names
 * autofs is {@link #OTHER}: still a finding, with CRIU's words as its message.
 */
public final class CriuLogPatterns {
  private CriuLogPatterns() {}

  static final String AUTOFS_C = "criu/autofs.c";
  static final String CHECK_C = "criu/cr-check.c";
  static final String FILES_REG_C = "criu/files-reg.c";
  private static final String ALL = "2.4 to 4.2";
  private static final String SINCE_3_14 = "3.14 to 4.2";
  private static final String ERROR = "Error";
  private static final String WARN = "Warn";

  /** CRIU's printf arguments as they look in a line. */
  private static final String NUM = "-?\\d+";

  private static final String REDUMP_AFTER_STOP =
      " Or stop automount (SIGTERM unmounts its mounts) before the dump and start it again after"
          + " the restore.";
  private static final String RESTORE_HERE =
      " The dump itself is fine: restore the mount with autofs-restore (`restore --owner"
          + " handoff`), which makes each call itself and says which one fails and why.";

  private static final String OVERMOUNT_ACTION =
      "Let the mount expire before the checkpoint: send automount SIGUSR1 (it unmounts what is"
          + " not in use and closes its fd on the trigger) or wait for the timeout, check that"
          + " nothing is mounted on the trigger any more (its mount point appears once in"
          + " /proc/PID/mountinfo), then checkpoint again. Or stop automount before the checkpoint"
          + " and start it after the restore.";

  public static final List<CriuLogPattern> ALL_PATTERNS =
      List.of(
          // ---- dump: reading the mount's options (autofs_parse, parse_options) ----
          dump(
              "pipe-ino-missing",
              WARN,
              "Failed to find pipe_ino option (old kernel?)\\n",
              "Failed to find pipe_ino option \\(old kernel\\?\\)",
              Severity.WARNING,
              ALL,
              "The kernel prints no pipe_ino= in this autofs mount's options (kernels older than"
                  + " the autofs support CRIU needs): CRIU cannot find the mount's pipe, and its"
                  + " dump of the mount fails next.",
              "Dump on a kernel whose mountinfo shows pipe_ino= for autofs mounts (`criu check"
                  + " --feature autofs`)."
                  + REDUMP_AFTER_STOP),
          dump(
              "pipe-ino-missing-at-dump",
              ERROR,
              "Failed to find pipe_ino option (old kernel?)\\n",
              "Failed to find pipe_ino option \\(old kernel\\?\\)",
              Severity.ERROR,
              ALL,
              "CRIU refused to dump an autofs mount whose options carry no pipe_ino= (an old"
                  + " kernel): the dump failed.",
              "Dump on a kernel whose mountinfo shows pipe_ino= for autofs mounts (`criu check"
                  + " --feature autofs`)."
                  + REDUMP_AFTER_STOP),
          dump(
              "pipe-ino-unparsable",
              ERROR,
              "pipe_ino (%s) mount option parse failed\\n",
              "pipe_ino \\((?<value>[^)]*)\\) mount option parse failed",
              Severity.ERROR,
              SINCE_3_14,
              "An autofs mount's pipe_ino= option is not a number CRIU can read: the dump failed.",
              "Look at the mount's line in /proc/PID/mountinfo; a kernel printing such a value is"
                  + " not one CRIU supports."
                  + REDUMP_AFTER_STOP),
          dump(
              "pipe-ino-overflow",
              ERROR,
              "overflow: pipe_ino > UINT32_MAX\\n",
              "overflow: pipe_ino > UINT32_MAX",
              Severity.ERROR,
              SINCE_3_14,
              "An autofs mount's pipe inode is above 2^32-1, which CRIU's images cannot hold (the"
                  + " pipe id is 32 bits): the dump failed.",
              "Restart automount so that its mounts get new pipes, then dump again; report the"
                  + " kernel to CRIU if it keeps happening."),
          dump(
              "option-missing",
              ERROR,
              "Failed to find fd option\\n (and pgrp, timeout, minproto, maxproto, mode"
                  + " (direct,indirect,offset))",
              "Failed to find (?<option>fd|pgrp|timeout|minproto|maxproto"
                  + "|mode \\(direct,indirect,offset\\)) option",
              Severity.ERROR,
              ALL,
              "An autofs mount's options in mountinfo lack a value CRIU saves: the dump failed.",
              "Check the mount's line in /proc/PID/mountinfo; a kernel that prints no such option"
                  + " is not one CRIU supports."
                  + REDUMP_AFTER_STOP),
          // ---- dump: checking the master's pipe (autofs_find_read_fd, autofs_dump) ----
          dump(
              "read-end-unreadable",
              ERROR,
              "Failed to find read pipe fd (ino %ld) in process %d\\n",
              "Failed to find read pipe fd \\(ino (?<ino>"
                  + NUM
                  + ")\\) in process (?<pid>"
                  + NUM
                  + ")",
              Severity.ERROR,
              ALL,
              "CRIU could not read the fds of the mount's master (the pgrp= process) to find the"
                  + " pipe's read end: the dump failed.",
              "Check that the process is alive and that criu runs as root, then dump again."),
          dump(
              "master-without-read-end",
              ERROR,
              "Master %d doesn't have a read end of the pipe with inode %ld opened\\n",
              "Master (?<pid>"
                  + NUM
                  + ") doesn't have a read end of the pipe with inode (?<ino>"
                  + NUM
                  + ") opened",
              Severity.ERROR,
              ALL,
              "The mount's master (its pgrp= process) holds no read end of the mount's pipe: the"
                  + " daemon died without making the mount catatonic, or handed the pipe to a"
                  + " process of another group. CRIU then touches the mount to see whether it"
                  + " turns catatonic.",
              "If the daemon is gone, unmount the mount (`umount -l`) or restart automount before"
                  + " dumping; if another process serves it, that process must be the mount's"
                  + " pgrp."
                  + REDUMP_AFTER_STOP),
          continuation(
              "abandoned-or-delegated",
              "Abandoned mount or control was delegated to child?\\n",
              "Abandoned mount or control was delegated to child\\?",
              "master-without-read-end",
              "CRIU's guess at why the master holds no read end of the pipe: the daemon left"
                  + " (abandoned mount) or a child in another process group serves it.",
              "See the line before it: find who holds the pipe's read end (`ls -l /proc/*/fd`"
                  + " for pipe:[INODE])."),
          dump(
              "pipe-not-empty",
              ERROR,
              "Process %d autofs pipe fd %d is not empty.\\n",
              "Process (?<pid>" + NUM + ") autofs pipe fd (?<fd>" + NUM + ") is not empty\\.",
              Severity.ERROR,
              ALL,
              "The mount's pipe holds requests the daemon has not read yet: a lookup was waiting"
                  + " on the mount when CRIU froze the tree, and CRIU cannot save that. The dump"
                  + " failed.",
              "Dump again when nothing is waiting on the mount (no lookup in progress, the daemon"
                  + " not stopped or stuck), as CRIU says."),
          continuation(
              "try-again-later",
              "Try again later.\\n",
              "Try again later\\.",
              "pipe-not-empty",
              "CRIU's advice after finding requests in a mount's pipe.",
              "Dump again when nothing is waiting on the mount."),
          dump(
              "alive-but-unreachable",
              ERROR,
              "Autofs %d is alive, but unreachable.\\n",
              "Autofs (?<mntid>" + NUM + ") is alive, but unreachable\\.",
              Severity.ERROR,
              ALL,
              "CRIU touched a mount whose master holds no read end of its pipe, and the mount"
                  + " stayed live: some process outside the master's group still reads its pipe,"
                  + " and CRIU cannot give it back to that process. The dump failed.",
              "Find the process reading the mount's pipe and make it the owner (or stop it);"
                  + " or make the mount catatonic or unmount it before dumping."
                  + REDUMP_AFTER_STOP),
          dump(
              "mount-inaccessible",
              ERROR,
              "failed to access autofs %s\\n",
              "failed to access autofs (?<path>.+)",
              Severity.ERROR,
              ALL,
              "CRIU could not touch the mount (to see whether an abandoned mount turns"
                  + " catatonic): the dump failed.",
              "Check the lines before it; unmount or restart the mount's daemon and dump again."),
          dump(
              "revisit-mount-not-found",
              ERROR,
              "failed to find autofs mount with mnt_id %d\\n",
              "failed to find autofs mount with mnt_id (?<mntid>" + NUM + ")",
              Severity.ERROR,
              ALL,
              "After touching an abandoned mount CRIU read mountinfo again and the mount was gone"
                  + " (unmounted meanwhile): the dump failed.",
              "Dump again; the mount table changed during the dump."),
          dump(
              "pgrp-not-in-tree",
              ERROR,
              "failed to find pstree item with pid %d\\n",
              "failed to find pstree item with pid (?<pid>" + NUM + ")",
              Severity.ERROR,
              ALL,
              "The mount's master, process group pgrp=, is not in the process tree being dumped:"
                  + " CRIU could not restore its owner, so it refused to dump the mount.",
              "Dump the tree that holds the daemon (criu dump -t with an ancestor of automount),"
                  + " or have the daemon make the mount catatonic or unmount it first."),
          continuation(
              "mount-without-master",
              "Non-catatonic mount without master?\\n",
              "Non-catatonic mount without master\\?",
              "pgrp-not-in-tree",
              "CRIU's reading of a live mount whose master is not in the dumped tree.",
              "Dump the tree that holds the mount's daemon, or unmount the mount first."),
          dump(
              "write-end-unchecked",
              ERROR,
              "Failed to check fd %d in process %d\\n",
              "Failed to check fd (?<fd>" + NUM + ") in process (?<pid>" + NUM + ")",
              Severity.ERROR,
              ALL,
              "CRIU could not check whether the master still holds the pipe's write end (fd= of"
                  + " the options): the dump failed.",
              "Check that the process is alive and that criu runs as root, then dump again."),
          // ---- restore: the owner's pipe (autofs_pipe_le) ----
          restore(
              "restore-pipe-fd-missing",
              "Failed to find pipe fd %d in process %d\\n",
              "Failed to find pipe fd (?<fd>" + NUM + ") in process (?<vpid>" + NUM + ")",
              "The dump's owner (autofs-N.img pgrp) has no fd with the number autofs-N.img names"
                  + " (fd, or read_fd): criu restore cannot give the mount its pipe.",
              "Re-dump; or restore the mount with autofs-restore --owner handoff, which needs no"
                  + " saved pipe."),
          restore(
              "restore-pipe-fd-not-pipe",
              "Fd %d in process %d is not a pipe: %d\\n",
              "Fd (?<fd>"
                  + NUM
                  + ") in process (?<vpid>"
                  + NUM
                  + ") is not a pipe: (?<type>"
                  + NUM
                  + ")",
              "The fd autofs-N.img names in the owner is saved as another kind of file (the last"
                  + " number is its fdinfo type), not a pipe: criu restore cannot give the mount"
                  + " its pipe.",
              "Re-dump; or restore the mount with autofs-restore --owner handoff."),
          // ---- the ioctls: at restore (autofs_post_mount, autofs_post_open) and, to touch a
          // mount whose master holds no read end, at dump (access_autofs_mount) ----
          restore(
              "ioctl-failed",
              "%s ioctl failed",
              "(?<path>.+) ioctl failed: (?<error>.+)",
              "An autofs ioctl failed, on the mount or on /dev/autofs; the next line says which"
                  + " call it was.",
              "Read it with the next line; the error is the kernel's answer.",
              true),
          restore(
              "openmount-failed",
              "Failed to get %s fd (devid: %ld)\\n",
              "Failed to get (?<path>.+) fd \\(devid: (?<devid>" + NUM + ")\\)",
              "OPENMOUNT of the mount on /dev/autofs failed (at dump: CRIU touching a mount whose"
                  + " master holds no read end; at restore: before its ioctls): /dev/autofs is"
                  + " missing in the mount's namespace, or the kernel found no autofs mount at that"
                  + " path with that device number.",
              "Check that /dev/autofs exists where the mount is (`modprobe autofs4`; a"
                  + " container needs the device node) and that nothing is mounted over the mount"
                  + " point."),
          new CriuLogPattern(
              "open-failed",
              ERROR,
              AUTOFS_C,
              "Failed to open %s\\n",
              Pattern.compile("Failed to open (?<path>.+)"),
              Severity.ERROR,
              "criu restore could not open the restored mount for its ioctls (OPENMOUNT).",
              "See the lines before it for the kernel's answer; restore the mount with"
                  + " autofs-restore, which makes each call itself and says which one fails.",
              ALL,
              List.of("openmount-failed"),
              false),
          restore(
              "dev-autofs-open-failed",
              "failed to open %s",
              "failed to open (?<path>/dev/autofs): (?<error>.+)",
              "CRIU could not open /dev/autofs (for OPENMOUNT, SETPIPEFD or CLOSEMOUNT): there is"
                  + " no such device node where CRIU looked, the mount's namespace; the next line"
                  + " says which call needed it.",
              "Load autofs (`modprobe autofs4`) and make sure /dev/autofs (misc 10:235) exists in"
                  + " the namespace of the mounts, then run CRIU again.",
              true),
          restore(
              "settimeout-failed",
              "Failed to set timeout %ld for %s\\n",
              "Failed to set timeout (?<timeout>" + NUM + ") for (?<path>.+)",
              "SETTIMEOUT on the restored mount failed.",
              "See the line before it for the kernel's answer." + RESTORE_HERE),
          restore(
              "catatonic-failed",
              "Failed to set %s catatonic\\n",
              "Failed to set (?<path>.+) catatonic",
              "CATATONIC on the restored mount failed: criu restore parks each mount before giving"
                  + " it its owner.",
              "See the line before it for the kernel's answer." + RESTORE_HERE),
          restore(
              "setpipefd-failed",
              "Failed to set %s owner\\n",
              "Failed to set (?<path>.+) owner",
              "SETPIPEFD failed: the restored owner could not take the mount (EBUSY: not"
                  + " catatonic; EPIPE: a read end; EINVAL: the owner's process group is in"
                  + " another pid namespace than the mount's).",
              "See the line before it for the kernel's answer; restore the mount with"
                  + " autofs-restore --owner handoff and start a new automount for it."),
          restore(
              "closemount-failed",
              "Failed to close %s\\n",
              "Failed to close (?<path>.+)",
              "CLOSEMOUNT of the restored mount's ioctl fd failed.",
              "See the line before it for the kernel's answer." + RESTORE_HERE),
          restore(
              "mount-failed",
              "Failed to mount autofs to %s",
              "Failed to mount autofs to (?<path>.+): (?<error>.+)",
              "mount(2) of the autofs mount failed at restore (EINVAL: the options or the"
                  + " process group; ENODEV: no autofs in this kernel).",
              "Check that the kernel has autofs and that the mount point exists." + RESTORE_HERE),
          restore(
              "umount-failed",
              "Failed to umount %s",
              "Failed to umount (?<path>.+): (?<error>.+)",
              "After a failed step criu restore could not unmount the autofs mount it had made: it"
                  + " may still be mounted, and not served.",
              "Find it in /proc/self/mountinfo and unmount it (`umount -l`) before trying again."),
          restore(
              "dentry-failed",
              "Failed to create autofs dentry %s",
              "Failed to create autofs dentry (?<path>.+): (?<error>.+)",
              "criu restore could not create, inside the restored indirect mount, the directory of"
                  + " a mount that sat below it: CRIU makes only the last component of the path"
                  + " (mkdir, not mkdir -p), so the offsets of a multi-mount key (KEY/a) fail when"
                  + " KEY is not there yet. CRIU 4.x names the indirect mount by its dump id"
                  + " (mnt-<id>); this finding is on the mount whose directory it was. The restore"
                  + " failed.",
              "Restore the autofs mounts with this tool, which creates those directories in its"
                  + " mount stage: autofs-restore restore {dump} --root ROOT --mount {mount}, with"
                  + " a --mount for each mount above it (or no --mount: all the dump's autofs"
                  + " mounts); ROOT is where the restored tree's / is."),
          // ---- dump: a file open on a covered mount (files-reg.c, dump_one_reg_file). Read
          // only when the mount it names is an autofs mount; CRIU 3.12 to 3.18 print it without
          // the mount, fd and path, and that line is not placed (the dump-failed finding stands).
          // --
          new CriuLogPattern(
              "open-file-on-overmount",
              ERROR,
              FILES_REG_C,
              "Open files on overmounted mounts are not supported yet; mount=%d fd=%d path=%s\\n",
              Pattern.compile(
                  "Open files on overmounted mounts are not supported yet; mount=(?<mntid>"
                      + NUM
                      + ") fd=(?<openfd>"
                      + NUM
                      + ") path=(?<file>.*)"),
              Severity.ERROR,
              "CRIU refused to dump a file held open on a mount that another mount covers: on an"
                  + " autofs direct or offset mount, automount's own control fd, which it keeps"
                  + " open on the trigger while something is mounted over it (to expire it"
                  + " later). A checkpoint fails whenever such a mount is in use. The dump"
                  + " failed.",
              OVERMOUNT_ACTION,
              "3.19 to 4.2",
              List.of(),
              false),
          // ---- criu check ----
          new CriuLogPattern(
              "check-autofs-unsupported",
              ERROR,
              CHECK_C,
              "autofs not supported.\\n",
              Pattern.compile("autofs not supported\\."),
              Severity.ERROR,
              "criu check found an autofs mount without pipe_ino= in its options: this kernel's"
                  + " autofs is too old for CRIU to dump autofs mounts.",
              "Dump on a newer kernel, or unmount the autofs mounts (stop automount) before"
                  + " dumping.",
              ALL,
              List.of(),
              false),
          new CriuLogPattern(
              "check-autofs-mount-failed",
              ERROR,
              CHECK_C,
              "failed to mount autofs",
              Pattern.compile("failed to mount autofs: (?<error>.+)"),
              Severity.ERROR,
              "criu check could not mount a test autofs mount (ENODEV: the kernel has no autofs).",
              "Load autofs (`modprobe autofs4`) and run criu check again.",
              ALL,
              List.of(),
              false));

  /**
   * Any other Error or Warn line printed from criu/autofs.c or naming autofs: a finding with CRIU's
   * own words. Its level and source are those of the line.
   */
  public static final CriuLogPattern OTHER =
      new CriuLogPattern(
          "autofs-other",
          "Error or Warn",
          "criu/autofs.c, or any file when the line names autofs",
          "(any other pr_err, pr_perror or pr_warn)",
          Pattern.compile("(?i).*autofs.*"),
          Severity.ERROR,
          "CRIU reported a problem with autofs that this tool has no explanation for.",
          "Read the lines around it in the log; dump or restore again once its cause is gone.",
          ALL,
          List.of(),
          false);

  /** Every pattern, {@link #OTHER} last. */
  public static List<CriuLogPattern> all() {
    return Stream.concat(ALL_PATTERNS.stream(), Stream.of(OTHER)).toList();
  }

  private static CriuLogPattern dump(
      String id,
      String level,
      String format,
      String regex,
      Severity severity,
      String versions,
      String meaning,
      String action) {
    return new CriuLogPattern(
        id,
        level,
        AUTOFS_C,
        format,
        Pattern.compile(regex),
        severity,
        meaning,
        action,
        versions,
        List.of(),
        false);
  }

  private static CriuLogPattern continuation(
      String id, String format, String regex, String follows, String meaning, String action) {
    return new CriuLogPattern(
        id,
        ERROR,
        AUTOFS_C,
        format,
        Pattern.compile(regex),
        Severity.ERROR,
        meaning,
        action,
        ALL,
        List.of(follows),
        false);
  }

  private static CriuLogPattern restore(
      String id, String format, String regex, String meaning, String action) {
    return restore(id, format, regex, meaning, action, false);
  }

  private static CriuLogPattern restore(
      String id, String format, String regex, String meaning, String action, boolean fromNext) {
    return new CriuLogPattern(
        id,
        ERROR,
        AUTOFS_C,
        format,
        Pattern.compile(regex),
        Severity.ERROR,
        meaning,
        action,
        ALL,
        List.of(),
        fromNext);
  }
}
