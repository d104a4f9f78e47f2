package org.autofsrestore.app.dump;

/**
 * One open file of the dump (files.img). For a pipe, {@code pipeId} is its inode and {@code
 * pipeWriteEnd} says which end; for a regular file, {@code path} is its name.
 */
public record FileDescription(int id, String type, Long pipeId, boolean pipeWriteEnd, String path) {
  public boolean isPipe() {
    return pipeId != null;
  }

  /** One phrase for messages, e.g. "a pipe write end (pipe:[28133])" or "REG file /dev/null". */
  public String describe() {
    if (isPipe()) {
      return "a pipe " + (pipeWriteEnd ? "write" : "read") + " end (pipe:[" + pipeId + "])";
    }
    return "a " + type + " file" + (path == null ? "" : " " + path);
  }
}
