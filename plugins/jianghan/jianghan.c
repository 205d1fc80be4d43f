/* jianghan: 武汉市江汉区. 预算: the tables sit in 第五部分 预算公开报表,
 * labelled "预算08表"; titles say 收支预算总表, 一般公共预算支出表
 * （分功能科目）/（分单位）, 部门（单位）整体绩效目标申报表 and
 * 项目支出（绩效目标）申报表. 决算: 公开01–09表. */
#include <budgetpipe/budgetpipe.h>

static const char *const jianghan_match[] = { "江汉区", NULL };

/* Titles compare without spaces, full-width brackets read as ASCII.
 * More specific titles first. */
static const BpTableAlias jianghan_aliases[] = {
  { "performance_overall", "整体绩效目标申报表" },
  { "performance_project", "绩效目标)申报表" },
  { "performance_project", "项目支出绩效目标申报表" },
  { "three_public", "三公" },
  { "general_budget_expense_by_unit", "一般公共预算支出表(分单位" },
  { "general_budget_expense", "分功能科目" },
  { "project_expense", "项目支出预算表" },
  { "purchased_services", "购买服务预算表" },
  { NULL, NULL }
};

/* 第五部分's fifteen tables (the contents list them). */
static const char *const jianghan_budget[] = {
  "income_expense_summary", "income_summary", "expense_summary",
  "fiscal_summary", "general_budget_expense", "general_budget_expense_by_unit",
  "basic_expense", "three_public", "gov_fund_expense", "state_capital_expense",
  "project_expense", "procurement", "purchased_services",
  "performance_overall", "performance_project", NULL
};

/* 基本概况: "共有编制 22 人", "在职人员实有数 23 人", "退休人员实有数 11 人". */
static const BpFieldPhrase jianghan_phrases[] = {
  { "staffing.authorized", "共有编制(\\d+)人" },
  { "staffing.actual", "在职人员实有数(\\d+)人" },
  { "staffing.retired", "退休人员实有数(\\d+)人" },
  { NULL, NULL }
};

static const BpProfile jianghan_profile = {
  .name = "jianghan",
  .summary = "武汉市江汉区 部门预算 (第五部分, 预算NN表) and 部门决算 (公开01–09表)",
  .city = "武汉市",
  .district = "江汉区",
  .match_any = jianghan_match,
  .aliases = jianghan_aliases,
  .required_budget = jianghan_budget,
  .required_final = NULL,   /* the national 公开01–09表 */
  .phrases = jianghan_phrases,
};

BP_DISTRICT_PLUGIN_DEFINE (jianghan, "jianghan",
                           "District profile: 武汉市江汉区 (第五部分 预算NN表, 公开01–09表 决算)",
                           jianghan_profile);
