package org.autofsrestore.app.synth;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.proto.AutofsEntry;
import org.autofsrestore.proto.CoreEntry;
import org.autofsrestore.proto.FdTypes;
import org.autofsrestore.proto.FdinfoEntry;
import org.autofsrestore.proto.FileEntry;
import org.autofsrestore.proto.FownEntry;
import org.autofsrestore.proto.Fstype;
import org.autofsrestore.proto.InventoryEntry;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.proto.PipeEntry;
import org.autofsrestore.proto.PstreeEntry;
import org.autofsrestore.proto.RegFileEntry;
import org.autofsrestore.proto.TaskCoreEntry;
import org.autofsrestore.proto.TaskKobjIdsEntry;

/**
 * The records of a CRIU 4.x image directory as CRIU itself fills them (x86_64), shared by {@link
 * DumpBuilder} and {@link SyntheticDump}. Every required field of CRIU's schema is set, so {@code
 * crit show} decodes each file.
 */
final class CriuRecords {
  /** inventory.img's img_version of every CRIU since 1.x. */
  static final int IMG_VERSION = 2;

  /** The mount namespace id of the dumped tree (the fixtures' 10). */
  static final int DEFAULT_MNT_NS = 10;

  /** The pid namespace id of the dumped tree. */
  static final int PID_NS = 9;

  /** MS_RELATIME, the flags of every mount in the fixtures. */
  static final int MOUNT_FLAGS = 0x200000;

  /** The kernel's task_core flags of a forked task (PF_FORKNOEXEC | PF_..., as in the fixtures). */
  private static final int TASK_FLAGS = 0x400140;

  /** TASK_ALIVE in CRIU's task_state. */
  private static final int TASK_ALIVE = 1;

  /** PIPES_DATA's type magic (CRIU's magic.h); the tool does not read it, CRIU writes it. */
  static final int PIPES_DATA_MAGIC = 0x56453709;

  /** The size CRIU records for an empty pipe buffer (pipe_data_entry.size). */
  private static final int PIPE_BUFFER = 65536;

  /** file ids 1 and 2: the /dev/null every task inherits on fds 0 and 1, 2. */
  static final int STDIN_FILE_ID = 1;

  static final int STDOUT_FILE_ID = 2;

  private static final FownEntry NO_OWNER =
      FownEntry.newBuilder().setUid(0).setEuid(0).setSignum(0).setPidType(0).setPid(0).build();

  private CriuRecords() {}

  static InventoryEntry inventory() {
    return InventoryEntry.newBuilder()
        .setImgVersion(IMG_VERSION)
        .setFdinfoPerId(true)
        .setRootIds(
            TaskKobjIdsEntry.newBuilder()
                .setVmId(1)
                .setFilesId(1)
                .setFsId(1)
                .setSighandId(1)
                .setPidNsId(1)
                .setNetNsId(2)
                .setIpcNsId(3)
                .setUtsNsId(4)
                .setMntNsId(6)
                .setUserNsId(7)
                .setCgroupNsId(8)
                .setTimeNsId(5))
        .setNsPerId(true)
        .setRootCgSet(1)
        .setLsmtype(org.autofsrestore.proto.Lsmtype.NO_LSM)
        .setNetworkLockMethod(0)
        .build();
  }

  static PstreeEntry pstree(int pid, int ppid, int pgid, int sid) {
    return PstreeEntry.newBuilder()
        .setPid(pid)
        .setPpid(ppid)
        .setPgid(pgid)
        .setSid(sid)
        .addThreads(pid)
        .build();
  }

  static CoreEntry core(String comm) {
    return CoreEntry.newBuilder()
        .setMtype(CoreEntry.March.X86_64)
        .setTc(
            TaskCoreEntry.newBuilder()
                .setTaskState(TASK_ALIVE)
                .setExitCode(0)
                .setPersonality(0)
                .setFlags(TASK_FLAGS)
                .setBlkSigset(0)
                .setComm(comm))
        .build();
  }

  /**
   * A task's kernel object ids. CRIU numbers objects per kind; a task that shares nothing gets one
   * id per kind, here the same number for each (its files_id names its fdinfo image).
   */
  static TaskKobjIdsEntry ids(int filesId, int mntNsId) {
    return TaskKobjIdsEntry.newBuilder()
        .setVmId(filesId)
        .setFilesId(filesId)
        .setFsId(filesId)
        .setSighandId(filesId)
        .setPidNsId(PID_NS)
        .setNetNsId(2)
        .setIpcNsId(3)
        .setUtsNsId(4)
        .setMntNsId(mntNsId)
        .setUserNsId(7)
        .setCgroupNsId(8)
        .setTimeNsId(5)
        .build();
  }

  static FdinfoEntry fd(int fd, int fileId, FdTypes type) {
    return FdinfoEntry.newBuilder().setId(fileId).setFlags(0).setType(type).setFd(fd).build();
  }

  /** One end of a pipe: flags 0x0 is the read end, 0x1 the write end (O_ACCMODE, as CRIU). */
  static FileEntry pipeEnd(int fileId, long pipeIno, boolean writeEnd) {
    return FileEntry.newBuilder()
        .setType(FdTypes.PIPE)
        .setId(fileId)
        .setPipe(
            PipeEntry.newBuilder()
                .setId(fileId)
                .setPipeId((int) pipeIno)
                .setFlags(writeEnd ? 1 : 0)
                .setFown(NO_OWNER))
        .build();
  }

  /**
   * A regular file (O_RDONLY, or O_WRONLY | O_LARGEFILE when written) on mount {@code mntId};
   * {@code /dev/null} gets a character device's mode, anything else a plain file's.
   */
  static FileEntry regularFile(int fileId, String path, boolean write, int mntId) {
    boolean devNull = path.equals("/dev/null");
    return FileEntry.newBuilder()
        .setType(FdTypes.REG)
        .setId(fileId)
        .setReg(
            RegFileEntry.newBuilder()
                .setId(fileId)
                .setFlags(write ? 0x8001 : 0)
                .setPos(0)
                .setFown(NO_OWNER)
                .setName(path)
                .setMntId(mntId)
                .setMode(devNull ? 020666 : 0100644))
        .build();
  }

  /**
   * The kernel's internal dev_t, as CRIU stores mnt_entry.root_dev: {@code major << 20 | minor}.
   */
  static int kernelDev(int major, int minor) {
    return major << 20 | minor;
  }

  static MntEntry mount(
      int fstype,
      int mntId,
      int parentMntId,
      int rootDev,
      String root,
      String mountpoint,
      String source,
      String options) {
    return MntEntry.newBuilder()
        .setFstype(fstype)
        .setMntId(mntId)
        .setRootDev(rootDev)
        .setParentMntId(parentMntId)
        .setFlags(MOUNT_FLAGS)
        .setRoot(root)
        .setMountpoint(mountpoint)
        .setSource(source)
        .setOptions(options)
        .setSharedId(0)
        .setMasterId(0)
        .setSbFlags(0)
        .build();
  }

  static MntEntry autofsMount(
      int mntId, int parentMntId, int sDev, String mountpoint, String source, String options) {
    return mount(
        Fstype.AUTOFS_VALUE,
        mntId,
        parentMntId,
        kernelDev(0, sDev),
        "/",
        mountpoint,
        source,
        options);
  }

  /**
   * An autofs option string as the kernel prints it in mountinfo (fs/autofs/inode.c
   * autofs_show_options): {@code fd=N[,uid=U][,gid=G],pgrp=P,timeout=T,minproto=A,maxproto=B,
   * <mode>[,strictexpire][,ignore],pipe_ino=I}. {@code pipeIno} null leaves pipe_ino out (a kernel
   * without CONFIG_CHECKPOINT_RESTORE); uid/gid 0 or null are left out, as the kernel does.
   */
  static String autofsOptions(
      int fd,
      Integer uid,
      Integer gid,
      int pgrp,
      long timeout,
      int minproto,
      int maxproto,
      String mode,
      boolean strictexpire,
      boolean ignore,
      Long pipeIno) {
    StringBuilder s = new StringBuilder(96);
    s.append("fd=").append(fd);
    if (uid != null && uid != 0) {
      s.append(",uid=").append(Integer.toUnsignedString(uid));
    }
    if (gid != null && gid != 0) {
      s.append(",gid=").append(Integer.toUnsignedString(gid));
    }
    s.append(",pgrp=").append(pgrp);
    s.append(",timeout=").append(timeout);
    s.append(",minproto=").append(minproto);
    s.append(",maxproto=").append(maxproto);
    if (mode != null) {
      s.append(',').append(mode);
    }
    if (strictexpire) {
      s.append(",strictexpire");
    }
    if (ignore) {
      s.append(",ignore");
    }
    if (pipeIno != null) {
      s.append(",pipe_ino=").append(pipeIno);
    }
    return s.toString();
  }

  static AutofsEntry.Builder autofs(
      int fd, int pgrp, int timeout, int minproto, int maxproto, AutofsMode mode) {
    return AutofsEntry.newBuilder()
        .setFd(fd)
        .setPgrp(pgrp)
        .setTimeout(timeout)
        .setMinproto(minproto)
        .setMaxproto(maxproto)
        .setMode(mode.wireValue());
  }

  /**
   * pipes-data.img: one pipe_data_entry {pipe_id=1, bytes=2, size=3} per pipe, all empty. The
   * schema is not in proto/ (the tool never reads it), so the three varints are written here.
   */
  static final class PipesDataWriter implements AutoCloseable {
    private final OutputStream out;
    private final CodedOutputStream coded;

    PipesDataWriter(Path file) throws IOException {
      out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      coded = CodedOutputStream.newInstance(out, 1 << 12);
      coded.writeFixed32NoTag(ImageType.COMMON_MAGIC);
      coded.writeFixed32NoTag(PIPES_DATA_MAGIC);
    }

    void append(long pipeIno) throws IOException {
      int size =
          CodedOutputStream.computeUInt32Size(1, (int) pipeIno)
              + CodedOutputStream.computeUInt32Size(2, 0)
              + CodedOutputStream.computeUInt32Size(3, PIPE_BUFFER);
      coded.writeFixed32NoTag(size);
      coded.writeUInt32(1, (int) pipeIno);
      coded.writeUInt32(2, 0);
      coded.writeUInt32(3, PIPE_BUFFER);
    }

    @Override
    public void close() throws IOException {
      coded.flush();
      out.close();
    }
  }
}
