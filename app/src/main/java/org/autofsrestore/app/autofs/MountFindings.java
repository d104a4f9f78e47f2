package org.autofsrestore.app.autofs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.autofsrestore.app.dump.AutofsImage;
import org.autofsrestore.app.dump.ImagePart;
import org.autofsrestore.image.ImageFormatException;
import org.autofsrestore.kernel.probe.AutofsOptionString;

/**
 * The checks of one mount's saved state, its autofs-N.img and its option string, each adding its
 * findings to a list; the owner's are {@link OwnerResolution}'s.
 */
final class MountFindings {
  private MountFindings() {}

  static void image(
      ImagePart<AutofsImage> part, String imageName, String where, List<Finding> findings) {
    if (part instanceof ImagePart.Missing<AutofsImage>) {
      findings.add(FindingCode.AUTOFS_IMAGE_MISSING.at(where, imageName));
    } else if (part instanceof ImagePart.Damaged<AutofsImage> damaged) {
      ImageFormatException e = damaged.problem();
      FindingCode code =
          e.kind() == ImageFormatException.Kind.EMPTY
              ? FindingCode.AUTOFS_IMAGE_EMPTY
              : FindingCode.AUTOFS_IMAGE_DAMAGED;
      findings.add(code.at(where, imageName, e.getMessage()));
    }
  }

  static void options(AutofsOptionString options, String where, List<Finding> findings) {
    for (AutofsOptionString.Problem p : options.problems()) {
      boolean unknown = false;
      for (AutofsOptionString.Word w : options.words()) {
        unknown |= w.name().equals(p.option()) && w.kind() == AutofsOptionString.Kind.UNKNOWN;
      }
      FindingCode code = unknown ? FindingCode.OPTION_UNKNOWN : FindingCode.OPTION_MALFORMED;
      findings.add(code.at(where, p.option(), p.reason()));
    }
  }

  /** The mode is autofs-N.img's when it was read, else the options'. */
  static void mode(
      AutofsImage saved,
      String imageName,
      AutofsOptionString options,
      Optional<AutofsMode> mode,
      String where,
      List<Finding> findings) {
    if (saved != null && mode.isEmpty()) {
      String optionsMode = options.mode().isPresent() ? options.mode().get() : "which has none";
      findings.add(
          FindingCode.MODE_UNKNOWN.at(where, imageName, String.valueOf(saved.mode()), optionsMode));
    } else if (mode.isEmpty()) {
      findings.add(FindingCode.MODE_MISSING.at(where));
    }
  }

  static void protocol(Integer min, Integer max, String where, List<Finding> findings) {
    if (min == null || max == null) {
      return;
    }
    if (min > max) {
      findings.add(
          FindingCode.PROTOCOL_RANGE_INVERTED.at(where, String.valueOf(min), String.valueOf(max)));
    } else if (max < AutofsAnalysis.KERNEL_MIN_PROTO || min > AutofsAnalysis.KERNEL_MAX_PROTO) {
      findings.add(
          FindingCode.PROTOCOL_UNSUPPORTED.at(where, String.valueOf(min), String.valueOf(max)));
    }
  }

  static void differences(
      AutofsImage image,
      AutofsOptionString options,
      Optional<AutofsMode> optionsMode,
      String imageName,
      String where,
      List<Finding> findings) {
    List<String> differ = new ArrayList<>();
    compare("fd", image.fd(), options.fd(), differ);
    compare("timeout", (long) image.timeout(), options.timeout(), differ);
    compare("minproto", image.minproto(), options.minproto(), differ);
    compare("maxproto", image.maxproto(), options.maxproto(), differ);
    compare("mode", AutofsMode.ofWire(image.mode()).orElse(null), optionsMode, differ);
    compare("uid", image.uid(), options.uid(), differ);
    compare("gid", image.gid(), options.gid(), differ);
    if (!differ.isEmpty()) {
      findings.add(FindingCode.SOURCES_DIFFER.at(where, imageName, String.join(", ", differ)));
    }
  }

  private static <T> void compare(String name, T image, Optional<T> option, List<String> out) {
    if (option.isPresent() && !Objects.equals(image, option.get())) {
      out.add(name + " (options " + option.get() + ", image " + image + ")");
    } else if (option.isEmpty() && image != null && (name.equals("uid") || name.equals("gid"))) {
      out.add(name + " (options none, image " + image + ")");
    }
  }

  /** strictexpire and ignore, as the option string names them, each once. */
  static void droppedByCriu(AutofsOptionString options, String where, List<Finding> findings) {
    if (!options.strictexpire() && !options.ignore()) {
      return;
    }
    List<String> names = new ArrayList<>(2);
    for (AutofsOptionString.Word w : options.words()) {
      String n = w.name();
      if ((n.equals("strictexpire") || n.equals("ignore")) && !names.contains(n)) {
        names.add(n);
      }
    }
    findings.add(FindingCode.OPTION_DROPPED_BY_CRIU.at(where, String.join(" and ", names)));
  }
}
