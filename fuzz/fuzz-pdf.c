/* A PDF's bytes through the pdf stage (poppler_document_new_from_bytes,
 * each page's glyph boxes, the page layout into tab-separated lines): the
 * lines it gives must be valid UTF-8, numbered in order, and on pages
 * 1..pdf.pages (page 0, unknown, only for a one-page file: no form feed). Poppler itself is not instrumented; what the fuzzer steers
 * is our side of it: the geometry of whatever glyphs a damaged file gives. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "fuzz-common.h"

static const char PIPELINE[] =
  "[pipeline]\nname = fuzz-pdf\nstages = pdf\n"
  "[stage pdf]\nplugin = pdf\n";

static BpPluginLoader *loader;
static BpPipeline *pipeline;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_logging ();
  loader = bp_plugin_loader_new (NULL);
  g_autofree char *dir = fuzz_scratch_dir ("pdf");
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *conf = g_build_filename (dir, "fuzz-pdf.conf", NULL);
  if (!g_file_set_contents (conf, PIPELINE, -1, NULL))
    abort ();
  pipeline = fuzz_load_pipeline (loader, conf, out);
  return 0;
}

static void
check_lines (const BpDocument *doc)
{
  const char *pages = bp_document_get_meta (doc, "pdf.pages");
  if (!pages)
    return;   /* not a PDF: the stage passed it unchanged */
  int n_pages = atoi (pages);
  int previous = 0;
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      int page = bp_document_line_page (doc, l);
      if (!g_utf8_validate (l->text, -1, NULL) || l->line <= previous
          || page > n_pages || (page < 1 && n_pages > 1))
        {
          fprintf (stderr, "fuzz: line %u of %d pages is wrong: line %d after %d, page %d\n",
                   i, n_pages, l->line, previous, page);
          abort ();
        }
      previous = l->line;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  BpDocument *doc = bp_document_new_from_bytes ("fuzz.pdf", data, size);
  if (fuzz_run_stages (pipeline, doc, FUZZ_ROLE (BP_ROLE_CLEANUP)))
    check_lines (doc);
  bp_document_free (doc);
  return 0;
}
