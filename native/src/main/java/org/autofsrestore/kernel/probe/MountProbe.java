package org.autofsrestore.kernel.probe;

import java.io.IOException;
import java.util.Optional;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.MountQuery;
import org.autofsrestore.kernel.MountState;

/**
 * The mount at one path, read for that mount alone ({@link MountQuery.StatMount}: statx(2) and
 * statmount(2), two system calls whatever the size of the mount table) instead of by scanning all
 * of /proc/self/mountinfo ({@link MountTable#at}, which reads and parses every mount's line).
 *
 * <p>Falls back to {@code MountTable.readSelf()} when the kernel cannot answer: statmount or statx
 * mount ids missing (ENOSYS; Linux before 6.8), refused by a seccomp filter (EPERM), a field the
 * mountinfo line needs left out (an older kernel's statmount), ENOENT (see {@link #at}), or a
 * {@link Kernel} that runs nothing (a dry-run recorder answers null).
 *
 * <p>Autofs: a mount point itself is read without sending a request (AT_NO_AUTOMOUNT), whoever owns
 * the mount. But a caller outside the owner's process group, on a mount that is not catatonic,
 * waits like any other lookup while a request for that mount point is pending; and a path naming a
 * key that does not exist in the root of an indirect mount sends a request (the kernel hands such
 * names to the owner whatever the flags). Ask about mount points, or be the owner.
 */
public final class MountProbe {
  private MountProbe() {}

  /**
   * The mount at {@code path}, as its mountinfo line describes it ({@link MountInfo#line()}); empty
   * when no mount is there: the path is not the root of the mount it lies in, or it does not exist
   * (ENOTDIR; for ENOENT mountinfo decides, because a walk that waited on an autofs request that
   * then failed is ENOENT too, even over a mount point that exists).
   *
   * <p>Unlike {@link MountTable#at}, which compares the mount point as text, the kernel resolves
   * the path: intermediate symlinks and {@code ..} are followed (a symlink as the last component is
   * not), and a mount hidden under a later mount over one of its parent directories is not found.
   * For an overmounted path both give the mount on top.
   *
   * @throws KernelException for any other refusal (EACCES, ELOOP, ...)
   * @throws IOException when the fallback cannot read /proc/self/mountinfo
   */
  public static Optional<MountInfo> at(Kernel kernel, String path) throws IOException {
    MountState state;
    try {
      state = kernel.run(new MountQuery.StatMount(path));
    } catch (KernelException e) {
      switch (e.errno()) {
        case ENOSYS:
        case EPERM:
        case ENOENT:
          return MountTable.readSelf().at(path);
        case ENOTDIR:
          return Optional.empty();
        default:
          throw e;
      }
    }
    if (state == null) {
      return MountTable.readSelf().at(path);
    }
    if (!state.atPath()) {
      return Optional.empty();
    }
    if (!state.lacking().isEmpty()) {
      return state.has(MountState.STATMOUNT_MNT_BASIC)
          ? MountTable.readSelf().byId(state.oldMountId())
          : MountTable.readSelf().at(path);
    }
    return Optional.of(MountInfo.from(state));
  }
}
