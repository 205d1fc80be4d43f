/* The json sink: one SCHEMA.md document per input, written atomically. */
#include <budgetpipe/budgetpipe.h>

typedef struct {
  char *path;
  gboolean full;
} JsonSinkState;

static const BpOption json_options[] = {
  { "path", BP_OPT_PATH, "${output}/${stem}.json",
    "Output file per document (${output}, ${stem}, ${input} expand)",
    offsetof (JsonSinkState, path) },
  { "full", BP_OPT_BOOL, "false",
    "Also write the internal state (lines, claims, toc, source bytes), as --dump-dir does",
    offsetof (JsonSinkState, full) },
  BP_OPTION_END
};

static gboolean
json_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  JsonSinkState *s = state;
  g_autofree char *path = bp_stage_expand (stage, doc, s->path);
  gsize len;
  if (!bp_document_write_json (doc, s->full, path, &len, error))
    return FALSE;
  BP_DEBUG (stage, "%s: wrote %s (%" G_GSIZE_FORMAT " bytes)", doc->path, path, len);
  return TRUE;
}

BP_PLUGIN_DEFINE (json) = {
  .abi_version = BP_ABI_VERSION,
  .name = "json",
  .summary = "Writes each document as budgetpipe.document/1 JSON (SCHEMA.md)",
  .role = BP_ROLE_SINK,
  .options = json_options,
  .state_size = sizeof (JsonSinkState),
  .process = json_process,
};
