package org.autofsrestore.app.dump;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.autofsrestore.image.ImageFormatException;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.proto.CoreEntry;
import org.autofsrestore.proto.FdinfoEntry;
import org.autofsrestore.proto.FileEntry;

/**
 * A CRIU dump image directory: its mounts and process tree, read when the dump is opened, and the
 * per-mount and per-task images (autofs-N, core-PID, ids-PID, fdinfo-N, files), read the first time
 * they are asked for and then kept. Listing the autofs mounts of a dump of thousands of tasks so
 * reads only the images of the tasks that own them.
 *
 * <p>Open one with {@link DumpLoader#load(Path)}.
 */
public final class Dump {
  private final Path directory;
  private final int imageVersion;
  private final List<MountEntry> mounts;
  private final Map<Integer, ProcessEntry> processes;

  private final Map<Integer, ImagePart<AutofsImage>> autofsImages = new ConcurrentHashMap<>();
  private final Map<Integer, ImagePart<String>> comms = new ConcurrentHashMap<>();
  private final Map<Integer, ImagePart<Integer>> filesIds = new ConcurrentHashMap<>();
  private final Map<Integer, ImagePart<List<FdEntry>>> fdTables = new ConcurrentHashMap<>();
  private volatile ImagePart<Map<Integer, FileDescription>> files;

  Dump(
      Path directory,
      int imageVersion,
      List<MountEntry> mounts,
      Map<Integer, ProcessEntry> processes) {
    this.directory = directory;
    this.imageVersion = imageVersion;
    this.mounts = List.copyOf(mounts);
    this.processes = Map.copyOf(processes);
  }

  public Path directory() {
    return directory;
  }

  /** inventory.img's img_version. */
  public int imageVersion() {
    return imageVersion;
  }

  /** Every mount of every mount namespace, in image order. */
  public List<MountEntry> mounts() {
    return mounts;
  }

  public List<MountEntry> autofsMounts() {
    return mounts.stream()
        .filter(MountEntry::isAutofs)
        .sorted(
            java.util.Comparator.comparingInt(MountEntry::mntNsId)
                .thenComparingInt(MountEntry::mntId))
        .toList();
  }

  public Map<Integer, ProcessEntry> processes() {
    return processes;
  }

  public Optional<ProcessEntry> process(int pid) {
    return Optional.ofNullable(processes.get(pid));
  }

  /** autofs-N.img for the superblock device N. */
  public ImagePart<AutofsImage> autofsImage(int superblockDevice) {
    return autofsImages.computeIfAbsent(
        superblockDevice,
        dev ->
            readPart(
                "autofs-" + dev + ".img",
                file -> AutofsImage.of(ImageReader.readOne(file, ImageType.AUTOFS))));
  }

  /** The task's name from core-PID.img, when that image is there and readable. */
  public Optional<String> comm(int pid) {
    return commPart(pid).value();
  }

  /**
   * The task's name from core-PID.img, or why there is none: the image is absent, holds no task
   * core, is damaged, or names the task with more than {@link DumpLimits#MAX_COMM_BYTES} bytes.
   */
  public ImagePart<String> commPart(int pid) {
    return comms.computeIfAbsent(
        pid,
        p ->
            readPart(
                "core-" + p + ".img",
                file -> {
                  ImageReader<CoreEntry> reader = ImageReader.open(file, ImageType.CORE);
                  long at = reader.position();
                  CoreEntry core =
                      reader.hasNext()
                          ? reader.next()
                          : ImageReader.readOne(file, ImageType.CORE); // throws: no record
                  if (!core.hasTc()) {
                    return null;
                  }
                  int bytes = core.getTc().getCommBytes().size();
                  if (bytes > DumpLimits.MAX_COMM_BYTES) {
                    throw new ImageFormatException(
                        file,
                        at,
                        ImageFormatException.Kind.TOO_LARGE,
                        "the task's comm is "
                            + bytes
                            + " bytes, above MAX_COMM_BYTES ("
                            + DumpLimits.MAX_COMM_BYTES
                            + ", the kernel's TASK_COMM_LEN)");
                  }
                  return core.getTc().getComm();
                }));
  }

  /** The files_id of the task (ids-PID.img): which fdinfo-N.img holds its fd table. */
  public ImagePart<Integer> filesId(int pid) {
    return filesIds.computeIfAbsent(
        pid,
        p ->
            readPart(
                "ids-" + p + ".img",
                file -> ImageReader.readOne(file, ImageType.IDS).getFilesId()));
  }

  /** A fd table (fdinfo-FILESID.img), in image order. */
  public ImagePart<List<FdEntry>> fdTable(int filesId) {
    return fdTables.computeIfAbsent(
        filesId,
        id ->
            readPart(
                "fdinfo-" + id + ".img",
                file ->
                    ImageReader.readAll(file, ImageType.FDINFO).stream()
                        .map(Dump::fdEntry)
                        .toList()));
  }

  /** The open files of the whole dump (files.img), by id. */
  public ImagePart<Map<Integer, FileDescription>> files() {
    ImagePart<Map<Integer, FileDescription>> read = files;
    if (read == null) {
      synchronized (this) {
        read = files;
        if (read == null) {
          read = readPart("files.img", Dump::readFiles);
          files = read;
        }
      }
    }
    return read;
  }

  private static FdEntry fdEntry(FdinfoEntry e) {
    return new FdEntry(e.getFd(), e.getId(), e.getType().name(), e.getFlags());
  }

  private static Map<Integer, FileDescription> readFiles(Path file) throws IOException {
    Map<Integer, FileDescription> byId = new HashMap<>();
    ImageReader<FileEntry> reader = ImageReader.open(file, ImageType.FILES);
    while (reader.hasNext()) {
      FileEntry e = reader.next();
      Long pipeId = e.hasPipe() ? Integer.toUnsignedLong(e.getPipe().getPipeId()) : null;
      boolean writeEnd = e.hasPipe() && (e.getPipe().getFlags() & 0x3) == 0x1;
      String path = e.hasReg() ? e.getReg().getName() : null;
      byId.put(
          e.getId(), new FileDescription(e.getId(), e.getType().name(), pipeId, writeEnd, path));
    }
    return byId;
  }

  private interface ImageRead<T> {
    T read(Path file) throws IOException;
  }

  private <T> ImagePart<T> readPart(String name, ImageRead<T> read) {
    Path file = directory.resolve(name);
    try {
      T content = read.read(file);
      return content == null ? new ImagePart.Missing<>(file) : new ImagePart.Found<>(file, content);
    } catch (NoSuchFileException e) {
      return new ImagePart.Missing<>(file);
    } catch (ImageFormatException e) {
      return new ImagePart.Damaged<>(file, e);
    } catch (IOException e) {
      return new ImagePart.Damaged<>(
          file,
          new ImageFormatException(
              file, 0, ImageFormatException.Kind.UNDECODABLE, "cannot be read: " + e));
    }
  }
}
