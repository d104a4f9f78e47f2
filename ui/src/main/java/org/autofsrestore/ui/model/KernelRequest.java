package org.autofsrestore.ui.model;

/**
 * One request the kernel sent on a pipe this program holds ({@code --owner hold}).
 *
 * @param id unique in the session (e.g. the packet's wait-queue token); passed back to {@link
 *     RestoreController#answer}
 * @param time when it arrived, as shown (e.g. {@code 12:04:31.207})
 * @param mountpoint the mount it came through
 * @param pid the requesting process
 * @param uid its uid
 * @param name the name looked up
 * @param state waiting or answered
 */
public record KernelRequest(
    long id, String time, String mountpoint, int pid, int uid, String name, RequestState state) {}
