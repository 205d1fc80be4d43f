/* Test library: run one uninstalled plugin on one document (harness.h). */
#include "config.h"

#include <glib/gstdio.h>
#include "harness.h"
#include "../core/pipeline.h"
#include "../core/plugin-loader.h"

char *
bp_harness_srcpath (const char *relpath)
{
  const char *src = g_getenv ("G_TEST_SRCDIR");
  return g_build_filename (src ? src : BP_TEST_SRCDIR, relpath, NULL);
}

BpDocument *
bp_harness_load_corpus (const char *relpath)
{
  g_autofree char *corpus = g_build_filename ("tests", "corpus", relpath, NULL);
  g_autofree char *path = bp_harness_srcpath (corpus);
  GError *e = NULL;
  BpDocument *doc = bp_document_load (path, &e);
  g_assert_no_error (e);
  return doc;
}

static gboolean
apply_options (BpStage *s, const char *const *options, GError **error)
{
  g_autoptr (GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  for (const char *const *kv = options; kv && kv[0] && kv[1]; kv += 2)
    {
      const BpOption *o = bp_stage_find_option (s, kv[0]);
      if (!o)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                       "plugin '%s' has no option '%s'", s->plugin->name, kv[0]);
          return FALSE;
        }
      if (!bp_stage_set_option (s, o, kv[1], error))
        return FALSE;
      g_hash_table_add (set, (gpointer) kv[0]);
    }
  return bp_stage_apply_defaults (s, set, error);
}

static gboolean
run_stage (BpPluginLoader *loader, const char *plugin,
           const char *const *options, BpDocument *doc,
           const char *output_dir, GError **error)
{
  BpPlugin *pl = bp_plugin_loader_load (loader, plugin, error);
  if (!pl)
    return FALSE;
  BpStage *s = bp_stage_new (plugin, pl);
  const BpPluginDescriptor *d = pl->desc;
  gboolean ok = apply_options (s, options, error);
  s->output_dir = g_strdup (output_dir);
  s->pipeline_name = "harness";
  if (ok && d->init)
    ok = d->init (s, s->state, error);
  s->initialized = ok;
  if (ok)
    ok = bp_stage_process (s, doc, error);
  if (ok && d->finish)
    ok = d->finish (s, s->state, error);
  bp_stage_free (s);
  return ok;
}

gboolean
bp_harness_run_stage (const char *plugin, const char *const *options,
                      BpDocument *doc, const char *output_dir, GError **error)
{
  bp_log_init ();
  BpPluginLoader *loader = bp_plugin_loader_new (NULL);
  g_autofree char *tmp = output_dir ? NULL : g_dir_make_tmp ("bp-harness-XXXXXX", NULL);
  gboolean ok = run_stage (loader, plugin, options, doc,
                           output_dir ? output_dir : tmp, error);
  bp_plugin_loader_free (loader);
  return ok;
}

gboolean
bp_harness_run_stages (const char *const *plugins, BpDocument *doc,
                       GError **error)
{
  for (const char *const *p = plugins; *p; p++)
    if (!bp_harness_run_stage (*p, NULL, doc, NULL, error))
      return FALSE;
  return TRUE;
}
