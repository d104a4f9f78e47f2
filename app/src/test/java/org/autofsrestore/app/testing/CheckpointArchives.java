package org.autofsrestore.app.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Container checkpoint archives built with commons-compress from a CRIU image directory, laid out
 * as Podman and CRI-O write them: the images under checkpoint/, config.dump and spec.dump at the
 * top, and what a reader must skip (memory pages, rootfs-diff.tar, logs).
 */
public final class CheckpointArchives {
  private CheckpointArchives() {}

  /** How the tar stream is compressed. */
  public enum Packing {
    NONE,
    GZIP,
    ZSTD,
    XZ;

    OutputStream wrap(OutputStream out) throws IOException {
      return switch (this) {
        case NONE -> out;
        case GZIP -> new GzipCompressorOutputStream(out);
        // With the frame checksum, as Podman's encoder (klauspost/compress) writes it.
        case ZSTD ->
            ZstdCompressorOutputStream.builder()
                .setOutputStream(out)
                .setLevel(3)
                .setChecksum(true)
                .get();
        case XZ -> new XZCompressorOutputStream(out);
      };
    }
  }

  /** Whose layout and metadata. */
  public enum Engine {
    PODMAN,
    CRIO
  }

  public static final String PODMAN_ID =
      "4f1c1a3b2e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b";
  public static final String PODMAN_NAME = "web";
  public static final String PODMAN_CHECKPOINTED = "2026-12-01T10:15:30.123456789Z";

  public static final String CRIO_ID =
      "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d";
  public static final String CRIO_NAME = "counter";
  public static final String CRIO_POD = "counters";
  public static final String CRIO_NAMESPACE = "default";
  public static final String CRIO_CHECKPOINTED = "2026-12-02T08:00:00Z";

  /** The archive of {@code images} as {@code engine} exports it, compressed by {@code packing}. */
  public static Path write(Path images, Engine engine, Packing packing, Path file)
      throws IOException {
    try (Tar tar = new Tar(file, packing)) {
      tar.directory("checkpoint/");
      List<Path> files;
      try (Stream<Path> list = Files.list(images)) {
        files = list.sorted().toList();
      }
      for (Path f : files) {
        tar.file("checkpoint/" + f.getFileName(), Files.readAllBytes(f));
      }
      // What a reader must not keep: memory pages and a page map, the root file system's diff.
      if (files.stream().noneMatch(f -> f.getFileName().toString().startsWith("pages-"))) {
        tar.file("checkpoint/pages-1.img", noise(64 * 1024, 1));
        tar.file("checkpoint/pagemap-1.img", noise(512, 2));
      }
      tar.file("checkpoint/stats-dump", noise(64, 3));
      tar.file("rootfs-diff.tar", rootfsDiff());
      tar.file("dump.log", "(00.000000) Dumping finished successfully\n".getBytes(UTF8));
      if (engine == Engine.PODMAN) {
        tar.file("config.dump", podmanConfig().getBytes(UTF8));
        tar.file("spec.dump", podmanSpec().getBytes(UTF8));
        tar.file("network.status", "{}".getBytes(UTF8));
      } else {
        tar.file("config.dump", crioConfig().getBytes(UTF8));
        tar.file("spec.dump", crioSpec().getBytes(UTF8));
      }
    }
    return file;
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  static byte[] noise(int bytes, long seed) {
    byte[] b = new byte[bytes];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] rootfsDiff() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream inner = new TarArchiveOutputStream(bytes)) {
      byte[] content = "changed\n".getBytes(UTF8);
      TarArchiveEntry e = new TarArchiveEntry("etc/motd");
      e.setSize(content.length);
      inner.putArchiveEntry(e);
      inner.write(content);
      inner.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static String podmanConfig() {
    return "{\"id\":\""
        + PODMAN_ID
        + "\",\"name\":\""
        + PODMAN_NAME
        + "\",\"rootfsImage\":\"sha256:0123\",\"rootfsImageName\":\"docker.io/library/nginx:latest\","
        + "\"runtime\":\"crun\",\"createdTime\":\"2026-12-01T10:00:00.5Z\",\"checkpointedTime\":\""
        + PODMAN_CHECKPOINTED
        + "\",\"restoredTime\":\"0001-01-01T00:00:00Z\",\"restored\":false}";
  }

  private static String podmanSpec() {
    return "{\"ociVersion\":\"1.0.2-dev\",\"process\":{\"args\":[\"nginx\"]},"
        + "\"root\":{\"path\":\"/var/lib/containers/storage/overlay/x/merged\"},"
        + "\"hostname\":\"4f1c1a3b2e9d\",\"annotations\":{\"io.container.manager\":\"libpod\","
        + "\"io.podman.annotations.autoremove\":\"FALSE\","
        + "\"org.opencontainers.image.stopSignal\":\"15\"}}";
  }

  private static String crioConfig() {
    return "{\"id\":\""
        + CRIO_ID
        + "\",\"name\":\"k8s_counter_counters_default_5c3e7e3f-0000-4000-8000-000000000001_0\","
        + "\"rootfsImageName\":\"quay.io/adrianreber/counter:latest\","
        + "\"createdTime\":\"2026-12-02T07:59:00Z\",\"checkpointedTime\":\""
        + CRIO_CHECKPOINTED
        + "\",\"restoredTime\":\"0001-01-01T00:00:00Z\",\"restored\":false}";
  }

  private static String crioSpec() {
    return "{\"ociVersion\":\"1.0.2-dev\",\"annotations\":{"
        + "\"io.container.manager\":\"cri-o\","
        + "\"io.kubernetes.container.name\":\""
        + CRIO_NAME
        + "\",\"io.kubernetes.cri-o.ContainerID\":\""
        + CRIO_ID
        + "\",\"io.kubernetes.cri-o.Created\":\"2026-12-02T07:59:00.000000000Z\","
        + "\"io.kubernetes.cri-o.Metadata\":\"{\\\"name\\\":\\\""
        + CRIO_NAME
        + "\\\"}\",\"io.kubernetes.pod.name\":\""
        + CRIO_POD
        + "\",\"io.kubernetes.pod.namespace\":\""
        + CRIO_NAMESPACE
        + "\"}}";
  }

  /**
   * An uncompressed tar whose one entry's header says {@code size} bytes, followed by {@code
   * content} and nothing more: a header that lies, or an archive cut short.
   */
  public static Path claimingSize(Path file, String name, long size, byte[] content)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(size);
    byte[] header = new byte[512];
    e.writeEntryHeader(header);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(header);
      out.write(content);
    }
    return file;
  }

  /** A tar stream written entry by entry, any entry, hostile ones too. */
  public static final class Tar implements AutoCloseable {
    private final OutputStream file;
    private final TarArchiveOutputStream tar;

    public Tar(Path path, Packing packing) throws IOException {
      this.file = Files.newOutputStream(path);
      this.tar = new TarArchiveOutputStream(packing.wrap(new BufferedOutputStream(file, 1 << 16)));
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public Tar file(String name, byte[] content) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, true);
      e.setSize(content.length);
      e.setMode(0644);
      return entry(e, content);
    }

    public Tar directory(String name) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, true);
      e.setMode(040755);
      return entry(e, new byte[0]);
    }

    public Tar link(String name, String target, boolean symbolic) throws IOException {
      TarArchiveEntry e =
          new TarArchiveEntry(
              name, symbolic ? TarConstants.LF_SYMLINK : TarConstants.LF_LINK, true);
      e.setLinkName(target);
      return entry(e, new byte[0]);
    }

    public Tar special(String name, byte type) throws IOException {
      return entry(new TarArchiveEntry(name, type, true), new byte[0]);
    }

    public Tar entry(TarArchiveEntry e, byte[] content) throws IOException {
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
      return this;
    }

    @Override
    public void close() throws IOException {
      tar.close();
    }
  }
}
