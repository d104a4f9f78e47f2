package org.autofsrestore.app.autofs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.autofsrestore.app.dump.AutofsImage;
import org.autofsrestore.app.dump.Dump;
import org.autofsrestore.app.dump.ImagePart;
import org.autofsrestore.app.dump.MountEntry;
import org.autofsrestore.kernel.probe.AutofsOptionString;

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
    return inspect(dump, new OwnerFds.Cache());
  }

  /** As {@link #inspect(Dump)}, the owners' fds indexed in {@code owners}. */
  static Inspection inspect(Dump dump, OwnerFds.Cache owners) {
    List<MountEntry> autofs = dump.autofsMounts();
    dump.readAhead(autofs);
    long[] superblocks = superblocks(autofs);
    PipeHolders holders = PipeHolders.scan(dump, pipesToScanFor(dump, autofs));
    List<AutofsMount> mounts = new ArrayList<>(autofs.size());
    for (MountEntry m : autofs) {
      boolean shared = usedTwice(superblocks, superblock(m));
      mounts.add(analyze(dump, m, dump.mountsBelow(m.mntId()), shared, holders, owners));
    }
    List<Finding> dumpFindings = new ArrayList<>();
    if (autofs.isEmpty()) {
      dumpFindings.add(FindingCode.NO_AUTOFS_MOUNTS.at(null, String.valueOf(dump.mountCount())));
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
      AutofsOptionString options = AutofsOptionString.parse(m.options());
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
      PipeHolders holders,
      OwnerFds.Cache owners) {
    String where = mount.mountpoint();
    List<Finding> findings = new ArrayList<>();
    AutofsOptionString options = AutofsOptionString.parse(mount.options());
    ImagePart<AutofsImage> part = dump.autofsImage(mount.superblockDevice());
    String imageName = part.file().getFileName().toString();
    Optional<AutofsMode> optionsMode = AutofsMode.ofOption(options.mode());

    // The image's values when it was read (what CRIU restores from), else the option string's.
    AutofsImage saved = part.value().orElse(null);
    Optional<AutofsMode> mode = saved != null ? AutofsMode.ofWire(saved.mode()) : optionsMode;
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

    MountFindings.image(part, imageName, where, findings);
    MountFindings.options(options, where, findings);
    MountFindings.mode(saved, imageName, options, mode, where, findings);
    MountFindings.protocol(minproto, maxproto, where, findings);
    if (saved != null) {
      MountFindings.differences(saved, options, optionsMode, imageName, where, findings);
    }
    MountFindings.droppedByCriu(options, where, findings);
    if (sharedSuperblock) {
      findings.add(FindingCode.SHARED_SUPERBLOCK.at(where, String.valueOf(mount.rootDev())));
    }
    if (!below.isEmpty() && mode.orElse(null) == AutofsMode.INDIRECT) {
      findings.add(
          FindingCode.MOUNT_BELOW_INDIRECT.at(
              where, String.valueOf(below.size()), mountpoints(below)));
    }

    Optional<Owner> owner = Optional.empty();
    if (catatonic) {
      findings.add(FindingCode.CATATONIC.at(where));
    } else if (saved != null) {
      owner = OwnerResolution.fromImage(dump, saved, pipeIno, where, findings, owners);
    } else if (pipeIno != null && pipeIno > 0) {
      owner = OwnerResolution.fromPipeHolder(dump, holders, pipeIno, imageName, where, findings);
    }
    if (owner.isPresent() && mode.isPresent() && mode.get() != AutofsMode.INDIRECT) {
      findings.add(
          FindingCode.STALE_DEVICE_IN_OWNER.at(
              where,
              OwnerResolution.describe(owner.get()),
              mode.get().option(),
              String.valueOf(mount.rootDev())));
    }
    if (SystemdUnits.owner(mount.source()).isPresent()) {
      findings.add(
          FindingCode.SYSTEMD_AUTOMOUNT.at(
              where,
              mount.source(),
              SystemdUnits.unitOrPath(where),
              SystemdUnits.restartCommand(where)));
    }
    if (!catatonic && pipeIno == null && fd != null) {
      findings.add(FindingCode.NO_PIPE_INO.at(where));
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
}
