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
      while (reader.hasNext()) {
        PstreeEntry e = reader.next();
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
      int nsId = Integer.parseInt(name.group(1));
      try {
        // Record by record: the messages are dropped as soon as their mount is made.
        ImageReader<MntEntry> reader = ImageReader.open(file, ImageType.MNTS);
        while (reader.hasNext()) {
          MntEntry e = reader.next();
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
