package org.autofsrestore.app.dump;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.autofsrestore.image.ImageFormatException;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.proto.PstreeEntry;

/** Opens a CRIU dump image directory: inventory, process tree and every mount table. */
public final class DumpLoader {
  private static final Pattern MOUNTPOINTS = Pattern.compile("mountpoints-(\\d+)\\.img");

  private DumpLoader() {}

  /**
   * Reads what every question about the dump needs: inventory.img, pstree.img and each
   * mountpoints-NSID.img. Everything else is read later, on demand.
   *
   * @throws DumpUnreadableException when the directory is not a readable CRIU dump
   */
  public static Dump load(Path directory) throws DumpUnreadableException {
    if (!Files.isDirectory(directory)) {
      throw new DumpUnreadableException(
          directory,
          directory
              + (Files.exists(directory) ? " is not a directory" : " does not exist")
              + ": give the directory that `criu dump -D DIR` wrote");
    }
    int version = readInventory(directory);
    Map<Integer, ProcessEntry> processes = readProcessTree(directory);
    List<MountEntry> mounts = readMounts(directory);
    return new Dump(directory, version, mounts, processes);
  }

  private static int readInventory(Path directory) throws DumpUnreadableException {
    Path file = directory.resolve("inventory.img");
    try {
      return ImageReader.readOne(file, ImageType.INVENTORY).getImgVersion();
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

  private static Map<Integer, ProcessEntry> readProcessTree(Path directory)
      throws DumpUnreadableException {
    Path file = directory.resolve("pstree.img");
    try {
      Map<Integer, ProcessEntry> processes = new LinkedHashMap<>();
      ImageReader<PstreeEntry> reader = ImageReader.open(file, ImageType.PSTREE);
      long tasks = 0;
      while (reader.hasNext()) {
        long at = reader.position();
        PstreeEntry e = reader.next();
        tasks += 1 + e.getThreadsCount();
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
        processes.put(
            e.getPid(),
            new ProcessEntry(
                e.getPid(), e.getPpid(), e.getPgid(), e.getSid(), e.getThreadsCount()));
      }
      if (processes.isEmpty()) {
        throw new DumpUnreadableException(
            file, file + ": the process tree holds no task; the dump is incomplete, dump again");
      }
      return processes;
    } catch (NoSuchFileException e) {
      throw new DumpUnreadableException(
          file, file + " is missing: the dump has no process tree; copy it again or dump again");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static List<MountEntry> readMounts(Path directory) throws DumpUnreadableException {
    List<Path> tables = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "mountpoints-*.img")) {
      files.forEach(tables::add);
    } catch (IOException e) {
      throw new DumpUnreadableException(directory, "cannot list " + directory + ": " + e, e);
    }
    if (tables.isEmpty()) {
      throw new DumpUnreadableException(
          directory,
          directory
              + " has no mountpoints-N.img: the dump holds no mount table (was it dumped"
              + " without its mount namespace?); dump again with the mount namespace");
    }
    tables.sort(null);
    List<MountEntry> mounts = new ArrayList<>();
    for (Path file : tables) {
      Matcher name = MOUNTPOINTS.matcher(file.getFileName().toString());
      if (!name.matches()) {
        continue;
      }
      int nsId;
      try {
        nsId = Integer.parseInt(name.group(1));
      } catch (NumberFormatException e) {
        continue; // mountpoints-99999999999.img names no namespace CRIU writes
      }
      try {
        ImageReader<MntEntry> reader = ImageReader.open(file, ImageType.MNTS);
        while (reader.hasNext()) {
          long at = reader.position();
          MntEntry e = reader.next();
          if (mounts.size() >= DumpLimits.MAX_MOUNTS) {
            throw tooLarge(
                file,
                at,
                "more than "
                    + DumpLimits.MAX_MOUNTS
                    + " mounts in the dump's mount tables, above the mount limit (MAX_MOUNTS)");
          }
          checkLength(file, at, e, "mountpoint", e.getMountpointBytes().size(), PATH_LIMIT);
          checkLength(file, at, e, "root", e.getRootBytes().size(), PATH_LIMIT);
          checkLength(file, at, e, "source", e.getSourceBytes().size(), SOURCE_LIMIT);
          checkLength(file, at, e, "options", e.getOptionsBytes().size(), OPTIONS_LIMIT);
          mounts.add(
              new MountEntry(
                  e.getMntId(),
                  e.getParentMntId(),
                  nsId,
                  e.getFstype(),
                  DeviceNumber.fromKernel(e.getRootDev()),
                  e.getRoot(),
                  e.getMountpoint(),
                  e.getSource(),
                  e.getOptions(),
                  e.getFlags(),
                  e.getSbFlags()));
        }
      } catch (IOException e) {
        throw unreadable(file, e);
      }
    }
    return mounts;
  }

  private record Limit(String name, int bytes, String why) {}

  private static final Limit PATH_LIMIT =
      new Limit("MAX_PATH_BYTES", DumpLimits.MAX_PATH_BYTES, "PATH_MAX");
  private static final Limit SOURCE_LIMIT =
      new Limit("MAX_SOURCE_BYTES", DumpLimits.MAX_SOURCE_BYTES, "PATH_MAX");
  private static final Limit OPTIONS_LIMIT =
      new Limit("MAX_OPTIONS_BYTES", DumpLimits.MAX_OPTIONS_BYTES, "16 pages");

  private static void checkLength(
      Path file, long at, MntEntry e, String field, int bytes, Limit limit)
      throws DumpUnreadableException {
    if (bytes > limit.bytes()) {
      throw tooLarge(
          file,
          at,
          "mount "
              + Integer.toUnsignedString(e.getMntId())
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
