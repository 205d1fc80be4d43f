/* validate: checks reviewers run on the wording of the narrative (docs/rules.md,
 * issue 17): outdated class names, a completion rate on no budget, a share
 * or amount printed without its sign or unit, a 三公 item left unstated,
 * 持平 against a change, 决算 大于/小于 预算 against the figures, and a 单位
 * document calling itself a 部门 one (or the reverse).
 *
 * These read the text itself, sentence by sentence, after the cleanup stage
 * joined paragraphs; table rows and the table of contents are left out. */
#include "validate-private.h"

#include <stdlib.h>
#include <string.h>

/* ---- reading the narrative ---------------------------------------------- */


/* A line of a table or of the contents. A line only flagged as a table row
 * outside every table is read: cleanup flags numbered sentences whose
 * figures line up ("2.公务接待费：2026 年安排公务接待费预算 27.10 万"). */
static gboolean
is_table_line (const BpDocument *doc, const BpLine *l)
{
  return (l->flags & BP_LINE_TOC) || strchr (l->text, '\t')
         || validate_line_in_table (doc, l->line);
}

/* One narrative line in plain form, with where it came from. */
typedef struct {
  const BpLine *line;
  const char *text; /* LINE's own text when already plain (most lines) */
} TextLine;

/* What a line of doc->lines is to the narrative rules, two bits a line
 * of a run's mask (issue 18: a byte a line was half the input's size for
 * a file of one-character lines). */
enum {
  LINE_NOT_NARRATIVE = 0,
  LINE_NARRATIVE = 1,   /* its plain form is its text, or in the stream */
  LINE_ASCII_SPACED = 2 /* ASCII with spaces or quotes: its plain form is
                         * its text without them, made as it is read */
};

static guint
mask_get (const GByteArray *mask, guint i)
{
  return (mask->data[i / 4] >> (i % 4 * 2)) & 3;
}

static void
mask_set (GByteArray *mask, guint i, guint kind)
{
  mask->data[i / 4] |= (guint8) (kind << (i % 4 * 2));
}

/* Bytes of S's plain form made on the fly (LINE_ASCII_SPACED) at most: a
 * longer line's form is kept in the stream. */
#define ASCII_PLAIN_MAX 256

/* LINE_ASCII_SPACED when S is short ASCII that validate_plain_append
 * changes only by dropping spaces and quotes (every ASCII character is
 * its own plain form), else LINE_NARRATIVE. */
static guint
narrative_kind (const char *s)
{
  gboolean spaced = FALSE;
  gsize n = 0;
  for (; s[n]; n++)
    {
      if ((guchar) s[n] >= 0x80 || n >= ASCII_PLAIN_MAX)
        return LINE_NARRATIVE;
      spaced |= strchr (" \t\n\r\f\"'", s[n]) != NULL;
    }
  return spaced ? LINE_ASCII_SPACED : LINE_NARRATIVE;
}

/* The narrative lines of DOC (not table rows, not the contents), plain,
 * are read with a NarrativeIter over doc->lines. Kept per run: MASK, two
 * bits per line of doc->lines (LINE_*), and the lines whose plain form
 * differs from their text, in order, as one byte stream: each its index
 * in doc->lines (4 bytes) and its plain form with its NUL. A short ASCII
 * line's form (spaces and quotes dropped) is made again as it is read,
 * not kept: a file of many lines "1 2" kept a form a line (issue 18).
 * Outside a run MASK is NULL: the iterator tests each line, and the
 * stream holds every form that differs. */
static GByteArray *
narrative_lines_read (const BpDocument *doc, GByteArray *mask)
{
  GByteArray *out = g_byte_array_new ();
  GString *plain = g_string_new (NULL);
  for (guint i = 0; i < doc->lines->len; i++)
    {
      const BpLine *l = doc->lines->pdata[i];
      if (is_table_line (doc, l))
        continue;
      guint kind = mask ? narrative_kind (l->text) : LINE_NARRATIVE;
      if (mask)
        mask_set (mask, i, kind);
      if (kind == LINE_ASCII_SPACED)
        continue;
      g_string_truncate (plain, 0);
      validate_plain_append (plain, l->text);
      if (!strcmp (plain->str, l->text))
        continue;
      guint32 at = i;
      g_byte_array_append (out, (const guint8 *) &at, sizeof at);
      g_byte_array_append (out, (const guint8 *) plain->str, plain->len + 1);
    }
  g_string_free (plain, TRUE);
  return out;
}

/* The lines whose plain form differs (narrative_lines_read), once per run
 * (several rules read them); unref it when done, do not change it. Read
 * the lines with narrative_iter () and narrative_next (). */
static GByteArray *
narrative_lines (const BpDocument *doc)
{
  if (!validate_cache (VALIDATE_CACHE_DOC))
    return narrative_lines_read (doc, NULL);
  ValidateDocFacts *f = validate_doc_facts (doc);
  if (!f->narrative)
    {
      guint bytes = (doc->lines->len + 3) / 4;
      f->narrative_mask = g_byte_array_sized_new (bytes);
      g_byte_array_set_size (f->narrative_mask, bytes);
      if (bytes > 0) /* an empty document's array has no data at all */
        memset (f->narrative_mask->data, 0, bytes);
      f->narrative = narrative_lines_read (doc, f->narrative_mask);
    }
  return g_byte_array_ref (f->narrative);
}

/* Where a reading of the narrative lines is: N lines read so far. */
typedef struct {
  const BpDocument *doc;
  const GByteArray *differ; /* narrative_lines () */
  const GByteArray *mask;   /* or NULL: is_table_line on each line */
  guint at, n;
  gsize k;                  /* the next entry of DIFFER */
  char ascii[ASCII_PLAIN_MAX + 1]; /* the last line's LINE_ASCII_SPACED form */
} NarrativeIter;

static NarrativeIter
narrative_iter (const BpDocument *doc, const GByteArray *differ)
{
  const GByteArray *mask = NULL;
  if (validate_cache (VALIDATE_CACHE_DOC))
    mask = validate_doc_facts (doc)->narrative_mask;
  return (NarrativeIter) { .doc = doc, .differ = differ, .mask = mask };
}

/* TEXT without spaces and quotes into IT's buffer (LINE_ASCII_SPACED). */
static const char *
ascii_plain (NarrativeIter *it, const char *text)
{
  char *o = it->ascii;
  for (const char *p = text; *p; p++)
    if (!strchr (" \t\n\r\f\"'", *p))
      *o++ = *p;
  *o = '\0';
  return it->ascii;
}

/* The next narrative line into T, FALSE after the last. T's text stays
 * valid until the next call. */
static gboolean
narrative_next (NarrativeIter *it, TextLine *t)
{
  const GPtrArray *lines = it->doc->lines;
  while (it->at < lines->len)
    {
      guint i = it->at++;
      const BpLine *l = lines->pdata[i];
      guint kind = it->mask ? mask_get (it->mask, i)
                   : is_table_line (it->doc, l) ? LINE_NOT_NARRATIVE : LINE_NARRATIVE;
      if (kind == LINE_NOT_NARRATIVE)
        continue;
      *t = (TextLine) { .line = l, .text = l->text };
      guint32 differ_at;
      if (kind == LINE_ASCII_SPACED)
        t->text = ascii_plain (it, l->text);
      else if (it->k < it->differ->len)
        {
          memcpy (&differ_at, it->differ->data + it->k, sizeof differ_at);
          if (differ_at == i)
            {
              t->text = (const char *) it->differ->data + it->k + sizeof differ_at;
              it->k += sizeof differ_at + strlen (t->text) + 1;
            }
        }
      it->n++;
      return TRUE;
    }
  return FALSE;
}

/* The source line of the match of group GROUP of MI in T. */
static int
match_line (const BpDocument *doc, const TextLine *t, GMatchInfo *mi, int group)
{
  int start = 0, end = 0;
  if (!g_match_info_fetch_pos (mi, group, &start, &end) || start < 0)
    return t->line->line;
  g_autofree char *token = g_strndup (t->text + start, MIN (end - start, 24));
  if (!*token)
    return t->line->line;
  return bp_document_source_line_at (doc, t->line, t->text, start, token);
}

/* A printed decimal ("1,132.98") in fen of its unit's hundredths, i.e. the
 * figure × 100; FALSE when it does not parse. */
static gboolean
figure_hundredths (const char *s, gint64 *out)
{
  bp_fen v;
  if (bp_amount_parse (s, BP_UNIT_YUAN, &v) != BP_AMOUNT_OK)
    return FALSE;
  *out = v;
  return TRUE;
}

/* ---- narrative.outdated_name -------------------------------------------- */

/* TRUE when the former name at [AT, AT + LEN) of TEXT is quoted as such
 * ("原医疗卫生与计划生育支出", "…调整为卫生健康支出") or is part of the
 * current name printed there. */
static gboolean
former_name_explained (const char *text, gsize at, gsize len, const char *current)
{
  const char *tail = text + at + len;
  gboolean before_yuan = at >= strlen ("原") && g_str_has_prefix (text + at - strlen ("原"), "原");
  if (before_yuan || bp_regex_match ("^(?:\\((?:类|款|项)\\))?(?:调整|更名|改)为", tail, NULL))
    return TRUE;
  /* The current name overlapping the match ("文化" inside "文化和旅游"). */
  gsize clen = strlen (current);
  for (const char *p = strstr (text, current); p; p = strstr (p + 1, current))
    if ((gsize) (p - text) <= at + len && (gsize) (p - text) + clen >= at)
      return TRUE;
  return FALSE;
}

/* A name the document's edition replaced (FORMER, CURRENT: its entry's names
 * normalized). Short 款 names (文化, 农业) and
 * the believed (M) ones are only taken with their level marked, “农业（款）”. */
static int
former_name_line (ValidateRun *run, const TextLine *t, gboolean marked_only,
                  const char *former, const char *current)
{
  for (const char *p = strstr (t->text, former); p; p = strstr (p + 1, former))
    {
      gsize at = p - t->text, len = strlen (former);
      const char *tail = p + len;
      gboolean marked = bp_regex_match ("^\\((?:类|款|项)\\)", tail, NULL);
      if ((marked_only && !marked) || former_name_explained (t->text, at, len, current))
        continue;
      return bp_document_source_line_at (run->doc, t->line, t->text, at, former);
    }
  return 0;
}

/* A former name the document's edition replaced, and where the text
 * uses it. */
typedef struct {
  const char *code;
  const CatalogueEntry *entry;
  char *former, *current;   /* the entry's names normalized */
  gboolean marked_only;
  int first;                /* the first line using it */
  guint n;                  /* lines using it */
} FormerName;

static void
former_name_clear (gpointer p)
{
  FormerName *f = p;
  g_free (f->former);
  g_free (f->current);
}

/* The first characters of the former names, when each is a three-byte
 * character, as a set by their two trailing bytes (4,096 bits): a line
 * holding none of them holds no former name. A strstr per name and line
 * (13 names) was most of the rule; one scan of the line now rules most
 * lines out. ALL: a name starts otherwise, every line is searched. */
typedef struct {
  guint8 bits[512];
  gboolean all;
} FirstChars;

static guint
first_char_key (const guchar *u)
{
  return ((guint) (u[1] & 0x3F) << 6) | (u[2] & 0x3F);
}

static void
first_chars_add (FirstChars *fc, const char *name)
{
  const guchar *u = (const guchar *) name;
  if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
    {
      fc->all = TRUE;
      return;
    }
  guint k = first_char_key (u);
  fc->bits[k >> 3] |= (guint8) (1u << (k & 7));
}

/* The names of NAMES whose first character TEXT holds, bit K for name K:
 * a line holding 文 need not be searched for 医疗卫生与计划生育. All bits
 * when FC is ALL (then every name is searched, as NAMES may be long). */
static guint64
first_chars_in (const FirstChars *fc, const GArray *names, const char *text)
{
  if (fc->all)
    return G_MAXUINT64;
  guint64 found = 0;
  /* A name starts at a lead byte E0..EF followed by two continuation
   * bytes, so the continuation bytes of such a triple start none. */
  for (const guchar *u = (const guchar *) text; *u;)
    {
      if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
        {
          u++;
          continue;
        }
      guint k = first_char_key (u);
      if (fc->bits[k >> 3] & (1u << (k & 7)))
        for (guint n = 0; n < names->len; n++)
          if (!memcmp (g_array_index (names, FormerName, n).former, u, 3))
            found |= G_GUINT64_CONSTANT (1) << n;
      u += 3;
    }
  return found;
}

/* One finding per outdated name, at its first line, counting the others.
 * The lines are read once for all names (a pass per name was most of the
 * rule). */
static void
check_outdated_names (ValidateRun *run)
{
  if (!run->doc->year)
    return;
  const GPtrArray *codes = validate_catalogue_former_codes ();
  g_autoptr (GArray) names = g_array_new (FALSE, FALSE, sizeof (FormerName));
  g_array_set_clear_func (names, former_name_clear);
  for (guint k = 0; codes && k < codes->len; k++)
    {
      const CatalogueEntry *e = validate_catalogue_lookup (codes->pdata[k]);
      if (!e || !e->former_until)
        continue;
      /* A budget of the year after the change may still be drafted on the
       * old edition; an approximate date ("2020(approx.)") gets a year more. */
      int margin = e->former_confidence == 'H' ? 1 : 2;
      if (run->doc->year <= e->former_until + margin)
        continue;
      /* Normalized once per name, not per line (issue 18). */
      FormerName f = { codes->pdata[k], e, validate_normalize_name (e->former),
                       validate_normalize_name (e->name), FALSE, 0, 0 };
      f.marked_only = g_utf8_strlen (f.former, -1) < 8 || e->former_confidence != 'H';
      g_array_append_val (names, f);
    }
  if (!names->len)
    return;
  FirstChars first = { { 0 }, names->len > 64 };
  for (guint k = 0; k < names->len; k++)
    first_chars_add (&first, g_array_index (names, FormerName, k).former);
  g_autoptr (GByteArray) lines = narrative_lines (run->doc);
  TextLine t;
  for (NarrativeIter it = narrative_iter (run->doc, lines); narrative_next (&it, &t);)
    {
      guint64 starts = first_chars_in (&first, names, t.text);
      for (guint k = 0; starts && k < names->len; k++)
        {
          FormerName *f = &g_array_index (names, FormerName, k);
          if (!((starts >> MIN (k, 63)) & 1))
            continue;
          int line = former_name_line (run, &t, f->marked_only, f->former, f->current);
          if (line && !f->n++)
            f->first = line;
        }
    }
  for (guint k = 0; k < names->len; k++)
    {
      const FormerName *f = &g_array_index (names, FormerName, k);
      /* A style note: the figures are not in doubt (the seeds' gold counts none). */
      if (f->n)
        validate_report (run, BP_SEVERITY_INFO, f->first, NULL,
                         "the text names %s by its name before the %d edition of "
                         "the classification, “%s” (lines: %u); the %d document's "
                         "name is “%s”", f->code, f->entry->former_until + 1,
                         f->entry->former, f->n, run->doc->year, f->entry->name);
    }
}

/* ---- narrative.completion_zero ------------------------------------------ */

/* TRUE for a completion rate: "完成(年初)预算的 Y%". */
static gboolean
is_completion_rate (const BpClaim *c)
{
  return c->kind == BP_CLAIM_SHARE && c->has_percent && c->base
         && bp_regex_match ("预算(?:数)?$", c->base, NULL)
         && c->text && strstr (c->text, "完成");
}

/* The amount claim of the same subject right before share I (its 决算),
 * or NULL. */
static const BpClaim *
rate_amount (const BpDocument *doc, guint i)
{
  const BpClaim *c = doc->claims->pdata[i];
  if (i == 0)
    return NULL;
  const BpClaim *p = doc->claims->pdata[i - 1];
  if (p->kind != BP_CLAIM_AMOUNT || !p->has_amount || p->line < c->line - 3
      || g_strcmp0 (p->subject, c->subject) != 0)
    return NULL;
  return p;
}

/* The text from the claim's line to two lines on, plain. */
static char *
text_from (const BpDocument *doc, int line, int n)
{
  return validate_source_plain (doc, line, line + n - 1);
}

/* The text says the item had no budget: "本年度无公务接待费预算",
 * "年初预算为0", "未安排…预算". */
static gboolean
says_no_budget (const BpDocument *doc, const BpClaim *c)
{
  g_autofree char *text = text_from (doc, c->line, 3);
  g_autofree char *own = validate_plain_text (c->text);
  const char *at = strstr (text, own);
  if (!at)
    return FALSE;
  /* The claim's sentence and the one after it. */
  GRegex *re = bp_regex ("^[^。]*(?:。[^。]*)?");
  GMatchInfo *mi = NULL;
  gboolean none = FALSE;
  if (g_regex_match (re, at + strlen (own), 0, &mi))
    {
      g_autofree char *span = g_match_info_fetch (mi, 0);
      none = bp_regex_match ("(?:无|没有|未安排|未编制)[^。,;]{0,16}预算", span, NULL);
    }
  g_match_info_free (mi);
  return none;
}

static void
check_completion_zero (ValidateRun *run)
{
  const BpDocument *doc = run->doc;
  for (guint i = 0; i < doc->claims->len; i++)
    {
      const BpClaim *c = doc->claims->pdata[i];
      if (!is_completion_rate (c) || c->percent == 0)
        continue;
      const BpClaim *spent = rate_amount (doc, i);
      gboolean zero_spent = spent && spent->amount == 0;
      gboolean no_budget = says_no_budget (doc, c);
      if (!zero_spent && !no_budget)
        continue;
      g_autofree char *rate = validate_format_percent (c->percent, FALSE);
      /* Whole formats, not fragments: each sentence is translated. */
      if (zero_spent && no_budget && c->percent == 10000)
        /* 0 of a budget of 0 printed as 100 %: a convention some
         * departments follow, not a contradiction (the gold agrees). */
        validate_report (run, BP_SEVERITY_INFO, c->line, NULL,
                         "%s: a completion rate of %s for nothing spent of no "
                         "budget: there is no rate", c->subject, rate);
      else if (zero_spent && !no_budget)
        validate_report (run, BP_SEVERITY_WARNING, c->line, NULL,
                         "%s: a completion rate of %s for nothing spent: of a budget "
                         "it is 0 %%, of no budget there is no rate", c->subject, rate);
      else
        validate_report (run, BP_SEVERITY_ERROR, c->line, NULL,
                         "%s: a completion rate of %s of a budget the text says there was not",
                         c->subject, rate);
    }
}

/* ---- narrative.unit_missing --------------------------------------------- */

/* A share with no % sign: "占 76.23;", "占比为 23.7。"; not 占地/占用/占有
 * and not a count ("占 3 个") or an amount ("占 12 万元"). */
#define BARE_SHARE "占(?!地|用|有|领|据|压)[^0-9。;,%]{0,16}?" \
                   "([0-9]{1,3}\\.[0-9]{1,2})(?=[,;。、)])"
/* An amount with no unit: "支出决算为 4.19。" A figure with decimals after
 * the words of a money figure, then the end of the clause. */
#define BARE_AMOUNT "(?:预算|决算|支出|收入|经费|资金|费用?)(?:数|总额|金额)?" \
                    "(?:为|是|共计|合计|总计|安排)" \
                    "([0-9][0-9,]*\\.[0-9]{1,2})(?=[,;。、])"

static void
report_bare (ValidateRun *run, const TextLine *t, GMatchInfo *mi, gboolean share)
{
  g_autofree char *whole = g_match_info_fetch (mi, 0);
  int line = match_line (run->doc, t, mi, 1);
  if (share)
    validate_report (run, BP_SEVERITY_ERROR, line, NULL,
                     "a share printed without its %% sign: “%s”", whole);
  else
    validate_report (run, BP_SEVERITY_ERROR, line, NULL,
                     "an amount printed without its unit: “%s”", whole);
}

/* TRUE when a run of ASCII digits in TEXT starts right after 为, 是, 计
 * (共计/合计/总计) or 排 (安排): where every match of BARE_AMOUNT has its
 * figure. Most lines with decimals hold none, and the regex is not run. */
static gboolean
figure_after_verb (const char *text)
{
  static const char verbs[][4] = { "为", "是", "计", "排" };
  const char *digits = "0123456789";
  for (const char *d = text + strcspn (text, digits); *d; d += strcspn (d, digits))
    {
      for (guint k = 0; d - text >= 3 && k < G_N_ELEMENTS (verbs); k++)
        if (memcmp (d - 3, verbs[k], 3) == 0)
          return TRUE;
      d += strspn (d, digits);
    }
  return FALSE;
}

/* TRUE when TEXT holds a figure with one or two decimals that ends a
 * clause ("76.23;", "4.19。"): a digit or ',' before the '.', then the
 * decimals and one of , ; 。 、 ). Every match of BARE_SHARE and of
 * BARE_AMOUNT holds one. */
static gboolean
bare_decimal (const char *text)
{
  for (const char *p = strchr (text, '.'); p; p = strchr (p + 1, '.'))
    {
      if (p == text || !(g_ascii_isdigit (p[-1]) || p[-1] == ',') || !g_ascii_isdigit (p[1]))
        continue;
      const guchar *q = (const guchar *) (g_ascii_isdigit (p[2]) ? p + 3 : p + 2);
      /* 。 is E3 80 82, 、 E3 80 81: tested byte by byte, not past a NUL */
      if (*q == ',' || *q == ';' || *q == ')'
          || (q[0] == 0xE3 && q[1] == 0x80 && (q[2] == 0x82 || q[2] == 0x81)))
        return TRUE;
    }
  return FALSE;
}

static void
check_units_missing (ValidateRun *run)
{
  g_autoptr (GByteArray) lines = narrative_lines (run->doc);
  TextLine read;
  for (NarrativeIter it = narrative_iter (run->doc, lines); narrative_next (&it, &read);)
    {
      const TextLine *t = &read;
      if (!bare_decimal (t->text))
        continue;   /* both patterns need a figure with decimals */
      for (int share = 1; share >= 0; share--)
        {
          /* what every match holds: 占, or a figure right after its verb */
          if (share ? !strstr (t->text, "占") : !figure_after_verb (t->text))
            continue;
          GMatchInfo *mi = NULL;
          if (bp_regex_match (share ? BARE_SHARE : BARE_AMOUNT, t->text, &mi))
            for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
              report_bare (run, t, mi, share);
          g_match_info_free (mi);
        }
    }
}

/* ---- three_public.disclosed --------------------------------------------- */

/* The four 三公 amounts the text must state, each by its own name. Every
 * match of an item's pattern holds the literal HOLDS at most BACK bytes
 * after its start, and is at most ITEM_MATCH_MAX bytes long: item_stated
 * searches only around HOLDS. */
static const struct {
  const char *name;
  const char *pattern;
  const char *holds;
  gsize back;
} three_public_items[] = {
  { "因公出国（境）费", "因公出国\\(?境?\\)?(?:经费|费用|费)?", "因公出国", 0 },
  { "公务用车购置费", "(?:公务用车|车辆|用车)购置(?:预算|决算)?(?:安排|经费|费用|费|支出)"
                     "|(?:其中|[,;、]):?购置(?:经费|费)", "购置", sizeof "公务用车" - 1 },
  { "公务用车运行（维护）费", "(?:公务用车|车辆|用车)运行(?:维护|维修)?(?:预算|决算)?(?:经费|费用|费|支出)"
                             "|(?:其中|[,;、]):?运行(?:维护|维修)?(?:经费|费)", "运行",
    sizeof "公务用车" - 1 },
  { "公务接待费", "公务接待(?:经费|费用|费)?", "公务接待", 0 },
};
/* Longer than any match of the patterns above (36 bytes at most). */
#define ITEM_MATCH_MAX 48

/* What states an item: a figure after its name in the same clause ("公务
 * 接待费 1.2 万元", "因公出国（境）费预算为 0"), or a word saying there was
 * none before or after it ("未发生因公出国（境）费", "公务接待费无"). */
#define NONE_WORD "(?:无|未发生|未安排|未列支|未编制|不编制|不安排|没有|不涉及|不存在)"
#define STATED_AFTER "^(?:[^。;,]{0,24}?|(?:[^。;,]{0,4}|(?:支出)?(?:预算|决算)?(?:情况)?(?:说明)?)。[^。;]{0,24}?)(?:[0-9]|零|" NONE_WORD ")"
#define STATED_BEFORE NONE_WORD "[^。;,]{0,12}$"

/* The first LEN characters of S at most, a new string. */
static char *
utf8_head (const char *s, guint len)
{
  const char *end = s;
  for (guint k = 0; k < len && *end; k++)
    end = g_utf8_next_char (end);
  return g_strndup (s, end - s);
}

/* The first character at most BACK bytes before AT, not before FLOOR. */
static const char *
back_bytes (const char *floor, const char *at, gsize back)
{
  const char *p = at;
  while (p > floor && (gsize) (at - g_utf8_prev_char (p)) <= back)
    p = g_utf8_prev_char (p);
  return p;
}

/* The next match of item K's pattern in TEXT starting at FROM or after
 * (as g_regex_match and g_match_info_next find them): MI, or NULL. Every
 * match holds the item's literal a few bytes after its start, so each
 * place of the literal is searched over a few bytes only: the search
 * through the whole narrative was most of the rule (issue 18). */
static GMatchInfo *
item_match_from (const char *text, guint k, const char *from)
{
  const char *holds = three_public_items[k].holds;
  GRegex *re = bp_regex (three_public_items[k].pattern);
  for (const char *at = strstr (from, holds); at; at = strstr (from, holds))
    {
      const char *start = back_bytes (from, at, three_public_items[k].back);
      const char *end = at;
      while (*end && end - at < ITEM_MATCH_MAX + (gssize) strlen (holds))
        end = g_utf8_next_char (end);
      GMatchInfo *mi = NULL;
      int pos = 0;
      /* a match starting up to AT: the leftmost from FROM, which the
       * window holds whole */
      if (g_regex_match_full (re, text, end - text, start - text, 0, &mi, NULL)
          && g_match_info_fetch_pos (mi, 0, &pos, NULL) && text + pos <= at)
        return mi;
      g_match_info_free (mi);
      from = g_utf8_next_char (at);   /* no match starts up to AT */
    }
  return NULL;
}

/* TRUE when TEXT states item K (three_public_items). */
static gboolean
item_stated (const char *text, guint k)
{
  gboolean stated = FALSE;
  for (GMatchInfo *mi = item_match_from (text, k, text); !stated && mi;)
    {
      int start, end;
      g_match_info_fetch_pos (mi, 0, &start, &end);
      g_match_info_free (mi);
      /* STATED_BEFORE spans at most 15 characters and ends at the end (or
       * before a final newline): the 16 before the item hold any match,
       * and reading all the text before it made the rule quadratic. */
      const char *from = text + start;
      for (int n = 0; n < 16 && from > text; n++)
        from = g_utf8_prev_char (from);
      g_autofree char *head = g_strndup (from, text + start - from);
      /* STATED_AFTER spans at most 37 characters from its start */
      g_autofree char *tail = utf8_head (text + end, 40);
      stated = bp_regex_match (STATED_AFTER, tail, NULL)
               || bp_regex_match (STATED_BEFORE, head, NULL);
      mi = stated ? NULL : item_match_from (text, k, text + end);
    }
  return stated;
}

/* "公务用车购置及运行费 0 万元", "未发生公务用车购置及运行费": both parts. */
#define VEHICLE_NONE "(?:(?:无|未发生|未安排|没有)[^。;,]{0,8}公务用车购置及运行(?:维护)?(?:经)?费" \
                     "|公务用车购置及运行(?:维护)?(?:经)?费[^。;,0-9]{0,12}(?:0(?:\\.0+)?万?元|为0|无|未发生|为零))"
/* No 三公 money at all: "本部门无“三公”经费", "三公经费…均为0". */
#define THREE_PUBLIC_NONE NONE_WORD "[^。;,]{0,8}三公|" \
                          "三公经费[^。;,]{0,24}(?:均为0|为0(?:\\.0+)?万?元|均为零|为零|均无|无支出|未发生)"

/* TRUE when P (after TEXT's start) is right after a clause's end: 。,
 * ";" or "," (NFKC). */
static gboolean
clause_ends_before (const char *text, const char *p)
{
  return p[-1] == ';' || p[-1] == ',' || (p - text >= 3 && memcmp (p - 3, "。", 3) == 0);
}

/* TRUE when P is at a clause's end (or the text's). */
static gboolean
clause_ends_at (const char *p)
{
  const guchar *u = (const guchar *) p;
  return !*p || *p == ';' || *p == ',' || (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x82);
}

/* bp_regex_match (PATTERN, TEXT) for a PATTERN without anchors or
 * lookarounds whose every match holds ANCHOR and none of 。;, : only the
 * clauses holding ANCHOR are searched. Such a pattern starts with no
 * literal, and its search over the whole narrative was most of the rule
 * (issue 18). */
static gboolean
clause_match (const char *text, const char *anchor, const char *pattern)
{
  gsize anchor_len = strlen (anchor);
  for (const char *p = strstr (text, anchor); p;)
    {
      const char *from = p, *to = p + anchor_len;
      while (from > text && !clause_ends_before (text, from))
        from--;
      while (!clause_ends_at (to))
        to++;
      g_autofree char *clause = g_strndup (from, to - from);
      if (bp_regex_match (pattern, clause, NULL))
        return TRUE;
      p = strstr (to, anchor);
    }
  return FALSE;
}

static void
check_three_public_disclosed (ValidateRun *run)
{
  g_autoptr (GByteArray) lines = narrative_lines (run->doc);
  int first = 0;
  TextLine read;
  for (NarrativeIter it = narrative_iter (run->doc, lines); !first && narrative_next (&it, &read);)
    if (strstr (read.text, "三公") && bp_regex_match ("[0-9]万?元", read.text, NULL))
      first = read.line->line;
  if (!first)
    return;   /* no 三公 amount: the text is not joined (issue 18) */
  GString *text = g_string_new (NULL);
  for (NarrativeIter it = narrative_iter (run->doc, lines); narrative_next (&it, &read);)
    /* Lines as printed: a word may be cut at the end of one ("公务接"). */
    g_string_append (text, read.text);
  gboolean none = clause_match (text->str, "三公", THREE_PUBLIC_NONE);
  gboolean vehicle_none = clause_match (text->str, "公务用车购置及运行", VEHICLE_NONE);
  GString *missing = g_string_new (NULL);
  for (guint k = 0; first && !none && k < G_N_ELEMENTS (three_public_items); k++)
    {
      if ((k == 1 || k == 2) && vehicle_none)
        continue;
      if (!item_stated (text->str, k))
        g_string_append_printf (missing, "%s%s", missing->len ? "、" : "",
                                three_public_items[k].name);
    }
  if (missing->len)
    validate_report (run, BP_SEVERITY_WARNING, first, NULL,
                     "the text on the “三公” money does not state %s (an amount, "
                     "0 or 未发生): the merged 公务用车购置及运行费 does not state its parts",
                     missing->str);
  g_string_free (missing, TRUE);
  g_string_free (text, TRUE);
}

/* ---- narrative.flat ----------------------------------------------------- */

/* 持平 next to a change of its own clause: "与上年持平，增加 2.5 万元",
 * "减少 3 万元，与上年持平". A change of a part in a clause of its own
 * ("持平，其中人员经费增加…") names its subject and is not matched. */
#define FLAT_THEN_CHANGE "(?<!基本|大致|大体|总体|略|相对)持平[,]?(增加|增长|减少|下降|上升|降低)了?([0-9][0-9,]*(?:\\.[0-9]+)?)(万元|元|%)"
#define CHANGE_THEN_FLAT "(增加|增长|减少|下降|上升|降低)了?([0-9][0-9,]*(?:\\.[0-9]+)?)(万元|元|%)[,]?(?:与|和|同|较|比)(?:上年|去年|上年度|[0-9]{4}年度?)(?:年初)?(?:预算数?|同期)?(?:相比)?持平"

static void
check_flat (ValidateRun *run)
{
  g_autoptr (GByteArray) lines = narrative_lines (run->doc);
  TextLine read;
  for (NarrativeIter it = narrative_iter (run->doc, lines); narrative_next (&it, &read);)
    {
      const TextLine *t = &read;
      if (!strstr (t->text, "持平"))
        continue;
      for (int k = 0; k < 2; k++)
        {
          GMatchInfo *mi = NULL;
          g_regex_match (bp_regex (k ? CHANGE_THEN_FLAT : FLAT_THEN_CHANGE), t->text, 0, &mi);
          for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
            {
              g_autofree char *num = g_match_info_fetch (mi, 2);
              g_autofree char *whole = g_match_info_fetch (mi, 0);
              gint64 v;
              if (!figure_hundredths (num, &v) || v == 0)
                continue;
              validate_report (run, BP_SEVERITY_ERROR, match_line (run->doc, t, mi, 2), NULL,
                               "“持平” (no change) and a change of %s in one clause: “%s”",
                               num, whole);
            }
          g_match_info_free (mi);
        }
    }
}

/* ---- narrative.vs_budget ------------------------------------------------ */

/* "预算为 21 万元，支出决算为 10.96 万元…决算数小于预算数": the comparison
 * word against the two figures of the same passage. */
#define VS_BUDGET_WORD "决算(?:数|支出)?(?:比预算(?:数)?)?(大于|多于|高于|超过|小于|少于|低于|等于|与预算(?:数)?(?:基本)?持平|持平)(?:年初)?(?:预算)?"
#define VS_BUDGET_FIGURE "(预算|决算)(?:数|支出)?(?:为|是)?([0-9][0-9,]*(?:\\.[0-9]+)?)万元"

/* The last 预算 and 决算 figures (万元, in fen) before byte END of TEXT
 * and after its previous comparison word. */
static gboolean
vs_budget_figures (const char *text, gsize from, gsize end, bp_fen *budget,
                   bp_fen *actual)
{
  gboolean has_budget = FALSE, has_actual = FALSE;
  GMatchInfo *mi = NULL;
  g_autofree char *span = g_strndup (text + from, end - from);
  g_regex_match (bp_regex (VS_BUDGET_FIGURE), span, 0, &mi);
  for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *which = g_match_info_fetch (mi, 1);
      g_autofree char *num = g_match_info_fetch (mi, 2);
      bp_fen v;
      if (bp_amount_parse (num, BP_UNIT_WANYUAN, &v) != BP_AMOUNT_OK)
        continue;
      if (g_str_equal (which, "预算"))
        *budget = v, has_budget = TRUE;
      else
        *actual = v, has_actual = TRUE;
    }
  g_match_info_free (mi);
  return has_budget && has_actual;
}

/* -1, 0, +1: what the word says of 决算 against 预算. */
static int
vs_budget_sign (const char *word)
{
  if (strstr (word, "持平") || strstr (word, "等于"))
    return 0;
  return bp_regex_match ("大于|多于|高于|超过", word, NULL) ? 1 : -1;
}

static void
check_vs_budget_line (ValidateRun *run, const TextLine *t)
{
  GMatchInfo *mi = NULL;
  gsize from = 0;
  g_regex_match (bp_regex (VS_BUDGET_WORD), t->text, 0, &mi);
  for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      int start, end;
      g_match_info_fetch_pos (mi, 0, &start, &end);
      g_autofree char *word = g_match_info_fetch (mi, 1);
      bp_fen budget = 0, actual = 0;
      gboolean both = vs_budget_figures (t->text, from, start, &budget, &actual);
      from = end;
      if (!both)
        continue;
      /* Two figures printed to the same digit compare as printed. */
      int sign = actual == budget ? 0 : actual > budget ? 1 : -1;
      int said = vs_budget_sign (word);
      if (sign == said || (said == 0 && strstr (word, "基本")))
        continue;
      char b[BP_AMOUNT_BUFSZ], a[BP_AMOUNT_BUFSZ];
      BpFinding *f = validate_report (
          run, BP_SEVERITY_ERROR, match_line (run->doc, t, mi, 0), NULL,
          "the text says 决算%s预算, but the 决算 is %s元 and the 预算 %s元",
          word, bp_amount_format_buf (actual, a), bp_amount_format_buf (budget, b));
      bp_finding_set_values (f, sign > 0 ? "大于" : sign < 0 ? "小于" : "持平", word);
    }
  g_match_info_free (mi);
}

static void
check_vs_budget (ValidateRun *run)
{
  g_autoptr (GByteArray) lines = narrative_lines (run->doc);
  TextLine read;
  for (NarrativeIter it = narrative_iter (run->doc, lines); narrative_next (&it, &read);)
    {
      const TextLine *t = &read;
      if (strstr (t->text, "决算"))
        check_vs_budget_line (run, t);
    }
}

/* ---- metadata: unit.self ------------------------------------------------ */

/* What the document's title calls it: 'U' a 单位预算/单位决算, 'D' a 部门预算/
 * 部门决算, 0 when its first lines do not say (or say both). */
static char
title_kind (const BpDocument *doc, const GByteArray *lines)
{
  gboolean unit = FALSE, dept = FALSE;
  TextLine read;
  for (NarrativeIter it = narrative_iter (doc, lines); it.n < 12 && narrative_next (&it, &read);)
    {
      const TextLine *t = &read;
      unit |= bp_regex_match ("单位(?:预算|决算)(?!支出|经济)", t->text, NULL);
      dept |= bp_regex_match ("部门(?:预算|决算)(?!支出|经济)", t->text, NULL);
    }
  return unit == dept ? 0 : unit ? 'U' : 'D';
}

/* The document naming its own kind in a sentence: "2026年部门预算安排购置
 * 车辆", "本部门决算". Not the name of a classification ("部门预算支出经济
 * 分类") nor of another body's document ("主管部门预算"). */
#define SELF_KIND "(?:(?:19|20)[0-9]{2}年度?%s%s)(?:预算|决算)(?!支出经济|经济分类|支出功能)"

static void
check_self_kind (ValidateRun *run)
{
  g_autoptr (GByteArray) lines = narrative_lines (run->doc);
  char kind = title_kind (run->doc, lines);
  if (!kind)
    return;
  const char *wrong = kind == 'U' ? "部门" : "单位";
  /* "本部门预算" too, in a 单位 document; a 部门 speaks of "本单位预算"
   * for its own level (本级) as well. */
  g_autofree char *self = kind == 'U' ? g_strdup_printf ("|本%s", wrong) : g_strdup ("");
  g_autofree char *pattern = g_strdup_printf (SELF_KIND, wrong, self);
  GRegex *re = bp_regex (pattern);
  TextLine read;
  for (NarrativeIter it = narrative_iter (run->doc, lines); narrative_next (&it, &read);)
    {
      if (it.n <= 12)
        continue;
      const TextLine *t = &read;
      GMatchInfo *mi = NULL;
      /* every match holds the wrong word: most lines are answered by strstr */
      if (strstr (t->text, wrong) && g_regex_match (re, t->text, 0, &mi))
        {
          g_autofree char *word = g_match_info_fetch (mi, 0);
          validate_report (run, BP_SEVERITY_WARNING, match_line (run->doc, t, mi, 0), NULL,
                           "a %s document calls itself a %s one: “%s”",
                           kind == 'U' ? "单位预算/单位决算" : "部门预算/部门决算",
                           wrong, word);
        }
      g_match_info_free (mi);
    }
}

const ValidateRule validate_narrative_check_rules[] = {
  { "narrative.outdated_name", "narrative",
    "The text names a class by a name an older classification edition used",
    check_outdated_names },
  { "narrative.completion_zero", "narrative",
    "A completion rate is printed for nothing spent or for no budget",
    check_completion_zero },
  { "narrative.unit_missing", "narrative",
    "A share printed without its % sign, or an amount without its unit",
    check_units_missing },
  { "three_public.disclosed", "narrative",
    "The text does not state each of the four 三公 amounts",
    check_three_public_disclosed },
  { "narrative.flat", "narrative",
    "持平 and a change in one clause", check_flat },
  { "narrative.vs_budget", "narrative",
    "决算 大于/小于/持平 预算 contradicts the two figures", check_vs_budget },
  { "unit.self", "metadata",
    "A 单位 document calls itself a 部门 one, or the reverse", check_self_kind },
  { NULL, NULL, NULL, NULL }
};
