package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.Optional;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.PathCall;
import org.autofsrestore.kernel.PosixCall;

/**
 * Right before a mkdir or a mount, the path it names is walked again from the root, one component
 * at a time without following symlinks: a symlink or a file put in its way after the plan was made
 * (say, while the operator read the plan) is refused, not followed. A mkdir's own last component is
 * not looked at: mkdir(2) never follows a symlink there and fails with EEXIST on anything in its
 * place, which the executor accepts only for a real directory.
 */
final class PathRecheck {
  private final Path root;
  private final LiveSystem paths;

  PathRecheck(Path root, LiveSystem paths) {
    this.root = root;
    this.paths = paths;
  }

  /** Why {@code call} must not run now, or empty. */
  Optional<String> refusal(KernelCall<?> call) {
    Path path;
    boolean mayBeMissing;
    if (call instanceof PathCall.Mkdir mkdir) {
      path = Path.of(mkdir.path());
      mayBeMissing = true;
    } else if (call instanceof PosixCall.Mount mount) {
      path = Path.of(mount.target());
      mayBeMissing = false;
    } else {
      return Optional.empty();
    }
    if (!path.startsWith(root)) {
      return Optional.of(path + " is not under the root " + root);
    }
    Path at = root;
    for (Path part : root.relativize(path)) {
      at = at.resolve(part);
      boolean last = at.equals(path);
      if (last && mayBeMissing) {
        break;
      }
      LiveSystem.PathKind kind = paths.kindOf(at);
      if (kind == LiveSystem.PathKind.SYMLINK) {
        return Optional.of(at + " became a symlink since the plan was made: not followed");
      }
      if (kind == LiveSystem.PathKind.OTHER) {
        return Optional.of(at + " is no longer a directory");
      }
      if (kind == LiveSystem.PathKind.MISSING && !(last && mayBeMissing)) {
        return Optional.of(at + " disappeared since the plan was made");
      }
    }
    return Optional.empty();
  }
}
