/* budgetpipe merge-db OUT.sqlite SHARD.sqlite...: the corpus databases of
 * shards run on different machines (docs/sharding.md) merged into one.
 *
 * Each shard's rows are copied with their integer ids moved past the ids
 * already in OUT, and the references renamed by the schema's conventions:
 * `id` is the row's own key, `document_id` points into documents,
 * `table_ref` into tables, `row_ref` into table_rows. Columns are read from
 * the shard's schema, so a column added to the sink needs no change here.
 * A document (sha256, pipeline) already in OUT is replaced, as re-running
 * it into one database would. */
#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "merge-db.h"

/* sqlite3_mprintf's strings go back to sqlite3_free, never to free(). */
typedef char SqlText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SqlText, sqlite3_free)

/* Tables copied first, parents before children; others follow by name. */
static const char *const parents_first[] = { "documents", "tables", "table_rows", NULL };

static const struct { const char *column, *table; } references[] = {
  { "document_id", "documents" }, { "table_ref", "tables" }, { "row_ref", "table_rows" },
};

static gboolean
exec (sqlite3 *db, const char *sql, GError **error)
{
  char *msg = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) == SQLITE_OK)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s",
               msg ? msg : sqlite3_errmsg (db));
  sqlite3_free (msg);
  return FALSE;
}

/* The first column of each row of SQL, as strings. */
static GPtrArray *
query_strings (sqlite3 *db, const char *sql)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) == SQLITE_OK)
    while (sqlite3_step (st) == SQLITE_ROW)
      g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (st, 0)));
  sqlite3_finalize (st);
  return out;
}

static gint64
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  gint64 v = -1;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return v;
}

/* The shard's tables in copying order. */
static GPtrArray *
shard_tables (sqlite3 *db)
{
  g_autoptr (GPtrArray) all = query_strings (
      db, "SELECT name FROM shard.sqlite_master WHERE type = 'table' "
          "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != 'schema_version' "
          "ORDER BY name");
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; parents_first[i]; i++)
    if (g_ptr_array_find_with_equal_func (all, parents_first[i], g_str_equal, NULL))
      g_ptr_array_add (out, g_strdup (parents_first[i]));
  for (guint i = 0; i < all->len; i++)
    if (!g_strv_contains (parents_first, all->pdata[i]))
      g_ptr_array_add (out, g_strdup (all->pdata[i]));
  return out;
}

/* The largest id of each OUT table that has an id column, before the copy. */
static GHashTable *
id_offsets (sqlite3 *db, GPtrArray *tables)
{
  GHashTable *off = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < tables->len; i++)
    {
      const char *t = tables->pdata[i];
      g_autoptr (SqlText) sql = sqlite3_mprintf ("SELECT coalesce(max(id), 0) FROM main.\"%w\"", t);
      gint64 v = query_int (db, sql);
      if (v >= 0)
        g_hash_table_insert (off, g_strdup (t), g_memdup2 (&v, sizeof v));
    }
  return off;
}

/* "INSERT INTO main.T (a, b) SELECT a + 12, b FROM shard.T". */
static char *
copy_sql (sqlite3 *db, const char *table, GHashTable *off)
{
  g_autoptr (SqlText) info = sqlite3_mprintf ("SELECT name FROM pragma_table_info('%q', 'shard')", table);
  g_autoptr (GPtrArray) cols = query_strings (db, info);
  GString *names = g_string_new (NULL), *values = g_string_new (NULL);
  for (guint i = 0; i < cols->len; i++)
    {
      const char *c = cols->pdata[i];
      const char *target = g_str_equal (c, "id") ? table : NULL;
      for (guint r = 0; !target && r < G_N_ELEMENTS (references); r++)
        if (g_str_equal (c, references[r].column))
          target = references[r].table;
      const gint64 *shift = target ? g_hash_table_lookup (off, target) : NULL;
      char *q = sqlite3_mprintf ("%s\"%w\"", i ? ", " : "", c);
      g_string_append (names, q);
      g_string_append (values, q);
      sqlite3_free (q);
      if (shift)
        g_string_append_printf (values, " + %" G_GINT64_FORMAT, *shift);
    }
  char *sql = sqlite3_mprintf ("INSERT INTO main.\"%w\" (%s) SELECT %s FROM shard.\"%w\"",
                               table, names->str, values->str, table);
  char *out = g_strdup (sql);
  sqlite3_free (sql);
  g_string_free (names, TRUE);
  g_string_free (values, TRUE);
  return out;
}

static gboolean
copy_rows (sqlite3 *db, GError **error)
{
  /* Documents the shard has again are replaced: their rows go (cascade). */
  if (!exec (db, "DELETE FROM main.documents WHERE (sha256, pipeline) IN "
                 "(SELECT sha256, pipeline FROM shard.documents)", error))
    return FALSE;
  g_autoptr (GPtrArray) tables = shard_tables (db);
  g_autoptr (GHashTable) off = id_offsets (db, tables);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = copy_sql (db, tables->pdata[i], off);
      if (!exec (db, sql, error))
        {
          g_prefix_error (error, "table %s: ", (char *) tables->pdata[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
merge_shard (sqlite3 *db, const char *shard, GError **error)
{
  if (!g_file_test (shard, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no such file");
      return FALSE;
    }
  g_autoptr (SqlText) attach = sqlite3_mprintf ("ATTACH %Q AS shard", shard);
  if (!exec (db, attach, error))
    return FALSE;
  gint64 mine = query_int (db, "SELECT max(version) FROM main.schema_version");
  gint64 theirs = query_int (db, "SELECT max(version) FROM shard.schema_version");
  gboolean ok = FALSE;
  if (theirs <= 0 || mine != theirs)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "schema version %" G_GINT64_FORMAT ", the merged database has %"
                 G_GINT64_FORMAT " (not a budgetpipe database, or another release)",
                 theirs, mine);
  else if (exec (db, "BEGIN IMMEDIATE", error))
    {
      ok = copy_rows (db, error) && exec (db, "COMMIT", error);
      if (!ok)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_exec (db, "DETACH shard", NULL, NULL, NULL);
  return ok;
}

/* A new OUT starts as a compact copy of the first shard, schema and views
 * included. */
static gboolean
copy_first (const char *shard, const char *out, GError **error)
{
  sqlite3 *db = NULL;
  gboolean ok = sqlite3_open_v2 (shard, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
  g_autoptr (SqlText) sql = sqlite3_mprintf ("VACUUM INTO %Q", out);
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s", sqlite3_errmsg (db));
  else
    ok = query_int (db, "SELECT max(version) FROM schema_version") > 0
         ? exec (db, sql, error)
         : (g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                         "not a budgetpipe database"), FALSE);
  sqlite3_close (db);
  return ok;
}

int
bp_merge_db (const char *out, char **shards)
{
  GError *e = NULL;
  guint first = 0;
  if (!g_file_test (out, G_FILE_TEST_EXISTS))
    {
      if (!copy_first (shards[0], out, &e))
        {
          g_printerr ("budgetpipe merge-db: %s: %s\n", shards[0], e->message);
          g_error_free (e);
          g_unlink (out);
          return 3;
        }
      first = 1;
    }
  sqlite3 *db = NULL;
  if (sqlite3_open_v2 (out, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
      || !exec (db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL", &e))
    {
      g_printerr ("budgetpipe merge-db: %s: %s\n", out, e ? e->message : sqlite3_errmsg (db));
      g_clear_error (&e);
      sqlite3_close (db);
      return 3;
    }
  int code = 0;
  for (guint i = first; shards[i]; i++)
    if (!merge_shard (db, shards[i], &e))
      {
        g_printerr ("budgetpipe merge-db: %s: %s\n", shards[i], e->message);
        g_clear_error (&e);
        code = 3;
      }
  sqlite3_exec (db, "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
  sqlite3_close (db);
  return code;
}
