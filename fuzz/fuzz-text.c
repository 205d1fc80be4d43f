/* Raw text through every stage of the default pipeline (cleanup, tables,
 * fields, the district stages, validate), then to the JSON the json sink
 * writes, which must read back (--from-dump reads every dump). */
#include "config.h"

#include <stdlib.h>
#include "fuzz-common.h"

static BpPluginLoader *loader;
static BpPipeline *pipeline;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_logging ();
  g_autofree char *out = fuzz_scratch_dir ("text");
  loader = bp_plugin_loader_new (NULL);
  pipeline = fuzz_load_pipeline (loader, "default", out);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  BpDocument *doc = bp_document_new_from_bytes ("fuzz.txt", data, size);
  guint roles = ~FUZZ_ROLE (BP_ROLE_SINK);
  if (fuzz_run_stages (pipeline, doc, roles))
    {
      gsize len;
      g_autofree char *json = bp_document_to_json (doc, TRUE, &len);
      GError *e = NULL;
      BpDocument *back = bp_document_from_json (json, (gssize) len, &e);
      if (!back)
        {
          fprintf (stderr, "fuzz: the document's JSON does not read back: %s\n", e->message);
          abort ();
        }
      bp_document_free (back);
    }
  bp_document_free (doc);
  return 0;
}
