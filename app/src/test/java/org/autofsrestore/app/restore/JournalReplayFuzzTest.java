package org.autofsrestore.app.restore;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;

/**
 * Any bytes as a journal: {@link JournalReplay#parse} gives a replay or an IOException naming the
 * journal (a clear refusal), never another exception; and what {@link Undo#decide} would unmount or
 * remove from that replay lies under the root the journal records, whatever it names. The seed
 * corpus holds journals as the tool writes them: a finished run with a resume and an undone mount,
 * a run killed mid-batch, and one with torn lines.
 */
class JournalReplayFuzzTest {
  private static final Path NAME = Path.of("fuzz.jsonl");

  /** An autofs mount found at every target: undo's checks alone decide what it touches. */
  private static final MountInfo EVERYWHERE =
      MountTable.parseLine(
          "60 1 0:52 / /m rw - autofs a fd=5,pgrp=4242,timeout=0,minproto=5,maxproto=5,direct");

  @FuzzTest(maxDuration = "20s")
  void anyBytesGiveAReplayOrARefusal(byte[] input) {
    JournalReplay replay;
    try {
      replay = JournalReplay.parse(NAME, input);
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith(NAME + " line ")) {
        throw new AssertionError("a refusal names the journal and its line: " + e.getMessage(), e);
      }
      return;
    }
    replay.devicesByTarget();
    replay.run().ifPresent(RunRecord::options);
    List<Undo.Action> actions = Undo.decide(replay, target -> Optional.of(EVERYWHERE));
    for (Undo.Action a : actions) {
      if (a instanceof Undo.Action.Unmount || a instanceof Undo.Action.RemoveDirectory) {
        Path root = replay.root().orElseThrow(() -> new AssertionError("no root, yet " + a));
        Path target = Path.of(a.target());
        if (!target.isAbsolute() || !target.normalize().startsWith(root)) {
          throw new AssertionError(a + " is not under the recorded root " + root);
        }
      }
    }
  }
}
