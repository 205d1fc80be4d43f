/* validate plugin: runs the rule catalogue (docs/rules.md) over a document
 * that the tables and fields stages have filled, adding SCHEMA.md findings. */
#include "validate-private.h"

#include <stddef.h>
#include <string.h>

static const BpOption validate_options[] = {
  { "disable", BP_OPT_LIST, NULL,
    "Rule ids or categories not to run (e.g. sum.children;narrative)",
    offsetof (ValidateState, disable), NULL, FALSE },
  { "min-severity", BP_OPT_ENUM, "info",
    "Drop findings below this severity",
    offsetof (ValidateState, min_severity), "info|warning|error", FALSE },
  BP_OPTION_END
};

static gboolean
rule_disabled (const ValidateState *st, const ValidateRule *rule)
{
  return st->disable && (g_strv_contains ((const char *const *) st->disable, rule->id)
                         || g_strv_contains ((const char *const *) st->disable,
                                             rule->category));
}

static gboolean
validate_init (BpStage *stage, void *state, GError **error)
{
  ValidateState *st = state;
  (void) stage;
  for (char **d = st->disable; d && *d; d++)
    {
      gboolean known = FALSE;
      for (guint i = 0; validate_catalogue[i]; i++)
        for (const ValidateRule *r = validate_catalogue[i]; r->id; r++)
          known |= g_str_equal (r->id, *d) || g_str_equal (r->category, *d);
      if (!known)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                       "disable: no rule or category called \"%s\" "
                       "(see docs/rules.md)", *d);
          return FALSE;
        }
    }
  return TRUE;
}

/* Findings below the threshold are dropped after all rules ran. */
static void
drop_below (BpDocument *doc, BpSeverity min)
{
  for (guint i = doc->findings->len; i-- > 0;)
    if (((BpFinding *) doc->findings->pdata[i])->severity < min)
      g_ptr_array_remove_index (doc->findings, i);
}

static gboolean
is_catalogue_rule (const char *id)
{
  for (guint i = 0; validate_catalogue[i]; i++)
    for (const ValidateRule *r = validate_catalogue[i]; r->id; r++)
      if (g_str_equal (r->id, id))
        return TRUE;
  return FALSE;
}

/* Rounding infos of one rule on one table are folded into the first, which
 * says how many there were (the issue: they must not drown the report). */
static void
group_rounding_infos (BpDocument *doc)
{
  g_autoptr (GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) count = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < doc->findings->len;)
    {
      BpFinding *f = doc->findings->pdata[i];
      if (f->severity != BP_SEVERITY_INFO || !f->table || !strstr (f->message, "within rounding"))
        {
          i++;
          continue;
        }
      char *key = g_strconcat (f->rule, "\t", f->table, NULL);
      BpFinding *kept = g_hash_table_lookup (first, key);
      if (!kept)
        {
          g_hash_table_insert (first, key, f);
          g_hash_table_insert (count, f, GUINT_TO_POINTER (1));
          i++;
          continue;
        }
      g_free (key);
      g_hash_table_insert (count, kept,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (count, kept)) + 1));
      g_ptr_array_remove_index (doc->findings, i);
    }
  GHashTableIter it;
  gpointer f, n;
  g_hash_table_iter_init (&it, count);
  while (g_hash_table_iter_next (&it, &f, &n))
    if (GPOINTER_TO_UINT (n) > 1)
      {
        BpFinding *kept = f;
        char *msg = validate_what ("%s; %u differences within rounding on %s in all, "
                                   "this is the first", kept->message,
                                   GPOINTER_TO_UINT (n), kept->table);
        g_free (kept->message);
        kept->message = msg;
      }
}

static gboolean
validate_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  ValidateState *st = state;
  g_autoptr (GHashTable) tally = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, validate_tally_free);
  g_autoptr (GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ValidateRun run = { doc, stage, NULL, tally, reported };
  (void) error;
  validate_cache_begin ();

  /* Re-running (on a dump) replaces this stage's findings, keeps others'. */
  for (guint i = doc->findings->len; i-- > 0;)
    if (is_catalogue_rule (((BpFinding *) doc->findings->pdata[i])->rule))
      g_ptr_array_remove_index (doc->findings, i);
  for (guint i = 0; validate_catalogue[i]; i++)
    for (const ValidateRule *r = validate_catalogue[i]; r->id; r++)
      {
        if (rule_disabled (st, r))
          continue;
        run.rule = r;
        guint before = doc->findings->len;
        r->check (&run);
        if (doc->findings->len > before)
          BP_DEBUG (stage, "%s: %s: %u findings", doc->stem, r->id,
                    doc->findings->len - before);
      }
  validate_cache_end ();
  g_free (run.tally_table);
  validate_downgrade_misread (&run);
  group_rounding_infos (doc);
  BpSeverity min = BP_SEVERITY_INFO;
  bp_severity_from_name (st->min_severity, &min);
  drop_below (doc, min);
  return TRUE;
}

BP_PLUGIN_DEFINE (validate) = {
  .abi_version = BP_ABI_VERSION,
  .name = "validate",
  .summary = "Rule catalogue: arithmetic, cross-table, narrative, "
             "classification, completeness and metadata checks",
  .role = BP_ROLE_VALIDATE,
  .options = validate_options,
  .state_size = sizeof (ValidateState),
  .init = validate_init,
  .process = validate_process,
};
