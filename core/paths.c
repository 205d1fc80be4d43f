/* Uninstalled vs installed lookup of plugins, pipelines and data. */
#include "config.h"

#include <string.h>
#include <budgetpipe/budgetpipe.h>
#include "paths.h"

static char *
running_exe_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  return exe ? g_path_get_dirname (exe) : NULL;
}

gboolean
bp_paths_uninstalled (void)
{
  static gsize once = 0;
  static gboolean uninstalled = FALSE;
  if (g_once_init_enter (&once))
    {
      g_autofree char *dir = running_exe_dir ();
      g_autofree char *root = g_canonicalize_filename (BP_BUILDDIR, "/");
      /* A staged install inside the build tree (make install
       * DESTDIR=$builddir/...) runs from a bin/ folder: installed. */
      uninstalled = dir && !g_str_has_suffix (dir, "/bin")
                    && (g_str_equal (dir, root)
                        || (g_str_has_prefix (dir, root)
                            && dir[strlen (root)] == '/'));
      g_once_init_leave (&once, 1);
    }
  return uninstalled;
}

/* An installed tree copied or staged elsewhere (DESTDIR): find DIR relative
 * to the program, assuming it sits in <root>/bin like the configured one. */
static char *
relocated_dir (const char *installed_dir)
{
  g_autofree char *exe_dir = running_exe_dir ();
  const char *prefix_end = strstr (installed_dir, "/lib");
  if (!exe_dir || !g_str_has_suffix (exe_dir, "/bin"))
    return NULL;
  if (!prefix_end)
    prefix_end = strstr (installed_dir, "/share");
  if (!prefix_end)
    return NULL;
  g_autofree char *root = g_path_get_dirname (exe_dir);
  return g_strconcat (root, prefix_end, NULL);
}

/* g_ptr_array_sort hands the comparator pointers to the elements. */
static gint
compare_string_ptrs (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
add_build_plugin_dirs (GPtrArray *dirs)
{
  g_autofree char *top = g_build_filename (BP_BUILDDIR, "plugins", NULL);
  GDir *d = g_dir_open (top, 0, NULL);
  if (!d)
    return;
  const char *name;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (d);
  g_ptr_array_sort (names, compare_string_ptrs);
  for (guint i = 0; i < names->len; i++)
    {
      /* libtool leaves the .la in the plugin folder and the .so in .libs;
       * lt_dlopenext reads the .la and finds the .so. */
      char *dir = g_build_filename (top, g_ptr_array_index (names, i), NULL);
      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (dirs, dir);
      else
        g_free (dir);
    }
  g_ptr_array_unref (names);
}

GPtrArray *
bp_paths_builtin_plugin_dirs (void)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  if (bp_paths_uninstalled ())
    {
      add_build_plugin_dirs (dirs);
      return dirs;
    }
  char *moved = relocated_dir (BP_PLUGINDIR);
  if (moved && g_strcmp0 (moved, BP_PLUGINDIR) != 0
      && g_file_test (moved, G_FILE_TEST_IS_DIR))
    g_ptr_array_add (dirs, moved);
  else
    g_free (moved);
  g_ptr_array_add (dirs, g_strdup (BP_PLUGINDIR));
  return dirs;
}

static const char *
installed_or_source (const char *sub)
{
  if (bp_paths_uninstalled ())
    {
      g_autofree char *src = g_build_filename (BP_SRCDIR, sub, NULL);
      return g_intern_string (src);
    }
  g_autofree char *installed = g_build_filename (BP_PKGDATADIR, sub, NULL);
  g_autofree char *moved = relocated_dir (installed);
  if (moved && g_file_test (moved, G_FILE_TEST_IS_DIR))
    return g_intern_string (moved);
  return g_intern_string (installed);
}

const char *
bp_paths_pipeline_dir (void)
{
  return installed_or_source ("pipelines");
}

const char *
bp_paths_data_dir (void)
{
  return installed_or_source ("data");
}

char *
bp_data_path (const char *name)
{
  return g_build_filename (bp_paths_data_dir (), name, NULL);
}

GPtrArray *
bp_data_rows (const char *name, guint min_fields)
{
  g_autofree char *path = bp_data_path (name);
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[0] && lines[i]; i++)   /* line 0 is the header */
    {
      char **f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) >= MAX (min_fields, 1u) && *f[0] && *f[0] != '#')
        g_ptr_array_add (rows, f);
      else
        g_strfreev (f);
    }
  return rows;
}

char *
bp_paths_resolve_pipeline (const char *arg)
{
  if (strchr (arg, '/') || g_file_test (arg, G_FILE_TEST_EXISTS))
    return g_strdup (arg);
  g_autofree char *file = g_str_has_suffix (arg, ".conf")
                            ? g_strdup (arg) : g_strconcat (arg, ".conf", NULL);
  return g_build_filename (bp_paths_pipeline_dir (), file, NULL);
}

const char *
bp_paths_locale_dir (void)
{
  if (bp_paths_uninstalled ())
    {
      g_autofree char *built = g_build_filename (BP_BUILDDIR, "po", "locale", NULL);
      return g_intern_string (built);
    }
  g_autofree char *moved = relocated_dir (BP_LOCALEDIR);
  if (moved && g_file_test (moved, G_FILE_TEST_IS_DIR))
    return g_intern_string (moved);
  return BP_LOCALEDIR;
}
