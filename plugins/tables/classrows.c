/* Space-separated classification tables (code | name | amounts): rows are
 * gathered over broken lines, then each row's figures are placed in the
 * columns where the table's identities and the code hierarchy (children sum
 * to their parent) agree. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

typedef struct {
  int line, end_line;
  int page;
  char *code;
  GString *name;
  GPtrArray *nums;   /* char*: figures as printed */
  GArray *vals;      /* gint64: hundredths of the printed unit */
  gboolean total;
  gboolean wants_tail; /* its code line had figures but no name */
  char *rownum;      /* 行次, when the table has that column */
  GArray *spans;     /* int[2]: where each figure sits on its source line */
  gboolean unplaced; /* some line of the row has no positions */
  gboolean rehomed;  /* its figures moved from under the header printed again */
  gboolean known_empty; /* no figure of its own: late figures placed without it */
  GArray *at_pos;    /* int: the column each figure stands under, or NULL */
  GPtrArray *cands;  /* GArray* of int: column of each figure */
  guint choice;
  int parent;
} PRow;

static void
prow_free (gpointer p)
{
  PRow *r = p;
  g_free (r->code);
  g_free (r->rownum);
  g_string_free (r->name, TRUE);
  g_ptr_array_unref (r->nums);
  g_array_unref (r->vals);
  g_array_unref (r->spans);
  if (r->at_pos)
    g_array_unref (r->at_pos);
  if (r->cands)
    g_ptr_array_unref (r->cands);
  g_free (r);
}

static PRow *
prow_new (const BpDocument *doc, const BpLine *l)
{
  PRow *r = g_new0 (PRow, 1);
  r->line = l->line;
  r->end_line = bp_line_end_line (l);
  r->page = doc ? bp_document_line_page (doc, l) : 0;
  r->name = g_string_new (NULL);
  r->nums = g_ptr_array_new_with_free_func (g_free);
  r->vals = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->spans = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  r->parent = -1;
  return r;
}

/* A unit or project code ("108001", "42010324103T000000101"). */
static gboolean
is_other_code (const char *t)
{
  gsize n = strlen (t), digits = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (t[i]) && !g_ascii_isupper (t[i]))
        return FALSE;
      digits += g_ascii_isdigit (t[i]) != 0;
    }
  return n >= 3 && n <= 24 && digits * 2 > n && g_ascii_isdigit (t[0]);
}

/* A leading code that is not a classification code: followed by its name,
 * or alone on a line after a complete row (not a lone figure of a row
 * whose name was broken over lines). */
static gboolean
leading_other_code (GPtrArray *toks, gboolean after_complete_row)
{
  const char *first = toks->len ? g_ptr_array_index (toks, 0) : "";
  if (!is_other_code (first))
    return FALSE;
  if (toks->len == 1)
    return after_complete_row;
  const char *next = g_ptr_array_index (toks, 1);
  /* "125001 2,080.32 972.99": a unit's code, its name wrapped around the
   * line, before figures printed with decimals. */
  gboolean bare = !strchr (first, '.') && !strchr (first, ',');
  return !token_is_number (next) || (bare && strchr (next, '.'));
}

/* TOKS are a unit's code alone ("241001") after its department's or a
 * sibling unit's code (PREV "241" or "241000"): plain text prints a table
 * by unit's codes in a run, one a line; the code is the next row's, not
 * a figure of PREV's. */
static gboolean
lone_unit_code_after (GPtrArray *toks, const char *prev)
{
  if (toks->len != 1 || !prev || (strlen (prev) != 3 && strlen (prev) != 6))
    return FALSE;
  const char *t = toks->pdata[0];
  return strlen (t) == 6 && strspn (t, "0123456789") == 6 && strncmp (t, prev, 3) == 0;
}

/* Leading code, joining "201 03 01" into "2010301"; returns tokens used. */
static guint
take_code (GPtrArray *toks, char **code, gboolean after_complete_row)
{
  const char *first = toks->len ? g_ptr_array_index (toks, 0) : "";
  if (leading_other_code (toks, after_complete_row))
    {
      *code = g_strdup (first);
      return 1;
    }
  if (!token_is_code (first))
    return 0;
  /* the 款 and 项 digits joined on: two at a time after 3 or 5 */
  gsize len = strlen (first);
  guint used = 1;
  while (used < toks->len && len < 7 && token_is_two_digits (g_ptr_array_index (toks, used))
         && (len == 3 || len == 5))
    used++, len += 2;
  char *c = *code = g_malloc (len + 1);
  c = g_stpcpy (c, first);
  for (guint i = 1; i < used; i++)
    c = g_stpcpy (c, g_ptr_array_index (toks, i));
  return used;
}

static gboolean
starts_total (const char *text)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return g_str_has_prefix (c, "合计") || g_str_has_prefix (c, "总计");
}

/* "30109": a 部门 economic code (3xxxx) starting a row. */
static gboolean
economic_row_code (const char *t)
{
  return strlen (t) == 5 && t[0] == '3' && strspn (t, "0123456789") == 5;
}

/* A second classification printed beside the first ("30112 其他社会保障缴费
 * 50102 社会保障缴费 1,955,945.92": 部门 and 政府 economic codes, Xi'an): a
 * bare code followed by words is not a figure; nor is a 政府 code ending
 * a 部门 code's line, its name and the row's figures wrapped to the next
 * line ("30109 费 50102" / "职业年金缴费 社会保障缴费 494517.18 …"). */
static gboolean
second_code_at (GPtrArray *toks, guint i)
{
  const char *t = g_ptr_array_index (toks, i);
  gsize n = strlen (t);
  gboolean gov_economic = t[0] == '5' && (n == 3 || n == 5)
      && strspn (t, "0123456789") == n;
  if (!(token_is_code (t) || gov_economic))
    return FALSE;
  if (i + 1 >= toks->len)
    return gov_economic && n == 5 && i > 0 && economic_row_code (toks->pdata[0]);

  const char *next = g_ptr_array_index (toks, i + 1);
  return !token_is_number (next) && !token_is_code (next);
}

/* A whole number of three digits or more between words of a row's name,
 * before its figures ("泉州市 12345 政务服务便民热线中心": a hotline's
 * number in a unit's name, Quanzhou) is a word of the name, not a figure.
 * Shorter ones are row numbers (行次: "西安市 4 第一社会福…") or code
 * digits ("… 05 机关事业单位基本养老保险缴费支出"). */
static gboolean
number_inside_name (const PRow *r, GPtrArray *toks, guint i)
{
  const char *t = g_ptr_array_index (toks, i);
  gsize n = strlen (t);
  if (r->nums->len || r->name->len == 0 || i + 1 >= toks->len || n < 3
      || strspn (t, "0123456789") != n || token_is_code (t))
    return FALSE;
  const char *next = g_ptr_array_index (toks, i + 1);
  return !token_is_number (next) && !token_is_code (next);
}

/* The figures of TOKS from FROM on, with where they sit (SPANS, NULL when
 * the line has no positions). */
static void
prow_take_tokens (PRow *r, GPtrArray *toks, guint from, GArray *spans)
{
  gboolean second_name = FALSE;   /* words after a second code: its name */
  for (guint i = from; i < toks->len; i++)
    {
      const char *t = g_ptr_array_index (toks, i);
      gint64 v = 0;
      if (second_code_at (toks, i))
        {
          second_name = TRUE;
          continue;
        }
      if (second_name && !token_is_number (t))
        continue;
      second_name = FALSE;
      if (number_inside_name (r, toks, i))
        name_append (r->name, t);
      else if (token_is_number (t) && token_amount (t, &v))
        {
          g_ptr_array_add (r->nums, g_strdup (t));
          g_array_append_val (r->vals, v);
          int none[2] = { -1, -1 };
          g_array_append_vals (r->spans, spans ? &g_array_index (spans, int, 2 * i) : none, 1);
          r->unplaced |= !spans;
        }
      else if (r->nums->len == 0)
        name_append (r->name, t);
    }
}

static gboolean
prow_keep (const PRow *r)
{
  return r->nums->len > 0 || (r->code && r->name->len > 0);
}

/* TRUE when TOKS hold only words (no code, no figure). */
static gboolean
tokens_name_only (GPtrArray *toks)
{
  for (guint i = 0; i < toks->len; i++)
    {
      const char *t = toks->pdata[i];
      if (token_is_number (t) || token_is_code (t))
        return FALSE;
    }
  return toks->len > 0;
}

/* What a body line is for names printed around their code line. */
typedef struct {
  gboolean name_only;          /* words only: no code, no figure */
  gboolean code_without_name;  /* a code followed directly by a figure */
} NameShape;

/* TOKS: tokens_split of L's text (read, not changed). */
static NameShape
name_shape_of_tokens (GPtrArray *toks)
{
  char *code = NULL;
  guint used = take_code (toks, &code, TRUE);
  NameShape shape = { tokens_name_only (toks),
                      code && used < toks->len && token_is_number (toks->pdata[used]) };
  g_free (code);
  return shape;
}

static NameShape
name_shape_of (const BpLine *l)
{
  g_autoptr (GPtrArray) toks = tokens_shared (l->text);
  return name_shape_of_tokens (toks);
}

/* Every body line's NameShape, and whether the table prints names centred
 * on their code line: some code line without a name has a name-only line
 * above it ("超长期特别国债安排的支" / "22198 105.00" / "出"). Then every
 * name-only line next to a code line belongs to it: above, the name's
 * start; below, its end. TOKENS: set to each line's tokens (tokens_shared:
 * not to be modified), for the caller's walk over the same lines. */
static NameShape *
name_shapes (GPtrArray *lines, gboolean *centred, GPtrArray **tokens)
{
  guint n = lines->len;
  NameShape *shapes = g_new0 (NameShape, n + 1);   /* [n]: past the end */
  *centred = FALSE;
  *tokens = g_ptr_array_new_full (n, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n; i++)
    {
      GPtrArray *toks = tokens_shared (((BpLine *) lines->pdata[i])->text);
      g_ptr_array_add (*tokens, toks);
      shapes[i] = name_shape_of_tokens (toks);
      *centred |= i > 0 && shapes[i - 1].name_only && shapes[i].code_without_name;
    }
  return shapes;
}

static void
prows_close (GPtrArray *rows, PRow *cur)
{
  if (cur && prow_keep (cur))
    g_ptr_array_add (rows, cur);
  else if (cur)
    prow_free (cur);
}

/* A name-only line (SHAPE): the end of the last row's name when that row's
 * code line had none, unless the next line (NEXT) is the next such code;
 * TRUE when taken. */
static gboolean
prow_take_tail (PRow *cur, GPtrArray *toks, const BpLine *l, NameShape shape,
                NameShape next)
{
  if (!cur || !cur->wants_tail || !shape.name_only || next.code_without_name)
    return FALSE;
  for (guint i = 0; i < toks->len; i++)
    name_append (cur->name, toks->pdata[i]);
  cur->wants_tail = FALSE;
  cur->end_line = MAX (cur->end_line, bp_line_end_line (l));
  return TRUE;
}

/* "培训支出 12.17 12.17" / "2050803" (Chongqing): the code printed under
 * its row's name and figures, alone or with the end of the name. A code
 * line without figures after a row that has figures but no code is that
 * row's code. The row must have a name: figures alone (plain text prints
 * a 合计 row's figures under the header, then code, name and figures on
 * lines of their own) are no row the code could belong to. */
static gboolean
code_below_row (const PRow *cur, const char *code, GPtrArray *toks, guint used,
                NameShape next, gboolean code_first)
{
  if (!code || !cur || cur->code || cur->total || cur->nums->len == 0 || cur->name->len == 0
      || (code_first && used == toks->len && next.name_only))
    return FALSE;
  for (guint i = used; i < toks->len; i++)
    if (token_is_number (toks->pdata[i]))
      return FALSE;
  return TRUE;
}

/* Line L's code when it is a classification code and nothing else, else
 * NULL. */
static char *
line_bare_code (const BpLine *l)
{
  g_autoptr (GPtrArray) toks = tokens_shared (l->text);
  char *code = NULL;
  guint used = take_code (toks, &code, FALSE);
  if (code && used == toks->len && token_is_code (code))
    return code;
  g_free (code);
  return NULL;
}

/* "3010201" after "30102": a code of a finer catalogue (Chongqing's
 * 7-digit economic codes) that token_is_code does not know, alone on line
 * L after the code BEFORE of its class; returns it, else NULL. */
static char *
line_sub_code (const BpLine *l, const char *before)
{
  g_autofree char *t = g_strstrip (g_strdup (l->text));
  gsize n = strlen (t);
  if ((n != 5 && n != 7) || strspn (t, "0123456789") != n || strncmp (t, before, 3) != 0)
    return NULL;
  return g_steal_pointer (&t);
}

/* The words-only lines of LINES from FROM on (three at most) hold the
 * header's 科目名称 / 科目编码 heading, which no row is named. */
static gboolean
heading_follows (GPtrArray *lines, guint from)
{
  for (guint j = from; j < lines->len && j < from + 3; j++)
    {
      const BpLine *l = lines->pdata[j];
      g_autoptr (GPtrArray) toks = tokens_shared (l->text);
      g_autofree char *c_own = NULL;
      const char *c = compact_of (l->text, &c_own);
      if (!tokens_name_only (toks))
        return FALSE;
      if (strstr (c, "科目名称") || strstr (c, "科目编码"))
        return TRUE;
    }
  return FALSE;
}

/* Which LINES belong to a run of two or more bare code lines in
 * ascending order: plain pdftotext prints a page's 类/款 codes together,
 * apart from their rows ("20805 / 210 / 21011 / 216 / 221 / 22102", then
 * the next figures). Such a code says nothing of the lines after it, so
 * it starts no row: the run's last code would otherwise take the next
 * row's name and figures. */
static gboolean *
code_run_lines (GPtrArray *lines, GPtrArray *run_codes)
{
  guint n = lines->len;
  gboolean *run = g_new0 (gboolean, n + 1);
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      char *code = line_bare_code (lines->pdata[i]);
      const char *before = i > 0 ? codes->pdata[i - 1] : NULL;
      if (!code && before)
        code = line_sub_code (lines->pdata[i], before);
      g_ptr_array_add (codes, code);
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      const char *a = codes->pdata[i], *b = codes->pdata[i + 1];
      if (a && b && strcmp (a, b) < 0)
        run[i] = run[i + 1] = TRUE;
      /* "301 / 科目名称 / 本年财政拨款基本支出 …": a code printed among the
       * header's words is as far from its row */
      run[i] |= a && heading_follows (lines, i + 1);
    }
  for (guint i = 0; i < n; i++)
    if (run[i])
      g_ptr_array_add (run_codes, g_strdup (codes->pdata[i]));
  return run;
}

/* The code of the last row read that has one, or NULL. */
static const char *
last_code (GPtrArray *rows, const PRow *cur)
{
  if (cur && cur->code)
    return cur->code;
  for (guint i = rows->len; i-- > 0;)
    {
      const PRow *r = rows->pdata[i];
      if (r->code)
        return r->code;
    }
  return NULL;
}

/* "7 11 02 事业单位医疗" under "210 11 行政事业单位医疗": a 类 cell printed
 * damaged (a Shanghai Putuo unit budget; one digit where the 类's three stand), its 款 and
 * 项 digits whole. The row goes on the 款 above, so its 类 is that row's. */
static gpointer
token_copy (gconstpointer src, gpointer unused)
{
  (void) unused;
  return g_strdup (src);
}

static void
repair_damaged_class (GPtrArray **toks, GPtrArray *rows, const PRow *cur)
{
  GPtrArray *old = *toks;
  if (old->len < 3)
    return;
  const char *t = old->pdata[0];
  if (strlen (t) != 1 || t[0] < '1' || t[0] > '9' || !token_is_two_digits (old->pdata[1])
      || !token_is_two_digits (old->pdata[2]))
    return;
  /* the row above looked for only now: the walk back is as long as the
   * rows without a code before this line */
  const char *above = last_code (rows, cur);
  if (!above || strlen (above) < 5 || strncmp (above + 3, old->pdata[1], 2) != 0)
    return;
  /* the tokens may be shared (tokens_shared): repaired in a copy */
  *toks = g_ptr_array_copy (old, token_copy, NULL);
  g_ptr_array_set_free_func (*toks, g_free);
  g_ptr_array_unref (old);
  g_free ((*toks)->pdata[0]);
  (*toks)->pdata[0] = g_strndup (above, 3);
}

/* The first figure of TOKS after FROM (a row's 合计), into OUT. */
static gboolean
tokens_first_amount (GPtrArray *toks, guint from, gint64 *out)
{
  for (guint i = from; i < toks->len; i++)
    if (token_is_number (toks->pdata[i]))
      return token_amount (toks->pdata[i], out);
  return FALSE;
}

/* How the lines after AT, up to the next row of another kind, stand to
 * the code CODE with 合计 OWN: SUB_ROWS_NONE when they are no 项 rows of
 * it (seven digits starting with it, one at least, each with a figure);
 * SUB_ROWS_ADD_UP when their 合计 add up to OWN (a cent of rounding a
 * term); SUB_ROWS_OFF otherwise (a changed figure). */
typedef enum { SUB_ROWS_NONE, SUB_ROWS_ADD_UP, SUB_ROWS_OFF } SubRows;

static SubRows
sub_rows_of (GPtrArray *line_tokens, guint at, const char *code, gint64 own)
{
  gint64 sum = 0;
  guint n = 0;
  for (guint j = at + 1; j < line_tokens->len; j++)
    {
      GPtrArray *toks = line_tokens->pdata[j];
      const char *first = toks->len ? toks->pdata[0] : "";
      gint64 v;
      if (toks->len == 0 || tokens_name_only (toks))
        continue;   /* a wrapped name's line */
      if (strlen (first) != 7 || !token_is_code (first) || !g_str_has_prefix (first, code))
        break;
      if (!tokens_first_amount (toks, 1, &v))
        return SUB_ROWS_NONE;
      sum += v, n++;
    }
  if (n == 0)
    return SUB_ROWS_NONE;
  return ABS (sum - own) <= (gint64) n ? SUB_ROWS_ADD_UP : SUB_ROWS_OFF;
}

/* "05  行政事业单位离退休  113.28  81.23  32.05" under "208  社会保障和就业
 * 支出" (Xi'an's 表5 by unit: each unit's rows, the 款 printed as their own
 * two digits): the line's code is the 类 above with those digits when its
 * 项 rows below start so, and the sums confirm the reading: the 项 rows
 * of two such 款 in three (all of them when fewer than three) add up to
 * their 款 (the others keep their code, and validate reports their sum;
 * else the digits read as a figure and the name is lost). By line, the
 * codes so built (NULL where none). */
static GPtrArray *
lines_two_digit_codes (GPtrArray *line_tokens)
{
  GPtrArray *codes = g_ptr_array_new_full (line_tokens->len, g_free);
  g_ptr_array_set_size (codes, line_tokens->len);
  const char *lei = NULL;
  guint found = 0, adding = 0;
  for (guint i = 0; i < line_tokens->len; i++)
    {
      GPtrArray *toks = line_tokens->pdata[i];
      const char *first = toks->len ? toks->pdata[0] : "";
      if (token_is_code (first) && strlen (first) == 3)
        lei = first;
      else if (is_other_code (first) && !token_is_code (first))
        lei = NULL;   /* a unit's row: its 类 come next */
      gint64 own;
      if (!lei || toks->len < 3 || !token_is_two_digits (first)
          || token_is_number (toks->pdata[1]) || token_is_code (toks->pdata[1])
          || !tokens_first_amount (toks, 2, &own))
        continue;
      g_autofree char *code = g_strconcat (lei, first, NULL);
      SubRows sub = sub_rows_of (line_tokens, i, code, own);
      if (sub == SUB_ROWS_NONE)
        continue;
      codes->pdata[i] = g_steal_pointer (&code);
      found++;
      adding += sub == SUB_ROWS_ADD_UP;
    }
  if (found && (found < 3 ? adding < found : adding * 3 < found * 2))
    for (guint i = 0; i < codes->len; i++)
      g_clear_pointer (&codes->pdata[i], g_free);
  return codes;
}

/* Gathers rows: a row starts at a code or 合计 and runs until the next.
 * APART: the lines are plain text's, cells apart (see rows_build_class);
 * lines in a run of bare codes are then left out, their codes added to
 * RUN_CODES. */
static GPtrArray *
prows_gather (const BpDocument *doc, GPtrArray *lines, gboolean apart, GPtrArray *run_codes)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (prow_free);
  PRow *cur = NULL;
  gboolean centred;
  g_autoptr (GPtrArray) line_tokens = NULL;
  g_autofree NameShape *shapes = name_shapes (lines, &centred, &line_tokens);
  g_autofree gboolean *in_run = apart ? code_run_lines (lines, run_codes) : NULL;
  g_autoptr (GPtrArray) kuan_codes = lines_two_digit_codes (line_tokens);
  for (guint i = 0; i < lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (lines, i);
      if (in_run && in_run[i])
        {
          prows_close (rows, cur);
          cur = NULL;
          continue;
        }
      GPtrArray *toks = line_tokens->pdata[i];
      if (prow_take_tail (cur, toks, l, shapes[i], shapes[i + 1]))
        continue;
      repair_damaged_class ((GPtrArray **) &line_tokens->pdata[i], rows, cur);
      toks = line_tokens->pdata[i];
      char *code = NULL;
      guint used = kuan_codes->pdata[i] ? (code = g_strdup (kuan_codes->pdata[i]), 1)
                   : take_code (toks, &code, !cur || cur->nums->len > 0
                                             || lone_unit_code_after (toks, cur->code));
      if (code_below_row (cur, code, toks, used, shapes[i + 1], apart))
        {
          cur->code = code;
          cur->end_line = MAX (cur->end_line, bp_line_end_line (l));
          for (guint t = used; t < toks->len; t++)
            name_append (cur->name, toks->pdata[t]);
          continue;
        }
      gboolean total = !code && starts_total (l->text);
      if (code || total || !cur || cur->nums->len > 0)
        {
          /* A name alone above a code line without one is its start. */
          g_autofree char *prefix = NULL;
          gboolean nameless = code && used < toks->len
                              && token_is_number (toks->pdata[used]);
          if ((nameless || (centred && code)) && cur && !cur->code && !cur->total
              && !cur->nums->len)
            prefix = g_strdup (cur->name->str);
          prows_close (rows, cur);
          cur = prow_new (doc, l);
          cur->code = code;
          cur->total = total;
          cur->wants_tail = nameless || (centred && prefix);
          if (prefix)
            g_string_append (cur->name, prefix);
        }
      cur->end_line = MAX (cur->end_line, bp_line_end_line (l));
      g_autoptr (GArray) spans = layout_token_spans (doc, l, toks);
      prow_take_tokens (cur, toks, used, spans);
    }
  prows_close (rows, cur);
  return rows;
}

/* What a column is to placement_penalty. */
typedef enum { EXPENSE_OTHER, EXPENSE_PERSONNEL, EXPENSE_PUBLIC } ExpenseKind;

static ExpenseKind
expense_kind (const char *name)
{
  if (!name)
    return EXPENSE_OTHER;
  return strcmp (name, "人员经费") == 0   ? EXPENSE_PERSONNEL
         : strcmp (name, "公用经费") == 0 ? EXPENSE_PUBLIC
                                          : EXPENSE_OTHER;
}

/* Each column's ExpenseKind, read once per table rather than for every
 * figure of every candidate placement (issue 18). */
static guint8 *
columns_expense_kinds (const GPtrArray *cols)
{
  guint8 *kinds = g_new0 (guint8, cols->len + 1);
  for (guint c = 0; c < cols->len; c++)
    kinds[c] = (guint8) expense_kind (g_ptr_array_index (cols, c));
  return kinds;
}

/* Prefers the usual column for an economic code: 301/303 are 人员经费,
 * the others 公用经费 (PERSONNEL_CODE: the row's code is 301/303). */
static int
placement_penalty (const GArray *pos, const GPtrArray *cols, const guint8 *kinds,
                   gboolean personnel_code)
{
  int pen = 0;
  for (guint i = 0; i < pos->len; i++)
    {
      int c = g_array_index (pos, int, i);
      ExpenseKind kind = (guint) c < cols->len ? (ExpenseKind) kinds[c]
                                               : expense_kind (g_ptr_array_index (cols, c));
      if (kind == EXPENSE_PERSONNEL && !personnel_code)
        pen++;
      if (kind == EXPENSE_PUBLIC && personnel_code)
        pen++;
    }
  return pen;
}

static void
prow_rank_candidates (PRow *r, const GPtrArray *cols, const guint8 *kinds)
{
  int best = G_MAXINT;
  guint best_i = 0;
  gboolean personnel_code = r->code && (g_str_has_prefix (r->code, "301")
                                        || g_str_has_prefix (r->code, "303"));
  for (guint i = 0; i < r->cands->len; i++)
    {
      int p = r->code ? placement_penalty (g_ptr_array_index (r->cands, i), cols, kinds,
                                           personnel_code)
                      : 0;
      if (p < best)
        best = p, best_i = i;
    }
  r->choice = best_i;
}

static void
prow_values (const PRow *r, guint choice, gint64 *cells, guint n)
{
  memset (cells, 0, n * sizeof (gint64));
  GArray *pos = g_ptr_array_index (r->cands, choice);
  for (guint i = 0; i < pos->len; i++)
    {
      int c = g_array_index (pos, int, i);
      if ((guint) c < n)
        cells[c] = g_array_index (r->vals, gint64, i);
    }
}

/* "125002": a unit's six-digit code, its rows' 类 under it (Xi'an's 表5
 * by unit: "125002 西安市安全生产宣传教育中心 461.80 …" then its 208, 210 …). */
static gboolean
is_unit_code (const char *code)
{
  return code && strlen (code) == 6 && strspn (code, "0123456789") == 6
         && !token_is_code (code);
}

/* Each coded row's parent: the nearest row above whose code starts its
 * own, else the unit row it stands under (a table listing units one
 * after another, each with its own 类), else the 合计. */
static void
prows_link_parents (GPtrArray *rows)
{
  int total = -1;
  for (guint i = 0; i < rows->len; i++)
    if (((PRow *) g_ptr_array_index (rows, i))->total && total < 0)
      total = i;
  /* each row's code length and whether it is a unit's, read once rather
   * than for every row below it (issue 18) */
  g_autofree gsize *code_len = g_new0 (gsize, rows->len + 1);
  g_autofree gboolean *unit = g_new0 (gboolean, rows->len + 1);
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = g_ptr_array_index (rows, i);
      code_len[i] = r->code ? strlen (r->code) : 0;
      unit[i] = is_unit_code (r->code);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      PRow *r = g_ptr_array_index (rows, i);
      if (!r->code)
        continue;
      r->parent = total;
      for (int j = (int) i - 1; j >= 0 && !unit[i]; j--)
        {
          const PRow *p = g_ptr_array_index (rows, j);
          if (unit[j])
            {
              r->parent = j;
              break;
            }
          if (p->code && code_len[j] < code_len[i]
              && memcmp (r->code, p->code, code_len[j]) == 0)
            {
              r->parent = j;
              break;
            }
        }
    }
}

/* How far the children's sums miss the parent's figures: the number of
 * columns that miss, then the total of the differences (so that moving one
 * of two misplaced figures counts as progress). */
typedef struct { int bad; bp_wide_fen off; } Mismatch;

static gboolean
mismatch_less (Mismatch a, Mismatch b)
{
  return a.bad < b.bad || (a.bad == b.bad && a.off < b.off);
}

static Mismatch
children_mismatch (GPtrArray *kids, const gint64 *want, guint n)
{
  bp_wide_fen sum[64];   /* figures may reach int64's limits */
  gint64 cells[64];
  for (guint c = 0; c < n; c++)   /* not all 64: a kilobyte per call */
    sum[c] = 0;
  for (guint i = 0; i < kids->len; i++)
    {
      PRow *k = g_ptr_array_index (kids, i);
      prow_values (k, k->choice, cells, n);
      for (guint c = 0; c < n; c++)
        sum[c] += cells[c];
    }
  Mismatch m = { 0, 0 };
  for (guint c = 0; c < n; c++)
    {
      bp_wide_fen d = bp_wide_abs (sum[c] - want[c]);
      if (d > (bp_wide_fen) kids->len)
        m.bad++, m.off += d;
    }
  return m;
}

/* The sums of a parent's children, those with one placement (all but
 * AMB) added up once: the searches below move only AMB's placements, and
 * summed every child at every step (issue 18). */
typedef struct {
  bp_wide_fen fixed[64];
  GPtrArray *amb;
  guint n_kids;
} KidSums;

static void
kid_sums_init (KidSums *ks, GPtrArray *kids, GPtrArray *amb, guint n)
{
  gint64 cells[64];
  for (guint c = 0; c < n; c++)
    ks->fixed[c] = 0;
  for (guint i = 0; i < kids->len; i++)
    {
      PRow *k = g_ptr_array_index (kids, i);
      if (k->cands->len > 1)   /* in AMB */
        continue;
      prow_values (k, k->choice, cells, n);
      for (guint c = 0; c < n; c++)
        ks->fixed[c] += cells[c];
    }
  ks->amb = amb;
  ks->n_kids = kids->len;
}

/* The children's sums (N columns) as they are placed now, into SUM. */
static void
kid_sums_now (const KidSums *ks, bp_wide_fen *sum, guint n)
{
  gint64 cells[64];
  for (guint c = 0; c < n; c++)
    sum[c] = ks->fixed[c];
  for (guint i = 0; i < ks->amb->len; i++)
    {
      PRow *k = g_ptr_array_index (ks->amb, i);
      prow_values (k, k->choice, cells, n);
      for (guint c = 0; c < n; c++)
        sum[c] += cells[c];
    }
}

/* How far the sums SUM of N_KIDS children miss WANT (children_mismatch). */
static Mismatch
sums_mismatch (const bp_wide_fen *sum, const gint64 *want, guint n, guint n_kids)
{
  Mismatch m = { 0, 0 };
  for (guint c = 0; c < n; c++)
    {
      bp_wide_fen d = bp_wide_abs (sum[c] - want[c]);
      if (d > (bp_wide_fen) n_kids)
        m.bad++, m.off += d;
    }
  return m;
}

/* children_mismatch of the children KS sums, as they are placed now. */
static Mismatch
kid_sums_mismatch (const KidSums *ks, const gint64 *want, guint n)
{
  bp_wide_fen sum[64];
  kid_sums_now (ks, sum, n);
  return sums_mismatch (sum, want, n, ks->n_kids);
}

/* SUM with child K's figures moved from its placement FROM to TO. */
static void
sums_move (bp_wide_fen *sum, const PRow *k, guint from, guint to, guint n)
{
  gint64 cells[64];
  prow_values (k, from, cells, n);
  for (guint c = 0; c < n; c++)
    sum[c] -= cells[c];
  prow_values (k, to, cells, n);
  for (guint c = 0; c < n; c++)
    sum[c] += cells[c];
}

/* Every combination of the ambiguous children's placements (AMB, COMBOS of
 * them); leaves each at the best. */
static void
solve_exhaustive (const KidSums *ks, guint64 combos, const gint64 *want, guint n)
{
  GPtrArray *amb = ks->amb;
  g_autofree guint *best = g_new0 (guint, amb->len);
  for (guint i = 0; i < amb->len; i++)
    best[i] = ((PRow *) g_ptr_array_index (amb, i))->choice;
  /* the sums follow the children's moves: the combinations go as a
   * counter, the first child's digit changing at every step */
  bp_wide_fen sum[64];
  kid_sums_now (ks, sum, n);
  Mismatch best_m = sums_mismatch (sum, want, n, ks->n_kids);
  for (guint64 m = 0; m < combos && best_m.bad > 0; m++)
    {
      guint64 x = m;
      for (guint i = 0; i < amb->len; i++)
        {
          PRow *k = g_ptr_array_index (amb, i);
          guint choice = x % k->cands->len;
          x /= k->cands->len;
          if (choice != k->choice)
            {
              sums_move (sum, k, k->choice, choice, n);
              k->choice = choice;
            }
        }
      Mismatch mm = sums_mismatch (sum, want, n, ks->n_kids);
      if (mismatch_less (mm, best_m))
        {
          best_m = mm;
          for (guint i = 0; i < amb->len; i++)
            best[i] = ((PRow *) g_ptr_array_index (amb, i))->choice;
        }
    }
  for (guint i = 0; i < amb->len; i++)
    ((PRow *) g_ptr_array_index (amb, i))->choice = best[i];
}

/* Two children moved at once (a figure each, swapping columns: 行政运行's
 * 公用经费 read as 项目支出 while a sibling's 项目支出 sits elsewhere), when
 * that brings the sums closer than *CUR; TRUE when some pair did. */
static gboolean
solve_pair_move (const KidSums *ks, const gint64 *want, guint n, Mismatch *cur)
{
  GPtrArray *amb = ks->amb;
  for (guint i = 0; i < amb->len; i++)
    for (guint j = i + 1; j < amb->len; j++)
      {
        PRow *a = g_ptr_array_index (amb, i), *b = g_ptr_array_index (amb, j);
        guint ka = a->choice, kb = b->choice;
        for (guint ca = 0; ca < a->cands->len; ca++)
          for (guint cb = 0; cb < b->cands->len; cb++)
            {
              a->choice = ca, b->choice = cb;
              Mismatch mm = kid_sums_mismatch (ks, want, n);
              if (mismatch_less (mm, *cur))
                {
                  *cur = mm;
                  return TRUE;
                }
            }
        a->choice = ka, b->choice = kb;
      }
  return FALSE;
}

/* Too many combinations to try them all (a 类 with a dozen 款 of two or
 * three figures each among five columns): one child at a time takes the
 * placement that brings the sums closest, until none improves; then two
 * at a time (among a few dozen children at most). */
static void
solve_one_at_a_time (const KidSums *ks, const gint64 *want, guint n)
{
  GPtrArray *amb = ks->amb;
  Mismatch cur = kid_sums_mismatch (ks, want, n);
  for (guint pass = 0; pass < 8 && cur.bad > 0; pass++)
    {
      gboolean moved = FALSE;
      for (guint i = 0; i < amb->len; i++)
        {
          PRow *k = g_ptr_array_index (amb, i);
          guint keep = k->choice;
          for (guint c = 0; c < k->cands->len; c++)
            {
              k->choice = c;
              Mismatch mm = kid_sums_mismatch (ks, want, n);
              if (mismatch_less (mm, cur))
                cur = mm, keep = c, moved = TRUE;
            }
          k->choice = keep;
        }
      if (!moved && (amb->len > 32 || !solve_pair_move (ks, want, n, &cur)))
        break;
    }
}

/* Chooses the children's candidate placements whose sums best match the
 * parent. */
static void
solve_children (PRow *parent, GPtrArray *kids, guint n)
{
  gint64 want[64];
  prow_values (parent, parent->choice, want, n);
  g_autoptr (GPtrArray) amb = g_ptr_array_new ();
  guint64 combos = 1;
  for (guint i = 0; i < kids->len; i++)
    {
      PRow *k = g_ptr_array_index (kids, i);
      if (k->cands->len > 1)
        {
          g_ptr_array_add (amb, k);
          combos = MIN (combos * k->cands->len, G_MAXUINT32);
        }
    }
  if (amb->len == 0)
    return;
  KidSums ks;
  kid_sums_init (&ks, kids, amb, n);
  if (combos <= 262144)
    solve_exhaustive (&ks, combos, want, n);
  else
    solve_one_at_a_time (&ks, want, n);
}

/* The rows by parent (prows_link_parents), each parent's in row order:
 * row P's children are BY_PARENT[FIRST[P] .. FIRST[P + 1] - 1]. */
typedef struct {
  guint *first;
  guint *by_parent;
} Children;

static Children
children_index (GPtrArray *rows)
{
  Children ch = { g_new0 (guint, rows->len + 2), g_new (guint, rows->len) };
  for (guint i = 0; i < rows->len; i++)
    {
      int p = ((PRow *) g_ptr_array_index (rows, i))->parent;
      if (p >= 0)
        ch.first[p + 2]++;
    }
  for (guint p = 2; p < rows->len + 2; p++)
    ch.first[p] += ch.first[p - 1];
  /* FIRST[P + 1] counts P's children up as they are placed, ending at
   * the start of P + 1's */
  for (guint i = 0; i < rows->len; i++)
    {
      int p = ((PRow *) g_ptr_array_index (rows, i))->parent;
      if (p >= 0)
        ch.by_parent[ch.first[p + 1]++] = i;
    }
  return ch;
}

static void
solve_node (GPtrArray *rows, int p, guint n, const Children *ch)
{
  PRow *parent = g_ptr_array_index (rows, p);
  if (parent->nums->len == 0)
    return;
  guint from = ch->first[p], to = ch->first[p + 1];
  g_autoptr (GPtrArray) kids = g_ptr_array_sized_new (to - from);
  for (guint j = from; j < to; j++)
    g_ptr_array_add (kids, g_ptr_array_index (rows, ch->by_parent[j]));
  if (kids->len > 0)
    solve_children (parent, kids, n);
}

/* A 合计 row whose figures fit several placements (-layout printed its
 * line condensed, its figures under no heading: sh 收入预算总表 "合计
 * 50,040,000 31,730,000 16,710,000 1,600,000" with 事业收入 empty) takes
 * the one the top-level rows placed for sure add up to best. */
static void
solve_total_placement (GPtrArray *rows, int t, guint n)
{
  PRow *total = g_ptr_array_index (rows, t);
  if (!total->cands || total->cands->len < 2)
    return;
  g_autoptr (GPtrArray) fixed = g_ptr_array_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      PRow *k = g_ptr_array_index (rows, i);
      if (k->parent == t && k->cands->len == 1)
        g_ptr_array_add (fixed, k);
    }
  if (fixed->len < 2)
    return;
  gint64 want[64];
  prow_values (total, total->choice, want, n);
  Mismatch best = children_mismatch (fixed, want, n);
  for (guint c = 0; c < total->cands->len; c++)
    {
      prow_values (total, c, want, n);
      Mismatch m = children_mismatch (fixed, want, n);
      if (mismatch_less (m, best))
        best = m, total->choice = c;
    }
}

static void
prows_solve (GPtrArray *rows, guint n)
{
  prows_link_parents (rows);
  Children ch = children_index (rows);
  for (guint i = 0; i < rows->len; i++)
    if (((PRow *) g_ptr_array_index (rows, i))->total)
      {
        solve_total_placement (rows, (int) i, n);
        solve_node (rows, i, n, &ch);
        break;
      }
  for (guint i = 0; i < rows->len; i++)
    if (!((PRow *) g_ptr_array_index (rows, i))->total)
      solve_node (rows, i, n, &ch);
  g_free (ch.first);
  g_free (ch.by_parent);
}

/* With a 行次 column the row's first figure is its row number. */
static void
prow_take_rownum (PRow *r)
{
  const char *first = r->nums->len ? g_ptr_array_index (r->nums, 0) : "";
  if (!*first || strchr (first, '.') || strchr (first, ',') || strlen (first) > 3)
    return;
  r->rownum = g_strdup (first);
  g_ptr_array_remove_index (r->nums, 0);
  g_array_remove_index (r->vals, 0);
  g_array_remove_index (r->spans, 0);
}

static void
prow_emit (BpTable *t, const PRow *r, guint n, gboolean rownum)
{
  BpRow *row = bp_table_add_row (t, r->line);
  t->end_line = MAX (t->end_line, r->end_line);
  bp_row_add_cell (row, r->code ? r->code : "");
  bp_row_add_cell (row, r->name->str);
  if (rownum)
    bp_row_add_cell (row, r->rownum ? r->rownum : "");
  g_autofree const char **cells = g_new0 (const char *, n + 1);
  GArray *pos = g_ptr_array_index (r->cands, r->choice);
  for (guint i = 0; i < pos->len; i++)
    cells[g_array_index (pos, int, i)] = g_ptr_array_index (r->nums, i);
  for (guint c = 0; c < n; c++)
    bp_row_add_cell (row, cells[c] ? cells[c] : "");
  for (guint i = pos->len; i < r->nums->len; i++)
    bp_row_add_cell (row, g_ptr_array_index (r->nums, i));
}

static GPtrArray *
header_text_of (TableBody *tb, GString *text)
{
  for (guint i = 0; i < tb->header_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->header_lines, i);
      g_string_append (text, l->text);
      g_string_append_c (text, ' ');
    }
  return columns_for (tb->table->type, text->str);
}

/* The header names units, not classification items: "单位编码 | 单位名称"
 * (Xi'an 支出总表 by unit), its codes being unit codes ("252", "252001"),
 * or a 单位名称 column heading without codes (Quanzhou's 收入预算总表 by
 * unit; "单位名称:…" names the unit, it heads no column). */
static gboolean
header_names_units (const char *compact)
{
  const char *name = strstr (compact, "单位名称");
  return (strstr (compact, "单位编码") || (name && name[strlen ("单位名称")] != ':'))
         && !strstr (compact, "科目");
}

static void
class_header (TableBody *tb, const GPtrArray *cols, gboolean rownum, gboolean units)
{
  GPtrArray *header = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (header, g_strdup (units ? "单位编码" : "科目编码"));
  g_ptr_array_add (header, g_strdup (units ? "单位名称" : "科目名称"));
  if (rownum)
    g_ptr_array_add (header, g_strdup ("行次"));
  for (guint i = 0; i < cols->len; i++)
    g_ptr_array_add (header, g_strdup (g_ptr_array_index (cols, i)));
  bp_table_add_header_row (tb->table, header);
}

/* "一般公共服务" / "201 207.40 207.40" / "支出": the first row's centred
 * name starts on the line the header seemed to end with. */
static void
first_name_from_header (TableBody *tb)
{
  GPtrArray *h = tb->header_lines, *b = tb->body_lines;
  if (!h->len || !b->len || !name_shape_of (b->pdata[0]).code_without_name)
    return;
  BpLine *last = h->pdata[h->len - 1];
  g_autoptr (GPtrArray) toks = tokens_shared (last->text);
  g_autofree char *c_own = NULL;
  const char *c = compact_of (last->text, &c_own);
  if (!tokens_name_only (toks) || toks->len != 1 || strstr (c, "科目") || strstr (c, "合计")
      || strstr (c, "支出") == c || strstr (c, "项目") || strstr (c, "编码"))
    return;
  g_ptr_array_insert (b, 0, g_ptr_array_steal_index (h, h->len - 1));
}

/* Rows read line by line went wrong when a code has no figures or
 * figures have no code: the plain text printed the cells apart. */
static gboolean
prows_misread (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      PRow *r = g_ptr_array_index (rows, i);
      if ((r->code && !r->nums->len) || (!r->code && !r->total && r->nums->len))
        return TRUE;
    }
  return FALSE;
}

/* Lines of the body holding a percentage ("-60.86%", "4.88%"): a
 * comparison table (执行数 | 预算数 | 增减额 | 增减(%)), whose columns the
 * stream rebuild does not know. */
static GRegex *percent_line_re;

static guint
body_percent_lines (TableBody *tb)
{
  guint n = 0;
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      g_autofree char *t_own = NULL;
      const char *t = compact_of (((BpLine *) tb->body_lines->pdata[i])->text, &t_own);
      n += regex_matches (&percent_line_re, "^-?[0-9][0-9,]*(?:\\.[0-9]+)?%$", t);
    }
  return n;
}

/* The row's parent by code (the nearest row above whose code starts its
 * own), or -1. */
static int
code_parent_of (GPtrArray *rows, guint i)
{
  const PRow *r = g_ptr_array_index (rows, i);
  for (int j = (int) i - 1; j >= 0; j--)
    {
      const PRow *p = g_ptr_array_index (rows, j);
      if (p->code && strlen (p->code) < strlen (r->code)
          && g_str_has_prefix (r->code, p->code))
        return j;
    }
  return -1;
}

/* TRUE when the first figures of the coded children of row P add up to P's
 * first figure (every child has one). */
static gboolean
children_add_up (GPtrArray *rows, guint p)
{
  const PRow *parent = g_ptr_array_index (rows, p);
  if (parent->vals->len == 0)
    return FALSE;
  bp_wide_fen sum = 0;
  guint kids = 0;
  for (guint i = p + 1; i < rows->len; i++)
    {
      const PRow *k = g_ptr_array_index (rows, i);
      if (!k->code || code_parent_of (rows, i) != (int) p)
        continue;
      if (k->vals->len == 0)
        return FALSE;
      sum += g_array_index (k->vals, gint64, 0);
      kids++;
    }
  return kids > 0
         && ABS (sum - g_array_index (parent->vals, gint64, 0)) <= (bp_wide_fen) kids;
}

/* Rows that are one figure and nothing else (no code, name or 合计). */
static gboolean
prow_figure_only (const PRow *r)
{
  return !r->code && !r->total && r->name->len == 0 && r->vals->len == 1;
}

static void
prow_move_figures (PRow *to, PRow *from)
{
  for (guint i = 0; i < from->nums->len; i++)
    {
      g_ptr_array_add (to->nums, g_strdup (from->nums->pdata[i]));
      g_array_append_val (to->vals, g_array_index (from->vals, gint64, i));
    }
  g_array_append_vals (to->spans, from->spans->data, from->spans->len);
  to->unplaced |= from->unplaced;
  g_ptr_array_set_size (from->nums, 0);
  g_array_set_size (from->vals, 0);
  g_array_set_size (from->spans, 0);
}

/* Digits after the decimal point of figure T, -1 without one. */
static int
figure_decimals (const char *t)
{
  const char *dot = strrchr (t, '.');
  return dot ? (int) strlen (dot + 1) : -1;
}

/* The count of decimals most of the rows' figures print. */
static int
usual_decimals (GPtrArray *rows)
{
  guint seen[10] = { 0 }, best = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      for (guint k = 0; k < r->nums->len; k++)
        {
          int d = figure_decimals (r->nums->pdata[k]);
          if (d >= 0 && d < 10)
            seen[d]++;
        }
    }
  for (guint d = 1; d < 10; d++)
    best = seen[d] > seen[best] ? d : best;
  return (int) best;
}

/* A figure of the line, as printed, with where it sits. */
typedef struct {
  char *text;
  gint64 value;
  int span[2];
} Piece;

static void
piece_clear (gpointer p)
{
  g_free (((Piece *) p)->text);
}

static gboolean
digits_only (const char *t)
{
  for (const char *p = t; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return *t != '\0';
}

/* Row R's figures from the K-th on as pieces into OUT; its digits-only
 * pieces into TAILS instead when TAILS is not NULL. FALSE when a figure
 * has no position. */
static gboolean
prow_pieces (const PRow *r, GArray *out, GArray *tails)
{
  for (guint k = 0; k < r->nums->len; k++)
    {
      const char *t = r->nums->pdata[k];
      Piece p = { g_strdup (t), g_array_index (r->vals, gint64, k),
                  { g_array_index (r->spans, int, 2 * k), g_array_index (r->spans, int, 2 * k + 1) } };
      g_array_append_val (tails && digits_only (t) ? tails : out, p);
      if (p.span[0] < 0)
        return FALSE;
    }
  return TRUE;
}

/* Completes the pieces of FIGS cut short (fewer than DECIMALS decimals)
 * with the tail of TAILS that starts under the piece or within two
 * characters after its end ("576,171.1" above, "1" below; right-aligned "226,000.0" over
 * "0"), each tail used once. FALSE unless every short piece and every
 * tail is paired, at least one. */
static gboolean
pieces_complete (GArray *figs, GArray *tails, int decimals)
{
  g_autofree gboolean *used = g_new0 (gboolean, tails->len + 1);
  guint paired = 0;
  for (guint i = 0; i < figs->len; i++)
    {
      Piece *f = &g_array_index (figs, Piece, i);
      int d = figure_decimals (f->text);
      if (d == decimals)
        continue;
      int hit = -1;
      for (guint k = 0; k < tails->len && hit < 0 && d >= 0; k++)
        {
          const Piece *t = &g_array_index (tails, Piece, k);
          if (!used[k] && t->span[0] >= f->span[0] && t->span[0] <= f->span[1] + 2
              && d + (int) strlen (t->text) == decimals)
            hit = (int) k;
        }
      if (hit < 0)
        return FALSE;
      used[hit] = TRUE;
      const Piece *t = &g_array_index (tails, Piece, hit);
      char *joined = g_strconcat (f->text, t->text, NULL);
      g_free (f->text);
      f->text = joined;
      f->span[1] = MAX (f->span[1], t->span[1]);
      if (!token_amount (f->text, &f->value))
        return FALSE;
      paired++;
    }
  return paired > 0 && paired == tails->len;
}

static gint
piece_cmp (gconstpointer a, gconstpointer b)
{
  return ((const Piece *) a)->span[0] - ((const Piece *) b)->span[0];
}

static void
prow_set_pieces (PRow *r, GArray *pieces)
{
  g_array_sort (pieces, piece_cmp);
  g_ptr_array_set_size (r->nums, 0);
  g_array_set_size (r->vals, 0);
  g_array_set_size (r->spans, 0);
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *p = &g_array_index (pieces, Piece, i);
      g_ptr_array_add (r->nums, g_strdup (p->text));
      g_array_append_val (r->vals, p->value);
      g_array_append_vals (r->spans, p->span, 1);
    }
}

/* A line of figures and nothing else. */
static gboolean
prow_figures_only (const PRow *r)
{
  return r && !r->code && !r->total && r->name->len == 0 && r->vals->len > 0;
}

/* Whether the pieces prow_join_wrapped would take from MID, TOP and BOT
 * hold a tail (digits only) and a figure short of DECIMALS decimals:
 * without both, pieces_complete pairs nothing. Answered before any piece
 * is copied (issue 18: most rows). */
static gboolean
wrap_may_join (const PRow *mid, const PRow *top, const PRow *bot, int decimals)
{
  gboolean tail = bot != NULL && bot->nums->len > 0, short_figure = FALSE;
  for (guint k = 0; k < mid->nums->len; k++)
    {
      const char *t = mid->nums->pdata[k];
      if (digits_only (t))
        tail = TRUE;
      else
        short_figure |= figure_decimals (t) != decimals;
    }
  for (guint k = 0; top && k < top->nums->len; k++)
    short_figure |= figure_decimals (top->nums->pdata[k]) != decimals;
  return tail && short_figure;
}

/* Row I with the figures a cell too narrow for them wrapped around its
 * line (Hangzhou): the line above holds figures (the row's own, vertically
 * centred, and the start of a wrapped one: "226,000.00 … 226,000.0"), the
 * row's line or the one below the wrapped figure's last digits ("0").
 * Joined when every cut figure finds its digits; returns how many rows
 * above it were taken in (0 or 1), or -1 when nothing was joined. */
static int
prow_join_wrapped (GPtrArray *rows, guint i, int decimals)
{
  PRow *mid = rows->pdata[i];
  PRow *top = i > 0 ? rows->pdata[i - 1] : NULL;
  PRow *bot = i + 1 < rows->len ? rows->pdata[i + 1] : NULL;
  if (prow_figures_only (mid) || mid->unplaced)
    return -1;
  if (!prow_figures_only (top) || top->unplaced || mid->line != top->end_line + 1)
    top = NULL;
  if (!prow_figures_only (bot) || bot->unplaced || bot->line > mid->end_line + 1)
    bot = NULL;
  for (guint k = 0; bot && k < bot->nums->len; k++)
    if (!digits_only (bot->nums->pdata[k]))
      bot = NULL;
  if (!wrap_may_join (mid, top, bot, decimals))
    return -1;
  g_autoptr (GArray) figs = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_autoptr (GArray) tails = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_array_set_clear_func (figs, piece_clear);
  g_array_set_clear_func (tails, piece_clear);
  if (!prow_pieces (mid, figs, tails) || (top && !prow_pieces (top, figs, NULL))
      || (bot && !prow_pieces (bot, tails, tails)))
    return -1;
  if (!pieces_complete (figs, tails, decimals))
    return -1;
  prow_set_pieces (mid, figs);
  if (bot)
    {
      mid->end_line = MAX (mid->end_line, bot->end_line);
      g_ptr_array_remove_index (rows, i + 1);
    }
  if (top)
    g_ptr_array_remove_index (rows, i - 1);
  return top != NULL;
}

/* Joins the figures wrapped around their rows' lines (prow_join_wrapped). */
static void
prows_join_wrapped (GPtrArray *rows)
{
  int decimals = usual_decimals (rows);
  for (guint i = 0; decimals > 0 && i < rows->len; i++)
    {
      int above = prow_join_wrapped (rows, i, decimals);
      if (above > 0)
        i -= (guint) above;
    }
}

/* Plain pdftotext may print the figures of a few coded rows after the
 * table's last row (js 支出总表: "2080504 / 未归口管理的行政单位离退休"
 * with no figure, then "397.23 / 1,326.81 / 530.72" after 2210202). When
 * the rows without figures are exactly as many as the lone figures after
 * the first of them, the figures go to those rows in order, kept only when
 * every parent of a filled row then equals the sum of its children. */
/* "2080505 / 名称 / 2080506 / 名称 / 397.23 / 1,326.81 …": the last of a
 * run of rows without figures took the first late figure when read line
 * by line. Gives that figure back to a figure-only row of its own after
 * it; returns that row's index, or 0 when there is none. */
static guint
prows_split_run_end (GPtrArray *rows)
{
  for (guint i = 2; i + 1 < rows->len; i++)
    {
      PRow *r = g_ptr_array_index (rows, i);
      const PRow *before = g_ptr_array_index (rows, i - 1);
      if (r->code && r->vals->len == 1 && before->code && before->vals->len == 0
          && prow_figure_only (g_ptr_array_index (rows, i + 1)))
        {
          PRow *fig = prow_new (NULL, &(BpLine) { .line = r->end_line });   /* page 0 */
          prow_move_figures (fig, r);
          g_ptr_array_insert (rows, i + 1, fig);
          return i + 1;
        }
    }
  return 0;
}

static gboolean
prows_place_late_figures (GPtrArray *rows)
{
  g_autoptr (GArray) bare = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) late = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = g_ptr_array_index (rows, i);
      if (r->code && r->vals->len == 0)
        g_array_append_val (bare, i);
      else if (bare->len > 0 && prow_figure_only (r))
        g_array_append_val (late, i);
    }
  if (bare->len == 0 || bare->len != late->len)
    return FALSE;
  for (guint k = 0; k < bare->len; k++)
    prow_move_figures (rows->pdata[g_array_index (bare, guint, k)],
                       rows->pdata[g_array_index (late, guint, k)]);
  gboolean holds = TRUE;
  for (guint k = 0; k < bare->len && holds; k++)
    {
      int p = code_parent_of (rows, g_array_index (bare, guint, k));
      holds = p >= 0 && children_add_up (rows, (guint) p);
    }
  for (guint k = bare->len; k-- > 0;)
    {
      guint b = g_array_index (bare, guint, k), l = g_array_index (late, guint, k);
      if (!holds)
        prow_move_figures (rows->pdata[l], rows->pdata[b]);
      else
        g_ptr_array_remove_index (rows, l);
    }
  return holds;
}

static void
prows_fill_late_figures (GPtrArray *rows)
{
  guint split = prows_split_run_end (rows);
  if (prows_place_late_figures (rows) || !split)
    return;
  prow_move_figures (rows->pdata[split - 1], rows->pdata[split]);
  g_ptr_array_remove_index (rows, split);
}

/* How many figure-only rows follow row I. */
static guint
prows_lone_figures_after (GPtrArray *rows, guint i)
{
  guint k = 0;
  while (i + 1 + k < rows->len && prow_figure_only (rows->pdata[i + 1 + k]))
    k++;
  return k;
}

/* Row I with the lone figures after it holds N figures that fit the
 * column identities IDS. */
static gboolean
prow_whole_fits (GPtrArray *rows, guint i, guint n, const GPtrArray *ids)
{
  gint64 vals[16];
  const PRow *r = rows->pdata[i];
  guint k = 0;
  for (; k < r->vals->len; k++)
    vals[k] = g_array_index (r->vals, gint64, k);
  for (guint j = i + 1; k < n; j++, k++)
    vals[k] = g_array_index (((const PRow *) rows->pdata[j])->vals, gint64, 0);
  return placement_fits (vals, n, n, ids);
}

/* Plain text printing every cell of a row (0.00 where empty), a line
 * each, in the row's order ("2210203 / 购房补贴 / 215.19 / 215.19 /
 * 0.00", Shenzhen): read line by line, a coded row keeps its first figure
 * and each other one becomes a row of its own. When four coded rows in
 * five (three at least) are followed by just the lone figures that
 * complete their columns (COLS), and all of them but two at most then fit
 * the column identities, every coded row so followed takes them: its
 * figures are read whole, and one that does not add up (a misprinted
 * figure) is for the checks to report. */
static void
prows_join_cells_apart (GPtrArray *rows, const GPtrArray *cols)
{
  guint n = cols->len, coded = 0, whole = 0, fit = 0;
  if (n < 2 || n > 16)
    return;
  g_autoptr (GPtrArray) ids = identities_for (cols);
  g_autofree gboolean *join = g_new0 (gboolean, rows->len + 1);
  for (guint i = 0; ids->len > 0 && i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      if (!r->code || r->vals->len == 0)
        continue;
      coded++;
      if (r->vals->len >= n || r->vals->len + prows_lone_figures_after (rows, i) != n)
        continue;
      join[i] = TRUE;
      whole++;
      fit += prow_whole_fits (rows, i, n, ids);
    }
  if (fit < 3 || whole - fit > 2 || whole * 5 < coded * 4)
    return;
  for (guint i = rows->len; i-- > 0;)
    if (join[i])
      {
        PRow *r = rows->pdata[i];
        guint k = n - r->vals->len;
        for (guint j = i + 1; j <= i + k; j++)
          {
            const PRow *f = rows->pdata[j];
            r->end_line = MAX (r->end_line, f->end_line);
            prow_move_figures (r, rows->pdata[j]);
          }
        g_ptr_array_remove_range (rows, i + 1, k);
      }
}

/* A one-column table's late figures: plain text prints some rows' single
 * figure not after the row but at the end of its page, after the page's
 * last row, in the rows' order (Fuzhou's and Jiangsu's 基本支出 tables by
 * economic class: "30211 / 差旅费 / 30212 / 因公出国（境）费用 / … / 30228 /
 * 工会经费 / 9.00 / 6.14 / 1.00"). Read line by line, those rows have no
 * figure and the figures make rows of their own. A table of one column
 * has no column identities: only the code hierarchy tells which rows the
 * figures are; each run of lone figures goes, in order, to as many of the
 * rows without a figure since the run before, so that every parent's
 * figure equals the sum of its children's. */
typedef struct {
  GPtrArray *rows;
  GPtrArray *groups;    /* GArray* of guint per run: its lone figures' rows */
  GPtrArray *windows;   /* GArray* of guint per run: the rows it may fill */
  GPtrArray *lead_groups, *lead_windows;   /* the same with the row before the
                                            * run giving its figure (or NULL) */
  int *parent;          /* per row: its parent row by code, or -1 */
  int *last_group;      /* per parent row: the last run touching its sum, or -1 */
  gboolean *has_kids;
  gboolean *has;        /* per row: has a figure (as printed or placed) */
  gint64 *val;
  int *placed;          /* per row: the row whose figure it takes, or -1 */
  guint nodes;
  int max_fail, fails, held;
  bp_wide_fen off;      /* how far the failing sums are off */
  gboolean backward;    /* each figure to the latest row that fits */
} LateFit;

enum { LATE_FIT_NODES = 200000 };

/* The sum of row P against its children: 1 holds, -1 fails (OFF how
 * far), 0 nothing to check (P has no figure). */
static int
late_fit_check (const LateFit *f, guint p, bp_wide_fen *off)
{
  if (!f->has[p])
    return 0;
  bp_wide_fen sum = 0;
  guint kids = 0;
  for (guint i = p + 1; i < f->rows->len; i++)
    if (f->parent[i] == (int) p)
      sum += f->has[i] ? f->val[i] : 0, kids++;
  *off = bp_wide_abs (sum - f->val[p]);
  return *off <= (bp_wide_fen) kids ? 1 : -1;
}

/* How many sums of the whole table hold. */
static guint
late_fit_sums_held (const LateFit *f)
{
  guint held = 0;
  for (guint i = 0; i < f->rows->len; i++)
    {
      bp_wide_fen off;
      held += f->has_kids[i] && late_fit_check (f, i, &off) > 0;
    }
  return held;
}

/* Run G's figures are placed: a figure must go where some sum checks it,
 * and the sums no later run touches must hold, but for MAX_FAIL off by
 * one amount (a changed figure). Counts them in F. */
static gboolean
late_fit_close_group (LateFit *f, guint g)
{
  for (guint i = 0; i < f->rows->len; i++)
    {
      if (f->placed[i] >= 0 && !f->has_kids[i]
          && (f->parent[i] < 0 || !f->has[f->parent[i]]))
        return FALSE;
      if (f->last_group[i] != (int) g)
        continue;
      bp_wide_fen off = 0;
      int c = late_fit_check (f, i, &off);
      f->held += c > 0;
      if (c < 0 && (f->fails > 0 && off != f->off))
        return FALSE;
      if (c < 0)
        f->off = off, f->fails++;
      if (f->fails > f->max_fail)
        return FALSE;
    }
  return TRUE;
}

static gboolean late_fit_group (LateFit *f, guint g);

static gboolean
late_fit_next_group (LateFit *f, guint g)
{
  int fails = f->fails, held = f->held;
  bp_wide_fen off = f->off;
  if (late_fit_close_group (f, g) && late_fit_group (f, g + 1))
    return TRUE;
  f->fails = fails, f->held = held, f->off = off;
  return FALSE;
}

/* Places figures FIGS from the J-th on in rows WIN from position FROM on
 * (each figure's value: its row's figure as printed). */
static gboolean
late_fit_place (LateFit *f, guint g, GArray *figs, GArray *win, guint j, guint from)
{
  if (++f->nodes > LATE_FIT_NODES)
    return FALSE;
  if (j == figs->len)
    return late_fit_next_group (f, g);
  guint fig = g_array_index (figs, guint, f->backward ? figs->len - 1 - j : j);
  gint64 v = g_array_index (((PRow *) f->rows->pdata[fig])->vals, gint64, 0);
  for (guint w = from; w + (figs->len - j) <= win->len; w++)
    {
      guint r = g_array_index (win, guint, f->backward ? win->len - 1 - w : w);
      f->has[r] = TRUE, f->val[r] = v, f->placed[r] = (int) fig;
      if (late_fit_place (f, g, figs, win, j + 1, w + 1))
        return TRUE;
      f->has[r] = FALSE, f->placed[r] = -1;
    }
  return FALSE;
}

/* Places run G, the row just before it keeping its figure; else (when
 * there is such a row) that figure taken for the run's first: the first
 * late figure follows the page's last row, which had none of its own
 * ("31008 / 物资储备 / 17.78 / 186.87": 17.78 is 30302's). */
static gboolean
late_fit_group (LateFit *f, guint g)
{
  if (g == f->groups->len)
    return f->max_fail == 0 ? f->held > 0 : late_fit_sums_held (f) >= 2;
  if (late_fit_place (f, g, f->groups->pdata[g], f->windows->pdata[g], 0, 0))
    return TRUE;
  GArray *figs = f->lead_groups->pdata[g], *win = f->lead_windows->pdata[g];
  if (!figs)
    return FALSE;
  guint lead = g_array_index (figs, guint, 0);
  f->has[lead] = FALSE;
  if (late_fit_place (f, g, figs, win, 0, 0))
    return TRUE;
  f->has[lead] = TRUE, f->val[lead] = g_array_index (((PRow *) f->rows->pdata[lead])->vals,
                                                     gint64, 0);
  return FALSE;
}

/* The run's figures and rows with the row just before the run (LEAD, a
 * coded row with one figure) giving its figure to the run. */
static void
late_fit_lead_run (LateFit *f, int lead, GArray *figs, GArray *win)
{
  if (lead < 0)
    {
      g_ptr_array_add (f->lead_groups, NULL);
      g_ptr_array_add (f->lead_windows, NULL);
      return;
    }
  guint l = (guint) lead;
  GArray *lfigs = g_array_copy (figs), *lwin = g_array_copy (win);
  g_array_prepend_val (lfigs, l);
  g_array_append_val (lwin, l);
  g_ptr_array_add (f->lead_groups, lfigs);
  g_ptr_array_add (f->lead_windows, lwin);
}

/* Row I is the last of its page: a coded row with one figure and no lone
 * figure after it, or the last of a page's lone figures. */
static gboolean
late_fit_page_end (GPtrArray *rows, guint i)
{
  const PRow *r = rows->pdata[i];
  if (!prow_figure_only (r) && (!r->code || r->name->len == 0 || r->vals->len != 1))
    return FALSE;
  if (i + 1 == rows->len)
    return TRUE;
  const PRow *next = rows->pdata[i + 1];
  return next->page != r->page && !prow_figure_only (next);
}

/* Cuts the rows into runs of lone figures and the rows without a figure
 * before each (since the run before). FALSE when a run has more figures
 * than rows to take them, or the table is not read as one column. */
static gboolean
late_fit_runs (LateFit *f)
{
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < f->rows->len; i++)
    {
      const PRow *r = f->rows->pdata[i];
      if (r->vals->len > 1)
        return FALSE;
      if (r->code && r->name->len > 0 && r->vals->len == 0)
        g_array_append_val (open, i);
      if (open->len == 0)
        continue;
      if (!prow_figure_only (r) && !late_fit_page_end (f->rows, i))
        continue;
      const PRow *before = f->rows->pdata[prow_figure_only (r) ? i - 1 : i];
      int lead = before->code && before->name->len > 0 && before->vals->len == 1
                 ? (int) (before == r ? i : i - 1) : -1;
      if (lead == (int) i)
        i++;   /* the page's last row: its figure may be the one late figure */
      GArray *figs = g_array_new (FALSE, FALSE, sizeof (guint));
      for (; i < f->rows->len && prow_figure_only (f->rows->pdata[i]); i++)
        g_array_append_val (figs, i);
      i--;
      if (figs->len > 0 && !late_fit_page_end (f->rows, i))
        {
          g_array_unref (figs);
          return FALSE;   /* lone figures amid a page: columns, not late figures */
        }
      g_ptr_array_add (f->groups, figs);
      g_ptr_array_add (f->windows, g_array_copy (open));
      late_fit_lead_run (f, lead, figs, open);
      g_array_set_size (open, 0);
      if (figs->len > ((GArray *) f->windows->pdata[f->windows->len - 1])->len + (lead >= 0))
        return FALSE;
    }
  return f->groups->len > 0;
}

/* Each parent's sum is checked once the last run that fills it or one of
 * its children is placed. */
static void
late_fit_links (LateFit *f)
{
  guint n = f->rows->len;
  for (guint i = 0; i < n; i++)
    {
      const PRow *r = f->rows->pdata[i];
      f->parent[i] = r->code ? code_parent_of (f->rows, i) : -1;
      f->has[i] = r->vals->len > 0;
      f->val[i] = f->has[i] ? g_array_index (r->vals, gint64, 0) : 0;
      f->placed[i] = -1;
      f->last_group[i] = -1;
      if (f->parent[i] >= 0)
        f->has_kids[f->parent[i]] = TRUE;
    }
  for (guint g = 0; g < f->windows->len; g++)
    {
      GArray *win = f->lead_windows->pdata[g] ? f->lead_windows->pdata[g] : f->windows->pdata[g];
      for (guint w = 0; w < win->len; w++)
        {
          guint r = g_array_index (win, guint, w);
          if (f->has_kids[r])
            f->last_group[r] = (int) g;
          if (f->parent[r] >= 0)
            f->last_group[f->parent[r]] = (int) g;
        }
    }
}

/* The rows take their placed figures (the lone rows are dropped); every
 * row still without one is empty as printed. */
static void
late_fit_apply (LateFit *f)
{
  for (guint i = 0; i < f->rows->len; i++)
    {
      PRow *r = f->rows->pdata[i];
      if (f->placed[i] >= 0 && f->placed[i] != (int) i)
        prow_move_figures (r, f->rows->pdata[f->placed[i]]);
      else if (r->code && r->vals->len == 0)
        r->known_empty = TRUE;
    }
  for (guint g = f->groups->len; g-- > 0;)
    {
      GArray *figs = f->groups->pdata[g];
      if (figs->len > 0)
        g_ptr_array_remove_range (f->rows, g_array_index (figs, guint, 0), figs->len);
    }
}

static void
late_fit_array_free (gpointer a)
{
  if (a)
    g_array_unref (a);
}

/* First a placement under which every sum holds; failing that, one with
 * one or two sums off by the same amount (a changed figure, which the
 * checks then report), when three sums at least hold. */
static gboolean
late_fit_solve (LateFit *f, gboolean backward)
{
  f->backward = backward;
  for (f->max_fail = 0; f->max_fail <= 2; f->max_fail++)
    {
      late_fit_links (f);
      f->nodes = 0, f->fails = 0, f->held = 0, f->off = 0;
      if (late_fit_group (f, 0))
        return TRUE;
    }
  return FALSE;
}

/* The codes whose figure the sums do not pin down: placed differently
 * when each late figure goes to the earliest rows that fit and when to
 * the latest (" 30231 30239 "). */
static char *
late_fit_unsure (const LateFit *f, const int *latest)
{
  GString *codes = g_string_new (" ");
  for (guint i = 0; i < f->rows->len; i++)
    {
      const PRow *r = f->rows->pdata[i];
      if (r->code && f->placed[i] != latest[i])
        g_string_append_printf (codes, "%s ", r->code);
    }
  return g_string_free (codes, FALSE);
}

/* Places a one-column table's late figures (see LateFit); the rows whose
 * figure the sums leave open are listed in tables.<id>.late_figures, so
 * no check takes that figure for the row's own. */
static void
prows_place_one_column (TableBody *tb, GPtrArray *rows)
{
  guint n = rows->len;
  LateFit f = { .rows = rows };
  f.groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  f.windows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  f.lead_groups = g_ptr_array_new_with_free_func (late_fit_array_free);
  f.lead_windows = g_ptr_array_new_with_free_func (late_fit_array_free);
  f.parent = g_new0 (int, n), f.last_group = g_new0 (int, n), f.placed = g_new0 (int, n);
  f.has_kids = g_new0 (gboolean, n), f.has = g_new0 (gboolean, n), f.val = g_new0 (gint64, n);
  if (late_fit_runs (&f))
    {
      gboolean latest_found = late_fit_solve (&f, TRUE);
      g_autofree int *latest = g_memdup2 (f.placed, n * sizeof (int));
      for (guint i = 0; !latest_found && i < n; i++)
        latest[i] = -2;   /* none: no row is sure */
      if (late_fit_solve (&f, FALSE))
        {
          g_autofree char *key = g_strdup_printf ("tables.%s.late_figures", tb->table->id);
          g_autofree char *unsure = late_fit_unsure (&f, latest);
          if (strlen (unsure) > 1)
            bp_document_set_meta (tb->doc, key, unsure);
          late_fit_apply (&f);
        }
    }
  g_ptr_array_unref (f.groups);
  g_ptr_array_unref (f.windows);
  g_ptr_array_unref (f.lead_groups);
  g_ptr_array_unref (f.lead_windows);
  g_free (f.parent), g_free (f.last_group), g_free (f.placed);
  g_free (f.has_kids), g_free (f.has), g_free (f.val);
}

/* "2100799 / 其他计划生育事务支出 / 21011 / (the header printed again
 * over a new page) / 174.88 / 32.19 / 142.69 / 行政事业单位医疗 /
 * 7,013.60 …": plain text prints a row's code before the repeated header
 * and its name and figures after it, with the late figures of the row
 * above in between. Read line by line, the named row above has no figures, the
 * code takes them and the name comes without a code. The code goes to
 * the name and the figures to the row above, kept when both rows'
 * parents then equal the sums of their children. */
static void
prows_code_over_page_break (GPtrArray *rows)
{
  for (guint i = 0; i + 2 < rows->len; i++)
    {
      PRow *above = rows->pdata[i], *coded = rows->pdata[i + 1];
      if (!above->code || !above->name->len || above->vals->len || !coded->code
          || coded->name->len || !coded->vals->len)
        continue;
      guint k = i + 2;
      while (k < rows->len && prow_figure_only (rows->pdata[k]))
        k++;
      PRow *named = k < rows->len ? rows->pdata[k] : NULL;
      if (!named || named->code || named->total || !named->name->len || !named->vals->len)
        continue;
      prow_move_figures (above, coded);
      named->code = g_steal_pointer (&coded->code);
      int pa = code_parent_of (rows, i), pn = code_parent_of (rows, k);
      if (pa >= 0 && pn >= 0 && children_add_up (rows, (guint) pa)
          && children_add_up (rows, (guint) pn))
        {
          g_ptr_array_remove_index (rows, i + 1);   /* nothing left of it */
          continue;
        }
      coded->code = g_steal_pointer (&named->code);
      prow_move_figures (coded, above);
    }
}

/* The codes printed in runs apart from their rows (RUN_CODES, in order)
 * go to the rows with a name and figures but no code, in order, when
 * there are exactly as many, the table's codes then ascend down the rows,
 * and every sum they take part in holds: each such row's parent (when
 * printed) equals the sum of its children, and so does the row itself
 * when it has children; at least one sum must hold. Otherwise the rows
 * keep no code. Returns TRUE when the codes were given (or there were
 * none). */
static gboolean
prows_take_run_codes (GPtrArray *rows, GPtrArray *run_codes)
{
  g_autoptr (GArray) named = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      if (!r->code && !r->total && r->name->len > 0 && r->vals->len > 0)
        g_array_append_val (named, i);
    }
  if (run_codes->len == 0)
    return TRUE;
  if (named->len != run_codes->len)
    return FALSE;
  for (guint k = 0; k < named->len; k++)
    ((PRow *) rows->pdata[g_array_index (named, guint, k)])->code = run_codes->pdata[k];
  gboolean holds = TRUE, confirmed = FALSE;
  const char *last = "";
  for (guint i = 0; i < rows->len && holds; i++)
    {
      const PRow *r = rows->pdata[i];
      if (!r->code)
        continue;
      holds = strcmp (last, r->code) < 0;
      last = r->code;
    }
  for (guint k = 0; k < named->len && holds; k++)
    {
      guint i = g_array_index (named, guint, k);
      int p = code_parent_of (rows, i);
      gboolean is_parent = FALSE;
      for (guint j = i + 1; j < rows->len && !is_parent; j++)
        is_parent = ((PRow *) rows->pdata[j])->code && code_parent_of (rows, j) == (int) i;
      if (p >= 0)
        holds = children_add_up (rows, (guint) p), confirmed = TRUE;
      if (holds && is_parent)
        holds = children_add_up (rows, i), confirmed = TRUE;
    }
  for (guint k = 0; k < named->len; k++)
    {
      PRow *r = rows->pdata[g_array_index (named, guint, k)];
      r->code = holds && confirmed ? g_strdup (r->code) : NULL;
    }
  return holds && confirmed;
}

/* The code of the row whose sum a row coded CODE counts in: the longest
 * code of ROWS that starts CODE, else 合计. */
static const char *
sum_parent_code (GPtrArray *rows, const char *code)
{
  const char *best = "合计";
  gsize best_len = 0, len = strlen (code);
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      gsize n = r->code ? strlen (r->code) : 0;
      if (n > best_len && n < len && g_str_has_prefix (code, r->code))
        best = r->code, best_len = n;
    }
  return best;
}

/* The sum of the row coded PARENT (合计; "*" for every row) cannot be
 * checked: a child's figures were printed apart (tables.<id>.rows_apart
 * says why, WHY the first time; tables.<id>.rows_apart.sums lists the
 * rows, " 20503 合计 "). */
static void
doubt_sum (TableBody *tb, const char *parent, const char *why)
{
  g_autofree char *key = g_strdup_printf ("tables.%s.rows_apart", tb->table->id);
  g_autofree char *sums_key = g_strconcat (key, ".sums", NULL);
  if (!bp_document_get_meta (tb->doc, key))
    bp_document_set_meta (tb->doc, key, why);
  const char *sums = bp_document_get_meta (tb->doc, sums_key);
  g_autofree char *item = g_strdup_printf (" %s ", parent);
  if (sums && strstr (sums, item))
    return;
  g_autofree char *more = g_strconcat (sums ? sums : " ", parent, " ", NULL);
  bp_document_set_meta (tb->doc, sums_key, more);
}

/* Plain text printed the figures of some coded rows elsewhere (a row
 * with its code and name but no figure, which no late figure filled):
 * their parents lack a child, and a sibling may have taken the figure, so
 * the parents' sums say nothing of the document. */
static void
mark_rows_without_figures (TableBody *tb, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      if (!r->code || r->name->len == 0 || r->vals->len > 0 || r->known_empty)
        continue;
      g_autofree char *why = g_strdup_printf ("coded rows have no figures of their own "
                                              "(printed apart), the first on line %d",
                                              r->line);
      doubt_sum (tb, sum_parent_code (rows, r->code), why);
    }
}

/* Codes printed apart that no row could take (RUN_CODES): the page's
 * rows were printed out of order, their parents miss children and rows
 * near the runs may hold others' figures, so none of the table's sums
 * says anything of the document ("*": the checks report their failures
 * as info). */
static void
mark_codes_apart (TableBody *tb, GPtrArray *run_codes)
{
  g_autofree char *why = g_strdup_printf ("%u codes printed apart from their rows "
                                          "(%s … %s) could not be paired with them",
                                          run_codes->len, (char *) run_codes->pdata[0],
                                          (char *) run_codes->pdata[run_codes->len - 1]);
  doubt_sum (tb, "*", why);
}

/* Rows printed with names but no codes take their catalogue codes where
 * the table's sums confirm them (namecodes.c); a printed code the
 * confirmed rows leave out was stray, and is dropped. Returns the codes
 * as printed (one per row, for prows_restore_codes), or NULL when the
 * rows keep them. */
static GPtrArray *
prows_codes_from_names (GPtrArray *rows, const GPtrArray *run_codes)
{
  g_autofree NamedRow *named = g_new0 (NamedRow, rows->len + 1);
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = g_ptr_array_index (rows, i);
      named[i] = (NamedRow) { .name = r->name->str, .code = r->code,
                              .has_first = r->vals->len > 0, .total = r->total };
      if (named[i].has_first)
        named[i].first = g_array_index (r->vals, gint64, 0);
    }
  if (!named_rows_codes (named, rows->len, run_codes))
    return NULL;
  GPtrArray *printed = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      PRow *r = g_ptr_array_index (rows, i);
      g_ptr_array_add (printed, r->code);
      r->code = named[i].assigned;
    }
  return printed;
}

static void
prows_restore_codes (GPtrArray *rows, GPtrArray *printed)
{
  for (guint i = 0; i < rows->len; i++)
    {
      PRow *r = g_ptr_array_index (rows, i);
      g_free (r->code);
      r->code = g_ptr_array_steal_index (printed, 0);
    }
}

/* The tables the function classification is read from (SCHEMA.md), and
 * the other funds' function tables whose rows the text quotes (政府性基金,
 * 国有资本经营): only they get codes from names. */
gboolean
function_rows_source (const char *type)
{
  return g_strcmp0 (type, "expense_summary") == 0
         || g_strcmp0 (type, "general_budget_expense") == 0
         || g_strcmp0 (type, "gov_fund_expense") == 0
         || g_strcmp0 (type, "state_capital_expense") == 0;
}

static GRegex *re_heading_words;

/* The sum of the first figures of the 类 rows (3-digit codes); *N: how
 * many. */
static gint64
class_rows_sum (GPtrArray *rows, guint *n)
{
  gint64 sum = 0;
  *n = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = g_ptr_array_index (rows, i);
      if (r->code && strlen (r->code) == 3 && r->vals->len > 0)
        {
          sum += g_array_index (r->vals, gint64, 0);
          (*n)++;
        }
    }
  return sum;
}

/* "合计" / "人员经费支出" / "公用经费支出" …: plain text prints the column
 * headings a page left out after the 合计 label, and the row reads
 * "合计人员经费支出公用经费支出…". When the 类 add up to that row's
 * figure it is the table's 合计, and its label is 合计. */
static void
prows_trim_total_labels (GPtrArray *rows)
{
  guint n;
  gint64 classes = class_rows_sum (rows, &n);
  for (guint i = 0; n > 0 && i < rows->len; i++)
    {
      PRow *r = g_ptr_array_index (rows, i);
      const char *rest = r->name->str + strlen ("合计");
      if (r->total && r->vals->len > 0 && g_str_has_prefix (r->name->str, "合计")
          && *rest && ABS (g_array_index (r->vals, gint64, 0) - classes) <= (gint64) n
          && regex_matches (&re_heading_words, "^(?:\\p{Han}{1,8}?(?:支出|经费))+$", rest))
        g_string_truncate (r->name, strlen ("合计"));
    }
}

/* Adds row J's cells (N columns) to SUM. */
static void
prow_add_cells (const PRow *r, gint64 *sum, guint n)
{
  gint64 cells[64];
  prow_values (r, r->choice, cells, n);
  for (guint c = 0; c < n; c++)
    sum[c] += cells[c];
}

/* How many columns of row P's cells miss the sum of its children's (the
 * rows after it one code level down, up to the end of its code's run;
 * for the 合计 row, the 类); *OFF: by how much the first one does. */
static guint
prow_columns_off (GPtrArray *rows, guint p, guint n, gint64 *off)
{
  const PRow *parent = g_ptr_array_index (rows, p);
  gsize len = parent->total ? 3 : strlen (parent->code) + 2;
  gint64 want[64], sum[64] = { 0 };
  guint kids = 0, failed = 0;
  prow_values (parent, parent->choice, want, n);
  for (guint j = p + 1; j < rows->len; j++)
    {
      const PRow *k = g_ptr_array_index (rows, j);
      if (!k->code)
        continue;
      if (!parent->total && !g_str_has_prefix (k->code, parent->code))
        break;
      if (strlen (k->code) == len)
        {
          prow_add_cells (k, sum, n);
          kids++;
        }
    }
  for (guint c = 0; kids > 0 && c < n; c++)
    if (ABS (sum[c] - want[c]) > (gint64) kids && !failed++)
      *off = ABS (sum[c] - want[c]);
  return failed;
}

/* TRUE when the coded rows add up in every column: codes from names rest
 * on the rows' first figures alone, and a table whose other columns were
 * misread must not get rows the later checks would find in error. One
 * changed figure is let through: it breaks one column of at most two
 * sums (its parent's, or its own children's and its parent's) by the
 * same amount, while the others hold (three at least); a misread breaks
 * them by unrelated amounts. */
static gboolean
prows_coded_fit (GPtrArray *rows, guint n)
{
  n = MIN (n, 64);
  guint passed = 0, failed = 0;
  gint64 delta = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = g_ptr_array_index (rows, i);
      if (!(r->code || r->total) || r->vals->len == 0)
        continue;
      gint64 off = 0;
      guint cols = prow_columns_off (rows, i, n, &off);
      if (cols == 0)
        {
          passed++;
          continue;
        }
      if (cols > 1 || ++failed > 2 || (failed == 2 && ABS (off - delta) > 2))
        return FALSE;
      delta = off;
    }
  return failed == 0 || passed >= 3;
}

/* Plain pdftotext's shape: most body lines hold a single cell. */
static gboolean
body_cells_apart (TableBody *tb)
{
  guint single = 0, n = tb->body_lines->len;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GPtrArray) toks = tokens_shared (((BpLine *) tb->body_lines->pdata[i])->text);
      single += toks->len == 1;
      /* stop once the lines left cannot change the answer (issue 18) */
      if (single * 5 >= n * 3 || (single + (n - i - 1)) * 5 < n * 3)
        break;
    }
  return single * 5 >= n * 3;
}

static gboolean
is_row_number_token (const char *t)
{
  gsize n = strlen (t);
  return n >= 1 && n <= 3 && strspn (t, "0123456789") == n && !(n == 3 && token_is_code (t));
}

/* Plain text prints a 序号 column's numbers among the cells ("62" / "303"
 * / "对个人和家庭的补助" / "63"): in a table whose header names 序号 and
 * whose other figures carry cents, a bare integer of up to three digits (a
 * classification code aside) is a row number, not a figure. The body's
 * lines without them (owned copies), or NULL when there are none. */
static GPtrArray *
body_without_row_numbers (TableBody *tb, const char *header_compact)
{
  guint numbers = 0, cents = 0, dropped = 0;
  if (!strstr (header_compact, "序"))
    return NULL;
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      g_autoptr (GPtrArray) toks = tokens_shared (((BpLine *) tb->body_lines->pdata[i])->text);
      for (guint t = 0; t < toks->len; t++)
        if (token_is_number (toks->pdata[t]) && !token_is_code (toks->pdata[t])
            && !is_row_number_token (toks->pdata[t]))
          {
            numbers++;
            cents += strchr (toks->pdata[t], '.') != NULL;
          }
    }
  if (cents * 10 < numbers * 9)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_line_free);
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      const BpLine *l = tb->body_lines->pdata[i];
      g_autoptr (GPtrArray) toks = tokens_shared (l->text);
      GString *text = g_string_new (NULL);
      for (guint t = 0; t < toks->len; t++)
        {
          if (is_row_number_token (toks->pdata[t]))
            {
              dropped++;
              continue;
            }
          if (text->len)
            g_string_append_c (text, ' ');
          g_string_append (text, toks->pdata[t]);
        }
      if (text->len == 0)
        {
          g_string_free (text, TRUE);
          continue;
        }
      BpLine *copy = bp_line_new_take (g_string_free (text, FALSE), l->line, bp_line_end_line (l));
      copy->flags = l->flags;
      g_ptr_array_add (out, copy);
    }
  if (dropped == 0)
    g_clear_pointer (&out, g_ptr_array_unref);
  return out;
}

/* The bare integers of up to three digits (classification codes aside)
 * in the body of TB ascend: a 序号 column's numbers, printed among the
 * codes ("9 / 2080207 / … / 10 2080208 / 11 2080299 / 12 20805 / 13 /
 * 14"), not figures. Three of them at least. */
static gboolean
row_numbers_count_up (TableBody *tb)
{
  guint seen = 0;
  int last = -1;
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      g_autoptr (GPtrArray) toks = tokens_shared (((BpLine *) tb->body_lines->pdata[i])->text);
      for (guint t = 0; t < toks->len; t++)
        {
          if (!is_row_number_token (toks->pdata[t]))
            continue;
          int n = atoi (toks->pdata[t]);
          if (n <= last)
            return FALSE;
          last = n;
          seen++;
        }
    }
  return seen >= 3;
}

/* The stream rebuild (streams.c) of TB read from NUMBERED, its body
 * without the row numbers plain text mixed into the code and figure
 * runs: as a bare integer each reads as a figure, so the rows' figure
 * counts never come out even. */
static GPtrArray *
streams_without_row_numbers (TableBody *tb, GPtrArray *numbered, const char *header_text,
                             GPtrArray **cols_out, GPtrArray **uncode, GHashTable **placed)
{
  GPtrArray *printed = tb->body_lines;
  tb->body_lines = numbered;
  GPtrArray *rows = class_rows_from_streams (tb, header_text, cols_out, uncode, placed);
  tb->body_lines = printed;
  return rows;
}

/* A body line's leading row number (序号), as an integer; -1 when the
 * line does not start with one followed by a code or a name. */
static int
leading_row_number (const BpLine *l)
{
  g_autoptr (GPtrArray) toks = tokens_shared (l->text);
  if (toks->len < 2 || !is_row_number_token (toks->pdata[0]) || ((char *) toks->pdata[0])[0] == '0')
    return -1;
  const char *next = toks->pdata[1];
  if (token_is_number (next) && !token_is_code (next))
    return -1;
  return atoi (toks->pdata[0]);
}

/* L without its first token (owned copy, same source line). */
static BpLine *
line_without_first_token (const BpLine *l)
{
  g_autoptr (GPtrArray) toks = tokens_split (l->text);
  g_ptr_array_remove_index (toks, 0);
  g_ptr_array_add (toks, NULL);
  BpLine *copy = bp_line_new_take (g_strjoinv (" ", (char **) toks->pdata), l->line, bp_line_end_line (l));
  copy->flags = l->flags;
  return copy;
}

/* -layout text keeps a 序号 column before the codes ("2   205   教育支出
 * 1,023,214.00 …", "13   机关事业单位基本养老保险缴费支" / "2080505 …"):
 * in a table whose header names 序号, lines starting with row numbers
 * that count up (half the body's lines at least) lose them, else the
 * number reads as the row's first figure and the code as its name. The
 * body's lines so (owned copies), or NULL. */
static GPtrArray *
body_without_leading_row_numbers (TableBody *tb, const char *header_compact)
{
  if (!strstr (header_compact, "序号"))
    return NULL;
  guint numbered = 0, with_figures = 0;
  int last = 0;
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      const BpLine *l = tb->body_lines->pdata[i];
      int n = leading_row_number (l);
      if (n >= 0 && n <= last)
        return NULL;   /* not a count: figures or codes of another kind */
      if (n >= 0)
        last = n, numbered++;
      g_autoptr (GPtrArray) toks = tokens_shared (l->text);
      for (guint t = 0; t < toks->len; t++)
        if (token_is_number (toks->pdata[t]) && strchr (toks->pdata[t], '.'))
          {
            with_figures++;
            break;
          }
    }
  if (numbered < 3 || numbered * 2 < with_figures)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_line_free);
  for (guint i = 0; i < tb->body_lines->len; i++)
    {
      const BpLine *l = tb->body_lines->pdata[i];
      if (leading_row_number (l) >= 0)
        g_ptr_array_add (out, line_without_first_token (l));
      else
        {
          BpLine *copy = bp_line_new_take (g_strdup (l->text), l->line, bp_line_end_line (l));
          copy->flags = l->flags;
          g_ptr_array_add (out, copy);
        }
    }
  return out;
}

/* The header cell each figure of R stands under, into AT; FALSE when a
 * figure stands under none, or not each under a cell of its own left to
 * right, or the row has no positions. */
static gboolean
prow_cells_at (const PRow *r, GPtrArray *cells, int *at)
{
  if (r->unplaced || r->vals->len == 0)
    return FALSE;
  for (guint i = 0; i < r->spans->len; i++)
    {
      const int *sp = &g_array_index (r->spans, int, 2 * i);
      at[i] = sp[0] < 0 ? -1 : layout_cell_of (cells, sp[0], sp[1]);
      if (at[i] < 0 || (i > 0 && at[i] <= at[i - 1]))
        return FALSE;
    }
  return TRUE;
}

static void
placement_free (gpointer p)
{
  if (p)
    g_array_unref (p);
}

static GArray *
placement_from_cells (const int *at, guint k, int first)
{
  GArray *pos = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < k; i++)
    {
      int c = at[i] - first;
      g_array_append_val (pos, c);
    }
  return pos;
}

/* Right edges of the figures of the rows on PAGE that have positions. */
static GArray *
page_edges (GPtrArray *rows, int page)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      if (r->page != page || r->unplaced || r->rehomed)
        continue;
      for (guint k = 0; k < r->spans->len; k++)
        g_array_append_val (edges, g_array_index (r->spans, int, 2 * k + 1));
    }
  return edges;
}

/* TRUE when every edge of EDGES, moved by SHIFT, is within one character
 * of an edge of HOME. */
static gboolean
edges_fit (GArray *edges, GArray *home, int shift)
{
  for (guint k = 0; k < edges->len; k++)
    {
      int e = g_array_index (edges, int, k) + shift;
      gboolean seen = FALSE;
      for (guint h = 0; h < home->len && !seen; h++)
        seen = ABS (g_array_index (home, int, h) - e) <= 1;
      if (!seen)
        return FALSE;
    }
  return TRUE;
}

/* Moves the figures of the rows on PAGE by SHIFT characters, or takes
 * their positions away when SHIFT is G_MAXINT. */
static void
page_shift (GPtrArray *rows, int page, int shift)
{
  for (guint i = 0; i < rows->len; i++)
    {
      PRow *r = rows->pdata[i];
      if (r->page != page || r->unplaced)
        continue;
      r->unplaced = shift == G_MAXINT;
      for (guint k = 0; k < r->spans->len && !r->unplaced; k++)
        {
          g_array_index (r->spans, int, 2 * k) += shift;
          g_array_index (r->spans, int, 2 * k + 1) += shift;
        }
    }
}

/* The header printed again over a later page, as blocks of consecutive
 * source lines (GPtrArray of BpLine*). */
static GPtrArray *
repeat_blocks (GPtrArray *repeat_lines)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *block = NULL;
  int last = -10;
  for (guint i = 0; i < repeat_lines->len; i++)
    {
      BpLine *l = repeat_lines->pdata[i];
      if (!block || l->line > last + 2)
        {
          block = g_ptr_array_new ();
          g_ptr_array_add (blocks, block);
        }
      g_ptr_array_add (block, l);
      last = bp_line_end_line (l);
    }
  return blocks;
}

/* Cells A and B are the same header laid out on two pages: as many
 * cells, the same words. */
static gboolean
cells_same_words (GPtrArray *a, GPtrArray *b)
{
  if (!a || !b || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (((HeadCell *) a->pdata[i])->text, ((HeadCell *) b->pdata[i])->text) != 0)
      return FALSE;
  return TRUE;
}

/* Row R stands under the header BLOCK printed again (PAGE_CELLS, the same
 * cells as HOME laid out anew): each figure is moved to where the header's
 * cell of the same words stands on the header's page. FALSE, the row
 * untouched, when a figure stands under no cell there. */
static gboolean
prow_rehome (PRow *r, GPtrArray *page_cells, GPtrArray *home)
{
  if (r->unplaced || r->vals->len == 0)
    return FALSE;
  g_autofree int *at = g_new (int, r->spans->len + 1);
  for (guint k = 0; k < r->spans->len; k++)
    {
      const int *sp = &g_array_index (r->spans, int, 2 * k);
      at[k] = sp[0] < 0 ? -1 : layout_cell_of (page_cells, sp[0], sp[1]);
      if (sp[0] >= 0 && at[k] < 0)
        return FALSE;
    }
  for (guint k = 0; k < r->spans->len; k++)
    if (at[k] >= 0)
      {
        const HeadCell *c = home->pdata[at[k]];
        g_array_index (r->spans, int, 2 * k) = c->start;
        g_array_index (r->spans, int, 2 * k + 1) = c->end;
      }
  return TRUE;
}

/* Rows below the header printed again over their page (Xi'an reprints a
 * one-line header on every page, its columns at other widths) are placed
 * by that header: their figures are moved under the first page's cells of
 * the same words, and they count as the header's page. */
static void
rows_under_repeated_header (TableBody *tb, GPtrArray *rows, GPtrArray *home,
                            int header_page)
{
  g_autoptr (GPtrArray) blocks = repeat_blocks (tb->repeat_lines);
  for (guint b = 0; b < blocks->len; b++)
    {
      GPtrArray *block = blocks->pdata[b];
      g_autoptr (GPtrArray) page_cells = layout_header_cells (tb->doc, block);
      if (!cells_same_words (page_cells, home))
        continue;
      const BpLine *top = block->pdata[0], *bottom = block->pdata[block->len - 1];
      int next = b + 1 < blocks->len
                 ? ((BpLine *) ((GPtrArray *) blocks->pdata[b + 1])->pdata[0])->line : G_MAXINT;
      for (guint i = 0; i < rows->len; i++)
        {
          PRow *r = rows->pdata[i];
          if (r->line > bp_line_end_line (bottom) && r->line < next && r->page == bp_document_line_page (tb->doc, top)
              && prow_rehome (r, page_cells, home))
            r->page = header_page, r->rehomed = TRUE;
        }
    }
}

/* The page of the table's first row that has positions (the header's own
 * line may carry another page number when its page begins in the
 * header). */
static int
rows_header_page (GPtrArray *rows)
{
  int header_page = 0;
  for (guint i = rows->len; i-- > 0;)
    if (!((PRow *) rows->pdata[i])->unplaced)
      header_page = ((PRow *) rows->pdata[i])->page;
  return header_page;
}

/* A table continued on another page may print its columns elsewhere
 * there (pdftotext lays each page out anew; the header repeated at other
 * positions): that page's figures stand under the header's cells when,
 * moved by one amount, each ends where a figure of the header's page
 * ends; otherwise their positions say nothing. */
static void
rows_off_header_page (GPtrArray *rows)
{
  int header_page = rows_header_page (rows);
  g_autoptr (GArray) home = page_edges (rows, header_page);
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      if (r->page == header_page || r->unplaced)
        continue;
      int page = r->page, shift = G_MAXINT;
      g_autoptr (GArray) edges = page_edges (rows, page);
      for (int d = 0; d <= 24 && shift == G_MAXINT; d++)
        shift = edges_fit (edges, home, d) ? d : edges_fit (edges, home, -d) ? -d : G_MAXINT;
      page_shift (rows, page, shift);
      if (shift == 0)
        continue;
      /* the page is done: its rows now count as the header's page */
      for (guint j = i; j < rows->len; j++)
        if (((PRow *) rows->pdata[j])->page == page)
          ((PRow *) rows->pdata[j])->page = header_page;
    }
}

/* TRUE when AT (K cells, ascending) holds cell C and a cell beside it. */
static gboolean
cells_beside (const int *at, guint k, int c)
{
  for (guint i = 0; i < k; i++)
    if (at[i] == c && ((i > 0 && at[i - 1] == c - 1) || (i + 1 < k && at[i + 1] == c + 1)))
      return TRUE;
  return FALSE;
}

/* Drops the floating cells (group headings printed in the gap between the
 * columns they span) that are no column of their own: those the figures
 * of fewer than a third of the placed rows stand under (a column headed
 * higher up, "2025年预算数" in Chongqing, has a figure on most rows; a
 * heading at most the odd wide figure that reaches under it, "36,000" one
 * character under 收入预算 in Shanghai), and those no row has figures both
 * under and beside (Hangzhou: "67.81" under 人员支出 ends where 基本支出
 * starts; the heading's column is never the one beside it). */
static void
cells_drop_headings (GPtrArray *cells, GPtrArray *rows)
{
  g_autofree guint *used = g_new0 (guint, cells->len);
  g_autofree gboolean *column = g_new0 (gboolean, cells->len);
  guint placed = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      g_autofree int *at = g_new (int, r->vals->len + 1);
      if (!prow_cells_at (r, cells, at))
        continue;
      placed++;
      for (guint k = 0; k < r->vals->len; k++)
        used[at[k]]++;
      for (guint c = 0; c < cells->len; c++)
        column[c] |= cells_beside (at, r->vals->len, (int) c);
    }
  for (guint i = cells->len; i-- > 0;)
    if (((HeadCell *) cells->pdata[i])->floating && (used[i] * 3 < placed || !column[i]))
      g_ptr_array_remove_index (cells, i);
}

/* Where the page says the figures are (pdftotext -layout keeps the
 * columns): when the figures of four rows in five each stand under a
 * header cell of their own, the cells from the leftmost figure's on are
 * the amount columns, named from their own words, and each such row
 * records where its figures stand (at_pos; see prow_candidates). Kept
 * only when the columns have identities (a 合计) and seven placed rows in
 * ten satisfy them. NULL (rows untouched) otherwise. */
static GPtrArray *
columns_by_position (TableBody *tb, GPtrArray *rows, const char *htext)
{
  g_autoptr (GPtrArray) cells = layout_header_cells (tb->doc, tb->header_lines);
  if (!cells || cells->len < 3)
    return NULL;
  rows_under_repeated_header (tb, rows, cells, rows_header_page (rows));
  rows_off_header_page (rows);
  cells_drop_headings (cells, rows);
  guint with = 0, placed = 0, holds = 0;
  int first = G_MAXINT;
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      g_autofree int *at = g_new (int, r->vals->len + 1);
      with += r->vals->len > 0 && !r->unplaced;
      if (prow_cells_at (r, cells, at))
        placed++, first = MIN (first, at[0]);
    }
  if (with < 3 || placed * 5 < with * 4)
    return NULL;
  g_autoptr (GPtrArray) cols = columns_for_cells (cells, first, htext);
  g_autoptr (GPtrArray) ids = identities_for (cols);
  if (ids->len == 0 || cols->len > 16)
    return NULL;
  g_autoptr (GPtrArray) pos = g_ptr_array_new_with_free_func (placement_free);
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      g_autofree int *at = g_new (int, r->vals->len + 1);
      GArray *p = prow_cells_at (r, cells, at)
                  ? placement_from_cells (at, r->vals->len, first) : NULL;
      holds += p && placement_holds ((gint64 *) (void *) r->vals->data, p, cols->len, ids);
      g_ptr_array_add (pos, p);
    }
  if (holds * 10 < placed * 7)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    ((PRow *) rows->pdata[i])->at_pos = g_steal_pointer (&pos->pdata[i]);
  return g_steal_pointer (&cols);
}

/* The row's candidate placements. Where its figures stand is taken when
 * it satisfies the identities, and when no placement does (a changed
 * figure keeps its column and fails its row's sum); otherwise the
 * identities decide (a line pdftotext shifted sideways: Wuxi's
 * "206 科学技术支出 43,950.00 … 43,950.00" stands under 公用经费 but only
 * 项目支出 adds up). */
static void
prow_candidates (PRow *r, guint n, const GPtrArray *ids)
{
  const gint64 *vals = (gint64 *) (void *) r->vals->data;
  if (r->at_pos && (placement_holds (vals, r->at_pos, n, ids)
                    || !placement_fits (vals, r->vals->len, n, ids)))
    {
      r->cands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_ptr_array_add (r->cands, g_array_ref (r->at_pos));
      return;
    }
  r->cands = placements_for (vals, r->vals->len, n, ids);
}

/* "50101": a bare economic code (部门 3xxxx, 政府 5xxxx) in a figure cell. */
static gboolean
cell_is_economic_code (const char *cell)
{
  return cell && strlen (cell) == 5 && (cell[0] == '3' || cell[0] == '5')
         && strspn (cell, "0123456789") == 5;
}

/* Xi'an economic tables print a second code column (政府预算支出经济分类,
 * "30101 基本工资 50101 工资奖金津补贴"); plain pdftotext puts it on a line
 * of its own, and the rows read take it for the row's 合计. Three rows
 * with such a code under a money column, in a table whose figures carry
 * decimals (a whole 50101 among them is none), are a misread: the table is
 * unreadable rather than giving sums of codes. */
static void
mark_codes_as_figures (TableBody *tb)
{
  const BpTable *t = tb->table;
  guint coded = 0, figures = 0, decimals = 0, width = 0;
  for (guint i = 0; i < t->rows->len; i++)
    width = MAX (width, ((const BpRow *) g_ptr_array_index (t->rows, i))->cells->len);
  /* each column's header read once, not once per row (issue 18) */
  g_autofree gboolean *code_column = g_new0 (gboolean, width + 1);
  for (guint c = 1; c < width; c++)
    code_column[c] = bp_table_column_is_code (t, c);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      gboolean code_cell = FALSE;
      for (guint c = 1; c < r->cells->len; c++)
        {
          const char *cell = bp_row_cell (r, c);
          if (code_column[c])
            continue;
          if (cell_is_economic_code (cell))
            code_cell = TRUE;
          else if (token_is_number (cell))
            figures++, decimals += strchr (cell, '.') != NULL;
        }
      coded += code_cell;
    }
  g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", t->id);
  if (coded >= 3 && decimals * 2 > figures && !bp_document_get_meta (tb->doc, key))
    bp_document_set_meta (tb->doc, key,
                          "a second column of economic codes (50101…) was read as figures");
}

/* The rows whose codes are in CODES lose them: codes that only kept
 * their rows' places while the figures were placed (streams.c). */
static void
prows_uncode (GPtrArray *rows, GPtrArray *codes)
{
  for (guint i = 0; i < rows->len; i++)
    {
      PRow *r = rows->pdata[i];
      for (guint k = 0; r->code && k < codes->len; k++)
        if (strcmp (r->code, codes->pdata[k]) == 0)
          g_clear_pointer (&r->code, g_free);
    }
}

/* Rows whose columns the sums chose (PLACED, by code, "合计" for the
 * total) stand there: their figures alone may fit other columns. */
static void
prows_take_placed (GPtrArray *rows, GHashTable *placed)
{
  for (guint i = 0; i < rows->len; i++)
    {
      PRow *r = g_ptr_array_index (rows, i);
      GArray *pos = g_hash_table_lookup (placed, r->total ? "合计" : r->code ? r->code : "");
      if (pos && pos->len == r->vals->len && !r->at_pos)
        r->at_pos = g_array_ref (pos);
    }
}

/* Plain text printing a table without codes one cell a line (Guangzhou's
 * 收入总体情况表 by unit: "121,393.52 121,385.74" / "0.00" / "0.00" …)
 * that no rebuild put back: most rows read hold one figure and no code, a
 * column of a row taken for a row (its name, if any, words of the header
 * or of other sides run together: Xi'an's 政府性基金收支表, 收入 and three
 * 支出 sides), and no 合计 row kept its figures together. Their sums
 * check nothing: every sum of the table is doubted (rows_apart, reported
 * as info). The fields stage may still read its totals from the source
 * lines (北京 预算06表). */
static void
doubt_cells_as_rows (TableBody *tb, GPtrArray *rows, guint n_cols)
{
  guint with = 0, lone = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const PRow *r = rows->pdata[i];
      if (r->code || (r->total && r->nums->len >= 2))
        return;   /* rows that are rows: a code, a 合计 with its parts */
      if (!r->nums->len)
        continue;
      with++;
      lone += r->nums->len == 1 && !r->total;
    }
  if (n_cols < 3 || lone < 3 || lone * 3 < with * 2)
    return;
  doubt_sum (tb, "*", "its cells are printed one a line and its rows could not be "
                      "put back together");
}

void
rows_build_class (TableBody *tb)
{
  if (tb->tabbed)
    {
      rows_build_tabbed (tb);
      return;
    }
  first_name_from_header (tb);
  g_autoptr (GString) htext = g_string_new (NULL);
  g_autoptr (GPtrArray) cols = header_text_of (tb, htext);
  g_autofree char *hc_own = NULL;
  const char *hc = compact_of (htext->str, &hc_own);
  gboolean rownum = strstr (hc, "行次") != NULL;
  gboolean apart = body_cells_apart (tb);
  g_autoptr (GPtrArray) numbered = apart ? body_without_row_numbers (tb, hc)
                                         : body_without_leading_row_numbers (tb, hc);
  GPtrArray *body = numbered ? numbered : tb->body_lines;
  /* Cells apart without 行次, the rows are gathered again below: this
   * reading only tells whether they are misread, which needs no
   * positions (issue 18: no source line split into words for it). */
  g_autoptr (GPtrArray) rows = prows_gather (rownum || !apart ? tb->doc : NULL, body, FALSE,
                                             NULL);
  g_autoptr (GPtrArray) rebuilt = NULL;
  g_autoptr (GPtrArray) uncode = NULL;
  g_autoptr (GHashTable) placed = NULL;
  g_autoptr (GPtrArray) run_codes = NULL;   /* codes printed apart from their rows */
  if (!rownum && apart && prows_misread (rows))
    {
      GPtrArray *stream_cols = NULL;
      rebuilt = class_rows_from_code_runs (tb, htext->str, &stream_cols);
      if (!rebuilt)
        rebuilt = class_rows_from_streams (tb, htext->str, &stream_cols, &uncode, &placed);
      if (!rebuilt && numbered && row_numbers_count_up (tb))
        rebuilt = streams_without_row_numbers (tb, numbered, htext->str, &stream_cols, &uncode,
                                               &placed);
      if (!rebuilt)
        rebuilt = class_rows_by_unit_names (tb, htext->str, &stream_cols);
      if (rebuilt)
        {
          g_ptr_array_unref (rows);
          rows = prows_gather (NULL, rebuilt, FALSE, NULL);
          if (placed)
            prows_take_placed (rows, placed);
          g_ptr_array_unref (cols);
          cols = stream_cols;
        }
      else if (body_percent_lines (tb) >= 3)
        {
          g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", tb->table->id);
          bp_document_set_meta (tb->doc, key,
                                "its codes, figures and percentages are printed apart, "
                                "and its comparison columns (增减, %) cannot be put back in "
                                "their rows");
        }
    }
  if (!rebuilt && !rownum)
    {
      run_codes = g_ptr_array_new_with_free_func (g_free);
      if (apart)   /* else the rows above are these: no run of codes read */
        {
          g_ptr_array_unref (rows);
          rows = prows_gather (tb->doc, body, TRUE, run_codes);
        }
      if (!prows_take_run_codes (rows, run_codes))
        mark_codes_apart (tb, run_codes);
      if (!apart)   /* positions mean nothing there */
        prows_join_wrapped (rows);
      prows_fill_late_figures (rows);
      if (apart)
        prows_code_over_page_break (rows);
      if (apart)
        prows_join_cells_apart (rows, cols);
      if (apart)
        prows_place_one_column (tb, rows);
      if (apart)
        mark_rows_without_figures (tb, rows);
      if (apart && prows_misread (rows))
        doubt_cells_as_rows (tb, rows, cols->len);
      GPtrArray *by_position = columns_by_position (tb, rows, htext->str);
      if (by_position)
        {
          g_ptr_array_unref (cols);
          cols = by_position;
        }
    }
  g_autoptr (GPtrArray) printed = NULL;
  if (!rebuilt && !rownum && function_rows_source (tb->table->type))
    {
      printed = prows_codes_from_names (rows, run_codes);
      prows_trim_total_labels (rows);
    }
  g_autoptr (GPtrArray) ids = identities_for (cols);
  class_header (tb, cols, rownum, header_names_units (hc));
  g_autofree guint8 *kinds = columns_expense_kinds (cols);
  for (guint i = 0; i < rows->len; i++)
    {
      PRow *r = g_ptr_array_index (rows, i);
      if (rownum)
        prow_take_rownum (r);
      prow_candidates (r, cols->len, ids);
      prow_rank_candidates (r, cols, kinds);
    }
  prows_solve (rows, MIN (cols->len, 64));
  if (printed && !prows_coded_fit (rows, cols->len))
    prows_restore_codes (rows, printed);
  if (uncode)
    prows_uncode (rows, uncode);
  for (guint i = 0; i < rows->len; i++)
    prow_emit (tb->table, g_ptr_array_index (rows, i), cols->len, rownum);
  mark_codes_as_figures (tb);
}
