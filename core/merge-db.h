/* budgetpipe merge-db (merge-db.c). Internal to the budgetpipe program. */
#ifndef BP_MERGE_DB_H
#define BP_MERGE_DB_H

/* Merges the corpus databases SHARDS (NULL-terminated, at least one) into
 * OUT, creating it from the first when it does not exist. Returns an exit
 * code: 0, or 3 when a shard could not be merged (the others still are). */
int bp_merge_db (const char *out, char **shards);

#endif
