/* Comparison of a kernel's results with its float64 reference, shared by the
 * CPU and GPU check applications. */
#ifndef REFERENCE_CHECK_H
#define REFERENCE_CHECK_H

#include "ulp.h"

#include <stdio.h>

enum kind { EXACT, SMOOTH };

/* Results below TINY_LIMIT in magnitude are judged by an absolute bound of
 * TINY_BOUND ULPs of TINY_LIMIT (their own ULPs shrink into subnormals). */
#define TINY_LIMIT 0x1p-60
#define TINY_BOUND 2
/* Largest error seen among tiny results, in ULPs of TINY_LIMIT. */
static double tiny_max;

/* Compares out (dtype t) with ref: NaN exactly where the reference is NaN,
 * at most `bound` ULPs (ulp_error) elsewhere, zero signs equal for EXACT
 * activations. Prints the first failure; sets *max_error and *worst (the
 * element with the largest error). Returns 1 if everything is within bounds. */
static inline int compare_with_reference(const char *name, enum kind kind, double bound,
                                         enum dtype t, const void *out, const double *ref,
                                         int64_t n, double *max_error, int64_t *worst) {
  int ok = 1;
  *max_error = 0;
  *worst = 0;
  for (int64_t i = 0; i < n; ++i) {
    double y = load(t, out, i), r = ref[i];
    if (isnan(r) || isnan(y)) {
      if (!(isnan(r) && isnan(y))) {
        if (ok) printf("  %s %s: element %lld: got %.9g, reference %.9g\n", name, dtype_names[t], (long long)i, y, r);
        ok = 0;
      }
      continue;
    }
    double err = ulp_error(t, out, i, r);
    if (kind == EXACT && y == 0 && r == 0 && signbit(y) != signbit(r)) err = INFINITY;
    if (fabs(r) < TINY_LIMIT && t != F16 && t != F64) { /* f16 cannot hold these */
      double tiny = fabs(y - r) / (t == F32 ? 0x1p-83 : 0x1p-67);
      if (tiny > tiny_max) tiny_max = tiny;
      if (tiny > TINY_BOUND) {
        if (ok) printf("  %s %s: element %lld: got %.9g, reference %.9g (%g ULPs of 2^-60)\n",
                       name, dtype_names[t], (long long)i, y, r, tiny);
        ok = 0;
      }
      continue;
    }
    if (err > bound) {
      if (ok) printf("  %s %s: element %lld: got %.9g, reference %.9g (%g ulp)\n",
                     name, dtype_names[t], (long long)i, y, r, err);
      ok = 0;
    }
    if (err > *max_error) {
      *max_error = err;
      *worst = i;
    }
  }
  return ok;
}

#endif
