package org.autofsrestore.kernel;

/** The /dev/autofs control interface version AUTOFS_DEV_IOCTL_VERSION reports, e.g. 1.1. */
public record DevIoctlVersion(int major, int minor) {
  @Override
  public String toString() {
    return major + "." + minor;
  }
}
