package org.autofsrestore.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import picocli.CommandLine.Option;

/**
 * The options plan, restore and tui share (a picocli mixin): where to restore, which mounts, who
 * owns them, and how the targets are treated. Declared here once; {@link #options} turns them into
 * the planner's.
 */
final class RestoreChoices {
  /**
   * No default: a restore (and the UI going live) needs it written, {@code --root /} included,
   * since the usual target is a container's tree and a slip would land a hostile dump's mounts on
   * the host's own directories. A plan or a dry run without it shows the calls under /.
   */
  @Option(
      names = "--root",
      paramLabel = "R",
      description =
          "Restore under this directory. Required to restore for real (write --root / for this"
              + " host's own tree); a plan or a dry run without it shows the calls under /.")
  Path root;

  @Option(
      names = "--mount",
      paramLabel = "MOUNTPOINT",
      description = "Only this mount point of the dump (repeatable).")
  List<String> mounts = new ArrayList<>();

  @Option(
      names = "--owner",
      paramLabel = "hold|handoff",
      defaultValue = "handoff",
      converter = OwnerConverter.class,
      description =
          "Who owns the mounts afterwards: this program (hold) or a new automount"
              + " (handoff, default).")
  OwnerMode owner;

  @Option(names = "--mkdir", description = "Create missing target directories.")
  boolean mkdir;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "With --owner handoff: how long to wait for a new owner (default 60).")
  long waitSeconds;

  @Option(names = "--no-wait", description = "With --owner handoff: do not wait for one.")
  boolean noWait;

  @Option(
      names = "--over-existing",
      description =
          "Mount even where the target is already a mount point or a directory with entries"
              + " (refused otherwise: what is there would be hidden).")
  boolean overExisting;

  Planner.Options options(boolean forExecution) {
    return new Planner.Options(
        (root == null ? Path.of("/") : root).toAbsolutePath().normalize(),
        mounts,
        owner,
        mkdir,
        noWait ? 0 : waitSeconds,
        forExecution,
        overExisting);
  }

  /** {@code --owner}: hold or handoff, by {@link OwnerMode#option}. */
  static final class OwnerConverter extends LabelConverter<OwnerMode> {
    OwnerConverter() {
      super(OwnerMode.values(), OwnerMode::option, "an owner");
    }
  }
}
