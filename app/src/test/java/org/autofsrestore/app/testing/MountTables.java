package org.autofsrestore.app.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;

/** The kernel's autofs mounts under a test's root, compared run to run, and their cleanup. */
public final class MountTables {
  private MountTables() {}

  /**
   * The autofs mounts under {@code root} as the kernel shows them, without what differs between two
   * runs of the same plan: the pipe's fd number and inode, and the owner's process group (only
   * whether it is parked stays). The root itself reads as {@code <root>}.
   */
  public static List<String> under(Path root) throws IOException {
    List<String> lines = new ArrayList<>();
    for (MountInfo m : MountTable.readSelf().under(root.toString())) {
      if (!m.isAutofs()) {
        continue;
      }
      AutofsOptions o = m.autofsOptions().orElseThrow();
      lines.add(
          (m.mountPoint()
                  + " "
                  + m.source()
                  + " "
                  + m.mountOptions()
                  + " "
                  + o.mode()
                  + " timeout="
                  + o.timeout()
                  + " proto="
                  + o.minproto()
                  + ".."
                  + o.maxproto()
                  + (o.catatonic() ? " parked" : " held"))
              .replace(root.toString(), "<root>"));
    }
    return lines;
  }

  /** Detaches every mount under {@code root}, deepest first; what is gone already is skipped. */
  public static void unmountUnder(Path root) throws IOException {
    try (LinuxKernel kernel = new LinuxKernel()) {
      List<MountInfo> under = MountTable.readSelf().under(root.toString());
      for (int i = under.size() - 1; i >= 0; i--) {
        try {
          kernel.run(new PosixCall.Umount(under.get(i).mountPoint(), PosixCall.Umount.MNT_DETACH));
        } catch (RuntimeException e) {
          // gone already
        }
      }
    }
  }
}
