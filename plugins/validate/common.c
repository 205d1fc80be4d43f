/* validate: reporting findings the same way for every rule. */
#include "validate-private.h"

#include <stdarg.h>
#include <string.h>

const ValidateRule *const validate_catalogue[] = {
  validate_arithmetic_rules, validate_cross_table_rules,
  validate_narrative_rules, validate_narrative_check_rules,
  validate_classification_rules,
  validate_completeness_rules, validate_metadata_rules, NULL };

BpFinding *
validate_report (ValidateRun *run, BpSeverity sev, int line,
                 const char *table, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  return bp_document_add_finding (run->doc, run->rule->id,
                                  run->rule->category, sev, line, table,
                                  "%s", msg);
}

char *
validate_format_money (bp_fen fen, BpUnit unit)
{
  char buf[BP_AMOUNT_BUFSZ];
  if (unit == BP_UNIT_WANYUAN)
    {
      /* 万元 with the precision the value has: 1538.62万元, 0.5万元. */
      bp_fen whole = fen / 1000000, frac = fen % 1000000;
      if (frac < 0)
        frac = -frac;
      g_autofree char *digits = g_strdup_printf ("%06" G_GINT64_FORMAT, frac);
      int n = 6;
      while (n > 2 && digits[n - 1] == '0')
        n--;
      digits[n] = '\0';
      return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%s万元",
                              fen < 0 && whole == 0 ? "-" : "", whole, digits);
    }
  return g_strdup_printf ("%s元", bp_amount_format_buf (fen, buf));
}

/* Checks made and failed on one key, and the distinct lines that failed:
 * one changed figure breaks several checks of its row (合计 and 人员经费
 * columns, a side-by-side parent line), a misread layout breaks many rows. */
typedef struct {
  guint checks, fails;
  GHashTable *lines;
} Tally;

void
validate_tally_free (gpointer p)
{
  Tally *t = p;
  if (t->lines)
    g_hash_table_unref (t->lines);
  g_free (t);
}

static void
tally_add (GHashTable *map, const char *key, int line, gboolean failed)
{
  Tally *t = g_hash_table_lookup (map, key);
  if (!t)
    {
      t = g_new0 (Tally, 1);
      t->lines = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_hash_table_insert (map, g_strdup (key), t);
    }
  t->checks++;
  t->fails += failed;
  if (failed)
    g_hash_table_add (t->lines, GINT_TO_POINTER (line));
}

/* Per table, and per rule and table. */
static void
tally (ValidateRun *run, const char *table, int line, gboolean failed)
{
  if (!table || g_strcmp0 (run->rule->category, "arithmetic"))
    return;
  g_autofree char *key = g_strconcat (run->rule->id, "\t", table, NULL);
  tally_add (run->tally, table, line, failed);
  tally_add (run->tally, key, line, failed);
}

static gboolean
mostly_fails (GHashTable *map, const char *key)
{
  const Tally *t = g_hash_table_lookup (map, key);
  return t && g_hash_table_size (t->lines) >= 3 && t->fails * 3 > t->checks;
}

gboolean
validate_sum_within (bp_wide_fen a, bp_fen b, bp_fen tolerance)
{
  return tolerance >= 0 && bp_wide_abs (a - b) <= tolerance;
}

const char *
validate_format_sum (bp_wide_fen fen, char *buf)
{
  __extension__ unsigned __int128 m = fen < 0 ? -(unsigned __int128) fen
                                              : (unsigned __int128) fen;
  __extension__ unsigned __int128 yuan = m / 100;
  const guint64 e18 = G_GUINT64_CONSTANT (1000000000000000000);
  const char *sign = fen < 0 ? "-" : "";
  if (yuan >= e18)
    g_snprintf (buf, VALIDATE_SUM_BUFSZ, "%s%" G_GUINT64_FORMAT "%018" G_GUINT64_FORMAT ".%02u",
                sign, (guint64) (yuan / e18), (guint64) (yuan % e18), (guint) (m % 100));
  else
    g_snprintf (buf, VALIDATE_SUM_BUFSZ, "%s%" G_GUINT64_FORMAT ".%02u", sign,
                (guint64) yuan, (guint) (m % 100));
  return buf;
}

gboolean
validate_compare_money (ValidateRun *run, BpSeverity beyond, int line,
                        const char *table, bp_wide_fen expected, bp_fen actual,
                        bp_fen tolerance, const char *what)
{
  if (expected == actual)
    {
      tally (run, table, line, FALSE);
      return FALSE;
    }
  char e[VALIDATE_SUM_BUFSZ], a[BP_AMOUNT_BUFSZ], d[VALIDATE_SUM_BUFSZ];
  bp_wide_fen diff = actual - expected;
  gboolean outside = !validate_sum_within (expected, actual, tolerance);
  tally (run, table, line, outside);
  BpFinding *f = validate_report (run, outside ? beyond : BP_SEVERITY_INFO,
                                  line, table,
                                  "%s: expected %s, printed %s (difference %s元%s)",
                                  what, validate_format_sum (expected, e),
                                  bp_amount_format_buf (actual, a),
                                  validate_format_sum (diff, d),
                                  outside ? "" : ", within rounding");
  bp_finding_set_values (f, e, a);
  return outside;
}

int
validate_decimals (const char *text)
{
  const char *dot = text ? strchr (text, '.') : NULL;
  int n = 0;
  while (dot && g_ascii_isdigit (dot[1 + n]))
    n++;
  return n;
}

/* 10^-d / 2 scaled by 2 × 10^k: the half unit of the last printed digit. */
static gint64
half_unit (int decimals, int scale_decimals)
{
  gint64 h = 1;
  for (int i = decimals; i < scale_decimals; i++)
    h *= 10;
  return h;
}

gboolean
validate_share_consistent (bp_fen part, int part_decimals, bp_fen whole,
                           int whole_decimals, bp_pct100 printed,
                           int pct_decimals)
{
  if (whole <= 0 || part < 0)
    return TRUE;
  /* Work in doubled fen so that half a printed digit stays an integer:
   * a figure printed with d decimals (in 元 or 万元 alike: shares are
   * scale-free, so it was parsed as 元) stands for ±0.5 × 10^-d. */
  /* 128 bits: a figure near int64's limit times 200000 must not wrap. */
  bp_wide_fen p2 = (bp_wide_fen) part * 2, w2 = (bp_wide_fen) whole * 2;
  bp_wide_fen hp = half_unit (part_decimals, 2), hw = half_unit (whole_decimals, 2);
  /* Shares in thousandths of a percent (×2 for the half digit). */
  bp_wide_fen lo = (p2 - hp) * 200000 / (w2 + hw);
  bp_wide_fen hi = w2 - hw > 0 ? ((p2 + hp) * 200000 + (w2 - hw) - 1) / (w2 - hw)
                               : (bp_wide_fen) G_MAXINT64 * 200000;
  bp_wide_fen pr = (bp_wide_fen) printed * 20, hpr = half_unit (pct_decimals, 2) * 10;
  return pr + hpr >= lo && pr - hpr <= hi;
}

void
validate_downgrade_misread (ValidateRun *run)
{
  for (guint i = 0; i < run->doc->findings->len; i++)
    {
      BpFinding *f = run->doc->findings->pdata[i];
      if (!f->table || f->severity == BP_SEVERITY_INFO
          || g_strcmp0 (f->category, "arithmetic"))
        continue;
      g_autofree char *key = g_strconcat (f->rule, "\t", f->table, NULL);
      if (!mostly_fails (run->tally, f->table) && !mostly_fails (run->tally, key))
        continue;
      f->severity = BP_SEVERITY_INFO;
      char *msg = g_strdup_printf ("%s (not reported as an error: most %s checks "
                                   "on %s fail, its layout was probably misread)",
                                   f->message, f->rule, f->table);
      g_free (f->message);
      f->message = msg;
    }
}

/* 行次 / 栏次 / codes: numbers that are not figures. */
static gboolean
is_number_column (const BpTable *t, guint c)
{
  g_autofree char *head = validate_column_label (t, c);
  return strstr (head, "行次") || strstr (head, "栏次") || strstr (head, "编码")
         || strstr (head, "代码");
}

/* Measurements of each table, per validation run: the rules ask for a
 * table's tolerance or amount columns once per figure they compare. Kept
 * per thread (a run never leaves its thread) from the start of a run to its
 * end; outside a run nothing is cached. */
typedef struct {
  GHashTable *by_kind[VALIDATE_CACHE_N];
} RunCache;

static void
run_cache_free (gpointer p)
{
  RunCache *c = p;
  for (guint i = 0; c && i < VALIDATE_CACHE_N; i++)
    g_hash_table_unref (c->by_kind[i]);
  g_free (c);
}

static GPrivate run_cache = G_PRIVATE_INIT (run_cache_free);

void
validate_cache_begin (void)
{
  RunCache *c = g_new0 (RunCache, 1);
  c->by_kind[VALIDATE_CACHE_DECIMALS] = g_hash_table_new (NULL, NULL);
  c->by_kind[VALIDATE_CACHE_COLUMNS] = g_hash_table_new_full (NULL, NULL, NULL,
                                                              (GDestroyNotify) g_array_unref);
  c->by_kind[VALIDATE_CACHE_FACTS] = g_hash_table_new_full (NULL, NULL, NULL,
                                                            validate_table_facts_free);
  g_private_replace (&run_cache, c);
}

void
validate_cache_end (void)
{
  g_private_replace (&run_cache, NULL);
}

GHashTable *
validate_cache (ValidateCacheKind kind)
{
  RunCache *c = g_private_get (&run_cache);
  return c ? c->by_kind[kind] : NULL;
}

static int table_decimals (const BpTable *t);

bp_fen
validate_table_tolerance (const BpDocument *doc, const BpTable *t, guint n_terms)
{
  BpUnit unit = validate_table_unit (doc, t);
  GHashTable *cache = validate_cache (VALIDATE_CACHE_DECIMALS);
  gpointer hit = cache ? g_hash_table_lookup (cache, t) : NULL;
  int decimals = hit ? GPOINTER_TO_INT (hit) - 1 : table_decimals (t);
  if (cache && !hit)
    g_hash_table_insert (cache, (gpointer) t, GINT_TO_POINTER (decimals + 1));
  if (decimals >= 2)
    return bp_rounding_tolerance (unit, n_terms);
  return validate_half_digit (unit, decimals) * (bp_fen) n_terms;
}

bp_fen
validate_half_digit (BpUnit unit, int decimals)
{
  if (decimals >= 2)
    return bp_rounding_tolerance (unit, 1);
  /* 万元 5000 × 10^(2-d) fen, 元 0.5 × 10^(2-d) fen. */
  bp_fen half = unit == BP_UNIT_WANYUAN ? 5000 : 0;
  for (int d = decimals; d < 2; d++)
    half = unit == BP_UNIT_WANYUAN ? half * 10 : (half ? half * 10 : 5);
  return half;
}

/* The usual precision of the table's figures: a PDF extract may drop
 * trailing zeros of a few ("4.3", "2"), which must not widen the slack. */
static int
table_decimals (const BpTable *t)
{
  guint seen[3] = { 0 };
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      for (guint c = 0; c < r->cells->len; c++)
        if (bp_amount_looks_like (bp_row_cell (r, c)) && bp_row_code (r) != bp_row_cell (r, c)
            && !is_number_column (t, c))
          seen[MIN (validate_decimals (bp_row_cell (r, c)), 2)]++;
    }
  return seen[2] >= seen[1] && seen[2] >= seen[0] ? 2 : seen[1] >= seen[0] ? 1 : 0;
}

int
validate_cn_number (const char *s)
{
  static const char *const digits[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九" };
  int value = 0, cur = 0;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      if (strncmp (p, "十", strlen ("十")) == 0)
        {
          value += (cur ? cur : 1) * 10;
          cur = 0;
          continue;
        }
      int d = 0;
      for (int k = 0; k < 9 && !d; k++)
        if (strncmp (p, digits[k], strlen (digits[k])) == 0)
          d = k + 1;
      if (!d)
        return 0;
      cur = d;
    }
  return value + cur;
}
