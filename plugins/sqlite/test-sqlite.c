/* sqlite sink: the database reads back as the document; a rerun replaces;
 * every query of docs/sql.md runs. */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include "tests/harness.h"
#include "tests/sinkdocs.h"

#define QINGSHAN "000_fe5e375999e3baca"
#define PARTY_OFFICE "004_d9984b4f4bf4cec5"

static void
run_sqlite (BpDocument *doc, const char *dir)
{
  GError *e = NULL;
  g_assert_true (bp_harness_run_stage ("sqlite", NULL, doc, dir, &e));
  g_assert_no_error (e);
}

static sqlite3 *
open_db (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "budget.sqlite", NULL);
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

/* The integer result of a one-value query. */
static gint64
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return v;
}

static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  char *v = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  return v;
}

static guint
count_nonempty_cells (const BpDocument *doc)
{
  guint n = 0;
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      for (guint j = 0; j < t->rows->len; j++)
        {
          const BpRow *r = g_ptr_array_index (t->rows, j);
          for (guint c = 0; c < r->cells->len; c++)
            n += *(const char *) g_ptr_array_index (r->cells, c) != '\0';
        }
    }
  return n;
}

static void
assert_document (sqlite3 *db, const BpDocument *doc)
{
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM documents"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tables"), ==, doc->tables->len);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM fields"), ==, doc->fields->len);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cells"), ==, count_nonempty_cells (doc));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM classification"), ==, doc->classification->len);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM findings"), ==, doc->findings->len);
  for (guint i = 0; i < doc->fields->len; i++)
    {
      const BpField *f = g_ptr_array_index (doc->fields, i);
      g_autofree char *sql = g_strdup_printf (
        "SELECT value FROM fields WHERE key = '%s' AND line = %d", f->key, f->line);
      g_assert_cmpint (query_int (db, sql), ==, f->value);
    }
  g_autofree char *sha = query_text (db, "SELECT sha256 FROM documents");
  g_assert_cmpstr (sha, ==, doc->sha256);
}

static void
test_roundtrip (void)
{
  g_autoptr (BpDocument) doc = sinkdoc_from_gold (QINGSHAN);
  g_autofree char *dir = sinkdoc_tmpdir ();
  run_sqlite (doc, dir);
  sqlite3 *db = open_db (dir);
  assert_document (db, doc);
  /* Real values, in fen. */
  g_assert_cmpint (query_int (db, "SELECT value FROM fields WHERE key = 'expense.total'"), ==, 1538619687);
  g_assert_cmpint (query_int (db, "SELECT value FROM fields WHERE key = 'staffing.authorized'"), ==, 42);
  /* A code cell is text, never money: summing amount counts no code. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cell_values WHERE code = '201' AND col = 0 "
                                  "AND text = '201' AND amount IS NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cell_values WHERE code IS NOT NULL AND col = 0 "
                                  "AND amount IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT amount FROM cell_values WHERE table_type = 'expense_summary' "
                                  "AND code = '201' AND header = '合计'"), ==, 1191689132);
  /* 收支总表 line 111 is two-sided: its 支出 figure is named by the 支出 label. */
  g_autofree char *name = query_text (db, "SELECT name FROM cell_values WHERE line = 111 "
                                          "AND header = '支出/预算数'");
  g_assert_cmpstr (name, ==, "一、一般公共服务支出");
  g_autofree char *income = query_text (db, "SELECT name FROM cell_values WHERE line = 111 "
                                            "AND header = '收入/预算数'");
  g_assert_cmpstr (income, ==, "一、一般公共预算拨款收入");
  g_assert_cmpint (query_int (db, "SELECT amount FROM cell_values WHERE line = 241 "
                                  "AND header = '本年一般公共预算基本支出/人员经费'"), ==, 1145893955);
  g_assert_cmpint (query_int (db, "SELECT public FROM classification WHERE kind = 'economic' AND code = '302'"),
                   ==, 147415648);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM classification WHERE kind = 'function' AND personnel IS NOT NULL"), ==, 0);
  g_autofree char *total = query_text (db, "SELECT expense_total FROM document_summary");
  g_assert_cmpstr (total, ==, "15386196.87");
  g_assert_cmpint (query_int (db, "SELECT version FROM schema_version"), ==, 2);
  g_autofree char *mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  sqlite3_close (db);
  bp_harness_rmtree (dir);
}

static void
test_rerun_replaces (void)
{
  g_autoptr (BpDocument) doc = sinkdoc_from_gold (QINGSHAN);
  g_autofree char *dir = sinkdoc_tmpdir ();
  run_sqlite (doc, dir);
  run_sqlite (doc, dir);
  sqlite3 *db = open_db (dir);
  assert_document (db, doc);
  sqlite3_close (db);

  /* The second run found one more problem: the database says so, once. */
  bp_document_add_finding (doc, "test.rerun", "narrative", BP_SEVERITY_ERROR, 672, NULL,
                           "rerun finding");
  run_sqlite (doc, dir);
  db = open_db (dir);
  assert_document (db, doc);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM findings WHERE rule = 'test.rerun'"), ==, 1);
  /* Nothing orphaned by the replacement. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cells WHERE row_ref NOT IN (SELECT id FROM table_rows)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM table_rows WHERE table_ref NOT IN (SELECT id FROM tables)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM table_columns WHERE table_ref NOT IN (SELECT id FROM tables)"), ==, 0);
  sqlite3_close (db);

  /* The same input under another pipeline is another row. */
  g_free (doc->pipeline_name);
  doc->pipeline_name = g_strdup ("other-pipeline");
  run_sqlite (doc, dir);
  db = open_db (dir);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM documents"), ==, 2);
  sqlite3_close (db);
  bp_harness_rmtree (dir);
}

/* The same department's 2023 budget as the 2024 document states it
 * ("2024 年…“三公”经费支出预算 41 万元，比 2023 年增加 18 万元"). */
static BpDocument *
previous_year_budget (const BpDocument *cur)
{
  const char *sentence = bp_document_source_line (cur, 672);
  g_assert_nonnull (strstr (sentence, "比 2023 年增加 18 万元"));
  BpDocument *doc = bp_document_new_from_bytes ("2023-budget.txt", sentence, strlen (sentence));
  doc->kind = g_strdup (cur->kind);
  doc->year = 2023;
  doc->city = g_strdup (cur->city);
  doc->district = g_strdup (cur->district);
  doc->department = g_strdup (cur->department);
  doc->pipeline_name = g_strdup (cur->pipeline_name);
  bp_document_set_field (doc, "three_public.total", BP_FIELD_MONEY, (41 - 18) * 1000000, 1, NULL);
  return doc;
}

/* ```sql NAME blocks of docs/sql.md: NAME → query. */
static GHashTable *
load_doc_queries (void)
{
  g_autofree char *path = bp_harness_srcpath ("docs/sql.md");
  g_autofree char *text = NULL;
  GError *e = NULL;
  g_file_get_contents (path, &text, NULL, &e);
  g_assert_no_error (e);
  GHashTable *queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (!g_str_has_prefix (lines[i], "```sql "))
        continue;
      GString *sql = g_string_new (NULL);
      char *name = g_strstrip (g_strdup (lines[i] + 7));
      for (i++; lines[i] && !g_str_has_prefix (lines[i], "```"); i++)
        g_string_append_printf (sql, "%s\n", lines[i]);
      g_assert_nonnull (lines[i]);
      g_hash_table_insert (queries, name, g_string_free (sql, FALSE));
    }
  return queries;
}

/* Runs SQL, returns its rows as "col|col|..." strings. */
static GPtrArray *
query_rows (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);
      for (int c = 0; c < sqlite3_column_count (st); c++)
        g_string_append_printf (row, "%s%s", c ? "|" : "",
                                sqlite3_column_text (st, c) ? (const char *) sqlite3_column_text (st, c) : "");
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (st);
  return rows;
}

static void
test_doc_queries (void)
{
  g_autoptr (BpDocument) cur = sinkdoc_from_gold (QINGSHAN);
  g_autoptr (BpDocument) prev = previous_year_budget (cur);
  g_autoptr (BpDocument) party = sinkdoc_from_gold (PARTY_OFFICE);
  bp_document_add_finding (prev, "test.error", "arithmetic", BP_SEVERITY_ERROR, 1, NULL, "an error");
  g_autofree char *dir = sinkdoc_tmpdir ();
  run_sqlite (cur, dir);
  run_sqlite (prev, dir);
  run_sqlite (party, dir);
  sqlite3 *db = open_db (dir);
  g_autoptr (GHashTable) queries = load_doc_queries ();
  g_assert_cmpuint (g_hash_table_size (queries), >=, 6);
  GHashTableIter it;
  gpointer name, sql;
  g_hash_table_iter_init (&it, queries);
  while (g_hash_table_iter_next (&it, &name, &sql))
    {
      g_autoptr (GPtrArray) rows = query_rows (db, sql);
      if (g_strcmp0 (name, "missing-three-public") != 0)
        g_assert_cmpuint (rows->len, >, 0);   /* each example shows something */
    }
  g_autoptr (GPtrArray) rose = query_rows (db, g_hash_table_lookup (queries, "three-public-rose"));
  g_assert_cmpuint (rose->len, ==, 1);
  g_autofree char *want = g_strdup_printf ("%s|budget|2023|230000.00|2024|410000.00|18000000", cur->department);
  g_assert_cmpstr (g_ptr_array_index (rose, 0), ==, want);
  g_autoptr (GPtrArray) summary = query_rows (db, g_hash_table_lookup (queries, "headline"));
  g_assert_cmpuint (summary->len, ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM finding_detail WHERE severity = 'error'"), ==,
                   bp_document_count_findings (cur, BP_SEVERITY_ERROR)
                   + bp_document_count_findings (party, BP_SEVERITY_ERROR) + 1);
  sqlite3_close (db);
  bp_harness_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sqlite/roundtrip", test_roundtrip);
  g_test_add_func ("/sqlite/rerun-replaces", test_rerun_replaces);
  g_test_add_func ("/sqlite/doc-queries", test_doc_queries);
  return g_test_run ();
}
