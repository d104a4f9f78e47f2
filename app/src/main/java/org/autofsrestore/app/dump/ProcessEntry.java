package org.autofsrestore.app.dump;

/** One task of the dump's process tree (pstree.img), pids as seen inside the dump. */
public record ProcessEntry(int pid, int ppid, int pgid, int sid, int threadCount) {}
