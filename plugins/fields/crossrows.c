/* fields plugin: function rows from function × economic cross rows.
 *
 * Some templates (Beijing 预算03表 支出总表) print no function subtotals:
 * each row names a function code, an economic code or two, then the
 * figures, "2010601-行政运行 50101-工资奖金津补贴 30101-基本工资 1,721.98 …".
 * The first figure after the codes is the row's 合计 in every text shape
 * (space-aligned or one cell a line), so the source lines are read as a
 * token stream rather than through the table's columns. A function row's
 * total is the sum of its rows; the rows are kept only when the sums add
 * up to the table's printed 合计, so a misread never yields a row.
 *
 * The same check guards rows read from a table's lines when its cells lost
 * the code and name ("序号 功能科目编码 名称 合计 …" laid out in columns):
 * "2    205   教育支出   14197328.85 …" gives code, name and the first
 * figure, and the 类 rows must add up to the 合计 line. */
#include "fields-private.h"

#include <string.h>

typedef struct {
  char *code, *name;
  int line;
  bp_fen total;
  guint terms;
} CrossSum;

typedef struct {
  GPtrArray *sums;      /* CrossSum*, in order of first appearance */
  CrossSum *open;       /* the function row awaiting its 合计 figure */
  gboolean want_total;  /* a 合计 label was seen: its figure is next */
  gboolean have_total;
  bp_fen grand_total;
  bp_fen largest;        /* the largest figure read, whichever row it was in */
  BpUnit unit;
} CrossReader;

static void
cross_sum_free (gpointer p)
{
  CrossSum *s = p;
  g_free (s->code);
  g_free (s->name);
  g_free (s);
}

static CrossSum *
cross_sum_for (CrossReader *rd, const char *code, const char *name, int line)
{
  for (guint i = 0; i < rd->sums->len; i++)
    {
      CrossSum *s = g_ptr_array_index (rd->sums, i);
      if (g_str_equal (s->code, code))
        return s;
    }
  CrossSum *s = g_new0 (CrossSum, 1);
  s->code = g_strdup (code);
  s->name = g_strdup (name);
  s->line = line;
  g_ptr_array_add (rd->sums, s);
  return s;
}

/* A figure token: closes the open function row or the 合计 label. */
static void
cross_take_figure (CrossReader *rd, const char *token)
{
  bp_fen v;
  if (bp_amount_parse (token, rd->unit, &v) != BP_AMOUNT_OK)
    return;
  rd->largest = MAX (rd->largest, v);
  if (rd->open)
    {
      rd->open->total += v;
      rd->open->terms++;
      rd->open = NULL;
    }
  else if (rd->want_total && !rd->have_total)
    {
      rd->grand_total = v;
      rd->have_total = TRUE;
    }
  rd->want_total = FALSE;
}

static void
cross_take_token (CrossReader *rd, const char *token, int line)
{
  g_autoptr (GMatchInfo) m = NULL;
  if (fields_match ("^(2\\d{2}(?:\\d{2}){1,2})[-－—](\\p{Han}\\S*)$", token, &m))
    {
      g_autofree char *code = g_match_info_fetch (m, 1);
      g_autofree char *name = g_match_info_fetch (m, 2);
      rd->open = cross_sum_for (rd, code, name, line);
      rd->want_total = FALSE;
    }
  else if (strchr (token, '.') && bp_amount_looks_like (token))
    cross_take_figure (rd, token);
}

static void
cross_read_line (CrossReader *rd, const char *text, int line)
{
  g_autofree char *squeezed = bp_text_strip_spaces (text);
  if (g_str_has_prefix (squeezed, "合计") || g_str_has_prefix (squeezed, "总计"))
    {
      rd->open = NULL;
      rd->want_total = TRUE;
    }
  g_auto (GStrv) tokens = g_regex_split (fields_regex ("[\\s\\x{3000}]+"), text, 0);
  for (guint i = 0; tokens[i]; i++)
    if (*tokens[i] && !g_str_has_prefix (tokens[i], "合")
        && !g_str_has_prefix (tokens[i], "总"))
      cross_take_token (rd, tokens[i], line);
}

/* TRUE when every function row has a figure and they add up to 合计: the
 * figure after the 合计 label or, when plain pdftotext text printed the
 * label apart from its figures ("合" / "计" on lines of their own, the
 * figures before or after), the table's largest figure, which only the
 * 合计 can be once the rows add up to it. */
static gboolean
cross_sums_balance (const CrossReader *rd)
{
  if (rd->sums->len == 0)
    return FALSE;
  bp_wide_fen sum = 0;
  guint terms = 0;
  for (guint i = 0; i < rd->sums->len; i++)
    {
      const CrossSum *s = g_ptr_array_index (rd->sums, i);
      if (s->terms == 0)
        return FALSE;
      sum += s->total;
      terms += s->terms;
    }
  bp_fen tolerance = bp_rounding_tolerance (rd->unit, terms + 1);
  if (rd->have_total && bp_wide_abs (sum - rd->grand_total) <= tolerance)
    return TRUE;
  return terms > 1 && bp_wide_abs (sum - rd->largest) <= tolerance;
}

/* One "[序号] code name total …" line; FALSE when the line is not one. */
static gboolean
code_line_take (CrossReader *rd, const char *text, int line)
{
  g_autoptr (GMatchInfo) m = NULL;
  if (!fields_match ("^\\s*(?:\\d{1,3}\\s+)?(2\\d{2}(?:\\d{2}){0,2})\\s+"
                     "(\\p{Han}[^\\s\\d]*)\\s+([\\d,]+\\.\\d+)(?:\\s|$)",
                     text, &m))
    return FALSE;
  g_autofree char *code = g_match_info_fetch (m, 1);
  g_autofree char *name = g_match_info_fetch (m, 2);
  g_autofree char *figure = g_match_info_fetch (m, 3);
  CrossSum *s = cross_sum_for (rd, code, name, line);
  if (s->terms > 0)
    return TRUE;                /* a repeated code: keep the first */
  rd->open = s;
  cross_take_figure (rd, figure);
  return TRUE;
}

/* The 类 (3-digit) rows add up to 合计 and every row has its figure. */
static gboolean
code_lines_balance (const CrossReader *rd)
{
  if (!rd->have_total || rd->sums->len == 0)
    return FALSE;
  bp_wide_fen sum = 0;
  guint terms = 0;
  for (guint i = 0; i < rd->sums->len; i++)
    {
      const CrossSum *s = g_ptr_array_index (rd->sums, i);
      if (s->terms == 0)
        return FALSE;
      if (strlen (s->code) == 3)
        {
          sum += s->total;
          terms++;
        }
    }
  return terms > 0
         && bp_wide_abs (sum - rd->grand_total)
                <= bp_rounding_tolerance (rd->unit, terms + 1);
}

static void
add_sums (BpDocument *doc, const BpTable *t, const CrossReader *rd)
{
  for (guint i = 0; i < rd->sums->len; i++)
    {
      const CrossSum *s = g_ptr_array_index (rd->sums, i);
      BpClassRow *row = bp_document_add_class_row (doc, BP_CLASS_FUNCTION,
                                                   s->code, s->name, s->line,
                                                   t->id);
      row->amount[0] = s->total;
      row->has[0] = TRUE;
    }
}

/* The last table of the run that starts at table FIRST: the tables stage
 * may leave a title as an empty table of TYPE and its rows in untyped
 * ("other") pieces after it, page by page. */
static guint
table_run_end (const BpDocument *doc, guint first, const char *type)
{
  guint last = first;
  while (last + 1 < doc->tables->len)
    {
      const BpTable *next = g_ptr_array_index (doc->tables, last + 1);
      if (g_strcmp0 (next->type, type) && g_strcmp0 (next->type, "other"))
        break;
      last++;
    }
  return last;
}

/* Reads the code lines under a header that names function classification
 * (功能科目编码, 功能分类科目): a summary by unit prints "222 西安市交通运输局"
 * under 单位编码, and those codes are not function codes. */
static void
code_lines_read (CrossReader *rd, const BpDocument *doc, int from, int to)
{
  gboolean function_header = FALSE;
  int l = MAX (from, 1);
  for (const char *text = bp_document_source_line (doc, l); text && l <= to;
       text = bp_document_source_line_next (doc, text), l++)
    {
      function_header |= strstr (text, "功能") != NULL;
      if (!function_header)
        continue;
      if (code_line_take (rd, text, l) || rd->have_total)
        continue;
      g_autofree char *squeezed = bp_text_strip_spaces (text);
      g_autoptr (GMatchInfo) m = NULL;
      if (fields_match ("^(?:\\d{1,3})?(?:合计|总计)([\\d,]+\\.\\d+)",
                        squeezed, &m))
        {
          g_autofree char *figure = g_match_info_fetch (m, 1);
          rd->want_total = TRUE;
          cross_take_figure (rd, figure);
        }
    }
}

static guint
first_of_type (const BpDocument *doc, const char *type)
{
  guint first = 0;
  while (first < doc->tables->len
         && g_strcmp0 (((BpTable *) g_ptr_array_index (doc->tables, first))
                           ->type, type))
    first++;
  return first;
}

static void
cross_lines_read (CrossReader *rd, const BpDocument *doc, int from, int to)
{
  int l = MAX (from, 1);
  for (const char *text = bp_document_source_line (doc, l); text && l <= to;
       text = bp_document_source_line_next (doc, text), l++)
    cross_read_line (rd, text, l);
}

/* Reads the run of tables from the first of TYPE as one (a table broken at
 * page ends prints its 合计 on the last piece only) with READ, and adds its
 * sums to DOC when BALANCE says they add up to that 合计. */
static gboolean
read_table_run (BpDocument *doc, const char *type,
                void (*read) (CrossReader *, const BpDocument *, int, int),
                gboolean (*balance) (const CrossReader *))
{
  const BpTable *t;
  int from, to;
  if (!fields_table_run_lines (doc, type, &t, &from, &to))
    return FALSE;
  CrossReader rd = { .sums = g_ptr_array_new_with_free_func (cross_sum_free),
                     .unit = t->unit };
  read (&rd, doc, from, to);
  gboolean ok = balance (&rd);
  if (ok)
    add_sums (doc, t, &rd);
  g_ptr_array_unref (rd.sums);
  return ok;
}

gboolean
fields_table_run_lines (const BpDocument *doc, const char *type,
                        const BpTable **table, int *from, int *to)
{
  guint first = first_of_type (doc, type);
  if (first == doc->tables->len)
    return FALSE;
  const BpTable *t = g_ptr_array_index (doc->tables, first);
  const BpTable *last = g_ptr_array_index (
      doc->tables, table_run_end (doc, first, type));
  *table = t;
  *from = t->line;
  *to = MAX (t->end_line, last->end_line);
  return TRUE;
}

gboolean
fields_read_code_lines (BpDocument *doc, const char *type)
{
  return read_table_run (doc, type, code_lines_read, code_lines_balance);
}

gboolean
fields_read_cross_rows (BpDocument *doc, const char *type)
{
  return read_table_run (doc, type, cross_lines_read, cross_sums_balance);
}
