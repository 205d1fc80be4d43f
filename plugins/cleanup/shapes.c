/* Line shapes: heading, list item, table row, contents entry, page number.
 * The joiner never joins across any of them. */
#include "config.h"

#include <string.h>

#include "cleanup-private.h"

static GRegex *
cached_regex (GRegex **slot, const char *pattern)
{
  if (g_once_init_enter (slot))
    {
      GRegex *r = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (slot, r);
    }
  return *slot;
}

#define CN_NUM "[一二三四五六七八九十百零〇]+"

/* Characters a heading or list marker can start with; the regular
 * expressions run only on lines starting with one of them. */
static const char marker_starts[] =
  "第一二三四五六七八九十百零〇（表附续公预目图注说备①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳•·▪●◆■□☐☑";

static gboolean
may_start_marker (const char *s)
{
  while (*s == ' ')
    s++;
  if (g_ascii_isdigit (*s) || *s == '(' || *s == '-' || *s == '*')
    return TRUE;
  if ((guchar) *s < 0x80 || *s == '\0')
    return FALSE;
  const char *next = g_utf8_next_char (s);
  g_autofree char *first = g_strndup (s, next - s);
  return strstr (marker_starts, first) != NULL;
}

/* 第一部分, 一、, （一）, 表1, 公开01表, 附件, 目录, 图1 */
gboolean
cleanup_is_heading (const char *s)
{
  static GRegex *re;
  return may_start_marker (s) && g_regex_match (cached_regex (&re,
      "^\\s*(第" CN_NUM "(部分|章|节)|" CN_NUM "\\s*[、.．]|[（(]\\s*" CN_NUM "\\s*[)）]"
      "|(附|续)?表\\s*\\d|公开\\s*\\d+\\s*表|预算\\s*\\d+\\s*表|附件|目\\s*录|图\\s*\\d"
      "|注\\s*[:：]|说明\\s*[:：]|备注\\s*[:：])"), s, 0, NULL);
}

/* 1.  1、  （1）  ①  - item  • item */
gboolean
cleanup_is_list_item (const char *s)
{
  static GRegex *re;
  return may_start_marker (s) && g_regex_match (cached_regex (&re,
      "^\\s*(\\d{1,2}\\s*[.．、](?![\\d０-９])|[（(]\\s*\\d{1,2}\\s*[)）]|\\d{1,2}[)）]"
      "|[①-⑳]|[-•·▪●◆■□☐☑*]\\s)"), s, 0, NULL);
}

/* A token that is a table figure: amount, percent, count or code. */
static gboolean
is_figure (const char *t, gsize n)
{
  const char *p = t, *end = t + n;
  if (p < end && (*p == '-' || *p == '+'))
    p++;
  if (p == end || !g_ascii_isdigit (*p))
    return FALSE;
  while (p < end && (g_ascii_isdigit (*p) || *p == ',' || *p == '.'))
    p++;
  if (p < end && *p == '%')
    p++;
  return p == end;
}

/* A figure followed by a unit or date word is prose ("2021 年度", "40 万元"). */
static gboolean
starts_with_unit (const char *t)
{
  static const char *const units[] = { "年", "月", "日", "万", "元", "亿", "个",
    "人", "辆", "台", "套", "次", "篇", "期", "名", "家", "项", "%", "％", "倍",
    "批", "场", "件", "天", NULL };
  for (guint i = 0; *t && units[i]; i++)
    if (g_str_has_prefix (t, units[i]))
      return TRUE;
  return FALSE;
}

#define IDEO_SPACE "\xE3\x80\x80"   /* U+3000 */

static gboolean
at_space (const char *p)
{
  return *p == ' ' || (p[0] == IDEO_SPACE[0] && p[1] == IDEO_SPACE[1] && p[2] == IDEO_SPACE[2]);
}

/* Space-separated tokens (ASCII space or U+3000), without allocating. */
static const char *
next_token (const char *p, gsize *len)
{
  while (at_space (p))
    p += *p == ' ' ? 1 : 3;
  const char *start = p;
  while (*p && !at_space (p))
    p++;
  *len = p - start;
  return start;
}

typedef struct { gboolean sentence; gboolean checkbox; } Marks;

/* One pass over S for sentence punctuation (，。；？！) and form checkboxes
 * (□ ☐ ☑ √ ■). */
static Marks
marks_of (const char *s)
{
  Marks m = { FALSE, FALSE };
  for (const char *p = s; *p; p++)
    {
      if ((guchar) *p < 0x80 || ((guchar) *p & 0xC0) == 0x80)
        continue;
      switch (g_utf8_get_char (p))
        {
        case 0xFF0C: case 0x3002: case 0xFF1B: case 0xFF1F: case 0xFF01:
          m.sentence = TRUE;
          break;
        case 0x25A1: case 0x2610: case 0x2611: case 0x221A: case 0x25A0:
          m.checkbox = TRUE;
          break;
        default:
          break;
        }
    }
  return m;
}

/* Tab-separated; a form row with checkboxes; two or more figures, or four
 * or more space-separated cells, in a line without sentence punctuation;
 * or a lone classification code. */
gboolean
cleanup_is_table_row (const char *s)
{
  Marks m = marks_of (s);
  if (strchr (s, '\t') || m.checkbox)
    return TRUE;
  guint n = 0, figures = 0;
  gsize len, next_len;
  const char *tok = next_token (s, &len);
  while (len > 0)
    {
      const char *next = next_token (tok + len, &next_len);
      if (n == 0 && next_len == 0 && len <= 7)
        {
          g_autofree char *t = g_strndup (tok, len);
          if (bp_text_is_class_code (t))
            return TRUE;   /* a code alone: the row's name follows */
        }
      if (is_figure (tok, len) && !starts_with_unit (next))
        figures++;
      n++;
      tok = next;
      len = next_len;
    }
  return (figures >= 2 || n >= 4) && !m.sentence;
}

gboolean
cleanup_is_page_number (const CleanupState *st, const char *s)
{
  if (strlen (s) > 48)
    return FALSE;   /* "第 3 页 共 40 页" is short */
  return st->page_regex && g_regex_match (st->page_regex, s, 0, NULL);
}
