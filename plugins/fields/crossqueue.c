/* fields plugin: function rows from cross rows whose figures plain text
 * printed away from their codes.
 *
 * Plain pdftotext text of a function × economic cross table (北京 预算03表)
 * prints most rows as "code code code 合计 part", but on every page some
 * figures leave their row: a row's codes with no figures, or its 合计 with
 * its part missing, and the figures later on the same page, in row order,
 * sometimes before the next row's own figures and sometimes after them.
 * The table's 合计 cannot tell a figure moved to the wrong code.
 *
 * So each page is read every way this allows: at a row that follows rows
 * still waiting for figures, the figures after its codes are either its own
 * (and what is left goes to the waiting rows in order) or the waiting rows'
 * (and the row waits too). A reading holds when every row gets a group
 * "合计 part" or "合计 part part" whose parts add up exactly (an optional
 * 其中 figure after them) and no figure is left over. A function code's
 * total is kept only when every reading of each of its pages gives the same
 * sum (of the readings where the fewest rows jump the queue); where no
 * reading holds, only the rows printed whole in place count. Codes left in doubt give no row, so a document
 * gets the rows it can confirm and none that are wrong. */
#include "fields-private.h"

#include <string.h>

/* TOK_ECONOMIC: a 政府支出经济分类 code (5xxxx); TOK_DEPARTMENT: a 部门支出
 * 经济分类 code (3xxxx), each row's last code; TOK_TOTAL_LABEL: the 合计
 * row's label ("合计", or "合" / "计" apart). */
enum { TOK_FUNCTION, TOK_ECONOMIC, TOK_DEPARTMENT, TOK_FIGURE, TOK_TOTAL_LABEL,
       TOK_OTHER };

typedef struct {
  int kind;
  char *code, *name;
  bp_fen value;
  int line, page;
  gboolean dropped;   /* the 合计 row's figures */
  gboolean near_total; /* among the figures after the 合计 */
} QTok;

typedef struct {
  const QTok *tok;    /* the row's function code */
  GArray *own;        /* bp_fen: the figures right after its codes */
  GArray *later;      /* bp_fen: figures after further codes or labels */
  gboolean own_then_row;  /* the next row's code follows OWN directly */
  gboolean own_then_total; /* the 合计 label follows OWN directly */
  gboolean more_tokens;   /* codes or labels after OWN */
  gboolean off_page;      /* a figure on another page than the row */
} QRow;

typedef struct {
  guint row;
  gboolean whole;     /* waits for a whole group, 合计 first */
  bp_fen need;        /* else: what its parts still lack */
  guint parts;
} QNeed;

/* A row's total as it was before a branch fed its row's 合计. */
typedef struct {
  guint row;
  bp_fen total;
} QSaved;

/* Readings of one page: the code sums of the first, and which differ. */
typedef struct {
  const QRow *rows;
  guint lo, hi;       /* the page's rows */
  GPtrArray *codes;   /* distinct codes of the page (const char *) */
  bp_fen *first;      /* per code: the sum in the first reading */
  gboolean *differs;  /* per code: another reading gave another sum */
  guint readings;
  guint steps;
  guint jumps;        /* rows of the reading being built that took their
                       * own figures before waiting rows took theirs */
  guint best_jumps;   /* the fewest jumps of the readings recorded */
  int fit;            /* FIT_IN_ORDER, FIT_FIRST or FIT_BEST */
  gboolean of_which;  /* the table has a 其中 column */
  GArray *saved;      /* QSaved: the totals the branches being read set,
                       * a stack (page_branch) */
  GPtrArray *queues;  /* GArray of QNeed by branch depth: page_branch's
                       * copies of the queue, kept for the next branch at
                       * that depth (a copy per branch was a malloc) */
  guint depth;        /* page_branch calls open */
} QPage;

enum { QUEUE_STEP_LIMIT = 50000 };

static void
qtok_clear (gpointer p)
{
  QTok *t = p;
  g_free (t->code);
  g_free (t->name);
}

static void
qrow_clear (gpointer p)
{
  QRow *r = p;
  g_array_unref (r->own);
  g_array_unref (r->later);
}

static void
tokens_of_line (GArray *toks, const BpDocument *doc, const char *text,
                int line, BpUnit unit)
{
  g_auto (GStrv) words = g_regex_split (fields_regex ("[\\s\\x{3000}]+"), text, 0);
  int page = bp_document_page_at_line (doc, line);
  for (guint i = 0; words[i]; i++)
    {
      if (!*words[i])
        continue;
      QTok t = { .kind = TOK_OTHER, .line = line, .page = page };
      g_autoptr (GMatchInfo) m = NULL;
      if (fields_match ("^(2\\d{2}(?:\\d{2}){1,2})[-－—](\\p{Han}\\S*)$",
                        words[i], &m))
        {
          t.kind = TOK_FUNCTION;
          t.code = g_match_info_fetch (m, 1);
          t.name = g_match_info_fetch (m, 2);
        }
      else if (fields_match ("^5\\d{4,6}[-－—]", words[i], NULL))
        t.kind = TOK_ECONOMIC;
      else if (fields_match ("^3\\d{4,6}[-－—]", words[i], NULL))
        t.kind = TOK_DEPARTMENT;
      else if (fields_match ("^(?:合计|总计|合|计)$", words[i], NULL))
        t.kind = TOK_TOTAL_LABEL;
      else if (strchr (words[i], '.') && bp_amount_looks_like (words[i])
               && bp_amount_parse (words[i], unit, &t.value) == BP_AMOUNT_OK)
        t.kind = TOK_FIGURE;
      g_array_append_val (toks, t);
    }
}

/* Drops the 合计 row's figures: the largest figure (its last occurrence)
 * and the parts among the next twelve figures that add up to it (figures
 * that left their rows may come between). FALSE when
 * no such parts follow: then the table's end was not understood. */
static gboolean
drop_grand_total (GArray *toks, bp_fen *grand)
{
  int gi = -1;
  for (guint i = 0; i < toks->len; i++)
    {
      const QTok *t = &g_array_index (toks, QTok, i);
      if (t->kind == TOK_FIGURE
          && (gi < 0 || t->value >= g_array_index (toks, QTok, gi).value))
        gi = (int) i;
    }
  if (gi < 0)
    return FALSE;
  *grand = g_array_index (toks, QTok, gi).value;
  guint next[12], n = 0;
  for (guint i = gi + 1; i < toks->len && n < G_N_ELEMENTS (next); i++)
    if (g_array_index (toks, QTok, i).kind == TOK_FIGURE)
      {
        g_array_index (toks, QTok, i).near_total = TRUE;
        next[n++] = i;
      }
  static const guint sizes[] = { 2, 1, 3 };
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint mask = 1; mask < (1u << n); mask++)
      {
        if ((guint) __builtin_popcount (mask) != sizes[s])
          continue;
        bp_wide_fen sum = 0;
        for (guint k = 0; k < n; k++)
          if (mask & (1u << k))
            sum += g_array_index (toks, QTok, next[k]).value;
        if (sum != *grand)
          continue;
        g_array_index (toks, QTok, gi).dropped = TRUE;
        for (guint k = 0; k < n; k++)
          if (mask & (1u << k))
            g_array_index (toks, QTok, next[k]).dropped = TRUE;
        return TRUE;
      }
  return FALSE;
}

/* TRUE when the rows printed are all the table has: each row's figures are
 * its 合计 and parts adding up to it, plus 其中 figures that the 合计 row
 * sums in one more figure, so the rest of the figures add up to twice the
 * 合计, or to that plus twice one of them (the 其中 total). A table that
 * leaves rows out (its 项目支出 not itemised) gives no function rows, as
 * in -layout text. */
static gboolean
rows_add_up (GArray *toks, bp_fen grand, gboolean *of_which)
{
  *of_which = FALSE;
  bp_wide_fen rest = 0;
  for (guint i = 0; i < toks->len; i++)
    {
      const QTok *t = &g_array_index (toks, QTok, i);
      if (t->kind == TOK_FIGURE && !t->dropped)
        rest += t->value;
    }
  rest -= 2 * (bp_wide_fen) grand;
  if (rest == 0)
    return TRUE;
  if (rest < 0 || rest % 2)
    return FALSE;
  for (guint i = 0; i < toks->len; i++)
    {
      QTok *t = &g_array_index (toks, QTok, i);
      if (t->kind == TOK_FIGURE && !t->dropped && t->near_total
          && t->value == rest / 2)
        return *of_which = t->dropped = TRUE;  /* the 合计 row's, not a row's */
    }
  return FALSE;
}

/* TRUE when token T, read with rows opened at ANCHOR tokens, is the
 * next row's code (it ends the row before). */
static gboolean
opens_row (const QTok *t, int anchor)
{
  return t->kind == anchor;
}

/* TRUE for tokens a reading anchored at ANCHOR passes over: anchored at
 * the 部门 economic codes, the function and 政府 economic codes (their
 * row's codes, wherever plain text printed them). */
static gboolean
passed_over (const QTok *t, int anchor)
{
  return anchor == TOK_DEPARTMENT
         && (t->kind == TOK_FUNCTION || t->kind == TOK_ECONOMIC);
}

/* The kind of the first token after I that counts, or -1. */
static int
next_kind (const GArray *toks, guint i, int anchor)
{
  for (guint j = i + 1; j < toks->len; j++)
    {
      const QTok *t = &g_array_index (toks, QTok, j);
      if (!t->dropped && !passed_over (t, anchor))
        return t->kind;
    }
  return -1;
}

/* Rows from the tokens: each ANCHOR token opens one (its function code
 * the token itself, or the next of HEADS), the figures up to the next
 * code or label are its own, any after that are "later" (and figures
 * before the first row the first row's later ones). */
static GArray *
rows_of_tokens (const GArray *toks, int anchor, const GArray *heads)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (QRow));
  g_array_set_clear_func (rows, qrow_clear);
  g_autoptr (GArray) early = g_array_new (FALSE, FALSE, sizeof (bp_fen));
  QRow *cur = NULL;
  gboolean in_figures = FALSE;
  for (guint i = 0; i < toks->len; i++)
    {
      const QTok *t = &g_array_index (toks, QTok, i);
      if (t->dropped || passed_over (t, anchor))
        continue;
      if (opens_row (t, anchor))
        {
          QRow r = { .tok = heads ? &g_array_index (heads, QTok, rows->len) : t,
                     .own = g_array_new (FALSE, FALSE, sizeof (bp_fen)),
                     .later = g_array_new (FALSE, FALSE, sizeof (bp_fen)) };
          g_array_append_val (rows, r);
          cur = &g_array_index (rows, QRow, rows->len - 1);
          in_figures = FALSE;
          continue;
        }
      if (!cur)
        {
          if (t->kind == TOK_FIGURE)
            g_array_append_val (early, t->value);
          continue;
        }
      if (t->kind != TOK_FIGURE)
        {
          cur->more_tokens |= cur->own->len > 0;
          in_figures = FALSE;
          continue;
        }
      gboolean first_run = cur->later->len == 0 && !cur->more_tokens
                           && (cur->own->len == 0 || in_figures);
      g_array_append_val (first_run ? cur->own : cur->later, t->value);
      cur->off_page |= t->page != cur->tok->page;
      in_figures = TRUE;
      if (first_run)
        {
          int next = next_kind (toks, i, anchor);
          cur->own_then_row = next == anchor;
          cur->own_then_total = next == TOK_TOTAL_LABEL;
        }
    }
  /* Figures among the header's lines, before the first row's codes: a
   * part of the first row printed early, fed after its own figures. */
  if (rows->len && early->len)
    {
      QRow *first = &g_array_index (rows, QRow, 0);
      g_array_append_vals (first->later, early->data, early->len);
    }
  return rows;
}

/* The number of 部门 codes from token I up to the next function code, and
 * in *SECOND the index of the second of them (or toks->len). */
static guint
departments_after (const GArray *toks, guint i, guint *second)
{
  guint n = 0;
  *second = toks->len;
  for (guint j = i + 1; j < toks->len; j++)
    {
      const QTok *t = &g_array_index (toks, QTok, j);
      if (t->dropped)
        continue;
      if (t->kind == TOK_FUNCTION)
        break;
      if (t->kind == TOK_DEPARTMENT && ++n == 2)
        *second = j;
    }
  return n;
}

/* TOKS (a shallow copy, for reading rows at their function codes) with
 * the function code of a row moved to its 部门 code when plain text
 * printed it before the row above's: each row prints one 部门 code, its
 * last, just before its figures, so a function code followed by no 部门
 * code, and the next by two, is a row whose 部门 code and figures come
 * after the next row's function code (the first rows' codes among the
 * header's lines: "2050803-培训支出 | … | 2080505-… | 合计 | 基本支出 |
 * 30216-培训费 | 189.784243 | 20.357443 | 30108-… | 753.844740"). */
static GArray *
function_codes_at_rows (const GArray *toks)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (QTok), toks->len);
  g_array_append_vals (out, toks->data, toks->len);
  guint prev_departments = 1, second;
  for (guint i = 0; i < out->len; i++)
    {
      if (g_array_index (out, QTok, i).kind != TOK_FUNCTION
          || g_array_index (out, QTok, i).dropped)
        continue;
      guint n = departments_after (out, i, &second);
      if (prev_departments == 0 && n == 2)
        {
          QTok moved = g_array_index (out, QTok, i);
          g_array_remove_index (out, i);
          g_array_insert_val (out, second - 1, moved);
          /* the rows' counts are now one each */
          prev_departments = 1;
          i = second - 1;
          continue;
        }
      prev_departments = n;
    }
  return out;
}

static bp_fen
fig (const GArray *a, guint i)
{
  return g_array_index (a, bp_fen, i);
}

/* A row printed whole in place: 合计, parts adding up to it (one or two),
 * at most one 其中 figure, and the next row's code right after. */
static gboolean
row_whole_in_place (const QRow *r)
{
  const GArray *f = r->own;
  /* The 合计 label right after a row's figures ends the row as the next
   * row's code would (the table's last row, printed in place); figures
   * after the label are other rows'. */
  gboolean ends = r->own_then_total
                  || (r->own_then_row && !r->more_tokens && !r->later->len);
  if (!ends || f->len < 2)
    return FALSE;
  bp_fen total = fig (f, 0);
  bp_fen parts = 0;
  for (guint k = 1; k <= 2 && k < f->len; k++)
    {
      parts += fig (f, k);
      guint rest = f->len - 1 - k;
      if (parts == total
          && (rest == 0
              || (rest == 1 && fig (f, k + 1) > 0 && fig (f, k + 1) <= total)))
        return TRUE;
    }
  return FALSE;
}

/* TRUE for a row printed in place but for one part: its 合计 and a smaller
 * part right after its codes, the next row's code right after them
 * ("2070107-… | 30107-绩效工资 | 17,259.105736 | 12,968.463472 | 2070107-…",
 * its 项目支出 printed later on the page). Reading those figures as a
 * waiting row's is out of order. */
static gboolean
part_in_place (const QRow *r)
{
  return r->own->len == 2 && fig (r->own, 1) < fig (r->own, 0)
         && r->own_then_row && !r->more_tokens && r->later->len == 0;
}

/* Gives figure V to waiting row J of QUEUE in the ways allowed by WAYS
 * (FEED_EXACT: the part it lacks; FEED_WHOLE: the 合计 of a row waiting
 * for all its figures; FEED_PART: one of two parts of what it lacks);
 * FALSE when it cannot take V so. */
enum { FEED_EXACT = 1, FEED_WHOLE = 2, FEED_PART = 4, FEED_ANY = 7 };

/* Inlined: feed, which calls it from four places, is most of the search. */
G_ALWAYS_INLINE static inline gboolean
feed_row (GArray *queue, guint j, bp_fen *totals, GArray *saved, bp_fen v,
          int ways)
{
  QNeed *n = &g_array_index (queue, QNeed, j);
  if (n->whole)
    {
      if (!(ways & FEED_WHOLE))
        return FALSE;
      QSaved was = { n->row, totals[n->row] };
      g_array_append_val (saved, was);
      totals[n->row] = v;
      n->whole = FALSE;
      n->need = v;
      n->parts = 0;
      return TRUE;
    }
  if (v == n->need && (ways & FEED_EXACT))
    {
      g_array_remove_index (queue, j);
      return TRUE;
    }
  if (v < n->need && n->parts == 0 && (ways & FEED_PART))
    {
      n->need -= v;
      n->parts = 1;
      return TRUE;
    }
  return FALSE;
}

/* How figures go to waiting rows: to the first (FIT_IN_ORDER); to the
 * first that can take it (FIT_FIRST: a part larger than a row's lack is
 * not its); to the first it completes, else the first waiting for all its
 * figures, else the first it can be a part of (FIT_BEST: a figure that
 * completes a row later in the queue is that row's, not a part of an
 * earlier one, when plain text interleaves two columns left behind). */
enum { FIT_IN_ORDER, FIT_FIRST, FIT_BEST };

/* Gives figure V to a waiting row as FIT says; FALSE when none can take
 * it. */
static gboolean
feed (GArray *queue, bp_fen *totals, GArray *saved, bp_fen v, int fit)
{
  if (fit == FIT_IN_ORDER)
    return queue->len && feed_row (queue, 0, totals, saved, v, FEED_ANY);
  if (fit == FIT_FIRST)
    {
      for (guint j = 0; j < queue->len; j++)
        if (feed_row (queue, j, totals, saved, v, FEED_ANY))
          return TRUE;
      return FALSE;
    }
  /* FIT_BEST in one pass over the queue (feed is most of the search) */
  guint whole = G_MAXUINT, part = G_MAXUINT;
  for (guint j = 0; j < queue->len; j++)
    {
      const QNeed *n = &g_array_index (queue, QNeed, j);
      if (n->whole)
        whole = MIN (whole, j);
      else if (v == n->need)
        return feed_row (queue, j, totals, saved, v, FEED_EXACT);
      else if (v < n->need && n->parts == 0)
        part = MIN (part, j);
    }
  if (whole != G_MAXUINT)
    return feed_row (queue, whole, totals, saved, v, FEED_WHOLE);
  return part != G_MAXUINT && feed_row (queue, part, totals, saved, v, FEED_PART);
}

/* TRUE when some row of QUEUE could take figure V in some way. */
static gboolean
some_row_takes (const GArray *queue, bp_fen v)
{
  for (guint j = 0; j < queue->len; j++)
    {
      const QNeed *n = &g_array_index (queue, QNeed, j);
      if (n->whole || v == n->need || (v < n->need && n->parts == 0))
        return TRUE;
    }
  return FALSE;
}

/* Feeds F's figures from FROM to the waiting rows. In a table with a 其中
 * column, a figure printed away from its row (AWAY: after further codes or
 * labels) that no waiting row can take in any way is a row's 其中 figure
 * (plain text prints some at the page's end, after the footer or right
 * after the part of a row left waiting): it adds to no row's total. */
static gboolean
feed_from (const QPage *pg, GArray *queue, bp_fen *totals, const GArray *f,
           guint from, gboolean away)
{
  for (guint i = from; i < f->len; i++)
    if (!feed (queue, totals, pg->saved, fig (f, i), pg->fit)
        && !(away && pg->of_which && !some_row_takes (queue, fig (f, i))))
      return FALSE;
  return TRUE;
}

/* Records the code sums of a reading. Of the readings that hold, those
 * with the fewest rows jumping the queue count: inside a page, plain text
 * prints the figures of rows left waiting in row order, a block of them
 * after some later row's codes, so that row taking the block's first
 * group (and the waiting rows the rest) is the lesser reading. */
static void
page_record (QPage *pg, const bp_fen *totals)
{
  if (pg->readings > 0 && pg->jumps > pg->best_jumps)
    {
      pg->readings++;
      return;
    }
  if (pg->readings > 0 && pg->jumps < pg->best_jumps)
    {
      pg->readings = 0;
      memset (pg->differs, 0, pg->codes->len * sizeof (gboolean));
    }
  pg->best_jumps = pg->jumps;
  for (guint c = 0; c < pg->codes->len; c++)
    {
      const char *code = g_ptr_array_index (pg->codes, c);
      bp_fen sum = 0;
      for (guint i = pg->lo; i < pg->hi; i++)
        if (g_str_equal (pg->rows[i].tok->code, code))
          sum += totals[i];
      if (pg->readings == 0)
        pg->first[c] = sum;
      else if (sum != pg->first[c])
        pg->differs[c] = TRUE;
    }
  pg->readings++;
}

static void page_read (QPage *pg, guint i, const GArray *queue, bp_fen *totals);

/* Goes on at row I + 1 with a copy of QUEUE with NEED appended (when set),
 * after feeding it F's figures from FROM and the row's later figures.
 * TOTALS as it was on return: feeding sets only the totals of rows
 * waiting whole, which feed_row saves in SAVED as it sets them and
 * which are put back after (a copy of TOTALS per branch was most of
 * this search's allocations). */
static void
page_branch (QPage *pg, guint i, const GArray *queue, bp_fen *totals,
             const QNeed *need, const GArray *f, guint from)
{
  if (pg->depth == pg->queues->len)
    g_ptr_array_add (pg->queues, g_array_new (FALSE, FALSE, sizeof (QNeed)));
  GArray *q = g_ptr_array_index (pg->queues, pg->depth);
  g_array_set_size (q, 0);
  g_array_append_vals (q, queue->data, queue->len);
  if (need)
    g_array_append_val (q, *need);
  guint base = pg->saved->len;
  if (feed_from (pg, q, totals, f, from, FALSE)
      && feed_from (pg, q, totals, pg->rows[i].later, 0, TRUE))
    {
      pg->depth++;
      page_read (pg, i + 1, q, totals);
      pg->depth--;
    }
  for (guint j = pg->saved->len; j-- > base;)
    {
      const QSaved *was = &g_array_index (pg->saved, QSaved, j);
      totals[was->row] = was->total;
    }
  g_array_set_size (pg->saved, base);
}

static void page_read_figures (QPage *pg, guint i, const GArray *queue,
                               bp_fen *totals, const GArray *f);

/* TRUE when F is one row's figures and no more: its 合计 and one or two
 * parts adding up to it. */
static gboolean
is_one_group (const GArray *f)
{
  if (f->len == 2)
    return fig (f, 1) == fig (f, 0);
  return f->len == 3 && fig (f, 1) < fig (f, 0)
         && fig (f, 1) + fig (f, 2) == fig (f, 0);
}

/* The figures of row I's F from FROM followed by the next row's own. */
static GArray *
rest_and_next_own (const QPage *pg, guint i, const GArray *f, guint from)
{
  const GArray *own = pg->rows[i + 1].own;
  GArray *rest = g_array_sized_new (FALSE, FALSE, sizeof (bp_fen), f->len - from + own->len);
  g_array_append_vals (rest, &g_array_index (f, bp_fen, from), f->len - from);
  g_array_append_vals (rest, own->data, own->len);
  return rest;
}

/* TRUE when REST, the figures of row I's F from FROM and the next row's
 * own, may be the next row's, printed before its codes: row I has no later
 * figures, nor has the next row, on the page, and either that row has no
 * figure of its own while no row waits (a page's last row whose codes
 * plain text printed after its figures), or REST is one row's figures
 * exactly: plain text printed the row's figures, or its 合计 alone, right
 * after the row before's ("408.897461 | 408.897461 | 69.800000 |
 * 2150701-行政运行 | … | 69.800000"), the rest after its codes. Rows may
 * wait meanwhile (the first row's 项目支出, printed at the page's end under
 * its heading). */
static gboolean
next_row_printed_after (const QPage *pg, guint i, const GArray *queue,
                        const GArray *f, guint from, const GArray *rest)
{
  if (from >= f->len || pg->rows[i].later->len || i + 1 >= pg->hi
      || pg->rows[i + 1].later->len)
    return FALSE;
  return (queue->len == 0 && pg->rows[i + 1].own->len == 0)
         || is_one_group (rest);
}

/* Row I took a whole group of F, up to FROM: the rest goes to the waiting
 * rows, or starts the next row's own (see next_row_printed_after). */
static void
page_read_rest (QPage *pg, guint i, const GArray *queue, bp_fen *totals,
                const GArray *f, guint from)
{
  page_branch (pg, i, queue, totals, NULL, f, from);
  if (from >= f->len || i + 1 >= pg->hi)
    return;
  g_autoptr (GArray) rest = rest_and_next_own (pg, i, f, from);
  if (next_row_printed_after (pg, i, queue, f, from, rest))
    page_read_figures (pg, i + 1, queue, totals, rest);
}

/* The ways row I's own figures F can start: a whole group (with or
 * without a 其中 figure after it), else its 合计 alone or with one part.
 * Row I's total set in TOTALS meanwhile, put back on return. */
static void
page_read_figures (QPage *pg, guint i, const GArray *queue,
                   bp_fen *totals, const GArray *f)
{
  if (++pg->steps > QUEUE_STEP_LIMIT)
    return;
  bp_fen total = fig (f, 0), before = totals[i];
  totals[i] = total;
  guint whole = 0;
  if (f->len >= 2 && fig (f, 1) == total)
    whole = 2;
  else if (f->len >= 3 && fig (f, 1) < total
           && fig (f, 1) + fig (f, 2) == total)
    whole = 3;
  if (whole)
    {
      page_read_rest (pg, i, queue, totals, f, whole);
      if (f->len > whole && fig (f, whole) <= total)
        page_read_rest (pg, i, queue, totals, f, whole + 1);
    }
  else
    {
      QNeed alone = { .row = i, .need = total };
      page_branch (pg, i, queue, totals, &alone, f, 1);
      if (f->len >= 2 && fig (f, 1) < total)
        {
          QNeed part = { .row = i, .need = total - fig (f, 1), .parts = 1 };
          page_branch (pg, i, queue, totals, &part, f, 2);
        }
    }
  totals[i] = before;
}

static void
page_read_own (QPage *pg, guint i, const GArray *queue, bp_fen *totals)
{
  page_read_figures (pg, i, queue, totals, pg->rows[i].own);
}

static void
page_read (QPage *pg, guint i, const GArray *queue, bp_fen *totals)
{
  if (++pg->steps > QUEUE_STEP_LIMIT)
    return;
  if (i == pg->hi)
    {
      if (queue->len == 0)
        page_record (pg, totals);
      return;
    }
  const QRow *r = &pg->rows[i];
  QNeed waits = { .row = i, .whole = TRUE };
  if (r->own->len == 0)
    {
      page_branch (pg, i, queue, totals, &waits, r->own, 0);
      return;
    }
  if (r->off_page)
    return;
  /* A block (two groups or more after a row's codes) while rows wait: right
   * after a row left waiting, the block is that run of rows' figures and
   * this row's, in row order (this row taking the first group is out of
   * order); after a row with figures of its own (the page's last row, the
   * figures left behind on the page after it), this row's come first (its
   * waiting is out of order). */
  gboolean block = queue->len && r->own->len >= 4 && !row_whole_in_place (r);
  gboolean after_waiting = i > pg->lo && pg->rows[i - 1].own->len == 0;
  gboolean jumps = block && after_waiting;
  pg->jumps += jumps;
  page_read_own (pg, i, queue, totals);
  pg->jumps -= jumps;
  /* A row printed whole in place keeps its figures: reading them as a
   * waiting row's would shift every row after it by one. */
  if (queue->len && !row_whole_in_place (r))
    {
      gboolean waits_late = (block && !after_waiting) || part_in_place (r);
      pg->jumps += waits_late;
      page_branch (pg, i, queue, totals, &waits, r->own, 0);
      pg->jumps -= waits_late;
    }
}

typedef struct {
  char *code, *name;
  int line;
  bp_fen total;
  gboolean doubt;
} QCode;

static void
qcode_clear (gpointer p)
{
  QCode *c = p;
  g_free (c->code);
  g_free (c->name);
}

static QCode *
code_for (GArray *codes, const QTok *t)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_str_equal (g_array_index (codes, QCode, i).code, t->code))
      return &g_array_index (codes, QCode, i);
  QCode c = { g_strdup (t->code), g_strdup (t->name), t->line, 0, FALSE };
  g_array_append_val (codes, c);
  return &g_array_index (codes, QCode, codes->len - 1);
}

static gboolean
page_read_ok (const QPage *pg)
{
  return pg->readings > 0 && pg->steps <= QUEUE_STEP_LIMIT;
}

/* Where no reading of a page holds: the rows printed whole in place, which
 * keep their figures in every reading too. */
static void
page_take_in_place (GArray *codes, const QRow *rows, guint lo, guint hi)
{
  for (guint i = lo; i < hi; i++)
    {
      QCode *c = code_for (codes, rows[i].tok);
      if (row_whole_in_place (&rows[i]))
        c->total += fig (rows[i].own, 0);
      else
        c->doubt = TRUE;
    }
}

/* Reads page PG: figures in row order first; when no reading holds,
 * figures of two columns left behind may interleave (a row's parts after
 * the next row's), and a figure goes to the first row it can belong to;
 * failing that, to the row it completes first (see FIT_BEST). */
static void
page_read_fits (QPage *pg)
{
  g_autoptr (GArray) queue = g_array_new (FALSE, FALSE, sizeof (QNeed));
  g_autofree bp_fen *totals = g_new0 (bp_fen, pg->hi);
  pg->readings = 0;
  for (int fit = FIT_IN_ORDER; fit <= FIT_BEST && !page_read_ok (pg); fit++)
    {
      pg->fit = fit;
      pg->readings = pg->steps = 0;
      memset (pg->differs, 0, pg->codes->len * sizeof (gboolean));
      page_read (pg, pg->lo, queue, totals);
    }
}

static void
page_take (GArray *codes, const QRow *rows, guint lo, guint hi,
           gboolean of_which)
{
  QPage pg = { .rows = rows, .lo = lo, .hi = hi,
               .codes = g_ptr_array_new (),
               .saved = g_array_new (FALSE, FALSE, sizeof (QSaved)),
               .queues = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref) };
  for (guint i = lo; i < hi; i++)
    if (!g_ptr_array_find_with_equal_func (pg.codes, rows[i].tok->code,
                                           g_str_equal, NULL))
      g_ptr_array_add (pg.codes, rows[i].tok->code);
  pg.first = g_new0 (bp_fen, pg.codes->len);
  pg.differs = g_new0 (gboolean, pg.codes->len);
  page_read_fits (&pg);
  /* Only when no reading holds at all, with steps to spare, may figures
   * that no row can take be 其中 figures printed away from their rows (see
   * feed_from): a last resort, as it lets more readings hold. */
  if (of_which && pg.readings == 0 && pg.steps <= QUEUE_STEP_LIMIT)
    {
      pg.of_which = TRUE;
      page_read_fits (&pg);
    }
  if (!page_read_ok (&pg))
    page_take_in_place (codes, rows, lo, hi);
  else
    for (guint c = 0; c < pg.codes->len; c++)
      {
        QTok key = { .code = g_ptr_array_index (pg.codes, c) };
        for (guint i = lo; i < hi && !key.name; i++)
          if (g_str_equal (rows[i].tok->code, key.code))
            key = *rows[i].tok;
        QCode *qc = code_for (codes, &key);
        qc->total += pg.first[c];
        qc->doubt |= pg.differs[c];
      }
  g_ptr_array_unref (pg.codes);
  g_array_unref (pg.saved);
  g_ptr_array_unref (pg.queues);
  g_free (pg.first);
  g_free (pg.differs);
}

/* Empties CODES when the confirmed ones add up to more than the 合计, or,
 * all confirmed, to anything else. */
static void
codes_check (GArray *codes, bp_fen grand)
{
  bp_wide_fen sum = 0;
  gboolean all = TRUE;
  for (guint i = 0; i < codes->len; i++)
    {
      const QCode *c = &g_array_index (codes, QCode, i);
      if (c->doubt)
        all = FALSE;
      else
        sum += c->total;
    }
  if (sum > grand || (all && sum != grand))
    g_array_set_size (codes, 0);
}

/* The confirmed codes; none when they add up to more than the 合计, or,
 * all confirmed, to anything else. */
static GArray *
confirmed_codes (const GArray *rows, bp_fen grand, gboolean of_which)
{
  GArray *codes = g_array_new (FALSE, TRUE, sizeof (QCode));
  g_array_set_clear_func (codes, qcode_clear);
  const QRow *r = (const QRow *) rows->data;
  for (guint lo = 0, hi; lo < rows->len; lo = hi)
    {
      for (hi = lo + 1; hi < rows->len && r[hi].tok->page == r[lo].tok->page;
           hi++)
        ;
      page_take (codes, r, lo, hi, of_which);
    }
  codes_check (codes, grand);
  return codes;
}

/* TRUE when CODES (const char *) ascend once the LEN codes from SKIP are
 * left out. */
static gboolean
ascend_without (const GPtrArray *codes, guint skip, guint len)
{
  const char *last = "";
  for (guint i = 0; i < codes->len; i++)
    if (i < skip || i >= skip + len)
      {
        const char *c = g_ptr_array_index (codes, i);
        if (strcmp (c, last) < 0)
          return FALSE;
        last = c;
      }
  return TRUE;
}

/* TRUE when CODES ascend once a run of at most four of them is left out:
 * a table in code order whose plain text printed a few rows' first codes
 * elsewhere ("2101103 | 2080505 | 2080505 | 2150805"). A table listing
 * its units one after another restarts its codes for each unit. */
static gboolean
ascend_but_a_few (const GPtrArray *codes)
{
  if (ascend_without (codes, 0, 0))
    return TRUE;
  for (guint skip = 0; skip < codes->len; skip++)
    for (guint len = 1; len <= 4 && skip + len <= codes->len; len++)
      if (ascend_without (codes, skip, len))
        return TRUE;
  return FALSE;
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  return strcmp (((const QTok *) a)->code, ((const QTok *) b)->code);
}

/* The function codes of rows anchored at their 部门 economic codes: the
 * k-th function code in code order for the k-th 部门 code, at the
 * latter's line and page (plain text may print a row's first codes away
 * from the rest, but its 部门 code stays with its figures more often).
 * NULL unless there are as many of each and the function codes ascend
 * but for a few (see ascend_but_a_few). */
static GArray *
department_heads (const GArray *toks)
{
  g_autoptr (GPtrArray) codes = g_ptr_array_new ();
  GArray *heads = g_array_new (FALSE, TRUE, sizeof (QTok));
  g_array_set_clear_func (heads, qtok_clear);
  guint departments = 0;
  for (guint i = 0; i < toks->len; i++)
    {
      const QTok *t = &g_array_index (toks, QTok, i);
      departments += t->kind == TOK_DEPARTMENT;
      if (t->kind != TOK_FUNCTION)
        continue;
      g_ptr_array_add (codes, t->code);
      QTok h = { .kind = TOK_FUNCTION, .code = g_strdup (t->code),
                 .name = g_strdup (t->name) };
      g_array_append_val (heads, h);
    }
  if (heads->len == 0 || heads->len != departments || !ascend_but_a_few (codes))
    {
      g_array_unref (heads);
      return NULL;
    }
  /* g_array_sort is not stable, but rows of one code are alike here. */
  g_array_sort (heads, compare_codes);
  for (guint i = 0, k = 0; i < toks->len; i++)
    {
      const QTok *t = &g_array_index (toks, QTok, i);
      if (t->kind != TOK_DEPARTMENT)
        continue;
      QTok *h = &g_array_index (heads, QTok, k++);
      h->line = t->line;
      h->page = t->page;
    }
  return heads;
}

/* TRUE when the codes both A and B confirm have the same totals in both. */
static gboolean
codes_agree (const GArray *a, const GArray *b)
{
  for (guint i = 0; i < a->len; i++)
    {
      const QCode *x = &g_array_index (a, QCode, i);
      for (guint j = 0; j < b->len && !x->doubt; j++)
        {
          const QCode *y = &g_array_index (b, QCode, j);
          if (!y->doubt && g_str_equal (x->code, y->code) && x->total != y->total)
            return FALSE;
        }
    }
  return TRUE;
}

/* Adds to CODES what OTHER (the rows anchored at their 部门 codes)
 * confirms and CODES does not, when OTHER holds on its own (a reading is
 * kept only when it holds) and the two agree on every code both confirm:
 * a reading that misplaces figures confirms some wrong totals, and two
 * readings that misplace different figures disagree somewhere. */
static void
codes_merge (GArray *codes, const GArray *other, bp_fen grand)
{
  if (other->len == 0 || !codes_agree (codes, other))
    return;
  g_autoptr (GArray) merged = g_array_new (FALSE, TRUE, sizeof (QCode));
  g_array_set_clear_func (merged, qcode_clear);
  for (guint k = 0; k < 2; k++)
    {
      const GArray *from = k ? other : codes;
      for (guint i = 0; i < from->len; i++)
        {
          const QCode *o = &g_array_index (from, QCode, i);
          QTok key = { .code = o->code, .name = o->name, .line = o->line };
          guint known = merged->len;
          QCode *c = code_for (merged, &key);
          gboolean fresh = merged->len > known;
          /* A code in doubt in one reading, confirmed in the other, is
           * the other's. */
          if (fresh || !o->doubt)
            {
              c->total = o->total;
              c->doubt = o->doubt;
            }
        }
    }
  /* Together they must still hold; else CODES stays as it was. */
  codes_check (merged, grand);
  if (merged->len == 0)
    return;
  g_array_set_size (codes, 0);
  for (guint i = 0; i < merged->len; i++)
    {
      const QCode *m = &g_array_index (merged, QCode, i);
      QTok key = { .code = m->code, .name = m->name, .line = m->line };
      QCode *c = code_for (codes, &key);
      c->total = m->total;
      c->doubt = m->doubt;
    }
}

gboolean
fields_read_queued_cross_rows (BpDocument *doc, const char *type)
{
  const BpTable *t;
  int from, to;
  if (!fields_table_run_lines (doc, type, &t, &from, &to))
    return FALSE;
  g_autoptr (GArray) toks = g_array_new (FALSE, TRUE, sizeof (QTok));
  g_array_set_clear_func (toks, qtok_clear);
  int l = MAX (from, 1);
  for (const char *text = bp_document_source_line (doc, l); text && l <= to;
       text = bp_document_source_line_next (doc, text), l++)
    tokens_of_line (toks, doc, text, l, t->unit);
  bp_fen grand;
  gboolean of_which;
  if (!drop_grand_total (toks, &grand) || !rows_add_up (toks, grand, &of_which))
    return FALSE;
  g_autoptr (GArray) at_rows = function_codes_at_rows (toks);
  g_autoptr (GArray) rows = rows_of_tokens (at_rows, TOK_FUNCTION, NULL);
  g_autoptr (GArray) codes = confirmed_codes (rows, grand, of_which);
  g_autoptr (GArray) heads = department_heads (toks);
  if (heads)
    {
      g_autoptr (GArray) by_department = rows_of_tokens (toks, TOK_DEPARTMENT,
                                                         heads);
      g_autoptr (GArray) more = confirmed_codes (by_department, grand,
                                                    of_which);
      codes_merge (codes, more, grand);
    }
  gboolean any = FALSE;
  for (guint i = 0; i < codes->len; i++)
    {
      const QCode *c = &g_array_index (codes, QCode, i);
      if (c->doubt)
        continue;
      BpClassRow *row = bp_document_add_class_row (doc, BP_CLASS_FUNCTION,
                                                   c->code, c->name, c->line,
                                                   t->id);
      row->amount[0] = c->total;
      row->has[0] = TRUE;
      any = TRUE;
    }
  return any;
}
