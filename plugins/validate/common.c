/* validate: reporting findings the same way for every rule. */
#include "validate-private.h"

#include <stdarg.h>
#include <string.h>

const ValidateRule *const validate_catalogue[] = {
  validate_arithmetic_rules, validate_subtotal_rules,
  validate_cross_table_rules,
  validate_narrative_rules, validate_narrative_check_rules,
  validate_classification_rules,
  validate_completeness_rules, validate_metadata_rules, NULL };

BpFinding *
validate_report (ValidateRun *run, BpSeverity sev, int line,
                 const char *table, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  /* the message in the user's language (po/; English without one) */
  g_autofree char *msg = g_strdup_vprintf (bp_gettext (fmt), ap);
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

char *
validate_what (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *what = g_strdup_vprintf (bp_gettext (fmt), ap);
  va_end (ap);
  return what;
}

char *
validate_format_percent (gint64 hundredths, gboolean with_sign)
{
  guint64 a = hundredths < 0 ? -(guint64) hundredths : (guint64) hundredths; /* INT64_MIN too */
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02d%%", with_sign && hundredths < 0 ? "-" : "",
                          a / 100, (int) (a % 100));
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

static Tally *
tally_of (GHashTable *map, const char *key)
{
  Tally *t = g_hash_table_lookup (map, key);
  if (!t)
    {
      t = g_new0 (Tally, 1);
      t->lines = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_hash_table_insert (map, g_strdup (key), t);
    }
  return t;
}

static void
tally_add (Tally *t, int line, gboolean failed)
{
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
  if (run->tally_rule != run->rule || !g_str_equal (run->tally_table, table))
    {
      g_autofree char *key = g_strconcat (run->rule->id, "\t", table, NULL);
      run->tally_of[0] = tally_of (run->tally, table);
      run->tally_of[1] = tally_of (run->tally, key);
      run->tally_rule = run->rule;
      g_free (run->tally_table);
      run->tally_table = g_strdup (table);
    }
  tally_add (run->tally_of[0], line, failed);
  tally_add (run->tally_of[1], line, failed);
}

/* Rows of one table breaking its sums from which the table was misread
 * whatever their share: a changed figure breaks its own row's sums and its
 * parent's (the 合计 row's for a 类), at most three rows, never four. */
#define MISREAD_ROWS 4

static gboolean
mostly_fails (GHashTable *map, const char *key)
{
  const Tally *t = g_hash_table_lookup (map, key);
  if (!t)
    return FALSE;
  guint rows = g_hash_table_size (t->lines);
  return (rows >= 3 && t->fails * 3 > t->checks) || rows >= MISREAD_ROWS;
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
  validate_format_sum (expected, e);
  bp_amount_format_buf (actual, a);
  validate_format_sum (diff, d);
  /* Two whole formats, not a fragment: each is translated. */
  BpFinding *f = outside
    ? validate_report (run, beyond, line, table,
                       "%s: expected %s, printed %s (difference %s元)", what, e, a, d)
    : validate_report (run, BP_SEVERITY_INFO, line, table,
                       "%s: expected %s, printed %s (difference %s元, within rounding)",
                       what, e, a, d);
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

static gboolean
table_misread (GHashTable *map, const char *table)
{
  if (mostly_fails (map, table))
    return TRUE;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, map);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      const char *tab = strchr (key, '\t');
      if (tab && g_str_equal (tab + 1, table) && mostly_fails (map, key))
        return TRUE;
    }
  return FALSE;
}

/* What a failing rule says about the reading. */
static const char *
misread_reason (const char *rule)
{
  if (g_str_equal (rule, "columns.total") || g_str_equal (rule, "formula.columns")
      || g_str_equal (rule, "three_public.identity"))
    return bp_gettext ("its figures do not line up under the header's columns");
  if (g_str_equal (rule, "summary.sides") || g_str_equal (rule, "summary.balance"))
    return bp_gettext ("its income and expense sides were not told apart");
  return bp_gettext ("its rows do not add up to their parents (rows joined or split wrongly, "
                     "or figures in the wrong columns)");
}

static gint
str_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* "columns.total 20 of 22, sum.children 0 of 10" for TABLE; *WORST: the
 * rule failing most often; *FIRST: the first failing line. */
static char *
misread_rules (GHashTable *map, const char *table, const char **worst, int *first)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, map);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      const char *tab = strchr (key, '\t');
      if (tab && g_str_equal (tab + 1, table))
        g_ptr_array_add (keys, key);
    }
  g_ptr_array_sort (keys, str_cmp);
  GString *s = g_string_new (NULL);
  guint most = 0;
  *first = 0;
  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = keys->pdata[i];
      const Tally *t = g_hash_table_lookup (map, k);
      if (s->len)
        g_string_append (s, ", ");
      g_string_append_printf (s, bp_gettext ("%.*s %u of %u"),
                              (int) (strchr (k, '\t') - k), k, t->fails, t->checks);
      if (t->fails > most)
        {
          most = t->fails;
          *worst = k;
        }
      GHashTableIter li;
      gpointer line;
      g_hash_table_iter_init (&li, t->lines);
      while (g_hash_table_iter_next (&li, &line, NULL))
        if (*first == 0 || GPOINTER_TO_INT (line) < *first)
          *first = GPOINTER_TO_INT (line);
    }
  return g_string_free (s, FALSE);
}

/* Why the tables stage could not place the figures of the table with id
 * TABLE (tables.<id>.unreadable), or NULL. */
static const char *
marked_unreadable (const BpDocument *doc, const char *table)
{
  g_autofree char *key = g_strconcat ("tables.", table, ".unreadable", NULL);
  return bp_document_get_meta (doc, key);
}

/* Why the sum finding F checks cannot be trusted, or NULL: the tables
 * stage found a child of its row printed apart (a code no row could take,
 * a coded row without figures: tables.<id>.rows_apart says why, and
 * tables.<id>.rows_apart.sums lists the rows whose sums lack a child). */
static const char *
rows_apart (const BpDocument *doc, const BpFinding *f)
{
  g_autofree char *key = g_strconcat ("tables.", f->table, ".rows_apart", NULL);
  g_autofree char *sums_key = g_strconcat (key, ".sums", NULL);
  const char *sums = bp_document_get_meta (doc, sums_key);
  const BpTable *t = bp_document_find_table_by_id (doc, f->table);
  if (!sums || !t)
    return NULL;
  if (strstr (sums, " * "))   /* codes apart: every sum of the table */
    return bp_document_get_meta (doc, key);
  /* the rows whose sums the finding checks: those on its line */
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      const char *code = bp_row_code (r);
      int label = bp_row_label_column (r);
      const char *name = label >= 0 ? bp_row_cell (r, label) : NULL;
      g_autofree char *item = g_strdup_printf (" %s ", code ? code
                                               : g_strcmp0 (name, "合计") == 0 ? "合计" : "-");
      if (r->line == f->line && strstr (sums, item))
        return bp_document_get_meta (doc, key);
    }
  return NULL;
}

const char *
validate_table_unreadable (const BpDocument *doc, const BpTable *t)
{
  return marked_unreadable (doc, t->id);
}

/* T's rows were read with children printed apart (rows_apart): the sums
 * those rows take part in will be kept as info, whether a figure is
 * misprinted or the rows misread. When some of them fail, one warning
 * says the table is not read with confidence, with how many fail (a
 * misprinted figure is not hidden in silence). */
static void
report_sums_apart (ValidateRun *run, const BpTable *t)
{
  guint fails = 0;
  int first = 0;
  const char *why = NULL;
  for (guint i = 0; i < run->doc->findings->len; i++)
    {
      const BpFinding *f = run->doc->findings->pdata[i];
      if (f->severity == BP_SEVERITY_INFO || g_strcmp0 (f->table, t->id)
          || g_strcmp0 (f->category, "arithmetic") || !(why = rows_apart (run->doc, f)))
        continue;
      if (!fails++ || f->line < first)
        first = f->line;
    }
  g_autofree char *key = g_strconcat ("tables.", t->id, ".rows_apart", NULL);
  if (fails)
    validate_report (run, BP_SEVERITY_WARNING, t->line, t->id,
                     "%s (%s, line %d) could not be read with confidence: %s, and %u of "
                     "the sums of those rows fail (from line %d): a figure may be "
                     "misprinted, or the rows misread; those findings are kept as info",
                     t->id, t->title ? t->title : t->type, t->line,
                     bp_document_get_meta (run->doc, key), fails, first);
}

void
validate_check_unreadable (ValidateRun *run)
{
  for (guint i = 0; i < run->doc->tables->len; i++)
    {
      const BpTable *t = run->doc->tables->pdata[i];
      const char *why = validate_table_unreadable (run->doc, t);
      if (why)
        {
          validate_report (run, BP_SEVERITY_WARNING, t->line, t->id,
                           "%s (%s, line %d) could not be read with confidence: %s; "
                           "its arithmetic is not checked and no fields are taken from it",
                           t->id, t->title ? t->title : t->type, t->line, why);
          continue;
        }
      const Tally *all = g_hash_table_lookup (run->tally, t->id);
      if (!all || !table_misread (run->tally, t->id))
        {
          report_sums_apart (run, t);
          continue;
        }
      const char *worst = NULL;
      int first = 0;
      g_autofree char *rules = misread_rules (run->tally, t->id, &worst, &first);
      g_autofree char *rule = worst ? g_strndup (worst, strchr (worst, '\t') - worst)
                                    : g_strdup ("");
      validate_report (run, BP_SEVERITY_WARNING, t->line, t->id,
                       "%s (%s, line %d) could not be read with confidence: "
                       "%u of its %u arithmetic checks fail, on %u rows from line %d "
                       "(%s); %s. Those findings are kept as info",
                       t->id, t->title ? t->title : t->type, t->line, all->fails,
                       all->checks, g_hash_table_size (all->lines), first, rules,
                       misread_reason (rule));
    }
}

void
validate_downgrade_misread (ValidateRun *run)
{
  for (guint i = 0; i < run->doc->findings->len; i++)
    {
      BpFinding *f = run->doc->findings->pdata[i];
      if (!f->table || f->severity == BP_SEVERITY_INFO
          || g_strcmp0 (f->category, "arithmetic")
          || g_str_equal (f->rule, "table.unreadable"))
        continue;
      g_autofree char *key = g_strconcat (f->rule, "\t", f->table, NULL);
      const char *apart = rows_apart (run->doc, f);
      if (!mostly_fails (run->tally, f->table) && !mostly_fails (run->tally, key)
          && !marked_unreadable (run->doc, f->table) && !apart)
        continue;
      f->severity = BP_SEVERITY_INFO;
      char *msg = apart && !marked_unreadable (run->doc, f->table)
          ? validate_what ("%s (not reported as an error: in %s, %s)", f->message, f->table, apart)
          : marked_unreadable (run->doc, f->table)
          ? validate_what ("%s (not reported as an error: the figures of %s "
                           "could not be placed under its columns)",
                           f->message, f->table)
          : validate_what ("%s (not reported as an error: most %s checks "
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
  const char *head = validate_column_label_peek (t, c);
  return strstr (head, "行次") || strstr (head, "栏次") || strstr (head, "编码")
         || strstr (head, "代码");
}

/* validate_memo_peek's keys are mostly a claim's or a cell's own text,
 * asked again and again: a slot by the key's address holds the cache's
 * copy of the key and its value, so that a strcmp replaces hashing the
 * whole text (g_str_hash was 5 % of the stage). The copy is compared: a
 * freed text's address may be reused for another. */
#define MEMO_SLOTS 1024
#define RECENT_SLOTS 1024
typedef struct {
  const char *address;   /* the key as asked */
  const char *key;       /* the cache's copy of it */
  const char *value;
  ValidateCacheKind kind;
} MemoSlot;

/* Measurements of each table, per validation run: the rules ask for a
 * table's tolerance or amount columns once per figure they compare. Kept
 * per thread (a run never leaves its thread) from the start of a run to its
 * end; outside a run nothing is cached. */
typedef struct {
  GHashTable *by_kind[VALIDATE_CACHE_N];
  /* Keys found or added lately, by address and kind, and their values:
   * the sum rules ask for a row's cells over and over, row after row, and
   * a table's facts between them; a hash lookup per cell was 4 % of the
   * stage. Every slot mirrors an entry of by_kind (nothing is removed
   * before the run ends; an insert rewrites its key's slot). */
  struct { gconstpointer key; gpointer value; ValidateCacheKind kind; } recent[RECENT_SLOTS];
  MemoSlot memo_slots[MEMO_SLOTS];
} RunCache;

static void
doc_facts_free (gpointer p)
{
  ValidateDocFacts *f = p;
  g_byte_array_unref (f->table_lines);
  if (f->narrative)
    g_byte_array_unref (f->narrative);
  if (f->narrative_mask)
    g_byte_array_unref (f->narrative_mask);
  for (guint w = 0; w < G_N_ELEMENTS (f->word_lines); w++)
    if (f->word_lines[w])
      g_array_unref (f->word_lines[w]);
  g_free (f);
}

static void
run_cache_free (gpointer p)
{
  RunCache *c = p;
  for (guint i = 0; c && i < VALIDATE_CACHE_N; i++)
    g_hash_table_unref (c->by_kind[i]);
  g_free (c);
}

/* The running validation's cache on this thread, NULL outside a run: a
 * plain thread-local pointer, as rules ask for it for every cell they read
 * (g_private_get was 1 % of the stage). A run starts and ends on its
 * thread, and validate_cache_end frees it. */
static BP_PLUGIN_THREAD_LOCAL RunCache *run_cache;

/* A key missing from a memo is hashed once: the insert after the lookup
 * (and after computing its value) finds the lookup's hash here instead of
 * hashing the key, often a whole sentence, again. Set only around one
 * lookup or insert of a table made with validate_str_hash. */
static BP_PLUGIN_THREAD_LOCAL gconstpointer hashed_key;
static BP_PLUGIN_THREAD_LOCAL guint hashed_value;

guint
validate_str_hash (gconstpointer key)
{
  return key == hashed_key ? hashed_value : g_str_hash (key);
}

gboolean
validate_hashed_lookup (GHashTable *table, const char *key, guint hash,
                        gpointer *stored_key, gpointer *value)
{
  hashed_key = key, hashed_value = hash;
  gboolean found = g_hash_table_lookup_extended (table, key, stored_key, value);
  hashed_key = NULL;
  return found;
}

void
validate_hashed_insert (GHashTable *table, char *key, guint hash, gpointer value)
{
  hashed_key = key, hashed_value = hash;
  g_hash_table_insert (table, key, value);
  hashed_key = NULL;
}

/* The lines tables cover, as a mask by source line. */
static GByteArray *
table_line_mask (const BpDocument *doc)
{
  GByteArray *mask = g_byte_array_new ();
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = doc->tables->pdata[i];
      int first = MAX (t->line, 0), last = MAX (t->end_line, t->line);
      if (last < first)
        continue;
      if ((guint) last >= mask->len)
        {
          guint old = mask->len;
          g_byte_array_set_size (mask, last + 1);
          memset (mask->data + old, 0, mask->len - old);
        }
      memset (mask->data + first, 1, last - first + 1);
    }
  return mask;
}

ValidateDocFacts *
validate_doc_facts (const BpDocument *doc)
{
  ValidateDocFacts *f = validate_cache_lookup (VALIDATE_CACHE_DOC, doc);
  if (!f)
    {
      f = g_new0 (ValidateDocFacts, 1);
      f->table_lines = table_line_mask (doc);
      if (validate_cache (VALIDATE_CACHE_DOC))
        validate_cache_insert (VALIDATE_CACHE_DOC, (gpointer) doc, f);
    }
  return f;
}

gboolean
validate_line_in_table (const BpDocument *doc, int line)
{
  if (!validate_cache (VALIDATE_CACHE_DOC))
    return bp_document_table_at_line (doc, line) != NULL;
  const GByteArray *mask = validate_doc_facts (doc)->table_lines;
  return line >= 0 && (guint) line < mask->len && mask->data[line];
}

static const struct {
  const char *text;
  ValidateWord word;
  gsize rest; /* bytes after the first character */
} line_words[] = {
  { "起止", VALIDATE_WORD_PERIOD, 3 }, { "实施期", VALIDATE_WORD_PERIOD, 6 },
  { "项目期限", VALIDATE_WORD_PERIOD, 9 }, { "名称", VALIDATE_WORD_NAME, 3 },
  { "市", VALIDATE_WORD_CITY, 0 }, { "其中", VALIDATE_WORD_LIST, 3 },
  { "包括", VALIDATE_WORD_LIST, 3 }, { "款", VALIDATE_WORD_KUAN, 0 },
};

/* The first characters of line_words as a set keyed by their two trailing
 * bytes (4,096 bits): most characters of a line are ruled out by one test. */
typedef struct {
  guint8 bits[512];
} WordStarts;

static guint
word_start_key (const guchar *u)
{
  return ((guint) (u[1] & 0x3F) << 6) | (u[2] & 0x3F);
}

static void
word_starts_init (WordStarts *ws)
{
  memset (ws->bits, 0, sizeof ws->bits);
  for (guint k = 0; k < G_N_ELEMENTS (line_words); k++)
    {
      g_assert (strlen (line_words[k].text) == line_words[k].rest + 3);
      guint key = word_start_key ((const guchar *) line_words[k].text);
      ws->bits[key >> 3] |= (guint8) (1u << (key & 7));
    }
}

/* The words of line_words in S, a bit (1 << ValidateWord) each. Every word
 * starts with a three-byte character, whose lead byte (E0..EF) is never a
 * continuation byte (80..BF): past such a character the next two bytes
 * cannot start a word, so the scan steps over them and finds what strstr
 * finds, even in malformed text. */
static guint
words_in (const char *s, const WordStarts *ws)
{
  guint found = 0;
  gsize n = strlen (s);
  /* Four bytes at a time: while I + 3 <= N they are within S and its NUL;
   * fewer than three bytes left start no word. */
  for (gsize i = 0; i + 3 <= n;)
    {
      guint32 v;
      memcpy (&v, s + i, sizeof v);
      v = GUINT32_FROM_LE (v);
      if (!(v & 0x80808080u))
        {   /* four ASCII bytes (or three and the NUL) */
          i += 4;
          continue;
        }
      if ((v & 0xC0C0F0u) != 0x8080E0u)
        {   /* no three-byte character here */
          i++;
          continue;
        }
      guint key = ((v >> 2) & 0xFC0) | ((v >> 16) & 0x3F);   /* word_start_key */
      if (ws->bits[key >> 3] & (1u << (key & 7)))
        for (guint k = 0; k < G_N_ELEMENTS (line_words); k++)
          {
            const char *w = line_words[k].text;
            /* s[i..i+2] is a whole character: only the rest may run past S */
            if (memcmp (s + i, w, 3) == 0 && !strncmp (s + i + 3, w + 3, line_words[k].rest))
              found |= 1u << line_words[k].word;
          }
      i += 3;
    }
  return found;
}

/* For each word, the indexes of the lines of DOC holding it. */
static void
word_lines_read (const BpDocument *doc, GArray *out[VALIDATE_WORD_N])
{
  WordStarts ws;
  word_starts_init (&ws);
  for (guint w = 0; w < VALIDATE_WORD_N; w++)
    out[w] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      guint found = words_in (bp_document_line (doc, i)->text, &ws);
      for (guint w = 0; found; w++, found >>= 1)
        if (found & 1)
          g_array_append_val (out[w], i);
    }
}

GArray *
validate_word_lines (const BpDocument *doc, ValidateWord word)
{
  G_STATIC_ASSERT (VALIDATE_WORD_N == G_N_ELEMENTS (((ValidateDocFacts *) NULL)->word_lines));
  GArray *lines[VALIDATE_WORD_N];
  if (!validate_cache (VALIDATE_CACHE_DOC))
    {
      word_lines_read (doc, lines);
      for (guint w = 0; w < VALIDATE_WORD_N; w++)
        if (w != word)
          g_array_unref (lines[w]);
      return lines[word];
    }
  ValidateDocFacts *f = validate_doc_facts (doc);
  if (!f->word_lines[0])
    word_lines_read (doc, f->word_lines);
  return g_array_ref (f->word_lines[word]);
}

void
validate_cache_begin (void)
{
  RunCache *c = g_new0 (RunCache, 1);
  c->by_kind[VALIDATE_CACHE_DECIMALS] = g_hash_table_new (NULL, NULL);
  c->by_kind[VALIDATE_CACHE_COLUMNS] = g_hash_table_new_full (NULL, NULL, NULL,
                                                              (GDestroyNotify) g_array_unref);
  c->by_kind[VALIDATE_CACHE_FACTS] = g_hash_table_new_full (NULL, NULL, NULL,
                                                            validate_table_facts_free);
  for (guint k = VALIDATE_CACHE_NORM_NAME; k <= VALIDATE_CACHE_CLASS_CORE; k++)
    c->by_kind[k] = g_hash_table_new_full (validate_str_hash, g_str_equal, g_free, g_free);
  c->by_kind[VALIDATE_CACHE_STATED] = g_hash_table_new_full (validate_str_hash, g_str_equal,
                                                             g_free, validate_stated_memo_free);
  c->by_kind[VALIDATE_CACHE_DOC] = g_hash_table_new_full (NULL, NULL, NULL, doc_facts_free);
  c->by_kind[VALIDATE_CACHE_CLAIM] = g_hash_table_new_full (NULL, NULL, NULL,
                                                            validate_claim_facts_free);
  c->by_kind[VALIDATE_CACHE_CELLS] = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  c->by_kind[VALIDATE_CACHE_CONCEPT] = g_hash_table_new_full (validate_str_hash, g_str_equal,
                                                              g_free, NULL);
  c->by_kind[VALIDATE_CACHE_LINE_PLAIN] = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  c->by_kind[VALIDATE_CACHE_LABELS] = g_hash_table_new_full (NULL, NULL, NULL,
                                                             (GDestroyNotify) g_ptr_array_unref);
  for (guint k = VALIDATE_CACHE_SUMMARY_ITEMS; k <= VALIDATE_CACHE_PROJECT_ENTRIES; k++)
    c->by_kind[k] = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  c->by_kind[VALIDATE_CACHE_CODE_ROWS] = g_hash_table_new_full (NULL, NULL, NULL,
                                                                validate_code_rows_free);
  run_cache_free (run_cache);
  run_cache = c;
}

void
validate_cache_end (void)
{
  run_cache_free (run_cache);
  run_cache = NULL;
}

GHashTable *
validate_cache (ValidateCacheKind kind)
{
  return run_cache ? run_cache->by_kind[kind] : NULL;
}

static inline guint
recent_slot (ValidateCacheKind kind, gconstpointer key)
{
  guint64 h = ((guint64) (guintptr) key + kind) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return (guint) (h >> 54) % RECENT_SLOTS;
}

gpointer
validate_cache_lookup (ValidateCacheKind kind, gconstpointer key)
{
  RunCache *c = run_cache;
  if (!c)
    return NULL;
  guint i = recent_slot (kind, key);
  if (c->recent[i].key == key && c->recent[i].kind == kind && c->recent[i].value)
    return c->recent[i].value;
  gpointer value = g_hash_table_lookup (c->by_kind[kind], key);
  if (value)
    c->recent[i].key = key, c->recent[i].value = value, c->recent[i].kind = kind;
  return value;
}

void
validate_cache_insert (ValidateCacheKind kind, gpointer key, gpointer value)
{
  RunCache *c = run_cache;
  g_assert (c != NULL);
  g_hash_table_insert (c->by_kind[kind], key, value);
  guint i = recent_slot (kind, key);
  c->recent[i].key = key, c->recent[i].value = value, c->recent[i].kind = kind;
}

gpointer
validate_cache_get (ValidateCacheKind kind, gconstpointer key,
                    gpointer (*read) (gconstpointer key))
{
  gpointer value = validate_cache_lookup (kind, key);
  if (!value)
    {
      value = read (key);
      validate_cache_insert (kind, (gpointer) key, value);
    }
  return value;
}

char *
validate_memo (ValidateCacheKind kind, const char *key, char *(*fn) (const char *key))
{
  GHashTable *cache = validate_cache (kind);
  if (!cache)
    return fn (key);
  const char *value = g_hash_table_lookup (cache, key);
  if (!value)
    {
      char *computed = fn (key);
      g_hash_table_insert (cache, g_strdup (key), computed);
      value = computed;
    }
  return g_strdup (value);
}

const char *
validate_memo_peek (ValidateCacheKind kind, const char *key,
                    char *(*fn) (const char *key))
{
  /* Outside a run (unit tests calling a helper): kept for the thread. */
  static GPrivate outside = G_PRIVATE_INIT (run_cache_free);
  GHashTable *cache = validate_cache (kind);
  if (!cache)
    {
      RunCache *c = g_private_get (&outside);
      if (!c)
        {
          c = g_new0 (RunCache, 1);
          for (guint k = 0; k < VALIDATE_CACHE_N; k++)
            c->by_kind[k] = g_hash_table_new_full (validate_str_hash, g_str_equal, g_free, g_free);
          g_private_set (&outside, c);
        }
      cache = c->by_kind[kind];
    }
  MemoSlot *slot = NULL;
  if (run_cache && cache == run_cache->by_kind[kind])
    {
      guint64 h = (guint64) (guintptr) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      slot = &run_cache->memo_slots[(h >> 54) % MEMO_SLOTS];
      if (slot->address == key && slot->kind == kind && slot->key && strcmp (slot->key, key) == 0)
        return slot->value;
    }
  gpointer stored_key = NULL, stored_value = NULL;
  guint hash = g_str_hash (key);
  if (!validate_hashed_lookup (cache, key, hash, &stored_key, &stored_value))
    {
      stored_value = fn (key);   /* may ask the memo again */
      stored_key = g_strdup (key);
      validate_hashed_insert (cache, stored_key, hash, stored_value);
    }
  if (slot)
    *slot = (MemoSlot) { key, stored_key, stored_value, kind };
  return stored_value;
}

static int table_decimals (const BpTable *t);

bp_fen
validate_table_tolerance (const BpDocument *doc, const BpTable *t, guint n_terms)
{
  BpUnit unit = validate_table_unit (doc, t);
  gpointer hit = validate_cache_lookup (VALIDATE_CACHE_DECIMALS, t);
  int decimals = hit ? GPOINTER_TO_INT (hit) - 1 : table_decimals (t);
  if (!hit && validate_cache (VALIDATE_CACHE_DECIMALS))
    validate_cache_insert (VALIDATE_CACHE_DECIMALS, (gpointer) t, GINT_TO_POINTER (decimals + 1));
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
  /* per column: 0 not yet asked, 1 figures, 2 行次/栏次/codes */
  g_autoptr (GByteArray) numbers = g_byte_array_new ();
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      const char *code = bp_row_code (r);
      if (r->cells->len > numbers->len)
        {
          guint old = numbers->len;
          g_byte_array_set_size (numbers, r->cells->len);
          memset (numbers->data + old, 0, numbers->len - old);
        }
      for (guint c = 0; c < r->cells->len; c++)
        {
          const char *cell = bp_row_cell (r, c);
          /* a 行次/栏次/code column counts nothing: its cells need no test */
          if (numbers->data[c] == 2 || code == cell || !bp_amount_looks_like (cell))
            continue;
          if (!numbers->data[c])
            numbers->data[c] = is_number_column (t, c) ? 2 : 1;
          if (numbers->data[c] == 1)
            seen[MIN (validate_decimals (cell), 2)]++;
        }
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
