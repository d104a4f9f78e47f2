package org.autofsrestore.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.report.PlanJson;
import org.autofsrestore.app.report.PlanText;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.Planner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plan DIR}: the exact calls a restore would make, without making any. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    header = "Prints the system calls a restore would make, without making them.",
    description =
        "Prints the restore plan: for each autofs mount, its target and the exact calls of its"
            + " mount, timeout and owner stages. Changes nothing; needs no privileges.")
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description =
          "The dump: a CRIU image directory, or a container checkpoint archive (tar, plain or"
              + " gzip, zstd or xz).")
  Path directory;

  @CommandLine.Mixin RestoreChoices choices = new RestoreChoices();

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    return DumpOpening.withInspection(
        directory,
        cli,
        inspection -> {
          Plan plan = Planner.plan(inspection, new HostSystem(), choices.options(false));
          if (json) {
            PlanJson.write(plan, cli.getOut());
            cli.getOut().flush();
          } else {
            PlanText.write(plan, cli.getOut());
          }
          boolean errors =
              plan.mounts().stream().anyMatch(m -> !m.runnable())
                  || plan.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
          return errors ? ExitStatus.STEP_FAILED : ExitStatus.OK;
        });
  }

  /** The options plan, restore and tui share. */
  static final class RestoreChoices {
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
  }

  static final class OwnerConverter implements CommandLine.ITypeConverter<OwnerMode> {
    @Override
    public OwnerMode convert(String value) {
      for (OwnerMode mode : OwnerMode.values()) {
        if (mode.option().equals(value)) {
          return mode;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not an owner: use hold or handoff");
    }
  }
}
