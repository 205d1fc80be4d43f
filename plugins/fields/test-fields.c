/* Tests for the fields stage on the real corpus documents.
 *
 * Narrative and metadata tests run on the raw documents (no cleanup, no
 * tables: the stage must cope). Table tests build the tables with the
 * document API exactly as SCHEMA.md describes them, from the document's own
 * tab-separated lines. */
#include <budgetpipe/budgetpipe.h>
#include <string.h>

#include "tests/harness.h"
#include "plugins/fields/fields-private.h"

static void
run_fields (BpDocument *doc)
{
  GError *error = NULL;
  gboolean ok = bp_harness_run_stage ("fields", NULL, doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static BpDocument *
fields_on (const char *relpath)
{
  BpDocument *doc = bp_harness_load_corpus (relpath);
  run_fields (doc);
  return doc;
}

static void
assert_money (const BpDocument *doc, const char *key, const char *yuan,
              int line)
{
  const BpField *f = bp_document_get_field (doc, key);
  char buf[BP_AMOUNT_BUFSZ];
  if (!f)
    g_error ("field %s missing", key);
  g_assert_cmpint (f->kind, ==, BP_FIELD_MONEY);
  g_assert_cmpstr (bp_amount_format_buf (f->value, buf), ==, yuan);
  if (line)
    g_assert_cmpint (f->line, ==, line);
}

static void
assert_count (const BpDocument *doc, const char *key, gint64 n, int line)
{
  const BpField *f = bp_document_get_field (doc, key);
  if (!f)
    g_error ("field %s missing", key);
  g_assert_cmpint (f->kind, ==, BP_FIELD_COUNT);
  g_assert_cmpint (f->value, ==, n);
  g_assert_cmpint (f->line, ==, line);
}

/* The claim of KIND on LINE whose subject contains SUBJECT. */
static const BpClaim *
find_claim (const BpDocument *doc, BpClaimKind kind, const char *subject,
            int line)
{
  for (guint i = 0; i < doc->claims->len; i++)
    {
      const BpClaim *c = g_ptr_array_index (doc->claims, i);
      if (c->kind == kind && c->line == line && c->subject
          && strstr (c->subject, subject))
        return c;
    }
  g_error ("no claim %d '%s' on line %d", kind, subject, line);
  return NULL;
}

/* ---- metadata ----------------------------------------------------------- */

static void
test_meta_budget_title (void)
{
  g_autoptr (BpDocument) doc = fields_on ("000_fe5e375999e3baca.txt");
  g_assert_cmpstr (doc->kind, ==, "budget");
  /* The document also says "填报日期：2024年2月1日" and "截至 2023 年". */
  g_assert_cmpint (doc->year, ==, 2024);
  g_assert_cmpstr (doc->city, ==, "武汉市");
  g_assert_cmpstr (doc->district, ==, "青山区");
  g_assert_cmpstr (doc->department, ==,
                   "青山区人民政府办公室（区人民政府研究室、区金融领导小组办公室）");
  g_assert_cmpint (doc->unit, ==, BP_UNIT_YUAN);
}

static void
test_meta_no_title_page (void)
{
  /* Starts at 第一部分; the title is broken over two lines. */
  g_autoptr (BpDocument) doc = fields_on ("003_d6fb263bf47854f3.txt");
  g_assert_cmpstr (doc->kind, ==, "final_accounts");
  g_assert_cmpint (doc->year, ==, 2021);
  g_assert_cmpstr (doc->district, ==, "青山区");
  g_assert_cmpstr (doc->department, ==,
                   "青山区人民政府办公室（区人民政府研究室、区金融领导小组办公室）");
  g_assert_cmpint (doc->unit, ==, BP_UNIT_WANYUAN);
}

static void
test_meta_final_generic_overview (void)
{
  /* "第一部分 部门概况": the name comes from the 部门： line. The 2024
   * publication date ("填报日期：2024年9月30日") is not the fiscal year. */
  g_autoptr (BpDocument) doc = fields_on ("004_d9984b4f4bf4cec5.txt");
  g_assert_cmpstr (doc->kind, ==, "final_accounts");
  g_assert_cmpint (doc->year, ==, 2023);
  g_assert_cmpstr (doc->city, ==, "武汉市");
  g_assert_cmpstr (doc->department, ==, "中共武汉市青山区委办公室");
}

static void
test_meta_shanghai (void)
{
  g_autoptr (BpDocument) a = fields_on ("thirdparty/sh-pt-ghzy-2024-final.txt");
  g_autoptr (BpDocument) b = fields_on ("thirdparty/sh-pt-sfj-2026-budget.txt");
  g_assert_cmpstr (a->department, ==, "上海市普陀区规划和自然资源局");
  g_assert_cmpstr (a->kind, ==, "final_accounts");
  g_assert_cmpint (a->year, ==, 2024);
  /* Title "上海市普陀区2026年区级部门预算" names no department. */
  g_assert_cmpstr (b->department, ==, "上海市普陀区司法局");
  g_assert_cmpstr (b->district, ==, "普陀区");
  g_assert_cmpint (b->year, ==, 2026);
}

/* The fields stage on TEXT (a made-up document). */
static BpDocument *
fields_on_text (const char *text)
{
  BpDocument *doc = bp_document_new_from_bytes ("made-up.txt", text, strlen (text));
  run_fields (doc);
  return doc;
}

static void
test_meta_places (void)
{
  /* A city bureau's district branch named by the district's short name;
   * the sentences' "负责全市", "开发区", "对区县" are no places. */
  g_autoptr (BpDocument) gulou = fields_on_text (
      "2026 年度\n福州市鼓楼生态环境局\n单位预算\n目录\n"
      "负责全市开发区的环境监管，对区县进行指导。\n单位：万元\n");
  g_assert_cmpstr (gulou->department, ==, "福州市鼓楼生态环境局");
  g_assert_cmpstr (gulou->city, ==, "福州市");
  g_assert_cmpstr (gulou->district, ==, "鼓楼区");
  g_autoptr (BpDocument) baoan = fields_on_text (
      "2026 年深圳市规划和自然资源局宝安\n管理局部门预算\n目\n录\n");
  g_assert_cmpstr (baoan->department, ==, "深圳市规划和自然资源局宝安管理局");
  g_assert_cmpstr (baoan->district, ==, "宝安区");
  /* A province's department: no city; the party committee form. */
  g_autoptr (BpDocument) js = fields_on_text (
      "2017 年度江苏省高级人民法院部门预算公开\n目\n录\n推动全市法院工作。\n");
  g_assert_cmpstr (js->department, ==, "江苏省高级人民法院");
  g_assert_null (js->city);
  g_assert_null (js->district);
  g_autoptr (BpDocument) pt = fields_on_text (
      "中共上海市普陀区委\n社会工作部 2024 年度\n部门决算\n目\n录\n");
  g_assert_cmpstr (pt->kind, ==, "final_accounts");
  g_assert_cmpstr (pt->city, ==, "上海市");
  g_assert_cmpstr (pt->district, ==, "普陀区");
  /* The title names the city, the 预算单位 line the unit. */
  g_autoptr (BpDocument) sh = fields_on_text (
      "上海市2026年市级单位预算\n预算单位：上海交通职业技术学院\n目\n录\n");
  g_assert_cmpstr (sh->department, ==, "上海交通职业技术学院");
  g_assert_cmpstr (sh->city, ==, "上海市");
  g_assert_null (sh->district);
  /* 普陀区 is in 上海市 and in 舟山市: the city only where the text writes
   * it with the district. */
  g_autoptr (BpDocument) bare = fields_on_text ("普陀区司法局2026年部门预算\n目录\n");
  g_assert_cmpstr (bare->district, ==, "普陀区");
  g_assert_null (bare->city);
  g_autoptr (BpDocument) zs = fields_on_text (
      "普陀区司法局2026年部门预算\n目录\n舟山市普陀区司法局本级\n");
  g_assert_cmpstr (zs->city, ==, "舟山市");
  /* Year first and no 部门: a body's name, not a table's title. */
  g_autoptr (BpDocument) czj = fields_on_text ("2024年南京市江宁区财政局预算\n目录\n");
  g_assert_cmpstr (czj->department, ==, "南京市江宁区财政局");
  g_assert_cmpstr (czj->city, ==, "南京市");
  g_assert_cmpstr (czj->district, ==, "江宁区");
}

static void
test_meta_tables_only (void)
{
  /* No title page: kind from the table numbers, the year under a table
   * title (not the sentence's 2025), the department from the 部门名称 cell
   * on a line of its own. */
  g_autoptr (BpDocument) bj = fields_on_text (
      "预算01表 收支总表\n金额单位：万元\n一、一般公共预算拨款收入\n"
      "2025年部门预算项目绩效自评完成\n"
      "预算13表 部门整体支出绩效目标表\n（2026年度）\n部门名称\n\n"
      "北京市财政局\n\n预算支出总额\n");
  g_assert_cmpstr (bj->kind, ==, "budget");
  g_assert_cmpint (bj->year, ==, 2026);
  g_assert_cmpstr (bj->department, ==, "北京市财政局");
  g_assert_cmpstr (bj->city, ==, "北京市");
  g_assert_null (bj->district);
  /* -layout text: "部门：X   单位：万元" on one line; a table title's year. */
  g_autoptr (BpDocument) js = fields_on_text (
      "收支预算总表\n公开表一\n部门：        江苏省政协办公厅        单位：万元\n"
      "支出预算总表\n部门：\n江苏省政协办公厅\n单位：万元\n"
      "2019年政府采购预算表\n");
  g_assert_cmpstr (js->kind, ==, "budget");
  g_assert_cmpint (js->year, ==, 2019);
  g_assert_cmpstr (js->department, ==, "江苏省政协办公厅");
  g_assert_null (js->city);
}

/* ---- narrative fields -------------------------------------------------- */

static void
test_narrative_fields_003 (void)
{
  g_autoptr (BpDocument) doc = fields_on ("003_d6fb263bf47854f3.txt");
  /* "2021 年度收、支总计 2092.15 万元" gives both totals. */
  assert_money (doc, "total.income", "20921500.00", 135);
  assert_money (doc, "total.expense", "20921500.00", 135);
  /* "其中：财政拨款收入\n\n2092.15 万元": the figure's own line. */
  assert_money (doc, "income.general_budget", "20921500.00", 147);
  assert_money (doc, "expense.basic", "14591600.00", 155);
  assert_money (doc, "expense.project", "6329900.00", 157);
  assert_money (doc, "expense.personnel", "13813900.00", 267);
  assert_money (doc, "expense.public", "777700.00", 275);
  /* 决算: "年初预算数为 23 万元，支出决算为 22.71 万元" → the actual. */
  assert_money (doc, "three_public.total", "227100.00", 299);
  assert_money (doc, "three_public.overseas", "0.00", 301);
  assert_money (doc, "three_public.vehicle_purchase", "0.00", 309);
  assert_money (doc, "three_public.reception", "1100.00", 323);
  assert_money (doc, "operating_cost", "777700.00", 363);
  assert_money (doc, "procurement.total", "125500.00", 373);
  /* "总编制人数 30 个" counts; "行政编制 25 人" is a part of it. */
  assert_count (doc, "staffing.authorized", 30, 97);
  assert_count (doc, "staffing.actual", 36, 99);
  assert_count (doc, "staffing.retired", 34, 101);
  /* "共有车辆7辆" is preferred to "公务用车保有量 7 辆". */
  assert_count (doc, "vehicles.count", 7, 389);
}

static void
test_narrative_heading_subject (void)
{
  /* "（一）因公出国（境）费用" / "预算控制数为 0 万元": the heading names it. */
  g_autoptr (BpDocument) doc = fields_on ("002_43945480f961a537.txt");
  assert_money (doc, "three_public.overseas", "0.00", 221);
  assert_money (doc, "three_public.reception", "0.00", 225);
  assert_count (doc, "staffing.authorized", 22, 103);
  assert_count (doc, "staffing.retired", 11, 103);
  assert_count (doc, "vehicles.count", 3, 201);
}

/* Paragraphs are read as they close and their storage reused (a file of
 * many "(1)" heading lines held one GString and GArray per paragraph,
 * 96x its size: issue 18): 002 with two heading-only paragraphs before
 * its "（一）因公出国（境）费用" still heads the next one with it, not with
 * "(2)", and nothing of a reused paragraph is left in the next. */
static void
test_narrative_paragraphs_reused (void)
{
  static const char *const stages[] = { NULL };
  g_autoptr (BpDocument) doc = bp_harness_corpus_through (
      "002_43945480f961a537.txt", stages, "\n（一）因公出国（境）费用",
      "\n(1)\n(2)\n（一）因公出国（境）费用");
  run_fields (doc);
  assert_money (doc, "three_public.overseas", "0.00", 223);
  assert_money (doc, "three_public.reception", "0.00", 227);
  g_assert_null (strstr (find_claim (doc, BP_CLAIM_AMOUNT, "因公出国", 223)->subject, "(2)"));
}

static void
test_narrative_absent_fields (void)
{
  /* 004 states no staffing; it must not be made up from "1000 余人次",
   * "12 人次" or "行政编制". */
  g_autoptr (BpDocument) doc = fields_on ("004_d9984b4f4bf4cec5.txt");
  g_assert_null (bp_document_get_field (doc, "staffing.authorized"));
  g_assert_null (bp_document_get_field (doc, "staffing.actual"));
  g_assert_null (bp_document_get_field (doc, "staffing.retired"));
  assert_money (doc, "operating_cost", "401900.00", 809);
  assert_count (doc, "vehicles.count", 8, 835);
}

static void
test_narrative_no_operating_cost (void)
{
  /* A document that never states 机关运行经费 has no such field. */
  g_autoptr (BpDocument) doc = bp_harness_load_corpus ("000_fe5e375999e3baca.txt");
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      BpLine *l = bp_document_line (doc, i);
      if (strstr (l->text, "运行经费"))
        {
          l->text = (char *) "";   /* a line of the store: not freed */
        }
    }
  run_fields (doc);
  g_assert_null (bp_document_get_field (doc, "operating_cost"));
  assert_count (doc, "vehicles.count", 7, 708);
}

static void
test_narrative_negatives (void)
{
  /* Visitors are not staff, a 2023 figure in a 2024 document is not the
   * 2024 value, a publication date is not the fiscal year. */
  static const char text[] =
      "某某区某某局2024年部门预算\n"
      "填报日期：2025年1月8日\n"
      "一、部门人员构成\n"
      "某某局总编制人数 42 人，其中：行政编制 31 人。接待人大代表 200 人次。\n"
      "二、其他重要事项的情况说明\n"
      "2023年机关运行经费 100 万元，"
      "比2022年增加5万元。\n";
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("synthetic.txt",
                                                           text, strlen (text));
  run_fields (doc);
  g_assert_cmpint (doc->year, ==, 2024);
  g_assert_cmpstr (doc->kind, ==, "budget");
  g_assert_cmpstr (doc->department, ==, "某某区某某局");
  assert_count (doc, "staffing.authorized", 42, 4);
  g_assert_null (bp_document_get_field (doc, "staffing.actual"));
  g_assert_null (bp_document_get_field (doc, "operating_cost"));
  /* Still a claim, with its change bound to it. */
  const BpClaim *c = find_claim (doc, BP_CLAIM_CHANGE, "机关运行经费", 6);
  g_assert_cmpint (c->base_year, ==, 2022);
  g_assert_cmpint (c->amount, ==, 5000000);
}

/* ---- claims ----------------------------------------------------------- */

static void
test_claims_list_binding (void)
{
  g_autoptr (BpDocument) doc = fields_on ("000_fe5e375999e3baca.txt");
  /* "其中：基本支出 1408.57 万元，占 91.55%；项目支出 130.05 万元，占 8.45%" */
  const BpClaim *basic = find_claim (doc, BP_CLAIM_AMOUNT, "基本支出", 638);
  const BpClaim *proj = find_claim (doc, BP_CLAIM_AMOUNT, "项目支出", 638);
  const BpClaim *share = find_claim (doc, BP_CLAIM_SHARE, "项目支出", 638);
  g_assert_cmpint (basic->amount, ==, G_GINT64_CONSTANT (1408570000));
  g_assert_cmpint (proj->amount, ==, 13005 * 100 * 100);
  g_assert_cmpint (share->percent, ==, 845);
  /* "(公务用车购置费 18 万元，公务用车运行维护费 21 万元)" */
  const BpClaim *buy = find_claim (doc, BP_CLAIM_AMOUNT, "公务用车购置费", 672);
  const BpClaim *run = find_claim (doc, BP_CLAIM_AMOUNT, "公务用车运行维护费", 672);
  g_assert_cmpint (buy->amount, ==, 18 * 1000000);
  g_assert_cmpint (run->amount, ==, 21 * 1000000);
}

static void
test_claims_change (void)
{
  g_autoptr (BpDocument) doc = fields_on ("000_fe5e375999e3baca.txt");
  /* "2024年一般公共预算支出预算1538.62万元，比2023年预算增加111.77万元，
   * 增长7.83%" */
  const BpClaim *c = find_claim (doc, BP_CLAIM_CHANGE, "一般公共预算支出", 650);
  g_assert_true (c->has_amount && c->has_percent);
  g_assert_cmpint (c->amount, ==, 11177 * 10000);
  g_assert_cmpint (c->percent, ==, 783);
  g_assert_cmpint (c->direction, ==, 1);
  g_assert_cmpint (c->base_year, ==, 2023);
  /* "比2023年预算减少33.95万元，下降20.7%" of 一般行政管理事务 */
  c = find_claim (doc, BP_CLAIM_CHANGE, "一般行政管理事务", 654);
  g_assert_cmpint (c->amount, ==, -3395 * 10000);
  g_assert_cmpint (c->percent, ==, -2070);
  g_assert_cmpint (c->direction, ==, -1);
}

static void
test_claims_broken_lines (void)
{
  /* 003 breaks sentences over lines: "…基本支出 1459.16\n\n万元，占本年支出
   * 69.74%；项目支出 632.99 万元，占本年支出\n\n30.26%。" */
  g_autoptr (BpDocument) doc = fields_on ("003_d6fb263bf47854f3.txt");
  const BpClaim *s = find_claim (doc, BP_CLAIM_SHARE, "项目支出", 159);
  g_assert_cmpint (s->percent, ==, 3026);
  g_assert_cmpstr (s->base, ==, "本年支出");
  const BpClaim *c = find_claim (doc, BP_CLAIM_CHANGE, "收、支总计", 137);
  g_assert_cmpint (c->amount, ==, -56021 * 10000);
  g_assert_cmpint (c->base_year, ==, 2020);
}

/* Class items running on into their figures, after cleanup joined their
 * lines: "29、城乡社区支出（类）城乡社区环境卫生（款）城乡社区环境卫生（项）734.06
 * 万元，…。" heads "年初预算为 971.51 万元，支出决算为 734.06 万元" on the next
 * line, and the next item is not headed by the one before it. */
static BpDocument *
cleaned_fields_on (const char *relpath)
{
  static const char *const stages[] = { "cleanup", "fields", NULL };
  return bp_harness_corpus_through (relpath, stages, NULL, NULL);
}

static void
test_claims_long_numbered_prefix (void)
{
  /* 003's sentence ending on line 273 followed by "1.00 " 200000 times: the
   * next clause starts with "1.001.00…". Its list markers were stripped one
   * per pass, each pass copying the clause: seconds; now one pass. */
  g_autoptr (GString) longer = g_string_new ("抚恤金、生活补助。");
  for (guint i = 0; i < 200000; i++)
    g_string_append (longer, "1.00 ");
  static const char *const stages[] = { "cleanup", NULL };
  g_autoptr (BpDocument) doc = bp_harness_corpus_through (
      "003_d6fb263bf47854f3.txt", stages, "抚恤金、生活补助。", longer->str);
  g_autoptr (GTimer) timer = g_timer_new ();
  run_fields (doc);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 4.0);
  g_assert_cmpuint (doc->claims->len, >, 0);
}

static void
test_claims_class_items (void)
{
  g_autoptr (BpDocument) doc = cleaned_fields_on ("thirdparty/sh-pt-yichuan-2025-final.txt");
  const BpClaim *c = find_claim (doc, BP_CLAIM_AMOUNT, "城乡社区环境卫生(项)支出决算", 748);
  g_assert_cmpint (c->amount, ==, 734060000);   /* fen */
  g_autoptr (BpDocument) sthj = cleaned_fields_on ("thirdparty/sh-pt-sthj-2025-final.txt");
  c = find_claim (sthj, BP_CLAIM_AMOUNT, "大气(项)", 477);
  g_assert_cmpint (c->amount, ==, 379960000);
  g_assert_null (strstr (c->subject, "环境保护管理事务"));
}

/* ---- tables --------------------------------------------------------------- */

static GPtrArray *
split_tabs (const BpDocument *doc, int line)
{
  g_auto (GStrv) cells = g_strsplit (bp_document_source_line (doc, line), "\t", -1);
  GPtrArray *a = g_ptr_array_new_with_free_func (g_free);
  for (char **c = cells; *c; c++)
    g_ptr_array_add (a, g_strdup (*c));
  return a;
}

/* A table as the tables stage would give it, from the document's own
 * tab-separated header lines H0..H1 and row lines R0..R1. */
static BpTable *
table_from_lines (BpDocument *doc, const char *type, BpUnit unit, int h0,
                  int h1, int r0, int r1)
{
  BpTable *t = bp_document_add_table (doc, type, type, h0);
  t->unit = unit;
  t->end_line = r1;
  for (int h = h0; h <= h1; h++)
    bp_table_add_header_row (t, split_tabs (doc, h));
  for (int r = r0; r <= r1; r++)
    {
      g_autoptr (GPtrArray) cells = split_tabs (doc, r);
      if (cells->len < 2)
        continue;
      BpRow *row = bp_table_add_row (t, r);
      for (guint c = 0; c < cells->len; c++)
        bp_row_add_cell (row, g_ptr_array_index (cells, c));
    }
  return t;
}

static BpDocument *
doc_000_with_tables (void)
{
  BpDocument *doc = bp_harness_load_corpus ("000_fe5e375999e3baca.txt");
  table_from_lines (doc, "income_expense_summary", BP_UNIT_YUAN, 109, 110, 111, 138);
  table_from_lines (doc, "expense_summary", BP_UNIT_YUAN, 148, 148, 149, 166);
  table_from_lines (doc, "general_budget_expense", BP_UNIT_YUAN, 211, 212, 213, 230);
  table_from_lines (doc, "basic_expense", BP_UNIT_YUAN, 238, 239, 240, 263);
  table_from_lines (doc, "three_public", BP_UNIT_YUAN, 271, 272, 273, 273);
  table_from_lines (doc, "procurement", BP_UNIT_YUAN, 303, 304, 305, 311);
  run_fields (doc);
  return doc;
}

static void
test_tables_fields (void)
{
  g_autoptr (BpDocument) doc = doc_000_with_tables ();
  assert_money (doc, "income.total", "15386196.87", 136);
  assert_money (doc, "income.general_budget", "15386196.87", 111);
  assert_money (doc, "expense.total", "15386196.87", 136);
  assert_money (doc, "total.income", "15386196.87", 138);
  assert_money (doc, "total.expense", "15386196.87", 138);
  assert_money (doc, "expense.basic", "14085696.87", 149);
  assert_money (doc, "expense.project", "1300500.00", 149);
  assert_money (doc, "expense.personnel", "12611540.39", 240);
  assert_money (doc, "expense.public", "1474156.48", 240);
  assert_money (doc, "three_public.total", "410000.00", 273);
  assert_money (doc, "three_public.vehicle", "390000.00", 273);
  assert_money (doc, "three_public.vehicle_purchase", "180000.00", 273);
  assert_money (doc, "three_public.vehicle_operation", "210000.00", 273);
  assert_money (doc, "three_public.reception", "20000.00", 273);
  assert_money (doc, "procurement.total", "400000.00", 305);
  /* Only in the text: "部门本级机关运行经费 147.42 万元". */
  assert_money (doc, "operating_cost", "1474200.00", 694);
  g_assert_cmpstr (bp_document_get_field (doc, "expense.basic")->table, ==, "t2");
  g_assert_null (bp_document_get_field (doc, "operating_cost")->table);
}

static const BpClassRow *
class_row (const BpDocument *doc, BpClassKind kind, const char *code)
{
  for (guint i = 0; i < doc->classification->len; i++)
    {
      const BpClassRow *r = g_ptr_array_index (doc->classification, i);
      if (r->kind == kind && g_str_equal (r->code, code))
        return r;
    }
  g_error ("no class row %s", code);
  return NULL;
}

static void
test_tables_classification (void)
{
  g_autoptr (BpDocument) doc = doc_000_with_tables ();
  const BpClassRow *r = class_row (doc, BP_CLASS_FUNCTION, "2010302");
  g_assert_cmpint (r->amount[0], ==, 130050000);
  g_assert_cmpint (r->amount[1], ==, 0);
  g_assert_cmpint (r->amount[2], ==, 130050000);
  g_assert_cmpint (r->line, ==, 153);
  g_assert_cmpstr (r->table, ==, "t2");      /* 支出总表, not 表5 */
  r = class_row (doc, BP_CLASS_ECONOMIC, "30231");
  g_assert_cmpint (r->amount[0], ==, 21000000);
  g_assert_true (r->has[2] && r->amount[2] == 21000000);
  guint n_fn = 0, n_eco = 0;
  for (guint i = 0; i < doc->classification->len; i++)
    {
      const BpClassRow *c = g_ptr_array_index (doc->classification, i);
      (*(c->kind == BP_CLASS_FUNCTION ? &n_fn : &n_eco))++;
    }
  g_assert_cmpuint (n_fn, ==, 17);
  g_assert_cmpuint (n_eco, ==, 23);
}

static void
add_row (BpTable *t, int line, const char *const *cells)
{
  BpRow *r = bp_table_add_row (t, line);
  for (; *cells; cells++)
    bp_row_add_cell (r, *cells);
}

static GPtrArray *
strv_array (const char *const *cells)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_free);
  for (; *cells; cells++)
    g_ptr_array_add (a, g_strdup (*cells));
  return a;
}

static void
test_tables_final_groups (void)
{
  /* The 决算 06 table: three (code, name, 决算数) groups side by side, and
   * the “三公” table with 预算数 and 决算数 groups. Values from 004. */
  g_autoptr (BpDocument) doc = bp_harness_load_corpus ("004_d9984b4f4bf4cec5.txt");
  BpTable *t = bp_document_add_table (doc, "basic_expense", "06", 455);
  t->unit = BP_UNIT_WANYUAN;
  t->end_line = 526;
  bp_table_add_header_row (t, strv_array ((const char *const[]) {
      "人员经费", "", "", "公用经费", "", "", "", "", "", NULL }));
  bp_table_add_header_row (t, strv_array ((const char *const[]) {
      "科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数",
      "科目代码", "科目名称", "决算数", NULL }));
  add_row (t, 477, (const char *const[]) { "301", "工资福利支出", "923.27",
      "302", "商品和服务支出", "40.19", "310", "资本性支出", "", NULL });
  add_row (t, 483, (const char *const[]) { "30103", "奖金", "97.29",
      "30203", "咨询费", "", "31007", "信息网络及软件购置更新", "", NULL });
  add_row (t, 526, (const char *const[]) { "人员经费合计", "", "964.80",
      "公用经费合计", "", "40.19", NULL });

  BpTable *tp = bp_document_add_table (doc, "three_public", "09", 590);
  tp->unit = BP_UNIT_WANYUAN;
  tp->end_line = 624;
  bp_table_add_header_row (tp, strv_array ((const char *const[]) {
      "预算数", "", "", "", "", "", "决算数", "", "", "", "", "", NULL }));
  bp_table_add_header_row (tp, strv_array ((const char *const[]) {
      "合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费",
      "合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", NULL }));
  bp_table_add_header_row (tp, strv_array ((const char *const[]) {
      "", "", "小计", "公务用车购置费", "公务用车运行维护费", "",
      "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", NULL }));
  add_row (tp, 624, (const char *const[]) { "21", "", "21", "", "21", "",
      "10.96", "", "10.96", "", "10.96", "", NULL });
  run_fields (doc);

  const BpClassRow *r = class_row (doc, BP_CLASS_ECONOMIC, "302");
  g_assert_cmpint (r->amount[0], ==, 401900 * 100);
  g_assert_false (r->has[1] || r->has[2]);
  g_assert_cmpint (r->line, ==, 477);
  r = class_row (doc, BP_CLASS_ECONOMIC, "30203");
  g_assert_false (r->has[0]);                 /* empty cell: omitted */
  assert_money (doc, "expense.personnel", "9648000.00", 526);
  assert_money (doc, "expense.public", "401900.00", 526);
  /* 决算数, not the 21 万元 budget; empty cells come from the text. */
  assert_money (doc, "three_public.total", "109600.00", 624);
  assert_money (doc, "three_public.vehicle_operation", "109600.00", 624);
  assert_money (doc, "three_public.overseas", "0.00", 782);
}

static void
test_tables_misaligned_three_public (void)
{
  /* PDF text lost the empty cells: "21 21 21 10.96 10.96 10.96" under 12
   * columns. The figures do not add up, so the narrative decides. */
  g_autoptr (BpDocument) doc = bp_harness_load_corpus ("004_d9984b4f4bf4cec5.txt");
  BpTable *tp = bp_document_add_table (doc, "three_public", "09", 590);
  tp->unit = BP_UNIT_WANYUAN;
  bp_table_add_header_row (tp, strv_array ((const char *const[]) {
      "合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行维护费",
      "公务接待费", NULL }));
  add_row (tp, 624, (const char *const[]) { "21", "21", "21", "10.96",
      "10.96", "10.96", NULL });
  run_fields (doc);
  assert_money (doc, "three_public.total", "109600.00", 774);
  assert_money (doc, "three_public.overseas", "0.00", 782);
}

static void
test_tables_flat_group_labels (void)
{
  /* One header row naming group and item together ("合计决算数"). */
  g_autoptr (BpDocument) doc = bp_harness_load_corpus ("004_d9984b4f4bf4cec5.txt");
  BpTable *tp = bp_document_add_table (doc, "three_public", "09", 590);
  tp->unit = BP_UNIT_WANYUAN;
  tp->end_line = 624;
  bp_table_add_header_row (tp, strv_array ((const char *const[]) {
      "合计预算数", "合计决算数", "因公出国预算数", "因公出国决算数",
      "公务用车购置及运行预算数", "公务用车购置及运行决算数", "购置费预算数",
      "购置费决算数", "运行费预算数", "运行费决算数", "公务接待预算数",
      "公务接待决算数", NULL }));
  add_row (tp, 624, (const char *const[]) { "21", "10.96", "", "", "21", "10.96",
      "", "", "21", "10.96", "", "", NULL });
  run_fields (doc);
  assert_money (doc, "three_public.total", "109600.00", 624);
  assert_money (doc, "three_public.vehicle", "109600.00", 624);
  assert_money (doc, "three_public.vehicle_operation", "109600.00", 624);
  assert_money (doc, "three_public.vehicle_purchase", "0.00", 790);
}

/* ---- 合计 rows read from their source lines --------------------------- */

static BpDocument *
inline_through_fields (const char *text)
{
  BpDocument *doc = bp_document_new_from_bytes ("inline.txt", text, strlen (text));
  GError *error = NULL;
  gboolean ok = bp_harness_run_stages ((const char *const[]) { "cleanup", "tables",
                                                               "fields", NULL },
                                       doc, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return doc;
}

static void
test_total_row_split_label (void)
{
  /* Plain pdftotext of 北京 预算06表 (bj-czj): the 合计 row's first two
   * figures printed before its label, which is broken over two lines. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "预算06表 一般公共预算基本支出表\n金额单位：万元\n\n预算数\n政府支出经济分类科目\n\n"
      "部门支出经济分类科目\n合计\n\n人员经费\n\n公用经费\n\n"
      "50905-离退休费\n\n30302-退休费\n\n420.280200\n\n420.280200\n\n"
      "50999-其他对个人和家庭的补助\n\n30399-其他对个人和家庭的补助\n\n"
      "1,417.152000\n\n1,417.152000\n\n"
      "28,016.258321\n\n25,934.649992\n\n合\n\n计\n\n2,081.608329\n\n"
      "预算07表 政府性基金预算支出表\n");
  assert_money (doc, "expense.personnel", "259346499.92", 0);
  assert_money (doc, "expense.public", "20816083.29", 0);
}

/* ---- 收支总表 totals read from their source lines -------------------- */

static void
test_summary_totals_from_lines (void)
{
  /* Plain pdftotext of 北京 预算01表 (bj-czj): both sides' labels come
   * before their figures, so the tables stage pairs 44,156.64 with
   * 上年结转结余. 本年收入合计 = 收入总计 − 上年结转 confirms it. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "预算01表 收支总表\n金额单位：万元\n\n收\n项\n一、一般公共预算拨款收入\n\n目\n\n入\n\n"
      "支\n预算数\n\n项\n\n目\n\n44,156.640120 一、一般公共服务支出\n\n出\n预算数\n"
      "37,644.195492\n\n二、政府性基金预算拨款收入\n\n二、外交支出\n\n"
      "八、社会保障和就业支出\n\n3,514.511928\n\n九、其他收入\n\n九、卫生健康支出\n\n"
      "2,055.665112\n\n十、节能环保支出\n二十二、灾害防治及应急管理支出\n\n162.341000\n\n"
      "二十三、其他支出\n\n792.644000\n\n二十四、债务付息支出\n"
      "本年收入合计\n上年结转结余\n\n44,156.640120\n\n本年支出合计\n\n44,169.357532\n\n"
      "支出总计\n\n44,169.357532\n\n12.717412 年终结转结余\n收入总计\n\n44,169.357532\n\n"
      "预算02表 收入总表\n金额单位：万元\n");
  assert_money (doc, "income.total", "441566401.20", 0);
  assert_money (doc, "expense.total", "441693575.32", 0);
}

static void
test_summary_total_left_figure (void)
{
  /* Plain text of a central 部门收支总表 (cn-xfj): the income side's figure
   * printed on the line of the expenditure side's label. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "部门收支总表\n\n单位：万元\n\n收\n\n项\n\n目\n\n入\n\n支\n\n预算数\n\n项\n\n目\n\n"
      "出\n\n预算数\n\n一、一般公共预算拨款收入\n\n16,474.82 一、一般公共服务支出\n\n"
      "二、政府性基金预算拨款收入\n\n二、教育支出\n\n三、事业收入\n\n三、社会保障和就业支出\n\n"
      "2,208.19\n\n四、事业单位经营收入\n\n四、住房保障支出\n\n1,111.44\n\n五、其他收入\n\n"
      "31,888.00\n\n本年收入合计\n\n48,362.82 本年支出合计\n\n使用非财政拨款结余\n\n"
      "47,179.30\n118.01\n\n50,616.94\n\n结转下年\n\n上年结转\n\n2,254.12\n\n"
      "收\n入\n总\n计\n\n50,616.94\n\n4\n\n支\n出\n总\n计\n\n50,616.94\n\n"
      "部门公开表\n");
  assert_money (doc, "income.total", "483628200.00", 0);
}

static void
test_summary_general_budget_left_figures (void)
{
  /* Plain text of 北京 预算01表 (bj-jw): every income figure printed on the
   * line of an expenditure item; they add up to 本年收入合计 (3,343,492.98),
   * and the figure on the line of 一、一般公共服务支出 is 一、一般公共预算拨款收入's. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "预算01表 收支总表\n金额单位：万元\n\n收\n项\n\n目\n\n一、一般公共预算拨款收入\n二、政府性基金预算拨款收入\n"
      "三、国有资本经营预算拨款收入\n\n入\n\n支\n预算数\n\n项\n\n68,500.000000 二、外交支出\n"
      "250.000000 三、国防支出\n261,765.519567 四、公共安全支出\n\n五、事业收入\n\n"
      "441,986.276316 五、教育支出\n\n七、附属单位上缴收入\n\n预算数\n\n"
      "2,434,777.733486 一、一般公共服务支出\n\n四、财政专户管理资金收入\n\n六、上级补助收入\n\n目\n\n出\n\n"
      "3,891,006.851130\n\n六、科学技术支出\n\n29,289.193014\n\n"
      "920.000000 七、文化旅游体育与传媒支出\n\n1,000.000000\n\n八、事业单位经营收入\n\n"
      "13,922.720000 八、社会保障和就业支出\n\n491.285300\n\n九、其他收入\n\n"
      "121,370.735297 九、卫生健康支出\n\n784.895808\n\n十、节能环保支出\n十一、城乡社区支出\n"
      "十二、农林水支出\n\n240.972600\n\n十三、交通运输支出\n十四、资源勘探工业信息等支出\n\n13.410000\n\n"
      "十五、商业服务业等支出\n十六、金融支出\n十七、援助其他地区支出\n十八、自然资源海洋气象等支出\n十九、住房保障支出\n"
      "二十、粮油物资储备支出\n二十一、国有资本经营预算支出\n\n250.000000\n\n二十二、灾害防治及应急管理支出\n"
      "二十三、其他支出\n\n0.018390\n\n二十四、债务付息支出\n二十五、债务发行费用支出\n二十六、抗疫特别国债安排的支出\n"
      "本年收入合计\n上年结转结余\n\n3,343,492.984666\n\n本年支出合计\n\n"
      "1,140,406.841279 年终结转结余\n收入总计\n\n4,483,899.825945\n\n"
      "3,923,076.626242\n560,823.199703\n\n支出总计\n\n4,483,899.825945\n\n"
      "预算02表 收入总表\n\n");
  assert_money (doc, "income.total", "33434929846.66", 0);
  assert_money (doc, "income.general_budget", "24347777334.86", 32);
}

static void
test_summary_total_not_carry_over (void)
{
  /* Plain text of a 福州 收支预算总表 (fz-gaj-jgzd): the figure after
   * 本年支出合计 is the 上年结转结余 (61764.88 − 8000.00 = 53764.88 is a
   * figure too). A year's own total is the larger share: not taken. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "一、收支预算总表\n\n单位：万元\n\n收入\n\n支出\n\n项目\n\n预算数\n\n项目\n\n"
      "一、一般公共预算拨款收入\n\n48764.88\n\n一、一般公共服务支出\n\n"
      "二、政府性基金预算拨款收入\n\n5000.00\n\n二、外交支出\n\n"
      "九、卫生健康支出\n\n预算数\n\n48200.88\n\n5064.00\n\n十一、城乡社区支出\n\n"
      "5000.00\n\n十九、住房保障支出\n\n3500.00\n\n二十六、债务发行费用支出\n\n"
      "本年收入合计\n\n53764.88\n\n本年支出合计\n\n8000.00\n\n上年结转结余\n\n"
      "收入合计\n\n61764.88\n\n支出合计\n\n61764.88\n\n二、收入预算总表\n");
  assert_money (doc, "income.total", "537648800.00", 0);
  const BpField *f = bp_document_get_field (doc, "expense.total");
  g_assert_true (!f || f->value != 80000000);
}

static void
test_summary_income_from_carry (void)
{
  /* Plain text of a 深圳 收支总表 (sz-cgj, three pages): 10,424.44 is printed
   * pages before 本年收入合计, but the carry-over's parts are read
   * (268.46 + 0.00): 10,692.90 − 268.46 is a figure of the table. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "表1\n\n收支总表\n部门名称：深圳市城市管理和综合执法局（本级）\n"
      "\n单位：万元\n收\n\n项\n一、财政拨款\n\n目\n\n入\n\n支\n2026 年预算数\n"
      "\n项\n\n目\n\n出\n2026 年预算数\n\n10,424.44\n\n一、教育支出\n"
      "\n130.80\n\n10,424.44\n\n进修及培训\n\n130.80\n\n2.政府性基金预算拨款\n"
      "\n0.00\n\n培训支出\n\n130.80\n\n3.国有资本经营预算拨款\n\n0.00\n"
      "\n二、社会保障和就业支出\n\n698.03\n\n二、财政专户管理资金\n"
      "\n0.00\n\n行政事业单位养老支出\n\n693.79\n\n三、单位资金\n"
      "\n0.00\n\n行政单位离退休\n\n285.84\n\n1.事业收入\n\n0.00\n\n机关事业单位基本养老保险缴费支出\n"
      "\n273.10\n\n2.事业单位经营收入\n\n0.00\n\n机关事业单位职业年金缴费支出\n"
      "\n134.86\n\n3.上级补助收入\n\n0.00\n\n4.附属单位上缴收入\n\n"
      "0.00\n\n5.其他收入\n\n0.00\n\n1.一般公共预算拨款\n\n抚恤\n其他优抚支出\n"
      "最低生活保障\n城市最低生活保障金支出\n\n- 14 -\n\n2.39\n"
      "2.39\n1.84\n1.84\n\n表1\n\n收支总表\n部门名称：深圳市城市管理和综合执法局（本级）\n"
      "\n单位：万元\n收\n\n项\n\n目\n\n入\n\n支\n2026 年预算数\n\n"
      "项\n\n目\n\n三、卫生健康支出\n行政事业单位医疗\n\n111.62\n"
      "\n行政单位医疗\n\n111.62\n\n四、城乡社区支出\n\n8,399.58\n3,229.28\n"
      "\n行政运行\n\n3,111.16\n\n城管执法\n\n118.12\n\n城乡社区环境卫生\n"
      "\n5,170.30\n\n城乡社区环境卫生\n\n上年结余、结转\n\n5,170.30\n"
      "\n五、住房保障支出\n\n1,352.87\n\n住房改革支出\n\n1,352.87\n"
      "\n住房公积金\n\n290.03\n\n购房补贴\n\n1,062.83\n\n10,424.44\n268.46\n"
      "\n2026 年预算数\n111.62\n\n城乡社区管理事务\n\n本年收入合计\n"
      "\n出\n\n本年支出合计\n结转下年\n\n- 15 -\n\n10,692.90\n0.00\n\n"
      "表1\n\n收支总表\n部门名称：深圳市城市管理和综合执法局（本级）\n"
      "\n单位：万元\n收\n\n项\n\n目\n\n入\n\n支\n2026 年预算数\n\n"
      "项\n\n1.财政拨款结余、结转\n\n268.46\n\n2.非财政拨款结余、结转\n"
      "\n0.00\n\n收入总计\n\n10,692.90\n\n目\n\n支出总计\n\n注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况；本套报表金额单位转换时可能存在尾数误差。\n"
      "\n- 16 -\n\n\n");
  assert_money (doc, "income.total", "104244400.00", 0);
}

static void
test_summary_totals_after_note (void)
{
  /* Plain text of a 深圳 收支总表 (sz-ybj): 收入总计 and 支出总计 printed
   * after the table's note and page number, before the next table; with
   * them the grand total is known, 本年支出合计 is its figure and
   * 本年收入合计 = 收入总计 − 上年结转 (147.61 + 0.00). */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "表1\n收支总表\n部门名称：深圳市医疗保障局（本级）\n单位：万元\n收\n项\n一、财政拨款\n1.一般公共预算拨款\n目\n入\n"
      "支\n2026 年预算数\n项\n目\n出\n2026 年预算数\n13,607.02\n一、社会保障和就业支出\n1,101.93\n"
      "13,607.02\n行政事业单位养老支出\n1,099.38\n2.政府性基金预算拨款\n0.00\n行政单位离退休\n149.61\n"
      "3.国有资本经营预算拨款\n0.00\n机关事业单位基本养老保险缴费支出\n646.37\n0.00\n机关事业单位职业年金缴费支出\n"
      "303.40\n二、财政专户管理资金\n三、单位资金\n1,725.63\n1.事业收入\n0.00\n死亡抚恤\n2.事业单位经营收入\n"
      "0.00\n二、卫生健康支出\n3.上级补助收入\n0.00\n行政事业单位医疗\n262.62\n4.附属单位上缴收入\n0.00\n"
      "行政单位医疗\n262.62\n5.其他收入\n1,725.63\n抚恤\n医疗保障管理事务\n行政运行\n- 13 -\n2.55\n"
      "2.55\n11,823.02\n11,560.40\n7,517.14\n表1\n收支总表\n部门名称：深圳市医疗保障局（本级）\n"
      "单位：万元\n收\n项\n目\n入\n支\n2026 年预算数\n项\n目\n信息化建设\n本年收入合计\n上年结余、结转\n"
      "1.财政拨款结余、结转\n147.61\n2.非财政拨款结余、结转\n0.00\n收入总计\n2026 年预算数\n347.33\n"
      "医疗保障政策管理\n1,970.30\n其他医疗保障管理事务支出\n1,725.63\n三、住房保障支出\n2,555.31\n"
      "住房改革支出\n2,555.31\n住房公积金\n667.18\n购房补贴\n1,888.13\n15,332.65\n147.61\n"
      "出\n本年支出合计\n结转下年\n15,480.26\n0.00\n支出总计\n"
      "注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况；本套报表金额单位转换时可能存在尾数误差。\n"
      "- 14 -\n15,480.26\n15,480.26\n表2\n收入总表\n");
  assert_money (doc, "total.income", "154802600.00", 0);
  assert_money (doc, "total.expense", "154802600.00", 0);
  assert_money (doc, "expense.total", "154802600.00", 0);
  assert_money (doc, "income.total", "153326500.00", 0);
}

static void
test_summary_income_before_expense_label (void)
{
  /* Plain text of a 西安 收支总表 (xa-ajj, four column groups): the
   * 本年收入合计 label printed lines away, its figure on the line of the
   * first 本年支出合计 ("3,643.37 本年支出合计"); 3,695.91 − 3,643.37 =
   * 52.54, the carry-over, is a figure of the table. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "表1\n2019年部门综合预算收支总表\n单位：万元\n收\n入\n项\n目\n一、部门预算\n1、财政拨款\n"
      "(1)一般公共预算拨款收入\n其中：专项资金列入部门\n预算的项目\n(2)政府性基金收入\n(3)国有资本经营预算收入\n"
      "2、上级补助收入\n3、事业收入\n其中：纳入财政专户管理的\n收费\n4、事业单位经营收入\n5、下级单位上缴收入\n6、其他收入\n"
      "本年收入合计\n用事业基金弥补收支差额\n上年实户资金余额\n上年结转\n其中：财政拨款资金结转\n非财政拨款资金结余\n收入总计\n支\n"
      "预算数 支出功能分类科目（按大类）\n3,643.37\n3,643.37\n部门预算支出经济分类科目（按大类）\n预算数\n"
      "一、部门预算\n1、一般公共服务\n2、外交\n3,695.91 支出总计\n预算数\n一、部门预算\n1、机关工资福利支出\n"
      "2、机关商品和服务支出\n1,470.72\n1,333.23\n2,022.39\n1,834.69\n(2)商品和服务支出\n"
      "182.88\n3、机关资本性支出（一）\n(3)对个人和家庭的补助\n(4)资本性支出\n2、专项业务经费支出\n(1)工资福利支出\n"
      "4.82\n4、机关资本性支出（二）\n5、对事业单位经常性补助\n6、对事业单位资本性补助\n7、对企业补助\n4、公共安全\n"
      "5、教育\n6、科学技术\n7、文化旅游体育与传媒\n9、社会保险基金\n10、卫生健康\n11、节能环保\n12、城乡社区\n"
      "13、农林水\n14、交通运输\n15、资源勘探信息等\n16、商业服务业等\n17、金融\n18、援助其他地区\n"
      "19、自然资源海洋气象等\n20、住房保障\n21、粮油物资储备\n22、国有资本经营预算\n23、灾害防治及应急管理\n24、预备费\n"
      "25、其他支出\n26、转移性支出\n27、债务还本支出\n28、债务付息支出\n29、债务发行费用支出\n"
      "3,643.37 本年支出合计\n结转下年\n40.93 未安排支出的实户资金\n11.61\n11.61\n"
      "政府预算支出经济分类科目（按大类）\n预算数\n一、部门预算\n1、人员经费和公用经费支出\n(1)工资福利支出\n3、国防\n"
      "8、社会保障和就业\n出\n183.60\n30.81\n(2)商品和服务支出\n(3)对个人和家庭的补助\n(4)债务利息及费用支出\n"
      "(5)资本性支出（基本建设）\n(6)资本性支出\n(7)对企业补助（基本建设）\n(8)对企业补助\n(9)对社会保障基金补助\n"
      "(10)其他支出\n1,620.98\n1,516.67\n104.31\n104.31\n730.29\n8、对企业资本性支出\n"
      "9、对个人和家庭的补助\n10、对社会保障基金补助\n11、债务利息及费用支出\n12、债务还本支出\n13、转移性支出\n"
      "14、预备费及预留\n15、其他支出\n4.82\n157.42\n3,271.54\n3,643.37 本年支出合计\n"
      "52.54 结转下年\n未安排支出的实户资金\n3,643.37 本年支出合计\n52.54 结转下年\n未安排支出的实户资金\n"
      "3,643.37\n52.54\n3,695.91 支出总计\n3,695.91 支出总计\n3,695.91\n第3页，共45页\n"
      "表2\n2019年部门综合预算收入总表\n");
  assert_money (doc, "income.total", "36433700.00", 0);
  assert_money (doc, "total.income", "36959100.00", 0);
}

static void
test_total_row_other_row_between (void)
{
  /* Plain text of 北京 预算03表 (bj-gzw): after the split 合 / 计 label the
   * row above's last figure (1,415.98) sits between the 合计 and its parts. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "预算03表 支出总表\n金额单位：万元\n\n其中\n支出功能分类科目\n\n2050803-培训支出\n\n政府支出经济分类科目\n\n50203-培训费\n"
      "\n2080505-机关事业单位基本养老保险缴费\n50102-社会保障缴费\n支出\n\n部门支出经济分类科目\n\n合计\n\n基本支出\n"
      "\n30216-培训费\n\n189.784243\n\n20.357443\n\n30108-机关事业单位基本养老保险缴费\n\n753.844740\n"
      "\n30302-退休费\n\n89.936400\n\n89.936400\n\n项目支出\n\n169.426800\n\n事业单位经营\n"
      "对附属单位补\n\n3,834.377198\n\n2239999-其他国有资本经营预算支出\n\n50205-委托业务费\n\n30227-委托业务费\n"
      "\n1,415.982488\n\n合\n\n计\n\n515,665.274501\n\n1,415.982488\n10,792.950131\n"
      "\n504,872.324370\n\n预算04表 财政拨款收支总表\n金额单位：万元\n\n收\n\n");
  assert_money (doc, "expense.basic", "107929501.31", 0);
  assert_money (doc, "expense.project", "5048723243.70", 0);
}

static void
test_total_row_after_headings (void)
{
  /* Plain text of a 福州 支出预算总表 (fz-gaj-jgzd): the row's label runs
   * into the column headings, its figures follow them. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "三、支出预算总表\n\n2026 年度支出预算总表\n科目编码\n\n科目名称\n合计\n\n合计\n\n"
      "基本支出\n\n项目支出\n\n61764.88\n\n30995.07\n\n30769.81\n\n204\n\n"
      "公共安全支出\n\n48200.88\n\n22431.07\n\n25769.81\n\n20402\n\n公安\n\n"
      "48200.88\n\n22431.07\n\n25769.81\n\n单位：万元\n");
  assert_money (doc, "expense.total", "617648800.00", 0);
  assert_money (doc, "expense.basic", "309950700.00", 0);
  assert_money (doc, "expense.project", "307698100.00", 0);
}

static void
test_total_row_after_table (void)
{
  /* Plain text of a 上海 支出预算总表 (sh-xfb): the 合计 row's label and
   * last figure printed after the lines the tables stage gave the table
   * (in the whole document it ends the table at 60,046,940, line 27 here),
   * right before the next table's title. */
  static const char text[] =
      "2026年预算单位支出预算总表\n编制单位：上海市信访办公室\n\n单位：元\n项目\n\n"
      "功能分类科目编码\n类\n\n款\n\n功能分类科目名称\n\n支出预算\n合计\n\n基本支出\n\n"
      "项目支出\n\n项\n\n201\n\n一般公共服务支出\n\n267,027,339\n\n39,590,540\n\n"
      "227,436,799\n\n信访事务\n\n221\n\n02\n\n03\n\n购房补贴\n\n5,481,600\n\n5,481,600\n\n"
      "288,280,739\n\n60,046,940\n\n合计\n\n228,233,799\n\n"
      "2026年预算单位财政拨款收支预算总表\n编制单位：上海市信访办公室\n";
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("inline.txt", text, strlen (text));
  GError *error = NULL;
  g_assert_true (bp_harness_run_stages ((const char *const[]) { "cleanup", "tables", NULL },
                                        doc, &error));
  g_assert_no_error (error);
  BpTable *t = bp_document_find_table (doc, "expense_summary");
  g_assert_nonnull (t);
  int last = 0;
  for (int n = 1; n <= (int) bp_document_n_source_lines (doc); n++)
    if (g_strcmp0 (bp_document_source_line (doc, n), "60,046,940") == 0)
      last = n;
  while (t->rows->len
         && ((BpRow *) g_ptr_array_index (t->rows, t->rows->len - 1))->line > last)
    g_ptr_array_set_size (t->rows, t->rows->len - 1);
  t->end_line = last;
  run_fields (doc);
  assert_money (doc, "expense.total", "288280739.00", 0);
  assert_money (doc, "expense.basic", "60046940.00", 0);
  assert_money (doc, "expense.project", "228233799.00", 0);
}

static void
test_total_row_codes_between (void)
{
  /* Plain text of a 上海 支出预算总表 (sh-kdfx): the codes of the rows
   * below stand between the 合计's first two figures and its last one,
   * which follows a column heading; the tables stage pairs 40,026,000 with
   * 合计. The table's largest figure and two parts adding up to it give
   * the row. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "2026年预算单位支出预算总表\n编制单位：上海科技大学附属学校\n\n单位：元\n\n项目\n\n"
      "支出预算\n\n功能分类科目编码\n功能分类科目名称\n类\n\n款\n\n合计\n\n基本支出\n\n"
      "项目支出\n\n项\n\n205\n\n教育支出\n\n93,654,254\n\n53,628,254\n\n40,026,000\n\n"
      "住房改革支出\n\n2,459,420\n\n2,459,420\n\n住房公积金\n\n2,459,420\n\n2,459,420\n\n"
      "108,059,614\n\n68,033,614\n\n210\n210\n\n11\n\n210\n\n11\n\n02\n\n221\n221\n\n"
      "02\n\n221\n\n02\n\n01\n\n合计\n\n项目支出\n\n40,026,000\n\n"
      "2026年预算单位财政拨款收支预算总表\n编制单位：上海科技大学附属学校\n");
  assert_money (doc, "expense.total", "108059614.00", 0);
  assert_money (doc, "expense.basic", "68033614.00", 0);
  assert_money (doc, "expense.project", "40026000.00", 0);
}

static void
test_total_row_wrapped_labels_between (void)
{
  /* Plain text of 北京 预算03表 (bj-jmrh): a wrapped row label's lines
   * stand between the 合计's first two figures and the split 合 / 计
   * label with the last one. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "预算03表 支出预算总表\n金额单位：万元\n\n其中\n支出功能分类科目\n\n政府支出经济分类科目\n\n"
      "部门支出经济分类科目\n\n合计\n\n基本支出\n\n2013601-行政运行\n\n50101-工资奖金津补贴\n\n"
      "30101-基本工资\n\n151.992000\n\n151.992000\n\n 项目支出\n\n"
      "2210201-住房公积金\n\n50501-工资福利支出\n\n30113-住房公积金\n\n47.005200\n\n47.005200\n\n"
      "9,151.309668\n\n2,074.253418\n\n2080505-机关事业单位基本养老保险缴费\n50102-社会保障缴费\n"
      "支出\n2080505-机关事业单位基本养老保险缴费\n50501-工资福利支出\n支出\n\n合\n\n计\n\n"
      "7,077.056250\n\n预算04表 财政拨款收支预算总表\n金额单位：万元\n");
  assert_money (doc, "expense.total", "91513096.68", 0);
  assert_money (doc, "expense.basic", "20742534.18", 0);
  assert_money (doc, "expense.project", "70770562.50", 0);
}

static void
test_total_row_seven_digit_code (void)
{
  /* Plain text of a 重庆 基本支出情况表 (cq-slj): the 合计 label printed
   * rows after its figures, a 7-digit economic code (3010201) among the
   * table's figures: a code, not the table's largest figure. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "2026 年一般公共预算基本支出情况表\n单位名称：重庆市水利局\n单位：万元\n经济分类科目\n科目编码\n基本支出\n科目名称\n"
      "总计\n人员经费\n公用经费\n33,325.21\n23,208.51\n10,116.70\n工资福利支出\n22,242.59\n"
      "22,189.17\n53.41\n30101\n基本工资\n5,571.11\n5,571.11\n30102\n津贴补贴\n"
      "1,450.71\n1,450.71\n合计\n301\n3010201\n规范性津补贴\n1,282.63\n1,282.63\n"
      "3010202\n其他津补贴\n168.08\n168.08\n2,742.18\n2,742.18\n30103\n"
      "2026 年一般公共预算“三公”经费支出表\n");
  assert_money (doc, "expense.personnel", "232085100.00", 0);
  assert_money (doc, "expense.public", "101167000.00", 0);
}

static void
test_three_public_one_item_a_line (void)
{
  /* -layout text of a 福州 “三公” table (fz-kjj): one item a line, 合计
   * first. The tables stage reads the items as columns of one row holding
   * only the 合计; the lines give every item, and they add up. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "十、一般公共预算“三公”经费支出预算表\n"
      "\n"
      "   2026 年度一般公共预算“三公”经费支出预算表\n"
      "                           单位：万元\n"
      "        项目           预算数\n"
      "合计                            9.14\n"
      "1、因公出国（境）费用                   6.14\n"
      "2、公务接待费                       1.00\n"
      "3、公务用车购置及运行费                  2.00\n"
      "其中：（1）公务用车购置费                 0.00\n"
      "（2）公务用车运行费                    2.00\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "                20\n"
      "     第三部分\n"
      "2026 年度单位预算情况说明\n"
      "\n");
  assert_money (doc, "three_public.total", "91400.00", 0);
  assert_money (doc, "three_public.overseas", "61400.00", 0);
  assert_money (doc, "three_public.reception", "10000.00", 0);
  assert_money (doc, "three_public.vehicle", "20000.00", 0);
  assert_money (doc, "three_public.vehicle_purchase", "0.00", 0);
  assert_money (doc, "three_public.vehicle_operation", "20000.00", 0);
  g_assert_cmpstr (bp_document_get_field (doc, "three_public.total")->table, ==, "t1");
}

static void
test_total_row_split_decimals (void)
{
  /* Plain text of a 重庆 部门支出总体情况表 (cq-kjj): every figure split at
   * its decimal point over two lines ("168,441" / ".81"), the 合计 label's
   * two characters far apart ("合" among the headings, "计" after them). */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "2026 年部门支出总体情况表\n单位名称:重庆市科学技术局\n单位:万元\n科目编码\n科\n合\n201\n一般公共服务支出\n"
      "20104\n2010406\n20106\n205\n2010602\n社会事业发展规划\n财政事务\n一般行政管理事务\n教育支出\n"
      "20508\n206\n发展与改革事务\n2050803\n进修及培训\n培训支出\n科学技术支出\n20601\n2060101\n"
      "2060102\n20602\n2060201\n2060203\n— 12 —\n科学技术管理事务\n行政运行\n一般行政管理事务\n"
      "基础研究\n机构运行\n自然科学基金\n计\n目\n名\n称\n总\n计\n基本支出\n168,441\n.81\n6,660\n.01\n"
      "项目支出\n161,781\n.80\n5,183\n.00\n2026 年财政拨款收支总表\n");
  assert_money (doc, "expense.total", "1684418100.00", 0);
  assert_money (doc, "expense.basic", "66600100.00", 0);
  assert_money (doc, "expense.project", "1617818000.00", 0);
}

static void
test_total_row_first_part_only (void)
{
  /* Plain text of a 杭州 基本支出预算表 (hz-jtj): after the 合计 only its
   * first part (人员经费 67,627.51), the second (日常公用支出 14,902.37) printed
   * rows later; 82,529.89 − 67,627.51 is that figure. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "表6：2026年市级部门一般公共预算基本支出预算表\n部门名称：杭州市交通运输局单位：万元\n本年一般公共预算基本支出\n"
      "经济分类科目名称\n**\n合计\n人员经费\n日常公用支出\n1\n2\n3\n合计\n82,529.89\n67,627.51\n"
      "工资福利支出\n63,983.80\n63,983.80\n基本工资\n10,588.60\n10,588.60\n津贴补贴\n"
      "7,060.99\n7,060.99\n奖金\n3,583.71\n3,583.71\n绩效工资\n21,301.11\n"
      "21,301.11\n机关事业单位基本养老保险缴费\n3,991.22\n3,991.22\n职业年金缴费\n2,022.66\n"
      "2,022.66\n职工基本医疗保险缴费\n2,401.90\n2,401.90\n149.80\n149.80\n4,524.89\n"
      "4,524.89\n203.12\n203.12\n8,155.81\n8,155.81\n其他社会保障缴费\n住房公积金\n医疗费\n"
      "其他工资福利支出\n14,902.37\n12,533.77\n表7：2026年市级部门一般公共预算“三公”经费支出预算表\n");
  assert_money (doc, "expense.personnel", "676275100.00", 0);
  assert_money (doc, "expense.public", "149023700.00", 0);
}

static void
test_total_row_numbered (void)
{
  /* -layout text of a 西安 基本支出 table (xa-gxj 表8): "1  合计 …" under a
   * 序号 column; the tables stage gives the table no 合计 row. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "表8\n\n\n"
      "                   2022 年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目-不含上年结转）\n"
      "预算单位：西安市工业和信息化局                                      金额单位：元\n\n"
      "序    部门经济科目编\n"
      "                          部门经济科目名称     政府经济科目编码    政府经济科目名称   合计            人员经费支出         公用经费支出          备注\n"
      "号            码\n"
      "1                    合计                                       46607769.51    43153893.01     3453876.50\n"
      "2    301             工资福利支出                                   39108602.61    39108602.61          0.00\n"
      "3          30101     基本工资             50101       工资奖金津补贴     6057979.20      6057979.20          0.00\n"
      "4          30101     基本工资             50501       工资福利支出      4536780.00      4536780.00          0.00\n");
  assert_money (doc, "expense.personnel", "43153893.01", 10);
  assert_money (doc, "expense.public", "3453876.50", 10);
}

static void
test_total_row_unit_name (void)
{
  /* -layout text of a 深圳 支出总表 (sz-cgj 表3): no 合计 row; the
   * department's own row, labelled with its name, opens the table. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "表3\n"
      "\n"
      "                                                         支出总表\n"
      "部门名称：深圳市城市管理和综合执法局（本级）                                                                                                                 单位：万元\n"
      "\n"
      "                                                                                                                     2026 年政府采购项目\n"
      "                                                                                                                                      其中：2026 年\n"
      "                                                                                                                         其中：2026 年\n"
      "                                                                              事业单位      对附属单位                                         政府采购项目\n"
      "       预算单位       科目编码       科目名称      支出总计        基本支出        项目支出                               上缴上级支出                 政府采购项目\n"
      "                                                                              经营支出      补助支出                                          中预留给小\n"
      "                                                                                                             小计           中预留给\n"
      "                                                                                                                                      型、微型企业\n"
      "                                                                                                                         中小企业的项\n"
      "                                                                                                                                      的项目资金规\n"
      "                                                                                                                         目资金规模\n"
      "                                                                                                                                         模\n"
      "深圳市城市管理和综合执法局\n"
      "                                       10,692.90    5,274.68       5,418.22      0.00      0.00       0.00   2,328.79        689.44       434.87\n"
      "（本级）\n"
      "                205       教育支出            130.80       1.00          129.80      0.00      0.00       0.00        0.00         0.00          0.00\n"
      "\n"
      "                20508     进修及培训           130.80       1.00          129.80      0.00      0.00       0.00        0.00         0.00          0.00\n"
      "\n"
      "                2050803   培训支出            130.80       1.00          129.80      0.00      0.00       0.00        0.00         0.00          0.00\n"
      "\n"
      "                208       社会保障和就业支出       698.03     698.03            0.00      0.00      0.00       0.00        0.00         0.00          0.00\n"
      "\n");
  assert_money (doc, "expense.basic", "52746800.00", 0);
  assert_money (doc, "expense.project", "54182200.00", 0);
}

static void
test_total_row_parts_not_adding_up (void)
{
  /* -layout text of 广州 表11 (gz-cgj): a 基本支出 table by funding source.
   * Its columns are not 人员经费 | 公用经费, whatever the form says. */
  g_autoptr (BpDocument) doc = inline_through_fields (
      "                                   表11\n\n"
      "                          部门预算基本支出预算表\n\n"
      "单位名称：广州市城市管理和综合执法局                          单位：万元\n"
      "支出项目类别（资金使用                     财政拨款\n"
      "              总计                                       财政专户拨款      其他资金\n"
      "    单位）           合计      一般公共预算    政府性基金预算   国有资本经营预算\n"
      "    合计        36,719.11     36,719.11        36,719.11        0.00         0.00        0.00          0.00\n"
      "工资福利支出    27,085.23     27,085.23        27,085.23        0.00         0.00        0.00          0.00\n"
      "商品和服务支出   3,964.53      3,964.53         3,964.53        0.00         0.00        0.00          0.00\n");
  g_assert_null (bp_document_get_field (doc, "expense.personnel"));
  g_assert_null (bp_document_get_field (doc, "expense.public"));
}

static void
test_general_budget_not_total (void)
{
  /* With a 支出总表 in the document (here without a readable 合计), the
   * 一般公共预算 table's 合计 is that fund's, not the 本年支出合计. */
  g_autoptr (BpDocument) doc = bp_document_new ();
  BpTable *all = bp_document_add_table (doc, "expense_summary", "支出决算表", 10);
  all->unit = BP_UNIT_WANYUAN;
  bp_table_add_header_row (all, strv_array ((const char *const[]) {
      "科目编码", "科目名称", "合计", "基本支出", "项目支出", NULL }));
  add_row (all, 12, (const char *const[]) { "201", "一般公共服务支出", "56.00", "56.00", "", NULL });
  BpTable *gb = bp_document_add_table (doc, "general_budget_expense",
                                       "一般公共预算财政拨款支出决算表", 20);
  gb->unit = BP_UNIT_WANYUAN;
  bp_table_add_header_row (gb, strv_array ((const char *const[]) {
      "科目编码", "科目名称", "合计", "基本支出", "项目支出", NULL }));
  add_row (gb, 22, (const char *const[]) { "", "合计", "296,047.75", "98,606.29",
      "197,441.45", NULL });
  run_fields (doc);
  g_assert_null (bp_document_get_field (doc, "expense.total"));
  assert_money (doc, "expense.basic", "986062900.00", 22);
}

/* A function row with no figure is left out: plain text (Chongqing) prints
 * the figures elsewhere, and the row's name took the next rows' names. */
static void
test_function_row_without_figures (void)
{
  g_autoptr (BpDocument) doc = bp_document_new ();
  BpTable *t = bp_document_add_table (doc, "expense_summary", "支出总表", 10);
  t->unit = BP_UNIT_WANYUAN;
  bp_table_add_header_row (t, strv_array ((const char *const[]) {
      "科目编码", "科目名称", "合计", "基本支出", "项目支出", NULL }));
  add_row (t, 11, (const char *const[]) { "", "合计", "10.00", "10.00", "", NULL });
  add_row (t, 12, (const char *const[]) { "201", "一般公共服务支出", "10.00", "10.00", "", NULL });
  add_row (t, 13, (const char *const[]) { "20106", "财政事务", "10.00", "10.00", "", NULL });
  add_row (t, 14, (const char *const[]) { "2010601", "行政运行", "10.00", "10.00", "", NULL });
  add_row (t, 15, (const char *const[]) { "2010602", "一般行政管理事务教育支出", "", "", "", NULL });
  run_fields (doc);
  guint n = 0;
  for (guint i = 0; i < doc->classification->len; i++)
    {
      const BpClassRow *r = g_ptr_array_index (doc->classification, i);
      g_assert_cmpstr (r->code, !=, "2010602");
      n += r->kind == BP_CLASS_FUNCTION;
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (class_row (doc, BP_CLASS_FUNCTION, "2010601")->amount[0], ==, 10000000);
}

static void
test_function_rows_not_units (void)
{
  /* xa-mzj 表10 专项业务经费支出表 (-layout): a table by unit whose
   * "单位编码" heading wrapped ("单位编" / "码") and was not read as one
   * label; its rows are a department and its units ("241" / "241001"),
   * no function rows, and the function table (表5) is read instead. */
  g_autoptr (BpDocument) doc = bp_document_new ();
  BpTable *t = bp_document_add_table (doc, "expense_summary", "专项业务经费支出表", 10);
  t->unit = BP_UNIT_YUAN;
  bp_table_add_header_row (t, strv_array ((const char *const[]) {
      "科目编码", "科目名称", "合计", "基本支出", "项目支出", NULL }));
  add_row (t, 11, (const char *const[]) { "", "合计", "578,716,321.41", "", "", NULL });
  add_row (t, 12, (const char *const[]) { "241", "西安市民政局", "578,716,321.41", "", "", NULL });
  add_row (t, 13, (const char *const[]) { "241001", "西安市民政局", "511,225,330.52", "", "", NULL });
  BpTable *g = bp_document_add_table (doc, "general_budget_expense", "一般公共预算支出明细表", 20);
  g->unit = BP_UNIT_YUAN;
  bp_table_add_header_row (g, strv_array ((const char *const[]) {
      "科目编码", "科目名称", "合计", "基本支出", "项目支出", NULL }));
  add_row (g, 21, (const char *const[]) { "", "合计", "1,023,214.00", "283,214.00", "740,000.00", NULL });
  add_row (g, 22, (const char *const[]) { "205", "教育支出", "1,023,214.00", "283,214.00", "740,000.00", NULL });
  add_row (g, 23, (const char *const[]) { "20508", "进修及培训", "1,023,214.00", "283,214.00", "740,000.00", NULL });
  add_row (g, 24, (const char *const[]) { "2050803", "培训支出", "1,023,214.00", "283,214.00", "740,000.00", NULL });
  run_fields (doc);
  for (guint i = 0; i < doc->classification->len; i++)
    g_assert_cmpstr (((BpClassRow *) g_ptr_array_index (doc->classification, i))->code, !=, "241");
  g_assert_cmpint (class_row (doc, BP_CLASS_FUNCTION, "2050803")->amount[0], ==, 102321400);
}

static void
test_function_rows_not_projects (void)
{
  /* xa-ajj 表11 财政拨款结转资金支出表 (plain text): a list of projects,
   * each paid under a function code; plain text pairs its cells apart
   * and reads the unit code 125001 as 2150605's amount. Its head names
   * 预算单位代码 and 预算项目名称: no function rows. */
  static const char text[] =
      "表11\n"
      "2019年部门综合预算财政拨款结转资金支出表\n"
      "单位：万元\n"
      "功能分类科 功能分类科目 政府经济分类科 政府经济分类科\n"
      "目代码\n"
      "名称\n"
      "预算单位代码\n"
      "预算单位名称\n"
      "预算项目名称\n"
      "金额\n"
      "西安市安全生产\n"
      "9.00\n"
      "2150510\n"
      "2150605\n"
      "125001\n";
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("inline.txt", text, strlen (text));
  BpTable *t = bp_document_add_table (doc, "expense_summary", "财政拨款结转资金支出表", 1);
  t->unit = BP_UNIT_WANYUAN;
  t->end_line = 15;
  bp_table_add_header_row (t, strv_array ((const char *const[]) {
      "科目编码", "科目名称", "合计", "基本支出", "项目支出", NULL }));
  add_row (t, 12, (const char *const[]) { "", "", "9.00", "", "", NULL });
  add_row (t, 13, (const char *const[]) { "2150510", "工业和信息产业支持", "2.61", "", "", NULL });
  add_row (t, 14, (const char *const[]) { "2150605", "安全监管监察专项", "125001", "", "", NULL });
  run_fields (doc);
  for (guint i = 0; i < doc->classification->len; i++)
    g_assert_cmpint (((BpClassRow *) g_ptr_array_index (doc->classification, i))->kind, !=,
                     BP_CLASS_FUNCTION);
}

static void
test_economic_rows_not_unreadable (void)
{
  /* xa-jtj 表8 in plain text: the 政府 economic codes read as the rows'
   * 合计 ("30101 基本工资 50101"), and 303 took 30239's late figure
   * (119.21 for 552.71); the tables stage marked it unreadable, so its
   * rows give no economic classification (and no narrative check
   * compares 对个人和家庭的补助 with 119.21). */
  g_autoptr (BpDocument) doc = bp_document_new ();
  BpTable *t = bp_document_add_table (doc, "basic_expense", "一般公共预算基本支出明细表", 10);
  t->unit = BP_UNIT_WANYUAN;
  bp_table_add_header_row (t, strv_array ((const char *const[]) {
      "科目编码", "科目名称", "合计", "人员经费", "公用经费", NULL }));
  add_row (t, 11, (const char *const[]) { "30101", "基本工资", "50101", "", "", NULL });
  add_row (t, 12, (const char *const[]) { "303", "对个人和家庭的补助", "119.21", "", "", NULL });
  bp_document_set_meta (doc, "tables.t1.unreadable",
                        "a second column of economic codes (50101…) was read as figures");
  run_fields (doc);
  for (guint i = 0; i < doc->classification->len; i++)
    g_assert_cmpint (((BpClassRow *) g_ptr_array_index (doc->classification, i))->kind, !=,
                     BP_CLASS_ECONOMIC);
}

static void
test_summary_glued_heading (void)
{
  /* Plain text of 广州 表1 (gz-cgj): the 预算 heading glued to 收入总计. */
  g_autoptr (BpDocument) doc = bp_document_new ();
  BpTable *t = bp_document_add_table (doc, "income_expense_summary", "收支总体情况表", 112);
  t->unit = BP_UNIT_WANYUAN;
  bp_table_add_header_row (t, strv_array ((const char *const[]) {
      "收入项目", "金额", "支出项目", "金额", NULL }));
  add_row (t, 130, (const char *const[]) { "", "191,822.92", "一、一般公共服务支出", "", NULL });
  add_row (t, 271, (const char *const[]) { "收入总计预算", "191,822.92", "", "", NULL });
  bp_document_set_meta (doc, "tables.t1.unreadable", "figures printed apart from their items");
  run_fields (doc);
  assert_money (doc, "total.income", "1918229200.00", 271);
  assert_money (doc, "total.expense", "1918229200.00", 271);
}

/* ---- generalization ----------------------------------------------------- */

static void
test_thirdparty_sane (void)
{
  static const char *const files[] = {
    "thirdparty/sh-pt-czj-2024-final.txt", "thirdparty/sh-pt-ghzy-2024-final.txt",
    "thirdparty/sh-pt-sfj-2026-budget.txt",
    "thirdparty/sh-pt-shiquan-2026-unit-budget.txt",
    "thirdparty/sh-pt-sthj-2025-final.txt", "thirdparty/sh-pt-wanli-2025-budget.txt",
    "thirdparty/sh-pt-yichuan-2025-final.txt", "thirdparty/sh-pt-zfb-2025-budget.txt",
    NULL };
  for (const char *const *f = files; *f; f++)
    {
      g_autoptr (BpDocument) doc = fields_on (*f);
      g_assert_nonnull (doc->kind);
      g_assert_cmpint (doc->year, >=, 2024);
      g_assert_cmpstr (doc->district, ==, "普陀区");
      g_assert_true (g_str_has_prefix (doc->department, "上海市普陀区"));
      for (guint i = 0; i < doc->fields->len; i++)
        {
          const BpField *fd = g_ptr_array_index (doc->fields, i);
          g_assert_cmpint (fd->line, >=, 1);
          g_assert_cmpint (fd->value, >=, 0);
        }
    }
  /* "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元" */
  g_autoptr (BpDocument) czj = fields_on ("thirdparty/sh-pt-czj-2024-final.txt");
  assert_money (czj, "income.total", "29462500.00", 508);
  assert_money (czj, "income.general_budget", "29400500.00", 508);
}

static void
test_summary_general_budget_fund_alone (void)
{
  /* hz-jtj 收支预算总表 (-layout): under "一、财政拨款" Hangzhou prints each
   * fund alone, "一般公共预算 414883.38": the 一般公共预算 income
   * (tests/corpus/layout/SOURCES.md). */
  static const char *const stages[] = { "cleanup", "tables", "fields", NULL };
  g_autoptr (BpDocument) doc = bp_harness_corpus_through (
      "layout/hz-jtj-2026-income-expense-summary.txt", stages, NULL, NULL);
  assert_money (doc, "income.general_budget", "4148833800.00", 6);
}

/* js-jcy 2018 (plain text): "…与上年相比增加" / "0.06 %。主要原因是省检察" /
 * "21.8 万元，增长" / "院本级…": the rate printed before the amount it
 * follows. Read in order, the change claim has both (the document's own
 * slip, 0.06 % for 0.6 %, is then checked). */
static void
test_claims_rate_before_amount (void)
{
  g_autoptr (BpDocument) doc = cleaned_fields_on ("plain/js-jcy-2018-narrative.txt");
  gboolean found = FALSE;
  for (guint i = 0; i < doc->claims->len; i++)
    {
      const BpClaim *c = g_ptr_array_index (doc->claims, i);
      found |= c->kind == BP_CLAIM_CHANGE && c->has_amount && c->amount == 21800000
               && c->has_percent && c->percent == 6;
    }
  g_assert_true (found);
}

/* sh-pt-fly 2024 (plain text, 表3 and 表5): the 支出总表 prints its names
 * apart from its codes, the 一般公共预算支出表 beside them; the function
 * rows (from the 支出总表) take those names. */
static void
test_classification_names_from_other_table (void)
{
  static const char *const stages[] = { "tables", "fields", NULL };
  g_autoptr (BpDocument) doc = bp_harness_corpus_through ("plain/sh-pt-fly-2024-unit-budget-tables3-5.txt",
                                                          stages, NULL, NULL);
  gboolean found = FALSE;
  for (guint i = 0; i < doc->classification->len; i++)
    {
      const BpClassRow *r = g_ptr_array_index (doc->classification, i);
      if (r->kind == BP_CLASS_FUNCTION && g_str_equal (r->code, "2081005"))
        {
          g_assert_cmpstr (r->name, ==, "社会福利事业单位");
          g_assert_cmpstr (r->table, ==, "t1");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* fields_mention_find reads the matches FIELDS_MENTION_PATTERN's GRegex
 * finds (a search from each match's end, within [FROM, TO)). */
static void
test_mention_find_as_regex (void)
{
  static const char *const pieces[] = {
    "1", "0", "9", "12", ",", ".", "-", "元", "万元", "亿元", "万", "亿", "%",
    "人", "次", "名", "个", "辆", "年", "a", " ", "，", "\n",
  };
  GRegex *re = g_regex_new (FIELDS_MENTION_PATTERN, G_REGEX_OPTIMIZE, 0, NULL);
  g_assert_nonnull (re);
  GRand *rand = g_rand_new_with_seed (18);
  for (int n = 0; n < 20000; n++)
    {
      g_autoptr (GArray) bounds = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_autoptr (GString) text = bp_harness_random_text (rand, pieces, G_N_ELEMENTS (pieces),
                                                         1, 16, bounds);
      guint a = g_rand_int_range (rand, 0, bounds->len);
      guint b = g_rand_int_range (rand, a, bounds->len);
      gsize from = g_array_index (bounds, gsize, a), to = g_array_index (bounds, gsize, b);
      GMatchInfo *mi = NULL;
      FieldsMentionSpan span;
      gsize at = from;
      g_regex_match_full (re, text->str, to, from, 0, &mi, NULL);
      for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
        {
          int s, e, ne;
          g_match_info_fetch_pos (mi, 0, &s, &e);
          g_match_info_fetch_pos (mi, 1, NULL, &ne);
          g_assert_true (fields_mention_find (text->str, to, at, &span));
          g_assert_cmpuint (span.start, ==, s);
          g_assert_cmpuint (span.num_end, ==, ne);
          g_assert_cmpuint (span.end, ==, e);
          at = span.end;
        }
      g_match_info_free (mi);
      g_assert_false (fields_mention_find (text->str, to, at, &span));
    }
  g_rand_free (rand);
  g_regex_unref (re);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fields/mentions/find-as-regex", test_mention_find_as_regex);
  g_test_add_func ("/fields/meta/budget-title", test_meta_budget_title);
  g_test_add_func ("/fields/claims/class-items", test_claims_class_items);
  g_test_add_func ("/fields/meta/no-title-page", test_meta_no_title_page);
  g_test_add_func ("/fields/meta/generic-overview", test_meta_final_generic_overview);
  g_test_add_func ("/fields/meta/shanghai", test_meta_shanghai);
  g_test_add_func ("/fields/meta/places", test_meta_places);
  g_test_add_func ("/fields/meta/tables-only", test_meta_tables_only);
  g_test_add_func ("/fields/narrative/003", test_narrative_fields_003);
  g_test_add_func ("/fields/narrative/heading-subject", test_narrative_heading_subject);
  g_test_add_func ("/fields/narrative/paragraphs-reused", test_narrative_paragraphs_reused);
  g_test_add_func ("/fields/narrative/absent", test_narrative_absent_fields);
  g_test_add_func ("/fields/narrative/no-operating-cost", test_narrative_no_operating_cost);
  g_test_add_func ("/fields/narrative/negatives", test_narrative_negatives);
  g_test_add_func ("/fields/claims/list-binding", test_claims_list_binding);
  g_test_add_func ("/fields/claims/change", test_claims_change);
  g_test_add_func ("/fields/claims/broken-lines", test_claims_broken_lines);
  g_test_add_func ("/fields/tables/fields", test_tables_fields);
  g_test_add_func ("/fields/tables/classification", test_tables_classification);
  g_test_add_func ("/fields/tables/final-groups", test_tables_final_groups);
  g_test_add_func ("/fields/tables/misaligned-three-public",
                   test_tables_misaligned_three_public);
  g_test_add_func ("/fields/tables/flat-group-labels", test_tables_flat_group_labels);
  g_test_add_func ("/fields/thirdparty", test_thirdparty_sane);
  g_test_add_func ("/fields/summary/glued-heading", test_summary_glued_heading);
  g_test_add_func ("/fields/classification/row-without-figures", test_function_row_without_figures);
  g_test_add_func ("/fields/classification/not-units", test_function_rows_not_units);
  g_test_add_func ("/fields/classification/not-projects", test_function_rows_not_projects);
  g_test_add_func ("/fields/classification/economic-not-unreadable",
                   test_economic_rows_not_unreadable);
  g_test_add_func ("/fields/summary/totals-from-lines", test_summary_totals_from_lines);
  g_test_add_func ("/fields/summary/left-figure", test_summary_total_left_figure);
  g_test_add_func ("/fields/summary/not-carry-over", test_summary_total_not_carry_over);
  g_test_add_func ("/fields/summary/general-budget-left-figures",
                   test_summary_general_budget_left_figures);
  g_test_add_func ("/fields/summary/income-from-carry", test_summary_income_from_carry);
  g_test_add_func ("/fields/summary/totals-after-note", test_summary_totals_after_note);
  g_test_add_func ("/fields/summary/income-before-expense-label",
                   test_summary_income_before_expense_label);
  g_test_add_func ("/fields/total-row/split-label", test_total_row_split_label);
  g_test_add_func ("/fields/total-row/after-headings", test_total_row_after_headings);
  g_test_add_func ("/fields/total-row/other-row-between", test_total_row_other_row_between);
  g_test_add_func ("/fields/total-row/numbered", test_total_row_numbered);
  g_test_add_func ("/fields/total-row/after-table", test_total_row_after_table);
  g_test_add_func ("/fields/total-row/split-decimals", test_total_row_split_decimals);
  g_test_add_func ("/fields/total-row/first-part-only", test_total_row_first_part_only);
  g_test_add_func ("/fields/three-public/one-item-a-line", test_three_public_one_item_a_line);
  g_test_add_func ("/fields/total-row/seven-digit-code", test_total_row_seven_digit_code);
  g_test_add_func ("/fields/total-row/codes-between", test_total_row_codes_between);
  g_test_add_func ("/fields/total-row/wrapped-labels-between",
                   test_total_row_wrapped_labels_between);
  g_test_add_func ("/fields/total-row/parts-not-adding-up", test_total_row_parts_not_adding_up);
  g_test_add_func ("/fields/total-row/unit-name", test_total_row_unit_name);
  g_test_add_func ("/fields/total-row/general-budget-not-total", test_general_budget_not_total);
  g_test_add_func ("/fields/claims/long-numbered-prefix", test_claims_long_numbered_prefix);
  g_test_add_func ("/fields/summary/general-budget-fund-alone", test_summary_general_budget_fund_alone);
  g_test_add_func ("/fields/claims/rate-before-amount", test_claims_rate_before_amount);
  g_test_add_func ("/fields/classification/names-from-other-table",
                   test_classification_names_from_other_table);
  return g_test_run ();
}
