/* The sqlite sink's internals (not part of any API). */
#ifndef BP_SQLITE_PRIVATE_H
#define BP_SQLITE_PRIVATE_H

#include <sqlite3.h>
#include <glib.h>

/* Bump with every incompatible schema change (README.md lists them). */
#define BP_SQLITE_SCHEMA_VERSION 2

/* Creates the tables, indexes and views if absent and checks that the
 * stored schema_version is not newer than ours. */
gboolean bp_sqlite_create_schema (sqlite3 *db, GError **error);
/* sqlite3_exec with the message as a GError. */
gboolean bp_sqlite_exec (sqlite3 *db, const char *sql, GError **error);

#endif
