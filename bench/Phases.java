import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.cli.LogSetup;
import org.autofsrestore.app.cli.Main;
import org.autofsrestore.app.cli.RootCommand;
import org.autofsrestore.app.dump.Dump;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.report.InspectionJson;

/**
 * The phases of a cold {@code inspect --json DIR}, timed one after the other in a fresh JVM, in
 * the order Main runs them (each phase pays for the classes it is the first to load): Logback's
 * start (LogSetup + the first logger and log line), picocli's command model, DumpLoader.load,
 * AutofsAnalysis.inspect, InspectionJson.write to /dev/null. Run by bench/profile.
 */
public final class Phases {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    LogSetup.configure(new String[] {"--log-file", args[1]});
    org.slf4j.LoggerFactory.getLogger(Main.class).info("phases");
    long t1 = System.nanoTime();
    picocli.CommandLine cli = new picocli.CommandLine(new RootCommand());
    cli.parseArgs("inspect", "--json", args[0]);
    long t2 = System.nanoTime();
    Dump dump = DumpLoader.load(Path.of(args[0]));
    long t3 = System.nanoTime();
    Inspection inspection = AutofsAnalysis.inspect(dump);
    long t4 = System.nanoTime();
    PrintWriter out = new PrintWriter(Writer.nullWriter());
    InspectionJson.write(inspection, out);
    out.flush();
    long t5 = System.nanoTime();
    System.out.printf(
        "logback start %.0f ms, picocli model+parse %.0f ms, load %.0f ms, analyse %.0f ms,"
            + " json %.0f ms%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
  }
}
