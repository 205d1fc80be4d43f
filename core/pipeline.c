/* Pipeline files (GKeyFile) → ordered stage instances with validated options.
 * GKeyFile merges duplicate groups silently and reports no line numbers, so a
 * pre-scan records where every group and key is, for file:line errors. */
#include "config.h"

#include <string.h>
#include "pipeline.h"

static const char *const core_keys[] = {
  "plugin", "enabled", "log-level", "match-district", "match-kind", NULL
};

typedef struct {
  const char *path;
  GHashTable *where;   /* "group" or "group\nkey" -> line (GINT_TO_POINTER) */
} Prescan;

static int
prescan_line (const Prescan *ps, const char *group, const char *key)
{
  g_autofree char *k = key ? g_strconcat (group, "\n", key, NULL) : g_strdup (group);
  return GPOINTER_TO_INT (g_hash_table_lookup (ps->where, k));
}

static gboolean
prescan_group (Prescan *ps, const char *line, int n, char **group, GError **error)
{
  const char *end = strrchr (line, ']');
  if (!end || end[1] != '\0')
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "%s:%d: malformed group header '%s'", ps->path, n, line);
      return FALSE;
    }
  g_free (*group);
  *group = g_strndup (line + 1, end - line - 1);
  int before = GPOINTER_TO_INT (g_hash_table_lookup (ps->where, *group));
  if (before)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "%s:%d: duplicate group [%s] (first at line %d)",
                   ps->path, n, *group, before);
      return FALSE;
    }
  g_hash_table_insert (ps->where, g_strdup (*group), GINT_TO_POINTER (n));
  return TRUE;
}

static gboolean
prescan_key (Prescan *ps, const char *line, int n, const char *group,
             GError **error)
{
  const char *eq = strchr (line, '=');
  if (!eq || !group)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s:%d: %s", ps->path, n,
                   group ? "expected 'key = value'" : "key outside any group");
      return FALSE;
    }
  g_autofree char *key = g_strstrip (g_strndup (line, eq - line));
  char *k = g_strconcat (group, "\n", key, NULL);
  int before = GPOINTER_TO_INT (g_hash_table_lookup (ps->where, k));
  if (before)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "%s:%d: duplicate key '%s' in [%s] (first at line %d)",
                   ps->path, n, key, group, before);
      g_free (k);
      return FALSE;
    }
  g_hash_table_insert (ps->where, k, GINT_TO_POINTER (n));
  return TRUE;
}

static gboolean
prescan (Prescan *ps, const char *text, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *group = NULL;
  for (int i = 0; lines[i]; i++)
    {
      char *l = g_strstrip (lines[i]);
      if (!*l || *l == '#' || *l == ';')
        continue;
      if (*l == '[' ? !prescan_group (ps, l, i + 1, &group, error)
                    : !prescan_key (ps, l, i + 1, group, error))
        return FALSE;
    }
  return TRUE;
}

/* GKeyFile returns no value for one that is not valid UTF-8. */
static gboolean
value_unreadable (const Prescan *ps, int line, const char *key, GError **error)
{
  g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
               "%s:%d: the value of '%s' is not valid UTF-8", ps->path, line, key);
  return FALSE;
}

static gboolean
configure_core_key (BpStage *s, GKeyFile *kf, const char *group,
                    const char *key, const Prescan *ps, GError **error)
{
  g_autofree char *v = g_key_file_get_string (kf, group, key, NULL);
  int line = prescan_line (ps, group, key);
  if (!v)
    return value_unreadable (ps, line, key, error);
  if (!strcmp (key, "enabled"))
    {
      if (!g_ascii_strcasecmp (v, "true") || !g_ascii_strcasecmp (v, "false"))
        {
          s->enabled = !g_ascii_strcasecmp (v, "true");
          return TRUE;
        }
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "%s:%d: enabled wants true or false, got '%s'", ps->path, line, v);
      return FALSE;
    }
  if (!strcmp (key, "log-level"))
    {
      if (bp_log_level_parse (v, &s->max_level))
        return TRUE;
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s:%d: log-level '%s' is "
                   "not one of error, warning, message, info, debug, none",
                   ps->path, line, v);
      return FALSE;
    }
  char ***slot = !strcmp (key, "match-district") ? &s->match_district
               : !strcmp (key, "match-kind") ? &s->match_kind : NULL;
  if (slot)
    {
      g_strfreev (*slot);
      *slot = g_key_file_get_string_list (kf, group, key, NULL, NULL);
    }
  return TRUE;
}

static gboolean
configure_option (BpStage *s, GKeyFile *kf, const char *group, const char *key,
                  const Prescan *ps, GError **error)
{
  int line = prescan_line (ps, group, key);
  const BpOption *o = bp_stage_find_option (s, key);
  if (!o)
    {
      g_autofree char *allowed = bp_stage_allowed_keys (s);
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "%s:%d: unknown key '%s' for plugin '%s' in [%s]; allowed "
                   "keys: %s", ps->path, line, key, s->plugin->name, group,
                   allowed);
      return FALSE;
    }
  g_autofree char *v = g_key_file_get_string (kf, group, key, NULL);
  GError *e = NULL;
  if (!v)
    return value_unreadable (ps, line, key, error);
  if (!bp_stage_set_option (s, o, v, &e))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s:%d: %s", ps->path,
                   line, e->message);
      g_error_free (e);
      return FALSE;
    }
  return TRUE;
}

/* A plugin is named, never a path: the loader only looks in the search
 * directories, and "../x" or "/tmp/x" would reach outside them. */
static gboolean
plugin_name_ok (const char *name)
{
  if (!*name || *name == '-' || *name == '.')
    return FALSE;
  for (const char *c = name; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      return FALSE;
  return TRUE;
}

static BpStage *
load_stage (const char *name, GKeyFile *kf, const Prescan *ps,
            BpPluginLoader *loader, GError **error)
{
  g_autofree char *group = g_strconcat ("stage ", name, NULL);
  int gline = prescan_line (ps, group, NULL);
  g_autofree char *plugin = g_key_file_get_string (kf, group, "plugin", NULL);
  if (!gline || !plugin)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, gline
                   ? "%s:%d: [%s] has no 'plugin' key"
                   : "%s:%d: stage '%s' is listed in 'stages' but has no "
                     "[stage %s] group", ps->path,
                   gline ? gline : prescan_line (ps, "pipeline", "stages"),
                   gline ? group : name, name);
      return NULL;
    }
  GError *e = NULL;
  g_strstrip (plugin);
  if (!plugin_name_ok (plugin))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s:%d: plugin '%s' is "
                   "not a plugin name (letters, digits, '-', '_'; no path: "
                   "use --plugin-path for another directory)", ps->path,
                   prescan_line (ps, group, "plugin"), plugin);
      return NULL;
    }
  BpPlugin *pl = bp_plugin_loader_load (loader, plugin, &e);
  if (!pl)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_PLUGIN, "%s:%d: %s", ps->path,
                   prescan_line (ps, group, "plugin"), e->message);
      g_error_free (e);
      return NULL;
    }
  BpStage *s = bp_stage_new (name, pl);
  g_autoptr (GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (GStrv) keys = g_key_file_get_keys (kf, group, NULL, NULL);
  gboolean ok = TRUE;
  for (char **k = keys; ok && *k; k++)
    {
      if (g_strv_contains (core_keys, *k))
        ok = configure_core_key (s, kf, group, *k, ps, error);
      else if ((ok = configure_option (s, kf, group, *k, ps, error)))
        g_hash_table_add (set, *k);
    }
  if (ok && !bp_stage_apply_defaults (s, set, &e))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s:%d: %s", ps->path,
                   gline, e->message);
      g_error_free (e);
      ok = FALSE;
    }
  if (!ok)
    g_clear_pointer (&s, bp_stage_free);
  else
    s->group_line = gline;
  return s;
}

/* Every group is [pipeline] or a [stage NAME] that 'stages' lists. */
static gboolean
check_groups (GKeyFile *kf, char **stages, const Prescan *ps, GError **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  for (char **g = groups; *g; g++)
    {
      if (!strcmp (*g, "pipeline"))
        continue;
      if (g_str_has_prefix (*g, "stage ")
          && g_strv_contains ((const char *const *) stages, *g + 6))
        continue;
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, g_str_has_prefix (*g, "stage ")
                   ? "%s:%d: [%s] is not listed in [pipeline] stages"
                   : "%s:%d: unknown group [%s]; expected [pipeline] or [stage NAME]",
                   ps->path, prescan_line (ps, *g, NULL), *g);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_pipeline_group (BpPipeline *p, GKeyFile *kf, char ***stages,
                     const Prescan *ps, GError **error)
{
  if (!g_key_file_has_group (kf, "pipeline"))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "%s:1: no [pipeline] group (it needs name and stages)", ps->path);
      return FALSE;
    }
  g_auto (GStrv) keys = g_key_file_get_keys (kf, "pipeline", NULL, NULL);
  for (char **k = keys; *k; k++)
    if (strcmp (*k, "name") && strcmp (*k, "description") && strcmp (*k, "stages"))
      {
        g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s:%d: unknown key '%s' "
                     "in [pipeline]; allowed keys: name, description, stages",
                     ps->path, prescan_line (ps, "pipeline", *k), *k);
        return FALSE;
      }
  p->name = g_key_file_get_string (kf, "pipeline", "name", NULL);
  p->description = g_key_file_get_string (kf, "pipeline", "description", NULL);
  *stages = g_key_file_get_string_list (kf, "pipeline", "stages", NULL, NULL);
  if (!*stages || !**stages)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s:%d: [pipeline] needs "
                   "'stages = a;b;c'", ps->path, prescan_line (ps, "pipeline", NULL));
      return FALSE;
    }
  if (!p->name)
    {
      g_autofree char *base = g_path_get_basename (ps->path);
      char *dot = strrchr (base, '.');
      p->name = dot ? g_strndup (base, dot - base) : g_strdup (base);
    }
  return TRUE;
}

static gboolean
parse_pipeline (BpPipeline *p, const char *text, Prescan *ps,
                BpPluginLoader *loader, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_auto (GStrv) stages = NULL;
  GError *e = NULL;
  if (!prescan (ps, text, error))
    return FALSE;
  if (!g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_NONE, &e))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s: %s", ps->path, e->message);
      g_error_free (e);
      return FALSE;
    }
  if (!read_pipeline_group (p, kf, &stages, ps, error)
      || !check_groups (kf, stages, ps, error))
    return FALSE;
  for (char **st = stages; *st; st++)
    {
      g_strstrip (*st);
      if (bp_pipeline_find_stage (p, *st))
        {
          g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s:%d: stage '%s' is "
                       "listed twice in 'stages' (one [stage %s] group runs "
                       "once)", ps->path, prescan_line (ps, "pipeline", "stages"),
                       *st, *st);
          return FALSE;
        }
      BpStage *s = load_stage (*st, kf, ps, loader, error);
      if (!s)
        return FALSE;
      s->pipeline_name = p->name;
      g_ptr_array_add (p->stages, s);
    }
  return TRUE;
}

BpPipeline *
bp_pipeline_load (const char *path, BpPluginLoader *loader, GError **error)
{
  g_autofree char *text = NULL;
  GError *e = NULL;
  if (!g_file_get_contents (path, &text, NULL, &e))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "pipeline %s", e->message);
      g_error_free (e);
      return NULL;
    }
  BpPipeline *p = g_new0 (BpPipeline, 1);
  p->path = g_strdup (path);
  p->stages = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_stage_free);
  Prescan ps = { path, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  gboolean ok = parse_pipeline (p, text, &ps, loader, error);
  g_hash_table_unref (ps.where);
  if (!ok)
    g_clear_pointer (&p, bp_pipeline_free);
  return p;
}

void
bp_pipeline_free (BpPipeline *p)
{
  if (!p)
    return;
  g_ptr_array_unref (p->stages);
  g_free (p->path);
  g_free (p->name);
  g_free (p->description);
  g_free (p);
}

BpStage *
bp_pipeline_find_stage (BpPipeline *p, const char *name)
{
  for (guint i = 0; i < p->stages->len; i++)
    {
      BpStage *s = g_ptr_array_index (p->stages, i);
      if (!strcmp (s->name, name))
        return s;
    }
  return NULL;
}

gboolean
bp_pipeline_init (BpPipeline *p, const char *output_dir, GError **error)
{
  const char *spec = g_getenv ("BUDGETPIPE_DEBUG");
  for (guint i = 0; i < p->stages->len; i++)
    {
      BpStage *s = g_ptr_array_index (p->stages, i);
      g_free (s->output_dir);
      s->output_dir = g_strdup (output_dir);
      bp_stage_apply_debug_spec (s, spec);
      if (!s->enabled || s->initialized)
        continue;
      const BpPluginDescriptor *d = s->plugin->desc;
      GError *e = NULL;
      if (d->init && !d->init (s, s->state, &e))
        {
          g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s:%d: stage '%s': %s",
                       p->path, s->group_line, s->name,
                       e ? e->message : "init failed");
          g_clear_error (&e);
          return FALSE;
        }
      s->initialized = TRUE;
    }
  return TRUE;
}
