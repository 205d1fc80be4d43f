/* validate: metadata rules: a year, unit, department or scope that does not
 * belong to this document. */
#include "validate-private.h"

#include <stdlib.h>
#include <string.h>

static GRegex *year_re;

/* Years written as "2023年", "2023.01.01", "2023-01", "2023/1". */
static GRegex *
year_regex (void)
{
  static gsize once;
  if (g_once_init_enter (&once))
    {
      year_re = g_regex_new ("(?<![0-9])(20[0-9]{2})\\s*(?:年|[.\\-/][0-9])", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  return year_re;
}

/* Years written in TEXT, in order, as a GArray of int. */
static GArray *
years_in (const char *text)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  GMatchInfo *mi = NULL;
  g_regex_match (year_regex (), text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      g_autofree char *y = g_match_info_fetch (mi, 1);
      int v = atoi (y);
      g_array_append_val (years, v);
      g_match_info_next (mi, NULL);
    }
  g_match_info_free (mi);
  return years;
}

/* A sentence comparing with another year may name it. */
static gboolean
is_comparison (const char *text)
{
  static const char *const words[] = { "比", "较", "同比", "上年", "上一年", "增加",
                                       "减少", "增长", "下降", "以前", "以来", NULL };
  for (guint i = 0; words[i]; i++)
    if (strstr (text, words[i]))
      return TRUE;
  return FALSE;
}

/* TEXT without the bracketed names of funds, whose year is the funds'
 * ("1.5TMRI（2021年医疗卫生机构能力提升补助资金）项目绩效自评表" in a
 * 2022 document: 2021's money spent in 2022). */
static char *
without_fund_names (const char *text)
{
  return bp_regex_remove (bp_regex ("[（(][^（()）]*(?:资金|债券)[^（()）]*[）)]"), text);
}

static void
check_year_in (ValidateRun *run, const char *text, int line, const char *table,
               const char *what)
{
  g_autofree char *plain = without_fund_names (text);
  g_autoptr (GArray) years = years_in (plain);
  for (guint i = 0; i < years->len; i++)
    {
      int y = g_array_index (years, int, i);
      if (y == run->doc->year)
        continue;
      g_autofree char *e = g_strdup_printf ("%d", run->doc->year);
      g_autofree char *a = g_strdup_printf ("%d", y);
      BpFinding *f = validate_report (run, BP_SEVERITY_ERROR, line, table,
                                      "%s names the year %d in a document about %d: “%s”",
                                      what, y, run->doc->year, text);
      bp_finding_set_values (f, e, a);
      return;
    }
}

/* Titles and notes of the tables name the document's own year. */
static void
check_table_years (ValidateRun *run)
{
  if (!run->doc->year)
    return;
  for (guint i = 0; i < run->doc->tables->len; i++)
    {
      const BpTable *t = run->doc->tables->pdata[i];
      if (t->title && !is_comparison (t->title))
        check_year_in (run, t->title, t->line, t->id, bp_gettext ("the table title"));
      for (guint n = 0; t->notes && n < t->notes->len; n++)
        {
          const BpLine *l = t->notes->pdata[n];
          if (!is_comparison (l->text))
            check_year_in (run, l->text, l->line, t->id, bp_gettext ("the table's note"));
        }
    }
}

/* ---- project.period: a project's dates fall in the document's year ------ */

static void
check_project_period (ValidateRun *run)
{
  if (!run->doc->year)
    return;
  g_autoptr (GArray) period_lines = validate_word_lines (run->doc, VALIDATE_WORD_PERIOD);
  for (guint n = 0; n < period_lines->len; n++)
    {
      const BpLine *l = run->doc->lines->pdata[g_array_index (period_lines, guint, n)];
      g_autoptr (GArray) years = years_in (l->text);
      if (years->len < 2)
        continue;
      int last = 0;
      for (guint k = 0; k < years->len; k++)
        last = MAX (last, g_array_index (years, int, k));
      /* A period may start earlier (multi-year projects) but must reach the
       * year the budget or the accounts are about. */
      if (last >= run->doc->year)
        continue;
      gboolean budget = !g_strcmp0 (run->doc->kind, "budget");
      g_autofree char *e = g_strdup_printf ("%d", run->doc->year);
      g_autofree char *a = g_strdup_printf ("%d", last);
      g_autofree char *text = g_strstrip (g_strdup (l->text));
      BpFinding *f = validate_report (run, budget ? BP_SEVERITY_ERROR : BP_SEVERITY_WARNING,
                                      l->line, NULL, "the project period ends in %d, "
                                      "before the year %d the document is about: “%s”",
                                      last, run->doc->year, text);
      bp_finding_set_values (f, e, a);
    }
}

/* ---- form.department: every form names the same department ------------ */

typedef struct {
  char *value;    /* normalized */
  char *printed;
  int line;
} NamedForm;

static void
named_form_clear (gpointer p)
{
  NamedForm *n = p;
  g_free (n->value);
  g_free (n->printed);
}

/* "部门名称<TAB>X", "部门名称：X 填报日期…", "单位名称：（盖章）X" → X. */
static char *
form_department (const char *text)
{
  const char *p = text + strspn (text, " \t");
  if (!g_str_has_prefix (p, "部门名称") && !g_str_has_prefix (p, "单位名称"))
    return NULL;
  p += strlen ("部门名称");
  p += strspn (p, " \t:");
  if (g_str_has_prefix (p, "："))
    p += strlen ("：");
  if (g_str_has_prefix (p, "（盖章）"))
    p += strlen ("（盖章）");
  p += strspn (p, " \t");
  gsize n = strcspn (p, "\t");
  const char *stop = g_strstr_len (p, n, "填报");
  const char *gap = g_strstr_len (p, n, "  ");
  if (stop)
    n = stop - p;
  if (gap && (gsize) (gap - p) < n)
    n = gap - p;
  char *v = g_strstrip (g_strndup (p, n));
  if (!*v)
    g_clear_pointer (&v, g_free);
  return v;
}

/* Variants of one name ("武汉市青山区人民政府办公室" / "青山区人民政府办公室")
 * contain one another. */
static gboolean
same_department (const char *a, const char *b)
{
  return strstr (a, b) || strstr (b, a);
}

static void
check_form_department (ValidateRun *run)
{
  g_autoptr (GArray) forms = g_array_new (FALSE, FALSE, sizeof (NamedForm));
  g_array_set_clear_func (forms, named_form_clear);
  /* a form's label (部门名称, 单位名称) holds 名称 */
  g_autoptr (GArray) name_lines = validate_word_lines (run->doc, VALIDATE_WORD_NAME);
  for (guint n = 0; n < name_lines->len; n++)
    {
      const BpLine *l = run->doc->lines->pdata[g_array_index (name_lines, guint, n)];
      char *v = form_department (l->text);
      if (v)
        {
          NamedForm nf = { validate_normalize_name (v), v, l->line };
          g_array_append_val (forms, nf);
        }
    }
  for (guint i = 0; i < forms->len; i++)
    {
      const NamedForm *f = &g_array_index (forms, NamedForm, i);
      guint agree = 0, other = 0;
      const NamedForm *example = NULL;
      for (guint k = 0; k < forms->len; k++)
        if (k != i && same_department (f->value, g_array_index (forms, NamedForm, k).value))
          agree++;
        else if (k != i)
          other++, example = &g_array_index (forms, NamedForm, k);
      /* Odd one out: the others agree among themselves (two at least); a
       * budget of several units names each unit and is left alone. */
      if (agree || other < 2)
        continue;
      gboolean others_agree = TRUE;
      for (guint k = 0; k < forms->len; k++)
        if (k != i && !same_department (example->value,
                                        g_array_index (forms, NamedForm, k).value))
          others_agree = FALSE;
      if (!others_agree)
        continue;
      BpFinding *fd = validate_report (run, BP_SEVERITY_WARNING, f->line, NULL,
                                       "this form names the department “%s”; %u other "
                                       "forms name “%s” (line %d)", f->printed, other,
                                       example->printed, example->line);
      bp_finding_set_values (fd, example->printed, f->printed);
    }
}

/* ---- department.placeholder: "部门名称" left where the name belongs ----- */

static void
check_department_placeholder (ValidateRun *run)
{
  static const char *const slots[] = { "部门名称", "单位名称", NULL };
  /* Both slots end in 名称: only the lines holding it are searched. */
  g_autoptr (GArray) name_lines = validate_word_lines (run->doc, VALIDATE_WORD_NAME);
  for (guint n = 0; n < name_lines->len; n++)
    {
      const BpLine *l = run->doc->lines->pdata[g_array_index (name_lines, guint, n)];
      for (guint s = 0; slots[s]; s++)
        for (const char *at = strstr (l->text, slots[s]); at; at = strstr (at + 1, slots[s]))
          {
            const char *after = at + strlen (slots[s]);
            gunichar next = g_utf8_get_char (after), prev = 0;
            if (at > l->text)
              prev = g_utf8_get_char (g_utf8_prev_char (at));
            /* A label ("部门名称：", a header cell) is followed by a separator
             * or nothing; the template slot sits inside a sentence. */
            if (!prev || !bp_text_is_cjk (prev) || !bp_text_is_cjk (next))
              continue;
            g_autofree char *text = g_strstrip (g_strdup (l->text));
            validate_report (run, BP_SEVERITY_WARNING, l->line, NULL,
                             "the template placeholder “%s” was left in the text "
                             "instead of the name: “%s”", slots[s], text);
          }
    }
}

/* ---- header.fund: a fund table's header names its own fund ------------- */

static int
header_line_naming (const BpDocument *doc, const BpTable *t, const char *word)
{
  int first_row = t->rows->len ? ((BpRow *) t->rows->pdata[0])->line : t->end_line;
  for (guint i = 0; i < doc->lines->len; i++)
    {
      const BpLine *l = doc->lines->pdata[i];
      if (l->line > t->line && l->line <= first_row && strstr (l->text, word))
        return l->line;
    }
  return 0;
}

static void
check_header_fund (ValidateRun *run)
{
  static const char *const pairs[][3] = {
    { "state_capital_expense", "政府性基金", "国有资本经营预算" },
    { "gov_fund_expense", "国有资本经营", "政府性基金预算" },
  };
  for (guint i = 0; i < run->doc->tables->len; i++)
    {
      const BpTable *t = run->doc->tables->pdata[i];
      for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
        {
          if (g_strcmp0 (t->type, pairs[p][0]))
            continue;
          int line = header_line_naming (run->doc, t, pairs[p][1]);
          if (!line)
            continue;
          BpFinding *f = validate_report (run, BP_SEVERITY_WARNING, line, t->id,
                                          "the header of the %s table “%s” names %s",
                                          pairs[p][2], t->title ? t->title : t->id,
                                          pairs[p][1]);
          bp_finding_set_values (f, pairs[p][2], pairs[p][1]);
        }
    }
}

/* ---- scope.level: a district department's text speaks as a city's ------- */

static void
check_scope_level (ValidateRun *run)
{
  const char *district = run->doc->district;
  if (!district || !(g_str_has_suffix (district, "区") || g_str_has_suffix (district, "县")))
    return;
  static const char *const city_words[] = { "指市级财政", "市直部门", NULL };
  /* both words hold 市: most lines need no compact form */
  g_autoptr (GArray) city_lines = validate_word_lines (run->doc, VALIDATE_WORD_CITY);
  for (guint n = 0; n < city_lines->len; n++)
    {
      const BpLine *l = run->doc->lines->pdata[g_array_index (city_lines, guint, n)];
      g_autofree char *compact = bp_text_strip_spaces (l->text);
      for (guint w = 0; city_words[w]; w++)
        if (strstr (compact, city_words[w]))
          {
            validate_report (run, BP_SEVERITY_WARNING, l->line, NULL,
                             "a %s department's text says “%s”: city-level template "
                             "text not adapted to the district", district, city_words[w]);
            break;
          }
    }
}

/* ---- form.project: a self-evaluation form's title names its project ---- */

/* "2023年度X项目自评表" → X; NULL for a department-wide form. */
static char *
titled_project (const char *title)
{
  g_autofree char *t = bp_text_strip_spaces (title);
  g_autoptr (GRegex) re = g_regex_new ("20[0-9]{2}年度?(.+?)(?:项目)?(?:支出)?(?:绩效)?自评表$",
                                       0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  if (!g_regex_match (re, t, 0, &mi))
    return NULL;
  char *name = g_match_info_fetch (mi, 1);
  if (strstr (name, "整体") || strstr (name, "部门"))
    g_clear_pointer (&name, g_free);
  return name;
}

static const BpRow *
project_name_row (const BpTable *t, const char **value)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      g_autofree char *first = bp_text_strip_spaces (bp_row_cell (r, 0));
      if (g_strcmp0 (first, "项目名称"))   /* a row with no cells: NULL */
        continue;
      for (guint c = 1; c < r->cells->len; c++)
        if (*bp_row_cell (r, c))
          {
            *value = bp_row_cell (r, c);
            return r;
          }
    }
  return NULL;
}

static char *
without_project_suffix (const char *name)
{
  char *n = bp_text_strip_spaces (name);
  if (g_str_has_suffix (n, "项目"))
    n[strlen (n) - strlen ("项目")] = '\0';
  return n;
}

static void
check_form_project (ValidateRun *run)
{
  for (guint i = 0; i < run->doc->tables->len; i++)
    {
      const BpTable *t = run->doc->tables->pdata[i];
      const char *value = NULL;
      g_autofree char *titled = t->title && g_str_has_prefix (t->type, "performance")
                                ? titled_project (t->title) : NULL;
      const BpRow *row = titled ? project_name_row (t, &value) : NULL;
      if (!row)
        continue;
      g_autofree char *a = without_project_suffix (titled);
      g_autofree char *b = without_project_suffix (value);
      if (!*a || !*b || strstr (a, b) || strstr (b, a))
        continue;
      BpFinding *f = validate_report (run, BP_SEVERITY_WARNING, t->line, t->id,
                                      "the form's title names the project “%s” but its "
                                      "项目名称 (line %d) is “%s”", titled, row->line, value);
      bp_finding_set_values (f, value, titled);
    }
}

/* ---- unit.magnitude: a unit that contradicts the figures --------------- */

/* The main tables all total the department's budget (or most of it). */
static const char *const main_types[] = {
  "income_expense_summary", "income_summary", "expense_summary", "fiscal_summary",
  "general_budget_expense", "basic_expense", NULL };

/* The largest figure of T in fen, read in the table's own unit. */
static bp_fen
largest_figure (const BpDocument *doc, const BpTable *t)
{
  bp_fen best = 0, v;
  BpUnit unit = validate_table_unit (doc, t);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      const char *code = bp_row_code (r);   /* once a row, not a cell */
      for (guint c = 0; c < r->cells->len; c++)
        if (code != bp_row_cell (r, c)
            && validate_cell_money (r, c, unit, &v, NULL) && v > best)
          best = v;
    }
  return best;
}

static int
fen_cmp (gconstpointer a, gconstpointer b)
{
  bp_fen x = *(const bp_fen *) a, y = *(const bp_fen *) b;
  return (x > y) - (x < y);
}

/* Median of the positive values, 0 when fewer than three. */
static bp_fen
median_positive (GArray *values)
{
  g_autoptr (GArray) pos = g_array_new (FALSE, FALSE, sizeof (bp_fen));
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, bp_fen, i) > 0)
      g_array_append_val (pos, g_array_index (values, bp_fen, i));
  if (pos->len < 3)
    return 0;
  g_array_sort (pos, fen_cmp);
  return g_array_index (pos, bp_fen, pos->len / 2);
}

static void
check_unit_magnitude (ValidateRun *run)
{
  g_autoptr (GArray) sizes = g_array_new (FALSE, TRUE, sizeof (bp_fen));
  bp_fen median = 0;
  for (guint i = 0; i < run->doc->tables->len; i++)
    {
      const BpTable *t = run->doc->tables->pdata[i];
      bp_fen v = t->type && g_strv_contains (main_types, t->type) && t->unit
                 ? largest_figure (run->doc, t) : 0;
      g_array_append_val (sizes, v);
    }
  /* The middle size among the main tables stands for the document. */
  median = median_positive (sizes);
  for (guint i = 0; median && i < sizes->len; i++)
    {
      const BpTable *t = run->doc->tables->pdata[i];
      bp_fen v = g_array_index (sizes, bp_fen, i);
      /* 元 read as 万元 is 10000 times too large, and the other way round. */
      if (!v || (v / 1000 < median && median / 1000 < v))
        continue;
      const char *title = t->title ? t->title : t->id;
      /* Two whole formats, not a fragment: each is translated. */
      BpFinding *f = v > median
        ? validate_report (run, BP_SEVERITY_WARNING, t->line, t->id,
                           "the unit %s of “%s” does not fit its figures: they are "
                           "about 10000 times larger than the other main tables'",
                           bp_unit_name (t->unit), title)
        : validate_report (run, BP_SEVERITY_WARNING, t->line, t->id,
                           "the unit %s of “%s” does not fit its figures: they are "
                           "about 10000 times smaller than the other main tables'",
                           bp_unit_name (t->unit), title);
      bp_finding_set_values (f, NULL, bp_unit_name (t->unit));
    }
}

const ValidateRule validate_metadata_rules[] = {
  { "year.tables", "metadata",
    "Table titles and notes name the document's own year", check_table_years },
  { "unit.magnitude", "metadata",
    "A table's unit fits the size of its figures", check_unit_magnitude },
  { "project.period", "metadata",
    "A project period reaches the year the document is about", check_project_period },
  { "form.department", "metadata",
    "Every form names the same department", check_form_department },
  { "department.placeholder", "metadata",
    "No “部门名称” template slot left in the text", check_department_placeholder },
  { "header.fund", "metadata",
    "A fund table's header names its own fund", check_header_fund },
  { "form.project", "metadata",
    "A self-evaluation form's title names the project its 项目名称 gives",
    check_form_project },
  { "scope.level", "metadata",
    "A district department's text does not speak as a city department",
    check_scope_level },
  { NULL, NULL, NULL, NULL }
};
