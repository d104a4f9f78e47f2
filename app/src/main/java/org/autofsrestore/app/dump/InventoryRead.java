package org.autofsrestore.app.dump;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.autofsrestore.image.ImageType;

/**
 * inventory.img, read by a thread of its own, which then prepares the parsers an inspection uses
 * next ({@link ImageType#prepare()}). The inventory is the first generated message a JVM decodes,
 * and that first decode loads and initialises protobuf's runtime: tens of milliseconds of class
 * loading that so overlap the scans of the process tree and the mount tables, which need none of
 * it. The outcome is what reading it in line gives: its version, or its error.
 */
final class InventoryRead implements Runnable {
  /** The types an inspection decodes next, in the order it first needs them. */
  private static final ImageType<?>[] NEXT =
      new ImageType<?>[] {ImageType.AUTOFS, ImageType.CORE, ImageType.FDINFO, ImageType.FILES};

  private final Path directory;
  private final ImageFiles images;
  private final CountDownLatch read = new CountDownLatch(1);
  private int version;

  /** What reading threw: a DumpUnreadableException, a RuntimeException or an Error. */
  private Throwable failure;

  private InventoryRead(Path directory, ImageFiles images) {
    this.directory = directory;
    this.images = images;
  }

  /** Starts reading the inventory of {@code directory}, or the one {@code images} holds. */
  static InventoryRead start(Path directory, ImageFiles images) {
    InventoryRead inventory = new InventoryRead(directory, images);
    if (!SideThread.start(inventory, "dump-inventory")) {
      inventory.readNow(); // no thread to be had: read it here
    }
    return inventory;
  }

  @Override
  public void run() {
    readNow();
    try {
      for (ImageType<?> type : NEXT) {
        type.prepare();
      }
    } catch (RuntimeException e) {
      // Preparing only saves time: a reader that finds a type unprepared prepares it itself.
    }
  }

  private void readNow() {
    try {
      version = DumpLoader.readInventory(directory, images);
    } catch (DumpUnreadableException | RuntimeException | Error e) {
      failure = e;
    } finally {
      read.countDown();
    }
  }

  /** The image version, once read; the inventory's error, as reading it in line throws it. */
  int version() throws DumpUnreadableException {
    SideThread.await(read);
    if (failure instanceof DumpUnreadableException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return version;
  }
}
