/* Tests of the tables stage on the real corpus and on small inline cases. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <budgetpipe/budgetpipe.h>
#include "tests/harness.h"

/* ---- helpers ---------------------------------------------------------- */

static void
run_tables (BpDocument *doc)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stage ("tables", NULL, doc, NULL, &error));
  g_assert_no_error (error);
}

static BpDocument *
corpus (const char *relpath)
{
  BpDocument *doc = bp_harness_load_corpus (relpath);
  run_tables (doc);
  return doc;
}

static BpDocument *
inline_doc (const char *text)
{
  BpDocument *doc = bp_document_new_from_bytes ("inline.txt", text, strlen (text));
  run_tables (doc);
  return doc;
}

static BpTable *
table_at (BpDocument *doc, int line)
{
  for (guint i = 0; i < doc->tables->len; i++)
    {
      BpTable *t = g_ptr_array_index (doc->tables, i);
      if (t->line == line)
        return t;
    }
  g_test_message ("no table at line %d", line);
  g_assert_not_reached ();
  return NULL;
}

static BpRow *
row_with (BpTable *t, guint col, const char *text)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      BpRow *r = g_ptr_array_index (t->rows, i);
      if (g_strcmp0 (bp_row_cell (r, col), text) == 0)
        return r;
    }
  g_test_message ("table %s has no row with \"%s\" in column %u", t->id, text, col);
  g_assert_not_reached ();
  return NULL;
}

/* Cell of ROW under the header column named NAME ("" when empty). */
static const char *
cell_under (BpTable *t, BpRow *r, const char *name)
{
  int col = bp_table_find_column (t, name);
  g_assert_cmpint (col, >=, 0);
  const char *c = bp_row_cell (r, col);
  return c ? c : "";
}

typedef struct {
  int line;
  const char *type;
  const char *number;
} Expect;

static void
assert_tables (BpDocument *doc, const Expect *want, guint n)
{
  g_assert_cmpuint (doc->tables->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      BpTable *t = g_ptr_array_index (doc->tables, i);
      g_assert_cmpint (t->line, ==, want[i].line);
      g_assert_cmpstr (t->type, ==, want[i].type);
      g_assert_cmpstr (t->number, ==, want[i].number);
    }
}

/* ---- the seed documents ----------------------------------------------- */

static void
test_seed_000 (void)
{
  g_autoptr (BpDocument) doc = corpus ("000_fe5e375999e3baca.txt");
  static const Expect want[] = {
    { 103, "income_expense_summary", "表1" }, { 142, "expense_summary", "表3" },
    { 168, "fiscal_summary", "表4" }, { 205, "general_budget_expense", "表5" },
    { 232, "basic_expense", "表6" }, { 265, "three_public", "表7" },
    { 275, "gov_fund_expense", "表8" }, { 286, "state_capital_expense", "表9" },
    { 297, "procurement", "表11" }, { 313, "purchased_services", "表12" },
    { 327, "asset_allocation", "表13" }, { 340, "performance_overall", "表14" },
    { 398, "performance_project", "表15" } };
  assert_tables (doc, want, G_N_ELEMENTS (want));

  BpTable *exp = table_at (doc, 142);
  g_assert_cmpint (exp->unit, ==, BP_UNIT_YUAN);
  g_assert_cmpint (exp->end_line, ==, 166);
  g_assert_cmpuint (exp->rows->len, ==, 18);
  BpRow *r = row_with (exp, 0, "2010302");
  g_assert_cmpint (r->line, ==, 153);
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "1300500.00");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "0.00");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "1300500.00");
  g_assert_cmpstr (cell_under (exp, r, "上缴上级支出"), ==, "");

  BpTable *gb = table_at (doc, 205);
  g_assert_cmpuint (gb->header->len, ==, 2);
  g_assert_cmpint (bp_table_find_column (gb, "人员经费"), ==, 4);
  g_assert_cmpstr (cell_under (gb, row_with (gb, 0, "2010301"), "公用经费"), ==,
                   "1,474,156.48");

  BpTable *basic = table_at (doc, 232);
  g_assert_cmpstr (cell_under (basic, row_with (basic, 0, "30217"), "公用经费"), ==,
                   "20,000.00");

  BpTable *fund = table_at (doc, 275);
  g_assert_true (fund->empty);
  g_assert_cmpuint (fund->rows->len, ==, 0);
  g_assert_nonnull (strstr (fund->note, "没有使用政府性基金预算"));
  g_assert_cmpuint (fund->header->len, ==, 2);

  BpTable *tp = table_at (doc, 265);
  g_assert_cmpuint (tp->rows->len, ==, 1);
  g_assert_cmpstr (cell_under (tp, g_ptr_array_index (tp->rows, 0), "公务接待费"), ==,
                   "20000.00");
}

static gboolean
toc_names (BpDocument *doc, const char *type)
{
  for (guint i = 0; i < doc->toc->len; i++)
    if (g_strcmp0 (((BpTocEntry *) g_ptr_array_index (doc->toc, i))->type, type) == 0)
      return TRUE;
  return FALSE;
}

static void
test_seed_000_toc (void)
{
  g_autoptr (BpDocument) doc = corpus ("000_fe5e375999e3baca.txt");
  /* The contents list names 收入总表, which the document then omits. */
  g_assert_true (toc_names (doc, "income_summary"));
  g_assert_true (toc_names (doc, "project_expense"));
  g_assert_null (bp_document_find_table (doc, "income_summary"));
  for (guint i = 0; i < doc->toc->len; i++)
    g_assert_cmpint (((BpTocEntry *) g_ptr_array_index (doc->toc, i))->line, <, 40);
}

static void
test_seed_001 (void)
{
  g_autoptr (BpDocument) doc = corpus ("001_99a99fce1cd6da03.txt");
  static const Expect want[] = {
    { 104, "income_expense_summary", "表1" }, { 140, "income_summary", "表2" },
    { 154, "expense_summary", "表3" }, { 181, "fiscal_summary", "表4" },
    { 218, "general_budget_expense", "表5" }, { 246, "basic_expense", "表6" },
    { 280, "three_public", "表7" }, { 290, "gov_fund_expense", "表8" },
    { 301, "state_capital_expense", "表9" }, { 314, "project_expense", "表10" },
    { 332, "procurement", "表11" }, { 351, "purchased_services", "表12" },
    { 367, "asset_allocation", "表13" }, { 383, "performance_overall", "表14" },
    { 441, "performance_project", "表15" } };
  assert_tables (doc, want, G_N_ELEMENTS (want));
  /* "表 11. … 2024 年政府" + "采购预算表": one title. */
  g_assert_nonnull (strstr (table_at (doc, 332)->title, "政府采购预算表"));
  g_assert_true (table_at (doc, 301)->empty);
}

static void
test_seed_002 (void)
{
  g_autoptr (BpDocument) doc = corpus ("002_43945480f961a537.txt");
  g_assert_cmpuint (doc->tables->len, ==, 19);
  BpTable *basic = table_at (doc, 422);
  g_assert_cmpstr (basic->type, ==, "basic_expense");
  g_assert_cmpint (basic->unit, ==, BP_UNIT_WANYUAN);
  /* Continued after a page break with a repeated title and header. */
  g_assert_cmpuint (basic->rows->len, ==, 21);
  g_assert_cmpint (basic->end_line, ==, 455);
  BpRow *r = row_with (basic, 0, "30229");
  g_assert_cmpint (r->line, ==, 449);
  g_assert_cmpstr (cell_under (basic, r, "公用经费"), ==, "13.72");
  g_assert_cmpstr (cell_under (basic, r, "人员经费"), ==, "");

  BpTable *tp = table_at (doc, 459);
  g_assert_cmpstr (tp->number, ==, "预算08表");
  BpTable *svc = table_at (doc, 524);
  g_assert_cmpstr (svc->number, ==, "预算13表");
  g_assert_true (svc->empty);
  g_assert_cmpstr (table_at (doc, 412)->type, ==, "general_budget_expense_by_unit");
  g_assert_cmpstr (table_at (doc, 861)->type, ==, "performance_project");
}

static void
test_seed_003 (void)
{
  g_autoptr (BpDocument) doc = corpus ("003_d6fb263bf47854f3.txt");
  static const Expect want[] = {
    { 445, "performance_overall", NULL }, { 849, "performance_project", NULL },
    { 973, "performance_project", NULL }, { 1071, "performance_project", NULL },
    { 1182, "performance_project", NULL }, { 1278, "performance_project", NULL },
    { 1440, "other", NULL } };
  assert_tables (doc, want, G_N_ELEMENTS (want));
  /* The 整体绩效自评表 ends before the narrative's next heading. */
  g_assert_cmpint (table_at (doc, 445)->end_line, <, 801);
}

static void
test_seed_004_classes (void)
{
  g_autoptr (BpDocument) doc = corpus ("004_d9984b4f4bf4cec5.txt");
  g_assert_cmpuint (doc->tables->len, ==, 12);
  BpTable *exp = table_at (doc, 217);
  g_assert_cmpstr (exp->number, ==, "公开03表");
  g_assert_cmpint (exp->unit, ==, BP_UNIT_WANYUAN);
  /* "124.24 124.24" under 合计|基本|项目: children must sum to 20131. */
  BpRow *r = row_with (exp, 0, "2013102");
  g_assert_cmpint (r->line, ==, 266);
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "124.24");
  r = row_with (exp, 0, "2013199");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "其他党委办公厅（室）及相关机构事务支出");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "1.05");
  r = row_with (exp, 0, "221");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "79.67");
  r = row_with (exp, 0, "2101101");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "0.51");

  BpTable *basic = table_at (doc, 455);
  g_assert_cmpstr (basic->number, ==, "公开06表");
  r = row_with (basic, 0, "30201");
  g_assert_cmpint (r->line, ==, 479);
  g_assert_cmpstr (cell_under (basic, r, "合计"), ==, "4.3");
  g_assert_cmpstr (cell_under (basic, r, "公用经费"), ==, "4.3");
  r = row_with (basic, 0, "30101");
  g_assert_cmpstr (cell_under (basic, r, "人员经费"), ==, "158.19");
}

static void
test_seed_004_summary (void)
{
  g_autoptr (BpDocument) doc = corpus ("004_d9984b4f4bf4cec5.txt");
  BpTable *t = table_at (doc, 77);
  g_assert_cmpstr (t->number, ==, "公开01表");
  g_assert_cmpuint (t->rows->len, ==, 31);
  /* "…收入 1 1132.98一、一般公共服务支出 32 939.82": glued, with 行次. */
  BpRow *r = g_ptr_array_index (t->rows, 0);
  const char *want[] = { "一、一般公共预算财政拨款收入", "1", "1132.98",
                         "一、一般公共服务支出", "32", "939.82" };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    g_assert_cmpstr (bp_row_cell (r, i), ==, want[i]);
  r = row_with (t, 3, "九、卫生健康支出");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "9");
  g_assert_cmpstr (bp_row_cell (r, 2), ==, "");
  g_assert_cmpstr (bp_row_cell (r, 5), ==, "69.83");
  g_assert_nonnull (strstr (bp_document_get_meta (doc, "tables.t1.formulas"),
                            "row:27=1+2+3+4+5+6+7+8"));

  BpTable *fund = table_at (doc, 529);
  g_assert_true (fund->empty);
  g_assert_nonnull (strstr (fund->note, "本部门当年无政府性基金"));

  BpTable *tp = table_at (doc, 579);
  BpRow *v = g_ptr_array_index (tp->rows, 0);
  g_assert_cmpstr (cell_under (tp, v, "运行费决算数"), ==, "10.96");
  g_assert_cmpstr (cell_under (tp, v, "购置费决算数"), ==, "");
  g_assert_cmpstr (cell_under (tp, v, "合计预算数"), ==, "21");
}

static void
test_shanghai_budget (void)
{
  g_autoptr (BpDocument) doc = corpus ("thirdparty/sh-pt-zfb-2025-budget.txt");
  g_assert_cmpuint (doc->tables->len, ==, 9);
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpint (exp->line, ==, 134);
  g_assert_cmpint (exp->unit, ==, BP_UNIT_YUAN);
  BpRow *r = row_with (exp, 0, "2010301");   /* printed "201 03 01" */
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "110,000.00");
  r = row_with (exp, 0, "2010302");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "46,140,000.00");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "");
  BpTable *basic = bp_document_find_table (doc, "basic_expense");
  g_assert_cmpstr (cell_under (basic, row_with (basic, 0, "30201"), "公用经费"), ==,
                   "259,400.00");
  BpTable *tp = bp_document_find_table (doc, "three_public");
  g_assert_cmpint (tp->unit, ==, BP_UNIT_WANYUAN);
  g_assert_cmpstr (cell_under (tp, g_ptr_array_index (tp->rows, 0), "机关运行经费"), ==,
                   "213.28");
  g_assert_true (bp_document_find_table (doc, "gov_fund_expense")->empty);
  g_assert_cmpuint (doc->toc->len, >=, 9);
}

static void
test_shanghai_final (void)
{
  g_autoptr (BpDocument) doc = corpus ("thirdparty/sh-pt-yichuan-2025-final.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpint (exp->line, ==, 198);
  BpRow *r = row_with (exp, 0, "201");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "207.40");
  BpTable *tp = bp_document_find_table (doc, "three_public");
  BpRow *v = g_ptr_array_index (tp->rows, 0);
  g_assert_cmpstr (cell_under (tp, v, "公务接待决算数"), ==, "0.30");
  g_assert_cmpstr (cell_under (tp, v, "运行费预算数"), ==, "30.67");
}

/* The row of T whose first cell is CODE, or NULL. */
static BpRow *
row_or_null (BpTable *t, const char *code)
{
  for (guint i = 0; i < t->rows->len; i++)
    if (g_strcmp0 (bp_row_cell (g_ptr_array_index (t->rows, i), 0), code) == 0)
      return g_ptr_array_index (t->rows, i);
  return NULL;
}

static void
test_shanghai_rows_before_title (void)
{
  /* wanli's PDF text prints a table's first page (header, then rows) above
   * its title: those rows are the titled table's, not the table's above */
  g_autoptr (BpDocument) doc = corpus ("thirdparty/sh-pt-wanli-2025-budget.txt");
  BpTable *in = table_at (doc, 236);
  g_assert_cmpstr (in->type, ==, "income_summary");
  BpRow *r = row_with (in, 0, "201");
  g_assert_cmpint (r->line, ==, 223);
  g_assert_cmpstr (cell_under (in, r, "合计"), ==, "3,296,600");
  g_assert_null (row_or_null (table_at (doc, 188), "201"));
  g_assert_cmpint (row_with (table_at (doc, 371), 0, "201")->line, ==, 358);
  g_assert_cmpint (row_with (table_at (doc, 590), 0, "201")->line, ==, 577);
  /* the page above an empty table's note, too */
  g_assert_cmpint (row_with (table_at (doc, 800), 0, "301")->line, ==, 787);
  g_assert_true (table_at (doc, 778)->empty);
  /* sfj prints titles first: the rows right under the income table's
   * header stay in it, though its "类 款 项" would fit the next table */
  g_autoptr (BpDocument) sfj = corpus ("thirdparty/sh-pt-sfj-2026-budget.txt");
  g_assert_cmpint (row_with (table_at (sfj, 117), 0, "204")->line, ==, 126);
  BpRow *own = row_or_null (table_at (sfj, 148), "204");
  g_assert_true (own == NULL || own->line > 148);
}

static void
test_shanghai_figure_near_int64 (void)
{
  /* yichuan's income table row 22198 (line 194) with the largest figure
   * that parses: the placement search summed it with its neighbours in
   * int64 (UBSan: signed integer overflow). The row is still read. */
  static const char *const stages[] = { "cleanup", "tables", NULL };
  g_autoptr (BpDocument) doc = bp_harness_corpus_through (
      "thirdparty/sh-pt-yichuan-2025-final.txt", stages,
      "22198 105.00 105.00", "22198 92233720368547758.07 105.00");
  BpTable *income = bp_document_find_table (doc, "income_summary");
  g_assert_nonnull (income);
  g_assert_nonnull (row_with (income, 0, "22198"));
}

/* ---- small inline cases ----------------------------------------------- */

static void
test_inline_broken_title_and_names (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "表 3. 某某办公室 2024 年一般公共\n"
      "预算支出表\n"
      "\n"
      "单位：万元\n"
      "科目编码 科目名称 合计 基本支出 项目支出\n"
      "合计 30.00 20.00 10.00\n"
      "201 一般公共服务支出 30.00 20.00 10.00\n"
      "20103 政府办公厅（室）及相关机构事务 30.00 20.00 10.00\n"
      "2010301 行政运行 20.00 20.00\n"
      "- 7 -\n"
      "2010302\n"
      "一般行政管理\n"
      "事务\n"
      "10.00 10.00\n");
  g_assert_cmpuint (doc->tables->len, ==, 1);
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpstr (t->type, ==, "general_budget_expense");
  g_assert_cmpstr (t->number, ==, "表3");
  g_assert_cmpint (t->line, ==, 1);
  g_assert_cmpint (t->end_line, ==, 14);
  g_assert_cmpint (t->unit, ==, BP_UNIT_WANYUAN);
  g_assert_cmpuint (t->rows->len, ==, 5);
  BpRow *r = row_with (t, 0, "2010302");
  g_assert_cmpint (r->line, ==, 11);
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "一般行政管理事务");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "10.00");
  g_assert_cmpstr (cell_under (t, r, "基本支出"), ==, "");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2010301"), "基本支出"), ==, "20.00");
}

/* Side-by-side economic items whose code, name and amount sit on different
 * lines (Shanghai 决算 基本支出决算表): a code alone waits for its name and
 * amount, a name line above a lone code starts that code's name, "302" then
 * "01 办公费" is 30201, the footer's 合计 gets the figure below it. */
static void
test_inline_groups_wrapped (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "一般公共预算财政拨款基本支出决算表\n"
      "单位：万元\n"
      "经济分类\n"
      "科目编码\n"
      "科目名称 决算数\n"
      "经济分类\n"
      "科目编码\n"
      "科目名称 决算数\n"
      "301 工资福利支出 446.11 302 商品和服务支出 18.86\n"
      "30108\n"
      "机关事业单位基本养老保\n"
      "险缴费\n"
      "446.11 30206 电费 18.86\n"
      "310 资本性支出 0.00\n"
      "信息网络及软件\n"
      "31007\n"
      "购置更新\n"
      "302\n"
      "01 办公费 21.21\n"
      "人员经费合计\n"
      "446.11\n");
  g_assert_cmpuint (doc->tables->len, ==, 1);
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpstr (t->type, ==, "basic_expense");
  BpRow *r = row_with (t, 0, "30108");
  g_assert_cmpint (r->line, ==, 10);
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "机关事业单位基本养老保险缴费");
  g_assert_cmpstr (bp_row_cell (r, 2), ==, "446.11");
  g_assert_cmpstr (bp_row_cell (row_with (t, 0, "30206"), 2), ==, "18.86");
  g_assert_cmpstr (bp_row_cell (row_with (t, 0, "31007"), 1), ==, "信息网络及软件购置更新");
  g_assert_cmpstr (bp_row_cell (row_with (t, 0, "30201"), 2), ==, "21.21");
  r = g_ptr_array_index (t->rows, t->rows->len - 1);
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "人员经费合计");
  g_assert_cmpstr (bp_row_cell (r, 3), ==, "446.11");
  g_assert_cmpint (r->line, ==, 21);
  /* No row is left without its code or name. */
  for (guint i = 0; i < t->rows->len; i++)
    g_assert_cmpstr (bp_row_cell (t->rows->pdata[i], 1), !=, "");
}

/* A classification table whose names are centred on their code line
 * (Shanghai 决算 PDF text): the name-only line above a code line starts its
 * name, the one below ends it. */
static void
test_inline_class_names_centred (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "一般公共预算财政拨款支出决算表\n"
      "单位：万元\n"
      "功能分类科目编码 科目名称 合计 基本支出 项目支出\n"
      "社会保障和就\n"
      "208 2,452.66 1,972.20 480.46\n"
      "业支出\n"
      "行政事业单位\n"
      "20805 2,452.66 1,972.20 480.46\n"
      "养老支出\n"
      "机关事业单位\n"
      "2080505 基本养老保险 2,452.66 1,972.20 480.46\n"
      "缴费支出\n"
      "合计 2,452.66 1,972.20 480.46\n");
  g_assert_cmpuint (doc->tables->len, ==, 1);
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpstr (bp_row_cell (row_with (t, 0, "208"), 1), ==, "社会保障和就业支出");
  g_assert_cmpstr (bp_row_cell (row_with (t, 0, "20805"), 1), ==, "行政事业单位养老支出");
  BpRow *r = row_with (t, 0, "2080505");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "机关事业单位基本养老保险缴费支出");
  g_assert_cmpint (r->line, ==, 11);   /* the code and figures' line */
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "480.46");
}

static void
test_inline_two_sided_glued (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "2023年度收入支出决算总表\n"
      "公开 01 表\n"
      "部门：某某办公室 金额单位：万元\n"
      "项目 行次 金额 项目 行次 金额\n"
      "栏次 1 栏次 2\n"
      "一、一般公共预算财政拨款收入 1 100.00一、一般公共服务支出 32 100.00\n"
      "2 二、外交支出 33\n"
      "本年收入合计 27 100.00 本年支出合计 58 100.00\n");
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpstr (t->type, ==, "income_expense_summary");
  g_assert_cmpstr (t->number, ==, "公开01表");
  g_assert_cmpint (t->unit, ==, BP_UNIT_WANYUAN);
  g_assert_cmpuint (t->rows->len, ==, 3);
  BpRow *r = g_ptr_array_index (t->rows, 0);
  g_assert_cmpstr (bp_row_cell (r, 2), ==, "100.00");
  g_assert_cmpstr (bp_row_cell (r, 3), ==, "一、一般公共服务支出");
  r = g_ptr_array_index (t->rows, 1);
  g_assert_cmpstr (bp_row_cell (r, 0), ==, "");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "2");
  g_assert_cmpstr (bp_row_cell (r, 3), ==, "二、外交支出");
  g_assert_cmpstr (bp_row_cell (r, 4), ==, "33");
  g_assert_cmpstr (bp_row_cell (r, 5), ==, "");
}

static void
test_inline_continuation (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "2024年一般公共预算基本支出表\n"
      "单位：元\n"
      "科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
      "301\t工资福利支出\t10.00\t10.00\t\n"
      "\f2024年一般公共预算基本支出表\n"
      "单位：元\n"
      "科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
      "302\t商品和服务支出\t5.00\t\t5.00\n");
  g_assert_cmpuint (doc->tables->len, ==, 1);
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpuint (t->rows->len, ==, 2);
  g_assert_cmpuint (t->header->len, ==, 1);
  g_assert_cmpint (t->end_line, ==, 8);
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "302"), "公用经费"), ==, "5.00");
}

static void
test_inline_wrapped_form_titles (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "2024年江汉区项目\n"
      "支出(绩效目标)申报表\n"
      "项目名称\t各项工作经费\n"
      "- 3 -\n"
      "2024年江汉区项目\n"
      "支出(绩效目标)申报表\n"
      "项目名称\t专项业务经费\n");
  g_assert_cmpuint (doc->tables->len, ==, 2);
  BpTable *t = g_ptr_array_index (doc->tables, 1);
  g_assert_cmpstr (t->type, ==, "performance_project");
  g_assert_cmpint (t->line, ==, 5);
  g_assert_cmpstr (t->title, ==, "2024年江汉区项目支出(绩效目标)申报表");
  /* Jiangsu (js-jcy-2018, -layout): a labelled title cut before its last
   * words, which alone read as a 支出预算表. */
  g_autoptr (BpDocument) labelled = inline_doc (
      "公开 09 表：一般公共预算“三公”经费、会议费、培训费\n"
      "支出预算表\n"
      "\n"
      "部门：                   江苏省人民检察院                     单位：万元\n"
      "      合计       小计    因公出国（境）费     公务接待费\n"
      "  1,384.74   484.30    100.00   116.50\n");
  g_assert_cmpuint (labelled->tables->len, ==, 1);
  BpTable *l = g_ptr_array_index (labelled->tables, 0);
  g_assert_cmpstr (l->type, ==, "three_public");
  g_assert_cmpint (l->line, ==, 1);
  /* Xi'an (xa-jtj-2022): the tail ends in a qualifier after 表. */
  g_autoptr (BpDocument) qualified = inline_doc (
      "                        2022年部门综合预算一般公共预算拨款“三公”经费、\n"
      "                              会议费、培训费表（不含上年结转）\n"
      "预算单位：西安市交通运输局                        单位：万元\n"
      "合计 因公出国（境）费 公务接待费\n"
      "248.84 10.00 20.00\n");
  g_assert_cmpuint (qualified->tables->len, >=, 1);
  BpTable *q = g_ptr_array_index (qualified->tables, 0);
  g_assert_cmpstr (q->type, ==, "three_public");
  g_assert_cmpstr (q->title, ==, "2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转）");
  g_autoptr (BpDocument) with_unit = inline_doc ("2024年部门收支总表  单位：万元\n项目 预算数 项目 预算数\n");
  g_assert_cmpuint (with_unit->tables->len, ==, 1);
  g_assert_cmpint (((BpTable *) g_ptr_array_index (with_unit->tables, 0))->unit, ==,
                   BP_UNIT_WANYUAN);
  g_autoptr (BpDocument) wide = inline_doc ("表6 一般公共预算基本支出表\n单位：元\n"
                                            "科目编码 科目名称 合计 人员经费 公用经费\n"
                                            "３０２ 商品和服务支出 １２．５０ １２．５０\n");
  BpTable *w = g_ptr_array_index (wide->tables, 0);
  g_assert_cmpstr (cell_under (w, row_with (w, 0, "302"), "公用经费"), ==, "12.50");
  g_autoptr (BpDocument) joined = inline_doc (
      "2023年度收入决算表 公开 02 表 部门：某某办公室 金额单位：万元\n"
      "科目编码 科目名称 合计 财政拨款收入\n合计 5.00 5.00\n");
  BpTable *j = g_ptr_array_index (joined->tables, 0);
  g_assert_cmpstr (j->type, ==, "income_summary");
  g_assert_cmpstr (j->number, ==, "公开02表");
  g_assert_cmpint (j->unit, ==, BP_UNIT_WANYUAN);
  g_autoptr (BpDocument) numbered = inline_doc ("表1. 某某局（本级） 2024 年收支总表\n单位：元\n");
  g_assert_cmpstr (((BpTable *) g_ptr_array_index (numbered->tables, 0))->title, ==,
                   "表1. 某某局（本级） 2024 年收支总表");
  g_assert_cmpuint (((BpTable *) g_ptr_array_index (doc->tables, 0))->rows->len, ==, 1);
}

static void
test_inline_row_numbers (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "支出决算表\n"
      "金额单位：万元\n"
      "科目编码 科目名称 行次 本年支出合计 基本支出 项目支出\n"
      "合计 1 30.00 20.00 10.00\n"
      "2010301 行政运行 2 20.00 20.00\n"
      "2010302 一般行政管理事务 3 10.00 10.00\n");
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpstr (t->type, ==, "expense_summary");
  BpRow *r = row_with (t, 0, "2010302");
  g_assert_cmpstr (cell_under (t, r, "行次"), ==, "3");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "10.00");
  g_assert_cmpstr (cell_under (t, r, "基本支出"), ==, "");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2010301"), "基本支出"), ==, "20.00");
}

static void
test_inline_continued_title (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "表5 一般公共预算支出表\n"
      "单位：元\n"
      "科目编码 科目名称 合计 基本支出 项目支出\n"
      "201 一般公共服务支出 30.00 20.00 10.00\n"
      "第 3 页\n"
      "一般公共预算支出表（续）\n"
      "科目编码 科目名称 合计 基本支出 项目支出\n"
      "208 社会保障和就业支出 5.00 5.00\n");
  g_assert_cmpuint (doc->tables->len, ==, 1);
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpuint (t->rows->len, ==, 2);
  g_assert_cmpint (t->end_line, ==, 8);
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "208"), "基本支出"), ==, "5.00");
  /* Shenzhen prints its number label over every page of a long table. */
  g_autoptr (BpDocument) paged = inline_doc (
      "表3\n"
      "支出总表\n"
      "单位：万元\n"
      "科目编码 科目名称 合计 基本支出 项目支出\n"
      "211 节能环保支出 30.00 20.00 10.00\n"
      "21101 环境保护管理事务 20.00 20.00\n"
      "- 78 -\n"
      "表3\n"
      "支出总表\n"
      "单位：万元\n"
      "科目编码 科目名称 合计 基本支出 项目支出\n"
      "21103 污染防治 10.00 10.00\n"
      "表4\n"
      "支出总表\n"
      "科目编码 科目名称 合计 基本支出 项目支出\n"
      "205 教育支出 1.00 1.00\n");
  g_assert_cmpuint (paged->tables->len, ==, 2);
  t = g_ptr_array_index (paged->tables, 0);
  g_assert_cmpuint (t->rows->len, ==, 3);
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "21103"), "项目支出"), ==, "10.00");
}

/* Beijing/Shanghai print the car group's heading on the line above the
 * other items: the figures go where 合计 = 出国 + 接待 + 车辆 holds. */
static void
test_inline_three_public_order (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "预算09表 财政拨款“三公”经费支出表\n"
      "金额单位：万元\n"
      "                              公务用车购置及运行维护费\n"
      "“三公”经费财政拨\n"
      "       因公出国（境）费用         公务接待费\n"
      "  款预算总额\n"
      "                          小计            公务用车购置费         公务用车运行维护费\n"
      "    223.799250       127.737000       11.642250    84.420000        44.920000         39.500000\n");
  BpTable *t = bp_document_find_table (doc, "three_public");
  g_assert_nonnull (t);
  BpRow *r = g_ptr_array_index (t->rows, 0);
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "223.799250");
  g_assert_cmpstr (cell_under (t, r, "公务接待"), ==, "11.642250");
  g_assert_cmpstr (cell_under (t, r, "公务用车购置及运行"), ==, "84.420000");
  g_assert_cmpstr (cell_under (t, r, "运行费"), ==, "39.500000");
}

/* Hangzhou's “三公” table has a row per unit under its 合计 row; a unit's
 * wrapped name leaves a line of figures only, which is not the total. */
static void
test_inline_three_public_by_unit (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      " 表7：2026年市级部门一般公共预算“三公”经费预算表\n"
      "部门名称：杭州市交通运输局                                                     单位：万元\n"
      "                                            公务用车购置及运行费\n"
      "                  “三公”经         因公出国                       公务用车      公务接\n"
      "      单位名称                                       公务用车\n"
      "                   费合计          (境)费用   小计                 运行维护      待费\n"
      "                                                 购置费\n"
      "                                                             费\n"
      "        **          1             2     3          4        5         6\n"
      "合计                  873.20              846.10    421.30    424.80   27.10\n"
      "杭州市交通运输局                 6.00                                         6.00\n"
      "杭州市道路运输管理服务中心           10.00                                        10.00\n"
      "杭州市公路与港航管理服务中心      140.30              138.30     72.30     66.00    2.00\n"
      "杭州市交通运输行政执法队        684.00              679.00    349.00    330.00    5.00\n"
      "杭州技师学院（杭州交通高级技工\n"
      "                     21.10               18.00               18.00    3.10\n"
      "学校）\n"
      "杭州汽车高级技工学校              11.80            10.80               10.80    1.00\n"
      "注：不含教学科研人员学术交流因公出国（境）费用。\n"
      "\n");
  BpTable *t = bp_document_find_table (doc, "three_public");
  g_assert_nonnull (t);
  g_assert_cmpuint (t->rows->len, ==, 1);
  BpRow *r = g_ptr_array_index (t->rows, 0);
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "873.20");
  g_assert_cmpstr (cell_under (t, r, "购置费"), ==, "421.30");
  g_assert_cmpstr (cell_under (t, r, "运行费"), ==, "424.80");
  g_assert_cmpstr (cell_under (t, r, "公务接待"), ==, "27.10");
}

/* Plain text of Jiangsu's “三公”经费、会议费、培训费 table (js-zx 2017): the
 * heading's last word, 培训费, is printed among the figures; the title
 * names the column. */
static void
test_inline_three_public_title_columns (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "“三公”经费、会议费、培训费支出预算表（一般公共预算）\n部门：江苏省政协办公厅\n\n单位：万元\n\n“三公”经费\n"
      "\n公务用车购置及运行维护费\n合计\n\n会议费\n小计\n\n因公出国（境）\n费\n\n公务接待费\n小计\n\n1,852.32\n"
      "\n676.10\n\n76.00\n\n培训费\n\n156.60\n\n公务用车购置费\n\n公务用车运行维\n护费\n"
      "\n156.60\n\n443.50\n\n1,094.62\n\n81.60\n\n");
  BpTable *t = bp_document_find_table (doc, "three_public");
  g_assert_nonnull (t);
  g_assert_cmpuint (t->rows->len, ==, 1);
  BpRow *r = g_ptr_array_index (t->rows, 0);
  g_assert_cmpstr (cell_under (t, r, "“三公”经费合计"), ==, "676.10");
  g_assert_cmpstr (cell_under (t, r, "公务接待"), ==, "443.50");
  g_assert_cmpstr (cell_under (t, r, "培训费"), ==, "81.60");
}

/* Xi'an prints the government economic code and name beside the
 * department's; a unit's code sits on its own line between its name's
 * halves. Neither is a figure. */
static void
test_inline_second_code (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "表6 部门综合预算一般公共预算支出明细表（按支出经济分类科目）\n"
      "单位：万元\n"
      "部门经济科目编码 部门经济科目名称 政府经济科目编码 政府经济科目名称 合计 人员经费支出 公用经费支出 专项业务经费支出 备注\n"
      "                 合计                3,643.37        1,839.51          182.88       1,620.98\n"
      "              西安市安全生产监督\n"
      "     125001                                         3,643.37        1,839.51          182.88       1,620.98\n"
      "              管理局\n"
      "      30112   其他社会保障缴费     50102      社会保障缴费    1,839.51   1,839.51\n"
      "      30201   办公费              50201      办公经费       1,803.86            182.88       1,620.98\n");
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  BpRow *r = row_with (t, 0, "30112");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "其他社会保障缴费");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "1,839.51");
  g_assert_cmpint (bp_table_find_column (t, "专项业务经费"), ==, 5);
  r = row_with (t, 0, "125001");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "西安市安全生产监督管理局");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "3,643.37");
}

/* Chongqing prints a 项's code under its name and figures, and the header
 * again over every page. */
static void
test_inline_code_below (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "表3 一般公共预算支出预算表\n"
      "单位：万元\n"
      "科目编码             科目名称        合计      基本支出     项目支出\n"
      "208       社会保障和就业支出     15.50     15.50\n"
      " 20805    行政事业单位养老支出    15.50     15.50\n"
      "              行政单位离退休     12.50     12.50\n"
      "2080501\n"
      "— 14 —\n"
      "科目编码             科目名称          合计      基本支出     项目支出\n"
      "           机关事业单位基本养老保\n"
      "                            3.00     3.00\n"
      "2080505   险缴费支出\n");
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpuint (t->rows->len, ==, 4);
  BpRow *r = row_with (t, 0, "2080501");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "行政单位离退休");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "12.50");
  r = row_with (t, 0, "2080505");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "机关事业单位基本养老保险缴费支出");
  g_assert_cmpstr (cell_under (t, r, "基本支出"), ==, "3.00");
}

static void
test_inline_empty_and_toc (void)
{
  g_autoptr (BpDocument) doc = inline_doc (
      "目 录\n"
      "- 一、收支总表\n"
      "- 八、政府性基金预算支出表\n"
      "一、部门主要职能\n"
      "表8. 某某局2024年政府性基金预算支出表\n"
      "科目编码 科目名称 合计 基本支出 项目支出\n"
      "无数据\n");
  g_assert_cmpuint (doc->toc->len, ==, 2);
  BpTocEntry *e = g_ptr_array_index (doc->toc, 0);
  g_assert_cmpstr (e->type, ==, "income_expense_summary");
  g_assert_cmpint (e->line, ==, 2);
  g_assert_cmpuint (doc->tables->len, ==, 1);
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_true (t->empty);
  g_assert_cmpstr (t->note, ==, "无数据");
  g_assert_cmpint (t->unit, ==, BP_UNIT_UNKNOWN);  /* never assumed */
}

static void
test_inline_malformed (void)
{
  GString *s = g_string_new ("表1. 2024年支出总表\n单位：元\n201 一般公共服务支出");
  for (int i = 0; i < 200; i++)
    g_string_append_printf (s, " %d.%02d", i, i % 100);
  g_string_append (s, "\n表2. 2024年收入总表\n科目编码 科目名称 合计\n表3. 2024年收支总表");
  g_autoptr (BpDocument) doc = inline_doc (s->str);
  g_string_free (s, TRUE);
  g_assert_cmpuint (doc->tables->len, >=, 1);
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpuint (t->rows->len, ==, 1);
  g_assert_cmpuint (((BpRow *) g_ptr_array_index (t->rows, 0))->cells->len, ==, 202);
}

/* ---- the clean seeds laid out the way a PDF extract lays them out ---- */

/* Tab row → space-separated, empty cells dropped, long names broken. */
static void
append_pdf_row (GString *out, const char *line)
{
  g_auto (GStrv) cells = g_strsplit (line, "\t", -1);
  guint n = g_strv_length (cells);
  gboolean coded = n > 2 && bp_text_is_class_code (cells[0]);
  if (coded && g_utf8_strlen (cells[1], -1) > 6)
    {
      const char *mid = g_utf8_offset_to_pointer (cells[1], 4);
      g_string_append_printf (out, "%s\n%.*s\n\n%s\n", cells[0],
                              (int) (mid - cells[1]), cells[1], mid);
      for (guint i = 2, k = 0; i < n; i++)
        if (*cells[i])
          g_string_append_printf (out, "%s%s", k++ ? " " : "", cells[i]);
      g_string_append_c (out, '\n');
      return;
    }
  for (guint i = 0, k = 0; i < n; i++)
    if (*cells[i])
      g_string_append_printf (out, "%s%s", k++ ? " " : "", cells[i]);
  g_string_append_c (out, '\n');
}

static char *
pdf_variant (BpDocument *doc, const BpTable *t)
{
  GString *out = g_string_new (NULL);
  for (int ln = 1; bp_document_source_line (doc, ln); ln++)
    {
      const char *line = bp_document_source_line (doc, ln);
      if (ln > t->line && ln <= t->end_line && strchr (line, '\t'))
        append_pdf_row (out, line);
      else
        g_string_append_printf (out, "%s\n", line);
      if (ln == t->line + 8)
        g_string_append (out, "- 12 -\n");
    }
  return g_string_free (out, FALSE);
}

static void
assert_same_rows (BpTable *clean, BpTable *pdf, const char *const *cols)
{
  guint coded = 0;
  for (guint i = 0; i < clean->rows->len; i++)
    {
      BpRow *r = g_ptr_array_index (clean->rows, i);
      if (!bp_text_is_class_code (bp_row_cell (r, 0)))
        continue;
      BpRow *p = row_with (pdf, 0, bp_row_cell (r, 0));
      g_assert_cmpstr (bp_row_cell (p, 1), ==, bp_row_cell (r, 1));
      for (guint c = 0; cols[c]; c++)
        g_assert_cmpstr (cell_under (pdf, p, cols[c]), ==, cell_under (clean, r, cols[c]));
      coded++;
    }
  g_assert_cmpuint (coded, >, 10);
}

static void
check_variant (const char *relpath, const char *type, const char *const *cols)
{
  g_autoptr (BpDocument) doc = corpus (relpath);
  BpTable *clean = bp_document_find_table (doc, type);
  g_autofree char *text = pdf_variant (doc, clean);
  g_autoptr (BpDocument) pdf = inline_doc (text);
  BpTable *t = bp_document_find_table (pdf, type);
  g_assert_nonnull (t);
  g_assert_cmpint (t->line, ==, clean->line);
  g_assert_cmpint (t->unit, ==, clean->unit);
  assert_same_rows (clean, t, cols);
}

static void
test_pdf_variants (void)
{
  static const char *const fcols[] = { "合计", "基本支出", "项目支出", NULL };
  static const char *const ecols[] = { "合计", "人员经费", "公用经费", NULL };
  check_variant ("000_fe5e375999e3baca.txt", "expense_summary", fcols);
  check_variant ("002_43945480f961a537.txt", "expense_summary", fcols);
  check_variant ("002_43945480f961a537.txt", "general_budget_expense", fcols);
  check_variant ("000_fe5e375999e3baca.txt", "basic_expense", ecols);
  check_variant ("001_99a99fce1cd6da03.txt", "basic_expense", ecols);
}

/* ---- golden files: tests/expected/<stem>.tables.json ------------------ */

static void
add_strings (JsonBuilder *b, GPtrArray *cells)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < cells->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (cells, i));
  json_builder_end_array (b);
}

static void
add_table (JsonBuilder *b, const BpTable *t)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, t->id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, t->type);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, t->number);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, t->line);
  json_builder_set_member_name (b, "end_line");
  json_builder_add_int_value (b, t->end_line);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, bp_unit_name (t->unit));
  json_builder_set_member_name (b, "empty");
  json_builder_add_boolean_value (b, t->empty);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, t->note);
  json_builder_set_member_name (b, "header");
  json_builder_begin_array (b);
  for (guint i = 0; i < t->header->len; i++)
    add_strings (b, g_ptr_array_index (t->header, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < t->rows->len; i++)
    {
      BpRow *r = g_ptr_array_index (t->rows, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, r->line);
      json_builder_set_member_name (b, "cells");
      add_strings (b, r->cells);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static char *
tables_json (const BpDocument *doc)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; i < doc->tables->len; i++)
    add_table (b, g_ptr_array_index (doc->tables, i));
  json_builder_end_array (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Reports the first differing line, not two whole documents. */
static void
assert_same_text (const char *got, const char *want)
{
  g_auto (GStrv) a = g_strsplit (got, "\n", -1);
  g_auto (GStrv) b = g_strsplit (want, "\n", -1);
  for (guint i = 0; a[i] || b[i]; i++)
    if (!a[i] || !b[i] || strcmp (a[i], b[i]) != 0)
      {
        g_test_message ("golden file differs at line %u (BP_REGENERATE=1 to accept)", i + 1);
        g_assert_cmpstr (a[i], ==, b[i]);
      }
}

/* The whole tables output of every corpus document against its golden
 * file; BP_REGENERATE=1 rewrites the golden files instead. */
static void
test_golden (gconstpointer data)
{
  const char *relpath = data;
  g_autoptr (BpDocument) doc = corpus (relpath);
  g_autofree char *got = tables_json (doc);
  g_autofree char *name = g_strconcat (doc->stem, ".tables.json", NULL);
  g_autofree char *rel = g_build_filename ("tests", "expected", name, NULL);
  g_autofree char *path = bp_harness_srcpath (rel);
  if (g_getenv ("BP_REGENERATE"))
    {
      g_autoptr (GError) error = NULL;
      g_assert_true (g_file_set_contents (path, got, -1, &error));
      return;
    }
  g_autofree char *want = NULL;
  g_assert_true (g_file_get_contents (path, &want, NULL, NULL));
  assert_same_text (got, want);
}

static const char *const golden_docs[] = {
  "000_fe5e375999e3baca.txt", "001_99a99fce1cd6da03.txt",
  "002_43945480f961a537.txt", "003_d6fb263bf47854f3.txt",
  "004_d9984b4f4bf4cec5.txt", "thirdparty/sh-pt-czj-2024-final.txt",
  "thirdparty/sh-pt-ghzy-2024-final.txt", "thirdparty/sh-pt-sfj-2026-budget.txt",
  "thirdparty/sh-pt-shiquan-2026-unit-budget.txt",
  "thirdparty/sh-pt-sthj-2025-final.txt", "thirdparty/sh-pt-wanli-2025-budget.txt",
  "thirdparty/sh-pt-yichuan-2025-final.txt", "thirdparty/sh-pt-zfb-2025-budget.txt",
};

/* The whole seed as PDF text lays it out, line for line: cells separated by
 * spaces, empty cells gone. The same tables must come out at the same lines,
 * with the same figures in the same places. */
static char *
pdf_layout_whole (BpDocument *doc)
{
  GString *out = g_string_new (NULL);
  for (int ln = 1; bp_document_source_line (doc, ln); ln++)
    {
      g_auto (GStrv) cells = g_strsplit (bp_document_source_line (doc, ln), "\t", -1);
      for (guint i = 0, k = 0; cells[i]; i++)
        if (*g_strstrip (cells[i]))
          g_string_append_printf (out, "%s%s", k++ ? " " : "", cells[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Non-empty cells of a row, spaces removed ("收 入 总 计" = "收入总计"). */
static char *
row_signature (const BpRow *r)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < r->cells->len; i++)
    {
      g_autofree char *c = bp_text_strip_spaces (g_ptr_array_index (r->cells, i));
      if (*c)
        g_string_append_printf (s, "%s|", c);
    }
  return g_string_free (s, FALSE);
}

static void
assert_same_signatures (const BpTable *clean, const BpTable *pdf)
{
  g_assert_cmpuint (pdf->rows->len, ==, clean->rows->len);
  for (guint i = 0; i < clean->rows->len; i++)
    {
      g_autofree char *a = row_signature (g_ptr_array_index (clean->rows, i));
      g_autofree char *b = row_signature (g_ptr_array_index (pdf->rows, i));
      g_assert_cmpstr (b, ==, a);
    }
}

static void
test_pdf_layout_whole (gconstpointer data)
{
  g_autoptr (BpDocument) doc = corpus (data);
  g_autofree char *text = pdf_layout_whole (doc);
  g_autoptr (BpDocument) pdf = inline_doc (text);
  g_assert_cmpuint (pdf->tables->len, ==, doc->tables->len);
  static const char *const fcols[] = { "合计", "基本支出", "项目支出", NULL };
  static const char *const ecols[] = { "合计", "人员经费", "公用经费", NULL };
  for (guint i = 0; i < doc->tables->len; i++)
    {
      BpTable *a = g_ptr_array_index (doc->tables, i);
      BpTable *b = g_ptr_array_index (pdf->tables, i);
      g_assert_cmpstr (b->type, ==, a->type);
      g_assert_cmpint (b->line, ==, a->line);
      g_assert_cmpint (b->unit, ==, a->unit);
      g_assert_cmpint (b->empty, ==, a->empty);
      if (!strcmp (a->type, "income_expense_summary") || !strcmp (a->type, "fiscal_summary")
          || !strcmp (a->type, "three_public"))
        assert_same_signatures (a, b);
      else if (!strcmp (a->type, "expense_summary"))
        assert_same_rows (a, b, fcols);
      else if (!strcmp (a->type, "basic_expense"))
        assert_same_rows (a, b, ecols);
    }
}


/* ---- plain pdftotext: one cell per line ------------------------------- */

/* Rows of TABLE with a code, and that each has its 合计. */
static guint
coded_rows_with_total (BpTable *t)
{
  guint n = 0;
  for (guint i = 0; i < t->rows->len; i++)
    {
      BpRow *r = g_ptr_array_index (t->rows, i);
      const char *code = bp_row_cell (r, 0);
      if (!code || !*code)
        continue;
      g_assert_cmpstr (cell_under (t, r, "合计"), !=, "");
      n++;
    }
  return n;
}

/* Guangzhou 表3: the codes, the names and the figures of a page each in
 * their own run, every cell printed (0.00 when empty). */
static void
test_plain_streams (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/gz-xfj-2026-budget-table3.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpint (exp->unit, ==, BP_UNIT_WANYUAN);
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 17);
  BpRow *total = row_with (exp, 1, "合计");
  g_assert_cmpstr (cell_under (exp, total, "合计"), ==, "3,944.08");
  g_assert_cmpstr (cell_under (exp, total, "基本支出"), ==, "3,204.78");
  g_assert_cmpstr (cell_under (exp, total, "项目支出"), ==, "739.30");
  BpRow *r = row_with (exp, 0, "2014001");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "1,859.41");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "28.00");
  r = row_with (exp, 0, "201");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "2,570.71");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2210203"), "合计"), ==, "739.06");
}

/* Shenzhen 表3 over three pages, "表3 支出总表" reprinted on each, nine
 * figures a row (the 政府采购 columns), the department's row on top. */
static void
test_plain_streams_pages (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sz-kab-2026-budget-table3.txt");
  g_assert_cmpuint (doc->tables->len, ==, 1);
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 21);
  BpRow *r = row_with (exp, 0, "201");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "46,284.00");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "3,053.34");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "43,230.65");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "20109"), "合计"), ==, "46,161.69");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2299999"), "合计"), ==, "7,647.43");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 1, "合计"), "合计"), ==, "55,884.67");
}

/* Shenzhen 表3 listed by unit (sz-gws): the department's row, then each
 * unit's row and its own rows, the codes starting over in every unit. A
 * row whose name wraps prints its figures before its code, and the rows
 * after it follow ("2080501 | 行政单位离退休 | 18 figures | 2080505"), so
 * no code stands beside its figures: the codes and the figure groups are
 * read side by side, the groups of the department and the units (each
 * the sum of its unit's 类 rows) left without a code. */
static void
test_plain_streams_by_unit (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sz-gws-2026-expense-by-unit.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_nonnull (exp);
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 73);
  BpRow *r = g_ptr_array_index (exp->rows, 0);
  g_assert_cmpstr (bp_row_cell (r, 0), ==, "");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "33,934.54");
  r = g_ptr_array_index (exp->rows, 1);
  g_assert_cmpstr (bp_row_cell (r, 0), ==, "");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "14,480.17");
  r = row_with (exp, 0, "2080505");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "机关事业单位基本养老保险缴费支出");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "252.00");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "252.00");
  r = row_with (exp, 0, "215");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "7,440.09");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2150302"), "合计"), ==, "4,622.63");
}

/* xa-ajj 表5 by unit, plain text (tests/corpus/plain/SOURCES.md): the
 * codes out of row order, two-digit 款, figures rows late. Each row is its
 * name and the first figure after it; the codes come from what is printed
 * before the name, a namesake in another unit (2089901 under 125003,
 * printed at the page's end) or the catalogue (2080505 under 125002), and
 * every sum holds. */
static void
test_plain_unit_names (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/xa-ajj-2019-function-by-unit.txt");
  BpTable *t = bp_document_find_table (doc, "general_budget_expense");
  g_assert_nonnull (t);
  g_assert_cmpuint (t->rows->len, ==, 64);
  BpRow *r = g_ptr_array_index (t->rows, 0);
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "合计");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "3,643.37");
  r = g_ptr_array_index (t->rows, 1);
  g_assert_cmpstr (bp_row_cell (r, 0), ==, "125001");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "2,080.32");
  r = row_with (t, 0, "125002");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "西安市安全生产宣传教育中心");
  guint unit = 0;
  for (guint i = 0; i < t->rows->len; i++)
    {
      r = g_ptr_array_index (t->rows, i);
      const char *code = bp_row_cell (r, 0);
      unit += g_str_equal (code, "125003");
      if (unit && g_str_equal (code, "2089901"))
        {
          g_assert_cmpstr (cell_under (t, r, "合计"), ==, "0.79");
          break;
        }
      g_assert_cmpuint (strlen (code), !=, 2);
    }
  g_assert_cmpuint (unit, ==, 1);
  r = row_with (t, 0, "20805");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "行政事业单位离退休");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "113.28");
}

/* Fuzhou 支出预算总表: rows in order, but the page's "单位：万元" printed
 * after them. (The 基本/项目 figures, each on its own line, are not yet
 * put back into their rows: only the 合计 is asserted.) */
static void
test_plain_unit_after_rows (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/fz-kjj-2026-unit-budget-table3.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpint (exp->unit, ==, BP_UNIT_WANYUAN);
  g_assert_cmpint (exp->end_line, >=, 196);   /* the unit line is the table's */
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 20);
  BpRow *r = row_with (exp, 0, "206");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "69651.54");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2210203"), "合计"), ==, "41.38");
}

/* Chongqing 表五 over two pages (cq-qxj-2026-budget): pdftotext printed
 * each page's codes, names and figures in blocks of its own making, the
 * codes out of order ("20805 | 2080505 | 2080506 | 210 | 2080599 …") and
 * the figures neither row by row nor column by column ("82.51 | 82.51 |
 * 82.32 | 0.19 | 46.01 | …" then "82.51 | 23.01 | 13.49 | 31.68 | …"), a
 * figure split at its decimal point. The sums place every figure: each
 * row's cells satisfy the column identities, parents their children's
 * sums, 合计 the 类'. (Siblings whose cells look alike, as 2200508 and
 * 2200509, each a 项目支出 only, the sums cannot tell apart.) */
static void
test_plain_streams_block_order (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/cq-qxj-2026-budget-table5.txt");
  BpTable *exp = bp_document_find_table (doc, "general_budget_expense");
  g_assert_nonnull (exp);
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 23);
  BpRow *total = row_with (exp, 1, "合计");
  g_assert_cmpstr (cell_under (exp, total, "合计"), ==, "12,672.73");
  g_assert_cmpstr (cell_under (exp, total, "人员经费"), ==, "5,308.05");
  g_assert_cmpstr (cell_under (exp, total, "项目支出"), ==, "7,227.34");
  BpRow *r = row_with (exp, 0, "2080599");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "13.49");
  g_assert_cmpstr (cell_under (exp, r, "人员经费"), ==, "13.30");
  g_assert_cmpstr (cell_under (exp, r, "公用经费"), ==, "0.19");
  r = row_with (exp, 0, "2200501");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "5,291.50");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "68.00");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "22005"), "合计"), ==, "12,418.84");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2101199"), "合计"), ==, "4.36");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2240108"), "项目支出"), ==, "100.00");
}

/* Shanghai 支出预算总表 over two pages: no empty cell printed (a row has
 * two figures or three), 2010699's 项目支出 printed after 21011's figures,
 * 合计 last. Each row gets its own figures back. */
static void
test_plain_streams_uneven (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sh-ckzx-2026-unit-budget-table3.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 16);
  BpRow *r = row_with (exp, 0, "2010699");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "6,902,500");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "6,902,500");
  r = row_with (exp, 0, "2080502");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "80,760");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "80,760");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2101102"), "合计"), ==, "1,069,600");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "201"), "项目支出"), ==, "6,902,500");
  BpRow *total = row_with (exp, 1, "合计");
  g_assert_cmpstr (cell_under (exp, total, "合计"), ==, "21,443,300");
  g_assert_cmpstr (cell_under (exp, total, "基本支出"), ==, "14,540,800");
}

/* Shanghai 支出预算总表 printing each code's 类, 款 and 项 digits in
 * columns of their own (sh-kdfx-2026-unit-budget): plain text prints them
 * as separate tokens among the names and figures ("205 | 09 | … | 208 |
 * 208 | 05 | 99": 2050999's 项 digits after the next 类's), 2050203's
 * 基本/项目 figures before its name and total, 2050299's 项目支出 after
 * 20805's figures. Every code and figure is that of the -layout text's
 * rows; no two-digit token is a figure. */
static void
test_plain_digit_columns (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sh-kdfx-2026-unit-budget-table3.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 16);
  static const char *const want[][4] = {
    { "205", "93,654,254", "53,628,254", "40,026,000" },
    { "20502", "44,139,634", "40,117,134", "4,022,500" },
    { "2050203", "42,817,134", "40,117,134", "2,700,000" },
    { "2050299", "1,322,500", "", "1,322,500" },
    { "2050999", "49,514,620", "13,511,120", "36,003,500" },
    { "20805", "8,432,440", "8,432,440", "" },
    { "2080506", "2,810,780", "2,810,780", "" },
    { "2101102", "3,513,500", "3,513,500", "" },
    { "2210201", "2,459,420", "2,459,420", "" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      BpRow *r = row_with (exp, 0, want[i][0]);
      g_assert_cmpstr (cell_under (exp, r, "合计"), ==, want[i][1]);
      g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, want[i][2]);
      g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, want[i][3]);
    }
  BpRow *total = row_with (exp, 1, "合计");
  g_assert_cmpstr (cell_under (exp, total, "合计"), ==, "108,059,614");
  g_assert_cmpstr (cell_under (exp, total, "项目支出"), ==, "40,026,000");
  for (guint i = 0; i < exp->rows->len; i++)
    {
      const char *code = bp_row_cell (g_ptr_array_index (exp->rows, i), 0);
      g_assert_cmpstr (code, !=, "2080599");   /* 99 read onto the wrong row */
    }
}

/* The same tables where the 项 column comes after the 款 column
 * (sh-flcp: "229 | 229 08 | 229 08 | 229 99 | 229 99 | … | 04 | 99"), and
 * where 款 rows' own digits come after their 项 rows' (sh-hyjc: 20805's
 * and 21011's "05 | 11" printed after 2200128's 款 digits). */
static void
test_plain_digit_columns_apart (void)
{
  g_autoptr (BpDocument) flcp = corpus ("plain/sh-flcp-2026-unit-budget-table3.txt");
  BpTable *exp = bp_document_find_table (flcp, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 5);
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2290804"), "合计"), ==, "215,020,000");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2299999"), "项目支出"), ==, "1,781,570");
  g_autoptr (BpDocument) hyjc = corpus ("plain/sh-hyjc-2026-unit-budget-table3.txt");
  exp = bp_document_find_table (hyjc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 16);
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "20805"), "合计"), ==, "3,196,880");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "21011"), "合计"), ==, "1,061,700");
  BpRow *r = row_with (exp, 0, "2200128");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "153,003,229");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "153,003,229");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2200150"), "基本支出"), ==, "19,592,362");
}

/* A row whose 基本支出 and 项目支出 plain text printed side by side three
 * rows later (sh-tjdsj 支出预算总表: 2010550's "18,077,869 | … | 815,019 |
 * 815,019 | 17,877,869 | 200,000 | 1,340,100", the last 2010599's): the
 * two figures complete the row together, the table is read. */
static void
test_plain_late_figure_pair (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sh-tjdsj-2026-unit-budget-table3.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 19);
  BpRow *r = row_with (exp, 0, "2010550");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "18,077,869");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "17,877,869");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "200,000");
  r = row_with (exp, 0, "2010599");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "1,340,100");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2080599"), "合计"), ==, "2,800");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 1, "合计"), "基本支出"), ==, "22,212,083");
}

/* The first row's figures printed among the header's lines (sh-hyjc 基本
 * 支出 table: "类 | 合计 | 人员经费 | 工资福利支出 | 17,174,073 |
 * 17,174,073 | 公用经费 | 款 | 301"), and 合计's 人员经费 equal to them:
 * they are 301's figures, and the 合计 line is no repeated header. */
static void
test_plain_header_figures (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sh-hyjc-2026-unit-budget-table8.txt");
  BpTable *t = bp_document_find_table (doc, "basic_expense");
  g_assert_cmpuint (coded_rows_with_total (t), ==, 34);
  BpRow *r = row_with (t, 0, "301");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "17,174,073");
  g_assert_cmpstr (cell_under (t, r, "人员经费"), ==, "17,174,073");
  /* its name and figures on lines of their own, not joined as prose */
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "30108"), "人员经费"), ==, "1,887,467");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "30209"), "公用经费"), ==, "1,227,977");
  r = row_with (t, 1, "合计");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "24,328,708");
  g_assert_cmpstr (cell_under (t, r, "人员经费"), ==, "17,478,393");
  g_assert_cmpstr (cell_under (t, r, "公用经费"), ==, "6,850,315");
}

/* A row's figure printed before its row, among the header's lines
 * (sh-pt-fly 收入预算总表: "事业收入 | 2,620,000 | 项 | 208 | 社会保障和就业
 * 支出 | 11,281,624 | 8,661,624"): it completes that row. */
static void
test_plain_figure_before_row (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sh-pt-fly-2024-unit-budget-table2.txt");
  BpTable *t = bp_document_find_table (doc, "income_summary");
  g_assert_cmpuint (coded_rows_with_total (t), ==, 14);
  BpRow *r = row_with (t, 0, "208");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "11,281,624");
  g_assert_cmpstr (cell_under (t, r, "财政拨款收入"), ==, "8,661,624");
  g_assert_cmpstr (cell_under (t, r, "事业收入"), ==, "2,620,000");
  r = row_with (t, 1, "合计");
  g_assert_cmpstr (cell_under (t, r, "事业收入"), ==, "2,620,000");
}

/* A page's note printed amid the last row's cells (sz 支出总表: "2210203 |
 * 购房补贴 | 注：本套报表金额单位转换时可能存在尾数误差。 | 2,084.20 | …"):
 * the figures after it are the row's, not the note's. */
static void
test_plain_note_amid_cells (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sz-zfbgt-2026-budget-table3.txt");
  BpTable *t = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (t), ==, 19);
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2210203"), "合计"), ==, "2,084.20");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "201"), "合计"), ==, "5,881.20");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2010301"), "合计"), ==, "5,203.26");
  g_assert_cmpstr (cell_under (t, row_with (t, 1, "合计"), "合计"), ==, "10,192.01");
}

/* Codes whose names wrapped are printed after the next 类's rows
 * (sh-pt-shgzb: "… | 11.72 | 307.82 | 105.58 | 208 | 20805 | 2080505 |
 * 2080506 | 合计 | 注：… | 202.24"). 208, 210 and 221 each equal their
 * 款, so the codes in the stream's order add up too: the table's own
 * ascending order is read first. */
static void
test_plain_codes_ascending_first (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sh-pt-shgzb-2024-final-table5.txt");
  BpTable *t = bp_document_find_table (doc, "general_budget_expense");
  g_assert_cmpuint (coded_rows_with_total (t), ==, 17);
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "208"), "合计"), ==, "10.82");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2080505"), "合计"), ==, "6.18");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "210"), "合计"), ==, "2.71");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "221"), "合计"), ==, "29.42");
  g_assert_cmpstr (cell_under (t, row_with (t, 1, "合计"), "项目支出"), ==, "202.24");
}

/* A table that prints only its 项 rows (qz 支出预算总表: 2040101, 2040201,
 * … under 合计, no 类 or 款 row): 合计 is the sum of the rows without a
 * parent, which confirms the streams read side by side. */
static void
test_plain_items_only (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/qz-gaj-2026-unit-budget-table3.txt");
  BpTable *t = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (t), ==, 15);
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2040101"), "合计"), ==, "427.93");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2040201"), "合计"), ==, "25148.09");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2210203"), "合计"), ==, "50.98");
  g_assert_cmpstr (cell_under (t, row_with (t, 1, "合计"), "合计"), ==, "58341.63");
}

/* A 类 cell printed damaged (sh-pt-fly 支出预算总表: "7 | 11 | 02" for
 * 2101102, the 类 tokens one 210 short): the lone digit stands for a 类
 * of unknown digits, and the reading the figures confirm is kept. */
static void
test_plain_damaged_class (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sh-pt-fly-2024-unit-budget-table3.txt");
  BpTable *t = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (t), ==, 14);
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2101102"), "合计"), ==, "503,724");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2081005"), "项目支出"), ==, "2,620,000");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2210201"), "合计"), ==, "335,816");
  g_assert_cmpstr (cell_under (t, row_with (t, 1, "合计"), "合计"), ==, "12,121,164");
}

/* The same damaged 类 cell in -layout text (" 7    11   02   事业单位医疗"
 * under "210   11        行政事业单位医疗"): the row goes on the 款 above,
 * its 类 is that row's. */
static void
test_layout_damaged_class (void)
{
  g_autoptr (BpDocument) doc = corpus ("layout/sh-pt-fly-2024-expense-summary.txt");
  BpTable *t = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (t), ==, 14);
  BpRow *r = row_with (t, 0, "2101102");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "事业单位医疗");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "503,724");
  g_assert_cmpstr (cell_under (t, r, "基本支出"), ==, "503,724");
}

/* A reading of the digits that the sums do not confirm is not used: with
 * one 款 token lost ("09"), no code gets figures, and no two-digit token
 * becomes a figure of a code the streams rebuilt. */
static void
test_plain_digit_columns_unconfirmed (void)
{
  g_autoptr (BpDocument) doc = bp_harness_load_corpus ("plain/sh-kdfx-2026-unit-budget-table3.txt");
  bp_harness_replace_text (doc, "\n09\n", "\n");
  run_tables (doc);
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  for (guint i = 0; i < exp->rows->len; i++)
    {
      BpRow *r = g_ptr_array_index (exp->rows, i);
      g_assert_cmpstr (bp_row_cell (r, 0), !=, "2050999");
      g_assert_cmpstr (bp_row_cell (r, 0), !=, "20805");
    }
}

/* A Shanghai Putuo district budget (plain text, tests/corpus/plain/
 * SOURCES.md): its 类 | 款 | 项 digits come out of row order within a
 * page ("210 | 07 | 210 | 11 | 210 | 11 | 01 | … | 11 | 02 | … | 17": the
 * 17 of 2100717 after 2101102's digits; "207 | 03 | 208 | 208 | 05 | 项 |
 * 08"), so no reading of the digits holds. The names give the codes (the
 * catalogue's), kept because they use the digit tokens exactly: a name
 * read again right after itself (其他公共安全支出, the catalogue lacking
 * 2049999) and names the catalogue lacks (科普活动) take the digits left
 * over in their 类. "01 / 02" one to a line are 项 digits, no column
 * numbers. Every table the layout text reads, row for row. */
static void
test_plain_digit_columns_by_names (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sh-pt-wanli-2024-budget.txt");
  static const char *const types[] = { "income_summary", "expense_summary",
                                       "general_budget_expense" };
  static const char *const want[][3] = {
    { "2100717", "计划生育服务", "200,000" },
    { "2101101", "行政单位医疗", "1,422,233" },
    { "2049999", "其他公共安全支出", "1,333,000" },
    { "2060702", "科普活动", "100,000" },
    { "2070308", "群众体育", "200,000" },
    { "2120102", "一般行政管理事务", "17,591,003" },
    { "2210399", "其他城乡社区住宅支出", "2,177,200" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (types); k++)
    {
      BpTable *t = bp_document_find_table (doc, types[k]);
      g_assert_cmpuint (coded_rows_with_total (t), ==, 66);
      for (guint i = 0; i < G_N_ELEMENTS (want); i++)
        {
          BpRow *r = row_with (t, 0, want[i][0]);
          g_assert_cmpstr (bp_row_cell (r, 1), ==, want[i][1]);
          g_assert_cmpstr (cell_under (t, r, "合计"), ==, want[i][2]);
        }
      g_assert_cmpstr (cell_under (t, row_with (t, 1, "合计"), "合计"), ==, "156,211,123");
    }
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  BpRow *r = row_with (exp, 0, "208");
  g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, "13,368,164");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "6,235,900");
  /* its 经济分类 table prints two 款 digits without their zero ("301 | 2 |
   * 津贴补贴"): one digit right after a 类 token is the 款's */
  BpTable *eco = bp_document_find_table (doc, "basic_expense");
  g_assert_cmpuint (coded_rows_with_total (eco), ==, 31);
  g_assert_cmpstr (cell_under (eco, row_with (eco, 0, "30102"), "合计"), ==, "16,623,810");
  g_assert_cmpstr (cell_under (eco, row_with (eco, 0, "30107"), "合计"), ==, "11,447,100");
  g_assert_cmpstr (cell_under (eco, row_with (eco, 1, "合计"), "公用经费"), ==, "11,168,569");
}

/* The same with the late "17" of 2100717 misprinted "18": the names' codes
 * no longer use the digit tokens, and no row takes a code from them. */
static void
test_plain_digit_columns_by_names_unused (void)
{
  g_autoptr (BpDocument) doc = bp_harness_load_corpus ("plain/sh-pt-wanli-2024-budget.txt");
  bp_harness_replace_text (doc, "1,601,424\n\n0\n\n17\n", "1,601,424\n\n0\n\n18\n");
  run_tables (doc);
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  for (guint i = 0; i < exp->rows->len; i++)
    {
      const char *code = bp_row_cell (g_ptr_array_index (exp->rows, i), 0);
      g_assert_cmpstr (code, !=, "2100717");
      g_assert_cmpstr (code, !=, "2100718");
      g_assert_cmpstr (code, !=, "2060702");
    }
}

/* cn 部门支出总表 (plain text, tests/corpus/plain/SOURCES.md): each page's
 * figures in pdftotext's block order ("7,736.44 | 39,442.86 | 47,179.30 |
 * … | 项目支出 | 47,179.30 | 2014001 | 205 | 基本支出 | 737.29 …"), its
 * 合计 row printed under the rows, at the end of the second page. The
 * solver reads 合计 there (its total is the table's largest figure); the
 * parts it leaves in 项目支出 and 上缴上级支出, which the sums cannot tell
 * from 基本支出, go to 基本支出 and 项目支出. */
static void
test_plain_total_last_page (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/cn-xfj-2026-expense-summary.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 22);
  static const char *const want[][4] = {
    { "201", "47,179.30", "7,736.44", "39,442.86" },
    { "2014001", "6,286.21", "6,286.21", "" },
    { "2014002", "737.29", "", "737.29" },
    { "2014099", "36,230.56", "", "36,230.56" },
    { "2050803", "118.01", "", "118.01" },
    { "2080506", "427.19", "427.19", "" },
    { "2210203", "341.00", "341.00", "" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      BpRow *r = row_with (exp, 0, want[i][0]);
      g_assert_cmpstr (cell_under (exp, r, "合计"), ==, want[i][1]);
      g_assert_cmpstr (cell_under (exp, r, "基本支出"), ==, want[i][2]);
      g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, want[i][3]);
      g_assert_cmpstr (cell_under (exp, r, "上缴上级支出"), ==, "");
    }
  BpRow *total = row_with (exp, 1, "合计");
  g_assert_cmpstr (cell_under (exp, total, "合计"), ==, "50,616.94");
  g_assert_cmpstr (cell_under (exp, total, "基本支出"), ==, "11,056.07");
  g_assert_cmpstr (cell_under (exp, total, "项目支出"), ==, "39,560.87");
}

/* js 财政拨款支出预算表 (plain text, 2018): the three 20805 rows' figures
 * printed after the table's last row. They go back to those rows in
 * order, because 20805 is then their sum; figures that do not add up stay
 * where they are. */
#define LATE_HEAD "五、2018 年度江苏省高级人民法院财政拨款支出预算表\n单位：万元\n" \
  "功能科目代码\n功能科目名称\n合计\n金额\n2,254.76\n208\n社会保障和就业支出\n2,254.76\n" \
  "20805\n行政事业单位离退休\n2,254.76\n2080504\n未归口管理的行政单位离退休\n" \
  "2080505\n机关事业单位基本养老保险缴费支出\n2080506\n机关事业单位职业年金缴费支出\n"
static void
test_plain_late_figures (void)
{
  g_autoptr (BpDocument) doc = inline_doc (LATE_HEAD "397.23\n1,326.81\n530.72\n");
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  BpRow *r = row_with (t, 0, "2080504");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "未归口管理的行政单位离退休");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "397.23");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2080506"), "合计"), ==, "530.72");
  g_autoptr (BpDocument) bad = inline_doc (LATE_HEAD "397.23\n1,326.81\n503.72\n");
  t = g_ptr_array_index (bad->tables, 0);
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2080504"), "合计"), ==, "");
}

/* Streams that the code hierarchy does not confirm are not used: with a
 * figure run out of step, no code gets another row's figures. */
#define PLAIN_HEAD "表3\n支出总表\n单位：万元\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n" \
  "201\n20101\n2010101\n208\n20805\n2080501\n一般公共服务支出\n人大事务\n行政运行\n" \
  "社会保障和就业支出\n行政事业单位养老支出\n行政单位离退休\n"
static void
test_plain_streams_unconfirmed (void)
{
  g_autoptr (BpDocument) ok = inline_doc (
      PLAIN_HEAD "合计\n15.00\n9.00\n6.00\n10.00\n4.00\n6.00\n10.00\n4.00\n6.00\n"
      "10.00\n4.00\n6.00\n5.00\n5.00\n0.00\n5.00\n5.00\n0.00\n5.00\n5.00\n0.00\n");
  BpTable *exp = bp_document_find_table (ok, "expense_summary");
  BpRow *r = row_with (exp, 0, "2010101");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "10.00");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "6.00");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "行政运行");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "208"), "合计"), ==, "5.00");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 1, "合计"), "合计"), ==, "15.00");
  /* 20101's figures printed twice, 2080501's lost: nothing confirms. */
  g_autoptr (BpDocument) bad = inline_doc (
      PLAIN_HEAD "合计\n15.00\n9.00\n6.00\n10.00\n4.00\n6.00\n10.00\n4.00\n6.00\n"
      "10.00\n4.00\n6.00\n10.00\n4.00\n6.00\n5.00\n5.00\n0.00\n5.00\n5.00\n0.00\n");
  exp = bp_document_find_table (bad, "expense_summary");
  for (guint i = 0; i < exp->rows->len; i++)
    g_assert_cmpstr (bp_row_cell (g_ptr_array_index (exp->rows, i), 0), !=, "208");
}

/* Hangzhou 表3 and 表5 in plain text (hz-qxj-2026-budget): rows printed
 * with names only, the names partly in runs of their own ("科学技术支出 |
 * 技术研究与开发 | … | 社会保障和就业支出" before the figures; 表5's first
 * names among the header's lines) and 卫生健康支出 printed after its
 * 款's and 项's rows. The codes come from the catalogue by name, in code
 * order; 基本支出 over 人员支出 | 日常公用支出 without a 小计 is a heading
 * in 表3 and a column in 表5 (小计 under it), its parts beside it. */
static void
test_plain_names_stream (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/hz-qxj-2026-budget-tables3-5.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 17);
  g_assert_cmpint (bp_table_find_column (exp, "基本支出"), <, 0);
  BpRow *r = row_with (exp, 0, "210");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "卫生健康支出");
  g_assert_cmpstr (cell_under (exp, r, "合计"), ==, "80.52");
  g_assert_cmpstr (cell_under (exp, r, "人员经费"), ==, "80.52");
  r = row_with (exp, 0, "2200501");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "行政运行");
  g_assert_cmpstr (cell_under (exp, r, "人员经费"), ==, "1,907.01");
  g_assert_cmpstr (cell_under (exp, r, "公用经费"), ==, "710.18");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2200509"), "项目支出"), ==, "2,103.61");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 1, "合计"), "合计"), ==, "5,876.67");
  BpTable *gen = bp_document_find_table (doc, "general_budget_expense");
  g_assert_cmpuint (coded_rows_with_total (gen), ==, 17);
  r = row_with (gen, 0, "206");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "科学技术支出");
  g_assert_cmpstr (cell_under (gen, r, "项目支出"), ==, "28.00");
  r = row_with (gen, 0, "220");
  g_assert_cmpstr (cell_under (gen, r, "合计"), ==, "5,247.87");
  g_assert_cmpstr (cell_under (gen, r, "基本支出"), ==, "3,267.87");
  g_assert_cmpstr (cell_under (gen, r, "公用经费"), ==, "837.37");
  g_assert_cmpstr (cell_under (gen, r, "项目支出"), ==, "1,980.00");
}

/* Hangzhou 表3 and 表5 in plain text (hz-sfj-2026-budget): items the
 * catalogue does not know (罪犯生活及医疗卫生, 强制隔离戒毒人员教育, …)
 * keep their places among their siblings and stay uncoded, the siblings
 * with them (as namecodes.c leaves them), their figures still placed by
 * the 款's sums; "司法" is a row though the department's name holds it;
 * 表5's 合计 has its 项目支出 (wrapped: "21,118.5" / "1") printed after the
 * next row's total; "12,868.0" / "12,868.00" / "0": a wrapped digit after
 * a figure of the row beside it. */
static void
test_plain_names_stream_unknown (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/hz-sfj-2026-budget-tables3-5.txt");
  BpTable *exp = bp_document_find_table (doc, "expense_summary");
  g_assert_cmpuint (coded_rows_with_total (exp), ==, 27);
  BpRow *r = row_with (exp, 0, "20406");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "司法");
  r = row_with (exp, 0, "2040601");
  g_assert_cmpstr (cell_under (exp, r, "公用经费"), ==, "1,553.03");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "2040699"), "项目支出"), ==, "1,666.01");
  r = row_with (exp, 1, "罪犯生活及医疗卫生");
  g_assert_cmpstr (bp_row_cell (r, 0), ==, "");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "4,250.62");
  r = row_with (exp, 1, "其他监狱支出");
  g_assert_cmpstr (cell_under (exp, r, "项目支出"), ==, "131.00");
  g_assert_cmpstr (cell_under (exp, row_with (exp, 0, "20407"), "合计"), ==, "59,935.35");
  for (guint i = 0; i < exp->rows->len; i++)   /* 监狱's 项: uncoded */
    g_assert_false (g_str_has_prefix (bp_row_cell (g_ptr_array_index (exp->rows, i), 0), "2040"
                                      "7") && strlen (bp_row_cell (g_ptr_array_index (exp->rows, i), 0)) == 7);
  BpTable *gen = bp_document_find_table (doc, "general_budget_expense");
  r = row_with (gen, 1, "合计");
  g_assert_cmpstr (cell_under (gen, r, "合计"), ==, "91,842.80");
  g_assert_cmpstr (cell_under (gen, r, "项目支出"), ==, "21,118.51");
  r = row_with (gen, 0, "20199");
  g_assert_cmpstr (cell_under (gen, r, "合计"), ==, "12,868.00");
  g_assert_cmpstr (cell_under (gen, r, "项目支出"), ==, "12,868.00");
  g_assert_cmpstr (cell_under (gen, row_with (gen, 0, "204"), "基本支出"), ==, "60,830.83");
}

/* Xi'an 表5 in plain text (xa-gzw-2022-budget): every cell printed, but
 * column by column a block of rows at a time (the 合计 column of eight
 * rows, then their 人员经费支出, …; then four rows, three, four, three;
 * 2150702's 合计 first in the block of 221's rows). Each row gets its own
 * figures back, as the -layout text prints them. */
static void
test_plain_column_blocks (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/xa-gzw-2022-budget-table5.txt");
  BpTable *gen = bp_document_find_table (doc, "general_budget_expense");
  g_assert_cmpuint (coded_rows_with_total (gen), ==, 21);
  BpRow *r = row_with (gen, 1, "合计");
  g_assert_cmpstr (cell_under (gen, r, "合计"), ==, "25180591.33");
  g_assert_cmpstr (cell_under (gen, r, "人员经费"), ==, "13593324.02");
  r = row_with (gen, 0, "2150701");
  g_assert_cmpstr (cell_under (gen, r, "合计"), ==, "10936676.36");
  g_assert_cmpstr (cell_under (gen, r, "公用经费"), ==, "993767.31");
  r = row_with (gen, 0, "2150702");
  g_assert_cmpstr (cell_under (gen, r, "合计"), ==, "945000.00");
  g_assert_cmpstr (cell_under (gen, r, "人员经费"), ==, "0.00");
  r = row_with (gen, 0, "221");
  g_assert_cmpstr (cell_under (gen, r, "合计"), ==, "11207511.42");
  g_assert_cmpstr (cell_under (gen, r, "人员经费"), ==, "1559011.42");
  g_assert_cmpstr (cell_under (gen, row_with (gen, 0, "2210203"), "人员经费"), ==, "441338.28");
}

/* Xi'an 表7 in plain text (xa-ybj-2022-budget): figures printed without
 * trailing zeros ("594390.8 | 594390.8 | 0 | 0"): the lone "0"s are cells,
 * not a wrapped last digit (only a body whose figures carry two decimals
 * has those). */
static void
test_plain_empty_item_in_stream (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/xa-sjj-2026-budget-table7.txt");
  BpTable *basic = bp_document_find_table (doc, "basic_expense");
  g_assert_nonnull (basic);
  BpRow *r = row_with (basic, 0, "20108");
  g_assert_cmpstr (cell_under (basic, r, "合计"), ==, "23,382,409.50");
  g_assert_cmpstr (cell_under (basic, r, "人员经费"), ==, "21,523,949.82");
  r = row_with (basic, 0, "2010801");
  g_assert_cmpstr (cell_under (basic, r, "公用经费"), ==, "1,858,459.68");
}

static void
test_plain_header_repeat_short_cells (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/xa-wjw-2022-final-table05-pages.txt");
  BpTable *t = bp_document_find_table (doc, "general_budget_expense");
  g_assert_nonnull (t);
  BpRow *r = row_with (t, 0, "21011");
  g_assert_null (strstr (bp_row_cell (r, 1), "栏次"));
  g_assert_cmpstr (bp_row_cell (r, 2), !=, "1");
  for (guint i = 0; i < t->rows->len; i++)
    {
      const char *total = bp_row_cell (g_ptr_array_index (t->rows, i), 2);
      g_assert_true (strcmp (total, "2") != 0 && strcmp (total, "3") != 0);
    }
}

static void
test_plain_unit_code_run (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/xa-mzj-2021-budget-table3.txt");
  BpTable *t = bp_document_find_table (doc, "expense_summary");
  g_assert_nonnull (t);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = g_ptr_array_index (t->rows, i);
      for (guint c = 2; c < r->cells->len; c++)
        g_assert_false (g_str_has_prefix (bp_row_cell (r, c), "241"));
    }
}

/* xa-mzj 表5 in plain text: 序号 numbers among the codes ("10 2080208",
 * "12 20805 / 13 / 14"), page 1's figures column by column a block of
 * rows at a time, page 2's first two rows (codes among its header lines)
 * printed after the page's other rows. */
static void
test_plain_row_numbers_blocks_late_rows (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/xa-mzj-2021-budget-table5.txt");
  BpTable *t = bp_document_find_table (doc, "general_budget_expense");
  g_assert_nonnull (t);
  g_assert_cmpuint (t->rows->len, ==, 37);
  BpRow *r = row_with (t, 0, "2080208");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "650,000.00");
  g_assert_cmpstr (cell_under (t, r, "专项业务经费"), ==, "650,000.00");
  r = row_with (t, 0, "2081005");
  g_assert_cmpstr (cell_under (t, r, "人员经费"), ==, "57,301,146.13");
  g_assert_cmpstr (cell_under (t, r, "公用经费"), ==, "3,082,765.47");
  r = row_with (t, 0, "2089999");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "251,905,047.37");
  g_assert_cmpstr (cell_under (t, r, "人员经费"), ==, "25,047.37");
  r = row_with (t, 0, "210");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "1,176,894.18");
  r = row_with (t, 0, "2210203");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "1,863,597.50");
}

/* xa-czj 表5 in plain text (tests/corpus/namecodes): rows printed with
 * their names and figures, the codes in runs apart ("205 / 20504 /
 * 2050499 / 20508 …"). Names the
 * catalogue lacks (其他成人教育支出, 农业保险保费补贴, 储备粮油补贴) take
 * the next code of the runs, kept where the sums confirm them. */
static void
test_plain_unknown_name_takes_run_code (void)
{
  g_autoptr (BpDocument) doc = corpus ("namecodes/xian-plain-class-names.txt");
  BpTable *t = bp_document_find_table (doc, "general_budget_expense");
  g_assert_nonnull (t);
  static const char *const rows[][2] = { { "2050499", "其他成人教育支出" },
                                         { "2130803", "农业保险保费补贴" },
                                         { "2220401", "储备粮油补贴" },
                                         { "2220599", "其他重要商品储备支出" } };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      BpRow *r = row_with (t, 0, rows[i][0]);
      g_assert_cmpstr (bp_row_cell (r, 1), ==, rows[i][1]);
    }
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2050499"), "合计"), ==, "4,063,292.73");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2220401"), "合计"), ==, "39,240,000.00");
}

/* sz-ybj 表7 in plain text: "2101504 / 信息化建设 / 2101505 / (the header
 * printed again) / 347.33 / 0.00 / 347.33 / 医疗保障政策管理 / 1,970.30":
 * a row's code before the repeated header, its name and figures after
 * it, the row above's figures in between. The code goes to the name and
 * the figures to the row above, as the sums of 21015 confirm. */
static void
test_plain_code_over_page_break (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/sz-ybj-2026-budget-table7.txt");
  BpTable *t = bp_document_find_table (doc, "general_budget_expense");
  g_assert_nonnull (t);
  BpRow *r = row_with (t, 0, "2101504");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "信息化建设");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "347.33");
  r = row_with (t, 0, "2101505");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "医疗保障政策管理");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "1,970.30");
}

static void
test_plain_no_wrapped_digits (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/xa-ybj-2022-budget-table7.txt");
  BpTable *basic = bp_document_find_table (doc, "basic_expense");
  BpRow *r = row_with (basic, 0, "2101101");
  g_assert_cmpstr (cell_under (basic, r, "合计"), ==, "594390.8");
  g_assert_cmpstr (cell_under (basic, r, "人员经费"), ==, "594390.8");
  g_assert_cmpstr (cell_under (basic, r, "公用经费"), ==, "0");
}

/* Wuxi 支出总表 (wx-jyj-2026-budget, -layout text): a 类 with eight 款
 * of two or three figures among five columns, too many combinations to try
 * them all; 20509 and 20599 print their figure under 项目支出. */
static void
test_layout_many_children (void)
{
  static const char text[] =
      "                                            支出总表\n"
      "部门：无锡市教育局                                                                               单位：万元\n"
      "                                                                       事业单位            对附属单位补\n"
      "  科目编码                  科目名称   合计           基本支出          项目支出                上缴上级支出\n"
      "                                                                       经营支出             助支出\n"
      "205             教育支出           366,490.44    185,108.04   181,382.40\n"
      "  20501         教育管理事务          50,586.98      5,833.45    44,753.53\n"
      "      2050101   行政运行             1,631.11      1,631.11\n"
      "      2050199   其他教育管理事务支出      48,955.87      4,202.34    44,753.53\n"
      "  20502         普通教育           189,853.91    108,398.71    81,455.20\n"
      "      2050201   学前教育             6,611.65      5,342.21     1,269.44\n"
      "      2050202   小学教育            11,762.52     10,946.09       816.43\n"
      "      2050203   初中教育            12,720.44     11,407.32     1,313.12\n"
      "      2050204   高中教育            84,743.99     58,595.76    26,148.23\n"
      "      2050205   高等教育            74,015.31     22,107.33    51,907.98\n"
      "  20503         职业教育            77,171.03     60,611.52    16,559.51\n"
      "      2050302   中等职业教育          53,852.91     39,851.94    14,000.97\n"
      "      2050305   高等职业教育          23,318.12     20,759.58     2,558.54\n"
      "  20505         广播电视教育          10,667.23      6,570.49     4,096.74\n"
      "      2050501   广播电视学校           6,658.29      6,061.55       596.74\n"
      "      2050502   教育电视台            4,008.94        508.94     3,500.00\n"
      "  20507         特殊教育             6,314.33      2,190.30     4,124.03\n"
      "      2050701   特殊学校教育           5,113.23      2,060.60     3,052.63\n"
      "      2050702   专门学校教育            1,201.10      129.70    1,071.40\n"
      "  20508         进修及培训             2,580.98    1,503.57    1,077.41\n"
      "      2050802   干部教育              2,580.98    1,503.57    1,077.41\n"
      "  20509         教育费附加安排的支出       27,899.98               27,899.98\n"
      "      2050999   其他教育费附加安排的支出     27,899.98               27,899.98\n"
      "  20599         其他教育支出            1,416.00                1,416.00\n"
      "      2059999   其他教育支出            1,416.00                1,416.00\n";
  g_autoptr (BpDocument) doc = inline_doc (text);
  BpTable *t = table_at (doc, 1);
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "20509"), "项目支出"), ==, "27,899.98");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "20509"), "基本支出"), ==, "");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "20599"), "项目支出"), ==, "1,416.00");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2050101"), "基本支出"), ==, "1,631.11");
}

/* Wuxi 财政拨款支出表: 基本支出 printed on the line above 合计, over
 * 小计 | 人员经费 | 公用经费 (wx-jyj-2026-budget 公开05表). */
static void
test_layout_basic_heading_above (void)
{
  static const char text[] =
      "                                    财政拨款支出表（功能科目）\n"
      " 部门：无锡市教育局                                                                                   单位：万元\n"
      "                                                                   基本支出\n"
      "       科目编码                  科目名称       合计                                                   项目支出\n"
      "                                                      小计           人员经费         公用经费\n"
      " 205             教育支出                   336,653.50    184,599.10   167,275.49    17,323.61   152,054.40\n"
      "   20501         教育管理事务                  44,286.98     5,833.45      5,465.66       367.79    38,453.53\n"
      "       2050101   行政运行                     1,631.11     1,631.11      1,495.82       135.29\n"
      "       2050199   其他教育管理事务支出              42,655.87     4,202.34      3,969.84       232.50    38,453.53\n";
  g_autoptr (BpDocument) doc = inline_doc (text);
  BpTable *t = table_at (doc, 1);
  BpRow *r = row_with (t, 0, "205");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "336,653.50");
  g_assert_cmpstr (cell_under (t, r, "基本支出"), ==, "184,599.10");
  g_assert_cmpstr (cell_under (t, r, "人员经费"), ==, "167,275.49");
  g_assert_cmpstr (cell_under (t, r, "公用经费"), ==, "17,323.61");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "152,054.40");
}

static void
test_layout_header_by_position (void)
{
  /* cq-slj 表二: ten income columns, their names broken over three lines
   * ("一般公共" / "预算拨款" / "收入"), "事业收入" on the lines between;
   * each figure stands under its column, empty cells and all. */
  static const char text[] =
      "                            2026 年部门收入总体情况表\n"
      "单位名称：重庆市水利局                                                                                             单位：万元\n"
      "\n"
      "            科目                         一般公共         政府性基        国有资本   财政专户             上级   附属单   事业单\n"
      "                                                                                   事业\n"
      "                            总计         预算拨款         金预算拨        经营预算   管理资金             补助   位上缴   位经营      其他收入\n"
      "                                                                                   收入\n"
      "科目编码             科目名称                   收入           款收入        拨款收入    收入              收入    收入    收入\n"
      "\n"
      "            合计            186,549.30   128,148.56   44,134.59          11,791.50                   962.62   1,512.04\n"
      "\n"
      "201       一般公共服务支出             59.56        59.56\n"
      "\n"
      "           政府办公厅（室）及相关机\n"
      " 20103                         59.56        59.56\n"
      "          构事务\n"
      "\n"
      "           专项业务及机关事务管理         59.56        59.56\n"
      "2010305\n"
      "\n"
      "205       教育支出             33,862.49    23,168.99     182.00           10,031.50                             480.00\n"
      "\n"
      " 20503    职业教育             33,668.32    23,156.82                      10,031.50                             480.00\n"
      "\n"
      "           高等职业教育          33,668.32    23,156.82                      10,031.50                             480.00\n"
      "2050305\n"
      "\n"
      " 20508    进修及培训                12.17        12.17\n"
      "\n";
  g_autoptr (BpDocument) doc = inline_doc (text);
  BpTable *t = table_at (doc, 1);
  g_assert_cmpuint (((GPtrArray *) t->header->pdata[0])->len, ==, 12);
  BpRow *total = row_with (t, 1, "合计");
  g_assert_cmpstr (cell_under (t, total, "合计"), ==, "186,549.30");
  g_assert_cmpstr (cell_under (t, total, "政府性基金预算拨款收入"), ==, "44,134.59");
  g_assert_cmpstr (cell_under (t, total, "国有资本经营预算拨款收入"), ==, "");
  g_assert_cmpstr (cell_under (t, total, "财政专户管理资金收入"), ==, "11,791.50");
  g_assert_cmpstr (cell_under (t, total, "事业单位经营收入"), ==, "962.62");
  g_assert_cmpstr (cell_under (t, total, "其他收入"), ==, "1,512.04");
  BpRow *r = row_with (t, 0, "205");
  g_assert_cmpstr (cell_under (t, r, "政府性基金预算拨款收入"), ==, "182.00");
  g_assert_cmpstr (cell_under (t, r, "财政专户管理资金收入"), ==, "10,031.50");
  g_assert_cmpstr (cell_under (t, r, "其他收入"), ==, "480.00");
}

static void
test_layout_last_year_column (void)
{
  /* cq-zfbgt 一般公共预算支出表: last year's 预算数 before this year's 总计
   * (read as 合计), 基本支出 over 小计 | 人员经费 | 公用经费; "80.18" stands
   * right of a short "总计", "77.70" reaches from under 一般公共 into the
   * next heading's words. */
  static const char text[] =
      "                               2026年一般公共预算支出情况表\n"
      "\n"
      "单位名称：重庆市人民政府办公厅                                                                                   单位：万元\n"
      "\n"
      "              功能分类科目                                                    2026年预算数\n"
      "                                 2025年预算\n"
      "                                     数                                   基本支出\n"
      "  科目编码                  科目名称                   总计                                                 项目支出\n"
      "                                                           小计            人员经费         公用经费\n"
      "                   合计              15,635.80   18,417.70   9,018.47        7,180.92    1,837.55     9,399.23\n"
      "\n"
      "201        一般公共服务支出                12,679.50   15,146.48   6,420.41        4,609.73    1,810.68     8,726.06\n"
      "20103      政府办公厅（室）及相关机构事务         12,679.50   15,146.48   6,420.41        4,609.73    1,810.68     8,726.06\n"
      " 2010301   行政运行                     6,077.49    6,342.71   6,342.71        4,542.97    1,799.74\n"
      " 2010302   一般行政管理事务                 6,027.47    8,220.69                                            8,220.69\n"
      " 2010350   事业运行                       70.89       77.70         77.70        66.76       10.94\n"
      " 2010399   其他政府办公厅（室）及相关机构事务支出       503.65      505.37                                              505.37\n"
      "\n"
      " 2010350   事业运行                       70.89       77.70         77.70        66.76       10.94\n"
      " 2010302   一般行政管理事务                 6,027.47    8,220.69                                            8,220.69\n";
  g_autoptr (BpDocument) doc = inline_doc (text);
  BpTable *t = table_at (doc, 1);
  BpRow *r = row_with (t, 0, "2010302");
  g_assert_cmpstr (bp_row_cell (r, 2), ==, "6,027.47");   /* 2025年预算数 */
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "8,220.69");
  g_assert_cmpstr (cell_under (t, r, "基本支出"), ==, "");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "8,220.69");
  r = row_with (t, 0, "2010350");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "77.70");
  g_assert_cmpstr (cell_under (t, r, "公用经费"), ==, "10.94");
}

static void
test_layout_staircase_positions (void)
{
  /* cq-qxj 表二: the cents of each figure one line below its whole part
   * ("14,770" / ".62 12,672" / ".73 579" …); cleanup joins the row, the
   * figure still stands where its whole part and cents do. 37.66 is 事业收入,
   * not 政府性基金 (which the identities alone could not tell). */
  static const char text[] =
      "                                   2026 年部门收入总体情况表\n"
      "单位名称:重庆市气象局                                                                                  单位:万元\n"
      "\n"
      "                   科     目                   一般公共      政府性基 国有资本 财政专户\n"
      "                                                                        事业      上级补助 附属单位 事业单位    其他\n"
      "                                   总 计       预算拨款      金预算拨 经营预算 管理资金\n"
      " 科目编码                  科 目 名 称                                          收入       收入  上缴收入 经营收入    收入\n"
      "                                              收入       款收入 拨款收入   收入\n"
      "                   合 计             14,770\n"
      "                                        .62 12,672\n"
      "                                                 .73    579\n"
      "                                                          .89           388\n"
      "                                                                          .00                    1,130\n"
      "                                                                                                     .00\n"
      "\n"
      "208             社会保障和就业支出            120\n"
      "                                       .17     82\n"
      "                                                .51                     37\n"
      "                                                                         .66\n"
      "\n"
      " 20805           行政事业单位养老支出          120\n"
      "                                       .17     82\n"
      "                                                .51                     37\n"
      "                                                                         .66\n"
      "                  机关事业单位基本养老保险缴费\n"
      "      2080505                         71\n"
      "                                       .12     46\n"
      "                                                .01                     25\n"
      "                                                                         .11\n"
      "                  支出\n"
      "\n"
      "      2080506     机关事业单位职业年金缴费支出      35\n"
      "                                       .56     23\n"
      "                                                .01                     12\n"
      "                                                                         .55\n"
      "\n"
      "      2080599     其他行政事业单位养老支出        13\n"
      "                                       .49     13\n"
      "\n";
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("inline.txt", text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stage ("cleanup", NULL, doc, NULL, &error));
  run_tables (doc);
  BpTable *t = bp_document_find_table (doc, "income_summary");
  g_assert_nonnull (t);
  BpRow *total = row_with (t, 1, "合计");
  g_assert_cmpstr (cell_under (t, total, "合计"), ==, "14,770.62");
  g_assert_cmpstr (cell_under (t, total, "一般公共预算拨款收入"), ==, "12,672.73");
  g_assert_cmpstr (cell_under (t, total, "事业收入"), ==, "388.00");
  g_assert_cmpstr (cell_under (t, total, "其他收入"), ==, "1,130.00");
  BpRow *r = row_with (t, 0, "208");
  g_assert_cmpstr (cell_under (t, r, "一般公共预算拨款收入"), ==, "82.51");
  g_assert_cmpstr (cell_under (t, r, "事业收入"), ==, "37.66");
}

static void
test_layout_heading_between_columns (void)
{
  /* sh-zsbys 财政拨款支出表: "财政拨款支出" / "基本支出" printed in the gap
   * between 人员经费 and 公用经费 (no 小计 column): a heading, not a column
   * (no figure stands under it), so 基本支出's parts keep their places. */
  static const char text[] =
      "                              2026年预算单位财政拨款支出预算表\n"
      "编制单位：上海钻石宝玉石交易联合管理办公室                                                            单位：元\n"
      "\n"
      "\n"
      "                      项目                                  财政拨款支出\n"
      "功能分类科目                                                      基本支出\n"
      "  编码                     功能分类科目名称       合计                                     项目支出\n"
      "类 款 项                                                人员经费         公用经费\n"
      "\n"
      "201          一般公共服务支出                    6,783,536    2,545,183    3,968,353     270,000\n"
      "\n"
      "201   13     商贸事务                        6,783,536    2,545,183    3,968,353     270,000\n"
      "\n"
      "201   13   01 行政运行                       6,513,536    2,545,183    3,968,353\n"
      "\n"
      "201   13   02 一般行政管理事务                     270,000                               270,000\n"
      "\n"
      "221          住房保障支出                        449,550      449,550\n";
  g_autoptr (BpDocument) doc = inline_doc (text);
  BpTable *t = table_at (doc, 1);
  g_assert_cmpint (bp_table_find_column (t, "基本支出"), <, 0);
  BpRow *r = row_with (t, 0, "2011301");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "6,513,536");
  g_assert_cmpstr (cell_under (t, r, "人员经费"), ==, "2,545,183");
  g_assert_cmpstr (cell_under (t, r, "公用经费"), ==, "3,968,353");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "");
  r = row_with (t, 0, "2011302");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "270,000");
}

static void
test_layout_comparison_columns (void)
{
  /* cn-xfj 一般公共预算支出表 (-layout): 2025年执行数 | 2026年预算数 (小计 |
   * 基本支出 | 项目支出) | 增减额 | 增减(%) twice. The one 小计 before
   * 基本支出 and 项目支出 is this year's 合计; 执行数 and 增减 columns are
   * no parts of it; the heading "2026年预算数比 / 2025年执行数" centred over
   * the second 增减额 | 增减(%) does not pull 增减(%) under 增减额's
   * figures ("34.80"). The table's title is line 40 of the excerpt
   * (tests/corpus/layout/SOURCES.md). */
  g_autoptr (BpDocument) doc = corpus ("layout/cn-xfj-2026-fiscal-and-general-budget.txt");
  BpTable *t = table_at (doc, 40);
  BpRow *r = row_with (t, 0, "201");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "13,144.37");
  g_assert_cmpstr (cell_under (t, r, "基本支出"), ==, "6,668.44");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "6,475.93");
  r = row_with (t, 0, "2014050");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "605.40");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "");
  /* the second 增减额 (扣除中央基建投资), right of the first's 增减(%) */
  guint second = 10;
  GPtrArray *head = g_ptr_array_index (t->header, 0);
  g_assert_cmpstr (g_ptr_array_index (head, second), ==, "增减额");
  g_assert_cmpstr (bp_row_cell (r, second), ==, "34.80");
  g_assert_cmpstr (bp_row_cell (r, second + 1), ==, "");
  r = row_with (t, 0, "2014099");
  g_assert_cmpstr (bp_row_cell (r, second), ==, "2,022.94");
}

static void
test_plain_comparison_unreadable (void)
{
  /* The same table as plain pdftotext prints it: figures, percentages and
   * codes each in runs of their own, in no row order. Its comparison
   * columns cannot be put back: the table is marked unreadable instead
   * of giving rows whose sums fail. */
  static const char text[] =
      "一般公共预算支出表\n单位：万元\n功能分类科目\n2025 年执行数\n2026 年预算数\n"
      "科目编码\n201\n20140\n科目名称\n一般公共服务支出\n信访事务\n执行数\n"
      "增减额\n增减(%)\n小计\n基本支出\n项目支出\n"
      "33,586.67\n10,044.47\n13,144.37\n6,668.44\n6,475.93\n-20,442.30\n-60.86%\n"
      "33,586.67\n10,044.47\n13,144.37\n6,668.44\n6,475.93\n-20,442.30\n-60.86%\n"
      "5,555.07\n5,826.21\n5,826.21\n271.14\n4.88%\n737.29\n670.85\n1009.71%\n"
      "2014001\n行政运行\n2014002\n一般行政管理事务\n66.44\n66.44\n737.29\n"
      "2014003\n机关服务\n236.83\n236.83\n236.83\n0.00\n0.00%\n";
  g_autoptr (BpDocument) doc = inline_doc (text);
  BpTable *t = table_at (doc, 1);
  g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", t->id);
  g_assert_nonnull (bp_document_get_meta (doc, key));
}

/* Quanzhou's 收入预算总表 by unit (-layout): the header line starting
 * with 单位名称 ("单位名称  总计  预算拨款收  营预算拨款  管理资金") is a
 * header line, not the "单位名称：…" line naming the unit, so its
 * wrapped headings stack into their cells; the hotline's number inside a
 * unit's name ("泉州市 12345 政务服务便民热线中心") is no figure. */
static void
test_layout_unit_name_header (void)
{
  g_autoptr (BpDocument) doc = corpus ("layout/qz-zfb-2026-income-by-unit.txt");
  BpTable *t = bp_document_find_table (doc, "income_summary");
  g_assert_nonnull (t);
  BpRow *total = row_with (t, 1, "合计");
  g_assert_cmpstr (cell_under (t, total, "合计"), ==, "15184.81");
  g_assert_cmpstr (cell_under (t, total, "一般公共预算拨款收入"), ==, "10984.81");
  g_assert_cmpstr (cell_under (t, total, "其他收入"), ==, "4200.00");
  g_assert_cmpstr (cell_under (t, total, "上年结转结余"), ==, "0.00");
  BpRow *r = row_with (t, 1, "泉州市 12345 政务服务便民热线中心");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "1182.04");
  g_assert_cmpint (bp_table_find_column (t, "单位名称"), ==, 1);
}

/* Guangzhou's 收入总体情况表 by unit in plain text: one cell a line and
 * no codes, so no rebuild puts its rows back and the rows read line by
 * line are single figures ("121,393.52 121,385.74", "0.00", …). Their
 * sums would check nothing: every sum of the table is doubted. */
static void
test_plain_cells_as_rows_doubted (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/gz-swj-2026-budget-table2.txt");
  BpTable *t = bp_document_find_table (doc, "income_summary");
  g_assert_nonnull (t);
  g_autofree char *key = g_strdup_printf ("tables.%s.rows_apart.sums", t->id);
  g_assert_cmpstr (bp_document_get_meta (doc, key), ==, " * ");
}

/* xa-mzj 表9 政府性基金收支表 in plain text: a 收入 side and three 支出
 * sides, one cell a line, read as rows of one figure under names run
 * together from the sides ("其他资本性支出经常性补助 0.00 162812960.00"):
 * every sum of the table is doubted, no columns.total error. */
static void
test_plain_named_cells_as_rows_doubted (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/xa-mzj-2021-budget-table9.txt");
  BpTable *t = bp_document_find_table (doc, "gov_fund_expense");
  g_assert_nonnull (t);
  g_autofree char *key = g_strdup_printf ("tables.%s.rows_apart.sums", t->id);
  g_assert_cmpstr (bp_document_get_meta (doc, key), ==, " * ");
}

/* Wuxi's 政府采购支出表 (公开 13 表) lists purchases by 品目 with their
 * 资金来源 (一般公共预算资金 | … | 总计): a procurement table, not an
 * expense table under 合计 | 基本支出 | 项目支出 whose sums would fail. */
static void
test_layout_procurement_expense_title (void)
{
  g_autoptr (BpDocument) doc = corpus ("layout/wx-yjj-2026-procurement.txt");
  g_assert_cmpuint (doc->tables->len, ==, 1);
  g_assert_cmpstr (((BpTable *) doc->tables->pdata[0])->type, ==, "procurement");
}

static void
test_layout_two_sided_gap (void)
{
  /* hz-jtj 收支预算总表 (-layout): an income item without a figure and an
   * expense item with one on the same line ("四、事业单位经营收入" … "国防动员
   * 18.00") are two cells, the wide gap between them tells; an expense
   * item alone on its line, standing right of the income figures ("技校教育
   * 24,280.26"), is on the expense side though its name says no 支出
   * (tests/corpus/layout/SOURCES.md). */
  g_autoptr (BpDocument) doc = corpus ("layout/hz-jtj-2026-income-expense-summary.txt");
  BpTable *t = table_at (doc, 1);
  BpRow *r = row_with (t, 0, "四、事业单位经营收入");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "");
  g_assert_cmpstr (bp_row_cell (r, 2), ==, "国防动员");
  g_assert_cmpstr (bp_row_cell (r, 3), ==, "18.00");
  r = row_with (t, 2, "技校教育");
  g_assert_cmpstr (bp_row_cell (r, 0), ==, "");
  g_assert_cmpstr (bp_row_cell (r, 3), ==, "24,280.26");
}

static void
test_layout_two_sided_three_groups (void)
{
  /* js-fy-2017 部门收支预算总表 (-layout): the 支出 side prints two
   * classifications next to each other (功能分类 and 支出用途, each numbered
   * 一、二、…); read as two sides, their labels glue into one cell
   * ("一、一般公共服务支出一、基本支出") and both groups' figures share a
   * column, so every side sum would count both. The table is unreadable. */
  static const char text[] =
      " 一、2017 年度江苏省高级人民法院部门收支预算总表\n"
      "                                                             单位：万元\n"
      "         收入                                支出\n"
      "\n"
      "                                   功能分类              支出用途\n"
      "  项目名称          金额\n"
      "                             功能科目名称       金额      项目名称         金额\n"
      "\n"
      "一、财政拨款        28,849.38   一、一般公共服务支出            一、基本支出       17,123.19\n"
      "\n"
      " 1.一般公共预算     28,849.38   二、外交支出                二、项目支出       11,543.27\n"
      "\n"
      " 2.政府性基金预算                三、国防支出                三、单位预留机动经费      182.92\n"
      "二、财政专户管理资金                  四、公共安全支出           23,513.11\n"
      "\n"
      "三、其他资金                      五、教育支出\n"
      "\n"
      "                            六、科学技术支出\n"
      "\n"
      "                            七、文化体育与传媒支出\n"
      "\n"
      "                            八、社会保障和就业支出         2,347.13\n"
      "\n"
      "                            九、医疗卫生与计划生育支\n"
      "                            出\n"
      "\n"
      "                            十、节能环保支出\n"
      "\n"
      "                            十一、城乡社区支出\n"
      "\n"
      "                            十二、农林水支出\n"
      "\n"
      "                            十三、交通运输支出\n"
      "\n"
      "                            十四、资源勘探信息等支出\n"
      "\n"
      "                            十五、商业服务业等支出\n"
      "\n"
      "                            十六、金融支出\n"
      "\n"
      "                            十七、国土海洋气象等支出\n"
      "\n"
      "                            十八、住房保障支出           2,989.14\n"
      "\n"
      "                            十九、粮油物资储备支出\n"
      "\n"
      "                            二十、其他支出\n"
      "\n"
      " 当年收入小计         28,849.38                  当年支出小计          28,849.38\n"
      "\n"
      " 上年结转资金                                    结转下年资金\n"
      "\n"
      "  收入合计          28,849.38                   支出合计           28,849.38\n"
      "\n";
  g_autoptr (BpDocument) doc = inline_doc (text);
  BpTable *t = bp_document_find_table (doc, "income_expense_summary");
  g_assert_nonnull (t);
  g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", t->id);
  g_assert_nonnull (strstr (bp_document_get_meta (doc, key), "two columns"));
}

static void
test_layout_two_sided_row_numbers_first (void)
{
  /* xa-gzw 表4 财政拨款收支总表 (-layout): a 序号 column before the income
   * items and four groups of columns; read as two sides, each row number
   * stands in a cell of the sides (1, 2, 3, … down a column) and every
   * item is shifted off its figure ("收入总计" 37). Unreadable. */
  static const char text[] =
      "表4\n"
      "\n"
      "\n"
      "                                                   2022年部门综合预算财政拨款收支总表\n"
      "                                                                                                                            金额单位：元\n"
      "               收            入                                                    支              出\n"
      "序号\n"
      "               项   目             预算数        支出功能分科目（按大类）        预算数     部门预算支出经济科目（按大类）          预算数     政府预算支出经济科目（按大类）     预算数\n"
      " 1    一、财政拨款                    25180591.33 一、财政拨款            25180591.33 一、财政拨款               25180591.33 一、财政拨款          25180591.33\n"
      " 2     1、一般公共预算拨款               25180591.33  1、一般公共服务支出              0.00  1、人员经费和公用经费支出       14587091.33  1、机关工资福利支出     12328074.22\n"
      " 3       其中：专项资金列入部门预算的项目              0.00  2、外交支出                  0.00     (1)工资福利支出        12328074.22  2、机关商品和服务支出     2688467.31\n"
      " 4     2、政府性基金拨款                       0.00  3、国防支出                  0.00     (2)商品和服务支出        1743467.31  3、机关资本性支出（一）          0.00\n"
      " 5     3、国有资本经营预算收入                    0.00  4、公共安全支出                0.00     (3)对个人和家庭的补助       515549.80  4、机关资本性支出（二）          0.00\n"
      " 6                                           5、教育支出                  0.00     (4)资本性支出                0.00  5、对事业单位经常性补助          0.00\n"
      " 7                                           6、科学技术支出                0.00  2、专项业务经费支出          10593500.00  6、对事业单位资本性补助          0.00\n"
      " 8                                           7、文化旅游体育与传媒支出           0.00     (1)工资福利支出               0.00  7、对企业补助               0.00\n"
      " 9                                           8、社会保障和就业支出       1494346.00     (2)商品和服务支出         945000.00  8、对企业资本性支出      9648500.00\n"
      " 10                                          9、社会保险基金支出              0.00     (3)对个人和家庭补助             0.00  9、对个人和家庭的补助      515549.80\n"
      " 11                                          10、卫生健康支出          597057.55     (4)债务利息及费用支出            0.00  10、对社会保障基金补助          0.00\n"
      " 12                                          11、节能环保支出               0.00     (5)资本性支出(基本建设)          0.00  11、债务利息及费用支出          0.00\n"
      " 13                                          12、城乡社区支出               0.00     (6)资本性支出                0.00  12、债务还本支出             0.00\n"
      " 14                                          13、农林水支出                0.00     (7)对企业补助(基本建设)          0.00  13、转移性支出              0.00\n"
      " 15                                          14、交通运输支出               0.00     (8)对企业补助          9648500.00  14、预备费及预留             0.00\n"
      " 16                                          15、资源勘探工业信息等支出   11881676.36     (9)对社会保障基金补助            0.00  15、其他支出               0.00\n"
      " 17                                          16、商业服务业等支出             0.00     (10)其他支出                0.00\n"
      " 18                                          17、金融支出                 0.00  3、上缴上级支出                   0.00\n"
      " 19                                          18、援助其他地区支出             0.00  4、事业单位经营支出                 0.00\n"
      " 20                                          19、自然资源海洋气象等支出          0.00  5、对附属单位补助支出                0.00\n"
      " 21                                          20、住房保障支出        11207511.42\n"
      " 22                                          21、粮油物资储备支出             0.00\n"
      " 23                                          22、国有资本经营预算支出           0.00\n"
      " 24                                          23、灾害防治及应急管理支出          0.00\n"
      " 25                                          24、预备费                  0.00\n"
      " 26                                          25、其他支出                 0.00\n"
      " 27                                          26、转移性支出                0.00\n"
      " 28                                          27、债务还本支出               0.00\n"
      " 29                                          28、债务付息支出               0.00\n"
      " 30                                          29、债务发行费用支出             0.00\n"
      ;
  g_autoptr (BpDocument) doc = inline_doc (text);
  BpTable *t = bp_document_find_table (doc, "fiscal_summary");
  g_assert_nonnull (t);
  g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", t->id);
  g_assert_nonnull (strstr (bp_document_get_meta (doc, key), "序号"));
}

static void
test_layout_row_number_header_under_title (void)
{
  /* xa-mzj 表5 over two pages: the header's first line starts with 序号
   * ("序号  功能科目名称  合计 …"), a few lines under each page's title.
   * It is the titled table's header: one function table with its rows,
   * no untitled table beside it. */
  g_autoptr (BpDocument) doc = corpus ("layout/xa-mzj-2021-function-two-pages.txt");
  g_assert_cmpuint (doc->tables->len, ==, 1);
  BpTable *t = g_ptr_array_index (doc->tables, 0);
  g_assert_cmpstr (t->type, ==, "general_budget_expense");
  g_assert_cmpuint (t->rows->len, >=, 30);
  row_with (t, 0, "2050803");
  row_with (t, 0, "2210201");   /* the second page's */
}

static void
test_layout_two_digit_kuan_by_unit (void)
{
  /* xa-ajj 表5 (-layout, tests/corpus/layout/SOURCES.md): units one after
   * another, each with its 类 / 款 / 项 rows, the 款 printed as two digits
   * under the 类 ("05  行政事业单位离退休  113.28  81.23  32.05"). The 款
   * row takes the full code (its 项 rows add up to it), its figures and
   * name stay its own, and rows of the narrower pages 8-9 are placed by
   * the sums under their unit's row (人员经费, not 公用经费 nor 备注). */
  g_autoptr (BpDocument) doc = corpus ("layout/xa-ajj-2019-function-by-unit.txt");
  BpTable *t = bp_document_find_table (doc, "general_budget_expense");
  g_assert_nonnull (t);
  g_assert_cmpint (bp_table_find_column (t, "合计"), ==, 2);
  BpRow *r = row_with (t, 0, "20805");
  g_assert_cmpstr (bp_row_cell (r, 1), ==, "行政事业单位离退休");
  g_assert_cmpstr (bp_row_cell (r, 2), ==, "113.28");
  g_assert_cmpstr (bp_row_cell (r, 3), ==, "81.23");
  g_assert_cmpstr (bp_row_cell (r, 4), ==, "32.05");
  row_with (t, 0, "20899");
  row_with (t, 0, "22401");
  guint kuan = 0;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *row = g_ptr_array_index (t->rows, i);
      const char *code = bp_row_cell (row, 0);
      kuan += strlen (code) == 5;
      g_assert_cmpuint (strlen (code), !=, 2);
      /* page 9, unit 125004: 2.68 is 人员经费 (its unit's 人员经费 115.66
       * = 10.12 + 2.68 + 9.37 + 93.49) */
      if (g_str_equal (code, "210") && g_str_equal (bp_row_cell (row, 2), "2.68"))
        g_assert_cmpstr (bp_row_cell (row, 3), ==, "2.68");
      g_assert_cmpstr (bp_row_cell (row, 6), ==, "");
    }
  g_assert_cmpuint (kuan, ==, 4 * 5);   /* five 款 in each of the four units */
}

static void
test_layout_second_code_wrapped (void)
{
  /* xa-gzw 表8 (-layout): 30109's name and 政府 code 50102's name wrapped
   * below its code line, its figures on the next line: 50102 ending the
   * code's line is no figure, and the figures are 30109's. */
  static const char text[] =
      "表8\n"
      "                   2022年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目-不含上年结转）\n"
      "                                                                                                         金额单位：元\n"
      "     序号   部门经济科目编码           部门经济科目名称   政府经济科目编码     政府经济科目名称     合计          人员经费支出        公用经费支出       备注\n"
      "     1                  合计                                      2480608.78   2480608.78          0.00\n"
      "     2    301           工资福利支出                                  2480608.78   2480608.78          0.00\n"
      "     3          30108   机关事业单位基本养老保险缴     50102    社会保障缴费         989034.30     989034.30         0.00\n"
      "     4          30109   费                 50102\n"
      "                        职业年金缴费                     社会保障缴费         494517.18     494517.18         0.00\n"
      "     5          30110   职工基本医疗保险缴费        50102    社会保障缴费         597057.55     597057.55         0.00\n"
      "     6          30112   其他社会保障缴费          50102    社会保障缴费          10794.52      10794.52         0.00\n"
      "     7          30113   住房公积金             50103    住房公积金         389205.23    389205.23         0.00\n";
  g_autoptr (BpDocument) doc = inline_doc (text);
  BpTable *t = bp_document_find_table (doc, "basic_expense");
  g_assert_nonnull (t);
  BpRow *r = row_with (t, 0, "30109");
  g_assert_cmpstr (bp_row_cell (r, 2), ==, "494517.18");
}

static void
test_plain_economic_codes_as_figures (void)
{
  /* xa-sjj 表6 (plain pdftotext, tests/corpus/plain/SOURCES.md): each
   * economic row prints a second code (政府预算支出经济分类 "50101") on a
   * line of its own; the rows read take it for the 合计 and the 302/303
   * sums fail. Unreadable instead. */
  g_autoptr (BpDocument) doc = corpus ("plain/xa-sjj-2026-budget-table6.txt");
  BpTable *t = table_at (doc, 1);
  g_autofree char *key = g_strdup_printf ("tables.%s.unreadable", t->id);
  const char *why = bp_document_get_meta (doc, key);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "economic codes"));
}

static void
test_plain_figures_after_note (void)
{
  /* sz-gaj 表8 (plain pdftotext, tests/corpus/plain/SOURCES.md): its last
   * page prints "31099 / 其他资本性支出 / … / 5.00", the page's note, then
   * "项目支出 / 0.00 / 5.00". A column's heading after the note and lone
   * figures after it are the last row's, not the note's. */
  g_autoptr (BpDocument) doc = corpus ("plain/sz-gaj-2026-budget-table8.txt");
  BpTable *t = table_at (doc, 1);
  BpRow *r = row_with (t, 0, "31099");
  g_assert_cmpstr (cell_under (t, r, "基本支出"), ==, "0.00");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "5.00");
}

static void
test_plain_performance_form_cells (void)
{
  /* xa-sthj 表15 as plain pdftotext prints it: the form's cells one per
   * line, no figure in the first twelve; its first cell (部门（单位）名称)
   * says a table follows the title, not a contents entry. */
  g_autoptr (BpDocument) doc = inline_doc (
      "表15\n\n2022年部门整体支出绩效目标表\n\n部门（单位）名称\n\n"
      "西安市生态环境局\n\n任务名称\n\n年度\n主要\n任务\n\n主要内容\n\n"
      "预算金额（万元）\n总额\n\n财政拨款\n\n做好大气污染防治\n\n"
      "1.持续强化铁腕治霾工作。2.做好空气质量预测分析及信息报送。3.推进抓\n"
      "好燃煤设施拆改。4.推进燃气锅炉低氮燃烧改造。5.加强挥发性有机物治理。\n\n"
      "28230.53\n\n28230.53\n");
  BpTable *t = bp_document_find_table (doc, "performance_overall");
  g_assert_nonnull (t);
  g_assert_cmpuint (doc->toc->len, ==, 0);
}

static void
test_unit_wrapped (void)
{
  /* -layout text of 江苏 公开09表 (js-fy-2019): a narrow right margin wrapped
   * "单位：万元" after 万, its 元 ending the 部门名称 line. */
  g_autoptr (BpDocument) doc = inline_doc (
      "公开 09 表\n"
      "              “三公”经费、会议费、培训费支出预算表\n"
      "                                                                              单位：万\n"
      "部门名称：江苏省高级人民法院                                                                   元\n"
      "                                   “三公”经费\n"
      "                                   公务用车购置及运行维护费\n"
      "  合计                   因公出                                           会议费       培训费\n"
      "                                                             公务接\n"
      "              小计       国（境）               公务用车购   公务用车运\n"
      "                                 小计                           待费\n"
      "                        费                  置费     行维护费\n"
      "   2,382.02   513.75    160.00   266.80             266.80   86.95   271.02    1,597.25\n");
  BpTable *t = bp_document_find_table (doc, "three_public");
  g_assert_nonnull (t);
  g_assert_cmpint (t->unit, ==, BP_UNIT_WANYUAN);
}

/* fs-gdjt 表5 (plain text, cells a line each): the column numbers print
 * one to a line ("1 / 2 / 3", "项目栏次 … 1 … 2"), on the continued page
 * after its first row's code, and that page prints the 合计 row's figures
 * again before 2210201's. Neither is a row's figure. */
static void
test_plain_column_numbers_and_repeated_total (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/fs-gdjt-2019-final-table5.txt");
  BpTable *t = bp_document_find_table (doc, "general_budget_expense");
  g_assert_nonnull (t);
  BpRow *r = row_with (t, 0, "2210201");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "60.87");
  g_assert_cmpstr (cell_under (t, r, "项目支出"), ==, "0.00");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "22102"), "合计"), ==, "60.87");
  for (guint i = 0; i < t->rows->len; i++)
    g_assert_cmpstr (cell_under (t, t->rows->pdata[i], "合计"), !=, "1");
}

/* fz-swj 收支预算总表 (-layout): "24995.94" too wide for its cell, printed
 * around 本年支出合计's line ("24995.9" above, "4" below). */
static void
test_layout_two_sided_wrapped_figure (void)
{
  g_autoptr (BpDocument) doc = corpus ("layout/fz-swj-2026-summary.txt");
  BpTable *t = bp_document_find_table (doc, "income_expense_summary");
  g_assert_nonnull (t);
  g_assert_cmpstr (bp_row_cell (row_with (t, 2, "本年支出合计"), 3), ==, "24995.94");
  g_assert_cmpstr (bp_row_cell (row_with (t, 2, "支出合计"), 3), ==, "24995.94");
  g_assert_cmpstr (bp_row_cell (row_with (t, 2, "二十六、债务发行费用支出"), 3), ==, "");
}

/* js-zx 财政拨款收支预算总表 (plain text): "三、单位预留机动经费", whose name
 * says nothing of its side, follows the expense side's "二、项目支出". */
static void
test_plain_two_sided_numbering (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/js-zx-2018-fiscal-summary.txt");
  BpTable *t = bp_document_find_table (doc, "fiscal_summary");
  g_assert_nonnull (t);
  BpRow *r = row_with (t, 2, "三、单位预留机动经费");
  g_assert_cmpstr (bp_row_cell (r, 0), ==, "");
  g_assert_cmpstr (bp_row_cell (r, 3), ==, "1,157.63");
}

/* sh-qqdj 收入预算总表 (-layout): the last rows and 合计 printed condensed,
 * their figures under no heading; 合计's 16,710,000 is the 事业单位经营收入
 * its top-level rows add up to (事业收入 is empty). */
static void
test_layout_condensed_total (void)
{
  g_autoptr (BpDocument) doc = corpus ("layout/sh-qqdj-2026-income-summary.txt");
  BpTable *t = bp_document_find_table (doc, "income_summary");
  g_assert_nonnull (t);
  BpRow *total = row_with (t, 1, "合计");
  g_assert_cmpstr (cell_under (t, total, "事业单位经营收入"), ==, "16,710,000");
  g_assert_cmpstr (cell_under (t, total, "其他收入"), ==, "1,600,000");
  g_assert_cmpstr (cell_under (t, total, "事业收入"), ==, "");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "221"), "事业单位经营收入"), ==, "1,916,951");
}

/* fz-gaj-xtj 五、一般公共预算拨款支出表 (plain text): the codes, the names,
 * then the 合计 column whole and the other columns region by region. The
 * rows get their 合计 (the hierarchy confirms it but for the published
 * defect: 20402 公安 7,927.40 against 6,556.70 + 1,051.46), nothing else. */
static void
test_plain_total_column (void)
{
  g_autoptr (BpDocument) doc = corpus ("plain/fz-gaj-xtj-2026-general-budget.txt");
  BpTable *t = bp_document_find_table (doc, "general_budget_expense");
  g_assert_nonnull (t);
  BpRow *r = row_with (t, 0, "20402");
  g_assert_cmpstr (cell_under (t, r, "合计"), ==, "7,927.40");
  g_assert_cmpstr (cell_under (t, r, "基本支出"), ==, "");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2040299"), "合计"), ==, "1,051.46");
  g_assert_cmpstr (cell_under (t, row_with (t, 0, "2210203"), "合计"), ==, "478.00");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tables/seed/000", test_seed_000);
  g_test_add_func ("/tables/unit/wrapped", test_unit_wrapped);
  g_test_add_func ("/tables/seed/000-toc", test_seed_000_toc);
  g_test_add_func ("/tables/seed/001", test_seed_001);
  g_test_add_func ("/tables/seed/002", test_seed_002);
  g_test_add_func ("/tables/seed/003", test_seed_003);
  g_test_add_func ("/tables/seed/004-classes", test_seed_004_classes);
  g_test_add_func ("/tables/seed/004-summary", test_seed_004_summary);
  g_test_add_func ("/tables/shanghai/budget", test_shanghai_budget);
  g_test_add_func ("/tables/shanghai/final", test_shanghai_final);
  g_test_add_func ("/tables/shanghai/rows-before-title", test_shanghai_rows_before_title);
  g_test_add_func ("/tables/shanghai/figure-near-int64", test_shanghai_figure_near_int64);
  g_test_add_func ("/tables/inline/broken-title-and-names", test_inline_broken_title_and_names);
  g_test_add_func ("/tables/inline/two-sided-glued", test_inline_two_sided_glued);
  g_test_add_func ("/tables/inline/groups-wrapped", test_inline_groups_wrapped);
  g_test_add_func ("/tables/inline/class-names-centred", test_inline_class_names_centred);
  g_test_add_func ("/tables/inline/continuation", test_inline_continuation);
  g_test_add_func ("/tables/inline/continued-title", test_inline_continued_title);
  g_test_add_func ("/tables/inline/three-public-order", test_inline_three_public_order);
  g_test_add_func ("/tables/inline/three-public-by-unit", test_inline_three_public_by_unit);
  g_test_add_func ("/tables/inline/three-public-title-columns",
                   test_inline_three_public_title_columns);
  g_test_add_func ("/tables/inline/second-code", test_inline_second_code);
  g_test_add_func ("/tables/inline/code-below", test_inline_code_below);
  g_test_add_func ("/tables/inline/row-numbers", test_inline_row_numbers);
  g_test_add_func ("/tables/inline/wrapped-form-titles", test_inline_wrapped_form_titles);
  g_test_add_func ("/tables/inline/empty-and-toc", test_inline_empty_and_toc);
  g_test_add_func ("/tables/inline/malformed", test_inline_malformed);
  g_test_add_func ("/tables/pdf-variants", test_pdf_variants);
  g_test_add_func ("/tables/plain/streams", test_plain_streams);
  g_test_add_func ("/tables/plain/streams-pages", test_plain_streams_pages);
  g_test_add_func ("/tables/plain/streams-by-unit", test_plain_streams_by_unit);
  g_test_add_func ("/tables/layout/two-digit-kuan-by-unit", test_layout_two_digit_kuan_by_unit);
  g_test_add_func ("/tables/plain/unit-names", test_plain_unit_names);
  g_test_add_func ("/tables/plain/unit-after-rows", test_plain_unit_after_rows);
  g_test_add_func ("/tables/plain/streams-unconfirmed", test_plain_streams_unconfirmed);
  g_test_add_func ("/tables/plain/streams-uneven", test_plain_streams_uneven);
  g_test_add_func ("/tables/plain/streams-block-order", test_plain_streams_block_order);
  g_test_add_func ("/tables/plain/names-stream", test_plain_names_stream);
  g_test_add_func ("/tables/plain/names-stream-unknown", test_plain_names_stream_unknown);
  g_test_add_func ("/tables/plain/column-blocks", test_plain_column_blocks);
  g_test_add_func ("/tables/plain/empty-item-in-stream", test_plain_empty_item_in_stream);
  g_test_add_func ("/tables/plain/header-repeat-short-cells", test_plain_header_repeat_short_cells);
  g_test_add_func ("/tables/plain/unit-code-run", test_plain_unit_code_run);
  g_test_add_func ("/tables/plain/row-numbers-blocks-late-rows",
                   test_plain_row_numbers_blocks_late_rows);
  g_test_add_func ("/tables/plain/unknown-name-takes-run-code",
                   test_plain_unknown_name_takes_run_code);
  g_test_add_func ("/tables/plain/code-over-page-break", test_plain_code_over_page_break);
  g_test_add_func ("/tables/plain/no-wrapped-digits", test_plain_no_wrapped_digits);
  g_test_add_func ("/tables/plain/digit-columns", test_plain_digit_columns);
  g_test_add_func ("/tables/plain/digit-columns-apart", test_plain_digit_columns_apart);
  g_test_add_func ("/tables/plain/late-figure-pair", test_plain_late_figure_pair);
  g_test_add_func ("/tables/plain/header-figures", test_plain_header_figures);
  g_test_add_func ("/tables/plain/figure-before-row", test_plain_figure_before_row);
  g_test_add_func ("/tables/plain/note-amid-cells", test_plain_note_amid_cells);
  g_test_add_func ("/tables/plain/codes-ascending-first", test_plain_codes_ascending_first);
  g_test_add_func ("/tables/plain/items-only", test_plain_items_only);
  g_test_add_func ("/tables/plain/column-numbers-and-repeated-total",
                   test_plain_column_numbers_and_repeated_total);
  g_test_add_func ("/tables/layout/two-sided-wrapped-figure", test_layout_two_sided_wrapped_figure);
  g_test_add_func ("/tables/plain/two-sided-numbering", test_plain_two_sided_numbering);
  g_test_add_func ("/tables/plain/total-column", test_plain_total_column);
  g_test_add_func ("/tables/layout/condensed-total", test_layout_condensed_total);
  g_test_add_func ("/tables/plain/damaged-class", test_plain_damaged_class);
  g_test_add_func ("/tables/layout/damaged-class", test_layout_damaged_class);
  g_test_add_func ("/tables/plain/digit-columns-unconfirmed",
                   test_plain_digit_columns_unconfirmed);
  g_test_add_func ("/tables/plain/digit-columns-by-names", test_plain_digit_columns_by_names);
  g_test_add_func ("/tables/plain/total-last-page", test_plain_total_last_page);
  g_test_add_func ("/tables/plain/digit-columns-by-names-unused",
                   test_plain_digit_columns_by_names_unused);
  g_test_add_func ("/tables/layout/many-children", test_layout_many_children);
  g_test_add_func ("/tables/layout/basic-heading-above", test_layout_basic_heading_above);
  g_test_add_func ("/tables/layout/header-by-position", test_layout_header_by_position);
  g_test_add_func ("/tables/layout/last-year-column", test_layout_last_year_column);
  g_test_add_func ("/tables/layout/staircase-positions", test_layout_staircase_positions);
  g_test_add_func ("/tables/layout/heading-between-columns", test_layout_heading_between_columns);
  g_test_add_func ("/tables/plain/late-figures", test_plain_late_figures);
  g_test_add_func ("/tables/layout/comparison-columns", test_layout_comparison_columns);
  g_test_add_func ("/tables/plain/comparison-unreadable", test_plain_comparison_unreadable);
  g_test_add_func ("/tables/layout/two-sided-gap", test_layout_two_sided_gap);
  g_test_add_func ("/tables/layout/two-sided-three-groups", test_layout_two_sided_three_groups);
  g_test_add_func ("/tables/plain/performance-form-cells", test_plain_performance_form_cells);
  g_test_add_func ("/tables/layout/unit-name-header", test_layout_unit_name_header);
  g_test_add_func ("/tables/layout/procurement-expense-title", test_layout_procurement_expense_title);
  g_test_add_func ("/tables/plain/cells-as-rows-doubted", test_plain_cells_as_rows_doubted);
  g_test_add_func ("/tables/plain/named-cells-as-rows-doubted",
                   test_plain_named_cells_as_rows_doubted);
  g_test_add_func ("/tables/plain/figures-after-note", test_plain_figures_after_note);
  g_test_add_func ("/tables/plain/economic-codes-as-figures",
                   test_plain_economic_codes_as_figures);
  g_test_add_func ("/tables/layout/row-number-header-under-title",
                   test_layout_row_number_header_under_title);
  g_test_add_func ("/tables/layout/second-code-wrapped", test_layout_second_code_wrapped);
  g_test_add_func ("/tables/layout/two-sided-row-numbers-first",
                   test_layout_two_sided_row_numbers_first);
  g_test_add_data_func ("/tables/pdf-layout/000", "000_fe5e375999e3baca.txt",
                        test_pdf_layout_whole);
  g_test_add_data_func ("/tables/pdf-layout/001", "001_99a99fce1cd6da03.txt",
                        test_pdf_layout_whole);
  g_test_add_data_func ("/tables/pdf-layout/002", "002_43945480f961a537.txt",
                        test_pdf_layout_whole);
  for (guint i = 0; i < G_N_ELEMENTS (golden_docs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tables/golden/%s", golden_docs[i]);
      g_test_add_data_func (path, golden_docs[i], test_golden);
    }
  return g_test_run ();
}
