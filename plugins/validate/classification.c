/* validate: classification rules: codes against the national catalogue
 * (data/, see data/SOURCES.md) and against each other. */
#include "validate-private.h"

#include <string.h>

/* A coded row of any coded table: 24 bytes, one per row of every coded
 * table for the whole validate stage (issue 18: 40 bytes and a name copy
 * each were some 2.6 MB of a 40,000-row table's peak). Its code is the
 * row's first cell (bp_row_code). */
typedef struct {
  const BpRow *row;
  const char *name;      /* normalized: the printed cell itself when that is the same */
  guint32 table;         /* index in doc->tables: coded_row_table */
  guint16 label;         /* the printed name's column: coded_printed */
  guint16 name_owned;    /* NAME is a copy, not the cell */
} CodedRow;

static inline const char *
coded_code (const CodedRow *r)
{
  return g_ptr_array_index (r->row->cells, 0);
}

static inline const char *
coded_printed (const CodedRow *r)
{
  return g_ptr_array_index (r->row->cells, r->label);
}

static const char *
coded_row_table (const BpDocument *doc, const CodedRow *r)
{
  return ((const BpTable *) doc->tables->pdata[r->table])->id;
}

static void
coded_row_clear (gpointer p)
{
  CodedRow *r = p;
  if (r->name_owned)
    g_free ((char *) r->name);
}

/* The rows of coded tables, an upper bound of coded_rows_read's: the array
 * is made once at that size rather than grown by doubling. */
static guint
coded_rows_bound (const BpDocument *doc)
{
  guint n = 0;
  for (guint ti = 0; ti < doc->tables->len; ti++)
    {
      const BpTable *t = doc->tables->pdata[ti];
      if (validate_table_is_coded (t))
        n += t->rows->len;
    }
  return n;
}

static gpointer
coded_rows_read (gconstpointer key)
{
  const BpDocument *doc = key;
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (CodedRow), coded_rows_bound (doc));
  g_array_set_clear_func (rows, coded_row_clear);
  for (guint ti = 0; ti < doc->tables->len; ti++)
    {
      const BpTable *t = doc->tables->pdata[ti];
      if (!validate_table_is_coded (t))
        continue;
      for (guint i = 0; i < t->rows->len; i++)
        {
          const BpRow *r = t->rows->pdata[i];
          int lc = bp_row_label_column (r);
          /* "301 | 01 基本工资": the code split over 类/款 columns, the
           * label still carrying the 款 digits; the row's code is unknown. */
          if (!validate_row_class_code (r) || lc < 0 || lc > G_MAXUINT16
              || g_ascii_isdigit (*bp_row_cell (r, lc)))
            continue;
          const char *printed = bp_row_cell (r, lc);
          char *changed = validate_normalize_name_if_changed (printed);
          CodedRow cr = { r, changed ? changed : printed, ti, (guint16) lc, changed != NULL };
          g_array_append_val (rows, cr);
        }
    }
  return rows;
}

/* coded_rows_read once per document and run (four rules read them); unref
 * it when done, do not change it. */
static GArray *
coded_rows (const BpDocument *doc)
{
  return g_array_ref (validate_cache_get (VALIDATE_CACHE_CODED_ROWS, doc, coded_rows_read));
}

/* Branches the catalogue lists completely (data/SOURCES.md "Completeness"):
 * a code missing there is suspect; elsewhere it is merely unconfirmed. */
static gboolean
catalogue_complete_for (const char *code)
{
  static const char *const full_items[] = { "201", "208", "210", "221", NULL };
  static const char *const full_sections[] = {
    "201", "205", "206", "208", "210", "212", "215", "216", "217", "221",
    "222", "223", NULL };
  char cls[4] = { code[0], code[1], code[2], 0 };
  gsize len = strlen (code);
  if (code[0] == '3' || code[0] == '5' || len == 3)
    return TRUE;   /* economic lists and the 类 are complete */
  return g_strv_contains (len == 5 ? full_sections : full_items, cls);
}

static void
check_code_known (ValidateRun *run)
{
  if (!validate_catalogue_loaded ())
    return;
  g_autoptr (GArray) rows = coded_rows (run->doc);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      const CodedRow *r = &g_array_index (rows, CodedRow, i);
      const char *code = coded_code (r);
      if (validate_catalogue_lookup (code) || !g_hash_table_add (seen, (gpointer) code))
        continue;
      /* The catalogue is the 2024 edition: a later document may use codes
       * created since. */
      BpSeverity sev = catalogue_complete_for (coded_code (r)) && run->doc->year
                       && run->doc->year <= 2024 ? BP_SEVERITY_WARNING
                                                 : BP_SEVERITY_INFO;
      BpFinding *f = validate_report (run, sev, r->row->line,
                                      coded_row_table (run->doc, r),
                                      "code %s (%s) is not in the national catalogue",
                                      coded_code (r), coded_printed (r));
      bp_finding_set_values (f, NULL, coded_code (r));
    }
}

/* TRUE when the printed name is the catalogue's or its former one. */
static gboolean
name_matches (const CatalogueEntry *e, const char *name)
{
  return g_str_equal (e->name_normal, name)
         || (e->former_normal && g_str_equal (e->former_normal, name));
}

static void
check_name_catalogue (ValidateRun *run)
{
  g_autoptr (GArray) rows = coded_rows (run->doc);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const CodedRow *r = &g_array_index (rows, CodedRow, i);
      const CatalogueEntry *e = validate_catalogue_lookup (coded_code (r));
      if (!e || !*r->name || name_matches (e, r->name)
          || !g_hash_table_add (seen, g_strconcat (coded_code (r), "\t", r->name, NULL)))
        continue;
      const char *official = e->name_normal;
      /* A name cut short may be the author's or a wrapped cell's; an M row's
       * wording is not certain (data/SOURCES.md). In a PDF-layout table,
       * wrapped name cells interleave, so only a clean tab-separated row
       * says what the author printed. */
      gboolean cut = g_str_has_prefix (official, r->name);
      const char *src = bp_document_source_line (run->doc, r->row->line);
      BpSeverity sev = e->confidence == 'H' && !cut ? BP_SEVERITY_ERROR
                                                     : BP_SEVERITY_WARNING;
      if (!src || !strchr (src, '\t'))
        sev = BP_SEVERITY_INFO;
      BpFinding *f = validate_report (run, sev, r->row->line, coded_row_table (run->doc, r),
                                      "code %s is named “%s”, the national catalogue "
                                      "calls it “%s”%s", coded_code (r), coded_printed (r),
                                      e->name,
                                      cut ? bp_gettext (" (name cut short)") : "");
      bp_finding_set_values (f, e->name, coded_printed (r));
    }
}

/* The same code under two names in one document, when the catalogue cannot
 * say which is right (name.catalogue reports the others). */
static void
check_name_tables (ValidateRun *run)
{
  g_autoptr (GArray) rows = coded_rows (run->doc);
  g_autoptr (GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const CodedRow *r = &g_array_index (rows, CodedRow, i);
      const CodedRow *f = g_hash_table_lookup (first, coded_code (r));
      if (!*r->name)
        continue;
      if (!f)
        {
          g_hash_table_insert (first, (gpointer) coded_code (r), (gpointer) r);
          continue;
        }
      if (g_str_equal (f->name, r->name) || validate_catalogue_lookup (coded_code (r))
          || !g_hash_table_add (seen, g_strconcat (coded_code (r), "\t", r->name, NULL)))
        continue;
      BpFinding *fd = validate_report (run, BP_SEVERITY_WARNING, r->row->line,
                                       coded_row_table (run->doc, r),
                                       "code %s is named “%s” here and “%s” in %s "
                                       "(line %d)", coded_code (r), coded_printed (r),
                                       coded_printed (f),
                                       coded_row_table (run->doc, f), f->row->line);
      bp_finding_set_values (fd, coded_printed (f), coded_printed (r));
    }
}

/* ---- name.narrative: a class path the text names against the tables ---- */

/* NAME (normalized) without a final 支出: name_stem of the printed name. */
static char *
stem_of_normal (const char *name)
{
  gsize len = strlen (name);
  if (g_str_has_suffix (name, "支出") && len > strlen ("支出"))
    len -= strlen ("支出");
  return g_strndup (name, len);
}

/* "一般公共服务支出" and "一般公共服务" name the same 类. */
static char *
name_stem (const char *name)
{
  g_autofree char *n = validate_normalize_name (name);
  return stem_of_normal (n);
}

/* "LEN|类|STEM" (STEM \x01 for any name) in BUF, built by hand: a
 * printf per key was most of the index's cost (issue 18). */
static const char *
coded_key (GString *buf, gsize len, const char *cls, const char *stem)
{
  char digits[24];
  gsize at = sizeof digits;
  digits[--at] = '\0';
  do
    digits[--at] = (char) ('0' + len % 10);
  while ((len /= 10) > 0);
  stem = stem ? stem : "\x01";
  gsize n_digits = sizeof digits - 1 - at, n_cls = strlen (cls), n_stem = strlen (stem);
  g_string_set_size (buf, n_digits + n_cls + n_stem + 2);   /* NUL-terminated */
  char *o = buf->str;
  memcpy (o, digits + at, n_digits);
  o += n_digits;
  *o++ = '|';
  memcpy (o, cls, n_cls);
  o += n_cls;
  *o++ = '|';
  memcpy (o, stem, n_stem);
  return buf->str;
}

/* The coded rows by code length, 类 (first three digits, or none asked)
 * and name stem (or any): the first row in document order for each, so
 * that each class path of the text is a few lookups, not a scan of every
 * row with its name normalized again (quadratic in a long document). */
static void
coded_index_add (GHashTable *first, GString *buf, gsize len, const char *cls,
                 const char *stem, const CodedRow *r)
{
  const char *key = coded_key (buf, len, cls, stem);
  if (!g_hash_table_contains (first, key))
    g_hash_table_insert (first, g_strndup (key, buf->len), (gpointer) r);
}

/* "LEN|类|STEM" (STEM \x01 for any name) -> the first such const CodedRow *.
 * Only the keys check_path asks for are made: a 类 (3 digits) by its stem
 * under no 类, a 款 (5) under its 类 by its stem or any name, a 项 (7)
 * under its 类 by its stem; four keys a row were mostly never read. */
static GHashTable *
coded_index_new (GArray *rows)
{
  GHashTable *first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) buf = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const CodedRow *r = &g_array_index (rows, CodedRow, i);
      gsize len = strlen (coded_code (r));
      if (len != 3 && len != 5 && len != 7)
        continue;
      char cls[4] = { 0 };
      /* r->name is the printed name normalized: its stem is name_stem's */
      g_autofree char *stem = stem_of_normal (r->name);
      memcpy (cls, coded_code (r), 3);
      if (len == 3)
        coded_index_add (first, buf, len, "", stem, r);
      else
        coded_index_add (first, buf, len, cls, stem, r);
      if (len == 5)
        coded_index_add (first, buf, len, cls, NULL, r);
    }
  return first;
}

/* The first coded row of CODE_LEN digits under the 类 PARENT (or any),
 * whose name has the stem STEM (or any name); NULL if none. */
static const CodedRow *
find_coded (GHashTable *coded_by_key, const char *parent, gsize code_len, const char *stem)
{
  g_autoptr (GString) buf = g_string_new (NULL);
  return g_hash_table_lookup (coded_by_key,
                              coded_key (buf, code_len, parent ? parent : "", stem));
}

/* One "X（类）Y（款）Z（项）" of the text: when the tables have the 类 and
 * the 项 but no 款 named Y, and put Z under another 款, the text names the
 * wrong 款. SEEN: the 类 and 款 already checked (a path repeated gives the
 * same answer). */
static void
check_path (ValidateRun *run, GArray *rows, GHashTable *coded_by_key, GHashTable *seen,
            int line, const char *cls, const char *sec, const char *item)
{
  g_autofree char *cs = name_stem (cls), *ss = name_stem (sec), *is = name_stem (item);
  const CodedRow *c = find_coded (coded_by_key, NULL, 3, cs);
  if (!c || find_coded (coded_by_key, coded_code (c), 5, ss)
      || !find_coded (coded_by_key, coded_code (c), 5, NULL)
      || !g_hash_table_add (seen, g_strconcat (coded_code (c), "\t", ss, NULL)))
    return;
  const CodedRow *i = find_coded (coded_by_key, coded_code (c), 7, is);
  if (!i)
    return;
  char sec_code[6] = { 0 };
  memcpy (sec_code, coded_code (i), 5);
  /* The 款 the tables put the 项 under, by a row that names it; a 款 whose
   * name no row shows (a wrapped cell) or whose catalogue name is the
   * text's says nothing against the text. */
  const CodedRow *actual = NULL;
  for (guint k = 0; k < rows->len && !actual; k++)
    {
      const CodedRow *r = &g_array_index (rows, CodedRow, k);
      if (g_str_equal (coded_code (r), sec_code) && *r->name)
        actual = r;
    }
  const CatalogueEntry *e = validate_catalogue_lookup (sec_code);
  g_autofree char *official = e ? name_stem (e->name) : NULL;
  if (!actual || (official && g_str_equal (official, ss)))
    return;
  BpFinding *f = validate_report (run, BP_SEVERITY_WARNING, line, NULL,
                                  "the text puts %s（项）under the 款 “%s”, which no "
                                  "table has; the tables list %s %s under %s %s "
                                  "(line %d)", item, sec, coded_code (i), coded_printed (i),
                                  sec_code, coded_printed (actual), i->row->line);
  bp_finding_set_values (f, coded_printed (actual), sec);
}

static GRegex *
class_path_regex (void)
{
  return bp_regex ("([^\\s、,，。:：;；“”\"0-9.()\\-—]{2,30}?)\\(类\\)[\\s\\-—]*"
                   "(\\S{2,40}?)\\(款\\)[\\s\\-—]*(\\S{2,40}?)\\(项\\)");
}

static void
check_name_narrative (ValidateRun *run)
{
  g_autoptr (GArray) rows = coded_rows (run->doc);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) coded_by_key = NULL;
  g_autoptr (GArray) kuan_lines = validate_word_lines (run->doc, VALIDATE_WORD_KUAN);
  for (guint n = 0; n < kuan_lines->len && rows->len; n++)
    {
      const BpLine *l = run->doc->lines->pdata[g_array_index (kuan_lines, guint, n)];
      /* every path holds 类 and 项, which the fold to ASCII keeps */
      if (validate_line_in_table (run->doc, l->line)
          || !strstr (l->text, "项") || !strstr (l->text, "类"))
        continue;
      g_autofree char *text = bp_text_fullwidth_to_ascii (l->text);
      /* every path holds these: most lines are answered without the regex */
      if (!strstr (text, "(项)") || !strstr (text, "(类)"))
        continue;
      GMatchInfo *mi = NULL;
      for (g_regex_match (class_path_regex (), text, 0, &mi); g_match_info_matches (mi);
           g_match_info_next (mi, NULL))
        {
          g_autofree char *cls = g_match_info_fetch (mi, 1);
          g_autofree char *sec = g_match_info_fetch (mi, 2);
          g_autofree char *item = g_match_info_fetch (mi, 3);
          if (!coded_by_key)
            coded_by_key = coded_index_new (rows);
          check_path (run, rows, coded_by_key, seen,
                      bp_document_source_line_of (run->doc, l, sec, 0), cls, sec, item);
        }
      g_match_info_free (mi);
    }
}

const ValidateRule validate_classification_rules[] = {
  { "code.known", "classification",
    "Every classification code is in the national catalogue", check_code_known },
  { "name.catalogue", "classification",
    "A code's name is the national catalogue's", check_name_catalogue },
  { "name.tables", "classification",
    "A code has one name throughout the document", check_name_tables },
  { "name.narrative", "classification",
    "A class path the text names (X（类）Y（款）Z（项）) has its 款 in the tables",
    check_name_narrative },
  { NULL, NULL, NULL, NULL }
};
