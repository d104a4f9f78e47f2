package org.autofsrestore.app.dump.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.autofsrestore.app.dump.ArchiveLimits;
import org.autofsrestore.app.testing.CheckpointArchives;
import org.autofsrestore.app.testing.CheckpointArchives.Engine;
import org.autofsrestore.app.testing.CheckpointArchives.Packing;
import org.autofsrestore.app.testing.CheckpointArchives.Tar;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way an archive can be hostile or damaged is refused with exit status 3 and one line naming
 * the archive, the entry and the fix, and writes nothing that outlives the command: the file trees
 * of the temp root (java.io.tmpdir, pointed at a folder of the test) and of the working folder are
 * the same before and after.
 */
class HostileArchivesTest {
  @TempDir Path test;
  private Path tmp;
  private Path work;
  private String savedTmpdir;
  private List<String> tmpBefore;
  private List<String> workBefore;
  private List<String> cwdBefore;

  @BeforeEach
  void pointTheTempRootAtTheTest() throws IOException {
    tmp = Files.createDirectory(test.resolve("tmp"));
    work = Files.createDirectory(test.resolve("work"));
    savedTmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", tmp.toString());
  }

  @AfterEach
  void restoreTheTempRoot() {
    System.setProperty("java.io.tmpdir", savedTmpdir);
    System.clearProperty(ArchiveLimits.PROPERTY_PREFIX + "MAX_ENTRIES");
    System.clearProperty(ArchiveLimits.PROPERTY_PREFIX + "MAX_KEPT_BYTES");
    System.clearProperty(ArchiveLimits.PROPERTY_PREFIX + "MAX_HEADER_BYTES");
  }

  /** A Podman archive of the multi fixture with {@code hostile} written half-way through. */
  private Path archive(String name, Packing packing, HostileEntry hostile) throws IOException {
    Path file = work.resolve(name);
    try (Tar tar = new Tar(file, packing)) {
      tar.directory("checkpoint/");
      List<Path> images;
      try (Stream<Path> list = Files.list(Fixtures.dir("multi"))) {
        images = list.sorted().toList();
      }
      for (int i = 0; i < images.size(); i++) {
        if (i == images.size() / 2) {
          hostile.write(tar);
        }
        tar.file("checkpoint/" + images.get(i).getFileName(), Files.readAllBytes(images.get(i)));
      }
      tar.file("config.dump", "{\"id\":\"1\",\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @FunctionalInterface
  private interface HostileEntry {
    void write(Tar tar) throws IOException;
  }

  /** Runs inspect on {@code archive}: exit 3, one line with {@code what}; nothing left behind. */
  private void refused(Path archive, String entry, String what, String fix) throws IOException {
    tmpBefore = tree(tmp);
    workBefore = tree(work);
    cwdBefore = tree(Path.of("").toAbsolutePath(), "target", ".cifuzz-corpus");
    CommandRun run = CommandRun.of("inspect", "--json", archive.toString());
    assertEquals(3, run.status(), run.err());
    assertEquals("", run.out());
    String err = run.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("autofs-restore: " + archive), "names the archive: " + err);
    if (entry != null) {
      assertTrue(err.contains("'" + entry + "'"), "names the entry " + entry + ": " + err);
    }
    assertTrue(err.contains(what), "says " + what + ": " + err);
    assertTrue(err.contains(fix), "says the fix " + fix + ": " + err);
    assertFalse(err.contains("\tat "), "no stack trace");
    assertFalse(err.contains("Exception"), "no Java class name: " + err);
    assertEquals(tmpBefore, tree(tmp), "the temp root after");
    assertEquals(List.of(), tmpBefore, "the temp root was empty");
    assertEquals(workBefore, tree(work), "the working folder after");
    assertEquals(
        cwdBefore, tree(Path.of("").toAbsolutePath(), "target", ".cifuzz-corpus"), "cwd after");
    assertEquals(List.of("tmp", "work", "work/" + archive.getFileName()), tree(test));
  }

  @Test
  void anEntryWithDotDotIsRefused() throws IOException {
    Path a =
        archive(
            "dotdot.tar",
            Packing.NONE,
            t -> t.file("checkpoint/../../../escaped.img", new byte[] {1, 2, 3}));
    refused(a, "checkpoint/../../../escaped.img", "'..' component", "as it wrote it");
  }

  @Test
  void anAbsoluteEntryIsRefused() throws IOException {
    String name = test.resolve("absolute-escaped.img").toString();
    Path a = archive("absolute.tar", Packing.GZIP, t -> t.file(name, new byte[] {1}));
    refused(a, name, "absolute name", "entries must be relative");
  }

  @Test
  void aSymbolicLinkWhereAnImageIsKeptIsRefused() throws IOException {
    Path a =
        archive(
            "symlink.tar", Packing.NONE, t -> t.link("checkpoint/core-9.img", "/etc/shadow", true));
    refused(a, "checkpoint/core-9.img", "symbolic link to '/etc/shadow'", "not followed");
  }

  @Test
  void aSymbolicLinkPointingOutOfTheArchiveIsRefused() throws IOException {
    Path a =
        archive(
            "symlink-out.tar",
            Packing.ZSTD,
            t -> t.link("checkpoint/pages-9.img", "../../outside", true));
    refused(a, "checkpoint/pages-9.img", "outside the archive", "not followed");
  }

  @Test
  void aHardLinkWhereAnImageIsKeptIsRefused() throws IOException {
    Path a =
        archive(
            "hardlink.tar",
            Packing.XZ,
            t -> t.link("checkpoint/ids-9.img", "checkpoint/pages-1.img", false));
    refused(a, "checkpoint/ids-9.img", "hard link to 'checkpoint/pages-1.img'", "not followed");
  }

  @Test
  void aHardLinkPointingOutOfTheArchiveIsRefused() throws IOException {
    Path a =
        archive("hardlink-out.tar", Packing.NONE, t -> t.link("volumes/x", "/etc/passwd", false));
    refused(a, "volumes/x", "hard link to '/etc/passwd', outside", "not followed");
  }

  @Test
  void aDeviceNodeIsRefused() throws IOException {
    Path a =
        archive("device.tar", Packing.NONE, t -> t.special("checkpoint/sda", TarConstants.LF_BLK));
    refused(a, "checkpoint/sda", "is a device node", "holds none");
  }

  @Test
  void aFifoIsRefused() throws IOException {
    Path a =
        archive("fifo.tar", Packing.GZIP, t -> t.special("checkpoint/fifo", TarConstants.LF_FIFO));
    refused(a, "checkpoint/fifo", "is a FIFO", "holds none");
  }

  @Test
  void aNameThatRepeatsIsRefused() throws IOException {
    Path a =
        archive(
            "twice.tar",
            Packing.NONE,
            t -> t.file("./checkpoint/inventory.img", Files.readAllBytes(image("inventory.img"))));
    refused(a, "checkpoint/inventory.img", "appears twice", "names each file once");
  }

  @Test
  void anImageLargerThanTheEntryLimitIsRefusedBeforeItIsRead() throws IOException {
    // The header claims 1 GiB and a byte; the bytes are not there, nor needed to refuse it.
    Path file =
        CheckpointArchives.claimingSize(
            work.resolve("huge-entry.tar"),
            "checkpoint/core-1.img",
            ArchiveLimits.MAX_ENTRY_BYTES + 1,
            new byte[512]);
    refused(
        file,
        "checkpoint/core-1.img",
        (ArchiveLimits.MAX_ENTRY_BYTES + 1) + " bytes, above " + ArchiveLimits.MAX_ENTRY_BYTES,
        "MAX_ENTRY_BYTES=N");
  }

  @Test
  void moreEntriesThanTheEntryLimitAreRefused() throws IOException {
    System.setProperty(ArchiveLimits.PROPERTY_PREFIX + "MAX_ENTRIES", "5");
    Path a = archive("many.tar", Packing.ZSTD, t -> {});
    refused(a, null, "more than 5 entries (ArchiveLimits.MAX_ENTRIES)", "MAX_ENTRIES=N");
  }

  @Test
  void keptImagesAboveTheTotalLimitAreRefused() throws IOException {
    System.setProperty(ArchiveLimits.PROPERTY_PREFIX + "MAX_KEPT_BYTES", "2000");
    Path a = archive("kept.tar", Packing.XZ, t -> {});
    refused(a, null, "more than 2000 bytes (ArchiveLimits.MAX_KEPT_BYTES)", "MAX_KEPT_BYTES=N");
  }

  @Test
  void aZstdBombIsRefusedWhileItIsRead() throws IOException {
    Path a =
        archive(
            "bomb.tar.zst",
            Packing.ZSTD,
            t -> t.file("checkpoint/pages-1.img", new byte[64 * 1024 * 1024]));
    assertTrue(Files.size(a) < 64 * 1024, "a tiny file: " + Files.size(a));
    refused(a, "checkpoint/pages-1.img", "zstd expands", "decompression bomb");
  }

  @Test
  void anXzBombIsRefusedWhileItIsRead() throws IOException {
    Path a =
        archive(
            "bomb.tar.xz", Packing.XZ, t -> t.file("rootfs-diff.tar", new byte[64 * 1024 * 1024]));
    assertTrue(Files.size(a) < 64 * 1024, "a tiny file: " + Files.size(a));
    refused(a, "rootfs-diff.tar", "xz expands", "decompression bomb");
  }

  /** An extended header of {@code type} ('x' pax, 'L' GNU long name) holding {@code data}. */
  private static HostileEntry extended(byte type, String data) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    return t -> {
      TarArchiveEntry e = new TarArchiveEntry("././@Extended", type, true);
      e.setSize(bytes.length);
      t.entry(e, bytes);
    };
  }

  @Test
  void aPaxLengthOfMoreDigitsThanALongHoldsIsRefusedNamingTheEntryAndTheField() throws IOException {
    // Before: Long.parseLong threw NumberFormatException, exit 1 "internal error".
    Path a =
        archive(
            "pax-length.tar",
            Packing.NONE,
            extended(TarConstants.LF_PAX_EXTENDED_HEADER_LC, "1234567890123456789012345 path=x\n"));
    refused(
        a,
        null,
        "(its header at byte ",
        "the length field of its pax header's record at byte 0 is a number of 25 digits");
    String err = CommandRun.of("inspect", a.toString()).err();
    assertTrue(err.matches("(?s).*after entry '[^']+': entry \\d+ .*"), err);
  }

  @Test
  void aPaxSizeOfMoreDigitsThanALongHoldsIsRefusedNamingTheEntrySoFar() throws IOException {
    Path a =
        archive(
            "pax-size.tar",
            Packing.GZIP,
            extended(
                TarConstants.LF_PAX_EXTENDED_HEADER_LC,
                "21 path=checkpoint/x\n" + "35 size=99999999999999999999999999\n"));
    refused(a, null, "named 'checkpoint/x' so far", "pax header's size is not a number");
  }

  /** Ten entries of {@code each}, refused past a header total lowered to 3,000 bytes. */
  private void refusedPastTheHeaderTotal(String file, Packing packing, HostileEntry each)
      throws IOException {
    System.setProperty(ArchiveLimits.PROPERTY_PREFIX + "MAX_HEADER_BYTES", "3000");
    Path a =
        archive(
            file,
            packing,
            t -> {
              for (int i = 0; i < 10; i++) {
                each.write(t);
              }
            });
    refused(a, null, "more than 3000 bytes (ArchiveLimits.MAX_HEADER_BYTES)", "MAX_HEADER_BYTES=N");
  }

  @Test
  void paxPathsAboveTheHeaderTotalAreRefused() throws IOException {
    int[] n = {0};
    String dir = "checkpoint/" + "p".repeat(400) + "/";
    refusedPastTheHeaderTotal("pax.tar", Packing.ZSTD, t -> t.file(dir + n[0]++, new byte[] {1}));
  }

  @Test
  void gnuLongNamesAboveTheHeaderTotalAreRefused() throws IOException {
    int[] n = {0};
    String name = "volumes/" + "g".repeat(600);
    refusedPastTheHeaderTotal(
        "gnu.tar",
        Packing.XZ,
        t -> {
          extended(TarConstants.LF_GNUTYPE_LONGNAME, name + n[0] + "\0").write(t);
          t.file("short" + n[0]++, new byte[] {1});
        });
  }

  @Test
  void aTruncatedTarIsRefused() throws IOException {
    truncated(Packing.NONE);
  }

  @Test
  void aTruncatedGzipArchiveIsRefused() throws IOException {
    truncated(Packing.GZIP);
  }

  @Test
  void aTruncatedZstdArchiveIsRefused() throws IOException {
    truncated(Packing.ZSTD);
  }

  @Test
  void aTruncatedXzArchiveIsRefused() throws IOException {
    truncated(Packing.XZ);
  }

  private void truncated(Packing packing) throws IOException {
    Path whole =
        CheckpointArchives.write(
            Fixtures.dir("real-indirect"), Engine.PODMAN, packing, test.resolve("whole"));
    byte[] bytes = Files.readAllBytes(whole);
    Files.delete(whole);
    Path cut = work.resolve("cut-" + packing);
    Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 5));
    refused(cut, null, "", "truncated or damaged: copy it again or checkpoint again");
  }

  @Test
  void aCorruptTarHeaderIsRefused() throws IOException {
    corrupt(Packing.NONE);
  }

  @Test
  void aCorruptGzipArchiveIsRefused() throws IOException {
    corrupt(Packing.GZIP);
  }

  @Test
  void aCorruptZstdArchiveIsRefused() throws IOException {
    corrupt(Packing.ZSTD);
  }

  @Test
  void aCorruptXzArchiveIsRefused() throws IOException {
    corrupt(Packing.XZ);
  }

  /** The archive with a header's checksum, or 64 bytes of compressed data, overwritten. */
  private void corrupt(Packing packing) throws IOException {
    Path whole =
        CheckpointArchives.write(
            Fixtures.dir("real-indirect"), Engine.PODMAN, packing, test.resolve("whole"));
    byte[] bytes = Files.readAllBytes(whole);
    Files.delete(whole);
    // Uncompressed: the checksum field of inventory.img's header; else compressed data.
    int at =
        packing == Packing.NONE
            ? indexOf(bytes, "checkpoint/inventory.img\0".getBytes(StandardCharsets.US_ASCII)) + 148
            : bytes.length / 3;
    assertTrue(at > 148, "found the header");
    for (int i = at; i < at + (packing == Packing.NONE ? 8 : 64); i++) {
      bytes[i] = (byte) (bytes[i] ^ 0x5a);
    }
    Path damaged = work.resolve("corrupt-" + packing);
    Files.write(damaged, bytes);
    refused(damaged, null, "", "truncated or damaged: copy it again or checkpoint again");
  }

  private static int indexOf(byte[] bytes, byte[] what) {
    for (int i = 0; i + what.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    return -1;
  }

  private static Path image(String name) {
    return Fixtures.dir("multi").resolve(name);
  }

  private static List<String> tree(Path root, String... leftOut) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> !p.equals(root))
          .map(p -> root.relativize(p).toString())
          .filter(p -> Arrays.stream(leftOut).noneMatch(l -> p.equals(l) || p.startsWith(l + "/")))
          .sorted()
          .toList();
    }
  }
}
