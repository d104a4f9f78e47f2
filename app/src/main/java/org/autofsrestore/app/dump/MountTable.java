package org.autofsrestore.app.dump;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.autofsrestore.image.FieldScan;
import org.autofsrestore.proto.MntEntry;

/**
 * Every mount of a dump's mount tables, kept as the numbers an inspection looks at (ids, parent,
 * namespace, type, device) and where each record is in its file's bytes. A mount's strings are
 * decoded only when its {@link MountEntry} is asked for: an inspection needs them for the autofs
 * mounts and the mounts below those, a small part of a large dump.
 */
final class MountTable {
  /** The fields of mnt_entry a mount table is scanned for; the others are skipped. */
  static FieldScan newScan() {
    return FieldScan.of()
        .field(MntEntry.FSTYPE_FIELD_NUMBER, FieldScan.Kind.VARINT, true)
        .field(MntEntry.MNT_ID_FIELD_NUMBER, FieldScan.Kind.VARINT, true)
        .field(MntEntry.ROOT_DEV_FIELD_NUMBER, FieldScan.Kind.VARINT, true)
        .field(MntEntry.PARENT_MNT_ID_FIELD_NUMBER, FieldScan.Kind.VARINT, true)
        .field(MntEntry.FLAGS_FIELD_NUMBER, FieldScan.Kind.VARINT, true)
        .field(MntEntry.ROOT_FIELD_NUMBER, FieldScan.Kind.BYTES, true)
        .field(MntEntry.MOUNTPOINT_FIELD_NUMBER, FieldScan.Kind.BYTES, true)
        .field(MntEntry.SOURCE_FIELD_NUMBER, FieldScan.Kind.BYTES, true)
        .field(MntEntry.OPTIONS_FIELD_NUMBER, FieldScan.Kind.BYTES, true)
        .field(MntEntry.SB_FLAGS_FIELD_NUMBER, FieldScan.Kind.VARINT, false);
  }

  private final int size;
  private final int[] mntIds;
  private final int[] parentMntIds;
  private final int[] nsIds;
  private final int[] fstypes;
  private final int[] rootDevs;
  private final int[] files;
  private final int[] payloads;
  private final int[] lengths;
  private final byte[][] fileBytes;
  private final Map<Integer, MountEntry> decoded;
  private final FieldScan scan = newScan();

  private MountTable(Builder b) {
    size = b.size;
    mntIds = Arrays.copyOf(b.mntIds, size);
    parentMntIds = Arrays.copyOf(b.parentMntIds, size);
    nsIds = Arrays.copyOf(b.nsIds, size);
    fstypes = Arrays.copyOf(b.fstypes, size);
    rootDevs = Arrays.copyOf(b.rootDevs, size);
    files = Arrays.copyOf(b.files, size);
    payloads = Arrays.copyOf(b.payloads, size);
    lengths = Arrays.copyOf(b.lengths, size);
    fileBytes = Arrays.copyOf(b.fileBytes, b.fileCount);
    decoded = Map.copyOf(b.decoded);
  }

  int size() {
    return size;
  }

  int mntId(int i) {
    return mntIds[i];
  }

  int parentMntId(int i) {
    return parentMntIds[i];
  }

  boolean isAutofs(int i) {
    return fstypes[i] == org.autofsrestore.proto.Fstype.AUTOFS_VALUE;
  }

  /** Mount {@code i} with its strings, decoded now from its record. */
  MountEntry entry(int i) {
    MountEntry whole = decoded.get(i);
    if (whole != null) {
      return whole;
    }
    byte[] bytes = fileBytes[files[i]];
    synchronized (scan) {
      if (!scan.scan(bytes, payloads[i], lengths[i])) {
        // The same bytes scanned when the table was read; only a record the generated parser
        // decoded is kept whole, and that one was found above.
        throw new IllegalStateException("mount record " + i + " no longer scans");
      }
      return new MountEntry(
          mntIds[i],
          parentMntIds[i],
          nsIds[i],
          fstypes[i],
          DeviceNumber.fromKernel(rootDevs[i]),
          string(bytes, MntEntry.ROOT_FIELD_NUMBER),
          string(bytes, MntEntry.MOUNTPOINT_FIELD_NUMBER),
          string(bytes, MntEntry.SOURCE_FIELD_NUMBER),
          string(bytes, MntEntry.OPTIONS_FIELD_NUMBER),
          scan.int32(MntEntry.FLAGS_FIELD_NUMBER),
          scan.int32(MntEntry.SB_FLAGS_FIELD_NUMBER));
    }
  }

  /** As the generated getter decodes a proto2 string: UTF-8, malformed bytes replaced. */
  private String string(byte[] bytes, int field) {
    return new String(bytes, scan.start(field), scan.length(field), StandardCharsets.UTF_8);
  }

  /** Collects the mounts of the tables as they are read, in order. */
  static final class Builder {
    private int size;
    private int[] mntIds = new int[64];
    private int[] parentMntIds = new int[64];
    private int[] nsIds = new int[64];
    private int[] fstypes = new int[64];
    private int[] rootDevs = new int[64];
    private int[] files = new int[64];
    private int[] payloads = new int[64];
    private int[] lengths = new int[64];
    private byte[][] fileBytes = new byte[4][];
    private int fileCount;
    private final Map<Integer, MountEntry> decoded = new HashMap<>();

    int size() {
      return size;
    }

    /** Starts the records of one mountpoints-N.img, whose whole bytes are {@code bytes}. */
    void startFile(byte[] bytes) {
      if (fileCount == fileBytes.length) {
        fileBytes = Arrays.copyOf(fileBytes, fileCount * 2);
      }
      fileBytes[fileCount++] = bytes;
    }

    /** A mount that {@code scan} read from the current file, at {@code payload}. */
    void addScanned(int nsId, FieldScan scan, int payload, int length) {
      add(
          nsId,
          scan.int32(MntEntry.MNT_ID_FIELD_NUMBER),
          scan.int32(MntEntry.PARENT_MNT_ID_FIELD_NUMBER),
          scan.int32(MntEntry.FSTYPE_FIELD_NUMBER),
          scan.int32(MntEntry.ROOT_DEV_FIELD_NUMBER),
          payload,
          length);
    }

    /** A mount the generated parser decoded (its record is not one a scan takes). */
    void addDecoded(int nsId, MntEntry e) {
      decoded.put(
          size,
          new MountEntry(
              e.getMntId(),
              e.getParentMntId(),
              nsId,
              e.getFstype(),
              DeviceNumber.fromKernel(e.getRootDev()),
              e.getRoot(),
              e.getMountpoint(),
              e.getSource(),
              e.getOptions(),
              e.getFlags(),
              e.getSbFlags()));
      add(nsId, e.getMntId(), e.getParentMntId(), e.getFstype(), e.getRootDev(), 0, 0);
    }

    private void add(
        int nsId, int mntId, int parent, int fstype, int rootDev, int payload, int length) {
      if (size == mntIds.length) {
        int grown = size * 2;
        mntIds = Arrays.copyOf(mntIds, grown);
        parentMntIds = Arrays.copyOf(parentMntIds, grown);
        nsIds = Arrays.copyOf(nsIds, grown);
        fstypes = Arrays.copyOf(fstypes, grown);
        rootDevs = Arrays.copyOf(rootDevs, grown);
        files = Arrays.copyOf(files, grown);
        payloads = Arrays.copyOf(payloads, grown);
        lengths = Arrays.copyOf(lengths, grown);
      }
      mntIds[size] = mntId;
      parentMntIds[size] = parent;
      nsIds[size] = nsId;
      fstypes[size] = fstype;
      rootDevs[size] = rootDev;
      files[size] = fileCount - 1;
      payloads[size] = payload;
      lengths[size] = length;
      size++;
    }

    MountTable build() {
      return new MountTable(this);
    }
  }
}
