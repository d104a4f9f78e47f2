package org.autofsrestore.app.dump;

/**
 * Bounds on what one dump may hold, so that a damaged or hostile dump cannot exhaust the machine
 * this tool runs on (as root). Each is far above what a real dump holds; a dump past one is refused
 * as unreadable with an error naming the limit. The image reader's own bounds (record size, file
 * size, records per image) are in {@link org.autofsrestore.image.ImageLimits}.
 */
public final class DumpLimits {
  /**
   * Mounts in all mountpoints-N.img together: ten times the kernel's default fs.mount-max (100,000
   * mounts per mount namespace), so ten full namespaces fit.
   */
  public static final int MAX_MOUNTS = 1_000_000;

  /**
   * Tasks in pstree.img, processes and their threads together: PID_MAX_LIMIT on 64-bit Linux
   * (4,194,304), the most pids a pid namespace can hand out. pstree.img is read record by record
   * and the count checked as it grows, so a few records with millions of thread ids each are
   * refused before they are all held in memory.
   */
  public static final int MAX_TASKS = 4 * 1024 * 1024;

  /**
   * Bytes of a mount's mountpoint and root: PATH_MAX (4096, with the NUL), the longest path the
   * kernel accepts from mount(2) and prints into mountinfo.
   */
  public static final int MAX_PATH_BYTES = 4096;

  /** Bytes of a mount's source: mount(2) copies the device name with a PATH_MAX bound too. */
  public static final int MAX_SOURCE_BYTES = 4096;

  /**
   * Bytes of a mount's option string. mount(2) passes at most one 4096-byte page of options;
   * mountinfo can show longer ones for file systems set up through fsconfig(2) (overlayfs with many
   * layers), so 16 pages. The autofs analysis looks at every comma-separated word, and this keeps a
   * hostile string at a few thousand words.
   */
  public static final int MAX_OPTIONS_BYTES = 64 * 1024;

  /**
   * Bytes of a task's name (core-PID.img comm): TASK_COMM_LEN, 16 with the NUL, so a real one has
   * at most 15. A longer one makes the core image damaged: the task is shown without a name.
   */
  public static final int MAX_COMM_BYTES = 16;

  private DumpLimits() {}
}
