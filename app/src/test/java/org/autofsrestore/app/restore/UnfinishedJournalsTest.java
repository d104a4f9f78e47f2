package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which journals a directory holds of runs that never finished, as restore and the UI list them.
 */
class UnfinishedJournalsTest {
  @TempDir Path dir;

  private Path journal(String name, boolean recordsRun, boolean finished, Instant written)
      throws Exception {
    Path file = dir.resolve(name);
    Map<String, Object> run =
        recordsRun
            ? new RunRecord(
                    Path.of("/dumps/d"),
                    "ab",
                    Path.of("/r"),
                    List.of(),
                    OwnerMode.HOLD,
                    true,
                    0,
                    StageName.OWNER,
                    77)
                .fields()
            : Map.of();
    try (Journal j = Journal.create(file, run)) {
      j.intend(Map.of("/srv/a", "/r/srv/a"));
      if (finished) {
        j.finish("ended");
      }
    }
    Files.setLastModifiedTime(file, FileTime.from(written));
    return file;
  }

  @Test
  void unfinishedJournalsAreListedNewestFirstWithTheRunTheyRecordAndFinishedOnesAreNot()
      throws Exception {
    Instant t = Instant.parse("2026-12-04T10:00:00Z");
    Path older = journal("older.jsonl", false, false, t);
    Path newer = journal("newer.jsonl", true, false, t.plusSeconds(60));
    journal("ended.jsonl", true, true, t.plusSeconds(120));
    UnfinishedJournals.Listing listing = UnfinishedJournals.in(dir);
    assertEquals(
        List.of(newer, older),
        listing.unfinished().stream().map(UnfinishedJournals.Unfinished::journal).toList());
    RunRecord run = listing.unfinished().get(0).run().orElseThrow();
    assertEquals(OwnerMode.HOLD, run.owner());
    assertEquals(77, run.pgrp());
    assertTrue(listing.unfinished().get(1).run().isEmpty(), "an older journal records no run");
    assertEquals(Map.of(), listing.unreadable());
  }

  @Test
  void aJournalWhoseStartLineIsMalformedIsReportedUnreadableNamingTheField() throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(
        bad,
        "{\"event\":\"start\",\"seq\":1,\"dump_sha256\":\"ab\",\"dump\":\"/d\",\"pgrp\":\"x\"}\n");
    UnfinishedJournals.Listing listing = UnfinishedJournals.in(dir);
    assertEquals(List.of(), listing.unfinished());
    assertTrue(
        listing.unreadable().getOrDefault(bad, "").contains("the start line's \""),
        listing.unreadable().toString());
  }

  @Test
  void aDirectoryThatDoesNotExistHoldsNoUnfinishedRun() {
    UnfinishedJournals.Listing listing = UnfinishedJournals.in(dir.resolve("none"));
    assertEquals(List.of(), listing.unfinished());
    assertEquals(Map.of(), listing.unreadable());
  }
}
