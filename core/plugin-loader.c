/* Plugin discovery with libltdl: search order, descriptor and ABI checks,
 * and errors that say where we looked (lt_dlerror alone says "file not
 * found"). */
#include "config.h"

#include <dlfcn.h>
#include <string.h>
#include <ltdl.h>
#include "plugin-loader.h"
#include "paths.h"

struct _BpPluginLoader {
  GPtrArray *dirs;      /* char*, in search order */
  GHashTable *loaded;   /* name -> BpPlugin* */
  lt_dladvise advise;
};

static void
bp_plugin_free (gpointer p)
{
  BpPlugin *pl = p;
  /* Loaded modules stay resident (see open_plugin_file): no lt_dlclose. */
  g_free (pl->name);
  g_free (pl->file);
  g_free (pl->error);
  g_free (pl);
}

static void
add_path_list (GPtrArray *dirs, const char *list)
{
  if (!list)
    return;
  g_auto (GStrv) parts = g_strsplit (list, G_SEARCHPATH_SEPARATOR_S, -1);
  for (char **p = parts; *p; p++)
    if (**p)
      g_ptr_array_add (dirs, g_strdup (*p));
}

BpPluginLoader *
bp_plugin_loader_new (const char *const *extra_dirs)
{
  BpPluginLoader *l = g_new0 (BpPluginLoader, 1);
  lt_dlinit ();
  lt_dladvise_init (&l->advise);
  /* ext: find name.la or name.so (distributions delete .la files);
   * local: plugins must not see each other's symbols. */
  lt_dladvise_ext (&l->advise);
  lt_dladvise_local (&l->advise);
  l->dirs = g_ptr_array_new_with_free_func (g_free);
  for (const char *const *d = extra_dirs; d && *d; d++)
    add_path_list (l->dirs, *d);
  add_path_list (l->dirs, g_getenv ("BUDGETPIPE_PLUGIN_PATH"));
  GPtrArray *builtin = bp_paths_builtin_plugin_dirs ();
  for (guint i = 0; i < builtin->len; i++)
    g_ptr_array_add (l->dirs, g_strdup (g_ptr_array_index (builtin, i)));
  g_ptr_array_unref (builtin);
  l->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     bp_plugin_free);
  return l;
}

void
bp_plugin_loader_free (BpPluginLoader *l)
{
  if (!l)
    return;
  g_hash_table_unref (l->loaded);
  g_ptr_array_unref (l->dirs);
  lt_dladvise_destroy (&l->advise);
  /* No lt_dlexit: resident modules stay loaded, and libltdl's own list of
   * them must stay reachable. */
  g_free (l);
}

const GPtrArray *
bp_plugin_loader_dirs (const BpPluginLoader *l)
{
  return l->dirs;
}

static char *
dirs_joined (const BpPluginLoader *l)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < l->dirs->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "",
                            (char *) g_ptr_array_index (l->dirs, i));
  return g_string_free (s, FALSE);
}

/* The file a plugin NAME would be loaded from in DIR, or NULL. */
static char *
plugin_file_in (const char *dir, const char *name)
{
  static const char *const exts[] = { ".la", ".so", NULL };
  for (int i = 0; exts[i]; i++)
    {
      g_autofree char *base = g_strconcat (name, exts[i], NULL);
      char *path = g_build_filename (dir, base, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }
  return NULL;
}

/* Reads and checks the descriptor: ABI and name are checked before any
 * plugin function is called. */
static gboolean
check_descriptor (BpPlugin *pl, GError **error)
{
  const BpPluginDescriptor *d = lt_dlsym (pl->handle, BP_PLUGIN_DESCRIPTOR_SYMBOL);
  if (!d)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_PLUGIN,
                   "%s: not a budgetpipe plugin: no symbol '%s' (%s); "
                   "define it with BP_PLUGIN_DEFINE (%s)", pl->file,
                   BP_PLUGIN_DESCRIPTOR_SYMBOL, lt_dlerror (), pl->name);
      return FALSE;
    }
  if (d->abi_version != BP_ABI_VERSION)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_PLUGIN,
                   "%s: plugin ABI version %u, but this budgetpipe has ABI "
                   "version %u; rebuild the plugin against this budgetpipe's "
                   "headers (pkg-config --cflags budgetpipe-plugin)",
                   pl->file, d->abi_version, BP_ABI_VERSION);
      return FALSE;
    }
  if (!d->name || strcmp (d->name, pl->name) != 0)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_PLUGIN,
                   "%s: the descriptor names the plugin '%s' but the file is "
                   "'%s'; rename the file or fix .name in BP_PLUGIN_DEFINE",
                   pl->file, d->name ? d->name : "(null)", pl->name);
      return FALSE;
    }
  pl->desc = d;
  return TRUE;
}

/* The dlname of a libtool archive: its shared object, in .libs/ beside it
 * while uninstalled, beside it once installed. */
static char *
shared_object_of_la (const char *la)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents (la, &text, NULL, NULL))
    return NULL;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *dir = g_path_get_dirname (la);
  for (char **l = lines; *l; l++)
    {
      if (!g_str_has_prefix (*l, "dlname='"))
        continue;
      g_autofree char *name = g_strndup (*l + 8, strcspn (*l + 8, "'"));
      if (!*name)
        return NULL;
      char *uninstalled = g_build_filename (dir, ".libs", name, NULL);
      if (g_file_test (uninstalled, G_FILE_TEST_IS_REGULAR))
        return uninstalled;
      g_free (uninstalled);
      return g_build_filename (dir, name, NULL);
    }
  return NULL;
}

/* libltdl opens with RTLD_LAZY: a plugin calling a symbol that nothing
 * defines loads fine and kills the process (exit 127) at the first call,
 * mid-batch. Opening the shared object with RTLD_NOW first binds every
 * symbol now, and fails with the dynamic loader's own reason (a missing
 * symbol, "invalid ELF header") where libltdl only says "file not found".
 * The handle is returned so the object stays bound while libltdl opens it
 * again (the same object, reference-counted). */
static void *
open_now (const char *file, char **why)
{
  g_autofree char *so = g_str_has_suffix (file, ".la") ? shared_object_of_la (file)
                                                       : g_strdup (file);
  if (!so)
    {
      *why = g_strdup ("no dlname in the libtool archive");
      return NULL;
    }
  void *h = dlopen (so, RTLD_NOW | RTLD_LOCAL);
  if (!h)
    {
      const char *e = dlerror ();
      *why = g_strdup (e ? e : "unknown error");
    }
  return h;
}

static BpPlugin *
open_plugin_file (BpPluginLoader *l, const char *name, const char *file,
                  GError **error)
{
  BpPlugin *pl = g_new0 (BpPlugin, 1);
  pl->name = g_strdup (name);
  pl->file = g_strdup (file);
  g_autofree char *stem = g_strndup (file, strrchr (file, '.') - file);
  g_autofree char *why = NULL;
  void *bound = open_now (file, &why);
  pl->handle = bound ? lt_dlopenadvise (stem, l->advise) : NULL;
  if (bound)
    dlclose (bound);
  if (!pl->handle)
    {
      /* lt_dlerror() alone is often just "file not found": say where. */
      const char *lt_why = why ? NULL : lt_dlerror ();
      g_autofree char *where = dirs_joined (l);
      g_set_error (error, BP_ERROR, BP_ERROR_PLUGIN,
                   "%s: cannot load plugin '%s': %s (%s); searched: %s",
                   file, name, why ? why : lt_why ? lt_why : "unknown error",
                   why ? "dynamic loader" : "libltdl", where);
      bp_plugin_free (pl);
      return NULL;
    }
  if (!check_descriptor (pl, error))
    {
      lt_dlclose (pl->handle);
      bp_plugin_free (pl);
      return NULL;
    }
  /* Like GStreamer, never unload a plugin: a module's static caches (compiled
   * regexes, tables) stay valid and reachable for the life of the process. */
  lt_dlmakeresident (pl->handle);
  return pl;
}

BpPlugin *
bp_plugin_loader_load (BpPluginLoader *l, const char *name, GError **error)
{
  BpPlugin *pl = g_hash_table_lookup (l->loaded, name);
  if (pl)
    return pl;
  for (guint i = 0; i < l->dirs->len; i++)
    {
      g_autofree char *file = plugin_file_in (g_ptr_array_index (l->dirs, i), name);
      if (!file)
        continue;
      pl = open_plugin_file (l, name, file, error);
      if (pl)
        g_hash_table_insert (l->loaded, pl->name, pl);
      return pl;
    }
  g_autofree char *where = dirs_joined (l);
  g_set_error (error, BP_ERROR, BP_ERROR_PLUGIN,
               "plugin '%s' not found (libltdl: file not found); searched: %s. "
               "Add a directory with --plugin-path or BUDGETPIPE_PLUGIN_PATH",
               name, where[0] ? where : "(no directories)");
  return NULL;
}

static void
scan_dir (BpPluginLoader *l, const char *dir, GHashTable *seen, GPtrArray *out)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *entry;
  if (!d)
    return;
  while ((entry = g_dir_read_name (d)))
    {
      if (!g_str_has_suffix (entry, ".la") && !g_str_has_suffix (entry, ".so"))
        continue;
      g_autofree char *name = g_strndup (entry, strrchr (entry, '.') - entry);
      if (g_hash_table_contains (seen, name))
        continue;
      g_hash_table_add (seen, g_strdup (name));
      GError *err = NULL;
      BpPlugin *pl = bp_plugin_loader_load (l, name, &err);
      BpPlugin *row = g_new0 (BpPlugin, 1);
      row->name = g_strdup (name);
      row->file = g_build_filename (dir, entry, NULL);
      row->desc = pl ? pl->desc : NULL;
      row->error = err ? g_strdup (err->message) : NULL;
      g_clear_error (&err);
      g_ptr_array_add (out, row);
    }
  g_dir_close (d);
}

static gint
compare_plugin_names (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(BpPlugin *const *) a)->name, (*(BpPlugin *const *) b)->name);
}

GPtrArray *
bp_plugin_loader_scan (BpPluginLoader *l)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (bp_plugin_free);
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < l->dirs->len; i++)
    scan_dir (l, g_ptr_array_index (l->dirs, i), seen, out);
  g_hash_table_unref (seen);
  g_ptr_array_sort (out, compare_plugin_names);
  return out;
}
