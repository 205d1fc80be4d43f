/* pdf: the page geometry (glyph boxes to tab-separated lines), kept apart
 * from poppler so it can be tested on boxes made by hand. */
#ifndef BP_PDF_PRIVATE_H
#define BP_PDF_PRIVATE_H

#include <budgetpipe/budgetpipe.h>

/* One glyph as poppler places it: its box (points, y down), the character,
 * and the line poppler's own reading order put it on (a hint that two
 * glyphs next to each other belong to different cells). */
typedef struct {
  double x0, y0, x1, y1;
  gunichar c;
  int reading_line;
} PdfGlyph;

typedef struct {
  double cell_gap;   /* a gap of this many glyph heights starts a new cell */
  double word_gap;   /* a gap of this many glyph heights is a space */
  gboolean spaced;   /* every row space-aligned on a character grid, not
                      * table rows tab-separated by column */
} PdfLayoutOptions;

/* What one page hands the next: the columns of its last table, which a
 * table at the top of the next page may continue. */
typedef struct PdfCarry PdfCarry;

PdfCarry *pdf_carry_new (void);
void pdf_carry_free (PdfCarry *carry);

/* Turns the glyphs of one page (in poppler's reading order; the array is
 * reordered) into the page's lines, appended to OUT, each ending in '\n':
 * rows by baseline, cells split at wide gaps. With OPTS->spaced, every
 * row's cells are placed on the page's character grid (as `pdftotext
 * -layout` writes them, for the tables stage's readers by position);
 * otherwise the rows of a table are aligned
 * to the table's columns and written tab-separated (an empty cell is an
 * empty field), other rows as plain text; a table at the top of the page
 * continuing the last table of the page before (CARRY, which may be NULL)
 * keeps its columns. Text set sideways or upside
 * down is turned upright first. Returns the number of lines appended. */
guint pdf_layout_page (GArray *glyphs, const PdfLayoutOptions *opts, PdfCarry *carry,
                       GString *out);

#endif
