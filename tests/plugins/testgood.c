/* Test-only plugin: a well-formed descriptor with one option of each type.
 * process() records its options in the document's meta so tests can see
 * what the core parsed. */
#include <budgetpipe/budgetpipe.h>

typedef struct {
  char *label;
  gint64 count;
  gboolean flag;
  bp_fen limit;
  char *mode;
  char **items;
  char *path;
  char *finding;
} TestGoodState;

static const BpOption testgood_options[] = {
  { "label", BP_OPT_STRING, "hello", "A string", offsetof (TestGoodState, label) },
  { "count", BP_OPT_INT, "3", "An integer", offsetof (TestGoodState, count) },
  { "flag", BP_OPT_BOOL, "false", "A boolean", offsetof (TestGoodState, flag) },
  { "limit", BP_OPT_MONEY, "0.50", "An amount in 元", offsetof (TestGoodState, limit) },
  { "mode", BP_OPT_ENUM, "fast", "fast or slow", offsetof (TestGoodState, mode), "fast|slow" },
  { "items", BP_OPT_LIST, "a;b", "A list", offsetof (TestGoodState, items) },
  { "path", BP_OPT_PATH, "${output}/${stem}.txt", "A path", offsetof (TestGoodState, path) },
  { "finding", BP_OPT_ENUM, "none", "Add a finding of this severity",
    offsetof (TestGoodState, finding), "none|info|warning|error" },
  BP_OPTION_END
};

static gboolean
testgood_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  TestGoodState *s = state;
  char buf[BP_AMOUNT_BUFSZ];
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, s->count);
  g_autofree char *items = g_strjoinv ("|", s->items);
  g_autofree char *path = bp_stage_expand (stage, doc, s->path);
  bp_document_set_meta (doc, "testgood.label", s->label);
  bp_document_set_meta (doc, "testgood.count", count);
  bp_document_set_meta (doc, "testgood.flag", s->flag ? "true" : "false");
  bp_document_set_meta (doc, "testgood.limit", bp_amount_format_buf (s->limit, buf));
  bp_document_set_meta (doc, "testgood.mode", s->mode);
  bp_document_set_meta (doc, "testgood.items", items);
  bp_document_set_meta (doc, "testgood.path", path);
  BpSeverity sev;
  if (bp_severity_from_name (s->finding, &sev))
    bp_document_add_finding (doc, "test.finding", "metadata", sev, 1, NULL,
                             "a %s finding on request", s->finding);
  if (g_strcmp0 (s->label, "fail") == 0)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INPUT, "asked to fail");
      return FALSE;
    }
  return TRUE;
}

BP_PLUGIN_DEFINE (testgood) = {
  .abi_version = BP_ABI_VERSION,
  .name = "testgood",
  .summary = "Test plugin that records its options",
  .role = BP_ROLE_OTHER,
  .options = testgood_options,
  .state_size = sizeof (TestGoodState),
  .process = testgood_process,
};
