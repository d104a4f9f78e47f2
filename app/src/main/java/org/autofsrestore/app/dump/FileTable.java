package org.autofsrestore.app.dump;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.autofsrestore.image.FieldScan;
import org.autofsrestore.image.ImageFormatException;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.proto.FileEntry;

/**
 * The open files of a dump (files.img), found by id. The file is read and framed whole when the
 * table is made, and each record's id taken from it; a record is decoded (by the generated parser)
 * only when its file is asked for: an inspection asks for the few files its owners' fds name, of
 * thousands.
 *
 * <p>So damage inside a record (as opposed to the file's framing) is found when that record is
 * asked for, and concerns only the owners that name it.
 */
public final class FileTable {
  private final ImageReader<FileEntry> reader;

  /** From a file's id to its record's offset in files.img. */
  private final IntIndex recordById;

  private final Map<Integer, FileDescription> decoded = new ConcurrentHashMap<>();

  private FileTable(ImageReader<FileEntry> reader, IntIndex recordById) {
    this.reader = reader;
    this.recordById = recordById;
  }

  /**
   * Frames every record of files.img and indexes it by id.
   *
   * @throws ImageFormatException when the framing is damaged (a length header or payload cut short,
   *     a record above the limits), or a record has no readable id
   */
  static FileTable read(ImageReader<FileEntry> reader) throws ImageFormatException {
    FieldScan scan = FieldScan.of().field(FileEntry.ID_FIELD_NUMBER, FieldScan.Kind.VARINT, true);
    IntIndex byId = new IntIndex(1024);
    byte[] bytes = reader.array();
    while (reader.hasNext()) {
      reader.skipRecord();
      int id;
      if (scan.scan(bytes, reader.payloadOffset(), reader.payloadLength())) {
        id = scan.int32(FileEntry.ID_FIELD_NUMBER);
      } else {
        id = reader.decodeRecord().getId(); // the exact error, or the id the scan did not take
      }
      // An id given twice: the later record wins, as in a map. An image is at most
      // ImageLimits.MAX_FILE_BYTES (1 GiB), so an offset fits an int.
      byId.put(id, (int) reader.recordOffset());
    }
    return new FileTable(reader, byId);
  }

  /**
   * The file with {@code id}, or null when files.img holds none.
   *
   * @throws ImageFormatException when its record is damaged
   */
  public FileDescription get(int id) throws ImageFormatException {
    FileDescription known = decoded.get(id);
    if (known != null) {
      return known;
    }
    int offset = recordById.get(id);
    if (offset == IntIndex.ABSENT) {
      return null;
    }
    FileDescription file = describe(reader.decodeRecordAt(offset));
    decoded.put(id, file);
    return file;
  }

  private static FileDescription describe(FileEntry e) {
    Long pipeId = e.hasPipe() ? Integer.toUnsignedLong(e.getPipe().getPipeId()) : null;
    boolean writeEnd = e.hasPipe() && (e.getPipe().getFlags() & 0x3) == 0x1;
    String path = e.hasReg() ? e.getReg().getName() : null;
    return new FileDescription(e.getId(), e.getType().name(), pipeId, writeEnd, path);
  }
}
