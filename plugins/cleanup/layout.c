/* Layout: pages, page furniture, and paragraphs the PDF broke at a fixed
 * width joined back into logical lines, each mapped to its source lines. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup-private.h"

#define MAX_BLANKS_IN_JOIN 4   /* a page break leaves a few blank lines */
/* A paragraph longer than this is no paragraph (the corpus's longest is 34
 * source lines, 1.5 KB) but a file without sentence ends; capping it keeps
 * later stages, which search a logical line per figure, linear. */
#define MAX_JOIN_BYTES 16384
#define MIN_PAGES_FOR_HEADS 3

typedef enum {
  SHAPE_BLANK, SHAPE_PROSE, SHAPE_HEADING, SHAPE_LIST, SHAPE_TABLE,
  SHAPE_TOC, SHAPE_TITLE, SHAPE_FURNITURE
} Shape;

/* One source line being read: repaired, trimmed, scanned and shaped. */
typedef struct {
  const char *text; /* OWNED, or the source line */
  char *owned;
  LineScan scan;
  Shape shape;
  gboolean raw_form_feed;  /* the source line has '\f' */
  gboolean raw_comma;      /* the source line has ',' */
} ReadLine;

/* The widest a kept line is said to be: every width the passes compare
 * with (80, a body width below MAX_WIDTH) is below it, so a wider line is
 * as wide. */
#define SRC_MAX_WIDTH 2047

/* What the passes know of a non-blank source line besides its text and
 * its page (SrcArray's PAGES): its LineScan packed with its shape and
 * breaks, the same members, so the same layout, in SrcLine and SrcKept
 * (copied whole from one to the other). */
#define SRC_LINE_FACTS                                                      \
  struct {                                                                  \
    int line;                                                               \
    guint32 len;          /* bytes of the text */                           \
    guint width : 11;     /* display columns, at most SRC_MAX_WIDTH */      \
    guint triggers : 7;   /* TRIGGER_* */                                   \
    guint sentence : 1;   /* has ，。；？！ */                              \
    guint one_token : 1;  /* one run of characters between spaces */       \
    guint shape : 3;      /* Shape */                                       \
    guint blanks_before : 3; /* blank lines right before it, at most 7     \
                              * (only 0 and up to MAX_BLANKS_IN_JOIN       \
                              * matter) */                                 \
    guint page_start : 1;                                                   \
    guint form_feed : 1;        /* the break is a real form feed */         \
    guint blank_page_start : 1; /* a blank line right before it broke      \
                                 * the page */                              \
    guint owned : 1;      /* SrcKept: TEXT indexes SrcArray's OWNED */      \
    guint figure_mark : 1; /* has '.' or ',' */                             \
    guint comma : 1;      /* has ',' */                                     \
  }
G_STATIC_ASSERT (TRIGGER_LATIN < 1 << 7 && SHAPE_FURNITURE < 1 << 3 && MAX_BLANKS_IN_JOIN < 7);

/* One non-blank source line after repair, as the passes read it. */
typedef struct {
  const char *text;     /* repaired and trimmed: in the source line's
                         * buffer, or a copy of SrcArray's OWNED */
  SRC_LINE_FACTS;
  int page;
} SrcLine;

/* A SrcLine as kept for the whole document's passes (running heads, page
 * numbers, body width, joining), so packed: 16 bytes, its text an offset
 * rather than a pointer and its page in SrcArray's PAGES (at 32 and then
 * 24 bytes they were most of the peak of a file of short lines, above its
 * logical lines of 16: issue 18). Blank lines are none (a file of bare newlines
 * would cost 24 bytes per byte): the next one counts them and keeps
 * whether one of them broke the page. */
typedef struct {
  guint32 text;         /* offset in the source text, or (owned) the
                         * index of its copy in SrcArray's OWNED */
  SRC_LINE_FACTS;
} SrcKept;
G_STATIC_ASSERT (sizeof (SrcKept) == 16);
#define SRC_FACTS_SIZE (sizeof (SrcKept) - offsetof (SrcKept, line))
G_STATIC_ASSERT (offsetof (SrcLine, page) - offsetof (SrcLine, line) >= SRC_FACTS_SIZE);

/* The document's non-blank source lines in blocks of SRC_BLOCK: joining
 * frees each block once past it, so the logical lines it makes take the
 * room of the source lines read rather than room of their own (a file of
 * many short lines would hold both at once). */
#define SRC_BLOCK 4096
typedef struct {
  SrcKept **blocks;  /* SrcKept[SRC_BLOCK] each; NULL once freed */
  guint len;
  const char *base;  /* the source text (its first line) */
  GPtrArray *owned;  /* the texts lines own, freed at the end */
  GArray *pages;     /* SrcPage: where the page changes */
} SrcArray;

/* Lines from index AT on are on PAGE (pages only grow). */
typedef struct {
  guint at;
  int page;
} SrcPage;

/* The index in A's PAGES of the page line I is on. */
static guint
src_page_index (const SrcArray *a, guint i)
{
  guint lo = 0, hi = a->pages->len;   /* pages[0].at == 0 <= i */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (a->pages, SrcPage, mid).at <= i)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The page line I is on. */
static int
src_page (const SrcArray *a, guint i)
{
  return g_array_index (a->pages, SrcPage, src_page_index (a, i)).page;
}

/* Line I as kept: what needs no text is read here. */
static inline SrcKept *
src_kept (const SrcArray *a, guint i)
{
  return &a->blocks[i / SRC_BLOCK][i % SRC_BLOCK];
}

static inline const char *
src_kept_text (const SrcArray *a, const SrcKept *k)
{
  return k->owned ? (const char *) a->owned->pdata[k->text] : a->base + k->text;
}

/* The text of line I. */
static inline const char *
src_text (const SrcArray *a, guint i)
{
  return src_kept_text (a, src_kept (a, i));
}

/* Line K (of A) whole, into L (in place: a copy of a returned struct
 * just stored stalled) */
static inline void
src_line (const SrcArray *a, const SrcKept *k, SrcLine *l)
{
  memcpy (&l->line, &k->line, SRC_FACTS_SIZE);
  l->text = src_kept_text (a, k);
}

/* How a kept line refers to TEXT (or, when not null, to OWNED, taken):
 * sets *IS_OWNED. */
static guint32
src_text_ref (SrcArray *a, const char *text, char *owned, gboolean *is_owned)
{
  gsize at = (gsize) (text - a->base);
  if (G_UNLIKELY (!owned && at > G_MAXUINT32))
    owned = g_strdup (text);   /* past 4 GB of text: a copy */
  *is_owned = owned != NULL;
  if (!owned)
    return (guint32) at;
  g_ptr_array_add (a->owned, owned);
  return a->owned->len - 1;
}

/* A new line at the end of A, for the caller to set. */
static SrcKept *
src_append (SrcArray *a)
{
  if (a->len % SRC_BLOCK == 0)
    {
      a->blocks = g_renew (SrcKept *, a->blocks, a->len / SRC_BLOCK + 1);
      a->blocks[a->len / SRC_BLOCK] = g_new (SrcKept, SRC_BLOCK);
    }
  return src_kept (a, a->len++);
}

/* Block B is done with: no pointer into it is left. */
static void
src_drop_block (SrcArray *a, guint b)
{
  g_clear_pointer (&a->blocks[b], g_free);
}

static void
src_free (SrcArray *a)
{
  for (guint b = 0; b * SRC_BLOCK < a->len; b++)
    g_free (a->blocks[b]);
  g_free (a->blocks);
  g_ptr_array_unref (a->owned);
  g_array_unref (a->pages);
  g_free (a);
}

/* The document's non-blank source lines, and its pages. */
typedef struct {
  SrcArray *src;
  int pages;    /* the last line's page, blank or not */
} SrcLines;

/* S (LEN bytes) ends with the string literal LIT. */
#define ends_with(s, len, lit) \
  ((len) >= sizeof (lit) - 1 && memcmp ((s) + (len) - (sizeof (lit) - 1), (lit), sizeof (lit) - 1) == 0)

/* The length of S (LEN bytes) without a short bracketed qualifier at its
 * end: "财政拨款支出预算表（功能科目）" → "财政拨款支出预算表". */
static gsize
without_qualifier (const char *s, gsize len)
{
  if (!ends_with (s, len, "）") && !ends_with (s, len, ")"))
    return len;
  for (gsize i = len, n = 0; i > 0 && n <= 8; n++)
    {
      i = (gsize) (g_utf8_find_prev_char (s, s + i) - s);
      if (g_str_has_prefix (s + i, "（") || s[i] == '(')
        return n > 1 ? i : len;
    }
  return len;
}

/* A short line ending in 表 names a table: the joiner leaves it alone. */
static gboolean
is_title (const char *s, const LineScan *scan)
{
  gsize len = without_qualifier (s, scan->len);
  return scan->width <= 80 && (ends_with (s, len, "表") || ends_with (s, scan->len, "表）")
                               || ends_with (s, scan->len, "表)"));
}

static Shape
shape_of (const CleanupState *st, const char *s, const LineScan *scan)
{
  if (*s == '\0')
    return SHAPE_BLANK;
  if (st->strip_page_numbers && cleanup_is_page_number (st, s, scan->len, scan->digit, scan->ideographs))
    return SHAPE_FURNITURE;
  if (cleanup_is_table_row (s, scan))
    return SHAPE_TABLE;
  if (scan->leader)
    return SHAPE_TOC;
  if (cleanup_is_heading (s))
    return SHAPE_HEADING;
  if (cleanup_is_list_item (s))
    return SHAPE_LIST;
  if (is_title (s, scan))
    return SHAPE_TITLE;
  return SHAPE_PROSE;
}

/* pdftotext starts a page with a form feed, or (when the file lost them)
 * with one leading space before the first character. */
static gboolean
single_space_start (const char *raw)
{
  return raw[0] == ' ' && raw[1] != ' ' && raw[1] != '\0' && raw[1] != '\t'
         && raw[1] != '-' && raw[1] != '*' && !strchr (raw, '\t');
}

/* Trims ASCII whitespace (not tabs: leading/trailing tabs are empty
 * cells), copying only when there is something to trim. The scan stays
 * true: each trimmed byte was one column and set no other mark. */
static void
trim_line (ReadLine *l)
{
  const char *s = l->text;
  gsize len = l->scan.len, head = 0, tail = len;
  if (l->scan.tab)
    return;
  while (head < len && g_ascii_isspace (s[head]))
    head++;
  while (tail > head && g_ascii_isspace (s[tail - 1]))
    tail--;
  if (head == 0 && tail == len)
    return;
  char *t = g_strndup (s + head, tail - head);
  g_free (l->owned);
  l->text = l->owned = t;
  l->scan.len = tail - head;
  l->scan.width -= (int) (len - l->scan.len);
}

/* Runs of spaces become one space: a layout-mode extract justifies prose
 * with them, and they would widen the line against the page width. A table
 * row without tabs keeps them (its column gaps); in a tab-separated row
 * they are inside cells ("收    入"). Like trimming, each removed byte was
 * one column and set no other mark. */
static void
collapse_spaces (ReadLine *l)
{
  /* the scan saw any "  " (trimming only removes some) */
  if ((!l->scan.tab && (l->shape == SHAPE_TABLE || l->shape == SHAPE_TOC))
      || !l->scan.double_space || !strstr (l->text, "  "))
    return;
  char *t = g_malloc (l->scan.len + 1), *o = t;
  for (const char *p = l->text; *p; p++)
    if (*p != ' ' || o == t || o[-1] != ' ')
      *o++ = *p;
  *o = '\0';
  gsize removed = l->scan.len - (gsize) (o - t);
  g_free (l->owned);
  l->text = l->owned = t;
  l->scan.len -= removed;
  l->scan.width -= (int) removed;
}

/* Source line I repaired, trimmed, scanned and shaped, into L. The scan
 * of the raw line says which repairs it needs; most need none and keep
 * it. */
static void
read_line (const CleanupState *st, const char *raw, CleanupTabs *tabs, gboolean regroup,
           ReadLine *l)
{
  l->text = raw;
  l->owned = NULL;
  cleanup_scan_line (raw, &l->scan);
  l->raw_form_feed = l->scan.form_feed;
  l->raw_comma = l->scan.comma;
  if (l->scan.needs && (l->owned = cleanup_repair_line (st, raw, tabs, l->scan.needs)))
    {
      l->text = l->owned;
      cleanup_scan_line (l->text, &l->scan);
    }
  /* a line without a comma has nothing to regroup */
  char *grouped = regroup && l->scan.comma ? cleanup_regroup_commas (l->text) : NULL;
  if (grouped)
    {
      g_free (l->owned);
      l->text = l->owned = grouped;
      cleanup_scan_line (l->text, &l->scan);
    }
  trim_line (l);
  l->shape = shape_of (st, l->text, &l->scan);
  collapse_spaces (l);
}

/* Line K read again from its source line, its figures regrouped
 * (cleanup_regroup_commas), when that changes it. */
static void
regroup_kept (const CleanupState *st, BpDocument *doc, SrcArray *src,
              CleanupTabs *tabs, SrcKept *k)
{
  ReadLine r;
  read_line (st, bp_document_source_line (doc, k->line), tabs, TRUE, &r);
  gsize old_len = k->len;
  const char *old = src_kept_text (src, k);
  if (r.scan.len == old_len && memcmp (r.text, old, old_len) == 0)
    {
      g_free (r.owned);
      return;
    }
  gboolean owned;
  k->text = src_text_ref (src, r.text, r.owned, &owned);
  k->owned = owned;
  k->len = (guint32) r.scan.len;
  k->width = (guint) CLAMP (r.scan.width, 0, SRC_MAX_WIDTH);
  k->triggers = r.scan.triggers;
  k->sentence = r.scan.sentence;
  k->one_token = r.scan.tokens == 1;
  k->figure_mark = r.scan.figure_mark;
  k->comma = r.scan.comma;
  k->shape = r.shape;
}

/* Whether the figures lost their thousands separators is known only when
 * every line has been read (KINDS, cleanup_count_commas): the lines with
 * a comma are then read again, when they did. A pass of its own over
 * every line before them cost more (issue 18). */
static void
regroup_lines (const CleanupState *st, BpDocument *doc, SrcArray *src,
               CleanupTabs *tabs, const guint kinds[3])
{
  if (!st->normalize || !cleanup_commas_misplaced_by (kinds))
    return;
  for (guint i = 0; i < src->len; i++)
    if (src_kept (src, i)->comma)
      regroup_kept (st, doc, src, tabs, src_kept (src, i));
}

static SrcLines
read_lines (const CleanupState *st, BpDocument *doc)
{
  CleanupTabs tabs = { doc, -1 };
  guint kinds[3] = { 0, 0, 0 };   /* of cleanup_count_commas */
  SrcArray *src = g_new0 (SrcArray, 1);
  src->owned = g_ptr_array_new_with_free_func (g_free);
  src->pages = g_array_new (FALSE, FALSE, sizeof (SrcPage));
  src->base = bp_document_source_line (doc, 1);
  gboolean feeds = bp_document_has_form_feeds (doc);
  int page = 1, blanks = 0;
  gboolean blank_break = FALSE;
  guint i = 0;
  for (const char *raw = bp_document_source_line (doc, 1); raw;
       raw = bp_document_source_line_next (doc, raw), i++)
    {
      ReadLine r;
      read_line (st, raw, &tabs, FALSE, &r);
      if (r.raw_comma && st->normalize)
        cleanup_count_commas (raw, kinds);
      gboolean brk = feeds ? r.raw_form_feed : single_space_start (raw);
      if (brk && i > 0)
        page++;
      if (r.shape == SHAPE_BLANK)
        {
          g_free (r.owned);
          blanks++;
          blank_break |= brk;
          continue;
        }
      gboolean owned;
      guint32 text = src_text_ref (src, r.text, r.owned, &owned);
      if (src->pages->len == 0
          || g_array_index (src->pages, SrcPage, src->pages->len - 1).page != page)
        g_array_append_vals (src->pages, &(SrcPage) { src->len, page }, 1);
      *src_append (src) = (SrcKept) {
        .text = text, .owned = owned, .line = (int) i + 1,
        .len = (guint32) r.scan.len,
        .width = (guint) CLAMP (r.scan.width, 0, SRC_MAX_WIDTH),
        .triggers = r.scan.triggers,
        .sentence = r.scan.sentence, .one_token = r.scan.tokens == 1,
        .figure_mark = r.scan.figure_mark, .comma = r.scan.comma,
        .shape = r.shape, .blanks_before = (guint) MIN (blanks, 7),
        .page_start = brk, .form_feed = brk && feeds, .blank_page_start = blank_break };
      blanks = 0;
      blank_break = FALSE;
    }
  regroup_lines (st, doc, src, &tabs, kinds);
  return (SrcLines) { .src = src, .pages = page };
}

/* ---- running headers and footers --------------------------------------- */

/* Whether line I is the first or the last non-blank line of its page. */
static gboolean
at_page_edge (const SrcArray *src, guint i)
{
  /* its page's lines: [FROM, TO) */
  guint p = src_page_index (src, i);
  guint from = g_array_index (src->pages, SrcPage, p).at;
  guint to = p + 1 < src->pages->len ? g_array_index (src->pages, SrcPage, p + 1).at : src->len;
  gboolean first = TRUE, last = TRUE;
  for (guint j = i; first && j-- > from;)
    first = src_kept (src, j)->shape == SHAPE_BLANK;
  for (guint j = i + 1; last && j < to; j++)
    last = src_kept (src, j)->shape == SHAPE_BLANK;
  return first || last;
}

/* A line that is one amount with separators ("228,233,799"): a table
 * cell plain text printed on its own line, maybe a page's last, and the
 * same figure may end several pages (a total on each table's last page). */
static gboolean
is_lone_amount (const char *text)
{
  /* TEXT without the ASCII space around it, copied only when it is made
   * of the figure's characters (a copy per line was most of the cost) */
  const char *s = text, *e = text + strlen (text);
  while (s < e && g_ascii_isspace (*s))
    s++;
  while (e > s && g_ascii_isspace (e[-1]))
    e--;
  gsize len = (gsize) (e - s);
  if (!memchr (s, ',', len) && !memchr (s, '.', len))
    return FALSE;
  for (const char *p = s; p < e; p++)
    if (!g_ascii_isdigit (*p) && *p != ',' && *p != '.' && *p != '-')
      return FALSE;
  g_autofree char *t = g_strndup (s, len);
  return bp_amount_looks_like (t);
}

/* Running-head candidates: short text lines. Titles, headings, table
 * rows and lone figures are left alone even when they repeat (a table
 * title repeated on each page tells the tables stage the table continues). */
static gboolean
may_be_running_head (const SrcArray *src, const SrcKept *l)
{
  return (l->shape == SHAPE_PROSE || l->shape == SHAPE_LIST) && l->width <= 80
         && !is_lone_amount (src_kept_text (src, l));
}

/* Marks lines that recur on at least three pages and only ever as a page's
 * first or last non-blank line: running heads, not content. Only edge
 * lines are counted; a text also seen away from an edge is content. */
static void
mark_running_heads (SrcArray *src, int pages)
{
  if (pages < MIN_PAGES_FOR_HEADS)
    return;
  g_autoptr (GHashTable) count = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint8 *edge = g_new0 (guint8, src->len);   /* a byte a line */
  guint8 lengths[32] = { 0 };   /* bytes % 256 of the counted texts: a cheap filter */
  for (guint i = 0; i < src->len; i++)
    {
      const SrcKept *l = src_kept (src, i);
      if (!may_be_running_head (src, l) || !(edge[i] = at_page_edge (src, i)))
        continue;
      const char *text = src_kept_text (src, l);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (count, text));
      g_hash_table_insert (count, (gpointer) text, GUINT_TO_POINTER (n + 1));
      lengths[(l->len & 0xFF) / 8] |= 1 << (l->len % 8);
    }
  for (guint i = 0; i < src->len; i++)
    {
      const SrcKept *l = src_kept (src, i);
      if (!edge[i] && may_be_running_head (src, l)
          && (lengths[(l->len & 0xFF) / 8] & (1 << (l->len % 8))))
        g_hash_table_remove (count, src_kept_text (src, l));   /* content */
    }
  for (guint i = 0; i < src->len; i++)
    {
      if (edge[i] && GPOINTER_TO_UINT (g_hash_table_lookup (count, src_text (src, i)))
                     >= MIN_PAGES_FOR_HEADS)
        src_kept (src, i)->shape = SHAPE_FURNITURE;
    }
}

/* A lone number right before or after a form-feed page break. */
static gboolean
lone_number_at_break (const SrcArray *src, guint i)
{
  const SrcKept *l = src_kept (src, i);
  if (l->shape != SHAPE_TABLE && l->shape != SHAPE_PROSE)
    return FALSE;
  if (l->len > 4 || strspn (src_kept_text (src, l), "0123456789") != l->len)
    return FALSE;
  /* the next line is the next non-blank one: blank lines are none kept */
  return l->form_feed || (i + 1 < src->len && src_kept (src, i + 1)->form_feed);
}

/* A lone number at a page break is a page number when another one counts
 * the pages with it (their values differ as their pages do); elsewhere,
 * or alone, it may be a table cell (plain text prints a code's 款 digits
 * "05", or a 类 "208", as a page's last or first line). */
static void
mark_lone_page_numbers (SrcArray *src)
{
  g_autoptr (GArray) at = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < src->len; i++)
    if (lone_number_at_break (src, i))
      g_array_append_val (at, i);
  for (guint a = 0; a < at->len; a++)
    {
      SrcKept *l = src_kept (src, g_array_index (at, guint, a));
      int l_page = src_page (src, g_array_index (at, guint, a));
      long v = strtol (src_kept_text (src, l), NULL, 10);
      gboolean counted = FALSE;
      /* the neighbouring breaks' numbers: a page's, the next page's */
      for (guint b = a >= 3 ? a - 3 : 0; b < at->len && b <= a + 3 && !counted; b++)
        {
          guint ob = g_array_index (at, guint, b);
          const SrcKept *o = src_kept (src, ob);
          int o_page = src_page (src, ob);
          counted = o_page != l_page
                    && strtol (src_kept_text (src, o), NULL, 10) - v == (long) (o_page - l_page);
        }
      if (counted)
        l->shape = SHAPE_FURNITURE;
    }
}

/* ---- body width ----------------------------------------------------------- */

/* The width at which the PDF broke prose: the most common width (in a
 * 6-column window) of the longer half of the prose lines. A document whose
 * paragraphs are one line each has many lines wider than that: 0 then, no
 * width-based joining. */
#define WIDTH_WINDOW 6
#define MAX_WIDTH 1024
G_STATIC_ASSERT (MAX_WIDTH <= SRC_MAX_WIDTH);

static int
body_width (const SrcArray *src)
{
  g_autofree int *hist = g_new0 (int, MAX_WIDTH);
  int total = 0;
  for (guint i = 0; i < src->len; i++)
    {
      const SrcKept *l = src_kept (src, i);
      if (l->shape == SHAPE_PROSE || l->shape == SHAPE_LIST || l->shape == SHAPE_HEADING)
        hist[MIN (l->width, MAX_WIDTH - 1)]++, total++;
    }
  int median = 0;
  for (int seen = 0; median < MAX_WIDTH && seen * 2 < total; median++)
    seen += hist[median];
  int best = 0, best_n = 0;
  for (int w = MAX (24, median); w < MAX_WIDTH; w++)
    {
      int n = 0;
      for (int k = w - WIDTH_WINDOW + 1; k <= w; k++)
        n += hist[k];
      if (n > best_n)
        best = w, best_n = n;
    }
  int wider = 0;
  for (int w = best + WIDTH_WINDOW + 1; w < MAX_WIDTH; w++)
    wider += hist[w];
  return best_n >= 5 && wider * 2 <= best_n ? best : 0;
}

/* ---- joining ------------------------------------------------------------- */

/* A closing bracket or quote is no sentence end: "…维修（护）" / "费、租赁费"
 * and "…行政单位离退休（项）" / "201.59 万元" go on. */
static gboolean
ends_sentence (const char *s, gsize len)
{
  if (len == 0)
    return FALSE;
  const char *last = g_utf8_find_prev_char (s, s + len);
  switch (g_utf8_get_char (last ? last : s))
    {
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B: case 0xFF1A: /* 。！？；： */
    case ':': case ';': case '!': case '?':
      return TRUE;
    default:
      return FALSE;
    }
}

/* By bytes: （ and ） are EF BC 88/89, and EF is only ever a lead byte. */
static gboolean
unclosed_paren (const char *s)
{
  int open = 0;
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      gboolean wide = p[0] == 0xEF && p[1] == 0xBC;
      open += (*p == '(' || (wide && p[2] == 0x88)) - (*p == ')' || (wide && p[2] == 0x89));
    }
  return open > 0;
}

/* "1794.05" + "万元，…": a figure split from its unit. */
static gboolean
unit_split (const char *a, gsize n, const char *b)
{
  /* "…运行费0万" / "元，与2024年…": the unit itself broken */
  gsize w = strlen ("万");
  if (n > w && g_ascii_isdigit (a[n - w - 1])
      && (ends_with (a, n, "万") || ends_with (a, n, "亿")))
    return g_str_has_prefix (b, "元");
  return n && g_ascii_isdigit (a[n - 1])
         && (g_str_has_prefix (b, "万元") || g_str_has_prefix (b, "元")
             || g_str_has_prefix (b, "%") || g_str_has_prefix (b, "亿元"));
}

/* "。2025年…", "，比上年…": closing punctuation never starts a paragraph;
 * the PDF pushed it onto the next line. */
static gboolean
starts_with_closing_punct (const char *s)
{
  if ((guchar) *s < 0x80)
    return *s == ',' || *s == ';' || *s == ':' || *s == ')' || *s == '.'
           || *s == '?' || *s == '!';
  switch (g_utf8_get_char (s))
    {
    case 0x3002: case 0xFF0C: case 0x3001: case 0xFF1B: case 0xFF1A: /* 。，、；： */
    case 0xFF1F: case 0xFF01: case 0xFF09: case 0x300B: case 0x300D: /* ？！）》」 */
    case 0x300F: case 0x3011: case 0x201D: case 0x2019:              /* 』】”’ */
      return TRUE;
    default:
      return FALSE;
    }
}

/* "单位：元", "联系电话：…": two to eight Chinese characters (or '/') and a
 * colon start a label line, something new. */
static gboolean
starts_with_label (const char *s)
{
  int n = 0;
  const char *p = s;
  for (; *p && n <= 8; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (!bp_text_is_cjk (c) && c != '/')
        break;
    }
  while (*p == ' ')
    p++;
  return n >= 2 && n <= 8 && (g_str_has_prefix (p, "：") || *p == ':');
}

/* "252.82", "(1,019.68)" alone on a line: a table cell printed on a line
 * of its own (plain pdftotext), never part of a sentence broken at the
 * page width. The item name above it ("未归口管理的行政单位离退休") would
 * otherwise swallow the figure, and a note below it starting with "："
 * would be glued on. A figure with decimals or thousands separators
 * ("1,887,467": tables in 元): a bare integer may be a page number or a
 * count cut from its sentence. */
static gboolean
is_lone_figure (const SrcLine *l)
{
  return l->one_token && !l->sentence && l->figure_mark   /* '.' or ',' */
         && bp_amount_looks_like (l->text);
}

static gboolean
can_continue (const Logical *cur, const SrcLine *last, const SrcLine *next,
              int width, int join_percent)
{
  if (next->shape != SHAPE_PROSE || is_lone_figure (next) || is_lone_figure (last))
    return FALSE;
  if (last->shape == SHAPE_TABLE || last->shape == SHAPE_TOC
      || last->shape == SHAPE_TITLE)
    return FALSE;
  gboolean join;
  if (unit_split (last->text, last->len, next->text))
    join = TRUE;
  else if (ends_sentence (last->text, last->len))
    join = FALSE;
  /* a heading continues inside its parentheses; one with sentence
   * punctuation is an enumerated paragraph ("（三）逐步建立…，健全…"), and a
   * note (注：…) one paragraph: both are broken like prose. */
  else if (last->shape == SHAPE_HEADING && !unclosed_paren (cur->text)
           && !cleanup_is_note (cur->text) && !last->sentence)
    join = FALSE;
  else
    join = starts_with_closing_punct (next->text)
           || (width > 0 && last->width * 100 >= width * join_percent);
  /* the dearest test last: most lines fail a cheaper one */
  return join && !starts_with_label (next->text);
}

/* ---- figures split at the decimal point -------------------------------- */

/* Whether S (LEN bytes) ends with a whole number ("174,900", "2515") that
 * is not itself the tail of a decimal figure or a date ("2026.05"). */
static gboolean
ends_with_integer (const char *s, gsize len)
{
  gsize i = len;
  while (i > 0 && (g_ascii_isdigit (s[i - 1]) || s[i - 1] == ','))
    i--;
  if (i == len || !g_ascii_isdigit (s[len - 1]) || !g_ascii_isdigit (s[i]))
    return FALSE;
  return i == 0 || (s[i - 1] != '.' && s[i - 1] != '-' && s[i - 1] != '/');
}

/* The bytes of the cents ".64" that start S, or 0. Two digits when a
 * figure of the next column follows glued (".81154,304"). */
static gsize
cents_prefix (const char *s)
{
  if (s[0] != '.' || !g_ascii_isdigit (s[1]))
    return 0;
  if (!g_ascii_isdigit (s[2]))
    return 2;
  return 3;
}

/* Chongqing's PDFs print a figure's cents a line below its whole part,
 * where the next column starts ("174,900" / ".64万元", a table row as a
 * staircase "14,770" / ".62 12,672" / ".73 579"): the line starting with
 * the cents continues the figure, whatever the shapes of the two lines. */
static gboolean
cents_split (const Logical *cur, const SrcLine *last, const SrcLine *next)
{
  return cents_prefix (next->text) && last->shape != SHAPE_TOC
         && ends_with_integer (cur->text, cur->len);
}

/* S (LEN bytes) is a lone piece of a figure's whole part: a digit group
 * ending with a comma ("92,"), or, when AFTER_COMMA, bare digits ("446"). */
static gboolean
whole_piece (const char *s, gsize len, gboolean after_comma)
{
  gsize digits = 0;
  while (digits < len && g_ascii_isdigit (s[digits]))
    digits++;
  if (digits == 0 || digits > 3)
    return FALSE;
  if (digits + 1 == len && s[digits] == ',')
    return TRUE;
  return after_comma && digits == len;
}

/* Chongqing also splits a figure's whole part over lines of the staircase
 * ("1" / "92," / "446" / ".79" is 192,446.79): a line that is only a digit
 * group and a comma continues a line ending with a whole number or a
 * comma; a line of bare digits continues one ending with a comma. The
 * pieces join without a space. */
static gboolean
whole_split (const Logical *cur, const SrcLine *last, const SrcLine *next)
{
  if (last->shape == SHAPE_TOC || cur->len == 0)
    return FALSE;
  gboolean comma = cur->text[cur->len - 1] == ',';
  if (!comma && !ends_with_integer (cur->text, cur->len))
    return FALSE;
  return whole_piece (next->text, next->len, comma);
}

/* A line of one or two characters of a figure ("1", ",", ".2"). */
static gboolean
is_stack_piece (const SrcArray *src, const SrcKept *l)
{
  if (l->len == 0 || l->len > 2)
    return FALSE;
  const char *text = src_kept_text (src, l);
  for (guint i = 0; i < l->len; i++)
    if (!g_ascii_isdigit (text[i]) && text[i] != ',' && text[i] != '.')
      return FALSE;
  return TRUE;
}

/* TRUE when S is one figure as printed: digit groups of three after a
 * comma ("154,304.22"), at most two decimals, with a comma or a point. */
static gboolean
is_whole_figure (const char *s)
{
  const char *dot = strchr (s, '.');
  gsize whole = dot ? (gsize) (dot - s) : strlen (s);
  if (whole == 0 || (!dot && !memchr (s, ',', whole)))
    return FALSE;
  gsize group = 0;
  for (gsize i = 0; i < whole; i++)
    if (s[i] == ',')
      {
        if (group == 0 || (group > 3) || (i > group && group != 3))
          return FALSE;
        group = 0;
      }
    else if (g_ascii_isdigit (s[i]))
      group++;
    else
      return FALSE;
  if (group == 0 || (memchr (s, ',', whole) && group != 3))
    return FALSE;
  if (!dot)
    return TRUE;
  gsize cents = strlen (dot + 1);
  return cents >= 1 && cents <= 2 && strspn (dot + 1, "0123456789") == cents;
}

/* Chongqing's narrowest cells stack a figure a character or two a line
 * ("1" / "5" / "4" / "," / "3" / "0" / "4" / ".2" / "2" is 154,304.22,
 * plain pdftotext). How many lines from I, no blank between them, make
 * one figure; 0 when they do not (a column of lone digits stays apart). */
#define MAX_STACK_LINES 16
static guint
stacked_figure_lines (const SrcArray *src, guint i)
{
  char buf[2 * MAX_STACK_LINES + 1];
  gsize len = 0;
  guint n = 0;
  while (i + n < src->len && n < MAX_STACK_LINES)
    {
      const SrcKept *l = src_kept (src, i + n);
      if (!is_stack_piece (src, l) || (n > 0 && (l->blanks_before || l->page_start)))
        break;
      memcpy (buf + len, src_kept_text (src, l), l->len);
      len += l->len;
      n++;
    }
  buf[len] = '\0';
  return n >= 4 && is_whole_figure (buf) ? n : 0;
}

/* NEXT with a space after its cents when a figure follows them glued
 * (".81154,304" → ".81 154,304"); *COPY owns the text when one was made. */
static SrcLine
cents_apart (const SrcLine *next, char **copy)
{
  SrcLine s = *next;
  gsize n = cents_prefix (next->text);
  *copy = NULL;
  if (!g_ascii_isdigit (next->text[n]))
    return s;
  *copy = g_strdup_printf ("%.*s %s", (int) n, next->text, next->text + n);
  s.text = *copy;
  s.len++;
  s.width += s.width < SRC_MAX_WIDTH;
  return s;
}

static gboolean
ascii_word_char (char c)
{
  return g_ascii_isalnum (c);
}

/* Appends S to L, a space between two words unless GLUED (pieces of one
 * figure). */
static void
logical_append_glued (Logical *l, const SrcLine *s, gboolean glued)
{
  gboolean space = !glued && l->len && ascii_word_char (l->text[l->len - 1])
                   && ascii_word_char (s->text[0]);
  if (l->starts->len == 0)
    {
      /* a second source line: remember where each one starts */
      guint zero = 0;
      g_array_append_val (l->starts, zero);
      g_array_append_val (l->lines, l->first);
    }
  gsize need = l->len + space + s->len + 1;
  if (need > l->cap)
    {
      /* doubling: a paragraph of many lines is joined in linear time */
      l->cap = MAX (need, l->cap * 2);
      char *buf = g_realloc (l->buf, l->cap);
      if (l->text == l->buf)
        l->text = buf;
      l->buf = buf;
    }
  if (l->text != l->buf)
    {
      /* the first line's own text until now */
      memcpy (l->buf, l->text, l->len + 1);
      l->text = l->buf;
    }
  if (space)
    l->buf[l->len++] = ' ';
  guint at = l->len;
  g_array_append_val (l->starts, at);
  g_array_append_val (l->lines, s->line);
  memcpy (l->buf + l->len, s->text, s->len + 1);
  l->len += s->len;
  l->last = s->line;
  l->triggers |= s->triggers;
}

static void
logical_append (Logical *l, const SrcLine *s)
{
  logical_append_glued (l, s, FALSE);
}

/* Starts L (its buffers reused) with S. */
static void
logical_start (Logical *l, const SrcLine *s, gboolean blank_before, gboolean page_start)
{
  static const guint shape_flags[] = {
    [SHAPE_HEADING] = BP_LINE_HEADING, [SHAPE_TITLE] = BP_LINE_HEADING,
    [SHAPE_LIST] = BP_LINE_LIST_ITEM, [SHAPE_TABLE] = BP_LINE_TABLE_ROW,
    [SHAPE_TOC] = BP_LINE_TOC, [SHAPE_FURNITURE] = 0 };
  l->text = s->text;
  l->len = s->len;
  l->first = l->last = s->line;
  g_array_set_size (l->starts, 0);
  g_array_set_size (l->lines, 0);
  l->page = s->page;
  l->triggers = s->triggers;
  /* a shape is 3 bits, and SHAPE_FURNITURE the last of them */
  G_STATIC_ASSERT (G_N_ELEMENTS (shape_flags) == 1 << 3);
  l->flags = shape_flags[s->shape]
             | (blank_before ? BP_LINE_BLANK_BEFORE : 0)
             | (page_start ? BP_LINE_PAGE_START : 0);
}

/* Binary search: a paragraph may be thousands of source lines long. */
int
logical_line_at (const Logical *l, gsize offset)
{
  if (l->starts->len == 0)
    return l->first;
  guint lo = 0, hi = l->starts->len;   /* starts[0] == 0 <= offset */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (l->starts, guint, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return g_array_index (l->lines, int, lo);
}

/* L, complete, becomes the document's next line (its damage reported
 * first): written straight into the document's line store, so no array
 * of every logical line is ever held. */
static void
logical_emit (const CleanupState *st, BpDocument *doc, const Logical *l)
{
  if (st->damage)
    cleanup_find_damage (doc, l);
  BpLine *bl = bp_document_add_line (doc, l->text, l->len, l->first, l->last);
  bp_document_set_page_from (doc, l->first, l->page);
  bl->flags |= l->flags;
}

/* Joins SRC into logical lines, the document's lines; returns how many. */
static guint
join_lines (const CleanupState *st, BpDocument *doc, SrcArray *src)
{
  Logical cur = { .starts = g_array_new (FALSE, FALSE, sizeof (guint)),
                  .lines = g_array_new (FALSE, FALSE, sizeof (int)) };
  gboolean open = FALSE;
  guint n = 0;
  int width = st->join ? body_width (src) : 0;
  SrcLine seen[2];     /* S and the last line (its block may be gone) */
  guint at = 0;        /* S's */
  const SrcLine *last = NULL;
  int blanks = 0, page = 0;
  gboolean page_break = FALSE;
  guint stacked = 0;   /* lines still to join to a stacked figure */
  guint next_page = 0;  /* in src->pages: the next page change */
  int k_page = 0;
  for (guint i = 0; i < src->len; i++)
    {
      if (i % SRC_BLOCK == 0 && i > 0)
        src_drop_block (src, i / SRC_BLOCK - 1);
      const SrcKept *k = src_kept (src, i);
      if (next_page < src->pages->len && g_array_index (src->pages, SrcPage, next_page).at == i)
        k_page = g_array_index (src->pages, SrcPage, next_page++).page;
      /* the blank lines before it first, as if they were lines */
      page_break |= (k->page_start || k->blank_page_start) && k_page != page;
      blanks += k->blanks_before;
      if (k->shape == SHAPE_FURNITURE)
        continue;
      src_line (src, k, &seen[at]);
      seen[at].page = k_page;
      const SrcLine *s = &seen[at];
      /* a line spans at most BP_LINE_MAX_SPAN source lines: the join
       * stops there (16 million lines: only a contrived input) */
      gboolean room = open && (gint64) s->line - cur.first <= BP_LINE_MAX_SPAN;
      if (!room)
        stacked = 0;
      if (stacked > 0)
        {
          logical_append_glued (&cur, s, TRUE);
          stacked--;
        }
      else if (st->join && (stacked = stacked_figure_lines (src, i)) > 0)
        {
          if (open)
            logical_emit (st, doc, &cur);
          logical_start (&cur, s, blanks > 0, page_break);
          open = TRUE;
          n++;
          stacked--;
        }
      else if (room && st->join && blanks == 0 && cents_split (&cur, last, s))
        {
          g_autofree char *copy = NULL;
          SrcLine apart = cents_apart (s, &copy);
          logical_append (&cur, &apart);
        }
      else if (room && st->join && blanks == 0 && whole_split (&cur, last, s))
        logical_append_glued (&cur, s, TRUE);
      else if (room && st->join && blanks <= MAX_BLANKS_IN_JOIN && cur.len < MAX_JOIN_BYTES
               && can_continue (&cur, last, s, width, (int) st->join_percent))
        logical_append (&cur, s);
      else
        {
          if (open)
            logical_emit (st, doc, &cur);
          logical_start (&cur, s, blanks > 0, page_break);
          open = TRUE;
          n++;
        }
      last = s;
      at ^= 1;
      page = s->page;
      blanks = 0;
      page_break = FALSE;
    }
  if (open)
    logical_emit (st, doc, &cur);
  g_free (cur.buf);
  g_array_unref (cur.starts);
  g_array_unref (cur.lines);
  return n;
}

guint
cleanup_layout (const CleanupState *st, BpDocument *doc)
{
  /* the seeded lines go first: the new ones are made while the source
   * lines are read, and both at once would double the peak */
  bp_document_clear_lines (doc);
  /* the source lines hold the text from now on: one copy of the input
   * fewer while the lines are read and made */
  bp_document_drop_text (doc);
  SrcLines lines = read_lines (st, doc);
  SrcArray *src = lines.src;
  if (st->strip_page_numbers)
    mark_lone_page_numbers (src);
  if (st->strip_running_heads)
    mark_running_heads (src, lines.pages);
  guint n = join_lines (st, doc, src);
  src_free (src);
  return n;
}
