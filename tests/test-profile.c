/* District profiles (core/profile.c): detection, aliases, phrases, apply;
 * and the district plugins on real documents through the harness. */
#include "config.h"

#include <string.h>
#include "harness.h"

static const char *const river_match[] = { "测试市河口区", NULL };
static const BpTableAlias river_aliases[] = {
  { "income_expense_summary", "财务收支预算总表" },
  { "general_budget_expense_by_unit", "支出表（分单位）" },
  { NULL, NULL }
};
static const char *const river_budget[] = { "income_summary", NULL };
static const BpFieldPhrase river_phrases[] = {
  { "procurement.total", "政府采购金额为([0-9][0-9,]*(?:\\.[0-9]+)?)(万元|元)" },
  { "expense.personnel", "人员经费合计\\s*([0-9][0-9,]*\\.[0-9]{2})" },
  { "vehicles.count", "车辆(\\d+)辆" },
  { NULL, NULL }
};
static const BpProfile river = {
  .name = "river", .summary = "test", .city = "测试市", .district = "河口区",
  .match_any = river_match, .aliases = river_aliases,
  .required_budget = river_budget, .phrases = river_phrases,
};

static BpDocument *
doc_from (const char *text)
{
  return bp_document_new_from_bytes ("t.txt", text, strlen (text));
}

static void
test_detect (void)
{
  bp_profile_register (&river);
  bp_profile_register (&river);   /* once only */
  g_assert_true (bp_profile_lookup ("river") == &river);
  g_autoptr (BpDocument) d = doc_from ("测试市 河口区 财政局\n2026年部门预算\n");
  g_assert_true (bp_profile_for_document (d) == &river);
  g_assert_cmpstr (d->profile, ==, "river");
  g_autoptr (BpDocument) n = doc_from ("某市某区财政局\n2026年部门预算\n");
  g_assert_true (bp_profile_for_document (n) == bp_profile_national ());
  g_assert_cmpstr (n->profile, ==, "national");
  /* Not decoded yet: national for now, but nothing recorded. */
  const char gb[] = "\xca\xd5\xc8\xeb\n";
  g_autoptr (BpDocument) raw = bp_document_new_from_bytes ("r.txt", gb, 5);
  g_assert_true (bp_profile_for_document (raw) == bp_profile_national ());
  g_assert_null (raw->profile);
}

static const char *const east_match[] = { "测试东区", NULL };
static const char *const west_match[] = { "测试西区", "西区测试", NULL };
static const BpProfile east = { .name = "east", .summary = "test",
                                .match_any = east_match };
static const BpProfile west = { .name = "west", .summary = "test",
                                .match_any = west_match };

/* The earliest match in the opening lines wins, whichever line it is on;
 * lines past the opening are not read. */
static void
test_detect_earliest (void)
{
  bp_profile_register (&east);
  bp_profile_register (&west);
  g_autoptr (BpDocument) a = doc_from ("封面\n西区测试 报告\n测试东区\n");
  g_assert_true (bp_profile_for_document (a) == &west);
  g_autoptr (BpDocument) b = doc_from ("封面\n关于测试 东区和测试西区\n测试西区\n");
  g_assert_true (bp_profile_for_document (b) == &east);
  GString *late = g_string_new (NULL);
  for (int i = 0; i < 200; i++)
    g_string_append (late, "第一行\n");
  g_string_append (late, "测试东区\n");
  g_autoptr (BpDocument) c = doc_from (late->str);
  g_string_free (late, TRUE);
  g_assert_true (bp_profile_for_document (c) == bp_profile_national ());
  /* A profile never registered still gives its aliases. */
  static const BpTableAlias pond_aliases[] = { { "three_public", "三公" },
                                                { NULL, NULL } };
  static const BpProfile pond = { .name = "pond", .aliases = pond_aliases };
  g_assert_cmpstr (bp_profile_alias_type (&pond, "“三 公”经费表"), ==, "three_public");
  g_assert_null (bp_profile_alias_type (&pond, "收入总表"));
  g_assert_null (bp_profile_alias_type (bp_profile_national (), "三公"));
}

static void
test_aliases_and_required (void)
{
  g_assert_cmpstr (bp_profile_alias_type (&river, "2026年部门 财务收支 预算总表"),
                   ==, "income_expense_summary");
  /* Full-width and ASCII brackets are the same title. */
  g_assert_cmpstr (bp_profile_alias_type (&river, "一般公共预算支出表(分单位)"),
                   ==, "general_budget_expense_by_unit");
  g_assert_null (bp_profile_alias_type (&river, "收入总表"));
  const char *const *req = bp_profile_required_tables (&river, "budget");
  g_assert_cmpstr (req[0], ==, "income_summary");
  g_assert_null (req[1]);
  /* No list for 决算: the national one. */
  req = bp_profile_required_tables (&river, "final_accounts");
  g_assert_cmpuint (g_strv_length ((char **) req), ==, 9);
}

static void
test_phrases (void)
{
  g_autoptr (BpDocument) d = doc_from (
      "本年度政府采\n购金额为 1,771.11 万元。\n人员经费合计\n2,152.26\n184.65\n"
      "共有车辆 ３ 辆。\n");
  d->unit = BP_UNIT_WANYUAN;
  BpTable *t = bp_document_add_table (d, "basic_expense", "基本支出表", 3);
  t->end_line = 5;
  g_assert_cmpuint (bp_profile_read_phrases (&river, d), ==, 3);
  BpField *f = bp_document_get_field (d, "procurement.total");
  g_assert_cmpint (f->value, ==, 1771110000);
  g_assert_cmpint (f->line, ==, 2);             /* the figure's line */
  g_assert_null (f->table);
  f = bp_document_get_field (d, "expense.personnel");
  g_assert_cmpint (f->value, ==, 2152260000);   /* not 2,152.26184.65 */
  g_assert_cmpint (f->line, ==, 4);
  g_assert_cmpstr (f->table, ==, t->id);
  f = bp_document_get_field (d, "vehicles.count");
  g_assert_cmpint (f->kind, ==, BP_FIELD_COUNT);
  g_assert_cmpint (f->value, ==, 3);
  /* A field already set stays. */
  bp_document_set_field (d, "vehicles.count", BP_FIELD_COUNT, 9, 1, NULL);
  g_assert_cmpuint (bp_profile_read_phrases (&river, d), ==, 0);
  g_assert_cmpint (bp_document_get_field (d, "vehicles.count")->value, ==, 9);
}

/* bp_profile_read_phrases_keep hands over the text it matched: each line
 * compacted, a "\n" only between two figures meeting at a break; none when
 * no phrase was read. */
static void
test_phrases_keep (void)
{
  g_autoptr (BpDocument) d = doc_from (
      "本年度政府采\n购金额为 1,771.11 万元。\n人员经费合计\n2,152.26\n184.65\n"
      "\n共有车辆 ３ 辆。\n");
  d->unit = BP_UNIT_WANYUAN;
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *joined = NULL;
  g_assert_cmpuint (bp_profile_read_phrases_keep (&river, d, &joined, starts), ==, 3);
  g_assert_cmpstr (joined, ==, "本年度政府采购金额为1,771.11万元。人员经费合计2,152.26\n184.65"
                   "共有车辆3辆。");
  g_assert_cmpuint (starts->len, ==, bp_document_n_lines (d));
  for (guint i = 0; i < starts->len; i++)
    {
      g_autofree char *own = bp_text_compact (bp_document_line (d, i)->text);
      g_assert_cmpmem (joined + g_array_index (starts, gsize, i), strlen (own), own, strlen (own));
    }
  g_assert_cmpint (bp_document_get_field (d, "procurement.total")->value, ==, 1771110000);
  /* Every field set: no text made. */
  g_clear_pointer (&joined, g_free);
  g_assert_cmpuint (bp_profile_read_phrases_keep (&river, d, &joined, starts), ==, 0);
  g_assert_null (joined);
  g_assert_cmpuint (starts->len, ==, 0);
}

static void
test_apply (void)
{
  g_autoptr (BpDocument) d = doc_from ("x\n");
  bp_document_add_table (d, "other", "2026年部门财务收支预算总表", 1);
  bp_document_add_table (d, "income_summary", "2026年部门财务收支预算总表", 1);
  bp_profile_apply (&river, d);
  g_assert_cmpstr (d->profile, ==, "river");
  g_assert_cmpstr (d->city, ==, "测试市");
  g_assert_cmpstr (d->district, ==, "河口区");
  g_assert_cmpstr (((BpTable *) d->tables->pdata[0])->type, ==, "income_expense_summary");
  /* Only "other" tables are retyped. */
  g_assert_cmpstr (((BpTable *) d->tables->pdata[1])->type, ==, "income_summary");
}

/* The putuo plugin registers its profile from init; the generic stages then
 * use it on a real 决算 whose basic-expense footer is broken over lines. */
static void
test_putuo_czj (void)
{
  GError *e = NULL;
  g_autoptr (BpDocument) probe = doc_from ("x\n");
  g_assert_true (bp_harness_run_stage ("putuo", NULL, probe, NULL, &e));
  g_assert_no_error (e);
  g_autoptr (BpDocument) d = bp_harness_load_corpus ("thirdparty/sh-pt-czj-2024-final.txt");
  const char *const stages[] = { "tables", "fields", NULL };
  g_assert_true (bp_harness_run_stages (stages, d, &e));
  g_assert_no_error (e);
  g_assert_cmpstr (d->profile, ==, "putuo");
  /* 人员经费合计 / 2,152.26 (l.456-457), 政府采购金额 251.25 万元 (l.605). */
  BpField *f = bp_document_get_field (d, "expense.personnel");
  g_assert_cmpint (f->value, ==, 2152260000);
  g_assert_cmpint (f->line, ==, 457);
  f = bp_document_get_field (d, "procurement.total");
  g_assert_cmpint (f->value, ==, 251250000);
  g_assert_cmpint (f->line, ==, 605);
  g_assert_cmpstr (bp_document_find_table (d, "income_expense_summary")->title,
                   ==, "收入支出决算总表");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/profile/detect", test_detect);
  g_test_add_func ("/profile/aliases", test_aliases_and_required);
  g_test_add_func ("/profile/phrases", test_phrases);
  g_test_add_func ("/profile/phrases-keep", test_phrases_keep);
  g_test_add_func ("/profile/apply", test_apply);
  g_test_add_func ("/profile/putuo-czj", test_putuo_czj);
  g_test_add_func ("/profile/detect-earliest", test_detect_earliest);
  return g_test_run ();
}
