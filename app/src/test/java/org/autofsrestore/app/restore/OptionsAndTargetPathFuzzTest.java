package org.autofsrestore.app.restore;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.kernel.probe.AutofsOptionString;

/**
 * The two parsers of dump strings that decide what a restore does: {@link AutofsOptionString#parse}
 * on any option string, and {@link TargetPath#resolve} (and {@link TargetPath#lexicalTarget}, which
 * the plan shows for a refused target) on any mount point, over a live file system whose every
 * component kind the input picks. Neither may throw; a resolved target must lie under the root,
 * contain no {@code ..}, and have only directories or missing names on its way.
 */
class OptionsAndTargetPathFuzzTest {
  private static final Path ROOT = Path.of("/fuzz-root");
  static final int LAYOUT = 16;
  private static final LiveSystem.PathKind[] KINDS = LiveSystem.PathKind.values();

  /**
   * Input: a u16 little-endian length and that many bytes of option string (UTF-8), then {@value
   * #LAYOUT} bytes of layout (the kind of each component below the root), then the mount point.
   */
  @FuzzTest(maxDuration = "20s")
  void optionsAndMountPointsNeverThrow(byte[] input) {
    int length = input.length < 2 ? 0 : (input[0] & 0xff) | (input[1] & 0xff) << 8;
    int at = Math.min(2, input.length);
    int optionsEnd = Math.min(input.length, at + length);
    checkOptions(new String(input, at, optionsEnd - at, StandardCharsets.UTF_8));
    int layoutEnd = Math.min(input.length, optionsEnd + LAYOUT);
    byte[] layout = Arrays.copyOfRange(input, optionsEnd, layoutEnd);
    checkTarget(
        new String(input, layoutEnd, input.length - layoutEnd, StandardCharsets.UTF_8), layout);
  }

  static void checkOptions(String raw) {
    AutofsOptionString parsed = AutofsOptionString.parse(raw);
    if (!parsed.raw().equals(raw)) {
      throw new AssertionError("raw string changed: " + parsed.raw());
    }
    long words = raw.chars().filter(c -> c == ',').count() + 1;
    if (parsed.words().size() > words) {
      throw new AssertionError(parsed.words().size() + " words out of " + words + ": " + raw);
    }
    for (AutofsOptionString.Problem p : parsed.problems()) {
      if (p.option() == null || p.reason() == null) {
        throw new AssertionError("a problem names its option and reason: " + p);
      }
    }
  }

  /** Component i below the root (0-based) has kind layout[i]; deeper ones are missing. */
  static void checkTarget(String mountpoint, byte[] layout) {
    List<Path> asked = new ArrayList<>();
    LiveSystem live =
        new LiveSystem() {
          @Override
          public boolean hasCapSysAdmin() {
            return true;
          }

          @Override
          public Optional<String> devAutofsVersion() {
            return Optional.of("1.1");
          }

          @Override
          public PathKind kindOf(Path path) {
            if (!path.startsWith(ROOT) || !path.normalize().equals(path)) {
              throw new AssertionError("asked about " + path + ", outside " + ROOT);
            }
            asked.add(path);
            int depth = path.getNameCount() - ROOT.getNameCount() - 1;
            return depth < layout.length
                ? KINDS[(layout[depth] & 0xff) % KINDS.length]
                : PathKind.MISSING;
          }

          @Override
          public boolean isAutofsMountpoint(Path path) {
            return false;
          }
        };
    List<Finding> findings = new ArrayList<>();
    Optional<TargetPath> resolved = TargetPath.resolve(ROOT, mountpoint, live, findings);
    Path shown = TargetPath.lexicalTarget(ROOT, mountpoint);
    if (!shown.startsWith(ROOT)) {
      throw new AssertionError("shown target " + shown + " is outside " + ROOT);
    }
    if (resolved.isEmpty()) {
      if (findings.isEmpty()) {
        throw new AssertionError("refused without a finding: " + mountpoint);
      }
      FindingCode code = findings.get(0).code();
      if (code != FindingCode.PATH_ESCAPES_ROOT
          && code != FindingCode.TARGET_THROUGH_SYMLINK
          && code != FindingCode.TARGET_NOT_DIRECTORY) {
        throw new AssertionError("refused with " + code);
      }
      return;
    }
    if (!findings.isEmpty()) {
      throw new AssertionError("resolved with findings " + findings);
    }
    TargetPath t = resolved.get();
    Path target = t.target();
    if (!target.startsWith(ROOT) || !target.normalize().equals(target)) {
      throw new AssertionError(mountpoint + " resolved to " + target + ", outside " + ROOT);
    }
    for (Path p : target) {
      if (p.toString().equals("..")) {
        throw new AssertionError(mountpoint + " resolved to " + target + " with '..'");
      }
    }
    for (Path p : asked) {
      int depth = p.getNameCount() - ROOT.getNameCount() - 1;
      LiveSystem.PathKind kind =
          depth < layout.length
              ? KINDS[(layout[depth] & 0xff) % KINDS.length]
              : LiveSystem.PathKind.MISSING;
      if (kind == LiveSystem.PathKind.SYMLINK || kind == LiveSystem.PathKind.OTHER) {
        throw new AssertionError(mountpoint + " resolved through " + p + ", a " + kind);
      }
    }
    for (Path missing : t.missing()) {
      if (!missing.startsWith(ROOT) || !target.startsWith(missing)) {
        throw new AssertionError("would create " + missing + " for " + target);
      }
    }
    if (target.toString().getBytes(StandardCharsets.UTF_8).length > TargetPath.MAX_PATH_BYTES) {
      throw new AssertionError("target longer than PATH_MAX: " + target);
    }
  }
}
