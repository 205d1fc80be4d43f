/* validate: completeness rules: tables the document should have. */
#include "validate-private.h"

#include <string.h>

static guint
tables_of_type (const BpDocument *doc, const char *type)
{
  guint n = 0;
  for (guint i = 0; i < doc->tables->len; i++)
    n += !g_strcmp0 (((BpTable *) doc->tables->pdata[i])->type, type);
  return n;
}

/* Every table the table of contents lists is in the body. */
static void
check_toc_tables (ValidateRun *run)
{
  int first_table = run->doc->tables->len
                    ? ((BpTable *) run->doc->tables->pdata[0])->line : G_MAXINT;
  for (guint i = 0; i < run->doc->toc->len; i++)
    {
      const BpTocEntry *e = run->doc->toc->pdata[i];
      if (!e->type || g_str_equal (e->type, "other") || tables_of_type (run->doc, e->type))
        continue;
      /* A contents list precedes the tables; "详见…表" later is a reference. */
      if (e->line > first_table || strstr (e->text, "详见"))
        continue;
      BpFinding *f = validate_report (run, BP_SEVERITY_ERROR, e->line, NULL,
                                      "the table of contents lists “%s” (%s) but "
                                      "the body has no such table", e->text, e->type);
      bp_finding_set_values (f, e->type, NULL);
    }
}

static gboolean
toc_lists (const BpDocument *doc, const char *type)
{
  for (guint i = 0; i < doc->toc->len; i++)
    if (!g_strcmp0 (((BpTocEntry *) doc->toc->pdata[i])->type, type))
      return TRUE;
  return FALSE;
}

/* Where the tables should be: the body heading that announces them
 * ("第二部分 …部门决算表"), else the first table, else line 1. */
static int
tables_section_line (const BpDocument *doc)
{
  const char *word = !g_strcmp0 (doc->kind, "final_accounts") ? "决算表" : "预算表";
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      if (l->flags & BP_LINE_TOC || !strstr (l->text, word))
        continue;
      /* The heading may be broken over lines: look back for its start. */
      for (guint back = 0; back <= 3 && back <= i; back++)
        {
          const BpLine *h = bp_document_line (doc, i - back);
          const char *start = h->text + strspn (h->text, " \t");
          if (strstr (start, "部分") && g_str_has_prefix (start, "第"))
            return h->line;
        }
    }
  return doc->tables->len ? ((BpTable *) doc->tables->pdata[0])->line : 1;
}

/* The tables the document's profile requires for its kind exist (those the
 * table of contents lists are reported by toc.tables already). */
static void
check_required_tables (ValidateRun *run)
{
  BpDocument *doc = run->doc;
  if (!doc->kind)
    return;
  const BpProfile *profile = bp_profile_for_document (doc);
  const char *const *required = bp_profile_required_tables (profile, doc->kind);
  g_autoptr (GString) missing = g_string_new (NULL);
  guint n = 0, total = 0;
  for (guint i = 0; required && required[i]; i++, total++)
    if (!tables_of_type (doc, required[i]) && !toc_lists (doc, required[i]))
      {
        g_string_append_printf (missing, "%s%s", n ? ", " : "", required[i]);
        n++;
      }
  if (!n)
    return;
  BpFinding *f = validate_report (run, BP_SEVERITY_WARNING, tables_section_line (doc),
                                  NULL, "%u of the %u tables the %s profile requires "
                                  "for a %s are missing: %s", n, total,
                                  profile->name, doc->kind, missing->str);
  bp_finding_set_values (f, NULL, missing->str);
}

/* An empty table says why ("本部门没有…", "无数据"). */
static void
check_empty_explained (ValidateRun *run)
{
  for (guint i = 0; i < run->doc->tables->len; i++)
    {
      const BpTable *t = run->doc->tables->pdata[i];
      if (t->empty && (!t->note || !*t->note))
        validate_report (run, BP_SEVERITY_WARNING, t->line, t->id,
                         "%s “%s” is empty and does not say why",
                         t->number ? t->number : t->id, t->title ? t->title : "");
    }
}

/* An input with no table at all (an empty file, a text that is no budget
 * disclosure, tables in a layout nothing recognized) gives a document with
 * nothing to check: said as an error so that --fail-on catches it, where
 * otherwise the run would succeed without a single finding. */
static void
check_tables_found (ValidateRun *run)
{
  if (run->doc->tables->len)
    return;
  BpFinding *f = validate_report (run, BP_SEVERITY_ERROR, 1, NULL,
                                  "no budget tables found: the input is empty, "
                                  "not a budget or final-accounts disclosure, or "
                                  "its tables were not recognized");
  bp_finding_set_values (f, "tables", NULL);
}

const ValidateRule validate_completeness_rules[] = {
  { "tables.found", "completeness",
    "The document has at least one budget table", check_tables_found },
  { "toc.tables", "completeness",
    "Every table the table of contents lists is in the body", check_toc_tables },
  { "required.tables", "completeness",
    "The tables the profile requires for the document kind exist",
    check_required_tables },
  { "empty.explained", "completeness",
    "An empty table says why", check_empty_explained },
  { NULL, NULL, NULL, NULL }
};
