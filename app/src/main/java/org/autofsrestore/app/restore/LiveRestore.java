package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plan run for real, as the command line and the UI both run it: its journal, the kernel, the
 * executor over them, the request server for the mounts this program holds, and the exit path that
 * parks on a signal (SIGINT, SIGTERM, SIGHUP). It ends once, by {@link #end} or by that exit path,
 * whichever comes first.
 */
public final class LiveRestore {
  private static final Logger LOG = LoggerFactory.getLogger(LiveRestore.class);

  private final Path journalPath;
  private final Journal journal;
  private final LinuxKernel kernel;
  private final Executor executor;
  private final RequestServer server;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Thread parkOnExit;

  /** How the run's journal is opened: created, or appended to by a resume. */
  public sealed interface JournalOpening {
    /**
     * A new journal; its start line records the run {@code run} gives, told this process's group.
     */
    record Create(Function<Long, Map<String, Object>> run) implements JournalOpening {}

    /** An interrupted run's journal, whose events end at {@code lastSeq}. */
    record Resume(long lastSeq) implements JournalOpening {}
  }

  /**
   * The start line's fields: every journal names its root and process group, a sandbox's too, so
   * that undo acts only under that root and on mounts of that group ({@link Undo}).
   */
  private static Map<String, Object> withRoot(JournalOpening opening, Plan plan, int pgrp) {
    Map<String, Object> fields =
        new java.util.LinkedHashMap<>(((JournalOpening.Create) opening).run().apply((long) pgrp));
    fields.putIfAbsent("root", plan.root().toString());
    fields.putIfAbsent("pgrp", (long) pgrp);
    return fields;
  }

  private LiveRestore(
      Plan plan,
      Path journalPath,
      JournalOpening opening,
      Duration autoFailAfter,
      Function<List<String>, String> signalHow,
      Consumer<List<String>> afterSignal)
      throws IOException {
    this.journalPath = journalPath;
    this.kernel = new LinuxKernel();
    int pgrp = kernel.run(new PosixCall.GetPgrp());
    try {
      this.journal =
          opening instanceof JournalOpening.Resume r
              ? Journal.resume(journalPath, r.lastSeq(), pgrp)
              : Journal.create(journalPath, withRoot(opening, plan, pgrp));
    } catch (IOException | RuntimeException e) {
      kernel.close();
      throw e;
    }
    this.executor = new Executor(plan, kernel, journal, false, new HostProbe(kernel), pgrp);
    this.server = new RequestServer(kernel, autoFailAfter);
    this.parkOnExit =
        new Thread(
            () -> {
              // The JVM is ending: the journal and the kernel are left open for whoever else is
              // still running a call; the process's end closes them.
              if (ended.compareAndSet(false, true)) {
                List<String> parked = stopAndPark();
                LOG.info("exit path: {}", parked);
                journal.finish(signalHow.apply(parked));
                afterSignal.accept(parked);
              }
            },
            "park-on-exit");
    Runtime.getRuntime().addShutdownHook(parkOnExit);
  }

  /**
   * Creates the journal at {@code journalPath} (which must not exist), and registers the exit path.
   *
   * @param autoFailAfter how long a request may wait for an answer before it is failed (zero: at
   *     once)
   * @param signalHow given what the exit path of a signal parked, the journal's finish line
   * @param afterSignal told what the exit path parked once the journal is finished
   * @throws IOException when the journal cannot be created
   */
  public static LiveRestore start(
      Plan plan,
      Path journalPath,
      Duration autoFailAfter,
      Function<List<String>, String> signalHow,
      Consumer<List<String>> afterSignal)
      throws IOException {
    return start(
        plan,
        journalPath,
        new JournalOpening.Create(pgrp -> Map.of()),
        autoFailAfter,
        signalHow,
        afterSignal);
  }

  /** As {@link #start(Plan, Path, Duration, Function, Consumer)}, its journal opened as told. */
  public static LiveRestore start(
      Plan plan,
      Path journalPath,
      JournalOpening opening,
      Duration autoFailAfter,
      Function<List<String>, String> signalHow,
      Consumer<List<String>> afterSignal)
      throws IOException {
    return new LiveRestore(plan, journalPath, opening, autoFailAfter, signalHow, afterSignal);
  }

  public Path journalPath() {
    return journalPath;
  }

  public Journal journal() {
    return journal;
  }

  public Executor executor() {
    return executor;
  }

  public RequestServer server() {
    return server;
  }

  /** Hands the mount to the request server if this program holds it; whether it did. */
  public boolean serveIfHeld(String mountpoint) {
    Optional<RequestServer.Served> served = executor.served(mountpoint);
    served.ifPresent(server::add);
    return served.isPresent();
  }

  /** Stops serving requests and parks every mount this run mounted and did not hand over. */
  public List<String> stopAndPark() {
    server.stop();
    return executor.parkAll();
  }

  /**
   * Ends the run: parks, writes the journal's finish line ({@code how}, given what was parked),
   * closes the journal and the kernel, and drops the exit path. Empty when the exit path of a
   * signal ended the run first: it owns the teardown, and the JVM ends when it is done.
   */
  public Optional<List<String>> end(Function<List<String>, String> how) {
    if (!ended.compareAndSet(false, true)) {
      return Optional.empty();
    }
    List<String> parked = stopAndPark();
    journal.finish(how.apply(parked));
    try {
      Runtime.getRuntime().removeShutdownHook(parkOnExit);
    } catch (IllegalStateException e) {
      // already shutting down: the hook finds nothing left to do
    }
    try {
      journal.close();
    } catch (IOException e) {
      LOG.warn("closing the journal {}: {}", journalPath, e.getMessage());
    }
    kernel.close();
    return Optional.of(parked);
  }
}
