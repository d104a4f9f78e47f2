package org.autofsrestore.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.report.PlanJson;
import org.autofsrestore.app.report.PlanText;
import org.autofsrestore.app.restore.HostSystem;
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

  @Parameters(index = "0", paramLabel = "DIR", description = DumpOpening.DUMP_ARGUMENT + ".")
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
}
