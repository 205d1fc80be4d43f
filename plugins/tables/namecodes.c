/* Codes for named rows printed without them. Some templates print their
 * function-classification tables with names only (Hangzhou: indented
 * 功能分类科目名称), and plain pdftotext prints Xi'an's 类/款 codes apart
 * from their rows. Such a row's code is the national catalogue's code for
 * its name under the 类/款 above it (data/function-codes.tsv); the codes
 * are kept only where the table's own sums confirm them: the 类 add up to
 * the 合计, and a row's children are coded only when they add up to it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "tables-private.h"

typedef struct {
  char *code;
  char *key;   /* the name as name_key gives it */
  gsize key_len, key_chars;   /* KEY's bytes and characters */
} Entry;

static GPtrArray *catalogue;   /* Entry*, function codes, current and former names */
/* The catalogue's entries by code length (3, 5 or 7 digits), by code:
 * a search for the codes under a parent reads only theirs. */
static GPtrArray *catalogue_by_len[8];
/* The same by KEY: a GPtrArray of the entries of that name, by code (an
 * exact match reads only theirs, not every code of the length). */
static GHashTable *catalogue_by_key[8];

/* NAME without spaces, full-width forms made ASCII, quotes and 、 left out
 * (they vary between editions and typesetters). */
static char *
name_key (const char *name)
{
  g_autofree char *compact_own = NULL;
  const char *compact = compact_of (name ? name : "", &compact_own);
  gsize len = strlen (compact);
  if (!g_utf8_validate (compact, (gssize) len, NULL))
    {
      GString *out = g_string_new (NULL);
      for (const char *p = compact; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (c != 0x201C && c != 0x201D && c != '"' && c != 0x3001)
            g_string_append_unichar (out, c);
        }
      return g_string_free (out, FALSE);
    }
  /* Valid UTF-8 (the document's text): each kept character's bytes are
   * copied as they are, a character at a time (issue 18: no decoding). */
  char *out = g_malloc (len + 1), *o = out;
  for (const char *p = compact; *p;)
    {
      const guchar *u = (const guchar *) p;
      gsize n = (gsize) (g_utf8_next_char (p) - p);
      gboolean dropped = u[0] == '"'
                         || (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x9D))
                         || (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x81);   /* “ ” 、 */
      if (!dropped)
        {
          memcpy (o, p, n);
          o += n;
        }
      p += n;
    }
  *o = '\0';
  return out;
}

/* Rows "code<TAB>name…" of data file FILE: the expense classes'. */
static void
load_names (GPtrArray *entries, const char *file)
{
  g_autoptr (GPtrArray) rows = bp_data_rows (file, 2);
  for (guint i = 0; rows && i < rows->len; i++)
    {
      char **f = rows->pdata[i];
      if (f[0][0] != '2' || !bp_text_is_class_code (f[0]))
        continue;
      Entry *e = g_new0 (Entry, 1);
      e->code = g_strdup (f[0]);
      e->key = name_key (f[1]);
      e->key_len = strlen (e->key);
      e->key_chars = g_utf8_strlen (e->key, -1);
      g_ptr_array_add (entries, e);
    }
}

static gint
entry_code_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(const Entry *const *) a)->code, (*(const Entry *const *) b)->code);
}

static gpointer
catalogue_load (gpointer unused)
{
  (void) unused;
  /* Kept for the life of the process (the plugin stays resident). */
  GPtrArray *entries = g_ptr_array_new ();
  load_names (entries, "function-codes.tsv");
  load_names (entries, "function-codes-former-names.tsv");
  for (gsize n = 3; n <= 7; n += 2)
    {
      catalogue_by_len[n] = g_ptr_array_new ();
      for (guint i = 0; i < entries->len; i++)
        if (strlen (((Entry *) entries->pdata[i])->code) == n)
          g_ptr_array_add (catalogue_by_len[n], entries->pdata[i]);
      g_ptr_array_sort (catalogue_by_len[n], entry_code_cmp);
      catalogue_by_key[n] = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < catalogue_by_len[n]->len; i++)
        {
          Entry *e = catalogue_by_len[n]->pdata[i];
          GPtrArray *named = g_hash_table_lookup (catalogue_by_key[n], e->key);
          if (!named)
            g_hash_table_insert (catalogue_by_key[n], e->key, named = g_ptr_array_new ());
          g_ptr_array_add (named, e);
        }
    }
  catalogue = entries;
  return entries;
}

static const GPtrArray *
catalogue_get (void)
{
  static GOnce once = G_ONCE_INIT;
  g_once (&once, catalogue_load, NULL);
  return catalogue;
}

/* How KEY may match a catalogue name. */
typedef enum {
  MATCH_EXACT,
  MATCH_SUFFIX,   /* a whole name at the key's end: header words printed before it */
  MATCH_PREFIX    /* the key starts one name only: a name wrapped and cut short */
} Match;

/* TRUE when the first LEN bytes of S are CJK ideographs only (words, not
 * a code in brackets such as "[208]"). */
static gboolean
words_only (const char *s, gsize len)
{
  for (const char *p = s; p < s + len; p = g_utf8_next_char (p))
    if (!bp_text_is_cjk (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* KEY (of K bytes, K_CHARS characters) matches entry E's name HOW
 * (inexactly: MATCH_SUFFIX or MATCH_PREFIX). */
static gboolean
key_matches (const Entry *e, const char *key, gsize k, gsize k_chars, Match how)
{
  gsize n = e->key_len;
  if (how == MATCH_SUFFIX)
    return n < k && e->key_chars >= 4 && memcmp (key + k - n, e->key, n) == 0
           && words_only (key, k - n);
  return k < n && k_chars >= 6 && strncmp (e->key, key, k) == 0;
}

/* The catalogue's code of LEN digits under PARENT (a prefix, "" for a 类)
 * whose name KEY matches HOW, or NULL (also when several do). */
static const char *
code_named (const char *key, const char *parent, gsize len, Match how)
{
  catalogue_get ();
  const GPtrArray *cat = len < G_N_ELEMENTS (catalogue_by_len) ? catalogue_by_len[len] : NULL;
  if (!cat)
    return NULL;
  /* the answer does not depend on the order: one code, or none when
   * several match */
  const char *found = NULL;
  if (how == MATCH_EXACT)
    {
      const GPtrArray *named = g_hash_table_lookup (catalogue_by_key[len], key);
      for (guint i = 0; named && i < named->len; i++)
        {
          const Entry *e = named->pdata[i];
          if (!g_str_has_prefix (e->code, parent))
            continue;
          if (found && !g_str_equal (found, e->code))
            return NULL;
          found = e->code;
        }
      return found;
    }
  /* the codes under PARENT: a run of the sorted codes */
  guint lo = 0, hi = cat->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (strcmp (((const Entry *) cat->pdata[mid])->code, parent) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  gsize k = strlen (key), k_chars = g_utf8_strlen (key, -1), plen = strlen (parent);
  for (guint i = lo; i < cat->len && strncmp (((const Entry *) cat->pdata[i])->code, parent, plen) == 0; i++)
    {
      const Entry *e = cat->pdata[i];
      if (key_matches (e, key, k, k_chars, how))
        {
          if (found && !g_str_equal (found, e->code))
            return NULL;
          found = e->code;
        }
    }
  return found;
}

/* TRUE when the catalogue names CODE KEY (current or former name). */
static gboolean
code_has_name (const char *code, const char *key)
{
  const GPtrArray *cat = catalogue_get ();
  for (guint i = 0; i < cat->len; i++)
    {
      const Entry *e = cat->pdata[i];
      if (g_str_equal (e->code, code) && g_str_equal (e->key, key))
        return TRUE;
    }
  return FALSE;
}

gboolean
catalogue_names_otherwise (const char *code, const char *name)
{
  const GPtrArray *cat = catalogue_get ();
  g_autofree char *key = name_key (name);
  gboolean known = FALSE;
  for (guint i = 0; i < cat->len; i++)
    {
      const Entry *e = cat->pdata[i];
      if (!g_str_equal (e->code, code))
        continue;
      known = TRUE;
      if (g_str_equal (e->key, key))
        return FALSE;
    }
  return known;
}

/* ---- the search ------------------------------------------------------- */

#define MAX_CANDIDATES 4
#define MAX_STEPS 20000

typedef struct {
  NamedRow *rows;
  guint n;
  char **keys;
  const char **pick;   /* this attempt's code per row (NULL: none) */
  const char **best;   /* the best confirmed attempt's codes */
  gboolean *kept;      /* scratch: the rows an attempt confirms */
  int best_kept;
  guint steps;
  gint64 total;        /* the 合计 row's first figure */
  gboolean keep_printed; /* the chosen attempt: children printed with their
                          * codes keep them when their sum fails */
  const GPtrArray *apart; /* char*: codes the table printed apart from its rows, or NULL */
} Search;

static gboolean
is_item (const Search *s, guint i)
{
  const NamedRow *r = &s->rows[i];
  return !r->total && r->has_first && (*s->keys[i] || r->code);
}

/* CODE can follow LAST (codes ascend down the table) as a row of its own
 * level: a 项 under LAST's 款, a 款 under LAST's 类, or a new 类. */
static gboolean
code_fits (const char *code, const char *last)
{
  gsize n = strlen (code), m = strlen (last);
  if (strcmp (code, last) <= 0)
    return FALSE;
  if (n == 3)
    return TRUE;
  return m >= n - 2 && strncmp (code, last, n - 2) == 0;
}

static void
add_candidate (const char **cands, guint *k, const char *code, const char *last)
{
  if (!code || !code_fits (code, last) || *k >= MAX_CANDIDATES)
    return;
  for (guint i = 0; i < *k; i++)
    if (g_str_equal (cands[i], code))
      return;
  cands[(*k)++] = code;
}

/* The least function code (2xx…) the table printed apart from its rows
 * (a run of codes, plain text) that comes after LAST, or NULL: the code
 * of a row after LAST's whose name the catalogue lacks (其他成人教育支出
 * after 20504, the run "205 / 20504 / 2050499 / 20508 …"), the rows
 * keeping the codes' order. */
static const char *
code_printed_apart_after (const Search *s, const char *last)
{
  const char *best = NULL;
  for (guint i = 0; s->apart && i < s->apart->len; i++)
    {
      const char *c = s->apart->pdata[i];
      if (c[0] == '2' && strcmp (c, last) > 0 && (!best || strcmp (c, best) < 0))
        best = c;
    }
  return best;
}

/* The codes row I may take after LAST, deepest first: the printed code
 * when the catalogue gives it this name; else the name's 项 under LAST's
 * 款, its 款 under LAST's 类, or its 类; failing those, the printed code
 * where it fits (a code the catalogue lacks or names otherwise). */
static guint
candidates (const Search *s, guint i, const char *last, const char **cands)
{
  const char *key = s->keys[i], *printed = s->rows[i].code;
  gsize m = strlen (last);
  guint k = 0;
  if (printed && *key && code_has_name (printed, key))
    {
      add_candidate (cands, &k, printed, last);
      if (k > 0)
        return k;
    }
  for (Match how = MATCH_EXACT; *key && k == 0 && how <= MATCH_PREFIX; how++)
    {
      if (m >= 5)
        {
          g_autofree char *kuan = g_strndup (last, 5);
          add_candidate (cands, &k, code_named (key, kuan, 7, how), last);
        }
      if (m >= 3)
        {
          g_autofree char *lei = g_strndup (last, 3);
          add_candidate (cands, &k, code_named (key, lei, 5, how), last);
        }
      add_candidate (cands, &k, code_named (key, "", 3, how), last);
    }
  if (k == 0 && printed)
    add_candidate (cands, &k, printed, last);
  return k;
}

/* ---- confirming an attempt ------------------------------------------- */

/* One past the last row under row I's code: the next coded row that is
 * not its descendant. */
static guint
span_end (const Search *s, guint i)
{
  const char *code = s->pick[i];
  guint j = i + 1;
  while (j < s->n && !(s->pick[j] && !g_str_has_prefix (s->pick[j], code)))
    j++;
  return j;
}

/* Whether row I's children (the rows of its span one level down) add up
 * to it; KIDS: how many it has. */
static gboolean
children_sum (const Search *s, guint i, guint end, guint *kids)
{
  gsize len = strlen (s->pick[i]) + 2;
  bp_wide_fen sum = 0;
  *kids = 0;
  for (guint j = i + 1; j < end; j++)
    if (s->pick[j] && strlen (s->pick[j]) == len)
      {
        sum += s->rows[j].first;
        (*kids)++;
      }
  return *kids > 0 && ABS (sum - s->rows[i].first) <= (bp_wide_fen) *kids;
}

/* Marks row I kept and, when its children add up to it, them too (and so
 * on down). Children that do not add up are left without codes: rows the
 * catalogue does not know explain them, or a figure of theirs or of the
 * row is misprinted (杭州 表5: 公路水路运输 97,402.60 over its items'
 * 97,453.20). The row itself is confirmed by the sum it is part of.
 * In the attempt chosen (KEEP_PRINTED), a child printed with the code the
 * catalogue gives its name keeps it all the same: its code is the
 * document's, and a misprinted figure is then reported, not hidden. */
static void
keep_node (const Search *s, guint i, gboolean *kept)
{
  kept[i] = TRUE;
  if (strlen (s->pick[i]) >= 7)
    return;
  guint end = span_end (s, i), kids;
  gboolean adds_up = children_sum (s, i, end, &kids);
  if (!adds_up && !s->keep_printed)
    return;
  gsize len = strlen (s->pick[i]) + 2;
  for (guint j = i + 1; j < end; j++)
    if (s->pick[j] && strlen (s->pick[j]) == len
        && (adds_up || g_strcmp0 (s->rows[j].code, s->pick[j]) == 0))
      keep_node (s, j, kept);
}

/* How many rows this attempt confirms (marked in KEPT), or -1: the 类
 * must add up to the 合计. */
static int
confirm (const Search *s, gboolean *kept)
{
  memset (kept, 0, s->n * sizeof *kept);
  bp_wide_fen sum = 0;
  guint classes = 0;
  for (guint i = 0; i < s->n; i++)
    if (s->pick[i] && strlen (s->pick[i]) == 3)
      {
        sum += s->rows[i].first;
        classes++;
        keep_node (s, i, kept);
      }
  if (classes == 0 || ABS (sum - s->total) > (bp_wide_fen) classes)
    return -1;
  int count = 0;
  for (guint i = 0; i < s->n; i++)
    count += kept[i];
  return count;
}

static void
search_from (Search *s, guint i, const char *last)
{
  if (++s->steps > MAX_STEPS)
    return;
  if (i == s->n)
    {
      int kept = confirm (s, s->kept);
      if (kept > s->best_kept)
        {
          s->best_kept = kept;
          memcpy (s->best, s->pick, s->n * sizeof *s->pick);
        }
      return;
    }
  s->pick[i] = NULL;
  if (!is_item (s, i))
    {
      search_from (s, i + 1, last);
      return;
    }
  const char *cands[MAX_CANDIDATES];
  guint k = candidates (s, i, last, cands);
  /* a name the catalogue lacks: the next code printed apart, or none */
  gboolean unknown = k == 0;
  if (unknown && !s->rows[i].code)
    add_candidate (cands, &k, code_printed_apart_after (s, last), last);
  for (guint c = 0; c < k; c++)
    {
      s->pick[i] = cands[c];
      search_from (s, i + 1, cands[c]);
    }
  s->pick[i] = NULL;
  if (unknown)
    search_from (s, i + 1, last);
}

/* ---- entry point ------------------------------------------------------ */

/* Worth a search: the table has a 合计 and rows with a name and a figure
 * but no code, at least a quarter of its named rows. */
static gboolean
names_lack_codes (const Search *s)
{
  guint named = 0, bare = 0;
  for (guint i = 0; i < s->n; i++)
    if (is_item (s, i) && *s->keys[i])
      {
        named++;
        bare += s->rows[i].code == NULL;
      }
  return bare >= 2 && bare * 4 >= named;
}

gboolean
named_rows_codes (NamedRow *rows, guint n, const GPtrArray *apart)
{
  Search s = { .rows = rows, .n = n, .best_kept = 1, .apart = apart };
  gboolean has_total = FALSE;
  for (guint i = 0; i < n && !has_total; i++)
    if (rows[i].total && rows[i].has_first)
      {
        has_total = TRUE;
        s.total = rows[i].first;
      }
  s.keys = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    s.keys[i] = name_key (rows[i].name);
  gboolean found = FALSE;
  if (has_total && names_lack_codes (&s))
    {
      s.pick = g_new0 (const char *, n);
      s.best = g_new0 (const char *, n);
      s.kept = g_new0 (gboolean, n);
      search_from (&s, 0, "");
      found = s.best_kept > 1;
      if (found)
        {
          memcpy (s.pick, s.best, n * sizeof *s.pick);
          s.keep_printed = TRUE;
          confirm (&s, s.kept);
        }
      for (guint i = 0; found && i < n; i++)
        rows[i].assigned = s.kept[i] ? g_strdup (s.pick[i]) : NULL;
      g_free (s.pick);
      g_free (s.best);
      g_free (s.kept);
    }
  g_strfreev (s.keys);
  return found;
}

/* ---- names printed in a stream of their own --------------------------- */

/* The code of the name KEY read after the code LAST in a stream of names:
 * its 项 under LAST's 款, its 款 under LAST's 类, its 类, else the one 款
 * or 项 of the catalogue so named (its 类's name was printed later: plain
 * text moves a name to the end of its page's run). NULL when none. */
static const char *
stream_code_named (const char *key, const char *last)
{
  gsize m = strlen (last);
  for (Match how = MATCH_EXACT; how <= MATCH_PREFIX; how++)
    {
      const char *code = NULL;
      if (m >= 5)
        {
          g_autofree char *kuan = g_strndup (last, 5);
          code = code_named (key, kuan, 7, how);
        }
      if (!code && m >= 3)
        {
          g_autofree char *lei = g_strndup (last, 3);
          code = code_named (key, lei, 5, how);
        }
      if (!code)
        code = code_named (key, "", 3, how);
      if (!code && how == MATCH_EXACT)
        code = code_named (key, "", 5, how);
      if (!code && how == MATCH_EXACT)
        code = code_named (key, "", 7, how);
      if (code)
        return code;
    }
  return NULL;
}

const char *
catalogue_code_after (const char *name, const char *last)
{
  g_autofree char *key = name_key (name);
  return *key ? stream_code_named (key, last) : NULL;
}

/* A known name and the names the catalogue does not know printed right
 * after it: they move together when the codes are put in order. */
typedef struct {
  const char *code;
  guint first, n;   /* the names, in STREAM's order */
} NameBlock;

static gint
name_block_cmp (gconstpointer a, gconstpointer b)
{
  const NameBlock *x = a, *y = b;
  int c = strcmp (x->code, y->code);
  return c ? c : (x->first > y->first) - (x->first < y->first);
}

/* TRUE when CODE is in OUT already. */
static gboolean
named_code_taken (GArray *out, const char *code)
{
  for (guint i = 0; i < out->len; i++)
    if (g_str_equal (g_array_index (out, NamedCode, i).code, code))
      return TRUE;
  return FALSE;
}

/* A code for a name the catalogue does not know, right after PREV and
 * before NEXT (NULL: none): a 项 under PREV's 款 (PREV a 款 or one of its
 * 项), a 款 under PREV's 类 when PREV is a 类; the first free number in
 * between. NULL when there is none. */
static char *
provisional_code (GArray *out, const char *prev, const char *next)
{
  gsize n = strlen (prev);
  g_autofree char *parent = g_strndup (prev, n == 7 ? 5 : n);
  for (int k = n == 7 ? atoi (prev + 5) + 1 : 1; k <= 99; k++)
    {
      char *code = g_strdup_printf ("%s%02d", parent, k);
      if (next && strcmp (code, next) >= 0)
        {
          g_free (code);
          return NULL;
        }
      if (!named_code_taken (out, code))
        return code;
      g_free (code);
    }
  return NULL;
}

/* TRUE when every code but the 类 has its parent among OUT's (sorted),
 * and no code is there twice. */
static gboolean
named_codes_nest (GArray *out)
{
  for (guint i = 0; i < out->len; i++)
    {
      const char *c = g_array_index (out, NamedCode, i).code;
      gsize n = strlen (c);
      if (i > 0 && strcmp (c, g_array_index (out, NamedCode, i - 1).code) <= 0)
        return FALSE;
      if (n == 3)
        continue;
      gboolean parent = FALSE;
      for (guint j = 0; j < i && !parent; j++)
        {
          const char *p = g_array_index (out, NamedCode, j).code;
          parent = strlen (p) == n - 2 && strncmp (p, c, n - 2) == 0;
        }
      if (!parent)
        return FALSE;
    }
  return TRUE;
}

static void
named_code_clear (gpointer p)
{
  g_free (((NamedCode *) p)->code);
}

/* A name the catalogue does not know may still be a row's: words of two
 * characters or more, not among the header's. */
static gboolean
name_may_be_row (const char *name, gboolean header_like)
{
  g_autofree char *key = name_key (name);
  return !header_like && g_utf8_strlen (key, -1) >= 2 && words_only (key, strlen (key));
}

GArray *
codes_from_name_stream (GPtrArray *names, const gboolean *header_like, gboolean same_again)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (NamedCode));
  g_array_set_clear_func (out, named_code_clear);
  g_autoptr (GArray) blocks = g_array_new (FALSE, FALSE, sizeof (NameBlock));
  g_autofree const char **codes = g_new0 (const char *, names->len + 1);
  const char *last = "";
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *key = name_key (names->pdata[i]);
      codes[i] = *key ? stream_code_named (key, last) : NULL;
      /* the same name again right under it: a 项 sharing its 款's name
       * that the catalogue lacks ("其他公共安全支出" 20499 / 2049999) */
      if (codes[i] && same_again && blocks->len
          && g_str_equal (g_array_index (blocks, NameBlock, blocks->len - 1).code, codes[i])
          && g_array_index (blocks, NameBlock, blocks->len - 1).n == 1)
        codes[i] = NULL;
      if (codes[i])
        {
          NameBlock b = { codes[i], i, 1 };
          g_array_append_val (blocks, b);
          /* a parent printed after its children ("行政运行 | 交通运输支出 |
           * 一般行政管理事务") leaves the next name among them */
          if (!g_str_has_prefix (last, codes[i]))
            last = codes[i];
        }
      else if (blocks->len && name_may_be_row (names->pdata[i], header_like[i]))
        g_array_index (blocks, NameBlock, blocks->len - 1).n++;
    }
  g_array_sort (blocks, name_block_cmp);
  for (guint b = 0; b < blocks->len; b++)
    {
      const NameBlock *nb = &g_array_index (blocks, NameBlock, b);
      const char *next = b + 1 < blocks->len ? g_array_index (blocks, NameBlock, b + 1).code : NULL;
      for (guint i = nb->first, taken = 0; taken < nb->n; i++)
        {
          if (!codes[i] && !name_may_be_row (names->pdata[i], header_like[i]))
            continue;
          NamedCode nc = { g_strdup (codes[i]), names->pdata[i], i, !codes[i] };
          if (nc.provisional)
            nc.code = provisional_code (out, g_array_index (out, NamedCode, out->len - 1).code,
                                        next);
          if (!nc.code)
            {
              g_array_set_size (out, 0);
              return out;
            }
          g_array_append_val (out, nc);
          taken++;
        }
    }
  if (out->len < 2 || !named_codes_nest (out))
    g_array_set_size (out, 0);
  return out;
}

/* ---- names with their codes' digits printed apart --------------------- */

/* The digit tokens of a table with 类 | 款 | 项 columns, as counts: "201"
 * for a 类 token; "201-05" for a 款 or 项 token printed after a 201 token
 * and before the next 类's (a damaged 类 token, "?-05", may be any). Plain
 * text prints a row's 项 digits late, but at most among the next 类's
 * tokens (sh 一般公共预算支出功能分类预算表: "207 03 | 208 208 05 | 项 |
 * 08", 2070308's 08). */
typedef struct {
  GHashTable *left;   /* token → count not yet taken */
  guint unknown;      /* 类 tokens printed damaged ("?") */
  GPtrArray *later;   /* char*: the 款/项 pieces ("201-05") no token of
                       * their own 类 was left for */
} DigitTokens;

static void
tokens_add (GHashTable *left, char *key)
{
  guint have = GPOINTER_TO_UINT (g_hash_table_lookup (left, key));
  g_hash_table_insert (left, key, GUINT_TO_POINTER (have + 1));
}

/* Takes token KEY; FALSE when none left. */
static gboolean
tokens_take_key (DigitTokens *t, const char *key)
{
  guint have = GPOINTER_TO_UINT (g_hash_table_lookup (t->left, key));
  if (have == 0)
    return FALSE;
  g_hash_table_insert (t->left, g_strdup (key), GUINT_TO_POINTER (have - 1));
  return TRUE;
}

/* Takes the tokens CODE was printed as, its last LEAVE digit pairs aside;
 * a 款/项 piece without a token of its own 类 goes to T->later. */
static gboolean
tokens_take_code (DigitTokens *t, const char *code, guint leave)
{
  gsize n = strlen (code);
  char lei[4];
  g_strlcpy (lei, code, sizeof lei);
  if (!tokens_take_key (t, lei))
    {
      if (t->unknown == 0)
        return FALSE;
      t->unknown--;
    }
  for (gsize at = 3; at + 2 <= n - 2 * leave; at += 2)
    {
      char *key = g_strdup_printf ("%s-%.2s", lei, code + at);
      if (tokens_take_key (t, key))
        g_free (key);
      else
        g_ptr_array_add (t->later, key);
    }
  return TRUE;
}

/* The 类 token after LEI among CLASSES ("" when none). */
static const char *
class_after (GPtrArray *classes, const char *lei)
{
  const char *next = "";
  for (guint i = 0; i < classes->len; i++)
    {
      const char *c = classes->pdata[i];
      if (strncmp (c, lei, 3) > 0 && c[0] != '?' && (!*next || strcmp (c, next) < 0))
        next = c;
    }
  return next;
}

/* Takes the pieces in T->later from the tokens printed among the next
 * 类's, or after a damaged 类 token. */
static gboolean
tokens_take_later (DigitTokens *t, GPtrArray *classes)
{
  for (guint i = 0; i < t->later->len; i++)
    {
      const char *piece = t->later->pdata[i];
      g_autofree char *next = g_strdup_printf ("%s-%s", class_after (classes, piece), piece + 4);
      g_autofree char *any = g_strdup_printf ("?-%s", piece + 4);
      if (!tokens_take_key (t, next) && !tokens_take_key (t, any))
        return FALSE;
    }
  return TRUE;
}

/* The tokens of a 类 | 款 | 项 table: CLASSES ("201", "?" when damaged),
 * PARTS ("05") and the 类 token read before each (PART_CLASSES; before
 * the first, the first's). */
static DigitTokens
tokens_of (GPtrArray *classes, GPtrArray *parts, GPtrArray *part_classes)
{
  DigitTokens t = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0,
                    g_ptr_array_new_with_free_func (g_free) };
  for (guint i = 0; i < classes->len; i++)
    {
      if (g_str_equal (classes->pdata[i], "?"))
        t.unknown++;
      else
        tokens_add (t.left, g_strdup (classes->pdata[i]));
    }
  const char *first = classes->len ? classes->pdata[0] : "?";
  for (guint i = 0; i < parts->len; i++)
    {
      const char *lei = part_classes->pdata[i];
      tokens_add (t.left, g_strdup_printf ("%s-%s", *lei ? lei : first,
                                           (const char *) parts->pdata[i]));
    }
  return t;
}

static gint
str_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The 款/项 tokens T has left ("201-05"), sorted. */
static GPtrArray *
tokens_free_parts (DigitTokens *t)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, t->left);
  while (g_hash_table_iter_next (&it, &key, &value))
    for (guint c = 0; c < GPOINTER_TO_UINT (value); c++)
      g_ptr_array_add (out, g_strdup (key));
  g_ptr_array_sort (out, str_cmp);
  return out;
}

/* The search giving the provisional codes their last digits. */
typedef struct {
  GArray *codes;       /* NamedCode, in table order */
  char (*eff)[8];      /* by code: the code, its last digits as assigned */
  const guint *prov;   /* the provisional codes' indices, ascending */
  guint nprov;
  GPtrArray *free;     /* the 款/项 tokens left ("201-05"), sorted */
  gboolean *used;
  guint ways;          /* complete assignments found (up to 2) */
  char (*chosen)[8];   /* by provisional code: the first assignment */
  guint steps;
  GPtrArray *classes;  /* the 类 tokens */
} DigitFill;

#define DIGIT_FILL_STEPS 20000

/* Token T ("201-05", "?-05") may be digits of a code of 类 LEI: printed
 * after its 类 token, the next 类's or a damaged one. */
static gboolean
token_of_class (const DigitFill *f, const char *t, const char *lei)
{
  return t[0] == '?' || strncmp (t, lei, 3) == 0
         || strncmp (t, class_after (f->classes, lei), 3) == 0;
}

/* Provisional code K on: each above the code before it, and the last of
 * a run of them below the known code after it. */
static void
digit_fill_from (DigitFill *f, guint k)
{
  if (f->ways >= 2 || ++f->steps > DIGIT_FILL_STEPS)
    return;
  if (k == f->nprov)
    {
      if (f->ways++ == 0)
        for (guint i = 0; i < f->nprov; i++)
          memcpy (f->chosen[i], f->eff[f->prov[i]], 8);
      return;
    }
  guint at = f->prov[k];
  const char *code = g_array_index (f->codes, NamedCode, at).code;
  gsize n = strlen (code);
  const char *before = at > 0 ? f->eff[at - 1] : "";
  const char *after = at + 1 < f->codes->len && (k + 1 == f->nprov || f->prov[k + 1] != at + 1)
                      ? f->eff[at + 1] : NULL;
  for (guint j = 0; j < f->free->len; j++)
    {
      const char *t = f->free->pdata[j];
      if (f->used[j] || !token_of_class (f, t, code)
          || (j > 0 && !f->used[j - 1] && g_str_equal (t, f->free->pdata[j - 1])))
        continue;   /* equal tokens are tried once */
      g_snprintf (f->eff[at], 8, "%.*s%s", (int) n - 2, code, strchr (t, '-') + 1);
      if (strcmp (f->eff[at], before) <= 0 || (after && strcmp (f->eff[at], after) >= 0))
        continue;
      f->used[j] = TRUE;
      digit_fill_from (f, k + 1);
      f->used[j] = FALSE;
    }
  g_strlcpy (f->eff[at], code, 8);
}

/* Gives the provisional codes (PROV, NPROV of them) of CODES the last
 * digits that the tokens T left over give them in one way only. */
static gboolean
digit_fill (GArray *codes, const guint *prov, guint nprov, DigitTokens *t, GPtrArray *classes)
{
  g_autoptr (GPtrArray) free_parts = tokens_free_parts (t);
  if (free_parts->len != nprov || t->unknown > 0)
    return FALSE;
  if (nprov == 0)
    return TRUE;
  DigitFill f = { codes, g_malloc0 (codes->len * 8), prov, nprov, free_parts,
                  g_new0 (gboolean, nprov), 0, g_malloc0 (nprov * 8), 0, classes };
  for (guint i = 0; i < codes->len; i++)
    g_strlcpy (f.eff[i], g_array_index (codes, NamedCode, i).code, 8);
  digit_fill_from (&f, 0);
  gboolean sure = f.ways == 1 && f.steps <= DIGIT_FILL_STEPS;
  for (guint k = 0; sure && k < nprov; k++)
    {
      NamedCode *nc = &g_array_index (codes, NamedCode, prov[k]);
      g_free (nc->code);
      nc->code = g_strdup (f.chosen[k]);
      nc->provisional = FALSE;
    }
  g_free (f.eff);
  g_free (f.used);
  g_free (f.chosen);
  return sure;
}

/* CODE's 款 is among CODES, its code the catalogue's. */
static gboolean
named_parent_known (GArray *codes, const char *code)
{
  for (guint i = 0; i < codes->len; i++)
    {
      const NamedCode *nc = &g_array_index (codes, NamedCode, i);
      if (!nc->provisional && strlen (nc->code) == 5 && strncmp (nc->code, code, 5) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
named_codes_use_digits (GArray *codes, GPtrArray *classes, GPtrArray *parts,
                        GPtrArray *part_classes)
{
  DigitTokens t = tokens_of (classes, parts, part_classes);
  g_autofree guint *prov = g_new0 (guint, codes->len + 1);
  guint nprov = 0;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < codes->len; i++)
    {
      const NamedCode *nc = &g_array_index (codes, NamedCode, i);
      if (nc->provisional)
        {
          prov[nprov++] = i;
          ok = strlen (nc->code) == 7 && named_parent_known (codes, nc->code);
        }
      ok = ok && tokens_take_code (&t, nc->code, nc->provisional);
    }
  ok = ok && tokens_take_later (&t, classes) && digit_fill (codes, prov, nprov, &t, classes);
  g_hash_table_unref (t.left);
  g_ptr_array_unref (t.later);
  return ok;
}
