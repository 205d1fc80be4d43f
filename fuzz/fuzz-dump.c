/* A --from-dump document through validate and every sink (json, csv,
 * sqlite, report, as the corpus pipeline has them). Each document is a batch
 * of its own: the sinks finish (CSV files, report index, SQLite) and start
 * again on an emptied output directory. So every execution frees what it
 * allocates, which keeps libFuzzer's leak check exact and cheap (an
 * execution with more mallocs than frees is run again under a full LSan
 * scan: with batches of 256 that was 6 times slower), the end-of-batch
 * code is fuzzed too, and the disk stays bounded. */
#include "config.h"

#include <stdlib.h>
#include "fuzz-common.h"

/* The stages after the district ones; written to a file of its own so a
 * new stage in a shipped pipeline (one that reads PDFs) changes nothing. */
static const char PIPELINE[] =
  "[pipeline]\nname = fuzz-dump\nstages = validate;json;csv;sqlite;report\n"
  "[stage validate]\nplugin = validate\n"
  "[stage json]\nplugin = json\npath = ${output}/${stem}.json\n"
  "[stage csv]\nplugin = csv\n"
  "[stage sqlite]\nplugin = sqlite\n"
  "[stage report]\nplugin = report\n";

static BpPluginLoader *loader;
static BpPipeline *pipeline;
static char *out, *conf;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
finish_batch (void)
{
  for (guint i = 0; i < pipeline->stages->len; i++)
    {
      BpStage *s = g_ptr_array_index (pipeline->stages, i);
      GError *e = NULL;
      if (s->initialized && s->documents && s->plugin->desc->finish
          && !s->plugin->desc->finish (s, s->state, &e))
        g_clear_error (&e);
    }
  bp_pipeline_free (pipeline);
  fuzz_empty_dir (out);
  pipeline = fuzz_load_pipeline (loader, conf, out);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_logging ();
  loader = bp_plugin_loader_new (NULL);
  g_autofree char *dir = fuzz_scratch_dir ("dump");
  out = g_build_filename (dir, "out", NULL);
  conf = g_build_filename (dir, "fuzz-dump.conf", NULL);
  if (!g_file_set_contents (conf, PIPELINE, -1, NULL))
    abort ();
  pipeline = fuzz_load_pipeline (loader, conf, out);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  BpDocument *doc = bp_document_from_json ((const char *) data, (gssize) size, NULL);
  if (!doc)
    return 0;
  fuzz_run_stages (pipeline, doc, FUZZ_ROLE (BP_ROLE_VALIDATE) | FUZZ_ROLE (BP_ROLE_SINK));
  bp_document_free (doc);
  finish_batch ();
  return 0;
}
