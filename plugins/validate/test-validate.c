/* Tests of the validate stage: each rule on a real document (negative: the
 * published figures that add up raise nothing) and on the same document with
 * one figure changed (positive: the rule catches it at the right line). */
#include "config.h"

#include <string.h>
#include "tests/harness.h"
#include "validate-private.h"

/* A figure changed by hand: on source line LINE, FROM becomes TO. */
typedef struct {
  int line;
  const char *from, *to;
} Edit;

static void
apply_edits (BpDocument *doc, const Edit *edits)
{
  g_auto (GStrv) lines = g_strsplit (doc->text, "\n", -1);
  for (const Edit *e = edits; e && e->line; e++)
    {
      g_assert_cmpint (e->line, <=, (int) g_strv_length (lines));
      char *at = strstr (lines[e->line - 1], e->from);
      if (!at)
        g_error ("line %d has no “%s”", e->line, e->from);
      GString *l = g_string_new_len (lines[e->line - 1], at - lines[e->line - 1]);
      g_string_append (l, e->to);
      g_string_append (l, at + strlen (e->from));
      g_free (lines[e->line - 1]);
      lines[e->line - 1] = g_string_free (l, FALSE);
    }
  bp_document_set_text (doc, g_strjoinv ("\n", lines), "UTF-8");
  bp_document_seed_lines (doc);
}

/* Loads a corpus document, applies EDITS (NULL: none) and runs the stages up
 * to and including validate. */
static BpDocument *
validated_edits (const char *relpath, const Edit *edits)
{
  BpDocument *doc = bp_harness_load_corpus (relpath);
  if (edits)
    apply_edits (doc, edits);
  static const char *const stages[] = { "tables", "fields", "validate", NULL };
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stages (stages, doc, &error));
  g_assert_no_error (error);
  return doc;
}

static BpDocument *
validated (const char *relpath, const char *from, const char *to)
{
  static const char *const stages[] = { "tables", "fields", "validate", NULL };
  return bp_harness_corpus_through (relpath, stages, from, to);
}

/* The same after the cleanup stage, as the default pipeline reads it. */
static BpDocument *
cleaned_validated (const char *relpath, const char *from, const char *to)
{
  static const char *const stages[] = { "cleanup", "tables", "fields", "validate", NULL };
  return bp_harness_corpus_through (relpath, stages, from, to);
}

/* Number of findings of RULE at LINE (0: any line) of at least SEV. */
static guint
count (const BpDocument *doc, const char *rule, int line, BpSeverity sev)
{
  return bp_harness_count_findings (doc, rule, line, sev);
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

/* fz-gaj-jgzd's 支出预算总表 as published: 20402 公安 (line 12) is 9380.02
 * more than its two 项 in its 合计 and its 项目支出 alike (a sub-item left
 * out): one error, the same difference in the second column an info. A
 * second, different difference in the row is an error of its own. */
static void
test_sum_children_one_defect (void)
{
  const char *path = "layout/fz-gaj-jgzd-2026-expense-summary.txt";
  g_autoptr (BpDocument) doc = validated (path, NULL, NULL);
  dump_findings (doc);
  g_assert_cmpuint (count (doc, "sum.children", 12, BP_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (count (doc, "sum.children", 12, BP_SEVERITY_INFO), ==, 2);
  g_autoptr (BpDocument) changed = validated (path, "22431.07         22431.07",
                                              "22431.07         22441.07");
  g_assert_cmpuint (count (changed, "sum.children", 12, BP_SEVERITY_ERROR), ==, 2);
}

/* Real layout excerpt (tests/corpus/layout/SOURCES.md), Wuxi 基本支出 in
 * 万元: 合计 人员经费 25,530.51 is 0.02 off 301 + 303 (23,647.92 +
 * 1,882.57) but equals the sum of their 18 items; 301 itself is 0.02 off
 * its 12 items, within their rounding. Each level rounded apart: no error.
 * A 合计 off its items as well is one. */
static void
test_sum_total_rounded_by_level (void)
{
  const char *path = "layout/wx-rsj-2026-basic-economic.txt";
  g_autoptr (BpDocument) doc = validated (path, NULL, NULL);
  dump_findings (doc);
  g_assert_cmpuint (count (doc, "sum.total", 0, BP_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count (doc, "sum.total", 0, BP_SEVERITY_INFO), >=, 1);
  g_assert_cmpuint (count (doc, "sum.children", 0, BP_SEVERITY_ERROR), ==, 0);
  g_autoptr (BpDocument) changed = validated (path, "25,530.51", "25,530.71");
  dump_findings (changed);
  g_assert_cmpuint (count (changed, "sum.total", 0, BP_SEVERITY_ERROR), ==, 1);
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
test_cn_number (void)
{
  g_assert_cmpint (validate_cn_number ("三"), ==, 3);
  g_assert_cmpint (validate_cn_number ("十"), ==, 10);
  g_assert_cmpint (validate_cn_number ("十二"), ==, 12);
  g_assert_cmpint (validate_cn_number ("二十三"), ==, 23);
  g_assert_cmpint (validate_cn_number ("二十"), ==, 20);
  g_assert_cmpint (validate_cn_number ("项"), ==, 0);
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
  /* Figures far beyond any budget (a damaged or altered cell) still give
   * the right answer: the products are taken in 128 bits. */
  g_assert_true (validate_share_consistent (400000000000000000, 2,
                                            800000000000000000, 2, 5000, 2));
  g_assert_false (validate_share_consistent (400000000000000000, 2,
                                             800000000000000000, 2, 6000, 2));
  g_assert_true (validate_share_consistent (G_MAXINT64 / 2, 2, G_MAXINT64, 2,
                                            5000, 2));
}


#define SEED_BUDGET_2 "001_99a99fce1cd6da03.txt"
#define SEED_JIANGHAN "002_43945480f961a537.txt"
#define SEED_FINAL_TEXT "003_d6fb263bf47854f3.txt"

/* One rule: it finds the changed (or the published wrong) figure at LINE,
 * and raises nothing on the clean document NEGATIVE. */
typedef struct {
  const char *rule;
  const char *doc;
  Edit edits[3];
  int line;
  const char *negative;
} RuleCase;

static const RuleCase rule_cases[] = {
  { "sum.total", SEED_BUDGET, { { 150, "11916891.32\t10616391.32", "11916991.32\t10616491.32" } },
    149, SEED_FINAL },
  { "columns.total", SEED_BUDGET, { { 152, "10298787.32\t10298787.32", "10298787.32\t10298788.32" } },
    152, SEED_BUDGET },
  { "formula.columns", SEED_FINAL, { { 290, "22.34 21.83", "22.34 21.93" } }, 290, SEED_FINAL },
  { "formula.rows", SEED_FINAL, { { 87, "1 1132.98", "1 1133.98" } }, 115, SEED_FINAL },
  { "summary.balance", SEED_BUDGET, { { 138, "支 出 总 计\t15386196.87", "支 出 总 计\t15386197.87" } },
    138, SEED_BUDGET },
  { "summary.sides", SEED_JIANGHAN, { { 291, "877.92", "887.92" } }, 316, SEED_JIANGHAN },
  { "three_public.identity", SEED_BUDGET, { { 273, "410000.00", "420000.00" } }, 273, SEED_BUDGET },
  { "performance.share", SEED_BUDGET, { { 0 } }, 351, SEED_BUDGET_2 },
  /* The published 表14 of SEED_BUDGET_2: 1375.95 + 85 ≠ 1463.95 (23年). */
  { "performance.total", SEED_BUDGET_2, { { 0 } }, 398, SEED_BUDGET },
  { "performance.total", SEED_BUDGET, { { 352, "194.38", "194.48" } }, 353, SEED_BUDGET },
  { "cross.class_rows", SEED_BUDGET, { { 224, "476,137.92", "486,137.92" } }, 224, SEED_BUDGET },
  { "cross.summary_classes", SEED_BUDGET,
    { { 111, "一般公共服务支出\t11916891.32", "一般公共服务支出\t11916991.32" } }, 111, SEED_BUDGET },
  { "cross.basic_total", SEED_BUDGET, { { 240, "14,085,696.87", "14,085,796.87" } }, 240, SEED_BUDGET },
  { "cross.three_public_economic", SEED_BUDGET, { { 255, "20,000.00\t0.00\t20,000.00",
                                                    "30,000.00\t0.00\t30,000.00" } }, 255, SEED_BUDGET },
  /* 004's 三公 table leaves 公务接待 blank (its sums hold, the text says 0):
   * a 30217 row of 0.50 万元 in the 基本支出表 exceeds that 0. */
  { "cross.three_public_economic", SEED_FINAL, { { 507, "30217 公务接待费", "30217 公务接待费 0.50" } },
    507, SEED_FINAL },
  { "cross.project_total", SEED_BUDGET_2, { { 324, "595,000.00", "596,000.00" } }, 324, SEED_BUDGET_2 },
  { "cross.project_forms", SEED_BUDGET_2, { { 0 } }, 457, SEED_BUDGET },
  { "code.known", SEED_BUDGET, { { 162, "2101199", "2101198" } }, 162, SEED_BUDGET },
  { "name.tables", SEED_BUDGET, { { 162, "2101199", "2101198" },
                                 { 226, "2101199\t其他行政事业单位医疗支出", "2101198\t其他医疗支出" } },
    226, SEED_BUDGET },
  { "name.catalogue", SEED_BUDGET, { { 0 } }, 230, SEED_JIANGHAN },
  /* The published 名词解释 of SEED_JIANGHAN: 其他共产党事务（款）for the
   * 项 its tables list under 20131. */
  { "name.narrative", SEED_JIANGHAN, { { 0 } }, 259, SEED_BUDGET },
  { "name.narrative", SEED_BUDGET, { { 740, "住房改革支出（款）", "住房保障事务（款）" } },
    740, SEED_BUDGET },
  { "toc.tables", SEED_BUDGET, { { 0 } }, 16, SEED_BUDGET_2 },
  { "required.tables", SEED_FINAL_TEXT, { { 0 } }, 103, SEED_BUDGET },
  { "empty.explained", SEED_BUDGET, { { 284, "说明：2023年本部门没有使用政府性基金预算安排的支出", "" } },
    275, SEED_BUDGET },
  { "year.tables", SEED_BUDGET, { { 0 } }, 284, SEED_BUDGET_2 },
  { "unit.magnitude", SEED_BUDGET, { { 146, "单位：元", "单位：万元" } }, 142, SEED_BUDGET },
  { "project.period", SEED_BUDGET_2, { { 0 } }, 515, SEED_BUDGET },
  { "form.department", SEED_BUDGET_2, { { 0 } }, 448, SEED_BUDGET },
  { "department.placeholder", SEED_FINAL, { { 0 } }, 819, SEED_BUDGET },
  { "header.fund", SEED_BUDGET_2, { { 0 } }, 309, SEED_BUDGET },
  { "scope.level", SEED_FINAL_TEXT, { { 0 } }, 1542, SEED_FINAL },
  { "form.project", SEED_FINAL, { { 0 } }, 1520, SEED_FINAL_TEXT },
  /* A 单位预算 with the 部门 wording two published ones kept (sh-pt-sfj,
   * sh-jtzy 2026): "2026年部门预算安排购置车辆". */
  { "unit.self", "thirdparty/sh-pt-shiquan-2026-unit-budget.txt",
    { { 535, "2026年单位预算安排购置车辆", "2026年部门预算安排购置车辆" } }, 535, SEED_BUDGET },
  /* Its 支出预算总表 printed column by column: read row-wise, the columns
   * do not add up on 12 rows; the title line carries the one warning. */
  { "table.unreadable", "thirdparty/sh-pt-wanli-2025-budget.txt", { { 0 } }, 371, SEED_BUDGET },
};

static void
test_rule_case (gconstpointer data)
{
  const RuleCase *c = data;
  g_autoptr (BpDocument) doc = validated_edits (c->doc, c->edits[0].line ? c->edits : NULL);
  if (!count (doc, c->rule, c->line, BP_SEVERITY_WARNING))
    {
      dump_findings (doc);
      g_error ("%s: nothing at line %d of %s", c->rule, c->line, c->doc);
    }
  g_autoptr (BpDocument) clean = validated_edits (c->negative, NULL);
  if (count (clean, c->rule, 0, BP_SEVERITY_WARNING))
    {
      dump_findings (clean);
      g_error ("%s: findings on the clean %s", c->rule, c->negative);
    }
}

/* Arithmetic errors and warnings of DOC (the excerpts lack the other
 * tables, so completeness findings are expected). */
static guint
arithmetic_findings (const BpDocument *doc)
{
  guint n = 0;
  for (guint i = 0; i < doc->findings->len; i++)
    {
      const BpFinding *f = doc->findings->pdata[i];
      n += f->severity >= BP_SEVERITY_WARNING && g_str_equal (f->category, "arithmetic");
    }
  return n;
}

/* Real -layout excerpts (tests/corpus/layout/SOURCES.md): read right, the
 * published table raises nothing; one changed figure is an error. */
static void
test_layout_excerpts (void)
{
  g_autoptr (BpDocument) bj = validated ("layout/bj-czj-2026-three-public.txt", NULL, NULL);
  dump_findings (bj);
  g_assert_cmpuint (arithmetic_findings (bj), ==, 0);
  g_autoptr (BpDocument) bj_changed = validated ("layout/bj-czj-2026-three-public.txt",
                                                 "11.642250", "12.642250");
  g_assert_cmpuint (count (bj_changed, "three_public.identity", 13, BP_SEVERITY_ERROR), >=, 1);

  g_autoptr (BpDocument) xa = validated ("layout/xa-gaj-2026-economic.txt", NULL, NULL);
  dump_findings (xa);
  g_assert_cmpuint (arithmetic_findings (xa), ==, 0);
  /* 30112 其他社会保障缴费 (line 16): its 合计 no longer equals its 人员经费,
   * nor the 301 row (line 8) its items. */
  g_autoptr (BpDocument) xa_changed = validated ("layout/xa-gaj-2026-economic.txt",
      "1,955,945.92", "1,955,955.92");
  dump_findings (xa_changed);
  g_assert_cmpuint (count (xa_changed, "columns.total", 16, BP_SEVERITY_ERROR)
                    + count (xa_changed, "sum.children", 8, BP_SEVERITY_ERROR), >=, 1);
  g_assert_cmpuint (count (xa_changed, "table.unreadable", 0, BP_SEVERITY_WARNING), ==, 0);
}

/* Real -layout 财政拨款收支总表 (tests/corpus/layout/SOURCES.md) whose right
 * side holds an item with no left counterpart (Jiangsu 三、单位预留机动经费)
 * or a right item's figures on a left item's line (Shanghai 二、社会保障和
 * 就业支出, its name wrapped around them): each word goes to the side it
 * stands on, so the sides add up; a changed right figure still does not. */
static void
test_layout_two_sided (void)
{
  static const char *const files[] = { "layout/js-zx-2019-fiscal-summary.txt",
                                       "layout/sh-ckzx-2026-fiscal-summary.txt" };
  static const char *const changed[][2] = { { "1,886.02", "1,896.02" },
                                            { "1,069,600     1,069,600", "1,069,700     1,069,700" } };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (BpDocument) doc = validated (files[i], NULL, NULL);
      dump_findings (doc);
      g_assert_cmpuint (count (doc, "summary.sides", 0, BP_SEVERITY_WARNING), ==, 0);
      g_autoptr (BpDocument) wrong = validated (files[i], changed[i][0], changed[i][1]);
      g_assert_cmpuint (count (wrong, "summary.sides", 0, BP_SEVERITY_ERROR), >=, 1);
    }
}

/* Real plain-text excerpt (tests/corpus/plain/SOURCES.md), Shanghai 支出预算
 * 总表 with empty cells left out and a figure printed away from its row:
 * read right it raises nothing; a changed figure is an error where it is. */
static void
test_plain_uneven_streams (void)
{
  g_autoptr (BpDocument) sh = validated ("plain/sh-ckzx-2026-unit-budget-table3.txt", NULL, NULL);
  dump_findings (sh);
  g_assert_cmpuint (arithmetic_findings (sh), ==, 0);
  /* 2080502 事业单位离退休 (line 75): its 合计 against its 基本支出, and its
   * parent 20805 (line 109) against its items. */
  g_autoptr (BpDocument) leaf = validated ("plain/sh-ckzx-2026-unit-budget-table3.txt",
                                           "80,760", "80,770");
  dump_findings (leaf);
  g_assert_cmpuint (count (leaf, "sum.children", 109, BP_SEVERITY_ERROR), ==, 1);
  /* 208 (line 108): its items and 合计 no longer add up to it. */
  g_autoptr (BpDocument) top = validated ("plain/sh-ckzx-2026-unit-budget-table3.txt",
                                          "2,056,660", "2,056,670");
  dump_findings (top);
  g_assert_cmpuint (count (top, "sum.children", 108, BP_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (count (top, "sum.total", 0, BP_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (count (top, "table.unreadable", 0, BP_SEVERITY_WARNING), ==, 0);
}

/* Real plain text (tests/corpus/plain/SOURCES.md): code digits in 类/款/项
 * columns of their own, read as rows of code 201 with figures 05, 29, 32…
 * in two tables. A code on several rows cannot be paired between tables:
 * no cross.class_rows error (there were 32). */
static void
test_plain_code_digits (void)
{
  g_autoptr (BpDocument) doc = validated ("plain/sh-pt-wanli-2024-budget.txt", NULL, NULL);
  dump_findings (doc);
  g_assert_cmpuint (count (doc, "cross.class_rows", 0, BP_SEVERITY_WARNING), ==, 0);
}

/* Real plain text (tests/corpus/plain/SOURCES.md), cn-xfj: "住房保障（类）
 * 支出 1,055.58 万元" is the 一般公共预算's figure, which its 一般公共预算
 * 支出表 states; plain text prints that table's comparison columns apart
 * and it cannot be read. The 支出总表's 221 (1,111.44, all funds) is the
 * only row read: a difference from it is info, not an error. */
static void
test_plain_class_claim_table_unread (void)
{
  g_autoptr (BpDocument) doc = cleaned_validated ("plain/cn-xfj-2026-class-claim.txt", NULL, NULL);
  dump_findings (doc);
  g_assert_cmpuint (count (doc, "table.unreadable", 0, BP_SEVERITY_WARNING), ==, 1);
  g_assert_cmpuint (count (doc, "narrative.amount", 5, BP_SEVERITY_WARNING), ==, 0);
  g_assert_cmpuint (count (doc, "narrative.amount", 5, BP_SEVERITY_INFO), ==, 1);
}

/* Real plain text (tests/corpus/plain/SOURCES.md), sh-hyjc 一般公共预算支出
 * 功能分类预算表: its 合计 row printed "178,830,483 / 24,328,708 / 合计 /
 * 154,501,775", the label taking the third figure. A 合计 below a row of
 * its own column (173,746,137) is not the table's total: the text's
 * 一般公共预算拨款支出预算17883万元 (line 5) is not compared with it (the
 * excerpt lacks the other tables: 收入预算 lines 2, 4 meet only this one). */
static void
test_plain_total_below_rows (void)
{
  g_autoptr (BpDocument) doc = cleaned_validated ("plain/sh-hyjc-2026-unit-budget-table5.txt",
                                                  NULL, NULL);
  dump_findings (doc);
  g_assert_cmpuint (count (doc, "narrative.amount", 5, BP_SEVERITY_WARNING), ==, 0);
}

/* FIELD of DOC, read from a table, in fen. */
static gint64
table_field (const BpDocument *doc, const char *key)
{
  const BpField *f = bp_document_get_field (doc, key);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->source, ==, "table");
  return f->value;
}

/* Jiangsu's “三公”经费、会议费、培训费 table (layout): 合计 | 三公 小计 |
 * 出国 | 车 (小计 | 购置 | 运行) | 接待 | 会议费 | 培训费, the empty 购置费
 * dropped. Read right it raises nothing and gives the 三公 小计 as
 * three_public.total; a changed 会议费 breaks the leading 合计. */
static void
test_three_public_meetings (void)
{
  const char *path = "layout/js-fy-2018-three-public.txt";
  g_autoptr (BpDocument) js = validated (path, NULL, NULL);
  dump_findings (js);
  g_assert_cmpuint (arithmetic_findings (js), ==, 0);
  g_assert_cmpint (table_field (js, "three_public.total"), ==, 620750000);
  g_assert_cmpint (table_field (js, "three_public.overseas"), ==, 170000000);
  g_assert_cmpint (table_field (js, "three_public.vehicle_operation"), ==, 266800000);
  g_assert_cmpint (table_field (js, "three_public.reception"), ==, 183950000);
  g_autoptr (BpDocument) changed = validated (path, "271.26", "281.26");
  g_assert_cmpuint (count (changed, "three_public.identity", 9, BP_SEVERITY_ERROR), >=, 1);
  g_autoptr (BpDocument) car = validated (path, "183.95", "193.95");
  g_assert_cmpuint (count (car, "three_public.identity", 9, BP_SEVERITY_ERROR), >=, 1);
}

static void
test_three_public_row_of_counts (void)
{
  g_autoptr (BpDocument) doc = validated ("plain/xa-zrzy-2022-budget-table13.txt", NULL, NULL);
  g_assert_cmpuint (count (doc, "three_public.identity", 0, BP_SEVERITY_ERROR), ==, 0);
}

/* The same Jiangsu table as the pdf stage writes it (tab-separated, the
 * empty 购置费 column kept): 合计 | 小计 | 因公出国 …, the 三公 headings
 * over the 小计 printed on a line of their own. The 小计 is the 三公 total,
 * the 合计 that of 三公 + 会议费 + 培训费: no identity error, and a changed
 * 会议费 breaks the 合计. */
static void
test_three_public_group_subtotal (void)
{
  const char *path = "pdf-lines/js-zx-2019-three-public.txt";
  g_autoptr (BpDocument) js = validated (path, NULL, NULL);
  dump_findings (js);
  g_assert_cmpuint (count (js, "three_public.identity", 0, BP_SEVERITY_WARNING), ==, 0);
  g_assert_cmpint (table_field (js, "three_public.total"), ==, 660100000);
  g_assert_cmpint (table_field (js, "three_public.overseas"), ==, 106000000);
  g_assert_cmpint (table_field (js, "three_public.vehicle"), ==, 156600000);
  g_assert_cmpint (table_field (js, "three_public.vehicle_operation"), ==, 156600000);
  g_assert_cmpint (table_field (js, "three_public.reception"), ==, 397500000);
  g_autoptr (BpDocument) changed = validated (path, "1,282.56", "1,292.56");
  g_assert_cmpuint (count (changed, "three_public.identity", 12, BP_SEVERITY_ERROR), >=, 1);
}

/* RELPATH through cleanup to validate; YEAR (0: none) the fiscal year the
 * whole document's title gives, where the excerpt lacks it. */
static BpDocument *
cleaned_validated_in_year (const char *relpath, int year)
{
  static const char *const stages[] = { "cleanup", "tables", "fields", "validate", NULL };
  BpDocument *doc = bp_harness_load_corpus (relpath);
  doc->year = year;
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stages (stages, doc, &error));
  g_assert_no_error (error);
  return doc;
}

/* Shenzhen's 三公 table gives a row per year (2025年 | 2026年 | 增减变化金额):
 * the fields are the fiscal year's row (2026: the document's title, not
 * in the excerpt), not the first; a year no row is gives none. */
static void
test_three_public_year_rows (void)
{
  const char *path = "pdf-lines/sz-tjj-2026-three-public.txt";
  g_autoptr (BpDocument) sz = cleaned_validated_in_year (path, 2026);
  dump_findings (sz);
  g_assert_cmpint (table_field (sz, "three_public.overseas"), ==, 16800000);
  g_assert_cmpint (table_field (sz, "three_public.reception"), ==, 11560000);
  g_assert_cmpint (bp_document_get_field (sz, "three_public.overseas")->line, ==, 10);
  g_autoptr (BpDocument) other = cleaned_validated_in_year (path, 2024);
  g_assert_null (bp_document_get_field (other, "three_public.overseas"));
}

/* Chongqing's 三公 table prints 2025年预算数 and 2026年预算数 side by
 * side, each group opening with its 合计: the fields are the fiscal
 * year's group. */
static void
test_three_public_year_groups (void)
{
  g_autoptr (BpDocument) cq = cleaned_validated_in_year ("pdf-lines/cq-zfbgt-2026-three-public.txt", 0);
  dump_findings (cq);
  g_assert_cmpint (cq->year, ==, 2026);
  g_assert_cmpint (table_field (cq, "three_public.total"), ==, 394490000);
  g_assert_cmpint (table_field (cq, "three_public.vehicle"), ==, 200000000);
  g_assert_cmpint (table_field (cq, "three_public.overseas"), ==, 184490000);
  g_assert_cmpint (table_field (cq, "three_public.reception"), ==, 10000000);
}

/* Hangzhou's 表3, 表6 and 表7 as the pdf stage writes them: a 栏次 row
 * (** | 1 | 2 …) under each header, 基本支出 printed over 人员支出 |
 * 日常公用支出 with no column of its own, 日常公用支出 for 公用经费. The
 * 三公 items are read whatever their column numbers; expense.basic is not
 * the 人员支出 figure under the 基本支出 heading; 公用经费 is 日常公用支出. */
static void
test_hangzhou_tables (void)
{
  g_autoptr (BpDocument) hz = cleaned_validated_in_year ("pdf-lines/hz-qxj-2026-tables.txt", 2026);
  dump_findings (hz);
  g_assert_cmpint (table_field (hz, "three_public.total"), ==, 24020000);
  g_assert_cmpint (table_field (hz, "three_public.vehicle"), ==, 18000000);
  g_assert_cmpint (table_field (hz, "three_public.vehicle_operation"), ==, 18000000);
  g_assert_cmpint (table_field (hz, "three_public.reception"), ==, 6020000);
  g_assert_cmpint (table_field (hz, "expense.personnel"), ==, 2906800000);
  g_assert_cmpint (table_field (hz, "expense.public"), ==, 838270000);
  g_assert_cmpint (table_field (hz, "expense.project"), ==, 2131610000);
  const BpField *basic = bp_document_get_field (hz, "expense.basic");
  g_assert_true (!basic || basic->value != 2906800000);
}

/* Shenzhen's 支出总表 as the pdf stage writes it: no 合计 row, the unit's
 * own row first, its whole headed 支出总计: 基本支出 | 项目支出 are read
 * (they add up to it). */
static void
test_expense_total_headed_zongji (void)
{
  g_autoptr (BpDocument) sz = cleaned_validated_in_year ("pdf-lines/sz-tjj-2026-expense.txt", 2026);
  dump_findings (sz);
  g_assert_cmpint (table_field (sz, "expense.basic"), ==, 4104000000);
  g_assert_cmpint (table_field (sz, "expense.project"), ==, 1313800000);
}

/* Fuzhou's 三公 table printed as a list, one item a line (项目 | 预算数):
 * one row of six figures, every 三公 field from it, no error; a changed
 * item breaks the identity. */
static void
test_three_public_list (void)
{
  const char *path = "layout/fz-gaj-jgzd-2026-three-public.txt";
  g_autoptr (BpDocument) fz = validated (path, NULL, NULL);
  dump_findings (fz);
  g_assert_cmpuint (arithmetic_findings (fz), ==, 0);
  g_assert_cmpint (table_field (fz, "three_public.total"), ==, 1354680000);
  g_assert_cmpint (table_field (fz, "three_public.overseas"), ==, 5380000);
  g_assert_cmpint (table_field (fz, "three_public.reception"), ==, 14090000);
  g_assert_cmpint (table_field (fz, "three_public.vehicle"), ==, 1335210000);
  g_assert_cmpint (table_field (fz, "three_public.vehicle_purchase"), ==, 221040000);
  g_assert_cmpint (table_field (fz, "three_public.vehicle_operation"), ==, 1114170000);
  g_autoptr (BpDocument) changed = validated (path, "14.09", "15.09");
  g_assert_cmpuint (count (changed, "three_public.identity", 0, BP_SEVERITY_ERROR), >=, 1);
}

/* Plain pdftotext prints the one-row 三公 table's figures one per line
 * between heading fragments (Beijing 预算09表): they are one row. */
static void
test_three_public_plain (void)
{
  const char *path = "plain/bj-fgw-2026-three-public.txt";
  g_autoptr (BpDocument) bj = validated (path, NULL, NULL);
  dump_findings (bj);
  g_assert_cmpuint (arithmetic_findings (bj), ==, 0);
  g_assert_cmpint (table_field (bj, "three_public.total"), ==, 247138364);
  g_assert_cmpint (table_field (bj, "three_public.overseas"), ==, 142200000);
  g_assert_cmpint (table_field (bj, "three_public.reception"), ==, 17808364);
  g_assert_cmpint (table_field (bj, "three_public.vehicle_purchase"), ==, 18690000);
  g_autoptr (BpDocument) changed = validated (path, "68.440000", "69.440000");
  dump_findings (changed);
  g_assert_cmpuint (count (changed, "three_public.identity", 0, BP_SEVERITY_WARNING)
                    + count (changed, "table.unreadable", 0, BP_SEVERITY_WARNING), >=, 1);
}

/* Xi'an's 三公 table by unit and by year (上年 | 当年 | 增减, 16 figure
 * columns): the form's 9 columns cannot hold a row, so one table.unreadable
 * warning, no identity error and no three_public field from it. */
static void
test_three_public_unplaced (void)
{
  g_autoptr (BpDocument) xa = validated ("layout/xa-gaj-2026-three-public.txt", NULL, NULL);
  dump_findings (xa);
  g_assert_cmpuint (count (xa, "table.unreadable", 0, BP_SEVERITY_WARNING), ==, 1);
  g_assert_cmpuint (count (xa, "three_public.identity", 0, BP_SEVERITY_ERROR), ==, 0);
  const BpField *f = bp_document_get_field (xa, "three_public.total");
  g_assert_true (!f || g_strcmp0 (f->source, "table") != 0);
}

/* Issue 15, headers read by position (tests/corpus/layout/SOURCES.md):
 * each excerpt raises no arithmetic finding as published, and one changed
 * figure is an error at its line. */
static void
test_layout_header_shapes (void)
{
  /* Xi'an 表2: 合计 | 一般公共预算拨款 (小计 | 其中：专项资金) | 政府性基金
   * …; the heading printed between 小计 and 其中 is no column, 其中 no part
   * of 合计. Line 16: 116003's 合计 changed. */
  g_autoptr (BpDocument) xa = validated ("layout/xa-czj-2026-income-by-unit.txt", NULL, NULL);
  dump_findings (xa);
  g_assert_cmpuint (arithmetic_findings (xa), ==, 0);
  g_autoptr (BpDocument) xa_changed = validated ("layout/xa-czj-2026-income-by-unit.txt",
      "33,443,514.04   33,443,514.04", "33,443,524.04   33,443,514.04");
  dump_findings (xa_changed);
  g_assert_cmpuint (count (xa_changed, "columns.total", 16, BP_SEVERITY_ERROR), ==, 1);

  /* Xi'an 表6: a one-line header printed again over the next page at
   * other widths; 31007 (line 40) stands under that page's 专项业务经费. */
  g_autoptr (BpDocument) spj = validated ("layout/xa-spj-2025-economic.txt", NULL, NULL);
  dump_findings (spj);
  g_assert_cmpuint (arithmetic_findings (spj), ==, 0);
  g_autoptr (BpDocument) spj_changed = validated ("layout/xa-spj-2025-economic.txt",
      "11,815,120.00                       11,815,120.00",
      "11,815,120.00                       11,815,130.00");
  dump_findings (spj_changed);
  g_assert_cmpuint (count (spj_changed, "columns.total", 40, BP_SEVERITY_ERROR), ==, 1);

  /* Shenzhen 支出总表: 2026年政府采购项目 (小计 | 其中…) across the
   * columns, not a part of 支出总计; line 31: 2080501's 基本支出 changed. */
  g_autoptr (BpDocument) sz = validated ("layout/sz-cgj-2026-expense-summary.txt", NULL, NULL);
  dump_findings (sz);
  g_assert_cmpuint (count (sz, "columns.total", 0, BP_SEVERITY_INFO), ==, 0);
  g_assert_cmpuint (count (sz, "table.unreadable", 0, BP_SEVERITY_WARNING), ==, 0);
  g_autoptr (BpDocument) sz_changed = validated ("layout/sz-cgj-2026-expense-summary.txt",
      "285.84     285.84", "285.84     285.94");
  dump_findings (sz_changed);
  g_assert_cmpuint (count (sz_changed, "columns.total", 31, BP_SEVERITY_ERROR), ==, 1);

  /* Hangzhou 表5: "合       计", 小计 | 人员经费 | 日常公用支出 under
   * 基本支出 over a "1 2 3" line: 行政运行 (line 24) 2,617.19 is 基本支出,
   * 1,907.01 人员经费, 710.18 公用经费. */
  g_autoptr (BpDocument) hz = validated ("layout/hz-qxj-2026-general-budget.txt", NULL, NULL);
  dump_findings (hz);
  g_assert_cmpuint (arithmetic_findings (hz), ==, 0);
  const BpTable *ht = hz->tables->pdata[0];
  static const char *const hz_cells[][2] = {
    { "合计", "2,617.19" }, { "基本支出", "2,617.19" }, { "人员经费", "1,907.01" },
    { "公用经费", "710.18" }, { "项目支出", "" } };
  for (guint i = 0; i < ht->rows->len; i++)
    {
      const BpRow *r = ht->rows->pdata[i];
      if (r->line != 24)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (hz_cells); k++)
        {
          int c = bp_table_find_column (ht, hz_cells[k][0]);
          g_assert_cmpint (c, >=, 0);
          g_assert_cmpstr (bp_row_cell (r, c) ? bp_row_cell (r, c) : "", ==, hz_cells[k][1]);
        }
    }

  /* Xi'an 公开04表: "568,051.63 568,051.63" stands under 合计 and
   * 政府性基金预算, not 一般公共预算 (line 31). */
  g_autoptr (BpDocument) wjw = cleaned_validated ("layout/xa-wjw-2022-fiscal-summary.txt",
                                                  NULL, NULL);
  dump_findings (wjw);
  g_assert_cmpuint (arithmetic_findings (wjw), ==, 0);
  const BpTable *t = wjw->tables->pdata[0];
  int fund = bp_table_find_column (t, "政府性基金预算");
  g_assert_cmpint (fund, >=, 0);
  gboolean found = FALSE;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      if (r->line != 31)
        continue;
      found = TRUE;
      g_assert_cmpstr (bp_row_cell (r, fund), ==, "568,051.63");
    }
  g_assert_true (found);
}

/* Chongqing 表五 (tests/corpus/layout/SOURCES.md): the 合计 row's figures
 * split over a staircase of lines, whole parts too ("1" / "92," / "446" /
 * ".79"), each read whole and under its own column. */
static void
test_layout_split_whole_parts (void)
{
  g_autoptr (BpDocument) cq = cleaned_validated ("layout/cq-jxw-2026-general-budget-page.txt",
                                                 NULL, NULL);
  const BpTable *t = cq->tables->pdata[0];
  static const char *const want[][2] = {
    { "合计", "192,446.79" }, { "基本支出", "43,908.70" }, { "人员经费", "30,347.83" },
    { "公用经费", "13,560.87" }, { "项目支出", "148,538.09" } };
  const BpRow *r = t->rows->pdata[0];
  g_assert_cmpint (r->line, ==, 10);
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      int c = bp_table_find_column (t, want[k][0]);
      g_assert_cmpint (c, >=, 0);
      g_assert_cmpstr (bp_row_cell (r, c), ==, want[k][1]);
    }
}

/* An empty input and a text that is no budget: one tables.found error at
 * line 1 (the reproducers of issue 19); a budget: none. */
static void
test_tables_found (void)
{
  static const char *const inputs[] = { "", "Shopping list\nmilk 2\neggs 12\n" };
  static const char *const stages[] = { "cleanup", "tables", "fields", "validate", NULL };
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("none.txt", inputs[i],
                                                               strlen (inputs[i]));
      g_autoptr (GError) error = NULL;
      g_assert_true (bp_harness_run_stages (stages, doc, &error));
      g_assert_cmpuint (count (doc, "tables.found", 1, BP_SEVERITY_ERROR), ==, 1);
    }
  g_autoptr (BpDocument) budget = validated_edits (SEED_BUDGET, NULL);
  g_assert_cmpuint (count (budget, "tables.found", 0, BP_SEVERITY_INFO), ==, 0);
}

/* Every rule of the catalogue has a case here or a test of its own. */
static void
test_every_rule_tested (void)
{
  static const char *const own[] = { "sum.children", "tables.found", "list.subtotals",
                                     "units.children", NULL };
  for (guint i = 0; validate_catalogue[i]; i++)
    for (const ValidateRule *r = validate_catalogue[i]; r->id; r++)
      {
        gboolean found = g_strv_contains (own, r->id) || g_str_equal (r->category, "narrative");
        for (guint k = 0; k < G_N_ELEMENTS (rule_cases); k++)
          found |= g_str_equal (rule_cases[k].rule, r->id);
        if (!found)
          g_error ("rule %s has no test case", r->id);
      }
}

/* Real layout excerpt (tests/corpus/layout/SOURCES.md): a Xi'an 政府采购预算表
 * whose items are under their unit and units under their funding group, the
 * nesting shown by nothing but the figures, names wrapped over three lines.
 * As published it nests; a changed item or subtotal no longer does. */
static void
test_list_subtotals (void)
{
  const char *xa = "layout/xa-spj-2025-procurement.txt";
  g_autoptr (BpDocument) clean = validated (xa, NULL, NULL);
  dump_findings (clean);
  g_assert_cmpuint (count (clean, "list.subtotals", 0, BP_SEVERITY_WARNING), ==, 0);
  /* 政务大厅绿植养护项目 (line 48) +10 元. */
  g_autoptr (BpDocument) item = validated (xa, "297,800.00", "297,810.00");
  dump_findings (item);
  g_assert_cmpuint (count (item, "list.subtotals", 11, BP_SEVERITY_WARNING), ==, 1);
  /* The unit 122001 under 201 03 01 (line 13) +10 元: its two items and
   * its group no longer agree with it. */
  g_autoptr (BpDocument) unit = validated (xa, "350,000.00", "350,010.00");
  g_assert_cmpuint (count (unit, "list.subtotals", 11, BP_SEVERITY_WARNING), ==, 1);
}

/* Real layout excerpt (tests/corpus/layout/SOURCES.md): a Xi'an 政府采购预算表
 * of 174 figures where many units hold one purchase, so unit and purchase
 * print the same figure and either could be the subtotal. The search over
 * readings ran out of steps on it and left it unjudged whatever the
 * figures; the least top sum, with rows naming a catalogue item (C0399…,
 * A02030501…) read as purchases, decides it. */
static void
test_list_subtotals_equal_figures (void)
{
  const char *xa = "layout/xa-sthj-2022-procurement.txt";
  g_autoptr (BpDocument) clean = validated (xa, NULL, NULL);
  dump_findings (clean);
  g_assert_cmpuint (count (clean, "list.subtotals", 0, BP_SEVERITY_WARNING), ==, 0);
  /* 环保内网网络专线 (line 183) +10 元. */
  g_autoptr (BpDocument) item = validated (xa, "174000.00", "174010.00");
  dump_findings (item);
  g_assert_cmpuint (count (item, "list.subtotals", 11, BP_SEVERITY_WARNING), ==, 1);
  /* The 全额 subtotal of 211 01 02 (line 12) +10 元. */
  g_autoptr (BpDocument) group = validated (xa, "1184500.00", "1184510.00");
  g_assert_cmpuint (count (group, "list.subtotals", 11, BP_SEVERITY_WARNING), ==, 1);
}

/* Real layout excerpt (tests/corpus/layout/SOURCES.md): a Xi'an 政府采购预算表
 * in 万元 over eleven pages, each page's title and header lines read as a
 * small table of their own ("购买服 | 经济科目编码") between the pages'
 * rows. The list is the pages together: read as the first page only, its
 * 11 figures did not add up to 合计 (a false warning) and a figure changed
 * on a later page went unseen. */
static void
test_list_subtotals_over_pages (void)
{
  const char *xa = "layout/xa-jtj-2022-procurement.txt";
  g_autoptr (BpDocument) clean = validated (xa, NULL, NULL);
  dump_findings (clean);
  g_assert_cmpuint (count (clean, "list.subtotals", 0, BP_SEVERITY_WARNING), ==, 0);
  /* 办公楼运行维护费, the last row (line 472), +10 万元. */
  g_autoptr (BpDocument) last = validated (xa, "30.14", "40.14");
  dump_findings (last);
  g_assert_cmpuint (count (last, "list.subtotals", 14, BP_SEVERITY_WARNING), ==, 1);
}

/* Real layout excerpt (tests/corpus/layout/SOURCES.md): a Wuxi 收入总表 by
 * unit, the department's row (113) above its two units (113001, 113002). */
static void
test_units_children (void)
{
  const char *wx = "layout/wx-xfj-2025-income-by-unit.txt";
  g_autoptr (BpDocument) clean = validated (wx, NULL, NULL);
  dump_findings (clean);
  g_assert_cmpuint (count (clean, "units.children", 0, BP_SEVERITY_WARNING), ==, 0);
  /* The department's 合计 (line 13) +10 万元: its units add up to less. */
  g_autoptr (BpDocument) doc = validated (wx, "无锡市信访局        2,867.94",
                                          "无锡市信访局        2,877.94");
  dump_findings (doc);
  g_assert_cmpuint (count (doc, "units.children", 13, BP_SEVERITY_ERROR), ==, 1);
}

static void
test_sum_beyond_int64 (void)
{
  /* 000's 2010350 事业运行 (line 154) printed as the largest figure that
   * parses: the sum of 20103's sub-items no longer fits int64 (UBSan:
   * signed integer overflow). It is summed exactly and reported. */
  g_autoptr (BpDocument) doc = validated (SEED_BUDGET, "2010350\t事业运行\t317604.00",
                                          "2010350\t事业运行\t92233720368547758.07");
  g_assert_cmpuint (count (doc, "sum.children", 151, BP_SEVERITY_ERROR), ==, 1);
}

static void
test_long_summary_row (void)
{
  /* shiquan's 收支总表 total row (line 183, space-separated PDF text) with
   * 20000 more figures after it, and 支出总计 one 元 off. Each figure's
   * label was looked up by rescanning the row, and each claim split the
   * whole line again: minutes, now milliseconds. */
  static const char *const row =
    "收入总计 76,306,134 支出总计 76,306,134 23,057,828 3,860,162 49,388,144 ";
  g_autoptr (GString) longer = g_string_new ("收入总计 76,306,134 支出总计 76,306,135 "
                                             "23,057,828 3,860,162 49,388,144 ");
  for (guint i = 0; i < 20000; i++)
    g_string_append (longer, " 1.00");
  static const char *const stages[] = { "cleanup", "tables", "fields", NULL };
  g_autoptr (BpDocument) doc = bp_harness_corpus_through (
      "thirdparty/sh-pt-shiquan-2026-unit-budget.txt", stages, row, longer->str);
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stage ("validate", NULL, doc, NULL, &error));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
  g_assert_cmpuint (count (doc, "summary.balance", 183, BP_SEVERITY_ERROR), ==, 1);
}

static void
test_disable_option (void)
{
  g_autoptr (BpDocument) doc = bp_harness_load_corpus (SEED_BUDGET);
  static const char *const stages[] = { "tables", "fields", NULL };
  g_assert_true (bp_harness_run_stages (stages, doc, NULL));
  const char *const opts[] = { "disable", "performance.share;metadata", NULL };
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stage ("validate", opts, doc, NULL, &error));
  g_assert_cmpuint (count (doc, "performance.share", 0, BP_SEVERITY_INFO), ==, 0);
  g_assert_cmpuint (count (doc, "year.tables", 0, BP_SEVERITY_INFO), ==, 0);
  g_assert_cmpuint (count (doc, "toc.tables", 16, BP_SEVERITY_ERROR), ==, 1);
  /* An unknown name is an error naming the catalogue. */
  const char *const bad[] = { "disable", "no.such.rule", NULL };
  g_assert_false (bp_harness_run_stage ("validate", bad, doc, NULL, &error) && !error);
}

/* sh-pt-sfj unit budget (-layout): 30217 公务接待费 7,315.00 元 in the
 * 基本支出表, 公务接待费 0.73 万元 in the “三公” table. 0.73 万元 is any
 * figure from 7,250 to 7,350 元: no cross.three_public_economic; 0.70 万元
 * (the total 10.68 with it) is less than the 7,315.00. */
static void
test_three_public_rounding (void)
{
  static const char text[] =
      "          2026年预算单位一般公共预算基本支出部门预算经济分类预算表\n"
      "编制单位：上海市普陀区司法局                                                         单位：元\n"
      "\n"
      "                      项目                        一般公共预算基本支出\n"
      " 经济分类科目编码\n"
      "                        部门经济分类科目名称      合计            人员经费           公用经费\n"
      "  类     款\n"
      "  301        工资福利支出                  19,806,781.00   19,806,781.00          0.00\n"
      "  301   01   基本工资                     2,486,040.00    2,486,040.00          0.00\n"
      "\n"
      "  301   02   津贴补贴                    11,106,477.00   11,106,477.00          0.00\n"
      "  301   08   机关事业单位基本养老保险缴费           1,572,307.00    1,572,307.00          0.00\n"
      "  301   09   职业年金缴费                     786,150.00      786,150.00          0.00\n"
      "  301   10   职工基本医疗保险缴费                 982,692.00      982,692.00          0.00\n"
      "  301   12   其他社会保障缴费                    25,540.00       25,540.00          0.00\n"
      "  301   13   住房公积金                    1,791,459.00    1,791,459.00          0.00\n"
      "  301   99   其他工资福利支出                 1,056,116.00    1,056,116.00          0.00\n"
      "  302        商品和服务支出                  1,831,480.34            0.00   1,831,480.34\n"
      "  302   01   办公费                         90,000.00            0.00     90,000.00\n"
      "  302   02   印刷费                         20,000.00            0.00     20,000.00\n"
      "  302   04   手续费                           260.00             0.00        260.00\n"
      "  302   07   邮电费                       120,000.00             0.00    120,000.00\n"
      "302   11   差旅费              90,000.00             0.00     90,000.00\n"
      "302   13   维修(护)费           40,000.00             0.00     40,000.00\n"
      "302   15   会议费                5,000.00            0.00       5,000.00\n"
      "302   16   培训费              11,000.00             0.00     11,000.00\n"
      "302   17   公务接待费              7,315.00            0.00       7,315.00\n"
      "302   26   劳务费              30,000.00             0.00     30,000.00\n"
      "302   27   委托业务费            25,200.00             0.00     25,200.00\n"
      "302   28   工会经费            227,810.34             0.00    227,810.34\n"
      "302   31   公务用车运行维护费        99,750.00             0.00     99,750.00\n"
      "302   39   其他交通费用          425,080.00             0.00    425,080.00\n"
      "302   99   其他商品和服务支出       640,065.00             0.00    640,065.00\n"
      "303        对个人和家庭的补助       466,200.00      466,200.00            0.00\n"
      "303   02   退休费             466,200.00      466,200.00            0.00\n"
      "310        资本性支出            14,400.00             0.00     14,400.00\n"
      "310   02   办公设备购置           14,400.00             0.00     14,400.00\n"
      "                    合计   22,118,861.34   20,272,981.00   1,845,880.34\n"
      "                     2026年单位“三公”经费和机关运行经费预算表\n"
      "编制单位：上海市普陀区司法局                                                                   单位:万元\n"
      "\n"
      "                               “三公”经费预算数\n"
      "                                                                              机关运行经费预算\n"
      "                                                公务用车购置及运行费\n"
      "                                                                                  数\n"
      "   合计           因公出国(境)费     公务接待费\n"
      "                                        小计          购置费          运行费\n"
      "\n"
      "\n"
      "\n"
      "        10.71         0.00       0.73        9.98         0.00         9.98        184.59\n"
      "                              其他相关情况说明\n";
  /* the district's stage reads its 基本支出表's economic rows */
  static const char *const stages[] = { "cleanup", "tables", "fields", "putuo", "validate", NULL };
  for (int changed = 0; changed <= 1; changed++)
    {
      g_autoptr (GString) s = g_string_new (text);
      if (changed)
        g_assert_cmpuint (g_string_replace (s, "10.71         0.00       0.73",
                                           "10.68         0.00       0.70", 1), ==, 1);
      g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("sfj.txt", s->str, s->len);
      g_autoptr (GError) error = NULL;
      g_assert_true (bp_harness_run_stages (stages, doc, &error));
      g_assert_cmpuint (count (doc, "cross.three_public_economic", 0, BP_SEVERITY_WARNING),
                        ==, changed);
    }
}

/* sz-swj (-layout): the 收支总表's 教育支出 141.71 is the department's; the
 * 支出总表 lists the department, then each 预算单位 with its own 类 rows
 * (本级 205 教育支出 53.60, 东江水源工程管理处 205 30.00, …). No one of
 * those rows is the department's class: no cross.summary_classes. */
static void
test_summary_classes_by_unit (void)
{
  static const char text[] =
      "表1\n"
      "\n"
      "                                                收支总表\n"
      "部门名称：深圳市水务局                                                                                      单位：万元\n"
      "\n"
      "                      收   入                                                  支   出\n"
      "\n"
      "              项   目           2026 年预算数                             项   目            2026 年预算数\n"
      "\n"
      "一、财政拨款                                    857,510.70   一、教育支出                                       141.71\n"
      "\n"
      " 1.一般公共预算拨款                               723,488.70    进修及培训                                       141.71\n"
      "\n"
      " 2.政府性基金预算拨款                              134,022.00      培训支出                                      141.71\n"
      "\n"
      " 3.国有资本经营预算拨款                                   0.00   二、社会保障和就业支出                                6,173.19\n"
      "\n"
      "二、财政专户管理资金                                      0.00    行政事业单位养老支出                                6,162.67\n"
      "\n"
      "三、单位资金                                          0.00      行政单位离退休                                   625.65\n"
      "\n"
      " 1.事业收入                                         0.00      事业单位离退休                                 1,204.96\n"
      "\n"
      " 2.事业单位经营收入                                     0.00      机关事业单位基本养老保险缴费支出                        2,955.15\n"
      "\n"
      " 3.上级补助收入                                       0.00      机关事业单位职业年金缴费支出                          1,376.90\n"
      "\n"
      " 4.附属单位上缴收入                                     0.00    抚恤                                           10.52\n"
      "\n"
      " 5.其他收入                                         0.00      死亡抚恤                                       10.52\n"
      "\n"
      "                                                       三、卫生健康支出                                   1,223.41\n"
      "表3\n"
      "\n"
      "                                                            支出总表\n"
      "部门名称：深圳市水务局                                                                                                                              单位：万元\n"
      "\n"
      "                                                                                                                      2026 年政府采购项目\n"
      "                                                                                                                                        其中：2026 年\n"
      "                                                                                                                          其中：2026 年\n"
      "                                                                               事业单位      对附属单位                                          政府采购项目\n"
      "        预算单位        科目编码       科目名称      支出总计         基本支出        项目支出                             上缴上级支出                 政府采购项目\n"
      "                                                                               经营支出      补助支出                                           中预留给小\n"
      "                                                                                                              小计           中预留给\n"
      "                                                                                                                                        型、微型企业\n"
      "                                                                                                                          中小企业的项\n"
      "                                                                                                                                        的项目资金规\n"
      "                                                                                                                          目资金规模\n"
      "                                                                                                                                           模\n"
      "深圳市水务局                                   857,808.76   46,138.79   811,669.97      0.00      0.00       0.00   62,615.54     14,163.07      2,495.15\n"
      "\n"
      "     深圳市水务局（本级）                          178,214.28    7,823.97   170,390.31      0.00      0.00       0.00    7,954.24      1,689.98        629.23\n"
      "\n"
      "                  205       教育支出              53.60       0.00         53.60      0.00      0.00       0.00        0.00          0.00          0.00\n"
      "\n"
      "                  20508     进修及培训             53.60       0.00         53.60      0.00      0.00       0.00        0.00          0.00          0.00\n"
      "\n"
      "                  2050803   培训支出              53.60       0.00         53.60      0.00      0.00       0.00        0.00          0.00          0.00\n"
      "     深圳市东江水源工程管理处                          35,786.06    5,272.61   30,513.45      0.00      0.00       0.00   4,337.02          0.00          0.00\n"
      "\n"
      "                    205       教育支出             30.00       0.00        30.00      0.00      0.00       0.00        0.00         0.00          0.00\n"
      "\n"
      "                    20508     进修及培训            30.00       0.00        30.00      0.00      0.00       0.00        0.00         0.00          0.00\n"
      "\n"
      "                    2050803   培训支出             30.00       0.00        30.00      0.00      0.00       0.00        0.00         0.00          0.00\n";
  static const char *const stages[] = { "cleanup", "tables", "fields", "validate", NULL };
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("swj.txt", text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stages (stages, doc, &error));
  g_assert_cmpuint (count (doc, "cross.summary_classes", 0, BP_SEVERITY_WARNING), ==, 0);
}

/* sz-gws (-layout, tests/corpus/layout/SOURCES.md): as sz-swj, a 支出总表
 * by 预算单位, but the later units' names wrap around their figures and
 * into their first 类 rows ("务工程管理中心教育支出", "中心教育支出模"):
 * the names differ, the code 205 is still printed three times, and no one
 * of those rows is the department's 教育支出 28.00. */
static void
test_summary_classes_by_unit_wrapped (void)
{
  g_autoptr (BpDocument) doc = cleaned_validated ("layout/sz-gws-2026-summary-by-unit.txt",
                                                  NULL, NULL);
  dump_findings (doc);
  g_assert_cmpuint (count (doc, "cross.summary_classes", 0, BP_SEVERITY_WARNING), ==, 0);
}

/* hz-qxj 表10 (-layout, tests/corpus/layout/SOURCES.md): its header broken
 * over lines, the 合计 row's figures read one column early ("合计 |
 * 2,131.61 | 2,008.00 | 123.61"): the 合计 is its first figure, 2,131.61,
 * the 表3 项目支出; no cross.project_total against 2,008.00. */
static void
test_project_total_shifted_row (void)
{
  g_autoptr (BpDocument) doc = cleaned_validated ("layout/hz-qxj-2026-project-total.txt",
                                                  NULL, NULL);
  dump_findings (doc);
  g_assert_cmpuint (count (doc, "cross.project_total", 0, BP_SEVERITY_WARNING), ==, 0);
}

/* sh-pt-shgzb (plain text, tests/corpus/plain/SOURCES.md): the 合计 row's
 * 项目支出 202.24 is printed after the table's note ("合计 / 注：… /
 * 202.24") and read as no figure; the 201 rows print 202.24 in that
 * column, so the 合计's blank is a lost figure, not 0: no columns.total
 * (307.82 against 105.58 + 0). */
static void
test_plain_total_part_lost (void)
{
  g_autoptr (BpDocument) doc = cleaned_validated ("plain/sh-pt-shgzb-2024-final-general-budget.txt",
                                                  NULL, NULL);
  dump_findings (doc);
  g_assert_cmpuint (count (doc, "columns.total", 0, BP_SEVERITY_WARNING), ==, 0);
}

/* bj-wlj 预算03表 (-layout, tests/corpus/layout/SOURCES.md): 合计 |
 * 基本支出 | 项目支出 | 事业单位经营支出 | 上缴上级支出 | 对附属单位补助支出,
 * the last three under a 其中 the header lost. 30227 (line 15) prints
 * 52.200000 as 事业单位经营支出, within 合计 = 基本支出 + 项目支出: no
 * error; its 合计 changed still is one. */
static void
test_spending_memo_columns (void)
{
  g_autoptr (BpDocument) doc = validated ("layout/bj-wlj-2026-expense-summary.txt", NULL, NULL);
  dump_findings (doc);
  g_assert_cmpuint (arithmetic_findings (doc), ==, 0);
  g_autoptr (BpDocument) changed = validated ("layout/bj-wlj-2026-expense-summary.txt",
      "7,272.391630   377.970000", "7,282.391630   377.970000");
  dump_findings (changed);
  g_assert_cmpuint (count (changed, "columns.total", 15, BP_SEVERITY_ERROR), ==, 1);
}

/* Runs cleanup to validate on inline TEXT, FROM replaced by TO if given. */
static BpDocument *
inline_validated (const char *text, const char *from, const char *to)
{
  static const char *const stages[] = { "cleanup", "tables", "fields", "validate", NULL };
  BpDocument *doc = bp_document_new_from_bytes ("inline.txt", text, strlen (text));
  if (from)
    bp_harness_replace_text (doc, from, to);
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stages (stages, doc, &error));
  g_assert_no_error (error);
  dump_findings (doc);
  return doc;
}

/* bj-jmrh 预算09表 (-layout): "40.77 17.10 0.15 18.69 4.83" under headings
 * whose 公务接待费 stands between the lines: read into the car group's 小计,
 * the identities fail, yet the figures add up with the 小计 blank (40.77 =
 * 17.10 + 0.15 + 18.69 + 4.83): no error. A changed figure still is one. */
static void
test_three_public_fits_otherwise (void)
{
  static const char text[] =
      "                      预算09表 财政拨款“三公”经费支出表\n"
      "                                                                   金额单位：万元\n"
      "\n"
      "                                               公务用车购置及运行维护费\n"
      "“三公”经费财政 因公出国（境）费\n"
      "                            公务接待费\n"
      " 拨款预算总额     用                                                    公务用车运行维护\n"
      "                                          小计     公务用车购置费\n"
      "                                                                    费\n"
      "\n"
      "    40.770000   17.100000      0.150000              18.690000       4.830000\n"
      ;
  g_autoptr (BpDocument) doc = inline_validated (text, NULL, NULL);
  g_assert_cmpuint (count (doc, "three_public.identity", 0, BP_SEVERITY_WARNING), ==, 0);
  g_autoptr (BpDocument) changed = inline_validated (text, "17.100000", "17.200000");
  g_assert_cmpuint (count (changed, "three_public.identity", 0, BP_SEVERITY_ERROR), >=, 1);
}

/* bj-jmrh 预算04表 (-layout): "一、本年支出 9,151.309668" then the classes
 * numbered from 一、 again, one level down: the numbered items are not all
 * parts of 支出总计 (they were summed to twice it). */
static void
test_summary_sides_nested_numbering (void)
{
  static const char text[] =
      "                            预算04表 财政拨款收支预算总表\n"
      "                                                                        金额单位：万元\n"
      "\n"
      "                    收   入                                       支   出\n"
      "\n"
      "          项     目            预算数                        项   目           预算数\n"
      "一、本年收入                        9,142.554971 一、本年支出                        9,151.309668\n"
      "（一）一般公共预算资金                   9,142.554971 一、一般公共服务支出                    6,770.499100\n"
      "（二）政府性基金预算资金                           二、外交支出\n"
      "（三）国有资本经营预算资金                          三、国防支出\n"
      "                                       四、公共安全支出\n"
      "                                       五、教育支出                                 8.400000\n"
      "                                       六、科学技术支出\n"
      "                                       七、文化旅游体育与传媒支出\n"
      "                                       八、社会保障和就业支出                         275.300856\n"
      "                                       九、社会保险基金支出\n"
      "                                       十、卫生健康支出                            145.104512\n"
      "                                       十一、节能环保支出\n"
      "                                       十二、城乡社区支出\n"
      "                                       十三、农林水支出\n"
      "                                       十四、交通运输支出\n"
      "                                       十五、资源勘探工业信息等支出\n"
      "                                       十六、商业服务业等支出\n"
      "                                       十七、金融支出\n"
      "                                       十八、援助其他地区支出\n"
      "                                       十九、自然资源海洋气象等支出\n"
      "                                       二十、住房保障支出                           47.005200\n"
      "                                       二十一、粮油物资储备支出\n"
      "                                       二十二、国有资本经营预算支出\n"
      "                                       二十三、灾害防治及应急管理支出\n"
      "                                       二十四、预备费\n"
      "                                二十五、其他支出\n"
      "                                二十六、转移性支出\n"
      "                                二十七、债务还本支出\n"
      "                                二十八、债务付息支出\n"
      "                                二十九、债务发行费用支出\n"
      "                                三十、抗疫特别国债安排的支出\n"
      "                                三十一、往来性支出\n"
      "二、上年结转              8.754697 二、年终结转结余\n"
      "（一）一般公共预算拨款         8.754697\n"
      "（二）政府性基金预算拨款\n"
      "（三）国有资本经营预算拨款\n"
      "          收入总计   9,151.309668                支出总计   9,151.309668\n"
      ;
  g_autoptr (BpDocument) doc = inline_validated (text, NULL, NULL);
  g_assert_cmpuint (count (doc, "summary.sides", 0, BP_SEVERITY_WARNING), ==, 0);
}

/* xa-ajj 表1 (-layout): the sides' numbered items ("一、部门预算") print no
 * figure, their parts ("1、财政拨款 3,643.37") do: the numbered items are
 * headings, and their sum (0) says nothing of 本年收入合计. */
static void
test_summary_sides_numbered_headings (void)
{
  static const char text[] =
      "表1\n"
      "\n"
      "                          2019年部门综合预算收支总表\n"
      "                                                                                                             单位：万元\n"
      "       收           入                                          支                 出\n"
      "\n"
      "           项   目         预算数 支出功能分类科目（按大类）       部门预算支出经济分类科目（按大类）\n"
      "                                                  预算数                          政府预算支出经济分类科目（按大类）\n"
      "                                                                                 预算数                            预算数\n"
      "\n"
      "一、部门预算                            一、部门预算                     一、部门预算                          一、部门预算\n"
      " 1、财政拨款                3,643.37    1、一般公共服务                   1、人员经费和公用经费支出     2,022.39      1、机关工资福利支出      1,470.72\n"
      "   (1)一般公共预算拨款收入       3,643.37    2、外交                         (1)工资福利支出       1,834.69      2、机关商品和服务支出     1,333.23\n"
      "     其中：专项资金列入部门\n"
      "                                   3、国防                        (2)商品和服务支出           182.88    3、机关资本性支出（一）      104.31\n"
      "预算的项目\n"
      "   (2)政府性基金收入                      4、公共安全                       (3)对个人和家庭的补助          4.82    4、机关资本性支出（二）\n"
      "   (3)国有资本经营预算收入                   5、教育                         (4)资本性支出                      5、对事业单位经常性补助      730.29\n"
      " 2、上级补助收入                          6、科学技术                     2、专项业务经费支出        1,620.98      6、对事业单位资本性补助\n"
      " 3、事业收入                            7、文化旅游体育与传媒                  (1)工资福利支出                     7、对企业补助\n"
      "   其中：纳入财政专户管理的\n"
      "                                   8、社会保障和就业        183.60     (2)商品和服务支出       1,516.67      8、对企业资本性支出\n"
      "收费\n"
      " 4、事业单位经营收入                      9、社会保险基金                      (3)对个人和家庭的补助                   9、对个人和家庭的补助         4.82\n"
      " 5、下级单位上缴收入                      10、卫生健康             30.81     (4)债务利息及费用支出                   10、对社会保障基金补助\n"
      " 6、其他收入                          11、节能环保                       (5)资本性支出（基本建设）                 11、债务利息及费用支出\n"
      "                                 12、城乡社区                       (6)资本性支出             104.31    12、债务还本支出\n"
      "                                 13、农林水                        (7)对企业补助（基本建设）                 13、转移性支出\n"
      "                                 14、交通运输                       (8)对企业补助                       14、预备费及预留\n"
      "                                 15、资源勘探信息等                    (9)对社会保障基金补助                   15、其他支出\n"
      "                                 16、商业服务业等                     (10)其他支出\n"
      "                                 17、金融\n"
      "                                 18、援助其他地区\n"
      "                                 19、自然资源海洋气象等\n"
      "                                 20、住房保障            157.42\n"
      "                                 21、粮油物资储备\n"
      "                                 22、国有资本经营预算\n"
      "                                 23、灾害防治及应急管理     3,271.54\n"
      "                                 24、预备费\n"
      "                                 25、其他支出\n"
      "                                 26、转移性支出\n"
      "                                 27、债务还本支出\n"
      "                                 28、债务付息支出\n"
      "                                 29、债务发行费用支出\n"
      "本年收入合计                 3,643.37 本年支出合计            3,643.37 本年支出合计               3,643.37 本年支出合计               3,643.37\n"
      "用事业基金弥补收支差额                     结转下年                 52.54 结转下年                    52.54 结转下年                    52.54\n"
      "上年实户资金余额                  40.93 未安排支出的实户资金                 未安排支出的实户资金                    未安排支出的实户资金\n"
      "上年结转                      11.61\n"
      "  其中：财政拨款资金结转             11.61\n"
      "     非财政拨款资金结余\n"
      "\n"
      "收入总计                   3,695.91 支出总计              3,695.91 支出总计                 3,695.91 支出总计                 3,695.91\n"
      "\n"
      "\n"
      "                                                 第3页，共45页\n"
      ;
  g_autoptr (BpDocument) doc = inline_validated (text, NULL, NULL);
  g_assert_cmpuint (count (doc, "summary.sides", 0, BP_SEVERITY_WARNING), ==, 0);
}

/* gz 收入总体情况表 (layout/ and plain/gz-swj-2026-income-by-unit.txt).
 * -layout: with the 其他收入 heading gone (blanked here) the header is read
 * as the standard seven columns and the 7.78 under it stands under no
 * heading; plain text: each cell a line, the rows read are pieces of rows.
 * Neither says which columns make up a total: the 合计 checks that fail
 * are info (still counted as failed checks of the table). As printed, the
 * -layout header is read whole and the rows add up. */
static void
test_columns_unknown (void)
{
  g_autoptr (BpDocument) layout = validated ("layout/gz-swj-2026-income-by-unit.txt", NULL, NULL);
  dump_findings (layout);
  g_assert_cmpuint (count (layout, "columns.total", 0, BP_SEVERITY_ERROR), ==, 0);
  static const Edit no_heading[] = {
    { 9, "其他收             位上缴", "                   位上缴" },
    { 11, "收入拨款     入               入", "收入拨款     入                " },
    { 0, NULL, NULL } };
  g_autoptr (BpDocument) headless = validated_edits ("layout/gz-swj-2026-income-by-unit.txt",
                                                     no_heading);
  dump_findings (headless);
  g_assert_cmpuint (count (headless, "columns.total", 0, BP_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count (headless, "columns.total", 13, BP_SEVERITY_INFO), ==, 1);
  g_autoptr (BpDocument) plain = validated ("plain/gz-swj-2026-income-by-unit.txt", NULL, NULL);
  dump_findings (plain);
  g_assert_cmpuint (count (plain, "columns.total", 0, BP_SEVERITY_ERROR), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate/catalogue-documented", test_catalogue_documented);
  g_test_add_func ("/validate/columns-unknown", test_columns_unknown);
  g_test_add_func ("/validate/share-envelope", test_share_envelope);
  g_test_add_func ("/validate/cn-number", test_cn_number);
  g_test_add_func ("/validate/arithmetic/sum-children", test_sum_children);
  g_test_add_func ("/validate/arithmetic/sum-children-one-defect", test_sum_children_one_defect);
  g_test_add_func ("/validate/arithmetic/wanyuan-final", test_sum_total_wanyuan);
  g_test_add_func ("/validate/arithmetic/rounded-by-level", test_sum_total_rounded_by_level);
  g_test_add_func ("/validate/arithmetic/performance-share", test_performance_share);
  g_test_add_func ("/validate/every-rule-tested", test_every_rule_tested);
  g_test_add_func ("/validate/plain/uneven-streams", test_plain_uneven_streams);
  g_test_add_func ("/validate/layout/two-sided", test_layout_two_sided);
  g_test_add_func ("/validate/plain/total-below-rows", test_plain_total_below_rows);
  g_test_add_func ("/validate/layout/three-public-fits-otherwise", test_three_public_fits_otherwise);
  g_test_add_func ("/validate/layout/summary-sides-numbered-headings",
                   test_summary_sides_numbered_headings);
  g_test_add_func ("/validate/layout/summary-sides-nested-numbering",
                   test_summary_sides_nested_numbering);
  g_test_add_func ("/validate/plain/total-part-lost", test_plain_total_part_lost);
  g_test_add_func ("/validate/plain/code-digits", test_plain_code_digits);
  g_test_add_func ("/validate/plain/class-claim-table-unread", test_plain_class_claim_table_unread);
  g_test_add_func ("/validate/layout/excerpts", test_layout_excerpts);
  g_test_add_func ("/validate/layout/header-shapes", test_layout_header_shapes);
  g_test_add_func ("/validate/layout/spending-memo-columns", test_spending_memo_columns);
  g_test_add_func ("/validate/layout/split-whole-parts", test_layout_split_whole_parts);
  g_test_add_func ("/validate/layout/list-subtotals", test_list_subtotals);
  g_test_add_func ("/validate/layout/list-subtotals-equal-figures",
                   test_list_subtotals_equal_figures);
  g_test_add_func ("/validate/layout/list-subtotals-over-pages",
                   test_list_subtotals_over_pages);
  g_test_add_func ("/validate/layout/units-children", test_units_children);
  g_test_add_func ("/validate/layout/three-public-meetings", test_three_public_meetings);
  g_test_add_func ("/validate/three-public/row-of-counts", test_three_public_row_of_counts);
  g_test_add_func ("/validate/layout/three-public-unplaced", test_three_public_unplaced);
  g_test_add_func ("/validate/layout/three-public-list", test_three_public_list);
  g_test_add_func ("/validate/pdf-lines/three-public-group-subtotal",
                   test_three_public_group_subtotal);
  g_test_add_func ("/validate/pdf-lines/three-public-year-rows", test_three_public_year_rows);
  g_test_add_func ("/validate/pdf-lines/hangzhou-tables", test_hangzhou_tables);
  g_test_add_func ("/validate/pdf-lines/expense-total-headed-zongji",
                   test_expense_total_headed_zongji);
  g_test_add_func ("/validate/pdf-lines/three-public-year-groups",
                   test_three_public_year_groups);
  g_test_add_func ("/validate/plain/three-public", test_three_public_plain);
  g_test_add_func ("/validate/tables-found", test_tables_found);
  g_test_add_func ("/validate/disable-option", test_disable_option);
  g_test_add_func ("/validate/long-summary-row", test_long_summary_row);
  g_test_add_func ("/validate/sum-beyond-int64", test_sum_beyond_int64);
  g_test_add_func ("/validate/three-public-rounding", test_three_public_rounding);
  g_test_add_func ("/validate/summary-classes-by-unit", test_summary_classes_by_unit);
  g_test_add_func ("/validate/project-total-shifted-row", test_project_total_shifted_row);
  g_test_add_func ("/validate/summary-classes-by-unit-wrapped",
                   test_summary_classes_by_unit_wrapped);
  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      /* A rule with a second case (a published error, then a changed
       * figure) gets a numbered path. */
      guint nth = 0;
      for (guint k = 0; k < i; k++)
        nth += g_str_equal (rule_cases[k].rule, rule_cases[i].rule);
      g_autofree char *name = nth ? g_strdup_printf ("/validate/rule/%s/%u", rule_cases[i].rule, nth + 1)
                                  : g_strdup_printf ("/validate/rule/%s", rule_cases[i].rule);
      g_test_add_data_func (name, &rule_cases[i], test_rule_case);
    }
  return g_test_run ();
}
