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

/* 第一部分, 一、, （一）, 表1, 公开01表, 附件, 目录, 图1 */
gboolean
cleanup_is_heading (const char *s)
{
  static GRegex *re;
  return g_regex_match (cached_regex (&re,
      "^\\s*(第" CN_NUM "(部分|章|节)|" CN_NUM "\\s*[、.．]|[（(]\\s*" CN_NUM "\\s*[)）]"
      "|(附|续)?表\\s*\\d|公开\\s*\\d+\\s*表|预算\\s*\\d+\\s*表|附件|目\\s*录|图\\s*\\d"
      "|注\\s*[:：]|说明\\s*[:：]|备注\\s*[:：])"), s, 0, NULL);
}

/* 1.  1、  （1）  ①  - item  • item */
gboolean
cleanup_is_list_item (const char *s)
{
  static GRegex *re;
  return g_regex_match (cached_regex (&re,
      "^\\s*(\\d{1,2}\\s*[.．、](?![\\d０-９])|[（(]\\s*\\d{1,2}\\s*[)）]|\\d{1,2}[)）]"
      "|[①-⑳]|[-•·▪●◆■□☐☑*]\\s)"), s, 0, NULL);
}

/* A token that is a table figure: amount, percent, count or code. */
static gboolean
is_figure (const char *t)
{
  const char *p = t;
  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) || *p == ',' || *p == '.')
    p++;
  if (*p == '%')
    p++;
  return *p == '\0';
}

/* A figure followed by a unit or date word is prose ("2021 年度", "40 万元"). */
static gboolean
starts_with_unit (const char *t)
{
  static const char *const units[] = { "年", "月", "日", "万", "元", "亿", "个",
    "人", "辆", "台", "套", "次", "篇", "期", "名", "家", "项", "%", "％", "倍",
    "批", "场", "件", "天", NULL };
  for (guint i = 0; t && units[i]; i++)
    if (g_str_has_prefix (t, units[i]))
      return TRUE;
  return FALSE;
}

static gboolean
has_sentence_punct (const char *s)
{
  return strstr (s, "，") || strstr (s, "。") || strstr (s, "；") || strstr (s, "？")
         || strstr (s, "！");
}

static gboolean
has_checkbox (const char *s)
{
  return strstr (s, "□") || strstr (s, "☐") || strstr (s, "☑") || strstr (s, "√")
         || strstr (s, "■");
}

/* Tab-separated; a form row with checkboxes; two or more figures, or four
 * or more space-separated cells, in a line without sentence punctuation;
 * or a lone classification code. */
gboolean
cleanup_is_table_row (const char *s)
{
  if (strchr (s, '\t') || has_checkbox (s))
    return TRUE;
  g_auto (GStrv) tok = bp_text_split_ws (s);
  guint n = g_strv_length (tok), figures = 0;
  if (n == 1 && bp_text_is_class_code (tok[0]))
    return TRUE;
  for (guint i = 0; i < n; i++)
    if (is_figure (tok[i]) && !starts_with_unit (tok[i + 1]))
      figures++;
  return (figures >= 2 || n >= 4) && !has_sentence_punct (s);
}

gboolean
cleanup_is_page_number (const CleanupState *st, const char *s)
{
  for (guint i = 0; st->page_regexes && i < st->page_regexes->len; i++)
    if (g_regex_match (g_ptr_array_index (st->page_regexes, i), s, 0, NULL))
      return TRUE;
  return FALSE;
}
