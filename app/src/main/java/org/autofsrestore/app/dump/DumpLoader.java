package org.autofsrestore.app.dump;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.autofsrestore.image.FieldScan;
import org.autofsrestore.image.ImageFormatException;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.proto.PstreeEntry;

/** Opens a CRIU dump image directory: inventory, process tree and every mount table. */
public final class DumpLoader {
  private DumpLoader() {}

  /**
   * Reads what every question about the dump needs: inventory.img, pstree.img and each
   * mountpoints-NSID.img. Everything else is read later, on demand.
   *
   * @throws DumpUnreadableException when the directory is not a readable CRIU dump
   */
  public static Dump load(Path directory) throws DumpUnreadableException {
    return load(directory, ImageFiles.ON_DISK);
  }

  /**
   * As {@link #load(Path)}, for a directory some or all of whose images {@code images} holds in
   * memory instead (a checkpoint archive's).
   */
  public static Dump load(Path directory, ImageFiles images) throws DumpUnreadableException {
    if (!Files.isDirectory(directory)) {
      throw new DumpUnreadableException(
          directory,
          directory
              + (Files.exists(directory) ? " is not a directory" : " does not exist")
              + ": give the directory that `criu dump -D DIR` wrote");
    }
    DirectoryListing listing = DirectoryListing.start(directory);
    InventoryRead inventory = InventoryRead.start(directory, images);
    ProcessTable processes;
    MountTable mounts;
    try {
      processes = readProcessTree(directory, images);
      mounts = readMounts(directory, images, listing);
    } catch (DumpUnreadableException e) {
      inventory.version(); // the inventory's own error first, as when it was read first
      throw e;
    }
    return new Dump(directory, images, inventory.version(), mounts, processes);
  }

  static int readInventory(Path directory, ImageFiles images) throws DumpUnreadableException {
    Path file = directory.resolve("inventory.img");
    try {
      return images.readOne(file, ImageType.INVENTORY).getImgVersion();
    } catch (NoSuchFileException e) {
      throw new DumpUnreadableException(
          file,
          directory
              + " is not a CRIU image directory: inventory.img is missing. Give the directory"
              + " that `criu dump -D DIR` wrote, with all its files");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static ProcessTable readProcessTree(Path directory, ImageFiles images)
      throws DumpUnreadableException {
    Path file = directory.resolve("pstree.img");
    try {
      ProcessTable.Builder processes = new ProcessTable.Builder();
      ImageReader<PstreeEntry> reader = images.open(file, ImageType.PSTREE);
      FieldScan scan = ProcessTable.newScan();
      byte[] bytes = reader.array();
      long tasks = 0;
      while (reader.hasNext()) {
        reader.skipRecord();
        long at = reader.recordOffset();
        int pid;
        int ppid;
        int pgid;
        int sid;
        int threads;
        if (scan.scan(bytes, reader.payloadOffset(), reader.payloadLength())) {
          pid = scan.int32(PstreeEntry.PID_FIELD_NUMBER);
          ppid = scan.int32(PstreeEntry.PPID_FIELD_NUMBER);
          pgid = scan.int32(PstreeEntry.PGID_FIELD_NUMBER);
          sid = scan.int32(PstreeEntry.SID_FIELD_NUMBER);
          threads = scan.count(PstreeEntry.THREADS_FIELD_NUMBER);
        } else {
          PstreeEntry e = reader.decodeRecord(); // the exact error, or what the scan did not take
          pid = e.getPid();
          ppid = e.getPpid();
          pgid = e.getPgid();
          sid = e.getSid();
          threads = e.getThreadsCount();
        }
        tasks += 1 + threads;
        if (tasks > DumpLimits.MAX_TASKS) {
          throw new DumpUnreadableException(
              file,
              file.getFileName()
                  + " at byte "
                  + at
                  + ": more than "
                  + DumpLimits.MAX_TASKS
                  + " tasks (processes and threads), above the task limit (MAX_TASKS, the"
                  + " kernel's PID_MAX_LIMIT); the process tree is damaged or not from a real"
                  + " system: copy the dump again or dump again");
        }
        processes.add(pid, ppid, pgid, sid, threads);
      }
      if (processes.size() == 0) {
        throw new DumpUnreadableException(
            file, file + ": the process tree holds no task; the dump is incomplete, dump again");
      }
      return processes.build();
    } catch (NoSuchFileException e) {
      throw new DumpUnreadableException(
          file, file + " is missing: the dump has no process tree; copy it again or dump again");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static MountTable readMounts(Path directory, ImageFiles images, DirectoryListing listing)
      throws DumpUnreadableException {
    List<String> tables = mountTableNames(directory, listing.names(), images.heldNames());
    if (tables.isEmpty()) {
      throw new DumpUnreadableException(
          directory,
          directory
              + " has no mountpoints-N.img: the dump holds no mount table (was it dumped"
              + " without its mount namespace?); dump again with the mount namespace");
    }
    MountTable.Builder mounts = new MountTable.Builder();
    FieldScan scan = MountTable.newScan();
    // Mount ids are the kernel's, one per mount across every namespace: the tree below a mount and
    // the plan's order are made from them, so an id given twice is refused.
    IntIndex tableOfMntId = new IntIndex(1024);
    for (int t = 0; t < tables.size(); t++) {
      String name = tables.get(t);
      int nsId = namespaceOf(name);
      if (nsId < 0) {
        continue;
      }
      Path file = directory.resolve(name);
      try {
        ImageReader<MntEntry> reader = images.open(file, ImageType.MNTS);
        byte[] bytes = reader.array();
        mounts.startFile(bytes);
        while (reader.hasNext()) {
          reader.skipRecord();
          long at = reader.recordOffset();
          int payload = reader.payloadOffset();
          int length = reader.payloadLength();
          boolean scanned = scan.scan(bytes, payload, length);
          MntEntry decoded = scanned ? null : reader.decodeRecord(); // the exact error, if any
          if (mounts.size() >= DumpLimits.MAX_MOUNTS) {
            throw tooLarge(
                file,
                at,
                "more than "
                    + DumpLimits.MAX_MOUNTS
                    + " mounts in the dump's mount tables, above the mount limit (MAX_MOUNTS)");
          }
          // The limits, checked alike however the record was read.
          int mntId;
          int mountpoint;
          int root;
          int source;
          int options;
          if (scanned) {
            mntId = scan.int32(MntEntry.MNT_ID_FIELD_NUMBER);
            mountpoint = scan.length(MntEntry.MOUNTPOINT_FIELD_NUMBER);
            root = scan.length(MntEntry.ROOT_FIELD_NUMBER);
            source = scan.length(MntEntry.SOURCE_FIELD_NUMBER);
            options = scan.length(MntEntry.OPTIONS_FIELD_NUMBER);
          } else {
            mntId = decoded.getMntId();
            mountpoint = decoded.getMountpointBytes().size();
            root = decoded.getRootBytes().size();
            source = decoded.getSourceBytes().size();
            options = decoded.getOptionsBytes().size();
          }
          checkLength(file, at, mntId, "mountpoint", mountpoint, PATH_LIMIT);
          checkLength(file, at, mntId, "root", root, PATH_LIMIT);
          checkLength(file, at, mntId, "source", source, SOURCE_LIMIT);
          checkLength(file, at, mntId, "options", options, OPTIONS_LIMIT);
          int first = tableOfMntId.get(mntId);
          if (first != IntIndex.ABSENT) {
            throw duplicate(file, at, mntId, tables.get(first));
          }
          tableOfMntId.put(mntId, t);
          if (scanned) {
            mounts.addScanned(nsId, scan, payload, length);
          } else {
            mounts.addDecoded(nsId, decoded);
          }
        }
      } catch (IOException e) {
        throw unreadable(file, e);
      }
    }
    return mounts.build();
  }

  /**
   * The names of the directory's mountpoints-*.img, sorted, among {@code names} (the directory's
   * {@link File#list()}, null when it failed) and {@code held} (the images held in memory). Names
   * only: a dump directory holds a few files per task, tens of thousands in a large dump.
   */
  private static List<String> mountTableNames(
      Path directory, String[] names, Collection<String> held) throws DumpUnreadableException {
    if (names == null) {
      // File.list says only that it failed; the stream says why.
      try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
        files.iterator().hasNext();
      } catch (IOException e) {
        throw new DumpUnreadableException(directory, "cannot list " + directory + ": " + e, e);
      }
      throw new DumpUnreadableException(directory, "cannot list " + directory);
    }
    List<String> tables = new ArrayList<>();
    for (String name : names) {
      if (isMountTable(name)) {
        tables.add(name);
      }
    }
    for (String name : held) {
      if (isMountTable(name)) {
        tables.add(name); // an image is either held or on disk, never both
      }
    }
    tables.sort(null);
    return tables;
  }

  /**
   * The images a dump's reading opens, by name (the rest of a dump, memory pages first, is not).
   */
  private static final java.util.Set<String> IMAGES_READ =
      java.util.Set.of("inventory.img", "pstree.img", "files.img");

  private static final String[] PER_ID_IMAGES_READ = {
    "mountpoints-", "autofs-", "core-", "ids-", "fdinfo-"
  };

  /**
   * Whether reading a dump ever opens the image file {@code name}: inventory, process tree, mount
   * tables, autofs, and each task's core, ids and fd table, and files.img. What a checkpoint
   * archive keeps of its images.
   */
  public static boolean readsImage(String name) {
    if (IMAGES_READ.contains(name)) {
      return true;
    }
    if (!name.endsWith(".img")) {
      return false;
    }
    for (String prefix : PER_ID_IMAGES_READ) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isMountTable(String name) {
    return name.startsWith(MOUNT_TABLE_PREFIX) && name.endsWith(MOUNT_TABLE_SUFFIX);
  }

  private static final String MOUNT_TABLE_PREFIX = "mountpoints-";
  private static final String MOUNT_TABLE_SUFFIX = ".img";

  /**
   * The N of mountpoints-N.img (ASCII digits), or -1 when the name is not of that form or N is past
   * an int: such a file names no namespace CRIU writes, and is passed over.
   */
  static int namespaceOf(String name) {
    int from = MOUNT_TABLE_PREFIX.length();
    int to = name.length() - MOUNT_TABLE_SUFFIX.length();
    if (to <= from) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
      if (value > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return (int) value;
  }

  private record Limit(String name, int bytes, String why) {}

  private static final Limit PATH_LIMIT =
      new Limit("MAX_PATH_BYTES", DumpLimits.MAX_PATH_BYTES, "PATH_MAX");
  private static final Limit SOURCE_LIMIT =
      new Limit("MAX_SOURCE_BYTES", DumpLimits.MAX_SOURCE_BYTES, "PATH_MAX");
  private static final Limit OPTIONS_LIMIT =
      new Limit("MAX_OPTIONS_BYTES", DumpLimits.MAX_OPTIONS_BYTES, "16 pages");

  private static void checkLength(
      Path file, long at, int mntId, String field, int bytes, Limit limit)
      throws DumpUnreadableException {
    if (bytes > limit.bytes()) {
      throw tooLarge(
          file,
          at,
          "mount "
              + Integer.toUnsignedString(mntId)
              + " has a "
              + field
              + " of "
              + bytes
              + " bytes, above "
              + limit.name()
              + " ("
              + limit.bytes()
              + ", "
              + limit.why()
              + ")");
    }
  }

  private static DumpUnreadableException tooLarge(Path file, long at, String what) {
    return new DumpUnreadableException(
        file,
        file.getFileName()
            + " at byte "
            + at
            + ": "
            + what
            + "; the mount table is damaged or not from a real system: copy the dump again or"
            + " dump again");
  }

  private static DumpUnreadableException duplicate(Path file, long at, int mntId, String first) {
    String id = Integer.toUnsignedString(mntId);
    return tooLarge(
        file,
        at,
        "mount id "
            + id
            + " again ("
            + (first.equals(file.getFileName().toString())
                ? "earlier in this file"
                : "also in " + first)
            + "), and CRIU gives each mount an id of its own");
  }

  private static DumpUnreadableException unreadable(Path file, IOException e) {
    if (e instanceof ImageFormatException format) {
      return new DumpUnreadableException(
          file,
          format.getMessage() + "; the file is damaged: copy the dump again or dump again",
          e);
    }
    return new DumpUnreadableException(file, "cannot read " + file + ": " + e.getMessage(), e);
  }
}
