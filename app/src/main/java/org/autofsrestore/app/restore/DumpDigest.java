package org.autofsrestore.app.restore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.app.io.Sha256;

/**
 * The identity of a dump as a resume checks it: SHA-256 over the name, length and bytes of every
 * image file in the directory, in name order, page images left out (pages-N.img holds memory, is by
 * far the largest, and no restore of a mount reads it). A resume of a journal refuses a dump whose
 * digest changed: the plan it would rebuild could differ from the one that ran.
 */
public final class DumpDigest {
  private DumpDigest() {}

  public static String of(Path directory) throws IOException {
    if (Files.isRegularFile(directory)) {
      return ofFiles(List.of(directory));
    }
    List<Path> images = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.img")) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (!name.startsWith("pages-") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          images.add(p);
        }
      }
    }
    images.sort(null);
    return ofFiles(images);
  }

  private static String ofFiles(List<Path> images) throws IOException {
    MessageDigest sha = Sha256.digest();
    byte[] buffer = new byte[1 << 16];
    for (Path p : images) {
      sha.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      // Opened as UntrustedFile (no symlink, non-blocking, a regular file only): the dump is the
      // container's, and a FIFO swapped in for an image must not hang a resume.
      try (org.autofsrestore.app.io.UntrustedFile held =
              org.autofsrestore.app.io.UntrustedFile.open(p);
          InputStream in = held.read()) {
        sha.update(Long.toString(held.attributes().size()).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
        }
      }
    }
    return Sha256.hex(sha);
  }
}
