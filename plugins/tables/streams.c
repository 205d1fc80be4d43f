/* Classification tables whose rows plain pdftotext printed as separate
 * streams: each cell on its own line, and the codes, the names and the
 * figures of a page each in their own run ("205 | 20503 | 2050302 | 教育支出
 * | 职业教育 | … | 4,694.00 | 0.00 | …"). Each stream keeps the rows' order,
 * so the rows come back by reading the streams side by side: the k-th code
 * with the k-th group of figures (and the k-th name when the names can be
 * counted). A rebuild is kept only when the code hierarchy confirms it:
 * every parent equals the sum of its children, 合计 the sum of the 类. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "tables-private.h"

typedef enum { ITEM_NONE, ITEM_CODE, ITEM_FIG, ITEM_CLASS } ItemKind;

typedef struct {
  GPtrArray *codes;     /* char* */
  GArray *code_lines;   /* int: source line of each code */
  GPtrArray *figs;      /* char*: figures as printed */
  GPtrArray *names;     /* char*: one per line of words */
  GString *words;       /* every line of words, for the column names */
  int total_line;       /* the 合计 label's line, 0 when none */
  ItemKind last;        /* the kind of the last token read */
  /* A table printing its codes' 类, 款 and 项 digits in columns of their
   * own: the digits apart, never figures (digitcodes.c reads them). */
  gboolean digit_columns;
  GPtrArray *classes;   /* char*: the 类 tokens */
  GArray *class_lines;  /* int: the line of each */
  GPtrArray *parts;     /* char*: the 款 and 项 tokens, in order */
  GArray *after_class;  /* gboolean: the part came right after a 类 token */
  guint header_figs;    /* figures read from the header's lines, first in figs */
  GArray *name_lines;   /* int: source line of each name */
  GPtrArray *bound;     /* char*: each code's own name (codes read from names), or NULL */
  GArray *uncoded;      /* gboolean by code: its code only kept the row's place */
  gboolean cents;       /* the body's figures carry two decimals (nine in ten) */
  GArray *fig_lines;    /* int: source line of each figure, beside figs */
  GHashTable *line_pages; /* source line → its page, for the lines read */
  const BpTable *table; /* the table read, in its document (tables before it read) */
  const BpDocument *doc;
  GHashTable *placed;   /* code ("合计" too) → GArray of int: the column of
                         * each of its row's figures, when the sums placed them */
  GPtrArray *part_classes; /* char*, beside parts: the 类 token read last before
                            * it ("" before the first) */
} Streams;

static void
streams_clear (Streams *s)
{
  g_ptr_array_unref (s->codes);
  g_array_unref (s->code_lines);
  g_ptr_array_unref (s->figs);
  g_ptr_array_unref (s->names);
  g_string_free (s->words, TRUE);
  g_ptr_array_unref (s->classes);
  g_array_unref (s->class_lines);
  g_ptr_array_unref (s->parts);
  g_array_unref (s->after_class);
  g_array_unref (s->name_lines);
  if (s->bound)
    g_ptr_array_unref (s->bound);
  if (s->uncoded)
    g_array_unref (s->uncoded);
  g_array_unref (s->fig_lines);
  g_hash_table_unref (s->line_pages);
  if (s->placed)
    g_hash_table_unref (s->placed);
  g_ptr_array_unref (s->part_classes);
}

/* One digit, not 0, where a 类's three stand: a 类 cell the PDF printed
 * damaged (a Shanghai Putuo unit budget "7" for 210), never an amount in a table in 元
 * (0 is one: an empty 基本支出). */
static gboolean
is_damaged_class (const char *t)
{
  return strlen (t) == 1 && t[0] >= '1' && t[0] <= '9';
}

/* In a table with 类 | 款 | 项 columns a three-digit code is a 类's
 * digits and two digits are a 款's or a 项's, never an amount. */
static gboolean
streams_take_digits (Streams *s, const char *t, const BpLine *l)
{
  if (!s->digit_columns)
    return FALSE;
  /* one digit right after a 类 token is that row's 款 digits, their
   * leading zero lost ("301 | 2 | 津贴补贴", a Shanghai Putuo 经济分类 table) */
  g_autofree char *padded = is_damaged_class (t) && s->last == ITEM_CLASS
                            ? g_strconcat ("0", t, NULL) : NULL;
  if (padded)
    t = padded;
  if (token_is_two_digits (t))
    {
      gboolean after = s->last == ITEM_CLASS;
      g_ptr_array_add (s->parts, g_strdup (t));
      g_ptr_array_add (s->part_classes,
                       g_strdup (s->classes->len ? s->classes->pdata[s->classes->len - 1] : ""));
      g_array_append_val (s->after_class, after);
      s->last = ITEM_NONE;
    }
  else if ((strlen (t) == 3 && token_is_code (t)) || is_damaged_class (t))
    {
      g_ptr_array_add (s->classes, g_strdup (strlen (t) == 3 ? t : "?"));
      g_array_append_val (s->class_lines, l->line);
      s->last = ITEM_CLASS;
    }
  else
    return FALSE;
  return TRUE;
}

/* ".64": the cents of a figure the PDF split at its decimal point. */
static gboolean
is_cents (const char *t)
{
  if (t[0] != '.' || !t[1])
    return FALSE;
  for (const char *p = t + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return strlen (t) <= 3;
}

/* Joins ".64" to the figure (or code-looking integer) just read. */
static gboolean
streams_take_cents (Streams *s, const char *t)
{
  if (!is_cents (t))
    return FALSE;
  if (s->last == ITEM_CODE && s->codes->len)
    {
      char *head = g_ptr_array_steal_index (s->codes, s->codes->len - 1);
      g_array_append_val (s->fig_lines, g_array_index (s->code_lines, int, s->codes->len));
      g_array_set_size (s->code_lines, s->codes->len);
      g_ptr_array_add (s->figs, g_strconcat (head, t, NULL));
      g_free (head);
    }
  else if (s->last == ITEM_FIG && s->figs->len
           && !strchr (g_ptr_array_index (s->figs, s->figs->len - 1), '.'))
    {
      char **last = (char **) &g_ptr_array_index (s->figs, s->figs->len - 1);
      char *joined = g_strconcat (*last, t, NULL);
      g_free (*last);
      *last = joined;
    }
  else
    return FALSE;
  s->last = ITEM_FIG;
  return TRUE;
}

/* "21,118.5" / "1": a figure too wide for its cell has its last digit
 * wrapped onto a line of its own (Hangzhou), right after it or after a
 * figure or two of the rows beside it ("12,868.0 | 12,868.00 | 0"): the
 * lone digit completes the last figure printed with one decimal, when it
 * is among the last three. */
static gboolean
streams_take_wrapped_digit (Streams *s, const char *t)
{
  if (!s->cents || !g_ascii_isdigit (t[0]) || t[1])
    return FALSE;
  for (guint back = 1; back <= 3 && back <= s->figs->len; back++)
    {
      char **fig = (char **) &g_ptr_array_index (s->figs, s->figs->len - back);
      const char *dot = strchr (*fig, '.');
      if (!dot || strlen (dot) != 2)
        continue;
      char *joined = g_strconcat (*fig, t, NULL);
      g_free (*fig);
      *fig = joined;
      return TRUE;
    }
  return FALSE;
}

/* TRUE when nine in ten of the figures in LINES (lone digits aside) carry
 * two decimals: a table whose figures drop trailing zeros ("594390.8",
 * "0") has no wrapped digits to join. */
static gboolean
lines_print_cents (GPtrArray *lines)
{
  guint figs = 0, cents = 0;
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr (GPtrArray) toks = tokens_shared (((BpLine *) lines->pdata[i])->text);
      for (guint t = 0; t < toks->len; t++)
        {
          const char *tok = toks->pdata[t], *dot = strchr (tok, '.');
          if (!token_is_number (tok) || strlen (tok) < 2 || (!dot && token_is_code (tok)))
            continue;
          figs++;
          cents += dot && strlen (dot) == 3;
        }
    }
  return figs > 0 && cents * 10 >= figs * 9;
}

/* One token: a code (with its 款/项 digits printed apart), a figure, the
 * 合计 label, or words of a name (appended to NAME). */
static void
streams_take_token (Streams *s, const char *t, const BpLine *l, GString *name)
{
  gint64 v;
  if (streams_take_cents (s, t) || streams_take_wrapped_digit (s, t)
      || streams_take_digits (s, t, l))
    return;
  char *prev = s->codes->len ? g_ptr_array_index (s->codes, s->codes->len - 1) : NULL;
  if (s->last == ITEM_CODE && prev && token_is_two_digits (t)
      && (strlen (prev) == 3 || strlen (prev) == 5))
    {
      char *joined = g_strconcat (prev, t, NULL);
      g_free (prev);
      g_ptr_array_index (s->codes, s->codes->len - 1) = joined;
    }
  else if (token_is_code (t) && !strchr (t, ','))
    {
      g_ptr_array_add (s->codes, g_strdup (t));
      g_array_append_val (s->code_lines, l->line);
      s->last = ITEM_CODE;
    }
  else if (token_is_number (t) && token_amount (t, &v))
    {
      g_ptr_array_add (s->figs, g_strdup (t));
      g_array_append_val (s->fig_lines, l->line);
      s->last = ITEM_FIG;
    }
  else if (strcmp (t, "合计") == 0 || strcmp (t, "总计") == 0)
    {
      s->total_line = s->total_line ? s->total_line : l->line;
      s->last = ITEM_NONE;
    }
  else
    {
      name_append (name, t);
      s->last = ITEM_NONE;
    }
}

/* The 款/项 (or 类) digits plain text printed among the header's lines,
 * a line each: the first rows' ("类 | 款 | 01 | 213 | 01 | 合计 …"); and
 * the first row's figures, printed there too (a Shanghai unit budget: "类 | 合计 |
 * 人员经费 | 工资福利支出 | 17,174,073 | 17,174,073 | 公用经费 | 款 | 301"). */
static void
streams_take_header_digits (Streams *s, GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const BpLine *l = lines->pdata[i];
      g_autoptr (GPtrArray) toks = tokens_shared (l->text);
      if (line_is_separated_figure (l->text))
        {
          g_ptr_array_add (s->figs, g_strdup (toks->pdata[0]));
          g_array_append_val (s->fig_lines, l->line);
          s->header_figs++;
          s->last = ITEM_FIG;
        }
      else if (toks->len != 1 || !streams_take_digits (s, toks->pdata[0], l))
        s->last = ITEM_NONE;
    }
}

/* A running head ("某某局 2026 年度部门预算公开") is no part of the table. */
static gboolean
line_is_running_head (const char *text)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return strstr (c, "部门预算") || strstr (c, "单位预算") || strstr (c, "预算公开")
         || body_line_is_info (text);
}

static gboolean
is_year (const char *t)
{
  return strlen (t) == 4 && (g_str_has_prefix (t, "19") || g_str_has_prefix (t, "20"))
         && g_ascii_isdigit (t[2]) && g_ascii_isdigit (t[3]);
}

static void
streams_read (Streams *s, GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const BpLine *l = g_ptr_array_index (lines, i);
      if (line_is_running_head (l->text))
        continue;
      g_hash_table_insert (s->line_pages, GINT_TO_POINTER (l->line),
                           GINT_TO_POINTER (s->doc ? bp_document_line_page (s->doc, l) : 0));
      g_autoptr (GPtrArray) toks = tokens_shared (l->text);
      g_autoptr (GString) name = g_string_new (NULL);
      for (guint t = 0; t < toks->len; t++)
        {
          const char *next = t + 1 < toks->len ? g_ptr_array_index (toks, t + 1) : "";
          if (g_str_has_prefix (next, "年") && is_year (g_ptr_array_index (toks, t)))
            name_append (name, g_ptr_array_index (toks, t));   /* "2026 年政府采购项目" */
          else
            streams_take_token (s, g_ptr_array_index (toks, t), l, name);
        }
      if (name->len)
        {
          g_string_append (s->words, name->str);
          g_string_append_c (s->words, ' ');
          g_ptr_array_add (s->names, g_string_free (g_steal_pointer (&name), FALSE));
          g_array_append_val (s->name_lines, l->line);
        }
    }
}

/* Words of a table's header, never a row's name. */
static const char header_vocab[] =
  "科目编码科目名称功能分类科目经济分类科目项目合计总计基本支出项目支出人员经费"
  "公用经费事业单位经营支出对附属单位补助支出上缴上级支出类款项金额预算数本年支出"
  "人员支出日常公用支出";

/* The income columns' headings, which plain text prints among the rows'
 * names in a table with 类 | 款 | 项 columns (a Shanghai Putuo
 * 收入预算总表: "一般公共服务支出 | … | 财政拨款收入 | 事业单位 | 经营收入
 * | 事业收入"). */
static const char income_heading_vocab[] = "财政拨款收入事业收入事业单位经营收入其他收入";

static gboolean
name_is_header (const char *name, const char *header)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (name, &c_own);
  g_autofree char *label = title_label_only (name);
  return strstr (header_vocab, c) || strstr (header, c) || strstr (c, "科目")
         || strstr (c, "编码") || strstr (c, "分类") || label != NULL;
}

/* The names, header words left out. */
static GPtrArray *
names_without_header (GPtrArray *names, const char *header)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    if (!name_is_header (g_ptr_array_index (names, i), header))
      g_ptr_array_add (out, g_strdup (g_ptr_array_index (names, i)));
  return out;
}

/* The row names, when there are exactly WANT of them with header words
 * left out. Names a cell wrapped over two lines make the count differ:
 * then no names (joining them back by guesswork could shift every name
 * after the first wrong join onto the wrong code). */
static GPtrArray *
names_for_rows (GPtrArray *names, guint want, const char *header)
{
  GPtrArray *got = names_without_header (names, header);
  if (got->len == want)
    return got;
  g_ptr_array_unref (got);
  return NULL;
}

/* Splits the figures into rows: the same number each when they divide
 * evenly into ROWS or ROWS + 1 (合计) rows (N, the named columns, first),
 * else by the column identities IDS, each row the longest run whose
 * figures fit them. GArray of guint (row starts), empty when neither. */
static GArray *
figure_groups (GPtrArray *figs, guint rows, guint n, const GPtrArray *ids)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint nf = figs->len, each = 0;
  if (n > 0 && nf % n == 0 && (nf / n == rows || nf / n == rows + 1))
    each = n;
  /* Every cell printed (0.00 where empty) under columns the header did
   * not name in a way we know: as many figures for each row. */
  for (guint r = rows + 1; !each && r >= rows && r > 0; r--)
    if (nf % r == 0 && nf / r >= 2 && nf / r <= 16)
      each = nf / r;
  if (each)
    {
      for (guint i = 0; i < nf; i += each)
        g_array_append_val (starts, i);
      return starts;
    }
  if (ids->len == 0)
    return starts;
  g_autofree gint64 *vals = g_new0 (gint64, nf + 1);
  for (guint i = 0; i < nf; i++)
    token_amount (g_ptr_array_index (figs, i), &vals[i]);
  for (guint i = 0; i < nf;)
    {
      guint k = MIN (n, nf - i);
      while (k > 1 && !placement_fits (vals + i, k, n, ids))
        k--;
      if (!placement_fits (vals + i, k, n, ids))
        {
          g_array_set_size (starts, 0);
          return starts;
        }
      g_array_append_val (starts, i);
      i += k;
    }
  return starts;
}

/* A parent's children all on this table's page: some code after them is
 * not one of its descendants (the table, or its page, goes on past them). */
static gboolean
children_closed (GPtrArray *codes, guint p)
{
  const char *pc = g_ptr_array_index (codes, p);
  for (guint c = p + 1; c < codes->len; c++)
    if (!g_str_has_prefix (g_ptr_array_index (codes, c), pc))
      return TRUE;
  return FALSE;
}

/* Code C has no parent among CODES: a 类, or a 项 of a table that prints
 * only its 项 rows (qz 支出预算总表: 合计 over 2040101, 2040201, …). */
static gboolean
code_is_top (GPtrArray *codes, guint c)
{
  const char *cc = g_ptr_array_index (codes, c);
  for (guint a = 0; a < codes->len; a++)
    {
      const char *ac = g_ptr_array_index (codes, a);
      if (a != c && strlen (ac) < strlen (cc) && g_str_has_prefix (cc, ac))
        return FALSE;
    }
  return TRUE;
}

/* Parents checked and confirmed when the rows (TOTAL_AT: the 合计 row's
 * index or -1; the codes' rows in order around it) have the totals
 * TOTALS. A parent whose children may go on past the page is not
 * checked; 合计 is (the sum of the 类), when the rows have one. */
static void
hierarchy_check (GPtrArray *codes, const gint64 *totals, int total_at,
                 guint *checked, guint *passed)
{
  guint nc = codes->len;
  *checked = *passed = 0;
  for (int p = -1; p < (int) nc; p++)
    {
      const char *pc = p >= 0 ? g_ptr_array_index (codes, p) : "";
      /* a 合计 after the rows closes the last parents too */
      if ((p < 0 && total_at < 0)
          || (p >= 0 && total_at != (int) nc && !children_closed (codes, p)))
        continue;
      bp_wide_fen sum = 0;
      guint kids = 0;
      for (guint c = 0; c < nc; c++)
        {
          const char *cc = g_ptr_array_index (codes, c);
          if (p < 0 ? code_is_top (codes, c)
                    : g_str_has_prefix (cc, pc) && strlen (cc) == strlen (pc) + 2)
            {
              sum += totals[c + (total_at == 0)];
              kids++;
            }
        }
      if (!kids)
        continue;
      guint at = p < 0 ? (guint) total_at : (guint) p + (total_at == 0);
      gboolean holds = ABS (sum - (bp_wide_fen) totals[at]) <= (bp_wide_fen) kids;
      (*checked)++;
      *passed += holds;
    }
}

/* Where the 合计 row goes among NG groups for NC codes: 0 (first), NC
 * (last) or -1 (no 合计); the placement the hierarchy confirms, or -2. */
static int
total_position (const Streams *s, GArray *starts)
{
  guint nc = s->codes->len, ng = starts->len;
  if (ng != nc && ng != nc + 1)
    return -2;
  g_autofree gint64 *totals = g_new0 (gint64, ng);
  for (guint g = 0; g < ng; g++)
    token_amount (g_ptr_array_index (s->figs, g_array_index (starts, guint, g)), &totals[g]);
  int tries[2] = { ng == nc ? -1 : 0, ng == nc ? -2 : (int) nc };
  for (guint t = 0; t < 2 && tries[t] > -2; t++)
    {
      guint checked, passed;
      hierarchy_check (s->codes, totals, tries[t], &checked, &passed);
      if (checked > 0 && passed * 10 >= checked * 9)
        return tries[t];
    }
  return -2;
}

static BpLine *
row_line (const char *code, const char *name, GPtrArray *figs, guint from, guint to, int line)
{
  GString *t = g_string_new (code);
  if (name && *name)
    g_string_append_printf (t, *code ? " %s" : "%s", name);
  for (guint i = from; i < to; i++)
    g_string_append_printf (t, " %s", (const char *) g_ptr_array_index (figs, i));
  return bp_line_new_take (g_string_free (t, FALSE), line, line);
}

static GPtrArray *
rows_from_streams (const Streams *s, GArray *starts, int total_at, GPtrArray *names)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_line_free);
  guint ng = starts->len;
  for (guint g = 0, c = 0; g < ng; g++)
    {
      guint from = g_array_index (starts, guint, g);
      guint to = g + 1 < ng ? g_array_index (starts, guint, g + 1) : s->figs->len;
      if ((int) g == total_at)
        {
          int line = s->total_line ? s->total_line : g_array_index (s->code_lines, int, 0);
          g_ptr_array_add (out, row_line ("合计", NULL, s->figs, from, to, line));
          continue;
        }
      g_ptr_array_add (out, row_line (g_ptr_array_index (s->codes, c),
                                      names ? g_ptr_array_index (names, c) : NULL,
                                      s->figs, from, to, g_array_index (s->code_lines, int, c)));
      c++;
    }
  return out;
}

static BpLine *
row_line_of (const char *code, const char *name, GPtrArray *figs, GArray *which, int line)
{
  GString *t = g_string_new (code);
  if (name && *name)
    g_string_append_printf (t, *code ? " %s" : "%s", name);
  for (guint i = 0; i < which->len; i++)
    g_string_append_printf (t, " %s",
                            (const char *) g_ptr_array_index (figs, g_array_index (which, guint, i)));
  return bp_line_new_take (g_string_free (t, FALSE), line, line);
}

/* The rows of FIT (stream_rows_fit's figures per row) as lines. */
static GPtrArray *
rows_from_fit (const Streams *s, GPtrArray *fit, StreamTotal total, GPtrArray *names)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_line_free);
  guint nc = s->codes->len;
  for (guint i = 0; i < fit->len; i++)
    {
      GArray *which = g_ptr_array_index (fit, i);
      int c = total == STREAM_TOTAL_FIRST ? (int) i - 1 : i < nc ? (int) i : -1;
      if (c < 0)
        {
          int line = s->total_line ? s->total_line : g_array_index (s->code_lines, int, 0);
          g_ptr_array_add (out, row_line_of ("合计", NULL, s->figs, which, line));
          continue;
        }
      g_ptr_array_add (out, row_line_of (g_ptr_array_index (s->codes, c),
                                         names ? g_ptr_array_index (names, c) : NULL, s->figs,
                                         which, g_array_index (s->code_lines, int, c)));
    }
  return out;
}

/* A bare integer among figures printed with decimals ("41.38 41.38 11
 * 0.00") is a page number or a footnote mark, not a cell. */
static void
streams_drop_bare_integers (const Streams *s)
{
  guint decimals = 0;
  for (guint i = 0; i < s->figs->len; i++)
    decimals += strchr (g_ptr_array_index (s->figs, i), '.') != NULL;
  if (decimals * 5 < s->figs->len * 4)
    return;
  for (guint i = s->figs->len; i-- > 0;)
    if (!strchr (g_ptr_array_index (s->figs, i), '.'))
      {
        g_ptr_array_remove_index (s->figs, i);
        if (i < s->fig_lines->len)
          g_array_remove_index (s->fig_lines, i);
      }
}

/* The page of source line LINE among the lines read. */
static int
streams_page_of (const Streams *s, int line)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (s->line_pages, GINT_TO_POINTER (line)));
}

/* The total each code of S has in the function tables read before S's
 * (支出总表 before 一般公共预算支出表): the first amount of the code's row,
 * when those tables agree on it; 0 otherwise. */
static gint64 *
totals_elsewhere (const Streams *s)
{
  guint nc = s->codes->len;
  gint64 *hint = g_new0 (gint64, nc + 1);
  g_autofree gboolean *clash = g_new0 (gboolean, nc + 1);
  /* each code's first index, and by index the next with the same code (nc
   * for none): comparing every row with every code was quadratic */
  g_autoptr (GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *same = g_new (guint, nc + 1);
  for (guint c = nc; c-- > 0;)
    {
      gpointer next;
      same[c] = g_hash_table_lookup_extended (first, s->codes->pdata[c], NULL, &next)
                ? GPOINTER_TO_UINT (next) : nc;
      g_hash_table_insert (first, s->codes->pdata[c], GUINT_TO_POINTER (c));
    }
  for (guint i = 0; s->doc && i < s->doc->tables->len; i++)
    {
      const BpTable *t = s->doc->tables->pdata[i];
      if (t == s->table || !t->type || !function_rows_source (t->type))
        continue;
      for (guint j = 0; j < t->rows->len; j++)
        {
          const BpRow *r = t->rows->pdata[j];
          const char *code = bp_row_cell (r, 0), *amount = bp_row_cell (r, 2);
          gint64 v;
          if (!code || !*code || !amount || !token_amount (amount, &v) || v <= 0)
            continue;
          gpointer at;
          if (!g_hash_table_lookup_extended (first, code, NULL, &at))
            continue;
          for (guint c = GPOINTER_TO_UINT (at); c < nc; c = same[c])
            {
              clash[c] |= hint[c] && hint[c] != v;
              hint[c] = v;
            }
        }
    }
  for (guint c = 0; c < nc; c++)
    if (clash[c])
      hint[c] = 0;
  return hint;
}

/* Column C's role in identity ID: 1 its total, 2 a part, 0 neither. */
static int
column_role (const ColumnIdentity *id, int c)
{
  if (id->total == c)
    return 1;
  for (guint k = 0; k < id->parts->len; k++)
    if (g_array_index (id->parts, int, k) == c)
      return 2;
  return 0;
}

/* Columns A and B are parts alike in every identity: the sums cannot
 * tell a figure in one from the same figure in the other. */
static gboolean
columns_alike (const GPtrArray *ids, int a, int b)
{
  for (guint i = 0; i < ids->len; i++)
    {
      const ColumnIdentity *id = g_ptr_array_index (ids, i);
      if (column_role (id, a) != column_role (id, b) || column_role (id, a) == 1)
        return FALSE;
    }
  return TRUE;
}

static gboolean
column_is_main (GPtrArray *cols, int c)
{
  return g_str_equal (cols->pdata[c], "基本支出") || g_str_equal (cols->pdata[c], "项目支出");
}

/* The sums place a row's parts only up to columns alike (合计 = 基本支出 +
 * 项目支出 + 上缴上级支出): the solver may fill 项目支出 and 上缴上级支出
 * and leave 基本支出 empty in every row. When the columns PLACED uses
 * among those alike are as many as the main ones (基本支出, 项目支出) and
 * one of them is a column a department rarely fills (上缴上级支出, 事业单位
 * 经营支出 …), the used ones are the main ones, in their order (cn
 * 部门支出总表). */
static void
placed_main_columns (GPtrArray *placed, GPtrArray *cols, const GPtrArray *ids)
{
  guint n = cols->len, nmain = 0, nused = 0;
  g_autofree gboolean *used = g_new0 (gboolean, n + 1);
  g_autofree guint *mains = g_new0 (guint, n + 1);
  g_autofree guint *uses = g_new0 (guint, n + 1);
  for (guint r = 0; r < placed->len; r++)
    for (guint k = 0; k < ((GArray *) placed->pdata[r])->len; k++)
      used[g_array_index ((GArray *) placed->pdata[r], int, k)] = TRUE;
  int first = -1;   /* the first main column: the others alike to it */
  for (guint c = 0; c < n && first < 0; c++)
    if (column_is_main (cols, c))
      first = (int) c;
  gboolean rare = FALSE;
  for (guint c = 0; first >= 0 && c < n; c++)
    {
      if ((int) c != first && !columns_alike (ids, first, c))
        continue;
      if (column_is_main (cols, c))
        mains[nmain++] = c;
      if (used[c])
        {
          uses[nused++] = c;
          rare |= !column_is_main (cols, c);
        }
    }
  if (!rare || nused != nmain)
    return;
  for (guint r = 0; r < placed->len; r++)
    for (guint k = 0; k < ((GArray *) placed->pdata[r])->len; k++)
      {
        int *c = &g_array_index ((GArray *) placed->pdata[r], int, k);
        for (guint u = 0; u < nused; u++)
          if (*c == (int) uses[u])
            {
              *c = (int) mains[u];
              break;
            }
      }
}

/* Rows of pages that printed their figures in block order, read by the
 * sums alone (streamsolve.c): with a 合计 row first, else without. */
static GPtrArray *
rows_solved (Streams *s, const gint64 *vals, GPtrArray *cols, const GPtrArray *ids)
{
  guint ncols = cols->len;
  guint nf = s->figs->len, nc = s->codes->len;
  if (s->fig_lines->len != nf || s->bound)
    return NULL;
  g_autofree int *fig_pages = g_new0 (int, nf + 1);
  g_autofree int *code_pages = g_new0 (int, nc + 1);
  for (guint g = 0; g < nf; g++)
    fig_pages[g] = streams_page_of (s, g_array_index (s->fig_lines, int, g));
  for (guint c = 0; c < nc; c++)
    code_pages[c] = streams_page_of (s, g_array_index (s->code_lines, int, c));
  g_autofree gint64 *hint = totals_elsewhere (s);
  guint budget = STREAM_SOLVE_BUDGET;   /* shared by both readings */
  for (int with_total = 1; with_total >= 0; with_total--)
    {
      g_autoptr (GPtrArray) placed = NULL;
      g_autoptr (GPtrArray) fit = stream_rows_solve (vals, fig_pages, nf, (char **) s->codes->pdata,
                                                     code_pages, nc, ncols, ids, with_total,
                                                     !s->digit_columns, hint, &budget, &placed);
      if (!fit)
        continue;
      placed_main_columns (placed, cols, ids);
      /* the columns the sums chose: a row's figures alone may fit others
       * (a 合计 equal to its 项目支出 or to its 基本支出) */
      s->placed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_array_unref);
      for (guint r = 0; r < placed->len; r++)
        {
          int c = with_total ? (int) r - 1 : (int) r;
          g_hash_table_insert (s->placed, g_strdup (c < 0 ? "合计" : s->codes->pdata[c]),
                               g_array_ref (placed->pdata[r]));
        }
      return rows_from_fit (s, fit, with_total ? STREAM_TOTAL_FIRST : STREAM_TOTAL_NONE, NULL);
    }
  return NULL;
}

/* Rows whose figure counts differ (empty cells left out, a figure printed
 * away from its row), mapped by stream_rows_fit: first with every sum
 * holding, then allowing three that fail (a defect the checks will report). */
static GPtrArray *
rows_fitted (Streams *s, GPtrArray *cols, const GPtrArray *ids, GPtrArray *names)
{
  guint ncols = cols->len;
  static const StreamTotal where[] = { STREAM_TOTAL_LAST, STREAM_TOTAL_FIRST, STREAM_TOTAL_NONE };
  streams_drop_bare_integers (s);
  guint nf = s->figs->len;
  g_autofree gint64 *vals = g_new0 (gint64, nf + 1);
  for (guint i = 0; i < nf; i++)
    token_amount (g_ptr_array_index (s->figs, i), &vals[i]);
  for (guint slack = 0; slack <= 3; slack += 3)
    for (guint w = 0; w < G_N_ELEMENTS (where); w++)
      {
        if (slack && where[w] == STREAM_TOTAL_NONE)
          continue;
        g_autoptr (GPtrArray) fit = stream_rows_fit (vals, nf, (char **) s->codes->pdata,
                                                     s->codes->len, ncols, ids, where[w], slack);
        if (fit)
          return rows_from_fit (s, fit, where[w], names);
      }
  return rows_solved (s, vals, cols, ids);
}

typedef struct { const char *code; int line; } CodeAt;

static gint
code_at_cmp (gconstpointer a, gconstpointer b)
{
  const CodeAt *x = a, *y = b;
  int c = strcmp (x->code, y->code);
  return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Classification tables list their codes in ascending order; the code
 * stream may not (a code whose name wrapped is printed in a later run).
 * Puts the codes in that order; FALSE when they were already. */
static gboolean
streams_sort_codes (Streams *s)
{
  guint n = s->codes->len;
  g_autofree CodeAt *at = g_new0 (CodeAt, n + 1);
  for (guint i = 0; i < n; i++)
    at[i] = (CodeAt) { g_ptr_array_index (s->codes, i), g_array_index (s->code_lines, int, i) };
  qsort (at, n, sizeof (CodeAt), code_at_cmp);
  gboolean moved = FALSE;
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      moved |= at[i].code != g_ptr_array_index (s->codes, i);
      g_ptr_array_add (codes, g_strdup (at[i].code));
      g_array_index (s->code_lines, int, i) = at[i].line;
    }
  if (!moved)
    return FALSE;
  g_ptr_array_set_size (s->codes, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (s->codes, g_strdup (g_ptr_array_index (codes, i)));
  return TRUE;
}

/* Each column once, in the order first named (a repeated header names
 * them again); 合计's main parts come first after it, as every form
 * prints them, since plain text may name them out of order. */
static void
columns_union (GPtrArray *cols)
{
  static const char *const leading[] = { "合计", "基本支出", "项目支出", "人员经费", "公用经费" };
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  for (guint l = 0; l <= G_N_ELEMENTS (leading); l++)
    for (guint i = 0; i < cols->len; i++)
      {
        const char *c = g_ptr_array_index (cols, i);
        gboolean is_leading = FALSE, seen = FALSE;
        for (guint j = 0; j < G_N_ELEMENTS (leading); j++)
          is_leading |= strcmp (c, leading[j]) == 0;
        for (guint j = 0; j < out->len; j++)
          seen |= strcmp (c, g_ptr_array_index (out, j)) == 0;
        if (!seen && (l < G_N_ELEMENTS (leading) ? strcmp (c, leading[l]) == 0 : !is_leading))
          g_ptr_array_add (out, g_strdup (c));
      }
  g_ptr_array_set_size (cols, 0);
  for (guint i = 0; i < out->len; i++)
    g_ptr_array_add (cols, g_strdup (g_ptr_array_index (out, i)));
}

/* 基本支出 named beside 人员经费 and 公用经费 but no 项目支出 is the
 * heading over them ("一般公共预算基本支出 | 合计 人员经费 公用经费"),
 * not a column: plain text has no positions to tell it spans them. WITH_PROJECT:
 * a heading even beside 项目支出 (a header without 小计: "基本支出" over
 * 人员支出 | 日常公用支出, then 项目支出). */
static int
column_of_name (const GPtrArray *cols, const char *name)
{
  for (guint i = 0; i < cols->len; i++)
    if (strcmp (cols->pdata[i], name) == 0)
      return (int) i;
  return -1;
}

static void
columns_drop_basic_heading (GPtrArray *cols, gboolean with_project)
{
  int basic = -1;
  gboolean staff = FALSE, office = FALSE, project = FALSE;
  for (guint i = 0; i < cols->len; i++)
    {
      const char *c = cols->pdata[i];
      if (strcmp (c, "基本支出") == 0)
        basic = (int) i;
      staff |= strcmp (c, "人员经费") == 0;
      office |= strcmp (c, "公用经费") == 0;
      project |= strcmp (c, "项目支出") == 0;
    }
  if (basic < 0 || !staff || !office || (project && !with_project))
    return;
  /* its parts stand where it stood, before 项目支出 */
  g_ptr_array_remove_index (cols, (guint) basic);
  static const char *const parts[] = { "公用经费", "人员经费" };
  for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
    for (guint i = 0; i < cols->len; i++)
      if (strcmp (cols->pdata[i], parts[k]) == 0)
        {
          gpointer p = g_ptr_array_steal_index (cols, i);
          g_ptr_array_insert (cols, basic, p);
          break;
        }
}

/* 基本支出 over 小计 | 人员经费 | 公用经费 (its 小计 its own figure): the
 * parts right after it, before 项目支出, as forms print them; the 小计 is
 * 基本支出's. Plain text named them in any order. */
static void
columns_nest_basic_parts (GPtrArray *cols)
{
  int basic = column_of_name (cols, "基本支出");
  if (basic < 0 || column_of_name (cols, "人员经费") < 0 || column_of_name (cols, "公用经费") < 0)
    return;
  int sub = column_of_name (cols, "小计");
  if (sub >= 0)
    g_ptr_array_remove_index (cols, (guint) sub);
  static const char *const parts[] = { "公用经费", "人员经费" };
  for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
    {
      gpointer p = g_ptr_array_steal_index (cols, (guint) column_of_name (cols, parts[k]));
      g_ptr_array_insert (cols, column_of_name (cols, "基本支出") + 1, p);
    }
}

/* The amount columns named in the header and body WORDS. Plain text
 * prints the 合计 column's name anywhere among its siblings' (or merged
 * with the 合计 row's label); it is the first amount column. */
GPtrArray *
stream_columns (const char *type, const char *words)
{
  g_auto (GStrv) parts = g_strsplit (words, "合计", -1);
  g_autofree char *rest = g_strjoinv (" ", parts);
  g_autofree char *text = g_strconcat ("合计 ", rest, NULL);
  GPtrArray *cols = columns_for (type, text);
  columns_union (cols);
  return cols;
}

static gpointer
figure_copy (gconstpointer src, gpointer unused)
{
  (void) unused;
  return g_strdup (src);
}

/* Puts back the codes of S as read (CODES, LINES). */
static void
streams_restore_codes (Streams *s, GPtrArray *codes, GArray *lines)
{
  g_ptr_array_set_size (s->codes, 0);
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (s->codes, g_strdup (codes->pdata[i]));
  g_array_set_size (s->code_lines, 0);
  g_array_append_vals (s->code_lines, lines->data, lines->len);
}

/* ---- figures printed column by column, a block of rows at a time ---- */

#define BLOCKS_BUDGET 20000

typedef struct {
  const gint64 *v;      /* the figures as printed */
  guint rows, n;        /* rows (合计 included) and columns: every cell printed */
  const GPtrArray *ids;
  guint *order;         /* out: row-major index → printed index */
  guint steps;
  Streams *s;           /* for the hierarchy check */
  GArray *starts;       /* equal groups of N */
} Blocks;

/* TRUE when rows R..R+B-1, read column by column from the block at R*N,
 * each satisfy the column identities. */
static gboolean
block_rows_hold (Blocks *b, guint r, guint k)
{
  g_autoptr (GArray) pos = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint c = 0; c < b->n; c++)
    g_array_append_val (pos, c);
  gint64 vals[17];
  for (guint i = 0; i < k; i++)
    {
      for (guint c = 0; c < b->n; c++)
        {
          guint at = r * b->n + c * k + i;
          vals[c] = b->v[at];
          b->order[(r + i) * b->n + c] = at;
        }
      if (!placement_holds (vals, pos, b->n, b->ids))
        return FALSE;
    }
  return TRUE;
}

/* The stream's figures in row order, S's figures swapped for them while
 * the hierarchy is asked. */
static gboolean
blocks_confirmed (Blocks *b)
{
  GPtrArray *printed = b->s->figs, *rows = g_ptr_array_new ();
  for (guint i = 0; i < b->rows * b->n; i++)
    g_ptr_array_add (rows, printed->pdata[b->order[i]]);
  b->s->figs = rows;
  gboolean ok = total_position (b->s, b->starts) > -2;
  b->s->figs = printed;
  g_ptr_array_unref (rows);
  return ok;
}

static gboolean
blocks_from (Blocks *b, guint r)
{
  if (r == b->rows)
    return blocks_confirmed (b);
  for (guint k = 1; r + k <= b->rows; k++)
    {
      if (++b->steps > BLOCKS_BUDGET)
        return FALSE;
      if (block_rows_hold (b, r, k) && blocks_from (b, r + k))
        return TRUE;
    }
  return FALSE;
}

/* Plain text may print a page's rows column by column, a block of rows
 * at a time (Xi'an 表5: the 合计 column of eight rows, their 人员经费,
 * …, then the next four rows'), every cell printed (0.00 included): the
 * figures put back in row order when every row of every block satisfies
 * the column identities and the code hierarchy confirms the rows. FALSE,
 * S untouched, otherwise. */
static gboolean
streams_figures_by_blocks (Streams *s, guint n, const GPtrArray *ids, GArray *starts)
{
  guint nf = s->figs->len, rows = n ? nf / n : 0;
  if (n < 3 || n > 16 || nf % n || (rows != s->codes->len && rows != s->codes->len + 1)
      || starts->len != rows)
    return FALSE;
  g_autofree gint64 *v = g_new0 (gint64, nf + 1);
  for (guint i = 0; i < nf; i++)
    token_amount (s->figs->pdata[i], &v[i]);
  g_autofree guint *order = g_new0 (guint, nf + 1);
  Blocks b = { v, rows, n, ids, order, 0, s, starts };
  if (!blocks_from (&b, 0))
    return FALSE;
  GPtrArray *figs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < nf; i++)
    g_ptr_array_add (figs, g_strdup (s->figs->pdata[order[i]]));
  g_ptr_array_unref (s->figs);
  s->figs = figs;
  return TRUE;
}

/* ---- a page's first rows' figures printed after its other rows' ---- */

#define ROTATIONS_MAX 64

/* How many codes of S on each page come before any figure of that page
 * and any name that is no header word: codes printed among the page's
 * header lines ("29 / 2089999 / 30 / 210 / 31 / 21011 / 1,176,894.18"),
 * rows whose figures plain text may print after the page's other rows'.
 * By page, for the pages with figures; one pass over each stream (a pass
 * per page was most of the rotations' cost on long tables). */
static GHashTable *
pages_codes_up_front (const Streams *s, const char *header)
{
  g_autoptr (GHashTable) first = g_hash_table_new (NULL, NULL);   /* page → line */
  for (guint i = 0; i < s->fig_lines->len; i++)
    {
      int l = g_array_index (s->fig_lines, int, i), p = streams_page_of (s, l);
      gpointer at;
      if (!g_hash_table_lookup_extended (first, GINT_TO_POINTER (p), NULL, &at)
          || l < GPOINTER_TO_INT (at))
        g_hash_table_insert (first, GINT_TO_POINTER (p), GINT_TO_POINTER (l));
    }
  for (guint i = 0; i < s->names->len; i++)
    {
      int l = g_array_index (s->name_lines, int, i), p = streams_page_of (s, l);
      gpointer at;
      if (g_hash_table_lookup_extended (first, GINT_TO_POINTER (p), NULL, &at)
          && l < GPOINTER_TO_INT (at) && !name_is_header (s->names->pdata[i], header))
        g_hash_table_insert (first, GINT_TO_POINTER (p), GINT_TO_POINTER (l));
    }
  GHashTable *n = g_hash_table_new (NULL, NULL);   /* page → codes up front */
  for (guint c = 0; c < s->codes->len; c++)
    {
      int l = g_array_index (s->code_lines, int, c), p = streams_page_of (s, l);
      gpointer at;
      if (g_hash_table_lookup_extended (first, GINT_TO_POINTER (p), NULL, &at)
          && l < GPOINTER_TO_INT (at))
        g_hash_table_insert (n, GINT_TO_POINTER (p),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n, GINT_TO_POINTER (p))) + 1));
    }
  return n;
}

/* The figures of S (and their lines) as FIGS and LINES with, on each
 * page k, the last SHIFT[k] * N figures moved before the page's others
 * (SEG: each page's first figure, then the end). */
static void
streams_rotate_pages (Streams *s, GPtrArray *figs, GArray *lines, GArray *seg,
                      const guint *shift, guint n)
{
  g_ptr_array_set_size (s->figs, 0);
  g_array_set_size (s->fig_lines, 0);
  for (guint k = 0; k + 1 < seg->len; k++)
    {
      guint a = g_array_index (seg, guint, k), b = g_array_index (seg, guint, k + 1);
      guint m = MIN (shift[k] * n, b - a);
      for (guint i = 0; i < b - a; i++)
        {
          guint from = a + (i + (b - a) - m) % (b - a);
          g_ptr_array_add (s->figs, g_strdup (figs->pdata[from]));
          g_array_append_val (s->fig_lines, g_array_index (lines, int, from));
        }
    }
}

/* Where each page's figures start in S (and the end), and each page's
 * count of codes up front (UP). */
static GArray *
streams_page_segments (const Streams *s, const char *header, GArray *up)
{
  GArray *seg = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) codes_up_front = pages_codes_up_front (s, header);
  int page = -1;
  for (guint i = 0; i < s->figs->len; i++)
    {
      int p = streams_page_of (s, g_array_index (s->fig_lines, int, i));
      if (i > 0 && p == page)
        continue;
      page = p;
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (codes_up_front, GINT_TO_POINTER (p)));
      g_array_append_val (seg, i);
      g_array_append_val (up, k);
    }
  g_array_append_val (seg, s->figs->len);
  return seg;
}

/* Plain text may print the rows whose codes stand among a page's header
 * lines last on that page (Xi'an 表5: 2089999's and 210's figures after
 * 2210203's). Each page's last figures, as many rows' as it has codes up
 * front or fewer, are put before its others, every page's choice in turn;
 * the first arrangement whose rows the hierarchy confirms (read row by
 * row, or a block of rows at a time) is kept. FALSE, S untouched, when
 * none is. */
static gboolean
streams_figures_rotated (Streams *s, guint n, const GPtrArray *ids, GArray *starts,
                         const char *header)
{
  if (n == 0 || s->fig_lines->len != s->figs->len || s->figs->len == 0)
    return FALSE;
  g_autoptr (GArray) up = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) seg = streams_page_segments (s, header, up);
  guint combos = 1, pages = up->len;
  for (guint k = 0; k < pages; k++)
    combos = MIN (combos * (g_array_index (up, guint, k) + 1), ROTATIONS_MAX + 1);
  if (combos < 2 || combos > ROTATIONS_MAX)
    return FALSE;
  g_autoptr (GPtrArray) figs = g_ptr_array_copy (s->figs, figure_copy, NULL);
  g_autoptr (GArray) lines = g_array_copy (s->fig_lines);
  g_autofree guint *shift = g_new0 (guint, pages + 1);
  for (guint c = 1; c < combos; c++)
    {
      for (guint k = 0, rest = c; k < pages; k++)
        {
          guint radix = g_array_index (up, guint, k) + 1;
          shift[k] = rest % radix;
          rest /= radix;
        }
      streams_rotate_pages (s, figs, lines, seg, shift, n);
      if (total_position (s, starts) > -2 || streams_figures_by_blocks (s, n, ids, starts))
        return TRUE;
    }
  memset (shift, 0, (pages + 1) * sizeof *shift);
  streams_rotate_pages (s, figs, lines, seg, shift, n);   /* as printed */
  return FALSE;
}

/* The rows read side by side from the streams of S (its codes as they
 * stand), or NULL when the code hierarchy does not confirm them. */
static GPtrArray *
streams_rebuild (Streams *s, const char *tid, GPtrArray *cols, const GPtrArray *ids,
                 const char *header)
{
  g_autoptr (GArray) starts = figure_groups (s->figs, s->codes->len, cols->len, ids);
  /* Codes in ascending order first, as the table prints them: when the
   * parts' totals repeat (a Shanghai Putuo final account: 208, 210 and 221 each equal to
   * their 款), the stream's own order may add up as well. */
  g_autoptr (GPtrArray) as_read = g_ptr_array_copy (s->codes, figure_copy, NULL);
  g_autoptr (GArray) lines_as_read = g_array_copy (s->code_lines);
  gboolean sorted = streams_sort_codes (s);
  int total_at = total_position (s, starts);
  if (total_at == -2 && sorted)
    {
      streams_restore_codes (s, as_read, lines_as_read);
      total_at = total_position (s, starts);
      if (total_at == -2)
        streams_sort_codes (s);   /* the fitting below reads them sorted */
      else
        sorted = FALSE;
    }
  if (total_at == -2 && (streams_figures_by_blocks (s, cols->len, ids, starts)
                         || streams_figures_rotated (s, cols->len, ids, starts, header)))
    total_at = total_position (s, starts);
  g_debug ("%s: streams of %u codes, %u figures, %u names in %u columns: %u rows, %s",
           tid, s->codes->len, s->figs->len, s->names->len, cols->len, starts->len,
           total_at > -2 ? "confirmed" : "not confirmed");
  g_autoptr (GPtrArray) names = s->bound ? g_ptr_array_ref (s->bound)
      : sorted ? NULL : names_for_rows (s->names, s->codes->len, header);
  /* Rows of uneven length come from pages whose runs interleave: the
   * names' order is not the codes' there, so they are left out. */
  if (total_at > -2)
    return rows_from_streams (s, starts, total_at, names);
  return rows_fitted (s, cols, ids, s->bound);
}

/* Sets the codes of S to CODES, each row's line that of a 类 token of
 * its own 类 (the k-th row of a 类 on the k-th such token's line). */
static void
streams_set_codes (Streams *s, GPtrArray *codes)
{
  g_ptr_array_set_size (s->codes, 0);
  g_array_set_size (s->code_lines, 0);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *c = codes->pdata[i];
      guint nth = 0;
      for (guint j = 0; j < i; j++)
        nth += strncmp (codes->pdata[j], c, 3) == 0;
      int line = g_array_index (s->class_lines, int, 0);
      for (guint k = 0; k < s->classes->len; k++)
        if (strncmp (s->classes->pdata[k], c, 3) == 0 && nth-- == 0)
          {
            line = g_array_index (s->class_lines, int, k);
            break;
          }
      g_ptr_array_add (s->codes, g_strdup (c));
      g_array_append_val (s->code_lines, line);
    }
}

/* The rows of a table with 类 | 款 | 项 columns: the readings of its
 * digits (digitcodes.c), cheapest first, tried against the figures; the
 * first the hierarchy confirms is kept, unless another as cheap is
 * confirmed too (they differ in some code: neither is sure). */
static GPtrArray *
streams_rebuild_digits (Streams *s, const char *tid, GPtrArray *cols, const GPtrArray *ids,
                        const char *header)
{
  if (s->codes->len > 0)
    return NULL;
  g_autoptr (GPtrArray) readings = codes_from_digit_columns (s->classes, s->parts,
                                                             (gboolean *) (void *) s->after_class->data);
  g_ptr_array_add (s->parts, NULL);
  g_autofree char *parts = g_strjoinv (" ", (char **) s->parts->pdata);
  g_ptr_array_set_size (s->parts, s->parts->len - 1);
  g_ptr_array_add (s->classes, NULL);
  g_autofree char *classes = g_strjoinv (" ", (char **) s->classes->pdata);
  g_ptr_array_set_size (s->classes, s->classes->len - 1);
  g_debug ("%s: 类 tokens %s, 款/项 tokens %s: %u readings", tid, classes, parts,
           readings->len);
  GPtrArray *result = NULL;
  guint cost = 0;
  g_autoptr (GPtrArray) figs = g_ptr_array_copy (s->figs, figure_copy, NULL);
  for (guint r = 0; r < readings->len; r++)
    {
      const DigitReading *reading = readings->pdata[r];
      if (result && reading->cost > cost)
        break;
      streams_set_codes (s, reading->codes);
      g_ptr_array_set_size (s->figs, 0);
      for (guint i = 0; i < figs->len; i++)
        g_ptr_array_add (s->figs, g_strdup (figs->pdata[i]));
      GPtrArray *rows = streams_rebuild (s, tid, cols, ids, header);
      if (rows && result)
        {
          g_ptr_array_unref (rows);
          g_ptr_array_unref (result);
          return NULL;
        }
      if (rows)
        {
          result = rows;
          cost = reading->cost;
        }
    }
  return result;
}

/* The header (or a body line, plain text mixing them) names the 类 and
 * 款 columns of a code printed in digit columns. */
static gboolean
lines_name_digit_columns (const char *header_text, GPtrArray *lines)
{
  gboolean lei = FALSE, kuan = FALSE;
  g_auto (GStrv) h = g_strsplit_set (header_text, " \t", -1);
  for (guint i = 0; h[i]; i++)
    {
      lei |= strcmp (h[i], "类") == 0;
      kuan |= strcmp (h[i], "款") == 0;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *c_own = NULL;
      const char *c = compact_of (((BpLine *) lines->pdata[i])->text, &c_own);
      lei |= strcmp (c, "类") == 0;
      kuan |= strcmp (c, "款") == 0 || strcmp (c, "类款") == 0 || strcmp (c, "类款项") == 0;
      lei |= g_str_has_prefix (c, "类款");
    }
  return lei && kuan;
}

/* A function table printed with names only (Hangzhou), its names in runs
 * of their own in plain text: the codes come from the names (the
 * catalogue's, namecodes.c), in code order, each row keeping its own
 * name; the rebuild then confirms them as it does printed codes. */
static gboolean
streams_codes_from_names (Streams *s, const char *header, GPtrArray *header_lines)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) header_like = g_array_new (FALSE, FALSE, sizeof (gboolean));
  /* the first rows' names may come among the header's lines ("**" / 合计 /
   * 科学技术支出 / …): there only names the catalogue knows count */
  g_autoptr (GPtrArray) own = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < header_lines->len; i++)
    {
      const BpLine *l = header_lines->pdata[i];
      char *c = text_compact (l->text);
      g_ptr_array_add (own, c);
      if (strpbrk (c, "0123456789") || name_is_header (c, ""))
        continue;
      gboolean h = TRUE;
      g_ptr_array_add (names, c);
      g_array_append_val (lines, l->line);
      g_array_append_val (header_like, h);
    }
  for (guint i = 0; i < s->names->len; i++)
    {
      /* a row's name may also stand in the header's lines ("司法" of
       * 杭州市司法局): only the form's own words are never names */
      if (name_is_header (s->names->pdata[i], ""))
        continue;
      g_autofree char *c_own = NULL;
      const char *c = compact_of (s->names->pdata[i], &c_own);
      gboolean h = name_is_header (s->names->pdata[i], header)
                   || (s->digit_columns && strstr (income_heading_vocab, c));
      g_ptr_array_add (names, s->names->pdata[i]);
      g_array_append_val (lines, g_array_index (s->name_lines, int, i));
      g_array_append_val (header_like, h);
    }
  g_autoptr (GArray) codes = codes_from_name_stream (names, (gboolean *) (void *) header_like->data,
                                                     s->digit_columns);
  if (codes->len < 2
      || (s->digit_columns
          && !named_codes_use_digits (codes, s->classes, s->parts, s->part_classes)))
    return FALSE;
  s->bound = g_ptr_array_new_with_free_func (g_free);
  s->uncoded = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_array_set_size (s->uncoded, codes->len);
  for (guint i = 0; i < codes->len; i++)
    {
      const NamedCode *nc = &g_array_index (codes, NamedCode, i);
      g_ptr_array_add (s->codes, g_strdup (nc->code));
      g_array_append_val (s->code_lines, g_array_index (lines, int, nc->index));
      g_ptr_array_add (s->bound, g_strdup (nc->name));
      if (!nc->provisional)
        continue;
      gsize n = strlen (nc->code);
      for (guint j = 0; j < codes->len; j++)
        {
          const char *o = g_array_index (codes, NamedCode, j).code;
          if (strlen (o) == n && strncmp (o, nc->code, n - 2) == 0)
            g_array_index (s->uncoded, gboolean, j) = TRUE;
        }
    }
  return TRUE;
}

/* The 类 tokens of S are function classes' (2xx; the catalogue knows
 * no other names), a damaged one aside. */
static gboolean
streams_classes_are_functions (const Streams *s)
{
  for (guint i = 0; i < s->classes->len; i++)
    {
      const char *c = s->classes->pdata[i];
      if (c[0] != '2' && c[0] != '?')
        return FALSE;
    }
  return s->classes->len > 0;
}

/* A table with 类 | 款 | 项 columns whose digits no reading puts in row
 * order: plain text may print a 项's digits after later rows' ("210 07 |
 * 210 11 | 210 11 01 | 210 11 02 | 17", a Shanghai Putuo budget), which
 * the readings' rules exclude. The codes then come from the rows' names
 * (the catalogue's, as for a table printed with names only), kept only
 * when the catalogue knows every name and the codes use the digit
 * tokens exactly; the figures (FIGS, as read) and the hierarchy then
 * confirm them as they do printed codes. */
static GPtrArray *
streams_rebuild_named_digits (Streams *s, TableBody *tb, GPtrArray *cols, const GPtrArray *ids,
                              const char *header, GPtrArray *figs)
{
  g_ptr_array_set_size (s->codes, 0);
  g_array_set_size (s->code_lines, 0);
  gboolean named = streams_classes_are_functions (s)
                   && streams_codes_from_names (s, header, tb->header_lines);
  g_debug ("%s: codes from names %s the digit tokens", tb->table->id,
           named ? "use" : "do not use");
  if (!named)
    return NULL;
  g_ptr_array_set_size (s->figs, 0);
  for (guint i = 0; i < figs->len; i++)
    g_ptr_array_add (s->figs, g_strdup (figs->pdata[i]));
  return streams_rebuild (s, tb->table->id, cols, ids, header);
}

/* How many pages of LINES after the first start with the N figures
 * TOTAL, in order (the 合计 row printed again over a continued page). */
static guint
pages_opening_with (const BpDocument *doc, GPtrArray *lines, const gint64 *total, guint n)
{
  guint repeats = 0, got = n;
  int page = lines->len && doc ? bp_document_line_page (doc, lines->pdata[0]) : 0;
  gboolean same = FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      const BpLine *l = lines->pdata[i];
      int on = doc ? bp_document_line_page (doc, l) : 0;
      if (on != page)
        page = on, got = 0, same = TRUE;
      g_autoptr (GPtrArray) toks = tokens_shared (l->text);
      for (guint t = 0; t < toks->len && got < n; t++)
        {
          const char *tok = toks->pdata[t];
          gint64 v;
          if (!token_is_number (tok) || !token_amount (tok, &v)
              || (token_is_code (tok) && !strpbrk (tok, ".,")))   /* a row's code */
            continue;
          same = same && v == total[got];
          repeats += ++got == n && same;
        }
    }
  return repeats;
}

/* Plain text prints a continued page's 合计 row again: its label among
 * the header's words, its figures before the page's first row's
 * ("2210201 / 住房公积金 / 1668.14 / 746.39 / 921.75 / 60.87 / …",
 * a Foshan final account 表5). When the first N figures (the 合计 row's) open later
 * pages of LINES, and are found again in the stream exactly as often,
 * those are left out; TRUE when some were. */
static gboolean
streams_drop_repeated_total (Streams *s, GPtrArray *lines, guint n)
{
  gint64 sum = 0;
  if (n < 2 || s->figs->len < 3 * n)
    return FALSE;
  g_autofree gint64 *vals = g_new0 (gint64, s->figs->len);
  for (guint i = 0; i < s->figs->len; i++)
    token_amount (g_ptr_array_index (s->figs, i), &vals[i]);
  for (guint i = 0; i < n; i++)
    sum += ABS (vals[i]);
  guint pages = sum ? pages_opening_with (s->doc, lines, vals, n) : 0;
  g_autoptr (GArray) at = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint p = s->figs->len - n; pages && p >= n; p--)
    if (memcmp (vals + p, vals, n * sizeof (gint64)) == 0)
      g_array_append_val (at, p);
  if (!pages || at->len != pages)
    return FALSE;
  for (guint k = 0; k < at->len; k++)   /* from the last one back */
    g_ptr_array_remove_range (s->figs, g_array_index (at, guint, k), n);
  return TRUE;
}

/* Plain text may print a page's figures column by column, the 合计
 * column whole and the others region by region (fz 一般公共预算拨款支出表:
 * 合计 of every row, then 基本支出 of four rows, 项目支出 of four, 基本支出
 * of the rest). When the stream's first figures, one per code and the 合计
 * first, are the 合计 column the code hierarchy confirms (two checks in
 * three at least, four checks or more: a real defect may fail one), the
 * rows get their 合计 alone; the other columns stay empty. */
static GPtrArray *
streams_total_column (Streams *s)
{
  guint nc = s->codes->len;
  streams_drop_bare_integers (s);
  if (nc < 4 || s->figs->len <= nc + 1)
    return NULL;
  g_autofree gint64 *totals = g_new0 (gint64, nc + 1);
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint g = 0; g <= nc; g++)
    {
      token_amount (g_ptr_array_index (s->figs, g), &totals[g]);
      g_array_append_val (starts, g);
    }
  guint checked, passed;
  hierarchy_check (s->codes, totals, 0, &checked, &passed);
  /* figures all 0 add up whatever they belong to: they confirm nothing */
  if (totals[0] == 0 || checked < 4 || passed * 3 < checked * 2)
    return NULL;
  g_ptr_array_set_size (s->figs, nc + 1);
  return rows_from_streams (s, starts, 0, NULL);
}

/* TRUE when NAME is one of the header's lines (HEADER_LINES, compact),
 * as a page printing the table on repeats them. */
static gboolean
name_is_header_line (const char *name, GPtrArray *header_lines)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (name, &c_own);
  for (guint i = 0; i < header_lines->len; i++)
    {
      g_autofree char *h_own = NULL;
      const char *h = compact_of (((const BpLine *) header_lines->pdata[i])->text, &h_own);
      if (g_str_equal (c, h))
        return TRUE;
    }
  return FALSE;
}

/* The rows of a table listed by unit (streamunits.c), from the codes and
 * figures as read (CODES, CODE_LINES, FIGS: the rebuilds above sort and
 * drop them). */
static GPtrArray *
streams_by_units (const Streams *s, GPtrArray *codes, GArray *code_lines, GPtrArray *figs,
                  GPtrArray *header_lines)
{
  if (s->digit_columns || s->bound || s->fig_lines->len != figs->len)
    return NULL;
  g_autofree gboolean *header_like = g_new0 (gboolean, s->names->len + 1);
  for (guint i = 0; i < s->names->len; i++)
    header_like[i] = name_is_header_line (s->names->pdata[i], header_lines);
  UnitStreams u = { codes, code_lines, figs, s->fig_lines, s->names, s->name_lines,
                    header_like, s->line_pages };
  return stream_rows_by_units (&u);
}

GPtrArray *
class_rows_from_streams (TableBody *tb, const char *header_text, GPtrArray **cols_out,
                         GPtrArray **uncode, GHashTable **placed)
{
  Streams s = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (int)),
                g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free),
                g_string_new (header_text), 0, ITEM_NONE,
                lines_name_digit_columns (header_text, tb->body_lines),
                g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (int)),
                g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gboolean)),
                0, g_array_new (FALSE, FALSE, sizeof (int)), NULL, NULL, FALSE,
                g_array_new (FALSE, FALSE, sizeof (int)), g_hash_table_new (NULL, NULL),
                tb->table, tb->doc, NULL, g_ptr_array_new_with_free_func (g_free) };
  if (s.digit_columns)
    streams_take_header_digits (&s, tb->header_lines);
  s.cents = lines_print_cents (tb->body_lines);
  streams_read (&s, tb->body_lines);
  GPtrArray *result = NULL;
  g_autoptr (GPtrArray) cols = stream_columns (tb->table->type, s.words->str);
  g_autofree char *header_own = NULL;
  const char *header = compact_of (header_text, &header_own);
  gboolean named = s.codes->len == 0 && !s.digit_columns
                   && function_rows_source (tb->table->type)
                   && streams_codes_from_names (&s, header, tb->header_lines);
  /* the 基本支出 heading is dropped only in tables with digit columns, and
   * in tables printed with names only when no 小计 stands under it:
   * other plain-text tables' columns stay as named (their 基本支出 a column) */
  if (s.digit_columns)
    columns_drop_basic_heading (cols, FALSE);
  else if (named && !strstr (s.words->str, "小计"))
    columns_drop_basic_heading (cols, TRUE);
  else if (named)
    columns_nest_basic_parts (cols);
  g_autoptr (GPtrArray) ids = identities_for (cols);
  if (s.digit_columns && s.classes->len >= 2)
    {
      g_autoptr (GPtrArray) all_figs = g_ptr_array_copy (s.figs, figure_copy, NULL);
      g_autoptr (GPtrArray) body_figs = g_ptr_array_new_with_free_func (g_free);
      for (guint i = s.header_figs; i < s.figs->len; i++)
        g_ptr_array_add (body_figs, g_strdup (s.figs->pdata[i]));
      result = streams_rebuild_digits (&s, tb->table->id, cols, ids, header);
      /* the header's figures may be a row's figure printed before the row
       * (a Shanghai Putuo unit budget: 208's 事业收入 above its name): then try without */
      if (!result && s.header_figs > 0)
        {
          g_ptr_array_set_size (s.figs, 0);
          for (guint i = 0; i < body_figs->len; i++)
            g_ptr_array_add (s.figs, g_strdup (body_figs->pdata[i]));
          g_ptr_array_set_size (s.codes, 0);
          g_array_set_size (s.code_lines, 0);
          result = streams_rebuild_digits (&s, tb->table->id, cols, ids, header);
        }
      if (!result)
        result = streams_rebuild_named_digits (&s, tb, cols, ids, header, all_figs);
    }
  else if (s.codes->len >= 2)
    {
      g_autoptr (GPtrArray) codes_read = g_ptr_array_copy (s.codes, figure_copy, NULL);
      g_autoptr (GArray) code_lines_read = g_array_copy (s.code_lines);
      g_autoptr (GPtrArray) figs_read = g_ptr_array_copy (s.figs, figure_copy, NULL);
      result = streams_rebuild (&s, tb->table->id, cols, ids, header);
      if (!result && streams_drop_repeated_total (&s, tb->body_lines, cols->len))
        result = streams_rebuild (&s, tb->table->id, cols, ids, header);
      if (!result)
        result = streams_by_units (&s, codes_read, code_lines_read, figs_read,
                                   tb->header_lines);
      if (!result)
        result = streams_total_column (&s);
    }
  else if (named)
    result = streams_rebuild (&s, tb->table->id, cols, ids, header);
  if (result)
    *cols_out = g_steal_pointer (&cols);
  if (result && s.placed)
    *placed = g_steal_pointer (&s.placed);
  if (result && s.uncoded)
    {
      *uncode = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < s.codes->len; i++)
        if (g_array_index (s.uncoded, gboolean, i))
          g_ptr_array_add (*uncode, g_strdup (s.codes->pdata[i]));
    }
  streams_clear (&s);
  return result;
}
