/* A progress line for long batches on a terminal. */
#ifndef BP_PROGRESS_H
#define BP_PROGRESS_H

#include <glib.h>

typedef struct BpProgress BpProgress;

/* NULL (every call a no-op) unless ENABLED: the runner enables it when
 * standard error is a terminal. */
BpProgress *bp_progress_new (guint total, gboolean enabled);
/* One document done; thread-safe. Redraws at most ten times a second. */
void bp_progress_step (BpProgress *p, gboolean failed, guint errors, guint warnings);
/* Clears the progress line so a normal line can be printed on the terminal. */
void bp_progress_clear (BpProgress *p);
/* Clears the line, prints the totals line and frees. */
void bp_progress_finish (BpProgress *p);

/* "1:05" or "2:03:07" for SECONDS; the caller frees. */
char *bp_progress_format_duration (double seconds);

#endif
