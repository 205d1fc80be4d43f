/* The csv sink: long-format CSV files for a whole batch (fields.csv,
 * rows.csv, findings.csv), RFC 4180 quoting, money as plain yuan decimals.
 * Each document's records go to a spool file as it is processed (the batch
 * is never held in memory, only where each document's records start); at
 * the end of the batch they are copied in input order, whatever -j, into
 * temporary files renamed into place, so a spreadsheet never sees half a
 * batch and two runs of one batch give the same files. The records of
 * documents an earlier run wrote into the same files, and this batch did not
 * process again, are carried over: a run that writes one document (--only
 * csv --from-dump) must not remove the others. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <budgetpipe/budgetpipe.h>

typedef struct {
  char *dir;
  gboolean bom;
  char *document_id;  /* "stem" | "path" | "sha256" */
  GString *fields, *rows, *findings;   /* the current document's records */
  BpOutputFile *out[3];                 /* fields, rows, findings */
  GHashTable *ids;                      /* document ids written by this batch */
  guint n_documents;
  FILE *spool;                          /* every document's records, as processed */
  GArray *spooled;                      /* SpooledDocument, one per document */
} CsvState;

/* Where one document's records are in the spool: its three files' records
 * one after the other. */
typedef struct {
  guint batch_index;
  long offset;
  gsize len[3];
} SpooledDocument;

static const char *const FILE_NAMES[] = { "fields.csv", "rows.csv", "findings.csv" };

static const BpOption csv_options[] = {
  { "dir", BP_OPT_PATH, "${output}",
    "Directory of fields.csv, rows.csv and findings.csv (written at the end of the batch)",
    offsetof (CsvState, dir) },
  { "bom", BP_OPT_BOOL, "false",
    "Start each file with a UTF-8 byte order mark (Excel needs it to read UTF-8)",
    offsetof (CsvState, bom) },
  { "document-id", BP_OPT_ENUM, "stem",
    "What the document column holds: the input's file stem, its path or its SHA-256",
    offsetof (CsvState, document_id), "stem|path|sha256" },
  BP_OPTION_END
};

/* Every file starts with the document's identity, so a spreadsheet filters
 * by department or year without a join. */
#define DOC_COLUMNS "document", "kind", "year", "district", "department"
#define N_DOC_COLUMNS 5
static const char *const FIELDS_HEADER[] = { DOC_COLUMNS, "key", "value", "unit", "line", "page", "table_id", "source", NULL };
/* value: a figure in yuan (unit 元); text: a cell that is not a figure. */
static const char *const ROWS_HEADER[] = { DOC_COLUMNS, "table_id", "table_type", "row_line", "page", "code", "name",
                                           "column", "value", "unit", "text", NULL };
static const char *const FINDINGS_HEADER[] = { DOC_COLUMNS, "rule", "category", "severity", "line", "page", "table_id",
                                               "message", "expected", "actual", NULL };

/* RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.
 * A leading '=', '+', '-' or '@' is left alone: values are data, and money
 * can be negative. */
static void
csv_append_field (GString *out, const char *value, gboolean last)
{
  if (!value)
    value = "";
  if (strpbrk (value, ",\"\r\n"))
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

/* Appends one record: N values (NULL is an empty field). */
static void
csv_append_record (GString *out, guint n, const char *const *values)
{
  for (guint i = 0; i < n; i++)
    csv_append_field (out, values[i], i + 1 == n);
}

static GString *
csv_new_file (const CsvState *s, const char *const *header)
{
  GString *out = g_string_new (s->bom ? "\xEF\xBB\xBF" : "");
  csv_append_record (out, g_strv_length ((char **) header), header);
  return out;
}

static const char *
document_id (const CsvState *s, const BpDocument *doc)
{
  if (g_str_equal (s->document_id, "path"))
    return doc->path;
  if (g_str_equal (s->document_id, "sha256"))
    return doc->sha256;
  return doc->stem;
}

/* The DOC_COLUMNS values of DOC into OUT; YEAR is their buffer. */
static void
doc_columns (const CsvState *s, const BpDocument *doc, char year[16],
             const char *out[N_DOC_COLUMNS])
{
  if (doc->year > 0)
    g_snprintf (year, 16, "%d", doc->year);
  else
    year[0] = '\0';
  out[0] = document_id (s, doc);
  out[1] = doc->kind;
  out[2] = year;
  out[3] = doc->district;
  out[4] = doc->department;
}

/* The page of source LINE as text, "" when the pages are unknown. */
static const char *
page_of (const BpDocument *doc, int line, char buf[16])
{
  int page = bp_document_page_at_line (doc, line);
  if (page <= 0)
    return "";
  g_snprintf (buf, 16, "%d", page);
  return buf;
}

/* Appends the document's columns and then N more values. */
static void
append_doc_record (GString *out, const char *const doc_cols[N_DOC_COLUMNS], guint n,
                   const char *const *values)
{
  for (guint i = 0; i < N_DOC_COLUMNS; i++)
    csv_append_field (out, doc_cols[i], FALSE);
  csv_append_record (out, n, values);
}

static void
append_fields (CsvState *s, const BpDocument *doc)
{
  char year[16];
  const char *id[N_DOC_COLUMNS];
  doc_columns (s, doc, year, id);
  for (guint i = 0; i < doc->fields->len; i++)
    {
      const BpField *f = g_ptr_array_index (doc->fields, i);
      char value[BP_AMOUNT_BUFSZ], line[16], page[16];
      if (f->kind == BP_FIELD_MONEY)
        bp_amount_format_buf (f->value, value);
      else
        g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, f->value);
      g_snprintf (line, sizeof line, "%d", f->line);
      const char *rec[] = { f->key, value, f->kind == BP_FIELD_MONEY ? "元" : "count",
                            line, page_of (doc, f->line, page), f->table, f->source };
      append_doc_record (s->fields, id, G_N_ELEMENTS (rec), rec);
    }
}

/* A figure's yuan (in the table's unit), or NULL for a cell that is not a
 * figure (text, a code). */
static char *
cell_figure (const BpTable *t, const BpRow *r, guint col)
{
  bp_fen fen;
  if (!bp_table_column_is_code (t, col) && bp_table_cell_amount (t, r, col, &fen) == BP_AMOUNT_OK)
    return bp_amount_format (fen);
  return NULL;
}

/* A text cell that names the figure after it (or the row's first label)
 * is a name, not a value. LABELS: bp_row_labels of R. */
static gboolean
is_name_cell (const BpRow *r, const int *labels, guint c, int first_label)
{
  if ((int) c == first_label)
    return TRUE;
  if (labels[c + 1] != (int) c)
    return FALSE;                        /* a figure, or empty */
  for (guint j = c + 1; j < r->cells->len; j++)
    if (*(const char *) g_ptr_array_index (r->cells, j))
      return labels[j + 1] != (int) j;
  return FALSE;
}

/* The name of cell C: a figure is named by the nearest label on its left
 * (two-sided 收支总表 rows hold two), a text value by the row's label. */
static const char *
cell_name (const BpTable *t, const BpRow *r, const int *labels, guint c,
           int first_label)
{
  bp_fen fen;
  int label = bp_table_cell_amount (t, r, c, &fen) == BP_AMOUNT_OK
    ? labels[c] : first_label;
  return label >= 0 ? bp_row_cell (r, label) : NULL;
}

static void
append_row (CsvState *s, const char *const *id, const char *page, const BpTable *t,
            const BpRow *r)
{
  const char *code = bp_row_code (r);
  int first_label = bp_row_label_column (r);
  g_autofree int *labels = bp_row_labels (r);
  char line[16];
  g_snprintf (line, sizeof line, "%d", r->line);
  for (guint c = code ? 1 : 0; c < r->cells->len; c++)
    {
      const char *cell = g_ptr_array_index (r->cells, c);
      if (!*cell || is_name_cell (r, labels, c, first_label))
        continue;
      g_autofree char *column = bp_table_column_label (t, c);
      g_autofree char *fallback = g_strdup_printf ("c%u", c + 1);
      g_autofree char *figure = cell_figure (t, r, c);
      const char *rec[] = { t->id, t->type, line, page, code,
                            cell_name (t, r, labels, c, first_label),
                            column ? column : fallback, figure, figure ? "元" : NULL,
                            figure ? NULL : cell };
      append_doc_record (s->rows, id, G_N_ELEMENTS (rec), rec);
    }
}

static void
append_rows (CsvState *s, const BpDocument *doc)
{
  char year[16];
  const char *id[N_DOC_COLUMNS];
  doc_columns (s, doc, year, id);
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      for (guint j = 0; j < t->rows->len; j++)
        {
          const BpRow *r = g_ptr_array_index (t->rows, j);
          char page[16];
          append_row (s, id, page_of (doc, r->line, page), t, r);
        }
    }
}

static void
append_findings (CsvState *s, const BpDocument *doc)
{
  char year[16];
  const char *id[N_DOC_COLUMNS];
  doc_columns (s, doc, year, id);
  for (guint i = 0; i < doc->findings->len; i++)
    {
      const BpFinding *f = g_ptr_array_index (doc->findings, i);
      char line[16], page[16];
      g_snprintf (line, sizeof line, "%d", f->line);
      const char *rec[] = { f->rule, f->category, bp_severity_name (f->severity), line,
                            page_of (doc, f->line, page), f->table, f->message, f->expected,
                            f->actual };
      append_doc_record (s->findings, id, G_N_ELEMENTS (rec), rec);
    }
}

static gboolean
csv_init (BpStage *stage, void *state, GError **error)
{
  CsvState *s = state;
  s->fields = g_string_new (NULL);
  s->rows = g_string_new (NULL);
  s->findings = g_string_new (NULL);
  s->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->spooled = g_array_new (FALSE, FALSE, sizeof (SpooledDocument));
  return TRUE;
}

/* Opens the batch's three files, headers written, on first use. */
static gboolean
open_files (BpStage *stage, CsvState *s, GError **error)
{
  static const char *const *const headers[] = { FIELDS_HEADER, ROWS_HEADER, FINDINGS_HEADER };
  if (s->out[0])
    return TRUE;
  g_autofree char *dir = bp_stage_expand (stage, NULL, s->dir);
  for (guint i = 0; i < G_N_ELEMENTS (s->out); i++)
    {
      g_autofree char *path = g_build_filename (dir, FILE_NAMES[i], NULL);
      g_autoptr (GString) head = csv_new_file (s, headers[i]);
      s->out[i] = bp_output_file_open (path, error);
      if (!s->out[i] || !bp_output_file_write (s->out[i], head->str, head->len, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
spool_error (GError **error)
{
  int err = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
               "csv: temporary file: %s", g_strerror (err));
  return FALSE;
}

/* Appends the current document's records to the spool. */
static gboolean
spool_document (CsvState *s, const BpDocument *doc, GError **error)
{
  GString *records[] = { s->fields, s->rows, s->findings };
  if (!s->spool && !(s->spool = tmpfile ()))
    return spool_error (error);
  SpooledDocument d = { doc->batch_index, ftell (s->spool), { 0 } };
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      if (d.offset < 0 || fwrite (records[i]->str, 1, records[i]->len, s->spool) != records[i]->len)
        return spool_error (error);
      d.len[i] = records[i]->len;
    }
  g_array_append_val (s->spooled, d);
  return TRUE;
}

static gboolean
csv_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  CsvState *s = state;
  GString *records[] = { s->fields, s->rows, s->findings };
  if (!open_files (stage, s, error))
    return FALSE;
  append_fields (s, doc);
  append_rows (s, doc);
  append_findings (s, doc);
  gboolean ok = spool_document (s, doc, error);
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    g_string_truncate (records[i], 0);
  s->n_documents += ok;
  g_hash_table_add (s->ids, g_strdup (document_id (s, doc) ? document_id (s, doc) : ""));
  return ok;
}

/* The end of the record starting at P: after its line end outside quotes. */
static const char *
record_end (const char *p, const char *end)
{
  gboolean quoted = FALSE;
  for (; p < end; p++)
    if (*p == '"')
      quoted = !quoted;
    else if (*p == '\n' && !quoted)
      return p + 1;
  return end;
}

/* The first field of the record at P, unquoted. */
static char *
first_field (const char *p, const char *end)
{
  GString *f = g_string_new (NULL);
  if (p < end && *p == '"')
    for (p++; p < end && (*p != '"' || (p + 1 < end && p[1] == '"')); p++)
      {
        p += *p == '"';
        g_string_append_c (f, *p);
      }
  else
    for (; p < end && *p != ',' && *p != '\r' && *p != '\n'; p++)
      g_string_append_c (f, *p);
  return g_string_free (f, FALSE);
}

/* Copies to file I the records of the earlier file at its place whose
 * document this batch did not write. A file with another header (an older
 * layout, the other bom option) is replaced, not merged. */
static gboolean
keep_earlier_records (CsvState *s, guint i, const char *path, GError **error)
{
  static const char *const *const headers[] = { FIELDS_HEADER, ROWS_HEADER, FINDINGS_HEADER };
  g_autoptr (GMappedFile) old = g_mapped_file_new (path, FALSE, NULL);
  if (!old)
    return TRUE;
  const char *p = g_mapped_file_get_contents (old);
  const char *end = p + g_mapped_file_get_length (old);
  g_autoptr (GString) head = csv_new_file (s, headers[i]);
  if ((gsize) (end - p) < head->len || memcmp (p, head->str, head->len) != 0)
    return TRUE;
  for (p += head->len; p < end;)
    {
      const char *next = record_end (p, end);
      g_autofree char *id = first_field (p, next);
      if (!g_hash_table_contains (s->ids, id)
          && !bp_output_file_write (s->out[i], p, (gsize) (next - p), error))
        return FALSE;
      p = next;
    }
  return TRUE;
}

static gint
compare_batch_index (gconstpointer a, gconstpointer b)
{
  guint x = ((const SpooledDocument *) a)->batch_index;
  guint y = ((const SpooledDocument *) b)->batch_index;
  return (x > y) - (x < y);
}

/* Copies the spooled records of file I into it, documents in input order. */
static gboolean
write_spooled (CsvState *s, guint i, GError **error)
{
  g_autoptr (GString) buf = g_string_new (NULL);
  for (guint k = 0; k < s->spooled->len; k++)
    {
      const SpooledDocument *d = &g_array_index (s->spooled, SpooledDocument, k);
      long at = d->offset;
      for (guint j = 0; j < i; j++)
        at += (long) d->len[j];
      g_string_set_size (buf, d->len[i]);
      if (d->len[i] && (fseek (s->spool, at, SEEK_SET) != 0
                        || fread (buf->str, 1, d->len[i], s->spool) != d->len[i]))
        return spool_error (error);
      if (!bp_output_file_write (s->out[i], buf->str, d->len[i], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
csv_finish (BpStage *stage, void *state, GError **error)
{
  CsvState *s = state;
  if (!open_files (stage, s, error))
    return FALSE;
  g_autofree char *dir = bp_stage_expand (stage, NULL, s->dir);
  /* indices are unique within a batch: the order is total */
  g_array_sort (s->spooled, compare_batch_index);
  if (s->spool && fflush (s->spool) != 0)
    return spool_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (s->out); i++)
    {
      g_autofree char *path = g_build_filename (dir, FILE_NAMES[i], NULL);
      if (!write_spooled (s, i, error) || !keep_earlier_records (s, i, path, error)
          || !bp_output_file_commit (g_steal_pointer (&s->out[i]), error))
        return FALSE;
    }
  BP_INFO (stage, "%u documents written to %s/{fields,rows,findings}.csv",
           s->n_documents, dir);
  return TRUE;
}

static void
csv_free (BpStage *stage, void *state)
{
  CsvState *s = state;
  for (guint i = 0; i < G_N_ELEMENTS (s->out); i++)
    bp_output_file_discard (g_steal_pointer (&s->out[i]));
  if (s->fields)
    g_string_free (s->fields, TRUE);
  if (s->rows)
    g_string_free (s->rows, TRUE);
  if (s->findings)
    g_string_free (s->findings, TRUE);
  if (s->ids)
    g_hash_table_destroy (s->ids);
  if (s->spooled)
    g_array_free (s->spooled, TRUE);
  if (s->spool)
    fclose (s->spool);
}

BP_PLUGIN_DEFINE (csv) = {
  .abi_version = BP_ABI_VERSION,
  .name = "csv",
  .summary = "Writes fields.csv, rows.csv and findings.csv for the batch (long format, RFC 4180)",
  .role = BP_ROLE_SINK,
  .options = csv_options,
  .state_size = sizeof (CsvState),
  .init = csv_init,
  .process = csv_process,
  .finish = csv_finish,
  .free = csv_free,
};
