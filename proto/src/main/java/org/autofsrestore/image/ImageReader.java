package org.autofsrestore.image;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads one CRIU image file: the header ({@code [common or service magic] type magic}), then
 * records {@code u32 little-endian length, message} to the end of the file. Records are decoded one
 * at a time, when asked for.
 *
 * <p>The file's bytes are read once, up front (image files are small next to the records they
 * describe, and one read is cheaper than many); every length is checked against what is there
 * before anything is decoded.
 *
 * @param <M> the message of each record
 */
public final class ImageReader<M extends MessageLite> {
  private static final int WORD = 4;

  private final Path file;
  private final ImageType<M> type;
  private final ByteBuffer bytes;
  private final int firstRecord;
  private int position;
  private int recordsRead;
  private int framedLength;
  private long recordOffset;

  private ImageReader(Path file, ImageType<M> type, ByteBuffer bytes, int firstRecord) {
    this.file = file;
    this.type = type;
    this.bytes = bytes;
    this.firstRecord = firstRecord;
    this.position = firstRecord;
  }

  /**
   * Opens {@code file} as an image of {@code type} and checks its header.
   *
   * @throws ImageFormatException when the header is short or its magic is not {@code type}'s
   * @throws IOException when the file cannot be read (missing, a directory, permissions)
   */
  public static <M extends MessageLite> ImageReader<M> open(Path file, ImageType<M> type)
      throws IOException {
    ByteBuffer bytes = readWhole(file);
    int firstRecord = checkHeader(file, type, bytes);
    return new ImageReader<>(file, type, bytes, firstRecord);
  }

  /**
   * Reads {@code content} as the image file {@code file} (named in errors), already in memory: an
   * image a checkpoint archive held instead of writing it out. The same checks as {@link
   * #open(Path, ImageType)}; the array is shared, not copied.
   *
   * @throws ImageFormatException when it is above {@link ImageLimits#MAX_FILE_BYTES}, its header is
   *     short or its magic is not {@code type}'s
   */
  public static <M extends MessageLite> ImageReader<M> of(
      Path file, ImageType<M> type, byte[] content) throws ImageFormatException {
    if (content.length > ImageLimits.MAX_FILE_BYTES) {
      throw new ImageFormatException(
          file,
          0,
          ImageFormatException.Kind.TOO_LARGE,
          "file is "
              + content.length
              + " bytes, above the image limit of "
              + ImageLimits.MAX_FILE_BYTES
              + " (MAX_FILE_BYTES)");
    }
    ByteBuffer bytes = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
    return new ImageReader<>(file, type, bytes, checkHeader(file, type, bytes));
  }

  /** Every record of {@code file}, in order. */
  public static <M extends MessageLite> List<M> readAll(Path file, ImageType<M> type)
      throws IOException {
    return open(file, type).readAll();
  }

  /** The first record of a file that holds one (inventory, ids, core). */
  public static <M extends MessageLite> M readOne(Path file, ImageType<M> type) throws IOException {
    return open(file, type).first();
  }

  /**
   * The first record of an image that holds one (inventory, ids, core), read from the start.
   *
   * @throws ImageFormatException when there is none, or it cannot be decoded
   */
  public M first() throws ImageFormatException {
    rewind();
    if (!hasNext()) {
      throw new ImageFormatException(
          file,
          position,
          ImageFormatException.Kind.EMPTY,
          "no " + type.name() + " record after the header (the file holds only its magic)");
    }
    return next();
  }

  public Path file() {
    return file;
  }

  public ImageType<M> type() {
    return type;
  }

  /** The byte offset of the next record's length header. */
  public long position() {
    return position;
  }

  /** Whether bytes remain after the records read so far. */
  public boolean hasNext() {
    return position < bytes.limit();
  }

  /**
   * Decodes the next record.
   *
   * @throws ImageFormatException when the length header or the payload is cut short, the length is
   *     above {@link ImageLimits#MAX_RECORD_BYTES}, the file holds more than {@link
   *     ImageLimits#MAX_RECORDS} records, or the payload is not a valid message
   * @throws NoSuchElementException when no bytes remain
   */
  public M next() throws ImageFormatException {
    int payloadStart = frame();
    M message = decode(position, payloadStart, framedLength);
    step(payloadStart);
    return message;
  }

  /**
   * Moves past the next record without decoding it, after the same checks of its framing as {@link
   * #next()}: for a reader that takes a few fields of each record from {@link #array()} (see {@link
   * FieldScan}) and decodes a record with {@link #decodeRecord()} only when it needs all of it.
   *
   * @throws ImageFormatException when the length header or the payload is cut short, the length is
   *     above {@link ImageLimits#MAX_RECORD_BYTES} or the file holds more than {@link
   *     ImageLimits#MAX_RECORDS} records
   * @throws NoSuchElementException when no bytes remain
   */
  public void skipRecord() throws ImageFormatException {
    int payloadStart = frame();
    recordOffset = position;
    step(payloadStart);
  }

  /** The byte offset of the length header of the record {@link #skipRecord()} stepped over. */
  public long recordOffset() {
    return recordOffset;
  }

  /** Where in {@link #array()} the payload of the record {@link #skipRecord()} stepped over is. */
  public int payloadOffset() {
    return (int) recordOffset + WORD;
  }

  /** The payload length of the record {@link #skipRecord()} stepped over. */
  public int payloadLength() {
    return bytes.getInt((int) recordOffset); // checked by frame(): 0..MAX_RECORD_BYTES
  }

  /** The whole file's bytes, shared (not a copy): the file as read, header included. */
  public byte[] array() {
    return bytes.array();
  }

  /**
   * Decodes the record {@link #skipRecord()} stepped over last, with the error {@link #next()}
   * would have given for it.
   */
  public M decodeRecord() throws ImageFormatException {
    return decodeRecordAt(recordOffset);
  }

  /**
   * Decodes the record whose length header is at {@code offset} (a {@link #recordOffset()} of this
   * reader), with the error {@link #next()} would have given for it.
   */
  public M decodeRecordAt(long offset) throws ImageFormatException {
    int at = (int) offset;
    return decode(at, at + WORD, bytes.getInt(at));
  }

  /** Checks the framing of the record at {@link #position}; returns its payload's offset. */
  private int frame() throws ImageFormatException {
    if (!hasNext()) {
      throw new NoSuchElementException(file + ": no record at byte " + position);
    }
    int recordStart = position;
    if (recordsRead >= ImageLimits.MAX_RECORDS) {
      throw new ImageFormatException(
          file,
          recordStart,
          ImageFormatException.Kind.TOO_LARGE,
          "more than "
              + ImageLimits.MAX_RECORDS
              + " records, above the record count limit (MAX_RECORDS)");
    }
    int remaining = bytes.limit() - position;
    if (remaining < WORD) {
      throw new ImageFormatException(
          file,
          recordStart,
          ImageFormatException.Kind.TRUNCATED,
          "length header cut short: " + remaining + " of 4 bytes present");
    }
    long length = Integer.toUnsignedLong(bytes.getInt(position));
    if (length > ImageLimits.MAX_RECORD_BYTES) {
      throw new ImageFormatException(
          file,
          recordStart,
          ImageFormatException.Kind.TOO_LARGE,
          "length header says "
              + length
              + " bytes, above the record limit of "
              + ImageLimits.MAX_RECORD_BYTES
              + " (MAX_RECORD_BYTES)");
    }
    int payloadStart = position + WORD;
    int present = bytes.limit() - payloadStart;
    if (length > present) {
      throw new ImageFormatException(
          file,
          recordStart,
          ImageFormatException.Kind.TRUNCATED,
          "payload cut short: length header says " + length + " bytes, " + present + " present");
    }
    framedLength = (int) length;
    return payloadStart;
  }

  private void step(int payloadStart) {
    position = payloadStart + framedLength;
    recordsRead++;
  }

  private M decode(int recordStart, int payloadStart, int length) throws ImageFormatException {
    try {
      return type.parser().parseFrom(bytes.array(), bytes.arrayOffset() + payloadStart, length);
    } catch (InvalidProtocolBufferException e) {
      throw new ImageFormatException(
          file,
          recordStart,
          ImageFormatException.Kind.UNDECODABLE,
          "record of "
              + length
              + " bytes is not a valid "
              + type.name()
              + " entry: "
              + e.getMessage());
    }
  }

  /** Decodes every remaining record. */
  public List<M> readAll() throws ImageFormatException {
    List<M> records = new ArrayList<>();
    while (hasNext()) {
      records.add(next());
    }
    return records;
  }

  /** Starts again at the first record. */
  public void rewind() {
    position = firstRecord;
    recordsRead = 0;
  }

  private static ByteBuffer readWhole(Path file) throws IOException {
    // Opening a FIFO for reading blocks until a writer comes, and a device may never end: a
    // hostile dump must not hang the tool, so only regular files are opened. File's stat-based
    // checks and stream cost a fraction of Files.readAttributes and a FileChannel, which counts
    // when an inspection reads a thousand small images.
    File asFile = file.toFile();
    if (!asFile.isFile()) {
      // Absent, unreadable, or not a regular file: the attributes say which (or throw the error).
      java.nio.file.attribute.BasicFileAttributes attributes =
          java.nio.file.Files.readAttributes(
              file, java.nio.file.attribute.BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new ImageFormatException(
            file,
            0,
            ImageFormatException.Kind.NOT_A_FILE,
            "not a regular file ("
                + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device")
                + "): refused; a CRIU image is a regular file");
      }
    }
    try (FileInputStream in = new FileInputStream(asFile)) {
      // Most images (autofs-N, core, ids, fdinfo) are a few dozen bytes: read them through a
      // reused chunk until the end, which costs less than asking the file's size first (a path
      // lookup per file, thousands per inspection). A file that fills the chunk is sized.
      byte[] chunk = SMALL_FILE.get();
      int read = readFully(in, chunk, 0);
      if (read < chunk.length) {
        return ByteBuffer.wrap(java.util.Arrays.copyOf(chunk, read)).order(ByteOrder.LITTLE_ENDIAN);
      }
      long size = asFile.length();
      if (size > ImageLimits.MAX_FILE_BYTES) {
        throw new ImageFormatException(
            file,
            0,
            ImageFormatException.Kind.TOO_LARGE,
            "file is "
                + size
                + " bytes, above the image limit of "
                + ImageLimits.MAX_FILE_BYTES
                + " (MAX_FILE_BYTES)");
      }
      byte[] buffer;
      try {
        buffer = new byte[(int) Math.max(size, read)];
      } catch (OutOfMemoryError e) {
        // One failed array allocation leaves the heap as it was: report it as the file's size.
        throw new ImageFormatException(
            file,
            0,
            ImageFormatException.Kind.TOO_LARGE,
            "file is " + size + " bytes, more than this JVM's free heap (raise -Xmx to read it)");
      }
      System.arraycopy(chunk, 0, buffer, 0, read);
      read = readFully(in, buffer, read);
      return ByteBuffer.wrap(buffer, 0, read).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /** Small enough for FileInputStream to read without allocating a native buffer. */
  private static final int SMALL_FILE_BYTES = 8192;

  /** One chunk per reading thread (the analysis reads ahead on a second one). */
  private static final ThreadLocal<byte[]> SMALL_FILE = new SmallFileChunk();

  private static final class SmallFileChunk extends ThreadLocal<byte[]> {
    @Override
    protected byte[] initialValue() {
      return new byte[SMALL_FILE_BYTES]; // a subclass, not withInitial: no lambda to bootstrap
    }
  }

  /**
   * Reads into {@code buffer} from {@code from} until it is full or the file ends (a file that
   * shrank while being read is judged as it is); returns where the bytes end.
   */
  private static int readFully(FileInputStream in, byte[] buffer, int from) throws IOException {
    int read = from;
    while (read < buffer.length) {
      int n = in.read(buffer, read, buffer.length - read);
      if (n < 0) {
        break;
      }
      read += n;
    }
    return read;
  }

  /** Returns the offset of the first record. */
  private static int checkHeader(Path file, ImageType<?> type, ByteBuffer bytes)
      throws ImageFormatException {
    if (bytes.limit() < WORD) {
      throw new ImageFormatException(
          file,
          0,
          ImageFormatException.Kind.TRUNCATED,
          "header cut short: "
              + bytes.limit()
              + " bytes, expected the "
              + type.name()
              + " magic "
              + hex(type.magic()));
    }
    int first = bytes.getInt(0);
    if (first == type.magic()) {
      return WORD; // inventory's form: the type magic alone
    }
    if (first != ImageType.COMMON_MAGIC && first != ImageType.SERVICE_MAGIC) {
      throw new ImageFormatException(
          file,
          0,
          ImageFormatException.Kind.BAD_MAGIC,
          "magic "
              + hex(first)
              + " is neither the CRIU image magic "
              + hex(ImageType.COMMON_MAGIC)
              + " nor the "
              + type.name()
              + " magic "
              + hex(type.magic())
              + ": not a CRIU "
              + type.name()
              + " image");
    }
    if (bytes.limit() < 2 * WORD) {
      throw new ImageFormatException(
          file,
          WORD,
          ImageFormatException.Kind.TRUNCATED,
          "header cut short after the CRIU image magic: expected the "
              + type.name()
              + " magic "
              + hex(type.magic()));
    }
    int second = bytes.getInt(WORD);
    if (second != type.magic()) {
      throw new ImageFormatException(
          file,
          WORD,
          ImageFormatException.Kind.BAD_MAGIC,
          "type magic "
              + hex(second)
              + ", expected "
              + hex(type.magic())
              + " ("
              + type.name()
              + ")");
    }
    return 2 * WORD;
  }

  static String hex(int value) {
    return String.format("0x%08x", value);
  }
}
