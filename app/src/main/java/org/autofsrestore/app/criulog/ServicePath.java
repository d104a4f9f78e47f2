package org.autofsrestore.app.criulog;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mount a path below CRIU 4.x's service folder is about. CRIU's restore mounts each mount at
 * {@code /tmp/.criu.mntns.XXXXXX/mnt-%010d} with the dump's mount id (criu/mount.c,
 * get_plain_mountpoint, from mountpoints-N.img's mnt_id) and names it so in its logs; a path below
 * it ({@code mnt-0000000040/multi/a}) is a directory inside that mount, the mount point of a mount
 * below it (autofs.c's autofs_create_dentries joins the child's mount point relative to its
 * parent's). The mount named is then that child when the dump has it, else the mount of the id.
 */
final class ServicePath {
  private static final Pattern PLAIN = Pattern.compile("/mnt-(\\d{10})(/[^\\x00]*)?$");

  private ServicePath() {}

  /** Whether {@code path} is one of CRIU's mnt-ID paths (then only this class places it). */
  static boolean isServicePath(String path) {
    return PLAIN.matcher(path).find();
  }

  /**
   * The index in {@code mounts} of the mount {@code path} names through CRIU's service folder;
   * empty when it names no mount of the dump, or is no mnt-ID path.
   */
  static Optional<Integer> mount(String path, List<MountKeys> mounts) {
    Matcher m = PLAIN.matcher(path);
    if (!m.find()) {
      return Optional.empty();
    }
    long id = Long.parseLong(m.group(1));
    String below = m.group(2) == null ? "" : m.group(2);
    while (below.endsWith("/") && below.length() > 1) {
      below = below.substring(0, below.length() - 1);
    }
    int parent = -1;
    for (int i = 0; i < mounts.size(); i++) {
      if (mounts.get(i).mntId() == id) {
        parent = i;
      }
    }
    if (parent < 0) {
      return Optional.empty();
    }
    if (below.isEmpty() || below.equals("/")) {
      return Optional.of(parent);
    }
    String base = mounts.get(parent).mountpoint();
    String child = (base.equals("/") ? "" : base) + below;
    for (int i = 0; i < mounts.size(); i++) {
      if (mounts.get(i).mountpoint().equals(child)) {
        return Optional.of(i);
      }
    }
    return Optional.of(parent);
  }
}
