/* fields plugin: document metadata (kind, fiscal year, city, district,
 * department, main unit).
 *
 * The title ("X 2024 年部门预算", "X\n2023 年度部门决算") gives kind, year
 * and usually the department; titles broken over lines are read across up to
 * three lines. Documents without a title page fall back to the part titles
 * ("第二部分 X 2021年度部门决算表"), an explicit 预算主管部门/部门 line, and
 * for kind and year to a vote over the whole text. Publication dates
 * ("2024年2月1日") never match: the year must be followed by 预算/决算. */
#include "fields-private.h"

#include <stdlib.h>
#include <string.h>

#define YEAR_KIND "([0-9０-９]{4})年度?(?:区级|市级|县级)?(?:部门|单位)?(预算|决算)"
#define LOCALITY_ONLY "^(?:\\p{Han}{2,4}[省市])?(?:\\p{Han}{2,4}[市区县])?$"

typedef struct {
  int year;
  const char *kind;
  char *department;       /* from the title, or NULL */
} Title;

static int
parse_year (const char *digits)
{
  g_autofree char *ascii = bp_text_fullwidth_to_ascii (digits);
  return atoi (ascii);
}

static const char *
kind_of (const char *word)
{
  return g_str_equal (word, "决算") ? "final_accounts" : "budget";
}

/* Non-blank lines from index I on, spaces removed; ENDS receives the byte
 * length after each of them. */
static GPtrArray *
next_lines (const BpDocument *doc, guint i, guint n, GString *joined,
            GArray *ends)
{
  GPtrArray *idx = g_ptr_array_new ();
  for (; i < doc->lines->len && idx->len < n; i++)
    {
      const BpLine *l = g_ptr_array_index (doc->lines, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      if (!*s)
        continue;
      g_string_append (joined, s);
      gsize end = joined->len;
      g_array_append_val (ends, end);
      g_ptr_array_add (idx, (gpointer) l);
    }
  return idx;
}

static gboolean
ends_at_line_end (GArray *ends, gsize pos)
{
  for (guint i = 0; i < ends->len; i++)
    if (g_array_index (ends, gsize, i) == pos)
      return TRUE;
  return FALSE;
}

static char *
clean_title_prefix (const char *prefix)
{
  /* Up to the last part marker: a table of contents glued before the title
   * ("十五、项目支出绩效目标表第三部分 X") is not part of the name. */
  g_autofree char *s = bp_regex_remove (
      fields_regex ("^(?:附件[0-9０-９]*)?(?:.*第[一二三四五六七八九十]+部分)?"),
      prefix);
  if (!*s || fields_match (LOCALITY_ONLY, s, NULL)
      || fields_match ("^(?:区级|市级|县级)?(?:部门|单位)?$", s, NULL)
      || fields_match ("[。，,：:]", s, NULL) || g_utf8_strlen (s, -1) > 60)
    return NULL;
  return g_steal_pointer (&s);
}

/* Short lines right above a title whose own line holds only the year. */
static char *
department_above (const BpDocument *doc, guint i)
{
  GString *name = g_string_new (NULL);
  guint taken = 0;
  while (i-- > 0 && taken < 3)
    {
      const BpLine *l = g_ptr_array_index (doc->lines, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      if (!*s)
        continue;
      if (fields_match ("[。，,：:0-9]|^附件|^目录", s, NULL)
          || g_utf8_strlen (s, -1) > 30)
        break;
      g_string_prepend (name, s);
      taken++;
    }
  return clean_title_prefix (name->str) ? g_string_free (name, FALSE)
                                        : (g_string_free (name, TRUE), NULL);
}

#define TITLE_END "(?:表|公开|编制说明|情况说明|说明)?"

/* TRUE when the match ending at END closes a line of the title, or the
 * title runs straight into the contents ("…2024 年预算目录"). */
static gboolean
title_ends (const GString *joined, GArray *ends, int end)
{
  return ends_at_line_end (ends, end)
         || g_regex_match_full (fields_regex ("\\G(?:目录|第[一二三四五六七八九十]+部分)"),
                                joined->str, -1, end, 0, NULL, NULL);
}

/* "X 2024 年部门预算" (name first) or "2024年X部门预算" (year first). */
static gboolean
title_match (const GString *joined, GArray *ends, char **name, char **year,
             char **word)
{
  static const char *const forms[] = {
    "^(.*?)" YEAR_KIND TITLE_END,
    "^(?:附件[0-9０-９]*)?(?:第[一二三四五六七八九十]+部分)?()([0-9０-９]{4})年度?"
    "(\\p{Han}[^，。,:：;；]{1,58}?)(?:区级)?(?:部门|单位)?(预算|决算)" TITLE_END,
    NULL };
  for (int f = 0; forms[f]; f++)
    {
      GMatchInfo *mi = NULL;
      int end;
      if (!fields_match (forms[f], joined->str, &mi))
        continue;
      g_match_info_fetch_pos (mi, 0, NULL, &end);
      gboolean ok = title_ends (joined, ends, end);
      if (ok)
        {
          *year = g_match_info_fetch (mi, 2);
          *word = g_match_info_fetch (mi, f == 0 ? 3 : 4);
          *name = g_match_info_fetch (mi, f == 0 ? 1 : 3);
        }
      g_match_info_free (mi);
      if (ok)
        return TRUE;
    }
  return FALSE;
}

static gboolean
title_at (const BpDocument *doc, guint i, Title *t)
{
  GString *joined = g_string_new (NULL);
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GPtrArray) idx = next_lines (doc, i, 3, joined, ends);
  g_autofree char *prefix = NULL, *year = NULL, *word = NULL;
  gboolean ok = title_match (joined, ends, &prefix, &year, &word)
                && g_utf8_strlen (prefix, -1) <= 60
                && !fields_match ("[。，,；;：:]|[0-9]{3}", prefix, NULL);

  if (ok)
    {
      t->year = parse_year (year);
      t->kind = kind_of (word);
      t->department = clean_title_prefix (prefix);
      if (!t->department && !*prefix)
        t->department = department_above (doc, i);
    }
  g_string_free (joined, TRUE);
  g_array_unref (ends);
  return ok;
}

/* "2024 年预算" without 部门: the most frequent year before 预算/决算. */
static void
vote_year_loosely (const BpDocument *doc, Title *t)
{
  g_autoptr (GHashTable) years = g_hash_table_new (g_direct_hash, g_direct_equal);
  int best = 0;
  for (guint i = 0; i < doc->lines->len; i++)
    {
      const BpLine *l = g_ptr_array_index (doc->lines, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      GMatchInfo *mi = NULL;
      fields_match ("(?<!比|较|与)([0-9０-９]{4})年度?(?:预算|决算)", s, &mi);
      for (; mi && g_match_info_matches (mi); g_match_info_next (mi, NULL))
        {
          g_autofree char *y = g_match_info_fetch (mi, 1);
          int year = parse_year (y);
          int n = GPOINTER_TO_INT (g_hash_table_lookup (years, GINT_TO_POINTER (year))) + 1;
          g_hash_table_insert (years, GINT_TO_POINTER (year), GINT_TO_POINTER (n));
          if (n > best)
            best = n, t->year = year;
        }
      if (mi)
        g_match_info_free (mi);
    }
}

/* Kind and year by vote when no title line is readable. */
static void
vote_kind_year (const BpDocument *doc, Title *t)
{
  g_autoptr (GHashTable) years = g_hash_table_new (g_direct_hash, g_direct_equal);
  int n_budget = 0, n_final = 0, best = 0;

  for (guint i = 0; i < doc->lines->len; i++)
    {
      const BpLine *l = g_ptr_array_index (doc->lines, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      GMatchInfo *mi = NULL;
      n_budget += fields_match ("(?:部门|单位)预算", s, NULL);
      n_final += fields_match ("(?:部门|单位)决算", s, NULL);
      if (fields_match ("([0-9０-９]{4})年度?(?:区级)?(?:部门|单位)(?:预算|决算)", s, &mi))
        {
          g_autofree char *y = g_match_info_fetch (mi, 1);
          int year = parse_year (y);
          int n = GPOINTER_TO_INT (g_hash_table_lookup (years, GINT_TO_POINTER (year))) + 1;
          g_hash_table_insert (years, GINT_TO_POINTER (year), GINT_TO_POINTER (n));
          if (n > best)
            best = n, t->year = year;
          g_match_info_free (mi);
        }
    }
  if (n_budget || n_final)
    t->kind = n_final > n_budget ? "final_accounts" : "budget";
  if (!t->year)
    vote_year_loosely (doc, t);
}

/* "预算主管部门：X", "预算单位：X" (strong) or "部门：X 金额单位：万元" (weak). */
static char *
department_line (const BpDocument *doc, gboolean strong)
{
  const char *pattern = strong
      ? "^(?:预算主管部门|主管部门|预算单位)[:：]([^\\t]+)$"
      : "(?:^|表)(?:编制部门|部门|单位|部门/单位|部门\\(单位\\))[:：](.+?)"
        "(?:(?:金额)?单位[:：].*)?$";
  for (guint i = 0; i < doc->lines->len; i++)
    {
      const BpLine *l = g_ptr_array_index (doc->lines, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      GMatchInfo *mi = NULL;
      if (fields_match (pattern, s, &mi))
        {
          char *name = g_match_info_fetch (mi, 1);
          g_match_info_free (mi);
          if (*name && !fields_match (LOCALITY_ONLY, name, NULL))
            return name;
          g_free (name);
        }
    }
  return NULL;
}

/* "第一部分 X概况" */
static char *
department_from_overview (const BpDocument *doc)
{
  for (guint i = 0; i < doc->lines->len; i++)
    {
      GString *joined = g_string_new (NULL);
      GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_autoptr (GPtrArray) idx = next_lines (doc, i, 2, joined, ends);
      GMatchInfo *mi = NULL;
      char *name = NULL;
      if (fields_match ("^第[一二三四五]部分(.+?)(?:基本)?概况$", joined->str, &mi)
          || fields_match ("^第[一二三四五]部分(.+?)(?:基本)?概况", joined->str, &mi))
        {
          name = g_match_info_fetch (mi, 1);
          g_match_info_free (mi);
          if (fields_match ("^(?:部门|单位)?(?:基本)?$", name, NULL)
              || fields_match (LOCALITY_ONLY, name, NULL))
            g_clear_pointer (&name, g_free);
        }
      g_string_free (joined, TRUE);
      g_array_unref (ends);
      if (name)
        return name;
    }
  return NULL;
}

/* Most frequent "XX市YY区" pair in the text. */
static void
find_locality (BpDocument *doc)
{
  g_autoptr (GHashTable) votes = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, NULL);
  int best = 0;
  g_autofree char *best_pair = NULL;

  for (guint i = 0; i < doc->lines->len; i++)
    {
      const BpLine *l = g_ptr_array_index (doc->lines, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      GMatchInfo *mi = NULL;
      fields_match ("(\\p{Han}{2}市)(\\p{Han}{2,3}?[区县])", s, &mi);
      for (; mi && g_match_info_matches (mi); g_match_info_next (mi, NULL))
        {
          char *pair = g_match_info_fetch (mi, 0);
          int n = GPOINTER_TO_INT (g_hash_table_lookup (votes, pair)) + 1;
          g_hash_table_replace (votes, pair, GINT_TO_POINTER (n));
          if (n > best)
            best = n, g_free (best_pair), best_pair = g_strdup (pair);
        }
      if (mi)
        g_match_info_free (mi);
    }
  if (best_pair)
    {
      char *shi = strstr (best_pair, "市");
      doc->city = g_strndup (best_pair, shi - best_pair + strlen ("市"));
      doc->district = g_strdup (shi + strlen ("市"));
    }
  else if (doc->department)
    {
      GMatchInfo *mi = NULL;
      if (fields_match ("^(?:中共)?(\\p{Han}{2,3}?[区县])", doc->department, &mi))
        {
          doc->district = g_match_info_fetch (mi, 1);
          g_match_info_free (mi);
        }
    }
}

static BpUnit
find_unit (const BpDocument *doc)
{
  static const char *const main_types[] = {
    "income_expense_summary", "expense_summary", "income_summary",
    "fiscal_summary", "general_budget_expense", "basic_expense", NULL };
  int n_wan = 0, n_yuan = 0;

  for (const char *const *ty = main_types; *ty; ty++)
    {
      const BpTable *t = bp_document_find_table (doc, *ty);
      if (t && t->unit != BP_UNIT_UNKNOWN)
        return t->unit;
    }
  for (guint i = 0; i < doc->lines->len; i++)
    {
      const BpLine *l = g_ptr_array_index (doc->lines, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      GMatchInfo *mi = NULL;
      if (fields_match ("单位[:：](万元|元)", s, &mi))
        {
          g_autofree char *u = g_match_info_fetch (mi, 1);
          g_match_info_free (mi);
          *(g_str_equal (u, "万元") ? &n_wan : &n_yuan) += 100;
          continue;
        }
      /* No unit line at all: the unit the narrative speaks in. */
      n_wan += fields_match ("[0-9]万元", s, NULL);
      n_yuan += fields_match ("[0-9]元", s, NULL) && !strstr (s, "万元");
    }
  if (!n_wan && !n_yuan)
    return BP_UNIT_UNKNOWN;
  return n_wan >= n_yuan ? BP_UNIT_WANYUAN : BP_UNIT_YUAN;
}

static void
replace_str (char **slot, const char *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

void
fields_extract_meta (BpDocument *doc)
{
  Title t = { 0, NULL, NULL };
  g_autofree char *dept = department_line (doc, TRUE);

  for (guint i = 0; i < doc->lines->len && !t.year; i++)
    title_at (doc, i, &t);
  if (!t.year || !t.kind)
    vote_kind_year (doc, &t);
  if (!dept)
    dept = g_steal_pointer (&t.department);
  if (!dept)
    dept = department_from_overview (doc);
  if (!dept)
    dept = department_line (doc, FALSE);
  g_free (t.department);

  if (t.kind)
    replace_str (&doc->kind, t.kind);
  if (t.year)
    doc->year = t.year;
  if (dept && *dept)
    replace_str (&doc->department, dept);
  g_clear_pointer (&doc->city, g_free);
  g_clear_pointer (&doc->district, g_free);
  find_locality (doc);
  doc->unit = find_unit (doc);
}
