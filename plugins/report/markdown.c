/* The report as CommonMark / GitHub Markdown. Document text is escaped so it
 * reads as text (no markup, no raw HTML); source lines go in fenced code
 * blocks. Info findings fold into <details> (rendered by GitHub, GitLab). */
#include <string.h>
#include "report-private.h"

/* Escapes TEXT for a Markdown paragraph or table cell (never at the start
 * of a line): inline markup characters get a backslash, '<', '>' and '&'
 * become entities (so no raw HTML), line breaks become spaces. */
static void
esc (GString *out, const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        {
          if (strchr ("\\`*_[]|~", *p))
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
}

/* TEXT as a code span: read literally, nothing to escape. Identifiers
 * (keys, rules, types, paths) read better so than backslash-escaped. */
static void
code (GString *out, const char *text)
{
  if (!text || !*text || strchr (text, '`') || strchr (text, '\n'))
    {
      esc (out, text);
      return;
    }
  g_string_append_printf (out, "`%s`", text);
}

/* A code fence longer than any backtick run in TEXT. */
static char *
fence_for (GString *text)
{
  guint longest = 0, run = 0;
  for (gsize i = 0; i < text->len; i++)
    {
      run = text->str[i] == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  return g_strnfill (MAX (3, longest + 1), '`');
}

static void
facts (GString *out, const BpDocument *doc)
{
  g_autofree char *year = doc->year ? g_strdup_printf ("%d", doc->year) : NULL;
  const char *rows[][2] = {
    { "部门 department", doc->department }, { "年度 year", year },
    { "类型 kind", report_kind_label (doc->kind) }, { "地区 locality", doc->district },
    { "城市 city", doc->city }, { "profile", doc->profile },
    { "文件 source", doc->path }, { "sha256", doc->sha256 },
    { "pipeline", doc->pipeline_name },
  };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i][1])
      {
        g_string_append (out, "- ");
        esc (out, rows[i][0]);
        g_string_append (out, ": ");
        if (i >= 6)   /* source, sha256, pipeline: identifiers */
          code (out, rows[i][1]);
        else
          esc (out, rows[i][1]);
        g_string_append_c (out, '\n');
      }
}

static void
headline (GString *out, const BpDocument *doc)
{
  g_string_append (out, "\n## 主要数字 Headline figures\n\n"
                   "| 项目 | key | value | line |\n|---|---|--:|--:|\n");
  for (const ReportHeadline *h = report_headlines; h->key; h++)
    {
      const BpField *f = bp_document_get_field (doc, h->key);
      if (!f)
        continue;
      g_autofree char *value = report_field_value (f);
      g_string_append (out, "| ");
      esc (out, h->label);
      g_string_append (out, " | ");
      code (out, h->key);
      g_string_append (out, " | ");
      esc (out, value);
      g_string_append_printf (out, " | %d |\n", f->line);
    }
}

static void
table_row (GString *out, const BpTable *t, const char *status)
{
  g_string_append_printf (out, "| %s | ", status);
  code (out, t->type);
  g_string_append (out, " | ");
  code (out, t->id);
  g_string_append (out, " | ");
  esc (out, t->number);
  g_string_append (out, " | ");
  esc (out, t->title);
  g_string_append (out, " | ");
  if (t->empty)
    g_string_append_printf (out, "%d | empty |\n", t->line);
  else
    g_string_append_printf (out, "%d | %u |\n", t->line, t->rows->len);
}

static void
tables (GString *out, const BpDocument *doc)
{
  g_string_append (out, "\n## 表格 Tables found vs required\n\n"
                   "| | type | id | number | title | line | rows |\n|---|---|---|---|---|--:|--:|\n");
  const char *const *required = report_required_tables (doc);
  for (const char *const *type = required; *type; type++)
    {
      g_autoptr (GPtrArray) found = report_tables_of_type (doc, *type);
      for (guint i = 0; i < found->len; i++)
        table_row (out, g_ptr_array_index (found, i), "required ✓");
      if (found->len == 0)
        {
          g_string_append (out, "| **missing ✗** | ");
          code (out, *type);
          g_string_append (out, " | | | | | |\n");
        }
    }
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      if (!g_strv_contains ((const char *const *) required, t->type))
        table_row (out, t, "");
    }
}

/* Source lines around F; the finding's line marked "▶", its figure named
 * below the block (a code block cannot highlight). */
static void
source_context (GString *out, const BpDocument *doc, const BpFinding *f, int context)
{
  const char *at = bp_document_source_line (doc, f->line);
  if (f->line <= 0 || !at)
    return;
  g_autoptr (GString) block = g_string_new (NULL);
  for (int n = MAX (1, f->line - context); n <= f->line + context; n++)
    {
      const char *text = bp_document_source_line (doc, n);
      if (!text)
        break;
      g_string_append_printf (block, "%s%5d  %s\n", n == f->line ? "▶" : " ", n, text);
    }
  g_autofree char *fence = fence_for (block);
  g_string_append_printf (out, "\n%s\n%s%s\n", fence, block->str, fence);
  g_autoptr (GArray) spans = report_figure_spans (f, at);
  for (guint i = 0; i < spans->len; i++)
    {
      ReportSpan *s = &g_array_index (spans, ReportSpan, i);
      g_autofree char *figure = g_strndup (at + s->start, s->end - s->start);
      g_string_append (out, i ? ", " : "\nfigure on line ");
      if (!i)
        g_string_append_printf (out, "%d: ", f->line);
      g_string_append (out, "**");
      esc (out, figure);
      g_string_append (out, "**");
    }
  if (spans->len)
    g_string_append_c (out, '\n');
}

static void
finding (GString *out, const BpDocument *doc, const BpFinding *f, int context)
{
  g_string_append_printf (out, "\n- **%s** ", bp_severity_name (f->severity));
  code (out, f->rule);
  g_autofree char *where = report_where (doc, f->line);
  g_string_append_printf (out, " %s", where);
  if (f->table)
    {
      g_string_append (out, ", table ");
      esc (out, f->table);
    }
  g_string_append (out, ": ");
  esc (out, f->message);
  g_string_append_c (out, '\n');
  if (f->expected)
    {
      g_string_append (out, "\n  expected: ");
      esc (out, f->expected);
    }
  if (f->actual)
    {
      g_string_append (out, f->expected ? ", actual: " : "\n  actual: ");
      esc (out, f->actual);
    }
  if (f->expected || f->actual)
    g_string_append_c (out, '\n');
  source_context (out, doc, f, context);
}

static void
category_head (GString *out, const char *label, guint count)
{
  g_string_append (out, "\n### ");
  esc (out, label);
  g_string_append_printf (out, " (%u)\n", count);
}

static void
findings_section (GString *out, const BpDocument *doc, int context)
{
  g_autofree char *counts = report_severity_counts (doc);
  g_string_append_printf (out, "\n## 问题 Findings\n\n%s\n", counts);
  const ReportFindingsFormat format = { category_head, finding, "\n", context };
  report_findings_by_category (out, doc, &format);
}

char *
report_markdown_document (const BpDocument *doc, int context)
{
  g_autofree char *title = report_title (doc);
  GString *out = g_string_new ("# ");
  esc (out, title);
  g_string_append (out, "\n\n[← index](index.md)\n\n");
  facts (out, doc);
  headline (out, doc);
  tables (out, doc);
  findings_section (out, doc, context);
  return g_string_free (out, FALSE);
}

char *
report_markdown_index (GPtrArray *entries, gboolean with_html)
{
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "# budgetpipe report: %u documents\n\n"
                          "| document | tables | fields | errors | warnings | info | source |\n"
                          "|---|--:|--:|--:|--:|--:|---|\n", entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const ReportEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *stem = g_uri_escape_string (e->stem, NULL, TRUE);
      g_string_append (out, "| [");
      esc (out, e->title);
      g_string_append_printf (out, "](%s.md)", stem);
      if (with_html)
        g_string_append_printf (out, " ([html](%s.html))", stem);
      g_string_append_printf (out, " | %u | %u | %u | %u | %u | ", e->tables, e->fields,
                              e->errors, e->warnings, e->infos);
      esc (out, e->path);
      g_string_append (out, " |\n");
    }
  return g_string_free (out, FALSE);
}
