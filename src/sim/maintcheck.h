/* --check-maintenance (see maintcheck.c). */
#ifndef HYPSIM_MAINTCHECK_H
#define HYPSIM_MAINTCHECK_H

struct machine;
struct maintcheck;

#include <stdio.h>

/* Warnings go to `out` (stderr for hypsim run). */
struct maintcheck *maintcheck_create(struct machine *m, FILE *out);
void maintcheck_destroy(struct maintcheck *mc);
unsigned maintcheck_warnings(const struct maintcheck *mc);

#endif
