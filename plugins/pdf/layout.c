/* pdf: one page's glyph boxes to lines. Rows by baseline, cells at wide
 * gaps, and the rows of a table aligned to its columns, so that a table
 * comes out tab-separated with its empty cells in place, the shape the
 * tables stage reads best. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

/* A word gap inside a cell: where its text is cut, and the gap's extent. */
typedef struct {
  gsize at;          /* byte offset of the space in the cell's text */
  double x0, x1;
} Gap;

typedef struct {
  double x0, x1;
  GString *text;
  GArray *gaps;      /* Gap, left to right; NULL when none */
} Cell;

typedef struct {
  double y0, y1, h;  /* h: the row's median glyph height */
  GArray *cells;     /* Cell, left to right */
  int block;         /* table block index, -1 for a plain line */
} Row;

typedef struct {
  double x0, x1;
} Span;

/* A table block ends at a vertical gap of this many row heights. */
#define BLOCK_BREAK_GAP 4.0

static double
centre_y (const PdfGlyph *g)
{
  return (g->y0 + g->y1) / 2;
}

/* ---- upright ----------------------------------------------------------- */

enum { RUN_RIGHT, RUN_DOWN, RUN_LEFT, RUN_UP };

/* Which way the text runs: the direction most steps between neighbouring
 * glyphs of one reading line take. */
static int
run_direction (GArray *glyphs)
{
  guint votes[4] = { 0 };
  for (guint i = 1; i < glyphs->len; i++)
    {
      const PdfGlyph *a = &g_array_index (glyphs, PdfGlyph, i - 1);
      const PdfGlyph *b = &g_array_index (glyphs, PdfGlyph, i);
      if (a->reading_line != b->reading_line)
        continue;
      double dx = (b->x0 + b->x1 - a->x0 - a->x1) / 2, dy = centre_y (b) - centre_y (a);
      if (fabs (dx) >= fabs (dy))
        votes[dx >= 0 ? RUN_RIGHT : RUN_LEFT]++;
      else
        votes[dy >= 0 ? RUN_DOWN : RUN_UP]++;
    }
  int best = RUN_RIGHT;
  for (int d = 1; d < 4; d++)
    if (votes[d] > votes[best])
      best = d;
  return best;
}

/* Rotates every box so the text runs left to right (y still down);
 * returns the direction the text ran. */
static int
make_upright (GArray *glyphs)
{
  int dir = run_direction (glyphs);
  if (dir == RUN_RIGHT)
    return dir;
  for (guint i = 0; i < glyphs->len; i++)
    {
      PdfGlyph *g = &g_array_index (glyphs, PdfGlyph, i);
      double x0 = g->x0, y0 = g->y0, x1 = g->x1, y1 = g->y1;
      switch (dir)
        {
        case RUN_DOWN:  /* (x, y) -> (y, -x) */
          g->x0 = y0, g->x1 = y1, g->y0 = -x1, g->y1 = -x0;
          break;
        case RUN_UP:    /* (x, y) -> (-y, x) */
          g->x0 = -y1, g->x1 = -y0, g->y0 = x0, g->y1 = x1;
          break;
        default:        /* (x, y) -> (-x, -y) */
          g->x0 = -x1, g->x1 = -x0, g->y0 = -y1, g->y1 = -y0;
          break;
        }
    }
  return dir;
}

/* ---- rows and cells ---------------------------------------------------- */

static int
compare_centre_y (const void *a, const void *b)
{
  double d = centre_y (a) - centre_y (b);
  return d < 0 ? -1 : d > 0;
}

static int
compare_x0 (const void *a, const void *b)
{
  const PdfGlyph *ga = *(PdfGlyph *const *) a, *gb = *(PdfGlyph *const *) b;
  return ga->x0 < gb->x0 ? -1 : ga->x0 > gb->x0;
}

static int
compare_double (const void *a, const void *b)
{
  double d = *(const double *) a - *(const double *) b;
  return d < 0 ? -1 : d > 0;
}

static double
median_height (PdfGlyph **g, guint n)
{
  double *h = g_new (double, n);
  for (guint i = 0; i < n; i++)
    h[i] = g[i]->y1 - g[i]->y0;
  qsort (h, n, sizeof *h, compare_double);
  double m = h[n / 2];
  g_free (h);
  return m > 0 ? m : 1;
}

/* Some producers print a glyph twice (fake bold): the same character at
 * nearly the same place is one glyph. */
static gboolean
overprint (const PdfGlyph *a, const PdfGlyph *b)
{
  return a->c == b->c && fabs (a->x0 - b->x0) < (a->x1 - a->x0) * 0.3;
}

typedef enum { CUT_JOIN, CUT_SPACE, CUT_CELL } Cut;

/* How glyph I joins the one before it, by the gap alone: a gap of cell_gap
 * heights is a cell boundary; so is a smaller gap where poppler's reading
 * order had already put the two sides on different lines (two columns). */
static Cut
cut_by_gap (PdfGlyph **g, guint i, double h, const PdfLayoutOptions *o)
{
  double gap = g[i]->x0 - g[i - 1]->x1;
  if (gap > o->cell_gap * h
      || (g[i - 1]->reading_line != g[i]->reading_line && gap > o->word_gap * h))
    return CUT_CELL;
  return gap > o->word_gap * h ? CUT_SPACE : CUT_JOIN;
}

static gboolean
amount_char (gunichar c)
{
  return g_unichar_isdigit (c) || c == ',' || c == '.' || c == '-';
}

/* The figure glyph I belongs to: the glyphs around it joined without a
 * gap, all of them digits, commas, points or minus signs. */
static void
figure_around (PdfGlyph **g, guint n, const Cut *cut, guint i, guint *from, guint *to)
{
  guint a = i, b = i + 1;
  while (a > 0 && cut[a] == CUT_JOIN && amount_char (g[a - 1]->c))
    a--;
  while (b < n && cut[b] == CUT_JOIN && amount_char (g[b]->c))
    b++;
  *from = a, *to = b;
}

static int
count_points (PdfGlyph **g, guint from, guint to, guint *last)
{
  int n = 0;
  for (guint k = from; k < to; k++)
    if (g[k]->c == '.')
      n++, *last = k;
  return n;
}

/* Glyphs FROM..TO-1 read as a whole figure: one decimal point, or
 * thousands separated by commas ("304,413,900"). */
static gboolean
whole_figure (PdfGlyph **g, guint from, guint to)
{
  guint last = 0;
  if (count_points (g, from, to, &last) == 1)
    return TRUE;
  for (guint k = from; k < to; k++)
    if (g[k]->c == ',')
      return TRUE;
  return FALSE;
}

/* A space inside a figure ("151.99 2000", glyphs placed one by one) joins
 * it; a figure then a space then another figure or a label are two cells. */
static void
cut_spaced_figures (PdfGlyph **g, guint n, Cut *cut)
{
  for (guint i = 1; i < n; i++)
    {
      if (cut[i] != CUT_SPACE || !g_unichar_isdigit (g[i - 1]->c))
        continue;
      guint lf, lt, rf, rt, last;
      figure_around (g, n, cut, i - 1, &lf, &lt);
      if (!whole_figure (g, lf, lt))
        continue;
      if (!amount_char (g[i]->c))
        {
          cut[i] = CUT_CELL;
          continue;
        }
      figure_around (g, n, cut, i, &rf, &rt);
      if (whole_figure (g, rf, rt))
        cut[i] = CUT_CELL;
      else if (count_points (g, lf, lt, &last) == 1)
        cut[i] = CUT_JOIN;
    }
}

/* Figures of neighbouring columns that touch ("161,603.34147,502.38"):
 * the figures of a table share their number of decimals, so the last
 * figure's decimals say where each point's figure ends. */
static void
cut_glued_figures (PdfGlyph **g, guint n, Cut *cut)
{
  for (guint i = 0; i < n;)
    {
      guint from, to, last = 0;
      figure_around (g, n, cut, i, &from, &to);
      if (count_points (g, from, to, &last) >= 2)
        {
          guint decimals = to - last - 1;
          for (guint k = from; decimals > 0 && k < last; k++)
            if (g[k]->c == '.' && k + 1 + decimals < last
                && g_unichar_isdigit (g[k + 1 + decimals]->c))
              cut[k + 1 + decimals] = CUT_CELL;
        }
      i = to;
    }
}

/* In a table row, figures of neighbouring columns may sit closer than a
 * cell gap, or touch. */
/* In a table row, a classification code of 3, 5 or 7 digits one space
 * from a label ("2050302 中等职业教育", "公务接待费 50206") is a cell of
 * its own, and so is a code-and-name after a label ("50101-工资奖金津补贴
 * 30101-基本工资": two columns). */
static void
cut_codes (PdfGlyph **g, guint n, Cut *cut)
{
  for (guint a = 0; a < n;)
    {
      guint b = a;
      while (b < n && g_unichar_isdigit (g[b]->c) && (b == a || cut[b] == CUT_JOIN))
        b++;
      /* "30101-基本工资": a code and its name joined by a dash */
      gboolean token = b > a && (b == n || cut[b] != CUT_JOIN || g[b]->c == '-');
      guint len = b - a;
      if (token && (len == 3 || len == 5 || len == 7) && g[a]->c != '0')
        {
          if (a > 0 && cut[a] == CUT_SPACE && !amount_char (g[a - 1]->c))
            cut[a] = CUT_CELL;
          if (b < n && cut[b] == CUT_SPACE && !amount_char (g[b]->c))
            cut[b] = CUT_CELL;
        }
      a = b > a ? b : a + 1;
    }
}

/* A figure with decimals that a label touches ("39,238.43一、本年支出": the
 * figure right-aligned in its cell, the next column's label at its left
 * edge) are two cells; a unit after a figure ("40.00万元") is not a label. */
static void
cut_figure_labels (PdfGlyph **g, guint n, Cut *cut)
{
  for (guint i = 1; i < n; i++)
    {
      if (cut[i] != CUT_JOIN || !g_unichar_isdigit (g[i - 1]->c)
          || !g_unichar_isalpha (g[i]->c) || g_utf8_strchr ("万元亿千百", -1, g[i]->c))
        continue;
      guint from, to, last;
      figure_around (g, n, cut, i - 1, &from, &to);
      if (count_points (g, from, to, &last) == 1 && last + 1 < to)
        cut[i] = CUT_CELL;
    }
}

static void
cut_figures (PdfGlyph **g, guint n, Cut *cut)
{
  cut_codes (g, n, cut);
  cut_spaced_figures (g, n, cut);
  cut_glued_figures (g, n, cut);
  cut_figure_labels (g, n, cut);
}

static Cell *
row_new_cell (Row *r, const PdfGlyph *g)
{
  Cell c = { g->x0, g->x1, g_string_new (NULL), NULL };
  g_array_append_val (r->cells, c);
  return &g_array_index (r->cells, Cell, r->cells->len - 1);
}

/* Drops glyphs printed twice; returns the new count. */
static guint
drop_overprints (PdfGlyph **g, guint n)
{
  guint k = 0;
  for (guint i = 0; i < n; i++)
    if (k == 0 || !overprint (g[k - 1], g[i]))
      g[k++] = g[i];
  return k;
}

/* The glyphs of one row, left to right, cut into cells. */
static Row
build_row (PdfGlyph **g, guint n, const PdfLayoutOptions *o)
{
  qsort (g, n, sizeof *g, compare_x0);
  n = drop_overprints (g, n);
  Row r = { .y0 = G_MAXDOUBLE, .y1 = -G_MAXDOUBLE, .block = -1 };
  r.h = median_height (g, n);
  r.cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  Cut *cut = g_new0 (Cut, n);
  gboolean table = FALSE;
  for (guint i = 1; i < n; i++)
    table |= (cut[i] = cut_by_gap (g, i, r.h, o)) == CUT_CELL;
  if (table)
    cut_figures (g, n, cut);
  Cell *cell = NULL;
  for (guint i = 0; i < n; i++)
    {
      if (!cell || cut[i] == CUT_CELL)
        cell = row_new_cell (&r, g[i]);
      else if (cut[i] == CUT_SPACE)
        {
          Gap gap = { cell->text->len, g[i - 1]->x1, g[i]->x0 };
          if (!cell->gaps)
            cell->gaps = g_array_new (FALSE, FALSE, sizeof (Gap));
          g_array_append_val (cell->gaps, gap);
          g_string_append_c (cell->text, ' ');
        }
      g_string_append_unichar (cell->text, g[i]->c);
      cell->x1 = MAX (cell->x1, g[i]->x1);
      r.y0 = MIN (r.y0, g[i]->y0);
      r.y1 = MAX (r.y1, g[i]->y1);
    }
  g_free (cut);
  return r;
}

/* How far (in glyph heights) a glyph's centre may lie from its row's mean
 * centre. On the character grid a row is a line of its own, as pdftotext
 * -layout keeps it: figures centred in a cell two lines tall stand between
 * the name's two lines, a third of a line from each, and are a line of
 * their own (name / figures / code and the name's tail), as in every other
 * row of that table whatever the rounding of their positions. */
static double
row_band (const PdfLayoutOptions *o)
{
  return o->spaced ? 0.3 : 0.5;
}

/* Glyphs whose centres lie within ROW_BAND glyph heights of the row's mean
 * centre share a baseline. */
static GArray *
group_rows (GArray *glyphs, const PdfLayoutOptions *o)
{
  qsort (glyphs->data, glyphs->len, sizeof (PdfGlyph), compare_centre_y);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  PdfGlyph **members = g_new (PdfGlyph *, glyphs->len + 1);
  guint n = 0;
  double sum = 0, min_h = 0;
  for (guint i = 0; i <= glyphs->len; i++)
    {
      PdfGlyph *g = i < glyphs->len ? &g_array_index (glyphs, PdfGlyph, i) : NULL;
      double h = g ? MAX (g->y1 - g->y0, 0.1) : 0;
      if (n && (!g || centre_y (g) - sum / n > row_band (o) * MIN (min_h, h)))
        {
          Row r = build_row (members, n, o);
          g_array_append_val (rows, r);
          n = 0, sum = 0;
        }
      if (!g)
        break;
      min_h = n ? MIN (min_h, h) : h;
      members[n++] = g;
      sum += centre_y (g);
    }
  g_free (members);
  return rows;
}

/* ---- table blocks and their columns ------------------------------------ */

static Row *
row_at (GArray *rows, guint i)
{
  return &g_array_index (rows, Row, i);
}

static gboolean
tabular (const Row *r)
{
  return r->cells->len >= 2;
}

/* Two extents share a column when they overlap by a fifth of the
 * narrower: cells that touch in one row ("161,603.34147,502.38") do not. */
static gboolean
overlaps (double a0, double a1, double b0, double b1)
{
  double common = MIN (a1, b1) - MAX (a0, b0);
  return common > 0 && common >= 0.2 * MIN (a1 - a0, b1 - b0);
}

/* Adds [x0, x1] to the column spans, merging every span it overlaps. */
static void
add_span (GArray *spans, double x0, double x1)
{
  for (guint i = 0; i < spans->len;)
    {
      Span *s = &g_array_index (spans, Span, i);
      if (overlaps (s->x0, s->x1, x0, x1))
        {
          x0 = MIN (x0, s->x0), x1 = MAX (x1, s->x1);
          g_array_remove_index_fast (spans, i);
        }
      else
        i++;
    }
  Span s = { x0, x1 };
  g_array_append_val (spans, s);
}

/* How many of SPANS the cell meets. */
static guint
spans_hit (GArray *spans, const Cell *cell)
{
  guint hit = 0;
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *s = &g_array_index (spans, Span, i);
      hit += overlaps (s->x0, s->x1, cell->x0, cell->x1);
    }
  return hit;
}

/* A one-cell row belongs to the table above when it sits at the table's
 * row pitch, is no bigger than its rows, and its cell stands in one of
 * the table's columns (a label without figures, a name wrapped onto a
 * second line), or in none with table rows going on below (a heading
 * between two columns' headings; a page footer has none below); a title
 * or a paragraph spans several. */
static gboolean
continues_block (const Row *r, const Row *above, const Row *next, GArray *spans)
{
  if (r->y0 - above->y1 > BLOCK_BREAK_GAP * above->h)
    return FALSE;
  if (tabular (r))
    return TRUE;
  if (r->h > 1.2 * above->h)
    return FALSE;
  guint hit = spans_hit (spans, &g_array_index (r->cells, Cell, 0));
  return hit == 1 || (hit == 0 && next && tabular (next)
                      && next->y0 - r->y1 <= BLOCK_BREAK_GAP * r->h);
}

/* The spans of the table rows of BLOCK. */
static GArray *
block_spans (GArray *rows, int block)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = row_at (rows, i);
      for (guint c = 0; r->block == block && tabular (r) && c < r->cells->len; c++)
        {
          const Cell *cell = &g_array_index (r->cells, Cell, c);
          add_span (spans, cell->x0, cell->x1);
        }
    }
  return spans;
}

/* A heading above a table's first row: one cell, less than a line's
 * height above it (a title stands further off), no bigger than its text,
 * in at most one column, and neither a title ("…表") nor a caption
 * ("单位：万元"). A heading over several columns (a merged cell,
 * "公务用车购置及运行维护费" over 小计, 购置费, 运行维护费) heads it too
 * when it nearly touches the row below: a title stands further off. */
static gboolean
heads_block (const Row *r, const Row *below, GArray *spans)
{
  double gap = below->y0 - r->y1;
  if (r->block >= 0 || tabular (r) || gap > below->h || r->h > 1.2 * below->h)
    return FALSE;
  const Cell *cell = &g_array_index (r->cells, Cell, 0);
  const char *t = cell->text->str;
  return (spans_hit (spans, cell) <= 1 || gap < 0.25 * below->h)
         && !strstr (t, ":") && !strstr (t, "：") && !g_str_has_suffix (t, "表");
}

/* Headings printed above a table's first row of cells (a merged heading
 * over several columns, a heading centred in a tall cell) belong to it. */
static void
extend_blocks_up (GArray *rows)
{
  for (guint i = 1; i < rows->len; i++)
    {
      Row *first = row_at (rows, i);
      if (first->block < 0 || row_at (rows, i - 1)->block == first->block)
        continue;
      GArray *spans = block_spans (rows, first->block);
      for (guint k = i; k > 0 && heads_block (row_at (rows, k - 1), row_at (rows, k), spans); k--)
        row_at (rows, k - 1)->block = first->block;
      g_array_unref (spans);
    }
}

/* Numbers the table blocks: a row of two or more cells starts one, and the
 * rows below continue it while continues_block says so. */
static void
mark_blocks (GArray *rows)
{
  int block = -1;
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  for (guint i = 0; i < rows->len; i++)
    {
      Row *r = row_at (rows, i);
      const Row *above = i ? row_at (rows, i - 1) : NULL;
      const Row *next = i + 1 < rows->len ? row_at (rows, i + 1) : NULL;
      if (above && above->block >= 0 && continues_block (r, above, next, spans))
        r->block = block;
      else if (tabular (r))
        {
          r->block = ++block;
          g_array_set_size (spans, 0);
        }
      for (guint c = 0; r->block >= 0 && tabular (r) && c < r->cells->len; c++)
        {
          const Cell *cell = &g_array_index (r->cells, Cell, c);
          add_span (spans, cell->x0, cell->x1);
        }
    }
  g_array_unref (spans);
  extend_blocks_up (rows);
}

static int
first_overlap (GArray *spans, double x0, double x1)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *s = &g_array_index (spans, Span, i);
      if (overlaps (s->x0, s->x1, x0, x1))
        return (int) i;
    }
  return -1;
}

static int
compare_span (const void *a, const void *b)
{
  double d = ((const Span *) a)->x0 - ((const Span *) b)->x0;
  return d < 0 ? -1 : d > 0;
}

/* Digits (and separators) only. */
static gboolean
figure_text (const char *s)
{
  gboolean digit = FALSE;
  for (; s && *s; s++)
    if (g_ascii_isdigit (*s))
      digit = TRUE;
    else if (!strchr (",.-% ", *s))
      return FALSE;
  return digit;
}

static gboolean
figure_cell (const Cell *cell)
{
  return figure_text (cell->text->str);
}

/* A row numbering the columns (栏次 | 1 | 2 | 3 …): its "figures" are
 * labels, each centred over its column, not figures of a column. */
static gboolean
column_numbers_row (const Row *r)
{
  guint next = 1;
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *t = g_array_index (r->cells, Cell, c).text->str;
      if (!figure_text (t))
        continue;
      if (strspn (t, "0123456789") != strlen (t) || atoi (t) != (int) next)
        return FALSE;
      next++;
    }
  return next > 3;
}

static gboolean
has_figure (const Row *r)
{
  if (column_numbers_row (r))
    return FALSE;
  for (guint c = 0; c < r->cells->len; c++)
    if (figure_cell (&g_array_index (r->cells, Cell, c)))
      return TRUE;
  return FALSE;
}

/* A cell's column: the leftmost it overlaps (a header spanning two columns
 * stands in the first, as in a spreadsheet), else the nearest. */
static guint
column_of (GArray *spans, const Cell *cell)
{
  int hit = first_overlap (spans, cell->x0, cell->x1);
  if (hit >= 0)
    return (guint) hit;
  guint best = 0;
  double best_d = G_MAXDOUBLE;
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *s = &g_array_index (spans, Span, i);
      double d = fabs ((s->x0 + s->x1) / 2 - (cell->x0 + cell->x1) / 2);
      if (d < best_d)
        best = i, best_d = d;
    }
  return best;
}

/* One character of CJK (non-ASCII) text, not a figure. */
static gboolean
lone_character_cell (const Cell *cell)
{
  const char *s = cell->text->str;
  return g_utf8_strlen (s, -1) == 1 && (guchar) s[0] >= 0x80;
}

/* A label set letter-spaced ("合    计", "项    目") is cut into cells of
 * one character each; they stand inside one column, so the row cannot
 * say where the columns are. */
static gboolean
letter_spaced (const Row *r)
{
  for (guint c = 1; c < r->cells->len; c++)
    if (lone_character_cell (&g_array_index (r->cells, Cell, c - 1))
        && lone_character_cell (&g_array_index (r->cells, Cell, c)))
      return TRUE;
  return FALSE;
}

/* Whether row R takes part in choosing the column-defining rows: rows
 * with a letter-spaced label do not when SKIP_SPACED. */
static gboolean
counts_for_columns (const Row *r, gboolean skip_spaced)
{
  return !skip_spaced || !letter_spaced (r);
}

/* The rows that define the columns: the fullest rows with a figure (body
 * rows; a header row may be as full, its labels centred over their
 * columns), or the fullest rows when none has figures. */
static gboolean
defines_columns (const Row *r, guint most, gboolean figures, gboolean skip_spaced)
{
  return r->cells->len == most && (!figures || has_figure (r))
         && counts_for_columns (r, skip_spaced);
}

/* Whether some row with figures and two or more cells has no
 * letter-spaced label: then those rows alone define the columns. */
static gboolean
plain_figure_rows (GArray *rows, guint first, guint last)
{
  for (guint i = first; i < last; i++)
    {
      const Row *r = row_at (rows, i);
      if (r->cells->len >= 2 && has_figure (r) && !letter_spaced (r))
        return TRUE;
    }
  return FALSE;
}

static double
centre_distance (const Span *s, const Cell *cell)
{
  return fabs ((s->x0 + s->x1) / 2 - (cell->x0 + cell->x1) / 2);
}

/* Whether cell C of row R, meeting no column, would fall into the nearest
 * column that another cell of its row has a better claim to: that cell
 * meets the column, or is nearer to it. */
static gboolean
shares_nearest (GArray *spans, const Row *r, guint c)
{
  const Cell *cell = &g_array_index (r->cells, Cell, c);
  guint col = column_of (spans, cell);
  const Span *s = &g_array_index (spans, Span, col);
  for (guint o = 0; o < r->cells->len; o++)
    {
      const Cell *other = &g_array_index (r->cells, Cell, o);
      if (o == c || column_of (spans, other) != col)
        continue;
      if (first_overlap (spans, other->x0, other->x1) >= 0
          || centre_distance (s, other) < centre_distance (s, cell))
        return TRUE;
    }
  return FALSE;
}

/* The first row of figures of rows FIRST..LAST-1 (LAST if none). */
static guint
first_figures_row (GArray *rows, guint first, guint last)
{
  guint i = first;
  while (i < last && !has_figure (row_at (rows, i)))
    i++;
  return i;
}

/* A letter-spaced label's characters ("小   计") stand inside one column:
 * none of them is a column of its own, though each may claim one. */
static gboolean
spaced_character (const Row *r, guint c)
{
  const Cell *cell = &g_array_index (r->cells, Cell, c);
  return lone_character_cell (cell)
         && ((c > 0 && lone_character_cell (&g_array_index (r->cells, Cell, c - 1)))
             || (c + 1 < r->cells->len
                 && lone_character_cell (&g_array_index (r->cells, Cell, c + 1))));
}

/* A cell meeting no column that may become one: not a letter-spaced
 * character. */
static gboolean
may_be_column (GArray *spans, const Row *r, guint c)
{
  const Cell *cell = &g_array_index (r->cells, Cell, c);
  return first_overlap (spans, cell->x0, cell->x1) < 0 && !spaced_character (r, c);
}

static gboolean
caption_text (const char *t)
{
  return strchr (t, ':') || strstr (t, "：");
}

/* A row of captions ("部门：… 单位：万元"), not of headings. */
static gboolean
caption_row_cells (const Row *r)
{
  for (guint c = 0; c < r->cells->len; c++)
    if (caption_text (g_array_index (r->cells, Cell, c).text->str))
      return TRUE;
  return FALSE;
}

static void
add_column (GArray *spans, const Cell *cell)
{
  add_span (spans, cell->x0, cell->x1);
  g_array_sort (spans, compare_span);
}

/* Whether heading cell C of row ROW, meeting no column, would fall into
 * the nearest column that another heading of rows FIRST..BODY-1 meets,
 * the two side by side: C lies wholly beside that heading and the
 * column's figures, and the heading is not below C (a heading over a
 * group of columns stands above the group's own headings, clear of
 * them). Not when C is a line of a heading that meets the column (a
 * wrapped heading's second line, right under its first; a heading over
 * the group stands further off), nor beside a row of
 * captions ("部门：…"); a number (栏次 1 2 3) is no heading of its own. */
static gboolean
heading_claims_nearest (GArray *spans, GArray *rows, guint first, guint body,
                        guint row, guint c)
{
  const Row *r = row_at (rows, row);
  const Cell *cell = &g_array_index (r->cells, Cell, c);
  guint col = column_of (spans, cell);
  const Span *s = &g_array_index (spans, Span, col);
  gboolean claimed = FALSE;
  for (guint i = first; i < body; i++)
    {
      const Row *o = row_at (rows, i);
      if (i == row || o->y0 >= r->y1 || caption_row_cells (o))
        continue;
      for (guint k = 0; k < o->cells->len; k++)
        {
          const Cell *other = &g_array_index (o->cells, Cell, k);
          if (first_overlap (spans, other->x0, other->x1) != (int) col)
            continue;
          if (other->x1 > cell->x0 && other->x0 < cell->x1
              && r->y0 - o->y1 < 0.6 * r->h)
            return FALSE;   /* CELL is a line of that heading */
          claimed |= cell->x0 >= MAX (s->x1, other->x1) || cell->x1 <= MIN (s->x0, other->x0);
        }
    }
  return claimed;
}

/* Two cells of one row never share a column: a cell that meets no
 * column and would fall into one another cell of its row holds (a
 * heading over a column no figure fills, a name column the fullest rows
 * do not show) is a column of its own. Nor do two headings side by side
 * on different heading rows (公务用车购置费 next to 小计 a little
 * lower, 小计 of the car group next to 公务接待费 centred in its tall
 * cell): the headings of a column no row fills. */
static void
add_crowded_cells (GArray *spans, GArray *rows, guint first, guint last)
{
  for (guint i = first; i < last; i++)
    {
      const Row *r = row_at (rows, i);
      for (guint c = 0; c < r->cells->len; c++)
        if (may_be_column (spans, r, c) && shares_nearest (spans, r, c))
          add_column (spans, &g_array_index (r->cells, Cell, c));
    }
  guint body = first_figures_row (rows, first, last);
  for (guint i = first; i < body; i++)
    {
      const Row *r = row_at (rows, i);
      for (guint c = 0; c < r->cells->len; c++)
        {
          const Cell *cell = &g_array_index (r->cells, Cell, c);
          if (may_be_column (spans, r, c) && !caption_text (cell->text->str)
              && !figure_cell (cell) && heading_claims_nearest (spans, rows, first, body, i, c))
            add_column (spans, cell);
        }
    }
}

/* The columns of rows FIRST..LAST-1; SEED (or NULL): the columns of the
 * table this block continues, from the page before. */
static GArray *
block_columns (GArray *rows, guint first, guint last, GArray *seed)
{
  guint most = 0, most_fig = 0;
  gboolean skip_spaced = plain_figure_rows (rows, first, last);
  for (guint i = first; i < last; i++)
    {
      const Row *r = row_at (rows, i);
      if (!counts_for_columns (r, skip_spaced))
        continue;
      most = MAX (most, r->cells->len);
      if (has_figure (r))
        most_fig = MAX (most_fig, r->cells->len);
    }
  gboolean figures = most_fig >= 2;
  if (figures)
    most = most_fig;
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  if (seed)
    g_array_append_vals (spans, seed->data, seed->len);
  for (guint i = first; i < last; i++)
    for (guint c = 0; defines_columns (row_at (rows, i), most, figures, skip_spaced) && c < most; c++)
      {
        const Cell *cell = &g_array_index (row_at (rows, i)->cells, Cell, c);
        add_span (spans, cell->x0, cell->x1);
      }
  for (guint i = first; i < last; i++)
    {
      GArray *cells = row_at (rows, i)->cells;
      if (column_numbers_row (row_at (rows, i)))
        continue;
      for (guint c = 0; c < cells->len; c++)
        {
          const Cell *cell = &g_array_index (cells, Cell, c);
          if (figure_cell (cell) && first_overlap (spans, cell->x0, cell->x1) < 0)
            add_span (spans, cell->x0, cell->x1);
        }
    }
  g_array_sort (spans, compare_span);
  add_crowded_cells (spans, rows, first, last);
  return spans;
}

/* The row's text per column (NULL: an empty cell), SPANS->len of them. */
static GPtrArray *
row_slots (const Row *r, GArray *spans)
{
  GPtrArray *slots = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (slots, spans->len);
  for (guint c = 0; c < r->cells->len; c++)
    {
      const Cell *cell = &g_array_index (r->cells, Cell, c);
      guint col = column_of (spans, cell);
      char *old = g_ptr_array_index (slots, col);
      slots->pdata[col] = old ? g_strconcat (old, " ", cell->text->str, NULL)
                              : g_strdup (cell->text->str);
      g_free (old);
    }
  return slots;
}

/* The one filled column of a row of labels only, or -1. */
static int
lone_label_column (GPtrArray *slots)
{
  int col = -1;
  for (guint i = 0; i < slots->len; i++)
    {
      const char *s = g_ptr_array_index (slots, i);
      if (!s)
        continue;
      if (col >= 0 || figure_text (s))
        return -1;
      col = (int) i;
    }
  return col;
}

/* A classification code: 3 to 9 digits ("2010305"). */
static gboolean
code_text (const char *s)
{
  gsize n = s ? strlen (s) : 0;
  return n >= 3 && n <= 9 && strspn (s, "0123456789") == n;
}

/* The slot of the row's classification code (its first filled cell when
 * that is a code), else -1. */
static int
code_slot (GPtrArray *slots)
{
  for (guint i = 0; i < slots->len; i++)
    {
      const char *s = g_ptr_array_index (slots, i);
      if (!s)
        continue;
      return code_text (s) ? (int) i : -1;
    }
  return -1;
}

/* A figure in a cell other than the code. */
static gboolean
row_has_figure (GPtrArray *slots)
{
  int code = code_slot (slots);
  for (guint i = 0; i < slots->len; i++)
    if ((int) i != code && figure_text (g_ptr_array_index (slots, i)))
      return TRUE;
  return FALSE;
}

static gboolean
row_is_empty (GPtrArray *slots)
{
  for (guint i = 0; i < slots->len; i++)
    if (g_ptr_array_index (slots, i))
      return FALSE;
  return TRUE;
}

/* A label that starts an item of its own ("九、", "（三）", "1.", "其中",
 * "合 计" set letter-spaced, a code: "2080506-机关事业单位职业年金") does
 * not continue the line above; nor does a total's whole label
 * ("本年支出合计", "支出总计"): the item above it ("三十、…支出",
 * "二、年终结转结余") is a row of its own with its figure left blank. */
static gboolean
starts_item (const char *s)
{
  static GRegex *item;
  static gsize once;
  if (g_once_init_enter (&once))
    {
      item = g_regex_new ("^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\\d]+[）)]"
                          "|\\d+[.、．]|\\d{3,9}(?:[-－ ]|$)|其 *中|合 *计|总 *计|小 *计|注|说 *明|备 *注"
                          "|\\S{1,8}(?:合计|总计)$)", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  return g_regex_match (item, s, 0, NULL);
}

/* Whether the label row L can join the figures row F (L above F when
 * ABOVE_IS_L): each cell of L meets an empty cell of F, or one name it
 * continues; never a second code. */
static gboolean
fits_into (GPtrArray *l, GPtrArray *f, gboolean above_is_l)
{
  if (!l || !f || !row_has_figure (f) || row_has_figure (l) || row_is_empty (l))
    return FALSE;
  int lcode = code_slot (l), fcode = code_slot (f);
  if (lcode >= 0 && fcode >= 0)
    return FALSE;
  guint clashes = 0;
  for (guint i = 0; i < l->len; i++)
    if (g_ptr_array_index (l, i) && g_ptr_array_index (f, i))
      {
        if ((int) i == fcode)
          return FALSE;
        const char *below = above_is_l ? g_ptr_array_index (f, i) : g_ptr_array_index (l, i);
        if (starts_item (below))
          return FALSE;
        clashes++;
      }
  return clashes <= 1;
}

/* A name's two halves joined: CJK text runs on, Latin words get a space. */
static char *
join_halves (const char *a, const char *b)
{
  gsize n = strlen (a);
  gboolean words = n && g_ascii_isalnum (a[n - 1]) && g_ascii_isalnum (b[0]);
  return g_strconcat (a, words ? " " : "", b, NULL);
}

/* Moves the cells of label row L into F, L above F when ABOVE. */
static void
merge_into (GPtrArray *l, GPtrArray *f, gboolean above)
{
  for (guint i = 0; i < l->len; i++)
    {
      char *a = g_ptr_array_index (l, i), *b = g_ptr_array_index (f, i);
      if (!a)
        continue;
      f->pdata[i] = b ? (above ? join_halves (a, b) : join_halves (b, a)) : g_strdup (a);
      g_free (b);
    }
}

/* Whether label row I of the block (rows FIRST.. of ROWS) belongs with
 * the row above rather than the one below: the nearer one, its half of the
 * cell; at equal distance a code the row above (it sits at the cell's
 * foot), a name the row below (its first half). */
static gboolean
belongs_above (GArray *rows, guint first, guint i, gboolean code)
{
  const Row *r = row_at (rows, first + i);
  if (i == 0 || first + i + 1 >= rows->len)
    return i > 0;
  double up = r->y0 - row_at (rows, first + i - 1)->y1;
  double down = row_at (rows, first + i + 1)->y0 - r->y1;
  if (fabs (up - down) < 0.1 * r->h)
    return code;
  return up < down;
}

/* Whether label row I, not joining the NEAR row, may join the row on its
 * other side: not when the nearer row is a clearly nearer line of labels
 * (the last line of a wrapped heading, "营支出" under "事业单位经", sits
 * nearer the heading than the first row of figures below). */
static gboolean
may_join_far (GArray *rows, guint first, guint i, GPtrArray *near)
{
  if (!near || row_has_figure (near) || i == 0 || first + i + 1 >= rows->len)
    return TRUE;
  const Row *r = row_at (rows, first + i);
  double up = r->y0 - row_at (rows, first + i - 1)->y1;
  double down = row_at (rows, first + i + 1)->y0 - r->y1;
  return fabs (up - down) < 0.5 * r->h;
}

/* A table row printed over two lines, its figures on one and a part of
 * its labels on the other (a code set at the cell's foot, a name wrapped
 * above or below the figures): the label line joins the figures line it
 * fits into, the nearer one first. BLOCK holds the slots of rows FIRST..
 * of ROWS. */
static void
merge_split_rows (GPtrArray *block, GArray *rows, guint first)
{
  for (guint i = 0; i < block->len; i++)
    {
      GPtrArray *l = g_ptr_array_index (block, i);
      GPtrArray *up = i > 0 ? g_ptr_array_index (block, i - 1) : NULL;
      GPtrArray *down = i + 1 < block->len ? g_ptr_array_index (block, i + 1) : NULL;
      if (!l || row_has_figure (l))
        continue;
      gboolean above = belongs_above (rows, first, i, code_slot (l) >= 0);
      GPtrArray *near = above ? up : down, *far = above ? down : up;
      GPtrArray *into = fits_into (l, near, near == down) ? near
                        : may_join_far (rows, first, i, near) && fits_into (l, far, far == down)
                        ? far : NULL;
      if (!into)
        continue;
      merge_into (l, into, into == down);
      g_ptr_array_unref (l);
      block->pdata[i] = NULL;
    }
}

/* Whether row I of the block (rows FIRST.. of ROWS) sits clearly nearer
 * the row above it than the row below: the last line of a wrapped
 * heading ("算数" under "扣除基建项目后预"), not a name's first half. */
static gboolean
clearly_nearer_above (GArray *rows, guint first, guint i)
{
  if (i == 0 || first + i + 1 >= rows->len)
    return FALSE;
  const Row *r = row_at (rows, first + i);
  double up = r->y0 - row_at (rows, first + i - 1)->y1;
  double down = row_at (rows, first + i + 1)->y0 - r->y1;
  return down - up >= 0.5 * r->h;
}

/* A name wrapped over two lines with the row's figures centred between
 * them: the line above and the line below hold only the name's halves, in
 * the column the figures' row leaves empty. They join that row. */
static void
join_wrapped_names (GPtrArray *block, GArray *rows, guint first)
{
  for (guint i = 1; i < block->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (block, i), *above = g_ptr_array_index (block, i - 1);
      if (!row || !above || !row_has_figure (row))
        continue;
      int col = lone_label_column (above);
      if (col < 0 || g_ptr_array_index (row, col) || clearly_nearer_above (rows, first, i - 1))
        continue;
      GPtrArray *below = i + 1 < block->len ? g_ptr_array_index (block, i + 1) : NULL;
      gboolean with_below = below && lone_label_column (below) == col;
      row->pdata[col] = with_below ? join_halves (g_ptr_array_index (above, col),
                                                  g_ptr_array_index (below, col))
                                   : g_strdup (g_ptr_array_index (above, col));
      g_ptr_array_unref (above);
      block->pdata[i - 1] = NULL;
      if (with_below)
        {
          g_ptr_array_unref (below);
          block->pdata[i + 1] = NULL;
        }
    }
}

static gboolean
digits (const char *s, gsize n)
{
  if (!s || strlen (s) != n)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* A classification code printed in 类/款/项 columns ("205 | 03 | 02",
 * "301 | 01") is one code, "2050302", in the first of them, as a text
 * extract prints it. */
static void
join_code_columns (GPtrArray *slots)
{
  if (!slots || slots->len < 3)
    return;
  char **s = (char **) slots->pdata;
  if (!digits (s[0], 3) || s[0][0] == '0' || !digits (s[1], 2))
    return;
  guint parts = digits (s[2], 2) ? 3 : 2;
  char *code = g_strconcat (s[0], s[1], parts == 3 ? s[2] : NULL, NULL);
  for (guint i = 0; i < parts; i++)
    g_clear_pointer (&s[i], g_free);
  s[0] = code;
}

/* Whether columns K and K+1 hold codes only, never both in one row of
 * figures: the codes of one column, indented by their level ("206",
 * "  2069999"). Rows without figures (the heading) do not count. */
static gboolean
one_code_column (GPtrArray *block, guint k)
{
  guint codes = 0;
  for (guint i = 0; i < block->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (block, i);
      if (!row || k + 1 >= row->len || !row_has_figure (row))
        continue;
      const char *a = g_ptr_array_index (row, k), *b = g_ptr_array_index (row, k + 1);
      if ((a && b) || (a && !code_text (a)) || (b && !code_text (b)))
        return FALSE;
      codes += a || b;
    }
  return codes > 0;
}

static void
merge_code_columns (GPtrArray *block)
{
  GPtrArray *first = NULL;
  for (guint i = 0; i < block->len && !first; i++)
    first = g_ptr_array_index (block, i);
  for (guint k = 0; first && k + 1 < first->len;)
    {
      if (!one_code_column (block, k))
        {
          k++;
          continue;
        }
      for (guint i = 0; i < block->len; i++)
        {
          GPtrArray *row = g_ptr_array_index (block, i);
          if (!row)
            continue;
          char *a = row->pdata[k], *b = row->pdata[k + 1];
          if (a && b)
            {
              row->pdata[k] = join_halves (a, b);
              g_free (a);
            }
          else if (!a)
            row->pdata[k] = g_steal_pointer (&row->pdata[k + 1]);
          g_ptr_array_remove_index (row, k + 1);
        }
    }
}

/* Whether columns K and K+1 take turns: each holds a label (or a code) in
 * some row of figures, never a figure, and no row of figures fills both
 * (a unit's name in the first, its items' codes in the second). */
static gboolean
take_turns (GPtrArray *block, guint k)
{
  guint left = 0, right = 0;
  for (guint i = 0; i < block->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (block, i);
      if (!row || k + 1 >= row->len || !row_has_figure (row))
        continue;
      const char *a = g_ptr_array_index (row, k), *b = g_ptr_array_index (row, k + 1);
      int code = code_slot (row);
      if (a && b)
        return FALSE;
      if ((a && figure_text (a) && (int) k != code) || (b && figure_text (b) && (int) k + 1 != code))
        return FALSE;
      left += a != NULL, right += b != NULL;
    }
  return left > 0 && right > 0;
}

/* Two label columns that take turns are one column of the text (the
 * unit's row and its items' rows start at the same place in an extract);
 * their headings join. */
static void
merge_label_columns (GPtrArray *block)
{
  GPtrArray *first = NULL;
  for (guint i = 0; i < block->len && !first; i++)
    first = g_ptr_array_index (block, i);
  for (guint k = 0; first && k + 1 < first->len; k++)
    {
      if (!take_turns (block, k))
        continue;
      for (guint i = 0; i < block->len; i++)
        {
          GPtrArray *row = g_ptr_array_index (block, i);
          if (!row || k + 1 >= row->len)
            continue;
          char *a = row->pdata[k], *b = row->pdata[k + 1];
          row->pdata[k] = a && b ? g_strconcat (a, " ", b, NULL) : a ? a : g_steal_pointer (&row->pdata[k + 1]);
          if (a && b)
            g_free (a);
          g_ptr_array_remove_index (row, k + 1);
        }
    }
}

static gboolean
filled (GPtrArray *row, guint k)
{
  return row && k < row->len && g_ptr_array_index (row, k);
}

/* Whether column K is one a joined code left behind: empty in every row
 * of figures, and headed only by a level's name (类, 款, 项). */
static gboolean
left_by_code (GPtrArray *block, guint k)
{
  gboolean level = FALSE;
  for (guint i = 0; i < block->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (block, i);
      const char *s = row && k < row->len ? g_ptr_array_index (row, k) : NULL;
      if (s && (row_has_figure (row) || (strcmp (s, "类") && strcmp (s, "款") && strcmp (s, "项"))))
        return FALSE;
      level |= s != NULL;
    }
  return level;
}

/* The leftmost column holding a figure in a row of figures. */
static guint
first_figure_column (GPtrArray *block)
{
  guint first = G_MAXUINT;
  for (guint i = 0; i < block->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (block, i);
      if (!row || !row_has_figure (row))
        continue;
      int code = code_slot (row);
      for (guint k = 0; k < row->len && k < first; k++)
        if ((int) k != code && figure_text (g_ptr_array_index (row, k)))
          first = k;
    }
  return first;
}

/* Whether column K is empty in every row of the block: a column of the
 * table this block continues (from the page before) that no row here
 * fills. */
static gboolean
empty_column (GPtrArray *block, guint k)
{
  for (guint i = 0; i < block->len; i++)
    if (filled (g_ptr_array_index (block, i), k))
      return FALSE;
  return TRUE;
}

/* Drops the 款 and 项 columns once their codes are joined into the 类
 * column: the table then has the shape of a text extract's. */
static void
drop_code_level_columns (GPtrArray *block)
{
  GPtrArray *first = NULL;
  for (guint i = 0; i < block->len && !first; i++)
    first = g_ptr_array_index (block, i);
  guint figures = first_figure_column (block);
  for (guint k = first ? first->len : 0; k-- > 1;)
    {
      /* a column left empty among the figures keeps its place (a table
       * going on from the page before); among the labels it goes, as the
       * 款 and 项 columns went there */
      if (!left_by_code (block, k) && !(k < figures && empty_column (block, k)))
        continue;
      for (guint i = 0; i < block->len; i++)
        {
          GPtrArray *row = g_ptr_array_index (block, i);
          if (row && k < row->len)
            g_ptr_array_remove_index (row, k);
        }
    }
}

/* Notes the text of each cell of R that meets two or more columns (a
 * heading printed across its group): it already stands in the group's
 * first column. */
static void
note_wide_cells (const Row *r, GArray *spans, GHashTable *wide)
{
  for (guint c = 0; c < r->cells->len; c++)
    {
      const Cell *cell = &g_array_index (r->cells, Cell, c);
      if (spans_hit (spans, cell) >= 2)
        g_hash_table_add (wide, g_strdup (cell->text->str));
    }
}

/* A heading centred over three columns stands over the middle one only
 * (borders are not read): when a lower heading row names all three and
 * its own row leaves the outer two empty, it moves to the first, where a
 * merged cell's text belongs ("基本支出" over 小计, 人员经费, 公用经费).
 * Not when a heading two columns left holds the column before it: then
 * both head groups of two ("收入 | | 支出 |" over 项目, 预算数 twice). */
static void
place_group_headings (GPtrArray *block, GHashTable *wide)
{
  guint body = 0;
  while (body < block->len && !(g_ptr_array_index (block, body)
                                && row_has_figure (g_ptr_array_index (block, body))))
    body++;
  for (guint h = 0; h < body; h++)
    {
      GPtrArray *row = g_ptr_array_index (block, h);
      for (guint k = 1; row && k + 1 < row->len; k++)
        {
          if (!filled (row, k) || filled (row, k - 1) || filled (row, k + 1)
              || (k >= 2 && filled (row, k - 2))
              || g_hash_table_contains (wide, g_ptr_array_index (row, k)))
            continue;   /* a heading at k-2 spans k-1 (a group of two); a
                           heading printed across its columns is in place */
          gboolean group = FALSE;
          for (guint l = h + 1; l < body && !group; l++)
            {
              GPtrArray *lower = g_ptr_array_index (block, l);
              group = filled (lower, k - 1) && filled (lower, k) && filled (lower, k + 1);
            }
          if (group)
            row->pdata[k - 1] = g_steal_pointer (&row->pdata[k]);
        }
    }
}

/* A row of captions ("编制单位：…", "单位：元"), not of headings. */
static gboolean
caption_row (GPtrArray *slots)
{
  for (guint k = 0; k < slots->len; k++)
    {
      const char *s = g_ptr_array_index (slots, k);
      if (s && (strchr (s, ':') || strstr (s, "：")))
        return TRUE;
    }
  return FALSE;
}

/* A heading in a tall cell is printed halfway down the heading rows:
 * a column's only heading, with heading rows above and below it empty in
 * that column, moves to the top row, so that a text reader (the tables
 * stage) does not take it for a sub-heading of the merged heading on its
 * left. A heading row left empty goes. */
static void
lift_centred_headings (GPtrArray *block)
{
  guint body = 0;
  while (body < block->len && !(g_ptr_array_index (block, body)
                                && row_has_figure (g_ptr_array_index (block, body))))
    body++;
  guint top = 0;
  while (top < body && (!g_ptr_array_index (block, top)
                        || caption_row (g_ptr_array_index (block, top))))
    top++;
  if (body < top + 3)
    return;
  GPtrArray *first = g_ptr_array_index (block, top);
  for (guint k = 0; k < first->len; k++)
    if (filled (first, k) && g_str_has_suffix (g_ptr_array_index (first, k), "表"))
      return;   /* the top row is the table's title, not a heading row */
  for (guint h = top + 1; h + 1 < body; h++)
    {
      GPtrArray *row = g_ptr_array_index (block, h);
      for (guint k = 0; row && k < row->len && k < first->len; k++)
        {
          gboolean alone = filled (row, k);
          for (guint o = top; alone && o < body; o++)
            alone = o == h || !filled (g_ptr_array_index (block, o), k);
          if (alone)
            first->pdata[k] = g_steal_pointer (&row->pdata[k]);
        }
      if (row && row_is_empty (row))
        {
          g_ptr_array_unref (row);
          block->pdata[h] = NULL;
        }
    }
}

static guint
emit_slots (GPtrArray *slots, GString *out)
{
  if (!slots)
    return 0;
  for (guint col = 0; col < slots->len; col++)
    {
      const char *s = g_ptr_array_index (slots, col);
      g_string_append_printf (out, "%s%s", col ? "\t" : "", s ? s : "");
    }
  g_string_append_c (out, '\n');
  return 1;
}

/* Whether the text on both sides of byte AT of S is CJK, as long as a
 * heading's line: two to twelve characters each (not a letter-spaced
 * "项 目", not Latin words, not a sentence). */
static gboolean
cjk_halves (const char *s, gsize at)
{
  const char *before = g_utf8_find_prev_char (s, s + at);
  const char *after = s + at + 1;
  glong left = g_utf8_strlen (s, at), right = g_utf8_strlen (after, -1);
  return before && (guchar) *before >= 0x80 && (guchar) *after >= 0x80
         && left >= 2 && left <= 12 && right >= 2 && right <= 12;
}

/* Cuts cell C of row R at its gap G into two cells. */
static void
split_cell (Row *r, guint c, guint g)
{
  Cell *cell = &g_array_index (r->cells, Cell, c);
  Gap gap = g_array_index (cell->gaps, Gap, g);
  Cell right = { gap.x1, cell->x1, g_string_new (cell->text->str + gap.at + 1), NULL };
  for (guint k = g + 1; k < cell->gaps->len; k++)
    {
      Gap moved = g_array_index (cell->gaps, Gap, k);
      moved.at -= gap.at + 1;
      if (!right.gaps)
        right.gaps = g_array_new (FALSE, FALSE, sizeof (Gap));
      g_array_append_val (right.gaps, moved);
    }
  g_string_truncate (cell->text, gap.at);
  g_array_set_size (cell->gaps, g);
  cell->x1 = gap.x0;
  g_array_insert_val (r->cells, c + 1, right);
}

/* Two headings side by side, their gap a little under a cell gap
 * ("“三公”经费财政 因公出国（境）费", each centred in its narrow
 * column), are one cell: cut it at a word gap of CJK text whose two
 * sides stand over different columns. Heading rows only (above the
 * block's first row of figures). */
static gboolean
split_side_by_side (GArray *rows, guint first, guint last, GArray *spans)
{
  gboolean split = FALSE;
  for (guint i = first; i < first_figures_row (rows, first, last); i++)
    {
      Row *r = row_at (rows, i);
      for (guint c = 0; c < r->cells->len; c++)
        {
          Cell *cell = &g_array_index (r->cells, Cell, c);
          for (guint g = 0; cell->gaps && g < cell->gaps->len; g++)
            {
              Gap gap = g_array_index (cell->gaps, Gap, g);
              Cell left = { cell->x0, gap.x0, NULL, NULL }, right = { gap.x1, cell->x1, NULL, NULL };
              if (!cjk_halves (cell->text->str, gap.at)
                  || column_of (spans, &left) == column_of (spans, &right))
                continue;
              split_cell (r, c, g);
              split = TRUE;
              break;
            }
        }
    }
  return split;
}

/* Writes rows FIRST..LAST-1, one table block, in the columns it
 * continues (SEED, or NULL); returns the lines written, and the block's
 * columns in *COLUMNS. */
static guint
emit_block (GArray *rows, guint first, guint last, GArray *seed, GString *out,
            GArray **columns)
{
  GArray *spans = block_columns (rows, first, last, seed);
  if (split_side_by_side (rows, first, last, spans))
    {
      g_array_unref (spans);
      spans = block_columns (rows, first, last, seed);
    }
  GPtrArray *block = g_ptr_array_new ();
  g_autoptr (GHashTable) wide = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = first; i < last; i++)
    {
      g_ptr_array_add (block, row_slots (row_at (rows, i), spans));
      note_wide_cells (row_at (rows, i), spans, wide);
    }
  merge_code_columns (block);
  join_wrapped_names (block, rows, first);
  merge_split_rows (block, rows, first);
  merge_label_columns (block);
  for (guint i = 0; i < block->len; i++)
    join_code_columns (g_ptr_array_index (block, i));
  drop_code_level_columns (block);
  place_group_headings (block, wide);
  lift_centred_headings (block);
  guint n = 0;
  for (guint i = 0; i < block->len; i++)
    {
      n += emit_slots (g_ptr_array_index (block, i), out);
      if (g_ptr_array_index (block, i))
        g_ptr_array_unref (g_ptr_array_index (block, i));
    }
  g_ptr_array_unref (block);
  *columns = spans;
  return n;
}

struct ColumnMap;
static void column_map_free (struct ColumnMap *m);

struct PdfCarry {
  GArray *spans;   /* Span: the columns of the page's last table, or NULL */
  char *heading;   /* the text of that table's headings, or NULL */
  int dir;         /* the way the page's text ran */
  struct ColumnMap *map;   /* lines = spaces: the page's character grid */
};

/* Whether row R holds a caption ("编制单位：…", "单位：万元"). */
static gboolean
caption_cells (const Row *r)
{
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *t = g_array_index (r->cells, Cell, c).text->str;
      if (strchr (t, ':') || strstr (t, "："))
        return TRUE;
    }
  return FALSE;
}

/* The text of the headings of the block of rows FIRST..LAST-1 (the rows
 * above its first row of figures, captions left out), without spaces;
 * NULL when it has none. A table printed again with its headings on the
 * next page repeats them glyph for glyph. */
static char *
block_heading (GArray *rows, guint first, guint last)
{
  GString *s = g_string_new (NULL);
  for (guint i = first; i < last && !has_figure (row_at (rows, i)); i++)
    for (guint c = 0; !caption_cells (row_at (rows, i)) && c < row_at (rows, i)->cells->len; c++)
      for (const char *t = g_array_index (row_at (rows, i)->cells, Cell, c).text->str; *t; t++)
        if (*t != ' ')
          g_string_append_c (s, *t);
  if (s->len)
    return g_string_free (s, FALSE);
  g_string_free (s, TRUE);
  return NULL;
}

PdfCarry *
pdf_carry_new (void)
{
  return g_new0 (PdfCarry, 1);
}

void
pdf_carry_free (PdfCarry *carry)
{
  if (carry && carry->spans)
    g_array_unref (carry->spans);
  if (carry)
    {
      g_free (carry->heading);
      column_map_free (carry->map);
    }
  g_free (carry);
}

/* Whether the table block of rows FIRST..END-1 continues the table that
 * ended the page before (CARRY): it is the page's first block, and either
 * it repeats that table's headings (a page filling only some of the
 * columns, 支出 items under 收入 | 支出 headings, keeps them all), or its
 * first row is a row of figures (no heading of its own) and each of those
 * figures stands in one of the columns. */
static gboolean
continues_table (GArray *rows, guint first, guint end, const PdfCarry *carry)
{
  const Row *r = row_at (rows, first);
  for (guint i = 0; i < first; i++)
    if (row_at (rows, i)->block >= 0)
      return FALSE;
  GArray *spans = carry->spans;
  if (spans && carry->heading)
    {
      g_autofree char *heading = block_heading (rows, first, end);
      if (heading && g_str_equal (heading, carry->heading))
        return TRUE;
    }
  if (!spans || column_numbers_row (r) || !has_figure (r))
    return FALSE;
  for (guint c = 0; c < r->cells->len; c++)
    {
      const Cell *cell = &g_array_index (r->cells, Cell, c);
      if (figure_cell (cell) && first_overlap (spans, cell->x0, cell->x1) < 0)
        return FALSE;
    }
  return TRUE;
}

/* The rows of a page; a table at the top of the page that continues the
 * page before's last table (CARRY) keeps that table's columns, and the
 * page's last table's columns go on to the next page. */
static guint
emit_rows (GArray *rows, GString *out, PdfCarry *carry)
{
  guint n = 0;
  GArray *last = NULL;
  char *last_heading = NULL;
  for (guint i = 0; i < rows->len;)
    {
      Row *r = row_at (rows, i);
      if (r->block < 0)
        {
          g_string_append (out, g_array_index (r->cells, Cell, 0).text->str);
          g_string_append_c (out, '\n');
          i++, n++;
          continue;
        }
      guint end = i;
      while (end < rows->len && row_at (rows, end)->block == r->block)
        end++;
      GArray *seed = carry && continues_table (rows, i, end, carry) ? carry->spans : NULL;
      if (last)
        g_array_unref (last);
      g_free (last_heading);
      last_heading = block_heading (rows, i, end);
      if (!last_heading && seed && carry->heading)
        last_heading = g_strdup (carry->heading);   /* a page of rows only */
      n += emit_block (rows, i, end, seed, out, &last);
      i = end;
    }
  if (carry)
    {
      if (carry->spans)
        g_array_unref (carry->spans);
      carry->spans = last;
      g_free (carry->heading);
      carry->heading = last_heading;
    }
  else
    {
      if (last)
        g_array_unref (last);
      g_free (last_heading);
    }
  return n;
}

static void
rows_free (GArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GArray *cells = row_at (rows, i)->cells;
      for (guint c = 0; c < cells->len; c++)
        {
          g_string_free (g_array_index (cells, Cell, c).text, TRUE);
          if (g_array_index (cells, Cell, c).gaps)
            g_array_unref (g_array_index (cells, Cell, c).gaps);
        }
      g_array_unref (cells);
    }
  g_array_unref (rows);
}

/* ---- space-aligned lines ----------------------------------------------- */

/* Where x lands on a line of characters: x mapped through the page's
 * character density, so that a column of figures, its heading and its
 * neighbours keep the order and overlaps they have on the page while a
 * Chinese character (twice a digit's width) takes one character, as in
 * `pdftotext -layout`. The density at x is one character per width of the
 * narrowest glyph any row has there (a digit's width where nothing is). */
typedef struct ColumnMap {
  double left, step;
  guint n;
  double *col;       /* col[i]: characters from the left to left + i*step */
} ColumnMap;

static void
column_map_free (ColumnMap *m)
{
  if (m)
    g_free (m->col);
  g_free (m);
}

#define MAP_BINS_PER_UNIT 4

static double
digit_width (GArray *glyphs)
{
  GArray *ws = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < glyphs->len; i++)
    {
      const PdfGlyph *g = &g_array_index (glyphs, PdfGlyph, i);
      double w = g->x1 - g->x0;
      if (g_ascii_isdigit (g->c) && w > 0)
        g_array_append_val (ws, w);
    }
  double unit = 0;
  if (ws->len)
    {
      g_array_sort (ws, compare_double);
      unit = g_array_index (ws, double, ws->len / 2);
    }
  else
    for (guint i = 0; i < glyphs->len; i++)
      {
        const PdfGlyph *g = &g_array_index (glyphs, PdfGlyph, i);
        unit = MAX (unit, 0.5 * (g->y1 - g->y0));
      }
  g_array_unref (ws);
  return unit > 0 ? unit : 1;
}

static ColumnMap *
column_map_new (GArray *glyphs)
{
  double unit = digit_width (glyphs);
  ColumnMap m = { G_MAXDOUBLE, unit / MAP_BINS_PER_UNIT, 0, NULL };
  double right = -G_MAXDOUBLE;
  for (guint i = 0; i < glyphs->len; i++)
    {
      const PdfGlyph *g = &g_array_index (glyphs, PdfGlyph, i);
      if (isfinite (g->x0) && isfinite (g->x1))
        m.left = MIN (m.left, g->x0), right = MAX (right, g->x1);
    }
  if (right < m.left)
    m.left = right = 0;   /* no glyph with a position */
  m.n = (guint) MIN (ceil ((right - m.left) / m.step), 200000.0) + 2;
  double *density = g_new (double, m.n);
  for (guint b = 0; b < m.n; b++)
    density[b] = 0;
  for (guint i = 0; i < glyphs->len; i++)
    {
      const PdfGlyph *g = &g_array_index (glyphs, PdfGlyph, i);
      double w = MAX (g->x1 - g->x0, 0.5 * unit);
      if (!isfinite (g->x0) || !isfinite (g->x1))
        continue;
      guint b0 = (guint) CLAMP (floor ((g->x0 - m.left) / m.step), 0, m.n);
      guint b1 = (guint) CLAMP (ceil ((g->x1 - m.left) / m.step), 0, m.n);
      for (guint b = b0; b < b1; b++)
        density[b] = MAX (density[b], 1.0 / w);
    }
  for (guint b = 0; b < m.n; b++)
    if (density[b] == 0)
      density[b] = 1.0 / unit;
  m.col = g_new (double, m.n + 1);
  m.col[0] = 0;
  for (guint b = 0; b < m.n; b++)
    m.col[b + 1] = m.col[b] + density[b] * m.step;
  g_free (density);
  return g_memdup2 (&m, sizeof m);
}

static int
column_map_at (const ColumnMap *m, double x)
{
  double b = (x - m->left) / m->step;
  guint i = isfinite (b) ? (guint) CLAMP (b, 0, m->n) : 0;
  return (int) lround (m->col[i]);
}

/* Empty lines for the space between rows ABOVE and R, as pdftotext
 * -layout writes them: one for a gap of half a row, two for a whole row
 * or more; a table's rows printed a line apart are read apart. */
static guint
blank_lines (const Row *above, const Row *r, GString *out)
{
  double gap = r->y0 - above->y1;
  guint n = 0;
  for (; n < 2 && above != r && gap > 0.5 * r->h * (n + 1); n++)
    g_string_append_c (out, '\n');
  return n;
}

/* Writes CELL's text from column COL: in a table's row (M not NULL) each
 * word after a word gap where its first glyph maps to, one space at
 * least, as pdftotext -layout places words; elsewhere (prose, titles) a
 * word gap is one space. Over a column of figures the grid gives a character per figure's
 * width, and Chinese characters are twice as wide: the words of a heading
 * row ("一般公共预 政府性基金预 国有资本经营 财政专户管理", a word gap
 * apart) would otherwise drift left of the words under them ("资金收入")
 * and no longer stand over their columns. Returns the column after. */
static int
append_words (GString *out, const ColumnMap *m, const Cell *cell, int col)
{
  const char *s = cell->text->str;
  gsize from = 0;
  for (guint g = 0; cell->gaps && g < cell->gaps->len; g++)
    {
      const Gap *gap = &g_array_index (cell->gaps, Gap, g);
      g_string_append_len (out, s + from, gap->at - from);
      col += (int) g_utf8_strlen (s + from, gap->at - from);
      int pad = m ? MAX (1, column_map_at (m, gap->x1) - col) : 1;
      for (int k = 0; k < pad; k++)
        g_string_append_c (out, ' ');
      col += pad;
      from = gap->at + 1;
    }
  g_string_append (out, s + from);
  return col + (int) g_utf8_strlen (s + from, -1);
}

/* Every row written on the page's character grid: each cell starts at
 * the column its left edge maps to, two spaces at least after the cell
 * before it. */
static guint
emit_spaced (GArray *rows, const ColumnMap *m, GString *out)
{
  guint n = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      Row *r = row_at (rows, i);
      n += blank_lines (row_at (rows, i - (i > 0)), r, out);
      int col = 0;
      for (guint c = 0; c < r->cells->len; c++)
        {
          const Cell *cell = &g_array_index (r->cells, Cell, c);
          int pad = column_map_at (m, cell->x0) - col;
          if (c > 0 && pad < 2)
            pad = 2;
          for (int k = 0; k < pad; k++)
            g_string_append_c (out, ' ');
          col += MAX (pad, 0);
          col = append_words (out, r->block >= 0 ? m : NULL, cell, col);
        }
      g_string_append_c (out, '\n');
      n++;
    }
  return n;
}

/* The rows FIRST..*END-1 of the page's first table block, or FALSE. */
static gboolean
first_block (GArray *rows, guint *first, guint *end)
{
  for (*first = 0; *first < rows->len && row_at (rows, *first)->block < 0; (*first)++)
    ;
  for (*end = *first; *end < rows->len
       && row_at (rows, *end)->block == row_at (rows, *first)->block; (*end)++)
    ;
  return *first < rows->len;
}

/* The rows FIRST..*END-1 of the page's last table block, or FALSE. */
static gboolean
last_block (GArray *rows, guint *first, guint *end)
{
  for (*end = rows->len; *end > 0 && row_at (rows, *end - 1)->block < 0; (*end)--)
    ;
  for (*first = *end; *first > 0
       && row_at (rows, *first - 1)->block == row_at (rows, *end - 1)->block; (*first)--)
    ;
  return *end > 0;
}

/* The page on the character grid. A page whose first table continues the
 * page before's last (its rows, or its headings repeated: CARRY) keeps that
 * page's grid: the grid follows what the page holds (headings narrow the
 * gaps they stand in), and a table's columns must not move between its
 * pages. The page's last table and its grid go on to the next page. */
static guint
emit_spaced_page (GArray *rows, GArray *glyphs, PdfCarry *carry, GString *out)
{
  guint first, end;
  gboolean continues = carry && carry->map && first_block (rows, &first, &end)
                       && continues_table (rows, first, end, carry);
  int continued = continues ? row_at (rows, first)->block : -2;
  ColumnMap *m = continues ? carry->map : column_map_new (glyphs);
  guint n = emit_spaced (rows, m, out);
  if (!carry)
    {
      column_map_free (m);
      return n;
    }
  GArray *spans = NULL;
  char *heading = NULL;
  if (last_block (rows, &first, &end))
    {
      GArray *seed = row_at (rows, first)->block == continued ? carry->spans : NULL;
      spans = block_columns (rows, first, end, seed);
      heading = block_heading (rows, first, end);
      if (!heading && seed && carry->heading)
        heading = g_strdup (carry->heading);
    }
  if (carry->spans)
    g_array_unref (carry->spans);
  g_free (carry->heading);
  carry->spans = spans;
  carry->heading = heading;
  if (!continues)
    {
      column_map_free (carry->map);
      carry->map = m;
    }
  return n;
}

guint
pdf_layout_page (GArray *glyphs, const PdfLayoutOptions *opts, PdfCarry *carry,
                 GString *out)
{
  if (glyphs->len == 0)
    return 0;
  int dir = make_upright (glyphs);
  if (carry && carry->dir != dir && carry->spans)
    g_clear_pointer (&carry->spans, g_array_unref);   /* turned: other x */
  if (carry)
    carry->dir = dir;
  GArray *rows = group_rows (glyphs, opts);
  mark_blocks (rows);
  guint n = opts->spaced ? emit_spaced_page (rows, glyphs, carry, out)
                         : emit_rows (rows, out, carry);
  rows_free (rows);
  return n;
}
