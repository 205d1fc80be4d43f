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
/* Per registered profile (same index): its aliases' titles as title_key
 * makes them (GStrv), made once rather than at each look-up (issue 18). */
static GPtrArray *registry_alias_keys;
/* Some registered match string holds a "\n": detection cannot read the
 * opening a line at a time. */
static gboolean registry_spans_lines;

/* S without spaces, full-width forms as ASCII: "（分单位）" = "(分单位)". */
static char *
title_key (const char *s)
{
  return bp_text_compact (s);
}

static char **
alias_keys_of (const BpProfile *profile)
{
  GPtrArray *keys = g_ptr_array_new ();
  for (const BpTableAlias *a = profile->aliases; a && a->type; a++)
    g_ptr_array_add (keys, title_key (a->title));
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

static gboolean
match_spans_lines (const BpProfile *profile)
{
  for (const char *const *m = profile->match_any; m && *m; m++)
    if (strchr (*m, '\n'))
      return TRUE;
  return FALSE;
}

void
bp_profile_register (const BpProfile *profile)
{
  g_mutex_lock (&registry_lock);
  if (!registry)
    {
      registry = g_ptr_array_new ();
      registry_alias_keys = g_ptr_array_new ();
    }
  gboolean known = FALSE;
  for (guint i = 0; i < registry->len && !known; i++)
    known = !strcmp (((const BpProfile *) registry->pdata[i])->name, profile->name);
  if (!known)
    {
      g_ptr_array_add (registry, (gpointer) profile);
      g_ptr_array_add (registry_alias_keys, alias_keys_of (profile));
      registry_spans_lines |= match_spans_lines (profile);
    }
  g_mutex_unlock (&registry_lock);
}

/* PROFILE's alias keys when it is registered, else NULL. */
static char *const *
registered_alias_keys (const BpProfile *profile)
{
  char *const *keys = NULL;
  g_mutex_lock (&registry_lock);
  for (guint i = 0; registry && i < registry->len && !keys; i++)
    if (registry->pdata[i] == profile)
      keys = registry_alias_keys->pdata[i];
  g_mutex_unlock (&registry_lock);
  return keys;
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

/* Position (in bytes of TEXT) of the first match of any of P's match_any
 * strings, or -1. */
static glong
first_match (const BpProfile *p, const char *text)
{
  glong best = -1;
  for (const char *const *m = p->match_any; m && *m; m++)
    {
      const char *hit = strstr (text, *m);
      if (hit && (best < 0 || hit - text < best))
        best = hit - text;
    }
  return best;
}

/* The registered profile matching earliest in TEXT (registration order
 * breaks ties), or NULL. Called with registry_lock held. */
static const BpProfile *
earliest_profile (const char *text)
{
  const BpProfile *best = NULL;
  glong best_pos = -1;
  for (guint i = 0; registry && i < registry->len; i++)
    {
      glong pos = first_match (registry->pdata[i], text);
      if (pos >= 0 && (best_pos < 0 || pos < best_pos))
        best = registry->pdata[i], best_pos = pos;
    }
  return best;
}

/* The registered profile matching earliest in the document's opening: its
 * first BP_PROFILE_DETECT_LINES lines with spaces removed, joined by "\n".
 * No match string holds a "\n" (registry_spans_lines otherwise), so the
 * earliest match lies in the first line that holds any: the lines are read
 * one at a time, and only up to that one (issue 18). */
static const BpProfile *
detect (const BpDocument *doc)
{
  g_autoptr (GString) s = g_string_new (NULL);
  const BpProfile *found = NULL;
  guint n = MIN (bp_document_n_lines (doc), BP_PROFILE_DETECT_LINES);
  g_mutex_lock (&registry_lock);
  for (guint i = 0; i < n && !found; i++)
    {
      if (!registry_spans_lines)
        g_string_truncate (s, 0);
      bp_text_strip_spaces_append (s, bp_document_line (doc, i)->text);
      g_string_append_c (s, '\n');
      if (!registry_spans_lines)
        found = earliest_profile (s->str);
    }
  if (registry_spans_lines)
    found = earliest_profile (s->str);
  g_mutex_unlock (&registry_lock);
  return found ? found : &national_profile;
}

const BpProfile *
bp_profile_for_document (BpDocument *doc)
{
  const BpProfile *p = doc->profile ? bp_profile_lookup (doc->profile) : NULL;
  if (p)
    return p;
  /* Nothing decoded yet (a cleanup stage will): decide later. */
  if (bp_document_n_lines (doc) == 0)
    return &national_profile;
  p = detect (doc);
  g_free (doc->profile);
  doc->profile = g_strdup (p->name);
  return p;
}

const char *
bp_profile_alias_type (const BpProfile *profile, const char *title)
{
  char *const *keys = registered_alias_keys (profile);
  g_auto (GStrv) own = keys ? NULL : alias_keys_of (profile);
  g_autofree char *t = title_key (title);
  const BpTableAlias *a = profile->aliases;
  for (char *const *k = keys ? keys : own; *k; k++, a++)
    if (strstr (t, *k))
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

/* ---- district stages ---------------------------------------------------- */

const BpOption bp_district_options[] = {
  { "kind", BP_OPT_ENUM, "auto",
    "Document kind the pipeline is for: given to a document whose kind no "
    "stage found (auto: none)", offsetof (BpDistrictState, kind),
    "auto|budget|final_accounts", FALSE },
  BP_OPTION_END
};

/* Retypes tables the generic rules left as "other" by the profile's aliases. */
static void
retype_other_tables (const BpProfile *profile, BpDocument *doc)
{
  for (guint i = 0; i < doc->tables->len; i++)
    {
      BpTable *t = g_ptr_array_index (doc->tables, i);
      const char *type = t->title && !g_strcmp0 (t->type, "other")
                           ? bp_profile_alias_type (profile, t->title) : NULL;
      if (type)
        {
          g_free (t->type);
          t->type = g_strdup (type);
        }
    }
}

void
bp_profile_apply (const BpProfile *profile, BpDocument *doc)
{
  g_free (doc->profile);
  doc->profile = g_strdup (profile->name);
  if (!doc->city && profile->city)
    doc->city = g_strdup (profile->city);
  if (!doc->district && profile->district)
    doc->district = g_strdup (profile->district);
  retype_other_tables (profile, doc);
}

gboolean
bp_district_process (BpStage *stage, const BpProfile *profile,
                     const BpDistrictState *state, BpDocument *doc)
{
  /* Same district name, other city (舟山市普陀区): not this profile's. */
  if (profile->city && doc->city && strcmp (profile->city, doc->city))
    {
      bp_stage_log (stage, G_LOG_LEVEL_INFO, "%s: %s is not in %s: profile "
                    "not applied", doc->path, doc->city, profile->city);
      return TRUE;
    }
  bp_profile_apply (profile, doc);
  if (!state->kind || !strcmp (state->kind, "auto"))
    return TRUE;
  if (!doc->kind)
    doc->kind = g_strdup (state->kind);
  else if (strcmp (doc->kind, state->kind))
    bp_stage_log (stage, G_LOG_LEVEL_WARNING, "%s: a %s document in a "
                  "pipeline for %s", doc->path, doc->kind, state->kind);
  return TRUE;
}

/* ---- field phrases ------------------------------------------------------ */

static gboolean
is_figure_char (char c)
{
  return g_ascii_isdigit (c) || c == '.' || c == ',';
}

/* The document's lines normalized (full-width to ASCII, no spaces) and
 * joined as one text: PDF extraction breaks sentences anywhere ("政府采" /
 * "购金额"), so only two figures meeting at a break stay apart ("\n").
 * STARTS[i] is the byte offset where line i begins. */
static char *
phrase_text (const BpDocument *doc, GArray *starts)
{
  GString *s = g_string_new (NULL);
  guint n = bp_document_n_lines (doc);
  g_array_set_size (starts, n);   /* one call, not an append per line */
  for (guint i = 0; i < n; i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      gsize at = s->len;
      bp_text_compact_append (s, l->text);
      /* two figures meeting at the break: a "\n" between them */
      if (at && s->len > at && is_figure_char (s->str[at - 1])
          && is_figure_char (s->str[at]))
        g_string_insert_c (s, (gssize) at++, '\n');
      g_array_index (starts, gsize, i) = at;
    }
  return g_string_free (s, FALSE);
}

/* Index of the line holding byte OFFSET. */
static guint
line_at (GArray *starts, gsize offset)
{
  guint lo = 0, hi = starts->len;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (starts, gsize, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static const char *
table_id_at_line (const BpDocument *doc, int line)
{
  const BpTable *t = bp_document_table_at_line (doc, line);
  return t ? t->id : NULL;
}

static gboolean
key_is_count (const char *key)
{
  return g_str_has_prefix (key, "staffing.") || !strcmp (key, "vehicles.count");
}

/* The value of a match: a count, or money in its unit (group 2) or the
 * document's. */
static gboolean
phrase_value (const BpDocument *doc, const char *key, GMatchInfo *mi,
              gint64 *out)
{
  g_autofree char *num = g_match_info_fetch (mi, 1);
  if (!num || !*num)
    return FALSE;
  if (key_is_count (key))
    return g_ascii_string_to_signed (num, 10, 0, G_MAXINT32, out, NULL);
  g_autofree char *unit = g_match_info_get_match_count (mi) > 2
                            ? g_match_info_fetch (mi, 2) : NULL;
  BpUnit u = unit && *unit ? (!strcmp (unit, "万元") ? BP_UNIT_WANYUAN
                                                     : BP_UNIT_YUAN)
                           : (doc->unit != BP_UNIT_UNKNOWN ? doc->unit
                                                           : BP_UNIT_YUAN);
  return bp_amount_parse (num, u, out) == BP_AMOUNT_OK;
}

/* The source line of the figure (group 1) starting at byte START of TEXT:
 * inside a joined paragraph, the line that holds it. */
static int
phrase_source_line (const BpDocument *doc, GMatchInfo *mi, const char *text,
                    GArray *starts, int start)
{
  guint idx = line_at (starts, start);
  const BpLine *l = bp_document_line (doc, idx);
  g_autofree char *num = g_match_info_fetch (mi, 1);
  gsize from = g_array_index (starts, gsize, idx);
  return bp_document_source_line_at (doc, l, text + from, start - from, num);
}

/* The first match of PHRASE in TEXT, set as its field. */
static gboolean
read_phrase (BpDocument *doc, const BpFieldPhrase *phrase, const char *text,
             GArray *starts)
{
  /* The cached regex (a new one per document was most of this), asked
   * only when TEXT holds what every match needs. */
  if (!bp_regex_is_valid (phrase->pattern))
    {
      g_warning ("profile phrase for %s: bad pattern", phrase->key);
      return FALSE;
    }
  GMatchInfo *mi = NULL;
  gboolean set = FALSE;
  /* after a match is set, the next one is not looked for: a search to the
   * end of the text for nothing (issue 18) */
  bp_regex_match (phrase->pattern, text, &mi);
  while (mi && !set && g_match_info_matches (mi))
    {
      gint64 value;
      int start = 0;
      if (phrase_value (doc, phrase->key, mi, &value)
          && g_match_info_fetch_pos (mi, 1, &start, NULL))
        {
          int line = phrase_source_line (doc, mi, text, starts, start);
          bp_document_set_field (doc, phrase->key, key_is_count (phrase->key)
                                   ? BP_FIELD_COUNT : BP_FIELD_MONEY,
                                 value, line, table_id_at_line (doc, line));
          set = TRUE;
        }
      else
        g_match_info_next (mi, NULL);
    }
  g_match_info_free (mi);
  return set;
}

guint
bp_profile_read_phrases (const BpProfile *profile, BpDocument *doc)
{
  return bp_profile_read_phrases_keep (profile, doc, NULL, NULL);
}

guint
bp_profile_read_phrases_keep (const BpProfile *profile, BpDocument *doc,
                              char **joined, GArray *line_starts)
{
  if (joined)
    *joined = NULL;
  if (line_starts)
    g_array_set_size (line_starts, 0);
  if (!profile->phrases || !profile->phrases->key)
    return 0;
  /* the joined text is made only for a field still to read */
  const BpFieldPhrase *ph = profile->phrases;
  while (ph->key && bp_document_get_field (doc, ph->key))
    ph++;
  if (!ph->key)
    return 0;
  g_autoptr (GArray) own = line_starts ? NULL : g_array_new (FALSE, FALSE, sizeof (gsize));
  GArray *starts = line_starts ? line_starts : own;
  g_autofree char *text = phrase_text (doc, starts);
  guint n = 0;
  for (; ph->key; ph++)
    if (!bp_document_get_field (doc, ph->key))
      n += read_phrase (doc, ph, text, starts);
  if (joined)
    *joined = g_steal_pointer (&text);
  return n;
}
