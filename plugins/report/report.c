/* The report sink: a page people can read per document (HTML and/or
 * Markdown) and an index of the batch. Pages are written atomically as each
 * document arrives; the index at the end of the batch. The index lists this
 * batch's documents and every earlier one whose page is still in the
 * directory (kept in index.ini): a run that reports one document
 * (--only report --from-dump) must not drop the others from the index. */
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

/* The index's record of its entries, read back by the next run. */
#define ENTRIES_FILE "index.ini"

static const char *const ENTRY_COUNTS[] = { "tables", "fields", "errors", "warnings", "infos" };

static guint *
entry_count (ReportEntry *e, guint i)
{
  guint *counts[] = { &e->tables, &e->fields, &e->errors, &e->warnings, &e->infos };
  return counts[i];
}

static char *
entries_to_keyfile (GPtrArray *entries)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      ReportEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *group = g_strdup_printf ("entry %u", i + 1);
      g_key_file_set_string (kf, group, "stem", e->stem);
      g_key_file_set_string (kf, group, "title", e->title ? e->title : "");
      g_key_file_set_string (kf, group, "path", e->path ? e->path : "");
      for (guint k = 0; k < G_N_ELEMENTS (ENTRY_COUNTS); k++)
        g_key_file_set_uint64 (kf, group, ENTRY_COUNTS[k], *entry_count (e, k));
    }
  return g_key_file_to_data (kf, NULL, NULL);
}

static gboolean
has_page (const char *dir, const char *stem)
{
  static const char *const exts[] = { ".html", ".md" };
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strconcat (stem, exts[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }
  return FALSE;
}

/* Adds the entries of an earlier run's index that this batch did not
 * replace and whose page is still in DIR. An unreadable record is no
 * index: the batch's own entries are. */
static void
keep_earlier_entries (ReportState *s, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, ENTRIES_FILE, NULL);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < s->entries->len; i++)
    g_hash_table_add (seen, ((ReportEntry *) g_ptr_array_index (s->entries, i))->stem);
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      g_autofree char *stem = g_key_file_get_string (kf, groups[i], "stem", NULL);
      if (!stem || !*stem || g_hash_table_contains (seen, stem) || !has_page (dir, stem))
        continue;
      ReportEntry *e = g_new0 (ReportEntry, 1);
      e->stem = g_steal_pointer (&stem);
      e->title = g_key_file_get_string (kf, groups[i], "title", NULL);
      e->path = g_key_file_get_string (kf, groups[i], "path", NULL);
      for (guint k = 0; k < G_N_ELEMENTS (ENTRY_COUNTS); k++)
        *entry_count (e, k) = (guint) MIN (g_key_file_get_uint64 (kf, groups[i], ENTRY_COUNTS[k], NULL),
                                           G_MAXUINT);
      g_ptr_array_add (s->entries, e);
      g_hash_table_add (seen, e->stem);
    }
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
  guint batch = s->entries->len;
  keep_earlier_entries (s, dir);
  /* With -j N documents arrive in any order: the index is sorted. */
  g_ptr_array_sort (s->entries, compare_entries);
  g_autofree char *path = g_build_filename (dir, ENTRIES_FILE, NULL);
  g_autofree char *record = entries_to_keyfile (s->entries);
  if (!bp_write_file_atomic (path, record, -1, error))
    return FALSE;
  gboolean html = wants (s, "html"), markdown = wants (s, "markdown");
  if (html && !write_page (dir, "index", ".html", report_html_index (s->entries, markdown), error))
    return FALSE;
  if (markdown && !write_page (dir, "index", ".md", report_markdown_index (s->entries, html), error))
    return FALSE;
  BP_INFO (stage, "report of %u documents in %s (%u from earlier runs)",
           s->entries->len, dir, s->entries->len - batch);
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
