/* The sqlite sink's database schema: tables, indexes, analyst views and the
 * schema_version check. Money columns hold integer fen (never REAL); the
 * views add yuan text next to them for reading. */
#include <budgetpipe/budgetpipe.h>
#include "sqlite-private.h"

/* One row per output name: the stem (unique in a batch, docs/cli.md) under a
 * pipeline, as the JSON and report files are named by it. Two inputs with
 * the same bytes are two documents, as in the CSV files and the report. */
#define DOCUMENTS_TABLE(name) \
  "CREATE TABLE IF NOT EXISTS " name " (\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  sha256 TEXT NOT NULL,\n" \
  "  pipeline TEXT NOT NULL,\n" \
  "  source_path TEXT NOT NULL,\n" \
  "  stem TEXT NOT NULL,\n" \
  "  bytes INTEGER,\n" \
  "  encoding TEXT,\n" \
  "  kind TEXT,\n" \
  "  year INTEGER,\n" \
  "  city TEXT,\n" \
  "  district TEXT,\n" \
  "  department TEXT,\n" \
  "  unit TEXT,\n" \
  "  profile TEXT,\n" \
  "  processed_at TEXT NOT NULL,\n" \
  "  UNIQUE (stem, pipeline));\n"

static const char SCHEMA_SQL[] =
  "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);\n"
  DOCUMENTS_TABLE ("documents")
  "CREATE INDEX IF NOT EXISTS documents_department ON documents (department, year);\n"
  "CREATE INDEX IF NOT EXISTS documents_year ON documents (year, kind);\n"
  "CREATE TABLE IF NOT EXISTS tables (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n"
  "  table_id TEXT NOT NULL,\n"
  "  type TEXT NOT NULL,\n"
  "  number TEXT,\n"
  "  title TEXT,\n"
  "  line INTEGER,\n"
  "  page INTEGER,\n"
  "  end_line INTEGER,\n"
  "  unit TEXT,\n"
  "  empty INTEGER NOT NULL DEFAULT 0,\n"
  "  note TEXT,\n"
  "  UNIQUE (document_id, table_id));\n"
  "CREATE INDEX IF NOT EXISTS tables_type ON tables (type);\n"
  "CREATE TABLE IF NOT EXISTS table_rows (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  table_ref INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  line INTEGER,\n"
  "  page INTEGER,\n"
  "  code TEXT,\n"
  "  name TEXT);\n"
  "CREATE INDEX IF NOT EXISTS table_rows_table ON table_rows (table_ref, position);\n"
  "CREATE INDEX IF NOT EXISTS table_rows_code ON table_rows (code) WHERE code IS NOT NULL;\n"
  /* A column's header once per table, not once per cell. */
  "CREATE TABLE IF NOT EXISTS table_columns (\n"
  "  table_ref INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,\n"
  "  col INTEGER NOT NULL,\n"
  "  header TEXT NOT NULL,\n"
  "  PRIMARY KEY (table_ref, col)) WITHOUT ROWID;\n"
  /* label: the row label naming the cell when it is not the row's name (a
   * two-sided row's second label), else NULL; amount: the cell as fen in
   * its table's unit, NULL when not a figure. */
  "CREATE TABLE IF NOT EXISTS cells (\n"
  "  row_ref INTEGER NOT NULL REFERENCES table_rows (id) ON DELETE CASCADE,\n"
  "  col INTEGER NOT NULL,\n"
  "  label TEXT,\n"
  "  text TEXT NOT NULL,\n"
  "  amount INTEGER,\n"
  "  PRIMARY KEY (row_ref, col)) WITHOUT ROWID;\n"
  "CREATE TABLE IF NOT EXISTS fields (\n"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n"
  "  key TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('money', 'count')),\n"
  "  value INTEGER NOT NULL,\n"
  "  line INTEGER,\n"
  "  page INTEGER,\n"
  "  table_id TEXT,\n"
  "  source TEXT,\n"
  "  PRIMARY KEY (document_id, key)) WITHOUT ROWID;\n"
  "CREATE INDEX IF NOT EXISTS fields_key ON fields (key);\n"
  "CREATE TABLE IF NOT EXISTS classification (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('function', 'economic')),\n"
  "  code TEXT NOT NULL,\n"
  "  name TEXT,\n"
  "  total INTEGER, basic INTEGER, project INTEGER,\n"
  "  personnel INTEGER, public INTEGER,\n"
  "  line INTEGER,\n"
  "  page INTEGER,\n"
  "  table_id TEXT);\n"
  "CREATE INDEX IF NOT EXISTS classification_document ON classification (document_id);\n"
  "CREATE INDEX IF NOT EXISTS classification_code ON classification (kind, code);\n"
  "CREATE TABLE IF NOT EXISTS findings (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n"
  "  rule TEXT NOT NULL,\n"
  "  category TEXT NOT NULL,\n"
  "  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),\n"
  "  line INTEGER,\n"
  "  page INTEGER,\n"
  "  table_id TEXT,\n"
  "  message TEXT NOT NULL,\n"
  "  expected TEXT,\n"
  "  actual TEXT);\n"
  "CREATE INDEX IF NOT EXISTS findings_document ON findings (document_id);\n"
  "CREATE INDEX IF NOT EXISTS findings_rule ON findings (rule, severity);\n";

/* Fen as yuan text with two decimals, in SQL (no floating point). */
#define YUAN(x) \
  "CASE WHEN " x " IS NULL THEN NULL ELSE printf('%s%d.%02d', " \
  "CASE WHEN " x " < 0 THEN '-' ELSE '' END, abs(" x ") / 100, abs(" x ") % 100) END"
#define FIELD(key) \
  "(SELECT value FROM fields f WHERE f.document_id = d.id AND f.key = '" key "')"
#define FINDINGS(sev) \
  "(SELECT count(*) FROM findings x WHERE x.document_id = d.id AND x.severity = '" sev "')"

static const char VIEWS_SQL[] =
  "CREATE VIEW IF NOT EXISTS document_summary AS\n"
  "SELECT d.id AS document_id, d.source_path, d.stem, d.pipeline, d.kind, d.year,\n"
  "  d.city, d.district, d.department, d.profile, d.processed_at,\n"
  "  " FIELD ("income.total") " AS income_total_fen,\n"
  "  " FIELD ("expense.total") " AS expense_total_fen,\n"
  "  " YUAN (FIELD ("expense.total")) " AS expense_total,\n"
  "  " FIELD ("expense.basic") " AS expense_basic_fen,\n"
  "  " FIELD ("expense.project") " AS expense_project_fen,\n"
  "  " FIELD ("three_public.total") " AS three_public_total_fen,\n"
  "  " YUAN (FIELD ("three_public.total")) " AS three_public_total,\n"
  "  " FIELD ("staffing.actual") " AS staffing_actual,\n"
  "  (SELECT count(*) FROM tables t WHERE t.document_id = d.id) AS n_tables,\n"
  "  " FINDINGS ("error") " AS n_errors,\n"
  "  " FINDINGS ("warning") " AS n_warnings\n"
  "FROM documents d;\n"
  "CREATE VIEW IF NOT EXISTS three_public_by_department AS\n"
  "SELECT d.department, d.year, d.kind, d.city, d.district, d.id AS document_id,\n"
  "  " FIELD ("three_public.total") " AS total_fen,\n"
  "  " YUAN (FIELD ("three_public.total")) " AS total,\n"
  "  " FIELD ("three_public.overseas") " AS overseas_fen,\n"
  "  " FIELD ("three_public.vehicle") " AS vehicle_fen,\n"
  "  " FIELD ("three_public.vehicle_purchase") " AS vehicle_purchase_fen,\n"
  "  " FIELD ("three_public.vehicle_operation") " AS vehicle_operation_fen,\n"
  "  " FIELD ("three_public.reception") " AS reception_fen\n"
  "FROM documents d\n"
  "WHERE EXISTS (SELECT 1 FROM fields f WHERE f.document_id = d.id AND f.key LIKE 'three\\_public.%' ESCAPE '\\');\n"
  "CREATE VIEW IF NOT EXISTS cell_values AS\n"
  "SELECT t.document_id, t.table_id, t.type AS table_type, r.line, r.code,\n"
  "  coalesce(c.label, r.name) AS name, c.col, h.header, c.text, c.amount\n"
  "FROM cells c\n"
  "JOIN table_rows r ON r.id = c.row_ref\n"
  "JOIN tables t ON t.id = r.table_ref\n"
  "LEFT JOIN table_columns h ON h.table_ref = t.id AND h.col = c.col;\n"
  "CREATE VIEW IF NOT EXISTS finding_detail AS\n"
  "SELECT d.department, d.year, d.kind, d.source_path, x.rule, x.category, x.severity,\n"
  "  x.line, x.table_id, x.message, x.expected, x.actual\n"
  "FROM findings x JOIN documents d ON d.id = x.document_id;\n";

static gboolean
exec_sql (sqlite3 *db, const char *sql, GError **error)
{
  char *msg = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) == SQLITE_OK)
    return TRUE;
  g_set_error (error, BP_ERROR, BP_ERROR_OUTPUT, "%s", msg ? msg : sqlite3_errmsg (db));
  sqlite3_free (msg);
  return FALSE;
}

gboolean
bp_sqlite_exec (sqlite3 *db, const char *sql, GError **error)
{
  return exec_sql (db, sql, error);
}

static const char PAGE_COLUMNS_SQL[] =
  "ALTER TABLE tables ADD COLUMN page INTEGER;\n"
  "ALTER TABLE table_rows ADD COLUMN page INTEGER;\n"
  "ALTER TABLE fields ADD COLUMN page INTEGER;\n"
  "ALTER TABLE classification ADD COLUMN page INTEGER;\n"
  "ALTER TABLE findings ADD COLUMN page INTEGER;\n";

/* The stored version, 0 for a new database. */
static int
stored_version (sqlite3 *db)
{
  sqlite3_stmt *st = NULL;
  int version = 0;
  if (sqlite3_prepare_v2 (db, "SELECT max(version) FROM schema_version", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    version = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return version;
}

#define DOCUMENT_COLUMNS "id, sha256, pipeline, source_path, stem, bytes, encoding, " \
  "kind, year, city, district, department, unit, profile, processed_at"

/* Schema 1 kept one document per sha256 and pipeline. Schema 2 keys them by
 * stem: of the rows that share a stem (or, without one, a sha256) under a
 * pipeline the newest stays, the others go with their rows (foreign keys on,
 * cascading); then the documents table is rebuilt with its new key, with
 * foreign keys off so no row of another table goes with the old one (the
 * SQLite way to change a constraint). */
static gboolean
migrate_v1 (sqlite3 *db, GError **error)
{
  if (!exec_sql (db, "BEGIN IMMEDIATE;"
                 "DELETE FROM documents WHERE id NOT IN (SELECT max(id) FROM documents "
                 "GROUP BY coalesce(stem, sha256), pipeline);"
                 "COMMIT;", error))
    goto fail;
  if (!exec_sql (db, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE;"
                 "DROP VIEW IF EXISTS document_summary;"
                 "DROP VIEW IF EXISTS three_public_by_department;"
                 "DROP VIEW IF EXISTS finding_detail;"
                 DOCUMENTS_TABLE ("documents_v2")
                 "INSERT INTO documents_v2 (" DOCUMENT_COLUMNS ") SELECT id, sha256, "
                 "pipeline, source_path, coalesce(stem, sha256), bytes, encoding, kind, "
                 "year, city, district, department, unit, profile, processed_at "
                 "FROM documents;"
                 "DROP TABLE documents;"
                 "ALTER TABLE documents_v2 RENAME TO documents;"
                 "UPDATE schema_version SET version = 2;"
                 "COMMIT; PRAGMA foreign_keys = ON;", error))
    goto fail;
  return TRUE;
fail:
  sqlite3_exec (db, "ROLLBACK; PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
  return FALSE;
}

gboolean
bp_sqlite_create_schema (sqlite3 *db, GError **error)
{
  /* A schema 1 database (before the stems were the key) is brought up to
   * date first; a concurrent run finds it done (the second DELETE finds
   * nothing and the table is rebuilt only while the version says 1). */
  if (stored_version (db) == 1 && !migrate_v1 (db, error))
    return FALSE;
  /* One writer at a time creates the schema; IF NOT EXISTS makes it idempotent. */
  if (!exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec_sql (db, SCHEMA_SQL, error) || !exec_sql (db, VIEWS_SQL, error))
    goto fail;
  int version = stored_version (db);
  if (version > BP_SQLITE_SCHEMA_VERSION)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_OUTPUT,
                   "database schema version %d is newer than this plugin's (%d)",
                   version, BP_SQLITE_SCHEMA_VERSION);
      goto fail;
    }
  /* Version 1 had no page columns: add them, the rows already stored
   * keep NULL (unknown page). */
  if (version == 1 && !exec_sql (db, PAGE_COLUMNS_SQL, error))
    goto fail;
  if (version < BP_SQLITE_SCHEMA_VERSION
      && !exec_sql (db, "INSERT INTO schema_version VALUES (" G_STRINGIFY (BP_SQLITE_SCHEMA_VERSION) ")", error))
    goto fail;
  return exec_sql (db, "COMMIT", error);
fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
