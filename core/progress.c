/* The progress line: "[ 120/1000] 35.2 docs/s, ETA 0:25" on standard error,
 * redrawn in place with a carriage return, and a totals line at the end. */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>
#include "progress.h"

struct BpProgress {
  GMutex lock;
  guint total, done, failed, errors, warnings;
  gint64 start_us, drawn_us;
};

BpProgress *
bp_progress_new (guint total, gboolean enabled)
{
  if (!enabled || total == 0)
    return NULL;
  BpProgress *p = g_new0 (BpProgress, 1);
  g_mutex_init (&p->lock);
  p->total = total;
  p->start_us = g_get_monotonic_time ();
  return p;
}

char *
bp_progress_format_duration (double seconds)
{
  guint64 s = seconds > 0 ? (guint64) (seconds + 0.5) : 0;
  if (s >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600,
                            (guint) (s / 60 % 60), (guint) (s % 60));
  return g_strdup_printf ("%u:%02u", (guint) (s / 60), (guint) (s % 60));
}

static double
docs_per_second (const BpProgress *p, gint64 now)
{
  double secs = (now - p->start_us) / 1e6;
  return secs > 0 ? p->done / secs : 0;
}

static void
draw (const BpProgress *p, gint64 now)
{
  double rate = docs_per_second (p, now);
  g_autofree char *eta = bp_progress_format_duration (rate > 0 ? (p->total - p->done) / rate : 0);
  fputs ("\r\033[K", stderr);
  fprintf (stderr, _("[%*u/%u] %.1f docs/s, ETA %s"), (int) g_snprintf (NULL, 0, "%u", p->total),
           p->done, p->total, rate, eta);
  fflush (stderr);
}

void
bp_progress_step (BpProgress *p, gboolean failed, guint errors, guint warnings)
{
  if (!p)
    return;
  g_mutex_lock (&p->lock);
  p->done++;
  p->failed += failed;
  p->errors += errors;
  p->warnings += warnings;
  gint64 now = g_get_monotonic_time ();
  if (now - p->drawn_us >= 100000 || p->done == p->total)
    {
      draw (p, now);
      p->drawn_us = now;
    }
  g_mutex_unlock (&p->lock);
}

void
bp_progress_clear (BpProgress *p)
{
  if (!p)
    return;
  fputs ("\r\033[K", stderr);
  fflush (stderr);
}

void
bp_progress_finish (BpProgress *p)
{
  if (!p)
    return;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *took = bp_progress_format_duration ((now - p->start_us) / 1e6);
  bp_progress_clear (p);
  fprintf (stderr, _("%u documents in %s (%.1f docs/s): %u failed, %u errors, %u warnings\n"),
           p->done, took, docs_per_second (p, now), p->failed, p->errors, p->warnings);
  g_mutex_clear (&p->lock);
  g_free (p);
}
