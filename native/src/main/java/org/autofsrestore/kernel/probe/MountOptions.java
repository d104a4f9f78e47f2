package org.autofsrestore.kernel.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Comma-separated mount option strings as mountinfo prints them. */
final class MountOptions {
  private MountOptions() {}

  static List<String> split(String options) {
    List<String> out = new ArrayList<>();
    if (options.isEmpty()) {
      return out;
    }
    for (String o : options.split(",", -1)) {
      out.add(o);
    }
    return out;
  }

  static Optional<String> get(String options, String key) {
    Optional<String> found = Optional.empty();
    for (String o : split(options)) {
      int eq = o.indexOf('=');
      String k = eq < 0 ? o : o.substring(0, eq);
      if (k.equals(key)) {
        found = Optional.of(eq < 0 ? "" : o.substring(eq + 1));
      }
    }
    return found;
  }
}
