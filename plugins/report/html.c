/* The report as one self-contained HTML page: inline CSS, no scripts, no
 * external assets; well-formed XML (XHTML syntax) so any parser reads it.
 * Every piece of document text goes through g_markup_escape_text. */
#include <string.h>
#include "report-private.h"

/* No '<' or '&' in the CSS: the page stays well-formed XML. */
static const char STYLE[] =
  "body{font-family:system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;"
  "margin:0 auto;max-width:60rem;padding:0.75rem;line-height:1.5;color:#1b1b1b}"
  "h1{font-size:1.35rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc}"
  "h3{font-size:1.05rem}h4{font-size:1rem;margin:0.8rem 0 0.3rem}"
  /* A table wider than the screen scrolls inside its own box, the page
   * never does; a cell keeps a readable width instead of one character
   * a line (390 px phones). Long words (paths, sha256) break anywhere. */
  ".scroll{overflow-x:auto;max-width:100%}"
  "table{border-collapse:collapse;margin:0.4rem 0}"
  "td,th{border:1px solid #ccc;padding:0.2rem 0.45rem;text-align:left;vertical-align:top;"
  "min-width:2.5em;overflow-wrap:anywhere}"
  "td.text{min-width:12em}"
  "body,dd,.finding{overflow-wrap:anywhere}"
  "@media (max-width:40rem){body{padding:0.5rem}td,th{white-space:nowrap}"
  "td.text{white-space:normal;min-width:14em}td.wrap{white-space:normal;min-width:8em}}"
  "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
  ".finding{border-left:4px solid #999;padding:0.3rem 0.6rem;margin:0.6rem 0;background:#fafafa}"
  ".finding.error{border-color:#c62828}.finding.warning{border-color:#ef8f00}"
  ".finding.info{border-color:#1565c0}"
  ".sev{font-weight:bold;text-transform:uppercase;font-size:0.8rem}"
  ".sev.error{color:#c62828}.sev.warning{color:#a85f00}.sev.info{color:#1565c0}"
  "pre{overflow-x:auto;background:#f1f1f1;padding:0.4rem;font-size:0.85rem;tab-size:4}"
  ".ln{color:#888;display:inline-block;min-width:3.5em}"
  ".at{background:#fff3c4;display:inline-block;min-width:100%}"
  "mark{background:#ffd54f;font-weight:bold}"
  ".missing{color:#c62828;font-weight:bold}.ok{color:#2e7d32}"
  "dl{display:grid;grid-template-columns:max-content 1fr;gap:0 0.8rem;margin:0.3rem 0}"
  "dt{font-weight:bold}dd{margin:0}"
  "details{margin:0.5rem 0}summary{cursor:pointer}";

static void
esc (GString *out, const char *text)
{
  g_autofree char *e = g_markup_escape_text (text ? text : "", -1);
  g_string_append (out, e);
}

/* Appends "<tag>escaped text</tag>". */
static void
element (GString *out, const char *tag, const char *text)
{
  g_string_append_printf (out, "<%s>", tag);
  esc (out, text);
  g_string_append_printf (out, "</%s>", tag);
}

static void
page_start (GString *out, const char *title)
{
  g_string_append (out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\">\n"
                   "<head>\n<meta charset=\"utf-8\"/>\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
  element (out, "title", title);
  g_string_append_printf (out, "\n<style>%s</style>\n</head>\n<body>\n", STYLE);
}

static void
page_end (GString *out)
{
  g_string_append (out, "</body>\n</html>\n");
}

static void
facts_section (GString *out, const BpDocument *doc)
{
  g_autofree char *bytes = g_strdup_printf ("%" G_GSIZE_FORMAT,
                                            bp_document_input_size (doc));
  g_autofree char *year = doc->year ? g_strdup_printf ("%d", doc->year) : NULL;
  const char *rows[][2] = {
    { "部门 department", doc->department }, { "年度 year", year },
    { "类型 kind", report_kind_label (doc->kind) }, { "地区 locality", doc->district },
    { "城市 city", doc->city }, { "profile", doc->profile },
    { "文件 source", doc->path }, { "bytes", bytes }, { "sha256", doc->sha256 },
    { "pipeline", doc->pipeline_name },
  };
  g_string_append (out, "<div class=\"scroll\"><table>\n");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i][1])
      {
        g_string_append (out, "<tr>");
        element (out, "td", rows[i][0]);
        g_string_append (out, "<td class=\"wrap\">");
        esc (out, rows[i][1]);
        g_string_append (out, "</td></tr>\n");
      }
  g_string_append (out, "</table></div>\n");
}

static void
headline_section (GString *out, const BpDocument *doc)
{
  g_string_append (out, "<h2 id=\"headline\">主要数字 Headline figures</h2>\n"
                   "<div class=\"scroll\"><table>\n<tr><th>项目</th><th>key</th>"
                   "<th>value</th><th>line</th></tr>\n");
  for (const ReportHeadline *h = report_headlines; h->key; h++)
    {
      const BpField *f = bp_document_get_field (doc, h->key);
      if (!f)
        continue;
      g_autofree char *value = report_field_value (f);
      g_string_append (out, "<tr>");
      element (out, "td", h->label);
      element (out, "td", h->key);
      g_string_append (out, "<td class=\"num\">");
      esc (out, value);
      g_string_append_printf (out, "</td><td class=\"num\">%d</td></tr>\n", f->line);
    }
  g_string_append (out, "</table></div>\n");
}

static void
table_row (GString *out, const BpTable *t, const char *status_class, const char *status)
{
  g_autofree char *line = g_strdup_printf ("%d", t->line);
  g_autofree char *rows = g_strdup_printf ("%u", t->rows->len);
  g_string_append (out, "<tr>");
  g_string_append_printf (out, "<td class=\"%s\">", status_class);
  esc (out, status);
  g_string_append (out, "</td>");
  const char *cells[] = { t->type, t->id, t->number ? t->number : "", t->title, line,
                          t->empty ? "empty" : rows };
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_string_append (out, cells[i] == t->title ? "<td class=\"text\">" : "<td>");
      esc (out, cells[i]);
      g_string_append (out, "</td>");
    }
  g_string_append (out, "</tr>\n");
}

static void
tables_section (GString *out, const BpDocument *doc)
{
  g_string_append (out, "<h2 id=\"tables\">表格 Tables found vs required</h2>\n"
                   "<div class=\"scroll\"><table>\n<tr><th></th><th>type</th><th>id</th>"
                   "<th>number</th><th>title</th><th>line</th><th>rows</th></tr>\n");
  const char *const *required = report_required_tables (doc);
  for (const char *const *type = required; *type; type++)
    {
      g_autoptr (GPtrArray) found = report_tables_of_type (doc, *type);
      for (guint i = 0; i < found->len; i++)
        table_row (out, g_ptr_array_index (found, i), "ok", "required ✓");
      if (found->len == 0)
        {
          g_string_append (out, "<tr><td class=\"missing\">missing ✗</td>");
          element (out, "td", *type);
          g_string_append (out, "<td></td><td></td><td></td><td></td><td></td></tr>\n");
        }
    }
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      if (!g_strv_contains ((const char *const *) required, t->type))
        table_row (out, t, "", "");
    }
  g_string_append (out, "</table></div>\n");
}

/* One source line with its number; the figures in SPANS marked. */
static void
source_line (GString *out, int n, const char *text, GArray *spans)
{
  g_string_append_printf (out, "<span class=\"ln\">%d</span>", n);
  gsize at = 0;
  for (guint i = 0; spans && i < spans->len; i++)
    {
      ReportSpan *s = &g_array_index (spans, ReportSpan, i);
      g_autofree char *before = g_strndup (text + at, s->start - at);
      g_autofree char *figure = g_strndup (text + s->start, s->end - s->start);
      esc (out, before);
      element (out, "mark", figure);
      at = s->end;
    }
  esc (out, text + at);
}

static void
source_context (GString *out, const BpDocument *doc, const BpFinding *f, int context)
{
  if (f->line <= 0 || !bp_document_source_line (doc, f->line))
    return;
  g_string_append (out, "<pre>");
  for (int n = MAX (1, f->line - context); n <= f->line + context; n++)
    {
      const char *text = bp_document_source_line (doc, n);
      if (!text)
        break;
      if (n != f->line)
        {
          source_line (out, n, text, NULL);
          g_string_append_c (out, '\n');
          continue;
        }
      g_autoptr (GArray) spans = report_figure_spans (f, text);
      g_string_append (out, "<span class=\"at\">");
      source_line (out, n, text, spans);
      g_string_append (out, "</span>\n");
    }
  g_string_append (out, "</pre>\n");
}

static void
finding (GString *out, const BpDocument *doc, const BpFinding *f, int context)
{
  const char *sev = bp_severity_name (f->severity);
  g_string_append_printf (out, "<div class=\"finding %s\">\n<p><span class=\"sev %s\">%s</span> ",
                          sev, sev, sev);
  element (out, "code", f->rule);
  g_autofree char *where = report_where (doc, f->line);
  g_string_append_printf (out, " %s", where);
  if (f->table)
    {
      g_string_append (out, ", table ");
      esc (out, f->table);
    }
  g_string_append (out, "</p>\n");
  element (out, "p", f->message);
  if (f->expected || f->actual)
    {
      g_string_append (out, "\n<dl>");
      if (f->expected)
        element (out, "dt", "expected"), element (out, "dd", f->expected);
      if (f->actual)
        element (out, "dt", "actual"), element (out, "dd", f->actual);
      g_string_append (out, "</dl>");
    }
  g_string_append_c (out, '\n');
  source_context (out, doc, f, context);
  g_string_append (out, "</div>\n");
}

static void
category_head (GString *out, const char *label, guint count)
{
  g_string_append (out, "<h3>");
  esc (out, label);
  g_string_append_printf (out, " (%u)</h3>\n", count);
}

static void
findings_section (GString *out, const BpDocument *doc, int context)
{
  g_autofree char *counts = report_severity_counts (doc);
  g_string_append_printf (out, "<h2 id=\"findings\">问题 Findings</h2>\n<p>%s</p>\n", counts);
  const ReportFindingsFormat format = { category_head, finding, "", context };
  report_findings_by_category (out, doc, &format);
}

char *
report_html_document (const BpDocument *doc, int context)
{
  g_autofree char *title = report_title (doc);
  GString *out = g_string_new (NULL);
  page_start (out, title);
  g_string_append (out, "<p><a href=\"index.html\">← index</a></p>\n");
  element (out, "h1", title);
  g_string_append_c (out, '\n');
  facts_section (out, doc);
  headline_section (out, doc);
  tables_section (out, doc);
  findings_section (out, doc, context);
  page_end (out);
  return g_string_free (out, FALSE);
}

char *
report_html_index (GPtrArray *entries, gboolean with_markdown)
{
  GString *out = g_string_new (NULL);
  page_start (out, "budgetpipe report");
  g_string_append_printf (out, "<h1>budgetpipe report: %u documents</h1>\n"
                          "<div class=\"scroll\"><table>\n<tr><th>document</th><th>tables</th>"
                          "<th>fields</th><th>errors</th><th>warnings</th><th>info</th>"
                          "<th>source</th></tr>\n", entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const ReportEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *stem = g_uri_escape_string (e->stem, NULL, TRUE);
      g_autofree char *link = g_markup_printf_escaped ("<tr><td><a href=\"%s.html\">", stem);
      g_string_append (out, link);
      esc (out, e->title);
      g_string_append (out, "</a>");
      if (with_markdown)
        {
          g_autofree char *md = g_markup_printf_escaped (" (<a href=\"%s.md\">md</a>)", stem);
          g_string_append (out, md);
        }
      g_string_append_printf (out, "</td><td class=\"num\">%u</td><td class=\"num\">%u</td>"
                              "<td class=\"num\">%u</td><td class=\"num\">%u</td>"
                              "<td class=\"num\">%u</td>",
                              e->tables, e->fields, e->errors, e->warnings, e->infos);
      element (out, "td", e->path);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table></div>\n");
  page_end (out);
  return g_string_free (out, FALSE);
}
