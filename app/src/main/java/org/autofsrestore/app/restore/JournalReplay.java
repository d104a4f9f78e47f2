package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autofsrestore.app.json.FlatJson;

/**
 * What a journal says a run changed: the mounts it made (or was making when it stopped) and the
 * directories it created, in the order it did, and whether the run ended cleanly. A torn last line
 * (a crash mid-write) is ignored; any other bad line is an error naming the line.
 */
public record JournalReplay(
    Path file, List<String> mountedTargets, List<String> createdDirectories, boolean finished) {

  public static JournalReplay read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> mounts = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    boolean finished = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> event;
      try {
        event = FlatJson.parse(line);
      } catch (IllegalArgumentException e) {
        if (i == lines.size() - 1) {
          break; // the write that a crash interrupted
        }
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
      String kind = String.valueOf(event.get("event"));
      if (kind.equals("finish")) {
        finished = true;
      } else if (kind.equals("intent")
          || (kind.equals("begin") && "mount".equals(event.get("call")))) {
        // From the intent or the begin: a crash before the end line still counts; undo checks
        // each against the kernel's mount table.
        Object target = event.get("target");
        if (target != null && !mounts.contains(target.toString())) {
          mounts.add(target.toString());
        }
      } else if (kind.equals("end")) {
        if (event.get("created") != null) {
          dirs.add(event.get("created").toString());
        }
      }
    }
    return new JournalReplay(file, List.copyOf(mounts), List.copyOf(dirs), finished);
  }
}
