/* District profiles: registry, detection and the national profile. */
#include "config.h"

#include <string.h>
#include <budgetpipe/budgetpipe.h>

/* Nationally required tables (DESIGN.md): the nine 预算 tables and the nine
 * 公开01–09 决算 tables, by SCHEMA.md type. */
static const char *const national_budget[] = {
  "income_expense_summary", "income_summary", "expense_summary",
  "fiscal_summary", "general_budget_expense", "basic_expense",
  "three_public", "gov_fund_expense", "state_capital_expense", NULL
};
static const char *const national_final[] = {
  "income_expense_summary", "income_summary", "expense_summary",
  "fiscal_summary", "general_budget_expense", "basic_expense",
  "gov_fund_expense", "state_capital_expense", "three_public", NULL
};
static const BpProfile national_profile = {
  .name = "national",
  .summary = "Nationally required tables only; no locality aliases",
  .required_budget = national_budget,
  .required_final = national_final,
};

/* How far into a document its title and first headings reach. */
#define BP_PROFILE_DETECT_LINES 200

static GMutex registry_lock;
static GPtrArray *registry;   /* const BpProfile*, registration order */

void
bp_profile_register (const BpProfile *profile)
{
  g_mutex_lock (&registry_lock);
  if (!registry)
    registry = g_ptr_array_new ();
  gboolean known = FALSE;
  for (guint i = 0; i < registry->len && !known; i++)
    known = !strcmp (((const BpProfile *) registry->pdata[i])->name, profile->name);
  if (!known)
    g_ptr_array_add (registry, (gpointer) profile);
  g_mutex_unlock (&registry_lock);
}

const BpProfile *
bp_profile_national (void)
{
  return &national_profile;
}

const BpProfile *
bp_profile_lookup (const char *name)
{
  const BpProfile *found = NULL;
  if (!g_strcmp0 (name, "national"))
    return &national_profile;
  g_mutex_lock (&registry_lock);
  for (guint i = 0; registry && i < registry->len && !found; i++)
    if (!g_strcmp0 (((const BpProfile *) registry->pdata[i])->name, name))
      found = registry->pdata[i];
  g_mutex_unlock (&registry_lock);
  return found;
}

/* Position (in characters of the joined opening lines) of the first match of
 * any of P's match_any strings, or -1. */
static glong
first_match (const BpProfile *p, const char *opening)
{
  glong best = -1;
  for (const char *const *m = p->match_any; m && *m; m++)
    {
      const char *hit = strstr (opening, *m);
      if (hit && (best < 0 || hit - opening < best))
        best = hit - opening;
    }
  return best;
}

static char *
document_opening (const BpDocument *doc)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < doc->lines->len && i < BP_PROFILE_DETECT_LINES; i++)
    {
      g_autofree char *t = bp_text_strip_spaces (((BpLine *) doc->lines->pdata[i])->text);
      g_string_append (s, t);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* The registered profile matching earliest in the document's opening. */
static const BpProfile *
detect (const BpDocument *doc)
{
  g_autofree char *opening = document_opening (doc);
  const BpProfile *best = &national_profile;
  glong best_pos = -1;
  g_mutex_lock (&registry_lock);
  for (guint i = 0; registry && i < registry->len; i++)
    {
      glong pos = first_match (registry->pdata[i], opening);
      if (pos >= 0 && (best_pos < 0 || pos < best_pos))
        best = registry->pdata[i], best_pos = pos;
    }
  g_mutex_unlock (&registry_lock);
  return best;
}

const BpProfile *
bp_profile_for_document (BpDocument *doc)
{
  const BpProfile *p = doc->profile ? bp_profile_lookup (doc->profile) : NULL;
  if (p)
    return p;
  p = detect (doc);
  g_free (doc->profile);
  doc->profile = g_strdup (p->name);
  return p;
}

const char *
bp_profile_alias_type (const BpProfile *profile, const char *title)
{
  g_autofree char *t = bp_text_strip_spaces (title);
  for (const BpTableAlias *a = profile->aliases; a && a->type; a++)
    if (strstr (t, a->title))
      return a->type;
  return NULL;
}

const char *const *
bp_profile_required_tables (const BpProfile *profile, const char *kind)
{
  const char *const *list = !g_strcmp0 (kind, "final_accounts")
                              ? profile->required_final : profile->required_budget;
  if (list)
    return list;
  return !g_strcmp0 (kind, "final_accounts") ? national_final : national_budget;
}
