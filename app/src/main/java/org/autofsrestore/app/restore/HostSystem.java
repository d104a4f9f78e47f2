package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;

/** The live system this program runs on, read from /proc and the file system. */
public final class HostSystem implements LiveSystem {
  private static final int CAP_SYS_ADMIN = 21;

  @Override
  public boolean hasCapSysAdmin() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
          return (caps & (1L << CAP_SYS_ADMIN)) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no /proc: say no, the restore would fail anyway
    }
    return false;
  }

  @Override
  public Optional<String> devAutofsVersion() {
    if (!Files.exists(Path.of(LinuxKernel.DEV_AUTOFS))) {
      return Optional.empty();
    }
    // VERSION needs no privilege; it proves the node is the autofs control device.
    try (LinuxKernel kernel = new LinuxKernel()) {
      return Optional.of(kernel.run(new AutofsIoctl.Version()).toString());
    } catch (KernelException e) {
      return Optional.empty();
    }
  }

  @Override
  public PathKind kindOf(Path path) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isSymbolicLink()) {
        return PathKind.SYMLINK;
      }
      return a.isDirectory() ? PathKind.DIRECTORY : PathKind.OTHER;
    } catch (java.nio.file.NoSuchFileException e) {
      return PathKind.MISSING;
    } catch (IOException e) {
      return PathKind.OTHER;
    }
  }

  /**
   * The autofs mount points of this mount namespace, read once: a plan is a function of one
   * snapshot of the live system, and one read serves every mount of it.
   */
  private java.util.Set<String> autofsMountpoints;

  private java.util.Set<String> mountpoints;

  @Override
  public synchronized boolean isMountpoint(Path path) {
    if (mountpoints == null) {
      java.util.Set<String> found = new java.util.HashSet<>();
      try {
        for (MountInfo m : MountTable.readSelf().entries()) {
          found.add(m.mountPoint());
        }
      } catch (IOException e) {
        // no /proc: nothing is known to be mounted
      }
      mountpoints = found;
    }
    return mountpoints.contains(path.toAbsolutePath().normalize().toString());
  }

  /**
   * Counts a directory's entries, read only (the run checks again on its held fd); a path that is
   * not a plain directory counts 0 here, TargetPath refuses it.
   */
  @Override
  public int entries(Path path) {
    if (kindOf(path) != PathKind.DIRECTORY) {
      return 0;
    }
    try (java.util.stream.Stream<Path> list = Files.list(path)) {
      return (int) Math.min(Integer.MAX_VALUE, list.limit(1000).count());
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Override
  public synchronized boolean isAutofsMountpoint(Path path) {
    if (autofsMountpoints == null) {
      java.util.Set<String> found = new java.util.HashSet<>();
      try {
        for (MountInfo m : MountTable.readSelf().autofs()) {
          found.add(m.mountPoint());
        }
      } catch (IOException e) {
        // no /proc: nothing is known to be mounted
      }
      autofsMountpoints = found;
    }
    return autofsMountpoints.contains(path.toAbsolutePath().normalize().toString());
  }
}
