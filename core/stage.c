/* Stage instances: option parsing into the plugin's state, logging, and the
 * services a plugin may ask of the core (plugin.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "pipeline.h"

G_DEFINE_QUARK (bp-error-quark, bp_error)

const char *
bp_role_name (BpRole role)
{
  static const char *const names[] = {
    "cleanup", "tables", "fields", "district", "validate", "sink", "other"
  };
  return (guint) role < G_N_ELEMENTS (names) ? names[role] : "unknown";
}

BpStage *
bp_stage_new (const char *name, BpPlugin *plugin)
{
  BpStage *s = g_new0 (BpStage, 1);
  s->name = g_strdup (name);
  s->plugin = plugin;
  s->enabled = TRUE;
  s->max_level = G_LOG_LEVEL_WARNING;
  s->log_domain = g_strconcat ("budgetpipe/", name, NULL);
  s->state = g_malloc0 (MAX (plugin->desc->state_size, 1));
  g_mutex_init (&s->lock);
  return s;
}

static void
free_option_values (BpStage *s)
{
  for (const BpOption *o = s->plugin->desc->options; o && o->name; o++)
    {
      void *slot = (char *) s->state + o->offset;
      switch (o->type)
        {
        case BP_OPT_STRING: case BP_OPT_ENUM: case BP_OPT_PATH:
          g_clear_pointer ((char **) slot, g_free);
          break;
        case BP_OPT_LIST:
          g_clear_pointer ((char ***) slot, g_strfreev);
          break;
        default:
          break;
        }
    }
}

void
bp_stage_free (BpStage *s)
{
  if (!s)
    return;
  if (s->initialized && s->plugin->desc->free)
    s->plugin->desc->free (s, s->state);
  free_option_values (s);
  g_free (s->state);
  g_free (s->name);
  g_free (s->log_domain);
  g_free (s->output_dir);
  g_strfreev (s->match_district);
  g_strfreev (s->match_kind);
  g_mutex_clear (&s->lock);
  g_free (s);
}

const BpOption *
bp_stage_find_option (const BpStage *s, const char *key)
{
  for (const BpOption *o = s->plugin->desc->options; o && o->name; o++)
    if (strcmp (o->name, key) == 0)
      return o;
  return NULL;
}

char *
bp_stage_allowed_keys (const BpStage *s)
{
  GString *str = g_string_new ("plugin, enabled, log-level, match-district, match-kind");
  for (const BpOption *o = s->plugin->desc->options; o && o->name; o++)
    g_string_append_printf (str, ", %s", o->name);
  return g_string_free (str, FALSE);
}

static gboolean
parse_bool (const char *v, gboolean *out)
{
  if (!g_ascii_strcasecmp (v, "true") || !strcmp (v, "1") || !g_ascii_strcasecmp (v, "yes"))
    *out = TRUE;
  else if (!g_ascii_strcasecmp (v, "false") || !strcmp (v, "0") || !g_ascii_strcasecmp (v, "no"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
enum_allows (const char *choices, const char *v)
{
  g_auto (GStrv) list = g_strsplit (choices ? choices : "", "|", -1);
  return g_strv_contains ((const char *const *) list, v);
}

static char **
parse_list (const char *v)
{
  g_auto (GStrv) parts = g_strsplit (v, ";", -1);
  GPtrArray *out = g_ptr_array_new ();
  for (char **p = parts; *p; p++)
    {
      char *item = g_strstrip (g_strdup (*p));
      if (*item)
        g_ptr_array_add (out, item);
      else
        g_free (item);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* Stores V into the state slot; FALSE when V has the wrong type. */
static gboolean
store_option (void *slot, const BpOption *o, const char *v)
{
  char *end = NULL;
  switch (o->type)
    {
    case BP_OPT_INT:
      errno = 0;
      *(gint64 *) slot = g_ascii_strtoll (v, &end, 10);
      return *v && !*end && errno == 0;
    case BP_OPT_BOOL:
      return parse_bool (v, (gboolean *) slot);
    case BP_OPT_MONEY:
      return bp_amount_parse (v, BP_UNIT_YUAN, (bp_fen *) slot) == BP_AMOUNT_OK;
    case BP_OPT_ENUM:
      if (!enum_allows (o->choices, v))
        return FALSE;
      /* fall through */
    case BP_OPT_STRING:
    case BP_OPT_PATH:
      g_free (*(char **) slot);
      *(char **) slot = g_strdup (v);
      return TRUE;
    case BP_OPT_LIST:
      g_strfreev (*(char ***) slot);
      *(char ***) slot = parse_list (v);
      return TRUE;
    }
  return FALSE;
}

static const char *
option_type_name (const BpOption *o)
{
  static const char *const names[] = { "string", "int", "bool", "money",
                                       "enum", "list", "path" };
  return (guint) o->type < G_N_ELEMENTS (names) ? names[o->type] : "?";
}

gboolean
bp_stage_set_option (BpStage *s, const BpOption *o, const char *value,
                     GError **error)
{
  void *slot = (char *) s->state + o->offset;
  if (store_option (slot, o, value))
    return TRUE;
  if (o->type == BP_OPT_ENUM)
    g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                 "option '%s' of stage '%s': '%s' is not one of %s", o->name,
                 s->name, value, o->choices);
  else
    g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                 "option '%s' of stage '%s' wants a %s, got '%s'", o->name,
                 s->name, option_type_name (o), value);
  return FALSE;
}

gboolean
bp_stage_apply_defaults (BpStage *s, GHashTable *set_keys, GError **error)
{
  for (const BpOption *o = s->plugin->desc->options; o && o->name; o++)
    {
      if (set_keys && g_hash_table_contains (set_keys, o->name))
        continue;
      if (o->required)
        {
          g_autofree char *keys = bp_stage_allowed_keys (s);
          g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                       "stage '%s' (plugin %s) needs option '%s' (%s); "
                       "allowed keys: %s", s->name, s->plugin->name, o->name,
                       o->description, keys);
          return FALSE;
        }
      if (o->default_value && !bp_stage_set_option (s, o, o->default_value, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
bp_stage_matches (const BpStage *s, const BpDocument *doc)
{
  if (s->match_kind && !(doc->kind && g_strv_contains (
        (const char *const *) s->match_kind, doc->kind)))
    return FALSE;
  if (s->match_district && !(doc->district && g_strv_contains (
        (const char *const *) s->match_district, doc->district)))
    return FALSE;
  return TRUE;
}

gboolean
bp_stage_process (BpStage *s, BpDocument *doc, GError **error)
{
  const BpPluginDescriptor *d = s->plugin->desc;
  gboolean serial = d->role == BP_ROLE_SINK;
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = TRUE;
  if (serial)
    g_mutex_lock (&s->lock);
  /* Recorded first so a sink's output lists itself among the stages. */
  g_ptr_array_add (doc->stages, g_strdup (s->name));
  if (d->process)
    ok = d->process (s, s->state, doc, error);
  s->documents++;
  s->time_us += g_get_monotonic_time () - t0;
  if (serial)
    g_mutex_unlock (&s->lock);
  if (!ok && error && !*error)
    g_set_error (error, BP_ERROR, BP_ERROR_INPUT,
                 "stage '%s' failed without saying why", s->name);
  return ok;
}

/* ---- services for plugins (plugin.h) ---- */

const char *bp_stage_name (const BpStage *s) { return s->name; }
const char *bp_stage_plugin_name (const BpStage *s) { return s->plugin->name; }
const char *bp_stage_pipeline_name (const BpStage *s) { return s->pipeline_name; }

const char *
bp_stage_output_dir (const BpStage *s)
{
  return s->output_dir ? s->output_dir : "out";
}

/* ${input} in an output path: the input's path with every ".." component
 * made "__" and every "." dropped, so "${output}/${input}.json" of an input
 * "../x.txt" stays inside OUT (OUT/__/x.txt.json). */
static void
append_input_path (GString *out, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  gboolean first = TRUE;
  for (char **p = parts; *p; p++)
    {
      if (!strcmp (*p, ".") || (!**p && !first))
        continue;
      if (!first)
        g_string_append_c (out, '/');
      g_string_append (out, !strcmp (*p, "..") ? "__" : *p);
      first = FALSE;
    }
}

char *
bp_stage_expand (const BpStage *s, const BpDocument *doc, const char *tmpl)
{
  GString *out = g_string_new (NULL);
  for (const char *p = tmpl; *p;)
    {
      if (g_str_has_prefix (p, "${output}"))
        g_string_append (out, bp_stage_output_dir (s)), p += 9;
      else if (g_str_has_prefix (p, "${stem}"))
        g_string_append (out, doc && doc->stem ? doc->stem : ""), p += 7;
      else if (g_str_has_prefix (p, "${input}"))
        append_input_path (out, doc && doc->path ? doc->path : ""), p += 8;
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Directories that received a file since the last bp_output_sync. */
static GMutex written_lock;
static GHashTable *written_dirs;

static void
note_written_dir (const char *dir)
{
  g_mutex_lock (&written_lock);
  if (!written_dirs)
    written_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains (written_dirs, dir))
    g_hash_table_add (written_dirs, g_strdup (dir));
  g_mutex_unlock (&written_lock);
}

/* Temporary files are named .NAME.bp-tmp-PID-XXXXXX: hidden, ours, and
 * saying which process writes them, so a later run can remove those of a
 * process that is gone (killed before its rename) and leave a concurrent
 * run's alone. */
#define TEMP_MARK ".bp-tmp-"

/* The PID in a temporary file's NAME, or 0 when NAME is not one of ours. */
static long
temp_file_pid (const char *name)
{
  const char *mark = name[0] == '.' ? g_strrstr (name, TEMP_MARK) : NULL;
  if (!mark)
    return 0;
  char *end = NULL;
  long pid = strtol (mark + strlen (TEMP_MARK), &end, 10);
  return pid > 0 && end && *end == '-' && strlen (end + 1) == 6 ? pid : 0;
}

static guint
remove_stale_in (const char *dir, int depth)
{
  GDir *d = depth < 8 ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;
  guint removed = 0;
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      long pid = temp_file_pid (name);
      if (pid && pid != getpid () && kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
        removed += g_unlink (path) == 0;
      else if (!pid && g_file_test (path, G_FILE_TEST_IS_DIR)
               && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        removed += remove_stale_in (path, depth + 1);
    }
  if (d)
    g_dir_close (d);
  return removed;
}

guint
bp_output_remove_stale_temps (const char *dir)
{
  return dir ? remove_stale_in (dir, 0) : 0;
}

struct BpOutputFile {
  char *path, *tmp, *dir;
  int fd;
};

BpOutputFile *
bp_output_file_open (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_OUTPUT, "%s: cannot create "
                   "directory: %s", dir, g_strerror (errno));
      return NULL;
    }
  /* A temporary file in the same directory, renamed over PATH on commit: no
   * reader and no interrupted run ever sees a truncated file. No fsync
   * here: the batch syncs once at its end (bp_output_sync, docs/cli.md). */
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s" TEMP_MARK "%d-XXXXXX", dir, base,
                                          (int) getpid ());
  int fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_OUTPUT, "%s: cannot create: %s",
                   tmp, g_strerror (errno));
      return NULL;
    }
  BpOutputFile *f = g_new0 (BpOutputFile, 1);
  f->path = g_strdup (path);
  f->tmp = g_steal_pointer (&tmp);
  f->dir = g_steal_pointer (&dir);
  f->fd = fd;
  return f;
}

gboolean
bp_output_file_write (BpOutputFile *f, const char *data, gsize len,
                      GError **error)
{
  while (len > 0)
    {
      gssize n = write (f->fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_OUTPUT, "%s: cannot write: %s",
                       f->path, g_strerror (n < 0 ? errno : ENOSPC));
          return FALSE;
        }
      data += n, len -= n;
    }
  return TRUE;
}

void
bp_output_file_discard (BpOutputFile *f)
{
  if (!f)
    return;
  if (f->fd >= 0)
    close (f->fd);
  g_unlink (f->tmp);
  g_free (f->path);
  g_free (f->tmp);
  g_free (f->dir);
  g_free (f);
}

gboolean
bp_output_file_commit (BpOutputFile *f, GError **error)
{
  /* g_mkstemp_full creates 0600 files; outputs are as the umask allows. */
  mode_t mask = umask (0);
  umask (mask);
  gboolean ok = fchmod (f->fd, 0666 & ~mask) == 0;
  ok = close (f->fd) == 0 && ok;
  f->fd = -1;
  if (!ok || g_rename (f->tmp, f->path) != 0)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_OUTPUT, "%s: cannot write: %s",
                   f->path, g_strerror (errno));
      bp_output_file_discard (f);
      return FALSE;
    }
  note_written_dir (f->dir);
  g_free (f->path);
  g_free (f->tmp);
  g_free (f->dir);
  g_free (f);
  return TRUE;
}

gboolean
bp_write_file_atomic (const char *path, const char *data, gssize len,
                      GError **error)
{
  BpOutputFile *f = bp_output_file_open (path, error);
  if (!f)
    return FALSE;
  if (!bp_output_file_write (f, data, len < 0 ? strlen (data) : (gsize) len, error))
    {
      bp_output_file_discard (f);
      return FALSE;
    }
  return bp_output_file_commit (f, error);
}

/* syncfs flushes the whole file system holding the directory, every file a
 * batch wrote there, in one call; elsewhere sync() does the same. */
static gboolean
sync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
#ifdef HAVE_SYNCFS
  gboolean ok = syncfs (fd) == 0;
#else
  sync ();
  gboolean ok = TRUE;
#endif
  ok = fsync (fd) == 0 && ok;   /* the renames */
  close (fd);
  return ok;
}

gboolean
bp_output_sync (GError **error)
{
  g_mutex_lock (&written_lock);
  GHashTable *dirs = g_steal_pointer (&written_dirs);
  g_mutex_unlock (&written_lock);
  if (!dirs)
    return TRUE;
  GHashTableIter it;
  gpointer dir;
  gboolean ok = TRUE;
  g_hash_table_iter_init (&it, dirs);
  while (g_hash_table_iter_next (&it, &dir, NULL))
    if (!sync_dir (dir) && ok)
      {
        g_set_error (error, BP_ERROR, BP_ERROR_OUTPUT, "%s: cannot sync: %s",
                     (char *) dir, g_strerror (errno));
        ok = FALSE;
      }
  g_hash_table_unref (dirs);
  return ok;
}

/* ---- logging ---- */

gboolean
bp_log_level_parse (const char *name, GLogLevelFlags *out)
{
  static const struct { const char *name; GLogLevelFlags level; } levels[] = {
    { "error", G_LOG_LEVEL_CRITICAL }, { "critical", G_LOG_LEVEL_CRITICAL },
    { "warning", G_LOG_LEVEL_WARNING }, { "message", G_LOG_LEVEL_MESSAGE },
    { "info", G_LOG_LEVEL_INFO }, { "debug", G_LOG_LEVEL_DEBUG },
    { "none", G_LOG_LEVEL_ERROR },
  };
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_ascii_strcasecmp (name, levels[i].name) == 0)
      {
        *out = levels[i].level;
        return TRUE;
      }
  return FALSE;
}

/* "tables:debug,*:warning": the most specific entry for the stage wins. */
void
bp_stage_apply_debug_spec (BpStage *s, const char *spec)
{
  if (!spec)
    return;
  g_auto (GStrv) items = g_strsplit (spec, ",", -1);
  gboolean exact = FALSE;
  for (char **it = items; *it; it++)
    {
      g_auto (GStrv) kv = g_strsplit (g_strstrip (*it), ":", 2);
      GLogLevelFlags lvl;
      if (!kv[0] || !kv[1] || !bp_log_level_parse (kv[1], &lvl))
        continue;
      if (strcmp (kv[0], s->name) == 0 || strcmp (kv[0], s->plugin->name) == 0)
        s->max_level = lvl, exact = TRUE;
      else if (!exact && strcmp (kv[0], "*") == 0)
        s->max_level = lvl;
    }
}

gboolean
bp_stage_log_enabled (const BpStage *s, GLogLevelFlags level)
{
  /* Lower GLib flag values are more severe. */
  return s && (level & G_LOG_LEVEL_MASK) <= s->max_level;
}

void
bp_stage_log (const BpStage *s, GLogLevelFlags level, const char *fmt, ...)
{
  if (!bp_stage_log_enabled (s, level))
    return;
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  /* MESSAGE must come last: its format consumes the remaining arguments. */
  g_log_structured (s->log_domain, level, "BP_FILTERED", "1",
                    "MESSAGE", "%s", msg);
}

static const char *
level_label (GLogLevelFlags level)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) return "error";
  if (level & G_LOG_LEVEL_WARNING) return "warning";
  if (level & G_LOG_LEVEL_MESSAGE) return "message";
  if (level & G_LOG_LEVEL_INFO) return "info";
  return "debug";
}

static GLogLevelFlags core_max_level = G_LOG_LEVEL_WARNING;

/* Stage messages arrive already filtered (BP_FILTERED); core and library
 * messages use the '*' level of BUDGETPIPE_DEBUG. Everything goes to stderr:
 * stdout belongs to the runner's summary. */
static GLogWriterOutput
bp_log_writer (GLogLevelFlags level, const GLogField *fields, gsize n,
               gpointer data)
{
  const char *domain = "budgetpipe", *msg = "", *filtered = NULL;
  for (gsize i = 0; i < n; i++)
    {
      if (!strcmp (fields[i].key, "GLIB_DOMAIN")) domain = fields[i].value;
      else if (!strcmp (fields[i].key, "MESSAGE")) msg = fields[i].value;
      else if (!strcmp (fields[i].key, "BP_FILTERED")) filtered = fields[i].value;
    }
  if (!filtered && (level & G_LOG_LEVEL_MASK) > core_max_level)
    return G_LOG_WRITER_HANDLED;
  fprintf (stderr, "%s: %s: %s\n", domain, level_label (level), msg);
  return G_LOG_WRITER_HANDLED;
}

void
bp_log_init (void)
{
  static gsize once = 0;
  if (!g_once_init_enter (&once))
    return;
  const char *spec = g_getenv ("BUDGETPIPE_DEBUG");
  g_auto (GStrv) items = g_strsplit (spec ? spec : "", ",", -1);
  for (char **it = items; *it; it++)
    {
      g_auto (GStrv) kv = g_strsplit (g_strstrip (*it), ":", 2);
      GLogLevelFlags lvl;
      if (kv[0] && kv[1] && (!strcmp (kv[0], "*") || !strcmp (kv[0], "core"))
          && bp_log_level_parse (kv[1], &lvl))
        core_max_level = lvl;
    }
  g_log_set_writer_func (bp_log_writer, NULL, NULL);
  g_once_init_leave (&once, 1);
}
