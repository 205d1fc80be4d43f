/* bench/cleanup: throughput of the cleanup stage alone. Reads the corpus
 * once, then runs the stage on fresh in-memory copies until at least
 * TARGET MB went through; prints MB/s per CPU second (thread CPU time, so
 * other load on the machine does not count) and peak RSS.
 * usage: bench/cleanup [TARGET_MB]   (from the top of a built tree;
 * G_TEST_SRCDIR / G_TEST_BUILDDIR point at the trees, as for the tests) */
#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>

#include "tests/harness.h"
#include "core/pipeline.h"
#include "core/plugin-loader.h"

/* CPU time of this thread: a busy machine does not skew the figure. */
static double
cpu_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static GPtrArray *
read_corpus (void)
{
  static const char *const dirs[] = { "tests/corpus", "tests/corpus/thirdparty" };
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir = bp_harness_srcpath (dirs[d]);
      g_autoptr (GDir) gd = g_dir_open (dir, 0, NULL);
      const char *name;
      while (gd && (name = g_dir_read_name (gd)))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          char *data;
          gsize len;
          if (g_str_has_suffix (name, ".txt") && g_file_get_contents (path, &data, &len, NULL))
            g_ptr_array_add (files, g_bytes_new_take (data, len));
        }
    }
  return files;
}

int
main (int argc, char **argv)
{
  double target = (argc > 1 ? atof (argv[1]) : 50) * 1e6;
  bp_log_init ();
  g_autoptr (GError) error = NULL;
  BpPluginLoader *loader = bp_plugin_loader_new (NULL);
  BpPlugin *pl = bp_plugin_loader_load (loader, "cleanup", &error);
  if (!pl)
    g_error ("%s", error->message);
  BpStage *stage = bp_stage_new ("cleanup", pl);
  if (!bp_stage_apply_defaults (stage, NULL, &error)
      || (pl->desc->init && !pl->desc->init (stage, stage->state, &error)))
    g_error ("%s", error->message);
  stage->initialized = TRUE;
  g_autoptr (GPtrArray) files = read_corpus ();
  double bytes = 0, seconds = 0;
  guint docs = 0;
  while (bytes < target && files->len)
    for (guint i = 0; i < files->len; i++)
      {
        gsize len;
        const void *data = g_bytes_get_data (g_ptr_array_index (files, i), &len);
        BpDocument *doc = bp_document_new_from_bytes ("bench.txt", data, len);
        double t0 = cpu_seconds ();
        if (!bp_stage_process (stage, doc, &error))
          g_error ("%s", error->message);
        seconds += cpu_seconds () - t0;
        bytes += len;
        docs++;
        bp_document_free (doc);
      }
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  g_print ("cleanup stage: %u documents, %.1f MB in %.2f s of CPU: %.1f MB/s on one core, peak RSS %.1f MB\n",
           docs, bytes / 1e6, seconds, bytes / 1e6 / seconds, ru.ru_maxrss / 1024.0);
  bp_stage_free (stage);
  bp_plugin_loader_free (loader);
  return 0;
}
