package org.autofsrestore.kernel.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A snapshot of /proc/PID/mountinfo. Reading it changes nothing. */
public final class MountTable {
  /** This process's mount table. */
  public static final Path SELF = Path.of("/proc/self/mountinfo");

  private final List<MountInfo> entries;

  private MountTable(List<MountInfo> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Reads /proc/self/mountinfo. */
  public static MountTable readSelf() throws IOException {
    return read(SELF);
  }

  public static MountTable read(Path mountinfo) throws IOException {
    return parse(Files.readAllBytes(mountinfo));
  }

  /**
   * Parses mountinfo content (bytes: names are decoded as UTF-8 after their octal escapes).
   *
   * @throws IllegalArgumentException naming the line when a line has too few fields
   */
  public static MountTable parse(byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    List<MountInfo> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isEmpty()) {
        continue;
      }
      try {
        out.add(parseRawLine(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("mountinfo line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    return new MountTable(out);
  }

  /** Parses one line given as text. */
  public static MountInfo parseLine(String line) {
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    return parseRawLine(new String(utf8, StandardCharsets.ISO_8859_1));
  }

  /** {@code raw} holds one byte per char (ISO-8859-1). */
  private static MountInfo parseRawLine(String raw) {
    String[] f = raw.split(" ", -1);
    int sep = -1;
    for (int i = 6; i < f.length; i++) {
      if (f[i].equals("-")) {
        sep = i;
        break;
      }
    }
    if (f.length < 10 || sep < 0 || f.length < sep + 4) {
      throw new IllegalArgumentException("too few fields: " + raw);
    }
    String[] majMin = f[2].split(":", -1);
    if (majMin.length != 2) {
      throw new IllegalArgumentException("bad major:minor " + f[2]);
    }
    List<String> optional = new ArrayList<>();
    for (int i = 6; i < sep; i++) {
      optional.add(unescape(f[i]));
    }
    try {
      return new MountInfo(
          Integer.parseInt(f[0]),
          Integer.parseInt(f[1]),
          Long.parseLong(majMin[0]),
          Long.parseLong(majMin[1]),
          unescape(f[3]),
          unescape(f[4]),
          unescape(f[5]),
          optional,
          unescape(f[sep + 1]),
          unescape(f[sep + 2]),
          unescape(f[sep + 3]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in: " + raw, e);
    }
  }

  /** Decodes the kernel's \ooo escapes (space, tab, newline, backslash, ...), then UTF-8. */
  static String unescape(String raw) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && isOctal(raw, i + 1)) {
        b.write(Integer.parseInt(raw.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return s.charAt(from) <= '3';
  }

  public List<MountInfo> entries() {
    return entries;
  }

  /** The autofs mounts, in mountinfo order. */
  public List<MountInfo> autofs() {
    List<MountInfo> out = new ArrayList<>();
    for (MountInfo m : entries) {
      if (m.isAutofs()) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * The mount at {@code mountPoint}; with several (overmounts), the last one listed, which is the
   * one on top.
   */
  public Optional<MountInfo> at(String mountPoint) {
    MountInfo found = null;
    for (MountInfo m : entries) {
      if (m.mountPoint().equals(mountPoint)) {
        found = m;
      }
    }
    return Optional.ofNullable(found);
  }

  public Optional<MountInfo> byId(int mountId) {
    for (MountInfo m : entries) {
      if (m.mountId() == mountId) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Every mount at or below {@code dir} (a mount point path, no trailing slash). */
  public List<MountInfo> under(String dir) {
    List<MountInfo> out = new ArrayList<>();
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    for (MountInfo m : entries) {
      if (m.mountPoint().equals(dir) || m.mountPoint().startsWith(prefix)) {
        out.add(m);
      }
    }
    return out;
  }
}
