package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.autofsrestore.kernel.KernelCall;
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
      return Optional.of(kernel.run(new KernelCall.Version()).toString());
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

  @Override
  public boolean isAutofsMountpoint(Path path) {
    try {
      return MountTable.readSelf()
          .at(path.toAbsolutePath().normalize().toString())
          .map(MountInfo::isAutofs)
          .orElse(false);
    } catch (IOException e) {
      return false;
    }
  }
}
