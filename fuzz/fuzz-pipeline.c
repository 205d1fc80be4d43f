/* A pipeline file through the parser (prescan, GKeyFile, stage options) and
 * every stage's init, with the plugins of the build tree. */
#include "config.h"

#include <stdlib.h>
#include "fuzz-common.h"

static BpPluginLoader *loader;
static char *dir, *conf;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_logging ();
  loader = bp_plugin_loader_new (NULL);
  dir = fuzz_scratch_dir ("pipeline");
  conf = g_build_filename (dir, "fuzz.conf", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (!g_file_set_contents (conf, (const char *) data, (gssize) size, NULL))
    abort ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  GError *e = NULL;
  BpPipeline *p = bp_pipeline_load (conf, loader, &e);
  if (p && !bp_pipeline_init (p, out, &e))
    g_clear_error (&e);
  g_clear_error (&e);
  bp_pipeline_free (p);
  return 0;
}
