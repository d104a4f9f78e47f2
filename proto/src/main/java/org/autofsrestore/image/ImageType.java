package org.autofsrestore.image;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import org.autofsrestore.proto.AutofsEntry;
import org.autofsrestore.proto.CoreEntry;
import org.autofsrestore.proto.FdinfoEntry;
import org.autofsrestore.proto.FileEntry;
import org.autofsrestore.proto.InventoryEntry;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.proto.PstreeEntry;
import org.autofsrestore.proto.TaskKobjIdsEntry;

/**
 * One kind of CRIU image file: its type magic, the message its records hold, and how CRIU writes
 * its header. The names are the ones {@code crit} prints as {@code "magic"}.
 *
 * @param <M> the protobuf message of each record
 */
public final class ImageType<M extends MessageLite> {
  /** The magic in front of the type magic of ordinary image files. */
  public static final int COMMON_MAGIC = 0x54564319;

  /** The magic in front of the type magic of service files (stats, irmap cache). */
  public static final int SERVICE_MAGIC = 0x55105940;

  public static final ImageType<InventoryEntry> INVENTORY =
      new ImageType<>("INVENTORY", 0x58313116, false);
  public static final ImageType<PstreeEntry> PSTREE = new ImageType<>("PSTREE", 0x50273030, true);
  public static final ImageType<CoreEntry> CORE = new ImageType<>("CORE", 0x55053847, true);
  public static final ImageType<TaskKobjIdsEntry> IDS = new ImageType<>("IDS", 0x54432030, true);
  public static final ImageType<MntEntry> MNTS = new ImageType<>("MNTS", 0x55563928, true);
  public static final ImageType<AutofsEntry> AUTOFS = new ImageType<>("AUTOFS", 0x49353943, true);
  public static final ImageType<FdinfoEntry> FDINFO = new ImageType<>("FDINFO", 0x56213732, true);
  public static final ImageType<FileEntry> FILES = new ImageType<>("FILES", 0x56303138, true);

  private final String name;
  private final int magic;
  private final boolean commonMagicWritten;
  // Set on first use: a generated message class runs protobuf's version check and builds its
  // parser when it is initialised, so each is initialised only by the first reader of its type
  // (a dump's inspection never decodes some of them, and whole mount tables are scanned).
  private volatile Parser<M> parser;

  private ImageType(String name, int magic, boolean commonMagicWritten) {
    this.name = name;
    this.magic = magic;
    this.commonMagicWritten = commonMagicWritten;
  }

  /** The name crit gives this type, e.g. {@code MNTS}. */
  public String name() {
    return name;
  }

  public int magic() {
    return magic;
  }

  /**
   * Whether CRIU writes the common magic before the type magic. inventory.img is the exception: it
   * starts with its type magic. Readers accept both forms for every type, as crit does.
   */
  public boolean commonMagicWritten() {
    return commonMagicWritten;
  }

  /**
   * Initialises this type's generated message class and runs its parser once, on nothing: the first
   * decode of a type in a JVM loads and verifies dozens of classes (protobuf's runtime with the
   * first type), milliseconds that a thread of its own can spend before a reader needs them. Has no
   * other effect.
   */
  public void prepare() {
    try {
      parser().parsePartialFrom(new byte[0]);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("an empty " + name + " record does not parse", e);
    }
  }

  @SuppressWarnings("unchecked") // parserOf(name) is the parser of M for every constant
  Parser<M> parser() {
    Parser<M> p = parser;
    if (p == null) {
      p = (Parser<M>) parserOf(name);
      parser = p;
    }
    return p;
  }

  private static Parser<?> parserOf(String name) {
    switch (name) {
      case "INVENTORY":
        return InventoryEntry.parser();
      case "PSTREE":
        return PstreeEntry.parser();
      case "CORE":
        return CoreEntry.parser();
      case "IDS":
        return TaskKobjIdsEntry.parser();
      case "MNTS":
        return MntEntry.parser();
      case "AUTOFS":
        return AutofsEntry.parser();
      case "FDINFO":
        return FdinfoEntry.parser();
      case "FILES":
        return FileEntry.parser();
      default:
        throw new IllegalStateException("no parser for " + name);
    }
  }

  @Override
  public String toString() {
    return name + " (magic " + ImageReader.hex(magic) + ")";
  }
}
