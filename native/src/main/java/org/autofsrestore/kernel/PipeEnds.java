package org.autofsrestore.kernel;

/** The two file descriptors pipe2(2) returns: {@code readFd} is pipefd[0], writeFd pipefd[1]. */
public record PipeEnds(int readFd, int writeFd) {}
