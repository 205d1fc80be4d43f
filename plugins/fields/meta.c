/* fields plugin: document metadata (kind, fiscal year, city, district,
 * department, main unit).
 *
 * The title ("X 2024 年部门预算", "2026 年度\nX\n单位预算") gives kind, year
 * and usually the department; titles broken over lines are read across up to
 * five lines. Without a department in the title: the document's 预算主管部门/
 * 预算单位 line, its 第一部分 X概况 heading, then (tables-only files) the
 * name its tables' 部门/单位 lines give. Without a title, kind and year come
 * from the tables' numbers and titles, then a vote over the whole text.
 * Publication dates ("2024年2月1日") never match: the year must be followed
 * by 预算/决算 or stand in a table title. City and district come only from
 * the department's name or the title (places.c), never from sentences. */
#include "fields-private.h"

#include <stdlib.h>
#include <string.h>

#define YEAR_KIND "([0-9０-９]{4})年度?(?:区级|市级|县级)?(?:部门|单位)?(?:综合)?(预算|决算)"
#define LOCALITY_ONLY "^(?:\\p{Han}{2,4}[省市])?(?:\\p{Han}{2,4}[市区县])?$"

typedef struct {
  int year;
  const char *kind;
  char *department;       /* from the title, or NULL */
  char *prefix;           /* what the title prints before the year, or NULL */
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

/* Every character of NEEDLE occurs in S: what S must hold for S without
 * its spaces to contain NEEDLE, tested before stripping it (issue 18). */
static gboolean
holds_chars_of (const char *s, const char *needle)
{
  for (const char *p = needle; *p; p = g_utf8_next_char (p))
    {
      char c[8] = { 0 };
      memcpy (c, p, g_utf8_next_char (p) - p);
      if (!strstr (s, c))
        return FALSE;
    }
  return TRUE;
}

/* Joins the N non-blank lines from index I on, spaces removed, into
 * JOINED; ENDS receives the byte length after each of them. */
static void
next_lines (const BpDocument *doc, guint i, guint n, GString *joined,
            GArray *ends)
{
  for (; i < bp_document_n_lines (doc) && ends->len < n; i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      if (!*s)
        continue;
      g_string_append (joined, s);
      gsize end = joined->len;
      g_array_append_val (ends, end);
    }
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
      const BpLine *l = bp_document_line (doc, i);
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

#define TITLE_END "(?:公开)?(?:报表|表|编制说明|情况说明|说明)?"

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
    "(\\p{Han}[^，。,:：;；]{1,58}?)(?:区级)?(?:部门|单位)(?:综合)?(预算|决算)" TITLE_END,
    /* "2024年X局预算": without 部门 only a body's name, and no table's
     * title ("2019年政府采购预算表"). */
    "^(?:附件[0-9０-９]*)?()([0-9０-９]{4})年度?"
    "(\\p{Han}[^，。,:：;；]{1,58}?(?:[局委办院室会部厅署处所站队校司]|中心|[(（][^)）]+[)）]))"
    "(预算|决算)(?:公开)?(?:编制说明|情况说明|说明)?",
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

/* What each line holds for a title, read once: whether it is blank once
 * stripped (next_lines skips it), and whether it has 年 and 算, which every
 * title form asks for (issue 18: a document without a title joined five
 * lines and tried the forms at every line). */
enum { LINE_WORDS = 1, LINE_NIAN = 2, LINE_SUAN = 4, LINE_READ = 8 };

/* MARKS[I], read on first need (the title is mostly near the top). */
static guint8
title_line_mark (const BpDocument *doc, guint8 *marks, guint i)
{
  if (!(marks[i] & LINE_READ))
    {
      g_autofree char *s = bp_text_strip_spaces (bp_document_line (doc, i)->text);
      marks[i] = LINE_READ | (*s ? LINE_WORDS : 0) | (strstr (s, "年") ? LINE_NIAN : 0)
                 | (strstr (s, "算") ? LINE_SUAN : 0);
    }
  return marks[i];
}

/* The N lines next_lines (DOC, I, N, …) joins hold 年 and 算. */
static gboolean
title_may_start (const BpDocument *doc, guint8 *marks, guint i, guint n)
{
  guint8 all = 0;
  for (guint seen = 0; i < bp_document_n_lines (doc) && seen < n; i++)
    if (title_line_mark (doc, marks, i) & LINE_WORDS)
      {
        all |= marks[i];
        seen++;
      }
  return (all & (LINE_NIAN | LINE_SUAN)) == (LINE_NIAN | LINE_SUAN);
}

static gboolean
title_at (const BpDocument *doc, guint i, Title *t)
{
  GString *joined = g_string_new (NULL);
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  /* "2026 年度 / 泉州市人民政府办公室 / （本级） / 单位预算": four lines. */
  next_lines (doc, i, 5, joined, ends);
  g_autofree char *prefix = NULL, *year = NULL, *word = NULL;
  gboolean ok = title_match (joined, ends, &prefix, &year, &word)
                && g_utf8_strlen (prefix, -1) <= 60
                && !fields_match ("[。，,；;：:]|[0-9]{3}", prefix, NULL);

  if (ok)
    {
      t->year = parse_year (year);
      t->kind = kind_of (word);
      t->department = clean_title_prefix (prefix);
      t->prefix = g_strdup (prefix);
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
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
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

/* Tables-only files: a table title's year ("2019年政府采购预算表"), or the
 * line under a table title ("预算01表 收支总表" / "（2026年度）",
 * "2026（年度）"). The first such year. */
static int
year_of_table_titles (const BpDocument *doc)
{
  gboolean after_title = FALSE;
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      GMatchInfo *mi = NULL;
      if (!*s)
        continue;
      if ((after_title
           && fields_match ("^[（(]?([0-9０-９]{4})[（(]?年度?[）)]?$", s, &mi))
          || fields_match ("^(?:\\p{Han}{0,6}[0-9]{0,2}表)?([0-9０-９]{4})年度?"
                           "\\p{Han}{2,30}表$", s, &mi))
        {
          g_autofree char *y = g_match_info_fetch (mi, 1);
          g_match_info_free (mi);
          return parse_year (y);
        }
      after_title = fields_match ("表$|表\\p{Han}{2,20}表$", s, NULL)
                    && g_utf8_strlen (s, -1) <= 40;
    }
  return 0;
}

/* Kind and year by vote when no title line is readable: "部门预算" words
 * and table numbers ("预算01表", "预算表12") for the kind. */
static void
vote_kind_year (const BpDocument *doc, Title *t)
{
  g_autoptr (GHashTable) years = g_hash_table_new (g_direct_hash, g_direct_equal);
  int n_budget = 0, n_final = 0, best = 0, voted = 0;

  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      g_autofree char *s = bp_text_strip_spaces (l->text);
      GMatchInfo *mi = NULL;
      n_budget += fields_match ("(?:部门|单位)(?:综合)?预算|^预算(?:表)?[0-9]{1,2}(?:表|-)"
                                "|^\\p{Han}{2,30}预算(?:总)?表", s, NULL);
      n_final += fields_match ("(?:部门|单位)决算|^决算(?:表)?[0-9]{1,2}(?:表|-)"
                               "|^\\p{Han}{2,30}决算(?:总)?表", s, NULL);
      if (fields_match ("([0-9０-９]{4})年度?(?:区级)?(?:部门|单位)(?:综合)?(?:预算|决算)", s, &mi))
        {
          g_autofree char *y = g_match_info_fetch (mi, 1);
          int year = parse_year (y);
          int n = GPOINTER_TO_INT (g_hash_table_lookup (years, GINT_TO_POINTER (year))) + 1;
          g_hash_table_insert (years, GINT_TO_POINTER (year), GINT_TO_POINTER (n));
          if (n > best)
            best = n, voted = year;
          g_match_info_free (mi);
        }
    }
  if (!t->kind && (n_budget || n_final))
    t->kind = n_final > n_budget ? "final_accounts" : "budget";
  /* No title: the tables' own year outranks one a sentence speaks of. */
  if (!t->year)
    t->year = year_of_table_titles (doc);
  if (!t->year)
    t->year = voted;
  if (!t->year)
    vote_year_loosely (doc, t);
}

/* "预算主管部门：X", "预算单位：X": the document's own statement of whose
 * it is. */
/* TEXT, its spaces stripped, may start with 预 or 主 (预算主管部门,
 * 主管部门, 预算单位): its first character after ASCII spaces is no other
 * ASCII one nor another ideograph (U+4000..U+9FFF, never a space). Asked
 * first, as stripping every line of the document was most of the search
 * (issue 18). */
static gboolean
may_open_with_label (const char *text)
{
  const guchar *p = (const guchar *) text;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
    p++;
  if (*p < 0x80)
    return FALSE;
  if (p[0] < 0xE4 || p[0] > 0xE9 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
    return TRUE;
  return memcmp (p, "预", 3) == 0 || memcmp (p, "主", 3) == 0;
}

static char *
department_line (const BpDocument *doc)
{
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      if (!may_open_with_label (l->text))
        continue;
      g_autofree char *s = bp_text_strip_spaces (l->text);
      GMatchInfo *mi = NULL;
      if (fields_match ("^(?:预算主管部门|主管部门|预算单位)[:：]([^\\t]+)$", s, &mi))
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

/* A name a 部门/单位 label can give: not a unit of money, a locality, a
 * column label or a sentence. */
static gboolean
is_department_name (const char *s)
{
  glong n = g_utf8_strlen (s, -1);
  return n >= 3 && n <= 60 && fields_match ("^\\p{Han}", s, NULL)
         && !fields_match ("[0-9０-９:：。，,；;、]", s, NULL)
         && !fields_match ("^(?:万元|元|千元|亿元)$", s, NULL)
         && !fields_match (LOCALITY_ONLY, s, NULL)
         && !fields_match ("^(?:部门|单位)|名称$|表$|支出$|收入$|合计|金额|[(（]万?元[)）]", s, NULL);
}

/* CELL without spaces and without what a table prints after the name in
 * the same cell or glued to it by the line repair ("单位：万元",
 * "预算支出总额", "财政拨款"): such labels never end a department's name. */
static char *
cut_label_tail (const char *cell)
{
  g_autofree char *s = bp_text_strip_spaces (cell);
  return bp_regex_remove (
      fields_regex ("(?:(?:金额)?单位[:：]|预算支出总额|总体资金情况|资金情况|"
                    "年度金额|财政拨款|其他资金|(?:功能|经济)?科目(?:编码|名称)).*$"), s);
}

/* The first cell of line I that is not blank, cut as a name, or NULL. */
static char *
first_cell (const BpDocument *doc, guint i)
{
  g_auto (GStrv) cells = g_regex_split (fields_regex ("\\s{2,}"),
                                        bp_document_line (doc, i)->text, 0);
  for (guint c = 0; cells[c]; c++)
    if (!bp_regex_match ("^\\s*$", cells[c], NULL))
      return cut_label_tail (cells[c]);
  return NULL;
}

/* The name a label standing alone on line I gives: the first of the next
 * three non-blank lines that reads as a name, else the line right above
 * (plain text puts a cell's value before its label at times); or NULL. */
static char *
name_near (const BpDocument *doc, guint i)
{
  guint seen = 0;
  for (guint k = i + 1; k < bp_document_n_lines (doc) && seen < 3; k++)
    {
      g_autofree char *cell = first_cell (doc, k);
      if (!cell)
        continue;
      seen++;
      if (is_department_name (cell))
        return g_steal_pointer (&cell);
    }
  for (guint k = i; k-- > 0;)
    {
      g_autofree char *cell = first_cell (doc, k);
      if (cell && *cell)
        return is_department_name (cell) ? g_steal_pointer (&cell) : NULL;
    }
  return NULL;
}

/* The value of a 部门/单位 label on line I: "部门：X 单位：万元", "部门名称
 * X" (cells apart in -layout text), or the name on a line below when the
 * label stands alone; NULL if none. */
static char *
label_value (const BpDocument *doc, guint i)
{
  const char *text = bp_document_line (doc, i)->text;
  if (!holds_chars_of (text, "部门") && !holds_chars_of (text, "单位"))
    return NULL;        /* no label below can match */
  g_auto (GStrv) cells = g_regex_split (fields_regex ("\\s{2,}"),
                                        bp_document_line (doc, i)->text, 0);
  for (guint c = 0; cells[c]; c++)
    {
      g_autofree char *s = bp_text_strip_spaces (cells[c]);
      GMatchInfo *mi = NULL;
      if (!fields_match ("^(?:.{0,30}表)?(?:编制部门|编制单位|预算部门|部门名称|单位名称|"
                         "部门/单位|部门\\(单位\\)|部门（单位）|部门|单位)[:：](.*)$", s, &mi)
          && !fields_match ("^部门名称()(.*)$", s, &mi))
        continue;
      g_autofree char *raw = g_match_info_fetch (mi, g_match_info_get_match_count (mi) - 1);
      g_match_info_free (mi);
      g_autofree char *value = *raw ? cut_label_tail (raw)
                                    : cells[c + 1] ? cut_label_tail (cells[c + 1]) : NULL;
      if (value && is_department_name (value))
        return g_steal_pointer (&value);
      return *raw || cells[c + 1] ? NULL : name_near (doc, i);
    }
  return NULL;
}

/* Tables-only files: the name most 部门/单位 lines above the tables give
 * (the first of the most frequent). */
static char *
department_from_labels (const BpDocument *doc)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) votes = g_hash_table_new (g_str_hash, g_str_equal);
  int best = 0;
  const char *best_name = NULL;
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      char *name = label_value (doc, i);
      if (!name)
        continue;
      int n = GPOINTER_TO_INT (g_hash_table_lookup (votes, name)) + 1;
      if (n == 1)
        g_ptr_array_add (names, name);
      else
        {
          const char *kept = name;
          for (guint k = 0; k < names->len; k++)
            if (g_str_equal (names->pdata[k], name))
              kept = names->pdata[k];
          g_free (name);
          name = (char *) kept;
        }
      g_hash_table_insert (votes, name, GINT_TO_POINTER (n));
      if (n > best)
        best = n, best_name = name;
    }
  return g_strdup (best_name);
}

/* "第一部分 X概况" */
static char *
department_from_overview (const BpDocument *doc)
{
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      /* The lines joined open with line I's text, or, when it is blank,
       * with those from the next one on: tried there. */
      if (!strstr (bp_document_line (doc, i)->text, "第"))
        continue;
      GString *joined = g_string_new (NULL);
      GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));
      next_lines (doc, i, 2, joined, ends);
      GMatchInfo *mi = NULL;
      char *name = NULL;
      if (fields_match ("^第[一二三四五]部分[:：]?(.+?)(?:基本)?概况$", joined->str, &mi)
          || fields_match ("^第[一二三四五]部分[:：]?(.+?)(?:基本)?概况", joined->str, &mi))
        {
          name = g_match_info_fetch (mi, 1);
          g_match_info_free (mi);
          if (fields_match ("^(?:部门|单位)?(?:基本)?$", name, NULL)
              || !is_department_name (name))
            g_clear_pointer (&name, g_free);
        }
      g_string_free (joined, TRUE);
      g_array_unref (ends);
      if (name)
        return name;
    }
  return NULL;
}

/* "青山区…" names a district of two cities (武汉市, 包头市): the one the
 * document writes it with ("武汉市青山区人民政府办公室本级"), if only one. */
static char *
city_written_with (const BpDocument *doc, const char *district)
{
  g_autoptr (GPtrArray) cities = fields_place_cities_of (district);
  const char *found = NULL;
  for (guint c = 0; c < cities->len; c++)
    {
      g_autofree char *both = g_strconcat (cities->pdata[c], district, NULL);
      gboolean seen = FALSE;
      for (guint i = 0; i < bp_document_n_lines (doc) && !seen; i++)
        {
          const char *text = bp_document_line (doc, i)->text;
          if (!holds_chars_of (text, both))
            continue;
          g_autofree char *s = bp_text_strip_spaces (text);
          seen = strstr (s, both) != NULL;
        }
      if (seen && found)
        return NULL;
      if (seen)
        found = cities->pdata[c];
    }
  return g_strdup (found);
}

/* City and district only as the department's name or the title names
 * them: never from sentences ("负责全市", "对区县"). */
static void
find_locality (BpDocument *doc, const char *title_prefix)
{
  FieldsPlace place;
  if (!(doc->department && fields_place_of_name (doc->department, &place))
      && !(title_prefix && fields_place_of_name (title_prefix, &place)))
    return;
  doc->city = g_steal_pointer (&place.city);
  doc->district = g_steal_pointer (&place.district);
  fields_place_clear (&place);
  if (doc->district && !doc->city)
    doc->city = city_written_with (doc, doc->district);
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
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      if (!strstr (l->text, "元"))
        continue;         /* every pattern below asks for it */
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

/* The title's department, else the document's own statement, its overview
 * heading, then its tables' 部门/单位 lines. */
static char *
find_department (const BpDocument *doc, Title *t)
{
  char *dept = g_steal_pointer (&t->department);
  if (!dept)
    dept = department_line (doc);
  if (!dept)
    dept = department_from_overview (doc);
  if (!dept)
    dept = department_from_labels (doc);
  return dept;
}

void
fields_extract_meta (BpDocument *doc)
{
  Title t = { 0, NULL, NULL, NULL };

  g_autofree guint8 *marks = g_new0 (guint8, bp_document_n_lines (doc));
  for (guint i = 0; i < bp_document_n_lines (doc) && !t.year; i++)
    if (title_may_start (doc, marks, i, 5))
      title_at (doc, i, &t);
  if (!t.year || !t.kind)
    vote_kind_year (doc, &t);
  g_autofree char *dept = find_department (doc, &t);

  if (t.kind)
    replace_str (&doc->kind, t.kind);
  if (t.year)
    doc->year = t.year;
  if (dept && *dept)
    replace_str (&doc->department, dept);
  g_clear_pointer (&doc->city, g_free);
  g_clear_pointer (&doc->district, g_free);
  find_locality (doc, t.prefix);
  g_free (t.prefix);
  doc->unit = find_unit (doc);
}
