package org.autofsrestore.app.dump;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The names in a dump directory, listed by a thread of its own. A dump holds a few files per task,
 * tens of thousands in a large one, and listing them is mostly the kernel's work and the names'
 * strings: it runs beside the reading that needs no listing (the inventory, whose first decode
 * initialises protobuf, and the process tree), on a machine's second core.
 */
final class DirectoryListing implements Runnable {
  private final File directory;
  private final CountDownLatch listed = new CountDownLatch(1);
  private String[] names;

  private DirectoryListing(Path directory) {
    this.directory = directory.toFile();
  }

  /** Starts listing {@code directory}. */
  static DirectoryListing start(Path directory) {
    DirectoryListing listing = new DirectoryListing(directory);
    if (!SideThread.start(listing, "dump-listing")) {
      listing.run(); // no thread to be had: list here
    }
    return listing;
  }

  @Override
  public void run() {
    try {
      names = directory.list();
    } finally {
      listed.countDown();
    }
  }

  /** The names ({@link File#list()}), or null when the directory could not be listed. */
  String[] names() {
    SideThread.await(listed);
    return names;
  }
}
