/* bench/flood.c: the lookup flood of figure g (bench/flood_bench.py). As an unprivileged user
 * (nobody, when started as root), stat(2)s N distinct missing names under a mount held by
 * `restore --owner hold`, one after the other, timing each, and prints one JSON object: how many
 * were done, how many failed with ENOENT as they should, and the mean and median latency of the
 * first and of the last tenth.
 *
 *   flood DIR N DEADLINE_S    stops early (reporting what it did) after DEADLINE_S seconds
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Mean and median of lat[from, to), in microseconds. */
static void tenth(const char *name, double *lat, long from, long to, int comma) {
  long n = to - from;
  double sum = 0;
  for (long i = from; i < to; i++) sum += lat[i];
  qsort(lat + from, n, sizeof(double), cmp);
  printf("\"%s\":{\"from\":%ld,\"to\":%ld,\"mean_us\":%.1f,\"median_us\":%.1f,\"max_us\":%.1f}%s",
         name, from, to, n ? sum / n * 1e6 : 0, n ? lat[from + n / 2] * 1e6 : 0,
         n ? lat[to - 1] * 1e6 : 0, comma ? "," : "");
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: flood DIR N DEADLINE_S\n");
    return 2;
  }
  const char *dir = argv[1];
  long n = atol(argv[2]);
  double deadline = now() + atof(argv[3]);
  if (geteuid() == 0) { /* the flood comes from another user, as it would in a container */
    if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
      perror("flood: dropping to nobody");
      return 2;
    }
  }
  double *lat = malloc(sizeof(double) * (n > 0 ? n : 1));
  char path[4096];
  long done = 0, enoent = 0, other = 0;
  int first_errno = 0;
  double start = now();
  for (long i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/k%ld-%d", dir, i, (int)getpid());
    struct stat st;
    double t0 = now();
    int r = stat(path, &st);
    int e = errno;
    double t1 = now();
    lat[i] = t1 - t0;
    done++;
    if (r != 0 && e == ENOENT) {
      enoent++;
    } else {
      other++;
      if (!first_errno) first_errno = r == 0 ? -1 : e;
    }
    if (t1 > deadline) break;
  }
  double total = now() - start;
  long tenth_n = n / 10;
  printf("{\"planned\":%ld,\"done\":%ld,\"enoent\":%ld,\"other\":%ld,\"first_other_errno\":%d,"
         "\"seconds\":%.3f,",
         n, done, enoent, other, first_errno, total);
  tenth("first", lat, 0, done < tenth_n ? done : tenth_n, 1);
  tenth("last", lat, done > tenth_n ? done - tenth_n : 0, done, 0);
  printf("}\n");
  return 0;
}
