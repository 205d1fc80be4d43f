/* cleanup stage tests, built from the real corpus: encodings made from the
 * corpus files, joins and page furniture checked at known source lines,
 * text damage checked for hits AND for silence everywhere else. */
#include "config.h"

#include <string.h>

#include "tests/harness.h"

static const char *const all_docs[] = {
  "000_fe5e375999e3baca.txt", "001_99a99fce1cd6da03.txt",
  "002_43945480f961a537.txt", "003_d6fb263bf47854f3.txt",
  "004_d9984b4f4bf4cec5.txt", "thirdparty/sh-pt-czj-2024-final.txt",
  "thirdparty/sh-pt-ghzy-2024-final.txt", "thirdparty/sh-pt-sfj-2026-budget.txt",
  "thirdparty/sh-pt-shiquan-2026-unit-budget.txt",
  "thirdparty/sh-pt-sthj-2025-final.txt", "thirdparty/sh-pt-wanli-2025-budget.txt",
  "thirdparty/sh-pt-yichuan-2025-final.txt", "thirdparty/sh-pt-zfb-2025-budget.txt",
};

static void
run_cleanup (BpDocument *doc)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stage ("cleanup", NULL, doc, NULL, &error));
  g_assert_no_error (error);
}

static BpDocument *
cleaned_corpus (const char *rel)
{
  BpDocument *doc = bp_harness_load_corpus (rel);
  run_cleanup (doc);
  return doc;
}

static BpDocument *
cleaned_bytes (const char *data, gssize len)
{
  BpDocument *doc = bp_document_new_from_bytes ("inline.txt", data,
                                                len < 0 ? strlen (data) : (gsize) len);
  run_cleanup (doc);
  return doc;
}

static char *
corpus_text (const char *rel)
{
  g_autofree char *name = g_build_filename ("tests", "corpus", rel, NULL);
  g_autofree char *path = bp_harness_srcpath (name);
  char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* The logical line that covers source line LN, or NULL (dropped). */
static const BpLine *
line_covering (const BpDocument *doc, int ln)
{
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      if (l->line <= ln && ln <= bp_line_end_line (l))
        return l;
    }
  return NULL;
}

static void
assert_same_lines (const BpDocument *a, const BpDocument *b)
{
  g_assert_cmpuint (bp_document_n_lines (a), ==, bp_document_n_lines (b));
  for (guint i = 0; i < bp_document_n_lines (a); i++)
    {
      const BpLine *x = bp_document_line (a, i);
      const BpLine *y = bp_document_line (b, i);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpint (x->line, ==, y->line);
      g_assert_cmpint (bp_line_end_line (x), ==, bp_line_end_line (y));
      g_assert_cmpuint (x->flags, ==, y->flags);
    }
}

/* The extracted facts (tables, fields, classification) must not depend on
 * how the input was encoded. */
static void
assert_same_facts (BpDocument *a, BpDocument *b)
{
  static const char *const stages[] = { "tables", "fields", NULL };
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stages (stages, a, &error));
  g_assert_true (bp_harness_run_stages (stages, b, &error));
  g_assert_cmpuint (a->tables->len, ==, b->tables->len);
  for (guint i = 0; i < a->tables->len; i++)
    {
      BpTable *x = g_ptr_array_index (a->tables, i), *y = g_ptr_array_index (b->tables, i);
      g_assert_cmpstr (x->type, ==, y->type);
      g_assert_cmpint (x->line, ==, y->line);
      g_assert_cmpuint (x->rows->len, ==, y->rows->len);
    }
  g_assert_cmpuint (a->fields->len, ==, b->fields->len);
  for (guint i = 0; i < a->fields->len; i++)
    {
      BpField *x = g_ptr_array_index (a->fields, i), *y = g_ptr_array_index (b->fields, i);
      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpint (x->value, ==, y->value);
      g_assert_cmpint (x->line, ==, y->line);
    }
  g_assert_cmpuint (a->classification->len, ==, b->classification->len);
}

/* ---- encodings ------------------------------------------------------------ */

static char *
with_crlf (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, "\n", -1);
  return g_strjoinv ("\r\n", parts);
}

static void
test_gb18030_crlf (void)
{
  g_autofree char *utf8 = corpus_text ("004_d9984b4f4bf4cec5.txt");
  g_autofree char *crlf = with_crlf (utf8);
  gsize len = 0;
  g_autofree char *gb = g_convert (crlf, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (gb);
  g_autoptr (BpDocument) orig = cleaned_corpus ("004_d9984b4f4bf4cec5.txt");
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("gb.txt", gb, len);
  g_assert_null (doc->text);   /* the loader leaves non-UTF-8 to cleanup */
  run_cleanup (doc);
  g_assert_cmpstr (doc->encoding, ==, "GB18030");
  g_assert_cmpuint (bp_document_n_source_lines (doc), ==, bp_document_n_source_lines (orig));
  g_assert_cmpuint (bp_document_count_findings (doc, BP_SEVERITY_WARNING), ==,
                    bp_document_count_findings (orig, BP_SEVERITY_WARNING));
  assert_same_lines (orig, doc);
  assert_same_facts (orig, doc);
}

static void
test_utf16_bom (void)
{
  g_autofree char *utf8 = corpus_text ("003_d6fb263bf47854f3.txt");
  gsize len = 0;
  g_autofree char *u16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  g_autofree char *bom = g_malloc (len + 2);
  memcpy (bom, "\xFF\xFE", 2);
  memcpy (bom + 2, u16, len);
  g_autoptr (BpDocument) orig = cleaned_corpus ("003_d6fb263bf47854f3.txt");
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("u16.txt", bom, len + 2);
  run_cleanup (doc);
  g_assert_cmpstr (doc->encoding, ==, "UTF-16LE");
  assert_same_lines (orig, doc);
  assert_same_facts (orig, doc);

  /* big-endian without BOM: found by its NUL bytes */
  g_autofree char *be = g_convert (utf8, -1, "UTF-16BE", "UTF-8", NULL, &len, NULL);
  g_autoptr (BpDocument) doc2 = bp_document_new_from_bytes ("u16be.txt", be, len);
  run_cleanup (doc2);
  g_assert_cmpstr (doc2->encoding, ==, "UTF-16BE");
  assert_same_lines (orig, doc2);
}

/* Digits of every number written full-width ("１１３２．９８"), a BOM and
 * CR line ends: the cleaned text is the original's. */
static char *
fullwidth_numbers (const char *s)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  for (const char *p = s; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_unichar (out, 0xFF10 + (*p - '0'));
      else if (*p == '.' && p > s && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1]))
        g_string_append (out, "．");
      else if (*p == '\n')
        g_string_append_c (out, '\r');
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
test_bom_fullwidth_cr (void)
{
  g_autofree char *utf8 = corpus_text ("004_d9984b4f4bf4cec5.txt");
  g_autofree char *variant = fullwidth_numbers (utf8);
  g_assert_nonnull (strstr (variant, "１１３２．９８"));
  g_autoptr (BpDocument) orig = cleaned_corpus ("004_d9984b4f4bf4cec5.txt");
  g_autoptr (BpDocument) doc = cleaned_bytes (variant, -1);
  g_assert_cmpstr (doc->encoding, ==, "UTF-8");
  assert_same_lines (orig, doc);
  assert_same_facts (orig, doc);
}

static void
test_invalid_bytes (void)
{
  /* 004 with a stray 0xFF byte before the last character of source line 5
   * and a sequence cut at EOF */
  g_autofree char *utf8 = corpus_text ("004_d9984b4f4bf4cec5.txt");
  const char *at = strstr (utf8, "是\n");   /* end of line 5 */
  g_assert_nonnull (at);
  GString *bad = g_string_new_len (utf8, at - utf8);
  g_string_append (bad, "\xFF");
  g_string_append (bad, at);
  g_string_append (bad, "\xE4\xB8");
  g_autoptr (BpDocument) doc = cleaned_bytes (bad->str, bad->len);
  g_string_free (bad, TRUE);
  g_assert_cmpstr (doc->encoding, ==, "UTF-8");
  g_assert_nonnull (strstr (bp_document_source_line (doc, 5), "\xEF\xBF\xBD是"));
  gboolean line5 = FALSE, last = FALSE;
  int nlines = (int) bp_document_n_source_lines (doc);
  for (guint i = 0; i < doc->findings->len; i++)
    {
      BpFinding *f = g_ptr_array_index (doc->findings, i);
      if (strcmp (f->rule, "text.encoding") != 0)
        continue;
      g_assert_cmpstr (f->category, ==, "text");
      g_assert_cmpint (f->severity, ==, BP_SEVERITY_WARNING);
      line5 |= f->line == 5;
      last |= f->line == nlines;
    }
  g_assert_true (line5);
  g_assert_true (last);
  g_assert_cmpstr (bp_document_get_meta (doc, "cleanup.invalid-sequences"), ==, "2");
}

static void
test_code_point_above_unicode (void)
{
  /* 004 with F4 90 80 80 (U+110000, which glibc's iconv passes as UTF-8)
   * inside the claim on source line 692: damage like any invalid byte. It
   * used to reach the later stages as invalid UTF-8 and crash validate. */
  g_autofree char *utf8 = corpus_text ("004_d9984b4f4bf4cec5.txt");
  const char *at = strstr (utf8, "会保障和就业（类）支出 43.66");
  g_assert_nonnull (at);
  GString *bad = g_string_new_len (utf8, at - utf8);
  g_string_append (bad, "\xF4\x90\x80\x80");
  g_string_append (bad, at);
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("inline.txt", bad->str, bad->len);
  g_string_free (bad, TRUE);
  static const char *const stages[] = { "cleanup", "tables", "fields", "validate", NULL };
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stages (stages, doc, &error));
  /* the text lives on in the source lines once cleanup read them */
  g_assert_null (doc->text);
  for (const char *s = bp_document_source_line (doc, 1); s; s = bp_document_source_line_next (doc, s))
    g_assert_true (g_utf8_validate (s, -1, NULL));
  g_assert_nonnull (strstr (bp_document_source_line (doc, 692), "社\xEF\xBF\xBD会"));
  g_assert_cmpstr (bp_document_get_meta (doc, "cleanup.invalid-sequences"), ==, "1");
}

/* A line that an earlier repair empties (a page's closing form feed, a
 * control character, U+200B, a soft hyphen) once read past its end in
 * split_glued: every real pdftotext page ends in a form feed. */
static void
test_emptied_lines (void)
{
  static const struct { const char *bytes; gsize len; } cases[] = {
    { "a\n\f", 3 },
    { "\f", 1 },
    { "一、部门主要职能\n\f\n二、机构设置\n", 0 },
    { "\x01\n", 2 },
    { "\xE2\x80\x8B\n", 4 },
    { "\xC2\xAD", 2 },
    { "合计\t1132.98\n\xE2\x80\x8B\f\n", 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len ? cases[i].len : strlen (cases[i].bytes);
      g_autoptr (BpDocument) doc = cleaned_bytes (cases[i].bytes, len);
      for (guint k = 0; k < bp_document_n_lines (doc); k++)
        g_assert_nonnull (bp_document_line (doc, k)->text);
    }
  g_autoptr (BpDocument) doc = cleaned_bytes ("一、部门主要职能\n\f\n二、机构设置\n", -1);
  g_assert_cmpuint (bp_document_n_lines (doc), ==, 2);
  g_assert_cmpstr (bp_document_line (doc, 1)->text, ==, "二、机构设置");
}

/* A lone number at a page break is a page number only when another
 * break's number counts the pages with it ("3" … "4"); a 类 code "208"
 * or 款 digits "05" that plain text printed as a page's first or last
 * line of a table are kept. A lone figure ending several pages (a total
 * printed last on each table) is no running footer. */
static GPtrArray *
texts_of (BpDocument *doc)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint k = 0; k < bp_document_n_lines (doc); k++)
    g_ptr_array_add (out, bp_document_line (doc, k)->text);
  return out;
}

static gboolean
has_text (GPtrArray *texts, const char *text)
{
  for (guint k = 0; k < texts->len; k++)
    if (g_strcmp0 (texts->pdata[k], text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_lone_numbers_at_breaks (void)
{
  g_autoptr (BpDocument) paged = cleaned_bytes (
      "一、部门主要职能\n负责全市工作。\n3\n\f二、机构设置\n下设三个处室。\n4\n\f三、收支\n", -1);
  g_autoptr (GPtrArray) p = texts_of (paged);
  g_assert_false (has_text (p, "3"));
  g_assert_false (has_text (p, "4"));
  g_autoptr (BpDocument) codes = cleaned_bytes (
      "支出预算总表\n\n类\n\n款\n\n205\n\n教育支出\n\n93,654,254\n\n05\n"
      "\f208\n\n05\n\n行政事业单位养老支出\n\n8,432,440\n\n228,233,799\n"
      "\f208\n\n收入总表\n\n合计\n\n228,233,799\n"
      "\f208\n\n支出总表\n\n合计\n\n228,233,799\n\f附表\n", -1);
  g_autoptr (GPtrArray) c = texts_of (codes);
  g_assert_true (has_text (c, "05"));
  guint seen = 0, lei = 0;
  for (guint k = 0; k < c->len; k++)
    lei += g_strcmp0 (c->pdata[k], "208") == 0;
  g_assert_cmpuint (lei, ==, 3);
  for (guint k = 0; k < c->len; k++)
    seen += g_strcmp0 (c->pdata[k], "228,233,799") == 0;
  g_assert_cmpuint (seen, ==, 3);
}

static void
test_bad_input (void)
{
  /* empty file: a clean, empty result */
  g_autoptr (BpDocument) empty = cleaned_bytes ("", 0);
  g_assert_cmpuint (bp_document_n_lines (empty), ==, 0);

  /* PNG: a clear error, no crash */
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  g_autoptr (BpDocument) img = bp_document_new_from_bytes ("x.png", png, sizeof png - 1);
  g_autoptr (GError) error = NULL;
  g_assert_false (bp_harness_run_stage ("cleanup", NULL, img, NULL, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INPUT);

  /* random bytes without a signature: refused too */
  GRand *rand = g_rand_new_with_seed (20261123);
  GString *noise = g_string_new (NULL);
  for (int i = 0; i < 4096; i++)
    g_string_append_c (noise, (char) (1 + g_rand_int_range (rand, 0, 255)));
  g_rand_free (rand);
  g_autoptr (BpDocument) junk = bp_document_new_from_bytes ("x.bin", noise->str, noise->len);
  g_string_free (noise, TRUE);
  g_clear_error (&error);
  g_assert_false (bp_harness_run_stage ("cleanup", NULL, junk, NULL, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INPUT);

  /* a stray NUL in text is damage, not a reason to give up */
  static const char nul[] = "一、部门主要职能\n负责组织\0实施\n";
  g_autoptr (BpDocument) with_nul = cleaned_bytes (nul, sizeof nul - 1);
  g_assert_cmpstr (bp_document_line (with_nul, 1)->text, ==, "负责组织\xEF\xBF\xBD实施");
  g_assert_cmpint (((BpFinding *) with_nul->findings->pdata[0])->line, ==, 2);

  /* a truncated multi-byte sequence at EOF of GB18030 text */
  gsize len = 0;
  g_autofree char *gb = g_convert ("一、部门主要职能\n二、部门预算单位构成", -1, "GB18030",
                                   "UTF-8", NULL, &len, NULL);
  g_autofree char *cut = g_strndup (gb, len - 1);
  g_autoptr (BpDocument) doc = cleaned_bytes (cut, len - 1);
  g_assert_cmpuint (bp_document_n_lines (doc), ==, 2);
  g_assert_true (g_str_has_prefix (bp_document_line (doc, 1)->text, "二、部门预算单位构"));
}

/* One 16 MB line (the 003 prose repeated without line ends): linear time. */
static void
test_huge_line (void)
{
  g_autofree char *text = corpus_text ("003_d6fb263bf47854f3.txt");
  g_strdelimit (text, "\n", ' ');
  GString *big = g_string_new (NULL);
  while (big->len < 16 * 1024 * 1024)
    g_string_append (big, text);
  gint64 start = g_get_monotonic_time ();
  g_autoptr (BpDocument) doc = cleaned_bytes (big->str, big->len);
  g_string_free (big, TRUE);
  g_assert_cmpuint (bp_document_n_lines (doc), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
}

/* A "paragraph" of 3000 full-width lines without a sentence end (003's
 * prose with its full stops turned into commas) is cut into logical lines
 * of at most 16 KB and one source line, together covering every line once:
 * later stages search a logical line per figure. */
static void
test_join_capped (void)
{
  static const char sentence[] =
      "本部门2021年度收入总计2092.15万元，支出总计2092.15万元，与上年相比收支总计各增加297.1万元，";
  GString *src = g_string_new (NULL);
  glong n = g_utf8_strlen (sentence, -1);
  for (int i = 0; i < 3000; i++)
    {
      /* rotate so every line is full but different */
      const char *at = g_utf8_offset_to_pointer (sentence, (i * 7) % n);
      g_autofree char *line = g_strconcat (at, sentence, NULL);
      *g_utf8_offset_to_pointer (line, 38) = '\0';
      g_string_append_printf (src, "%s\n", line);
    }
  g_autoptr (BpDocument) doc = cleaned_bytes (src->str, src->len);
  g_string_free (src, TRUE);
  g_assert_cmpuint (bp_document_n_lines (doc), >, 1);
  int next = 1;
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      g_assert_cmpint (l->line, ==, next);
      g_assert_cmpuint (strlen (l->text), <=, 16384 + 256);
      next = bp_line_end_line (l) + 1;
    }
  g_assert_cmpint (next, ==, 3001);
  g_assert_cmpint (bp_line_end_line (bp_document_line (doc, 0)), >, 100);
}

/* A layout-mode extract's runs of spaces: one space in prose and inside a
 * tab-separated cell (000's lines), kept as column gaps in a space-aligned
 * table row (sfj's 住房公积金 row). */
static void
test_collapse_spaces (void)
{
  g_autoptr (BpDocument) doc = cleaned_bytes (
      "9、承担区国防动员委员会日常工作    and    国防动员综合计划、组织协调、文秘服务。\n"
      "收    入\t\t支    出\n"
      "221   02   01   住房公积金      2087959.00   2087959.00   0.00\n", -1);
  g_assert_cmpuint (bp_document_n_lines (doc), ==, 3);
  g_assert_cmpstr (bp_document_line (doc, 0)->text, ==,
                   "9、承担区国防动员委员会日常工作 and 国防动员综合计划、组织协调、文秘服务。");
  g_assert_cmpstr (bp_document_line (doc, 1)->text, ==, "收 入\t\t支 出");
  g_assert_cmpstr (bp_document_line (doc, 2)->text, ==,
                   "221   02   01   住房公积金      2087959.00   2087959.00   0.00");
  g_assert_true (bp_document_line (doc, 2)->flags & BP_LINE_TABLE_ROW);
}

/* ---- layout --------------------------------------------------------------- */

static void
test_join_003 (void)
{
  g_autoptr (BpDocument) doc = cleaned_corpus ("003_d6fb263bf47854f3.txt");
  /* a heading broken inside its parentheses */
  const BpLine *l = line_covering (doc, 1);
  g_assert_cmpstr (l->text, ==,
                   "第一部分 青山区人民政府办公室（区人民政府研究室、区金融领导小组办公室）概况");
  g_assert_cmpint (bp_line_end_line (l), ==, 3);
  g_assert_true (l->flags & BP_LINE_HEADING);
  /* a figure split from its unit, and a paragraph across blank lines */
  l = line_covering (doc, 201);
  g_assert_cmpint (l->line, ==, 199);
  g_assert_nonnull (strstr (l->text, "年初预算为 1794.05万元，支出决算为 2092.15 万元，完成年初预算的 116.62%。其中：基本支出"));
  /* never across a heading: 一、部门主要职能 stays alone, 1. starts anew */
  l = line_covering (doc, 5);
  g_assert_cmpstr (l->text, ==, "一、部门主要职能");
  g_assert_cmpint (line_covering (doc, 7)->line, ==, 7);
  g_assert_cmpint (line_covering (doc, 9)->line, ==, 7);
  /* a list item ends where the next one starts */
  g_assert_cmpint (line_covering (doc, 17)->line, ==, 17);
  g_assert_true (line_covering (doc, 17)->flags & BP_LINE_LIST_ITEM);
  /* a full line ending in a closing bracket goes on */
  g_assert_cmpint (line_covering (doc, 277)->line, ==, 275);
  g_assert_nonnull (strstr (line_covering (doc, 275)->text, "维修（护）费、租赁费"));
  g_assert_cmpint (line_covering (doc, 303)->line, ==, 301);
  /* CJK join: no space between Chinese characters */
  g_assert_nonnull (strstr (line_covering (doc, 7)->text, "督促、检查、反馈"));
}

/* A table's note is one paragraph broken like prose (004's 公开09表 note
 * goes on after a blank line); closing punctuation at a line start always
 * continues the line above (sfj's "住房公积金" / "。2025年…", here in a
 * document too short to know its page width), and so does a unit broken
 * in two ("0万" / "元"). */
static void
test_join_note_and_punct (void)
{
  g_autoptr (BpDocument) doc = cleaned_corpus ("004_d9984b4f4bf4cec5.txt");
  const BpLine *note = line_covering (doc, 627);
  g_assert_cmpint (note->line, ==, 625);
  g_assert_true (g_str_has_prefix (note->text, "注：本表反映部门本年度财政拨款"));
  g_assert_true (g_str_has_suffix (note->text, "以前年度结转资金安排的实际支出。"));
  /* the title after a note stays its own line */
  g_assert_cmpint (line_covering (doc, 629)->line, >, 627);
  static const char text[] =
      "12、住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。"
      "主要用于：行政事业单位为职工缴纳的住房公积金\n"
      "。2025年当年预算执行数为198.34万元，2026年预算安排201.50万元。\n"
      "13、住房保障支出（221类）住房改革支出（02款）购房补贴（03项）243.36万元。\n";
  g_autoptr (BpDocument) d = cleaned_bytes (text, -1);
  g_assert_cmpuint (bp_document_n_lines (d), ==, 2);
  const BpLine *item = bp_document_line (d, 0);
  g_assert_cmpint (bp_line_end_line (item), ==, 2);
  g_assert_nonnull (strstr (item->text, "住房公积金。2025年"));
  /* zfb breaks the unit itself, even after an enumerated heading */
  g_autoptr (BpDocument) zfb = cleaned_corpus ("thirdparty/sh-pt-zfb-2025-budget.txt");
  g_assert_cmpint (line_covering (zfb, 267)->line, ==, 266);
  g_assert_nonnull (strstr (line_covering (zfb, 266)->text, "公务用车运行费0万元，与2024年"));
  /* an enumerated paragraph goes on; a bare heading does not */
  g_autoptr (BpDocument) sfj = cleaned_corpus ("thirdparty/sh-pt-sfj-2026-budget.txt");
  g_assert_cmpint (line_covering (sfj, 285)->line, ==, 284);
  g_assert_cmpint (line_covering (sfj, 282)->line, ==, 282);
  g_assert_cmpint (bp_line_end_line (line_covering (sfj, 281)), ==, 281);
}

/* Chongqing's PDFs print a figure's cents a line below its whole part
 * (cq-qxj-2026-budget, cq-jxw-2026-budget, -layout text): a table row as a
 * staircase, cents glued to the next column's figure, prose cut at the
 * point. */
static void
test_cents_split (void)
{
  static const char text[] =
      "                   合 计           168,441\n"
      "                                       .81154,304\n"
      "                                                .22                    3,252\n"
      "                                                                           .59\n"
      "\n"
      "208             社会保障和就业支出            120\n"
      "                                       .17     82\n"
      "                                                .51                     37\n"
      "                                                                         .66\n"
      "\n"
      "   (二)支出预算:2026年年初预算数14,770\n"
      "                          .62万元,其中:自然资源海洋气象等支出13,873.36万元。\n"
      "2026年1月.5日\n";
  g_autoptr (BpDocument) d = cleaned_bytes (text, -1);
  g_assert_cmpuint (bp_document_n_lines (d), ==, 4);
  const BpLine *total = bp_document_line (d, 0), *row = bp_document_line (d, 1);
  const BpLine *prose = bp_document_line (d, 2);
  g_assert_nonnull (strstr (total->text, "168,441.81 154,304.22 3,252.59"));
  g_assert_cmpint (bp_line_end_line (total), ==, 4);
  g_assert_true (g_str_has_prefix (row->text, "208"));
  g_assert_true (g_str_has_suffix (row->text, "120.17 82.51 37.66"));
  g_assert_nonnull (strstr (prose->text, "年初预算数14,770.62万元,其中"));
  /* a period after a date's day is not cents */
  g_assert_cmpstr (bp_document_line (d, 3)->text, ==, "2026年1月.5日");
}

/* cq-jxw 表五: the whole parts split too ("1" / "92," / "446" / ".79" is
 * 192,446.79), the pieces joined without spaces; a lone "2026" after a
 * number stays apart. */
static void
test_whole_split (void)
{
  static const char text[] =
      "                        合   计             1\n"
      "                                          92,\n"
      "                                            446\n"
      "                                              .79     43,908\n"
      "                                                           .70   30,347\n"
      "                                                                      .83   13,560\n"
      "                                                                                 .87   1\n"
      "                                                                                       48,\n"
      "                                                                                         538\n"
      "                                                                                           .09\n"
      "\n"
      "编号 12\n"
      "2026\n";
  g_autoptr (BpDocument) d = cleaned_bytes (text, -1);
  const BpLine *total = bp_document_line (d, 0);
  g_assert_nonnull (strstr (total->text, "192,446.79 43,908.70 30,347.83 13,560.87 148,538.09"));
  g_assert_cmpint (bp_line_end_line (total), ==, 10);
  g_assert_null (strstr (line_covering (d, 13)->text, "122026"));
}

/* cq-kjj 表五, plain pdftotext: the narrowest cells stack a figure a
 * character or two a line; the run is one figure when it reads as one
 * ("154,304.22"); a column of lone digits stays apart. */
static void
test_stacked_figure (void)
{
  static const char text[] =
      "小计\n"
      "\n"
      "1\n5\n4\n,\n3\n0\n4\n.2\n2\n"
      "\n"
      "人员经费\n"
      "\n"
      "5,362\n.42\n"
      "\n"
      "1\n2\n3\n4\n";
  g_autoptr (BpDocument) d = cleaned_bytes (text, -1);
  const BpLine *fig = line_covering (d, 3);
  g_assert_cmpstr (fig->text, ==, "154,304.22");
  g_assert_cmpint (fig->line, ==, 3);
  g_assert_cmpint (bp_line_end_line (fig), ==, 11);
  g_assert_cmpstr (line_covering (d, 15)->text, ==, "5,362.42");
  g_assert_null (strstr (line_covering (d, 18)->text, "1234"));
}

/* Plain pdftotext prints each table cell on a line of its own; a long
 * item name as wide as the page's prose (js-zx-2018 支出总表) must not
 * take the figure below it as the end of a sentence. */
static void
test_lone_figure_not_joined (void)
{
  static const char text[] =
      "江苏省政协机关部门预算公开按\n"
      "本部门收入预算包括一般公共预\n"
      "本部门支出预算包括基本支出项\n"
      "基本支出是指为保障机构正常运\n"
      "项目支出是指为完成特定工作任\n"
      "本年收入预算比上年增加主要是\n"
      "\n"
      "2080504\n"
      "\n"
      "未归口管理的行政单位离退休\n"
      "\n"
      "252.82\n"
      "\n"
      "2080505\n"
      "提租补贴\n"
      "\n"
      "4,243.61\n"
      "\n"
      "：“科目编码”和“科目名称”为必填项。\n";
  g_autoptr (BpDocument) d = cleaned_bytes (text, -1);
  const BpLine *name = line_covering (d, 10);
  g_assert_cmpstr (name->text, ==, "未归口管理的行政单位离退休");
  g_assert_cmpstr (line_covering (d, 12)->text, ==, "252.82");
  /* js-jcy-2019: the note's colon pushed onto a line of its own */
  g_assert_cmpstr (line_covering (d, 17)->text, ==, "4,243.61");
  /* the prose lines above still join by width */
  g_assert_cmpint (line_covering (d, 2)->line, ==, 1);
}

/* The same for a figure in 元 with thousands separators and no decimals
 * (sh-hyjc 基本支出 table: "机关事业单位基本养老保险缴费" as wide as the
 * page's prose, "1,887,467" below it). */
static void
test_lone_separated_figure_not_joined (void)
{
  g_autoptr (BpDocument) d = cleaned_corpus ("plain/sh-hyjc-2026-unit-budget-table8.txt");
  g_assert_cmpstr (line_covering (d, 62)->text, ==, "机关事业单位基本养老保险缴费");
  g_assert_cmpstr (line_covering (d, 64)->text, ==, "1,887,467");
}

static void
test_tables_stay_004 (void)
{
  g_autoptr (BpDocument) doc = cleaned_corpus ("004_d9984b4f4bf4cec5.txt");
  /* 公开02表: every body line stays its own line */
  for (int ln = 170; ln <= 213; ln++)
    {
      const BpLine *l = line_covering (doc, ln);
      if (l != NULL)
        g_assert_cmpint (l->line, ==, bp_line_end_line (l));
    }
  g_assert_true (line_covering (doc, 180)->flags & BP_LINE_TABLE_ROW);
  /* glued cells split, both parts kept */
  g_assert_cmpstr (line_covering (doc, 87)->text, ==,
                   "一、一般公共预算财政拨款收入 1 1132.98 一、一般公共服务支出 32 939.82");
  /* "— 23 —" dropped; the paragraph around it is one line */
  g_assert_true (line_covering (doc, 1001)->line == 991);
  g_assert_null (strstr (line_covering (doc, 991)->text, "— 23 —"));
  /* the page start pdftotext marked with a leading space */
  const BpLine *p = line_covering (doc, 75);
  g_assert_cmpstr (p->text, ==, "第二部分 2023年度部门决算表");
  g_assert_true (p->flags & BP_LINE_PAGE_START);
  g_assert_cmpint (bp_document_line_page (doc, p), >, bp_document_line_page (doc, line_covering (doc, 1)));
}

/* Plain pdftotext text of a tables-only file (江苏 公开表五): a title with a
 * bracketed qualifier stays a title, and a name cell is not joined to the
 * figure printed on the line after it. */
static void
test_plain_cells_apart (void)
{
  g_autoptr (BpDocument) doc = cleaned_corpus ("fnrows/jiangsu-plain-function.txt");
  const BpLine *title = line_covering (doc, 68);
  g_assert_cmpstr (title->text, ==, "财政拨款支出预算表（功能科目）");
  g_assert_cmpint (bp_line_end_line (title), ==, 68);
  const BpLine *name = line_covering (doc, 164);
  g_assert_cmpstr (name->text, ==, "未归口管理的行政单位离退休");
  g_assert_cmpstr (line_covering (doc, 166)->text, ==, "271.45");
}

static void
test_tab_file_untouched (void)
{
  /* tab-separated extracts keep their cells and their line numbers */
  g_autoptr (BpDocument) doc = cleaned_corpus ("000_fe5e375999e3baca.txt");
  const BpLine *l = line_covering (doc, 110);
  g_assert_cmpint (l->line, ==, 110);
  g_assert_cmpstr (l->text, ==, bp_document_source_line (doc, 110));
  g_assert_true (l->flags & BP_LINE_TABLE_ROW);
  /* "部门/单位：…" and "单位：元" are two header lines, not one sentence */
  g_assert_cmpint (bp_line_end_line (line_covering (doc, 105)), ==, 105);
}

/* Form feeds, a running header on every page, "- N -" footers. */
static void
test_page_furniture (void)
{
  g_autofree char *text = corpus_text ("004_d9984b4f4bf4cec5.txt");
  g_auto (GStrv) src = g_strsplit (text, "\n", 61);
  GString *doc_text = g_string_new (NULL);
  int page = 1;
  for (int i = 0; i < 60; i++)
    {
      if (i % 15 == 0)
        g_string_append_printf (doc_text, "%s中共武汉市青山区委办公室2023年度部门决算\n",
                                i ? "\f" : "");
      g_string_append_printf (doc_text, "%s\n", src[i]);
      if (i % 15 == 14)
        g_string_append_printf (doc_text, "- %d -\n", page++);
    }
  g_autoptr (BpDocument) doc = cleaned_bytes (doc_text->str, doc_text->len);
  g_string_free (doc_text, TRUE);
  int max_page = 0;
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      g_assert_null (strstr (l->text, "2023年度部门决算"));
      g_assert_false (g_str_has_prefix (l->text, "- "));
      max_page = MAX (max_page, bp_document_line_page (doc, l));
    }
  g_assert_cmpint (max_page, ==, 4);
  /* the sentence broken across the first page break is one line again:
   * source 15 (page 1) + 17 (page 2, after the header line 16) */
  const BpLine *l = line_covering (doc, 16 + 1);
  g_assert_nonnull (strstr (l->text, "区委及区委办公室文件和区直部委办局、各街和基层单位呈报区委"));
}

/* A table title repeated at the top of every page is not a running head:
 * the tables stage reads it as "the table continues". */
static void
test_repeated_title_kept (void)
{
  g_autofree char *text = corpus_text ("004_d9984b4f4bf4cec5.txt");
  g_auto (GStrv) src = g_strsplit (text, "\n", 200);
  GString *doc_text = g_string_new (NULL);
  for (int i = 169; i < 199; i++)
    {
      if ((i - 169) % 10 == 0)
        g_string_append_printf (doc_text, "%s2023年度收入决算表\n", i > 169 ? "\f" : "");
      g_string_append_printf (doc_text, "%s\n", src[i]);
    }
  g_autoptr (BpDocument) doc = cleaned_bytes (doc_text->str, doc_text->len);
  g_string_free (doc_text, TRUE);
  guint titles = 0;
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    titles += !strcmp (bp_document_line (doc, i)->text, "2023年度收入决算表");
  g_assert_cmpuint (titles, ==, 3);
}

static void
test_markup (void)
{
  g_autoptr (BpDocument) d0 = cleaned_corpus ("000_fe5e375999e3baca.txt");
  g_assert_cmpstr (line_covering (d0, 407)->text, ==,
                   "项目属性\t延续性项目 ☐ 新增性项目 ☐\t\t\t\t\t\t");
  g_autoptr (BpDocument) d1 = cleaned_corpus ("001_99a99fce1cd6da03.txt");
  g_assert_true (g_str_has_prefix (line_covering (d1, 451)->text, "项目属性\t延续性项目 ☑ 新增性项目 ☐"));
  g_assert_nonnull (strstr (line_covering (d1, 421)->text, "22 年\t23 年"));
  g_autoptr (BpDocument) d2 = cleaned_corpus ("002_43945480f961a537.txt");
  const char *cell = line_covering (d2, 551)->text;
  g_assert_null (strstr (cell, "<p>"));
  g_assert_true (g_str_has_prefix (cell, "部门职能概述\t一、主要职责 (一) 负责区委日常工作的处理"));
  /* Chinese angle brackets are text, not markup */
  g_autoptr (BpDocument) d4 = cleaned_corpus ("004_d9984b4f4bf4cec5.txt");
  g_assert_nonnull (strstr (line_covering (d4, 1084)->text, "落实党委<党组>国"));
  /* entities and invisible characters */
  g_autoptr (BpDocument) d = cleaned_bytes ("公务接待费&nbsp;0.11&#19975;元\xE2\x80\x8B，A&amp;B\n", -1);
  g_assert_cmpstr (line_covering (d, 1)->text, ==, "公务接待费 0.11万元，A&B");
}

static void
test_fullwidth (void)
{
  g_autoptr (BpDocument) d = cleaned_bytes (
      "2021 年度收入合计 ２０９２．１５ 万元，占 ６９．７４％。其中：财政拨款\n"
      "\n"
      "27 行＝（１＋２＋３＋４＋５＋６+7+8）行；1 栏各行＝（２＋３）栏各行\n"
      "\n"
      "政府采购品目 Ａ０２０１０１０４，合计１，２３４．５６元（含税）：详见附表\n", -1);
  g_assert_cmpstr (line_covering (d, 1)->text, ==,
                   "2021 年度收入合计 2092.15 万元，占 69.74%。其中：财政拨款");
  g_assert_cmpstr (line_covering (d, 3)->text, ==,
                   "27 行=(1+2+3+4+5+6+7+8)行；1 栏各行=(2+3)栏各行");
  g_assert_cmpstr (line_covering (d, 5)->text, ==,
                   "政府采购品目 A02010104，合计1,234.56元（含税）：详见附表");
}

/* 004's glued line 87, and the same glue hidden behind full-width digits,
 * a zero-width space, an entity, or a "（一）" label: split every time. */
static void
test_glued (void)
{
  g_autoptr (BpDocument) d = cleaned_bytes (
      "一、一般公共预算财政拨款收入 1 1132.98一、一般公共服务支出 32 939.82\n\n"
      "一、一般公共预算财政拨款收入 1 １１３２．９８一、一般公共服务支出 32 939.82\n\n"
      "一、一般公共预算财政拨款收入 1 1132.98\xE2\x80\x8B一、一般公共服务支出 32 939.82\n\n"
      "一、一般公共预算财政拨款收入 1 1132.98&#19968;、一般公共服务支出 32 939.82\n\n"
      "（一）基本支出 1 56.30（二）项目支出 2 12.00\n\n"
      "合计 1 1132.98 2 939.82 一般公共服务支出为 12.00一二三\n", -1);
  const char *split = "一、一般公共预算财政拨款收入 1 1132.98 一、一般公共服务支出 32 939.82";
  for (int ln = 1; ln <= 7; ln += 2)
    g_assert_cmpstr (line_covering (d, ln)->text, ==, split);
  g_assert_cmpstr (line_covering (d, 9)->text, ==, "（一）基本支出 1 56.30 （二）项目支出 2 12.00");
  /* "12.00一二三" is no row label (no 、): left alone */
  g_assert_nonnull (strstr (line_covering (d, 11)->text, "12.00一二三"));
}

/* sh-zynlksy 支出预算总表 (元): every figure keeps only its last separator;
 * the table's sums hold once the others are restored. A document that
 * also groups properly ("1,502,000") keeps "1502,000" as printed. */
static void
test_misplaced_commas (void)
{
  g_autoptr (BpDocument) d = cleaned_bytes (
      "208             社会保障和就业支出                  125360,898       23051,310      102309,588\n"
      "208   01        人力资源和社会保障管理事务              121748,642       19439,054      102309,588\n"
      "208   01   08   信息化建设                           283,586                       283,586\n"
      "                        合计           128138,600      25829,012     102309,588\n", -1);
  g_assert_nonnull (strstr (line_covering (d, 1)->text, " 125,360,898 "));
  g_assert_nonnull (strstr (line_covering (d, 1)->text, " 102,309,588"));
  g_assert_nonnull (strstr (line_covering (d, 3)->text, " 283,586 "));
  g_assert_nonnull (strstr (line_covering (d, 4)->text, " 25,829,012 "));
  g_autoptr (BpDocument) mixed = cleaned_bytes (
      "合计 1,502,000 1502,000 2502,000 3502,000\n", -1);
  g_assert_nonnull (strstr (line_covering (mixed, 1)->text, "1,502,000 1502,000"));
  g_autoptr (BpDocument) decimals = cleaned_bytes (
      "项目 45,003.535 1502,000.00 2502,000.00 3502,000.00\n", -1);
  g_assert_nonnull (strstr (line_covering (decimals, 1)->text, "45,003.535 1502,000.00"));
}

/* ---- options ------------------------------------------------------------------ */

static BpDocument *
cleaned_with (const char *rel, const char *const *options)
{
  BpDocument *doc = bp_harness_load_corpus (rel);
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stage ("cleanup", options, doc, NULL, &error));
  return doc;
}

static void
test_options (void)
{
  /* repairs off: "— 23 —" stays, 003's paragraphs stay broken */
  static const char *const keep[] = { "strip-page-numbers", "false", "join", "false", NULL };
  g_autoptr (BpDocument) d4 = cleaned_with ("004_d9984b4f4bf4cec5.txt", keep);
  g_assert_cmpstr (line_covering (d4, 1001)->text, ==, "— 23 —");
  g_autoptr (BpDocument) d3 = cleaned_with ("003_d6fb263bf47854f3.txt", keep);
  for (guint i = 0; i < bp_document_n_lines (d3); i++)
    {
      const BpLine *l = bp_document_line (d3, i);
      g_assert_cmpint (l->line, ==, bp_line_end_line (l));
    }
  /* a document's own page-number form */
  static const char *const own[] = { "page-patterns", "^共\\d+页之\\d+$", NULL };
  g_autoptr (BpDocument) d = bp_document_new_from_bytes ("p.txt",
      "一、部门主要职能\n共12页之3\n— 4 —\n", strlen ("一、部门主要职能\n共12页之3\n— 4 —\n"));
  g_autoptr (GError) error = NULL;
  g_assert_true (bp_harness_run_stage ("cleanup", own, d, NULL, &error));
  g_assert_cmpuint (bp_document_n_lines (d), ==, 2);   /* the default patterns are replaced */
  g_assert_cmpstr (bp_document_line (d, 1)->text, ==, "— 4 —");
  /* bad values are refused at init */
  static const char *const bad_re[] = { "page-patterns", "(unclosed", NULL };
  g_autoptr (BpDocument) e1 = bp_harness_load_corpus ("003_d6fb263bf47854f3.txt");
  g_assert_false (bp_harness_run_stage ("cleanup", bad_re, e1, NULL, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_USAGE);
  g_clear_error (&error);
  static const char *const bad_pct[] = { "join-percent", "150", NULL };
  g_assert_false (bp_harness_run_stage ("cleanup", bad_pct, e1, NULL, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_USAGE);
}

/* Every page-number form the default patterns name, each alone on a line
 * as pdftotext prints it, is dropped; a figure or a dated line is not. */
static void
test_page_number_forms (void)
{
  static const char text[] =
      "一、部门主要职能\n— 23 —\n- 5 -\n第 3 页\n第3页 共9页\n第 3 页/共 9 页\n"
      "3/9\nPage 3 of 9\n·12·\n• 7 •\n－ 8 －\n"
      "二、部门机构设置\n2023年\n1794.05\n3-5\n";
  g_autoptr (BpDocument) d = cleaned_bytes (text, -1);
  g_autoptr (GString) kept = g_string_new (NULL);
  for (guint i = 0; i < bp_document_n_lines (d); i++)
    g_string_append_printf (kept, "%s|", bp_document_line (d, i)->text);
  g_assert_cmpstr (kept->str, ==, "一、部门主要职能|二、部门机构设置|2023年|1794.05|3-5|");
}

/* ---- text damage ---------------------------------------------------------- */

typedef struct { const char *doc; int line; const char *rule; } Expected;

/* Every text-damage finding the corpus deserves, and nothing else: the
 * English words the gold files list, the unfilled template text, and the
 * "qq" a Shanghai document left as its reason. ("部门名称" left in 004 is the
 * validate stage's department.placeholder.) */
static const Expected expected_damage[] = {
  { "000_fe5e375999e3baca.txt", 73, "text.latin-word" },
  { "000_fe5e375999e3baca.txt", 83, "text.latin-word" },
  { "000_fe5e375999e3baca.txt", 354, "text.latin-word" },
  { "000_fe5e375999e3baca.txt", 750, "text.placeholder" },
  { "001_99a99fce1cd6da03.txt", 670, "text.placeholder" },
  { "002_43945480f961a537.txt", 556, "text.latin-word" },
  { "003_d6fb263bf47854f3.txt", 1576, "text.placeholder" },
  { "003_d6fb263bf47854f3.txt", 1592, "text.placeholder" },
  { "003_d6fb263bf47854f3.txt", 1594, "text.placeholder" },
  { "003_d6fb263bf47854f3.txt", 1648, "text.placeholder" },
  { "thirdparty/sh-pt-wanli-2025-budget.txt", 899, "text.latin-word" },
};

static void
test_damage_whole_corpus (void)
{
  GString *want = g_string_new (NULL), *got = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (expected_damage); i++)
    g_string_append_printf (want, "%s:%d:%s\n", expected_damage[i].doc,
                            expected_damage[i].line, expected_damage[i].rule);
  for (guint d = 0; d < G_N_ELEMENTS (all_docs); d++)
    {
      g_autoptr (BpDocument) doc = cleaned_corpus (all_docs[d]);
      for (guint i = 0; i < doc->findings->len; i++)
        {
          BpFinding *f = g_ptr_array_index (doc->findings, i);
          g_assert_cmpint (f->severity, ==, BP_SEVERITY_WARNING);
          g_string_append_printf (got, "%s:%d:%s\n", all_docs[d], f->line, f->rule);
        }
    }
  g_assert_cmpstr (got->str, ==, want->str);
  g_string_free (want, TRUE);
  g_string_free (got, TRUE);
}

static void
test_damage_messages (void)
{
  g_autoptr (BpDocument) doc = cleaned_corpus ("000_fe5e375999e3baca.txt");
  BpFinding *f = g_ptr_array_index (doc->findings, 0);
  g_assert_cmpstr (f->category, ==, "text");
  g_assert_nonnull (strstr (f->message, "“research”"));
  g_assert_nonnull (strstr (f->message, "进行调查 research，"));
  f = g_ptr_array_index (doc->findings, 1);
  g_assert_nonnull (strstr (f->message, "日常工作 and 国防动员"));
}

/* Latin that belongs in Chinese text stays silent; a slip does not. */
static void
test_damage_inline (void)
{
  g_autoptr (BpDocument) ok = cleaned_bytes (
      "详见 http://www.qingshan.gov.cn 公开的PDF文件，GDP增长5%。\n"
      "数量指标 提高用能效率 ≤325kgce/p 完成 20\n"
      "政府采购品目 A02010104 台式计算机，面积 120 m²，里程 35 km。\n"
      "正向指标（即目标值为≥X，得分=权重*B/A）\n"
      "人工智能（artificial intelligence）应用。\n"
      "第ii项，另见第iv条。\n", -1);
  g_assert_cmpuint (ok->findings->len, ==, 0);
  g_autoptr (BpDocument) bad = cleaned_bytes (
      "一是加强 budget 管理，二是XX万元用于××项目。\n"
      "\n"
      "（二）公务用车购置及运行费××万元，主要原因是qq。\n"
      "\n"
      "（三）公务接待费xx万元。\n", -1);
  /* one finding per kind and line; "xx" is a placeholder, not a word */
  g_assert_cmpuint (bad->findings->len, ==, 5);
  BpFinding *f = g_ptr_array_index (bad->findings, 3);
  g_assert_cmpstr (f->rule, ==, "text.placeholder");
  g_assert_cmpint (f->line, ==, 3);
  f = g_ptr_array_index (bad->findings, 4);
  g_assert_cmpstr (f->rule, ==, "text.placeholder");
  g_assert_cmpint (f->line, ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cleanup/encoding/gb18030-crlf", test_gb18030_crlf);
  g_test_add_func ("/cleanup/join/lone-figure", test_lone_figure_not_joined);
  g_test_add_func ("/cleanup/join/lone-separated-figure", test_lone_separated_figure_not_joined);
  g_test_add_func ("/cleanup/encoding/utf16", test_utf16_bom);
  g_test_add_func ("/cleanup/encoding/bom-fullwidth-cr", test_bom_fullwidth_cr);
  g_test_add_func ("/cleanup/encoding/invalid-bytes", test_invalid_bytes);
  g_test_add_func ("/cleanup/encoding/above-unicode", test_code_point_above_unicode);
  g_test_add_func ("/cleanup/encoding/bad-input", test_bad_input);
  g_test_add_func ("/cleanup/encoding/emptied-lines", test_emptied_lines);
  g_test_add_func ("/cleanup/encoding/huge-line", test_huge_line);
  g_test_add_func ("/cleanup/layout/join-003", test_join_003);
  g_test_add_func ("/cleanup/layout/join-capped", test_join_capped);
  g_test_add_func ("/cleanup/layout/collapse-spaces", test_collapse_spaces);
  g_test_add_func ("/cleanup/layout/join-note-and-punct", test_join_note_and_punct);
  g_test_add_func ("/cleanup/layout/tables-stay-004", test_tables_stay_004);
  g_test_add_func ("/cleanup/layout/tab-file", test_tab_file_untouched);
  g_test_add_func ("/cleanup/layout/plain-cells-apart", test_plain_cells_apart);
  g_test_add_func ("/cleanup/layout/page-furniture", test_page_furniture);
  g_test_add_func ("/cleanup/layout/repeated-title-kept", test_repeated_title_kept);
  g_test_add_func ("/cleanup/options", test_options);
  g_test_add_func ("/cleanup/page/number-forms", test_page_number_forms);
  g_test_add_func ("/cleanup/page/lone-numbers-at-breaks", test_lone_numbers_at_breaks);
  g_test_add_func ("/cleanup/repair/markup", test_markup);
  g_test_add_func ("/cleanup/repair/fullwidth", test_fullwidth);
  g_test_add_func ("/cleanup/repair/glued", test_glued);
  g_test_add_func ("/cleanup/layout/cents-split", test_cents_split);
  g_test_add_func ("/cleanup/layout/whole-split", test_whole_split);
  g_test_add_func ("/cleanup/layout/stacked-figure", test_stacked_figure);
  g_test_add_func ("/cleanup/misplaced-commas", test_misplaced_commas);
  g_test_add_func ("/cleanup/damage/whole-corpus", test_damage_whole_corpus);
  g_test_add_func ("/cleanup/damage/messages", test_damage_messages);
  g_test_add_func ("/cleanup/damage/inline", test_damage_inline);
  return g_test_run ();
}
