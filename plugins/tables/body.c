/* Table bodies: which lines are header, data rows and notes. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

static GRegex *re_column_word;
static GRegex *re_row_marker;
static GRegex *re_heading;
static GRegex *re_page_number;

/* A header naming 科目名称 more than once: side-by-side groups; not when
 * one row carries two classifications (部门经济科目 | 政府经济科目, Xi'an). */
static gboolean
header_has_groups (const char *header)
{
  if (strstr (header, "政府经济科目") && strstr (header, "部门经济科目"))
    return FALSE;
  const char *p = strstr (header, "科目名称");
  int n = 0;
  while (p)
    {
      n++;
      p = strstr (p + 1, "科目名称");
    }
  return n >= 2;
}

gboolean
body_shape_needs_header (const char *type)
{
  return type && strcmp (type, "basic_expense") == 0;   /* groups or not */
}

TableShape
body_shape_for (const char *type, const char *header_text)
{
  if (!type || g_str_has_prefix (type, "performance") || strcmp (type, "other") == 0
      || strcmp (type, "procurement") == 0 || strcmp (type, "purchased_services") == 0
      || strcmp (type, "asset_allocation") == 0 || strcmp (type, "project_expense") == 0
      || strcmp (type, "general_budget_expense_by_unit") == 0)
    return SHAPE_TEXT;
  if (strcmp (type, "income_expense_summary") == 0
      || strcmp (type, "fiscal_summary") == 0)
    return SHAPE_TWO_SIDED;
  if (strcmp (type, "three_public") == 0)
    return SHAPE_VALUES;
  if (body_shape_needs_header (type))
    {
      g_autofree char *h_own = NULL;
      const char *h = compact_of (header_text ? header_text : "", &h_own);
      if (header_has_groups (h))
        return SHAPE_GROUPS;
    }
  return SHAPE_CLASS;
}

gboolean
body_line_is_note (const char *text)
{
  gunichar head = compact_head_char (text);   /* 注 说 备: no compact text else */
  if (head && head != 0x6CE8 && head != 0x8BF4 && head != 0x5907)
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  /* every head starts with 注, 说 or 备: most lines are answered here */
  if (strncmp (c, "注", 3) != 0 && strncmp (c, "说", 3) != 0 && strncmp (c, "备", 3) != 0)
    return FALSE;
  static const char *const heads[] = { "注:", "注1", "说明:", "备注:", "备注",
                                       "注释:", "注" };
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    if (g_str_has_prefix (c, heads[i]))
      {
        if (strcmp (heads[i], "注") == 0)
          return g_str_has_prefix (c, "注:") || strlen (c) == strlen ("注");
        return TRUE;
      }
  return FALSE;
}

/* A footnote formula line: "1栏各行＝（2＋3）栏各行", "27 行＝（1＋2）行". */
static gboolean
line_is_formula (const char *text)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return (strstr (c, "栏") || strstr (c, "行")) && strchr (c, '=') != NULL
         && g_ascii_isdigit (c[0]);
}

gboolean
body_line_is_prose (const char *text)
{
  /* Full-width punctuation only: "91,016,775.35" has ASCII commas. */
  if (strchr (text, '\t') || (!strstr (text, "。") && !strstr (text, "，")))
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return g_utf8_strlen (c, -1) >= 24 && !g_ascii_isdigit (c[0]);
}

/* Column-number lines ("栏次 1 2 3", "1 2 3 4 5 6") belong to the header.
 * TOKS: tokens_split of TEXT. */
static gboolean
line_is_column_numbers (const char *text, GPtrArray *toks)
{
  int expect = 1, nums = 0;
  for (guint i = 0; i < toks->len; i++)
    {
      const char *t = g_ptr_array_index (toks, i);
      if (strcmp (t, "栏次") == 0 || strcmp (t, "行次") == 0)
        continue;
      if (atoi (t) != expect && atoi (t) != 1)
        return FALSE;
      expect = atoi (t) + 1;
      nums++;
    }
  return nums >= 2 || (nums >= 1 && strstr (text, "栏次"));
}

gboolean
body_line_starts_data (const char *text, TableShape shape)
{
  g_autoptr (GPtrArray) toks = tokens_shared (text);   /* TEXT's tokens */
  if (line_is_column_numbers (text, toks))
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  if (toks->len == 0)
    return FALSE;
  const char *first = g_ptr_array_index (toks, 0);
  guint nums = 0;
  for (guint i = 0; i < toks->len; i++)
    {
      const char *t = g_ptr_array_index (toks, i);
      gboolean number = token_is_number (t);
      nums += number;
      if (number && strchr (t, '.'))
        return TRUE;
    }
  if (token_is_code (first))
    return TRUE;
  /* A bare 合计/小计 is a header cell; with a figure it is the total row. */
  if ((g_str_has_prefix (c, "合计") || g_str_has_prefix (c, "总计")
       || g_str_has_prefix (c, "小计")) && nums > 0)
    return TRUE;
  if (shape == SHAPE_TWO_SIDED)
    return regex_matches (&re_row_marker,
                          "^(?:[一二三四五六七八九十]{1,3}、|\\([一二三四五六七八九十]{1,3}\\)|\\d+\\.)", c);
  if (shape == SHAPE_VALUES)
    return token_is_number (first);
  return FALSE;
}

/* "一、…" or "（三）…": the text after the table has begun. */
static gboolean
line_is_heading (const char *text)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return regex_matches (&re_heading,
                        "^(?:[一二三四五六七八九十]{1,3}、|\\([一二三四五六七八九十]{1,3}\\))", c)
         || title_is_section_heading (c);
}

/* "单位名称 总计 预算拨款收 …": 单位名称 heading a table's unit column on
 * a header line with other headings (Quanzhou's 收入预算总表 by unit), not
 * the "单位名称：…" line naming the unit under a title. */
static gboolean
unit_column_heading (const char *text, const char *compact)
{
  const char *rest = compact + strlen ("单位名称");
  if (*rest == ':' || *rest == '\0')
    return FALSE;
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  return toks->len >= 3;
}

/* Whether U may start one of body_line_is_info's heads: 部 编 填 单 金 预. */
static gboolean
info_head_may_start (gunichar u)
{
  return u == 0x90E8 || u == 0x7F16 || u == 0x586B || u == 0x5355 || u == 0x91D1
         || u == 0x9884;
}

/* Unit, department and date lines under a title. */
gboolean
body_line_is_info (const char *text)
{
  /* no head, and no "单位:" (its 位 stays in the text): most lines, told
   * without a compact text */
  gunichar head = compact_head_char (text);
  if (head && !info_head_may_start (head) && !strstr (text, "位"))
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  static const char *const heads[] = { "部门:", "部门/单位:", "编制部门",
                                       "填报日期", "单位名称", "单位:",
                                       "金额单位", "预算主管部门", "填报单位" };
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    if (strncmp (c, heads[i], strlen (heads[i])) == 0)   /* no strlen of C */
      return !(strcmp (heads[i], "单位名称") == 0 && unit_column_heading (text, c));
  return strstr (c, "单位:") && g_utf8_strlen (c, -1) < 60;
}

/* C may start a page number: a dash, 第 or a digit (any Unicode digit, as
 * \\d matches); most lines do not, and then the regex is not run. */
static gboolean
page_number_may_start_char (gunichar u)
{
  return u == '-' || u == 0x2014 || u == 0x2013 || u == 0x7B2C   /* — – 第 */
         || (u < 0x80 ? g_ascii_isdigit (u) : g_unichar_isdigit (u));
}

static gboolean
page_number_may_start (const char *c)
{
  if ((guchar) *c < 0x80)
    return *c == '-' || g_ascii_isdigit (*c);
  gunichar u = g_utf8_get_char_validated (c, -1);
  return u == (gunichar) -1 || u == (gunichar) -2 || page_number_may_start_char (u);
}

/* C may be a page number by its characters: no ASCII but digits, dashes
 * and '/', no ideograph but 第, 页 and 共 (a row's code and name have
 * some); the regex decides the rest, and is not run on most lines. */
static gboolean
page_number_chars_only (const char *c)
{
  for (const char *p = c; *p; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isdigit (*p) && *p != '-' && *p != '/')
            return FALSE;
          continue;
        }
      gunichar u = g_utf8_get_char_validated (p, -1);
      if (u != (gunichar) -1 && u != (gunichar) -2 && bp_text_is_cjk (u)
          && u != 0x7B2C && u != 0x9875 && u != 0x5171)   /* 第 页 共 */
        return FALSE;
    }
  return TRUE;
}

/* TEXT holds, before any character not read here, one that compacting
 * keeps and page_number_chars_only refuses: printable ASCII but a digit,
 * '-' or '/', or an ideograph (lead bytes E4-E9, kept as they are) but
 * 第 页 共. Most table rows are told here without a compact text. */
static gboolean
page_number_refused_early (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p;)
    if (*p < 0x80)
      {
        if (*p > 0x20 && *p < 0x7F && !g_ascii_isdigit (*p) && *p != '-' && *p != '/')
          return TRUE;
        p++;   /* a space (dropped) or a control byte: no answer */
      }
    else if (*p >= 0xE4 && *p <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
      {
        gunichar u = (gunichar) (p[0] & 0x0F) << 12 | (gunichar) (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
        if (bp_text_is_cjk (u) && u != 0x7B2C && u != 0x9875 && u != 0x5171)   /* 第 页 共 */
          return TRUE;
        p += 3;
      }
    else
      return FALSE;
  return FALSE;
}

/* Page furniture left by extraction: "- 12 -", "—12—", "第 3 页". */
static gboolean
line_is_page_number (const char *text)
{
  gunichar head = compact_head_char (text);
  if ((head && !page_number_may_start_char (head)) || page_number_refused_early (text))
    return FALSE;   /* no compact text then */
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  if (!page_number_may_start (c) || !page_number_chars_only (c))
    return FALSE;
  return regex_matches (&re_page_number,
                        "^(?:[-—–]+\\d{1,4}[-—–]+|第\\d{1,4}页(?:共\\d{1,4}页)?|\\d{1,4}/\\d{1,4})$", c);
}

/* A bare table number ("表7"), printed over a page's repeated title. */
static gboolean
line_is_table_number (const char *text)
{
  const char *head = compact_head (text);
  if (head && !g_str_has_prefix (head, "表"))   /* no compact text then */
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  if (!g_str_has_prefix (c, "表"))
    return FALSE;
  const char *d = c + strlen ("表");
  gsize n = strlen (d);
  return n >= 1 && n <= 3 && strspn (d, "0123456789") == n;
}

/* line_is_repeat for a line that is no page number. */
static gboolean
line_is_repeat_not_page (const char *text)
{
  /* a title, a table number and a number label all hold 表: most lines
   * are asked only the last question */
  if (strstr (text, "表"))
    {
      TitleInfo ti;
      gboolean title = title_parse_shared (text, &ti);
      title_info_clear (&ti);
      if (title || line_is_table_number (text))
        return TRUE;
      g_autofree char *label = title_label_only (text);
      if (label)
        return TRUE;
    }
  return body_line_is_info (text);
}

/* Lines of a continued table that are not rows: its repeated title, number
 * label and unit line. */
static gboolean
line_is_repeat (const char *text)
{
  return line_is_page_number (text) || line_is_repeat_not_page (text);
}

/* One figure printed with separators ("19,551,864"): a row's figure even
 * among the header's lines (plain text prints the first row's there), so
 * a body line equal to it repeats no header. */
gboolean
line_is_separated_figure (const char *text)
{
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  gint64 v;
  if (toks->len != 1)
    return FALSE;
  const char *t = toks->pdata[0];
  return (strchr (t, ',') || strchr (t, '.')) && token_is_number (t) && token_amount (t, &v);
}

/* text_compact of header line I, made once while the body is filled:
 * every body line is compared with every header line (header_lines only
 * grows meanwhile, so what is made stays right). */
static const char *
header_line_compact (TableBody *tb, guint i)
{
  if (!tb->header_compact)
    tb->header_compact = g_ptr_array_new_with_free_func (g_free);
  while (tb->header_compact->len <= i)
    {
      const BpLine *l = tb->header_lines->pdata[tb->header_compact->len];
      g_ptr_array_add (tb->header_compact, text_compact (l->text));
    }
  return tb->header_compact->pdata[i];
}

static gboolean line_repeats_header_short (TableBody *tb, const char *text, glong min);

/* The header printed again over a later page: a body line that reads like
 * one of the header's lines, spaces aside (long enough not to be the end
 * of a wrapped name). */
static gboolean
line_repeats_header (TableBody *tb, const char *text)
{
  return line_repeats_header_short (tb, text, 4);
}

/* The same for lines of at least MIN characters: next to a line that
 * repeats the header, its short cells repeat it too ("小计", "栏次", the
 * column numbers "1" / "2" / "3"), where alone they could be a name's
 * end or a figure. */
static gboolean
line_repeats_header_short (TableBody *tb, const char *text, glong min)
{
  guint n = tb->header_lines->len;
  if (n == 0)
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  header_line_compact (tb, n - 1);   /* all of them made */
  /* the length and the figure test (it splits the line): asked only of a
   * line equal to a header line (rare), as they answer the same either
   * way (issue 18) */
  for (guint i = 0; i < n; i++)
    {
      const char *h = tb->header_compact->pdata[i];
      if (c[0] == h[0] && strcmp (c, h) == 0)   /* the first byte inline */
        return g_utf8_strlen (c, -1) >= min && !line_is_separated_figure (text);
    }
  return FALSE;
}

/* A table's title or bare number printed again over a new page. */
static gboolean
line_is_title (const char *text)
{
  TitleInfo ti;
  gboolean title = title_parse_shared (text, &ti);
  title_info_clear (&ti);
  return title || line_is_table_number (text);
}

/* The header printed again under a page's repeated title, its cells
 * broken otherwise than on the first page ("功能科目 公用经费支
 * 专项业务经费支" / "序号 功能科目名称 合计 人员经费支出 备注" / "编码 出
 * 出"): a line of two words or more, no figure, each a piece of the
 * header's text, one of them two characters or more. */
static gboolean
line_pieces_header (TableBody *tb, const char *text)
{
  GString *header = g_string_new (NULL);
  for (guint i = 0; i < tb->header_lines->len; i++)
    g_string_append (header, header_line_compact (tb, i));
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  gboolean all = toks->len >= 2, long_one = FALSE;
  for (guint i = 0; all && i < toks->len; i++)
    {
      g_autofree char *c_own = NULL;
      const char *c = compact_of (toks->pdata[i], &c_own);
      all = !token_is_number (c) && strstr (header->str, c) != NULL;
      long_one |= g_utf8_strlen (c, -1) >= 2;
    }
  g_string_free (header, TRUE);
  return all && long_one;
}

static gboolean
line_is_bare_remarks (const char *text)
{
  gunichar head = compact_head_char (text);
  if (head && head != 0x5907)   /* 备: no compact text else */
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return g_str_equal (c, "备注");
}

/* A row number (序号) alone on its line. */
static gboolean
line_is_row_number (const char *text)
{
  if (compact_not_short_digits (text, 3))   /* no compact text then */
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  gsize n = strlen (c);
  return n >= 1 && n <= 3 && strspn (c, "0123456789") == n;
}

/* A short line of words alone, no sentence: a row's name on a line of
 * its own (plain text), such as "污染防治". */
static gboolean
line_is_short_name (const char *text)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  return toks->len == 1 && g_utf8_strlen (c, -1) <= 20 && !token_is_number (c)
         && !strstr (c, "。") && !strchr (c, ':') && !strchr (c, ',');
}

/* Line I is a bare "备注", the 备注 column's heading, which plain pdftotext
 * prints after a page's rows (Xi'an), or among the header's cells, not a
 * note that ends the table: the header goes on, or (past a page's
 * repeated number, title and unit line, and row numbers) rows, perhaps
 * after one row's name on its own line ("备注 / 污染防治 / 0.00"). */
static gboolean
line_is_column_heading_before_header (TableBody *tb, guint i)
{
  if (!line_is_bare_remarks (bp_document_line (tb->doc, i)->text))
    return FALSE;
  gboolean named = FALSE;
  for (guint j = i + 1; j < tb->end; j++)
    {
      const char *next = bp_document_line (tb->doc, j)->text;
      if (text_is_blank (next) || line_is_repeat (next) || line_is_row_number (next))
        continue;
      if (line_repeats_header (tb, next) || body_line_starts_data (next, tb->shape))
        return TRUE;
      if (named || !line_is_short_name (next))
        return FALSE;
      named = TRUE;
    }
  return FALSE;
}

/* A line that is one figure and nothing else ("5.00", "1,039.84"). */
static gboolean
line_is_lone_figure (const char *text)
{
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  return toks->len == 1 && token_is_number (toks->pdata[0])
         && strchr (toks->pdata[0], '.') != NULL;
}

/* A column's heading alone on its line ("项目支出", "支出总计"). */
static gboolean
line_is_column_word (const char *text)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return regex_matches (&re_column_word,
                        "^(?:合计|支出总计|基本支出|项目支出|人员经费|公用经费)$", c);
}

/* The bare integer alone on line TEXT (0 when it is anything else). A
 * leading zero makes it no column number: "01" / "02" one to a line are
 * 款 or 项 digits (a 类 | 款 | 项 table, plain text). */
static int
line_bare_integer (const char *text)
{
  if (compact_not_short_digits (text, 2))   /* no compact text then */
    return 0;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  gsize n = strlen (c);
  return n >= 1 && n <= 2 && c[0] != '0' && strspn (c, "0123456789") == n ? atoi (c) : 0;
}

/* A line of words only, short enough to be one of the header's cells. */
static gboolean
line_is_header_word (const char *text)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  for (guint i = 0; i < toks->len; i++)
    if (token_is_number (toks->pdata[i]))
      return FALSE;
  return g_utf8_strlen (c, -1) <= 20 && !strstr (c, "。");
}

/* Plain text prints the column numbers (栏次 1 2 3 …) one to a line, on
 * a continued page even after its first row's code, or among the
 * header's words ("栏次 / 1 / 合计 / 2 / 小计 / 3 / 4"): bare integers
 * 1, 2, … k (k >= 2) in order, no figure between them and at most a few
 * header words between two. Marks them in COLNUMS (line indexes), so
 * they are never read as a row's figures. */
static void
mark_column_number_run (TableBody *tb, guint start, GHashTable *colnums)
{
  guint run[64], k = 0, words = 0;
  run[k++] = start;
  for (guint j = start + 1; j < tb->end && k < G_N_ELEMENTS (run) && words <= 6; j++)
    {
      const char *text = bp_document_line (tb->doc, j)->text;
      if (text_is_blank (text))
        continue;
      if (line_bare_integer (text) == (int) k + 1)
        {
          run[k++] = j;
          words = 0;
        }
      else if (line_is_header_word (text))
        words++;
      else
        break;
    }
  for (guint i = 0; k >= 2 && i < k; i++)
    g_hash_table_add (colnums, GUINT_TO_POINTER (run[i]));
}

/* Column-number lines of an amount table (see mark_column_number_run). */
static GHashTable *
column_number_lines (TableBody *tb)
{
  GHashTable *colnums = g_hash_table_new (g_direct_hash, g_direct_equal);
  if (tb->shape == SHAPE_TEXT || tb->shape == SHAPE_TWO_SIDED)
    return colnums;
  for (guint i = tb->first; i < tb->end; i++)
    if (!g_hash_table_contains (colnums, GUINT_TO_POINTER (i))
        && line_bare_integer (bp_document_line (tb->doc, i)->text) == 1)
      mark_column_number_run (tb, i, colnums);
  return colnums;
}

/* Page furniture inside a table: a page number, the title printed again
 * over a new page, the header printed again (whole, in pieces under a
 * repeated title, or its short cells next to a repeated line). TRUE: skip
 * the line (kept in repeat_lines when it repeats the header). PAGE_TOP and
 * SINCE_REPEAT carry that state from line to line. */
static gboolean
body_skips_page_repeat (TableBody *tb, BpLine *l, gboolean in_body,
                        gboolean *page_top, guint *since_repeat)
{
  if (line_is_page_number (l->text))
    return TRUE;
  if ((!in_body || tb->shape != SHAPE_TEXT) && line_is_repeat_not_page (l->text))
    {
      *page_top |= in_body && tb->shape != SHAPE_TEXT && line_is_title (l->text);
      return TRUE;
    }
  if (in_body && tb->shape != SHAPE_TEXT
      && (line_repeats_header (tb, l->text)
          || (*page_top && line_pieces_header (tb, l->text))
          || (*since_repeat <= 2 && line_repeats_header_short (tb, l->text, 1))))
    {
      g_ptr_array_add (tb->repeat_lines, l);
      *since_repeat = 0;
      return TRUE;
    }
  *page_top = FALSE;
  *since_repeat = *since_repeat < G_MAXUINT ? *since_repeat + 1 : *since_repeat;
  return FALSE;
}

/* Splits the table's lines into header, body and notes. */
void
table_body_fill (TableBody *tb)
{
  tb->header_lines = g_ptr_array_new ();
  tb->body_lines = g_ptr_array_new ();
  tb->note_lines = g_ptr_array_new ();
  tb->repeat_lines = g_ptr_array_new ();
  gboolean in_body = g_str_has_prefix (tb->table->type, "performance");
  gboolean in_notes = FALSE, header_after_note = FALSE;
  gboolean page_top = FALSE;   /* under a page's repeated title, before its rows */
  guint since_repeat = G_MAXUINT;   /* body lines since one that repeats the header */
  guint header_cap = tb->shape == SHAPE_TEXT ? 3 : 40;
  g_autoptr (GHashTable) colnums = column_number_lines (tb);
  for (guint i = tb->first; i < tb->end; i++)
    {
      BpLine *l = bp_document_line (tb->doc, i);
      /* the tests below keep no compact text across lines, nor do the
       * callers above: free what the line cache pushed out, or a table of
       * 40,000 rows holds every line's compact form until it ends (issue 18) */
      line_cache_release ();
      if (text_is_blank (l->text))
        continue;
      if (g_hash_table_contains (colnums, GUINT_TO_POINTER (i)))
        {
          g_ptr_array_add (in_body ? tb->repeat_lines : tb->header_lines, l);
          continue;
        }
      /* (a column's heading after a note: see below) */
      header_after_note = header_after_note
                          || (in_notes && tb->shape == SHAPE_CLASS && line_is_column_word (l->text));
      if (body_skips_page_repeat (tb, l, in_body, &page_top, &since_repeat))
        continue;
      if (in_body && tb->shape != SHAPE_TEXT && !in_notes
          && line_is_column_heading_before_header (tb, i))
        continue;
      if (tb->shape != SHAPE_TEXT && !in_notes && in_body
          && !body_line_is_note (l->text) && body_line_is_prose (l->text))
        break;
      if (tb->shape == SHAPE_TEXT && body_line_is_note (l->text))
        {
          /* Forms carry 备注 between their parts: note it, keep going. */
          g_ptr_array_add (tb->note_lines, l);
          continue;
        }
      if (!in_notes && !in_body && line_is_column_heading_before_header (tb, i))
        {
          /* the 备注 column's heading among the header's, rows next */
          g_ptr_array_add (tb->header_lines, l);
          continue;
        }
      if (!in_notes && body_line_is_note (l->text))
        in_notes = TRUE;
      /* plain text may print a page's note amid its last rows' cells
       * (sz 支出总表: "2210203 | 购房补贴 | 注：…尾数误差。 | 2,084.20 | …"):
       * a figure alone on its line is a cell, no part of the note */
      else if (in_notes && in_body && (tb->shape == SHAPE_CLASS || tb->shape == SHAPE_VALUES)
               && line_is_separated_figure (l->text))
        in_notes = FALSE;
      if (in_notes && (tb->note_lines->len >= 8 || line_is_heading (l->text)))
        break;
      if (header_after_note && tb->shape == SHAPE_CLASS && line_is_lone_figure (l->text))
        {
          /* Plain text may print a page's note, then one of the header's
           * columns and its figures ("31099 其他资本性支出 … 5.00 / 注：… /
           * 项目支出 / 0.00 / 5.00"): the last row's, not the note's. */
          g_ptr_array_add (tb->body_lines, l);
          continue;
        }
      if (in_notes)
        {
          g_ptr_array_add (tb->note_lines, l);
          continue;
        }
      if (!in_body && (body_line_starts_data (l->text, tb->shape)
                       || tb->header_lines->len >= header_cap))
        in_body = TRUE;
      if (in_body && tb->shape != SHAPE_TEXT && line_is_formula (l->text))
        {
          in_notes = TRUE;
          g_ptr_array_add (tb->note_lines, l);
          continue;
        }
      g_ptr_array_add (in_body ? tb->body_lines : tb->header_lines, l);
    }
  /* Later steps move header lines to the body: drop what was derived. */
  g_clear_pointer (&tb->header_compact, g_ptr_array_unref);
}

/* ---- a first page printed before its title ----------------------------- */

/* LINE reads as part of a header whose compact text is HEADER: a piece of
 * it, two characters or more. */
static gboolean
header_piece (const char *compact, const char *header)
{
  return g_utf8_strlen (compact, -1) >= 2 && *header && strstr (header, compact) != NULL;
}

/* Lines a walk over a page skips: blank, page numbers, number labels. */
static gboolean
line_is_furniture (const char *text)
{
  g_autofree char *label = title_label_only (text);
  return text_is_blank (text) || line_is_page_number (text) || label != NULL;
}

/* Walks up from just above a title (START) over coded rows, then over the
 * header and info lines of OWN (this table's compact header) above them;
 * stops at LO. *BLOCK: the first header line, *DATA: the first row. */
static gboolean
pretitle_walk (BpDocument *doc, guint lo, guint start, const char *own,
               guint *block, guint *data)
{
  guint i = start;
  *block = *data = 0;
  while (i > lo)
    {
      const char *text = bp_document_line (doc, i - 1)->text;
      g_autofree char *c_own = NULL;
      const char *c = compact_of (text, &c_own);
      if (line_is_furniture (text))
        ;
      else if (!*block && body_line_starts_data (text, SHAPE_CLASS))
        *data = i - 1;
      else if (*data && (header_piece (c, own) || body_line_is_info (text)))
        *block = i - 1;
      else
        break;
      i--;
    }
  return *data && *block;
}

/* Compact text of the header lines in [FROM, TO): up to the first row. */
static char *
header_between (BpDocument *doc, guint from, guint to)
{
  GString *s = g_string_new (NULL);
  for (guint i = from; i < to && i < from + 40; i++)
    {
      const char *text = bp_document_line (doc, i)->text;
      if (body_line_starts_data (text, SHAPE_CLASS))
        break;
      g_autofree char *c_own = NULL;
      const char *c = compact_of (text, &c_own);
      g_string_append (s, c);
    }
  return g_string_free (s, FALSE);
}

/* Some line in [FROM, TO) is a row (of a class or a two-sided table) or a
 * note ("注:本部门…无…,故本表为空表"): more than a header. */
static gboolean
has_content_between (BpDocument *doc, guint from, guint to)
{
  for (guint i = from; i < to; i++)
    {
      const char *text = bp_document_line (doc, i)->text;
      if (body_line_starts_data (text, SHAPE_CLASS) || body_line_starts_data (text, SHAPE_TWO_SIDED)
          || body_line_is_note (text))
        return TRUE;
    }
  return FALSE;
}

/* Some header line in [BLOCK, DATA) is OWN's and not in ABOVE. */
static gboolean
has_own_header_line (BpDocument *doc, guint block, guint data, const char *own,
                     const char *above)
{
  for (guint i = block; i < data; i++)
    {
      g_autofree char *c_own = NULL;
      const char *c = compact_of (bp_document_line (doc, i)->text, &c_own);
      if (header_piece (c, own) && !strstr (above, c))
        return TRUE;
    }
  return FALSE;
}

void
table_body_prepend_rows (TableBody *tb, guint from, guint to)
{
  guint at = 0;
  for (guint i = from; i < to; i++)
    {
      BpLine *l = bp_document_line (tb->doc, i);
      if (!line_is_furniture (l->text))
        g_ptr_array_insert (tb->body_lines, (gint) at++, l);
    }
  tb->rows_before = at;
}

gboolean
body_rows_before_title (BpDocument *doc, guint lo, guint start, const char *own_header,
                        guint *block, guint *data)
{
  g_autofree char *own_own = NULL;
  const char *own = compact_of (own_header, &own_own);
  /* the table above must have rows or a note before the block: else the
   * block's header is the one under its title */
  if (!pretitle_walk (doc, lo, start, own, block, data) || !has_content_between (doc, lo, *block))
    return FALSE;
  /* a page of rows under the table above's own header is its own */
  g_autofree char *above = header_between (doc, lo, *block);
  return has_own_header_line (doc, *block, *data, own, above);
}

void
table_body_clear (TableBody *tb)
{
  g_clear_pointer (&tb->header_lines, g_ptr_array_unref);
  g_clear_pointer (&tb->body_lines, g_ptr_array_unref);
  g_clear_pointer (&tb->note_lines, g_ptr_array_unref);
  g_clear_pointer (&tb->repeat_lines, g_ptr_array_unref);
  g_clear_pointer (&tb->header_compact, g_ptr_array_unref);
}
