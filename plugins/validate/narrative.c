/* validate: narrative rules (docs/rules.md): the text disagrees with the
 * tables or with itself.
 *
 * The fields stage turned every number of the narrative into a claim
 * (amount, share, change) with the clause it was read from. A printed
 * figure stands for ± half its last digit; every comparison here allows
 * that envelope on each side, and compares only like with like: a claim
 * about another year, about the budget in a 决算 document (or the 决算 in
 * a budget), or about a carried-over balance is not this year's table
 * value and is left alone. */
#include "validate-private.h"

#include <stdlib.h>
#include <string.h>

/* ---- reading a claim ---------------------------------------------------- */

static gboolean
matches (const char *pattern, const char *text)
{
  return text && bp_regex_match (pattern, text, NULL);
}

static char *
replace_all (const char *pattern, const char *text)
{
  return bp_regex_remove (bp_regex (pattern), text);
}

/* TRUE when TEXT holds one of the N literal WORDS: what a regex of their
 * alternation matches. */
static gboolean
holds_any (const char *text, const char *const *words, gsize n)
{
  for (gsize k = 0; text && k < n; k++)
    if (strstr (text, words[k]))
      return TRUE;
  return FALSE;
}

/* CH's NFKC form when it is a single character that nothing before or
 * after it can change: ASCII, the common CJK ideographs and punctuation,
 * and the full-width forms of ASCII (and the ideographic space), which
 * NFKC maps to ASCII. None of these is the second character of a
 * canonical composition, so the text around them normalizes apart. */
static gboolean
plain_char (gunichar ch, gunichar *out)
{
  *out = ch;
  if (ch < 0x80 || (ch >= 0x4E00 && ch <= 0x9FFF) || ch == 0x3001 || ch == 0x3002
      || (ch >= 0x3008 && ch <= 0x3011) || ch == 0x2018 || ch == 0x2019
      || ch == 0x201C || ch == 0x201D)
    return TRUE;
  if (ch >= 0xFF01 && ch <= 0xFF5E)
    *out = ch - 0xFEE0;
  else if (ch == 0x3000)
    *out = ' ';
  else
    return FALSE;
  return TRUE;
}

/* Appends CH (normalized) unless it is white space (g_unichar_isspace: not
 * \v) or a quote. */
static void
plain_append (GString *out, gunichar ch)
{
  if (ch < 0x80)
    {
      if (!strchr (" \t\n\r\f\"'", (int) ch))
        g_string_append_c (out, (char) ch);
      return;
    }
  if (!g_unichar_isspace (ch) && ch != 0x201C && ch != 0x201D
      && ch != 0x2018 && ch != 0x2019)
    g_string_append_unichar (out, ch);
}

/* TRUE when the character at P is a well-formed common ideograph
 * (plain_char's U+4E00..U+9FFF), three bytes. */
static inline gboolean
is_common_ideograph (const char *p)
{
  const guchar *u = (const guchar *) p;
  return u[0] >= 0xE4 && u[0] <= 0xE9 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80
         && (((gunichar) (u[0] & 0x0F) << 12) | ((gunichar) (u[1] & 0x3F) << 6)) >= 0x4E00;
}

/* TRUE for the ASCII characters plain_append drops (a NUL is not one). */
static inline gboolean
is_space_or_quote (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '"' || c == '\'';
}

/* Room in OUT for EXTRA more bytes and its NUL, so that bytes can be
 * written to OUT->str directly. */
static inline void
plain_reserve (GString *out, gsize extra)
{
  if (out->len + extra >= out->allocated_len)
    {
      gsize len = out->len;
      g_string_set_size (out, len + extra);
      g_string_truncate (out, len);
    }
}

/* The ASCII byte that the full-width form of ASCII at U (U+FF01..U+FF5E,
 * well formed) stands for, else 0. */
static inline char
fullwidth_ascii (const guchar *u)
{
  if (u[0] != 0xEF || (u[2] & 0xC0) != 0x80)
    return 0;
  if (u[1] == 0xBC && u[2] >= 0x81)
    return (char) (u[2] - 0x80 + 0x20);        /* U+FF01..U+FF3F */
  if (u[1] == 0xBD && u[2] <= 0x9E)
    return (char) (u[2] - 0x80 + 0x60);        /* U+FF40..U+FF5E */
  return 0;
}

/* The number of bytes of the character at U that plain_char maps to
 * itself and plain_append keeps, three-byte and well formed, outside the
 * common ideographs (、。 and the brackets U+3008..U+3011), else 0; and
 * in *DROPPED, TRUE for those plain_append drops (U+3000 and the curly
 * quotes). */
static inline gsize
kept_punctuation (const guchar *u, gboolean *dropped)
{
  *dropped = FALSE;
  if ((u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
    return 0;
  if (u[0] == 0xE3 && u[1] == 0x80)
    {
      guchar low = u[2];   /* U+3000 + (low - 0x80) */
      if (low == 0x80)
        return *dropped = TRUE, 3;
      if (low == 0x81 || low == 0x82 || (low >= 0x88 && low <= 0x91))
        return 3;
      return 0;
    }
  if (u[0] == 0xE2 && u[1] == 0x80
      && (u[2] == 0x98 || u[2] == 0x99 || u[2] == 0x9C || u[2] == 0x9D))
    return *dropped = TRUE, 3;
  return 0;
}

/* NFKC (full-width brackets and digits), no spaces or quotes: the text the
 * narrative patterns are written for (also narrative-checks.c). The usual
 * characters are mapped one by one, written straight into OUT's buffer
 * (none of them grows: a byte or three for three); only a run of others
 * is given to g_utf8_normalize, with the character before it (a mark
 * after it may compose with it): normalizing whole paragraphs was a tenth
 * of the validate stage (issue 18). */
void
validate_plain_append (GString *out, const char *s)
{
  s = s ? s : "";
  const char *prev = NULL;   /* the last character read one by one */
  gsize prev_out = 0;        /* OUT's length before it */
  plain_reserve (out, strlen (s));
  for (const char *p = s; *p;)
    {
      const guchar *u = (const guchar *) p;
      char *o = out->str + out->len;
      if (u[0] < 0x80)
        {   /* ASCII, as plain_char and plain_append take it */
          prev = p;
          prev_out = out->len;
          if (!is_space_or_quote (*p))
            *o = *p, out->len++;
          p++;
          continue;
        }
      if (is_common_ideograph (p))
        {   /* a run of them, copied at once */
          const char *run = p;
          do
            p += 3;
          while (is_common_ideograph (p));
          memcpy (o, run, p - run);
          out->len += p - run;
          prev = p - 3;
          prev_out = out->len - 3;
          continue;
        }
      char ascii = fullwidth_ascii (u);
      gboolean dropped;
      gsize kept = ascii ? 0 : kept_punctuation (u, &dropped);
      if (ascii || kept)
        {
          prev = p;
          prev_out = out->len;
          if (ascii && ascii != '"' && ascii != '\'')
            *o = ascii, out->len++;
          else if (kept && !dropped)
            memcpy (o, p, 3), out->len += 3;
          p += 3;
          continue;
        }
      out->str[out->len] = '\0';
      gunichar ch = g_utf8_get_char (p), plain;
      if (plain_char (ch, &plain))
        {
          prev = p;
          prev_out = out->len;
          plain_append (out, plain);
          p = g_utf8_next_char (p);
          plain_reserve (out, strlen (p));
          continue;
        }
      const char *from = prev ? prev : p, *end = p;
      while (*end && !plain_char (g_utf8_get_char (end), &plain))
        end = g_utf8_next_char (end);
      if (prev)
        g_string_truncate (out, prev_out);
      g_autofree char *n = g_utf8_normalize (from, end - from, G_NORMALIZE_NFKC);
      for (const char *q = n; q && *q; q = g_utf8_next_char (q))
        plain_append (out, g_utf8_get_char (q));
      prev = NULL;
      p = end;
      plain_reserve (out, strlen (p));
    }
  out->str[out->len] = '\0';
}

static void
plain_scratch_free (gpointer p)
{
  g_string_free (p, TRUE);
}

/* validate_plain_text's work space, one per thread: a GString made,
 * reallocated and shrunk again for every text was a third of its cost. */
static GPrivate plain_scratch_key = G_PRIVATE_INIT (plain_scratch_free);
#define PLAIN_SCRATCH_KEPT (64 * 1024)

/* The thread's work space, emptied. */
static GString *
plain_scratch (void)
{
  GString *out = g_private_get (&plain_scratch_key);
  if (!out)
    g_private_set (&plain_scratch_key, out = g_string_sized_new (256));
  g_string_truncate (out, 0);
  return out;
}

/* Done with OUT (plain_scratch's): not a long text's space for good. */
static void
plain_scratch_done (GString *out)
{
  if (out->allocated_len > PLAIN_SCRATCH_KEPT)
    g_private_replace (&plain_scratch_key, NULL);
}

char *
validate_plain_text (const char *s)
{
  GString *out = plain_scratch ();
  validate_plain_append (out, s);
  /* right-sized: the run keeps a plain form per narrative and per source
   * line (issue 18) */
  char *plain = g_malloc (out->len + 1);
  memcpy (plain, out->str, out->len + 1);
  plain_scratch_done (out);
  return plain;
}

/* Source line LINE of DOC in plain form, with what validate_source_plain
 * asks of the line itself, kept for the run (the narrative rules read the
 * lines around every claim; the line itself was found again at each ask).
 * One allocation: the cache frees it with g_free. */
typedef struct {
  gboolean empty;        /* no such line, or an empty one */
  gboolean plain_start;  /* it starts with a character plain_char takes */
  gsize len;             /* of PLAIN */
  char plain[];
} LinePlain;

static const LinePlain *
source_line_plain (const BpDocument *doc, int line, GHashTable *cache)
{
  LinePlain *lp = g_hash_table_lookup (cache, GINT_TO_POINTER (line));
  if (!lp)
    {
      const char *s = bp_document_source_line (doc, line);
      gboolean empty = !s || !*s;
      GString *plain = plain_scratch ();
      if (!empty)
        validate_plain_append (plain, s);
      gunichar ch;
      lp = g_malloc (sizeof *lp + plain->len + 1);
      lp->empty = empty;
      lp->plain_start = !empty && plain_char (g_utf8_get_char (s), &ch);
      lp->len = plain->len;
      memcpy (lp->plain, plain->str, plain->len + 1);
      plain_scratch_done (plain);
      g_hash_table_insert (cache, GINT_TO_POINTER (line), lp);
    }
  return lp;
}

char *
validate_source_plain (const BpDocument *doc, int first, int last)
{
  GHashTable *lines = validate_cache (VALIDATE_CACHE_LINE_PLAIN);
  if (lines)
    {
      /* The lines' plain forms joined are the plain form of the joined
       * lines when no line starts with a character that could combine
       * with the one before it (plain_char's are never such). Measured
       * first, then copied into a string of that size. */
      const LinePlain *kept[16];   /* the lines joined, when so few */
      guint n = 0;
      gsize len = 0;
      gboolean apart = TRUE;
      for (int l = first; l <= last && apart; l++)
        {
          const LinePlain *lp = source_line_plain (doc, l, lines);
          if (lp->empty)
            continue;
          apart = len == 0 || lp->plain_start;
          if (apart && n < G_N_ELEMENTS (kept))
            kept[n] = lp;
          n += apart;
          len += apart ? lp->len : 0;
        }
      if (apart)
        {
          char *out = g_malloc (len + 1), *o = out;
          for (guint k = 0; k < n && n <= G_N_ELEMENTS (kept); k++)
            memcpy (o, kept[k]->plain, kept[k]->len), o += kept[k]->len;
          for (int l = first; l <= last && n > G_N_ELEMENTS (kept); l++)
            {
              const LinePlain *lp = source_line_plain (doc, l, lines);
              if (!lp->empty)
                memcpy (o, lp->plain, lp->len), o += lp->len;
            }
          *o = '\0';
          return out;
        }
    }
  GString *src = g_string_new (NULL);
  for (int l = first; l <= last; l++)
    {
      const char *s = bp_document_source_line (doc, l);
      if (s)
        g_string_append (src, s);
    }
  char *out = validate_plain_text (src->str);
  g_string_free (src, TRUE);
  return out;
}

/* Kept by the run's cache: do not free it. */
static const char *
norm_name (const char *s)
{
  return validate_memo_peek (VALIDATE_CACHE_NORM_NAME, s ? s : "", validate_plain_text);
}

/* The printed number at the end of a claim's text ("…增加19.61万元"):
 * its digits after the decimal point. */
static int
claim_decimals (const BpClaim *c)
{
  const char *t = c->text ? c->text : "";
  const char *end = NULL, *start;
  for (const char *p = t; *p; p++)
    if (g_ascii_isdigit (*p))
      end = p;
  if (!end)
    return 2;
  start = end;
  while (start > t && (g_ascii_isdigit (start[-1]) || start[-1] == '.'
                       || start[-1] == ','))
    start--;
  g_autofree char *num = g_strndup (start, end - start + 1);
  return validate_decimals (num);
}

/* Half the last printed digit of a claim's amount, in fen. */
static bp_fen
claim_tolerance_read (const BpClaim *c)
{
  int d = claim_decimals (c);
  bp_fen half = c->unit == BP_UNIT_WANYUAN ? 500000 : 50;
  for (int i = 0; i < d && half > 0; i++)
    half /= 10;
  return half;
}

/* Half the last digit of a figure printed in 万元, in fen. */
static bp_fen
printed_tolerance (const char *num)
{
  bp_fen half = 500000;       /* 万元 */
  for (int i = validate_decimals (num); i > 0 && half > 0; i--)
    half /= 10;
  return half;
}

/* Decimals of a printed percent: the first of 2, 1, 0 decimals whose
 * spelling appears on the claim's source lines; when none is found, the
 * fewest the value allows (the widest envelope). */
static int
percent_decimals (const BpDocument *doc, const BpClaim *c, bp_pct100 pct)
{
  g_autofree char *text = validate_source_plain (doc, c->line, c->line + 2);
  guint64 a = pct < 0 ? -(guint64) pct : (guint64) pct;   /* INT64_MIN too */
  char buf[64];
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT ".%02d%%", a / 100, (int) (a % 100));
  if (strstr (text, buf))
    return 2;
  if (a % 10 == 0)
    {
      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT ".%d%%", a / 100, (int) (a % 100 / 10));
      if (strstr (text, buf))
        return 1;
    }
  return a % 100 == 0 ? 0 : a % 10 == 0 ? 1 : 2;
}

/* The year a match of ((?:19|20)[0-9]{2})年(?:度)?(?![0-9]+月) starting at
 * P names, or 0 when none starts there. By hand: the regex ran for every
 * claim (issue 18). */
static int
year_at (const char *p)
{
  static const char nian[] = "年", du[] = "度", yue[] = "月";
  if (!((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0'))
      || !g_ascii_isdigit (p[2]) || !g_ascii_isdigit (p[3])
      || strncmp (p + 4, nian, strlen (nian)) != 0)
    return 0;
  const char *after = p + 4 + strlen (nian);
  /* with 度 the lookahead sees 度 or what follows it; without, 度: a
   * match either way */
  if (strncmp (after, du, strlen (du)) != 0)
    {
      const char *q = after;
      while (g_ascii_isdigit (*q))
        q++;
      if (q > after && strncmp (q, yue, strlen (yue)) == 0)
        return 0;      /* a date: "2024年12月" */
    }
  return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
}

/* The year a claim's own words name ("2023年预算安排33万元" → 2023), 0 if
 * none; a date ("2024年12月") is not a period. Its own words are those
 * after the last ";" of its text (",与2025年预算持平;公务用车运行费0.00万元":
 * the 2025 is the clause before's). The last such year counts. */
/* The last ";" or "；" of TEXT, NULL if none: one pass (two g_strrstr
 * read the text three times). */
static const char *
last_semicolon (const char *text)
{
  /* from the end: the last one is usually in the claim's last words */
  for (const char *end = text + strlen (text); end > text; end--)
    {
      const char *p = end - 1;   /* never a pointer before TEXT */
      if (*p == ';' || (p[0] == '\xef' && p[1] == '\xbc' && p[2] == '\x9b'))   /* U+FF1B */
        return p;
    }
  return NULL;
}

static int
claim_year_read (const BpClaim *c)
{
  int year = 0;
  const char *text = c->text ? c->text : "";
  const char *semi = last_semicolon (text);
  if (semi)
    text = semi;
  /* a year starts with 1 or 2: strpbrk skips to the next such byte */
  for (const char *p = strpbrk (text, "12"); p; p = strpbrk (p, "12"))
    {
      int y = year_at (p);
      if (y)
        {
          year = y;
          p += 4 + strlen ("年");   /* matches do not overlap */
        }
      else
        p++;
    }
  return year;
}

/* TRUE when the claim speaks of this document's period and kind: not of
 * another year, last year, a carried-over balance, nor of the budget in a
 * 决算 (or the 决算 in a budget). */
static int claim_year (const BpClaim *c);

static gboolean
claim_this_period_read (const BpDocument *doc, const BpClaim *c)
{
  const char *text = norm_name (c->text);
  int year = claim_year (c);
  if (year && doc->year && year != doc->year)
    return FALSE;
  /* 上年|去年|上一年|上一度|同期|以前年度|结转|结余|比|较|相比, a literal
   * alternation (相比 holds 比): a strstr a word, not a regex a claim */
  static const char *const other_period[] = { "比", "较", "上年", "去年", "上一年", "上一度",
                                              "同期", "以前年度", "结转", "结余" };
  if (holds_any (text, other_period, G_N_ELEMENTS (other_period)))
    return FALSE;
  /* Budget or actual: the words of the clause right before the number
   * ("…国防动员综合计划…;金融工作经费 28.8 万元" is an actual). The comma
   * of a figure ("年初预算139,217.01万元") ends no clause. */
  const char *clause = text;
  for (const char *p = text; *p; p++)
    if ((*p == ',' || *p == ';' || *p == ':')
        && !(*p == ',' && p > text && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1])))
      clause = p + 1;
  gboolean final = doc->kind && g_str_equal (doc->kind, "final_accounts");
  static const char *const actual[] = { "决算", "执行", "实际", "完成" };
  if (!final)
    return !holds_any (clause, actual, G_N_ELEMENTS (actual));
  g_autofree char *plain = replace_all (
      "一般公共预算|政府性基金预算|国有资本经营预算|预算单位|预算绩效", clause);
  return !matches ("预算|年初", plain);
}

/* What the rules ask of every claim, again and again (each amount claim
 * against every subject): read once per claim and run (issue 18). */
typedef struct {
  char *own_label;       /* own_label_read, NULL when not yet read */
  int year;              /* claim_year_read, when year_known */
  gboolean year_known;
  int this_period;       /* claim_this_period_read + 1, 0 when not yet read */
  bp_fen tolerance;      /* claim_tolerance_read + 1, 0 when not yet read */
  int bound;             /* bound_read + 1, 0 when not yet read */
  GArray *stated;        /* stated_values_read (Stated), NULL when not yet read */
  const char *what;      /* and what it named */
  int listed;            /* check_amounts' LISTED + 1, 0 when not yet known */
  char *code;            /* subject_code of its subject, when code_known */
  gboolean code_known;
  int repeated_candidate; /* repeated_candidate_read + 1, 0 when not yet read */
  int change_known;      /* a change: change_terms' answer + 1, 0 when not yet read */
  const BpClaim *change_current, *change_base;   /* and its terms */
} ClaimFacts;

void
validate_claim_facts_free (gpointer p)
{
  ClaimFacts *f = p;
  if (f->stated)
    g_array_unref (f->stated);
  g_free (f->own_label);
  g_free (f->code);
  g_free (f);
}

static ClaimFacts *
claim_facts (const BpClaim *c)
{
  ClaimFacts *f = validate_cache_lookup (VALIDATE_CACHE_CLAIM, c);
  if (!f && validate_cache (VALIDATE_CACHE_CLAIM))
    {
      f = g_new0 (ClaimFacts, 1);
      validate_cache_insert (VALIDATE_CACHE_CLAIM, (gpointer) c, f);
    }
  return f;
}

static int
claim_year (const BpClaim *c)
{
  ClaimFacts *f = claim_facts (c);
  if (!f)
    return claim_year_read (c);
  if (!f->year_known)
    {
      f->year = claim_year_read (c);
      f->year_known = TRUE;
    }
  return f->year;
}

static gboolean
claim_this_period (const BpDocument *doc, const BpClaim *c)
{
  ClaimFacts *f = claim_facts (c);
  if (!f)
    return claim_this_period_read (doc, c);
  if (!f->this_period)
    f->this_period = claim_this_period_read (doc, c) + 1;
  return f->this_period - 1;
}

/* claim_tolerance_read once per claim and run: the rules ask it of the
 * same claims over and over (each read scans the claim's whole text). */
static bp_fen
claim_tolerance (const BpClaim *c)
{
  ClaimFacts *f = claim_facts (c);
  if (!f)
    return claim_tolerance_read (c);
  if (!f->tolerance)
    f->tolerance = claim_tolerance_read (c) + 1;
  return f->tolerance - 1;
}

/* ---- what the tables say about a subject -------------------------------- */

/* A value the tables state for a claim's subject. */
typedef struct {
  bp_fen value;
  bp_fen tolerance;   /* half the last digit the table prints */
  int line;
  const char *table;
} Stated;

/* The rules ask the tables about the same subjects for every claim, and a
 * long document repeats its subjects: scanning every table for each claim
 * made narrative.amount quadratic in the document's length (issue 18). Each
 * answer is kept for the run under a KEY naming the question and copied. */
typedef struct {
  gboolean known;     /* the question's answer: a subject the tables know */
  GArray *values;     /* of Stated */
} StatedMemo;

void
validate_stated_memo_free (gpointer p)
{
  StatedMemo *m = p;
  g_array_unref (m->values);
  g_free (m);
}

typedef gboolean (*StatedFn) (const BpDocument *doc, const void *arg, GArray *out);

/* PREFIX and S as one memo key, in BUF when it fits (the memo copies the
 * key it keeps: most keys need no allocation), else in *HEAP for the
 * caller to free. */
static const char *
memo_key (char *buf, gsize size, const char *prefix, const char *s, char **heap)
{
  gsize lp = strlen (prefix), ls = strlen (s);
  *heap = NULL;
  if (lp + ls >= size)
    return *heap = g_strconcat (prefix, s, NULL);
  memcpy (buf, prefix, lp);
  memcpy (buf + lp, s, ls + 1);
  return buf;
}

/* FN (DOC, ARG, OUT) once per run for KEY; its values appended to OUT. */
static gboolean
stated_memo (const BpDocument *doc, const char *key, StatedFn fn, const void *arg,
             GArray *out)
{
  GHashTable *cache = validate_cache (VALIDATE_CACHE_STATED);
  if (!cache)
    return fn (doc, arg, out);
  guint hash = g_str_hash (key);
  gpointer stored_key, value;
  StatedMemo *m = validate_hashed_lookup (cache, key, hash, &stored_key, &value) ? value : NULL;
  if (!m)
    {
      m = g_new0 (StatedMemo, 1);
      m->values = g_array_new (FALSE, FALSE, sizeof (Stated));
      m->known = fn (doc, arg, m->values);   /* may ask the memo again */
      validate_hashed_insert (cache, g_strdup (key), hash, m);
    }
  g_array_append_vals (out, m->values->data, m->values->len);
  return m->known;
}

/* Qualifiers a subject may carry after its name. */
#define QUAL "(?:支出|财政拨款|拨款|年初|全年|安排|预算|决算|控制数|执行数|数|总额|合计|小计)*$"

/* Subjects the tables state, as fields and as the total rows of some
 * tables. The name is anchored at the end of the subject; a fund or scope
 * word may precede it ("一般公共预算基本支出"). */
typedef struct {
  const char *pattern;
  const char *keys[5];   /* any of these fields (one total, several ways) */
  const char *types;     /* and the 合计 rows of these table types ("a;b") */
  const char *column;    /* in the columns whose header says this (NULL: any) */
  const char *needs;     /* a literal every match holds (NULL: none known):
                            most subjects are no concept, and a strstr
                            answers them for a fraction of a match */
} Concept;

/* Only scope words before a 三公 item: "国内公务接待费" or "执行公务…开支
 * 公务接待费" is a part of the item, not the item. */
#define TP "^(?:一般公共预算|财政拨款|部门|本部门)*(?:安排)?的?(?:三公经费)?(?:财政拨款)?(?:中)?"
#define FUND "^(?:部门|本年|一般公共预算(?:财政)?(?:拨款)?)?(?:预算)?"
#define EXPENSE_TABLES "expense_summary;general_budget_expense;fiscal_summary;basic_expense"

static const Concept concepts[] = {
  { TP "公务用车购置及运行(?:维护)?(?:经)?费" QUAL, { "three_public.vehicle" }, NULL, NULL,
    "公务用车购置及运行" },
  { TP "公务用车购置(?:经)?费" QUAL, { "three_public.vehicle_purchase" }, NULL, NULL,
    "公务用车购置" },
  { TP "公务用车运行(?:维护)?(?:经)?费" QUAL, { "three_public.vehicle_operation" }, NULL, NULL,
    "公务用车运行" },
  { TP "因公出国\\(?境?\\)?(?:经)?费用?" QUAL, { "three_public.overseas" }, NULL, NULL,
    "因公出国" },
  { TP "公务接待(?:经)?费" QUAL, { "three_public.reception" }, NULL, NULL, "公务接待" },
  { TP "三公经费" QUAL, { "three_public.total" }, NULL, NULL, "三公经费" },
  { "(?:机关|行政)运行经费" QUAL, { "operating_cost" }, NULL, NULL, "运行经费" },
  { "^政府采购(?:预算)?(?:支出)?(?:预算数)?(?:合计|总额|总计)" QUAL,
    { "procurement.total" }, NULL, NULL, "政府采购" },
  { FUND "人员经费" QUAL, { "expense.personnel" }, EXPENSE_TABLES, "人员经费", "人员经费" },
  { FUND "公用经费" QUAL, { "expense.public" }, EXPENSE_TABLES, "公用经费", "公用经费" },
  { FUND "基本支出" QUAL, { "expense.basic" }, EXPENSE_TABLES, "基本支出", "基本支出" },
  { FUND "项目支出" QUAL, { "expense.project" }, EXPENSE_TABLES, "项目支出", "项目支出" },
  { "^(?:部门|本年)?(?:收[、,]?支总(?:预算|计)|收入总计|支出总计|"
    "收入(?:预算|合计)|支出(?:预算|合计))" QUAL,
    { "income.total", "expense.total", "total.income", "total.expense" }, NULL, NULL, NULL },
  { "^一般公共预算(?:财政)?拨款(?:本年)?(?:收入|支出)?" QUAL,
    { "income.general_budget" }, "general_budget_expense", NULL, "一般公共预算" },
  { "^一般公共预算支出" QUAL,
    { "income.general_budget" }, "general_budget_expense", NULL, "一般公共预算支出" },
  { "^财政拨款(?:收[、,]?支总(?:预算|计)|(?:本年)?收入|(?:本年)?支出)" QUAL,
    { NULL }, "fiscal_summary", NULL, "财政拨款" },
  { NULL, { NULL }, NULL, NULL, NULL }
};

/* A column of amounts, not of 行次/栏次 numbers or codes. */
static gboolean
money_column (const BpTable *t, guint col)
{
  const char *head = validate_column_label_peek (t, col);
  return !matches ("行次|栏次|编码|代码|序号", head);
}

/* VALUE stated by table T (NULL: none) at LINE, with TOLERANCE (T's for
 * one figure: add_stated's). */
static void
add_stated_with (GArray *out, bp_fen value, bp_fen tolerance, int line, const BpTable *t)
{
  Stated s = { value, tolerance, line, t ? t->id : NULL };
  g_array_append_val (out, s);
}

static void
add_stated (GArray *out, const BpDocument *doc, bp_fen value, int line,
            const BpTable *t)
{
  add_stated_with (out, value, t ? validate_table_tolerance (doc, t, 1) : 0, line, t);
}

/* TRUE when SRC, white space around it aside, is bare figures separated by
 * white space, fewer than N of them. Reads token by token and stops at the
 * first label: it runs for every claim, and a line may be very long. */
static gboolean
bare_figures_fewer_than (const char *src, guint n)
{
  g_autofree char *s = g_strstrip (g_strdup (src));
  if (!*s)
    return n > 0;
  guint count = 0;
  for (const char *p = s;;)
    {
      const char *end = p;
      while (*end && !g_unichar_isspace (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      g_autofree char *token = g_strndup (p, end - p);
      if (!bp_amount_looks_like (token) || ++count >= n)
        return FALSE;
      if (!*end)
        return TRUE;
      for (p = end; *p && g_unichar_isspace (g_utf8_get_char (p)); p = g_utf8_next_char (p))
        ;
    }
}

/* TRUE when every white-space separated token of SRC is a figure of one
 * of R's cells (BP_UNIT_YUAN for both: only equality matters). */
static gboolean
line_figures_in_row (const char *src, const BpRow *r)
{
  g_auto (GStrv) tokens = g_strsplit (src, " ", -1);
  for (guint i = 0; tokens[i]; i++)
    {
      bp_fen v, w;
      gboolean found = FALSE;
      if (!*tokens[i])
        continue;
      if (bp_amount_parse (tokens[i], BP_UNIT_YUAN, &v) != BP_AMOUNT_OK)
        return FALSE;
      for (guint c = 0; c < r->cells->len && !found; c++)
        found = bp_amount_parse (r->cells->pdata[c], BP_UNIT_YUAN, &w) == BP_AMOUNT_OK
                && w == v;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* TRUE when the table row at LINE was read from a space-separated PDF line
 * of bare figures, fewer than the row has columns: its empty cells were
 * lost, and which column a figure landed in is a guess. */
static gboolean
row_positions_guessed (const BpDocument *doc, const char *table_id, int line)
{
  const BpTable *t = table_id ? bp_document_find_table_by_id (doc, table_id) : NULL;
  const char *src = bp_document_source_line (doc, line);
  if (!t || !src || strchr (src, '\t'))
    return FALSE;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      /* A labelled row ("人员经费合计 4884.09 公用经费合计 480.66") was
       * read by its labels; only a row of bare figures is a guess. */
      if (r->line == line)
        return bare_figures_fewer_than (src, r->cells->len);
    }
  return FALSE;
}

/* The first money column that is not another year's ("2025年预算数"
 * printed before this year's 合计, Chongqing); -1 if none. */
static int
total_column (const BpTable *t, GArray *cols)
{
  for (guint k = 0; k < cols->len; k++)
    {
      guint c = g_array_index (cols, guint, k);
      const char *head = validate_column_label_peek (t, c);
      if (money_column (t, c) && !matches ("^(?:[0-9]{4}年|上年)", head))
        return c;
    }
  return -1;
}

/* TRUE when a row of T other than its totals prints more than V in column
 * C: a 合计 is never less than its rows, so V is not the 合计's figure
 * (plain text printed two of the row's figures before its label: "178,830,483
 * / 24,328,708 / 合计 / 154,501,775", and the label took the third). */
static gboolean
total_below_rows (const BpTable *t, guint c, BpUnit unit, bp_fen v)
{
  const ValidateTableFacts *f = validate_table_facts (t);
  for (guint j = 0; j < t->rows->len; j++)
    {
      const BpRow *r = t->rows->pdata[j];
      bp_fen w;
      if (!f->is_total[j] && validate_cell_money (r, c, unit, &w, NULL)
          && w > v && v >= 0)
        return TRUE;
    }
  return FALSE;
}

/* Figures of the 合计/总计 rows of tables of TYPES, in the columns whose
 * header contains COLUMN (the total column when NULL). */
static void
total_row_values (const BpDocument *doc, const char *types, const char *column,
                  GArray *out)
{
  g_auto (GStrv) wanted = g_strsplit (types, ";", -1);
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = doc->tables->pdata[i];
      if (!t->type || !g_strv_contains ((const char *const *) wanted, t->type)
          || validate_table_unreadable (doc, t))
        continue;   /* an unreadable table's figures are in no known cell */
      g_autoptr (GArray) cols = validate_amount_columns (t);
      BpUnit unit = validate_table_unit (doc, t);
      int total = column ? -1 : total_column (t, cols);
      const ValidateTableFacts *f = validate_table_facts (t);
      for (guint j = 0; j < t->rows->len; j++)
        {
          const BpRow *r = t->rows->pdata[j];
          const char *label = f->label[j];
          if (!f->is_total[j]
              || (row_positions_guessed (doc, t->id, r->line)
                  && line_figures_in_row (bp_document_source_line (doc, r->line), r)))
            continue;
          for (guint k = 0; k < cols->len; k++)
            {
              guint c = g_array_index (cols, guint, k);
              const char *head = validate_column_label_peek (t, c);
              bp_fen v;
              if (!money_column (t, c))
                continue;
              if ((column ? strstr (head, column) != NULL : (int) c == total)
                  && validate_cell_money (r, c, unit, &v, NULL)
                  && (g_str_equal (label, "小计") || !total_below_rows (t, c, unit, v)))
                add_stated (out, doc, v, r->line, t);
            }
        }
    }
}

/* What the tables state for concept ARG (a Concept). */
static gboolean
concept_stated (const BpDocument *doc, const void *arg, GArray *out)
{
  const Concept *k = arg;
  for (guint i = 0; i < G_N_ELEMENTS (k->keys) && k->keys[i]; i++)
    {
      const BpField *f = bp_document_get_field (doc, k->keys[i]);
      if (f && f->kind == BP_FIELD_MONEY && f->source
          && g_str_equal (f->source, "table")
          && !row_positions_guessed (doc, f->table, f->line))
        add_stated (out, doc, f->value, f->line,
                    f->table ? bp_document_find_table_by_id (doc, f->table) : NULL);
    }
  if (k->types)
    total_row_values (doc, k->types, k->column, out);
  return TRUE;    /* a known subject, even if the tables lack it */
}

/* The first concept whose pattern SUBJECT matches, or NULL; once per
 * subject and run (each claim's subject was tried against every pattern,
 * by two rules). */
static const Concept *
subject_concept (const char *subject)
{
  if (!subject)
    return NULL;
  GHashTable *cache = validate_cache (VALIDATE_CACHE_CONCEPT);
  guint hash = g_str_hash (subject);
  gpointer stored_key, hit = NULL;
  if (cache)
    validate_hashed_lookup (cache, subject, hash, &stored_key, &hit);
  if (hit)
    return GPOINTER_TO_INT (hit) > 1 ? &concepts[GPOINTER_TO_INT (hit) - 2] : NULL;
  const Concept *k = concepts;
  while (k->pattern && ((k->needs && !strstr (subject, k->needs)) || !matches (k->pattern, subject)))
    k++;
  if (cache)   /* 1: none; 2 + the concept's index */
    validate_hashed_insert (cache, g_strdup (subject), hash,
                            GINT_TO_POINTER (k->pattern ? (int) (k - concepts) + 2 : 1));
  return k->pattern ? k : NULL;
}

static gboolean
concept_values (const BpDocument *doc, const char *subject, GArray *out)
{
  const Concept *k = subject_concept (subject);
  if (!k)
    return FALSE;
  char digits[16], key[32];
  g_autofree char *heap = NULL;
  int n = (int) (k - concepts), d = (int) sizeof digits - 1;
  digits[d] = '\0';
  do
    digits[--d] = (char) ('0' + n % 10);
  while ((n /= 10) > 0);
  memo_key (key, sizeof key, "concept:", digits + d, &heap);
  return stated_memo (doc, key, concept_stated, k, out);
}

/* INDEX's values under KEY, a new empty entry if none. */
static GArray *
stated_entry (GHashTable *index, const char *key)
{
  guint hash = g_str_hash (key);
  gpointer stored_key, value;
  StatedMemo *m = validate_hashed_lookup (index, key, hash, &stored_key, &value) ? value : NULL;
  if (!m)
    {
      m = g_new0 (StatedMemo, 1);
      m->known = TRUE;
      m->values = g_array_new (FALSE, FALSE, sizeof (Stated));
      validate_hashed_insert (index, g_strdup (key), hash, m);
    }
  return m->values;
}

/* A row code_values reads: a row with a code of a coded table (or a
 * 收支总表), or (ROW NULL) a classification row with a figure. */
typedef struct {
  const char *code;
  const BpTable *table;
  const BpRow *row;
  const BpClassRow *class_row;
  guint next;           /* the next row with its code + 1, 0 for none */
} CodeRow;

/* DOC's rows code_values reads, tables' first in document order, and the
 * first of each code's; once per document and run. Their figures are read
 * per code asked: reading every row's figures into an index by code cost
 * more than the few codes a document's claims ask for. */
typedef struct {
  GArray *rows;         /* CodeRow */
  guint *first;         /* open addressing by code_hash: a code's first
                         * row's index + 1, 0 for an empty slot */
  guint mask;           /* the slots' number - 1 */
} CodeRows;

void
validate_code_rows_free (gpointer p)
{
  CodeRows *c = p;
  g_array_unref (c->rows);
  g_free (c->first);
  g_free (c);
}

/* FNV-1a: codes are a few digits; a GHashTable per row cost as much as
 * the scans it saved. */
static guint
code_hash (const char *code)
{
  guint32 h = 2166136261u;
  for (const guchar *p = (const guchar *) code; *p; p++)
    h = (h ^ *p) * 16777619u;
  return h;
}

/* CODE's slot in C->first: the one holding its first row, or the empty
 * one where that goes. */
static guint *
code_slot (const CodeRows *c, const char *code)
{
  for (guint s = code_hash (code) & c->mask;; s = (s + 1) & c->mask)
    {
      guint i = c->first[s];
      if (i == 0 || strcmp (g_array_index (c->rows, CodeRow, i - 1).code, code) == 0)
        return &c->first[s];
    }
}

static gpointer
code_rows_read (gconstpointer key)
{
  const BpDocument *doc = key;
  CodeRows *c = g_new (CodeRows, 1);
  c->rows = g_array_new (FALSE, FALSE, sizeof (CodeRow));
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = doc->tables->pdata[i];
      if ((!validate_table_is_coded (t) && g_strcmp0 (t->type, "fiscal_summary") != 0)
          || validate_table_unreadable (doc, t))
        continue;
      for (guint j = 0; j < t->rows->len; j++)
        {
          const BpRow *r = t->rows->pdata[j];
          CodeRow e = { bp_row_code (r), t, r, NULL, 0 };
          if (e.code)
            g_array_append_val (c->rows, e);
        }
    }
  for (guint i = 0; i < doc->classification->len; i++)
    {
      const BpClassRow *r = doc->classification->pdata[i];
      CodeRow e = { r->code, NULL, NULL, r, 0 };
      if (r->has[0])
        g_array_append_val (c->rows, e);
    }
  guint slots = 16;
  while (slots < 2 * c->rows->len)
    slots *= 2;
  c->mask = slots - 1;
  c->first = g_new0 (guint, slots);
  /* from the last row back: each code's chain in document order */
  for (guint i = c->rows->len; i-- > 0;)
    {
      CodeRow *e = &g_array_index (c->rows, CodeRow, i);
      guint *slot = code_slot (c, e->code);
      e->next = *slot;
      *slot = i + 1;
    }
  return c;
}

/* The first of DOC's tables with id ID, NULL if none. */
static const BpTable *
first_table_with_id (const BpDocument *doc, const char *id)
{
  for (guint i = 0; id && i < doc->tables->len; i++)
    {
      const BpTable *t = doc->tables->pdata[i];
      if (g_strcmp0 (t->id, id) == 0)
        return t;
    }
  return NULL;
}

/* The figures of ROWS (code_rows_read) with CODE, into OUT: a table row's
 * money columns, a classification row's first figure. */
static void
code_rows_values (const BpDocument *doc, const CodeRows *rows, const char *code, GArray *out)
{
  const BpTable *t = NULL;
  BpUnit unit = BP_UNIT_UNKNOWN;
  bp_fen tolerance = 0;
  g_autoptr (GArray) cols = NULL;
  g_autofree gboolean *money = NULL;
  for (guint i = *code_slot (rows, code); i > 0;)
    {
      const CodeRow *e = &g_array_index (rows->rows, CodeRow, i - 1);
      i = e->next;
      if (e->class_row)
        {
          const BpClassRow *r = e->class_row;
          add_stated (out, doc, r->amount[0], r->line,
                      r->table ? first_table_with_id (doc, r->table) : NULL);
          continue;
        }
      if (e->table != t)   /* per table, not per cell */
        {
          t = e->table;
          unit = validate_table_unit (doc, t);
          tolerance = validate_table_tolerance (doc, t, 1);
          g_clear_pointer (&cols, g_array_unref);
          cols = validate_amount_columns (t);
          g_free (money);
          money = g_new (gboolean, MAX (cols->len, 1));
          for (guint k = 0; k < cols->len; k++)
            money[k] = money_column (t, g_array_index (cols, guint, k));
        }
      ValidateRowCells cells = validate_row_cells (e->row);
      for (guint k = 0; k < cols->len; k++)
        {
          guint c = g_array_index (cols, guint, k);
          bp_fen v;
          if (money[k] && validate_row_cell_money (&cells, c, unit, &v, NULL))
            add_stated_with (out, v, tolerance, e->row->line, t);
        }
    }
}

/* Every figure of every coded-table row with CODE (the tables that state a
 * class's total in one column and its parts in others), and of the
 * classification rows with CODE; once per code and run. */
static void
code_values (const BpDocument *doc, const char *code, GArray *out)
{
  GHashTable *cache = validate_cache (VALIDATE_CACHE_STATED);
  char buf[64];
  g_autofree char *heap = NULL;
  const char *key = memo_key (buf, sizeof buf, "code:", code, &heap);
  const StatedMemo *m = cache ? g_hash_table_lookup (cache, key) : NULL;
  if (!m)
    {
      gboolean kept = validate_cache (VALIDATE_CACHE_CODE_ROWS) != NULL;
      CodeRows *rows = kept ? validate_cache_get (VALIDATE_CACHE_CODE_ROWS, doc, code_rows_read)
                            : code_rows_read (doc);
      if (!cache)
        code_rows_values (doc, rows, code, out);
      else
        code_rows_values (doc, rows, code, stated_entry (cache, key));
      if (!kept)
        validate_code_rows_free (rows);
      if (!cache)
        return;
      m = g_hash_table_lookup (cache, key);
    }
  g_array_append_vals (out, m->values->data, m->values->len);
}

/* "财政委托业务支出(2010608)" (Xi'an): a subject that prints its function
 * code after its name (a 类, 款 or 项; function codes start with 2) is a
 * classification item, not a project, whatever project shares its words
 * ("财政委托业务", a 251.99 万元 project under that 2,713.00 万元 item). */
/* \(2[0-9]{2}(?:[0-9]{2}){0,2}\)$ by hand (a regex per claim): the
 * subject ends with a bracketed code of 3, 5 or 7 digits that starts
 * with 2. A plain subject holds no newline for $ to stop before. */
static gboolean
subject_has_function_code (const char *subject)
{
  gsize len = subject ? strlen (subject) : 0;
  if (len < 5 || subject[len - 1] != ')')
    return FALSE;
  gsize d = len - 1;
  while (d > 0 && g_ascii_isdigit (subject[d - 1]))
    d--;
  gsize n = len - 1 - d;
  return d > 0 && subject[d - 1] == '(' && subject[d] == '2' && (n == 3 || n == 5 || n == 7);
}

/* "公共安全支出(204类)司法(06款)行政运行(01项)" → "2040601". */
static char *
subject_code (const char *subject)
{
  GMatchInfo *mi = NULL;
  char *code = NULL;
  if (bp_regex_match ("\\(([0-9]{3})类\\)(?:.*?\\(([0-9]{2})款\\))?"
                      "(?:.*?\\(([0-9]{2})项\\))?", subject, &mi))
    {
      g_autofree char *a = g_match_info_fetch (mi, 1);
      g_autofree char *b = g_match_info_fetch (mi, 2);
      g_autofree char *c = g_match_info_fetch (mi, 3);
      code = g_strconcat (a, b ? b : "", b && *b && c ? c : "", NULL);
    }
  g_match_info_free (mi);
  return code;
}

/* subject_code of C's subject, once per claim and run (narrative.amount
 * and narrative.repeated both ask it); a new string. */
static char *
claim_code (const BpClaim *c)
{
  ClaimFacts *f = claim_facts (c);
  if (!f)
    return subject_code (norm_name (c->subject));
  if (!f->code_known)
    {
      f->code = subject_code (norm_name (c->subject));
      f->code_known = TRUE;
    }
  return g_strdup (f->code);
}

/* A class name without its level mark and the word 支出: "一般公共服务(类)
 * 支出决算" and "一般公共服务支出" both give "一般公共服务". */
static char *
class_core_compute (const char *name)
{
  static const char *const qualifiers[] = { "支出", "决算", "预算", "数", "财政拨款" };
  const char *n = norm_name (name);
  char *a = replace_all ("\\(类\\)|（类）", n);
  /* "(?:支出|决算|预算|数|财政拨款)*$" removed by hand: a pattern that
   * matches the empty string everywhere ran the whole replacement on every
   * name. No qualifier ends another, so cutting them from the end one by
   * one finds the regex's leftmost match; a plain name has no newline for
   * $ to stop before. */
  gsize len = strlen (a);
  for (gboolean cut = TRUE; cut;)
    {
      cut = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (qualifiers) && !cut; k++)
        {
          gsize q = strlen (qualifiers[k]);
          if (len >= q && memcmp (a + len - q, qualifiers[k], q) == 0)
            len -= q, cut = TRUE;
        }
    }
  a[len] = '\0';
  return a;
}

/* Kept by the run's cache: do not free it. */
static const char *
class_core (const char *name)
{
  return validate_memo_peek (VALIDATE_CACHE_CLASS_CORE, name ? name : "", class_core_compute);
}

/* An expense item of a summary table: its class core and figure. */
typedef struct {
  const char *core;     /* class_core of its label (the run's) */
  bp_fen value;
  int line;
  const BpTable *table;
} SummaryItem;

/* The figure after each expense item of the summary tables (收支总表,
 * 财政拨款收支总表), with the item's class core: "（一）一般公共服务支出 |
 * 15,291.30". Read once per document and run (each class subject asked
 * for them). */
static gpointer
summary_items_read (gconstpointer key)
{
  const BpDocument *doc = key;
  GArray *items = g_array_new (FALSE, FALSE, sizeof (SummaryItem));
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = doc->tables->pdata[i];
      if (g_strcmp0 (t->type, "fiscal_summary") != 0
          && g_strcmp0 (t->type, "income_expense_summary") != 0)
        continue;
      BpUnit unit = validate_table_unit (doc, t);
      for (guint j = 0; j < t->rows->len; j++)
        {
          const BpRow *r = t->rows->pdata[j];
          for (guint c = 0; c + 1 < r->cells->len; c++)
            {
              const char *cell = r->cells->pdata[c];
              bp_fen v;
              if (!cell || !strstr (cell, "支出") || !validate_cell_money (r, c + 1, unit, &v, NULL))
                continue;
              g_autofree char *label = replace_all (
                  "^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)", cell);
              SummaryItem item = { class_core (label), v, r->line, t };
              g_array_append_val (items, item);
            }
        }
    }
  return items;
}

/* The summary tables' expense items named as the class CORE. The
 * 财政拨款收支总表 states a class over the current year and the
 * carry-over, which the 一般公共预算支出表's 类 row does not. */
static void
summary_class_values (const BpDocument *doc, const char *core, GArray *out)
{
  GArray *items = validate_cache_get (VALIDATE_CACHE_SUMMARY_ITEMS, doc, summary_items_read);
  for (guint i = 0; i < items->len; i++)
    {
      const SummaryItem *item = &g_array_index (items, SummaryItem, i);
      if (g_str_equal (item->core, core))
        add_stated (out, doc, item->value, item->line, item->table);
    }
}

/* A classification row with its code's length and its class core. */
typedef struct {
  const BpClassRow *row;
  gsize code_len;
  const char *core;     /* class_core of its name (the run's); NULL until
                         * first asked (class_row_core) */
  guint order;          /* its index among the document's rows */
} ClassRowCore;

static gint
compare_code_len (gconstpointer a, gconstpointer b)
{
  const ClassRowCore *x = a, *y = b;
  if (x->code_len != y->code_len)
    return x->code_len < y->code_len ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* DOC's classification rows with their code lengths, once per document
 * and run: each class subject and path scanned them. By code length, in
 * document order within a length: the rules want the rows of one level
 * (class_rows_of_len). */
static GArray *
class_rows (const BpDocument *doc)
{
  GArray *rows = validate_cache_lookup (VALIDATE_CACHE_CLASS_ROWS, doc);
  if (rows)
    return rows;
  rows = g_array_sized_new (FALSE, FALSE, sizeof (ClassRowCore), doc->classification->len);
  for (guint i = 0; i < doc->classification->len; i++)
    {
      const BpClassRow *r = doc->classification->pdata[i];
      ClassRowCore rc = { r, strlen (r->code), NULL, i };
      g_array_append_val (rows, rc);
    }
  g_array_sort (rows, compare_code_len);
  validate_cache_insert (VALIDATE_CACHE_CLASS_ROWS, (gpointer) doc, rows);
  return rows;
}

/* RC's class core, read the first time it is asked: most documents ask
 * only for the 类 rows' and a few 款's and 项's, a small part of them. */
static const char *
class_row_core (ClassRowCore *rc)
{
  if (!rc->core)
    rc->core = class_core (rc->row->name);
  return rc->core;
}

/* The rows of ROWS (class_rows) whose code is LEN bytes long, in document
 * order: the first, and their number in *N (NULL and 0 when ROWS is
 * empty: its data is NULL then, and NULL + 0 is undefined). */
static ClassRowCore *
class_rows_of_len (GArray *rows, gsize len, guint *n)
{
  *n = 0;
  if (rows->len == 0)
    return NULL;
  ClassRowCore *all = (ClassRowCore *) (gpointer) rows->data;
  guint lo = 0, hi = rows->len;
  while (lo < hi)   /* the first row of LEN bytes or more */
    {
      guint mid = lo + (hi - lo) / 2;
      if (all[mid].code_len < len)
        lo = mid + 1;
      else
        hi = mid;
    }
  guint end = lo;
  while (end < rows->len && all[end].code_len == len)
    end++;
  *n = end - lo;
  return all + lo;
}

/* The values of the first 类-level row (3-digit code) whose class_core is
 * ARG, and the summary tables' items of that class; FALSE when no 类 row
 * is named so. */
static gboolean
class_stated (const BpDocument *doc, const void *arg, GArray *out)
{
  const char *core = arg;
  guint n;
  ClassRowCore *level = class_rows_of_len (class_rows (doc), 3, &n);
  for (guint i = 0; i < n; i++)
    {
      ClassRowCore *rc = &level[i];
      if (g_str_equal (class_row_core (rc), core))
        {
          code_values (doc, rc->row->code, out);
          summary_class_values (doc, core, out);
          return TRUE;
        }
    }
  return FALSE;
}

/* 类-level rows (3-digit codes) whose name is the subject. */
static gboolean
class_values (const BpDocument *doc, const char *subject, GArray *out)
{
  /* 款) 项) (款 (项: four literals, a strstr each (the regex ran per claim) */
  if (subject && (strstr (subject, "款)") || strstr (subject, "项)") || strstr (subject, "(款")
                  || strstr (subject, "(项")))
    return FALSE;
  const char *core = class_core (subject);
  if (!validate_utf8_at_least (core, 2))
    return FALSE;
  char buf[128];
  g_autofree char *heap = NULL;
  return stated_memo (doc, memo_key (buf, sizeof buf, "class:", core, &heap), class_stated, core, out);
}

/* A project's name as the project table prints it, without a category
 * prefix ("工作性其他-人大代表履职能力提升") and brackets. */
static char *
project_core (const char *name)
{
  const char *n = norm_name (name);
  const char *dash = strrchr (n, '-');
  g_autofree char *tail = g_strdup (dash && dash[1] ? dash + 1 : n);
  return replace_all ("\\([^)]*\\)?$", tail);
}

/* A figure cell of a form: "43.2", "10.3万", "35万元". */
static char *
form_figure (const char *cell, gboolean *with_unit)
{
  g_autofree char *bare = replace_all ("万元?$", cell);
  *with_unit = !g_str_equal (bare, cell);
  return bp_amount_looks_like (bare) ? g_steal_pointer (&bare) : NULL;
}

/* A project's performance form (申报表 or 自评表): "项目名称 | 维稳专班经费",
 * then its funding block ("项目资金情况（万元）… 区级财政 | 10.3万",
 * "预算执行情况 … 年度财政资金总额 | 43.2 | 43.2 | 100% | 20") up to its
 * goals. Every figure of the block, read as 万元 and, without a unit, also
 * as 元 (forms often leave the unit to a header line). NAME is set to the
 * project core of the first 项目名称 row's name, NULL without one (then no
 * figure is read). */
static GArray *
form_values_read (const BpTable *t, char **name)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Stated));
  gboolean funding = FALSE;
  *name = NULL;
  for (guint j = 0; j < t->rows->len; j++)
    {
      const BpRow *r = t->rows->pdata[j];
      const char *c0 = bp_row_cell (r, 0), *c1 = bp_row_cell (r, 1);
      const char *label = c0 ? norm_name (c0) : "";
      if (!*name)
        {
          if (c1 && g_str_equal (label, "项目名称"))
            *name = project_core (c1);
          continue;
        }
      if (matches ("目标|指标", label))
        break;
      funding |= matches ("资金|预算|总投入", label);
      for (guint c = 0; funding && c < r->cells->len; c++)
        {
          gboolean with_unit;
          g_autofree char *fig = form_figure (bp_row_cell (r, c), &with_unit);
          bp_fen w, y;
          if (!fig || bp_amount_parse (fig, BP_UNIT_WANYUAN, &w) != BP_AMOUNT_OK)
            continue;
          Stated sw = { w, printed_tolerance (fig), r->line, t->id };
          g_array_append_val (out, sw);
          if (!with_unit && bp_amount_parse (fig, BP_UNIT_YUAN, &y) == BP_AMOUNT_OK)
            {
              Stated sy = { y, 0, r->line, t->id };
              g_array_append_val (out, sy);
            }
        }
    }
  return out;
}

/* A form's figures when its project name and CORE contain one another, the
 * name at least four characters long. */
static void
form_values (const char *name, const GArray *figures, const char *core, GArray *out)
{
  if (name && validate_utf8_at_least (name, 4) && (strstr (name, core) || strstr (core, name)))
    g_array_append_vals (out, figures->data, figures->len);
}

/* A table project_stated reads, in the document's order: a performance
 * form with its project's name and figures, or a project table's row with
 * its name's project core (the rows that cannot be a project's left out). */
typedef struct {
  const BpTable *table;
  const BpRow *row;     /* NULL for a form */
  char *name;           /* project_core of the row's or form's name */
  GArray *figures;      /* a form's Stated figures */
  int total;
  BpUnit unit;
} ProjectEntry;

static void
project_entry_clear (gpointer p)
{
  ProjectEntry *e = p;
  g_free (e->name);
  if (e->figures)
    g_array_unref (e->figures);
}

static gpointer
project_entries_read (gconstpointer key)
{
  const BpDocument *doc = key;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (ProjectEntry));
  g_array_set_clear_func (out, project_entry_clear);
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = doc->tables->pdata[i];
      if (g_strcmp0 (t->type, "performance_project") == 0)
        {
          ProjectEntry form = { t, NULL, NULL, NULL, -1, BP_UNIT_UNKNOWN };
          form.figures = form_values_read (t, &form.name);
          g_array_append_val (out, form);
        }
      if (g_strcmp0 (t->type, "project_expense") != 0)
        continue;
      int total = bp_table_find_column (t, "合计");
      int named = bp_table_find_column (t, "项目名称");
      BpUnit unit = validate_table_unit (doc, t);
      for (guint j = 0; j < t->rows->len && total >= 0; j++)
        {
          const BpRow *r = t->rows->pdata[j];
          int lc = named >= 0 ? named : bp_row_label_column (r);
          if (lc < 0)
            continue;
          g_autofree char *name = project_core (bp_row_cell (r, lc));
          const char *first = bp_row_cell (r, 0);
          /* Unit rows ("108001 …本级") and group rows are not projects. */
          if (validate_label_is_total (name) || !first
              || (strspn (first, "0123456789") == strlen (first) && strlen (first) <= 6)
              || (doc->department && strstr (name, doc->department))
              || g_utf8_strlen (name, -1) < 4)
            continue;
          ProjectEntry e = { t, r, g_steal_pointer (&name), NULL, total, unit };
          g_array_append_val (out, e);
        }
    }
  return out;
}

/* The amounts of the project table row that SUBJECT names: one name
 * contains the other (a PDF cell may cut a long name short), at least four
 * characters long. FALSE when none was added to OUT (a named row whose
 * amount cell is empty or unreadable gives none). The rows' names and the
 * forms are read once per document and run: every project subject read
 * them all (a label's norm_name per row and subject). */
static gboolean
project_stated (const BpDocument *doc, const void *arg, GArray *out)
{
  const char *core = arg;
  guint before = out->len;
  gboolean kept = validate_cache (VALIDATE_CACHE_PROJECT_ENTRIES) != NULL;
  GArray *entries = kept ? validate_cache_get (VALIDATE_CACHE_PROJECT_ENTRIES, doc,
                                               project_entries_read)
                         : project_entries_read (doc);
  for (guint i = 0; i < entries->len; i++)
    {
      const ProjectEntry *e = &g_array_index (entries, ProjectEntry, i);
      bp_fen v;
      if (!e->row)
        form_values (e->name, e->figures, core, out);
      else if ((strstr (e->name, core) || strstr (core, e->name))
               && validate_cell_money (e->row, e->total, e->unit, &v, NULL))
        add_stated (out, doc, v, e->row->line, e->table);
    }
  if (!kept)
    g_array_unref (entries);
  return out->len > before;
}

static gboolean
project_values (const BpDocument *doc, const char *subject, GArray *out)
{
  g_autofree char *core = project_core (subject);
  if (!validate_utf8_at_least (core, 4))
    return FALSE;
  char buf[128];
  g_autofree char *heap = NULL;
  return stated_memo (doc, memo_key (buf, sizeof buf, "project:", core, &heap), project_stated,
                      core, out);
}

/* The row whose code starts with PARENT, is LEN digits long and is named
 * NAME (full-width brackets and spaces aside); NULL if none or several. */
static const char *
class_child (const BpDocument *doc, const char *parent, gsize len,
             const char *name)
{
  const char *found = NULL;
  const char *want = class_core (name);
  guint n;
  ClassRowCore *level = class_rows_of_len (class_rows (doc), len, &n);
  gsize parent_len = strlen (parent);
  for (guint i = 0; i < n; i++)
    {
      ClassRowCore *rc = &level[i];
      const BpClassRow *r = rc->row;
      /* the code first: a row's core is read only when its parent is */
      if (strncmp (r->code, parent, parent_len) != 0 || !g_str_equal (class_row_core (rc), want))
        continue;
      if (found && !g_str_equal (found, r->code))
        return NULL;
      found = r->code;
    }
  return found;
}

/* The code three names lead to, level by level: 类, 款 and (optional) 项. */
static char *
class_levels_code (const BpDocument *doc, const char *l1, const char *l2,
                   const char *l3)
{
  const char *c = class_child (doc, "", 3, l1);
  c = c ? class_child (doc, c, 5, l2) : NULL;
  if (c && l3 && *l3)
    c = class_child (doc, c, 7, l3);
  return g_strdup (c);
}

/* "一般公共服务支出(类)组织事务(款)一般行政管理事务(项)", also with a dash
 * between the levels ("(类)-统计信息事务(款)-…"), or only dashes
 * ("一般公共服务支出-政府办公厅(室)及相关机构事务-行政运行科目"): the code
 * the names lead to. */
static char *
class_path_code (const BpDocument *doc, const char *subject)
{
  GMatchInfo *mi = NULL;
  char *code = NULL;
  /* bp_regex_match: most subjects hold neither (类) nor a dash, which a
   * strstr answers */
  gboolean hit = bp_regex_match ("^(.+?)\\(类\\)[-—]?(.+?)\\(款\\)[-—]?(?:(.+?)\\(项\\))?(.*)$",
                                 subject, &mi);
  /* the second pattern needs a dash: most subjects have none */
  if (!hit && (strchr (subject, '-') || strstr (subject, "—")))
    {
      g_match_info_free (mi);
      hit = bp_regex_match ("^([^-—]+)[-—]([^-—]+?)(?:[-—]([^-—]+?))?(科目|" QUAL ")$",
                            subject, &mi);
    }
  if (hit)
    {
      g_autofree char *l1 = g_match_info_fetch (mi, 1);
      g_autofree char *l2 = g_match_info_fetch (mi, 2);
      g_autofree char *l3 = g_match_info_fetch (mi, 3);
      g_autofree char *rest = g_match_info_fetch (mi, 4);
      /* "…医疗(款)行政单位支出决算": a level below, its mark lost. */
      if (g_str_equal (rest, "科目") || matches ("^" QUAL, rest))
        code = class_levels_code (doc, l1, l2, l3);
    }
  g_match_info_free (mi);
  return code;
}

/* The class path an item paragraph opens with ("4、一般公共服务支出（类）财政
 * 事务（款）财政委托业务支出（项）。主要用于：…。年初预算为…，支出决算为
 * 449.52万元"): the last path on the claim's line or the four before it, up
 * to the claim's figure, when no more than 120 characters separate them. */
static char *
paragraph_path (const BpDocument *doc, const BpClaim *c)
{
  g_autofree char *text = validate_source_plain (doc, MAX (1, c->line - 4), c->line);
  const char *own = norm_name (c->text);
  /* Cut at the claim's own words and figure (the end of its text). */
  char *at = g_strrstr (text, own);
  if (!at)
    return NULL;
  at[strlen (own)] = '\0';
  GMatchInfo *mi = NULL;
  char *path = NULL;
  gint end = 0;
  if (bp_regex_match ("([^0-9,;:、。.)]+?\\((?:[0-9]{3})?类\\)[^,;:。]+?"
                      "\\((?:[0-9]{2})?款\\)[^,;:。]+?\\((?:[0-9]{2})?项\\))", text, &mi))
    for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
      {
        g_free (path);
        path = g_match_info_fetch (mi, 1);
        g_match_info_fetch_pos (mi, 1, NULL, &end);
      }
  g_match_info_free (mi);
  if (path && validate_utf8_at_least (text + end, 121))
    g_clear_pointer (&path, g_free);
  /* a section heading between them ("…彩票公益金支出（项）支出 770 万元。
   * 十一、国有资本经营预算支出预算情况说明 … 支出 0 万元", Wuxi): the
   * claim is in the next section, not the item's paragraph */
  if (path && matches ("(?:^|。)[一二三四五六七八九十]{1,3}、", text + end))
    g_clear_pointer (&path, g_free);
  return path;
}

/* "一般公共预算财政拨款支出 128148.56 万元，比 2025 年增加 10300.15 万元。
 * 其中：基本支出 33325.21 万元": a 基本支出 (项目支出, 人员经费, 公用经费)
 * that is a 其中 part of a sentence about the 一般公共预算 is that fund's,
 * stated by the 一般公共预算支出表, not the department's over all funds.
 * The column the claim names then, else NULL. Reads the claim's line, the
 * twelve before it (a list's later item, "其中:基本支出…;项目支出…", in a
 * sentence plain text broke over many lines) and the two after it, up to
 * the claim's own words. */
static const char *
general_budget_part (const BpDocument *doc, const BpClaim *c)
{
  static const char *const parts[] = { "基本支出", "项目支出", "人员经费", "公用经费" };
  const char *subject = norm_name (c->subject);
  const char *column = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_has_suffix (subject, parts[i]) && !strstr (subject, "一般公共预算"))
      column = parts[i];
  if (!column)
    return NULL;
  /* The lines after the claim's too: plain text may print the figure's
   * decimals and unit there ("基本支出5,445" / ".39万元", "148,538" / ".09 万"
   * / "元", 重庆). */
  g_autofree char *text = validate_source_plain (doc, MAX (1, c->line - 12), c->line + 2);
  const char *own = norm_name (c->text);
  char *at = *own ? g_strrstr (text, own) : NULL;
  if (!at)
    return NULL;
  at[strlen (own)] = '\0';   /* its text may start with the 其中 */
  char *part = g_strrstr (text, "其中");
  if (!part || strstr (part, "。"))
    return NULL;          /* no 其中, or the claim in a later sentence */
  *part = '\0';
  /* the sentence 其中 ends or follows ("…万元。其中：") */
  if (g_str_has_suffix (text, "。"))
    text[strlen (text) - strlen ("。")] = '\0';
  const char *stop = g_strrstr (text, "。");
  const char *sentence = stop ? stop + strlen ("。") : text;
  return strstr (sentence, "一般公共预算") ? column : NULL;
}

/* The values the tables state for the claim's subject. Empty when the
 * subject is not one the tables state. */
static GArray *
stated_values_read (const BpDocument *doc, const BpClaim *c, const char **what)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Stated));
  const char *subject = norm_name (c->subject);
  g_autofree char *code = claim_code (c);
  g_autofree char *path = code ? NULL : class_path_code (doc, subject);
  *what = "table";
  const char *fund_part = code || path ? NULL : general_budget_part (doc, c);
  if (fund_part)   /* only that fund's table states it, if it can be read */
    total_row_values (doc, "general_budget_expense", fund_part, out);
  else if (code || path)
    {
      code_values (doc, code ? code : path, out);
      *what = "classification row";
    }
  else if (concept_values (doc, subject, out))
    *what = "table";
  else if (class_values (doc, subject, out))
    *what = "类 row";
  else if (!subject_has_function_code (subject) && project_values (doc, subject, out))
    *what = "project row";
  else
    {
      g_autofree char *item = paragraph_path (doc, c);
      g_autofree char *item_code = !item ? NULL : subject_code (item);
      if (item && !item_code)
        item_code = class_path_code (doc, item);
      if (item_code)
        {
          code_values (doc, item_code, out);
          *what = "classification row of the item";
        }
    }
  return out;
}

/* A claim keeps its stated values only when they are few: a long document
 * states its subjects many times over, and every claim keeping a copy of
 * them all made memory quadratic in its length (the 64x document, issue
 * 18). A longer list is read again, from the run's memo. */
#define CLAIM_STATED_KEPT 16

/* stated_values_read once per claim and run (two rules ask it for every
 * amount claim); a copy the caller may add to. */
static GArray *
stated_values (const BpDocument *doc, const BpClaim *c, const char **what)
{
  ClaimFacts *f = claim_facts (c);
  if (f && f->stated)
    {
      *what = f->what;
      return g_array_copy (f->stated);
    }
  GArray *read = stated_values_read (doc, c, what);
  if (f && read->len <= CLAIM_STATED_KEPT)
    {
      f->stated = g_array_copy (read);
      f->what = *what;
    }
  return read;
}

/* TRUE for the characters of [-0-9.,]. */
static inline gboolean
is_figure_char (char ch)
{
  return g_ascii_isdigit (ch) || ch == '-' || ch == '.' || ch == ',';
}

/* The length of T without the match of [-0-9.,]+(?:万元|元|亿元)?$ (plain
 * text: no newline for $ to stop before), by hand: a regex removal per
 * claim. A figure run matches only when what follows it is one of the
 * units or nothing, so at most one of them ends T after a run, and the
 * leftmost match starts where that run starts. */
static gsize
bare_label_len (const char *t)
{
  static const char *const units[] = { "万元", "亿元", "元", "" };
  gsize len = strlen (t);
  for (guint k = 0; k < G_N_ELEMENTS (units); k++)
    {
      gsize ul = strlen (units[k]);
      if (len < ul || memcmp (t + len - ul, units[k], ul) != 0)
        continue;
      gsize run = len - ul;
      while (run > 0 && is_figure_char (t[run - 1]))
        run--;
      if (run < len - ul)
        return run;
    }
  return len;
}

/* The last non-empty piece of the first LEN bytes of T split at [,;:、。]
 * (g_regex_split's pieces), a new string; "" when none. */
static char *
last_clause (const char *t, gsize len)
{
  const char *start = t, *end = t + len, *from = t, *to = t;
  for (const char *p = t; p < end;)
    {
      gsize d = (*p == ',' || *p == ';' || *p == ':') ? 1
                : (p + 3 <= end && (!memcmp (p, "、", 3) || !memcmp (p, "。", 3))) ? 3 : 0;
      if (!d)
        {
          p++;
          continue;
        }
      if (p > start)
        from = start, to = p;
      p += d;
      start = p;
    }
  if (end > start)
    from = start, to = end;
  return g_strndup (from, to - from);
}

/* The claim's own words before its number: "1.专项业务经费:27.75万元" →
 * "专项业务经费" (the subject may have come from a heading). */
static char *
own_label_read (const BpClaim *c)
{
  const char *t = norm_name (c->text);
  gsize bare = bare_label_len (t);
  g_autofree char *last = last_clause (t, bare);
  /* Possessive groups: PCRE2 gives up on a group repeated some thousand
   * times ("1.001.00…"), and the replace then returns NULL. The lookbehind
   * starts the suffix only at the start of a run of those words, so a long
   * run is read once. */
  g_autofree char *a = replace_all ("^(?:[(]?[0-9一二三四五六七八九十]{1,3}[).、]|其中|包括)++", last);
  return replace_all ("(?<!为|是|共计|合计|约|达)(?:为|是|共计|合计|约|达)++$", a);
}

/* own_label_read once per claim and run (narrative.amount and
 * narrative.same_figure both ask it); a new string. */
static char *
own_label (const BpClaim *c)
{
  ClaimFacts *f = claim_facts (c);
  if (!f)
    return own_label_read (c);
  if (!f->own_label)
    f->own_label = own_label_read (c);
  return g_strdup (f->own_label);
}

/* ---- narrative.amount ---------------------------------------------------- */

/* The stated value nearest to V. */
static const Stated *
nearest (GArray *stated, bp_fen v)
{
  const Stated *best = NULL;
  for (guint i = 0; i < stated->len; i++)
    {
      const Stated *s = &g_array_index (stated, Stated, i);
      if (!best || bp_wide_abs ((bp_wide_fen) s->value - v) < bp_wide_abs ((bp_wide_fen) best->value - v))
        best = s;
    }
  return best;
}

/* TRUE when A is B × 10000 within 0.5 % of A. */
static gboolean
ten_thousand_times (bp_fen a, bp_fen b)
{
  bp_wide_fen diff = (bp_wide_fen) a - (bp_wide_fen) b * 10000;
  return bp_wide_abs (diff) * 200 <= bp_wide_abs (a);
}

/* TRUE when a stated value equals the claim read 10000 times larger or
 * smaller (元 taken for 万元 or the reverse), within 0.5 %. */
static gboolean
unit_slip (GArray *stated, const BpClaim *c)
{
  for (guint i = 0; i < stated->len; i++)
    {
      const Stated *s = &g_array_index (stated, Stated, i);
      if (c->amount != 0 && s->value != 0
          && (ten_thousand_times (s->value, c->amount)
              || ten_thousand_times (c->amount, s->value)))
        return TRUE;
    }
  return FALSE;
}

/* narrative.same_figure shares the reading of narrative.amount and of
 * narrative.repeated and reports what they take for rounding: two printings
 * of one value to the same digit that differ. */
static gboolean
same_figure_rule (const ValidateRun *run)
{
  return g_str_equal (run->rule->id, "narrative.same_figure");
}

/* "约 12 万元", "近 30 万元": a figure not meant to the digit. */
static gboolean
approximate (const BpClaim *c)
{
  return matches ("(?:约|近|大约|左右|多|余)[0-9.,]*(?:万元|元)?$|左右$", c->text);
}

/* "成本≤4199.35万元", "利息支出不超过63799705.73元": a bound a
 * performance target sets, not the amount itself. */
static gboolean
bound_read (const BpClaim *c)
{
  return matches ("(?:≤|≥|<|>|＜|＞|不超过|不高于|不低于|不少于|不多于|控制在)"
                  "\\s*[0-9.,]+(?:万元|元|亿元)?$", c->text);
}

static gboolean
bound (const BpClaim *c)
{
  ClaimFacts *f = claim_facts (c);
  if (!f)
    return bound_read (c);
  if (!f->bound)
    f->bound = bound_read (c) + 1;
  return f->bound - 1;
}

/* TRUE when this rule already reported the figure OTHER of line
 * OTHER_LINE against AMOUNT (and records it): a table total quoted in five
 * sentences is one defect. */
static gboolean
same_figure_reported (const ValidateRun *run, int other_line, const char *expected,
                      const char *actual)
{
  char *key = g_strdup_printf ("%s\t%d\t%s\t%s", run->rule->id, other_line,
                               expected, actual);
  return !g_hash_table_add (run->reported, key);
}

/* TRUE when the table printed S to the claim's last digit: S is a whole
 * number of that digit, and the table prints as many digits or S itself
 * shows that digit (a 10.96 in a table of whole 万元 figures). */
static gboolean
printed_to_claim_digit (const BpClaim *c, const Stated *s)
{
  bp_fen step = 2 * claim_tolerance (c);
  if (step <= 0 || s->value % step != 0)
    return FALSE;
  return s->tolerance <= claim_tolerance (c) || (s->value / step) % 10 != 0;
}

static void
report_same_figure (ValidateRun *run, const BpClaim *c, bp_fen other,
                    int other_line, const char *table, const char *what)
{
  char e[BP_AMOUNT_BUFSZ], a[BP_AMOUNT_BUFSZ];
  if (same_figure_reported (run, other_line, bp_amount_format_buf (other, e),
                            bp_amount_format_buf (c->amount, a)))
    return;
  g_autofree char *printed = validate_format_money (c->amount, c->unit);
  g_autofree char *there = validate_format_money (other, c->unit);
  BpFinding *f = validate_report (
      run, BP_SEVERITY_ERROR, c->line, table,
      "%s %s: the %s (line %d) prints the same quantity to the same digit "
      "as %s; two roundings of one value cannot differ", c->subject, printed,
      what, other_line, there);
  bp_finding_set_values (f, bp_amount_format_buf (other, e),
                         bp_amount_format_buf (c->amount, a));
}

/* A function table of DOC that could not be read (plain text of a
 * 一般公共预算支出表 with its comparison columns apart), or NULL. A claim
 * about a class may be that table's figure (one fund's), which none of
 * the tables read states: the 支出总表 gives the class over all funds. */
static const BpTable *
function_table_unread (const BpDocument *doc)
{
  static const char *const types[] = { "expense_summary", "general_budget_expense",
                                       "gov_fund_expense", "state_capital_expense", NULL };
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = doc->tables->pdata[i];
      if (t->type && g_strv_contains (types, t->type) && validate_table_unreadable (doc, t))
        return t;
    }
  return NULL;
}

/* S was read from a function-classification row (its code 2xx). */
static gboolean
stated_by_function_row (const BpDocument *doc, const Stated *s)
{
  for (guint i = 0; i < doc->classification->len; i++)
    {
      const BpClassRow *r = doc->classification->pdata[i];
      if (r->kind == BP_CLASS_FUNCTION && r->line == s->line && g_strcmp0 (r->table, s->table) == 0)
        return TRUE;
    }
  return FALSE;
}

/* LISTED: the claim's subject is stated with three values or more
 * (subject_listed); it is then an item's own figure, not the document's
 * quantity the tables state under that name. */
static void
check_amount_claim (ValidateRun *run, const BpClaim *c, gboolean listed)
{
  const char *what;
  if (bound (c))   /* both rules reading check_amounts ask it */
    return;
  g_autoptr (GArray) stated = stated_values (run->doc, c, &what);
  if (listed && stated->len && g_str_equal (what, "table"))
    return;
  const char *name = c->subject;
  g_autofree char *own_name = NULL;
  if (!stated->len)
    {
      /* A subject taken from a heading ("项目支出安排情况") while the
       * sentence names its own item ("1.专项业务经费:27.75万元"). */
      g_autofree char *own = own_label (c);
      const char *subject = norm_name (c->subject);
      if (!*own || strstr (subject, own) || !project_values (run->doc, own, stated))
        return;
      what = "project row";
      name = own_name = g_steal_pointer (&own);
    }
  const Stated *s = nearest (stated, c->amount);
  if (s == NULL)
    return;
  const BpTable *st = s->table ? bp_document_find_table_by_id (run->doc, s->table) : NULL;
  if (st && g_strcmp0 (st->type, "performance_project") == 0)
    what = "performance form";
  bp_wide_fen wide_diff = bp_wide_abs ((bp_wide_fen) s->value - c->amount);
  if (wide_diff > G_MAXINT64)
    return;             /* a difference beyond 64 bits is no budget's: not compared */
  bp_fen diff = (bp_fen) wide_diff;
  if (diff > claim_tolerance (c) + s->tolerance && unit_slip (stated, c))
    {
      /* The figures agree once one side is read in the other unit: a unit
       * label problem (metadata), not a narrative one. */
      BP_DEBUG (run->stage, "line %d: %s agrees with the %s in another unit",
                c->line, name, what);
      return;
    }
  if (same_figure_rule (run))
    {
      if (diff > 0 && diff <= claim_tolerance (c) + s->tolerance
          && printed_to_claim_digit (c, s) && !approximate (c))
        report_same_figure (run, c, s->value, s->line, s->table, what);
      return;
    }
  if (diff <= claim_tolerance (c) + s->tolerance)
    {
      BP_DEBUG (run->stage, "line %d: %s agrees with the %s", c->line, name, what);
      return;
    }
  /* Beyond 1 % no rounding or reading explains it. */
  BpSeverity sev = wide_diff * 100 > bp_wide_abs (s->value) ? BP_SEVERITY_ERROR
                                                          : BP_SEVERITY_WARNING;
  const BpTable *unread = stated_by_function_row (run->doc, s)
                          ? function_table_unread (run->doc) : NULL;
  if (unread)
    sev = BP_SEVERITY_INFO;
  g_autofree char *unsure = !unread ? g_strdup ("")
      : g_strdup_printf ("; %s (line %d), which may state it, could not be read",
                         unread->id, unread->line);
  char e[BP_AMOUNT_BUFSZ], a[BP_AMOUNT_BUFSZ], d[BP_AMOUNT_BUFSZ];
  g_autofree char *printed = validate_format_money (c->amount, c->unit);
  BpFinding *f = validate_report (
      run, sev, c->line, s->table,
      "%s %s: the %s (line %d) says %s元, a difference of %s元 beyond "
      "the rounding of the printed figures%s", name, printed, what,
      s->line, bp_amount_format_buf (s->value, e),
      bp_amount_format_buf (diff, d), unsure);
  bp_finding_set_values (f, e, bp_amount_format_buf (c->amount, a));
}

/* The amount claim C of this period that check_amounts reads, or NULL. */
static const BpClaim *
period_amount (const BpDocument *doc, const BpClaim *c)
{
  return c->kind == BP_CLAIM_AMOUNT && c->has_amount && c->subject
         && claim_this_period (doc, c) ? c : NULL;
}

/* Up to three distinct amounts stated of one subject. */
typedef struct {
  bp_fen seen[3];
  guint n;
} SubjectAmounts;

/* The subjects (normalized) whose amount claims of this period state three
 * values or more: a list of items that each speak of their own 人员经费
 * ("（三）…科目…具体为：人员经费 675.90 万元 … 人员经费 0.00 万元"), not
 * the document's one quantity of that name (an item's figure checked
 * against its own classification row is still checked). One pass over the
 * claims (asking it per subject made check_amounts quadratic). */
static GHashTable *
listed_subjects (const BpDocument *doc, GPtrArray *of_claim)
{
  GHashTable *amounts = g_hash_table_new_full (validate_str_hash, g_str_equal, g_free, g_free);
  g_ptr_array_set_size (of_claim, doc->claims->len);
  for (guint i = 0; i < doc->claims->len; i++)
    {
      const BpClaim *c = period_amount (doc, doc->claims->pdata[i]);
      if (!c)
        continue;
      const char *subject = norm_name (c->subject);
      guint hash = g_str_hash (subject);
      gpointer stored_key, value;
      SubjectAmounts *a = validate_hashed_lookup (amounts, subject, hash, &stored_key, &value)
                          ? value : NULL;
      if (!a)
        {
          a = g_new0 (SubjectAmounts, 1);
          validate_hashed_insert (amounts, g_strdup (subject), hash, a);
        }
      of_claim->pdata[i] = a;
      gboolean known = FALSE;
      for (guint k = 0; k < a->n; k++)
        known = known || a->seen[k] == c->amount;
      if (!known && a->n < 3)
        a->seen[a->n++] = c->amount;
    }
  return amounts;
}

/* Whether claim I (C) is listed, kept with the claim: both rules reading
 * check_amounts ask it of the same claims, and hashing every subject
 * twice per rule was most of check_amounts' own cost. LISTED and OF_CLAIM
 * (listed_subjects') are read at the first claim not yet known. */
static gboolean
claim_listed (const BpDocument *doc, guint i, const BpClaim *c, GHashTable **listed,
              GPtrArray *of_claim)
{
  ClaimFacts *f = claim_facts (c);
  if (f && f->listed)
    return f->listed - 1;
  if (!*listed)
    *listed = listed_subjects (doc, of_claim);
  const SubjectAmounts *a = of_claim->pdata[i];
  gboolean is = a->n >= 3;
  if (f)
    f->listed = is + 1;
  return is;
}

static void
check_amounts (ValidateRun *run)
{
  g_autoptr (GHashTable) listed = NULL;
  g_autoptr (GPtrArray) of_claim = g_ptr_array_new ();
  for (guint i = 0; i < run->doc->claims->len; i++)
    {
      const BpClaim *c = period_amount (run->doc, run->doc->claims->pdata[i]);
      if (c)
        check_amount_claim (run, c, claim_listed (run->doc, i, c, &listed, of_claim));
    }
}

/* ---- changes: 比上年增加 X 万元, 增长 Y% -------------------------------------- */

/* What a change claim compares: the amount stated just before it (this
 * period) and, when the sentence states it too, the base period's amount
 * ("2025年执行数为1690.69万元,2026年预算安排1672.67万元,比2025年…减少1.07%"). */
typedef struct {
  const BpClaim *change, *current, *base;
} ChangeTerms;

/* TRUE when the change clause names no subject of its own (",比2023年预算
 * 减少…"): it speaks of the amount before it. Otherwise the subjects must
 * agree ("收、支总计" / "与2020年度相比,收、支总计各减少"). */
static gboolean
change_is_about (const BpClaim *change, const BpClaim *amount)
{
  const char *text = norm_name (change->text);
  if (matches ("^[,;:、]?(?:比|较|与|同)", text))
    return TRUE;
  const char *cs = norm_name (change->subject);
  const char *as = norm_name (amount->subject);
  g_autofree char *core = replace_all ("各$", cs);
  return *core && *as && (g_str_equal (core, as) || g_str_has_suffix (core, as)
                          || g_str_has_suffix (as, core));
}

/* TRUE when an amount claim stands within the 4 claims and 5 lines
 * before change I with no change between: the change speaks of it (or of
 * nothing change_terms can bind). */
static gboolean
adjacent_amount (const BpDocument *doc, guint i)
{
  const BpClaim *c = doc->claims->pdata[i];
  for (guint back = 1; back <= 4 && back <= i; back++)
    {
      const BpClaim *p = doc->claims->pdata[i - back];
      if (p->line < c->line - 5 || p->kind == BP_CLAIM_CHANGE)
        return FALSE;
      if (p->kind == BP_CLAIM_AMOUNT && p->has_amount && p->unit != BP_UNIT_UNKNOWN)
        return change_is_about (c, p) || (c->base_year && claim_year (p) == c->base_year);
    }
  return FALSE;
}

/* A 三公 item named in a change clause of its own ("；公务接待费增加 0.3
 * 万元，增长 100%"), the pattern its amount's subject must end with. */
static const char *
three_public_item (const char *subject)
{
#define THREE_PUBLIC_ITEMS(before, after) {                                 \
    before "因公出国\\(?境?\\)?(?:经)?费用?" after, before "公务接待(?:经)?费" after,  \
    before "公务用车购置(?:经)?费" after, before "公务用车运行(?:维护)?(?:经)?费" after, \
    before "公务用车购置及运行(?:维护)?(?:经)?费" after, NULL }
  static const char *const items[] = THREE_PUBLIC_ITEMS ("", "");
  /* The whole patterns, literal: each hits the regex cache by address. */
  static const char *const wholes[] = THREE_PUBLIC_ITEMS (TP, QUAL);
  const char *named = norm_name (subject);
  /* A change's subject carries its base: "公务接待费上年". */
  g_autofree char *s = replace_all ("(?:比|较|与)?(?:上年|去年|上年度|同期|[0-9]{4}年度?)"
                                    "(?:预算数?|决算数?)?(?:相比)?$", named);
  for (int k = 0; items[k]; k++)
    {
      if (matches (wholes[k], s))
        return items[k];
    }
  return NULL;
}

/* The 三公 sections list the amounts first and the changes after them
 * ("…公务接待费 1.3 万元。与上年相比，因公出国费减少 3.29 万元，下降
 * 23.08%；公务接待费增加 0.3 万元，增长 100%"): a change that names its
 * item is bound to the last amount of that item this period, within 12
 * lines before it. */
static const BpClaim *
three_public_amount (const BpDocument *doc, guint i)
{
  const BpClaim *c = doc->claims->pdata[i];
  const char *text = norm_name (c->text);
  const char *item = three_public_item (c->subject);
  if (!item || c->base_year == doc->year || !matches (item, text))
    return NULL;
  for (guint back = 1; back <= 30 && back <= i; back++)
    {
      const BpClaim *p = doc->claims->pdata[i - back];
      if (p->line < c->line - 12)
        break;
      if (p->kind == BP_CLAIM_AMOUNT && p->has_amount && p->unit != BP_UNIT_UNKNOWN
          && three_public_item (p->subject) == item && claim_this_period (doc, p))
        return p;
    }
  return NULL;
}

/* The whole of a 其中 list that ends at amount claim P (index PI): an
 * amount claim just before the parts, within five lines, that they add up
 * to ("支出预算 10344.71 万元，其中：基本支出 8974.01 万元、项目支出
 * 1370.70 万元"), or NULL. *ENUMERATED: every part after the first was
 * joined to the one before by "、" (an enumeration, no clause between). */
static const BpClaim *
list_whole (const BpDocument *doc, guint pi, gboolean *enumerated)
{
  const BpClaim *p = doc->claims->pdata[pi];
  bp_fen sum = 0, tol = 0;
  for (guint back = 0; back <= 6 && back <= pi; back++)
    {
      const BpClaim *q = doc->claims->pdata[pi - back];
      if (q->kind != BP_CLAIM_AMOUNT || !q->has_amount || q->unit == BP_UNIT_UNKNOWN
          || q->line < p->line - 5)
        return NULL;
      tol += validate_half_digit (q->unit, 2);
      if (back >= 2 && bp_amount_within (q->amount, sum, tol))
        {
          *enumerated = TRUE;
          for (guint k = 0; k + 2 <= back; k++)
            {
              const BpClaim *part = doc->claims->pdata[pi - k];
              *enumerated &= part->text && g_str_has_prefix (part->text, "、");
            }
          return q;
        }
      sum += q->amount;
    }
  return NULL;
}

/* A change after a 其中 list that does not name the last part speaks of the
 * whole: when it opens the next sentence ("…项目支出 1370.70 万元。比上年减
 * 少 32.61 万元"), or ends the list's own sentence after an enumeration
 * ("其中：…、上年结转 13,102.70 万元、其他收入 3,444.00 万元，较上年减少
 * 129,422.00 万元"); not after parts each with a clause of its own. */
static const BpClaim *
change_of_whole (const BpDocument *doc, guint i, guint pi)
{
  const BpClaim *c = doc->claims->pdata[i], *p = doc->claims->pdata[pi];
  if (!c->text || g_strcmp0 (c->subject, p->subject) == 0)
    return NULL;
  gboolean enumerated = FALSE;
  const BpClaim *whole = list_whole (doc, pi, &enumerated);
  /* A claim's text runs from the end of the one before it in its sentence
   * (",比上年…"), from the sentence's start when it is the first. */
  gboolean same_sentence = strchr (",、;:", c->text[0]) != NULL;
  if (!whole || (same_sentence && (!enumerated || c->text[0] != ',')))
    return NULL;
  return change_is_about (c, whole) ? whole : NULL;
}

static gboolean
change_terms (const BpDocument *doc, guint i, ChangeTerms *ct)
{
  const BpClaim *c = doc->claims->pdata[i];
  *ct = (ChangeTerms) { c, NULL, NULL };
  /* "比2026年预算增加" in a 2026 document: which figure is the base? */
  if (c->base_year && c->base_year == doc->year)
    return FALSE;
  if (i > 0 && !adjacent_amount (doc, i))
    {
      ct->current = three_public_amount (doc, i);
      return ct->current != NULL;
    }
  for (guint back = 1; back <= 4 && back <= i; back++)
    {
      const BpClaim *p = doc->claims->pdata[i - back];
      if (p->line < c->line - 5 || p->kind == BP_CLAIM_CHANGE)
        break;
      if (p->kind != BP_CLAIM_AMOUNT || !p->has_amount || p->unit == BP_UNIT_UNKNOWN)
        continue;
      int year = claim_year (p);
      if (!ct->current)
        {
          if (year && year == c->base_year)
            return FALSE;     /* the base is stated last: an unusual order */
          if (!change_is_about (c, p))
            return FALSE;
          ct->current = p;
          const BpClaim *whole = change_of_whole (doc, i, i - back);
          if (whole)
            {
              ct->current = whole;
              break;
            }
        }
      else if (c->base_year && year == c->base_year)
        {
          ct->base = p;
          break;
        }
    }
  return ct->current != NULL;
}

/* Whether PRINTED (hundredths of a percent, PCT_DECIMALS printed) can be
 * CHANGE / BASE (BASE > BASE_TOL) when each stands for ± its tolerance.
 * *ACTUAL: the rate in thousandths of a percent, at most G_MAXINT64. */
static gboolean
rate_consistent (bp_fen change, bp_fen change_tol, bp_fen base, bp_fen base_tol,
                 bp_pct100 printed, int pct_decimals, gint64 *actual)
{
  /* In thousandths of a percent, in 128 bits (figures may be huge). */
  bp_wide_fen x = bp_wide_abs (change), xlo = MAX (x - change_tol, 0), xhi = x + change_tol;
  bp_wide_fen blo = (bp_wide_fen) base - base_tol, bhi = (bp_wide_fen) base + base_tol;
  *actual = (gint64) MIN ((x * 100000 + base / 2) / base, (bp_wide_fen) G_MAXINT64);
  bp_wide_fen lo = xlo * 100000 / bhi;
  bp_wide_fen hi = blo > 0 ? (xhi * 100000 + blo - 1) / blo : (bp_wide_fen) G_MAXINT64 * 100000;
  /* Right when it is the exact rate rounded either way (issue rule). */
  gint64 half = pct_decimals >= 2 ? 10 : pct_decimals == 1 ? 100 : 1000;
  bp_wide_fen p = bp_wide_abs (printed) * 10;
  return p + half >= lo && p - half <= hi;
}

/* How wrong a printed rate (hundredths of a percent) is against ACTUAL
 * (thousandths): beyond a point or a tenth of the rate is an error. */
static BpSeverity
rate_severity (bp_pct100 printed, gint64 actual)
{
  bp_wide_fen off = bp_wide_abs (bp_wide_abs (printed) * 10 - actual);
  return off >= 1000 || off * 10 >= actual ? BP_SEVERITY_ERROR : BP_SEVERITY_WARNING;
}

static void
check_rate (ValidateRun *run, const ChangeTerms *ct)
{
  const BpClaim *c = ct->change, *cur = ct->current;
  bp_fen base, change, base_tol, change_tol;
  if (!c->has_percent)
    return;
  /* A difference beyond 64 bits is no budget's change: not compared. */
  if (ct->base)
    {
      base = ct->base->amount;
      if (__builtin_sub_overflow (cur->amount, base, &change))
        return;
      base_tol = claim_tolerance (ct->base);
      change_tol = base_tol + claim_tolerance (cur);
    }
  else if (c->has_amount)
    {
      change = c->amount;
      if (__builtin_sub_overflow (cur->amount, change, &base))
        return;
      change_tol = claim_tolerance (c);
      base_tol = change_tol + claim_tolerance (cur);
    }
  else
    return;
  if (ct->base && ((c->direction > 0 && change < 0) || (c->direction < 0 && change > 0)))
    return;                       /* narrative.direction reports it */
  char b[BP_AMOUNT_BUFSZ], x[BP_AMOUNT_BUFSZ];
  gboolean zero_rule = g_str_equal (run->rule->id, "narrative.zero_base");
  if (bp_amount_within (base, 0, base_tol))
    {
      /* The rate as printed, without its sign (the change has one). */
      g_autofree char *rate = validate_format_percent (c->percent, FALSE);
      if (zero_rule && c->percent != 0)
        validate_report (run, BP_SEVERITY_ERROR, c->line, NULL,
                         "%s: a change of %s元 from a base of %s元 (≈ 0) cannot be "
                         "a rate of %s", cur->subject,
                         bp_amount_format_buf (change, x), bp_amount_format_buf (base, b),
                         rate);
      return;
    }
  if (zero_rule || base < 0)
    return;
  int dec = percent_decimals (run->doc, c, c->percent);
  gint64 actual;
  if (rate_consistent (change, change_tol, base, base_tol, c->percent, dec, &actual))
    {
      BP_DEBUG (run->stage, "line %d: rate of change of %s agrees", c->line,
                cur->subject);
      return;
    }
  BpSeverity sev = rate_severity (c->percent, actual);
  g_autofree char *pr = g_strdup_printf ("%.*f%%", dec, ABS (c->percent / 100.0));
  g_autofree char *ex = g_strdup_printf ("%" G_GINT64_FORMAT ".%03d%%", actual / 1000,
                                         (int) (actual % 1000));
  const char *amount = bp_amount_format_buf (change, x);
  BpFinding *f = validate_report (
      run, sev, c->line, NULL,
      "%s: a change of %s元 on a base of %s元 is %s, the text says %s",
      cur->subject, amount + (*amount == '-'),
      bp_amount_format_buf (base, b), ex, pr);
  bp_finding_set_values (f, ex, pr);
}

/* The printed change amount against the two amounts the sentence states. */
static void
check_change_amount (ValidateRun *run, const ChangeTerms *ct)
{
  const BpClaim *c = ct->change;
  if (!ct->base || !c->has_amount)
    return;
  bp_fen expected = ct->current->amount - ct->base->amount;
  if (c->direction * expected < 0)
    return;                       /* narrative.direction reports it */
  bp_fen tol = claim_tolerance (c) + claim_tolerance (ct->current)
               + claim_tolerance (ct->base);
  g_autofree char *what = validate_what (
      "%s: the change from %d (line %d) to this year (line %d)",
      ct->current->subject, c->base_year, ct->base->line, ct->current->line);
  validate_compare_money (run, BP_SEVERITY_ERROR, c->line, NULL,
                          ABS (expected), ABS (c->amount), tol, what);
}

/* Table cells that tell a story ("2023年预算安排33万元…2024年预算19.69万元,
 * 较2023年减少12.31万元") carry no claims: read their budget of each year
 * and their change amount directly. */
#define CELL_BUDGET "((?:19|20)[0-9]{2})年([^,，。;；:：0-9]{0,12}?)([0-9][0-9,]*(?:\\.[0-9]+)?)万元"
#define CELL_CHANGE "(?:较|比)((?:19|20)[0-9]{2})年(?:预算|年初预算)?(增加|增长|减少|较少|下降|节约)了?([0-9][0-9,]*(?:\\.[0-9]+)?)万元"

/* The one budget amount the cell states for YEAR (in fen, via *OUT, with
 * the printed text in *PRINTED); FALSE when none or two different ones. */
static gboolean
cell_budget (const char *cell, int year, bp_fen *out, char **printed)
{
  GRegex *re = bp_regex (CELL_BUDGET);
  GMatchInfo *mi = NULL;
  int n = 0;
  gboolean same = TRUE;
  *printed = NULL;
  g_regex_match (re, cell, 0, &mi);
  for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *y = g_match_info_fetch (mi, 1);
      g_autofree char *what = g_match_info_fetch (mi, 2);
      g_autofree char *num = g_match_info_fetch (mi, 3);
      bp_fen v;
      if (atoi (y) != year || !matches ("预算|安排", what)
          || matches ("执行|实际|已用|调整|结转", what)
          || bp_amount_parse (num, BP_UNIT_WANYUAN, &v) != BP_AMOUNT_OK)
        continue;
      same &= n == 0 || v == *out;
      *out = v;
      if (!*printed)
        *printed = g_strdup (num);
      n++;
    }
  g_match_info_free (mi);
  if (!(n > 0 && same))
    g_clear_pointer (printed, g_free);
  return n > 0 && same;
}


/* CELL holds 万元 (wanyuan_cells). */
static void
check_cell_change (ValidateRun *run, const BpTable *t, const BpRow *r,
                   const char *cell)
{
  GRegex *re = bp_regex (CELL_CHANGE);
  GMatchInfo *mi = NULL;
  if (g_regex_match (re, cell, 0, &mi))
    {
      g_autofree char *y = g_match_info_fetch (mi, 1);
      g_autofree char *verb = g_match_info_fetch (mi, 2);
      g_autofree char *num = g_match_info_fetch (mi, 3);
      g_autofree char *pb = NULL, *pc = NULL;
      bp_fen change, base, current;
      int year = atoi (y);
      if (year != run->doc->year
          && bp_amount_parse (num, BP_UNIT_WANYUAN, &change) == BP_AMOUNT_OK
          && cell_budget (cell, year, &base, &pb)
          && cell_budget (cell, run->doc->year, &current, &pc))
        {
          int dir = matches ("增", verb) ? 1 : -1;
          bp_fen expected = current - base;
          bp_fen tol = printed_tolerance (num) + printed_tolerance (pb)
                       + printed_tolerance (pc);
          g_autofree char *what = validate_what (
              "%s: %d年 %s万元 to %d年 %s万元, the text says %s %s万元",
              t->id, year, pb, run->doc->year, pc, verb, num);
          if (dir * expected >= -tol)
            validate_compare_money (run, BP_SEVERITY_ERROR, r->line, t->id,
                                    ABS (expected), change, tol, what);
        }
    }
  g_match_info_free (mi);
}

/* A cell of a document's tables holding 万元. */
typedef struct {
  const BpTable *table;
  const BpRow *row;
  guint col;
} WanyuanCell;

/* TRUE when CELL holds 万元; a cell of ASCII (most: figures) is ruled out
 * by a byte scan, without a strstr. */
static gboolean
holds_wanyuan (const char *cell)
{
  const char *p = cell;
  while (*p && (guchar) *p < 0x80)
    p++;
  return *p && strstr (p, "万元");
}

/* The cells of DOC's tables holding 万元, in order (tables, rows, cells). */
static gpointer
wanyuan_cells_read (gconstpointer key)
{
  const BpDocument *doc = key;
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (WanyuanCell));
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = doc->tables->pdata[i];
      for (guint j = 0; j < t->rows->len; j++)
        {
          const BpRow *r = t->rows->pdata[j];
          for (guint c = 0; c < r->cells->len; c++)
            if (holds_wanyuan (bp_row_cell (r, c)))
              g_array_append_val (cells, ((WanyuanCell) { t, r, c }));
        }
    }
  return cells;
}

/* The cells holding 万元 (wanyuan_cells_read), once per document and run:
 * two rules read them and searched every cell of every table for 万元.
 * Unref it when done. */
static GArray *
wanyuan_cells (const BpDocument *doc)
{
  if (!validate_cache (VALIDATE_CACHE_WANYUAN_CELLS))
    return wanyuan_cells_read (doc);
  return g_array_ref (validate_cache_get (VALIDATE_CACHE_WANYUAN_CELLS, doc,
                                          wanyuan_cells_read));
}

static void
check_cell_changes (ValidateRun *run)
{
  if (!run->doc->year)
    return;
  g_autoptr (GArray) cells = wanyuan_cells (run->doc);
  for (guint i = 0; i < cells->len; i++)
    {
      const WanyuanCell *w = &g_array_index (cells, WanyuanCell, i);
      check_cell_change (run, w->table, w->row, bp_row_cell (w->row, w->col));
    }
}

/* 增加/减少 against the two amounts the sentence states. */
static void
check_direction (ValidateRun *run, const ChangeTerms *ct)
{
  const BpClaim *c = ct->change;
  if (!ct->base || c->direction == 0)
    return;
  bp_fen diff = ct->current->amount - ct->base->amount;
  bp_fen tol = claim_tolerance (ct->current) + claim_tolerance (ct->base);
  if (ABS (diff) <= tol || c->direction * diff > 0)
    return;
  char d[BP_AMOUNT_BUFSZ];
  g_autofree char *from = validate_format_money (ct->base->amount, ct->base->unit);
  g_autofree char *to = validate_format_money (ct->current->amount, ct->current->unit);
  validate_report (run, BP_SEVERITY_ERROR, c->line, NULL,
                   "%s: the text says %s, but from %s (line %d) to %s "
                   "(line %d) is a change of %s元", ct->current->subject,
                   c->direction > 0 ? bp_gettext ("an increase") : bp_gettext ("a decrease"),
                   from, ct->base->line, to, ct->current->line,
                   bp_amount_format_buf (diff, d));
}

/* change_terms once per claim and run: three rules read every change. */
static gboolean
change_terms_kept (const BpDocument *doc, guint i, ChangeTerms *ct)
{
  const BpClaim *c = doc->claims->pdata[i];
  ClaimFacts *f = claim_facts (c);
  if (!f)
    return change_terms (doc, i, ct);
  if (!f->change_known)
    {
      gboolean found = change_terms (doc, i, ct);
      f->change_current = ct->current;
      f->change_base = ct->base;
      f->change_known = found + 1;
    }
  *ct = (ChangeTerms) { c, f->change_current, f->change_base };
  return f->change_known - 1;
}

static void
for_each_change (ValidateRun *run, void (*check) (ValidateRun *, const ChangeTerms *))
{
  for (guint i = 0; i < run->doc->claims->len; i++)
    {
      const BpClaim *c = run->doc->claims->pdata[i];
      ChangeTerms ct;
      if (c->kind == BP_CLAIM_CHANGE && change_terms_kept (run->doc, i, &ct))
        check (run, &ct);
    }
}

static void
check_rates (ValidateRun *run)
{
  for_each_change (run, check_rate);
}

static void
check_change_amounts (ValidateRun *run)
{
  for_each_change (run, check_change_amount);
  check_cell_changes (run);
}

/* The source text right after claim C's own words (its line and the two
 * after, normalized as norm_name does), or NULL when they are not found. */
static char *
text_after_claim (const BpDocument *doc, const BpClaim *c)
{
  g_autofree char *text = validate_source_plain (doc, c->line, c->line + 2);
  const char *own = norm_name (c->text);
  const char *at = strstr (text, own);
  return at ? g_strdup (at + strlen (own)) : NULL;
}

/* The word before the rate that follows a change amount ("减少171.02万元，
 * 增长20%"): +1, -1, or 0 when the text has none right there. */
static int
rate_word_direction (const BpDocument *doc, const BpClaim *c)
{
  g_autofree char *after = text_after_claim (doc, c);
  GMatchInfo *mi = NULL;
  int dir = 0;
  GRegex *re = bp_regex ("^[,;]?(增加|增长|上升|提高|减少|下降|降低)了?[0-9.]+%");
  if (after && g_regex_match (re, after, 0, &mi))
    {
      g_autofree char *verb = g_match_info_fetch (mi, 1);
      dir = matches ("增|上升|提高", verb) ? 1 : -1;
    }
  g_match_info_free (mi);
  return dir;
}

static void
check_directions (ValidateRun *run)
{
  for_each_change (run, check_direction);
  for (guint i = 0; i < run->doc->claims->len; i++)
    {
      const BpClaim *c = run->doc->claims->pdata[i];
      if (c->kind != BP_CLAIM_CHANGE || !c->has_amount || !c->has_percent
          || c->direction == 0)
        continue;
      int rate = rate_word_direction (run->doc, c);
      if (rate && rate != c->direction)
        {
          /* Two whole formats, not a fragment: each is translated. */
          if (c->direction > 0)
            validate_report (run, BP_SEVERITY_ERROR, c->line, NULL,
                             "%s: the amount increases but the rate decreases (\"%s\")",
                             c->subject, c->text);
          else
            validate_report (run, BP_SEVERITY_ERROR, c->line, NULL,
                             "%s: the amount decreases but the rate increases (\"%s\")",
                             c->subject, c->text);
        }
    }
}

/* ---- shares: 其中 X 万元, 占 Y% ------------------------------------------- */

static gboolean
claim_money (const BpClaim *c)
{
  return c->kind == BP_CLAIM_AMOUNT && c->has_amount && c->unit != BP_UNIT_UNKNOWN;
}

/* TRUE for an amount that opens a sentence and has no share after it: a
 * statement of its own, not an item of a list running on above it. */
static gboolean
states_alone (const BpDocument *doc, guint k)
{
  const BpClaim *c = doc->claims->pdata[k];
  if (!claim_money (c) || !c->text || strchr (",;:", c->text[0])
      || g_str_has_prefix (c->text, "，") || g_str_has_prefix (c->text, "；"))
    return FALSE;
  return k + 1 >= doc->claims->len
         || ((BpClaim *) doc->claims->pdata[k + 1])->kind != BP_CLAIM_SHARE;
}

/* TRUE when the words after the claim's figure, to the end of its
 * sentence, announce a list ("，主要用于以下方面：", "，具体如下："). */
static gboolean
heads_list (const BpDocument *doc, const BpClaim *c)
{
  g_autofree char *rest = text_after_claim (doc, c);
  if (!rest)
    return FALSE;
  char *stop = strstr (rest, "。");
  if (stop)
    *stop = '\0';
  return matches ("以下|如下|下列|:$", rest);
}

static gboolean
opens_list (const BpClaim *c)
{
  const char *text = norm_name (c->text);
  return matches ("其中|主要用于|包括|分别为|具体", text);
}

/* A list opened in a clause of its own with its own subject ("…包括：一般
 * 公共预算当年拨款收入16,474.82万元、上年结转2,254.12万元；支出包括：一般
 * 公共服务支出…") is not a list of the amount before the semicolon unless
 * that amount names the subject: FALSE for such a WHOLE. */
static gboolean
whole_of_clause (const BpClaim *opener, const BpClaim *whole)
{
  const char *text = norm_name (opener->text);
  GMatchInfo *mi = NULL;
  g_autofree char *subject = NULL;
  if (g_regex_match (bp_regex ("^;([^,;:。]+?)(?:其中|主要用于|包括|分别为|具体)"), text, 0, &mi))
    subject = g_match_info_fetch (mi, 1);
  g_match_info_free (mi);
  if (!subject)
    return TRUE;
  const char *ws = norm_name (whole->subject);
  return strstr (ws, subject) != NULL;
}

/* "、自然资源海洋气象等支出5,371.48万元" (its 元 maybe wrapped before the
 * 、: "…80.52万" / "元、…"): one item of an enumeration, the parts of
 * another whole, not the head of the list after it. */
static gboolean
enumerated_item (const BpClaim *c)
{
  const char *text = norm_name (c->text);
  return matches ("^(?:万?元)?、", text);
}

/* The wholes a list item may be a share of: the amount stated right before
 * the list opens ("支出预算877.92万元…。其中:基本支出737.6万元,占84%;项目
 * 支出140.32万元,占16%"). An amount with a share of its own right before a
 * nested "其中" may be the item's parent or its sibling ("基本支出737.6万元,
 * 占84%,其中:人员经费…;项目支出…"): then the list before it is a second
 * reading. Fills WHOLES innermost first; returns how many. */
static guint
list_wholes (const BpDocument *doc, guint part, const BpClaim *wholes[2])
{
  const BpClaim *p = doc->claims->pdata[part];
  guint n = 0;
  gboolean sibling = FALSE;
  for (guint k = part + 1; k-- > 0 && part - k <= 16 && n < 2;)
    {
      const BpClaim *c = doc->claims->pdata[k];
      if (c->line < p->line - 16)
        break;
      if (k != part && states_alone (doc, k))
        {
          /* "…支出1132.98万元，主要用于以下方面：" then numbered items:
           * the list's head, though no item's words open it. */
          if (n == 0 && heads_list (doc, c))
            wholes[n++] = c;
          break;
        }
      if (!opens_list (c))
        continue;
      guint w = k;
      const BpClaim *whole = NULL;
      while (w > 0 && !whole)
        {
          const BpClaim *x = doc->claims->pdata[--w];
          if (x->line < c->line - 4)
            break;
          if (claim_money (x))
            whole = x;
        }
      if (!whole || !whole_of_clause (c, whole) || enumerated_item (whole))
        break;
      wholes[n++] = whole;
      const BpClaim *next = doc->claims->pdata[w + 1];
      if (next->kind != BP_CLAIM_SHARE)
        return n;
      if (k != part)
        sibling = TRUE;     /* unless a list opened before it, no whole */
      k = w + 1;
    }
  return sibling && n < 2 ? 0 : n;
}

/* A subject without its qualifiers: "三公经费财政拨款支出决算" and "三公经费
 * 财政拨款年初预算数" are both "三公经费". */
static char *
subject_core (const char *subject)
{
  const char *n = norm_name (subject);
  return replace_all ("(?:支出|财政拨款|拨款|年初|全年|安排|预算|决算|控制数|"
                      "执行数|数|为|总额|合计)*$", n);
}

/* The budget a 完成(年初)预算的 x% refers to: the 预算 amount of the same
 * subject just before. */
static const BpClaim *
budget_whole (const BpDocument *doc, guint part)
{
  const BpClaim *p = doc->claims->pdata[part];
  for (guint w = part; w-- > 0 && part - w <= 3;)
    {
      const BpClaim *c = doc->claims->pdata[w];
      if (c->line < p->line - 4 || !claim_money (c))
        continue;
      const char *text = norm_name (c->text);
      g_autofree char *plain = replace_all (
          "一般公共预算|政府性基金预算|国有资本经营预算", text);
      g_autofree char *pc = subject_core (p->subject);
      g_autofree char *cc = subject_core (c->subject);
      if (matches ("预算|年初", plain) && !matches ("决算|执行", plain))
        return *pc && g_str_equal (pc, cc) ? c : NULL;
    }
  return NULL;
}

/* When PART is one of the three items of the 三公 (出国, 公务用车, 接待),
 * the 三公 total as a claim-like whole in *OUT. */
static gboolean
three_public_total (const BpDocument *doc, const BpClaim *part, BpClaim *out)
{
  const char *subject = norm_name (part->subject);
  const BpField *f = bp_document_get_field (doc, "three_public.total");
  if (!f || !(matches (TP "因公出国\\(?境?\\)?(?:经)?费用?" QUAL, subject)
              || matches (TP "公务用车购置及运行(?:维护)?(?:经)?费" QUAL, subject)
              || matches (TP "公务接待(?:经)?费" QUAL, subject)))
    return FALSE;
  *out = (BpClaim) { .kind = BP_CLAIM_AMOUNT, .subject = (char *) "三公经费",
                     .amount = f->value, .has_amount = TRUE,
                     .unit = part->unit, .line = f->line };
  return TRUE;
}

static void
check_share_claim (ValidateRun *run, guint i)
{
  const BpDocument *doc = run->doc;
  const BpClaim *s = doc->claims->pdata[i];
  if (i == 0 || !s->has_percent)
    return;
  const BpClaim *part = doc->claims->pdata[i - 1];
  if (!claim_money (part) || part->line < s->line - 2
      || g_strcmp0 (part->subject, s->subject) != 0)
    return;
  /* ",占项目支出5533万元": the amount before it left its 占 without a
   * share (plain text printing "12323.48 万元，占 / 项目支出 / 5533 万元，
   * 占 / 68.48 %； / 30.74 %；"): the shares come after both amounts, in no
   * order that says whose is whose. */
  const char *part_text = norm_name (part->text);
  if (matches ("^[,;]?占", part_text))
    return;
  const char *base = norm_name (s->base);
  const BpClaim *wholes[3] = { NULL, NULL, NULL };
  guint n = 0;
  if (*base && matches ("预算", base))
    n = (wholes[0] = budget_whole (doc, i - 1)) != NULL;
  else if (!*base || matches ("^(?:本年)?(?:支出|收入)(?:合计)?$", base))
    n = list_wholes (doc, i - 1, wholes);
  /* "“三公”经费…支出决算中，公务用车…19.56万元，占98.49%；公务接待费…":
   * the items' shares of the 三公 total, also when the list's head is a
   * change ("比2024年度减少3.59万元") rather than the total. */
  BpClaim three = { 0 };
  if (!*base && three_public_total (doc, part, &three))
    wholes[n++] = &three;
  bp_fen tp = claim_tolerance (part);
  int dec = percent_decimals (doc, s, s->percent);
  const BpClaim *whole = NULL;
  gint64 actual = 0;
  for (guint k = 0; k < n; k++)
    {
      const BpClaim *w = wholes[k];
      bp_fen tw = claim_tolerance (w);
      if (w == part || w->amount <= tw
          || (!*base && part->amount > w->amount + tp + tw))
        continue;
      gint64 rate;
      if (rate_consistent (part->amount, tp, w->amount, tw, s->percent, dec, &rate))
        {
          BP_DEBUG (run->stage, "line %d: share of %s in %s agrees", s->line,
                    part->subject, w->subject);
          return;
        }
      /* Report against the reading the part's own words suggest: its own
       * "其中" makes the nearest whole its parent. */
      if (!whole || !opens_list (part))
        whole = w, actual = rate;
    }
  if (!whole)
    return;
  BpSeverity sev = rate_severity (s->percent, actual);
  g_autofree char *pr = g_strdup_printf ("%.*f%%", dec, s->percent / 100.0);
  g_autofree char *ex = g_strdup_printf ("%" G_GINT64_FORMAT ".%03d%%", actual / 1000,
                                         (int) (actual % 1000));
  g_autofree char *pa = validate_format_money (part->amount, part->unit);
  g_autofree char *wh = validate_format_money (whole->amount, whole->unit);
  BpFinding *f = validate_report (
      run, sev, s->line, NULL, "%s %s of %s %s (line %d) is %s, the text says %s",
      part->subject, pa, whole->subject, wh, whole->line, ex, pr);
  bp_finding_set_values (f, ex, pr);
}

static void
check_shares (ValidateRun *run)
{
  for (guint i = 0; i < run->doc->claims->len; i++)
    if (((BpClaim *) run->doc->claims->pdata[i])->kind == BP_CLAIM_SHARE)
      check_share_claim (run, i);
}

/* ---- narrative.repeated: one quantity, two values ------------------------ */

/* TRUE when the claim names its subject in its own words (not a subject
 * inherited from a heading or the sentence before). */
static gboolean
names_own_subject (const BpClaim *c)
{
  const char *text = norm_name (c->text);
  const char *subject = norm_name (c->subject);
  return validate_utf8_at_least (subject, 4) && strstr (text, subject) != NULL;
}

/* Only quantities the catalogue knows by name (基本支出, 三公经费, a 类):
 * a bare "采购金额" or "合计" is a different figure in each list. */
static gboolean
known_quantity (const BpDocument *doc, const BpClaim *c, GArray *scratch)
{
  const char *subject = norm_name (c->subject);
  g_autofree char *code = claim_code (c);
  g_array_set_size (scratch, 0);
  return code || concept_values (doc, subject, scratch)
         || class_values (doc, subject, scratch);
}

/* A claim check_repeated compares: an amount of this period naming its
 * own, known subject. */
static gboolean
repeated_candidate_read (const BpDocument *doc, const BpClaim *c, GArray *scratch)
{
  return claim_money (c) && names_own_subject (c) && claim_this_period (doc, c)
         && known_quantity (doc, c, scratch);
}

/* repeated_candidate_read once per claim and run: narrative.repeated and
 * narrative.same_figure both read every claim. */
static gboolean
repeated_candidate (const BpDocument *doc, const BpClaim *c, GArray *scratch)
{
  ClaimFacts *f = claim_facts (c);
  if (!f)
    return repeated_candidate_read (doc, c, scratch);
  if (!f->repeated_candidate)
    f->repeated_candidate = repeated_candidate_read (doc, c, scratch) + 1;
  return f->repeated_candidate - 1;
}

static void check_repeated (ValidateRun *run);

static void
check_same_figures (ValidateRun *run)
{
  check_amounts (run);
  check_repeated (run);
}

static void
check_repeated (ValidateRun *run)
{
  const BpDocument *doc = run->doc;
  g_autoptr (GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, NULL);
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (Stated));
  for (guint i = 0; i < doc->claims->len; i++)
    {
      const BpClaim *c = doc->claims->pdata[i];
      if (!repeated_candidate (doc, c, scratch))
        continue;
      char *key = g_strdup (norm_name (c->subject));
      const BpClaim *prev = g_hash_table_lookup (first, key);
      if (!prev)
        {
          g_hash_table_insert (first, key, (gpointer) c);
          continue;
        }
      g_free (key);
      if (same_figure_rule (run))
        {
          if (prev->amount != c->amount && prev->unit == c->unit
              && claim_tolerance (prev) == claim_tolerance (c)
              && ABS (prev->amount - c->amount) <= 2 * claim_tolerance (c)
              && !approximate (prev) && !approximate (c))
            report_same_figure (run, c, prev->amount, prev->line, NULL, "text");
          continue;
        }
      if (ABS (prev->amount - c->amount) <= claim_tolerance (prev) + claim_tolerance (c))
        continue;
      /* When the tables state it, narrative.amount tells which is wrong. */
      const char *what;
      g_autoptr (GArray) stated = stated_values (doc, c, &what);
      if (stated->len)
        continue;
      g_autofree char *a = validate_format_money (prev->amount, prev->unit);
      g_autofree char *b = validate_format_money (c->amount, c->unit);
      char e[BP_AMOUNT_BUFSZ], x[BP_AMOUNT_BUFSZ];
      BpFinding *f = validate_report (run, BP_SEVERITY_WARNING, c->line, NULL,
                                      "%s is %s here but %s on line %d",
                                      c->subject, b, a, prev->line);
      bp_finding_set_values (f, bp_amount_format_buf (prev->amount, e),
                             bp_amount_format_buf (c->amount, x));
    }
}

/* ---- narrative.row_text: a form row's explanation vs its figures --------- */

/* The total an explanation cell ends on: "…共计28.98万元。", "2024年申请费用
 * 8.28万元，用于…". Only the last 万元 figure of the cell, so that a part
 * ("其中…5万元") listed before the total is not taken for it. */
#define ROW_TOTAL "(?:共计|合计|总计|总额|申请(?:费用|资金|经费)?)(?:为|约)?([0-9][0-9,]*(?:\\.[0-9]+)?)万元(?!.*万元)"

static gboolean
cell_total (const char *cell, char **printed)
{
  GRegex *re = bp_regex ("(?s)" ROW_TOTAL);
  GMatchInfo *mi = NULL;
  gboolean found = g_regex_match (re, cell, 0, &mi);
  *printed = found ? g_match_info_fetch (mi, 1) : NULL;
  g_match_info_free (mi);
  return found;
}

/* TRUE when FIGURE (a printed cell) is the amount TOTAL 万元 stands for,
 * whether the form prints 万元 or 元. */
static gboolean
same_amount (const char *figure, const char *total)
{
  bp_fen t, a, b;
  if (bp_amount_parse (total, BP_UNIT_WANYUAN, &t) != BP_AMOUNT_OK)
    return TRUE;
  bp_fen tol = printed_tolerance (total) + printed_tolerance (figure);
  return (bp_amount_parse (figure, BP_UNIT_WANYUAN, &a) == BP_AMOUNT_OK
          && ABS (a - t) <= tol)
         || (bp_amount_parse (figure, BP_UNIT_YUAN, &b) == BP_AMOUNT_OK
             && ABS (b - t) <= tol);
}

/* CELL without a 万元 at its end (or before a final newline, as the
 * pattern 万元$ read it): a plain suffix test, not a regex per cell. */
static char *
without_wanyuan (const char *cell)
{
  static const char unit[] = "万元";
  gsize n = strlen (cell), u = sizeof unit - 1;
  gsize end = n > 0 && cell[n - 1] == '\n' ? n - 1 : n;
  if (end < u || memcmp (cell + end - u, unit, u) != 0)
    return g_strdup (cell);
  char *out = g_malloc (n - u + 1);
  memcpy (out, cell, end - u);
  memcpy (out + end - u, cell + end, n - end + 1);
  return out;
}

/* TRUE when a cell of R may state a total (cell_total needs 万元 in a
 * cell of 15 characters or more): most rows have none, and their figures
 * need not be gathered. */
static gboolean
row_may_state_total (const BpRow *r)
{
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *cell = bp_row_cell (r, c);
      if (strstr (cell, "万元") && g_utf8_strlen (cell, -1) >= 15)
        return TRUE;
    }
  return FALSE;
}

static void
check_row_text (ValidateRun *run, const BpTable *t, const BpRow *r)
{
  if (!row_may_state_total (r))
    return;
  GPtrArray *figures = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < r->cells->len; c++)
    {
      /* "35" or "35万元": a form may print the unit in the cell. */
      g_autofree char *bare = without_wanyuan (bp_row_cell (r, c));
      if (bp_amount_looks_like (bare))
        g_ptr_array_add (figures, g_steal_pointer (&bare));
    }
  for (guint c = 0; c < r->cells->len && figures->len; c++)
    {
      const char *cell = bp_row_cell (r, c);
      g_autofree char *total = NULL;
      if (g_utf8_strlen (cell, -1) < 15 || !cell_total (cell, &total))
        continue;
      gboolean agrees = FALSE;
      for (guint k = 0; k < figures->len && !agrees; k++)
        agrees = same_amount (figures->pdata[k], total);
      if (!agrees)
        {
          int lc = bp_row_label_column (r);
          BpFinding *f = validate_report (
              run, BP_SEVERITY_ERROR, r->line, t->id,
              "%s: the explanation totals %s万元, the row's figures say %s",
              lc >= 0 ? bp_row_cell (r, lc) : "row", total,
              (const char *) figures->pdata[0]);
          bp_finding_set_values (f, figures->pdata[0], total);
          break;
        }
    }
  g_ptr_array_free (figures, TRUE);
}

static void
check_row_texts (ValidateRun *run)
{
  /* a row states a total in a cell holding 万元: the rows of those cells */
  g_autoptr (GArray) cells = wanyuan_cells (run->doc);
  const BpRow *last = NULL;
  for (guint i = 0; i < cells->len; i++)
    {
      const WanyuanCell *w = &g_array_index (cells, WanyuanCell, i);
      if (w->row != last)
        check_row_text (run, w->table, w->row);
      last = w->row;
    }
}

/* ---- narrative.sme_share: 政府采购 shares of small and medium firms ------- */

/* The national 决算 template: "政府采购支出总额 T 万元，其中：货物 G、工程 W、
 * 服务 S。授予中小企业合同金额 M 万元…；货物采购授予中小企业合同金额占货物
 * 支出金额的 a%，…服务…的 c%". The firms' share of each kind, times that
 * kind's spending, adds up to M: a·G + b·W + c·S = M. */
#define SME_KINDS(before, after) { before "货物" after, before "工程" after, before "服务" after, NULL }
static const char *const sme_kinds[] = SME_KINDS ("", "");
/* Each kind's share base and amount subject: whole literal patterns, so
 * that each hits the regex cache by address instead of being built and
 * hashed again for every share claim. */
static const char *const sme_share_bases[] = SME_KINDS ("^", "(?:采购)?支出(?:金额)?$");
static const char *const sme_amount_subjects[] = SME_KINDS ("政府采购", "(?:类)?支出$");

typedef struct {
  const BpClaim *share[3], *amount[3], *total;
} SmeGroup;

static const BpClaim *
sme_find_amount (const BpDocument *doc, guint from, const char *pattern)
{
  const BpClaim *last = doc->claims->pdata[from];
  for (guint j = from + 1; j-- > 0 && from - j <= 16;)
    {
      const BpClaim *c = doc->claims->pdata[j];
      const char *subject = norm_name (c->subject);
      if (c->line < last->line - 16)
        break;
      if (claim_money (c) && matches (pattern, subject))
        return c;
    }
  return NULL;
}

static void
check_sme_group (ValidateRun *run, const SmeGroup *g)
{
  /* Σ (amount ± t)(share ± u) in fen × hundredths of a percent. */
  gint64 lo = 0, hi = 0;
  guint n = 0;
  for (int k = 0; k < 3; k++)
    {
      if (!g->share[k])
        continue;
      if (!g->amount[k])
        return;
      int dec = percent_decimals (run->doc, g->share[k], g->share[k]->percent);
      gint64 u = dec >= 2 ? 1 : dec == 1 ? 10 : 100;
      gint64 a = g->amount[k]->amount, t = claim_tolerance (g->amount[k]);
      gint64 p = g->share[k]->percent;
      lo += MAX (a - t, 0) * MAX (p - u, 0);
      hi += (a + t) * MIN (p + u, 10000);
      n++;
    }
  if (!n)
    return;
  gint64 m = g->total->amount, tm = claim_tolerance (g->total);
  if ((m + tm) * 10000 >= lo && (m - tm) * 10000 <= hi)
    return;
  g_autofree char *total = validate_format_money (m, g->total->unit);
  for (int k = 0; k < 3; k++)
    if (g->share[k])
      {
        g_autofree char *part = validate_format_money (g->amount[k]->amount,
                                                       g->amount[k]->unit);
        g_autofree char *share = validate_format_percent (g->share[k]->percent, TRUE);
        validate_report (run, BP_SEVERITY_ERROR, g->share[k]->line, NULL,
                         "%s采购: %s of %s to small and "
                         "medium firms; with the other kinds' shares that does "
                         "not make the %s they were awarded (line %d)",
                         sme_kinds[k], share, part, total, g->total->line);
      }
}

static void
check_sme_shares (ValidateRun *run)
{
  const BpDocument *doc = run->doc;
  SmeGroup g = { { NULL } };
  for (guint i = 0; i < doc->claims->len; i++)
    {
      const BpClaim *c = doc->claims->pdata[i];
      const char *base = norm_name (c->base);
      if (c->kind != BP_CLAIM_SHARE || !c->has_percent)
        continue;
      for (int k = 0; sme_kinds[k]; k++)
        {
          if (!matches (sme_share_bases[k], base))
            continue;
          const BpClaim *total = sme_find_amount (doc, i, "授予中小企业合同金额$");
          const char *kind = sme_amount_subjects[k];
          if (!total)
            continue;
          if (g.total && g.total != total)
            {
              check_sme_group (run, &g);
              memset (&g, 0, sizeof g);
            }
          g.total = total;
          g.share[k] = c;
          g.amount[k] = sme_find_amount (doc, i, kind);
        }
    }
  if (g.total)
    check_sme_group (run, &g);
}

const ValidateRule validate_narrative_rules[] = {
  { "narrative.amount", "narrative",
    "A narrative amount differs from the table value of the same quantity",
    check_amounts },
  { "narrative.share", "narrative",
    "A printed share differs from part / whole stated in the same passage",
    check_shares },
  { "narrative.repeated", "narrative",
    "One quantity is stated twice with two different values", check_repeated },
  { "narrative.same_figure", "narrative",
    "One value printed twice to the same digit differs", check_same_figures },
  { "narrative.row_text", "narrative",
    "A form row's explanation states a total its figures do not",
    check_row_texts },
  { "narrative.sme_share", "narrative",
    "Small-firm shares of each kind of procurement do not add up to their total",
    check_sme_shares },
  { "narrative.change_rate", "narrative",
    "A printed rate of change differs from change / base", check_rates },
  { "narrative.zero_base", "narrative",
    "A rate of change is printed for a base of zero", check_rates },
  { "narrative.change_base", "narrative",
    "A printed change amount differs from this year minus the base year",
    check_change_amounts },
  { "narrative.direction", "narrative",
    "增加/减少 contradicts the two amounts the sentence states",
    check_directions },
  { "narrative.list_sum", "narrative",
    "The amounts listed after 其中/包括 add up to more than their whole "
    "(or, for a 合计, to less)", validate_check_list_sums },
  { NULL, NULL, NULL, NULL }
};
