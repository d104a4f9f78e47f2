package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.restore.RequestServer.Request;
import org.autofsrestore.app.restore.RequestServer.State;
import org.autofsrestore.kernel.AutofsPacket;
import org.junit.jupiter.api.Test;

class RequestBookTest {
  private static final long SECOND = 1_000_000_000L;

  private static Request waiting(long id) {
    AutofsPacket packet =
        new AutofsPacket(
            5, AutofsPacket.Type.MISSING_INDIRECT, id, 43, 1, 65534, 65534, 900, 900, "k" + id);
    return new Request(id, Instant.EPOCH, "/srv/held", packet, State.WAITING, "waiting");
  }

  private static List<Long> ids(List<Request> requests) {
    return requests.stream().map(Request::id).toList();
  }

  @Test
  void aFloodOfAnsweredRequestsKeepsOnlyTheLatestAndCountsTheOthers() {
    RequestBook book = new RequestBook(1000);
    for (long id = 1; id <= 100_000; id++) {
      Request r = waiting(id);
      book.arrived(r, id);
      book.update(r.answered(State.FAILED, "FAIL ENOENT"));
    }
    RequestBook.Snapshot s = book.snapshot();
    assertEquals(1000, s.requests().size());
    assertEquals(99_000, s.dropped());
    assertEquals(99_001, s.requests().get(0).id(), "oldest first");
    assertEquals(100_000, s.requests().get(999).id());
    assertTrue(s.requests().stream().allMatch(r -> r.state() == State.FAILED));
    assertEquals(0, book.waitingCount(), "an answered request leaves the waiting index");
    assertEquals(Optional.empty(), book.find(5), "a dropped request is gone");
  }

  @Test
  void aRequestStillWaitingWhenItFallsOutOfTheHistoryIsStillListedFoundAndAnswerable() {
    RequestBook book = new RequestBook(3);
    book.arrived(waiting(1), 0);
    for (long id = 2; id <= 10; id++) {
      Request r = waiting(id);
      book.arrived(r, id);
      book.update(r.answered(State.READY, "READY"));
    }
    RequestBook.Snapshot s = book.snapshot();
    assertEquals(List.of(1L, 8L, 9L, 10L), ids(s.requests()), "the waiting one first");
    assertEquals(6, s.dropped(), "2 to 7: answered and dropped; 1 is still listed");
    assertEquals(State.WAITING, book.find(1).orElseThrow().state());

    book.update(book.find(1).orElseThrow().answered(State.FAILED, "FAIL ENOENT"));
    RequestBook.Snapshot after = book.snapshot();
    assertEquals(List.of(8L, 9L, 10L), ids(after.requests()));
    assertEquals(7, after.dropped());
    assertEquals(Optional.empty(), book.find(1));
  }

  @Test
  void overdueGivesTheRequestsWaitingLongerThanTheLimitOldestFirstAndNoOther() {
    RequestBook book = new RequestBook(10);
    for (long id = 1; id <= 100_000; id++) {
      book.arrived(waiting(id), id * SECOND);
    }
    assertEquals(List.of(), book.overdue(SECOND, 30 * SECOND), "none has waited 30 s yet");
    assertEquals(
        List.of(1L, 2L, 3L), ids(book.overdue(33 * SECOND, 30 * SECOND)), "waited 30 s or more");
    book.update(waiting(2).answered(State.FAILED, "FAIL ENOENT"));
    assertEquals(List.of(1L, 3L), ids(book.overdue(33 * SECOND, 30 * SECOND)));
    assertEquals(99_999, book.waitingCount());
    RequestBook.Snapshot s = book.snapshot();
    assertEquals(99_999, s.requests().size(), "every waiting request is listed");
    assertEquals(1, s.dropped(), "only the answered one (2) is dropped");
  }

  @Test
  void aWaitingRequestUpdatedWhileStillWaitingKeepsItsPlaceAndItsArrivalTime() {
    RequestBook book = new RequestBook(10);
    book.arrived(waiting(1), 0);
    book.arrived(waiting(2), 5 * SECOND);
    book.update(waiting(1).answered(State.WAITING, "asked the operator"));
    assertEquals("asked the operator", book.find(1).orElseThrow().answer());
    assertEquals(List.of(1L), ids(book.overdue(4 * SECOND, 4 * SECOND)));
    assertEquals(List.of(1L, 2L), ids(book.snapshot().requests()));
  }
}
