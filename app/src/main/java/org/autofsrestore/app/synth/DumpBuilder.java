package org.autofsrestore.app.synth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.image.ImageWriter;
import org.autofsrestore.proto.AutofsEntry;
import org.autofsrestore.proto.FdTypes;
import org.autofsrestore.proto.FileEntry;
import org.autofsrestore.proto.Fstype;
import org.autofsrestore.proto.MntEntry;

/**
 * Writes a small CRIU image directory laid out as {@code criu dump} lays it out (inventory.img,
 * pstree.img, core-PID.img, ids-PID.img, fdinfo-FILESID.img, files.img, pipes-data.img,
 * mountpoints-NSID.img, autofs-N.img), for tests that need a dump with one exact property or
 * defect.
 *
 * <pre>{@code
 * Path dir = new DumpBuilder()
 *     .process(32, "automount")
 *     .pipe(32, 3, 5, 28133)
 *     .autofsMount("/srv/auto", a -> a.indirect().owner(32, 5, 28133))
 *     .write(tmp);
 * }</pre>
 *
 * <p>Mounts get mnt_ids from 40 and superblock devices ({@code 0:N}, autofs-N.img) from 40 in the
 * order they are declared; each mount's parent is the latest declared mount of its namespace whose
 * mountpoint contains it, and a namespace's first mount is preceded by a root mount of {@code /}
 * unless it is one. Every task gets fds 0, 1 and 2 on /dev/null, as inherited from init.
 *
 * <p>Defects are planted with the escape hatches: {@link #omit}, {@link #damage}, {@link #rewrite},
 * {@link #regularFile} or {@link #danglingFd} where a pipe belongs, and the image-only and
 * option-only setters of {@link AutofsSpec}.
 */
public final class DumpBuilder {
  /** The first mnt_id and superblock minor handed out, as in the fixtures (0:40 and up). */
  public static final int FIRST_MNT_ID = 40;

  public static final int FIRST_SUPERBLOCK = 40;

  /** Ways to damage an image file after it was written. */
  public enum Damage {
    /** The type magic is replaced by {@code 0xdeadbeef}. */
    BAD_MAGIC,
    /** The file ends in the middle of its last record (or of its header, if it holds none). */
    TRUNCATED,
    /** Only the header is left: no record at all. */
    HEADER_ONLY,
    /** The first record's payload is replaced by bytes that are no protobuf message. */
    UNDECODABLE_RECORD,
    /** The first record's length header says 0x7fffffff bytes. */
    OVERSIZED_LENGTH
  }

  private final Map<Integer, Task> tasks = new LinkedHashMap<>();
  private final Map<Integer, FileSpec> files = new LinkedHashMap<>();
  private final List<Mount> mounts = new ArrayList<>();
  private final Set<String> omitted = new HashSet<>();
  private final Map<String, List<UnaryOperator<byte[]>>> rewrites = new LinkedHashMap<>();
  private int namespace = CriuRecords.DEFAULT_MNT_NS;
  private int nextFileId = CriuRecords.STDOUT_FILE_ID + 1;
  private int nextMntId = FIRST_MNT_ID;
  private Integer reusedMntId;
  private int nextSuperblock = FIRST_SUPERBLOCK;

  private record Task(int pid, int ppid, int pgid, int sid, String comm, Map<Integer, Fd> fds) {}

  private record Fd(int fileId, FdTypes type) {}

  /** One entry of files.img: a pipe end (pipeIno != null) or a regular file. */
  private record FileSpec(int id, Long pipeIno, boolean writeEnd, String path) {}

  private record Mount(int nsId, MntEntry entry, AutofsEntry autofs, int superblock) {}

  public DumpBuilder() {
    files.put(
        CriuRecords.STDIN_FILE_ID,
        new FileSpec(CriuRecords.STDIN_FILE_ID, null, false, "/dev/null"));
    files.put(
        CriuRecords.STDOUT_FILE_ID,
        new FileSpec(CriuRecords.STDOUT_FILE_ID, null, true, "/dev/null"));
  }

  /** A task of the process tree (pstree.img) with core-PID.img, ids-PID.img and its fd table. */
  public DumpBuilder process(int pid, int ppid, int pgid, int sid, String comm) {
    if (tasks.containsKey(pid)) {
      throw new IllegalArgumentException("pid " + pid + " declared twice");
    }
    Map<Integer, Fd> fds = new TreeMap<>();
    fds.put(0, new Fd(CriuRecords.STDIN_FILE_ID, FdTypes.REG));
    fds.put(1, new Fd(CriuRecords.STDOUT_FILE_ID, FdTypes.REG));
    fds.put(2, new Fd(CriuRecords.STDOUT_FILE_ID, FdTypes.REG));
    tasks.put(pid, new Task(pid, ppid, pgid, sid, comm, fds));
    return this;
  }

  /** A process group and session leader: pgid = sid = pid, child of pid 1 (pid 1: of none). */
  public DumpBuilder process(int pid, String comm) {
    return process(pid, pid == 1 ? 0 : 1, pid, pid, comm);
  }

  /** A pipe of inode {@code pipeIno} whose read and write ends {@code pid} holds. */
  public DumpBuilder pipe(int pid, int readFd, int writeFd, long pipeIno) {
    return pipeReadEnd(pid, readFd, pipeIno).pipeWriteEnd(pid, writeFd, pipeIno);
  }

  /** {@code pid} holds the read end of pipe {@code pipeIno} on {@code fd}. */
  public DumpBuilder pipeReadEnd(int pid, int fd, long pipeIno) {
    return openFile(pid, fd, FdTypes.PIPE, id -> new FileSpec(id, pipeIno, false, null));
  }

  /** {@code pid} holds the write end of pipe {@code pipeIno} on {@code fd}. */
  public DumpBuilder pipeWriteEnd(int pid, int fd, long pipeIno) {
    return openFile(pid, fd, FdTypes.PIPE, id -> new FileSpec(id, pipeIno, true, null));
  }

  /** {@code pid} has the regular file {@code path} open on {@code fd} (O_RDONLY). */
  public DumpBuilder regularFile(int pid, int fd, String path) {
    return openFile(pid, fd, FdTypes.REG, id -> new FileSpec(id, null, false, path));
  }

  /**
   * Defect: {@code pid}'s fd {@code fd} is a PIPE naming file id {@code fileId}, not in files.img.
   */
  public DumpBuilder danglingFd(int pid, int fd, int fileId) {
    task(pid).fds().put(fd, new Fd(fileId, FdTypes.PIPE));
    return this;
  }

  /** Closes {@code fd} of {@code pid} (removes it from its fd table). */
  public DumpBuilder close(int pid, int fd) {
    task(pid).fds().remove(fd);
    return this;
  }

  /** Mounts declared from here on belong to mount namespace {@code nsId} (default 10). */
  public DumpBuilder mountNamespace(int nsId) {
    this.namespace = nsId;
    return this;
  }

  /** A tmpfs mount. */
  public DumpBuilder plainMount(String mountpoint) {
    return plainMount(mountpoint, Fstype.TMPFS, "tmpfs", "size=1024k,mode=755");
  }

  /** A mount of any other filesystem type. */
  public DumpBuilder plainMount(String mountpoint, Fstype fstype, String source, String options) {
    int minor = mountpoint.equals("/") ? 0 : nextSuperblock++;
    int major = mountpoint.equals("/") ? 254 : 0;
    return addMount(
        mountpoint,
        fstype.getNumber(),
        CriuRecords.kernelDev(major, minor),
        source,
        options,
        null,
        minor);
  }

  /**
   * An autofs mount; {@code spec} must call {@link AutofsSpec#owner} or {@link
   * AutofsSpec#catatonic}.
   */
  public DumpBuilder autofsMount(String mountpoint, Consumer<AutofsSpec> spec) {
    AutofsSpec a = new AutofsSpec();
    spec.accept(a);
    a.requireStated(mountpoint);
    int sDev = a.superblockOr(nextSuperblock);
    if (!a.asksForSuperblock()) {
      nextSuperblock++;
    }
    return addMount(
        mountpoint,
        Fstype.AUTOFS_VALUE,
        CriuRecords.kernelDev(0, sDev),
        a.sourceOrDefault(),
        a.optionString(),
        a.imageRecord(),
        sDev);
  }

  /** Defect: the next mount added gets mount id {@code mntId}, which another mount may have. */
  public DumpBuilder reuseMntId(int mntId) {
    reusedMntId = mntId;
    return this;
  }

  /** Defect: {@code file} (e.g. {@code autofs-41.img}) is not written. */
  public DumpBuilder omit(String file) {
    omitted.add(file);
    return this;
  }

  /** Defect: {@code file} is damaged after it is written. */
  public DumpBuilder damage(String file, Damage damage) {
    return rewrite(file, bytes -> damaged(bytes, damage));
  }

  /** Escape hatch: {@code file}'s bytes are replaced by what {@code edit} makes of them. */
  public DumpBuilder rewrite(String file, UnaryOperator<byte[]> edit) {
    rewrites.computeIfAbsent(file, f -> new ArrayList<>()).add(edit);
    return this;
  }

  /** Writes the image directory (created if absent) and returns it. */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    writeImage(dir, "inventory.img", ImageType.INVENTORY, List.of(CriuRecords.inventory()));
    List<org.autofsrestore.proto.PstreeEntry> tree = new ArrayList<>();
    int filesId = 2;
    int rootMntId = mounts.isEmpty() ? FIRST_MNT_ID : mounts.get(0).entry().getMntId();
    for (Task t : tasks.values()) {
      tree.add(CriuRecords.pstree(t.pid(), t.ppid(), t.pgid(), t.sid()));
      writeImage(
          dir, "core-" + t.pid() + ".img", ImageType.CORE, List.of(CriuRecords.core(t.comm())));
      writeImage(
          dir,
          "ids-" + t.pid() + ".img",
          ImageType.IDS,
          List.of(CriuRecords.ids(filesId, CriuRecords.DEFAULT_MNT_NS)));
      List<org.autofsrestore.proto.FdinfoEntry> fds = new ArrayList<>();
      t.fds().forEach((fd, f) -> fds.add(CriuRecords.fd(fd, f.fileId(), f.type())));
      writeImage(dir, "fdinfo-" + filesId + ".img", ImageType.FDINFO, fds);
      filesId++;
    }
    writeImage(dir, "pstree.img", ImageType.PSTREE, tree);

    List<FileEntry> fileEntries = new ArrayList<>();
    Set<Long> pipes = new java.util.LinkedHashSet<>();
    for (FileSpec f : files.values()) {
      if (f.pipeIno() != null) {
        fileEntries.add(CriuRecords.pipeEnd(f.id(), f.pipeIno(), f.writeEnd()));
        pipes.add(f.pipeIno());
      } else {
        fileEntries.add(CriuRecords.regularFile(f.id(), f.path(), f.writeEnd(), rootMntId));
      }
    }
    writeImage(dir, "files.img", ImageType.FILES, fileEntries);
    if (!omitted.contains("pipes-data.img")) {
      try (CriuRecords.PipesDataWriter out =
          new CriuRecords.PipesDataWriter(dir.resolve("pipes-data.img"))) {
        for (long ino : pipes) {
          out.append(ino);
        }
      }
    }

    Map<Integer, List<MntEntry>> byNamespace = new TreeMap<>();
    Set<Integer> autofsWritten = new HashSet<>();
    for (Mount m : mounts) {
      byNamespace.computeIfAbsent(m.nsId(), k -> new ArrayList<>()).add(m.entry());
      if (m.autofs() != null && autofsWritten.add(m.superblock())) {
        writeImage(dir, "autofs-" + m.superblock() + ".img", ImageType.AUTOFS, List.of(m.autofs()));
      }
    }
    for (Map.Entry<Integer, List<MntEntry>> ns : byNamespace.entrySet()) {
      writeImage(dir, "mountpoints-" + ns.getKey() + ".img", ImageType.MNTS, ns.getValue());
    }
    for (Map.Entry<String, List<UnaryOperator<byte[]>>> r : rewrites.entrySet()) {
      Path file = dir.resolve(r.getKey());
      byte[] bytes = Files.readAllBytes(file);
      for (UnaryOperator<byte[]> edit : r.getValue()) {
        bytes = edit.apply(bytes);
      }
      Files.write(file, bytes);
    }
    return dir;
  }

  private <M extends com.google.protobuf.MessageLite> void writeImage(
      Path dir, String name, ImageType<M> type, List<M> records) throws IOException {
    if (!omitted.contains(name)) {
      ImageWriter.write(dir.resolve(name), type, records);
    }
  }

  private DumpBuilder openFile(
      int pid, int fd, FdTypes type, java.util.function.IntFunction<FileSpec> file) {
    Task t = task(pid);
    int id = nextFileId++;
    files.put(id, file.apply(id));
    t.fds().put(fd, new Fd(id, type));
    return this;
  }

  private Task task(int pid) {
    Task t = tasks.get(pid);
    if (t == null) {
      throw new IllegalArgumentException("declare process " + pid + " before its files");
    }
    return t;
  }

  private DumpBuilder addMount(
      String mountpoint,
      int fstype,
      int rootDev,
      String source,
      String options,
      AutofsEntry autofs,
      int superblock) {
    boolean first = mounts.stream().noneMatch(m -> m.nsId() == namespace);
    if (first && !mountpoint.equals("/")) {
      plainMount("/", Fstype.UNSUPPORTED, "/dev/vda", "rw");
    }
    int parent = FIRST_MNT_ID - 1;
    int best = -1;
    for (Mount m : mounts) {
      if (m.nsId() != namespace) {
        continue;
      }
      String p = m.entry().getMountpoint();
      if (contains(p, mountpoint) && p.length() >= best) {
        best = p.length();
        parent = m.entry().getMntId();
      }
    }
    int mntId = reusedMntId != null ? reusedMntId : nextMntId++;
    reusedMntId = null;
    MntEntry entry =
        CriuRecords.mount(fstype, mntId, parent, rootDev, "/", mountpoint, source, options);
    mounts.add(new Mount(namespace, entry, autofs, superblock));
    return this;
  }

  /** Whether mount point {@code outer} contains {@code inner} (or is it: an overmount). */
  private static boolean contains(String outer, String inner) {
    if (outer.equals("/") || outer.equals(inner)) {
      return true;
    }
    return inner.startsWith(outer) && inner.charAt(outer.length()) == '/';
  }

  static byte[] damaged(byte[] bytes, Damage damage) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int first = bytes.length >= 4 ? b.getInt(0) : 0;
    int header = first == ImageType.COMMON_MAGIC || first == ImageType.SERVICE_MAGIC ? 8 : 4;
    boolean hasRecord = bytes.length >= header + 4;
    int length = hasRecord ? b.getInt(header) : 0;
    switch (damage) {
      case BAD_MAGIC -> {
        byte[] out = bytes.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(header - 4, 0xdeadbeef);
        return out;
      }
      case TRUNCATED -> {
        if (!hasRecord) {
          return Arrays.copyOf(bytes, Math.max(0, header - 2));
        }
        int last = header;
        for (int at = header; at + 4 <= bytes.length; at += 4 + b.getInt(at)) {
          last = at;
        }
        return Arrays.copyOf(bytes, last + 4 + b.getInt(last) / 2);
      }
      case HEADER_ONLY -> {
        return Arrays.copyOf(bytes, header);
      }
      case UNDECODABLE_RECORD -> {
        byte[] out = bytes.clone();
        Arrays.fill(out, header + 4, header + 4 + length, (byte) 0xff);
        return out;
      }
      case OVERSIZED_LENGTH -> {
        byte[] out = bytes.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(header, 0x7fffffff);
        return out;
      }
      default -> throw new IllegalArgumentException(damage.toString());
    }
  }
}
