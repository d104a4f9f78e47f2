package org.autofsrestore.kernel.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Platform;
import java.util.Optional;
import org.autofsrestore.kernel.AutofsPacket;
import org.autofsrestore.kernel.DevIoctlVersion;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.FileStat;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.KernelCall.Catatonic;
import org.autofsrestore.kernel.KernelCall.Close;
import org.autofsrestore.kernel.KernelCall.CloseMount;
import org.autofsrestore.kernel.KernelCall.Fail;
import org.autofsrestore.kernel.KernelCall.Fstat;
import org.autofsrestore.kernel.KernelCall.GetPgrp;
import org.autofsrestore.kernel.KernelCall.GetPid;
import org.autofsrestore.kernel.KernelCall.IsMountpoint;
import org.autofsrestore.kernel.KernelCall.Lstat;
import org.autofsrestore.kernel.KernelCall.Mkdir;
import org.autofsrestore.kernel.KernelCall.MkdirAt;
import org.autofsrestore.kernel.KernelCall.Mount;
import org.autofsrestore.kernel.KernelCall.Open;
import org.autofsrestore.kernel.KernelCall.OpenAt;
import org.autofsrestore.kernel.KernelCall.OpenMount;
import org.autofsrestore.kernel.KernelCall.Pipe2;
import org.autofsrestore.kernel.KernelCall.Poll;
import org.autofsrestore.kernel.KernelCall.ProtoSubversion;
import org.autofsrestore.kernel.KernelCall.ProtoVersion;
import org.autofsrestore.kernel.KernelCall.ReadPacket;
import org.autofsrestore.kernel.KernelCall.Ready;
import org.autofsrestore.kernel.KernelCall.Rmdir;
import org.autofsrestore.kernel.KernelCall.SetPipeFd;
import org.autofsrestore.kernel.KernelCall.SetTimeout;
import org.autofsrestore.kernel.KernelCall.Stat;
import org.autofsrestore.kernel.KernelCall.StatMount;
import org.autofsrestore.kernel.KernelCall.Umount;
import org.autofsrestore.kernel.KernelCall.Version;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.MountState;
import org.autofsrestore.kernel.MountpointInfo;
import org.autofsrestore.kernel.PipeEnds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Kernel}: each {@link KernelCall} is one libc call (through JNA direct mapping) on
 * this process, but {@link StatMount}, which is statx(2) then statmount(2) (again when its buffer
 * was too small), both through syscall(2). The /dev/autofs control fd is opened
 * (O_RDONLY|O_CLOEXEC) on the first /dev/autofs command and kept until {@link #close()}; a later
 * command opens it again.
 *
 * <p>Thread-safe: calls keep no state but the control fd; {@link #close()} must not race a running
 * /dev/autofs command. EINTR is reported, not retried. Calls are logged at DEBUG with their text
 * and result. x86_64 Linux only: the struct layouts in {@link AutofsAbi}, {@link StatAbi} and
 * {@link MountAbi} and the system call numbers are that ABI's.
 */
public final class LinuxKernel implements Kernel, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LinuxKernel.class);

  /** The autofs control device. */
  public static final String DEV_AUTOFS = "/dev/autofs";

  private static final int POLLIN = 0x1;
  private static final int POLLNVAL = 0x20;

  /** The first statmount buffer: struct statmount and 15.5 KiB of strings. */
  static final int STATMOUNT_BUFFER = 16 * 1024;

  /** The largest statmount buffer offered before EOVERFLOW is reported. */
  static final int STATMOUNT_BUFFER_MAX = 1024 * 1024;

  private final String controlDevice;
  private final int statmountBuffer;
  private final Object controlLock = new Object();
  private int controlFd = -1;
  private final Calls calls = new Calls();

  public LinuxKernel() {
    this(DEV_AUTOFS);
  }

  /** A kernel whose /dev/autofs commands go through {@code controlDevice}. */
  public LinuxKernel(String controlDevice) {
    this(controlDevice, STATMOUNT_BUFFER);
  }

  /** For this package's tests: a first statmount buffer of {@code statmountBuffer} bytes. */
  LinuxKernel(String controlDevice, int statmountBuffer) {
    if (statmountBuffer < MountAbi.SIZEOF_STATMOUNT || statmountBuffer > STATMOUNT_BUFFER_MAX) {
      throw new IllegalArgumentException("statmount buffer of " + statmountBuffer + " bytes");
    }
    this.statmountBuffer = statmountBuffer;
    if (!isSupportedPlatform()) {
      throw new UnsupportedOperationException(
          "LinuxKernel needs x86_64 Linux; this is "
              + System.getProperty("os.name")
              + " "
              + System.getProperty("os.arch"));
    }
    this.controlDevice = controlDevice;
  }

  /** True on x86_64 Linux, the only ABI the structs here are laid out for. */
  public static boolean isSupportedPlatform() {
    return Platform.isLinux() && Platform.isIntel() && Platform.is64Bit();
  }

  @Override
  public <R> R run(KernelCall<R> call) {
    try {
      R result = call.accept(calls);
      if (log.isDebugEnabled()) {
        log.debug("{} = {}", call.text(), result == null ? "0" : result);
      }
      return result;
    } catch (KernelException e) {
      log.debug("{}", e.getMessage());
      throw e;
    }
  }

  /** Closes the /dev/autofs control fd, if open. */
  @Override
  public void close() {
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

  private DevIoctl dev(KernelCall<?> forCall) {
    synchronized (controlLock) {
      if (controlFd < 0) {
        int flags = Open.O_RDONLY | Open.O_CLOEXEC;
        try {
          controlFd = LibC.open(LibC.path(controlDevice), flags, 0);
          log.debug("open(\"{}\", O_RDONLY|O_CLOEXEC) = {}", controlDevice, controlFd);
        } catch (LastErrorException e) {
          throw new KernelException(
              new Open(controlDevice, flags), errno(e), "needed to run " + forCall.text());
        }
      }
      return new DevIoctl(controlFd);
    }
  }

  static Errno errno(LastErrorException e) {
    return Errno.forNumber(e.getErrorCode()).orElse(Errno.EIO);
  }

  private static KernelException failed(KernelCall<?> call, LastErrorException e) {
    return failed(call, e, null);
  }

  private static KernelException failed(KernelCall<?> call, LastErrorException e, String detail) {
    Optional<Errno> known = Errno.forNumber(e.getErrorCode());
    if (known.isPresent()) {
      return new KernelException(call, known.get(), detail);
    }
    String unknown = "unknown errno " + e.getErrorCode();
    return new KernelException(call, Errno.EIO, detail == null ? unknown : detail + ", " + unknown);
  }

  /** The dispatch: one method per call, each one libc call (plus buffer handling) but statMount. */
  private final class Calls implements KernelCall.Handler {
    @Override
    public PipeEnds pipe2(Pipe2 call) {
      Memory fds = new Memory(8);
      try {
        LibC.pipe2(fds, call.flags());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return new PipeEnds(fds.getInt(0), fds.getInt(4));
    }

    @Override
    public Void mount(Mount call) {
      try {
        LibC.mount(
            LibC.path(call.source()),
            LibC.path(call.target()),
            LibC.path(call.fstype()),
            call.flags(),
            LibC.path(call.data()));
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public Void umount(Umount call) {
      try {
        LibC.umount2(LibC.path(call.target()), call.flags());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public FileStat stat(Stat call) {
      Memory buf = new Memory(StatAbi.SIZEOF_STAT);
      try {
        LibC.stat(LibC.path(call.path()), buf);
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return StatAbi.decode(buf);
    }

    @Override
    public FileStat lstat(Lstat call) {
      Memory buf = new Memory(StatAbi.SIZEOF_STAT);
      try {
        LibC.lstat(LibC.path(call.path()), buf);
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return StatAbi.decode(buf);
    }

    @Override
    public FileStat fstat(Fstat call) {
      Memory buf = new Memory(StatAbi.SIZEOF_STAT);
      try {
        LibC.fstat(call.fd(), buf);
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return StatAbi.decode(buf);
    }

    @Override
    public Void mkdir(Mkdir call) {
      try {
        LibC.mkdir(LibC.path(call.path()), call.mode());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public Void rmdir(Rmdir call) {
      try {
        LibC.rmdir(LibC.path(call.path()));
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public Integer open(Open call) {
      try {
        return LibC.open(LibC.path(call.path()), call.flags(), 0);
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
    }

    @Override
    public Integer openAt(OpenAt call) {
      try {
        return LibC.openat(call.dirFd(), LibC.path(call.path()), call.flags(), 0);
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
    }

    @Override
    public Void mkdirAt(MkdirAt call) {
      try {
        LibC.mkdirat(call.dirFd(), LibC.path(call.path()), call.mode());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public Void close(Close call) {
      try {
        LibC.close(call.fd());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public Integer getPid(GetPid call) {
      return LibC.getpid();
    }

    @Override
    public Integer getPgrp(GetPgrp call) {
      return LibC.getpgrp();
    }

    @Override
    public Boolean poll(Poll call) {
      Memory pfd = new Memory(8);
      pfd.setInt(0, call.fd());
      pfd.setShort(4, (short) POLLIN);
      pfd.setShort(6, (short) 0);
      int ready;
      try {
        ready = LibC.poll(pfd, 1, call.timeoutMillis());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      if (ready == 0) {
        return false;
      }
      if ((pfd.getShort(6) & POLLNVAL) != 0) {
        throw new KernelException(call, Errno.EBADF, "revents POLLNVAL");
      }
      return true;
    }

    @Override
    public Optional<AutofsPacket> readPacket(ReadPacket call) {
      Memory buf = new Memory(AutofsAbi.SIZEOF_V5_PACKET);
      long n;
      try {
        n = LibC.read(call.fd(), buf, AutofsAbi.SIZEOF_V5_PACKET);
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      if (n == 0) {
        return Optional.empty();
      }
      try {
        return Optional.of(PacketCodec.decode(buf.getByteArray(0, (int) n), (int) n));
      } catch (IllegalArgumentException e) {
        throw new KernelException(call, Errno.EPROTO, e.getMessage());
      }
    }

    @Override
    public DevIoctlVersion version(Version call) {
      try {
        return dev(call).version();
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
    }

    @Override
    public Integer protoVersion(ProtoVersion call) {
      try {
        return RootIoctl.protover(call.ioctlFd());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
    }

    @Override
    public Integer protoSubversion(ProtoSubversion call) {
      try {
        return RootIoctl.protosubver(call.ioctlFd());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
    }

    @Override
    public Integer openMount(OpenMount call) {
      try {
        return dev(call).openmount(call.path(), call.devid());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
    }

    @Override
    public Void closeMount(CloseMount call) {
      try {
        dev(call).closemount(call.ioctlFd());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public Long setTimeout(SetTimeout call) {
      try {
        return RootIoctl.setTimeout(call.ioctlFd(), call.seconds());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
    }

    @Override
    public Void catatonic(Catatonic call) {
      try {
        RootIoctl.catatonic(call.ioctlFd());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public Void setPipeFd(SetPipeFd call) {
      try {
        dev(call).setpipefd(call.ioctlFd(), call.pipeFd());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public Void ready(Ready call) {
      try {
        dev(call).ready(call.ioctlFd(), call.token());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public Void fail(Fail call) {
      try {
        dev(call).fail(call.ioctlFd(), call.token(), -call.status().number());
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
      return null;
    }

    @Override
    public MountState statMount(StatMount call) {
      return LinuxKernel.this.statMount(call);
    }

    @Override
    public MountpointInfo isMountpoint(IsMountpoint call) {
      try {
        return dev(call).ismountpoint(-1, call.path(), AutofsAbi.AUTOFS_TYPE_ANY);
      } catch (LastErrorException e) {
        throw failed(call, e);
      }
    }
  }

  /**
   * statx, then statmount with a buffer that doubles on EOVERFLOW: see {@link StatMount}. Every
   * buffer is freed before returning.
   */
  private MountState statMount(StatMount call) {
    long mntId;
    boolean unique;
    Boolean mountRoot;
    try (Memory stx = new Memory(MountAbi.SIZEOF_STATX)) {
      stx.clear();
      try {
        LibC.syscall(
            MountAbi.SYS_STATX,
            StatMount.AT_FDCWD,
            LibC.path(call.path()),
            StatMount.STATX_FLAGS,
            StatMount.STATX_MNT_ID_UNIQUE,
            stx);
      } catch (LastErrorException e) {
        throw failed(call, e, "statx failed");
      }
      int got = stx.getInt(MountAbi.STX_MASK);
      unique = (got & StatMount.STATX_MNT_ID_UNIQUE) != 0;
      if (!unique && (got & StatMount.STATX_MNT_ID) == 0) {
        throw new KernelException(
            call, Errno.ENOSYS, "statx filled no mount id: stx_mask 0x" + Integer.toHexString(got));
      }
      mntId = stx.getLong(MountAbi.STX_MNT_ID);
      long attributes = stx.getLong(MountAbi.STX_ATTRIBUTES);
      long known = stx.getLong(MountAbi.STX_ATTRIBUTES_MASK);
      mountRoot =
          (known & StatMount.STATX_ATTR_MOUNT_ROOT) != 0
              ? Boolean.valueOf((attributes & StatMount.STATX_ATTR_MOUNT_ROOT) != 0)
              : null;
    }
    byte[] answer = statmount(call, mntId, unique);
    MountState state;
    try {
      state =
          MountAbi.decodeStatmount(
              answer, call.path(), mountRoot != null && mountRoot.booleanValue());
    } catch (IllegalArgumentException e) {
      throw new KernelException(call, Errno.EPROTO, e.getMessage());
    }
    if (!unique && (!state.has(MountState.STATMOUNT_MNT_BASIC) || state.oldMountId() != mntId)) {
      throw new KernelException(
          call,
          Errno.ENOSYS,
          "statx gave only the old mount id "
              + mntId
              + " and statmount answered for another mount");
    }
    if (mountRoot == null) {
      // A kernel that does not report STATX_ATTR_MOUNT_ROOT: compare the mount point instead.
      state = withAtPath(state, state.mountPoint().equals(call.path()));
    }
    return state;
  }

  private byte[] statmount(StatMount call, long mntId, boolean unique) {
    try (Memory req = new Memory(MountAbi.MNT_ID_REQ_SIZE_VER0)) {
      req.clear();
      req.setInt(MountAbi.REQ_SIZE, MountAbi.MNT_ID_REQ_SIZE_VER0);
      req.setLong(MountAbi.REQ_MNT_ID, mntId);
      req.setLong(MountAbi.REQ_PARAM, StatMount.MASK);
      for (int size = statmountBuffer; ; size = Math.min(2 * size, STATMOUNT_BUFFER_MAX)) {
        try (Memory buf = new Memory(size)) {
          buf.clear(MountAbi.SIZEOF_STATMOUNT);
          try {
            LibC.syscall(MountAbi.SYS_STATMOUNT, req, buf, size, 0);
            return MountAbi.answer(buf, size);
          } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EOVERFLOW.number() && size < STATMOUNT_BUFFER_MAX) {
              log.debug(
                  "statmount(mnt_id {}): EOVERFLOW with {} bytes, again with more", mntId, size);
              continue;
            }
            String detail = "statmount(mnt_id " + mntId + ", " + size + "-byte buffer) failed";
            if (!unique) {
              throw new KernelException(
                  call,
                  Errno.ENOSYS,
                  detail
                      + " with errno "
                      + e.getErrorCode()
                      + " for the old mount id statx gave: statmount needs the unique one");
            }
            throw failed(call, e, detail);
          } catch (IllegalArgumentException e) {
            throw new KernelException(call, Errno.EPROTO, e.getMessage());
          }
        }
      }
    }
  }

  private static MountState withAtPath(MountState s, boolean atPath) {
    return new MountState(
        s.path(),
        atPath,
        s.mask(),
        s.supportedMask(),
        s.mountId(),
        s.parentId(),
        s.oldMountId(),
        s.oldParentId(),
        s.devMajor(),
        s.devMinor(),
        s.magic(),
        s.sbFlags(),
        s.fsType(),
        s.fsSubtype(),
        s.source(),
        s.mountPoint(),
        s.root(),
        s.attributes(),
        s.propagation(),
        s.peerGroup(),
        s.master(),
        s.propagateFrom(),
        s.options());
  }

  /** The low-level /dev/autofs commands, for this package's tests and tools. */
  DevIoctl devIoctl() {
    return dev(new Version());
  }

  /**
   * The dispatch without {@link #run}'s DEBUG logging, for this package's measurements (a thousand
   * logged calls measure the logger).
   */
  KernelCall.Handler unlogged() {
    return calls;
  }
}
