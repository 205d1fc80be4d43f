/* Tests of the pdf stage on PDFs drawn here with cairo: rows on a
 * character grid (the default, lines = spaces); with lines = tabs a
 * table's rows come out tab-separated and aligned to its columns (an empty
 * cell stays an empty field), sideways pages read the same, figures that touch are
 * two cells, every page starts with a form feed and every line knows its
 * page; and the bad PDFs: damaged, encrypted, without pages, scanned. */
#include "config.h"

#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include "tests/harness.h"

#define PAGE_W 595.0
#define PAGE_H 842.0
#define FONT 10.0

/* Text at X, or ending at X when RIGHT (figures align right). */
typedef struct {
  double x, y;
  const char *text;
  gboolean right;
} Text;

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int len)
{
  g_byte_array_append (closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws TEXTS (NULL text: end of page) turned by QUARTERS right angles. */
static void
draw_page (cairo_t *cr, const Text *texts, int quarters)
{
  cairo_save (cr);
  if (quarters == 1)
    {
      cairo_translate (cr, PAGE_W, 0);
      cairo_rotate (cr, G_PI / 2);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                          CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, FONT);
  for (const Text *t = texts; t->text; t++)
    {
      /* CJK text (three-byte UTF-8) in a CJK font, the rest in DejaVu */
      gboolean cjk = FALSE;
      for (const char *p = t->text; *p; p++)
        cjk |= ((guchar) *p & 0xF0) == 0xE0;
      cairo_select_font_face (cr, cjk ? "Noto Sans CJK SC" : "DejaVu Sans",
                              CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_text_extents_t ext;
      cairo_text_extents (cr, t->text, &ext);
      cairo_move_to (cr, t->right ? t->x - ext.x_advance : t->x, t->y);
      cairo_show_text (cr, t->text);
    }
  cairo_restore (cr);
}

/* A grey square standing for a scanned page. */
static void
draw_image (cairo_t *cr)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 16, 16);
  cairo_t *ic = cairo_create (img);
  cairo_set_source_rgb (ic, 0.5, 0.5, 0.5);
  cairo_paint (ic);
  cairo_destroy (ic);
  cairo_save (cr);
  cairo_set_source_surface (cr, img, 100, 100);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}

/* A PDF of N pages: page I shows PAGES[I] (NULL: a scanned image). */
static BpDocument *
make_pdf (const Text *const *pages, guint n, int quarters)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream (append_bytes, bytes,
                                                            PAGE_W, PAGE_H);
  cairo_t *cr = cairo_create (s);
  for (guint i = 0; i < n; i++)
    {
      if (pages[i])
        draw_page (cr, pages[i], quarters);
      else
        draw_image (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (s);
  cairo_surface_destroy (s);
  BpDocument *doc = bp_document_new_from_bytes ("drawn.pdf", bytes->data, bytes->len);
  g_byte_array_unref (bytes);
  return doc;
}

static BpDocument *
read_pdf_as (const Text *const *pages, guint n, int quarters, const char *lines)
{
  BpDocument *doc = make_pdf (pages, n, quarters);
  const char *const options[] = { "lines", lines, NULL };
  GError *e = NULL;
  g_assert_true (bp_harness_run_stage ("pdf", options, doc, NULL, &e));
  g_assert_no_error (e);
  return doc;
}

/* The table rows tab-separated by column (lines = tabs). */
static BpDocument *
read_pdf (const Text *const *pages, guint n, int quarters)
{
  return read_pdf_as (pages, n, quarters, "tabs");
}

/* Source line N without a leading form feed. */
static const char *
line_text (const BpDocument *doc, int n)
{
  const char *s = bp_document_source_line (doc, n);
  g_assert_nonnull (s);
  return *s == '\f' ? s + 1 : s;
}

/* A title, a header, rows with an empty cell, figures right-aligned. */
static const Text table_page[] = {
  { 60, 60, "Budget summary", 0 },
  { 60, 90, "Item", 0 }, { 330, 90, "2025", 1 }, { 450, 90, "2026", 1 },
  { 60, 105, "Total", 0 }, { 330, 105, "1,234.00", 1 }, { 450, 105, "2,000.00", 1 },
  { 60, 120, "Staff", 0 }, { 450, 120, "500.00", 1 },
  { 60, 135, "Goods", 0 }, { 330, 135, "734.00", 1 }, { 450, 135, "1,500.00", 1 },
  { 0, 0, NULL, 0 }
};

static void
check_table_lines (const BpDocument *doc)
{
  g_assert_cmpstr (line_text (doc, 1), ==, "Budget summary");
  g_assert_cmpstr (line_text (doc, 2), ==, "Item\t2025\t2026");
  g_assert_cmpstr (line_text (doc, 3), ==, "Total\t1,234.00\t2,000.00");
  g_assert_cmpstr (line_text (doc, 4), ==, "Staff\t\t500.00");
  g_assert_cmpstr (line_text (doc, 5), ==, "Goods\t734.00\t1,500.00");
}

static void
test_table (void)
{
  const Text *pages[] = { table_page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  check_table_lines (doc);
  g_assert_cmpuint (bp_document_n_lines (doc), ==, bp_document_n_source_lines (doc));
  g_assert_cmpstr (bp_document_get_meta (doc, "pdf.pages"), ==, "1");
}

static void
test_sideways (void)
{
  const Text *pages[] = { table_page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 1);
  check_table_lines (doc);
}

/* Two figures of neighbouring columns that touch, and one whose glyphs
 * sit apart ("151.99 2000": one figure of six decimals). "2000" is 25.4
 * points wide in DejaVu Sans at 10 points. */
static void
test_touching_figures (void)
{
  static const Text page[] = {
    { 60, 90, "Total", 0 }, { 360, 90, "161,603.34147,502.38", 1 },
    { 60, 105, "Staff", 0 }, { 300, 105, "1,200.00", 1 }, { 360, 105, "7.50", 1 },
    { 60, 120, "Goods", 0 }, { 270.6, 120, "151.99", 1 }, { 300, 120, "2000", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "Total\t161,603.34\t147,502.38");
  g_assert_cmpstr (line_text (doc, 2), ==, "Staff\t1,200.00\t7.50");
  g_assert_cmpstr (line_text (doc, 3), ==, "Goods\t151.992000\t");
}

/* A classification code one space before or after a label is a cell of
 * its own (two spaces: 6.4 points, under a cell gap of one glyph height). */
static void
test_code_before_name (void)
{
  static const Text page[] = {
    { 60, 90, "2050302  General", 0 }, { 300, 90, "10.00", 1 },
    { 60, 105, "2050303  Other", 0 }, { 300, 105, "4.00", 1 },
    { 60, 120, "Reception  50206", 0 }, { 300, 120, "2.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "2050302\tGeneral\t10.00");
  g_assert_cmpstr (line_text (doc, 2), ==, "2050303\tOther\t4.00");
  g_assert_cmpstr (line_text (doc, 3), ==, "Reception\t50206\t2.00");
}

/* Two columns of code-and-name ("50101-工资奖金津补贴 30101-基本工资")
 * one space apart are two cells. */
static void
test_code_name_columns (void)
{
  static const Text page[] = {
    { 60, 90, "50201-Office  30201-Paper", 0 }, { 300, 90, "1.00", 1 },
    { 60, 105, "50201-Office  30202-Print", 0 }, { 300, 105, "2.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "50201-Office\t30201-Paper\t1.00");
  g_assert_cmpstr (line_text (doc, 2), ==, "50201-Office\t30202-Print\t2.00");
}

/* A code in 类/款/项 columns is one code, and the emptied columns go; a
 * name wrapped round its row's figures joins that row; a code at the foot
 * of its cell joins the row above. */
static void
test_split_rows (void)
{
  static const Text page[] = {
    { 60, 90, "205", 0 }, { 95, 90, "03", 0 }, { 125, 90, "02", 0 },
    { 160, 90, "Vocational", 0 }, { 300, 90, "9.00", 1 },
    { 60, 105, "205", 0 }, { 95, 105, "03", 0 }, { 160, 105, "School", 0 },
    { 300, 105, "5.00", 1 },
    { 160, 120, "Other", 0 },
    { 60, 127, "2050399", 0 }, { 300, 127, "3.00", 1 },
    { 160, 134, "spending", 0 },
    { 160, 150, "Training", 0 }, { 300, 150, "1.00", 1 },
    { 60, 157, "2050803", 0 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "2050302\tVocational\t9.00");
  g_assert_cmpstr (line_text (doc, 2), ==, "20503\tSchool\t5.00");
  g_assert_cmpstr (line_text (doc, 3), ==, "2050399\tOther spending\t3.00");
  g_assert_cmpstr (line_text (doc, 4), ==, "2050803\tTraining\t1.00");
  g_assert_null (bp_document_source_line (doc, 5));
}

/* Headings without borders: a heading centred over three columns stands
 * over the middle one and moves to the first; headings of tall cells,
 * printed halfway down, move to the top heading row. */
static void
test_headings (void)
{
  static const Text page[] = {
    { 290, 80, "Basic", 0 },
    { 60, 90, "Code", 0 }, { 200, 90, "Total", 1 }, { 450, 90, "Project", 1 },
    { 260, 100, "Sub", 1 }, { 320, 100, "Staff", 1 }, { 380, 100, "Goods", 1 },
    { 60, 115, "201", 0 }, { 200, 115, "9.00", 1 }, { 260, 115, "5.00", 1 },
    { 320, 115, "3.00", 1 }, { 380, 115, "2.00", 1 }, { 450, 115, "4.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "Code\tTotal\tBasic\t\t\tProject");
  g_assert_cmpstr (line_text (doc, 2), ==, "\t\tSub\tStaff\tGoods\t");
  g_assert_cmpstr (line_text (doc, 3), ==, "201\t9.00\t5.00\t3.00\t2.00\t4.00");
}

/* A total row set letter-spaced ("合    计": one-character cells) is the
 * fullest row with figures but does not say where the columns are: the
 * two name columns come from the other rows, and the spaced label stands
 * in one of them. (DejaVu has no CJK glyphs: Greek letters stand in.) */
static void
test_letter_spaced_total (void)
{
  static const Text page[] = {
    { 60, 90, "A-Office", 0 }, { 200, 90, "B-Paper", 0 },
    { 400, 90, "1.00", 1 }, { 460, 90, "1.00", 1 },
    { 60, 105, "A-Office", 0 }, { 200, 105, "B-Print", 0 },
    { 400, 105, "2.00", 1 }, { 520, 105, "2.00", 1 },
    { 220, 120, "\316\243", 0 }, { 250, 120, "\316\224", 0 },
    { 400, 120, "3.00", 1 }, { 460, 120, "1.00", 1 }, { 520, 120, "2.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "A-Office\tB-Paper\t1.00\t1.00\t");
  g_assert_cmpstr (line_text (doc, 2), ==, "A-Office\tB-Print\t2.00\t\t2.00");
  g_assert_cmpstr (line_text (doc, 3), ==, "\t\316\243 \316\224\t3.00\t1.00\t2.00");
}

/* Two cells of one row never share a column: a heading over a column no
 * figure fills ("Hosting") is a column of its own, not joined to its
 * neighbour's heading. */
static void
test_heading_over_empty_column (void)
{
  static const Text page[] = {
    { 60, 90, "Total", 0 }, { 150, 90, "Abroad", 0 }, { 250, 90, "Hosting", 0 },
    { 350, 90, "Cars", 0 },
    { 100, 105, "44.00", 1 }, { 190, 105, "29.00", 1 }, { 390, 105, "15.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "Total\tAbroad\tHosting\tCars");
  g_assert_cmpstr (line_text (doc, 2), ==, "44.00\t29.00\t\t15.00");
}

/* A unit's name and its items' codes in two columns that take turns are
 * one column (as a text extract starts both at the line's start), though
 * the heading over the names ("Unit") would be a column of its own. */
static void
test_label_columns_take_turns (void)
{
  static const Text page[] = {
    { 60, 90, "Unit", 0 }, { 150, 90, "Code", 0 }, { 220, 90, "Name", 0 },
    { 400, 90, "Total", 1 },
    { 60, 105, "Dept", 0 }, { 400, 105, "10.00", 1 },
    { 150, 120, "201", 0 }, { 220, 120, "General", 0 }, { 400, 120, "10.00", 1 },
    { 150, 135, "20108", 0 }, { 220, 135, "Audit", 0 }, { 400, 135, "10.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "Unit Code\tName\tTotal");
  g_assert_cmpstr (line_text (doc, 2), ==, "Dept\t\t10.00");
  g_assert_cmpstr (line_text (doc, 3), ==, "201\tGeneral\t10.00");
}

/* Headings of two groups of two columns ("收入 | | 支出 |" over 项目,
 * 预算数 twice) stay over the first column of their group. */
static void
test_headings_of_two_groups (void)
{
  static const Text page[] = {
    { 62, 78, "In", 0 }, { 270, 78, "Out", 0 },
    { 60, 90, "Item", 0 }, { 200, 90, "Amount", 1 }, { 260, 90, "Item", 0 },
    { 420, 90, "Amount", 1 },
    { 60, 105, "Pay", 0 }, { 200, 105, "5.00", 1 }, { 260, 105, "Staff", 0 },
    { 420, 105, "5.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "In\t\tOut\t");
  g_assert_cmpstr (line_text (doc, 2), ==, "Item\tAmount\tItem\tAmount");
  g_assert_cmpstr (line_text (doc, 3), ==, "Pay\t5.00\tStaff\t5.00");
}

/* The last line of a wrapped heading ("capital" under "Less", "spent
 * paid" under "Unit Upper") sits nearer the heading than the first row
 * of figures, whose cells below it are empty: it stays in the heading. */
static void
test_heading_tail (void)
{
  static const Text page[] = {
    { 60, 90, "Code", 0 }, { 200, 90, "Total", 1 }, { 330, 90, "Less", 1 },
    { 330, 100, "capital", 1 },
    { 60, 118, "201", 0 }, { 200, 118, "9.00", 1 },
    { 60, 133, "202", 0 }, { 200, 133, "5.00", 1 }, { 330, 133, "5.00", 1 },
    { 0, 0, NULL, 0 }
  };
  static const Text page2[] = {
    { 60, 90, "Code", 0 }, { 200, 90, "Total", 1 }, { 330, 90, "Unit", 1 },
    { 400, 90, "Upper", 1 },
    { 330, 100, "spent", 1 }, { 400, 100, "paid", 1 },
    { 60, 118, "201", 0 }, { 200, 118, "9.00", 1 },
    { 60, 133, "202", 0 }, { 200, 133, "5.00", 1 }, { 330, 133, "2.00", 1 },
    { 400, 133, "3.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page, page2 };
  g_autoptr (BpDocument) doc = read_pdf (pages, 2, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "Code\tTotal\tLess");
  g_assert_cmpstr (line_text (doc, 2), ==, "\t\tcapital");
  g_assert_cmpstr (line_text (doc, 3), ==, "201\t9.00\t");
  g_assert_cmpstr (line_text (doc, 6), ==, "\t\tspent\tpaid");
  g_assert_cmpstr (line_text (doc, 7), ==, "201\t9.00\t\t");
}

/* A name's second half ("insurance", "缴费支出") printed nearer the next
 * row does not start that row's name when the next name begins with a
 * code: it ends the name above. */
static void
test_name_tail_before_code (void)
{
  static const Text page[] = {
    { 60, 90, "2080505-Pension", 0 }, { 200, 90, "B-Pay", 0 }, { 400, 90, "1.00", 1 },
    { 60, 100, "insurance", 0 },
    { 60, 106, "2080506-Annuity", 0 }, { 200, 106, "B-Pay", 0 }, { 400, 106, "2.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "2080505-Pension insurance\tB-Pay\t1.00");
  g_assert_cmpstr (line_text (doc, 2), ==, "2080506-Annuity\tB-Pay\t2.00");
}

/* An item without a figure at the table's row pitch above the total
 * ("二十六、债务发行费用支出" over "本年支出合计 | 9.00") is a row of
 * its own: a total's whole label is no name's second half. */
static void
test_item_above_total (void)
{
  static const Text page[] = {
    { 60, 90, "一、收入", 0 }, { 200, 90, "9.00", 1 },
    { 240, 90, "一、支出", 0 }, { 450, 90, "9.00", 1 },
    { 240, 105, "二、其他支出", 0 },
    { 60, 120, "本年收入合计", 0 }, { 200, 120, "9.00", 1 },
    { 240, 120, "本年支出合计", 0 }, { 450, 120, "9.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 2), ==, "\t\t二、其他支出\t");
  g_assert_cmpstr (line_text (doc, 3), ==, "本年收入合计\t9.00\t本年支出合计\t9.00");
}

/* A table printed again under its headings on the next page, where only
 * the 支出 side has rows left, keeps all the columns of the page before:
 * the headings (letter-spaced, so they cannot say where the columns are)
 * are the same glyph for glyph. */
static void
test_repeated_headings (void)
{
  static const Text heads[] = {
    { 100, 80, "收", 0 }, { 130, 80, "入", 0 }, { 300, 80, "支", 0 }, { 330, 80, "出", 0 },
    { 60, 95, "项", 0 }, { 90, 95, "目", 0 }, { 200, 95, "预算数", 1 },
    { 240, 95, "项", 0 }, { 270, 95, "目", 0 }, { 450, 95, "预算数", 1 },
  };
  Text page1[G_N_ELEMENTS (heads) + 7], page2[G_N_ELEMENTS (heads) + 5];
  static const Text rows1[] = {
    { 60, 110, "一、收入", 0 }, { 200, 110, "9.00", 1 },
    { 240, 110, "一、教育支出", 0 }, { 450, 110, "4.00", 1 },
    { 0, 0, NULL, 0 }
  };
  static const Text rows2[] = {
    { 240, 110, "二、住房支出", 0 }, { 450, 110, "5.00", 1 },
    { 240, 125, "三、其他支出", 0 }, { 450, 125, "0.00", 1 },
    { 0, 0, NULL, 0 }
  };
  memcpy (page1, heads, sizeof heads);
  memcpy (page1 + G_N_ELEMENTS (heads), rows1, sizeof rows1);
  memcpy (page2, heads, sizeof heads);
  memcpy (page2 + G_N_ELEMENTS (heads), rows2, sizeof rows2);
  const Text *pages[] = { page1, page2 };
  g_autoptr (BpDocument) doc = read_pdf (pages, 2, 0);
  g_assert_cmpstr (line_text (doc, 3), ==, "一、收入\t9.00\t一、教育支出\t4.00");
  g_assert_cmpstr (line_text (doc, 6), ==, "\t\t二、住房支出\t5.00");
  g_assert_cmpstr (line_text (doc, 7), ==, "\t\t三、其他支出\t0.00");
}

/* Two headings side by side, each centred in a narrow column, their gap
 * a little under a cell gap ("经费财政 因公出国费"), head two columns:
 * the cell is cut where its halves stand over different columns. */
static void
test_headings_side_by_side (void)
{
  static const Text page[] = {
    { 40, 90, "项目", 0 }, { 100, 90, "经费财政", 0 }, { 149, 90, "因公出国费", 0 },
    { 40, 105, "合计", 0 }, { 140, 105, "17.70", 1 }, { 200, 105, "14.85", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "项目\t经费财政\t因公出国费");
  g_assert_cmpstr (line_text (doc, 2), ==, "合计\t17.70\t14.85");
}

/* A letter-spaced total ("合 计") starts its own row: the heading row
 * above it, though it would fit, does not join it. */
static void
test_spaced_total_starts_row (void)
{
  static const Text page[] = {
    { 60, 90, "一级", 0 }, { 200, 90, "二级", 0 }, { 300, 90, "三级", 0 },
    { 60, 104, "合", 0 }, { 90, 104, "计", 0 }, { 450, 104, "9.00", 1 },
    { 60, 118, "A-Office", 0 }, { 200, 118, "B-Law", 0 }, { 300, 118, "C-Aid", 0 },
    { 450, 118, "9.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "一级\t二级\t三级\t");
  g_assert_cmpstr (line_text (doc, 2), ==, "合 计\t\t\t9.00");
}

/* A heading printed across a group of columns, nearly touching the
 * headings below it ("Cars purchase and running" over Sub, Buy, Run),
 * belongs to the table and stands in the group's first column. */
static void
test_heading_across_group (void)
{
  static const Text page[] = {
    { 60, 50, "Spending table", 0 },
    { 300, 82, "Cars purchase and running cost", 0 },
    { 60, 92, "Item", 0 }, { 200, 92, "Total", 1 }, { 330, 92, "Sub", 1 },
    { 400, 92, "Buy", 1 }, { 470, 92, "Run", 1 },
    { 60, 107, "All", 0 }, { 200, 107, "9.00", 1 }, { 330, 107, "5.00", 1 },
    { 400, 107, "2.00", 1 }, { 470, 107, "3.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "Spending table");
  g_assert_cmpstr (line_text (doc, 2), ==, "\t\tCars purchase and running cost\t\t");
  g_assert_cmpstr (line_text (doc, 3), ==, "Item\tTotal\tSub\tBuy\tRun");
}

/* 北京's 预算09表: 公务接待费 centred in its tall cell, higher than the
 * 小计 of the car group beside it; no row fills the car columns. */
static void
test_heading_beside_tall_cell (void)
{
  static const Text page[] = {
    { 300, 150, "公务用车购置及运行维护费", 0 },
    { 43, 167, "“三公”经费财政", 0 }, { 133, 167, "因公出国（境）费", 0 },
    { 53, 179, "拨款预算总额", 0 }, { 169, 179, "用", 0 }, { 239, 173, "公务接待费", 0 },
    { 345, 185, "小计", 0 }, { 410, 185, "公务用车购置费", 0 },
    { 501, 185, "公务用车运行维护费", 0 },
    { 127, 215, "17.700000", 1 }, { 218, 215, "14.850000", 1 }, { 308, 215, "2.850000", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  guint n = bp_document_n_source_lines (doc);
  g_assert_cmpstr (line_text (doc, 1), ==, "\t\t公务接待费\t公务用车购置及运行维护费\t\t");
  g_assert_cmpstr (line_text (doc, (int) n), ==, "17.700000\t14.850000\t2.850000\t\t\t");
  g_assert_cmpstr (line_text (doc, (int) n - 1), ==, "拨款预算总额\t用\t\t小计\t公务用车购置费\t公务用车运行维护费");
}

/* 重庆's 表八: a letter-spaced 小 计 next to 公务用车购置费, over a column
 * no row fills: two columns, not one. */
static void
test_spaced_heading_beside_empty_column (void)
{
  static const Text page[] = {
    { 50, 170, "合", 0 }, { 71, 170, "计", 0 }, { 150, 170, "公务接待费", 0 },
    { 250, 180, "小", 0 }, { 271, 180, "计", 0 }, { 331, 180, "公务用车购置费", 0 },
    { 433, 180, "公务用车运行费", 0 },
    { 85, 215, "858.78", 1 }, { 190, 215, "203.65", 1 }, { 317, 215, "447.63", 1 },
    { 521, 215, "447.63", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  guint n = bp_document_n_source_lines (doc);
  g_assert_cmpstr (line_text (doc, (int) n), ==, "858.78\t203.65\t447.63\t\t447.63");
  g_assert_cmpstr (line_text (doc, (int) n - 1), ==, "\t\t小 计\t公务用车购置费\t公务用车运行费");
}

/* A row numbering the columns (栏次 1 2 3), each number centred over
 * its column, clear of the right-aligned figures: the numbers stand in
 * the figures' columns instead of making columns of their own. */
static void
test_column_numbers (void)
{
  static const Text page[] = {
    { 60, 90, "Item", 0 }, { 200, 90, "Total", 1 }, { 300, 90, "Basic", 1 },
    { 400, 90, "Project", 1 },
    { 60, 105, "Col", 0 }, { 150, 105, "1", 0 }, { 250, 105, "2", 0 }, { 350, 105, "3", 0 },
    { 60, 120, "All", 0 }, { 200, 120, "1,668.14", 1 }, { 300, 120, "746.39", 1 },
    { 400, 120, "921.75", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 2), ==, "Col\t1\t2\t3");
  g_assert_cmpstr (line_text (doc, 3), ==, "All\t1,668.14\t746.39\t921.75");
}

/* The heading of a tall cell ("Total", printed halfway down) goes up to
 * the top heading row, not into a caption row above the headings
 * ("Unit: A", "Unit: yuan"). */
static void
test_caption_above_headings (void)
{
  static const Text page[] = {
    { 60, 60, "Unit: A", 0 }, { 450, 60, "Unit: yuan", 0 },
    { 60, 80, "Item", 0 }, { 290, 80, "Budget", 0 },
    { 200, 95, "Total", 1 },
    { 300, 110, "Basic", 1 }, { 400, 110, "Project", 1 },
    { 60, 125, "All", 0 }, { 200, 125, "9.00", 1 }, { 300, 125, "5.00", 1 },
    { 400, 125, "4.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "Unit: A\t\t\tUnit: yuan");
  g_assert_cmpstr (line_text (doc, 2), ==, "Item\tTotal\tBudget\t");
}

/* A table going on over the page: rows at the top of the next page,
 * without headings, keep the columns of the page before (an empty Basic
 * cell stays empty, the figure stays under Project); the 款 and 项
 * columns dropped there are dropped here too. */
static void
test_table_over_pages (void)
{
  static const Text page1[] = {
    { 60, 90, "\347\261\273", 0 }, { 95, 90, "\346\254\276", 0 },
    { 125, 90, "\351\241\271", 0 }, { 160, 90, "Name", 0 },
    { 300, 90, "Total", 1 }, { 400, 90, "Basic", 1 }, { 500, 90, "Project", 1 },
    { 60, 105, "205", 0 }, { 95, 105, "03", 0 }, { 125, 105, "02", 0 },
    { 160, 105, "Vocational", 0 }, { 300, 105, "9.00", 1 }, { 400, 105, "5.00", 1 },
    { 500, 105, "4.00", 1 },
    { 0, 0, NULL, 0 }
  };
  static const Text page2[] = {
    { 60, 90, "2050399", 0 }, { 160, 90, "Other", 0 },
    { 300, 90, "4.00", 1 }, { 500, 90, "4.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page1, page2 };
  g_autoptr (BpDocument) doc = read_pdf (pages, 2, 0);
  g_assert_cmpstr (line_text (doc, 2), ==, "2050302\tVocational\t9.00\t5.00\t4.00");
  g_assert_cmpstr (line_text (doc, 3), ==, "2050399\tOther\t4.00\t\t4.00");
}

static const Text prose_page[] = {
  { 60, 60, "Part two", 0 }, { 60, 80, "The budget grew by ten percent.", 0 },
  { 0, 0, NULL, 0 }
};

static void
test_pages (void)
{
  const Text *pages[] = { table_page, prose_page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 2, 0);
  const char *second = bp_document_source_line (doc, 6);
  g_assert_cmpstr (second, ==, "\fPart two");
  g_assert_cmpint (bp_document_page_at_line (doc, 5), ==, 1);
  g_assert_cmpint (bp_document_page_at_line (doc, 6), ==, 2);
  g_assert_cmpint (bp_document_page_at_line (doc, 7), ==, 2);
  BpLine *last = bp_document_line (doc, bp_document_n_lines (doc) - 1);
  g_assert_cmpint (bp_document_line_page (doc, last), ==, 2);
  g_assert_cmpuint (doc->findings->len, ==, 0);
}

/* Page 2 of 3 is an image without text: read, and reported. */
static void
test_partly_scanned (void)
{
  const Text *pages[] = { table_page, NULL, prose_page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 3, 0);
  g_assert_cmpuint (bp_harness_count_findings (doc, "text.no_text_layer", 6,
                                               BP_SEVERITY_WARNING), ==, 1);
  BpFinding *f = g_ptr_array_index (doc->findings, 0);
  g_assert_nonnull (strstr (f->message, "page 2"));
  g_assert_cmpint (bp_document_page_at_line (doc, 6), ==, 2);
  g_assert_cmpstr (line_text (doc, 7), ==, "Part two");
  g_assert_cmpint (bp_document_page_at_line (doc, 7), ==, 3);
}

static void
expect_error (BpDocument *doc, const char *words)
{
  GError *e = NULL;
  g_assert_false (bp_harness_run_stage ("pdf", NULL, doc, NULL, &e));
  g_assert_error (e, BP_ERROR, BP_ERROR_INPUT);
  if (!strstr (e->message, words))
    g_error ("'%s' does not say '%s'", e->message, words);
  g_error_free (e);
}

static void
test_scanned (void)
{
  const Text *pages[] = { NULL, NULL };
  g_autoptr (BpDocument) doc = make_pdf (pages, 2, 0);
  expect_error (doc, "no text layer");
  GError *e = NULL;
  g_autoptr (BpDocument) again = make_pdf (pages, 2, 0);
  g_assert_false (bp_harness_run_stage ("pdf", NULL, again, NULL, &e));
  g_assert_nonnull (strstr (e->message, "pages 1-2"));
  g_error_free (e);
}

static void
test_damaged (void)
{
  static const char junk[] = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n"
                             "garbage without an xref or a trailer\n";
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("junk.pdf", junk, sizeof junk - 1);
  expect_error (doc, "damaged");
}

/* A well-formed PDF whose page tree is empty. */
static void
test_no_pages (void)
{
  static const char *const objs[] = {
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
  };
  GString *s = g_string_new ("%PDF-1.4\n");
  gsize offsets[2];
  for (int i = 0; i < 2; i++)
    {
      offsets[i] = s->len;
      g_string_append (s, objs[i]);
    }
  gsize xref = s->len;
  g_string_append (s, "xref\n0 3\n0000000000 65535 f \n");
  for (int i = 0; i < 2; i++)
    g_string_append_printf (s, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (s, "trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%"
                          G_GSIZE_FORMAT "\n%%%%EOF\n", xref);
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("empty.pdf", s->str, s->len);
  g_string_free (s, TRUE);
  GError *e = NULL;
  g_assert_false (bp_harness_run_stage ("pdf", NULL, doc, NULL, &e));
  g_assert_error (e, BP_ERROR, BP_ERROR_INPUT);
  g_assert_true (strstr (e->message, "no pages") || strstr (e->message, "damaged"));
  g_error_free (e);
}

/* Made with qpdf --encrypt (a user password, 256-bit AES), committed. */
static void
test_encrypted (void)
{
  g_autofree char *path = bp_harness_srcpath ("plugins/pdf/encrypted.pdf");
  GError *e = NULL;
  g_autoptr (BpDocument) doc = bp_document_load (path, &e);
  g_assert_no_error (e);
  expect_error (doc, "encrypted");
}

static void
test_text_passes (void)
{
  static const char text[] = "一、部门主要职能\n收入\t100.00\n";
  g_autoptr (BpDocument) doc = bp_document_new_from_bytes ("a.txt", text, sizeof text - 1);
  GError *e = NULL;
  g_assert_true (bp_harness_run_stage ("pdf", NULL, doc, NULL, &e));
  g_assert_cmpstr (doc->text, ==, text);
  g_assert_null (bp_document_get_meta (doc, "pdf.pages"));
}

/* Character column where the first NEEDLE of line N ends, or starts. */
static int
column_of_text (const BpDocument *doc, int n, const char *needle, gboolean end)
{
  const char *s = line_text (doc, n);
  const char *at = strstr (s, needle);
  g_assert_nonnull (at);
  if (end)
    at += strlen (needle);
  return (int) g_utf8_pointer_to_offset (s, at);
}

/* The default lines = spaces: every row on one character grid, as
 * pdftotext -layout writes it, so that the tables stage's readers by
 * position see where each cell stands: labels start in one column,
 * right-aligned figures end in one, a heading stands over its figures,
 * and cells are two spaces apart at least (one space is a word gap). */
static void
test_spaced (void)
{
  const Text *pages[] = { table_page };
  g_autoptr (BpDocument) doc = read_pdf_as (pages, 1, 0, "spaces");
  g_assert_cmpstr (line_text (doc, 1), ==, "Budget summary");
  g_assert_cmpstr (line_text (doc, 2), ==, "");   /* the gap under the title */
  g_assert_cmpstr (line_text (doc, 3), ==, "");
  for (int n = 4; n <= 7; n++)
    {
      g_assert_null (strchr (line_text (doc, n), '\t'));
      g_assert_cmpint (column_of_text (doc, n, n == 4 ? "Item" : n == 5 ? "Total"
                                              : n == 6 ? "Staff" : "Goods", FALSE), ==, 0);
    }
  int right = column_of_text (doc, 5, "2,000.00", TRUE);
  g_assert_cmpint (column_of_text (doc, 4, "2026", TRUE), ==, right);
  g_assert_cmpint (column_of_text (doc, 6, "500.00", TRUE), ==, right);
  g_assert_cmpint (column_of_text (doc, 7, "1,500.00", TRUE), ==, right);
  int middle = column_of_text (doc, 5, "1,234.00", TRUE);
  g_assert_cmpint (column_of_text (doc, 4, "2025", TRUE), ==, middle);
  g_assert_cmpint (column_of_text (doc, 7, "734.00", TRUE), ==, middle);
  g_assert_cmpint (column_of_text (doc, 5, "2,000.00", FALSE), >=, middle + 2);
  g_assert_cmpuint (bp_document_n_source_lines (doc), ==, 7);
  g_assert_cmpuint (bp_document_n_lines (doc), ==, 5);       /* empty lines are no lines */
}

/* A wide label (glyphs twice a figure's width, as Chinese characters are)
 * takes fewer characters than its width in figures: the columns right of
 * it stay aligned and close, as in pdftotext -layout. */
static void
test_spaced_wide_label (void)
{
  static const Text page[] = {
    { 60, 90, "MMMMMMMMMMMMMMMM", 0 }, { 330, 90, "1,234.00", 1 }, { 450, 90, "2,000.00", 1 },
    { 60, 105, "1", 0 }, { 330, 105, "34.00", 1 }, { 450, 105, "500.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf_as (pages, 1, 0, "spaces");
  /* 85 points from the label's end to the figure: 13 figures' widths
   * (19 characters if the label counted its width in figures) */
  g_assert_cmpint (column_of_text (doc, 1, "1,234.00", FALSE), <=, 16 + 15);
  g_assert_cmpint (column_of_text (doc, 1, "1,234.00", TRUE), ==,
                   column_of_text (doc, 2, "34.00", TRUE));
  g_assert_cmpint (column_of_text (doc, 1, "2,000.00", TRUE), ==,
                   column_of_text (doc, 2, "500.00", TRUE));
}

/* On the grid a row is a line of its own, as in pdftotext -layout: the
 * figures of a row whose name wraps, centred in the cell between the
 * name's two lines, stand on a line between them (not on the line of the
 * code and the name's tail, which they are a little nearer), and a gap of
 * a line between rows is an empty line. */
static void
test_spaced_rows (void)
{
  static const Text page[] = {
    { 60, 90, "Pension total", 0 }, { 330, 90, "4,820.62", 1 },
    { 100, 120, "Basic pension", 0 },
    { 330, 125.4, "3,043.23", 1 },
    { 60, 131, "2080505", 0 }, { 100, 131, "insurance", 0 },
    { 60, 160, "2080506", 0 }, { 100, 160, "Annuity", 0 }, { 330, 160, "1,777.39", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf_as (pages, 1, 0, "spaces");
  g_assert_true (g_str_has_prefix (line_text (doc, 1), "Pension total"));
  g_assert_cmpstr (line_text (doc, 2), ==, "");
  g_assert_cmpstr (line_text (doc, 3), ==, "");
  g_assert_true (g_str_has_suffix (line_text (doc, 4), "pension"));
  g_assert_null (strstr (line_text (doc, 4), "3,043.23"));
  g_autofree char *figure = g_strdup (line_text (doc, 5));
  g_assert_cmpstr (g_strchug (figure), ==, "3,043.23");
  g_assert_true (g_str_has_prefix (line_text (doc, 6), "2080505"));
  g_assert_null (strstr (line_text (doc, 6), "3,043.23"));
  g_assert_cmpstr (line_text (doc, 7), ==, "");
}

/* Each word of a table's cell stands where its glyphs are, as pdftotext
 * -layout places words: over columns of figures the grid gives a
 * character per figure's width, and a heading row's words a word gap
 * apart ("Ш" as wide as a Chinese character, twice a figure: as in
 * "一般公共预 政府性基金预") keep their places over the figures instead of
 * following each other one space apart, a character left of their place
 * for each character before them. */
static void
test_spaced_words (void)
{
  static const Text page[] = {
    { 60, 100, "Item", 0 }, { 200, 100, "ШШШШШШ ШШШШШШ", 0 },
    { 60, 114, "Staff", 0 }, { 265, 114, "123,456.00", 1 }, { 345, 114, "123,456.00", 1 },
    { 60, 128, "Goods", 0 }, { 265, 128, "234,567.00", 1 }, { 345, 128, "234,567.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf_as (pages, 1, 0, "spaces");
  const char *top = line_text (doc, 1);
  int first = column_of_text (doc, 1, "Ш", FALSE);
  int second = (int) g_utf8_pointer_to_offset (top, g_utf8_strrchr (top, -1, ' ') + 1);
  g_assert_cmpint (second, >=, first + 6 + 3);
  g_assert_true (g_str_has_suffix (top, "ШШШШШШ"));
  /* the same words in a title, outside a table: one space */
  static const Text title[] = { { 200, 100, "ШШШШШШ ШШШШШШ", 0 }, { 0, 0, NULL, 0 } };
  const Text *title_pages[] = { title };
  g_autoptr (BpDocument) plain = read_pdf_as (title_pages, 1, 0, "spaces");
  g_assert_cmpstr (line_text (plain, 1), ==, "ШШШШШШ ШШШШШШ");
}

/* A label that touches the figure before it (the figure right-aligned in
 * its cell, the next column's label at its left edge: cq-xcb's
 * "39,238.43一、本年支出") is a cell of its own. */
static void
test_figure_touching_label (void)
{
  static const Text page[] = {
    { 60, 100, "Revenue", 0 }, { 250, 100, "39,238.43", 1 }, { 250, 100, "Spending", 0 },
    { 450, 100, "41,958.18", 1 },
    { 60, 115, "Grants", 0 }, { 250, 115, "36,208.43", 1 }, { 250, 115, "Services", 0 },
    { 450, 115, "22,006.16", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { page };
  g_autoptr (BpDocument) doc = read_pdf (pages, 1, 0);
  g_assert_cmpstr (line_text (doc, 1), ==, "Revenue\t39,238.43\tSpending\t41,958.18");
  g_autoptr (BpDocument) spaced = read_pdf_as (pages, 1, 0, "spaces");
  g_assert_nonnull (strstr (line_text (spaced, 2), "36,208.43  Services"));
}

/* A table over two pages on the grid: the first page's headings stand in
 * the gaps between its columns and narrow them on that page's grid; the
 * second page, rows only, continues the table and keeps the first page's
 * grid, so its figures end in the same columns. */
static void
test_spaced_table_over_pages (void)
{
  static const Text first[] = {
    { 60, 100, "Item", 0 }, { 200, 100, "ШШШШ", 0 }, { 300, 100, "ШШШШШШШШ", 0 },
    { 60, 114, "Total", 0 }, { 250, 114, "1,234.00", 1 }, { 400, 114, "2,000.00", 1 },
    { 60, 128, "Staff", 0 }, { 250, 128, "734.00", 1 }, { 400, 128, "1,500.00", 1 },
    { 0, 0, NULL, 0 }
  };
  static const Text second[] = {
    { 60, 100, "Goods", 0 }, { 250, 100, "500.00", 1 }, { 400, 100, "500.00", 1 },
    { 60, 114, "Rent", 0 }, { 250, 114, "100.00", 1 }, { 400, 114, "100.00", 1 },
    { 0, 0, NULL, 0 }
  };
  const Text *pages[] = { first, second };
  g_autoptr (BpDocument) doc = read_pdf_as (pages, 2, 0, "spaces");
  int n = 1;
  while (!strstr (line_text (doc, n), "Goods"))
    n++;
  g_assert_cmpint (column_of_text (doc, n, "500.00", TRUE), ==,
                   column_of_text (doc, 2, "1,234.00", TRUE));
  g_assert_cmpint (column_of_text (doc, n + 1, "Rent", FALSE), ==, 0);
  const char *rent = line_text (doc, n + 1);
  g_assert_true (g_str_has_suffix (rent, "100.00"));
  g_assert_cmpint ((int) g_utf8_strlen (rent, -1), ==, column_of_text (doc, 2, "2,000.00", TRUE));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf/table", test_table);
  g_test_add_func ("/pdf/spaced", test_spaced);
  g_test_add_func ("/pdf/spaced-wide-label", test_spaced_wide_label);
  g_test_add_func ("/pdf/spaced-rows", test_spaced_rows);
  g_test_add_func ("/pdf/spaced-words", test_spaced_words);
  g_test_add_func ("/pdf/spaced-table-over-pages", test_spaced_table_over_pages);
  g_test_add_func ("/pdf/sideways", test_sideways);
  g_test_add_func ("/pdf/touching-figures", test_touching_figures);
  g_test_add_func ("/pdf/figure-touching-label", test_figure_touching_label);
  g_test_add_func ("/pdf/code-before-name", test_code_before_name);
  g_test_add_func ("/pdf/code-name-columns", test_code_name_columns);
  g_test_add_func ("/pdf/split-rows", test_split_rows);
  g_test_add_func ("/pdf/headings", test_headings);
  g_test_add_func ("/pdf/letter-spaced-total", test_letter_spaced_total);
  g_test_add_func ("/pdf/heading-over-empty-column", test_heading_over_empty_column);
  g_test_add_func ("/pdf/label-columns-take-turns", test_label_columns_take_turns);
  g_test_add_func ("/pdf/headings-of-two-groups", test_headings_of_two_groups);
  g_test_add_func ("/pdf/heading-tail", test_heading_tail);
  g_test_add_func ("/pdf/name-tail-before-code", test_name_tail_before_code);
  g_test_add_func ("/pdf/spaced-total-starts-row", test_spaced_total_starts_row);
  g_test_add_func ("/pdf/item-above-total", test_item_above_total);
  g_test_add_func ("/pdf/heading-across-group", test_heading_across_group);
  g_test_add_func ("/pdf/headings-side-by-side", test_headings_side_by_side);
  g_test_add_func ("/pdf/column-numbers", test_column_numbers);
  g_test_add_func ("/pdf/heading-beside-tall-cell", test_heading_beside_tall_cell);
  g_test_add_func ("/pdf/spaced-heading-beside-empty-column",
                   test_spaced_heading_beside_empty_column);
  g_test_add_func ("/pdf/caption-above-headings", test_caption_above_headings);
  g_test_add_func ("/pdf/table-over-pages", test_table_over_pages);
  g_test_add_func ("/pdf/repeated-headings", test_repeated_headings);
  g_test_add_func ("/pdf/pages", test_pages);
  g_test_add_func ("/pdf/partly-scanned", test_partly_scanned);
  g_test_add_func ("/pdf/bad/scanned", test_scanned);
  g_test_add_func ("/pdf/bad/damaged", test_damaged);
  g_test_add_func ("/pdf/bad/no-pages", test_no_pages);
  g_test_add_func ("/pdf/bad/encrypted", test_encrypted);
  g_test_add_func ("/pdf/text-passes", test_text_passes);
  return g_test_run ();
}
