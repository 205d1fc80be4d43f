/* Text helpers: full-width folding, whitespace stripping and splitting,
 * classification codes, CJK tests. Lines marked "real" come from tests/corpus. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <budgetpipe/plugin.h>
#include <budgetpipe/text.h>

#include "../core/regex-needs.h"   /* core-private: what the prefilter reads */
#include "harness.h"

typedef struct
{
  const char *input;
  const char *output;
} TextCase;

typedef char *(*TextTransform) (const char *);

static void
check_transform (TextTransform transform, const TextCase *cases, gsize n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *got = transform (cases[i].input);
      g_assert_cmpstr (got, ==, cases[i].output);
    }
}

static void
test_fullwidth_to_ascii (void)
{
  static const TextCase cases[] = {
    { "１５３８．６２", "1538.62" },
    { "－５", "-5" },
    { "１５，３８６，１９６．８７", "15,386,196.87" },
    { "８．４５％", "8.45%" },
    { "（万元）", "(万元)" },
    { "单位：元", "单位:元" },
    { "ＡＢＣａｂｃ", "ABCabc" },
    { "！", "!" },                 /* U+FF01, first of the block */
    { "～", "~" },                 /* U+FF5E, last of the block */
    { "　", " " },                 /* U+3000 */
    { "收　入", "收 入" },
    { "￥", "￥" },                /* U+FFE5 is outside the block */
    { "｟", "｟" },                /* U+FF5F too */
    { "。、", "。、" },            /* ideographic punctuation stays */
    { "一般公共服务支出", "一般公共服务支出" },
    { "plain ascii 1.5", "plain ascii 1.5" },
    { "", "" },
    { NULL, NULL },
    { "a\xFF" "b", "a\xFF" "b" },  /* damaged bytes survive */
    { "\xE4\xB8", "\xE4\xB8" },    /* truncated sequence */
    { "１\xFF２", "1\xFF" "2" },
  };
  check_transform (bp_text_fullwidth_to_ascii, cases, G_N_ELEMENTS (cases));
}

/* Every character of the full-width block maps to ASCII 0x21..0x7E. */
static void
test_fullwidth_whole_block (void)
{
  for (gunichar c = 0xFF01; c <= 0xFF5E; c++)
    {
      char utf8[8] = { 0 };
      g_unichar_to_utf8 (c, utf8);
      g_autofree char *ascii = bp_text_fullwidth_to_ascii (utf8);
      g_assert_cmpuint (strlen (ascii), ==, 1);
      g_assert_cmpint (ascii[0], ==, (char) (c - 0xFEE0));
    }
}

static void
test_strip_spaces (void)
{
  static const TextCase cases[] = {
    { "收 入 总 计", "收入总计" },
    { "收　入\t总\n计", "收入总计" },
    { "  支出总计  ", "支出总计" },
    { "a\xC2\xA0" "b", "ab" },          /* NBSP */
    { "a\xE2\x80\x8B" "b", "ab" },      /* zero-width space */
    { "单位： 万元", "单位：万元" },   /* real */
    { "收入总计", "收入总计" },
    { "", "" },
    { " \t　", "" },
    { NULL, NULL },
    { "a \xFF b", "a\xFF" "b" },        /* damaged bytes survive */
  };
  check_transform (bp_text_strip_spaces, cases, G_N_ELEMENTS (cases));
}

/* bp_text_compact is strip_spaces of fullwidth_to_ascii in one pass:
 * the same bytes for every ASCII byte (vertical tab is not a space to
 * g_unichar_isspace), the spaces, the full-width block and damaged input. */
static void
test_compact (void)
{
  static const char *inputs[] = {
    "收 入 总 计（万元）", "１５，３８６．８７　", "收　入\t总\n计\r\f\v",
    "a\xC2\xA0" "b\xE2\x80\x8B" "c\xEF\xBB\xBF" "d\xE2\x80\x83", "表１：　２０２４年",
    "a \xFF b", "\xE4\xB8", "１\xFF２", "\xE3\x80" "！", "\xE3\x80\x80\x80",
    "单位： 万元", "", "　 \t",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *ascii = bp_text_fullwidth_to_ascii (inputs[i]);
      g_autofree char *want = bp_text_strip_spaces (ascii);
      g_autofree char *got = bp_text_compact (inputs[i]);
      g_assert_cmpstr (got, ==, want);
      /* into a buffer of the caller's */
      gsize len = strlen (inputs[i]);
      g_autofree char *buf = g_malloc (len + 1);
      *bp_text_compact_to (inputs[i], len, buf) = '\0';
      g_assert_cmpstr (buf, ==, want);
    }
  for (int b = 1; b < 0x80; b++)
    {
      char one[2] = { (char) b, 0 };
      g_autofree char *got = bp_text_compact (one);
      gboolean space = g_unichar_isspace ((gunichar) b);
      g_assert_cmpstr (got, ==, space ? "" : one);
    }
  g_assert_null (bp_text_compact (NULL));
  g_autofree char *real = bp_text_compact ("收 入 总 计（万元）");
  g_assert_cmpstr (real, ==, "收入总计(万元)");
}

/* bp_text_strip_spaces read one character at a time, as it was before it
 * copied runs of unchanged bytes whole. */
static char *
strip_spaces_reference (const char *s)
{
  GString *out = g_string_new (NULL);
  for (const char *p = s; *p;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      const char *next = g_utf8_next_char (p);
      if (!g_unichar_isspace (c) && c != 0x200B && c != 0xFEFF)
        g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (out, FALSE);
}

/* Every character below U+10000 inside text long enough for the sixteen-
 * byte steps (and at the end, in the byte-at-a-time tail), and random
 * mixes of spaces, full-width forms and damaged bytes: the same bytes as
 * a character-at-a-time reading. */
static void
test_squeeze_runs (void)
{
  for (gunichar c = 1; c < 0x10000; c++)
    {
      if (c >= 0xD800 && c <= 0xDFFF)
        continue;
      char u[8] = { 0 };
      g_unichar_to_utf8 (c, u);
      g_autofree char *mid = g_strconcat ("一般公共预算", u, "财政拨款收入合计", NULL);
      g_autofree char *tail = g_strconcat ("一般公共预算财政拨款", u, NULL);
      const char *texts[] = { mid, tail };
      for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          g_autofree char *want = strip_spaces_reference (texts[i]);
          g_autofree char *got = bp_text_strip_spaces (texts[i]);
          g_assert_cmpstr (got, ==, want);
          g_autofree char *ascii = bp_text_fullwidth_to_ascii (texts[i]);
          g_autofree char *compact_want = bp_text_strip_spaces (ascii);
          g_autofree char *compact_got = bp_text_compact (texts[i]);
          g_assert_cmpstr (compact_got, ==, compact_want);
        }
    }
  static const char *const pieces[] = {
    "预算", "a", "1", " ", "\t", "\n", "\v", "\xE3\x80\x80", "\xEF\xBC\x91",
    "\xC2\xA0", "\xE2\x80\x8B", "\xEF\xBB\xBF", "\xFF", "\xE4\xB8", "\x80",
    "\xE3\x80", "é", "😀",
  };
  GRand *rand = g_rand_new_with_seed (18);
  for (int n = 0; n < 2000; n++)
    {
      g_autoptr (GString) text = bp_harness_random_text (rand, pieces, G_N_ELEMENTS (pieces),
                                                         0, 40, NULL);
      g_autofree char *want = strip_spaces_reference (text->str);
      g_autofree char *got = bp_text_strip_spaces (text->str);
      g_assert_cmpstr (got, ==, want);
      g_autofree char *ascii = bp_text_fullwidth_to_ascii (text->str);
      g_autofree char *compact_want = bp_text_strip_spaces (ascii);
      g_autofree char *compact_got = bp_text_compact (text->str);
      g_assert_cmpstr (compact_got, ==, compact_want);
      /* the appending forms, after some text */
      g_autoptr (GString) appended = g_string_new ("前");
      bp_text_strip_spaces_append (appended, text->str);
      bp_text_compact_append (appended, text->str);
      g_autofree char *both = g_strconcat ("前", want, compact_want, NULL);
      g_assert_cmpstr (appended->str, ==, both);
    }
  g_rand_free (rand);
}

static void
test_class_code (void)
{
  static const char *const codes[] = {
    "201", "20103", "2010301", "2080505", "21011", "2101101", "2101199",  /* real */
    "301", "30101", "302", "310",
    " 201 ", "\t2080505\n", "　201　", "２０１", "２０１０３０１",
    "２0１", "\f301\r", "20103　 ",
  };
  static const char *const not_codes[] = {
    "2010", "201030", "20103011", "3010101", "3010", "101", "10101", "501", "50101",
    "401", "1", "2", "20", "21", "1538", "2024", "20a", "a201", "201.5", "-201",
    "2 01", "201年", "", "  ", "　",
    "２　０１", "201\xEF\xBC", "\xEF\xBC\x9A" "01", "2０1\xFF", "\xC2\xA0" "201", "２０１．",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    if (!bp_text_is_class_code (codes[i]))
      g_error ("\"%s\" should be a classification code", codes[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (not_codes); i++)
    if (bp_text_is_class_code (not_codes[i]))
      g_error ("\"%s\" should not be a classification code", not_codes[i]);
  g_assert_false (bp_text_is_class_code (NULL));

  /* against its definition: folded to ASCII and stripped, the digits of a
   * class code */
  static const char *const pieces[] = {
    "2", "3", "0", "1", "5", "２", "３", "０", " ", "\t", "\v", "　", ".", "．",
    ",", "a", "年", "\xFF",
  };
  GRand *rand = g_rand_new_with_seed (18);
  for (int n = 0; n < 50000; n++)
    {
      g_autoptr (GString) text = bp_harness_random_text (rand, pieces, G_N_ELEMENTS (pieces),
                                                         0, 10, NULL);
      g_autofree char *folded = bp_text_fullwidth_to_ascii (text->str);
      const char *digits = g_strstrip (folded);
      gsize len = strlen (digits);
      gboolean all = len > 0 && strspn (digits, "0123456789") == len;
      gboolean want = all && ((digits[0] == '2' && (len == 3 || len == 5 || len == 7))
                              || (digits[0] == '3' && (len == 3 || len == 5)));
      if (bp_text_is_class_code (text->str) != want)
        g_error ("class code of \"%s\" should be %d", text->str, want);
    }
  g_rand_free (rand);
}

static void
test_is_cjk (void)
{
  static const gunichar ideographs[] = {
    0x4E2D /* 中 */, 0x5143 /* 元 */, 0x4E00, 0x9FFF, 0x3400, 0x4DBF, 0xF900, 0xFAFF,
    0x20000, 0x2A6DF, 0x2B740, 0x2F800, 0x30000, 0x3007 /* 〇 */,
  };
  static const gunichar others[] = {
    'A', '1', ' ', 0x3000 /* ideographic space */, 0x3002 /* 。 */, 0xFF11 /* １ */,
    0xFF08 /* （ */, 0x4DC0 /* Yijing hexagram */, 0x2F00 /* Kangxi radical */,
    0x3105 /* bopomofo */, 0x3042 /* hiragana */, 0xAC00 /* hangul */, 0x33FF, 0xFB00,
  };
  for (gsize i = 0; i < G_N_ELEMENTS (ideographs); i++)
    if (!bp_text_is_cjk (ideographs[i]))
      g_error ("U+%04X should be CJK", ideographs[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    if (bp_text_is_cjk (others[i]))
      g_error ("U+%04X should not be CJK", others[i]);

  const char *label = "机关事业单位基本养老保险缴费支出";   /* real */
  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_true (bp_text_is_cjk (g_utf8_get_char (p)));
}

static void
assert_split (const char *input, const char *const *expected)
{
  g_auto (GStrv) items = bp_text_split_ws (input);
  g_assert_nonnull (items);
  /* Joined with '|' so a failure shows both lists (g_assert_cmpstrv needs 2.68). */
  g_autofree char *got = g_strjoinv ("|", items);
  g_autofree char *want = g_strjoinv ("|", (char **) expected);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (g_strv_length (items), ==, g_strv_length ((char **) expected));
  /* the packed form holds the same items */
  g_autofree char **packed = bp_text_split_ws_packed (input);
  g_autofree char *got_packed = g_strjoinv ("|", packed);
  g_assert_cmpstr (got_packed, ==, want);
  g_assert_cmpuint (g_strv_length (packed), ==, g_strv_length ((char **) expected));
}

static void
test_split_ws (void)
{
  assert_split ("201\t一般公共服务支出\t11,916,891.32",   /* real */
                (const char *const[]) { "201", "一般公共服务支出", "11,916,891.32", NULL });
  assert_split ("收入 构成 财政拨款 1538.62 100%",         /* real */
                (const char *const[]) { "收入", "构成", "财政拨款", "1538.62", "100%", NULL });
  assert_split ("  a  b  ", (const char *const[]) { "a", "b", NULL });
  assert_split ("a　b", (const char *const[]) { "a", "b", NULL });
  assert_split ("a\t\tb", (const char *const[]) { "a", "b", NULL });
  assert_split ("a \t　 b\n", (const char *const[]) { "a", "b", NULL });
  assert_split ("a\xC2\xA0" "b", (const char *const[]) { "a", "b", NULL });
  assert_split ("abc", (const char *const[]) { "abc", NULL });
  assert_split ("一般公共服务支出", (const char *const[]) { "一般公共服务支出", NULL });
  assert_split ("a\xFF b", (const char *const[]) { "a\xFF", "b", NULL });
  assert_split ("\xE4\xB8", (const char *const[]) { "\xE4\xB8", NULL });
  assert_split ("", (const char *const[]) { NULL });
  assert_split ("   ", (const char *const[]) { NULL });
  assert_split ("　\t", (const char *const[]) { NULL });
  assert_split (NULL, (const char *const[]) { NULL });
  /* more items than the split keeps on the stack */
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < 100; i++)
    {
      g_string_append_printf (line, "%s%d", i % 3 ? " " : "\xE3\x80\x80\t", i);
      g_ptr_array_add (want, g_strdup_printf ("%d", i));
    }
  g_ptr_array_add (want, NULL);
  assert_split (line->str, (const char *const *) want->pdata);
}

/* bp_regex: one compiled regex per pattern, shared; a bad pattern is NULL. */
static void
test_regex (void)
{
  GRegex *a = bp_regex ("([0-9]+)万元");
  g_assert_nonnull (a);
  g_assert_true (bp_regex ("([0-9]+)万元") == a);
  g_assert_true (g_regex_match (a, "合计 40万元", 0, NULL));
  g_assert_false (bp_regex ("(?<![0-9])x") == a);
  g_test_expect_message ("budgetpipe", G_LOG_LEVEL_CRITICAL, "*bad pattern*");
  g_assert_null (bp_regex ("(unclosed"));
  g_test_assert_expected_messages ();
}

/* bp_regex_remove: every match removed; a match PCRE2 gives up on (nested
 * quantifiers on a long run) leaves the text as it was, never NULL. */
static void
test_regex_remove (void)
{
  g_autofree char *plain = bp_regex_remove (bp_regex ("万元|元"), "合计 40万元，5元");
  g_assert_cmpstr (plain, ==, "合计 40，5");
  g_autoptr (GString) run = g_string_new ("x");
  for (int i = 0; i < 4000; i++)
    g_string_append (run, "ab");
  g_string_append (run, "!");
  GRegex *slow = bp_regex ("(?:(?:a|ab)(?:b|)+)+$");
  g_autoptr (GError) error = NULL;
  char *raw = g_regex_replace_literal (slow, run->str, -1, 0, "", 0, &error);
  g_assert_null (raw); /* the case the helper exists for */
  g_autofree char *kept = bp_regex_remove (slow, run->str);
  g_assert_cmpstr (kept, ==, run->str);
  g_autofree char *none = bp_regex_remove (NULL, "x");
  g_assert_cmpstr (none, ==, "x");
}

/* bp_regex_match answers as g_regex_match does: the literals it tests
 * first are only what every match needs (not a quantified last character
 * nor an optional group or class, which are passed over to the next
 * mandatory item; nothing when a top-level alternative or a construct it
 * does not follow could match without them). */
static void
test_regex_match (void)
{
  static const char *const patterns[] = {
    "公务接待(?:经)?费", "^收入总计$", "合计$|三公", "年度?", "ab{0,2}c",
    "一般[(（]公共[)）]预算|x", "本年[|]收入|支出", "ab[[:alpha:]]|cd",
    "ab\\Q|\\Ex", "ab(?x) c|d", "ab(?#|)c", "项目支出+", "[0-9]元",
    "^.*(?:情况说明|总体情况)(?=.)", "^.*?(?:主要用于|用于)(?=.)", "[。，,;]",
    "[\\[\\]【】]", "[0-9]{4}年度?|[0-9]{1,2}月", "(?:ab|c){2}d", "[ab]{0,1}c",
    "(?:ab|c)?d", "[ab]*c", "(?:ab|c)d|x", "[^a]b", "[a-c]x",
    "(?s)(?:a|b)?c", "(?<![0-9])(?:ab|c)d", "\\x41b", "^(?:x)?\\d{1,2}表",
    "(a)\\g1b", "(?i)ab", "(?m)^a.b$", "([0-9]+)(万元|元)", "(?:^|。)[一二]、",
  };
  static const char *const texts[] = {
    "公务接待费", "公务接待经费支出", "收入总计", "本年收入总计", "三公经费",
    "2024年", "a", "ac", "abbc", "x", "支出", "cd", "d", "c", "ab c",
    "项目支", "项目支出出", "5元", "", "一般(公共)预算",
    "收支总体情况说明2021年", "总体情况", "主要用于办公", "经费用于", "一，二",
    "[x]", "【注】", "d", "abd", "cd", "bx", "b", "ab", "2024年", "12月", "9月",
    "ababd", "ccd", "c", "Ab", "AB", "1表", "x12表", "aab", "5元", "。一、",
    "二、", "a\nb",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (patterns); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (texts); j++)
      {
        g_autoptr (GMatchInfo) mi = NULL;
        gboolean want = g_regex_match (bp_regex (patterns[i]), texts[j], 0, NULL);
        gboolean got = bp_regex_match (patterns[i], texts[j], &mi);
        g_assert_cmpint (got, ==, want);
        g_assert_true (got == (mi != NULL && g_match_info_matches (mi)));
      }
  static const struct { const char *pattern, *needs; } derived[] = {
    { "公务接待(?:经)?费", "公务接待" }, { "年度?", "年" }, { "合计$|三公", "合计 三公" },
    { "^.*?(?:主要用于|用于)(?=.)", "用于" }, { "[。，]", "。 ，" },
    { "[0-3]{2}x", "x" }, { "[0-3]{2}\\d", "0 1 2 3" }, { "(?:ab|c){2}d", "d" }, { "[ab]{0,1}c", "c" },
    { "a{0,2}b", "b" }, { "[0-9a-z]x", "x" }, { "[a-]x", "x" },
    { "(?:ab|c)?d", "d" }, { "[ab]*c", "c" }, { "[^a]b", "b" }, { "ab(?i)c", NULL },
    { "(?s)(?:a|b)?c", "c" }, { "(?<![0-9])(?:ab|c)d", "d" }, { "\\x41b", "b" },
    { "(a)\\g1b", "a" }, { "(?:ab|c)(?:de|f)g*", "ab c" }, { "(?:a|b)cd?", "c" }, { "(?:x)?\\g1b", NULL }, { "(?i)ab", NULL }, { "(?x)a b", NULL },
    { "([0-9]+)(万元|元)", "元" }, { "款\\)|项|\\(款", "款 项" }, { "(?:^|。)[一二]、", "、" }, { "(?:^|。)[一二]\\d", "一 二" }, { "a(?:b|)c", "a" },
    { "(?:b|)c", "c" }, { "\\(类\\)", "类" }, { "a?\\d+", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (derived); i++)
    {
      g_auto (GStrv) needs = bp_regex_needs_of_pattern (derived[i].pattern);
      g_autofree char *joined = needs ? g_strjoinv (" ", needs) : NULL;
      g_assert_cmpstr (joined, ==, derived[i].needs);
    }
  g_autofree char *kept = bp_regex_remove (bp_regex ("公务接待(?:经)?费"), "会议费");
  g_assert_cmpstr (kept, ==, "会议费");
}

/* Every match and group of INFO in turn ("none" when INFO is NULL or has
 * no match), as g_match_info_next reads them. */
static char *
match_info_spans (GMatchInfo *info)
{
  GString *out = g_string_new (NULL);
  for (gboolean more = info && g_match_info_matches (info); more;
       more = g_match_info_next (info, NULL))
    {
      for (int g = 0; g < g_match_info_get_match_count (info); g++)
        {
          int a = -1, b = -1;
          g_match_info_fetch_pos (info, g, &a, &b);
          g_string_append_printf (out, "%d-%d,", a, b);
        }
      g_string_append_c (out, ';');
    }
  if (out->len == 0)
    g_string_append (out, "none");
  return g_string_free (out, FALSE);
}

/* bp_regex_match with a GMatchInfo asks PCRE2 first for a pattern that
 * has mostly failed so far (after 32 texts), GLib at once for one that
 * mostly matched: either way the answer and every match and group read
 * through the info are GLib's own. Each pattern is taught both ways (a
 * text that holds its literals but does not match, one that matches),
 * then asked random texts. */
static void
test_regex_match_info (void)
{
  static const struct { const char *pattern, *fails, *matches; } cases[] = {
    { "(?<!a)b", "ab", "cb" }, { "(?<=a)b", "cb", "ab" }, { "(?m)^b", "ab", "a\nb" },
    { "b$", "ba", "ab" }, { "a\\Kb", "ac", "ab" }, { "\\Gb", "ab", "b" },
    { "(?<x>a)b\\k<x>", "abc", "aba" }, { "[ab]{2}", "ac", "ab" }, { "\\R", "a", "\r\n" },
    { "(?<![0-9])元", "1元", "一元" }, { "(a|ab)(c|bcd)(d*)", "ax", "abcdd" },
    { "\\w+", " ", "a1" }, { "(?=b)", "a", "ab" }, { ".*b$", "b\n\na", "a\nb" },
    { "(a)(b)?x", "ab", "abx" }, { "x+$", "xa", "ax" }, { "(一|二)+?元", "一二", "二一元" },
  };
  static const char *const alphabet[] = { "a", "b", "c", "d", "x", "\n", " ", "1",
                                          "一", "二", "元" };
  GRand *rand = g_rand_new_with_seed (18);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int taught = 0; taught < 2; taught++)
      {
        /* a copy: the pattern is a new entry, taught afresh */
        g_autofree char *pattern = g_strdup_printf ("%s(?#%d)", cases[i].pattern, taught);
        const char *lesson = taught ? cases[i].matches : cases[i].fails;
        for (int k = 0; k < 40; k++)
          {
            g_autoptr (GMatchInfo) mi = NULL;
            g_assert_cmpint (bp_regex_match (pattern, lesson, &mi), ==, taught);
          }
        for (int n = 0; n < 300; n++)
          {
            g_autoptr (GString) text = n == 0 ? g_string_new (cases[i].matches)
              : bp_harness_random_text (rand, alphabet, G_N_ELEMENTS (alphabet), 0, 10, NULL);
            g_autoptr (GMatchInfo) want_info = NULL, got_info = NULL;
            gboolean want = g_regex_match (bp_regex (pattern), text->str, 0, &want_info);
            gboolean got = bp_regex_match (pattern, text->str, &got_info);
            g_assert_cmpint (got, ==, want);
            g_autofree char *want_spans = match_info_spans (want_info);
            g_autofree char *got_spans = match_info_spans (got_info);
            g_assert_cmpstr (got_spans, ==, want_spans);
          }
      }
  g_rand_free (rand);
}

/* The one-pass answer of compiled needs is strstr's, whichever way a text
 * is asked (short texts go through the pass, long ones through strstr). */
static void
test_regex_needs_hold (void)
{
  static const char *const lists[][5] = {
    { "年", "月", "日", NULL }, { "a", "元", "万元", "ab", NULL },
    { "“", "”", "「", "」", NULL }, { "预算", "决算", "执行", NULL },
    { "xyz", "x", "\xE5", NULL },
  };
  static const char *const texts[] = {
    "", "a", "b", "年度", "二〇二四年", "一般公共预算", "决", "预", "万", "xy",
    "说“明”", "说「", "\xE5\xB9", "\xE5", "abc 元", "执行数", "xyx",
  };
  g_autoptr (GString) longer = g_string_new (NULL);
  for (int i = 0; i < 200; i++)
    g_string_append (longer, "一般公共预算财政拨款");
  for (gsize i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      BpRegexNeeds *rn = bp_regex_needs_new (g_strdupv ((char **) lists[i]));
      for (gsize j = 0; j <= G_N_ELEMENTS (texts); j++)
        {
          const char *t = j < G_N_ELEMENTS (texts) ? texts[j] : longer->str;
          g_assert_cmpint (bp_regex_needs_hold (rn, t, strlen (t)), ==,
                           bp_regex_needs_met ((char *const *) lists[i], t));
        }
      bp_regex_needs_free (rn);
    }
  g_assert_true (bp_regex_needs_hold (NULL, "x", 1));
}

/* An anchored pattern's prefixes: what each alternative starts with after
 * "^", and none when an alternative is not anchored, starts with an
 * optional item or "(?m)" lets "^" follow a newline. Held texts are those
 * starting with a prefix; every match is among them. */
static void
test_regex_prefixes (void)
{
  static const struct { const char *pattern, *prefixes; } cases[] = {
    { "^(?:一、|二、|三、)++", "一、 二、 三、" },
    { "^合计|^[总小]计", "合计 总 小" },
    { "^abc?d", "ab" },
    { "(?s)^预算.*", "预算" },
    { "^(?:部门)?收入", NULL },
    { "^预算|决算", NULL },
    { "(?m)^预算", NULL },
    { "^.预算", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (GStrv) prefixes = bp_regex_prefixes_of_pattern (cases[i].pattern);
      g_autofree char *joined = prefixes ? g_strjoinv (" ", prefixes) : NULL;
      g_assert_cmpstr (joined, ==, cases[i].prefixes);
    }
  static const char *const texts[] = {
    "", "一", "一、二", "说一、", "合计数", "总计", "中小计", "abd", "abcd",
    "xabcd", "二、\n三、", "\n一、",
  };
  static const char *const anchored[] = { "^(?:一、|二、|三、)++", "^合计|^[总小]计", "^abc?d" };
  for (gsize i = 0; i < G_N_ELEMENTS (anchored); i++)
    {
      BpRegexNeeds *rn = bp_regex_needs_of (anchored[i]);
      g_auto (GStrv) prefixes = bp_regex_prefixes_of_pattern (anchored[i]);
      g_assert_nonnull (prefixes);
      for (gsize j = 0; j < G_N_ELEMENTS (texts); j++)
        {
          const char *t = texts[j];
          gboolean starts = FALSE;
          for (char **p = prefixes; *p; p++)
            starts |= g_str_has_prefix (t, *p);
          gboolean held = bp_regex_needs_hold (rn, t, strlen (t));
          g_assert_cmpint (held, ==, starts);
          if (bp_regex_match (anchored[i], t, NULL))
            g_assert_true (held);
        }
      bp_regex_needs_free (rn);
    }
}

/* bp_regex_match without a GMatchInfo asks PCRE2 directly: the same
 * answers as GRegex where its compile options show (any newline for ^, $
 * and ., Unicode properties for \\w, \\d and \\b, \\R any line break), and
 * GLib's FALSE where PCRE2 gives up (the match limit). */
static void
test_regex_match_direct (void)
{
  static const char *const patterns[] = {
    "^b", "(?m)^b", "a$", "(?m)a$", "^a.b$", "(?s)^a.b$", "\\w{2}", "\\d",
    "\\R", "\\s", "[[:alpha:]]", "\\bx", "x\\b", "(?i)ａ", "[^a]b",
    "(?<![0-9])元", "(?:(?:a|ab)(?:b|)+)+$",
  };
  g_autoptr (GString) run = g_string_new ("x");
  for (int i = 0; i < 4000; i++)
    g_string_append (run, "ab");
  g_string_append (run, "!");
  const char *const texts[] = {
    "a\nb", "a\r\nb", "a\rb", "a\xc2\x85" "b", "a\xe2\x80\xa8" "b", "a\n", "a\xc2\x85",
    "中文", "\xd9\xa1\xd9\xa2", "Ａ", "ａ", "x y", "中x", "x中", "ab", "",
    "5元", "万元", run->str,
  };
  for (gsize i = 0; i < G_N_ELEMENTS (patterns); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (texts); j++)
      {
        gboolean want = g_regex_match (bp_regex (patterns[i]), texts[j], 0, NULL);
        g_assert_cmpint (bp_regex_match (patterns[i], texts[j], NULL), ==, want);
      }
  /* bp_regex_remove as g_regex_replace_literal, empty matches included */
  static const char *const removed[] = {
    "x*", "(?=a)", "\\b", "a|", "元$", "^(?:一|二|、)++", "[ab]", "b\\R?", "(?<=a)b",
  };
  const char *const sources[] = { "abab", "一二、三元", "xaxb", "a\nb\n", "", "元元", "ba" };
  for (gsize i = 0; i < G_N_ELEMENTS (removed); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (sources); j++)
      {
        GRegex *re = bp_regex (removed[i]);
        g_autofree char *want = g_regex_replace_literal (re, sources[j], -1, 0, "", 0, NULL);
        g_autofree char *got = bp_regex_remove (re, sources[j]);
        g_assert_cmpstr (got, ==, want);
      }
  /* and on random texts, patterns that match empty strings (at the end,
   * before or after a character, next to a non-empty match) among them */
  static const char *const stepped[] = {
    "x*", "(?=a)", "(?<=a)", "\\b", "\\B", "a|", "|a", "(?:支出|拨款|数)*$", "a*?",
    "(?=元)|元", "元?", "^(?:一|二)?", "$", "(?m)^", "(?m)$", "a*b*", "(?:ab)*|b",
    "[ab]+|", "\\R?", "(?<=\\n)", "x*$", "(?:元|)(?=a|$)",
  };
  static const char *const pieces[] = { "a", "b", "x", "\n", " ", "元", "支出", "一", "二" };
  GRand *rand = g_rand_new_with_seed (18);
  for (int n = 0; n < 2000; n++)
    {
      g_autoptr (GString) text = bp_harness_random_text (rand, pieces, G_N_ELEMENTS (pieces),
                                                         0, 9, NULL);
      for (gsize i = 0; i < G_N_ELEMENTS (stepped); i++)
        {
          GRegex *re = bp_regex (stepped[i]);
          g_autofree char *want = g_regex_replace_literal (re, text->str, -1, 0, "", 0, NULL);
          g_autofree char *got = bp_regex_remove (re, text->str);
          if (g_strcmp0 (got, want) != 0)
            g_error ("%s on \"%s\": \"%s\", GLib \"%s\"", stepped[i], text->str, got, want);
        }
    }
  g_rand_free (rand);
  /* a GRegex of the caller's own is read through the cache when made as
   * the cache makes its own, and by GLib otherwise: the same removals */
  static const struct { const char *pattern; GRegexCompileFlags flags; } own[] = {
    { "[ab]+|", G_REGEX_OPTIMIZE }, { "(?i)a", G_REGEX_OPTIMIZE }, { "a", G_REGEX_CASELESS },
    { "a.b", G_REGEX_DOTALL }, { "^b", G_REGEX_MULTILINE }, { "b$", 0 }, { "元|x*", G_REGEX_OPTIMIZE },
  };
  static const char *const owned[] = { "AbaB", "a\nb", "ab\nb", "b\nb\n", "元x元", "" };
  for (gsize i = 0; i < G_N_ELEMENTS (own); i++)
    {
      GRegex *re = g_regex_new (own[i].pattern, own[i].flags, 0, NULL);
      for (gsize j = 0; j < G_N_ELEMENTS (owned); j++)
        {
          g_autofree char *want = g_regex_replace_literal (re, owned[j], -1, 0, "", 0, NULL);
          g_autofree char *got = bp_regex_remove (re, owned[j]);
          g_assert_cmpstr (got, ==, want);
        }
      g_regex_unref (re);
    }
  g_assert_true (bp_regex_is_valid ("a+"));
  g_test_expect_message ("budgetpipe", G_LOG_LEVEL_CRITICAL, "*bad pattern*");
  g_assert_false (bp_regex_is_valid ("(unclosed"));
  g_test_assert_expected_messages ();
}

/* bp_gettext remembers that no catalogue serves the current settings, and
 * asks again when $LANGUAGE or the locale changes: the zh_CN catalogue of
 * the build tree (po/locale) translates once LANGUAGE names it. */
static void
test_gettext_follows_language (void)
{
  static const char msgid[] = "budgetpipe: unknown command '%s'\n\n";
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));
  if (!setlocale (LC_ALL, "C.UTF-8"))
    {
      g_test_skip ("no C.UTF-8 locale");
      return;
    }
  g_setenv ("LANGUAGE", "", TRUE);
  g_assert_true (bp_gettext (msgid) == msgid);
  g_assert_true (bp_gettext (msgid) == msgid);
  g_assert_cmpstr (bp_ngettext ("%u table", "%u tables", 2), ==, "%u tables");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_nonnull (strstr (bp_gettext (msgid), "未知命令"));
  g_assert_true (bp_gettext (msgid) == g_dgettext (GETTEXT_PACKAGE, msgid));
  g_assert_cmpstr (bp_ngettext ("%u table", "%u tables", 2), ==,
                   g_dngettext (GETTEXT_PACKAGE, "%u table", "%u tables", 2));
  setlocale (LC_ALL, "C");   /* gettext ignores LANGUAGE under C */
  g_assert_true (bp_gettext (msgid) == msgid);
  g_assert_true (g_dgettext (GETTEXT_PACKAGE, msgid) == msgid);
  setlocale (LC_ALL, saved);
  if (language)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/fullwidth-to-ascii", test_fullwidth_to_ascii);
  g_test_add_func ("/text/fullwidth-to-ascii/whole-block", test_fullwidth_whole_block);
  g_test_add_func ("/text/strip-spaces", test_strip_spaces);
  g_test_add_func ("/text/compact", test_compact);
  g_test_add_func ("/text/squeeze-runs", test_squeeze_runs);
  g_test_add_func ("/text/regex", test_regex);
  g_test_add_func ("/text/regex-remove", test_regex_remove);
  g_test_add_func ("/text/regex-match", test_regex_match);
  g_test_add_func ("/text/regex-match-direct", test_regex_match_direct);
  g_test_add_func ("/text/regex-match-info", test_regex_match_info);
  g_test_add_func ("/text/regex-needs-hold", test_regex_needs_hold);
  g_test_add_func ("/text/regex-prefixes", test_regex_prefixes);
  g_test_add_func ("/text/class-code", test_class_code);
  g_test_add_func ("/text/is-cjk", test_is_cjk);
  g_test_add_func ("/text/split-ws", test_split_ws);
  g_test_add_func ("/text/gettext-follows-language", test_gettext_follows_language);
  return g_test_run ();
}
