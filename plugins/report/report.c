/* The report sink: a page people can read per document (HTML and/or
 * Markdown) and an index of the batch. Pages are written atomically as each
 * document arrives; the index at the end of the batch. */
#include <string.h>
#include "report-private.h"

static const BpOption report_options[] = {
  { "dir", BP_OPT_PATH, "${output}/report",
    "Directory of the per-document pages and index.html / index.md",
    offsetof (ReportState, dir) },
  { "formats", BP_OPT_ENUM, "html+markdown",
    "Which pages to write", offsetof (ReportState, formats),
    "html+markdown|html|markdown" },
  { "context", BP_OPT_INT, "2",
    "Source lines shown before and after the line of each finding",
    offsetof (ReportState, context) },
  BP_OPTION_END
};

static void
entry_free (ReportEntry *e)
{
  g_free (e->stem);
  g_free (e->title);
  g_free (e->path);
  g_free (e);
}

static gboolean
wants (const ReportState *s, const char *format)
{
  return strstr (s->formats, format) != NULL;
}

static gboolean
report_init (BpStage *stage, void *state, GError **error)
{
  ReportState *s = state;
  if (s->context < 0 || s->context > 50)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "context must be between 0 and 50 (is %" G_GINT64_FORMAT ")", s->context);
      return FALSE;
    }
  s->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  return TRUE;
}

static ReportEntry *
entry_new (const BpDocument *doc)
{
  ReportEntry *e = g_new0 (ReportEntry, 1);
  e->stem = g_strdup (doc->stem ? doc->stem : "document");
  e->title = report_title (doc);
  e->path = g_strdup (doc->path);
  e->tables = doc->tables->len;
  e->fields = doc->fields->len;
  e->errors = bp_document_count_findings (doc, BP_SEVERITY_ERROR);
  e->warnings = bp_document_count_findings (doc, BP_SEVERITY_WARNING) - e->errors;
  e->infos = doc->findings->len - e->errors - e->warnings;
  return e;
}

static gboolean
write_page (const char *dir, const char *stem, const char *ext, char *content,
            GError **error)
{
  g_autofree char *owned = content;
  g_autofree char *name = g_strconcat (stem, ext, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return bp_write_file_atomic (path, owned, -1, error);
}

static gboolean
report_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  ReportState *s = state;
  g_autofree char *dir = bp_stage_expand (stage, doc, s->dir);
  ReportEntry *e = entry_new (doc);
  g_ptr_array_add (s->entries, e);
  if (wants (s, "html")
      && !write_page (dir, e->stem, ".html", report_html_document (doc, (int) s->context), error))
    return FALSE;
  if (wants (s, "markdown")
      && !write_page (dir, e->stem, ".md", report_markdown_document (doc, (int) s->context), error))
    return FALSE;
  BP_DEBUG (stage, "%s: report in %s", doc->path, dir);
  return TRUE;
}

static gint
compare_entries (gconstpointer a, gconstpointer b)
{
  const ReportEntry *x = *(const ReportEntry *const *) a, *y = *(const ReportEntry *const *) b;
  return g_strcmp0 (x->stem, y->stem);
}

static gboolean
report_finish (BpStage *stage, void *state, GError **error)
{
  ReportState *s = state;
  g_autofree char *dir = bp_stage_expand (stage, NULL, s->dir);
  /* With -j N documents arrive in any order: the index is sorted. */
  g_ptr_array_sort (s->entries, compare_entries);
  gboolean html = wants (s, "html"), markdown = wants (s, "markdown");
  if (html && !write_page (dir, "index", ".html", report_html_index (s->entries, markdown), error))
    return FALSE;
  if (markdown && !write_page (dir, "index", ".md", report_markdown_index (s->entries, html), error))
    return FALSE;
  BP_INFO (stage, "report of %u documents in %s", s->entries->len, dir);
  return TRUE;
}

static void
report_free (BpStage *stage, void *state)
{
  ReportState *s = state;
  if (s->entries)
    g_ptr_array_free (s->entries, TRUE);
}

BP_PLUGIN_DEFINE (report) = {
  .abi_version = BP_ABI_VERSION,
  .name = "report",
  .summary = "Writes a readable report per document (HTML, Markdown) and a batch index",
  .role = BP_ROLE_SINK,
  .options = report_options,
  .state_size = sizeof (ReportState),
  .init = report_init,
  .process = report_process,
  .finish = report_finish,
  .free = report_free,
};
