package org.autofsrestore.ui.model;

import java.util.OptionalInt;

/**
 * The owner's ends of the mount's pipe: the read-end fd, the write-end fd (empty when the owner
 * closed it), the fd through which a restore reaches the pipe ({@code pipe_fd}, empty when it could
 * not be resolved) and the pipe inode ({@code pipe_ino}, -1 when unknown).
 */
public record PipeEnds(
    OptionalInt readFd, OptionalInt writeFd, OptionalInt pipeFd, long pipeInode) {}
