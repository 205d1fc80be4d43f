/* pdf: the input stage for PDF files. Reads each page's positioned text
 * with poppler-glib and gives the document its source text: one line per
 * row of glyphs on the page's character grid (or, with lines = tabs,
 * table rows tab-separated and aligned to their columns),
 * every page after the first starting with a form feed (as pdftotext
 * writes it), so cleanup and every later stage read it like any extract and
 * each line knows its page. A document that is not a PDF passes unchanged. */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <poppler.h>

#include "pdf-private.h"

typedef struct {
  gint64 cell_gap;  /* percent of the glyph height */
  gint64 word_gap;
  char *lines;      /* "spaces" or "tabs" */
} PdfState;

static const BpOption pdf_options[] = {
  { "cell-gap", BP_OPT_INT, "100",
    "A horizontal gap of this share (%) of the glyph height between two glyphs of a row starts a new cell",
    offsetof (PdfState, cell_gap) },
  { "word-gap", BP_OPT_INT, "25",
    "A gap of this share (%) of the glyph height inside a cell is written as a space",
    offsetof (PdfState, word_gap) },
  { "lines", BP_OPT_ENUM, "spaces",
    "How a row's cells are written: spaces (every row on a character grid, as pdftotext -layout) or tabs (table rows tab-separated by column)",
    offsetof (PdfState, lines), "spaces|tabs" },
  BP_OPTION_END
};

static gboolean
pdf_init (BpStage *stage, void *state, GError **error)
{
  PdfState *st = state;
  if (st->word_gap < 1 || st->cell_gap <= st->word_gap || st->cell_gap > 10000)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "%s: want 0 < word-gap < cell-gap <= 10000", bp_stage_name (stage));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_pdf (const BpDocument *doc)
{
  gsize len = 0;
  const char *data = doc->bytes ? g_bytes_get_data (doc->bytes, &len) : NULL;
  /* The header may follow a little junk (readers accept it in the first KB). */
  for (gsize i = 0; data && i + 5 <= MIN (len, 1024); i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

/* The page's glyphs in poppler's reading order, without white space: rows
 * and cells come from where the glyphs sit, not from the spaces. */
static GArray *
page_glyphs (PopplerPage *page)
{
  GArray *glyphs = g_array_new (FALSE, FALSE, sizeof (PdfGlyph));
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  if (!text || !poppler_page_get_text_layout (page, &rects, &n_rects))
    return glyphs;
  int reading_line = 0;
  guint i = 0;
  for (const char *p = text; *p && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      if (c == '\n')
        reading_line++;
      if (c == (gunichar) -1 || c == (gunichar) -2 || g_unichar_isspace (c)
          || g_unichar_iscntrl (c) || c == 0x3000)
        continue;
      const PopplerRectangle *r = &rects[i];
      PdfGlyph g = { MIN (r->x1, r->x2), MIN (r->y1, r->y2), MAX (r->x1, r->x2),
                     MAX (r->y1, r->y2), c, reading_line };
      g_array_append_val (glyphs, g);
    }
  g_free (rects);
  return glyphs;
}

/* A page without glyphs that shows an image: a scan. */
static gboolean
page_is_image_only (PopplerPage *page)
{
  GList *images = poppler_page_get_image_mapping (page);
  gboolean any = images != NULL;
  poppler_page_free_image_mapping (images);
  return any;
}

typedef struct {
  GString *text;
  int line;              /* lines written so far */
  GArray *page_line;     /* int: first source line of each page */
  GArray *scanned;       /* int: 1-based pages with an image and no text */
  guint text_pages;      /* pages with at least one glyph */
  PdfCarry *carry;       /* the columns a table may carry to the next page */
} Extract;

static void
extract_page (PopplerPage *page, int index, const PdfLayoutOptions *o, Extract *x)
{
  if (index > 0)
    g_string_append_c (x->text, '\f');
  int first = x->line + 1;
  g_array_append_val (x->page_line, first);
  GArray *glyphs = page_glyphs (page);
  guint n = pdf_layout_page (glyphs, o, x->carry, x->text);
  if (n == 0)
    {
      /* The page still has its line, so the next one starts on its own. */
      g_string_append_c (x->text, '\n');
      n = 1;
      int number = index + 1;
      if (page_is_image_only (page))
        g_array_append_val (x->scanned, number);
    }
  else
    x->text_pages++;
  x->line += (int) n;
  g_array_unref (glyphs);
}

/* "3, 5-7" */
static char *
page_list (GArray *pages)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < pages->len;)
    {
      int a = g_array_index (pages, int, i), b = a;
      for (i++; i < pages->len && g_array_index (pages, int, i) == b + 1; i++)
        b++;
      g_string_append_printf (s, "%s%d", s->len ? ", " : "", a);
      if (b > a)
        g_string_append_printf (s, "-%d", b);
    }
  return g_string_free (s, FALSE);
}

static PopplerDocument *
open_pdf (BpDocument *doc, GError **error)
{
  GError *e = NULL;
  PopplerDocument *pd = poppler_document_new_from_bytes (doc->bytes, NULL, &e);
  if (pd)
    return pd;
  if (g_error_matches (e, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error (error, BP_ERROR, BP_ERROR_INPUT,
                 "encrypted PDF: it opens only with a password, budgetpipe cannot read it");
  else
    g_set_error (error, BP_ERROR, BP_ERROR_INPUT,
                 "damaged PDF, cannot be read (%s)", e ? e->message : "no reason given");
  g_clear_error (&e);
  return NULL;
}

/* Every page of PD into X; FALSE when no page had text to read. */
static gboolean
extract_pages (PopplerDocument *pd, const PdfLayoutOptions *o, Extract *x,
               GError **error)
{
  int n = poppler_document_get_n_pages (pd);
  if (n <= 0)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INPUT, "the PDF has no pages");
      return FALSE;
    }
  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (pd, i);
      if (page)
        extract_page (page, i, o, x);
      g_clear_object (&page);
    }
  if (x->text_pages > 0)
    return TRUE;
  if (x->scanned->len)
    {
      g_autofree char *list = page_list (x->scanned);
      g_set_error (error, BP_ERROR, BP_ERROR_INPUT,
                   "no text layer: %d pages, all images (scanned? pages %s); "
                   "budgetpipe does no OCR", n, list);
    }
  else
    g_set_error (error, BP_ERROR, BP_ERROR_INPUT, "no text on any of its %d pages", n);
  return FALSE;
}

static void
report_scanned_pages (BpDocument *doc, Extract *x)
{
  if (!x->scanned->len)
    return;
  g_autofree char *list = page_list (x->scanned);
  int first = g_array_index (x->scanned, int, 0);
  g_autofree char *count = g_strdup_printf ("%u", x->scanned->len);
  BpFinding *f = bp_document_add_finding (
    doc, "text.no_text_layer", "text", BP_SEVERITY_WARNING,
    g_array_index (x->page_line, int, first - 1), NULL,
    "page%s %s: an image without a text layer (scanned?); not read, no OCR",
    x->scanned->len > 1 ? "s" : "", list);
  bp_finding_set_values (f, "0", count);
}

static gboolean
pdf_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  PdfState *st = state;
  if (!is_pdf (doc))
    return TRUE;
  PopplerDocument *pd = open_pdf (doc, error);
  if (!pd)
    return FALSE;
  PdfLayoutOptions o = { st->cell_gap / 100.0, st->word_gap / 100.0,
                        g_strcmp0 (st->lines, "tabs") != 0 };
  Extract x = { g_string_new (NULL), 0, g_array_new (FALSE, FALSE, sizeof (int)),
                g_array_new (FALSE, FALSE, sizeof (int)), 0, pdf_carry_new () };
  gboolean ok = extract_pages (pd, &o, &x, error);
  if (ok)
    {
      bp_document_set_text (doc, g_string_free (g_steal_pointer (&x.text), FALSE), "UTF-8");
      /* The lines the stage produced, with their pages, are the
       * document's lines until cleanup: a dump after this stage shows them. */
      bp_document_seed_lines (doc);
      g_autofree char *pages = g_strdup_printf ("%u", x.page_line->len);
      bp_document_set_meta (doc, "pdf.pages", pages);
      report_scanned_pages (doc, &x);
      BP_DEBUG (stage, "%s: %u pages, %d lines", doc->stem, x.page_line->len, x.line);
    }
  if (x.text)
    g_string_free (x.text, TRUE);
  g_array_unref (x.page_line);
  g_array_unref (x.scanned);
  pdf_carry_free (x.carry);
  g_object_unref (pd);
  return ok;
}

BP_PLUGIN_DEFINE (pdf) = {
  .abi_version = BP_ABI_VERSION,
  .name = "pdf",
  .summary = "Read a PDF's positioned text (poppler): rows by baseline on a character grid (or table rows tab-separated by column), one form feed per page",
  .role = BP_ROLE_CLEANUP,
  .options = pdf_options,
  .state_size = sizeof (PdfState),
  .init = pdf_init,
  .process = pdf_process,
};
