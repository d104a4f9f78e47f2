package org.autofsrestore.app.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.image.ImageWriter;
import org.autofsrestore.proto.AutofsEntry;
import org.autofsrestore.proto.FdTypes;
import org.autofsrestore.proto.FdinfoEntry;
import org.autofsrestore.proto.FileEntry;
import org.autofsrestore.proto.Fstype;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.proto.PstreeEntry;

/**
 * A CRIU image directory of any size, for benchmarks and scale tests: {@code mounts} mounts in
 * nested trees below a root mount, every 20th of them an autofs mount, and {@code processes} tasks,
 * each with core, ids, fdinfo and files entries; the autofs owners hold the pipes of their mounts.
 * The same options give the same bytes.
 *
 * <p>The shape:
 *
 * <ul>
 *   <li>mount i (mnt_id 40+i, superblock 0:40+i) is an autofs mount when {@code i % 20 == 19}, so a
 *       dump of N mounts has N/20 of them; the others are tmpfs and ext4 bind mounts, each below
 *       the root or below one of the 64 mounts made before it, at most 8 deep; autofs mounts are
 *       leaves. {@link Options#autofsEvery} K (default 20) changes the 20: with K = 1 every mount
 *       but the root is an autofs mount, all of them directly below the root (a restore benchmark's
 *       dump).
 *   <li>autofs mounts are about half indirect, 30% direct and 20% offset; about 10% are catatonic
 *       (fd=-1, pipe_ino=-1, a stale pgrp); 10% of the live ones had their write end closed
 *       (autofs-N.img has read_fd, and half of those reused the old fd for a file); 10% have
 *       uid/gid.
 *   <li>pids are 1..P; live mounts are served four at a time by owner tasks (comm automount, pgid =
 *       sid = pid) spread evenly over the pids; an owner's fds 0-2 are /dev/null, 3 a log file, and
 *       the k-th pipe it serves is fds 4+2k (read end) and 5+2k (write end). Pipe inode of autofs
 *       mount a: 1,000,000 + a. The option strings carry pgrp as seen from outside the dump's pid
 *       namespace: 300,000 + pid.
 *   <li>with {@code defectEvery} K &gt; 0, every K-th live autofs mount gets one defect, in turn:
 *       autofs-N.img missing, autofs-N.img with a bad magic, owner not in the dump, pipe of the
 *       wrong inode, pipe fd naming a regular file, pipe fd not open. {@link Summary#planted} lists
 *       them.
 * </ul>
 *
 * <p>Records are streamed to the image files as they are made: memory stays small at any scale (a
 * few bytes per autofs mount are kept).
 */
public final class SyntheticDump {
  public static final long DEFAULT_SEED = 0x5eed_af5L;

  /** By default every 20th mount is an autofs mount. */
  public static final int AUTOFS_EVERY = 20;

  /** An owner task serves this many autofs mounts. */
  public static final int MOUNTS_PER_OWNER = 4;

  /** Pipe inode of autofs mount a: this + a. */
  public static final long PIPE_INO_BASE = 1_000_000;

  /** The option strings' pgrp: the owner's pid as seen from outside the dump. */
  public static final int OUTSIDE_PID_OFFSET = 300_000;

  private static final int FIRST_ID = DumpBuilder.FIRST_MNT_ID;
  private static final int MAX_DEPTH = 8;
  private static final int RECENT = 64;
  private static final int LOG_FD = 3;
  private static final int FIRST_PIPE_FD = 4;
  private static final int[] TIMEOUTS = {60, 300, 600, 3600};
  private static final String[] COMMS = {"bash", "sshd", "nginx", "java", "postgres", "cron"};

  /** The defects planted in turn, with the finding each must cause. */
  private static final FindingCode[] DEFECTS = {
    FindingCode.AUTOFS_IMAGE_MISSING,
    FindingCode.AUTOFS_IMAGE_DAMAGED,
    FindingCode.OWNER_NOT_IN_DUMP,
    FindingCode.PIPE_INODE_MISMATCH,
    FindingCode.PIPE_FD_NOT_PIPE,
    FindingCode.PIPE_FD_MISSING
  };

  private static final byte CATATONIC = 1;
  private static final byte WRITE_CLOSED = 2;
  private static final byte FD_REUSED = 4;
  private static final byte HAS_IDS = 8;

  /**
   * What to generate.
   *
   * @param mounts mounts in all (N/20 of them autofs)
   * @param processes tasks, at least 1
   * @param seed the random choices' seed
   * @param defectEvery plant a defect on every K-th live autofs mount; 0 for none
   * @param autofsEvery every K-th mount is an autofs mount (default 20; 1: every mount but the
   *     root, so N mounts hold N-1 autofs mounts, all directly below the root)
   */
  public record Options(int mounts, int processes, long seed, int defectEvery, int autofsEvery) {
    public Options {
      if (mounts < 1 || processes < 1 || defectEvery < 0 || autofsEvery < 1) {
        throw new IllegalArgumentException(
            "need mounts >= 1, processes >= 1, defectEvery >= 0, autofsEvery >= 1: " + this);
      }
    }

    /** N mounts, N/2 processes (at least 1), the default seed, no defects, every 20th autofs. */
    public static Options of(int mounts) {
      return new Options(mounts, Math.max(1, mounts / 2), DEFAULT_SEED, 0, AUTOFS_EVERY);
    }

    public Options withProcesses(int processes) {
      return new Options(mounts, processes, seed, defectEvery, autofsEvery);
    }

    public Options withDefectEvery(int k) {
      return new Options(mounts, processes, seed, k, autofsEvery);
    }

    public Options withSeed(long seed) {
      return new Options(mounts, processes, seed, defectEvery, autofsEvery);
    }

    public Options withAutofsEvery(int k) {
      return new Options(mounts, processes, seed, defectEvery, k);
    }

    /** How many of the mounts are autofs mounts: those i in [1, N) with i % K == K - 1. */
    int autofsCount() {
      return autofsEvery == 1 ? mounts - 1 : mounts / autofsEvery;
    }
  }

  /** A defect planted on purpose, and the finding code it must cause on its mount. */
  public record Planted(String mountpoint, FindingCode code) {}

  /** What was written. */
  public record Summary(
      Path directory,
      int mounts,
      int autofsMounts,
      int catatonicMounts,
      int processes,
      int owners,
      int files,
      List<Planted> planted) {}

  private final Options options;
  private final int autofsCount;
  private final byte[] flags;
  private final byte[] modes;
  private final byte[] defects;
  private final int ownerSlots;
  private final int spacing;
  private final int pipeFileBase;
  private final int reusedFileBase;
  private final SmallImageFiles small = new SmallImageFiles();

  private SyntheticDump(Options options) {
    this.options = options;
    this.autofsCount = options.autofsCount();
    this.flags = new byte[autofsCount];
    this.modes = new byte[autofsCount];
    this.defects = new byte[autofsCount];
    SplittableRandom random = new SplittableRandom(options.seed() ^ 0xa5a5_a5a5L);
    int live = 0;
    for (int a = 0; a < autofsCount; a++) {
      int m = random.nextInt(10);
      modes[a] = (byte) (m < 5 ? 1 : m < 8 ? 0 : 2); // wire values: indirect, direct, offset
      byte f = 0;
      if (random.nextInt(10) == 0) {
        f |= CATATONIC;
      } else if (random.nextInt(10) == 0) {
        f |= WRITE_CLOSED;
        if (random.nextBoolean()) {
          f |= FD_REUSED;
        }
      }
      if (random.nextInt(10) == 0) {
        f |= HAS_IDS;
      }
      flags[a] = f;
      defects[a] = -1;
      if ((f & CATATONIC) == 0) {
        int k = options.defectEvery();
        if (k > 0 && live % k == k - 1) {
          defects[a] = (byte) ((live / k) % DEFECTS.length);
        }
        live++;
      }
    }
    int p = options.processes();
    int wanted = (autofsCount + MOUNTS_PER_OWNER - 1) / MOUNTS_PER_OWNER;
    this.ownerSlots = Math.max(1, p > 1 ? Math.min(wanted, p - 1) : 1);
    this.spacing = p > 1 ? Math.max(1, (p - 1) / ownerSlots) : 1;
    this.pipeFileBase = CriuRecords.STDOUT_FILE_ID + 1 + p;
    this.reusedFileBase = pipeFileBase + 2 * autofsCount;
  }

  /** Writes the dump into {@code dir} (created if absent; existing image files are replaced). */
  public static Summary write(Path dir, Options options) throws IOException {
    Files.createDirectories(dir);
    return new SyntheticDump(options).writeAll(dir);
  }

  private Summary writeAll(Path dir) throws IOException {
    ImageWriter.write(
        dir.resolve("inventory.img"), ImageType.INVENTORY, List.of(CriuRecords.inventory()));
    int files = writeProcesses(dir);
    List<Planted> planted = new ArrayList<>();
    int catatonic = writeMounts(dir, planted);
    return new Summary(
        dir,
        options.mounts(),
        autofsCount,
        catatonic,
        options.processes(),
        Math.min(ownerSlots, options.processes()),
        files,
        List.copyOf(planted));
  }

  // ---- processes, fd tables, files.img, pipes-data.img

  private int writeProcesses(Path dir) throws IOException {
    int count = 0;
    int rootMnt = FIRST_ID;
    try (ImageWriter<PstreeEntry> tree =
            ImageWriter.create(dir.resolve("pstree.img"), ImageType.PSTREE);
        ImageWriter<FileEntry> filesImg =
            ImageWriter.create(dir.resolve("files.img"), ImageType.FILES);
        CriuRecords.PipesDataWriter pipesData =
            new CriuRecords.PipesDataWriter(dir.resolve("pipes-data.img"))) {
      filesImg.append(
          CriuRecords.regularFile(CriuRecords.STDIN_FILE_ID, "/dev/null", false, rootMnt));
      filesImg.append(
          CriuRecords.regularFile(CriuRecords.STDOUT_FILE_ID, "/dev/null", true, rootMnt));
      count += 2;
      List<FdinfoEntry> fds = new ArrayList<>();
      for (int p = 0; p < options.processes(); p++) {
        int pid = p + 1;
        int slot = ownerSlotOf(p);
        boolean owner = slot >= 0;
        int leader = p - p % 16;
        int pgid = owner || p == 0 ? pid : leader + 1;
        int ppid = p == 0 ? 0 : owner ? 1 : (p - 1) / 8 + 1;
        String comm = p == 0 ? "init" : owner ? "automount" : COMMS[p % COMMS.length];
        int filesId = p + 2;
        tree.append(CriuRecords.pstree(pid, ppid, pgid, pgid));
        small.write(dir.resolve("core-" + pid + ".img"), ImageType.CORE, CriuRecords.core(comm));
        small.write(
            dir.resolve("ids-" + pid + ".img"),
            ImageType.IDS,
            CriuRecords.ids(filesId, CriuRecords.DEFAULT_MNT_NS));

        int logFile = CriuRecords.STDOUT_FILE_ID + 1 + p;
        filesImg.append(
            CriuRecords.regularFile(
                logFile, "/var/log/" + comm + "-" + pid + ".log", true, rootMnt));
        count++;
        fds.clear();
        fds.add(CriuRecords.fd(0, CriuRecords.STDIN_FILE_ID, FdTypes.REG));
        fds.add(CriuRecords.fd(1, CriuRecords.STDOUT_FILE_ID, FdTypes.REG));
        fds.add(CriuRecords.fd(2, CriuRecords.STDOUT_FILE_ID, FdTypes.REG));
        fds.add(CriuRecords.fd(LOG_FD, logFile, FdTypes.REG));
        if (owner) {
          for (int j = 0; ; j++) {
            int a = mountOf(slot, j);
            if (a < 0) {
              break;
            }
            if ((flags[a] & CATATONIC) != 0) {
              continue;
            }
            long ino = PIPE_INO_BASE + a;
            if (defects[a] >= 0 && DEFECTS[defects[a]] == FindingCode.PIPE_INODE_MISMATCH) {
              ino += 500_000_000L;
            }
            int readId = pipeFileBase + 2 * a;
            filesImg.append(CriuRecords.pipeEnd(readId, ino, false));
            pipesData.append(ino);
            fds.add(CriuRecords.fd(readFd(j), readId, FdTypes.PIPE));
            count++;
            if ((flags[a] & WRITE_CLOSED) == 0) {
              filesImg.append(CriuRecords.pipeEnd(readId + 1, ino, true));
              fds.add(CriuRecords.fd(writeFd(j), readId + 1, FdTypes.PIPE));
              count++;
            } else if ((flags[a] & FD_REUSED) != 0) {
              int reused = reusedFileBase + a;
              filesImg.append(
                  CriuRecords.regularFile(reused, "/var/lib/automount/cache-" + a, false, rootMnt));
              fds.add(CriuRecords.fd(writeFd(j), reused, FdTypes.REG));
              count++;
            }
          }
        }
        small.write(dir.resolve("fdinfo-" + filesId + ".img"), ImageType.FDINFO, fds);
      }
    }
    return count;
  }

  // ---- mounts and autofs-N.img

  private int writeMounts(Path dir, List<Planted> planted) throws IOException {
    SplittableRandom random = new SplittableRandom(options.seed());
    int[] recentId = new int[RECENT];
    int[] recentDepth = new int[RECENT];
    String[] recentPath = new String[RECENT];
    int recentCount = 0;
    int catatonic = 0;
    int nextAutofs = 0;
    try (ImageWriter<MntEntry> out =
        ImageWriter.create(
            dir.resolve("mountpoints-" + CriuRecords.DEFAULT_MNT_NS + ".img"), ImageType.MNTS)) {
      out.append(
          CriuRecords.mount(
              Fstype.UNSUPPORTED_VALUE,
              FIRST_ID,
              FIRST_ID - 1,
              CriuRecords.kernelDev(254, 0),
              "/",
              "/",
              "/dev/vda",
              "rw,relatime"));
      for (int i = 1; i < options.mounts(); i++) {
        int mntId = FIRST_ID + i;
        int sDev = FIRST_ID + i;
        // the parent: the root (a new subtree) or one of the recent non-autofs mounts
        int parentId = FIRST_ID;
        String parentPath = "";
        int depth = 1;
        if (recentCount > 0 && random.nextInt(8) != 0) {
          int r = random.nextInt(Math.min(recentCount, RECENT));
          if (recentDepth[r] < MAX_DEPTH) {
            parentId = recentId[r];
            parentPath = recentPath[r];
            depth = recentDepth[r] + 1;
          }
        }
        int every = options.autofsEvery();
        if (i % every == every - 1) {
          int a = nextAutofs++; // i / every when every > 1: the root (i = 0) is never autofs
          boolean cata = (flags[a] & CATATONIC) != 0;
          catatonic += cata ? 1 : 0;
          String path = parentPath + "/" + AutofsMode.ofWire(modes[a]).orElseThrow().option() + a;
          writeAutofs(dir, out, a, mntId, parentId, sDev, path, planted);
        } else {
          String path = parentPath + (depth == 1 ? "/srv" : "/d") + i;
          boolean bind = random.nextInt(5) == 0;
          out.append(
              bind
                  ? CriuRecords.mount(
                      Fstype.UNSUPPORTED_VALUE,
                      mntId,
                      parentId,
                      CriuRecords.kernelDev(254, 0),
                      "/var/lib/data" + i,
                      path,
                      "/dev/vda",
                      "rw,relatime")
                  : CriuRecords.mount(
                      Fstype.TMPFS_VALUE,
                      mntId,
                      parentId,
                      CriuRecords.kernelDev(0, sDev),
                      "/",
                      path,
                      "tmpfs" + i,
                      "size=1024k,mode=755"));
          int slot = recentCount % RECENT;
          recentId[slot] = mntId;
          recentDepth[slot] = depth;
          recentPath[slot] = path;
          recentCount++;
        }
      }
    }
    return catatonic;
  }

  private void writeAutofs(
      Path dir,
      ImageWriter<MntEntry> out,
      int a,
      int mntId,
      int parentId,
      int sDev,
      String path,
      List<Planted> planted)
      throws IOException {
    AutofsMode mode = AutofsMode.ofWire(modes[a]).orElseThrow();
    boolean cata = (flags[a] & CATATONIC) != 0;
    boolean ids = (flags[a] & HAS_IDS) != 0;
    int timeout = TIMEOUTS[a % TIMEOUTS.length];
    int fd;
    int pgrp;
    int optionsPgrp;
    long ino;
    Integer readFd = null;
    if (cata) {
      fd = -1;
      pgrp = 20_000_000 + a; // the stale number CRIU keeps: no task has it
      optionsPgrp = pgrp;
      ino = -1;
    } else {
      int slot = (a / MOUNTS_PER_OWNER) % ownerSlots;
      int j = position(a);
      int pid = ownerIndex(slot) + 1;
      fd = writeFd(j);
      pgrp = pid;
      optionsPgrp = OUTSIDE_PID_OFFSET + pid;
      ino = PIPE_INO_BASE + a;
      if ((flags[a] & WRITE_CLOSED) != 0) {
        readFd = readFd(j);
      }
    }
    FindingCode defect = defects[a] >= 0 ? DEFECTS[defects[a]] : null;
    if (defect == FindingCode.OWNER_NOT_IN_DUMP) {
      pgrp = 10_000_000 + a;
    } else if (defect == FindingCode.PIPE_FD_NOT_PIPE) {
      fd = LOG_FD;
      readFd = null;
    } else if (defect == FindingCode.PIPE_FD_MISSING) {
      fd = 999;
      readFd = null;
    }
    Integer uid = ids ? 1000 + a % 7 : null;
    String options =
        CriuRecords.autofsOptions(
            fd, uid, uid, optionsPgrp, timeout, 5, 5, mode.option(), false, false, ino);
    out.append(
        CriuRecords.autofsMount(
            mntId, parentId, sDev, path, "/etc/auto." + mode.option(), options));
    if (defect != null) {
      planted.add(new Planted(path, defect));
    }
    if (defect == FindingCode.AUTOFS_IMAGE_MISSING) {
      return;
    }
    AutofsEntry.Builder entry = CriuRecords.autofs(fd, pgrp, timeout, 5, 5, mode);
    if (uid != null) {
      entry.setUid(uid).setGid(uid);
    }
    if (readFd != null) {
      entry.setReadFd(readFd);
    }
    Path file = dir.resolve("autofs-" + sDev + ".img");
    small.write(file, ImageType.AUTOFS, entry.build());
    if (defect == FindingCode.AUTOFS_IMAGE_DAMAGED) {
      Files.write(
          file, DumpBuilder.damaged(Files.readAllBytes(file), DumpBuilder.Damage.BAD_MAGIC));
    }
  }

  // ---- the arithmetic that ties mounts to owners and fds

  /** The owner slot of process index p, or -1 when it owns nothing. */
  private int ownerSlotOf(int p) {
    if (autofsCount == 0) {
      return -1;
    }
    if (options.processes() == 1) {
      return p == 0 ? 0 : -1;
    }
    if (p == 0 || (p - 1) % spacing != 0) {
      return -1;
    }
    int slot = (p - 1) / spacing;
    return slot < ownerSlots ? slot : -1;
  }

  private int ownerIndex(int slot) {
    return options.processes() == 1 ? 0 : 1 + slot * spacing;
  }

  /** The j-th autofs mount served by owner slot s, or -1 past the last. */
  private int mountOf(int slot, int j) {
    int a = ((j / MOUNTS_PER_OWNER) * ownerSlots + slot) * MOUNTS_PER_OWNER + j % MOUNTS_PER_OWNER;
    return a < autofsCount ? a : -1;
  }

  /**
   * The position of autofs mount a among its owner's mounts: mountOf(slot(a), position(a)) == a.
   */
  private int position(int a) {
    return (a / MOUNTS_PER_OWNER / ownerSlots) * MOUNTS_PER_OWNER + a % MOUNTS_PER_OWNER;
  }

  private static int readFd(int j) {
    return FIRST_PIPE_FD + 2 * j;
  }

  private static int writeFd(int j) {
    return FIRST_PIPE_FD + 2 * j + 1;
  }
}
