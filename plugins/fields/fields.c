/* fields plugin: document metadata, canonical fields, classification rows
 * and narrative claims (SCHEMA.md "doc", "fields", "classification").
 *
 * Order matters: metadata first (the narrative reader needs the kind, year
 * and department), then table values, then the narrative, which only fills
 * fields the tables did not state. */
#include "fields-private.h"

#include <stddef.h>

const char *const fields_canonical_keys[] = {
  "income.total", "income.general_budget", "expense.total", "expense.basic",
  "expense.project", "expense.personnel", "expense.public", "total.income",
  "total.expense", "three_public.total", "three_public.overseas",
  "three_public.vehicle", "three_public.vehicle_purchase",
  "three_public.vehicle_operation", "three_public.reception",
  "operating_cost", "procurement.total", "staffing.authorized",
  "staffing.actual", "staffing.retired", "vehicles.count", NULL };

typedef struct {
  gboolean narrative;   /* read values and claims from the text */
} FieldsState;

static const BpOption fields_options[] = {
  { "narrative", BP_OPT_BOOL, "true",
    "Read claims from the narrative and use it for fields the tables lack",
    offsetof (FieldsState, narrative), NULL, FALSE },
  BP_OPTION_END
};

static int
key_rank (const char *key)
{
  for (int i = 0; fields_canonical_keys[i]; i++)
    if (g_str_equal (fields_canonical_keys[i], key))
      return i;
  return G_MAXINT;
}

static int
field_cmp (gconstpointer a, gconstpointer b)
{
  const BpField *fa = *(BpField *const *) a, *fb = *(BpField *const *) b;
  int ra = key_rank (fa->key), rb = key_rank (fb->key);
  return (ra > rb) - (ra < rb);
}

static gboolean
fields_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  FieldsState *st = state;
  (void) error;

  /* Running the stage again (on a dump) starts from scratch. */
  g_ptr_array_set_size (doc->fields, 0);
  g_ptr_array_set_size (doc->classification, 0);
  g_ptr_array_set_size (doc->claims, 0);
  fields_column_labels_forget ();
  fields_extract_meta (doc);
  fields_extract_tables (doc);
  fields_extract_classification (doc);
  /* The district's own phrasings outrank the generic narrative reader,
   * which reads its lines from the text the phrases were matched in, when
   * there was one: the same lines normalized again (issue 18). */
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *joined = NULL;
  bp_profile_read_phrases_keep (bp_profile_for_document (doc), doc, &joined, starts);
  if (st->narrative)
    fields_extract_narrative (doc, &(FieldsJoinedLines) { joined, starts });
  fields_column_labels_forget ();
  g_ptr_array_sort (doc->fields, field_cmp);   /* SCHEMA.md order */
  BP_DEBUG (stage, "%s: %s %d %s, %u fields, %u class rows, %u claims",
            doc->stem ? doc->stem : "?", doc->kind ? doc->kind : "?",
            doc->year, doc->department ? doc->department : "?",
            doc->fields->len, doc->classification->len, doc->claims->len);
  return TRUE;
}

BP_PLUGIN_DEFINE (fields) = {
  .abi_version = BP_ABI_VERSION,
  .name = "fields",
  .summary = "Document metadata, canonical fields, classification rows and "
             "narrative claims",
  .role = BP_ROLE_FIELDS,
  .options = fields_options,
  .state_size = sizeof (FieldsState),
  .process = fields_process,
};
