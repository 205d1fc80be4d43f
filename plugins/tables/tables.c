/* tables stage: finds the document's tables by their titles, types them,
 * and rebuilds their header and data rows (SCHEMA.md "tables"). */
#include "config.h"

#include <string.h>
#include "tables-private.h"

static GRegex *re_numbered;
static GRegex *re_year_head;
static GRegex *re_label_head;
static GRegex *re_qualified_tail;
static GRegex *re_none_stated;

typedef struct {
  gboolean toc;   /* record table-of-contents entries */
} TablesState;

/* A line that may open a table. */
typedef struct {
  guint idx, last;  /* title line(s) in the document's lines */
  TitleInfo ti;
  gboolean untitled; /* a bare header line ("序号 重要事项 …") */
} Cand;

/* A table being laid out: its title block and extent in the document's lines. */
typedef struct {
  BpTable *table;
  guint start, title_end, end;
  guint rows_before;   /* first line of its rows printed above its title (up to START); 0: none */
  char *title_key;
  char *header;        /* span_header_text, read for the extent: */
  guint header_title_end, header_end;
} Span;

static void
cand_free (gpointer p)
{
  Cand *c = p;
  title_info_clear (&c->ti);
  g_free (c);
}

static void
span_free (gpointer p)
{
  Span *s = p;
  g_free (s->title_key);
  g_free (s->header);
  g_free (s);
}

static const char *
line_text (BpDocument *doc, guint i)
{
  return bp_document_line (doc, i)->text;
}

static int
line_no (BpDocument *doc, guint i)
{
  return bp_document_line (doc, i)->line;
}

static guint
next_nonblank (BpDocument *doc, guint i)
{
  while (i < bp_document_n_lines (doc) && text_is_blank (line_text (doc, i)))
    i++;
  return i;
}

/* A header row standing for a title ("序号 重要事项 工作内容及目标 …"). */
static gboolean
untitled_header (const char *text)
{
  /* its first token: split only lines starting with it (or, where the
   * first character is not read from the text, holding it) */
  const char *head = compact_head (text);
  if (head ? strncmp (head, "序号", strlen ("序号")) != 0 : !strstr (text, "序号"))
    return FALSE;
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  if (toks->len < 3 || strcmp (g_ptr_array_index (toks, 0), "序号") != 0)
    return FALSE;
  for (guint i = 0; i < toks->len; i++)
    if (g_utf8_strlen (g_ptr_array_index (toks, i), -1) > 10)
      return FALSE;
  return TRUE;
}

/* The tail of a wrapped title: short, and ending like one ("申报表",
 * "培训费表（不含上年结转）"). */
static gboolean
title_tail (const char *text)
{
  if (!strstr (text, "表"))   /* in each ending below; compacting keeps it */
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return g_utf8_strlen (c, -1) <= 24 && strchr (c, '\t') == NULL
         && (g_str_has_suffix (c, "表") || g_str_has_suffix (c, "表)")
             || regex_matches (&re_qualified_tail, "表[(（][^()（）]{1,12}[)）]$", c));
}

/* Line I does not end a title by itself, line J only finishes one. */
static gboolean
wrapped_title (BpDocument *doc, guint i, guint j)
{
  if (!title_tail (line_text (doc, j)))   /* first: most lines J are none */
    return FALSE;
  g_autofree char *head_own = NULL;
  const char *head = compact_of (line_text (doc, i), &head_own);
  g_autofree char *label = title_label_only (line_text (doc, i));
  if (label || g_utf8_strlen (head, -1) > 40 || g_str_has_suffix (head, "表"))
    return FALSE;
  /* A tail that is a title by itself continues a head naming the year
   * ("2024年江汉区项目" + "支出(绩效目标)申报表") or opening with the
   * table's label ("公开 09 表：一般公共预算“三公”经费、会议费、培训费" +
   * "支出预算表"), not a contents entry. */
  TitleInfo alone;
  gboolean complete = title_parse_shared (line_text (doc, j), &alone);
  gboolean joinable = !complete
      || (!alone.listed && !alone.has_year && !alone.number
          && (regex_matches (&re_year_head, "\\d{4}年", head)
              || regex_matches (&re_label_head, "^(?:公开|预算|决算)?\\d{1,2}表[:：]", head)));
  title_info_clear (&alone);
  return joinable;
}

/* "表9 财政拨款“三公”经费…支出决算表 否": a table's name and cells after
 * it (a list of the tables and whether each is empty), not a title cut
 * short. */
/* Whether some 表 (or "表)") in TEXT may end a token that another
 * follows: a space may come after it. Ideographs and printable ASCII
 * are no spaces; any other character after it is taken as one. */
static gboolean
biao_may_end_token (const char *text)
{
  for (const char *p = strstr (text, "表"); p; p = strstr (p + 1, "表"))
    {
      const guchar *q = (const guchar *) p + strlen ("表");
      if (*q == ')')
        q++;
      if (*q != '\0' && !(*q > 0x20 && *q < 0x7F) && !(*q >= 0xE4 && *q <= 0xE9))
        return TRUE;
    }
  return FALSE;
}

static gboolean
name_then_cells (const char *text)
{
  /* a name's token ends in 表 or 表) (tokens keep the text's characters
   * there), and a cell's token follows it, after a space: most lines
   * holding 表 are answered without their tokens (issue 18) */
  if (!biao_may_end_token (text))
    return FALSE;
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  for (guint i = 0; i + 1 < toks->len; i++)
    {
      const char *t = g_ptr_array_index (toks, i);
      if (g_utf8_strlen (t, -1) >= 4 && (g_str_has_suffix (t, "表") || g_str_has_suffix (t, "表)")))
        return TRUE;
    }
  return FALSE;
}

/* "表 11 …": a line starting with a table number. */
static gboolean
numbered_title_head (const char *text)
{
  const char *head = compact_head (text);
  if (head && !g_str_has_prefix (head, "表"))   /* most lines: no compact text */
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return g_str_has_prefix (c, "表") && regex_matches (&re_numbered, "^表\\d", c);
}

/* "表11 2022年部门综合预算财政拨款上年结转资金支出表 是 不涉及": a row of
 * a list of the tables (whether each is empty), not a table's line. */
static gboolean
listed_table (const char *text)
{
  return numbered_title_head (text) && name_then_cells (text);
}

/* A non-blank line (or the end) and whether it holds 表, as every title,
 * table name and title's tail does: found once per line. */
typedef struct {
  guint idx;
  gboolean biao;
} TitleLine;

/* The first non-blank line from I on. */
static TitleLine
title_line_from (BpDocument *doc, guint i)
{
  TitleLine t = { next_nonblank (doc, i), FALSE };
  t.biao = t.idx < bp_document_n_lines (doc) && strstr (line_text (doc, t.idx), "表") != NULL;
  return t;
}

/* "表 11. … 2024 年政府" + "采购预算表", "2024年…项目支出(绩效目标)" +
 * "申报表": a title broken over lines (AT, and NEXT the line after it). */
static gboolean
title_parse_joined (BpDocument *doc, TitleLine at, TitleLine next, Cand *c)
{
  guint i = at.idx, j = next.idx;
  if (j >= bp_document_n_lines (doc) || j > i + 2
      || (at.biao && name_then_cells (line_text (doc, i))))
    return FALSE;
  if (!(at.biao && numbered_title_head (line_text (doc, i)))
      && !(next.biao && wrapped_title (doc, i, j)))   /* title_tail needs 表 */
    return FALSE;
  g_autofree char *joined = g_strconcat (line_text (doc, i), line_text (doc, j), NULL);
  if (!title_parse (joined, &c->ti))
    return FALSE;
  c->last = j;
  return TRUE;
}

/* The district profile's name for a title comes before the generic rules. */
static void
apply_profile_alias (const BpProfile *profile, Cand *c)
{
  const char *alias = c->ti.title ? bp_profile_alias_type (profile, c->ti.title)
                                  : NULL;
  if (alias)
    c->ti.type = alias;
}

static GPtrArray *
find_candidates (BpDocument *doc)
{
  const BpProfile *profile = bp_profile_for_document (doc);
  GPtrArray *cands = g_ptr_array_new_with_free_func (cand_free);
  /* each line is tested for blankness and 表 once, as the next line of
   * the one before */
  TitleLine at = title_line_from (doc, 0);
  while (at.idx < bp_document_n_lines (doc))
    {
      guint i = at.idx;
      const char *text = line_text (doc, i);
      line_cache_release ();
      TitleLine next = title_line_from (doc, i + 1);
      /* on the stack: most lines are no candidate (issue 18) */
      Cand c = { .idx = i, .last = i };
      if ((at.biao && title_parse_shared (text, &c.ti)) || title_parse_joined (doc, at, next, &c))
        apply_profile_alias (profile, &c);
      else if (untitled_header (text))
        {
          c.untitled = TRUE;
          c.ti.type = "other";
        }
      else
        {
          title_info_clear (&c.ti);
          at = next;
          continue;
        }
      /* A cleanup stage may already know the contents pages. */
      if (bp_document_line (doc, i)->flags & BP_LINE_TOC)
        c.ti.paged = TRUE;
      g_ptr_array_add (cands, g_memdup2 (&c, sizeof c));
      at = c.last == i ? next : title_line_from (doc, c.last + 1);
    }
  return cands;
}

static gboolean
line_has_content (const char *text)
{
  if (strchr (text, '\t') || body_line_is_info (text) || title_unit_of (text))
    return TRUE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  static const char *const heads[] = {
    "项目", "科目", "收入", "支出", "单位代码", "单位编码", "部门名称", "序号",
    "功能分类", "部门预算", "“三公”", "\"三公\"", "人员经费", "预算数",
    "决算数", "合计", "本年收入", "财政拨款收入",
    /* the first cells of a performance form (Xi'an 部门整体支出绩效目标表)
     * printed one per line by plain pdftotext: no figure for 12 lines */
    "部门(单位)名称", "专项(项目)名称" };
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    if (g_str_has_prefix (c, heads[i]))
      return TRUE;
  g_autoptr (GPtrArray) toks = tokens_shared (text);
  guint nums = 0;
  for (guint i = 0; i < toks->len; i++)
    nums += token_is_number (g_ptr_array_index (toks, i));
  return nums >= 2;
}

/* A title followed by table lines, not by more titles (a TOC entry). */
static gboolean
cand_has_content (BpDocument *doc, const Cand *c, guint stop)
{
  if (c->untitled)
    return TRUE;
  if (c->ti.paged)
    return FALSE;
  guint seen = 0;
  for (guint i = c->last + 1; i < stop && i < bp_document_n_lines (doc) && seen < 12; i++)
    {
      const char *text = line_text (doc, i);
      if (text_is_blank (text))
        continue;
      if (title_is_section_heading (text) || listed_table (text))
        return FALSE;
      if (line_has_content (text))
        return TRUE;
      seen++;
    }
  return FALSE;
}

/* Between A and B only blanks, labels, unit lines and titles: B is a
 * subtitle in A's title block. */
static gboolean
only_title_block (BpDocument *doc, guint a, guint b)
{
  for (guint i = a + 1; i < b; i++)
    {
      const char *text = line_text (doc, i);
      g_autofree char *label = title_label_only (text);
      TitleInfo ti;
      gboolean title = title_parse_shared (text, &ti);
      title_info_clear (&ti);
      if (!text_is_blank (text) && !label && !title && !body_line_is_info (text))
        return FALSE;
    }
  return TRUE;
}

/* KEY past a leading table number joined into it ("表52022年…": a bare
 * "表5" line above the title, taken as the title's first line). */
static const char *
key_without_number (const char *key)
{
  if (!key || !g_str_has_prefix (key, "表"))
    return key;
  const char *p = key + strlen ("表");
  gsize n = strspn (p, "0123456789");
  /* a year follows the number: "表5" + "2022年…" */
  return n >= 5 && n <= 7 ? p + n - 4 : key;
}

/* The same title, one of them perhaps with its table number joined in:
 * two different numbers ("表5…" and "表6…", subtitles on lines of their
 * own) are two tables. */
static gboolean
same_title_key (const char *a, const char *b)
{
  const char *x = key_without_number (a), *y = key_without_number (b);
  if (x != a && y != b)
    return g_strcmp0 (a, b) == 0;
  return g_strcmp0 (x, y) == 0;
}

static gboolean
is_continuation (const Span *prev, const Cand *c)
{
  if (!prev || strcmp (prev->table->type, c->ti.type) != 0 || c->untitled)
    return FALSE;
  if (c->ti.continued)
    return TRUE;
  if (g_str_has_prefix (c->ti.type, "performance"))
    return !c->ti.has_year && !c->ti.number;
  /* The same title again, unnumbered or with the same number label
   * ("表3" over every page of a long 支出总表), is the next page. */
  return c->ti.title && same_title_key (prev->title_key, c->ti.title)
         && (!c->ti.number || g_strcmp0 (prev->table->number, c->ti.number) == 0);
}

/* The title as printed, a wrapped one joined back. */
static char *
printed_title (BpDocument *doc, const Cand *c)
{
  GString *s = g_string_new (NULL);
  for (guint i = c->idx; i <= c->last; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (line_text (doc, i)));
      name_append (s, part);
    }
  return g_string_free (s, FALSE);
}

static Span *
span_open (BpDocument *doc, Cand *c)
{
  Span *s = g_new0 (Span, 1);
  g_autofree char *title = c->untitled ? NULL : printed_title (doc, c);
  s->table = bp_document_add_table (doc, c->ti.type, title, line_no (doc, c->idx));
  s->table->number = g_strdup (c->ti.number);
  s->start = c->idx;
  s->title_end = c->last;
  s->title_key = g_strdup (c->ti.title);
  if (c->untitled)
    s->title_end = c->idx - 1;
  return s;
}

static void
toc_add (BpDocument *doc, const Cand *c)
{
  if (c->untitled || strcmp (c->ti.type, "other") == 0)
    return;
  g_autofree char *text = g_strstrip (g_strdup (line_text (doc, c->idx)));
  bp_document_add_toc (doc, text, c->ti.type, line_no (doc, c->idx));
}

/* Where the look-ahead for candidate I's content ends: at the next
 * candidate, unless that is the same table's subtitle. */
static guint
content_stop (BpDocument *doc, GPtrArray *cands, guint i)
{
  Cand *c = g_ptr_array_index (cands, i);
  guint end = c->last;
  for (guint j = i + 1; j < cands->len; j++)
    {
      Cand *n = g_ptr_array_index (cands, j);
      if (n->untitled || strcmp (n->ti.type, c->ti.type) != 0
          || !only_title_block (doc, end, n->idx))
        return n->idx;
      end = n->last;
    }
  return bp_document_n_lines (doc);
}

/* A bare header line (序号 …) under a table's title (or its title printed
 * again over a new page) with no figure between is that table's header row
 * (when it is the kind of header the table is read by): -layout text prints the header's first line
 * ("序号   功能科目名称   合计 …") a few lines under the title, after the
 * unit line and the upper pieces of wrapped headings. */
static gboolean
header_of_title_above (BpDocument *doc, const Cand *title, const Cand *c)
{
  if (!c->untitled || !title)
    return FALSE;
  /* The header must be one the titled table is read by: a classification
   * (its 科目 columns) or a form's. A list of units' projects under an
   * amount table's title (Xi'an 专项业务经费支出表: "序号 单位编码
   * 单位（项目）名称 项目金额 项目简介") stays a list of its own. */
  g_autofree char *header_own = NULL;
  const char *header = compact_of (line_text (doc, c->idx), &header_own);
  if (!strstr (header, "科目") && body_shape_for (title->ti.type, "") != SHAPE_TEXT)
    return FALSE;
  for (guint i = title->last + 1; i < c->idx; i++)
    {
      const char *text = line_text (doc, i);
      if (body_line_is_info (text) || title_unit_of (text))
        continue;
      g_autoptr (GPtrArray) toks = tokens_shared (text);
      for (guint t = 0; t < toks->len; t++)
        if (token_is_number (g_ptr_array_index (toks, t)))
          return FALSE;
    }
  return TRUE;
}

/* Decides which candidates open tables; returns the tables' spans. */
static GPtrArray *
open_spans (BpDocument *doc, GPtrArray *cands, gboolean want_toc)
{
  GPtrArray *spans = g_ptr_array_new_with_free_func (span_free);
  Span *prev = NULL;
  const Cand *title = NULL;   /* the last title that opened or went on a table */
  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = g_ptr_array_index (cands, i);
      line_cache_release ();
      guint stop = content_stop (doc, cands, i);
      gboolean same = prev && strcmp (prev->table->type, c->ti.type) == 0;
      if (same && !c->untitled && only_title_block (doc, prev->title_end, c->idx))
        {
          prev->title_end = c->last;   /* a subtitle */
          title = c;
          continue;
        }
      if (header_of_title_above (doc, title, c))
        continue;
      if (!cand_has_content (doc, c, stop))
        {
          if (want_toc)
            toc_add (doc, c);
          continue;
        }
      title = c->untitled ? NULL : c;
      if (is_continuation (prev, c))
        continue;
      prev = span_open (doc, c);
      g_ptr_array_add (spans, prev);
    }
  return spans;
}

/* Each table runs to the next table or section heading. */
static void
close_spans (BpDocument *doc, GPtrArray *spans)
{
  for (guint s = 0; s < spans->len; s++)
    {
      Span *sp = g_ptr_array_index (spans, s);
      guint limit = s + 1 < spans->len
          ? ((Span *) g_ptr_array_index (spans, s + 1))->start : bp_document_n_lines (doc);
      sp->end = limit;
      gboolean form = body_shape_for (sp->table->type, "") == SHAPE_TEXT;
      for (guint i = sp->title_end + 1; i < limit; i++)
        if (title_is_section_heading (line_text (doc, i))
            || (form && title_is_subsection (line_text (doc, i))))
          {
            sp->end = i;
            break;
          }
    }
}

/* Number labels printed on their own line just before or after a title. */
static void
attach_labels (BpDocument *doc, Span *sp)
{
  if (sp->table->number)
    return;
  guint seen = 0;
  for (int i = (int) sp->start - 1; i >= 0 && seen < 2; i--)
    {
      if (text_is_blank (line_text (doc, i)))
        continue;
      seen++;
      char *label = title_label_only (line_text (doc, i));
      if (label)
        {
          sp->table->number = label;
          return;
        }
    }
  for (guint i = sp->title_end + 1, n = 0; i < sp->end && n < 3; i++)
    {
      if (text_is_blank (line_text (doc, i)))
        continue;
      n++;
      char *label = title_label_only (line_text (doc, i));
      if (label)
        {
          sp->table->number = label;
          return;
        }
    }
}

/* A label before the next table's title belongs to it, not to this body. */
static void
trim_label_before_next (BpDocument *doc, Span *sp)
{
  for (guint i = sp->end; i > sp->title_end + 1; i--)
    {
      const char *text = line_text (doc, i - 1);
      if (text_is_blank (text))
        continue;
      g_autofree char *label = title_label_only (text);
      if (label)
        sp->end = i - 1;
      return;
    }
}

/* Plain pdftotext prints a page's right-aligned "单位：万元" where the
 * reading order puts it, sometimes after the page's rows: a line that is
 * only the unit, anywhere in the table, states it (*AT: that line). */
static BpUnit
span_unit_line_in_body (BpDocument *doc, const Span *sp, const BpLine **at)
{
  for (guint i = sp->title_end + 1; i < sp->end && i < bp_document_n_lines (doc); i++)
    {
      const char *text = line_text (doc, i);
      BpUnit u = title_unit_of (text);
      if (!u)   /* most lines: no compact text then */
        continue;
      g_autofree char *c_own = NULL;
      const char *c = compact_of (text, &c_own);
      if ((g_str_has_prefix (c, "单位:") || g_str_has_prefix (c, "金额单位:"))
          && g_utf8_strlen (c, -1) <= 8)
        {
          *at = bp_document_line (doc, i);
          return u;
        }
    }
  return BP_UNIT_UNKNOWN;
}

/* The unit of line I: its "单位：元", or a "单位：万" at its end whose "元"
 * ends the next line (a narrow right margin wrapped it: "单位：万" /
 * "部门名称：江苏省高级人民法院 … 元"). */
static BpUnit
line_unit (BpDocument *doc, guint i)
{
  BpUnit u = title_unit_of (line_text (doc, i));
  if (u || i + 1 >= bp_document_n_lines (doc))
    return u;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (line_text (doc, i), &c_own);
  g_autofree char *next_own = NULL;
  const char *next = compact_of (line_text (doc, i + 1), &next_own);
  return g_str_has_suffix (c, "单位:万") && g_str_has_suffix (next, "元")
         && !g_str_has_suffix (next, "万元") ? BP_UNIT_WANYUAN : BP_UNIT_UNKNOWN;
}

/* The unit stated in the title block or header, else in a header cell
 * ("单价(元)"); unknown when the table does not say. */
static BpUnit
span_unit (BpDocument *doc, const Span *sp, const TableBody *tb, const BpLine **in_body)
{
  for (guint i = sp->start; i <= sp->title_end && i < bp_document_n_lines (doc); i++)
    {
      BpUnit u = line_unit (doc, i);
      if (u)
        return u;
    }
  for (guint i = sp->title_end + 1; i < sp->end && i < bp_document_n_lines (doc); i++)
    {
      if (tb->body_lines->len > tb->rows_before
          && g_ptr_array_index (tb->body_lines, tb->rows_before) == bp_document_line (doc, i))
        break;
      BpUnit u = line_unit (doc, i);
      if (u)
        return u;
    }
  for (guint i = 0; i < tb->header_lines->len; i++)
    {
      g_autofree char *c_own = NULL;
      const char *c = compact_of (((BpLine *) g_ptr_array_index (tb->header_lines, i))->text, &c_own);
      if (strstr (c, "(万元)"))
        return BP_UNIT_WANYUAN;
      if (strstr (c, "(元)"))
        return BP_UNIT_YUAN;
    }
  return span_unit_line_in_body (doc, sp, in_body);
}

static gboolean
says_empty (const char *text)
{
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return strstr (c, "没有") || strstr (c, "无数据") || strstr (c, "空表")
         || regex_matches (&re_none_stated, "(?:本部门|本单位|当年|年)无", c);
}

/* Notes, the empty flag and the footnote formulas. */
static void
table_finish (BpDocument *doc, TableBody *tb)
{
  BpTable *t = tb->table;
  g_autoptr (GString) all = g_string_new (NULL);
  for (guint i = 0; i < tb->note_lines->len; i++)
    {
      BpLine *l = g_ptr_array_index (tb->note_lines, i);
      BpLine *copy = bp_line_new (l->text, l->line, bp_line_end_line (l));
      g_ptr_array_add (t->notes, copy);
      g_string_append (all, l->text);
      if (!t->note)
        t->note = g_strstrip (g_strdup (l->text));
    }
  t->empty = t->rows->len == 0;
  GPtrArray *where[] = { tb->note_lines, tb->body_lines, tb->header_lines };
  for (guint w = 0; t->empty && w < G_N_ELEMENTS (where); w++)
    for (guint i = 0; i < where[w]->len; i++)
      {
        BpLine *l = g_ptr_array_index (where[w], i);
        if (!says_empty (l->text))
          continue;
        g_free (t->note);
        t->note = g_strstrip (g_strdup (l->text));
        t->end_line = MAX (t->end_line, bp_line_end_line (l));
        w = G_N_ELEMENTS (where);
        break;
      }
  g_autofree char *formulas = formulas_describe (all->str);
  if (formulas)
    {
      g_autofree char *key = g_strdup_printf ("tables.%s.formulas", t->id);
      bp_document_set_meta (doc, key, formulas);
    }
}

static void
count_tabs (GPtrArray *lines, guint *tabbed, guint *cells)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const char *t = ((BpLine *) g_ptr_array_index (lines, i))->text;
      guint n = 0;
      for (const char *p = strchr (t, '\t'); p; p = strchr (p + 1, '\t'))
        n++;
      *tabbed += n > 0;
      *cells += n > 0 ? n + 1 : 0;
    }
}

/* Tab-separated cells, not a space-separated table where a cleanup stage
 * split a glued cell or two: most lines tabbed, three or more cells each. */
static gboolean
body_is_tabbed (const TableBody *tb)
{
  guint tabbed = 0, cells = 0, n = tb->header_lines->len + tb->body_lines->len;
  count_tabs (tb->header_lines, &tabbed, &cells);
  count_tabs (tb->body_lines, &tabbed, &cells);
  return n > 0 && tabbed * 2 >= n && cells >= 3 * tabbed;
}

static char *
span_header_text_read (BpDocument *doc, const Span *sp)
{
  GString *s = g_string_new (NULL);
  for (guint i = sp->title_end + 1, n = 0; i < sp->end && n < 40; i++, n++)
    {
      const char *text = line_text (doc, i);
      if (body_line_starts_data (text, SHAPE_CLASS))
        break;
      g_string_append (s, text);
      g_string_append_c (s, ' ');
    }
  return g_string_free (s, FALSE);
}

/* The lines of SP's header block (up to its first data line), joined:
 * kept in SP while its extent stays as it was (slow to gather: each line
 * is tested as data). */
static const char *
span_header_text (BpDocument *doc, Span *sp)
{
  if (!sp->header || sp->header_title_end != sp->title_end || sp->header_end != sp->end)
    {
      g_free (sp->header);
      sp->header = span_header_text_read (doc, sp);
      sp->header_title_end = sp->title_end;
      sp->header_end = sp->end;
    }
  return sp->header;
}

/* SP's body shape. Its header text is read only when the shape depends
 * on it. */
static TableShape
span_shape (BpDocument *doc, Span *sp)
{
  if (!body_shape_needs_header (sp->table->type))
    return body_shape_for (sp->table->type, "");
  return body_shape_for (sp->table->type, span_header_text (doc, sp));
}

static void
span_build (BpDocument *doc, Span *sp)
{
  TableBody tb = { .doc = doc, .table = sp->table,
                   .shape = span_shape (doc, sp),
                   .first = sp->title_end + 1, .end = sp->end };
  table_body_fill (&tb);
  if (sp->rows_before)
    table_body_prepend_rows (&tb, sp->rows_before, sp->start);
  tb.tabbed = body_is_tabbed (&tb);
  const BpLine *unit_line = NULL;
  sp->table->unit = span_unit (doc, sp, &tb, &unit_line);
  switch (tb.shape)
    {
    case SHAPE_CLASS: rows_build_class (&tb); break;
    case SHAPE_TWO_SIDED: rows_build_two_sided (&tb); break;
    case SHAPE_GROUPS: rows_build_groups (&tb); break;
    case SHAPE_VALUES: rows_build_values (&tb); break;
    case SHAPE_TEXT: default: rows_build_text (&tb); break;
    }
  /* A unit line printed after the rows is still the table's. */
  if (unit_line)
    sp->table->end_line = MAX (sp->table->end_line, bp_line_end_line (unit_line));
  table_finish (doc, &tb);
  table_body_clear (&tb);
}

/* A class table whose first page the PDF text printed before its title
 * takes those rows from the table above. */
static void
adopt_rows_before_titles (BpDocument *doc, GPtrArray *spans)
{
  for (guint s = 1; s < spans->len; s++)
    {
      Span *prev = g_ptr_array_index (spans, s - 1), *sp = g_ptr_array_index (spans, s);
      /* the header text can only turn a class table into groups */
      if (body_shape_for (sp->table->type, "") != SHAPE_CLASS)
        continue;
      const char *own = span_header_text (doc, sp);
      guint block, data;
      if (body_shape_for (sp->table->type, own) != SHAPE_CLASS
          || !body_rows_before_title (doc, prev->title_end + 1, sp->start, own,
                                      &block, &data)
          || strchr (line_text (doc, data), '\t'))
        continue;
      prev->end = MIN (prev->end, block);
      sp->rows_before = data;
    }
}

/* BUDGETPIPE_DEBUG=tables:debug: what was taken for a table and why it
 * reads as it does (title, type, extent, header, rows, unit). */
static void
log_span (BpStage *stage, const BpDocument *doc, const Span *sp)
{
  const BpTable *t = sp->table;
  const BpLine *first = bp_document_line (doc, sp->start);
  const BpLine *last = bp_document_line (doc, MAX (sp->end, sp->start + 1) - 1);
  const char *unit = bp_unit_name (t->unit);
  BP_DEBUG (stage, "%s: %s %s “%s”: lines %d-%d, %u header rows, %u rows%s, unit %s%s",
            doc->stem ? doc->stem : "", t->id, t->type, t->title ? t->title : "",
            first->line, bp_line_end_line (last), t->header->len, t->rows->len,
            t->empty ? " (empty)" : "", unit ? unit : "not stated",
            sp->rows_before ? ", rows printed above its title taken back" : "");
}

static gboolean
tables_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  TablesState *st = state;
  line_cache_begin (doc);
  g_autoptr (GPtrArray) cands = find_candidates (doc);
  g_autoptr (GPtrArray) spans = open_spans (doc, cands, st->toc);
  BP_DEBUG (stage, "%s: %u title candidates, %u opened as tables", doc->stem ? doc->stem : "",
            cands->len, spans->len);
  close_spans (doc, spans);
  adopt_rows_before_titles (doc, spans);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *sp = g_ptr_array_index (spans, i);
      trim_label_before_next (doc, sp);
      attach_labels (doc, sp);
      span_build (doc, sp);
      log_span (stage, doc, sp);
      line_cache_release ();
    }
  line_cache_end ();
  BP_INFO (stage, "%s: %u tables, %u toc entries", doc->stem ? doc->stem : "",
           doc->tables->len, doc->toc->len);
  return TRUE;
}

static const BpOption tables_options[] = {
  { "toc", BP_OPT_BOOL, "true",
    "Record table-of-contents entries that name tables",
    offsetof (TablesState, toc), NULL, FALSE },
  BP_OPTION_END
};

BP_PLUGIN_DEFINE (tables) = {
  .abi_version = BP_ABI_VERSION,
  .name = "tables",
  .summary = "Find, type and rebuild the document's tables",
  .role = BP_ROLE_TABLES,
  .options = tables_options,
  .state_size = sizeof (TablesState),
  .process = tables_process,
};
