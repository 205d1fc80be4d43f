/* Plugin loading: good plugin, wrong ABI, wrong name, missing symbol, not
 * found, search order (--plugin-path, then BUDGETPIPE_PLUGIN_PATH, then the
 * built-in directories). */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include "harness.h"
#include "../core/plugin-loader.h"

static char *
test_plugin_dir (void)
{
  return g_test_build_filename (G_TEST_BUILT, "tests", "plugins", NULL);
}

static BpPluginLoader *
loader_with (const char *dir)
{
  const char *dirs[] = { dir, NULL };
  return bp_plugin_loader_new (dirs);
}

static void
expect_load_error (const char *name, const char *const *needles)
{
  g_autofree char *dir = test_plugin_dir ();
  BpPluginLoader *l = loader_with (dir);
  GError *e = NULL;
  g_assert_null (bp_plugin_loader_load (l, name, &e));
  g_assert_error (e, BP_ERROR, BP_ERROR_PLUGIN);
  for (const char *const *n = needles; *n; n++)
    if (!strstr (e->message, *n))
      g_error ("'%s' lacks '%s'", e->message, *n);
  g_error_free (e);
  bp_plugin_loader_free (l);
}

static void
test_good (void)
{
  g_autofree char *dir = test_plugin_dir ();
  BpPluginLoader *l = loader_with (dir);
  GError *e = NULL;
  BpPlugin *p = bp_plugin_loader_load (l, "testgood", &e);
  g_assert_no_error (e);
  g_assert_cmpstr (p->desc->name, ==, "testgood");
  g_assert_cmpuint (p->desc->abi_version, ==, BP_ABI_VERSION);
  g_assert_true (g_str_has_prefix (p->file, dir));
  /* Loaded once: the same object comes back. */
  g_assert_true (bp_plugin_loader_load (l, "testgood", NULL) == p);
  bp_plugin_loader_free (l);
}

static void
test_bad_abi (void)
{
  g_autofree char *v = g_strdup_printf ("ABI version %d", BP_ABI_VERSION + 41);
  g_autofree char *ours = g_strdup_printf ("has ABI version %d", BP_ABI_VERSION);
  const char *needles[] = { "testbadabi.la", v, ours, "rebuild the plugin", NULL };
  expect_load_error ("testbadabi", needles);
}

static void
test_bad_name (void)
{
  const char *needles[] = { "testbadname.la", "'somethingelse'", "'testbadname'", NULL };
  expect_load_error ("testbadname", needles);
}

static void
test_missing_symbol (void)
{
  const char *needles[] = { "testnosym.la", "no symbol 'bp_plugin_descriptor'", NULL };
  expect_load_error ("testnosym", needles);
}

static void
test_unresolved_symbol (void)
{
  const char *needles[] = { "testunresolved.la", "undefined symbol",
                            "testunresolved_nowhere_defined", NULL };
  expect_load_error ("testunresolved", needles);
}

static void
test_not_found (void)
{
  g_autofree char *dir = test_plugin_dir ();
  const char *needles[] = { "'nosuch' not found", "searched:", dir, NULL };
  expect_load_error ("nosuch", needles);
}

/* Copies the built testgood module into a fresh directory. */
static char *
copy_testgood (void)
{
  g_autofree char *dir = test_plugin_dir ();
  g_autofree char *so = g_build_filename (dir, ".libs", "testgood.so", NULL);
  char *tmp = g_dir_make_tmp ("bp-loader-XXXXXX", NULL);
  g_autofree char *dest = g_build_filename (tmp, "testgood.so", NULL);
  g_autofree char *data = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (so, &data, &len, NULL));
  g_assert_true (g_file_set_contents (dest, data, len, NULL));
  return tmp;
}

static void
remove_copy (char *tmp)
{
  g_autofree char *dest = g_build_filename (tmp, "testgood.so", NULL);
  g_unlink (dest);
  g_rmdir (tmp);
  g_free (tmp);
}

static void
test_search_order (void)
{
  char *a = copy_testgood (), *b = copy_testgood ();
  g_setenv ("BUDGETPIPE_PLUGIN_PATH", b, TRUE);
  BpPluginLoader *l = loader_with (a);       /* --plugin-path beats env */
  BpPlugin *p = bp_plugin_loader_load (l, "testgood", NULL);
  g_assert_true (g_str_has_prefix (p->file, a));
  bp_plugin_loader_free (l);
  l = bp_plugin_loader_new (NULL);           /* env beats built-in */
  p = bp_plugin_loader_load (l, "testgood", NULL);
  g_assert_true (g_str_has_prefix (p->file, b));
  bp_plugin_loader_free (l);
  g_unsetenv ("BUDGETPIPE_PLUGIN_PATH");
  remove_copy (a);
  remove_copy (b);
}

/* A file that is there but is no shared object: the libltdl error and the
 * directories searched are both reported. */
static void
test_broken_file (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("bp-broken-XXXXXX", NULL);
  g_autofree char *so = g_build_filename (tmp, "broken.so", NULL);
  g_assert_true (g_file_set_contents (so, "not an ELF file", -1, NULL));
  BpPluginLoader *l = loader_with (tmp);
  GError *e = NULL;
  g_assert_null (bp_plugin_loader_load (l, "broken", &e));
  g_assert_error (e, BP_ERROR, BP_ERROR_PLUGIN);
  g_assert_nonnull (strstr (e->message, "cannot load plugin 'broken'"));
  /* The dynamic loader's reason, not libltdl's "file not found". */
  g_assert_null (strstr (e->message, "file not found"));
  g_assert_nonnull (strstr (e->message, "file too short"));
  g_assert_nonnull (strstr (e->message, "searched:"));
  g_assert_nonnull (strstr (e->message, tmp));
  g_error_free (e);
  bp_plugin_loader_free (l);
  g_unlink (so);
  g_rmdir (tmp);
}

static void
test_scan (void)
{
  g_autofree char *dir = test_plugin_dir ();
  BpPluginLoader *l = loader_with (dir);
  g_autoptr (GPtrArray) all = bp_plugin_loader_scan (l);
  guint ok = 0, failed = 0;
  for (guint i = 0; i < all->len; i++)
    {
      BpPlugin *p = g_ptr_array_index (all, i);
      if (g_str_has_prefix (p->name, "test"))
        p->desc ? ok++ : failed++;
      if (!p->desc)
        g_assert_nonnull (p->error);
    }
  g_assert_cmpuint (ok, ==, 1);
  g_assert_cmpuint (failed, ==, 4);
  bp_plugin_loader_free (l);
}

/* Uninstalled, the real plugins are found without any environment. */
static void
test_builtin_json (void)
{
  BpPluginLoader *l = bp_plugin_loader_new (NULL);
  GError *e = NULL;
  BpPlugin *p = bp_plugin_loader_load (l, "json", &e);
  g_assert_no_error (e);
  g_assert_cmpint (p->desc->role, ==, BP_ROLE_SINK);
  bp_plugin_loader_free (l);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("BUDGETPIPE_PLUGIN_PATH");
  g_test_add_func ("/loader/good", test_good);
  g_test_add_func ("/loader/bad-abi", test_bad_abi);
  g_test_add_func ("/loader/bad-name", test_bad_name);
  g_test_add_func ("/loader/missing-symbol", test_missing_symbol);
  g_test_add_func ("/loader/unresolved-symbol", test_unresolved_symbol);
  g_test_add_func ("/loader/not-found", test_not_found);
  g_test_add_func ("/loader/search-order", test_search_order);
  g_test_add_func ("/loader/broken-file", test_broken_file);
  g_test_add_func ("/loader/scan", test_scan);
  g_test_add_func ("/loader/builtin-json", test_builtin_json);
  return g_test_run ();
}
