/* What the HTML and Markdown renderers share: labels, ordering of findings,
 * the figure to highlight in a source line, required tables. */
#include <string.h>
#include "report-private.h"

const ReportHeadline report_headlines[] = {
  { "income.total", "本年收入合计" },
  { "expense.total", "本年支出合计" },
  { "expense.basic", "基本支出" },
  { "expense.project", "项目支出" },
  { "expense.personnel", "人员经费" },
  { "expense.public", "公用经费" },
  { "three_public.total", "“三公”经费合计" },
  { "three_public.overseas", "因公出国（境）费" },
  { "three_public.vehicle", "公务用车购置及运行费" },
  { "three_public.reception", "公务接待费" },
  { "operating_cost", "机关运行经费" },
  { "procurement.total", "政府采购" },
  { "staffing.authorized", "编制人数" },
  { "staffing.actual", "在职实有人数" },
  { "vehicles.count", "车辆" },
  { NULL, NULL }
};

/* SCHEMA.md order; anything else sorts last. */
static const char *const CATEGORIES[][2] = {
  { "completeness", "完整性 completeness" },
  { "arithmetic", "表内勾稽 arithmetic" },
  { "cross_table", "表间一致 cross-table" },
  { "narrative", "文字与数字 narrative" },
  { "classification", "科目 classification" },
  { "metadata", "年度、单位、部门 metadata" },
  { "text", "文字质量 text" },
};

static int
category_rank (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (CATEGORIES); i++)
    if (g_strcmp0 (category, CATEGORIES[i][0]) == 0)
      return (int) i;
  return (int) G_N_ELEMENTS (CATEGORIES);
}

const char *
report_category_label (const char *category)
{
  int rank = category_rank (category);
  return rank < (int) G_N_ELEMENTS (CATEGORIES) ? CATEGORIES[rank][1]
                                                : (category ? category : "other");
}

const char *
report_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "budget") == 0)
    return "部门预算";
  if (g_strcmp0 (kind, "final_accounts") == 0)
    return "部门决算";
  return kind ? kind : "";
}

char *
report_title (const BpDocument *doc)
{
  if (!doc->department)
    return g_strdup (doc->stem ? doc->stem : doc->path);
  if (doc->year)
    return g_strdup_printf ("%s %d年%s", doc->department, doc->year,
                            report_kind_label (doc->kind));
  return g_strdup_printf ("%s %s", doc->department, report_kind_label (doc->kind));
}

/* "15386196.87" → "15,386,196.87" */
static char *
group_thousands (const char *plain)
{
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  const char *dot = strchr (digits, '.');
  gsize int_len = dot ? (gsize) (dot - digits) : strlen (digits);
  GString *out = g_string_new (plain[0] == '-' ? "-" : "");
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, digits + int_len);
  return g_string_free (out, FALSE);
}

char *
report_field_value (const BpField *f)
{
  if (f->kind == BP_FIELD_COUNT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, f->value);
  char buf[BP_AMOUNT_BUFSZ];
  g_autofree char *grouped = group_thousands (bp_amount_format_buf (f->value, buf));
  return g_strconcat (grouped, " 元", NULL);
}

static gint
compare_findings (gconstpointer a, gconstpointer b)
{
  const BpFinding *x = *(const BpFinding *const *) a, *y = *(const BpFinding *const *) b;
  int cx = category_rank (x->category), cy = category_rank (y->category);
  if (cx != cy)
    return cx - cy;
  if (cx == (int) G_N_ELEMENTS (CATEGORIES) && g_strcmp0 (x->category, y->category))
    return g_strcmp0 (x->category, y->category);
  if (x->severity != y->severity)
    return (int) y->severity - (int) x->severity;
  return x->line - y->line;
}

GPtrArray *
report_sorted_findings (const BpDocument *doc)
{
  GPtrArray *sorted = g_ptr_array_sized_new (doc->findings->len);
  for (guint i = 0; i < doc->findings->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (doc->findings, i));
  /* g_ptr_array_sort is a stable merge sort: equal findings keep their order. */
  g_ptr_array_sort (sorted, compare_findings);
  return sorted;
}

gboolean
report_is_folded (const BpFinding *f)
{
  return f->severity == BP_SEVERITY_INFO;
}

/* The findings of one category, FINDINGS[from, to): shown ones, then the
 * folded ones inside FORMAT's fold. */
static void
findings_category (GString *out, const BpDocument *doc, GPtrArray *findings,
                   guint from, guint to, const ReportFindingsFormat *format)
{
  const BpFinding *first = g_ptr_array_index (findings, from);
  format->category_head (out, report_category_label (first->category), to - from);
  guint folded = 0;
  for (guint i = from; i < to; i++)
    {
      const BpFinding *f = g_ptr_array_index (findings, i);
      if (report_is_folded (f))
        folded++;
      else
        format->finding (out, doc, f, format->context);
    }
  if (!folded)
    return;
  g_string_append_printf (out, "%s<details>\n<summary>%u info (within rounding, or a note)</summary>\n",
                          format->fold_before, folded);
  for (guint i = from; i < to; i++)
    if (report_is_folded (g_ptr_array_index (findings, i)))
      format->finding (out, doc, g_ptr_array_index (findings, i), format->context);
  g_string_append_printf (out, "%s</details>\n", format->fold_before);
}

void
report_findings_by_category (GString *out, const BpDocument *doc,
                             const ReportFindingsFormat *format)
{
  g_autoptr (GPtrArray) sorted = report_sorted_findings (doc);
  for (guint from = 0, to; from < sorted->len; from = to)
    {
      const BpFinding *f = g_ptr_array_index (sorted, from);
      for (to = from + 1; to < sorted->len; to++)
        if (g_strcmp0 (((BpFinding *) g_ptr_array_index (sorted, to))->category, f->category))
          break;
      findings_category (out, doc, sorted, from, to, format);
    }
}

/* Figures printed in source lines: "1,538.62", "15386196.87", "7.83%". */
static GRegex *
figure_regex (void)
{
  static GRegex *regex;
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("-?[0-9][0-9,]*(?:\\.[0-9]+)?%?",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

/* TRUE when TOKEN, read in 元 or in 万元, or as a percentage, is WANT. */
static gboolean
token_is (const char *token, const char *want)
{
  bp_fen want_fen, fen;
  bp_pct100 want_pct, pct;
  if (strchr (want, '%') || strchr (token, '%'))
    return bp_percent_parse (want, &want_pct) && bp_percent_parse (token, &pct)
      && pct == want_pct;
  if (bp_amount_parse (want, BP_UNIT_YUAN, &want_fen) != BP_AMOUNT_OK)
    return FALSE;
  return (bp_amount_parse (token, BP_UNIT_YUAN, &fen) == BP_AMOUNT_OK && fen == want_fen)
    || (bp_amount_parse (token, BP_UNIT_WANYUAN, &fen) == BP_AMOUNT_OK
        && bp_amount_within (fen, want_fen, bp_rounding_tolerance (BP_UNIT_WANYUAN, 1)));
}

/* Adds the spans of TEXT's figures equal to one of WANTS. */
static void
find_figures (const char *text, char **wants, GArray *spans)
{
  g_autoptr (GMatchInfo) m = NULL;
  g_regex_match (figure_regex (), text, 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *token = g_match_info_fetch (m, 0);
      for (char **w = wants; *w; w++)
        if (token_is (token, *w))
          {
            int start, end;
            g_match_info_fetch_pos (m, 0, &start, &end);
            ReportSpan span = { (gsize) start, (gsize) end };
            g_array_append_val (spans, span);
            break;
          }
    }
}

/* Figures a message quotes with a decimal point or a percent sign. */
static char **
message_figures (const char *message)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr (GMatchInfo) m = NULL;
  g_regex_match (figure_regex (), message ? message : "", 0, &m);
  for (; g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      char *token = g_match_info_fetch (m, 0);
      if (strpbrk (token, ".%"))
        g_ptr_array_add (out, token);
      else
        g_free (token);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

GArray *
report_figure_spans (const BpFinding *f, const char *text)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (ReportSpan));
  if (f->actual)
    {
      char *wants[] = { f->actual, NULL };
      find_figures (text, wants, spans);
    }
  if (spans->len == 0)
    {
      g_auto (GStrv) quoted = message_figures (f->message);
      find_figures (text, quoted, spans);
    }
  return spans;
}

const char *const *
report_required_tables (const BpDocument *doc)
{
  const BpProfile *profile = doc->profile ? bp_profile_lookup (doc->profile) : NULL;
  if (!profile)
    profile = bp_profile_national ();
  static const char *const none[] = { NULL };
  const char *const *required = doc->kind ? bp_profile_required_tables (profile, doc->kind) : NULL;
  return required ? required : none;
}

GPtrArray *
report_tables_of_type (const BpDocument *doc, const char *type)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < doc->tables->len; i++)
    {
      BpTable *t = g_ptr_array_index (doc->tables, i);
      if (g_strcmp0 (t->type, type) == 0)
        g_ptr_array_add (out, t);
    }
  return out;
}

char *
report_where (const BpDocument *doc, int line)
{
  int page = bp_document_page_at_line (doc, line);
  return page > 0 ? g_strdup_printf ("p. %d, line %d", page, line)
                  : g_strdup_printf ("line %d", line);
}

char *
report_severity_counts (const BpDocument *doc)
{
  guint errors = bp_document_count_findings (doc, BP_SEVERITY_ERROR);
  guint warnings = bp_document_count_findings (doc, BP_SEVERITY_WARNING) - errors;
  guint infos = doc->findings->len - errors - warnings;
  return g_strdup_printf ("%u error%s, %u warning%s, %u info", errors, errors == 1 ? "" : "s",
                          warnings, warnings == 1 ? "" : "s", infos);
}
