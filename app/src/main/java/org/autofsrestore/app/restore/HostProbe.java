package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountProbe;
import org.autofsrestore.kernel.probe.PipeEndHolder;
import org.autofsrestore.kernel.probe.ProcFs;

/** Reads mountinfo and /proc of the live system for the executor. */
public final class HostProbe implements LiveProbe {
  private static final long POLL_MILLIS = 50;

  private final ProcFs proc = ProcFs.system();
  private final Kernel kernel;

  /** Reads through {@code kernel} (statmount: one mount, not the whole table, per question). */
  public HostProbe(Kernel kernel) {
    this.kernel = kernel;
  }

  /** A probe with its own kernel handle (statmount needs no /dev/autofs, nor privileges). */
  public HostProbe() {
    this(new LinuxKernel());
  }

  @Override
  public Optional<String> mountinfoLine(Path target) {
    return mount(target).map(MountInfo::line);
  }

  /** One read of the mount per poll; the last one is also the mountinfo line answered. */
  @Override
  public Waited waitForOwnerAndRead(
      Path target, long seconds, java.util.function.BooleanSupplier cancelled) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    Optional<MountInfo> read;
    do {
      read = mount(target);
      Optional<AutofsOptions> state = read.flatMap(MountInfo::autofsOptions);
      if (state.isPresent() && !state.get().catatonic()) {
        return new Waited(Optional.of(describeOwner(state.get())), read.map(MountInfo::line));
      }
      if (seconds == 0 || cancelled.getAsBoolean()) {
        break;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.nanoTime() < deadline);
    return new Waited(Optional.empty(), read.map(MountInfo::line));
  }

  private String describeOwner(AutofsOptions state) {
    StringBuilder owner = new StringBuilder("owned by pgrp " + state.pgrp() + " (fd " + state.fd());
    if (state.pipeIno().isPresent()) {
      long ino = state.pipeIno().getAsLong();
      owner.append(", pipe:[").append(ino).append(']');
      try {
        List<PipeEndHolder> holders = proc.pipeHolders(ino);
        holders.stream()
            .filter(h -> h.end().canRead())
            .findFirst()
            .ifPresent(
                h ->
                    owner
                        .append("; read end held by ")
                        .append(h.comm())
                        .append('[')
                        .append(h.pid())
                        .append("] fd ")
                        .append(h.fd()));
      } catch (IOException e) {
        owner.append("; holders unknown: ").append(e.getMessage());
      }
    }
    return owner.append(')').toString();
  }

  private Optional<MountInfo> mount(Path target) {
    try {
      return MountProbe.at(kernel, target.toString());
    } catch (IOException | org.autofsrestore.kernel.KernelException e) {
      return Optional.empty();
    }
  }
}
