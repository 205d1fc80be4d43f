/* Rows of a classification table rebuilt from plain text's figure stream
 * when its rows do not all carry the same number of figures.
 *
 * Plain pdftotext prints no empty cell, and now and then prints a figure
 * away from its row (a row's 项目支出 after the next rows' figures, at a
 * page end). The codes come in table order, and each row's figures are
 * its total followed by its other filled cells, whose placement in the
 * columns must satisfy the column identities (合计 = 基本支出 + 项目支出).
 * The search gives each row, in order, a run of figures starting with its
 * total, possibly after figures it leaves over; a run that does not add up
 * is kept only when a left-over figure completes it. The code hierarchy
 * decides: every parent equals the sum of its children, 合计 the sum of
 * the 类. The first mapping in order of preference (fewest left-over
 * figures, longest runs) that the hierarchy confirms is the answer; none
 * when the search finds none within its budget. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

#define FIT_SKIP_MAX 6          /* figures a row may leave over before its own */
/* Search steps before giving up: a base plus a few per row. Every mapping
 * the 139 wild documents' plain text confirms is found in at most 1.3
 * steps per row (the first path that holds); the searches that fail ran
 * to any budget (75 of them to 200,000, 5 CPU-s of the corpus's 13). */
#define FIT_NODES_BASE 4096
#define FIT_NODES_PER_ROW 64

/* The answers fit_row asks of every run starting at one figure, bit K
 * for the run of K figures (each a pure function of the figures; AHEAD
 * also of Fit.pairs, so made again after fit_reset). */
enum { RUN_FITS = 1, RUN_ROTATED = 2, RUN_AHEAD = 4 };
typedef struct {
  guint32 fits;          /* fit_run_fits */
  guint32 rotated;       /* not fits, k >= 2, fit_rotated_fits */
  guint32 ahead;         /* not fits, fit_completion_seen */
  guint8 known;          /* RUN_*: which of the three are made */
} RunMasks;

/* An incomplete row and what its run lacks (fit_residuals; the second
 * the first again when there is only one), side by side for fit_loose_owner,
 * which reads them for every left-over figure. */
typedef struct {
  guint row;
  gint64 rests[2];
} OpenRow;

/* fit_completed_fits' answers by key, open addressing: a key is stored
 * plus one (0: an empty slot), its answer beside it (a GHashTable took a
 * copied key per entry and hashed it through a pointer). */
typedef struct {
  guint64 *keys;
  gboolean *fits;
  gsize mask, used;
} FitMemo;

/* The open rows' residuals by value / 8, modulo FIT_BUCKETS: a figure's
 * sum within 2 of a residual falls in its bucket or the next, so
 * fit_loose_owner scans the open rows only when one of the two holds
 * some (most left-over figures complete no open row). */
#define FIT_BUCKETS 1024
#define FIT_BUCKET(v) ((guint) (((guint64) (v) >> 3) & (FIT_BUCKETS - 1)))

typedef struct {
  const gint64 *v;
  guint nf;
  char **codes;
  guint nc;
  int *parent;           /* index of the code one level up, or -1 */
  guint *kid_first;      /* by parent + 1 (0: 合计's): where its children start in KIDS */
  guint *kids;           /* children's code indices, ascending, parent by parent */
  int *kid_at;           /* by code: its place in KIDS, -1 when it is no one's child */
  gint64 *kid_sums;      /* by place in KIDS: the totals of its siblings up to it, itself
                          * included, as placed on the search's path */
  gboolean *may_be_empty;/* by code: fit_row_may_be_empty's answer */
  gboolean *is_class;    /* by code: a 类 (three digits) */
  guint32 *closing;      /* by code C: bit J set when C's J-th ancestor (C itself
                          * the 0th) does not go on past C (fit_close) */
  guint ncols;
  const GPtrArray *ids;
  StreamTotal total;     /* where the 合计 row is */
  guint slack;           /* mismatches allowed (a real defect) */
  gboolean bounded;      /* no negative figure: a child never exceeds its parent */
  gboolean pairs;        /* two figures side by side may complete a row together */
  gboolean empties;      /* a 项 may have no figure (fit_row_may_be_empty) */
  /* search state, by row of the output order (合计 included) */
  guint rows;
  guint *start, *len;
  gboolean *incomplete;
  OpenRow *open;         /* the incomplete rows, ascending: a stack, as the
                          * search sets a row's flag going down and clears
                          * it coming back */
  guint n_open;
  guint *buckets;        /* FIT_BUCKETS: how many open rows' residuals each holds */
  gboolean *rotated;     /* by row: its total is its run's last figure */
  gint64 *t;             /* each code row's total; t[nc] is 合计's */
  gboolean *loose;       /* by figure: left over, to complete an incomplete row */
  gboolean *done;        /* by row: its incomplete run was completed */
  RunMasks *masks;       /* by figure: fit_run_fits, fit_rotated_fits and
                          * fit_completion_seen for every run length */
  FitMemo *completed;    /* (run start, run length, figure) → fits */
  guint mismatches, checked;
  gint64 delta;          /* the one difference every failed sum shows */
  guint broken;          /* runs kept that do not add up */
  guint broken_row;      /* the row of the last one */
  guint nodes, budget;
} Fit;

/* The run of K at G fits the columns (asked once per run: fit_masks). */
static gboolean
fit_run_fits (const Fit *f, guint g, guint k)
{
  return placement_fits (f->v + g, k, f->ncols, f->ids);
}

/* The run of K at G with its last figure as the total ("40,117,134 |
 * 2,700,000 | 初中教育 | 42,817,134": plain text printed a row's other
 * figures before its name and total) fits the columns. */
static gboolean
fit_rotated_fits (const Fit *f, guint g, guint k)
{
  if (k < 2)
    return FALSE;
  gint64 vals[17];
  vals[0] = f->v[g + k - 1];
  memcpy (vals + 1, f->v + g, (k - 1) * sizeof (gint64));
  return placement_fits (vals, k, f->ncols, f->ids);
}

/* The code index of output row I, or -1 for the 合计 row. */
static int
fit_code_of (const Fit *f, guint i)
{
  if (f->total == STREAM_TOTAL_FIRST)
    return i == 0 ? -1 : (int) i - 1;
  return i < f->nc ? (int) i : -1;
}

/* The sum of the totals of P's children placed so far (P = -1: the 类,
 * children of 合计) and how many. */
static gint64
fit_children_sum (const Fit *f, int p, guint upto, guint *kids)
{
  /* P's children below UPTO: a prefix of its (ascending) list, every one
   * placed on the search's path, their running sum kept as placed */
  guint lo = f->kid_first[p + 1], hi = f->kid_first[p + 2];
  guint first = lo;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (f->kids[mid] < upto)
        lo = mid + 1;
      else
        hi = mid;
    }
  *kids = lo - first;
  return lo > first ? f->kid_sums[lo - 1] : 0;
}

/* Code C's total is T now: the running sum of its siblings up to it. */
static void
fit_set_total (Fit *f, guint c, gint64 t)
{
  f->t[c] = t;
  int at = f->kid_at[c];
  if (at < 0)
    return;
  int p = f->parent[c];
  guint first = f->kid_first[p + 1];
  f->kid_sums[at] = ((guint) at > first ? f->kid_sums[at - 1] : 0) + t;
}

/* The children of each parent as fit_children_sum walks them: code C
 * under PARENT[C], the 类 (3 digits, no parent) under 合计. Made once:
 * the search asks for the same sums over and over. */
static void
fit_kids (Fit *f)
{
  guint nc = f->nc;
  f->kid_first = g_new0 (guint, nc + 2);
  f->kids = g_new (guint, nc);
  int *slot = g_new (int, nc);
  for (guint c = 0; c < nc; c++)
    {
      slot[c] = f->parent[c] >= 0 || strlen (f->codes[c]) == 3 ? f->parent[c] + 1 : -1;
      if (slot[c] >= 0)
        f->kid_first[slot[c] + 1]++;
    }
  for (guint q = 1; q <= nc + 1; q++)
    f->kid_first[q] += f->kid_first[q - 1];
  g_autofree guint *fill = g_memdup2 (f->kid_first, (nc + 2) * sizeof (guint));
  f->kid_at = g_new (int, nc);
  f->kid_sums = g_new0 (gint64, nc + 1);
  for (guint c = 0; c < nc; c++)
    {
      f->kid_at[c] = slot[c] >= 0 ? (int) fill[slot[c]] : -1;
      if (slot[c] >= 0)
        f->kids[fill[slot[c]]++] = c;
    }
  g_free (slot);
}

/* A failed sum, off by DIFF: allowed within the slack when it is off by
 * as much as every other (one changed figure breaks its row, its parent
 * and 合计 by the same amount; a misread breaks them by unrelated ones). */
static gboolean
fit_mismatch (Fit *f, gint64 diff, guint terms)
{
  diff = ABS (diff);
  if (f->mismatches == 0)
    f->delta = diff;
  else if (ABS (diff - f->delta) > (gint64) terms)
    return FALSE;
  f->mismatches++;
  return f->mismatches <= f->slack;
}

/* One parent's check: FALSE when it fails beyond the slack. */
static gboolean
fit_check (Fit *f, int p, guint upto)
{
  guint kids;
  gint64 sum = fit_children_sum (f, p, upto, &kids);
  if (!kids)
    return TRUE;
  gint64 want = p >= 0 ? f->t[p] : f->t[f->nc];
  f->checked++;
  if (ABS (sum - want) <= (gint64) kids)
    return TRUE;
  /* a changed figure breaks its own row's run first (a child's before
   * its parent's sum, a parent's before its children's); a sum failing
   * before any run did is a wrong path, cut short */
  return f->broken > 0 && fit_mismatch (f, sum - want, kids);
}

/* The parents whose children end with code row C: the next code is not
 * theirs (the last row's, only when a 合计 shows the table ends there). */
static gboolean
fit_close (Fit *f, guint c)
{
  gboolean last = c + 1 == f->nc;
  if (last && f->total == STREAM_TOTAL_NONE)
    return TRUE;
  guint j = 0;
  for (int a = (int) c; a >= 0; a = f->parent[a], j++)
    if (j < 32 ? f->closing[c] >> j & 1 : last || !g_str_has_prefix (f->codes[c + 1], f->codes[a]))
      if (!fit_check (f, a, c + 1))
        return FALSE;
  return TRUE;
}

/* Which of each code's ancestors fit_close checks (the codes do not
 * change during the search). */
static void
fit_closing (Fit *f)
{
  f->closing = g_new0 (guint32, f->nc);
  for (guint c = 0; c < f->nc; c++)
    {
      guint j = 0;
      for (int a = (int) c; a >= 0 && j < 32; a = f->parent[a], j++)
        if (c + 1 == f->nc || !g_str_has_prefix (f->codes[c + 1], f->codes[a]))
          f->closing[c] |= 1u << j;
    }
}

/* A child's total may not take its parent's children past the parent. */
static gboolean
fit_bound (const Fit *f, int c, gint64 t)
{
  if (!f->bounded || f->slack > 0)
    return TRUE;
  int p = f->parent[c];
  if (p < 0 && !(f->total == STREAM_TOTAL_FIRST && f->is_class[c]))
    return TRUE;
  /* C is P's child (or a 类, 合计's): its siblings before it are the
   * children below it, every one placed, their running sum kept */
  guint first = f->kid_first[p + 1];
  guint kids = (guint) f->kid_at[c] - first;
  gint64 sum = kids > 0 ? f->kid_sums[f->kid_at[c] - 1] : 0;
  gint64 parent_total = p >= 0 ? f->t[p] : f->t[f->nc];
  return sum + t <= parent_total + (gint64) kids + 1;
}

/* What the run of K at G still lacks: its total less its other figures;
 * or, when its second figure is the sum of the ones after it (基本支出
 * with its 人员经费 and 公用经费: "91,842.80 | 70,724.29 | 58,486.35 |
 * 12,237.94", the 项目支出 printed later), its total less that subtotal.
 * Returns how many (1 or 2), in OUT. */
static guint
fit_residuals (const gint64 *v, guint g, guint k, gint64 out[2])
{
  gint64 parts = 0;
  for (guint x = 2; x < k; x++)
    parts += v[g + x];
  guint n = 0;
  out[n++] = v[g] - (k > 1 ? v[g + 1] : 0) - parts;
  if (k >= 4 && ABS (v[g + 1] - parts) <= (gint64) (k - 2))
    out[n++] = v[g] - v[g + 1];
  return n;
}

/* SUM (of N figures) may be what incomplete row O lacks. */
static inline gboolean
fit_completes (const OpenRow *o, gint64 sum, guint n)
{
  /* |rest - SUM| <= N as one unsigned comparison each: fit_loose_owner's
   * scan is the fit's inner loop, and most open rows fail it */
  guint64 lo = (guint64) sum - n, width = 2 * (guint64) n;
  return (guint64) o->rests[0] - lo <= width || (guint64) o->rests[1] - lo <= width;
}

/* Row I, incomplete, goes on the stack of open rows. */
static void
fit_open (Fit *f, guint i, guint g, guint k)
{
  OpenRow *o = &f->open[f->n_open++];
  o->row = i;
  if (fit_residuals (f->v, g, k, o->rests) == 1)
    o->rests[1] = o->rests[0];
  f->buckets[FIT_BUCKET (o->rests[0])]++;
  f->buckets[FIT_BUCKET (o->rests[1])]++;
}

/* The last open row leaves the stack. */
static void
fit_unopen (Fit *f)
{
  const OpenRow *o = &f->open[--f->n_open];
  f->buckets[FIT_BUCKET (o->rests[0])]--;
  f->buckets[FIT_BUCKET (o->rests[1])]--;
}

static gsize
fit_memo_slot (const FitMemo *m, guint64 key)
{
  gsize i = (gsize) ((key * 0x9E3779B97F4A7C15ull) >> 32) & m->mask;
  while (m->keys[i] && m->keys[i] != key + 1)
    i = (i + 1) & m->mask;
  return i;
}

static void
fit_memo_init (FitMemo *m, gsize size)
{
  m->keys = g_new0 (guint64, size);
  m->fits = g_new0 (gboolean, size);
  m->mask = size - 1;
  m->used = 0;
}

/* KEY's answer FITS remembered (KEY not in M yet). */
static void
fit_memo_add (FitMemo *m, guint64 key, gboolean fits)
{
  if (2 * (m->used + 1) > m->mask + 1)
    {
      FitMemo old = *m;
      fit_memo_init (m, 2 * (old.mask + 1));
      for (gsize i = 0; i <= old.mask; i++)
        if (old.keys[i])
          fit_memo_add (m, old.keys[i] - 1, old.fits[i]);
      g_free (old.keys);
      g_free (old.fits);
    }
  gsize i = fit_memo_slot (m, key);
  m->keys[i] = key + 1;
  m->fits[i] = fits;
  m->used++;
}

/* Row R's run with the N figures from X after it (one, or two printed
 * side by side: a row's 基本支出 and 项目支出 both left for later) still
 * fits the columns. Remembered: the search asks it of the same run and
 * figure again on every path through the rows before (a 3.5 KB input
 * took 7 s). */
static gboolean
fit_completed_fits (const Fit *f, guint r, guint x, guint n)
{
  gint64 vals[17];
  guint k = f->len[r];
  if (k + n > f->ncols)
    return FALSE;
  guint64 key = ((guint64) f->start[r] << 36) | ((guint64) k << 31) | ((guint64) (n - 1) << 30) | x;
  gsize at = fit_memo_slot (f->completed, key);
  if (f->completed->keys[at])
    return f->completed->fits[at];
  memcpy (vals, f->v + f->start[r], k * sizeof (gint64));
  memcpy (vals + k, f->v + x, n * sizeof (gint64));
  gboolean fits = placement_fits (vals, k + n, f->ncols, f->ids);
  fit_memo_add (f->completed, key, fits);
  return fits;
}

static void
fit_take_back (Fit *f, guint p, guint end, guint *owner)
{
  for (guint x = p; x < end; x++)
    {
      f->done[owner[x]] = FALSE;
      f->loose[x] = FALSE;
      owner[x] = G_MAXUINT;
    }
}

/* The first row before row I that the N left-over figures from X
 * complete, or G_MAXUINT. */
static guint
fit_loose_owner_of (Fit *f, guint i, guint x, guint n)
{
  gint64 sum = 0;
  for (guint k = 0; k < n; k++)
    sum += f->v[x + k];
  if (!f->buckets[FIT_BUCKET ((guint64) sum - n)] && !f->buckets[FIT_BUCKET ((guint64) sum + n)])
    return G_MAXUINT;
  /* the incomplete rows before I, in order (f->open is ascending) */
  for (const OpenRow *o = f->open, *end = o + f->n_open; o < end && o->row < i; o++)
    if (fit_completes (o, sum, n) && !f->done[o->row] && fit_completed_fits (f, o->row, x, n))
      return o->row;
  return G_MAXUINT;
}

/* The first row before row I that the left-over figure at X completes
 * (*N 1), else, when PAIRS, the first that the figures at X and X + 1
 * complete together (*N 2); G_MAXUINT when none. */
static guint
fit_loose_owner (Fit *f, guint i, guint x, gboolean pairs, guint *n)
{
  guint r = fit_loose_owner_of (f, i, x, *n = 1);
  if (r == G_MAXUINT && pairs)
    r = fit_loose_owner_of (f, i, x, *n = 2);
  return r;
}

/* Gives each left-over figure from *AT to END-1 to the first row before
 * row I that it completes (a figure printed away from its row comes after
 * it), or two side by side to the row they complete together, moving *AT
 * past them; FALSE when the figure at *AT completes none, the figures
 * before it left given. */
static gboolean
fit_give_loose_from (Fit *f, guint i, guint *at, guint end, guint *owner)
{
  for (guint x = *at; x < end; x = *at)
    {
      guint n, r = fit_loose_owner (f, i, x, f->pairs && x + 1 < end, &n);
      if (r == G_MAXUINT)
        return FALSE;
      f->done[r] = TRUE;
      for (guint k = 0; k < n; k++)
        {
          owner[x + k] = r;
          f->loose[x + k] = TRUE;
        }
      *at = x + n;
    }
  return TRUE;
}

/* The left-over figures P..END-1 given (fit_give_loose_from); FALSE,
 * nothing given, when one completes no row. */
static gboolean
fit_give_loose (Fit *f, guint i, guint p, guint end, guint *owner)
{
  guint at = p;
  if (fit_give_loose_from (f, i, &at, end, owner))
    return TRUE;
  owner[at] = G_MAXUINT;
  fit_take_back (f, p, at, owner);
  return FALSE;
}

/* The left-over figures P..G-1 given, those before *AT given already (by
 * row I's shorter skips: each figure goes to the same row whatever
 * follows, except that one before G may pair only with one before G).
 * On FALSE, *AT is the figure no row takes; *STUCK when none will take
 * it after a longer skip either. */
static gboolean
fit_give_loose_upto (Fit *f, guint i, guint *at, guint g, gboolean *stuck, guint *owner)
{
  if (fit_give_loose_from (f, i, at, g, owner))
    return TRUE;
  *stuck = !f->pairs || *at + 1 < g;
  return FALSE;
}

/* Some figure after the run of K at G completes it, or two side by side:
 * an incomplete run is tried only then (asked once per run and pass:
 * fit_masks; the scan is as long as the stream). */
static gboolean
fit_completion_seen (const Fit *f, guint g, guint k)
{
  gint64 rests[2];
  guint m = fit_residuals (f->v, g, k, rests);
  for (guint j = 0; j < m; j++)
    {
      gint64 rest = rests[j];
      if (f->bounded && rest <= 0)
        continue;
      for (guint x = g + k; x < f->nf; x++)
        if (ABS (f->v[x] - rest) <= 1
            || (f->pairs && x + 1 < f->nf && ABS (f->v[x] + f->v[x + 1] - rest) <= 2))
          return TRUE;
    }
  return FALSE;
}


/* In the second pass: some figure left over before the first row's run
 * of K at G, or two side by side, completes it. */
static gboolean
fit_completion_before (const Fit *f, guint p, guint g, guint k)
{
  if (!f->pairs || p == g || p > 0)
    return FALSE;
  gint64 rest = f->v[g];
  for (guint x = 1; x < k; x++)
    rest -= f->v[g + x];
  if (f->bounded && rest <= 0)
    return FALSE;
  for (guint x = p; x < g; x++)
    if (ABS (f->v[x] - rest) <= 1 || (x + 1 < g && ABS (f->v[x] + f->v[x + 1] - rest) <= 2))
      return TRUE;
  return FALSE;
}

/* Every incomplete row completed. */
static gboolean
fit_all_complete (const Fit *f)
{
  for (guint i = 0; i < f->rows; i++)
    if (f->incomplete[i] && !f->done[i])
      return FALSE;
  return TRUE;
}

static gboolean fit_row (Fit *f, guint i, guint p, guint *owner);

/* Row I is a 项 (seven digits) with no code under it: it may have no
 * figure at all. */
static gboolean
fit_row_may_be_empty (const Fit *f, guint i)
{
  int c = fit_code_of (f, i);
  return c >= 0 && f->may_be_empty[c];
}

/* Tries row I on the run of K figures at G, after the figures P..G-1
 * left over. */
static gboolean
fit_try_run (Fit *f, guint i, guint p, guint g, guint k, gboolean fits, gboolean rotated,
             gboolean given, guint *owner)
{
  int c = fit_code_of (f, i);
  gint64 t = k == 0 ? 0 : f->v[rotated ? g + k - 1 : g];
  if (c >= 0 && !fit_bound (f, c, t))
    return FALSE;
  f->start[i] = g;
  f->len[i] = k;
  f->incomplete[i] = !fits;
  if (!fits)
    fit_open (f, i, g, k);
  f->rotated[i] = rotated;
  f->done[i] = FALSE;
  /* in the second pass a figure left over before the first row may be
   * that row's own, printed among the header's lines (a Shanghai Putuo unit budget: 208's
   * 事业收入 above its name); later on, a row's figures printed before it
   * are another row's late ones as a rule */
  if (!given && !fit_give_loose (f, f->pairs && p == 0 ? i + 1 : i, p, g, owner))
    {
      if (!fits)
        fit_unopen (f);
      f->incomplete[i] = FALSE;
      f->rotated[i] = FALSE;
      return FALSE;
    }
  guint mismatches = f->mismatches, checked = f->checked;
  gint64 delta = f->delta;
  if (c >= 0)
    fit_set_total (f, (guint) c, t);
  else
    f->t[f->nc] = t;
  gboolean ok = TRUE;
  if (c >= 0)
    ok = fit_close (f, (guint) c);
  else if (f->total == STREAM_TOTAL_LAST)
    ok = fit_check (f, -1, f->nc);
  if (ok && fit_row (f, i + 1, g + k, owner))
    return TRUE;
  if (!given)
    fit_take_back (f, p, g, owner);
  if (!fits)
    fit_unopen (f);
  f->incomplete[i] = FALSE;
  f->rotated[i] = FALSE;
  f->mismatches = mismatches;
  f->checked = checked;
  f->delta = delta;
  return FALSE;
}

static gboolean
fit_try (Fit *f, guint i, guint p, guint g, guint k, gboolean fits, guint *owner)
{
  return fit_try_run (f, i, p, g, k, fits, FALSE, FALSE, owner);
}

/* fit_try on a run that stays incomplete, counted as one failed sum. */
static gboolean
fit_try_broken (Fit *f, guint i, guint p, guint g, guint k, guint *owner)
{
  gint64 rest = f->v[g], delta = f->delta;
  for (guint x = 1; x < k; x++)
    rest -= f->v[g + x];
  guint mismatches = f->mismatches;
  f->broken++;
  f->broken_row = i;
  if (f->broken == 1 && fit_mismatch (f, rest, k) && fit_try (f, i, p, g, k, TRUE, owner))
    return TRUE;
  f->broken--;
  f->mismatches = mismatches;
  f->delta = delta;
  return FALSE;
}

/* The answers of fit_run_fits, fit_rotated_fits and fit_completion_seen
 * for the runs at G asked for in WANT (RUN_*), made on first need. */
static const RunMasks *
fit_masks (Fit *f, guint g, guint8 want)
{
  RunMasks *m = &f->masks[g];
  guint most = MIN (f->ncols, f->nf - g);
  if (!(m->known & RUN_FITS))
    for (guint k = 1; k <= most; k++)
      m->fits |= (guint32) fit_run_fits (f, g, k) << k;
  if (want & RUN_ROTATED && !(m->known & RUN_ROTATED))
    for (guint k = 2; k <= most; k++)
      if (!(m->fits >> k & 1))
        m->rotated |= (guint32) fit_rotated_fits (f, g, k) << k;
  if (want & RUN_AHEAD && !(m->known & RUN_AHEAD))
    for (guint k = 1; k <= most; k++)
      if (!(m->fits >> k & 1))
        m->ahead |= (guint32) fit_completion_seen (f, g, k) << k;
  m->known |= RUN_FITS | want;
  return m;
}

/* The highest bit of MASK below bit K (K <= 32), or 0 when none. */
static inline guint
bit_below (guint32 mask, guint k)
{
  mask &= k >= 32 ? G_MAXUINT32 : (1u << k) - 1;
  return mask ? 31 - (guint) __builtin_clz (mask) : 0;
}

/* The lowest bit of MASK above bit K (K < 31), or 0 when none. */
static inline guint
bit_above (guint32 mask, guint k)
{
  mask &= ~((2u << k) - 1);
  return mask ? (guint) __builtin_ctz (mask) : 0;
}

/* The search ran out of steps: no try can hold any more (fit_row
 * refuses every row), so none is made. */
static inline gboolean
fit_spent (const Fit *f)
{
  return f->nodes > f->budget;
}

/* After figures left over, row I may try some run at G: one adds up or
 * a later figure completes it, and its total (G's figure) stays within
 * its parent (fit_bound, the same for every run not rotated). */
static gboolean
fit_any_run (const Fit *f, guint i, guint g, const RunMasks *m)
{
  if ((m->fits | m->ahead) == 0)
    return FALSE;
  int c = fit_code_of (f, i);
  return c < 0 || fit_bound (f, c, f->v[g]);
}

/* Row I's runs at G = P + S, in order of preference; the figures P..G-1
 * already GIVEN to earlier rows, or given by each try. */
static gboolean
fit_runs_at (Fit *f, guint i, guint p, guint g, const RunMasks *m, gboolean given,
             guint *owner)
{
  guint most = MIN (f->ncols, f->nf - g);
  /* Runs that add up, longest first; then runs a later figure completes,
   * shortest first (the run lengths walked by their bits). */
  for (guint k = bit_below (m->fits, 32); k >= 1 && !fit_spent (f); k = bit_below (m->fits, k))
    if (fit_try_run (f, i, p, g, k, TRUE, FALSE, given, owner))
      return TRUE;
  for (guint k = p == g ? bit_below (m->rotated, 32) : 0; k >= 2 && !fit_spent (f);
       k = bit_below (m->rotated, k))
    if (fit_try_run (f, i, p, g, k, TRUE, TRUE, given, owner))
      return TRUE;
  /* fit_completion_before holds only before the first row's run */
  guint32 maybe = f->pairs && p == 0 && p != g ? ((2u << most) - 2) & ~m->fits : m->ahead;
  for (guint k = bit_above (maybe, 0); k >= 1 && !fit_spent (f); k = bit_above (maybe, k))
    if ((m->ahead >> k & 1 || fit_completion_before (f, p, g, k))
        && fit_try_run (f, i, p, g, k, FALSE, FALSE, given, owner))
      return TRUE;
  if (p != g || fit_spent (f))
    return FALSE;
  /* A 项 with no figure at all (a project's 项 in a 基本支出 table:
   * every cell empty, and plain text prints none), before a run that
   * would leave figures over. */
  if (f->empties && fit_row_may_be_empty (f, i) && fit_try (f, i, p, g, 0, TRUE, owner))
    return TRUE;
  /* A run that does not add up and nothing completes: a changed
   * figure, when the slack allows one, in its place in the stream. */
  for (guint k = most; f->mismatches < f->slack && k >= 1 && !fit_spent (f); k--)
    if (!(m->fits >> k & 1) && fit_try_broken (f, i, p, g, k, owner))
      return TRUE;
  return FALSE;
}

static gboolean
fit_row (Fit *f, guint i, guint p, guint *owner)
{
  if (++f->nodes > f->budget)
    return FALSE;
  if (i == f->rows)
    {
      if (!fit_give_loose (f, i, p, f->nf, owner))
        return FALSE;
      guint mismatches = f->mismatches, checked = f->checked;
      gint64 delta = f->delta;
      if ((f->total != STREAM_TOTAL_FIRST || fit_check (f, -1, f->nc))
          && fit_all_complete (f) && f->checked > 0
          && (f->mismatches == 0 || f->broken == 1))
        return TRUE;
      f->mismatches = mismatches;
      f->checked = checked;
      f->delta = delta;
      fit_take_back (f, p, f->nf, owner);
      return FALSE;
    }
  guint given_to = p;
  gboolean stuck = FALSE;
  for (guint s = 0; s <= FIT_SKIP_MAX && p + s < f->nf && !stuck; s++)
    {
      guint g = p + s;
      const RunMasks *m = fit_masks (f, g, s == 0 ? RUN_ROTATED | RUN_AHEAD : RUN_AHEAD);
      /* The figures P..G-1 left over go to rows before I, the same ones
       * whichever run row I then takes: given once for all its runs
       * (unless the first row may own them, when its run decides), and
       * only when one of them will be tried */
      gboolean given = s > 0 && !(f->pairs && p == 0);
      if (given && (!fit_any_run (f, i, g, m)
                    || !fit_give_loose_upto (f, i, &given_to, g, &stuck, owner)))
        {
          if (fit_spent (f))
            break;
          continue;
        }
      if (fit_runs_at (f, i, p, g, m, given, owner))
        return TRUE;
      if (fit_spent (f))
        break;
    }
  fit_take_back (f, p, given_to, owner);
  return FALSE;
}

/* The broken run (a changed figure) after an empty 项 of the same
 * parent: the sums cannot tell the two siblings apart, and the search
 * tries the empty 项 first; the figures follow the first row's code in
 * the stream (Xi'an 表7: 2010801 行政运行 and its figures, then 2010804
 * 审计业务 with none), so the run is the first row's. */
static void
fit_broken_to_first_sibling (Fit *f)
{
  guint r = f->broken_row;
  if (f->broken != 1 || r == 0 || f->len[r - 1] != 0 || f->incomplete[r])
    return;
  int c = fit_code_of (f, r), e = fit_code_of (f, r - 1);
  if (c < 0 || e < 0 || f->parent[c] != f->parent[e] || !fit_row_may_be_empty (f, r - 1)
      || strlen (f->codes[c]) != strlen (f->codes[e]))
    return;
  f->start[r - 1] = f->start[r];
  f->len[r - 1] = f->len[r];
  f->rotated[r - 1] = f->rotated[r];
  f->len[r] = 0;
  f->rotated[r] = FALSE;
}

/* The code one level up of each code, among the codes before it. */
static int *
fit_parents (char **codes, guint nc)
{
  int *parent = g_new (int, nc + 1);
  g_autofree gsize *len = g_new (gsize, nc);
  for (guint c = 0; c < nc; c++)
    len[c] = strlen (codes[c]);
  /* a 类 has none: the walk back covers every code before it, so the
   * lengths are compared before the prefix */
  for (guint c = 0; c < nc; c++)
    {
      parent[c] = -1;
      for (int a = (int) c - 1; a >= 0 && parent[c] < 0; a--)
        if (len[a] + 2 == len[c] && g_str_has_prefix (codes[c], codes[a]))
          parent[c] = a;
    }
  return parent;
}

/* The figures of each output row (its run, then the left-over figure
 * that completes it): GPtrArray of GArray (guint figure indices). */
static GPtrArray *
fit_result (const Fit *f, const guint *owner)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < f->rows; i++)
    {
      GArray *figs = g_array_new (FALSE, FALSE, sizeof (guint));
      guint n = f->len[i], first = f->rotated[i] ? n - 1 : 0;
      for (guint k = 0; k < n; k++)
        {
          guint g = f->start[i] + (first + k) % n;
          g_array_append_val (figs, g);
        }
      for (guint g = 0; g < f->nf; g++)
        if (f->loose[g] && owner[g] == i)
          g_array_append_val (figs, g);
      g_ptr_array_add (rows, figs);
    }
  return rows;
}

/* How far RESULT (fit_result, of F's current state) strays from rows
 * printed whole: the figures it leaves unused, and (for a tie) those
 * taken from away from their row to complete it. */
static guint
fit_strays (const Fit *f, const GPtrArray *result)
{
  guint used = 0, loose = 0;
  for (guint i = 0; i < result->len; i++)
    {
      guint n = ((GArray *) result->pdata[i])->len;
      used += n;
      loose += n - f->len[i];
    }
  return (f->nf - used) * (f->nf + 1) + loose;
}

static void fit_reset (Fit *f, guint *owner);

/* The search again, a 项 now allowed to have no figure: kept in place of
 * FOUND (taken) when it strays less from rows printed whole. A 基本支出
 * table lists a project's 项 with every cell empty (plain text prints no
 * figure for it); the search without that finds a mapping that takes
 * figures from later rows to complete others, their columns wrong
 * (20108 | 23,382,409.50 | 23,382,409.50 for 人员经费 21,523,949.82). */
static GPtrArray *
fit_retry_with_empties (Fit *f, guint *owner, GPtrArray *found)
{
  guint before = fit_strays (f, found);
  if (before == 0)
    return found;
  fit_reset (f, owner);
  f->empties = TRUE;
  if (fit_row (f, 0, 0, owner) && f->checked >= 3 && f->mismatches == 0)
    {
      GPtrArray *again = fit_result (f, owner);
      if (fit_strays (f, again) < before)
        {
          g_ptr_array_unref (found);
          return again;
        }
      g_ptr_array_unref (again);
    }
  return found;
}

/* The search state cleared, to search again from the start. */
static void
fit_reset (Fit *f, guint *owner)
{
  f->mismatches = f->checked = f->broken = f->nodes = 0;
  f->delta = 0;
  memset (f->incomplete, 0, f->rows * sizeof (gboolean));
  memset (f->rotated, 0, f->rows * sizeof (gboolean));
  memset (f->done, 0, f->rows * sizeof (gboolean));
  memset (f->loose, 0, f->nf * sizeof (gboolean));
  for (guint g = 0; g < f->nf; g++)
    {
      f->masks[g].ahead = 0;
      f->masks[g].known &= ~RUN_AHEAD;
    }
  memset (owner, 0, f->nf * sizeof (guint));
}

/* The search again from the start, two figures side by side now
 * allowed to complete a row. */
static gboolean
fit_retry_with_pairs (Fit *f, guint *owner)
{
  fit_reset (f, owner);
  f->pairs = TRUE;
  return fit_row (f, 0, 0, owner);
}

/* The search again from the start, a 项 allowed to have no figure and
 * no two figures completing a row together. */
static gboolean
fit_retry_empties_first (Fit *f, guint *owner)
{
  fit_reset (f, owner);
  f->pairs = FALSE;
  f->empties = TRUE;
  return fit_row (f, 0, 0, owner);
}

GPtrArray *
stream_rows_fit (const gint64 *vals, guint nf, char **codes, guint nc, guint ncols,
                 const GPtrArray *ids, StreamTotal total, guint slack)
{
  if (nc < 2 || ncols < 2 || ncols > 16 || ids->len == 0 || nf < nc)
    return NULL;
  /* A sum allowed to fail is a defect only where the codes were read
   * right: a code printed twice means a code went missing. */
  for (guint c = 0; slack && c < nc; c++)
    for (guint d = c + 1; d < nc; d++)
      if (strcmp (codes[c], codes[d]) == 0)
        return NULL;
  Fit f = { .v = vals, .nf = nf, .codes = codes, .nc = nc, .ncols = ncols, .ids = ids,
            .total = total, .slack = slack, .bounded = TRUE,
            .rows = nc + (total != STREAM_TOTAL_NONE) };
  f.budget = FIT_NODES_BASE + FIT_NODES_PER_ROW * f.rows;
  for (guint g = 0; g < nf; g++)
    f.bounded &= vals[g] >= 0;
  f.parent = fit_parents (codes, nc);
  fit_kids (&f);
  fit_closing (&f);
  f.is_class = g_new (gboolean, nc);
  f.may_be_empty = g_new (gboolean, nc);
  for (guint c = 0; c < nc; c++)
    {
      f.is_class[c] = strlen (codes[c]) == 3;
      f.may_be_empty[c] = strlen (codes[c]) == 7
          && (c + 1 >= nc || !g_str_has_prefix (codes[c + 1], codes[c]));
    }
  f.start = g_new0 (guint, f.rows);
  f.len = g_new0 (guint, f.rows);
  f.incomplete = g_new0 (gboolean, f.rows);
  f.open = g_new (OpenRow, f.rows);
  f.buckets = g_new0 (guint, FIT_BUCKETS);
  f.rotated = g_new0 (gboolean, f.rows);
  f.t = g_new0 (gint64, nc + 1);
  f.loose = g_new0 (gboolean, nf);
  f.done = g_new0 (gboolean, f.rows);
  f.masks = g_new0 (RunMasks, nf);
  FitMemo completed;
  fit_memo_init (&completed, 1024);
  f.completed = &completed;
  g_autofree guint *owner = g_new0 (guint, nf);
  GPtrArray *rows = NULL;
  gboolean found = fit_row (&f, 0, 0, owner);
  /* Only when no mapping holds may two figures side by side complete a
   * row (a Shanghai unit budget: "18,077,869 | … | 17,877,869 | 200,000"): allowed
   * from the start, they would let a row take two other rows' late
   * figures, and the totals cannot tell which row's they are. */
  if (!found)
    found = fit_retry_with_pairs (&f, owner);
  /* A 项 with no figure (a 基本支出 table's project 项) is otherwise
   * allowed only to improve a mapping found without it; with a changed
   * figure none is found without it, and the table would be read line by
   * line, the change hidden. */
  if (!found && slack)
    found = fit_retry_empties_first (&f, owner);
  /* A changed figure breaks its own row's run as well as the sums above
   * it; sums that fail with every run adding up are a misread. */
  if (found && f.checked >= 3 && f.checked >= 3 * f.mismatches
      && (f.mismatches == 0 || f.broken == 1))
    {
      fit_broken_to_first_sibling (&f);
      rows = fit_result (&f, owner);
    }
  if (rows && f.mismatches == 0 && !f.pairs)
    rows = fit_retry_with_empties (&f, owner, rows);
  g_free (f.parent);
  g_free (f.kid_first);
  g_free (f.kids);
  g_free (f.kid_at);
  g_free (f.kid_sums);
  g_free (f.is_class);
  g_free (f.closing);
  g_free (f.may_be_empty);
  g_free (f.start);
  g_free (f.len);
  g_free (f.incomplete);
  g_free (f.open);
  g_free (f.buckets);
  g_free (f.rotated);
  g_free (f.t);
  g_free (f.loose);
  g_free (f.done);
  g_free (f.masks);
  g_free (completed.keys);
  g_free (completed.fits);
  return rows;
}
