/* fields plugin: narrative claims, and narrative values for the fields.
 *
 * Each sentence is read number by number. The clause just before a number
 * names what it is ("；项目支出 130.05 万元"), so every item of a list binds
 * to its own label. A clause with no name of its own ("，支出决算为 22.71
 * 万元", "，占 91.55%") speaks of the subject before it in the sentence, or
 * of the heading above the paragraph ("（一）因公出国（境）费用 / 预算控制数为
 * 0 万元"). */
#include "fields-private.h"

#include <stdlib.h>
#include <string.h>

#define CHANGE_VERB "(增加|增长|上升|提高|减少|下降|降低|节约|节省|压减)了?$"
/* The last characters of a CHANGE_VERB match. */
#define CHANGE_VERB_LAST "加长升高少降低约省减了"
#define QUALIFIERS "(?:支出|财政拨款|年初|全年|安排|预算|决算|控制数|执行数|数)+$"

typedef struct {
  const char *key;
  BpFieldKind kind;
  gint64 value;
  int line;
  int priority;
  guint64 order;
} Candidate;

typedef struct {
  BpDocument *doc;
  GHashTable *best;       /* key → Candidate* */
  guint64 order;
  /* per sentence */
  char *subject;          /* current subject text */
  const char *key;        /* its canonical key, or NULL */
  BpClaim *last_change;   /* change claim of the previous number */
  GPtrArray *mentions;    /* of the sentence being read */
} Reader;

static void
offer (Reader *r, const char *key, BpFieldKind kind, gint64 value, int line,
       int priority)
{
  Candidate *c = g_hash_table_lookup (r->best, key);
  if (c && c->priority <= priority)
    return;            /* an earlier or stronger statement stands */
  if (!c)
    {
      c = g_new0 (Candidate, 1);
      g_hash_table_insert (r->best, (gpointer) key, c);
    }
  *c = (Candidate) { key, kind, value, line, priority, r->order++ };
}

/* P starts with LIT, a three-byte character ("，", "。"): compared byte by
 * byte, so a shorter rest is never read past its end, and without
 * g_str_has_prefix's strlen of both on every character (issue 18). */
static inline gboolean
starts_with3 (const char *p, const char *lit)
{
  return p[0] == lit[0] && p[1] == lit[1] && p[2] == lit[2];
}

/* The clause right before a number: the text after the last , : ; */
static char *
last_clause (const char *window)
{
  const char *p = window, *start = window;
  for (; *p; p = g_utf8_next_char (p))
    if (*p == ',' || *p == ':' || *p == ';' || starts_with3 (p, "，"))
      start = g_utf8_next_char (p);
  return g_strdup (start);
}

/* The first characters of QUALIFIERS' words. */
#define QUALIFIERS_FIRST "支财年全安预决控执数"

static gboolean
qualifier_only (const char *subject)
{
  return !*subject || (fields_starts_with_char_in (subject, QUALIFIERS_FIRST)
                       && fields_match ("^" QUALIFIERS, subject, NULL));
}

/* "三公经费财政拨款年初预算数" → "三公经费财政拨款", so that a following
 * "支出决算为 …" reads "三公经费财政拨款支出决算". */
static char *
subject_core (const char *subject)
{
  /* every match ends the subject with 算 or 数 */
  g_autofree char *core = fields_ends_with_char_in (subject, strlen (subject), "算数")
      ? bp_regex_remove (fields_regex ("(?<!一般公共|政府性基金|国有资本经营)(?:年初|全年)?"
                                       "(?:预算|决算|控制数|执行数)数?$"),
                         subject)
      : g_strdup (subject);
  return *core ? g_steal_pointer (&core) : g_strdup (subject);
}

static void
set_subject (Reader *r, const char *subject, const char *key)
{
  g_free (r->subject);
  r->subject = g_strdup (subject);
  r->key = key;
}

/* "比2023年预算增加" → "2023年预算"; "与2020年度相比,…" → "2020年度". */
static char *
change_base (const char *window, int *year)
{
  GMatchInfo *mi = NULL;
  char *base = NULL;
  *year = 0;
  if (fields_match ("(?:比|较|与|同)(.+?)(?:相比|同比|,|增加|增长|上升|提高|"
                    "减少|下降|降低|节约|节省|压减|各|$)", window, &mi))
    {
      base = g_match_info_fetch (mi, 1);
      g_match_info_free (mi);
      if (fields_match ("((?:19|20)[0-9]{2})年", base, &mi))
        {
          g_autofree char *y = g_match_info_fetch (mi, 1);
          *year = atoi (y);
          g_match_info_free (mi);
        }
    }
  return base;
}

static int
verb_direction (const char *verb)
{
  return fields_match ("增|上升|提高", verb, NULL) ? 1 : -1;
}

/* A claim's text: the LEN bytes at AT of the paragraph, copied only into
 * a claim made of it (a copy per number was made before, issue 18). */
typedef struct {
  const char *at;
  gsize len;
} ClaimText;

static BpClaim *
add_claim (Reader *r, BpClaimKind kind, const char *subject,
           const FieldsMention *m, const ClaimText *text)
{
  BpClaim *c = bp_document_add_claim (r->doc, kind, subject, m->line);
  c->text = g_strndup (text->at, text->len);
  c->unit = m->unit;
  return c;
}

static void
read_change (Reader *r, const FieldsMention *m, const char *window,
             const char *clause, const char *verb, const ClaimText *text)
{
  BpClaim *c = r->last_change;
  if (!(m->kind == MENTION_PERCENT && c && !c->has_percent))
    {
      /* The subject before the verb, without the comparison phrase. */
      g_autofree char *own = bp_regex_remove (
          fields_regex ("(?:比|较|与|同).*?(?:相比|同比)?(?=增|减|上|下|降|提|节|压|各|$)|"
                        CHANGE_VERB "|各$"),
          clause);
      g_autofree char *subj = fields_subject_clean_norm (r->doc, own);
      c = add_claim (r, BP_CLAIM_CHANGE,
                     *subj && !qualifier_only (subj) ? subj
                     : (r->subject ? r->subject : ""), m, text);
      c->direction = verb_direction (verb);
      c->base = change_base (window, &c->base_year);
      r->last_change = c;
    }
  if (m->kind == MENTION_PERCENT)
    {
      c->percent = c->direction * m->value;
      c->has_percent = TRUE;
    }
  else
    {
      c->amount = c->direction * m->value;
      c->has_amount = TRUE;
      c->unit = m->unit;
    }
}

static void
read_share (Reader *r, const FieldsMention *m, const char *clause,
            const ClaimText *text)
{
  GMatchInfo *mi = NULL;
  if (!fields_match ("(?:占|完成)(.*?)的?$", clause, &mi))
    return;                   /* a rate of something else: "达 100%" */
  g_autofree char *base = g_match_info_fetch (mi, 1);
  g_match_info_free (mi);
  BpClaim *c = add_claim (r, BP_CLAIM_SHARE, r->subject ? r->subject : "", m,
                          text);
  c->percent = m->value;
  c->has_percent = TRUE;
  c->base = *base ? g_strdup (base) : NULL;
  c->unit = BP_UNIT_UNKNOWN;
}

static gboolean
acceptable_for_field (Reader *r, const char *clause, const char *window)
{
  gboolean final = r->doc->kind && g_str_equal (r->doc->kind, "final_accounts");
  if (final ? fields_clause_is_budget (clause) : fields_clause_is_actual (clause))
    return FALSE;
  return !fields_clause_other_year (window, r->doc->year);
}

/* The name a sentence gives before the colon that opens CLAUSE, the last
 * part of WINDOW ("23.…医疗耗材和试剂项目绩效自评综述:全年预算数840万元":
 * the 23rd project, not the one the sentence before named); NULL if none. */
static char *
name_before_clause (const BpDocument *doc, const char *window, const char *clause)
{
  gsize wl = strlen (window), cl = strlen (clause);
  if (cl >= wl || window[wl - cl - 1] != ':')
    return NULL;
  g_autofree char *before = g_strndup (window, wl - cl - 1);
  g_autofree char *own = last_clause (before);
  g_autofree char *clean = fields_subject_clean_norm (doc, own);
  /* "…项目绩效自评综述": the project; a bare "自评综述" names nothing */
  g_autofree char *name = bp_regex_remove (
      fields_regex ("(?:绩效)?(?:自评)?(?:综述|情况|说明)$"), clean);
  if (g_utf8_strlen (name, -1) < 4 || qualifier_only (name))
    return NULL;
  return g_steal_pointer (&name);
}

static void
read_amount (Reader *r, const FieldsMention *m, const char *window,
             const char *clause, const char *heading, const ClaimText *text)
{
  g_autofree char *subj = fields_subject_clean_norm (r->doc, clause);
  int priority = 0;
  const char *key = fields_label_money_key (subj, &priority);
  g_autofree char *subject = NULL;

  g_autofree char *own = key || !qualifier_only (subj) ? NULL
                         : name_before_clause (r->doc, window, clause);
  if (key || !qualifier_only (subj))
    subject = g_strdup (subj);
  else if (own)
    {
      key = fields_label_money_key (own, &priority);
      subject = g_strconcat (own, subj, NULL);
    }
  else if (r->subject)
    {
      g_autofree char *core = subject_core (r->subject);
      gboolean twice = g_str_has_suffix (core, "支出")
                       && g_str_has_prefix (subj, "支出");
      subject = g_strconcat (core, subj + (twice ? strlen ("支出") : 0), NULL);
      key = r->key;
    }
  else if (heading)
    {
      g_autofree char *h = fields_subject_clean_norm (r->doc, heading);
      key = fields_label_money_key (h, &priority);
      subject = g_strconcat (h, subj, NULL);
    }
  else
    subject = g_strdup (subj);

  add_claim (r, BP_CLAIM_AMOUNT, subject, m, text);
  BpClaim *c = g_ptr_array_index (r->doc->claims, r->doc->claims->len - 1);
  c->amount = m->value;
  c->has_amount = TRUE;
  set_subject (r, subject, key);

  if (key && acceptable_for_field (r, clause, window))
    {
      offer (r, key, BP_FIELD_MONEY, m->value, m->line, priority);
      const char *twin = fields_label_twin_key (key, subj);
      if (twin)
        offer (r, twin, BP_FIELD_MONEY, m->value, m->line, priority);
    }
}

static void
read_count (Reader *r, const FieldsMention *m, const char *window,
            const char *clause)
{
  g_autofree char *subj = fields_subject_clean_norm (r->doc, clause);
  int priority = 0;
  const char *key = fields_label_count_key (subj, m->count_unit, &priority);
  if (key && !fields_clause_other_year (window, r->doc->year))
    offer (r, key, BP_FIELD_COUNT, m->value, m->line, priority);
}

static void
read_mention (Reader *r, const FieldsPara *p, const FieldsMention *m,
              gsize win_start, gboolean first_in_para)
{
  g_autofree char *window = g_strndup (p->text->str + win_start,
                                       m->start - win_start);
  g_autofree char *clause = last_clause (window);
  const ClaimText text = { p->text->str + win_start, m->end - win_start };
  GMatchInfo *mi = NULL;
  BpClaim *prev_change = r->last_change;

  r->last_change = NULL;
  if (m->kind == MENTION_COUNT)
    read_count (r, m, window, clause);
  else if (fields_ends_with_char_in (clause, strlen (clause), CHANGE_VERB_LAST)
           && fields_match (CHANGE_VERB, clause, &mi))
    {
      g_autofree char *verb = g_match_info_fetch (mi, 1);
      g_match_info_free (mi);
      r->last_change = prev_change;
      read_change (r, m, window, clause, verb, &text);
    }
  else if (m->kind == MENTION_PERCENT)
    read_share (r, m, clause, &text);
  else
    read_amount (r, m, window, clause, first_in_para ? p->heading : NULL,
                 &text);
}

/* The most characters a bare name has. */
#define BARE_NAME_MAX 24

static void
read_sentence (Reader *r, const FieldsPara *p, gsize s, gsize e,
               gboolean first_in_para)
{
  GPtrArray *ms = r->mentions;
  fields_mentions_scan_into (r->doc, p, s, e, ms);
  gsize win = s;

  /* The subject carries over sentences ("…1538.62 万元。比 2023 年…"). */
  if (first_in_para)
    set_subject (r, NULL, NULL);
  r->last_change = NULL;
  /* A sentence whose cleaned words are surely too many to be a bare name
   * is not cleaned (issue 18). */
  gboolean may_name = ms->len == 0
                      && !fields_subject_surely_longer (r->doc, p->text->str + s, e - s,
                                                        BARE_NAME_MAX);
  g_autofree char *text = may_name ? g_strndup (p->text->str + s, e - s) : NULL;
  /* A sentence whose subject keeps a , or ; names nothing: not cleaned. */
  if (text && !fields_subject_keeps_comma (r->doc, text))
    {
      /* "1.一般公共服务（类）支出。年初预算为 …": a bare name is the
       * subject of the sentences after it. */
      g_autofree char *subj = fields_subject_clean_norm (r->doc, text);
      g_autofree char *name = fields_ends_with_char_in (subj, strlen (subj), "。!?")
                              ? bp_regex_remove (fields_regex ("[。!?]+$"), subj)
                              : g_strdup (subj);
      if (*name && g_utf8_strlen (name, -1) <= BARE_NAME_MAX
          && !fields_match ("[,;:]", name, NULL))
        set_subject (r, name, fields_label_money_key (name, NULL));
    }
  for (guint i = 0; i < ms->len; i++)
    {
      const FieldsMention *m = g_ptr_array_index (ms, i);
      read_mention (r, p, m, win, first_in_para && i == 0);
      win = m->end;
    }
}

/* The end of the sentence starting at Q: just after its first 。, ! or ?;
 * NULL if none. 。's lead byte E3 starts a character wherever it stands in
 * UTF-8, so a byte scan (strpbrk) finds what a walk by characters found,
 * without a step per character (issue 18). */
static const char *
sentence_end (const char *q)
{
  while ((q = strpbrk (q, "\xE3!?")) != NULL)
    {
      if (*q != '\xE3')
        return q + 1;
      if (starts_with3 (q, "。"))
        return q + 3;
      q++;
    }
  return NULL;
}

static void
read_paragraph (Reader *r, const FieldsPara *p)
{
  const char *str = p->text->str;
  gsize s = 0;
  gboolean first = TRUE;

  if (p->is_heading)
    return;
  while (s < p->text->len)
    {
      const char *stop = sentence_end (str + s);
      gsize e = stop ? (gsize) (stop - str) : p->text->len;
      read_sentence (r, p, s, e, first);
      first = FALSE;
      s = e;
    }
}

static void
read_paragraph_each (const FieldsPara *p, gpointer reader)
{
  read_paragraph (reader, p);
}

void
fields_extract_narrative (BpDocument *doc, const FieldsJoinedLines *joined)
{
  Reader r = { doc, g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free),
               0, NULL, NULL, NULL,
               g_ptr_array_new_with_free_func (fields_mention_free) };

  /* read as they are made: one paragraph at a time (issue 18) */
  fields_paragraphs_each (doc, joined, read_paragraph_each, &r);
  /* Table values stand; the narrative fills what the tables left open. */
  for (const char *const *k = fields_canonical_keys; *k; k++)
    {
      const Candidate *c = g_hash_table_lookup (r.best, *k);
      if (c && !bp_document_get_field (doc, c->key))
        bp_document_set_field (doc, c->key, c->kind, c->value, c->line, NULL);
    }
  g_hash_table_destroy (r.best);
  g_ptr_array_unref (r.mentions);
  g_free (r.subject);
}
