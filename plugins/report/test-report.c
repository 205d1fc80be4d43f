/* report sink: the HTML is well-formed (parsed strictly with GMarkup), every
 * finding appears, info findings are folded, the figure is highlighted, and
 * document text is escaped. */
#include "config.h"

#include <string.h>
#include "tests/harness.h"
#include "tests/sinkdocs.h"

#define QINGSHAN "000_fe5e375999e3baca"

/* What the parser saw in a page. */
typedef struct {
  GPtrArray *stack;        /* element names, outermost first */
  GString *text;           /* all text content */
  GPtrArray *marks;        /* text of each <mark> */
  GPtrArray *folded;       /* severity classes of findings inside <details> */
  GPtrArray *shown;        /* ... and outside */
  gboolean in_mark;
  GString *mark;
} Page;

static gboolean
stack_has (Page *p, const char *name)
{
  for (guint i = 0; i < p->stack->len; i++)
    if (g_str_equal (g_ptr_array_index (p->stack, i), name))
      return TRUE;
  return FALSE;
}

static void
on_start (GMarkupParseContext *ctx, const char *name, const char **attr_names,
          const char **attr_values, gpointer data, GError **error)
{
  Page *p = data;
  for (guint i = 0; attr_names[i]; i++)
    if (g_str_equal (attr_names[i], "class") && g_str_has_prefix (attr_values[i], "finding "))
      g_ptr_array_add (stack_has (p, "details") ? p->folded : p->shown,
                       g_strdup (attr_values[i] + 8));
  /* A page that works offline loads nothing and runs nothing. */
  g_assert_cmpstr (name, !=, "script");
  g_assert_cmpstr (name, !=, "link");
  g_assert_cmpstr (name, !=, "img");
  if (g_str_equal (name, "mark"))
    p->in_mark = TRUE, g_string_truncate (p->mark, 0);
  g_ptr_array_add (p->stack, g_strdup (name));
}

static void
on_end (GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
  Page *p = data;
  if (g_str_equal (name, "mark"))
    p->in_mark = FALSE, g_ptr_array_add (p->marks, g_strdup (p->mark->str));
  g_ptr_array_remove_index (p->stack, p->stack->len - 1);
}

static void
on_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data,
         GError **error)
{
  Page *p = data;
  g_string_append_len (p->text, text, len);
  if (p->in_mark)
    g_string_append_len (p->mark, text, len);
}

static void
page_free (Page *p)
{
  g_ptr_array_free (p->stack, TRUE);
  g_string_free (p->text, TRUE);
  g_string_free (p->mark, TRUE);
  g_ptr_array_free (p->marks, TRUE);
  g_ptr_array_free (p->folded, TRUE);
  g_ptr_array_free (p->shown, TRUE);
  g_free (p);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static char *
read_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;
  GError *e = NULL;
  g_file_get_contents (path, &text, NULL, &e);
  g_assert_no_error (e);
  return text;
}

/* Parses DIR/NAME as XML; fails the test if it is not well-formed. */
static Page *
parse_page (const char *dir, const char *name)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autofree char *html = read_file (dir, name);
  Page *p = g_new0 (Page, 1);
  p->stack = g_ptr_array_new_with_free_func (g_free);
  p->text = g_string_new (NULL);
  p->mark = g_string_new (NULL);
  p->marks = g_ptr_array_new_with_free_func (g_free);
  p->folded = g_ptr_array_new_with_free_func (g_free);
  p->shown = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, p, NULL);
  GError *e = NULL;
  g_markup_parse_context_parse (ctx, html, -1, &e);
  g_assert_no_error (e);
  g_markup_parse_context_end_parse (ctx, &e);
  g_assert_no_error (e);
  g_markup_parse_context_free (ctx);
  g_assert_cmpuint (p->stack->len, ==, 0);
  return p;
}

static char *
replace_all (const char *s, const char *from, const char *to)
{
  g_auto (GStrv) parts = g_strsplit (s, from, -1);
  return g_strjoinv (to, parts);
}

/* Markdown text outside code fences, with the report's escapes undone. */
static char *
markdown_prose (const char *md)
{
  GString *out = g_string_new (NULL);
  g_auto (GStrv) lines = g_strsplit (md, "\n", -1);
  gboolean in_code = FALSE;
  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "```"))
        {
          in_code = !in_code;
          continue;
        }
      if (in_code)
        continue;
      for (const char *c = lines[i]; *c; c++)
        {
          if (*c == '`' && strchr (c + 1, '`'))
            {   /* a code span is literal: copied as is */
              const char *close = strchr (c + 1, '`');
              g_string_append_len (out, c + 1, close - c - 1);
              c = close;
              continue;
            }
          if (*c == '\\' && c[1] && strchr ("\\`*_[]|~", c[1]))
            c++;
          else if (*c == '<')
            g_assert_true (g_str_has_prefix (c, "<details>") || g_str_has_prefix (c, "</details>")
                           || g_str_has_prefix (c, "<summary>") || g_str_has_prefix (c, "</summary>"));
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '\n');
    }
  g_assert_false (in_code);
  g_autofree char *s = g_string_free (out, FALSE);
  g_autofree char *lt = replace_all (s, "&lt;", "<");
  g_autofree char *gt = replace_all (lt, "&gt;", ">");
  return replace_all (gt, "&amp;", "&");
}

/* Runs the sink with ${output} = OUT; returns the report directory. */
static char *
run_report (BpDocument *doc, const char *out)
{
  GError *e = NULL;
  g_assert_true (bp_harness_run_stage ("report", NULL, doc, out, &e));
  g_assert_no_error (e);
  return g_build_filename (out, "report", NULL);
}

static void
test_qingshan (void)
{
  g_autoptr (BpDocument) doc = sinkdoc_from_gold (QINGSHAN);
  /* 表3 line 150: 201 一般公共服务支出 11916891.32 as a checked figure. */
  BpFinding *f = bp_document_add_finding (doc, "sum.children", "arithmetic", BP_SEVERITY_ERROR,
                                          150, "t2", "201 一般公共服务支出: children sum to "
                                          "11916892.32, row says 11916891.32");
  bp_finding_set_values (f, "11916892.32", "11916891.32");
  /* Line 630 prints 1538.62 万元: within rounding of 15386196.87 元. */
  f = bp_document_add_finding (doc, "narrative.amount", "narrative", BP_SEVERITY_INFO, 630, NULL,
                               "收支总预算 1538.62 万元 rounds 15386196.87 元");
  bp_finding_set_values (f, "15386196.87", "15386200.00");
  g_autofree char *out = sinkdoc_tmpdir ();
  g_autofree char *dir = run_report (doc, out);

  g_autoptr (Page) page = parse_page (dir, QINGSHAN ".html");
  for (guint i = 0; i < doc->findings->len; i++)
    {
      BpFinding *want = g_ptr_array_index (doc->findings, i);
      g_assert_nonnull (strstr (page->text->str, want->message));
    }
  g_assert_cmpuint (page->shown->len + page->folded->len, ==, doc->findings->len);
  g_assert_cmpuint (page->folded->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (page->folded, 0), ==, "info");
  for (guint i = 0; i < page->shown->len; i++)
    g_assert_cmpstr (g_ptr_array_index (page->shown, i), !=, "info");
  /* The figures are highlighted in their source lines. */
  g_assert_true (g_ptr_array_find_with_equal_func (page->marks, "11916891.32", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (page->marks, "1538.62", g_str_equal, NULL));
  /* Headline figures, and 表2 收入总表 (required) reported missing. */
  g_assert_nonnull (strstr (page->text->str, "15,386,196.87 元"));
  g_assert_nonnull (strstr (page->text->str, "missing ✗income_summary"));
  g_assert_null (strstr (page->text->str, "missing ✗expense_summary"));
  /* Every severity counted, singular where one ("1 info" has no plural). */
  guint n[3] = { 0, 0, 0 };
  for (guint i = 0; i < doc->findings->len; i++)
    n[((BpFinding *) g_ptr_array_index (doc->findings, i))->severity]++;
  g_autofree char *counts = g_strdup_printf ("%u error%s, %u warning%s, %u info",
                                             n[BP_SEVERITY_ERROR], n[BP_SEVERITY_ERROR] == 1 ? "" : "s",
                                             n[BP_SEVERITY_WARNING], n[BP_SEVERITY_WARNING] == 1 ? "" : "s",
                                             n[BP_SEVERITY_INFO]);
  g_assert_nonnull (strstr (page->text->str, counts));

  g_autofree char *md = read_file (dir, QINGSHAN ".md");
  g_autofree char *prose = markdown_prose (md);
  for (guint i = 0; i < doc->findings->len; i++)
    {
      BpFinding *want = g_ptr_array_index (doc->findings, i);
      g_assert_nonnull (strstr (prose, want->message));
    }
  g_assert_nonnull (strstr (md, "▶  150  201\t一般公共服务支出"));
  g_assert_nonnull (strstr (prose, "figure on line 150: **11916891.32**"));
  g_assert_nonnull (strstr (prose, counts));

  g_autoptr (Page) index = parse_page (dir, "index.html");
  g_assert_nonnull (strstr (index->text->str, doc->department));
  g_autofree char *index_md = read_file (dir, "index.md");
  g_assert_nonnull (strstr (index_md, "(" QINGSHAN ".md)"));
  bp_harness_rmtree (out);
}

#define EVIL "<script>alert(\"x&y\")</script>"

static void
test_escaping (void)
{
  const char text[] = "标题 " EVIL "\n部门：<b>某局</b> & 单位\n支出合计\t1,234.50\t`code` **bold** [x](y)\n";
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("evil<&>.txt", text, strlen (text));
  doc->department = g_strdup ("<b>某局</b> & \"单位\"");
  doc->kind = g_strdup ("budget");
  doc->year = 2024;
  BpTable *t = bp_document_add_table (doc, "other", EVIL, 1);
  t->note = g_strdup (EVIL);
  BpFinding *f = bp_document_add_finding (doc, "text.damaged", "text", BP_SEVERITY_WARNING, 1, t->id,
                                          "line holds " EVIL " and `ticks` | pipes");
  bp_finding_set_values (f, "<expected>", "1234.50");
  bp_document_add_finding (doc, "sum.total", "arithmetic", BP_SEVERITY_ERROR, 3, NULL,
                           "total 1,234.50 is wrong & says " EVIL);
  g_autofree char *out = sinkdoc_tmpdir ();
  g_autofree char *dir = run_report (doc, out);

  g_autofree char *html = read_file (dir, "evil<&>.html");
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;"));
  g_autoptr (Page) page = parse_page (dir, "evil<&>.html");
  g_assert_nonnull (strstr (page->text->str, EVIL));     /* shown as text */
  g_assert_nonnull (strstr (page->text->str, "<b>某局</b> & \"单位\""));
  g_assert_nonnull (strstr (page->text->str, "line holds " EVIL " and `ticks` | pipes"));
  g_assert_true (g_ptr_array_find_with_equal_func (page->marks, "1,234.50", g_str_equal, NULL));

  g_autofree char *md = read_file (dir, "evil<&>.md");
  g_autofree char *prose = markdown_prose (md);   /* asserts: no raw HTML in prose */
  g_assert_nonnull (strstr (prose, "line holds " EVIL " and `ticks` | pipes"));
  /* parse_page asserts the index is well-formed; its text shows the
   * department's name as text, its markup escaped. */
  g_autoptr (Page) index = parse_page (dir, "index.html");
  g_assert_nonnull (strstr (index->text->str, "<b>某局</b> & \"单位\""));
  g_autofree char *index_html = read_file (dir, "index.html");
  g_assert_nonnull (strstr (index_html, "href=\"evil%3C%26%3E.html\""));
  bp_harness_rmtree (out);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/qingshan", test_qingshan);
  g_test_add_func ("/report/escaping", test_escaping);
  return g_test_run ();
}
