package org.autofsrestore.app.restore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.restore.RequestServer.Request;
import org.autofsrestore.app.restore.RequestServer.State;

/**
 * The requests a {@link RequestServer} has seen: those still waiting for an answer, indexed by id,
 * and a history of the latest {@code limit} ones for the UI's Requests view, with a count of the
 * older ones it no longer keeps. Any user can send requests as fast as they can call stat(2) under
 * a held mount, so every operation here costs the same after a million requests as after one (a
 * hash lookup, an insertion at the end, a removal at the head) and memory stays bounded by {@code
 * limit} plus the requests still waiting. Not thread-safe: the server guards it.
 */
final class RequestBook {
  /** A waiting request and when it arrived, on the monotonic clock (for the auto FAIL). */
  private record Waiting(Request request, long arrivedNanos) {}

  /** What the UI shows: the kept requests, oldest first, and how many older ones were dropped. */
  record Snapshot(List<Request> requests, long dropped) {}

  private final int limit;
  // Both in arrival order: ids grow with arrival, and the head is the oldest.
  private final LinkedHashMap<Long, Waiting> waiting = new LinkedHashMap<>();
  private final LinkedHashMap<Long, Request> recent = new LinkedHashMap<>();
  private long dropped;

  RequestBook(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a history of " + limit + " requests");
    }
    this.limit = limit;
  }

  /** Records a request that just arrived ({@code request.id()} greater than any before it). */
  void arrived(Request request, long nowNanos) {
    if (request.state() == State.WAITING) {
      waiting.put(request.id(), new Waiting(request, nowNanos));
    }
    recent.put(request.id(), request);
    if (recent.size() > limit) {
      Iterator<Request> oldest = recent.values().iterator();
      oldest.next();
      oldest.remove();
      dropped++;
    }
  }

  /** Records how a request stands now; one no longer waiting leaves the index of waiting ones. */
  void update(Request request) {
    if (request.state() == State.WAITING) {
      waiting.computeIfPresent(request.id(), (id, w) -> new Waiting(request, w.arrivedNanos()));
    } else {
      waiting.remove(request.id());
    }
    recent.replace(request.id(), request);
  }

  /** The request with that id, if it is still waiting or still in the history. */
  Optional<Request> find(long id) {
    Waiting w = waiting.get(id);
    return w != null ? Optional.of(w.request()) : Optional.ofNullable(recent.get(id));
  }

  /**
   * The requests waiting since {@code afterNanos} or longer, oldest first. Stops at the first one
   * not yet due: the cost is the number of requests returned, not the number waiting.
   */
  List<Request> overdue(long nowNanos, long afterNanos) {
    List<Request> due = new ArrayList<>();
    for (Waiting w : waiting.values()) {
      if (nowNanos - w.arrivedNanos() < afterNanos) {
        break;
      }
      due.add(w.request());
    }
    return due;
  }

  int waitingCount() {
    return waiting.size();
  }

  /**
   * The history, oldest first, after the waiting requests older than the history (so the UI can
   * still answer every waiting one); {@code dropped} counts the answered ones no longer kept.
   */
  Snapshot snapshot() {
    long firstKept = recent.isEmpty() ? Long.MAX_VALUE : recent.keySet().iterator().next();
    List<Request> all = new ArrayList<>(recent.size());
    for (Waiting w : waiting.values()) {
      if (w.request().id() >= firstKept) {
        break;
      }
      all.add(w.request());
    }
    all.addAll(recent.values());
    return new Snapshot(List.copyOf(all), dropped - (all.size() - recent.size()));
  }
}
