/* xuhui: a district plugin template (上海市徐汇区).
 *
 * Copy this file to <name>.c, rename every "xuhui" (the module name, the
 * profile's name and the BP_DISTRICT_PLUGIN_DEFINE arguments must all be the
 * same), then fill in what your district's documents print. A district
 * plugin is data only: the core registers the profile, detects it, and the
 * generic stages use it (docs/plugin-guide.md). */
#include <budgetpipe/budgetpipe.h>

/* Strings (spaces removed) of which one must occur in the document's first
 * 200 lines. Be specific: "徐汇区" alone could be another city's district. */
static const char *const xuhui_match[] = { "上海市徐汇区", NULL };

/* Table titles your district prints that the generic rules do not type (or
 * type wrongly): a substring of the title (spaces ignored, full-width
 * brackets read as ASCII) → SCHEMA.md type. The first match wins, so put
 * longer, more specific titles first. */
static const BpTableAlias xuhui_aliases[] = {
  { "three_public", "“三公”经费和机关运行经费预算表" },
  { "basic_expense", "基本支出部门预算经济分类预算表" },
  { "income_expense_summary", "财务收支预算总表" },
  { NULL, NULL }
};

/* Tables a 预算 must have (the completeness rule); NULL: the national nine. */
static const char *const xuhui_budget[] = {
  "income_expense_summary", "income_summary", "expense_summary",
  "fiscal_summary", "general_budget_expense", "basic_expense",
  "three_public", "gov_fund_expense", "state_capital_expense", NULL
};

/* Extra phrasings for canonical fields (SCHEMA.md keys). Group 1 is the
 * number, group 2 (optional) its unit; the text has full-width forms as
 * ASCII, no spaces, lines joined. */
static const BpFieldPhrase xuhui_phrases[] = {
  { "vehicles.count", "共有车辆(\\d+)辆" },
  { "procurement.total", "政府采购预算([0-9][0-9,]*(?:\\.[0-9]+)?)(万元|元)" },
  { NULL, NULL }
};

static const BpProfile xuhui_profile = {
  .name = "xuhui",               /* = the module name */
  .summary = "上海市徐汇区 部门预算",
  .city = "上海市",
  .district = "徐汇区",
  .match_any = xuhui_match,
  .aliases = xuhui_aliases,
  .required_budget = xuhui_budget,
  .required_final = NULL,        /* the national 决算 tables */
  .phrases = xuhui_phrases,
};

BP_DISTRICT_PLUGIN_DEFINE (xuhui, "xuhui", "District profile: 上海市徐汇区 (template)",
                           xuhui_profile);
