/* Table titles: which lines name a table, its type, number label and unit. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

/* Title keywords → type, first match wins: the specific names come before
 * the general ones they contain ("财政拨款收支" before "收支", "基本支出"
 * before "支出"). Covers the national forms and other localities' names
 * (财务收支预算总表, 支出功能分类预算表, 基本支出部门预算经济分类预算表). */
typedef struct {
  const char *all[3];   /* every one must occur */
  const char *type;
} TypeRule;

static const TypeRule type_rules[] = {
  { { "绩效", "整体" }, "performance_overall" },
  { { "自评", "部门整体" }, "performance_overall" },
  { { "绩效" }, "performance_project" },
  { { "自评表" }, "performance_project" },
  { { "三公" }, "three_public" },
  { { "政府性基金" }, "gov_fund_expense" },
  { { "国有资本经营" }, "state_capital_expense" },
  { { "财政拨款收支" }, "fiscal_summary" },
  { { "财政拨款收入支出" }, "fiscal_summary" },
  { { "收支" }, "income_expense_summary" },
  { { "收入支出" }, "income_expense_summary" },
  { { "基本支出" }, "basic_expense" },
  { { "一般公共预算", "分单位" }, "general_budget_expense_by_unit" },
  { { "一般公共预算" }, "general_budget_expense" },
  { { "项目支出" }, "project_expense" },
  /* before 收入/支出: "政府采购支出表" (Wuxi) lists purchases by 品目 and
   * 资金来源, not 合计 | 基本支出 | 项目支出 */
  { { "采购" }, "procurement" },
  { { "购买服务" }, "purchased_services" },
  { { "资产配置" }, "asset_allocation" },
  { { "收入" }, "income_summary" },
  { { "支出" }, "expense_summary" },
};

const char *
title_type_of (const char *compact)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_rules); i++)
    {
      const TypeRule *r = &type_rules[i];
      gboolean ok = TRUE;
      for (guint j = 0; j < G_N_ELEMENTS (r->all) && r->all[j]; j++)
        ok = ok && strstr (compact, r->all[j]) != NULL;
      if (ok)
        return r->type;
    }
  return NULL;
}

static GRegex *re_number_front, *re_label, *re_listed, *re_leaders,
  *re_year, *re_section;

/* "表1.", "表 11．" at the start of a title. */
static GRegex *
number_front_re (void)
{
  return regex_cached (&re_number_front,
                       "^附?表(\\d{1,2}(?:-\\d{1,2})?)[.、:：]?(?![\\d-])");
}

/* "公开01表", "预算08表", "部门预算01表", "决算03表". */
static GRegex *
label_re (void)
{
  return regex_cached (&re_label, "(?:部门)?(?:公开|预算|决算)\\d{1,2}表");
}

/* A label_re match holds 公开, 预算 or 决算: the regex runs only where
 * one occurs. */
static gboolean
label_may_match (const char *c)
{
  return strstr (c, "公开") || strstr (c, "预算") || strstr (c, "决算");
}

void
title_info_clear (TitleInfo *ti)
{
  g_clear_pointer (&ti->number, g_free);
  g_clear_pointer (&ti->title, g_free);
  memset (ti, 0, sizeof *ti);
}

char *
title_label_only (const char *text)
{
  /* 表 is in every match (compacting keeps it): most lines end here */
  if (!strstr (text, "表"))
    return NULL;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  GMatchInfo *mi = NULL;
  char *out = NULL;
  if (label_may_match (c) && g_regex_match (label_re (), c, 0, &mi))
    {
      g_autofree char *m = g_match_info_fetch (mi, 0);
      if (strcmp (m, c) == 0)
        out = g_steal_pointer (&m);
    }
  g_match_info_free (mi);
  return out;
}

/* C may start with a list marker: '-', '(', a digit (any Unicode digit,
 * as \\d matches) or a Chinese numeral. */
static gboolean
marker_may_start (const char *c)
{
  if ((guchar) *c < 0x80)
    return *c == '\0' || strchr ("-(", *c) || g_ascii_isdigit (*c);
  gunichar u = g_utf8_get_char_validated (c, -1);
  if (u == (gunichar) -1 || u == (gunichar) -2)
    return TRUE;
  return g_unichar_isdigit (u) || g_utf8_strchr ("一二三四五六七八九十廿", -1, u) != NULL;
}

/* Drops list markers and leaders; sets LISTED when there were any. */
static char *
strip_markers (const char *c, gboolean *listed)
{
  GRegex *lre = regex_cached (&re_listed,
      "^(?:-|\\d{1,2}[.、]|[一二三四五六七八九十廿]{1,3}、|\\([一二三四五六七八九十]{1,3}\\))+");
  GRegex *dre = regex_cached (&re_leaders, "[…\\.·]{2,}\\d*$");
  /* Each pattern is run only where its first or a required character
   * occurs: most lines have neither, and a regex run costs allocations. */
  char *a = marker_may_start (c) ? bp_regex_remove (lre, c) : g_strdup (c);
  char *b = strchr (a, '.') || strstr (a, "…") || strstr (a, "·")
            ? bp_regex_remove (dre, a) : g_strdup (a);
  *listed = strcmp (a, c) != 0 || strcmp (a, b) != 0;
  g_free (a);
  return b;
}

/* Removes a trailing "(分单位)", "(续)" or number label; TRUE if the rest
 * ends with 表. */
static gboolean
ends_as_title (const char *s)
{
  g_autofree char *t = g_strdup (s);
  gsize n = strlen (t);
  while (n > 0 && t[n - 1] == ')')
    {
      char *open = strrchr (t, '(');
      if (!open || open == t)
        break;
      *open = '\0';
      n = strlen (t);
    }
  return g_str_has_suffix (t, "表");
}

static gboolean
title_text_acceptable (const char *c)
{
  glong len = g_utf8_strlen (c, -1);
  if (len < 3 || len > 90)
    return FALSE;
  static const char *const bad[] = { "。", "，", ",", "；", ";", "《", "》" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (strstr (c, bad[i]))
      return FALSE;
  return TRUE;
}

/* Takes the number label off C into TI->number; returns the rest. */
static char *
take_number (const char *c, TitleInfo *ti)
{
  GMatchInfo *mi = NULL;
  char *rest = NULL;
  /* the number label starts the text: 表 or 附表 */
  gboolean front = g_str_has_prefix (c, "表") || g_str_has_prefix (c, "附表");
  if (front && g_regex_match (number_front_re (), c, 0, &mi))
    {
      g_autofree char *digits = g_match_info_fetch (mi, 1);
      int end = 0;
      g_match_info_fetch_pos (mi, 0, NULL, &end);
      ti->number = g_strdup_printf ("表%s", digits);
      rest = g_strdup (c + end);
    }
  g_match_info_free (mi);
  mi = NULL;
  if (rest)
    return rest;
  if (label_may_match (c) && g_regex_match (label_re (), c, 0, &mi))
    {
      int s = 0, e = 0;
      g_match_info_fetch_pos (mi, 0, &s, &e);
      ti->number = g_match_info_fetch (mi, 0);
      rest = g_strdup_printf ("%.*s%s", s, c, c + e);
    }
  g_match_info_free (mi);
  return rest ? rest : g_strdup (c);
}

static GRegex *re_page_ref, *re_unit_tail;

/* "一、收支总表 12": a contents line's page number. TEXT without it, or
 * NULL (and *HAD FALSE) when TEXT has none: no copy then. */
static char *
strip_page_ref (const char *text, gboolean *had)
{
  GRegex *re = regex_cached (&re_page_ref, "(?<=表)[ \\t\\x{3000}]+\\d{1,3}\\s*$");
  /* a match starts with a blank right after 表 */
  *had = FALSE;
  if (!strstr (text, "表 ") && !strstr (text, "表\t") && !strstr (text, "表\u3000"))
    return NULL;
  char *out = bp_regex_remove (re, text);
  *had = strcmp (out, text) != 0;
  return out;
}

static gboolean section_heading_compact (const char *c);

gboolean
title_parse (const char *text, TitleInfo *ti)
{
  gboolean paged = FALSE;
  memset (ti, 0, sizeof *ti);
  /* Every title ends with 表 (compacting keeps it): most lines end here. */
  if (!strstr (text, "表"))
    return FALSE;
  g_autofree char *unpaged = strip_page_ref (text, &paged);
  g_autofree char *c_own = NULL;
  const char *c = compact_of (paged ? unpaged : text, &c_own);
  /* no step below adds a 表 */
  if (!strstr (c, "表") || !title_text_acceptable (c) || section_heading_compact (c))
    return FALSE;
  /* The department and unit line may have been joined to the title (both
   * forms hold a ':'). */
  g_autofree char *unitless = !strchr (c, ':') ? g_strdup (c) : bp_regex_remove (
      regex_cached (&re_unit_tail,
                    "(?:\\(?(?:金额)?单位:(?:万元|元)\\)?|(?<=表)(?:编制|填报)?(?:部门|单位)(?:/单位|名称)?:.*)$"),
      c);
  g_autofree char *bare = strip_markers (unitless, &ti->listed);
  ti->listed = ti->listed || paged;
  ti->paged = paged || strstr (c, "…") || strstr (c, "...");
  g_autofree char *rest = take_number (bare, ti);
  if (!ends_as_title (rest) || g_utf8_strlen (rest, -1) < 3)
    {
      title_info_clear (ti);
      return FALSE;
    }
  ti->type = title_type_of (rest);
  if (!ti->type && !ti->number)
    {
      title_info_clear (ti);
      return FALSE;
    }
  if (!ti->type)
    ti->type = "other";
  ti->title = g_strdup (rest);
  ti->continued = strstr (c, "续表") || strstr (c, "(续");
  ti->has_year = strstr (rest, "年") && g_regex_match (regex_cached (&re_year, "\\d{4}年"),
                                                     rest, 0, NULL);
  return TRUE;
}

/* Whether U may start a match of section_heading_compact: 第, 名 or a
 * numeral 一 … 十. */
static gboolean
section_heading_may_start (gunichar u)
{
  switch (u)
    {
    case 0x7B2C: case 0x540D:   /* 第 名 */
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:   /* 一 二 三 四 五 */
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:   /* 六 七 八 九 十 */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Strong headings close any table: 第二部分, 名词解释, "三、…情况说明".
 * C is compact already. Every match holds 部分, 情况说明 or 名词解释, so
 * the regex runs only on lines that do. */
static gboolean
section_heading_compact (const char *c)
{
  gunichar head = compact_head_char (c);
  if ((head && !section_heading_may_start (head))
      || (!strstr (c, "部分") && !strstr (c, "情况说明") && !strstr (c, "名词解释")))
    return FALSE;
  GRegex *re = regex_cached (&re_section,
      "^(?:第[一二三四五六七八九十]{1,3}部分|[一二三四五六七八九十]{1,3}、.*(?:情况说明|名词解释)$|名词解释$)");
  return g_regex_match (re, c, 0, NULL);
}

gboolean
title_is_section_heading (const char *text)
{
  /* most lines are answered here, without a compact text */
  gunichar head = compact_head_char (text);
  if (head && !section_heading_may_start (head))
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  return section_heading_compact (c);
}

static GRegex *re_subsection;

/* Weak headings ("（三）项目支出自评结果") close a form, not an amount table
 * whose rows may start the same way. */
gboolean
title_is_subsection (const char *text)
{
  if (strchr (text, '\t'))
    return FALSE;
  const char *head = compact_head (text);
  if (head && head[0] != '(')
    return FALSE;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  if (c[0] != '(')   /* every match's first character */
    return FALSE;
  GRegex *re = regex_cached (&re_subsection,
      "^\\([一二三四五六七八九十]{1,3}\\)[^0-9()]{2,20}$");
  return g_regex_match (re, c, 0, NULL);
}

/* Every "单位:" (编制单位:… 单位:元): the first one followed by a unit. */
BpUnit
title_unit_of (const char *text)
{
  if (!strstr (text, "位"))   /* compacting keeps it: most lines end here */
    return BP_UNIT_UNKNOWN;
  g_autofree char *c_own = NULL;
  const char *c = compact_of (text, &c_own);
  for (const char *p = strstr (c, "单位:"); p; p = strstr (p + 1, "单位:"))
    {
      const char *u = p + strlen ("单位:");
      if (g_str_has_prefix (u, "万元"))
        return BP_UNIT_WANYUAN;
      if (g_str_has_prefix (u, "元"))
        return BP_UNIT_YUAN;
    }
  return BP_UNIT_UNKNOWN;
}
