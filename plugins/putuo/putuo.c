/* putuo: 上海市普陀区. 预算 (部门 and 单位): nine tables, 财务收支预算总表 …
 * “三公”经费和机关运行经费预算表, titled "2026年部门…" or "…预算单位…",
 * 元, codes split into 类/款/项 columns; narrative in 万元. 决算: the nine
 * tables without 公开NN labels (收入支出决算总表 … 国有资本经营预算财政拨款
 * 收入支出决算表), 万元. */
#include <budgetpipe/budgetpipe.h>

/* "普陀区" alone would also match 舟山市普陀区. */
static const char *const putuo_match[] = { "上海市普陀区", NULL };

/* More specific titles first: 财政拨款收支预算总表 before 收支预算总表,
 * 基本支出 before 一般公共预算支出. */
static const BpTableAlias putuo_aliases[] = {
  { "three_public", "三公" },
  { "gov_fund_expense", "政府性基金预算支出功能分类预算表" },
  { "gov_fund_expense", "政府性基金预算财政拨款收入支出决算表" },
  { "state_capital_expense", "国有资本经营预算支出功能分类预算表" },
  { "state_capital_expense", "国有资本经营预算财政拨款收入支出决算表" },
  { "fiscal_summary", "财政拨款收支预算总表" },
  { "fiscal_summary", "财政拨款收入支出决算总表" },
  { "income_expense_summary", "财务收支预算总表" },
  { "income_expense_summary", "收入支出决算总表" },
  { "basic_expense", "基本支出部门预算经济分类预算表" },
  { "basic_expense", "一般公共预算财政拨款基本支出决算表" },
  { "general_budget_expense", "一般公共预算支出功能分类预算表" },
  { "general_budget_expense", "一般公共预算财政拨款支出决算表" },
  { "income_summary", "收入预算总表" },
  { "income_summary", "收入决算表" },
  { "expense_summary", "支出预算总表" },
  { "expense_summary", "支出决算表" },
  { NULL, NULL }
};

/* A table figure: "96,282,213.44", "72,626,134" or "2152.26"; never the
 * "2" of a following "2.政府性基金" label. */
#define FIGURE "([0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]{2})?|[0-9]+\\.[0-9]{2})"

/* - 预算 财务收支预算总表: "1. 一般公共预算（资金） 96,282,213.44"; the
 *   template has no carry-over rows, so its 收入总计 is 本年收入合计.
 * - 决算 "政府采购金额（以合同签订为准）为 1771.11 万元".
 * - The basic-expense table's footer "人员经费合计 2,152.26 公用经费合计
 *   184.65", also with each figure on its own line. */
static const BpFieldPhrase putuo_phrases[] = {
  { "income.general_budget", "1[.、]一般公共预算(?:资金)?" FIGURE },
  { "income.total", "(?s)财务收支预算总表.*?收入总计" FIGURE "支出总计" },
  { "procurement.total",
    "政府采购金额\\(以合同签订为准\\)为([0-9][0-9,]*(?:\\.[0-9]+)?)(万元|元)" },
  { "expense.personnel", "人员经费合计\\s*" FIGURE },
  { "expense.public", "公用经费合计\\s*" FIGURE },
  { NULL, NULL }
};

static const BpProfile putuo_profile = {
  .name = "putuo",
  .summary = "上海市普陀区 部门/单位预算 (9 tables) and 部门决算",
  .city = "上海市",
  .district = "普陀区",
  .match_any = putuo_match,
  .aliases = putuo_aliases,
  .required_budget = NULL,  /* the national nine, under Shanghai names */
  .required_final = NULL,
  .phrases = putuo_phrases,
};

BP_DISTRICT_PLUGIN_DEFINE (putuo, "putuo",
                           "District profile: 上海市普陀区 (9-table 预算, 决算)",
                           putuo_profile);
