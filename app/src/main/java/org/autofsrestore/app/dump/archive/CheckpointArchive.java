package org.autofsrestore.app.dump.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.autofsrestore.app.dump.ArchiveLimits;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.dump.DumpUnreadableException;
import org.autofsrestore.app.io.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a container checkpoint archive (Podman's {@code podman container checkpoint --export},
 * CRI-O's and the kubelet's {@code checkpoint-POD_NS-CONTAINER-TIME.tar}): a tar, plain or
 * compressed, with CRIU's images under {@code checkpoint/} and the engine's {@code config.dump} and
 * {@code spec.dump} at the top. The stream is read once; only the images {@link DumpLoader} reads
 * are kept, in memory ({@link HeldImages}; past its limit, written into a private directory), and
 * so are the two metadata files. Everything else (memory pages, rootfs-diff.tar, volumes, logs) is
 * read through and dropped.
 */
final class CheckpointArchive {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointArchive.class);
  static final String IMAGES = "checkpoint";
  private static final String CONFIG_DUMP = "config.dump";
  private static final String SPEC_DUMP = "spec.dump";
  private static final int BUFFER = 64 * 1024;

  /** How to go past a limit for an archive that is trusted and that large. */
  static String raise(String limit) {
    return " (or, if you trust this archive, raise the limit for one run: JAVA_OPTS=-D"
        + ArchiveLimits.PROPERTY_PREFIX
        + limit
        + "=N)";
  }

  private final Path archive;
  private final Path images;
  private final Set<String> names = new HashSet<>();
  private int entries;
  private long keptBytes;
  private int imagesKept;
  private int imagesWritten;
  private Compression compression;
  private long decompressedBytes;
  private byte[] configDump;
  private byte[] specDump;
  private String lastName = "(none)";
  private int layers;
  private static final Pattern OCI_BLOB = Pattern.compile("blobs/sha256/[0-9a-f]{64}");
  private final long maxEntries = ArchiveLimits.of("MAX_ENTRIES", ArchiveLimits.MAX_ENTRIES);
  private final long maxEntryBytes =
      ArchiveLimits.of("MAX_ENTRY_BYTES", ArchiveLimits.MAX_ENTRY_BYTES);
  private final long maxMetadataBytes =
      ArchiveLimits.of("MAX_METADATA_BYTES", ArchiveLimits.MAX_METADATA_BYTES);
  private final long maxKeptBytes =
      ArchiveLimits.of("MAX_KEPT_BYTES", ArchiveLimits.MAX_KEPT_BYTES);
  private final long maxRatio =
      ArchiveLimits.of("MAX_EXPANSION_RATIO", ArchiveLimits.MAX_EXPANSION_RATIO);
  private final long ratioFloor =
      ArchiveLimits.of("RATIO_FLOOR_BYTES", ArchiveLimits.RATIO_FLOOR_BYTES);
  private final long maxStreamBytes =
      ArchiveLimits.of("MAX_STREAM_BYTES", ArchiveLimits.MAX_STREAM_BYTES);
  private final long maxHeaderBytes =
      ArchiveLimits.of("MAX_HEADER_BYTES", ArchiveLimits.MAX_HEADER_BYTES);

  private final HeldImages held;

  private CheckpointArchive(Path archive, Path images) {
    this.archive = archive;
    this.images = images;
    this.held = new HeldImages(images);
  }

  /** What an archive gave: the container its metadata names, and its images held in memory. */
  record Extracted(Optional<Container> container, HeldImages held) {}

  /**
   * Keeps the images of {@code archive}, in memory or, past the memory limit, in {@code
   * directory}/checkpoint, which it creates, and returns them with the container its metadata
   * describes.
   *
   * @throws DumpUnreadableException when it is not a checkpoint archive, is damaged, or is refused
   */
  static Extracted extract(Path archive, Path directory) throws DumpUnreadableException {
    Path images = directory.resolve(IMAGES);
    CheckpointArchive reading = new CheckpointArchive(archive, images);
    long start = System.nanoTime();
    try {
      Files.createDirectory(images);
      reading.read();
      // What an archive costs beside its directory (issue 14), in the log file.
      LOG.info(
          "read {} ({}) in {} ms: {} entries, {} bytes decompressed, {} images kept, {} of them"
              + " written to {}",
          archive,
          reading.compression.label(),
          (System.nanoTime() - start) / 1_000_000,
          reading.entries,
          reading.decompressedBytes,
          reading.imagesKept,
          reading.imagesWritten,
          images);
    } catch (ArchiveRefused e) {
      throw new DumpUnreadableException(archive, archive + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw reading.damaged(e);
    }
    if (reading.imagesKept == 0) {
      throw new DumpUnreadableException(
          archive,
          archive
              + " holds no checkpoint/*.img: it is not a container checkpoint archive; give the"
              + " archive of `podman container checkpoint --export` or the kubelet's"
              + " checkpoint-*.tar, or the directory that `criu dump -D DIR` wrote");
    }
    return new Extracted(
        ContainerMetadata.read(archive, reading.configDump, reading.specDump), reading.held);
  }

  private void read() throws IOException {
    try (InputStream file = Files.newInputStream(archive)) {
      MeteredStream compressed = new MeteredStream(file);
      BufferedInputStream head = new BufferedInputStream(compressed, BUFFER);
      compression = Compression.detect(head);
      if (compression == null) {
        throw new ArchiveRefused(
            "neither a dump directory nor a checkpoint archive: its first bytes are not a tar"
                + " header nor gzip, zstd or xz; give the directory that `criu dump -D DIR` wrote,"
                + " or the archive of `podman container checkpoint --export`");
      }
      try (InputStream decompressed = compression.open(head);
          Bounded bounded = new Bounded(decompressed, compressed, compression)) {
        TarStream tar = new TarStream(new BufferedInputStream(bounded, BUFFER), maxHeaderBytes);
        TarStream.Entry entry;
        while ((entry = tar.next()) != null) {
          take(tar, entry);
        }
        decompressedBytes = bounded.count();
      }
    }
  }

  private void take(TarStream tar, TarStream.Entry entry) throws IOException {
    String raw = entry.name();
    if (++entries > maxEntries) {
      throw refused(
          raw,
          "more than " + maxEntries + " entries (ArchiveLimits.MAX_ENTRIES)",
          "the archive is not a real checkpoint: checkpoint again" + raise("MAX_ENTRIES"));
    }
    String name = normalized(raw);
    lastName = name;
    if (!names.add(name)) {
      throw refused(
          raw, "appears twice", "a real checkpoint names each file once: checkpoint again");
    }
    Kept kept = kept(name);
    if (entry.isSymbolicLink() || entry.isLink()) {
      String target = entry.linkName();
      if (kept != Kept.NO || target.startsWith("/") || hasDotDot(target)) {
        throw refused(
            raw,
            (entry.isLink() ? "is a hard link to " : "is a symbolic link to ")
                + "'"
                + target
                + "'"
                + (kept != Kept.NO ? ", where a file is needed" : ", outside the archive"),
            "links are not followed: give an archive whose images are plain files");
      }
      return;
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      throw refused(
          raw,
          "is a " + (entry.isFIFO() ? "FIFO" : "device node"),
          "a checkpoint archive holds none: give the engine's archive as it wrote it");
    }
    if (entry.isDirectory()) {
      return;
    }
    if (entry.sparse() || !entry.isFile()) {
      throw refused(
          raw,
          (entry.sparse() ? "is a sparse file" : "is of tar type '" + (char) entry.type() + "'")
              + ", not a plain file",
          "give the engine's archive as it wrote it");
    }
    if (kept == Kept.NO) {
      if (layers == 0 && OCI_BLOB.matcher(name).matches()) {
        layer(tar, raw, name.substring(name.lastIndexOf('/') + 1));
      }
      return; // read through by the next entry's reading, never stored
    }
    long size = entry.size();
    long limit = kept == Kept.IMAGE ? maxEntryBytes : maxMetadataBytes;
    String limitName = kept == Kept.IMAGE ? "MAX_ENTRY_BYTES" : "MAX_METADATA_BYTES";
    if (size > limit) {
      throw refused(
          raw,
          "is " + size + " bytes, above " + limit + " (ArchiveLimits." + limitName + ")",
          "the archive is damaged or not a real checkpoint: checkpoint again" + raise(limitName));
    }
    if (keptBytes + size > maxKeptBytes) {
      throw refused(
          raw,
          "brings the images kept to more than "
              + maxKeptBytes
              + " bytes (ArchiveLimits.MAX_KEPT_BYTES)",
          "the archive is damaged or not a real checkpoint: checkpoint again"
              + raise("MAX_KEPT_BYTES"));
    }
    keptBytes += size;
    switch (kept) {
      case CONFIG -> configDump = readAll(tar, size);
      case SPEC -> specDump = readAll(tar, size);
      default -> write(tar, raw, name.substring(IMAGES.length() + 1), size);
    }
  }

  /**
   * A blob of an OCI image layout ({@code podman container checkpoint --create-image}, then {@code
   * podman save --format oci-archive}): the checkpoint image's one layer is the export archive's
   * tree, gzip-compressed, read here as the archive itself is, with the same limits and checks; the
   * manifest, config and index blobs are JSON, not tar, and are passed over. Each blob read must
   * match the digest that names it.
   */
  private void layer(TarStream tar, String raw, String digest) throws IOException {
    DigestInputStream digested = new DigestInputStream(new EntryStream(tar), Sha256.digest());
    MeteredStream compressed = new MeteredStream(digested);
    BufferedInputStream head = new BufferedInputStream(compressed, BUFFER);
    Compression inner = Compression.detect(head);
    if (inner == null) {
      head.transferTo(OutputStream.nullOutputStream());
    } else {
      layers++;
      try (InputStream decompressed = inner.open(head)) {
        Bounded bounded = new Bounded(decompressed, compressed, inner);
        TarStream layer = new TarStream(new BufferedInputStream(bounded, BUFFER), maxHeaderBytes);
        TarStream.Entry entry;
        while ((entry = layer.next()) != null) {
          take(layer, entry);
        }
        head.transferTo(OutputStream.nullOutputStream()); // the rest, for the digest
      }
    }
    if (!Sha256.hex(digested.getMessageDigest()).equals(digest)) {
      throw refused(
          raw,
          "does not match its sha256 digest",
          "the archive is damaged: copy it again or save the image again");
    }
  }

  /** The current entry of a tar as a stream; closing it leaves the tar open. */
  private static final class EntryStream extends InputStream {
    private final TarStream tar;

    EntryStream(TarStream tar) {
      this.tar = tar;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return tar.read(b, off, len);
    }
  }

  private byte[] readAll(TarStream tar, long size) throws IOException {
    return tar.readAll((int) size); // an archive that ends early throws
  }

  private void write(TarStream tar, String raw, String fileName, long size) throws IOException {
    if (held.holds(size)) {
      held.hold(fileName, readAll(tar, size));
      imagesKept++;
      return;
    }
    Path target = images.resolve(fileName);
    long written = 0;
    try (OutputStream out =
        Files.newOutputStream(
            target,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(size, 1))];
      int n;
      while (written < size
          && (n = tar.read(buffer, 0, (int) Math.min(buffer.length, size - written))) > 0) {
        out.write(buffer, 0, n);
        written += n;
      }
    }
    if (written != size) {
      throw truncated(raw);
    }
    imagesKept++;
    imagesWritten++;
  }

  private enum Kept {
    NO,
    IMAGE,
    CONFIG,
    SPEC
  }

  /** What of {@code name} is kept: the images the loader reads and the engine's metadata. */
  private static Kept kept(String name) {
    if (name.equals(CONFIG_DUMP)) {
      return Kept.CONFIG;
    }
    if (name.equals(SPEC_DUMP)) {
      return Kept.SPEC;
    }
    if (name.startsWith(IMAGES + "/")) {
      String file = name.substring(IMAGES.length() + 1);
      if (file.indexOf('/') < 0 && DumpLoader.readsImage(file)) {
        return Kept.IMAGE;
      }
    }
    return Kept.NO;
  }

  /**
   * The entry's name without a leading {@code ./} or trailing {@code /}.
   *
   * @throws ArchiveRefused when it is absolute or has a {@code ..} component
   */
  private String normalized(String raw) throws ArchiveRefused {
    if (raw.startsWith("/")) {
      throw refused(
          raw,
          "has an absolute name",
          "entries must be relative: give the engine's archive as it wrote it");
    }
    if (hasDotDot(raw)) {
      throw refused(
          raw,
          "has a '..' component, which points outside the archive",
          "give the engine's archive as it wrote it");
    }
    String name = raw;
    while (name.startsWith("./")) {
      name = name.substring(2);
    }
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.isEmpty() ? "." : name;
  }

  private static boolean hasDotDot(String path) {
    for (String part : path.split("/", -1)) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private ArchiveRefused refused(String entry, String what, String fix) {
    return new ArchiveRefused("entry '" + entry + "' " + what + "; " + fix);
  }

  private ArchiveRefused truncated(String entry) {
    return new ArchiveRefused(
        "entry '"
            + entry
            + "' ends early: the archive is truncated; copy it again or checkpoint again");
  }

  /**
   * The archive cannot be read on, in words: the tar reader's name the entry, its header's byte and
   * the field; a decompressor's say what it found. Never an exception's class name, which means
   * nothing to the operator.
   */
  private DumpUnreadableException damaged(IOException e) {
    String what =
        e.getMessage() == null || e.getMessage().isBlank()
            ? "the " + compression.label() + " stream cannot be read"
            : e.getMessage();
    return new DumpUnreadableException(
        archive,
        archive
            + ": cannot read the archive"
            + (entries == 0 ? "" : " after entry '" + lastName + "'")
            + ": "
            + what
            + "; it is truncated or damaged: copy it again or checkpoint again",
        e);
  }

  /** The decompressed stream, refused as a bomb past the expansion ratio or the stream limit. */
  private final class Bounded extends MeteredStream {
    private final MeteredStream compressed;
    private final Compression compression;

    Bounded(InputStream decompressed, MeteredStream compressed, Compression compression) {
      super(decompressed);
      this.compressed = compressed;
      this.compression = compression;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      // At most what the limits still allow, so the bytes past them are never made.
      long allowed = allowed() - count();
      return super.read(b, off, (int) Math.max(1, Math.min(len, allowed)));
    }

    private long allowed() {
      long byRatio =
          compression == Compression.NONE
              ? Long.MAX_VALUE
              : Math.max(ratioFloor, compressed.count() * maxRatio);
      return Math.min(byRatio, maxStreamBytes);
    }

    @Override
    void counted(int n) throws IOException {
      super.counted(n);
      if (count() > maxStreamBytes) {
        throw new ArchiveRefused(
            "at entry '"
                + lastName
                + "' the archive decompresses to more than "
                + maxStreamBytes
                + " bytes (ArchiveLimits.MAX_STREAM_BYTES); it is a decompression bomb or not a"
                + " real checkpoint: checkpoint again"
                + raise("MAX_STREAM_BYTES"));
      }
      if (count() > allowed()) {
        throw new ArchiveRefused(
            "at entry '"
                + lastName
                + "' "
                + compression.label()
                + " expands "
                + compressed.count()
                + " bytes to more than "
                + count()
                + " (ratio above "
                + maxRatio
                + ", ArchiveLimits.MAX_EXPANSION_RATIO); it is a decompression bomb, not a real"
                + " checkpoint: checkpoint again"
                + raise("MAX_EXPANSION_RATIO"));
      }
    }
  }
}
