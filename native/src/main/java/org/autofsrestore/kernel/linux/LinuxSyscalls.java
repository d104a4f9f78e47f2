package org.autofsrestore.kernel.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.Optional;
import org.autofsrestore.kernel.AutofsPacket;
import org.autofsrestore.kernel.DevIoctlVersion;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.FdIdentity;
import org.autofsrestore.kernel.FileStat;
import org.autofsrestore.kernel.MountQuery.StatMount;
import org.autofsrestore.kernel.MountState;
import org.autofsrestore.kernel.MountpointInfo;
import org.autofsrestore.kernel.PathCall.Open;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.Syscalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Syscalls} as libc through JNA: each primitive is one libc call (plus buffer handling), but
 * {@link #statMount}, which is statx(2) then statmount(2) (again when its buffer was too small).
 * Errors leave as JNA's {@link LastErrorException} (the errno alone) or as a {@link
 * Syscalls.Failure}; {@link LinuxKernel#run} turns both into the call's KernelException.
 *
 * <p>The /dev/autofs control fd is opened (O_RDONLY|O_CLOEXEC) on the first /dev/autofs command and
 * kept until {@link #close()}; a later command opens it again.
 */
final class LinuxSyscalls implements Syscalls {
  private static final Logger log = LoggerFactory.getLogger(LinuxSyscalls.class);

  private static final int POLLIN = 0x1;
  private static final int POLLNVAL = 0x20;

  private final String controlDevice;
  private final int statmountBuffer;
  private final Object controlLock = new Object();
  private int controlFd = -1;

  LinuxSyscalls(String controlDevice, int statmountBuffer) {
    this.controlDevice = controlDevice;
    this.statmountBuffer = statmountBuffer;
  }

  @Override
  public PipeEnds pipe2(int flags) {
    Memory fds = new Memory(8);
    LibC.pipe2(fds, flags);
    return new PipeEnds(fds.getInt(0), fds.getInt(4));
  }

  @Override
  public void mount(String source, String target, String fstype, long flags, String data) {
    LibC.mount(LibC.path(source), LibC.path(target), LibC.path(fstype), flags, LibC.path(data));
  }

  @Override
  public void umount2(String target, int flags) {
    LibC.umount2(LibC.path(target), flags);
  }

  @Override
  public FileStat stat(String path) {
    Memory buf = new Memory(StatAbi.SIZEOF_STAT);
    LibC.stat(LibC.path(path), buf);
    return StatAbi.decode(buf);
  }

  @Override
  public FileStat fstat(int fd) {
    Memory buf = new Memory(StatAbi.SIZEOF_STAT);
    LibC.fstat(fd, buf);
    return StatAbi.decode(buf);
  }

  @Override
  public void mkdir(String path, int mode) {
    LibC.mkdir(LibC.path(path), mode);
  }

  @Override
  public void mkdirat(int dirFd, String path, int mode) {
    LibC.mkdirat(dirFd, LibC.path(path), mode);
  }

  @Override
  public void rmdir(String path) {
    LibC.rmdir(LibC.path(path));
  }

  @Override
  public int open(String path, int flags) {
    return LibC.open(LibC.path(path), flags, 0);
  }

  @Override
  public int openat(int dirFd, String path, int flags) {
    return LibC.openat(dirFd, LibC.path(path), flags, 0);
  }

  @Override
  public void close(int fd) {
    LibC.close(fd);
  }

  @Override
  public int openat2(int dirFd, String path, int flags, long resolve) {
    return HeldPathAbi.openat2(dirFd, path, flags, resolve);
  }

  @Override
  public void unlinkat(int dirFd, String name, int flags) {
    LibC.unlinkat(dirFd, LibC.path(name), flags);
  }

  @Override
  public int countEntries(int fd) {
    return HeldPathAbi.countEntries(fd);
  }

  @Override
  public FdIdentity statxFd(int fd) {
    return HeldPathAbi.statx(fd);
  }

  @Override
  public int fsopen(String fsname, int flags) {
    return (int) LibC.syscall(HeldPathAbi.SYS_FSOPEN, LibC.path(fsname), flags);
  }

  @Override
  public void fsconfig(int fsFd, int cmd, String key, String value) {
    LibC.syscall(HeldPathAbi.SYS_FSCONFIG, fsFd, cmd, LibC.path(key), LibC.path(value), 0);
  }

  @Override
  public int fsmount(int fsFd, int flags, int attrFlags) {
    return (int) LibC.syscall(HeldPathAbi.SYS_FSMOUNT, fsFd, flags, attrFlags & 0xffffffffL);
  }

  @Override
  public void moveMount(int fromFd, int toFd, int flags) {
    LibC.syscall(HeldPathAbi.SYS_MOVE_MOUNT, fromFd, LibC.path(""), toFd, LibC.path(""), flags);
  }

  @Override
  public int getpgrp() {
    return LibC.getpgrp();
  }

  @Override
  public boolean poll(int fd, int timeoutMillis) {
    Memory pfd = new Memory(8);
    pfd.setInt(0, fd);
    pfd.setShort(4, (short) POLLIN);
    pfd.setShort(6, (short) 0);
    if (LibC.poll(pfd, 1, timeoutMillis) == 0) {
      return false;
    }
    if ((pfd.getShort(6) & POLLNVAL) != 0) {
      throw new Failure(Errno.EBADF, "revents POLLNVAL");
    }
    return true;
  }

  @Override
  public Optional<AutofsPacket> readPacket(int fd) {
    Memory buf = new Memory(AutofsAbi.SIZEOF_V5_PACKET);
    long n = LibC.read(fd, buf, AutofsAbi.SIZEOF_V5_PACKET);
    if (n == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(PacketCodec.decode(buf.getByteArray(0, (int) n), (int) n));
    } catch (IllegalArgumentException e) {
      throw new Failure(Errno.EPROTO, e.getMessage());
    }
  }

  @Override
  public int protover(int ioctlFd) {
    return RootIoctl.protover(ioctlFd);
  }

  @Override
  public int protosubver(int ioctlFd) {
    return RootIoctl.protosubver(ioctlFd);
  }

  @Override
  public long setTimeout(int ioctlFd, long seconds) {
    return RootIoctl.setTimeout(ioctlFd, seconds);
  }

  @Override
  public void catatonic(int ioctlFd) {
    RootIoctl.catatonic(ioctlFd);
  }

  @Override
  public DevIoctlVersion devIoctlVersion() {
    return dev().version();
  }

  @Override
  public int openMount(String path, long devid) {
    return dev().openmount(path, devid);
  }

  @Override
  public void closeMount(int ioctlFd) {
    dev().closemount(ioctlFd);
  }

  @Override
  public void setPipeFd(int ioctlFd, int pipeFd) {
    dev().setpipefd(ioctlFd, pipeFd);
  }

  @Override
  public void ready(int ioctlFd, long token) {
    dev().ready(ioctlFd, token);
  }

  @Override
  public void fail(int ioctlFd, long token, int status) {
    dev().fail(ioctlFd, token, status);
  }

  @Override
  public MountpointInfo isMountpoint(String path) {
    return dev().ismountpoint(-1, path, AutofsAbi.AUTOFS_TYPE_ANY);
  }

  /** The /dev/autofs commands on the control fd, opened first if it is not. */
  DevIoctl dev() {
    synchronized (controlLock) {
      if (controlFd < 0) {
        int flags = Open.O_RDONLY | Open.O_CLOEXEC;
        try {
          controlFd = LibC.open(LibC.path(controlDevice), flags, 0);
          log.debug("open(\"{}\", O_RDONLY|O_CLOEXEC) = {}", controlDevice, controlFd);
        } catch (LastErrorException e) {
          throw new Failure(e.getErrorCode(), null, new Open(controlDevice, flags));
        }
      }
      return new DevIoctl(controlFd);
    }
  }

  /** Closes the /dev/autofs control fd, if open. */
  void close() {
    synchronized (controlLock) {
      if (controlFd >= 0) {
        int fd = controlFd;
        controlFd = -1;
        try {
          LibC.close(fd);
        } catch (LastErrorException e) {
          log.warn("close({}) of {} failed: errno {}", fd, controlDevice, e.getErrorCode());
        }
      }
    }
  }

  /**
   * statx, then statmount with a buffer that doubles on EOVERFLOW: see {@link StatMount}. Every
   * buffer is freed before returning.
   */
  @Override
  public MountState statMount(String path) {
    long mntId;
    boolean unique;
    Boolean mountRoot;
    try (Memory stx = new Memory(MountAbi.SIZEOF_STATX)) {
      stx.clear();
      try {
        LibC.syscall(
            MountAbi.SYS_STATX,
            StatMount.AT_FDCWD,
            LibC.path(path),
            StatMount.STATX_FLAGS,
            StatMount.STATX_MNT_ID_UNIQUE,
            stx);
      } catch (LastErrorException e) {
        throw new Failure(e.getErrorCode(), "statx failed", null);
      }
      int got = stx.getInt(MountAbi.STX_MASK);
      unique = (got & StatMount.STATX_MNT_ID_UNIQUE) != 0;
      if (!unique && (got & StatMount.STATX_MNT_ID) == 0) {
        throw new Failure(
            Errno.ENOSYS, "statx filled no mount id: stx_mask 0x" + Integer.toHexString(got));
      }
      mntId = stx.getLong(MountAbi.STX_MNT_ID);
      long attributes = stx.getLong(MountAbi.STX_ATTRIBUTES);
      long known = stx.getLong(MountAbi.STX_ATTRIBUTES_MASK);
      mountRoot =
          (known & StatMount.STATX_ATTR_MOUNT_ROOT) != 0
              ? Boolean.valueOf((attributes & StatMount.STATX_ATTR_MOUNT_ROOT) != 0)
              : null;
    }
    byte[] answer = statmount(mntId, unique);
    MountState state;
    try {
      state = MountAbi.decodeStatmount(answer, path, mountRoot != null && mountRoot.booleanValue());
    } catch (IllegalArgumentException e) {
      throw new Failure(Errno.EPROTO, e.getMessage());
    }
    if (!unique && (!state.has(MountState.STATMOUNT_MNT_BASIC) || state.oldMountId() != mntId)) {
      throw new Failure(
          Errno.ENOSYS,
          "statx gave only the old mount id "
              + mntId
              + " and statmount answered for another mount");
    }
    if (mountRoot == null) {
      // A kernel that does not report STATX_ATTR_MOUNT_ROOT: compare the mount point instead.
      state = state.withAtPath(state.mountPoint().equals(path));
    }
    return state;
  }

  private byte[] statmount(long mntId, boolean unique) {
    try (Memory req = new Memory(MountAbi.MNT_ID_REQ_SIZE_VER0)) {
      req.clear();
      req.setInt(MountAbi.REQ_SIZE, MountAbi.MNT_ID_REQ_SIZE_VER0);
      req.setLong(MountAbi.REQ_MNT_ID, mntId);
      req.setLong(MountAbi.REQ_PARAM, StatMount.MASK);
      for (int size = statmountBuffer;
          ;
          size = Math.min(2 * size, LinuxKernel.STATMOUNT_BUFFER_MAX)) {
        try (Memory buf = new Memory(size)) {
          buf.clear(MountAbi.SIZEOF_STATMOUNT);
          try {
            LibC.syscall(MountAbi.SYS_STATMOUNT, req, buf, size, 0);
            return MountAbi.answer(buf, size);
          } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EOVERFLOW.number()
                && size < LinuxKernel.STATMOUNT_BUFFER_MAX) {
              log.debug(
                  "statmount(mnt_id {}): EOVERFLOW with {} bytes, again with more", mntId, size);
              continue;
            }
            String detail = "statmount(mnt_id " + mntId + ", " + size + "-byte buffer) failed";
            if (!unique) {
              throw new Failure(
                  Errno.ENOSYS,
                  detail
                      + " with errno "
                      + e.getErrorCode()
                      + " for the old mount id statx gave: statmount needs the unique one");
            }
            throw new Failure(e.getErrorCode(), detail, null);
          } catch (IllegalArgumentException e) {
            throw new Failure(Errno.EPROTO, e.getMessage());
          }
        }
      }
    }
  }
}
