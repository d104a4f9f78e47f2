package org.autofsrestore.app.live;

import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.PipeEndHolder;

/**
 * One autofs mount of the live mount namespace, in the terms of a dump's inspection.
 *
 * @param info its mountinfo line
 * @param options the autofs state of its super options; empty when they cannot be read
 * @param mode direct, indirect or offset, as the options say
 * @param systemdUnit the automount unit, when systemd owns the mount (source systemd-PID)
 * @param owner the process group of its options and the process leading it; empty when the options
 *     cannot be read
 * @param pipeHolders the fds on its pipe (read and write ends), in pid order
 * @param fdTablesUnread how many processes' fd tables could not be read while looking for them
 * @param sleepers the processes asleep on it
 * @param findings what is wrong with it
 */
public record LiveMount(
    MountInfo info,
    Optional<AutofsOptions> options,
    Optional<AutofsMode> mode,
    Optional<String> systemdUnit,
    Optional<LiveOwner> owner,
    List<PipeEndHolder> pipeHolders,
    int fdTablesUnread,
    List<LiveSleeper> sleepers,
    List<Finding> findings) {
  public LiveMount {
    pipeHolders = List.copyOf(pipeHolders);
    sleepers = List.copyOf(sleepers);
    findings = List.copyOf(findings);
  }

  public String mountpoint() {
    return info.mountPoint();
  }

  /** The device number as mountinfo prints it, e.g. 0:52. */
  public String device() {
    return info.major() + ":" + info.minor();
  }

  public boolean catatonic() {
    return options.isPresent() && options.get().catatonic();
  }

  /** The processes that hold the read end: the owner that answers its requests. */
  public List<PipeEndHolder> readers() {
    return pipeHolders.stream().filter(h -> h.end().canRead()).toList();
  }
}
