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
  private final CountDownLatch read = new CountDownLatch(1);
  private int version;
  private DumpUnreadableException unreadable;
  private RuntimeException failed;
  private Error error;

  private InventoryRead(Path directory) {
    this.directory = directory;
  }

  /** Starts reading the inventory of {@code directory}. */
  static InventoryRead start(Path directory) {
    InventoryRead inventory = new InventoryRead(directory);
    Thread thread = new Thread(inventory, "dump-inventory");
    thread.setDaemon(true); // a failed load does not wait for the preparing
    try {
      thread.start();
    } catch (OutOfMemoryError e) {
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
      version = DumpLoader.readInventory(directory);
    } catch (DumpUnreadableException e) {
      unreadable = e;
    } catch (RuntimeException e) {
      failed = e;
    } catch (Error e) {
      error = e;
    } finally {
      read.countDown();
    }
  }

  /** The image version, once read; the inventory's error, as reading it in line throws it. */
  int version() throws DumpUnreadableException {
    boolean interrupted = false;
    while (true) {
      try {
        read.await(); // the latch makes what the reading thread set visible here
        break;
      } catch (InterruptedException e) {
        interrupted = true; // one small file: finish it, then pass the interrupt on
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (unreadable != null) {
      throw unreadable;
    }
    if (failed != null) {
      throw failed;
    }
    if (error != null) {
      throw error;
    }
    return version;
  }
}
