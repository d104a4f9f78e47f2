package org.autofsrestore.app.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.AutofsPacket;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.KernelOps;
import org.autofsrestore.kernel.PathCall;
import org.autofsrestore.kernel.PosixCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the kernel's requests for the mounts this program holds ({@code --owner hold}): reads each
 * request packet from the mount's pipe, shows it, and answers it. A request nobody answers within
 * {@code autoFailAfter} is answered FAIL (ENOENT), so no process sleeps on a lookup forever; with
 * {@link Duration#ZERO} every request is answered FAIL at once.
 *
 * <p>Any user may send requests as fast as they can look names up, so each one costs the same
 * however many came before: waiting requests are found by id, and only the latest {@link #HISTORY}
 * are kept for the UI (see {@link RequestBook}); the log takes at most {@link #LOGGED_PER_SECOND} a
 * second one by one and counts the rest ({@link LineBudget}).
 */
public final class RequestServer {
  private static final Logger LOG = LoggerFactory.getLogger(RequestServer.class);
  private static final int POLL_MILLIS = 100;

  /** How many of the latest requests are kept for the UI's Requests view. */
  public static final int HISTORY = 1000;

  /**
   * How many requests a second are logged one by one; the rest are counted (a flood fills no disk).
   */
  static final int LOGGED_PER_SECOND = 100;

  /** How a request stands. */
  public enum State {
    WAITING,
    FAILED,
    READY
  }

  /** A request as it arrived, and how it was answered. */
  public record Request(
      long id, Instant time, String mountpoint, AutofsPacket packet, State state, String answer) {
    Request answered(State state, String answer) {
      return new Request(id, time, mountpoint, packet, state, answer);
    }
  }

  /** One mount being served: where, its device number and the read end of its pipe. */
  public record Served(String mountpoint, String target, long devid, int readFd) {}

  /**
   * The latest requests, oldest first (every waiting one among them), and how many older answered
   * ones are no longer kept.
   */
  public record History(List<Request> requests, long dropped) {}

  private final Kernel kernel;
  private final Duration autoFailAfter;
  private final long autoFailNanos;
  // Changed only when a mount is added or dropped, never per request.
  private final List<Served> served = new CopyOnWriteArrayList<>();
  private final Map<String, Served> byMountpoint = new ConcurrentHashMap<>();
  // Guarded by `answering`.
  private final RequestBook book;
  private final List<Consumer<Request>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  // Used by the serving thread only.
  private final LineBudget logged = new LineBudget(LOGGED_PER_SECOND);
  private final Object answering = new Object();
  private volatile boolean stopped;

  public RequestServer(Kernel kernel, Duration autoFailAfter) {
    this.kernel = kernel;
    this.autoFailAfter = autoFailAfter;
    this.autoFailNanos =
        autoFailAfter.compareTo(Duration.ofDays(3650)) > 0
            ? Duration.ofDays(3650).toNanos()
            : autoFailAfter.toNanos();
    this.book = new RequestBook(HISTORY);
  }

  public void add(Served mount) {
    byMountpoint.put(mount.mountpoint(), mount);
    served.add(mount);
  }

  public boolean isEmpty() {
    return served.isEmpty();
  }

  /** Called with each request when it arrives and again when it is answered. */
  public void onRequest(Consumer<Request> listener) {
    listeners.add(listener);
  }

  /** The latest requests, oldest first: at most {@link #HISTORY} and those still waiting. */
  public List<Request> requests() {
    return history().requests();
  }

  /** The latest requests and how many older ones were dropped. */
  public History history() {
    RequestBook.Snapshot s;
    synchronized (answering) {
      s = book.snapshot();
    }
    return new History(s.requests(), s.dropped());
  }

  public void stop() {
    stopped = true;
  }

  /** Serves until {@link #stop()} (or the thread is interrupted). */
  public void serve() {
    try {
      serveUntilStopped();
    } finally {
      logged.flush(this::logHeldBack);
    }
  }

  private void logHeldBack(long count) {
    LOG.info(
        "{} more requests within a second, not logged one by one (at most {} a second are)",
        count,
        LOGGED_PER_SECOND);
  }

  private void serveUntilStopped() {
    while (!stopped && !Thread.currentThread().isInterrupted()) {
      if (served.isEmpty()) {
        sleep();
      } else {
        int wait = Math.max(1, POLL_MILLIS / served.size());
        for (Served s : new ArrayList<>(served)) {
          if (stopped) {
            return;
          }
          serveOne(s, wait);
        }
      }
      failOverdue();
    }
  }

  /**
   * Answers a waiting request. READY on an indirect mount first creates the key's directory inside
   * the mount (this program is the owner, so it may), so the lookup finds it.
   */
  public Request answer(long id, boolean ready) {
    synchronized (answering) {
      Request request =
          book.find(id).orElseThrow(() -> new IllegalArgumentException("no request " + id));
      if (request.state() != State.WAITING) {
        return request;
      }
      Served s = byMountpoint.get(request.mountpoint());
      if (s == null) { // its pipe failed since: nothing left to answer through
        return replace(request, request.answered(State.FAILED, "no longer served"));
      }
      String answer;
      State state;
      if (ready) {
        String name = request.packet().name();
        if (!name.isEmpty() && !name.contains("/") && !name.equals("..") && !name.equals(".")) {
          KernelOps.attempt(kernel, new PathCall.Mkdir(s.target() + "/" + name, 0755));
        }
        reply(s, request.packet(), null);
        answer = "READY";
        state = State.READY;
      } else {
        reply(s, request.packet(), Errno.ENOENT);
        answer = "FAIL ENOENT";
        state = State.FAILED;
      }
      return replace(request, request.answered(state, answer));
    }
  }

  private void serveOne(Served s, int waitMillis) {
    try {
      if (!kernel.run(new PosixCall.Poll(s.readFd(), waitMillis))) {
        return;
      }
      Optional<AutofsPacket> packet = kernel.run(new PosixCall.ReadPacket(s.readFd()));
      if (packet.isEmpty()) {
        LOG.warn("{}: the pipe has no writer left; no longer serving it", s.mountpoint());
        drop(s);
        return;
      }
      Request request =
          new Request(
              ids.incrementAndGet(),
              Instant.now(),
              s.mountpoint(),
              packet.get(),
              State.WAITING,
              "waiting");
      synchronized (answering) {
        book.arrived(request, System.nanoTime());
      }
      if (logged.admit(System.nanoTime(), this::logHeldBack)) {
        LOG.info("request {}: {}", s.mountpoint(), packet.get());
      }
      listeners.forEach(l -> l.accept(request));
      if (autoFailAfter.isZero()) {
        answer(request.id(), false);
      }
    } catch (KernelException e) {
      LOG.warn("{}: serving failed: {}", s.mountpoint(), e.getMessage());
      drop(s);
    }
  }

  private void drop(Served s) {
    served.remove(s);
    byMountpoint.remove(s.mountpoint(), s);
  }

  private void failOverdue() {
    List<Request> due;
    synchronized (answering) {
      due = book.overdue(System.nanoTime(), autoFailNanos);
    }
    for (Request r : due) {
      try {
        answer(r.id(), false);
      } catch (KernelException e) {
        LOG.warn("answering request {} failed: {}", r.id(), e.getMessage());
        replace(r, r.answered(State.FAILED, "could not answer: " + e.errnoName()));
      }
    }
  }

  private void reply(Served s, AutofsPacket packet, Errno failure) {
    int fd = kernel.run(new AutofsIoctl.OpenMount(s.target(), s.devid()));
    try {
      if (failure == null) {
        kernel.run(new AutofsIoctl.Ready(fd, packet.token()));
      } else {
        kernel.run(new AutofsIoctl.Fail(fd, packet.token(), failure));
      }
    } finally {
      kernel.run(new AutofsIoctl.CloseMount(fd));
    }
  }

  private Request replace(Request old, Request updated) {
    synchronized (answering) {
      book.update(updated);
    }
    listeners.forEach(l -> l.accept(updated));
    return updated;
  }

  private void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
