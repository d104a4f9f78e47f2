package org.autofsrestore.ui.model;

/** The process that owned the mount in the dump (pids as seen inside the dump). */
public record OwnerProcess(int pid, int ppid, int pgid, int sid, String comm) {}
