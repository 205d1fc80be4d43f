/* Pipeline files: good and bad ones, option parsing into the plugin state,
 * file:line errors. Uses the test-only plugin tests/plugins/testgood. */
#include "config.h"

#include <string.h>
#include "harness.h"
#include "../core/pipeline.h"

static BpPluginLoader *
test_loader (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "tests", "plugins", NULL);
  const char *dirs[] = { dir, NULL };
  return bp_plugin_loader_new (dirs);
}

static BpPipeline *
load_test_pipeline (BpPluginLoader *loader, const char *name, GError **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "tests",
                                                 "pipelines", name, NULL);
  return bp_pipeline_load (path, loader, error);
}

static void
test_good_pipeline (void)
{
  BpPluginLoader *loader = test_loader ();
  GError *e = NULL;
  BpPipeline *p = load_test_pipeline (loader, "good.conf", &e);
  g_assert_no_error (e);
  g_assert_cmpstr (p->name, ==, "good");
  g_assert_cmpuint (p->stages->len, ==, 2);
  BpStage *second = bp_pipeline_find_stage (p, "second");
  g_assert_false (second->enabled);
  g_assert_true (bp_pipeline_init (p, "/tmp/bp-out", &e));
  g_assert_no_error (e);

  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("dir/sample.txt", "x\n", 2);
  BpStage *first = bp_pipeline_find_stage (p, "first");
  g_assert_true (bp_stage_process (first, doc, &e));
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.label"), ==, "world");
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.count"), ==, "7");
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.flag"), ==, "true");
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.limit"), ==, "1234.56");
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.mode"), ==, "slow");
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.items"), ==, "x|y|z");
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.path"), ==, "/tmp/bp-out/sample.first");
  g_assert_cmpuint (doc->stages->len, ==, 1);
  bp_pipeline_free (p);
  bp_plugin_loader_free (loader);
}

/* Defaults from the option table apply when the file does not set a key. */
static void
test_defaults (void)
{
  BpPluginLoader *loader = test_loader ();
  GError *e = NULL;
  BpPipeline *p = load_test_pipeline (loader, "good.conf", &e);
  g_assert_no_error (e);
  BpStage *second = bp_pipeline_find_stage (p, "second");
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("a.txt", "", 0);
  g_assert_true (bp_stage_process (second, doc, &e));
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.label"), ==, "hello");
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.count"), ==, "3");
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.limit"), ==, "0.50");
  g_assert_cmpstr (bp_document_get_meta (doc, "testgood.items"), ==, "a|b");
  bp_pipeline_free (p);
  bp_plugin_loader_free (loader);
}

typedef struct {
  const char *file;
  const char *expect[3];  /* substrings the error message must contain */
} BadCase;

static const BadCase bad_cases[] = {
  { "unknown-key.conf", { "unknown-key.conf:7:", "'colour'", "allowed keys: plugin, enabled" } },
  { "wrong-type.conf", { "wrong-type.conf:7:", "wants a int", "'many'" } },
  { "bad-enum.conf", { "bad-enum.conf:7:", "'medium'", "fast|slow" } },
  { "duplicate-group.conf", { "duplicate-group.conf:8:", "[stage first]", "first at line 5" } },
  { "missing-stage.conf", { "missing-stage.conf:3:", "'second'", "no [stage second]" } },
  { "missing-plugin.conf", { "missing-plugin.conf:6:", "'nosuchplugin' not found", "searched:" } },
  { "syntax.conf", { "syntax.conf:4:", "expected 'key = value'", "" } },
  { "badabi.conf", { "badabi.conf:6:", "has ABI version " G_STRINGIFY (BP_ABI_VERSION), "rebuild the plugin" } },
  { "bad-utf8.conf", { "bad-utf8.conf:9:", "'enabled' is not valid UTF-8", "" } },
  { "bad-utf8-option.conf", { "bad-utf8-option.conf:8:", "'mode' is not valid UTF-8", "" } },
  { "duplicate-stage.conf", { "duplicate-stage.conf:3:", "'first' is listed twice", "" } },
  { "plugin-path.conf", { "plugin-path.conf:6:", "'../plugins/testgood' is not a plugin name", "--plugin-path" } },
};

static void
test_bad_pipeline (gconstpointer data)
{
  const BadCase *c = data;
  BpPluginLoader *loader = test_loader ();
  GError *e = NULL;
  BpPipeline *p = load_test_pipeline (loader, c->file, &e);
  g_assert_null (p);
  g_assert_error (e, BP_ERROR, e->code);
  for (int i = 0; i < 3; i++)
    if (!strstr (e->message, c->expect[i]))
      g_error ("%s: message '%s' lacks '%s'", c->file, e->message, c->expect[i]);
  g_error_free (e);
  bp_plugin_loader_free (loader);
}

static void
test_debug_spec (void)
{
  BpPluginLoader *loader = test_loader ();
  GError *e = NULL;
  BpPipeline *p = load_test_pipeline (loader, "good.conf", &e);
  g_assert_no_error (e);
  BpStage *first = bp_pipeline_find_stage (p, "first");
  bp_stage_apply_debug_spec (first, "*:error,first:debug");
  g_assert_true (bp_stage_log_enabled (first, G_LOG_LEVEL_DEBUG));
  bp_stage_apply_debug_spec (first, "second:debug,*:message");
  g_assert_true (bp_stage_log_enabled (first, G_LOG_LEVEL_MESSAGE));
  g_assert_false (bp_stage_log_enabled (first, G_LOG_LEVEL_INFO));
  bp_pipeline_free (p);
  bp_plugin_loader_free (loader);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  bp_log_init ();
  g_test_add_func ("/pipeline/good", test_good_pipeline);
  g_test_add_func ("/pipeline/defaults", test_defaults);
  g_test_add_func ("/pipeline/debug-spec", test_debug_spec);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/pipeline/bad/%s", bad_cases[i].file);
      g_test_add_data_func (name, &bad_cases[i], test_bad_pipeline);
    }
  return g_test_run ();
}
