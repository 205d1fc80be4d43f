/* Tests of the validate stage: each rule on a real document (negative: the
 * published figures that add up raise nothing) and on the same document with
 * one figure changed (positive: the rule catches it at the right line). */
#include "config.h"

#include <string.h>
#include "tests/harness.h"
#include "validate-private.h"

/* Loads a corpus document, optionally replacing the first occurrence of
 * FROM by TO in its text (a figure changed by hand), and runs the stages
 * up to and including validate. */
static BpDocument *
validated (const char *relpath, const char *from, const char *to)
{
  BpDocument *doc = bp_harness_load_corpus (relpath);
  if (from)
    {
      const char *at = strstr (doc->text, from);
      g_assert_nonnull (at);
      GString *s = g_string_new_len (doc->text, at - doc->text);
      g_string_append (s, to);
      g_string_append (s, at + strlen (from));
      bp_document_set_text (doc, g_string_free (s, FALSE), "UTF-8");
      bp_document_seed_lines (doc);
    }
  static const char *const stages[] = { "tables", "fields", "validate", NULL };
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stages (stages, doc, &error));
  g_assert_no_error (error);
  return doc;
}

/* Number of findings of RULE at LINE (0: any line) of at least SEV. */
static guint
count (const BpDocument *doc, const char *rule, int line, BpSeverity sev)
{
  guint n = 0;
  for (guint i = 0; i < doc->findings->len; i++)
    {
      const BpFinding *f = doc->findings->pdata[i];
      if (g_str_equal (f->rule, rule) && (!line || f->line == line)
          && f->severity >= sev)
        n++;
    }
  return n;
}

static void
dump_findings (const BpDocument *doc)
{
  for (guint i = 0; i < doc->findings->len; i++)
    {
      const BpFinding *f = doc->findings->pdata[i];
      g_test_message ("%s %s L%d %s: %s", f->rule, bp_severity_name (f->severity),
                      f->line, f->table ? f->table : "-", f->message);
    }
}

#define SEED_BUDGET "000_fe5e375999e3baca.txt"
#define SEED_FINAL "004_d9984b4f4bf4cec5.txt"

static void
test_catalogue_documented (void)
{
  g_autofree char *path = bp_harness_srcpath ("docs/rules.md");
  g_autofree char *md = NULL;
  g_assert_true (g_file_get_contents (path, &md, NULL, NULL));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;
  for (guint i = 0; validate_catalogue[i]; i++)
    for (const ValidateRule *r = validate_catalogue[i]; r->id; r++, n++)
      {
        g_autofree char *heading = g_strdup_printf ("`%s`", r->id);
        g_assert_false (g_hash_table_contains (seen, r->id));
        g_hash_table_add (seen, (gpointer) r->id);
        if (!strstr (md, heading))
          g_error ("rule %s is not described in docs/rules.md", r->id);
      }
  g_assert_cmpuint (n, >=, 8);
}

static void
test_sum_children (void)
{
  g_autoptr (BpDocument) clean = validated (SEED_BUDGET, NULL, NULL);
  dump_findings (clean);
  g_assert_cmpuint (count (clean, "sum.children", 0, BP_SEVERITY_WARNING), ==, 0);
  /* 2010301 行政运行 +1 元: its 款 20103 (line 151) no longer adds up. */
  g_autoptr (BpDocument) doc = validated (SEED_BUDGET,
      "2010301\t行政运行\t10298787.32", "2010301\t行政运行\t10298788.32");
  g_assert_cmpuint (count (doc, "sum.children", 151, BP_SEVERITY_ERROR), >=, 1);
}

static void
test_sum_total_wanyuan (void)
{
  g_autoptr (BpDocument) clean = validated (SEED_FINAL, NULL, NULL);
  dump_findings (clean);
  g_assert_cmpuint (count (clean, "sum.total", 0, BP_SEVERITY_WARNING), ==, 0);
  g_assert_cmpuint (count (clean, "sum.children", 0, BP_SEVERITY_WARNING), ==, 0);
  g_assert_cmpuint (count (clean, "formula.rows", 0, BP_SEVERITY_WARNING), ==, 0);
  g_assert_cmpuint (count (clean, "formula.columns", 0, BP_SEVERITY_WARNING), ==, 0);
}

static void
test_performance_share (void)
{
  /* The published 表14 prints last year's shares (88.51%, 11.49%). */
  g_autoptr (BpDocument) doc = validated (SEED_BUDGET, NULL, NULL);
  g_assert_cmpuint (count (doc, "performance.share", 351, BP_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (count (doc, "performance.share", 352, BP_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (count (doc, "performance.share", 348, BP_SEVERITY_WARNING), ==, 0);
}

static void
test_share_envelope (void)
{
  /* 1408.57 / 1538.62 = 91.548%: 91.55% fits, 91.6% does not, 92% does not. */
  g_assert_true (validate_share_consistent (140857, 2, 153862, 2, 9155, 2));
  g_assert_true (validate_share_consistent (140857, 2, 153862, 2, 9150, 1));
  g_assert_false (validate_share_consistent (140857, 2, 153862, 2, 9160, 1));
  g_assert_false (validate_share_consistent (140857, 2, 153862, 2, 8851, 2));
  g_assert_true (validate_share_consistent (100, 0, 300, 0, 3333, 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate/catalogue-documented", test_catalogue_documented);
  g_test_add_func ("/validate/share-envelope", test_share_envelope);
  g_test_add_func ("/validate/arithmetic/sum-children", test_sum_children);
  g_test_add_func ("/validate/arithmetic/wanyuan-final", test_sum_total_wanyuan);
  g_test_add_func ("/validate/arithmetic/performance-share", test_performance_share);
  return g_test_run ();
}
