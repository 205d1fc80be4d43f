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

/* Characters a heading or a list marker can start with: the regular
 * expressions run only on lines starting with one of them. */
static const char heading_starts[] =
  "第一二三四五六七八九十百零〇（(表附续公预目图注说备";
static const char list_starts[] =
  "（(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳•·▪●◆■□☐☑-*";

static gboolean
starts_with_one_of (const char *s, const char *set, gboolean digits)
{
  while (*s == ' ')
    s++;
  if (*s == '\0')
    return FALSE;
  if (g_ascii_isdigit (*s))
    return digits;
  const char *next = g_utf8_next_char (s);
  char first[8] = { 0 };
  memcpy (first, s, MIN ((gsize) (next - s), sizeof first - 1));
  return strstr (set, first) != NULL;
}
/* 第一部分, 一、, （一）, 表1, 公开01表, 附件, 目录, 图1 */
gboolean
cleanup_is_heading (const char *s)
{
  static GRegex *re;
  return starts_with_one_of (s, heading_starts, FALSE) && g_regex_match (cached_regex (&re,
      "^\\s*(第" CN_NUM "(部分|章|节)|" CN_NUM "\\s*[、.．]|[（(]\\s*" CN_NUM "\\s*[)）]"
      "|(附|续)?表\\s*\\d|公开\\s*\\d+\\s*表|预算\\s*\\d+\\s*表|附件|目\\s*录|图\\s*\\d"
      "|注\\s*[:：]|说明\\s*[:：]|备注\\s*[:：])"), s, 0, NULL);
}

/* 1.  1、  （1）  ①  - item  • item */
gboolean
cleanup_is_list_item (const char *s)
{
  static GRegex *re;
  return starts_with_one_of (s, list_starts, TRUE) && g_regex_match (cached_regex (&re,
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
  if ((guchar) *t < 0x80)
    return *t == '%';
  switch (g_utf8_get_char (t))
    {
    case 0x5E74: case 0x6708: case 0x65E5: case 0x4E07: case 0x5143: /* 年月日万元 */
    case 0x4EBF: case 0x4E2A: case 0x4EBA: case 0x8F86: case 0x53F0: /* 亿个人辆台 */
    case 0x5957: case 0x6B21: case 0x7BC7: case 0x671F: case 0x540D: /* 套次篇期名 */
    case 0x5BB6: case 0x9879: case 0xFF05: case 0x500D: case 0x6279: /* 家项％倍批 */
    case 0x573A: case 0x4EF6: case 0x5929:                            /* 场件天 */
      return TRUE;
    default:
      return FALSE;
    }
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

/* One pass over S: display width (CJK and full-width 2, ASCII 1; lead
 * bytes E3..ED are U+3000..U+DFFF, all wide, so only other characters need
 * GLib's table), tabs, Latin letters, sentence punctuation (，。；？！),
 * form checkboxes (□ ☐ ☑ √ ■) and dot leaders. */
static guint
trigger_of (gunichar c)
{
  switch (c)
    {
    case 'X': case 'x': case 0xD7: case 0x25CB: case 0xFF38: case 0xFF0A:
      return TRIGGER_X;
    case 0x8865: return TRIGGER_SUPPLEMENT;
    case 0x8BF7: return TRIGGER_PLEASE;
    case 0x300A: return TRIGGER_REFER;
    case 0x2026: return TRIGGER_DOTS;
    default: return 0;
    }
}

LineScan
cleanup_scan_line (const char *s)
{
  LineScan m = { 0 };
  const guchar *p = (const guchar *) s;
  gunichar prev = 0;
  int run = 0;
  while (*p)
    {
      gunichar c = utf8_char (p);
      if (c >= 0x4E00 && c <= 0x9FFF)
        {
          /* most characters: an ideograph is wide, ends a leader run and
           * only 补/请 trigger a pattern */
          m.width += 2;
          m.ideographs++;
          m.triggers |= c == 0x8865 ? TRIGGER_SUPPLEMENT : c == 0x8BF7 ? TRIGGER_PLEASE : 0;
          prev = c;
          run = 1;
          p += 3;
          continue;
        }
      run = c == prev ? run + 1 : 1;
      prev = c;
      /* dot leaders of a contents line: ……, ····, ・・・, .... */
      m.leader |= (c == 0x2026 && run >= 2) || ((c == 0xB7 || c == 0x30FB) && run >= 3)
                  || (c == '.' && run >= 4);
      m.triggers |= (c == '.' || c == 0x3002) && run >= 3 ? TRIGGER_DOTS : 0;
      m.triggers |= trigger_of (c);
      if (*p < 0x80)
        {
          m.width++;
          m.tab |= c == '\t';
          m.digit |= g_ascii_isdigit (c);
          m.triggers |= g_ascii_isalpha (c) ? TRIGGER_LATIN : 0;
          p++;
          continue;
        }
      m.width += (*p >= 0xE3 && *p <= 0xED) || g_unichar_iswide_cjk (c) ? 2 : 1;
      m.sentence |= c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == 0xFF1F || c == 0xFF01;
      m.checkbox |= c == 0x25A1 || c == 0x2610 || c == 0x2611 || c == 0x221A || c == 0x25A0;
      p += *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
    }
  m.len = (const char *) p - s;
  return m;
}

/* Tab-separated; a form row with checkboxes; two or more figures, or four
 * or more space-separated cells, in a line without sentence punctuation;
 * or a lone classification code. */
gboolean
cleanup_is_table_row (const char *s, const LineScan *m)
{
  if (m->tab || m->checkbox)
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
  return (figures >= 2 || n >= 4) && !m->sentence;
}

gboolean
cleanup_is_page_number (const CleanupState *st, const char *s, gsize len,
                        gboolean digit, int ideographs)
{
  if (len > 48 || !digit || ideographs > 4)
    return FALSE;   /* "第 3 页 共 40 页": short, ASCII digits, few ideographs */
  return st->page_regex && g_regex_match (st->page_regex, s, 0, NULL);
}
