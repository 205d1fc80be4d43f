/* validate plugin: runs the rule catalogue (docs/rules.md) over a document
 * that the tables and fields stages have filled, adding SCHEMA.md findings. */
#include "validate-private.h"

#include <stddef.h>

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

static gboolean
validate_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  ValidateState *st = state;
  g_autoptr (GHashTable) tally = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, g_free);
  ValidateRun run = { doc, stage, NULL, tally };
  (void) error;

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
  validate_downgrade_misread (&run);
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
