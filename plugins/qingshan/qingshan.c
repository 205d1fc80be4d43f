/* qingshan: 武汉市青山区. 预算: tables numbered "表1." … "表15." (the nine
 * national ones, then 项目支出, 政府采购, 政府购买服务, 资产配置 and the two
 * performance-target tables); 决算: 公开01–09表 plus 绩效自评表. */
#include <budgetpipe/budgetpipe.h>

static const char *const qingshan_match[] = { "青山区", NULL };

/* More specific titles first: the first alias contained in a title wins. */
static const BpTableAlias qingshan_aliases[] = {
  { "performance_overall", "整体支出绩效目标表" },
  { "performance_overall", "部门整体绩效" },
  { "performance_project", "项目支出绩效目标表" },
  { "performance_project", "项目自评表" },
  { "three_public", "三公" },
  { "purchased_services", "购买服务预算表" },
  { "asset_allocation", "资产配置预算表" },
  { "procurement", "政府采购预算表" },
  { "project_expense", "项目支出表" },
  { NULL, NULL }
};

static const char *const qingshan_budget[] = {
  "income_expense_summary", "income_summary", "expense_summary",
  "fiscal_summary", "general_budget_expense", "basic_expense",
  "three_public", "gov_fund_expense", "state_capital_expense",
  "project_expense", "procurement", "purchased_services", "asset_allocation",
  "performance_overall", "performance_project", NULL
};

/* 概况: "总编制人数 30 个", "在职实有人数 36 人", "离退休人员 34人". */
static const BpFieldPhrase qingshan_phrases[] = {
  { "staffing.authorized", "总编制人数(\\d+)[个人]" },
  { "staffing.actual", "在职实有人数(\\d+)人" },
  { "staffing.retired", "离退休人员(\\d+)人" },
  { NULL, NULL }
};

static const BpProfile qingshan_profile = {
  .name = "qingshan",
  .summary = "武汉市青山区 部门预算 (表1–表15) and 部门决算 (公开01–09表)",
  .city = "武汉市",
  .district = "青山区",
  .match_any = qingshan_match,
  .aliases = qingshan_aliases,
  .required_budget = qingshan_budget,
  .required_final = NULL,   /* the national 公开01–09表 */
  .phrases = qingshan_phrases,
};

BP_DISTRICT_PLUGIN_DEFINE (qingshan, "qingshan",
                           "District profile: 武汉市青山区 (表1–表15 预算, 公开01–09表 决算)",
                           qingshan_profile);
