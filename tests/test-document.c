/* The document model: loading, line splitting, tables, fields, findings. */
#include "config.h"

#include <string.h>
#include "harness.h"

static void
test_line_ends (void)
{
  const char data[] = "a\r\nb\rc\n\nd";
  g_autoptr (BpDocument) d = bp_document_new_from_bytes ("x.txt", data, sizeof data - 1);
  g_assert_cmpstr (d->encoding, ==, "UTF-8");
  g_assert_cmpuint (bp_document_n_source_lines (d), ==, 5);
  g_assert_cmpstr (bp_document_source_line (d, 3), ==, "c");
  g_assert_cmpstr (bp_document_source_line (d, 4), ==, "");
  g_assert_cmpstr (bp_document_source_line (d, 5), ==, "d");
  g_assert_null (bp_document_source_line (d, 6));
  g_assert_null (bp_document_source_line (d, 0));
  /* Seeded lines map to source lines; the blank one is a flag on the next. */
  g_assert_cmpuint (bp_document_n_lines (d), ==, 4);
  BpLine *l = bp_document_line (d, 3);
  g_assert_cmpint (l->line, ==, 5);
  g_assert_cmpstr (l->text, ==, "d");
  g_assert_true (l->flags & BP_LINE_BLANK_BEFORE);
  g_assert_false (bp_document_line (d, 2)->flags & BP_LINE_BLANK_BEFORE);
}

/* Lines live in the document's line store (issue 18: no allocation per
 * line): an unchanged source line's text is the source buffer's own, a
 * changed one is copied; lines made from a replaced text stay readable. */
static void
test_line_store (void)
{
  const char data[] = "一、概况\n  收入 12.5  \n";
  g_autoptr (BpDocument) d = bp_document_new_from_bytes ("x.txt", data, sizeof data - 1);
  const BpLine *first = bp_document_line (d, 0);
  g_assert_true (first->text == bp_document_source_line (d, 1));   /* not a copy */
  bp_document_clear_lines (d);
  BpLine *l = bp_document_add_line (d, "收入 12.5", strlen ("收入 12.5"), 2, 2);
  g_assert_cmpuint (bp_document_n_lines (d), ==, 1);
  g_assert_cmpstr (l->text, ==, "收入 12.5");
  g_assert_true (l->text != bp_document_source_line (d, 2) + 2);   /* "收入 12.5  ": not its end */
  BpLine *tail = bp_document_add_line (d, bp_document_source_line (d, 1) + 3,
                                       strlen (bp_document_source_line (d, 1) + 3), 1, 1);
  g_assert_true (tail->text == bp_document_source_line (d, 1) + 3);  /* a line's tail */
  bp_document_clear_lines (d);
  g_assert_cmpuint (bp_document_n_lines (d), ==, 0);
  const char *source = bp_document_source_line (d, 1);
  BpLine *own = bp_document_add_line (d, source, strlen (source), 1, 1);
  g_assert_true (own->text == source);
  /* replacing the text keeps the lines made from the old one readable */
  bp_document_set_text (d, g_strdup ("new"), NULL);
  g_assert_cmpstr (own->text, ==, "一、概况");
  g_assert_cmpstr (bp_document_line (d, 0)->text, ==, "一、概况");
  g_assert_cmpstr (bp_document_source_line (d, 1), ==, "new");
}

/* Lines in blocks: line I is found in constant time across blocks, and a
 * line's address never moves while more are added. */
static void
test_line_blocks (void)
{
  g_autoptr (BpDocument) d = bp_document_new ();
  BpLine *l0 = bp_document_add_line (d, "first", 5, 1, 1);
  for (int i = 1; i < 3 * (int) BP_LINE_BLOCK + 7; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", i);
      bp_document_add_line (d, text, strlen (text), i + 1, i + 1)->flags = BP_LINE_TOC;
    }
  g_assert_cmpuint (bp_document_n_lines (d), ==, 3 * BP_LINE_BLOCK + 7);
  g_assert_true (bp_document_line (d, 0) == l0);
  g_assert_cmpstr (l0->text, ==, "first");
  g_assert_cmpstr (bp_document_line (d, BP_LINE_BLOCK)->text, ==, "1024");
  g_assert_cmpint (bp_document_line (d, 3 * BP_LINE_BLOCK + 6)->line, ==, 3 * BP_LINE_BLOCK + 7);
  g_assert_cmpuint (bp_document_line (d, 2 * BP_LINE_BLOCK + 1)->flags, ==, BP_LINE_TOC);
  g_assert_cmpuint (sizeof (BpLine), ==, sizeof (char *) + 8);   /* 16 on 64 bits */
}

/* A line's span (end_line - line) fits 24 bits: the setter refuses more
 * and keeps the line as it was; so does the document. */
static void
test_line_span (void)
{
  g_autoptr (BpDocument) d = bp_document_new ();
  BpLine *l = bp_document_add_line (d, "a", 1, 10, 10 + BP_LINE_MAX_SPAN);
  g_assert_nonnull (l);
  g_assert_cmpint (bp_line_end_line (l), ==, 10 + BP_LINE_MAX_SPAN);
  g_assert_false (bp_line_set_end_line (l, 11 + BP_LINE_MAX_SPAN));
  g_assert_cmpint (bp_line_end_line (l), ==, 10 + BP_LINE_MAX_SPAN);
  g_assert_true (bp_line_set_end_line (l, 3));   /* before it: one line */
  g_assert_cmpint (bp_line_end_line (l), ==, 10);
  l->flags |= BP_LINE_HEADING;
  l->flags |= BP_LINE_BLANK_BEFORE;
  g_assert_cmpuint (l->flags, ==, BP_LINE_HEADING | BP_LINE_BLANK_BEFORE);
  g_assert_cmpint (bp_line_end_line (l), ==, 10);
  g_test_expect_message ("budgetpipe", G_LOG_LEVEL_CRITICAL, "*MAX_SPAN*");
  g_assert_null (bp_document_add_line (d, "b", 1, 1, 2 + BP_LINE_MAX_SPAN));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (bp_document_n_lines (d), ==, 1);
}

/* The load's lines are made when first read: a stage that clears them
 * first never has them made; a reader gets what the load seeded, pages
 * too. */
static void
test_lines_pending (void)
{
  const char data[] = "一\n\f二\n三\n";
  g_autoptr (BpDocument) d = bp_document_new_from_bytes ("x.txt", data, sizeof data - 1);
  g_assert_true (d->lines_pending);
  g_assert_null (d->line_store);
  bp_document_clear_lines (d);
  g_assert_false (d->lines_pending);
  g_assert_cmpuint (bp_document_n_lines (d), ==, 0);
  g_autoptr (BpDocument) e = bp_document_new_from_bytes ("x.txt", data, sizeof data - 1);
  g_assert_cmpint (bp_document_page_at_line (e, 3), ==, 2);
  g_assert_false (e->lines_pending);
  g_assert_cmpuint (bp_document_n_lines (e), ==, 3);
  g_assert_cmpint (bp_document_line_page (e, bp_document_line (e, 0)), ==, 1);
  /* a stage adding to the seeded lines adds after them */
  g_autoptr (BpDocument) f = bp_document_new_from_bytes ("x.txt", data, sizeof data - 1);
  bp_document_add_line (f, "四", strlen ("四"), 4, 4);
  g_assert_cmpuint (bp_document_n_lines (f), ==, 4);
  g_assert_cmpstr (bp_document_line (f, 3)->text, ==, "四");
}

/* Pages are the document's: where they start, by source line. */
static void
test_page_starts (void)
{
  g_autoptr (BpDocument) d = bp_document_new ();
  g_assert_cmpint (bp_document_page_at_line (d, 1), ==, 0);
  BpLine *a = bp_document_add_line (d, "a", 1, 3, 4);
  bp_document_set_page_from (d, 3, 1);
  BpLine *b = bp_document_add_line (d, "b", 1, 5, 5);
  bp_document_set_page_from (d, 5, 1);
  BpLine *c = bp_document_add_line (d, "c", 1, 9, 9);
  bp_document_set_page_from (d, 9, 2);
  bp_document_set_page_from (d, 7, 5);   /* out of order: ignored */
  g_assert_cmpint (bp_document_line_page (d, a), ==, 1);
  g_assert_cmpint (bp_document_line_page (d, b), ==, 1);
  g_assert_cmpint (bp_document_line_page (d, c), ==, 2);
  g_assert_cmpint (bp_document_page_at_line (d, 2), ==, 0);
  g_assert_cmpint (bp_document_page_at_line (d, 4), ==, 1);
  g_assert_cmpint (bp_document_page_at_line (d, 8), ==, 1);
  g_assert_cmpint (bp_document_page_at_line (d, 100), ==, 2);
  /* one page throughout: unknown, unless the pdf stage counted pages */
  g_autoptr (BpDocument) one = bp_document_new ();
  bp_document_add_line (one, "a", 1, 1, 1);
  bp_document_set_page_from (one, 1, 1);
  g_assert_cmpint (bp_document_page_at_line (one, 1), ==, 0);
  g_assert_cmpint (bp_document_line_page (one, bp_document_line (one, 0)), ==, 1);
  bp_document_set_meta (one, "pdf.pages", "1");
  g_assert_cmpint (bp_document_page_at_line (one, 1), ==, 1);
  /* cleared with the lines */
  bp_document_clear_lines (d);
  g_assert_cmpint (bp_document_page_at_line (d, 100), ==, 0);
}

/* Every 5th line's tail: lines of 250 to 345 bytes, on both sides of the
 * longest length the index keeps (longer ones are measured). */
static const char *
long_tail (int i)
{
  static char tail[400];
  memset (tail, 'x', sizeof tail - 1);
  tail[240 + i] = '\0';
  return tail;
}

/* Source lines are one buffer with an offset every few lines: every line,
 * read at random or in order, across line ends of all three kinds and
 * blank runs longer than the stride. */
static void
test_many_source_lines (void)
{
  GString *text = g_string_new (NULL);
  const char *ends[] = { "\n", "\r\n", "\r" };
  for (int i = 1; i <= 100; i++)
    {
      if (i % 7 != 0)   /* every 7th line blank */
        g_string_append_printf (text, "line %d%s", i, i % 5 ? "" : long_tail (i));
      /* a blank line's \n would make the \r before it one \r\n */
      g_string_append (text, i % 7 ? ends[i % 3] : "\r\n");
    }
  for (int i = 0; i < 40; i++)
    g_string_append_c (text, '\n');
  g_string_append (text, "last");
  g_autoptr (BpDocument) d = bp_document_new_from_bytes ("x.txt", text->str, text->len);
  g_assert_cmpuint (bp_document_n_source_lines (d), ==, 141);
  int n = 1;
  for (const char *s = bp_document_source_line (d, 1); s;
       s = bp_document_source_line_next (d, s), n++)
    {
      g_autofree char *want = n > 100 ? g_strdup (n == 141 ? "last" : "")
                              : n % 7 ? g_strdup_printf ("line %d%s", n, n % 5 ? "" : long_tail (n))
                              : g_strdup ("");
      g_assert_cmpstr (s, ==, want);
      g_assert_true (s == bp_document_source_line (d, n));
    }
  g_assert_cmpint (n, ==, 142);
  g_assert_cmpuint (bp_document_n_lines (d), ==, 100 - 100 / 7 + 1);
  g_string_free (text, TRUE);
}

/* A figure inside a joined paragraph keeps the source line it sits on. */
static void
test_source_line_of (void)
{
  const char data[] = "采购金额（以合同\n签订为准）为 372.34 万元，货物\n372.34 万元。\n";
  g_autoptr (BpDocument) d = bp_document_new_from_bytes ("x.txt", data, sizeof data - 1);
  BpLine *l = bp_line_new ("joined", 1, 3);
  g_assert_cmpint (bp_document_source_line_of (d, l, "372.34", 0), ==, 2);
  g_assert_cmpint (bp_document_source_line_of (d, l, "３７２．３４", 1), ==, 3);
  g_assert_cmpint (bp_document_source_line_of (d, l, "为372.34万元", 0), ==, 2);
  /* a token across a line break belongs to the line it starts on */
  g_assert_cmpint (bp_document_source_line_of (d, l, "合同签订", 0), ==, 1);
  g_assert_cmpint (bp_document_source_line_of (d, l, "货物372.34", 0), ==, 2);
  /* Not there, or asked for more occurrences than exist: the first line. */
  g_assert_cmpint (bp_document_source_line_of (d, l, "999", 0), ==, 1);
  g_assert_cmpint (bp_document_source_line_of (d, l, "372.34", 2), ==, 1);
  /* By offset in a stage's own copy of the joined text (spaces dropped). */
  const char *own = "采购金额(以合同签订为准)为372.34万元,货物372.34万元。";
  g_assert_cmpint (bp_document_source_line_at (d, l, own, strstr (own, "372") - own, "372.34"), ==, 2);
  const char *second = strstr (strstr (own, "372.34") + 1, "372.34");
  g_assert_cmpint (bp_document_source_line_at (d, l, own, second - own, "372.34"), ==, 3);
  BpLine *one = bp_line_new ("x", 3, 3);
  g_assert_cmpint (bp_document_source_line_of (d, one, "372.34", 0), ==, 3);
  /* The same lines of other documents and other texts (the join of the
   * last lines asked is kept): each its own answer. */
  for (int round = 0; round < 3; round++)
    {
      const char other[] = "372.34\n万元\n为\n";
      g_autoptr (BpDocument) o = bp_document_new_from_bytes ("y.txt", other, sizeof other - 1);
      g_assert_cmpint (bp_document_source_line_of (o, l, "372.34", 0), ==, 1);
      g_assert_cmpint (bp_document_source_line_of (d, l, "372.34", 0), ==, 2);
      g_assert_cmpint (bp_document_source_line_of (o, l, "为", 0), ==, 3);
      bp_document_set_text (o, g_strdup ("a\nb\n为 372.34"), NULL);
      g_assert_cmpint (bp_document_source_line_of (o, l, "372.34", 0), ==, 3);
    }
  bp_line_free (l);
  bp_line_free (one);
}

/* Input is decoded when it is UTF-8 as GLib reads it: mixes of ASCII,
 * ideographs, other characters and every kind of bad sequence (overlong,
 * surrogate, beyond U+10FFFF, cut short, at the end or not). */
static void
test_utf8_like_glib (void)
{
  static const char *const pieces[] = {
    "a", "\n", "预算", "é", "😀", "\xEF\xBC\x91", "\xE0\xA0\x80", "\xE0\x80\x80",
    "\xED\xA0\x80", "\xED\x9F\xBF", "\xF4\x90\x80\x80", "\xC0\xAF", "\xE4\xB8",
    "\xE5", "\x80", "\xFF", "\xF0\x9F\x98",
  };
  GRand *rand = g_rand_new_with_seed (18);
  for (int n = 0; n < 3000; n++)
    {
      g_autoptr (GString) text = bp_harness_random_text (rand, pieces, G_N_ELEMENTS (pieces),
                                                         1, 12, NULL);
      g_autoptr (BpDocument) d = bp_document_new_from_bytes ("u.txt", text->str, text->len);
      g_assert_cmpint (d->text != NULL, ==, g_utf8_validate_len (text->str, text->len, NULL));
    }
  g_rand_free (rand);
}

static void
test_bom_and_non_utf8 (void)
{
  const char bom[] = "\xEF\xBB\xBF收入\n";
  g_autoptr (BpDocument) a = bp_document_new_from_bytes ("a.txt", bom, sizeof bom - 1);
  g_assert_cmpstr (bp_document_source_line (a, 1), ==, "收入");
  /* GB18030 bytes for 收入 are not UTF-8: left for the cleanup stage. */
  const char gb[] = "\xca\xd5\xc8\xeb\n";
  g_autoptr (BpDocument) b = bp_document_new_from_bytes ("b.txt", gb, sizeof gb - 1);
  g_assert_null (b->text);
  g_assert_null (b->encoding);
  g_assert_cmpuint (bp_document_n_lines (b), ==, 0);
  g_assert_cmpuint (g_bytes_get_size (b->bytes), ==, 5);
  g_autoptr (BpDocument) empty = bp_document_new_from_bytes ("e.txt", "", 0);
  g_assert_cmpstr (empty->sha256, ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_load_corpus (void)
{
  g_autoptr (BpDocument) d = bp_harness_load_corpus ("000_fe5e375999e3baca.txt");
  g_assert_cmpstr (d->stem, ==, "000_fe5e375999e3baca");
  g_autofree char *want = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, d->bytes);
  g_assert_cmpstr (d->sha256, ==, want);   /* Nettle's or GLib's, the same */
  g_assert_cmpuint (g_bytes_get_size (d->bytes), ==, 49692);
  g_assert_true (strstr (bp_document_source_line (d, 103), "收支总表") != NULL);
}

static void
test_load_missing (void)
{
  GError *e = NULL;
  g_assert_null (bp_document_load ("/nonexistent/file.txt", &e));
  g_assert_nonnull (e);
  g_assert_nonnull (strstr (e->message, "/nonexistent/file.txt"));
  g_error_free (e);
}

static BpTable *
sample_table (BpDocument *d)
{
  BpTable *t = bp_document_add_table (d, "expense_summary", "支出总表", 142);
  GPtrArray *h = g_ptr_array_new ();
  g_ptr_array_add (h, g_strdup ("科目编码"));
  g_ptr_array_add (h, g_strdup ("科目名称"));
  g_ptr_array_add (h, g_strdup ("合 计"));
  g_ptr_array_add (h, g_strdup ("基本支出"));
  bp_table_add_header_row (t, h);
  BpRow *r = bp_table_add_row (t, 150);
  bp_row_add_cell (r, "201");
  bp_row_add_cell (r, "一般公共服务支出");
  bp_row_add_cell (r, "1,132.98");
  bp_row_add_cell (r, "");
  return t;
}

static void
test_tables (void)
{
  g_autoptr (BpDocument) d = bp_document_new ();
  BpTable *t = sample_table (d);
  g_assert_cmpstr (t->id, ==, "t1");
  g_assert_cmpint (t->end_line, ==, 150);
  g_assert_true (bp_document_find_table (d, "expense_summary") == t);
  g_assert_true (bp_document_find_table_by_id (d, "t1") == t);
  g_assert_null (bp_document_find_table (d, "three_public"));
  g_assert_true (bp_document_table_at_line (d, t->line) == t);
  g_assert_true (bp_document_table_at_line (d, 150) == t);
  g_assert_null (bp_document_table_at_line (d, 151));
  g_assert_null (bp_document_table_at_line (d, t->line - 1));
  g_assert_cmpint (bp_table_find_column (t, "合计"), ==, 2);
  g_assert_cmpint (bp_table_find_column (t, "项目支出"), ==, -1);
  BpRow *r = g_ptr_array_index (t->rows, 0);
  bp_fen v;
  g_assert_cmpint (bp_table_cell_amount (t, r, 2, &v), ==, BP_AMOUNT_OK);
  g_assert_cmpint (v, ==, 113298);
  t->unit = BP_UNIT_WANYUAN;
  g_assert_cmpint (bp_table_cell_amount (t, r, 2, &v), ==, BP_AMOUNT_OK);
  g_assert_cmpint (v, ==, 1132980000);
  g_assert_cmpint (bp_table_cell_amount (t, r, 3, &v), ==, BP_AMOUNT_EMPTY);
  g_assert_cmpint (bp_table_cell_amount (t, r, 9, &v), ==, BP_AMOUNT_EMPTY);
  BpTable *t2 = bp_document_add_table (d, NULL, "x", 200);
  g_assert_cmpstr (t2->id, ==, "t2");
  g_assert_cmpstr (t2->type, ==, "other");
}

static void
test_fields_and_findings (void)
{
  g_autoptr (BpDocument) d = bp_document_new ();
  bp_document_set_field (d, "expense.total", BP_FIELD_MONEY, 100, 10, "t1");
  BpField *f = bp_document_set_field (d, "expense.total", BP_FIELD_MONEY, 200, 20, NULL);
  g_assert_cmpuint (d->fields->len, ==, 1);
  g_assert_cmpint (f->value, ==, 200);
  g_assert_cmpstr (f->source, ==, "narrative");
  g_assert_null (bp_document_get_field (d, "income.total"));
  bp_document_add_finding (d, "a", "arithmetic", BP_SEVERITY_ERROR, 5, "t1", "x %d", 1);
  BpFinding *w = bp_document_add_finding (d, "b", "text", BP_SEVERITY_WARNING, 6, NULL, "y");
  bp_document_add_finding (d, "c", "arithmetic", BP_SEVERITY_INFO, 7, NULL, "z");
  bp_finding_set_values (w, "1.00", "2.00");
  g_assert_cmpstr (w->expected, ==, "1.00");
  g_assert_cmpuint (bp_document_count_findings (d, BP_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (bp_document_count_findings (d, BP_SEVERITY_WARNING), ==, 2);
  g_assert_cmpuint (bp_document_count_findings (d, BP_SEVERITY_INFO), ==, 3);
  BpSeverity s;
  g_assert_true (bp_severity_from_name ("warning", &s));
  g_assert_cmpint (s, ==, BP_SEVERITY_WARNING);
  g_assert_false (bp_severity_from_name ("fatal", &s));
  g_assert_cmpstr (bp_class_column_name (BP_CLASS_ECONOMIC, 1), ==, "personnel");
  g_assert_cmpstr (bp_class_column_name (BP_CLASS_FUNCTION, 2), ==, "project");
  g_assert_null (bp_class_column_name (BP_CLASS_FUNCTION, 3));
}

/* Column labels and row labels as the sinks name cells (000, 表1 and 表6). */
static void
test_labels (void)
{
  g_autoptr (BpDocument) doc = bp_document_new ();
  BpTable *t = bp_document_add_table (doc, "income_expense_summary", "收支总表", 103);
  const char *top[] = { "收 入", "", "支 出", "" }, *bottom[] = { "项 目", "预算数", "项 目", "预算数" };
  const char *const *hdr[] = { top, bottom };
  for (int h = 0; h < 2; h++)
    {
      GPtrArray *cells = g_ptr_array_new ();
      for (int c = 0; c < 4; c++)
        g_ptr_array_add (cells, g_strdup (hdr[h][c]));
      bp_table_add_header_row (t, cells);
    }
  BpRow *r = bp_table_add_row (t, 111);
  const char *cells[] = { "一、一般公共预算拨款收入", "15386196.87", "一、一般公共服务支出", "11916891.32" };
  for (int c = 0; c < 4; c++)
    bp_row_add_cell (r, cells[c]);
  g_autofree char *l1 = bp_table_column_label (t, 1), *l3 = bp_table_column_label (t, 3);
  g_assert_cmpstr (l1, ==, "收入/预算数");
  g_assert_cmpstr (l3, ==, "支出/预算数");
  g_assert_null (bp_table_column_label (t, 4));
  g_assert_null (bp_row_code (r));
  g_assert_cmpint (bp_row_label_column (r), ==, 0);
  g_assert_cmpint (bp_row_label_for (r, 1), ==, 0);
  g_assert_cmpint (bp_row_label_for (r, 3), ==, 2);

  BpRow *coded = bp_table_add_row (t, 241);
  const char *row[] = { "301", "工资福利支出", "11,458,939.55", "" };
  for (int c = 0; c < 4; c++)
    bp_row_add_cell (coded, row[c]);
  g_assert_cmpstr (bp_row_code (coded), ==, "301");
  g_assert_cmpint (bp_row_label_column (coded), ==, 1);
  g_assert_cmpint (bp_row_label_for (coded, 2), ==, 1);
  g_assert_cmpint (bp_row_label_for (coded, 1), ==, -1);

  /* bp_row_labels: the same answers for every column in one pass */
  const BpRow *const rows[] = { r, coded };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree int *labels = bp_row_labels (rows[i]);
      for (guint c = 0; c <= rows[i]->cells->len; c++)
        g_assert_cmpint (labels[c], ==, bp_row_label_for (rows[i], c));
    }
}

/* bp_document_drop_text: the text goes once the source lines hold it,
 * and the bytes with it when they were a view of it; the input's size and
 * bytes come back from the source lines (\n and \r\n told apart by the
 * \n a \r\n keeps), and set_text gets them back before replacing them.
 * A lone \r cannot be told from a \n: such a text keeps its bytes. */
static void
test_drop_text (void)
{
  static const char text[] = "一、概况\r\n收入\t1.00\n\n\f二、说明\r\n\r\n三\n";
  g_autoptr (BpDocument) d = bp_document_new_from_bytes ("t.txt", text, sizeof text - 1);
  g_assert_false (d->bytes && g_bytes_get_data (d->bytes, NULL) == d->text);
  g_free (d->text);   /* as bp_document_load leaves it: the bytes a view */
  g_bytes_unref (d->bytes);
  d->text = g_strdup (text);
  d->bytes = g_bytes_new_with_free_func (d->text, sizeof text - 1, NULL, NULL);
  guint n = bp_document_n_source_lines (d);
  bp_document_drop_text (d);
  g_assert_null (d->text);
  g_assert_null (d->bytes);
  g_assert_true (bp_document_has_form_feeds (d));
  g_assert_cmpuint (bp_document_input_size (d), ==, sizeof text - 1);
  g_autoptr (GBytes) back = bp_document_input_bytes (d);
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), text, sizeof text - 1);
  g_assert_cmpuint (bp_document_n_source_lines (d), ==, n);
  g_assert_cmpstr (bp_document_source_line (d, 2), ==, "收入\t1.00");
  bp_document_set_text (d, g_strdup ("x\n"), NULL);
  g_assert_cmpmem (g_bytes_get_data (d->bytes, NULL), g_bytes_get_size (d->bytes), text, sizeof text - 1);

  static const char lone[] = "a\rb\n";
  g_autoptr (BpDocument) l = bp_document_new_from_bytes ("l.txt", lone, sizeof lone - 1);
  g_free (l->text);
  g_bytes_unref (l->bytes);
  l->text = g_strdup (lone);
  l->bytes = g_bytes_new_with_free_func (l->text, sizeof lone - 1, NULL, NULL);
  bp_document_drop_text (l);
  g_assert_nonnull (l->text);
  g_assert_cmpuint (bp_document_input_size (l), ==, sizeof lone - 1);
}

/* The loader takes text exactly when GLib calls it valid UTF-8 (a NUL
 * makes it invalid): pieces of every kind a fast path reads, and of those
 * it must leave to GLib (overlong, surrogate, noncharacter, truncated,
 * stray continuation), drawn at random. */
static void
test_utf8_validity (void)
{
  static const char *const pieces[] = {
    "a", " ", "\n", "\r\n", "\t", "1", "", "\xE4\xB8\x80", "\xE9\xBF\xBF",
    "\xE3\x80\x82", "\xE1\x80\x80", "\xEC\xBF\xBF", "\xEF\xBC\x8C",
    "\xEF\xBD\x9E", "\xEF\xBF\xBE", "\xEF\xB7\x90", "\xEE\x80\x80",
    "\xC2\x80", "\xDF\xBF", "\xC3\xA9", "\xC1\xBF", "\xC0\x80", "\xE0\x80\x80",
    "\xE0\xA0\x80", "\xED\xA0\x80", "\xED\x9F\xBF", "\xF0\x9F\x98\x80",
    "\xF4\x90\x80\x80", "\x80", "\xBF", "\xE4\xB8", "\xE4", "\xC2", "\xEF\xBC",
    "\xE4\x41\x80", "\xE4\xB8\x41", "\xFF", "\xF8\x88\x80\x80\x80",
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (18);
  for (int round = 0; round < 4000; round++)
    {
      g_autoptr (GString) text = g_string_new ("x");
      int n = g_rand_int_range (rand, 0, 12);
      for (int i = 0; i < n; i++)
        {
          guint k = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces) + 1);
          if (k == G_N_ELEMENTS (pieces))
            g_string_append_c (text, '\0');
          else
            g_string_append (text, pieces[k]);
        }
      g_autoptr (BpDocument) d = bp_document_new_from_bytes ("u.txt", text->str, text->len);
      g_assert_cmpint (d->text != NULL, ==, g_utf8_validate_len (text->str, text->len, NULL));
    }
}

/* bp_document_page_at_line_known with bp_document_pages_known answers as
 * bp_document_page_at_line: one page or several, pdf.pages or not, lines
 * before, on and after every page start. */
static void
test_pages_known (void)
{
  static const char data[] = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
  for (int variant = 0; variant < 6; variant++)
    {
      g_autoptr (BpDocument) d = bp_document_new_from_bytes ("p.txt", data, sizeof data - 1);
      if (variant % 3 == 1)
        bp_document_set_page_from (d, 2, 1);
      if (variant % 3 == 2)
        {
          bp_document_set_page_from (d, 1, 1);
          bp_document_set_page_from (d, 4, 2);
          bp_document_set_page_from (d, 8, 3);
        }
      if (variant >= 3)
        bp_document_set_meta (d, "pdf.pages", "3");
      gboolean known = bp_document_pages_known (d);
      for (int line = -1; line <= 12; line++)
        g_assert_cmpint (bp_document_page_at_line_known (d, line, known), ==,
                         bp_document_page_at_line (d, line));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/document/line-ends", test_line_ends);
  g_test_add_func ("/document/line-store", test_line_store);
  g_test_add_func ("/document/line-blocks", test_line_blocks);
  g_test_add_func ("/document/line-span", test_line_span);
  g_test_add_func ("/document/lines-pending", test_lines_pending);
  g_test_add_func ("/document/page-starts", test_page_starts);
  g_test_add_func ("/document/drop-text", test_drop_text);
  g_test_add_func ("/document/many-source-lines", test_many_source_lines);
  g_test_add_func ("/document/bom-and-non-utf8", test_bom_and_non_utf8);
  g_test_add_func ("/document/source-line-of", test_source_line_of);
  g_test_add_func ("/document/utf8-like-glib", test_utf8_like_glib);
  g_test_add_func ("/document/load-corpus", test_load_corpus);
  g_test_add_func ("/document/load-missing", test_load_missing);
  g_test_add_func ("/document/tables", test_tables);
  g_test_add_func ("/document/labels", test_labels);
  g_test_add_func ("/document/fields-and-findings", test_fields_and_findings);
  g_test_add_func ("/document/utf8-validity", test_utf8_validity);
  g_test_add_func ("/document/pages-known", test_pages_known);
  return g_test_run ();
}
