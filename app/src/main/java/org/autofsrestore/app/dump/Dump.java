package org.autofsrestore.app.dump;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import org.autofsrestore.image.ImageFormatException;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.proto.CoreEntry;
import org.autofsrestore.proto.FdinfoEntry;

/**
 * A CRIU dump image directory: its mounts and process tree, read when the dump is opened, and the
 * per-mount and per-task images (autofs-N, core-PID, ids-PID, fdinfo-N, files), read the first time
 * they are asked for and then kept. Listing the autofs mounts of a dump of thousands of tasks so
 * reads only the images of the tasks that own them.
 *
 * <p>The mount table and the process tree are kept as columns of numbers ({@link MountTable},
 * {@link ProcessTable}); a {@link MountEntry} or {@link ProcessEntry} is made when one is asked
 * for, so a large dump costs an inspection little more than its autofs mounts do.
 *
 * <p>Open one with {@link DumpLoader#load(Path)}.
 */
public final class Dump {
  private final Path directory;
  private final ImageFiles images;
  private final int imageVersion;
  private final MountTable mounts;
  private final ProcessTable processes;
  private final List<MountEntry> mountList;

  private final Map<Integer, ImagePart<AutofsImage>> autofsImages = new ConcurrentHashMap<>();
  private final Map<Integer, ImagePart<String>> comms = new ConcurrentHashMap<>();
  private final Map<Integer, ImagePart<Integer>> filesIds = new ConcurrentHashMap<>();
  private final Map<Integer, ImagePart<List<FdEntry>>> fdTables = new ConcurrentHashMap<>();
  private volatile ImagePart<FileTable> files;
  private volatile List<MountEntry> autofsMounts;
  private volatile Children children;

  Dump(
      Path directory,
      ImageFiles images,
      int imageVersion,
      MountTable mounts,
      ProcessTable processes) {
    this.directory = directory;
    this.images = images;
    this.imageVersion = imageVersion;
    this.mounts = mounts;
    this.processes = processes;
    this.mountList = new MountList(mounts);
  }

  public Path directory() {
    return directory;
  }

  /** inventory.img's img_version. */
  public int imageVersion() {
    return imageVersion;
  }

  /** How many mounts all mount namespaces hold together. */
  public int mountCount() {
    return mounts.size();
  }

  /**
   * Every mount of every mount namespace, in image order (tables in file name order). Each element
   * is made when it is read: prefer {@link #autofsMounts()} and {@link #mountsBelow(int)}.
   */
  public List<MountEntry> mounts() {
    return mountList;
  }

  /** The autofs mounts, by mount namespace and then mount id (image order among equals). */
  public List<MountEntry> autofsMounts() {
    List<MountEntry> sorted = autofsMounts;
    if (sorted == null) {
      List<MountEntry> autofs = new ArrayList<>();
      for (int i = 0; i < mounts.size(); i++) {
        if (mounts.isAutofs(i)) {
          autofs.add(mounts.entry(i));
        }
      }
      autofs.sort(new ByNamespaceThenId()); // stable
      sorted = Collections.unmodifiableList(autofs);
      autofsMounts = sorted;
    }
    return sorted;
  }

  /**
   * The mounts whose parent is mount {@code mntId} (of any namespace; a mount that is its own
   * parent is not below itself), in image order.
   */
  public List<MountEntry> mountsBelow(int mntId) {
    Children index = children;
    if (index == null) {
      index = new Children(mounts);
      children = index;
    }
    return index.of(mntId, mounts);
  }

  /** Every task by pid, in image order. */
  public Map<Integer, ProcessEntry> processes() {
    return processes.asMap();
  }

  public Optional<ProcessEntry> process(int pid) {
    return Optional.ofNullable(processes.process(pid));
  }

  /** Below this many autofs mounts a second thread is not worth its start. */
  private static final int READ_AHEAD_FROM = 64;

  /**
   * Starts reading, on a thread of its own, what an inspection of {@code autofsMounts} reads: each
   * one's autofs-N.img, and for a live one the images of its owner (core, ids, fdinfo, and
   * files.img once), from the last mount back. The caller reads them from the first on; whichever
   * comes to a part first reads it and keeps it (at worst both read it, and keep the same), so the
   * two meet in the middle having read about half each. The parts are what they would be without
   * it: only when, not what, changes.
   */
  public void readAhead(List<MountEntry> autofsMounts) {
    if (autofsMounts.size() < READ_AHEAD_FROM) {
      return;
    }
    int[] devices = new int[autofsMounts.size()];
    for (int i = 0; i < devices.length; i++) {
      devices[i] = autofsMounts.get(i).superblockDevice();
    }
    // Without a thread to be had, the caller reads everything itself, as it would anyway.
    SideThread.start(new ReadAhead(this, devices), "dump-read-ahead");
  }

  /**
   * Reads, from the last mount back, the parts the analysis reads for each owner, in the order
   * OwnerResolution.fromImage reads them (pstree, core, ids, fdinfo, files): keep the two alike.
   */
  private static final class ReadAhead implements Runnable {
    private final Dump dump;
    private final int[] devices;

    ReadAhead(Dump dump, int[] devices) {
      this.dump = dump;
      this.devices = devices;
    }

    @Override
    public void run() {
      try {
        for (int i = devices.length - 1; i >= 0; i--) {
          Optional<AutofsImage> image = dump.autofsImage(devices[i]).value();
          if (image.isEmpty() || image.get().fd() == -1) {
            continue; // no owner to read for: catatonic, or the owner is found another way
          }
          ProcessEntry owner = dump.processes.process(image.get().pgrp());
          if (owner == null) {
            continue;
          }
          dump.commPart(owner.pid());
          Optional<Integer> filesId = dump.filesId(owner.pid()).value();
          if (filesId.isPresent()) {
            dump.fdTable(filesId.get());
            dump.files();
          }
        }
      } catch (RuntimeException e) {
        // A read-ahead that fails leaves its parts to the caller, which reads (and reports) them.
      }
    }
  }

  /** autofs-N.img for the superblock device N. */
  public ImagePart<AutofsImage> autofsImage(int superblockDevice) {
    ImagePart<AutofsImage> part = autofsImages.get(superblockDevice);
    if (part == null) {
      Path file = directory.resolve("autofs-" + superblockDevice + ".img");
      try {
        part = found(file, AutofsImage.of(images.readOne(file, ImageType.AUTOFS)));
      } catch (IOException e) {
        part = failed(file, e);
      }
      part = cache(autofsImages, superblockDevice, part);
    }
    return part;
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
    ImagePart<String> part = comms.get(pid);
    if (part == null) {
      Path file = directory.resolve("core-" + pid + ".img");
      try {
        part = found(file, readComm(file));
      } catch (IOException e) {
        part = failed(file, e);
      }
      part = cache(comms, pid, part);
    }
    return part;
  }

  private String readComm(Path file) throws IOException {
    ImageReader<CoreEntry> reader = images.open(file, ImageType.CORE);
    long at = reader.position();
    CoreEntry core = reader.first(); // throws: no record
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
  }

  /** The files_id of the task (ids-PID.img): which fdinfo-N.img holds its fd table. */
  public ImagePart<Integer> filesId(int pid) {
    ImagePart<Integer> part = filesIds.get(pid);
    if (part == null) {
      Path file = directory.resolve("ids-" + pid + ".img");
      try {
        part = found(file, images.readOne(file, ImageType.IDS).getFilesId());
      } catch (IOException e) {
        part = failed(file, e);
      }
      part = cache(filesIds, pid, part);
    }
    return part;
  }

  /** A fd table (fdinfo-FILESID.img), in image order. */
  public ImagePart<List<FdEntry>> fdTable(int filesId) {
    ImagePart<List<FdEntry>> part = fdTables.get(filesId);
    if (part == null) {
      Path file = directory.resolve("fdinfo-" + filesId + ".img");
      try {
        part = found(file, readFdTable(file));
      } catch (IOException e) {
        part = failed(file, e);
      }
      part = cache(fdTables, filesId, part);
    }
    return part;
  }

  private List<FdEntry> readFdTable(Path file) throws IOException {
    ImageReader<FdinfoEntry> reader = images.open(file, ImageType.FDINFO);
    List<FdEntry> fds = new ArrayList<>();
    while (reader.hasNext()) {
      FdinfoEntry e = reader.next();
      fds.add(new FdEntry(e.getFd(), e.getId(), e.getType().name(), e.getFlags()));
    }
    return Collections.unmodifiableList(fds);
  }

  /**
   * The open files of the whole dump (files.img), by id. Its framing is checked now; a record is
   * decoded when its file is asked for (see {@link FileTable}).
   */
  public ImagePart<FileTable> files() {
    ImagePart<FileTable> read = files;
    if (read == null) {
      synchronized (this) {
        read = files;
        if (read == null) {
          Path file = directory.resolve("files.img");
          try {
            read = found(file, FileTable.read(images.open(file, ImageType.FILES)));
          } catch (IOException e) {
            read = failed(file, e);
          }
          files = read;
        }
      }
    }
    return read;
  }

  private static <T> ImagePart<T> cache(
      Map<Integer, ImagePart<T>> parts, int key, ImagePart<T> part) {
    ImagePart<T> raced = parts.putIfAbsent(key, part);
    return raced == null ? part : raced;
  }

  private static <T> ImagePart<T> found(Path file, T content) {
    return content == null ? new ImagePart.Missing<>(file) : new ImagePart.Found<>(file, content);
  }

  private static <T> ImagePart<T> failed(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new ImagePart.Missing<>(file);
    }
    if (e instanceof ImageFormatException format) {
      return new ImagePart.Damaged<>(file, format);
    }
    return new ImagePart.Damaged<>(
        file,
        new ImageFormatException(
            file, 0, ImageFormatException.Kind.UNDECODABLE, "cannot be read: " + e));
  }

  /** Orders mounts as {@link #autofsMounts()} lists them. */
  private static final class ByNamespaceThenId implements Comparator<MountEntry> {
    @Override
    public int compare(MountEntry a, MountEntry b) {
      int byNamespace = Integer.compare(a.mntNsId(), b.mntNsId());
      return byNamespace != 0 ? byNamespace : Integer.compare(a.mntId(), b.mntId());
    }
  }

  /** The mount table as a list; each element is made when it is read. */
  private static final class MountList extends AbstractList<MountEntry> implements RandomAccess {
    private final MountTable table;

    MountList(MountTable table) {
      this.table = table;
    }

    @Override
    public MountEntry get(int index) {
      Objects.checkIndex(index, table.size());
      return table.entry(index);
    }

    @Override
    public int size() {
      return table.size();
    }
  }

  /**
   * For each parent mount id, the positions of the mounts below it, in image order: the whole tree
   * in three int arrays (parent -> first child slot, slots -> positions), made once.
   */
  private static final class Children {
    private final IntIndex slotByParent;
    private final int[] starts;
    private final int[] positions;

    Children(MountTable mounts) {
      int n = mounts.size();
      slotByParent = new IntIndex(n);
      int[] slotOf = new int[n];
      int[] counts = new int[n + 1];
      int slots = 0;
      for (int i = 0; i < n; i++) {
        slotOf[i] = -1;
        int parent = mounts.parentMntId(i);
        if (parent == mounts.mntId(i)) {
          continue;
        }
        int slot = slotByParent.get(parent);
        if (slot == IntIndex.ABSENT) {
          slot = slots++;
          slotByParent.put(parent, slot);
        }
        slotOf[i] = slot;
        counts[slot]++;
      }
      starts = new int[slots + 1];
      for (int s = 0; s < slots; s++) {
        starts[s + 1] = starts[s] + counts[s];
      }
      positions = new int[starts[slots]];
      int[] next = Arrays.copyOf(starts, slots);
      for (int i = 0; i < n; i++) {
        if (slotOf[i] >= 0) {
          positions[next[slotOf[i]]++] = i;
        }
      }
    }

    List<MountEntry> of(int mntId, MountTable mounts) {
      int slot = slotByParent.get(mntId);
      if (slot == IntIndex.ABSENT) {
        return List.of();
      }
      MountEntry[] below = new MountEntry[starts[slot + 1] - starts[slot]];
      for (int k = 0; k < below.length; k++) {
        below[k] = mounts.entry(positions[starts[slot] + k]);
      }
      return List.of(below);
    }
  }
}
