package org.autofsrestore.app.dump;

import java.io.File;
import java.nio.file.Path;

/**
 * The names in a dump directory, listed by a thread of its own. A dump holds a few files per task,
 * tens of thousands in a large one, and listing them is mostly the kernel's work and the names'
 * strings: it runs beside the reading that needs no listing (the inventory, whose first decode
 * initialises protobuf, and the process tree), on a machine's second core.
 */
final class DirectoryListing implements Runnable {
  private final File directory;
  private final Thread thread;
  private String[] names;

  private DirectoryListing(Path directory) {
    this.directory = directory.toFile();
    this.thread = new Thread(this, "dump-listing");
    thread.setDaemon(true); // a failed load does not wait for it
  }

  /** Starts listing {@code directory}. */
  static DirectoryListing start(Path directory) {
    DirectoryListing listing = new DirectoryListing(directory);
    try {
      listing.thread.start();
    } catch (OutOfMemoryError e) {
      listing.run(); // no thread to be had: list here (join then returns at once)
    }
    return listing;
  }

  @Override
  public void run() {
    names = directory.list();
  }

  /** The names ({@link File#list()}), or null when the directory could not be listed. */
  String[] names() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join(); // join makes the listing thread's names visible here
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the listing is short and bounded: finish it, then pass it on
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return names;
  }
}
