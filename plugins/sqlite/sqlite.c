/* The sqlite sink: one SQLite database for a whole corpus. Each document is
 * written in one transaction that first deletes the rows of the same output
 * name (stem) under the same pipeline, as the JSON file of that name is
 * replaced, so a rerun replaces instead of
 * duplicating, and a killed run leaves the previous state. */
#include <budgetpipe/budgetpipe.h>
#include "sqlite-private.h"

enum {
  ST_DELETE, ST_DOCUMENT, ST_TABLE, ST_COLUMN, ST_ROW, ST_CELL, ST_FIELD, ST_CLASS,
  ST_FINDING, N_STATEMENTS
};

static const char *const STATEMENT_SQL[N_STATEMENTS] = {
  [ST_DELETE] = "DELETE FROM documents WHERE stem = ?1 AND pipeline = ?2",
  [ST_DOCUMENT] = "INSERT INTO documents (sha256, pipeline, source_path, stem, bytes, "
    "encoding, kind, year, city, district, department, unit, profile, processed_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
  [ST_TABLE] = "INSERT INTO tables (document_id, table_id, type, number, title, line, "
    "end_line, unit, empty, note, page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  [ST_COLUMN] = "INSERT INTO table_columns (table_ref, col, header) VALUES (?1, ?2, ?3)",
  [ST_ROW] = "INSERT INTO table_rows (table_ref, position, line, code, name, page) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [ST_CELL] = "INSERT INTO cells (row_ref, col, label, text, amount) "
    "VALUES (?1, ?2, ?3, ?4, ?5)",
  [ST_FIELD] = "INSERT INTO fields (document_id, key, kind, value, line, table_id, source, page) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [ST_CLASS] = "INSERT INTO classification (document_id, kind, code, name, total, basic, "
    "project, personnel, public, line, table_id, page) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
  [ST_FINDING] = "INSERT INTO findings (document_id, rule, category, severity, line, "
    "table_id, message, expected, actual, page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
};

typedef struct {
  char *path;
  gint64 busy_timeout;
  char *synchronous;
  sqlite3 *db;
  char *db_path;          /* the expanded path db is open on */
  sqlite3_stmt *st[N_STATEMENTS];
  guint n_documents;
  gint64 n_rows;          /* rows inserted, all tables */
} SqliteState;

static const BpOption sqlite_options[] = {
  { "path", BP_OPT_PATH, "${output}/budget.sqlite",
    "Database file, shared by the whole batch (and by later runs)",
    offsetof (SqliteState, path) },
  { "busy-timeout", BP_OPT_INT, "30000",
    "Milliseconds to wait for another process that holds the write lock",
    offsetof (SqliteState, busy_timeout) },
  { "synchronous", BP_OPT_ENUM, "normal",
    "PRAGMA synchronous: normal is durable across crashes of the program in WAL mode, "
    "full also across power loss",
    offsetof (SqliteState, synchronous), "normal|full" },
  BP_OPTION_END
};

static gboolean
sql_fail (SqliteState *s, GError **error)
{
  g_set_error (error, BP_ERROR, BP_ERROR_OUTPUT, "%s: %s", s->db_path,
               sqlite3_errmsg (s->db));
  return FALSE;
}

static void
close_db (SqliteState *s)
{
  for (int i = 0; i < N_STATEMENTS; i++)
    g_clear_pointer (&s->st[i], sqlite3_finalize);
  g_clear_pointer (&s->db, sqlite3_close);
  g_clear_pointer (&s->db_path, g_free);
}

static gboolean
configure_db (SqliteState *s, GError **error)
{
  g_autofree char *pragmas = g_strdup_printf (
    "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = %s;",
    s->synchronous);
  sqlite3_busy_timeout (s->db, (int) CLAMP (s->busy_timeout, 0, G_MAXINT));
  if (!bp_sqlite_exec (s->db, pragmas, error)
      || !bp_sqlite_create_schema (s->db, error))
    return FALSE;
  for (int i = 0; i < N_STATEMENTS; i++)
    if (sqlite3_prepare_v3 (s->db, STATEMENT_SQL[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &s->st[i], NULL) != SQLITE_OK)
      return sql_fail (s, error);
  return TRUE;
}

/* Opens PATH unless it is already open. */
static gboolean
open_db (BpStage *stage, SqliteState *s, const char *path, GError **error)
{
  if (s->db && g_str_equal (s->db_path, path))
    return TRUE;
  close_db (s);
  g_autofree char *dir = g_path_get_dirname (path);
  g_mkdir_with_parents (dir, 0777);
  s->db_path = g_strdup (path);
  if (sqlite3_open_v2 (path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK
      || !configure_db (s, error))
    {
      if (error && !*error)
        sql_fail (s, error);
      g_prefix_error (error, "%s: ", path);
      close_db (s);
      return FALSE;
    }
  BP_DEBUG (stage, "opened %s", path);
  return TRUE;
}

/* ---- binding --------------------------------------------------------- */

static void
bind_text (sqlite3_stmt *st, int i, const char *text)
{
  if (text)
    sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, i);
}

static void
bind_fen (sqlite3_stmt *st, int i, gboolean has, bp_fen value)
{
  if (has)
    sqlite3_bind_int64 (st, i, value);
  else
    sqlite3_bind_null (st, i);
}

/* The page of source LINE, NULL when the pages are unknown. */
static void
bind_page (sqlite3_stmt *st, int i, const BpDocument *doc, int line)
{
  int page = bp_document_page_at_line (doc, line);
  bind_fen (st, i, page > 0, page);
}

/* Steps an INSERT/DELETE and resets it; counts inserted rows. */
static gboolean
run (SqliteState *s, sqlite3_stmt *st, GError **error)
{
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  if (rc != SQLITE_DONE)
    return sql_fail (s, error);
  if (st != s->st[ST_DELETE])
    s->n_rows++;
  return TRUE;
}

/* ---- one document ---------------------------------------------------- */

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
insert_document (SqliteState *s, const BpDocument *doc, const char *pipeline,
                 gint64 *id, GError **error)
{
  sqlite3_stmt *st = s->st[ST_DOCUMENT];
  g_autofree char *now = now_iso8601 ();
  bind_text (st, 1, doc->sha256);
  bind_text (st, 2, pipeline);
  bind_text (st, 3, doc->path ? doc->path : "");
  bind_text (st, 4, doc->stem);
  sqlite3_bind_int64 (st, 5, (gint64) bp_document_input_size (doc));
  bind_text (st, 6, doc->encoding);
  bind_text (st, 7, doc->kind);
  bind_fen (st, 8, doc->year != 0, doc->year);
  bind_text (st, 9, doc->city);
  bind_text (st, 10, doc->district);
  bind_text (st, 11, doc->department);
  bind_text (st, 12, bp_unit_name (doc->unit));
  bind_text (st, 13, doc->profile);
  bind_text (st, 14, now);
  if (!run (s, st, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (s->db);
  return TRUE;
}

/* A classification code is a label, not money: the row's own code cell
 * ("201") and the cells of a column headed 类/款/项 or …编码/…代码 hold codes that
 * parse as figures; summing cells.amount must not count them. */
static gboolean
cell_is_code (const BpTable *t, const BpRow *r, guint col)
{
  if (col == 0 && bp_row_code (r))
    return TRUE;
  return bp_table_column_is_code (t, col);
}

/* NAME: the column of the row's name (stored in table_rows). */
static gboolean
insert_cells (SqliteState *s, const BpTable *t, const BpRow *r, int name,
              gint64 row_ref, GError **error)
{
  sqlite3_stmt *st = s->st[ST_CELL];
  g_autofree int *labels = bp_row_labels (r);
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *text = g_ptr_array_index (r->cells, c);
      if (!*text)
        continue;   /* an empty cell has no row: absent, not zero */
      bp_fen fen = 0;
      gboolean figure = !cell_is_code (t, r, c)
                        && bp_table_cell_amount (t, r, c, &fen) == BP_AMOUNT_OK;
      int label = labels[c];
      sqlite3_bind_int64 (st, 1, row_ref);
      sqlite3_bind_int (st, 2, (int) c);
      bind_text (st, 3, label >= 0 && label != name ? bp_row_cell (r, label) : NULL);
      bind_text (st, 4, text);
      bind_fen (st, 5, figure, fen);
      if (!run (s, st, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_rows (SqliteState *s, const BpDocument *doc, const BpTable *t,
             gint64 table_ref, GError **error)
{
  sqlite3_stmt *st = s->st[ST_ROW];
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      int label = bp_row_label_column (r);
      sqlite3_bind_int64 (st, 1, table_ref);
      sqlite3_bind_int (st, 2, (int) i);
      sqlite3_bind_int (st, 3, r->line);
      bind_text (st, 4, bp_row_code (r));
      bind_text (st, 5, label >= 0 ? bp_row_cell (r, label) : NULL);
      bind_page (st, 6, doc, r->line);
      if (!run (s, st, error)
          || !insert_cells (s, t, r, label, sqlite3_last_insert_rowid (s->db), error))
        return FALSE;
    }
  return TRUE;
}

static guint
n_columns (const BpTable *t)
{
  guint n = 0;
  for (guint i = 0; i < t->header->len; i++)
    n = MAX (n, ((GPtrArray *) g_ptr_array_index (t->header, i))->len);
  for (guint i = 0; i < t->rows->len; i++)
    n = MAX (n, ((BpRow *) g_ptr_array_index (t->rows, i))->cells->len);
  return n;
}

static gboolean
insert_columns (SqliteState *s, const BpTable *t, gint64 table_ref, GError **error)
{
  sqlite3_stmt *st = s->st[ST_COLUMN];
  guint n = n_columns (t);
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *header = bp_table_column_label (t, c);
      if (!header)
        continue;
      sqlite3_bind_int64 (st, 1, table_ref);
      sqlite3_bind_int (st, 2, (int) c);
      bind_text (st, 3, header);
      if (!run (s, st, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_tables (SqliteState *s, const BpDocument *doc, gint64 doc_id, GError **error)
{
  sqlite3_stmt *st = s->st[ST_TABLE];
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      sqlite3_bind_int64 (st, 1, doc_id);
      bind_text (st, 2, t->id);
      bind_text (st, 3, t->type ? t->type : "other");
      bind_text (st, 4, t->number);
      bind_text (st, 5, t->title);
      sqlite3_bind_int (st, 6, t->line);
      sqlite3_bind_int (st, 7, t->end_line);
      bind_text (st, 8, bp_unit_name (t->unit));
      sqlite3_bind_int (st, 9, t->empty ? 1 : 0);
      bind_text (st, 10, t->note);
      bind_page (st, 11, doc, t->line);
      if (!run (s, st, error))
        return FALSE;
      gint64 table_ref = sqlite3_last_insert_rowid (s->db);
      if (!insert_columns (s, t, table_ref, error)
          || !insert_rows (s, doc, t, table_ref, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_fields (SqliteState *s, const BpDocument *doc, gint64 doc_id, GError **error)
{
  sqlite3_stmt *st = s->st[ST_FIELD];
  for (guint i = 0; i < doc->fields->len; i++)
    {
      const BpField *f = g_ptr_array_index (doc->fields, i);
      sqlite3_bind_int64 (st, 1, doc_id);
      bind_text (st, 2, f->key);
      bind_text (st, 3, f->kind == BP_FIELD_MONEY ? "money" : "count");
      sqlite3_bind_int64 (st, 4, f->value);
      sqlite3_bind_int (st, 5, f->line);
      bind_text (st, 6, f->table);
      bind_text (st, 7, f->source);
      bind_page (st, 8, doc, f->line);
      if (!run (s, st, error))
        return FALSE;
    }
  return TRUE;
}

/* Binds amount COL of R to its SCHEMA.md column; the other kind's columns
 * stay NULL. */
static void
bind_class_amount (sqlite3_stmt *st, const BpClassRow *r, int col)
{
  /* total/basic/project are parameters 5-7, personnel/public 8-9. */
  int index = col == 0 ? 5 : (r->kind == BP_CLASS_FUNCTION ? 5 + col : 7 + col);
  bind_fen (st, index, r->has[col], r->amount[col]);
}

static gboolean
insert_classification (SqliteState *s, const BpDocument *doc, gint64 doc_id,
                       GError **error)
{
  sqlite3_stmt *st = s->st[ST_CLASS];
  for (guint i = 0; i < doc->classification->len; i++)
    {
      const BpClassRow *r = g_ptr_array_index (doc->classification, i);
      sqlite3_bind_int64 (st, 1, doc_id);
      bind_text (st, 2, r->kind == BP_CLASS_FUNCTION ? "function" : "economic");
      bind_text (st, 3, r->code ? r->code : "");
      bind_text (st, 4, r->name);
      for (int col = 0; col < BP_CLASS_NCOLS; col++)
        bind_class_amount (st, r, col);
      sqlite3_bind_int (st, 10, r->line);
      bind_text (st, 11, r->table);
      bind_page (st, 12, doc, r->line);
      if (!run (s, st, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_findings (SqliteState *s, const BpDocument *doc, gint64 doc_id, GError **error)
{
  sqlite3_stmt *st = s->st[ST_FINDING];
  for (guint i = 0; i < doc->findings->len; i++)
    {
      const BpFinding *f = g_ptr_array_index (doc->findings, i);
      sqlite3_bind_int64 (st, 1, doc_id);
      bind_text (st, 2, f->rule);
      bind_text (st, 3, f->category);
      bind_text (st, 4, bp_severity_name (f->severity));
      sqlite3_bind_int (st, 5, f->line);
      bind_text (st, 6, f->table);
      bind_text (st, 7, f->message ? f->message : "");
      bind_text (st, 8, f->expected);
      bind_text (st, 9, f->actual);
      bind_page (st, 10, doc, f->line);
      if (!run (s, st, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_document (SqliteState *s, const BpDocument *doc, const char *pipeline,
                GError **error)
{
  sqlite3_stmt *del = s->st[ST_DELETE];
  gint64 id = 0;
  bind_text (del, 1, doc->stem);
  bind_text (del, 2, pipeline);
  return run (s, del, error)
    && insert_document (s, doc, pipeline, &id, error)
    && insert_tables (s, doc, id, error)
    && insert_fields (s, doc, id, error)
    && insert_classification (s, doc, id, error)
    && insert_findings (s, doc, id, error);
}

static gboolean
sqlite_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  SqliteState *s = state;
  g_autofree char *path = bp_stage_expand (stage, doc, s->path);
  const char *pipeline = doc->pipeline_name ? doc->pipeline_name
                                            : bp_stage_pipeline_name (stage);
  if (!doc->sha256)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INPUT, "%s: no sha256", doc->path);
      return FALSE;
    }
  if (!open_db (stage, s, path, error))
    return FALSE;
  gint64 rows_before = s->n_rows;
  /* IMMEDIATE: take the write lock now, so a concurrent writer waits in
   * busy_timeout instead of failing half-way. */
  if (!bp_sqlite_exec (s->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!write_document (s, doc, pipeline ? pipeline : "", error)
      || !bp_sqlite_exec (s->db, "COMMIT", error))
    {
      sqlite3_exec (s->db, "ROLLBACK", NULL, NULL, NULL);
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  s->n_documents++;
  BP_DEBUG (stage, "%s: %" G_GINT64_FORMAT " rows into %s", doc->path,
            s->n_rows - rows_before, path);
  return TRUE;
}

static gboolean
sqlite_finish (BpStage *stage, void *state, GError **error)
{
  SqliteState *s = state;
  if (s->db)
    {
      /* Fold the WAL back into the database file so it can be copied alone. */
      sqlite3_exec (s->db, "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);",
                    NULL, NULL, NULL);
      BP_INFO (stage, "%u documents, %" G_GINT64_FORMAT " rows written to %s",
               s->n_documents, s->n_rows, s->db_path);
    }
  close_db (s);
  return TRUE;
}

static void
sqlite_free (BpStage *stage, void *state)
{
  close_db (state);
}

BP_PLUGIN_DEFINE (sqlite) = {
  .abi_version = BP_ABI_VERSION,
  .name = "sqlite",
  .summary = "Writes every document into one SQLite database (replacing earlier runs of the same input)",
  .role = BP_ROLE_SINK,
  .options = sqlite_options,
  .state_size = sizeof (SqliteState),
  .process = sqlite_process,
  .finish = sqlite_finish,
  .free = sqlite_free,
};
