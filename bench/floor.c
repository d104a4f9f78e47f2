/*
 * The syscall floor of `autofs-restore restore --owner handoff --mkdir`: the same system calls for
 * the same mounts, with no checks beyond each call's error, no journal, no output.
 *
 *   floor [--setpipefd] [--tmpfs] ROOT LIST
 *
 * LIST has one line per mount, made by bench/plan2floor.py from `autofs-restore plan --json`:
 *   RELPATH \t SOURCE \t MOUNTFLAGS \t OPTIONS-AFTER-PGRP \t TIMEOUT
 * For each mount, as the plan's steps (docs/DESIGN.md section 4, handoff owner):
 *   mkdir(ROOT/RELPATH, 0755); pipe2(O_CLOEXEC);
 *   mount(SOURCE, target, "autofs", FLAGS, "fd=W,pgrp=P,OPTIONS"); stat(target);
 *   OPENMOUNT(target, st_dev); AUTOFS_IOC_SETTIMEOUT (8-byte unsigned long); AUTOFS_IOC_CATATONIC;
 *   [--setpipefd: AUTOFS_DEV_IOCTL_SETPIPEFD(W), the list; the mount is live again]
 *   CLOSEMOUNT; close(R); close(W).
 * --tmpfs first mounts a fresh tmpfs on ROOT: run it only inside
 * `unshare --mount --propagation private`, as bench/run does. /dev/autofs is opened once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/auto_dev-ioctl.h>
#include <linux/auto_fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what, const char *arg) {
  fprintf(stderr, "floor: %s %s: %s\n", what, arg, strerror(errno));
  exit(1);
}

int main(int argc, char **argv) {
  int setpipefd = 0, tmpfs = 0, i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (!strcmp(argv[i], "--setpipefd")) setpipefd = 1;
    else if (!strcmp(argv[i], "--tmpfs")) tmpfs = 1;
    else break;
  }
  if (argc - i != 2) {
    fprintf(stderr, "usage: floor [--setpipefd] [--tmpfs] ROOT LIST\n");
    return 2;
  }
  const char *root = argv[i], *list = argv[i + 1];
  if (tmpfs && mount("tmpfs", root, "tmpfs", 0, "mode=0755") != 0) die("mount tmpfs", root);

  FILE *in = fopen(list, "r");
  if (!in) die("open", list);
  int ctl = open("/dev/autofs", O_RDONLY | O_CLOEXEC);
  if (ctl < 0) die("open", "/dev/autofs");
  int pgrp = getpgrp();

  char line[8192], target[4096], opts[4096];
  struct autofs_dev_ioctl *dev = malloc(sizeof(*dev) + sizeof(target));
  long n = 0;
  while (fgets(line, sizeof(line), in)) {
    char *save, *rel = strtok_r(line, "\t\n", &save);
    char *source = strtok_r(NULL, "\t\n", &save);
    char *flags = strtok_r(NULL, "\t\n", &save);
    char *rest = strtok_r(NULL, "\t\n", &save);
    char *timeout_s = strtok_r(NULL, "\t\n", &save);
    if (!timeout_s) continue;
    snprintf(target, sizeof(target), "%s%s", root, rel);

    if (mkdir(target, 0755) != 0) die("mkdir", target);
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) die("pipe2", target);
    snprintf(opts, sizeof(opts), "fd=%d,pgrp=%d,%s", p[1], pgrp, rest);
    if (mount(source, target, "autofs", strtoul(flags, NULL, 10), opts) != 0) die("mount", target);
    struct stat st;
    if (stat(target, &st) != 0) die("stat", target);

    size_t plen = strlen(target) + 1;
    init_autofs_dev_ioctl(dev);
    dev->size = sizeof(*dev) + plen;
    dev->openmount.devid = (__u32)st.st_dev;
    memcpy(dev->path, target, plen);
    if (ioctl(ctl, AUTOFS_DEV_IOCTL_OPENMOUNT, dev) != 0) die("OPENMOUNT", target);
    int ioctlfd = dev->ioctlfd;

    unsigned long timeout = strtoul(timeout_s, NULL, 10);
    if (ioctl(ioctlfd, AUTOFS_IOC_SETTIMEOUT, &timeout) != 0) die("SETTIMEOUT", target);
    if (ioctl(ioctlfd, AUTOFS_IOC_CATATONIC, 0) != 0) die("CATATONIC", target);
    if (setpipefd) {
      init_autofs_dev_ioctl(dev);
      dev->ioctlfd = ioctlfd;
      dev->setpipefd.pipefd = p[1];
      if (ioctl(ctl, AUTOFS_DEV_IOCTL_SETPIPEFD, dev) != 0) die("SETPIPEFD", target);
    }
    init_autofs_dev_ioctl(dev);
    dev->ioctlfd = ioctlfd;
    if (ioctl(ctl, AUTOFS_DEV_IOCTL_CLOSEMOUNT, dev) != 0) die("CLOSEMOUNT", target);
    close(p[0]);
    close(p[1]);
    n++;
  }
  if (n == 0) {
    fprintf(stderr, "floor: no mount in %s\n", list);
    return 1;
  }
  return 0;
}
