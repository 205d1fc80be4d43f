/* Where things sit on a space-aligned page (pdftotext -layout): the
 * header's cells rebuilt by position, and the column each figure of a row
 * sits under. The text lost the empty cells, but not the columns: a header
 * broken over three lines ("一般公共" / "预算拨款" / "收入") is one cell
 * when its pieces are stacked, and a figure stands under its cell. Read
 * from the source lines, whose leading spaces the cleaned lines dropped. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

/* Span of a piece of text on its line, in characters from the line start. */
typedef struct { int start, end; } Span;

static void
head_cell_free (gpointer p)
{
  HeadCell *c = p;
  g_free (c->text);
  g_free (c);
}

/* Source line of L, NULL when L was joined from several lines or the line
 * has tabs (no column positions then). */
static const char *
positional_source (const BpDocument *doc, const BpLine *l)
{
  if (!doc || l->line != bp_line_end_line (l))
    return NULL;
  const char *src = bp_document_source_line (doc, l->line);
  return src && !strchr (src, '\t') ? src : NULL;
}

/* Character column of byte offset OFF in SRC; a page's form feed takes no
 * column. */
static int
column_at (const char *src, gsize off)
{
  int col = 0;
  for (const char *p = src; p < src + off; p = g_utf8_next_char (p))
    col += *p != '\f';
  return col;
}

/* Two characters or more, none ASCII: a word of a header cell. */
static gboolean
wide_word (const char *s, gsize len)
{
  if (g_utf8_strlen (s, len) < 2)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!(s[i] & 0x80))
      return FALSE;
  return TRUE;
}

/* Does the word [S, E), GAP characters after the last piece PREV, go on
 * that piece? One space joins unless both sides are words of their own
 * ("政府性基 国有资本 财政专户": three cells); single characters spread
 * over a cell ("总   计") join, two Chinese ones even when spread wider
 * ("合       计", Hangzhou). */
static gboolean
piece_continues (const char *prev, const char *s, const char *e, int gap)
{
  gboolean single = g_utf8_strlen (s, e - s) == 1;
  if (single && g_utf8_strlen (prev, -1) == 1
      && (gap <= 4 || (gap <= 8 && (*s & 0x80) && (*prev & 0x80))))
    return TRUE;
  /* a total's heading spaced wider over its cell ("合       计"); not two
   * headings ("类     款") nor column numbers ("5      6") */
  if (single && gap <= 8 && strncmp (s, "计", e - s) == 0
      && (g_str_equal (prev, "合") || g_str_equal (prev, "总") || g_str_equal (prev, "小")))
    return TRUE;
  if (gap != 1)
    return FALSE;
  const char *last = strrchr (prev, ' ');
  last = last ? last + 1 : prev;
  return !(wide_word (last, strlen (last)) && wide_word (s, e - s));
}

/* The next word of a source line from P (blanks and form feeds skipped),
 * its end in *END; at the line's end, the NUL. */
static const char *
word_next (const char *p, const char **end)
{
  while (*p == ' ' || *p == '\f' || *p == '\r' || *p == '\n')
    p++;
  const char *e = p;
  while (*e && *e != ' ' && *e != '\r' && *e != '\n')
    e++;
  *end = e;
  return p;
}

/* The line's pieces (see piece_continues), their texts into TEXTS. */
static GArray *
line_pieces (const char *src, GPtrArray *texts)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *e;
  for (const char *s = word_next (src, &e); *s; s = word_next (e, &e))
    {
      Span sp = { column_at (src, s - src), column_at (src, e - src) };
      guint n = spans->len;
      Span *prev = n ? &g_array_index (spans, Span, n - 1) : NULL;
      if (prev && piece_continues (texts->pdata[n - 1], s, e, sp.start - prev->end))
        {
          prev->end = sp.end;
          char *joined = g_strdup_printf ("%s %.*s", (char *) texts->pdata[n - 1],
                                          (int) (e - s), s);
          g_free (texts->pdata[n - 1]);
          texts->pdata[n - 1] = joined;
        }
      else
        {
          g_array_append_val (spans, sp);
          g_ptr_array_add (texts, g_strndup (s, e - s));
        }
    }
  return spans;
}

static gboolean
spans_overlap (int s1, int e1, int s2, int e2)
{
  return s1 < e2 && s2 < e1;
}

/* A cell being built: its pieces with the header line each came from. */
typedef struct {
  int start, end;
  int first_start, first_end; /* the span of its first piece */
  GArray *orders;     /* int: header line index of each piece */
  GPtrArray *texts;   /* char*: the pieces, spaces removed */
} CellBuild;

static void
cell_build_free (gpointer p)
{
  CellBuild *c = p;
  g_array_unref (c->orders);
  g_ptr_array_unref (c->texts);
  g_free (c);
}

/* A piece that goes on cell HIT widens it at most to the middle of the gap
 * between the first pieces of HIT and of the cells beside it: a heading centred over two columns
 * ("2026年预算数比" / "2025年执行数" over 增减额 | 增减(%)) may overlap
 * only one of them, and must not pull that column under the other's
 * figures. */
static void
cell_clamp_to_gaps (GPtrArray *cells, const CellBuild *hit, Span *sp)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const CellBuild *c = cells->pdata[i];
      if (c == hit)
        continue;
      if (c->first_end <= hit->first_start)
        sp->start = MAX (sp->start, (c->first_end + hit->first_start + 1) / 2);
      else if (c->first_start >= hit->first_end)
        sp->end = MIN (sp->end, (hit->first_end + c->first_start) / 2);
    }
}

/* Adds a header piece to the cell it lies under or over; a piece over
 * several cells is a group heading ("基本支出" over 小计 | 人员经费 |
 * 公用经费) and stays out; a piece over none opens a cell. */
static void
cells_add_piece (GPtrArray *cells, Span sp, const char *text, int order)
{
  CellBuild *hit = NULL;
  guint n = 0;
  for (guint i = 0; i < cells->len; i++)
    {
      CellBuild *c = cells->pdata[i];
      if (spans_overlap (sp.start, sp.end, c->start, c->end))
        hit = c, n++;
    }
  if (n > 1)
    return;
  if (!hit)
    {
      hit = g_new0 (CellBuild, 1);
      hit->start = hit->first_start = sp.start;
      hit->end = hit->first_end = sp.end;
      hit->orders = g_array_new (FALSE, FALSE, sizeof (int));
      hit->texts = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (cells, hit);
    }
  else
    cell_clamp_to_gaps (cells, hit, &sp);
  g_array_append_val (hit->orders, order);
  g_ptr_array_add (hit->texts, text_compact (text));
  hit->start = MIN (hit->start, sp.start);
  hit->end = MAX (hit->end, sp.end);
}

/* The cell's pieces top to bottom, as one text. */
static HeadCell *
cell_finish (const CellBuild *b, guint n_lines)
{
  HeadCell *c = g_new0 (HeadCell, 1);
  c->start = b->start;
  c->end = b->end;
  GString *text = g_string_new (NULL);
  for (guint line = 0; line < n_lines; line++)
    for (guint i = 0; i < b->orders->len; i++)
      if (g_array_index (b->orders, int, i) == (int) line)
        g_string_append (text, b->texts->pdata[i]);
  c->text = g_string_free (text, FALSE);
  return c;
}

static gint
cell_build_cmp (gconstpointer a, gconstpointer b)
{
  const CellBuild *x = *(CellBuild *const *) a, *y = *(CellBuild *const *) b;
  return x->start - y->start;
}

static int
lowest_line (const CellBuild *b)
{
  int low = -1;
  for (guint i = 0; i < b->orders->len; i++)
    low = MAX (low, g_array_index (b->orders, int, i));
  return low;
}

static int
highest_line (const CellBuild *b)
{
  int high = G_MAXINT;
  for (guint i = 0; i < b->orders->len; i++)
    high = MIN (high, g_array_index (b->orders, int, i));
  return high;
}

/* Cell I of BUILDS (sorted left to right) lies wholly above both its
 * neighbours: maybe a group heading centred in the gap between the columns
 * it spans ("基本支出" between 人员经费 and 公用经费), maybe a column
 * headed higher up ("2025年预算数" beside 总计): the figures tell. */
static gboolean
group_heading_between (GPtrArray *builds, guint i)
{
  if (i == 0 || i + 1 >= builds->len)
    return FALSE;
  int low = lowest_line (builds->pdata[i]);
  return low < highest_line (builds->pdata[i - 1])
         && low < highest_line (builds->pdata[i + 1]);
}

/* TRUE when cell B is a column number only ("1", "5": the 栏次 line). */
static gboolean
build_is_number (const CellBuild *b)
{
  if (b->texts->len != 1)
    return FALSE;
  const char *t = b->texts->pdata[0];
  for (const char *p = t; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return *t != '\0';
}

static void
build_absorb (CellBuild *into, CellBuild *from)
{
  g_array_append_vals (into->orders, from->orders->data, from->orders->len);
  for (guint i = 0; i < from->texts->len; i++)
    g_ptr_array_add (into->texts, g_strdup (from->texts->pdata[i]));
  into->start = MIN (into->start, from->start);
  into->end = MAX (into->end, from->end);
}

/* A column number printed just beside its heading rather than under it
 * ("合计" then "1" starting where it ends, Hangzhou) belongs to that
 * heading's cell: the one it touches (the nearer, when both do). BUILDS
 * sorted left to right. */
static void
builds_join_numbers (GPtrArray *builds)
{
  for (guint i = 0; i < builds->len; i++)
    {
      CellBuild *b = builds->pdata[i];
      if (!build_is_number (b))
        continue;
      CellBuild *left = i > 0 ? builds->pdata[i - 1] : NULL;
      CellBuild *right = i + 1 < builds->len ? builds->pdata[i + 1] : NULL;
      int gl = left && !build_is_number (left) ? b->start - left->end : G_MAXINT;
      int gr = right && !build_is_number (right) ? right->start - b->end : G_MAXINT;
      if (MIN (gl, gr) > 1 || gl == gr)
        continue;
      build_absorb (gl < gr ? left : right, b);
      g_ptr_array_remove_index (builds, i--);
    }
}

/* The header lines' cells by position, left to right (HeadCell*); NULL when
 * a header line has no positions (plain text, joined lines). Lines with
 * the most pieces are laid first so that the cells are the columns, not
 * the group headings above them; a cell's text reads its pieces top to
 * bottom. */
GPtrArray *
layout_header_cells (const BpDocument *doc, GPtrArray *header_lines)
{
  guint n = header_lines->len;
  if (n < 1)
    return NULL;
  g_autoptr (GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < n; i++)
    {
      const char *src = positional_source (doc, header_lines->pdata[i]);
      if (!src)
        return NULL;
      GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (spans, line_pieces (src, texts));
      g_ptr_array_add (pieces, texts);
    }
  g_autofree guint *by_count = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    by_count[i] = i;
  for (guint i = 1; i < n; i++)     /* insertion sort: most pieces first */
    for (guint j = i; j > 0 && ((GArray *) spans->pdata[by_count[j]])->len
                                  > ((GArray *) spans->pdata[by_count[j - 1]])->len; j--)
      {
        guint t = by_count[j];
        by_count[j] = by_count[j - 1];
        by_count[j - 1] = t;
      }
  g_autoptr (GPtrArray) builds = g_ptr_array_new_with_free_func (cell_build_free);
  for (guint k = 0; k < n; k++)
    {
      guint i = by_count[k];
      GArray *sp = spans->pdata[i];
      GPtrArray *texts = pieces->pdata[i];
      for (guint j = 0; j < sp->len; j++)
        cells_add_piece (builds, g_array_index (sp, Span, j), texts->pdata[j], (int) i);
    }
  g_ptr_array_sort (builds, cell_build_cmp);
  builds_join_numbers (builds);
  GPtrArray *cells = g_ptr_array_new_with_free_func (head_cell_free);
  for (guint i = 0; i < builds->len; i++)
    {
      HeadCell *c = cell_finish (builds->pdata[i], n);
      c->floating = group_heading_between (builds, i);
      g_ptr_array_add (cells, c);
    }
  return cells;
}

/* A word of a source line and where it sits. */
typedef LayoutWord Word;

static void
word_clear (gpointer p)
{
  g_free (((Word *) p)->text);
}

/* A word of a source line in place (not NUL-terminated): the words are
 * only compared with the tokens, so none is copied (issue 18). */
typedef struct { int start, end; const char *text; gsize len; } WordRef;

/* A word ref of LEN bytes at S, CHARS characters wide. */
static void
word_refs_add (GArray *words, int start, int chars, const char *s, gsize len)
{
  guint at = words->len;
  g_array_set_size (words, at + 1);
  g_array_index (words, WordRef, at) = (WordRef) { start, start + chars, s, len };
}

/* The words of SRC split at spaces; cents glued to the next figure
 * (".81154,304") are two words. Columns as column_at's, counted along
 * the line once rather than from its start for every word. Each word is
 * walked once (issue 18): its characters (g_utf8_strlen's, counted here,
 * a character cut off at its end not counted), and when the walk ends
 * at its end, the column after it. */
static void
line_word_refs (const char *src, GArray *words)
{
  const char *e, *at = src;
  int col = 0;   /* column_at (src, at - src) */
  for (const char *p = word_next (src, &e); *p; p = word_next (e, &e))
    {
      for (; at < p; at = g_utf8_next_char (at))
        col += *at != '\f';
      int steps = 0, feeds = 0;
      const char *q = p;
      for (; q < e; q = g_utf8_next_char (q))
        steps++, feeds += *q == '\f';
      int chars = q > e ? steps - 1 : steps;
      if (p[0] == '.' && e - p > 3 && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
          && g_ascii_isdigit (p[3]))
        {
          word_refs_add (words, col, 3, p, 3);
          word_refs_add (words, col + 3, chars - 3, p + 3, e - p - 3);
        }
      else
        word_refs_add (words, col, chars, p, e - p);
      if (at == p && q == e)
        at = e, col += steps - feeds;
    }
}

GArray *
layout_line_words (const BpDocument *doc, const BpLine *l)
{
  const char *src = positional_source (doc, l);
  if (!src)
    return NULL;
  g_autoptr (GArray) refs = g_array_new (FALSE, FALSE, sizeof (WordRef));
  line_word_refs (src, refs);
  GArray *words = g_array_sized_new (FALSE, FALSE, sizeof (Word), refs->len);
  g_array_set_clear_func (words, word_clear);
  for (guint i = 0; i < refs->len; i++)
    {
      const WordRef *r = &g_array_index (refs, WordRef, i);
      Word w = { r->start, r->end, g_strndup (r->text, r->len) };
      g_array_append_val (words, w);
    }
  return words;
}

/* Word W2 (LEN bytes) goes on the pieces of a figure split over lines
 * whose text so far ends with the byte LAST: cents (".62"), or a piece of
 * its whole part after a comma ("92," / "446") or ending with one ("1" /
 * "92,"). */
static gboolean
figure_piece_continues (char last, const char *w2, gsize len)
{
  return w2[0] == '.' || last == ',' || (len > 1 && w2[len - 1] == ',');
}

/* Word K, or K and the pieces printed on the next lines ("14,770" / ".62
 * 12,672", "1" / "92," / "446" / ".79", Chongqing), is the figure T: its
 * span, as if printed on one line from where its first piece starts. */
static gboolean
figure_at (GArray *words, guint k, const char *t, int *sp, guint *used)
{
  const WordRef *w = &g_array_index (words, WordRef, k);
  gsize n = w->len;
  if (strncmp (t, w->text, n) != 0)
    return FALSE;
  sp[0] = w->start, sp[1] = w->end, *used = 1;
  while (t[n])
    {
      if (k + *used >= words->len)
        return FALSE;
      const WordRef *piece = &g_array_index (words, WordRef, k + *used);
      gsize m = piece->len;
      if (!figure_piece_continues (t[n - 1], piece->text, m)
          || strncmp (t + n, piece->text, m) != 0)
        return FALSE;
      n += m;
      sp[1] += (int) m;
      (*used)++;
    }
  return TRUE;
}

/* Spans of the figure tokens of L (in TOKS order; {-1,-1} for other
 * tokens), found in order in its source lines (a row joined from a
 * staircase of split figures included); NULL when a line has no
 * positions or a figure is not found as printed. */
GArray *
layout_token_spans (const BpDocument *doc, const BpLine *l, GPtrArray *toks)
{
  if (!doc || bp_line_end_line (l) < l->line || bp_line_end_line (l) - l->line > 16)
    return NULL;
  GArray *scratch = line_cache_scratch (sizeof (WordRef));
  g_autoptr (GArray) own = scratch ? NULL : g_array_sized_new (FALSE, FALSE, sizeof (WordRef), 32);
  GArray *words = scratch ? scratch : own;
  for (int n = l->line; n <= bp_line_end_line (l); n++)
    {
      const char *src = bp_document_source_line (doc, n);
      if (!src || strchr (src, '\t'))
        return NULL;
      line_word_refs (src, words);
    }
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (int) * 2, toks->len);
  g_array_set_size (out, toks->len);   /* filled in place below */
  guint cursor = 0;
  for (guint i = 0; i < toks->len; i++)
    {
      const char *t = toks->pdata[i];
      int *sp = &g_array_index (out, int, 2 * i);
      sp[0] = sp[1] = -1;
      guint used = 0, k = cursor;
      if (token_is_number (t))
        {
          while (k < words->len && !figure_at (words, k, t, sp, &used))
            k++;
          if (k >= words->len)
            {
              g_array_unref (out);
              return NULL;
            }
          cursor = k + used;
        }
    }
  return out;
}

/* The cell a figure spanning [START, END) stands under, among the cells
 * it overlaps (the floating ones only when WITH_FLOATING): of two, the one
 * ending before the figure does (figures are aligned right, their heading's words often left or
 * centred: "6,342.71" reaches from under 一般公共预算 to under 政府性基金),
 * else the one it overlaps most; -1 if it overlaps none. */
static int
cell_overlapped (GPtrArray *cells, int start, int end, gboolean with_floating)
{
  int best = -1, best_overlap = 0, ending = -1;
  guint overlapped = 0;
  for (guint i = 0; i < cells->len; i++)
    {
      const HeadCell *c = cells->pdata[i];
      int overlap = MIN (end, c->end) - MAX (start, c->start);
      if (overlap <= 0 || (c->floating && !with_floating))
        continue;
      overlapped++;
      if (c->end <= end)
        ending = i;
      if (overlap > best_overlap)
        best = i, best_overlap = overlap;
    }
  return overlapped > 1 && ending >= 0 ? ending : best;
}

/* The cell a figure spanning [START, END) stands under: a column it
 * overlaps; a group heading centred in the gap between its columns only
 * when the figure overlaps no column ("303,312,586.17" reaches from under
 * 小计 to under the 一般公共预算拨款 over it, Xi'an); else the nearest
 * column on its left within eight characters ("80.18"
 * right of a short "总计"), else one starting within two on its right;
 * -1 if none. */
int
layout_cell_of (GPtrArray *cells, int start, int end)
{
  int hit = cell_overlapped (cells, start, end, FALSE);
  if (hit < 0)
    hit = cell_overlapped (cells, start, end, TRUE);
  if (hit >= 0)
    return hit;
  int left = -1, right = -1;
  for (guint i = 0; i < cells->len; i++)
    {
      const HeadCell *c = cells->pdata[i];
      if (c->floating)
        continue;
      if (c->end <= start && start - c->end <= 8)
        left = i;
      if (c->start >= end && c->start - end <= 2 && right < 0)
        right = i;
    }
  return left >= 0 ? left : right;
}
