package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.autofsrestore.kernel.AutofsIoctl.Catatonic;
import org.autofsrestore.kernel.AutofsIoctl.ProtoVersion;
import org.autofsrestore.kernel.AutofsIoctl.SetPipeFd;
import org.autofsrestore.kernel.AutofsIoctl.SetTimeout;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.FdIdentity;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.MountApiCall.FsConfig;
import org.autofsrestore.kernel.MountApiCall.FsMount;
import org.autofsrestore.kernel.MountApiCall.FsOpen;
import org.autofsrestore.kernel.MountApiCall.MoveMount;
import org.autofsrestore.kernel.MountQuery.StatxFd;
import org.autofsrestore.kernel.PathAtCall.DirEntries;
import org.autofsrestore.kernel.PathAtCall.OpenAt2;
import org.autofsrestore.kernel.PathAtCall.UnlinkAt;
import org.autofsrestore.kernel.PathCall.MkdirAt;
import org.autofsrestore.kernel.PathCall.Open;
import org.autofsrestore.kernel.PathCall.OpenAt;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall.GetPgrp;
import org.autofsrestore.kernel.PosixCall.Umount;
import org.autofsrestore.kernel.probe.MountInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The held-fd bindings on the real kernel (6.1 and 6.12 in the VMs): openat2 confined to a root and
 * its walk where the kernel has none, mkdirat/unlinkat on held fds, the new mount API putting
 * autofs onto a held directory, the ioctls through a fd opened from the mount fd, and the unmount
 * of a mount proven by statx to be the one held. docs/DESIGN.md section 5 quotes what they show.
 */
@Tag("kernel")
@Timeout(60)
class HeldPathBindingsOnTheRealKernelTest {
  private static final int DIR = Open.O_PATH | Open.O_NOFOLLOW | Open.O_DIRECTORY | Open.O_CLOEXEC;

  @AfterEach
  void walkOff() {
    HeldPathAbi.forceWalk = false;
  }

  /** The sandbox as a root: a/t, a file f, a symlink l to an outside directory. */
  private static int root(KernelSandbox box) throws Exception {
    box.mkdir("out");
    Files.createDirectories(box.dir.resolve("root"));
    Files.createDirectories(box.dir.resolve("root/a/t"));
    Files.writeString(box.dir.resolve("root/f"), "x");
    Files.createSymbolicLink(box.dir.resolve("root/l"), box.dir.resolve("out"));
    Files.createSymbolicLink(box.dir.resolve("root/a/l"), Path.of("t"));
    return box.track(
        box.kernel.run(
            new Open(box.dir.resolve("root").toString(), Open.O_PATH | Open.O_DIRECTORY)));
  }

  private static Errno refused(KernelSandbox box, int root, String path) {
    return assertThrows(
            KernelException.class,
            () -> box.kernel.run(new OpenAt2(root, path, DIR, OpenAt2.CONFINED)),
            path)
        .errno();
  }

  private static FdIdentity id(KernelSandbox box, int fd) {
    return box.kernel.run(new StatxFd(fd));
  }

  @Test
  void openat2InTheRootRefusesEverySymlinkAndKeepsDotDotInside() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      int root = root(box);
      int t = box.track(box.kernel.run(new OpenAt2(root, "a/t", DIR, OpenAt2.CONFINED)));
      assertTrue(id(box, t).isDirectory());

      assertEquals(Errno.ELOOP, refused(box, root, "l/x"), "a symlink in the middle");
      assertEquals(Errno.ENOTDIR, refused(box, root, "l"), "a symlink as the last component");
      assertEquals(Errno.ELOOP, refused(box, root, "a/l/x"), "a relative symlink too");
      assertEquals(Errno.ENOTDIR, refused(box, root, "f/x"), "a file in the middle");
      int up = box.track(box.kernel.run(new OpenAt2(root, "../../..", DIR, OpenAt2.CONFINED)));
      assertEquals(
          box.kernel.run(new org.autofsrestore.kernel.PosixCall.Fstat(root)).ino(),
          box.kernel.run(new org.autofsrestore.kernel.PosixCall.Fstat(up)).ino(),
          "'..' at the root stays at the root (RESOLVE_IN_ROOT)");
    }
  }

  @Test
  void theWalkWithoutOpenat2RefusesSymlinksAndDotDot() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      int root = root(box);
      HeldPathAbi.forceWalk = true;
      int t = box.track(box.kernel.run(new OpenAt2(root, "a/t", DIR, OpenAt2.CONFINED)));
      assertTrue(id(box, t).isDirectory());
      assertEquals(Errno.ELOOP, refused(box, root, "l/x"));
      assertEquals(Errno.ENOTDIR, refused(box, root, "l"));
      assertEquals(Errno.ELOOP, refused(box, root, "a/l/x"));
      assertEquals(Errno.ENOTDIR, refused(box, root, "f/x"));
      assertEquals(Errno.EXDEV, refused(box, root, "a/../a"));
    }
  }

  @Test
  void mkdiratUnlinkatAndTheEntryCountWorkOnHeldFds() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      int root = root(box);
      int a = box.track(box.kernel.run(new OpenAt2(root, "a", DIR, OpenAt2.CONFINED)));
      assertEquals(2, box.kernel.run(new DirEntries(a)), "t and l");
      box.kernel.run(new MkdirAt(a, "m", 0755));
      int m = box.track(box.kernel.run(new OpenAt(a, "m", DIR)));
      assertEquals(0, box.kernel.run(new DirEntries(m)));
      assertEquals(3, box.kernel.run(new DirEntries(a)));
      box.kernel.run(new UnlinkAt(a, "m", UnlinkAt.AT_REMOVEDIR));
      assertFalse(Files.exists(box.dir.resolve("root/a/m")));
    }
  }

  @Test
  void theNewMountApiPutsAutofsOnAHeldDirectoryAndTheIoctlsWorkThroughDot() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      int root = root(box);
      int target = box.track(box.kernel.run(new OpenAt2(root, "a/t", DIR, OpenAt2.CONFINED)));
      FdIdentity before = id(box, target);
      PipeEnds p = box.pipe();
      int pgrp = box.kernel.run(new GetPgrp());
      int fs = box.track(box.kernel.run(new FsOpen("autofs", FsOpen.FSOPEN_CLOEXEC)));
      box.kernel.run(new FsConfig(fs, FsConfig.FSCONFIG_SET_STRING, "source", "held-test"));
      box.kernel.run(
          new FsConfig(fs, FsConfig.FSCONFIG_SET_STRING, "fd", Integer.toString(p.writeFd())));
      box.kernel.run(new FsConfig(fs, FsConfig.FSCONFIG_SET_STRING, "pgrp", "" + pgrp));
      box.kernel.run(new FsConfig(fs, FsConfig.FSCONFIG_SET_STRING, "minproto", "5"));
      box.kernel.run(new FsConfig(fs, FsConfig.FSCONFIG_SET_STRING, "maxproto", "5"));
      box.kernel.run(new FsConfig(fs, FsConfig.FSCONFIG_SET_FLAG, "indirect", null));
      box.kernel.run(new FsConfig(fs, FsConfig.FSCONFIG_CMD_CREATE, null, null));
      int mnt =
          box.track(
              box.kernel.run(
                  new FsMount(
                      fs,
                      FsMount.FSMOUNT_CLOEXEC,
                      FsMount.MOUNT_ATTR_NOSUID | FsMount.MOUNT_ATTR_NODEV)));
      box.close(fs);
      box.kernel.run(new MoveMount(mnt, target));

      String path = box.dir.resolve("root/a/t").toString();
      MountInfo info = box.mountinfo(path);
      FdIdentity mounted = id(box, mnt);
      assertEquals("autofs", info.fsType());
      assertEquals("held-test", info.source());
      assertTrue(info.mountOptions().contains("nosuid"), info.mountOptions());
      assertTrue(info.superOptions().contains("indirect"), info.superOptions());
      assertEquals(info.mountId(), mounted.mountId());
      assertEquals(Boolean.TRUE, mounted.mountRoot());
      assertEquals(before.mountId(), id(box, target).mountId(), "the held fd is under the mount");

      // The mount fd is O_PATH: ioctls on it fail; a fd opened from it with "." serves them.
      KernelException onPath =
          assertThrows(KernelException.class, () -> box.kernel.run(new SetTimeout(mnt, 60)));
      assertEquals(Errno.EBADF, onPath.errno());
      int io =
          box.track(
              box.kernel.run(
                  new OpenAt(mnt, ".", Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC)));
      assertEquals(5, box.kernel.run(new ProtoVersion(io)));
      assertEquals(0L, box.kernel.run(new SetTimeout(io, 60)));
      box.kernel.run(new MkdirAt(io, "k", 0755));
      box.kernel.run(new Catatonic(io));
      assertTrue(box.mountinfo(path).autofsOptions().orElseThrow().catatonic());
      box.kernel.run(new SetPipeFd(io, p.writeFd()));
      assertFalse(box.mountinfo(path).autofsOptions().orElseThrow().catatonic());
      box.kernel.run(new Catatonic(io));
      box.close(io);

      // Unmount: re-resolve, prove by statx that it is the mount made, detach through the magic
      // link of that fd (UMOUNT_NOFOLLOW would stop at the link itself: EINVAL).
      int again = box.track(box.kernel.run(new OpenAt2(root, "a/t", DIR, OpenAt2.CONFINED)));
      assertEquals(mounted.mountId(), id(box, again).mountId());
      assertEquals(mounted.dev(), id(box, again).dev());
      String link = "/proc/self/fd/" + again;
      KernelException nofollow =
          assertThrows(
              KernelException.class,
              () -> box.kernel.run(new Umount(link, Umount.MNT_DETACH | Umount.UMOUNT_NOFOLLOW)));
      assertEquals(Errno.EINVAL, nofollow.errno());
      box.kernel.run(new Umount(link, Umount.MNT_DETACH));
      assertTrue(
          org.autofsrestore.kernel.probe.MountTable.readSelf().at(path).isEmpty(), "unmounted");
      box.close(again);
      box.close(mnt);
      assertEquals(before.mountId(), id(box, target).mountId());
    }
  }
}
