package org.autofsrestore.app.restore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.autofsrestore.kernel.AutofsPacket;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.KernelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the kernel's requests for the mounts this program holds ({@code --owner hold}): reads each
 * request packet from the mount's pipe, shows it, and answers it. Unless told otherwise it answers
 * FAIL with ENOENT at once, so nobody sleeps on a lookup this program cannot satisfy.
 */
public final class RequestServer {
  private static final Logger LOG = LoggerFactory.getLogger(RequestServer.class);
  private static final int POLL_MILLIS = 100;

  /** A request as it arrived, and how it was answered. */
  public record Request(Instant time, String mountpoint, AutofsPacket packet, String answer) {}

  /** One mount being served: where, its device number and the read end of its pipe. */
  public record Served(String mountpoint, String target, long devid, int readFd) {}

  private final Kernel kernel;
  private final List<Served> served = new CopyOnWriteArrayList<>();
  private final List<Consumer<Request>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean stopped;

  public RequestServer(Kernel kernel) {
    this.kernel = kernel;
  }

  public void add(Served mount) {
    served.add(mount);
  }

  public boolean isEmpty() {
    return served.isEmpty();
  }

  public void onRequest(Consumer<Request> listener) {
    listeners.add(listener);
  }

  public void stop() {
    stopped = true;
  }

  /** Serves until {@link #stop()} (or the thread is interrupted). */
  public void serve() {
    while (!stopped && !Thread.currentThread().isInterrupted()) {
      if (served.isEmpty()) {
        sleep();
        continue;
      }
      int wait = Math.max(1, POLL_MILLIS / served.size());
      for (Served s : new ArrayList<>(served)) {
        if (stopped) {
          return;
        }
        serveOne(s, wait);
      }
    }
  }

  private void serveOne(Served s, int waitMillis) {
    try {
      if (!kernel.run(new KernelCall.Poll(s.readFd(), waitMillis))) {
        return;
      }
      Optional<AutofsPacket> packet = kernel.run(new KernelCall.ReadPacket(s.readFd()));
      if (packet.isEmpty()) {
        LOG.warn("{}: the pipe has no writer left; no longer serving it", s.mountpoint());
        served.remove(s);
        return;
      }
      String answer = answer(s, packet.get(), Errno.ENOENT);
      Request request = new Request(Instant.now(), s.mountpoint(), packet.get(), answer);
      LOG.info("request {}: {}", s.mountpoint(), request);
      listeners.forEach(l -> l.accept(request));
    } catch (KernelException e) {
      LOG.warn("{}: serving failed: {}", s.mountpoint(), e.getMessage());
      served.remove(s);
    }
  }

  /** Answers one request FAIL(status); returns how it was answered. */
  private String answer(Served s, AutofsPacket packet, Errno status) {
    int fd = kernel.run(new KernelCall.OpenMount(s.target(), s.devid()));
    try {
      kernel.run(new KernelCall.Fail(fd, packet.token(), status));
      return "FAIL " + status.name();
    } finally {
      kernel.run(new KernelCall.CloseMount(fd));
    }
  }

  private void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
