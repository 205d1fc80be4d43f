/* Money as int64 fen: parsing every printed shape, overflow at the int64
 * boundary, rounding, formatting round trips, units, the rounding envelope
 * and percentages. Figures marked "real" are copied from tests/corpus. */
#include "config.h"

#include <string.h>
#include <budgetpipe/amount.h>

#define FEN_MAX G_MAXINT64
#define FEN_MIN G_MININT64

static const char *
status_name (BpAmountStatus status)
{
  switch (status)
    {
    case BP_AMOUNT_OK: return "OK";
    case BP_AMOUNT_EMPTY: return "EMPTY";
    case BP_AMOUNT_INVALID: return "INVALID";
    case BP_AMOUNT_OVERFLOW: return "OVERFLOW";
    default: return "?";
    }
}

/* "input [unit] → STATUS value": comparing these strings makes a failing
 * table row name its own input. */
static char *
describe_parse (const char *input, BpUnit unit, BpAmountStatus status, bp_fen fen)
{
  return g_strdup_printf ("\"%s\" [%s] → %s %" G_GINT64_FORMAT, input ? input : "(null)",
                          unit == BP_UNIT_WANYUAN ? "万元" : "元", status_name (status),
                          status == BP_AMOUNT_OK ? fen : 0);
}

typedef struct
{
  const char *input;
  BpUnit unit;
  BpAmountStatus status;
  bp_fen fen;
} ParseCase;

static void
check_parse_cases (const ParseCase *cases, gsize n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const ParseCase *c = &cases[i];
      bp_fen got = 12345;   /* sentinel: must stay untouched unless OK */
      BpAmountStatus status = bp_amount_parse (c->input, c->unit, &got);
      g_autofree char *want_desc = describe_parse (c->input, c->unit, c->status, c->fen);
      g_autofree char *got_desc = describe_parse (c->input, c->unit, status, got);
      g_assert_cmpstr (got_desc, ==, want_desc);
      if (status != BP_AMOUNT_OK)
        g_assert_cmpint (got, ==, 12345);
    }
}

#define Y BP_UNIT_YUAN
#define W BP_UNIT_WANYUAN
#define OK BP_AMOUNT_OK

static void
test_parse_yuan_shapes (void)
{
  static const ParseCase cases[] = {
    { "15,386,196.87", Y, OK, 1538619687 },        /* real */
    { "11,916,891.32", Y, OK, 1191689132 },        /* real */
    { "1,474,156.48", Y, OK, 147415648 },          /* real */
    { "1,300,500.00", Y, OK, 130050000 },          /* real */
    { "952275.84", Y, OK, 95227584 },              /* real */
    { "1328343.73", Y, OK, 132834373 },            /* real */
    { "1132.98", Y, OK, 113298 },
    { "0.00", Y, OK, 0 },
    { "0", Y, OK, 0 },
    { "-0.00", Y, OK, 0 },
    { "164", Y, OK, 16400 },
    { "1.5", Y, OK, 150 },
    { "-0.5", Y, OK, -50 },
    { "-1,234.56", Y, OK, -123456 },
    { "+5", Y, OK, 500 },
    { "007", Y, OK, 700 },
    { "999", Y, OK, 99900 },
    { "1,000", Y, OK, 100000 },
    { "123,456,789", Y, OK, 12345678900 },
    { "１５３８．６２", Y, OK, 153862 },
    { "－５", Y, OK, -500 },
    { "１５，３８６，１９６．８７", Y, OK, 1538619687 },
    { "\xE2\x88\x92" "5", Y, OK, -500 },       /* U+2212 MINUS SIGN */
    { "(5.00)", Y, OK, -500 },
    { "（５．００）", Y, OK, -500 },
    { "(1,234.50)", Y, OK, -123450 },
    { " 1132.98 ", Y, OK, 113298 },
    { "\t1132.98\n", Y, OK, 113298 },
    { "　1132.98　", Y, OK, 113298 },           /* U+3000 */
    { "\xC2\xA0" "1132.98" "\xC2\xA0", Y, OK, 113298 }, /* NBSP */
    { "1132.98", BP_UNIT_UNKNOWN, OK, 113298 },    /* unknown unit reads as 元 */
  };
  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_wanyuan (void)
{
  static const ParseCase cases[] = {
    { "1538.62", W, OK, 1538620000 },              /* real: 15386200.00 元 */
    { "1408.57", W, OK, 1408570000 },              /* real */
    { "130.05", W, OK, 130050000 },                /* real */
    { "164", W, OK, 164000000 },                   /* real */
    { "1,426.85", W, OK, 1426850000 },
    { "１５３８．６２", W, OK, 1538620000 },
    { "0.00", W, OK, 0 },
    { "0.0001", W, OK, 100 },                      /* 1 元 */
    { "0.000001", W, OK, 1 },                      /* 1 fen */
    { "0.0000005", W, OK, 1 },                     /* half a fen rounds away */
    { "0.00000049", W, OK, 0 },
    { "-0.0000005", W, OK, -1 },
    { "-0.5", W, OK, -500000 },
    { "(2.5)", W, OK, -2500000 },
    { "1.2345678", W, OK, 1234568 },
  };
  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_empty (void)
{
  static const ParseCase cases[] = {
    { "", Y, BP_AMOUNT_EMPTY, 0 },
    { NULL, Y, BP_AMOUNT_EMPTY, 0 },
    { "  ", Y, BP_AMOUNT_EMPTY, 0 },
    { "　", Y, BP_AMOUNT_EMPTY, 0 },
    { "\t\n", W, BP_AMOUNT_EMPTY, 0 },
    { "-", Y, BP_AMOUNT_EMPTY, 0 },
    { " - ", W, BP_AMOUNT_EMPTY, 0 },
    { "—", Y, BP_AMOUNT_EMPTY, 0 },            /* U+2014 */
    { "——", Y, BP_AMOUNT_EMPTY, 0 },
    { "－", W, BP_AMOUNT_EMPTY, 0 },           /* U+FF0D */
    { "–", Y, BP_AMOUNT_EMPTY, 0 },            /* U+2013 */
    { "―", Y, BP_AMOUNT_EMPTY, 0 },            /* U+2015 */
    { "\xE2\x88\x92", Y, BP_AMOUNT_EMPTY, 0 }, /* U+2212 alone */
  };
  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_garbage (void)
{
  static const char *const inputs[] = {
    "12a", "1.2.3", "abc", "1,2", "--5", "-+5", "+-5", "- 5", "1,2345", ",123",
    "123,", "1,234,56", "1234,567", "1,,234", ".5", "5.", ".", ",", "1 234",
    "5%", "1e5", "0x10", "NaN", "inf", "１２ａ", "12元", "¥12", "1.2,3",
    "1,234.5,6", "(-5)", "(+5)", "(5", "5)", "()", "( 5 )", "-(5)", "5-",
    "—5", "1.-5", "万元", "2024年", "12\xFF", "\xFF", "\xE4\xB8",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    for (BpUnit unit = BP_UNIT_YUAN; unit <= BP_UNIT_WANYUAN; unit++)
      {
        ParseCase c = { inputs[i], unit, BP_AMOUNT_INVALID, 0 };
        check_parse_cases (&c, 1);
        g_assert_false (bp_amount_looks_like (inputs[i]));
      }
}

static void
test_parse_rounding (void)
{
  static const ParseCase cases[] = {
    { "1.005", Y, OK, 101 },
    { "1.004", Y, OK, 100 },
    { "1.0049999", Y, OK, 100 },
    { "-1.005", Y, OK, -101 },
    { "-1.004", Y, OK, -100 },
    { "0.005", Y, OK, 1 },
    { "-0.005", Y, OK, -1 },
    { "0.004", Y, OK, 0 },
    { "0.995", Y, OK, 100 },                       /* carries into 元 */
    { "9.999", Y, OK, 1000 },
    { "99,999.995", Y, OK, 10000000 },
    { "(0.125)", Y, OK, -13 },
    { "１．００５", Y, OK, 101 },
    { "0.12345678901234567890", Y, OK, 12 },
  };
  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

/* int64 fen ends at ±92233720368547758.07/.08 元 = ±9223372036854.775807/8 万元. */
static void
test_parse_overflow (void)
{
  static const ParseCase cases[] = {
    { "92233720368547758.07", Y, OK, FEN_MAX },
    { "92,233,720,368,547,758.07", Y, OK, FEN_MAX },
    { "92233720368547758.065", Y, OK, FEN_MAX },   /* rounds up to the max */
    { "92233720368547758.08", Y, BP_AMOUNT_OVERFLOW, 0 },
    { "92233720368547758.075", Y, BP_AMOUNT_OVERFLOW, 0 }, /* rounding overflows */
    { "-92233720368547758.08", Y, OK, FEN_MIN },
    { "(92233720368547758.08)", Y, OK, FEN_MIN },
    { "-92233720368547758.09", Y, BP_AMOUNT_OVERFLOW, 0 },
    { "-92233720368547758.085", Y, BP_AMOUNT_OVERFLOW, 0 },
    { "92233720368547759", Y, BP_AMOUNT_OVERFLOW, 0 },
    { "184467440737095516.15", Y, BP_AMOUNT_OVERFLOW, 0 },  /* UINT64_MAX fen */
    { "184467440737095516.16", Y, BP_AMOUNT_OVERFLOW, 0 },
    { "99999999999999999999999999999999999999", Y, BP_AMOUNT_OVERFLOW, 0 },
    { "-99999999999999999999999999999999999999", Y, BP_AMOUNT_OVERFLOW, 0 },
    { "１００，０００，０００，０００，０００，０００，０００", Y, BP_AMOUNT_OVERFLOW, 0 },
    { "9223372036854.775807", W, OK, FEN_MAX },
    { "9,223,372,036,854.7758065", W, OK, FEN_MAX },
    { "9223372036854.775808", W, BP_AMOUNT_OVERFLOW, 0 },
    { "9223372036854.7758075", W, BP_AMOUNT_OVERFLOW, 0 },
    { "-9223372036854.775808", W, OK, FEN_MIN },
    { "-9223372036854.775809", W, BP_AMOUNT_OVERFLOW, 0 },
    { "9223372036855", W, BP_AMOUNT_OVERFLOW, 0 },
    { "92233720368547758.07", W, BP_AMOUNT_OVERFLOW, 0 },  /* fits as 元 only */
  };
  check_parse_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_looks_like (void)
{
  static const char *const figures[] = {
    "1,234.56", "-5", "１５３８．６２", "0.00", "(5.00)", " 164 ",
    "99999999999999999999999",   /* too big for fen, but still a figure */
  };
  static const char *const others[] = {
    "", "-", "—", "  ", "12a", "万元", "2024年", "5%", "1,2", "一般公共服务支出",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    g_assert_true (bp_amount_looks_like (figures[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_false (bp_amount_looks_like (others[i]));
  g_assert_false (bp_amount_looks_like (NULL));
}

static void
test_format (void)
{
  static const struct { bp_fen fen; const char *text; } cases[] = {
    { 0, "0.00" }, { 1, "0.01" }, { -1, "-0.01" }, { 50, "0.50" }, { -50, "-0.50" },
    { 100, "1.00" }, { -100, "-1.00" }, { 1538619687, "15386196.87" },
    { 1538620000, "15386200.00" }, { -123456, "-1234.56" },
    { FEN_MAX, "92233720368547758.07" }, { FEN_MIN, "-92233720368547758.08" },
    { FEN_MIN + 1, "-92233720368547758.07" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[BP_AMOUNT_BUFSZ];
      g_autofree char *text = bp_amount_format (cases[i].fen);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (bp_amount_format_buf (cases[i].fen, buf) == buf);
      g_assert_cmpstr (buf, ==, cases[i].text);
    }
}

/* Plain figure text (digits and ",.()+-") is read in place; the same text
 * behind an ideographic space goes through the folded copy. Both must
 * give the same answers. */
static void
test_plain_as_folded (void)
{
  static const char alphabet[] = "0123456789,.()+-";
  GRand *rand = g_rand_new_with_seed (18);
  for (int i = 0; i < 200000; i++)
    {
      char plain[12];
      int len = g_rand_int_range (rand, 0, (int) sizeof plain);
      for (int k = 0; k < len; k++)
        plain[k] = alphabet[g_rand_int_range (rand, 0, (int) sizeof alphabet - 1)];
      plain[len] = '\0';
      g_autofree char *spaced = g_strconcat ("\xE3\x80\x80", plain, NULL);
      for (BpUnit unit = BP_UNIT_YUAN; unit <= BP_UNIT_WANYUAN; unit++)
        {
          bp_fen a = 7, b = 7;
          g_assert_cmpint (bp_amount_parse (plain, unit, &a), ==,
                           bp_amount_parse (spaced, unit, &b));
          g_assert_cmpint (a, ==, b);
        }
      g_assert_cmpint (bp_amount_looks_like (plain), ==, bp_amount_looks_like (spaced));
    }
  g_rand_free (rand);
}

static void
assert_round_trip (bp_fen fen)
{
  char buf[BP_AMOUNT_BUFSZ];
  bp_fen back = 0;
  bp_amount_format_buf (fen, buf);
  g_assert_cmpint (strlen (buf), <, BP_AMOUNT_BUFSZ);
  g_assert_cmpint (bp_amount_parse (buf, BP_UNIT_YUAN, &back), ==, BP_AMOUNT_OK);
  g_assert_cmpint (back, ==, fen);
  g_assert_true (bp_amount_looks_like (buf));
}

static void
test_format_round_trip (void)
{
  for (bp_fen k = 0; k < 1000; k++)
    {
      assert_round_trip (k);
      assert_round_trip (-k);
      assert_round_trip (FEN_MAX - k);
      assert_round_trip (FEN_MIN + k);
    }
  for (bp_fen p = 1; p <= FEN_MAX / 10; p *= 10)
    {
      assert_round_trip (p);
      assert_round_trip (p - 1);
      assert_round_trip (-p);
    }
  GRand *rand = g_rand_new_with_seed (20240101);
  for (int i = 0; i < 100000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      bp_fen fen = (bp_fen) bits;
      assert_round_trip (fen);
      assert_round_trip (fen >> (i % 63));   /* short figures too */
    }
  g_rand_free (rand);
}

/* Any 元 figure read as 万元 is 10000 × the fen, while that fits. */
static void
test_wanyuan_scales_yuan (void)
{
  GRand *rand = g_rand_new_with_seed (7);
  for (int i = 0; i < 10000; i++)
    {
      bp_fen fen = (bp_fen) g_rand_int (rand) * g_rand_int_range (rand, 1, 100000)
                   * (i % 2 ? -1 : 1);
      char buf[BP_AMOUNT_BUFSZ];
      bp_fen wan = 0;
      g_assert_cmpint (bp_amount_parse (bp_amount_format_buf (fen, buf), BP_UNIT_WANYUAN, &wan),
                       ==, BP_AMOUNT_OK);
      g_assert_cmpint (wan, ==, fen * 10000);
    }
  g_rand_free (rand);
}

static void
test_unit_from_text (void)
{
  static const struct { const char *text; BpUnit unit; } cases[] = {
    { "元", Y }, { "万元", W }, { "单位：元", Y }, { "单位: 元", Y }, { "单位:元", Y },
    { "金额单位：万元", W }, { "单位：万元", W }, { "单位： 万元", W }, { "单位:万元", W },
    { "（万元）", W }, { "(万元)", W }, { "单价(元)", Y }, { "万 元", W },
    { "部门：中共武汉市青山区委办公室 金额单位：万元", W },               /* real */
    { "编制部门：上海市普陀区人民政府万里街道办事处 单位：元", Y },      /* real: 万里 */
    { "编制单位：上海市普陀区人民政府石泉路街道办事处（本级） 单位:万元", W }, /* real */
    { "项目资金情况（万元）", W },                                        /* real */
    { "单价(元) 金额(万元)", W }, { "金额(万元) 单价(元)", W },
    { "单位：千元", BP_UNIT_UNKNOWN }, { "单位：亿元", BP_UNIT_UNKNOWN },
    { "单位：百万元", BP_UNIT_UNKNOWN }, { "单位：千万元", BP_UNIT_UNKNOWN },
    { "单位：十万元", BP_UNIT_UNKNOWN }, { "美元", BP_UNIT_UNKNOWN },
    { "单元格", BP_UNIT_UNKNOWN }, { "单位：个", BP_UNIT_UNKNOWN }, { "人数", BP_UNIT_UNKNOWN },
    { "", BP_UNIT_UNKNOWN }, { NULL, BP_UNIT_UNKNOWN }, { "\xFF元", Y },   /* damaged byte before the unit */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *label = cases[i].text ? cases[i].text : "(null)";
      g_autofree char *want = g_strdup_printf ("%s → %d", label, cases[i].unit);
      g_autofree char *got = g_strdup_printf ("%s → %d", label,
                                              bp_unit_from_text (cases[i].text));
      g_assert_cmpstr (got, ==, want);
    }
}

static void
test_unit_name (void)
{
  g_assert_cmpstr (bp_unit_name (BP_UNIT_YUAN), ==, "元");
  g_assert_cmpstr (bp_unit_name (BP_UNIT_WANYUAN), ==, "万元");
  g_assert_null (bp_unit_name (BP_UNIT_UNKNOWN));
  g_assert_cmpint (bp_unit_from_text (bp_unit_name (BP_UNIT_YUAN)), ==, BP_UNIT_YUAN);
  g_assert_cmpint (bp_unit_from_text (bp_unit_name (BP_UNIT_WANYUAN)), ==, BP_UNIT_WANYUAN);
}

static void
test_rounding_tolerance (void)
{
  g_assert_cmpint (bp_rounding_tolerance (Y, 0), ==, 0);
  g_assert_cmpint (bp_rounding_tolerance (Y, 7), ==, 0);
  g_assert_cmpint (bp_rounding_tolerance (BP_UNIT_UNKNOWN, 3), ==, 0);
  g_assert_cmpint (bp_rounding_tolerance (W, 0), ==, 5000);   /* 50 元 */
  g_assert_cmpint (bp_rounding_tolerance (W, 1), ==, 5000);
  g_assert_cmpint (bp_rounding_tolerance (W, 2), ==, 10000);
  g_assert_cmpint (bp_rounding_tolerance (W, 12), ==, 60000);
  g_assert_cmpint (bp_rounding_tolerance (W, G_MAXUINT), ==, (bp_fen) G_MAXUINT * 5000);
}

static void
test_within (void)
{
  g_assert_true (bp_amount_within (100, 100, 0));
  g_assert_false (bp_amount_within (100, 101, 0));
  g_assert_true (bp_amount_within (100, 101, 1));
  g_assert_true (bp_amount_within (101, 100, 1));
  g_assert_true (bp_amount_within (-2500, 2500, 5000));
  g_assert_false (bp_amount_within (0, 5001, 5000));
  g_assert_false (bp_amount_within (0, -5001, 5000));
  g_assert_false (bp_amount_within (5, 5, -1));
  g_assert_true (bp_amount_within (FEN_MAX, FEN_MAX, 0));
  g_assert_true (bp_amount_within (FEN_MIN, FEN_MIN, 0));
  g_assert_true (bp_amount_within (0, FEN_MAX, FEN_MAX));
  g_assert_true (bp_amount_within (FEN_MIN + 1, 0, FEN_MAX));
  g_assert_false (bp_amount_within (FEN_MIN, 0, FEN_MAX));     /* distance 2^63 */
  g_assert_false (bp_amount_within (-1, FEN_MAX, FEN_MAX));
  g_assert_false (bp_amount_within (FEN_MIN, FEN_MAX, FEN_MAX)); /* 2^64 − 1 */
  g_assert_false (bp_amount_within (FEN_MAX, FEN_MIN, FEN_MAX));
}

/* Real: one document prints 15,386,196.87 元, another summarises it as
 * 1538.62 万元. They agree within one 万元 rounding step; a changed
 * figure does not. */
static void
test_within_real_summary (void)
{
  bp_fen yuan = 0, wan = 0, changed = 0;
  g_assert_cmpint (bp_amount_parse ("15,386,196.87", Y, &yuan), ==, OK);
  g_assert_cmpint (bp_amount_parse ("1538.62", W, &wan), ==, OK);
  g_assert_cmpint (bp_amount_parse ("1538.72", W, &changed), ==, OK);
  g_assert_cmpint (wan - yuan, ==, 313);
  g_assert_true (bp_amount_within (wan, yuan, bp_rounding_tolerance (W, 1)));
  g_assert_false (bp_amount_within (wan, yuan, bp_rounding_tolerance (Y, 1)));
  g_assert_false (bp_amount_within (changed, yuan, bp_rounding_tolerance (W, 1)));

  /* real 万元 table: 基本支出 1408.57 + 项目支出 130.05 = 合计 1538.62 */
  bp_fen basic = 0, project = 0;
  g_assert_cmpint (bp_amount_parse ("1408.57", W, &basic), ==, OK);
  g_assert_cmpint (bp_amount_parse ("130.05", W, &project), ==, OK);
  g_assert_true (bp_amount_within (basic + project, wan, bp_rounding_tolerance (W, 2)));
  g_assert_false (bp_amount_within (basic + project, changed, bp_rounding_tolerance (W, 2)));
}

static void
test_percent_parse (void)
{
  static const struct { const char *text; bp_pct100 pct; } good[] = {
    { "91.55%", 9155 }, { "91.55", 9155 }, { "８．４５％", 845 }, { "7.8%", 780 },
    { "100%", 10000 }, { "88.51%", 8851 }, { "11.49%", 1149 }, { "0%", 0 },
    { "0.00%", 0 }, { "-3.5%", -350 }, { "－３．５％", -350 }, { "91.555%", 9156 },
    { "91.554%", 9155 }, { "-0.005%", -1 }, { " 91.55 % ", 9155 }, { "91.55％", 9155 },
    { "1,234.5%", 123450 },
  };
  static const char *const bad[] = {
    "", "%", "-", "—", "abc%", "91.55%%", "%91.55", "1.2.3%", "百分之五", "12a%",
    "999999999999999999999%", NULL,
  };
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      bp_pct100 pct = -1;
      g_assert_true (bp_percent_parse (good[i].text, &pct));
      g_assert_cmpint (pct, ==, good[i].pct);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      bp_pct100 pct = -7;
      g_assert_false (bp_percent_parse (bad[i], &pct));
      g_assert_cmpint (pct, ==, -7);
    }
}

static void
test_percent_of (void)
{
  static const struct { bp_fen part, whole; bp_pct100 pct; } cases[] = {
    { 140857, 153862, 9155 },   /* real: 基本支出 1408.57 / 合计 1538.62 */
    { 13005, 153862, 845 },     /* real: 项目支出 130.05 / 1538.62 */
    { 153862, 153862, 10000 }, { 0, 5, 0 }, { 1, 3, 3333 }, { 2, 3, 6667 },
    { 1, 2, 5000 }, { 1, 8, 1250 }, { 1, 80000, 0 },
    { 1, 20000, 1 },            /* exactly half: up */
    { 1, 20001, 0 }, { -1, 20000, -1 }, { 1, -20000, -1 }, { -1, -20000, 1 },
    { -2, 3, -6667 }, { 3, 2, 15000 },
    { FEN_MAX, FEN_MAX, 10000 }, { FEN_MIN, FEN_MIN, 10000 }, { FEN_MIN, FEN_MAX, -10000 },
    { FEN_MAX / 2, FEN_MAX, 5000 }, { 1, FEN_MAX, 0 }, { 1, FEN_MIN, 0 },
    { FEN_MAX / 10000, 1, (FEN_MAX / 10000) * 10000 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      bp_pct100 pct = -1;
      g_assert_true (bp_percent_of (cases[i].part, cases[i].whole, &pct));
      g_assert_cmpint (pct, ==, cases[i].pct);
    }
  bp_pct100 untouched = 42;
  g_assert_false (bp_percent_of (5, 0, &untouched));
  g_assert_false (bp_percent_of (0, 0, &untouched));
  g_assert_false (bp_percent_of (FEN_MAX, 1, &untouched));    /* result overflows */
  g_assert_false (bp_percent_of (FEN_MIN, -1, &untouched));
  g_assert_cmpint (untouched, ==, 42);
}

/* A printed percentage checks against the figures it was computed from. */
static void
test_percent_real_check (void)
{
  bp_fen part = 0, whole = 0;
  bp_pct100 printed = 0, computed = 0;
  g_assert_cmpint (bp_amount_parse ("1408.57", W, &part), ==, OK);
  g_assert_cmpint (bp_amount_parse ("1538.62", W, &whole), ==, OK);
  g_assert_true (bp_percent_parse ("91.55%", &printed));
  g_assert_true (bp_percent_of (part, whole, &computed));
  g_assert_cmpint (computed, ==, printed);
  g_assert_true (bp_percent_parse ("88.51%", &printed));   /* a wrong print */
  g_assert_cmpint (computed, !=, printed);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/amount/parse/yuan-shapes", test_parse_yuan_shapes);
  g_test_add_func ("/amount/parse/wanyuan", test_parse_wanyuan);
  g_test_add_func ("/amount/parse/empty", test_parse_empty);
  g_test_add_func ("/amount/parse/garbage", test_parse_garbage);
  g_test_add_func ("/amount/parse/rounding", test_parse_rounding);
  g_test_add_func ("/amount/parse/overflow", test_parse_overflow);
  g_test_add_func ("/amount/looks-like", test_looks_like);
  g_test_add_func ("/amount/parse/plain-as-folded", test_plain_as_folded);
  g_test_add_func ("/amount/format", test_format);
  g_test_add_func ("/amount/format/round-trip", test_format_round_trip);
  g_test_add_func ("/amount/format/wanyuan-scale", test_wanyuan_scales_yuan);
  g_test_add_func ("/amount/unit/from-text", test_unit_from_text);
  g_test_add_func ("/amount/unit/name", test_unit_name);
  g_test_add_func ("/amount/tolerance", test_rounding_tolerance);
  g_test_add_func ("/amount/within", test_within);
  g_test_add_func ("/amount/within/real-summary", test_within_real_summary);
  g_test_add_func ("/amount/percent/parse", test_percent_parse);
  g_test_add_func ("/amount/percent/of", test_percent_of);
  g_test_add_func ("/amount/percent/real-check", test_percent_real_check);
  return g_test_run ();
}
