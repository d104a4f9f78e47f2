package org.autofsrestore.app.dump.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/**
 * The archive's tar reader reads what commons-compress writes, in each of its long-name and
 * big-number modes, as commons-compress's own reader does; and the ustar prefix, base-256 sizes, a
 * damaged checksum and a stream cut short, in headers made byte by byte.
 */
class TarStreamTest {
  private static final String LONG_NAME = "checkpoint/" + "d".repeat(120) + "/core-1.img";

  @Test
  void readsWhatCommonsCompressWritesInEachModeAsCommonsCompressReadsIt() throws IOException {
    for (int longFiles :
        new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
      for (int bigNumbers :
          new int[] {
            TarArchiveOutputStream.BIGNUMBER_STAR, TarArchiveOutputStream.BIGNUMBER_POSIX
          }) {
        byte[] tar = sample(longFiles, bigNumbers);
        List<String> ours = new ArrayList<>();
        TarStream stream = new TarStream(new ByteArrayInputStream(tar));
        TarStream.Entry e;
        while ((e = stream.next()) != null) {
          byte[] content = e.isFile() ? stream.readAll((int) e.size()) : new byte[0];
          ours.add(describe(e.name(), e.type(), e.linkName(), content));
        }
        List<String> theirs = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
          TarArchiveEntry t;
          while ((t = in.getNextEntry()) != null) {
            byte[] content = t.isFile() ? in.readAllBytes() : new byte[0];
            theirs.add(describe(t.getName(), t.getLinkFlag(), t.getLinkName(), content));
          }
        }
        assertEquals(7, theirs.size(), theirs.toString());
        assertEquals(theirs, ours, "long names " + longFiles + ", numbers " + bigNumbers);
      }
    }
  }

  @Test
  void aUstarPrefixIsJoinedToTheName() throws IOException {
    byte[] header = header("core-1.img", 3);
    byte[] prefix = ("checkpoint/" + "p".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, header, 345, prefix.length);
    checksum(header);
    TarStream stream =
        new TarStream(new ByteArrayInputStream(archive(header, new byte[] {7, 8, 9})));
    TarStream.Entry e = stream.next();
    assertEquals("checkpoint/" + "p".repeat(100) + "/core-1.img", e.name());
    assertArrayEquals(new byte[] {7, 8, 9}, stream.readAll(3));
    assertNull(stream.next());
  }

  @Test
  void aBase256SizeIsRead() throws IOException {
    byte[] header = header("checkpoint/pages-1.img", 0);
    long size = 9L * 1024 * 1024 * 1024; // past the 8 GiB of 11 octal digits
    Arrays.fill(header, 124, 136, (byte) 0);
    header[124] = (byte) 0x80;
    for (int i = 0; i < 8; i++) {
      header[135 - i] = (byte) (size >>> (8 * i));
    }
    checksum(header);
    TarStream.Entry e = new TarStream(new ByteArrayInputStream(header)).next();
    assertEquals(size, e.size(), "read from the header alone, before any of the data");
  }

  @Test
  void aHeaderWhoseChecksumDoesNotAddUpIsRefused() throws IOException {
    byte[] header = header("checkpoint/inventory.img", 1);
    header[0] ^= 0x5a;
    IOException e =
        assertThrows(
            IOException.class,
            () -> new TarStream(new ByteArrayInputStream(archive(header, new byte[1]))).next());
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void aStreamCutShortIsAnEndOfFileInsideTheEntryOrBeforeTheEndBlock() throws IOException {
    byte[] header = header("checkpoint/inventory.img", 100);
    TarStream cutInEntry = new TarStream(new ByteArrayInputStream(concat(header, new byte[40])));
    cutInEntry.next();
    assertThrows(EOFException.class, () -> cutInEntry.readAll(100));
    TarStream noEndBlock = new TarStream(new ByteArrayInputStream(concat(header, new byte[512])));
    noEndBlock.next();
    EOFException e = assertThrows(EOFException.class, noEndBlock::next);
    assertTrue(e.getMessage().contains("end-of-archive"), e.getMessage());
  }

  /** A regular file, a long name, a long link, a directory, a FIFO, an empty file, 512 bytes. */
  private static byte[] sample(int longFiles, int bigNumbers) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(longFiles);
      tar.setBigNumberMode(bigNumbers);
      put(tar, new TarArchiveEntry("checkpoint/", true), new byte[0]);
      put(tar, file("checkpoint/inventory.img", 1000), new byte[1000]);
      put(tar, file(LONG_NAME, 3), new byte[] {1, 2, 3});
      TarArchiveEntry link = new TarArchiveEntry("rootfs/l", TarConstants.LF_SYMLINK, true);
      link.setLinkName("/" + "t".repeat(150));
      put(tar, link, new byte[0]);
      put(tar, new TarArchiveEntry("rootfs/fifo", TarConstants.LF_FIFO, true), new byte[0]);
      put(tar, file("config.dump", 0), new byte[0]);
      byte[] block = new byte[512];
      Arrays.fill(block, (byte) 'b');
      TarArchiveEntry big = file("checkpoint/files.img", 512);
      big.setUserId(1L << 40); // past the octal field: star's base-256, or a pax uid
      put(tar, big, block);
    }
    return bytes.toByteArray();
  }

  private static TarArchiveEntry file(String name, int size) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(size);
    return e;
  }

  private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, byte[] content)
      throws IOException {
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static String describe(String name, byte type, String link, byte[] content) {
    return name + " type " + (char) type + " -> " + link + " " + Arrays.hashCode(content);
  }

  /** A ustar header written by commons-compress for a file of {@code size} bytes. */
  private static byte[] header(String name, long size) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(size);
    byte[] header = new byte[512];
    e.writeEntryHeader(header);
    return header;
  }

  private static void checksum(byte[] header) {
    Arrays.fill(header, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, header, 148, 8);
  }

  /** The header, its data padded to a block, and the end-of-archive blocks. */
  private static byte[] archive(byte[] header, byte[] content) {
    byte[] data = Arrays.copyOf(content, (content.length + 511) / 512 * 512);
    return concat(concat(header, data), new byte[1024]);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
