#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include "fuzz-common.h"
#include "../core/paths.h"

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags level, const GLogField *fields, gsize n,
                 gpointer data)
{
  const char *msg = "";
  gboolean from_stage = FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (!strcmp (fields[i].key, "BP_FILTERED"))
        from_stage = TRUE;
      else if (!strcmp (fields[i].key, "MESSAGE"))
        msg = fields[i].value;
    }
  if (!from_stage && (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)))
    {
      fprintf (stderr, "fuzz: GLib critical: %s\n", msg);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init_logging (void)
{
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_once_init_leave (&once, 1);
    }
}

char *
fuzz_scratch_dir (const char *what)
{
  g_autofree char *tmpl = g_strdup_printf ("%s/bp-fuzz-%s-XXXXXX",
                                           g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
                                           ? "/dev/shm" : g_get_tmp_dir (), what);
  char *dir = g_mkdtemp (g_steal_pointer (&tmpl));
  if (!dir)
    abort ();
  return dir;
}

void
fuzz_empty_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          fuzz_empty_dir (path);
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
  if (d)
    g_dir_close (d);
}

BpPipeline *
fuzz_load_pipeline (BpPluginLoader *loader, const char *name, const char *output_dir)
{
  g_autofree char *path = bp_paths_resolve_pipeline (name);
  GError *e = NULL;
  BpPipeline *p = bp_pipeline_load (path, loader, &e);
  if (!p || !bp_pipeline_init (p, output_dir, &e))
    {
      fprintf (stderr, "fuzz: pipeline %s: %s\n", path, e->message);
      abort ();
    }
  return p;
}

gboolean
fuzz_run_stages (BpPipeline *p, BpDocument *doc, guint roles)
{
  g_free (doc->pipeline_name);
  doc->pipeline_name = g_strdup (p->name);
  for (guint i = 0; i < p->stages->len; i++)
    {
      BpStage *s = g_ptr_array_index (p->stages, i);
      BpRole role = s->plugin->desc->role;
      if (!s->enabled || !(roles & FUZZ_ROLE (role)) || !bp_stage_matches (s, doc))
        continue;
      if (role == BP_ROLE_SINK)
        bp_profile_for_document (doc);
      GError *e = NULL;
      if (!bp_stage_process (s, doc, &e))
        {
          g_clear_error (&e);
          return FALSE;
        }
    }
  return TRUE;
}
