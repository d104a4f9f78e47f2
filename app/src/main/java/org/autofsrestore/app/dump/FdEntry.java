package org.autofsrestore.app.dump;

/** One open fd of a task (fdinfo-FILESID.img): the fd number and the file it names. */
public record FdEntry(int fd, int fileId, String type, int flags) {
  public boolean isPipe() {
    return "PIPE".equals(type);
  }
}
