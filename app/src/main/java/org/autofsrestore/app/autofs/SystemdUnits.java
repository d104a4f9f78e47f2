package org.autofsrestore.app.autofs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * systemd's automount units: which autofs mounts systemd owns, and the name of the unit that owns
 * one. systemd mounts its automounts with the source {@code systemd-<pid>} (always direct), saves
 * the device number of each, and ignores a request whose device is not the saved one; so a mount
 * restored under it (with a new device number) hangs until its unit is restarted.
 */
public final class SystemdUnits {
  private SystemdUnits() {}

  /** The pid of the systemd instance that owns a mount with this source, if it is one. */
  public static OptionalLong owner(String source) {
    if (source == null
        || !source.startsWith("systemd-")
        || source.length() == "systemd-".length()) {
      return OptionalLong.empty();
    }
    String pid = source.substring("systemd-".length());
    for (int i = 0; i < pid.length(); i++) {
      if (pid.charAt(i) < '0' || pid.charAt(i) > '9') {
        return OptionalLong.empty();
      }
    }
    try {
      return OptionalLong.of(Long.parseLong(pid));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The automount unit of the mount point: {@code <escaped>.automount}. */
  public static String automountUnit(String mountpoint) {
    return escapePath(mountpoint) + ".automount";
  }

  /**
   * The automount unit of the mount point, or, for a path systemd would not name a unit after (one
   * with ".." from a hostile dump), a phrase saying so.
   */
  public static String unitOrPath(String mountpoint) {
    try {
      return automountUnit(mountpoint);
    } catch (IllegalArgumentException e) {
      return "the automount unit of " + mountpoint;
    }
  }

  /**
   * The command that restarts the mount's unit, so systemd mounts it again and saves its device;
   * for a path no unit is named after, the command with {@link #unitOrPath}'s phrase.
   */
  public static String restartCommand(String mountpoint) {
    return restart(unitOrPath(mountpoint));
  }

  /** The command that restarts automount's own service, which reads every mount's device anew. */
  public static String restartAutofsService() {
    return restart("autofs");
  }

  private static String restart(String unit) {
    return "systemctl restart " + unit;
  }

  /**
   * The path escaped as {@code systemd-escape --path} escapes it (systemd's unit_name_path_escape):
   * the path simplified (repeated slashes and "." components dropped, the slashes at either end
   * removed; "/" becomes "-"), then each '/' written as '-', and every byte of the UTF-8 that is
   * not an ASCII letter, digit, ':', '_' or '.' (and a '.' at the start) as {@code \xNN}.
   *
   * @throws IllegalArgumentException for a path that systemd-escape refuses: not absolute, or with
   *     a ".." component
   */
  public static String escapePath(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          "'" + path + "' is not an absolute path; a unit name is made from an absolute one");
    }
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.equals("..")) {
        throw new IllegalArgumentException("'" + path + "' is not a normalized path (it has ..)");
      }
      if (!p.isEmpty() && !p.equals(".")) {
        parts.add(p);
      }
    }
    if (parts.isEmpty()) {
      return "-";
    }
    byte[] bytes = String.join("/", parts).getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length + 16);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      if (c == '/') {
        b.append('-');
      } else if (c == '.' && i == 0) {
        hex(b, c);
      } else if (plain(c)) {
        b.append((char) c);
      } else {
        hex(b, c);
      }
    }
    return b.toString();
  }

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == ':'
        || c == '_'
        || c == '.';
  }

  private static void hex(StringBuilder b, int c) {
    b.append("\\x").append(String.format(Locale.ROOT, "%02x", c));
  }
}
