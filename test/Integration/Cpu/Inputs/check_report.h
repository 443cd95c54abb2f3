/* Pass/fail accounting of the C check applications: each prints its failed
 * checks and ends with "N passed, M failed". */
#ifndef CHECK_REPORT_H
#define CHECK_REPORT_H

#include <stdio.h>

static int passed, failed;

/* Counts one check; a failed one prints "FAIL: <name> <dtype>: <what>". */
static inline void check(int ok, const char *what, const char *name, const char *dtype) {
  if (ok) {
    ++passed;
  } else {
    ++failed;
    printf("FAIL: %s %s: %s\n", name, dtype, what);
  }
}

#endif
