/* Rows of a classification table whose plain text printed each page's
 * figures in block order: pdftotext reads a page's figures as blocks of
 * its own making (a column's run of rows, then a few rows across, then
 * another column…), so neither the figures' order nor their count per
 * row tells which row a figure belongs to (Chongqing: "147,502.38 |
 * 3,770.98 | 2,939.96 | 831.03 | 2,664.52 | 2,664.52 | 1,992.53 | 671.99 |
 * 9,291.38 | 6,626.86 | 38,805.28 | 2,664.52 | 5,000.00 | …").
 *
 * What still holds is which page a figure stands on, and the sums: each
 * row's cells satisfy the column identities, every parent equals the sum
 * of its children column by column, 合计 the sum of the 类, and every
 * figure of a page is a cell of that page's rows. The search gives each
 * row without children a vector of cells (the page's figures, or empty)
 * that satisfies the identities; a parent's vector is the sum of its
 * children's; every non-empty cell takes one figure of its row's page. A
 * page is done when all of its figures are taken. The first assignment
 * found is the answer, unless another one gives some row other figures:
 * then the sums cannot tell, and there is none. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "tables-private.h"

#define SOLVE_COLS_MAX 8
/* Vectors tried after the first assignment, for another reading */
#define SOLVE_CONFIRM_NODES 8000
#define SOLVE_MEMO_MAX 200000   /* failed states remembered */
#define SOLVE_CANDIDATES_MAX 1024 /* row vectors a page's figures allow */
/* Partial vectors looked at while listing a table's candidate vectors */
#define SOLVE_FILL_MAX 50000

/* A row's cells; for a page's candidate vectors also the index of each
 * cell's figure among the page's distinct figures (-1: empty), so that
 * taking one is no search of the page's figures. */
typedef struct { gint64 c[SOLVE_COLS_MAX]; int ix[SOLVE_COLS_MAX]; } Vec;

typedef struct {
  guint ncols;
  const GPtrArray *ids;
  /* by page (index into the pages seen, first page 0) */
  guint npages;
  GArray **values;     /* gint64: the page's distinct figures */
  GArray **counts;     /* int: how many of each are still free */
  GArray **cands;      /* Vec: the row vectors its figures allow */
  guint **by_total;    /* indices into CANDS, by total (then index) ascending */
  GArray **stream;     /* gint64: its figures in printed order */
  GPtrArray **places;  /* by distinct figure, GArray of guint: where in STREAM */
  GArray **totals;     /* int: how many of each distinct figure it has */
  /* rows: the codes, then 合计 (index nc) */
  guint nc;
  char **codes;
  guint *page;         /* by row: index of its page */
  int *parent;         /* by code: its parent's index, nc for 合计, -1 none */
  gboolean *has_kids;
  gboolean with_total;
  gboolean total_may_close; /* 合计 may stand on the last page */
  Vec *vec;            /* by row: the vector given */
  Vec *first;          /* the first assignment found */
  guint *order;        /* the rows in the order the search gives them */
  Vec *rest;           /* by row: its vector less its children's so far */
  gboolean *last_kid;  /* by row: the last child of its parent (or of 合计) */
  const gint64 *hint;  /* by code: the total another table prints for it, or 0 */
  guint *kids;         /* by row: how many children it has */
  guint steps;
  guint found;
  gboolean differs;    /* a second assignment gives some row other figures */
  guint nodes;
  guint cap;           /* NODES allowed */
  guint fill_tries;    /* partial vectors looked at by cands_fill */
  guint *by_value;     /* while cands_fill lists a page: indices into its VALUES,
                        * by value ascending */
  guint found_at;
  guint deepest;
  GHashTable *failed;  /* StateKey: states whose search found nothing */      /* NODES when the first assignment was found */
  struct StateKey **keys; /* by step: the buffer state_key makes its key in */
} Solve;

static gboolean
code_is_child (const char *parent, const char *code)
{
  return g_str_has_prefix (code, parent) && strlen (code) == strlen (parent) + 2;
}

static int
value_index (GArray *values, gint64 v)
{
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, gint64, i) == v)
      return (int) i;
  return -1;
}

/* Takes (DIR -1) or gives back (DIR +1) the figures of V's cells on page
 * P; FALSE (nothing changed) when one is not free. */
static gboolean
vec_take (Solve *s, guint p, const Vec *v, int dir)
{
  guint n;
  for (n = 0; n < s->ncols; n++)
    {
      if (v->c[n] == 0)
        continue;
      int i = v->ix[n];
      int *cnt = i < 0 ? NULL : &g_array_index (s->counts[p], int, i);
      if (!cnt || (dir < 0 && *cnt == 0))
        break;
      *cnt += dir;
    }
  if (n == s->ncols)
    return TRUE;
  while (n-- > 0)   /* undo the cells taken */
    if (v->c[n] != 0)
      g_array_index (s->counts[p], int, v->ix[n]) -= dir;
  return FALSE;
}

/* Every identity whose columns all stand below UPTO holds for V, and
 * no identity's parts below UPTO exceed its total (figures are above
 * zero: a partial sum already past the total can only grow). */
static gboolean
vec_holds (const Solve *s, const Vec *v, guint upto)
{
  for (guint i = 0; i < s->ids->len; i++)
    {
      const ColumnIdentity *id = g_ptr_array_index (s->ids, i);
      if (id->total < 0 || (guint) id->total >= upto)
        continue;
      gint64 sum = 0;
      gboolean all = TRUE;
      for (guint k = 0; k < id->parts->len; k++)
        {
          int c = g_array_index (id->parts, int, k);
          if (c >= 0 && (guint) c < upto)
            sum += v->c[c];
          else
            all = FALSE;
        }
      /* figures rounded to the table's unit: a cent per part */
      gint64 tol = (gint64) id->parts->len;
      if (sum > v->c[id->total] + tol || (all && ABS (sum - v->c[id->total]) > tol))
        return FALSE;
    }
  return TRUE;
}

/* When column COL is the last part of an identity whose total and other
 * parts stand before it, the cell is what they leave: *NEED, within *TOL
 * (a cent per part). FALSE when COL completes no identity. */
static gboolean
cell_determined (const Solve *s, const Vec *v, guint col, gint64 *need, gint64 *tol)
{
  for (guint i = 0; i < s->ids->len; i++)
    {
      const ColumnIdentity *id = g_ptr_array_index (s->ids, i);
      if (id->total < 0 || (guint) id->total >= col)
        continue;
      gint64 sum = 0;
      int last = -1;
      for (guint k = 0; k < id->parts->len; k++)
        {
          int c = g_array_index (id->parts, int, k);
          last = MAX (last, c);
          if (c >= 0 && (guint) c < col)
            sum += v->c[c];
        }
      if (last == (int) col)
        {
          *need = v->c[id->total] - sum;
          *tol = (gint64) id->parts->len;
          return TRUE;
        }
    }
  return FALSE;
}

static void cands_fill (Solve *s, guint p, Vec *v, guint col);

static int
value_at_cmp (const void *a, const void *b, void *values)
{
  gint64 x = g_array_index ((GArray *) values, gint64, *(const guint *) a);
  gint64 y = g_array_index ((GArray *) values, gint64, *(const guint *) b);
  return (x > y) - (x < y);
}

/* Indices into VALUES (distinct figures) by value ascending. */
static guint *
values_by_value (GArray *values)
{
  guint *by = g_new (guint, values->len + 1);
  for (guint i = 0; i < values->len; i++)
    by[i] = i;
  g_qsort_with_data (by, (gint) values->len, sizeof (guint), value_at_cmp, values);
  return by;
}

/* cands_fill's figures for a cell fixed at NEED within TOL: those few
 * found by value (BY_VALUE), then tried in the page's order as the
 * full walk would. FALSE when there may be too many to hold. */
static gboolean
cands_fill_fixed (Solve *s, guint p, Vec *v, guint col, gint64 need, gint64 tol)
{
  GArray *vals = s->values[p];
  guint at[4 * SOLVE_COLS_MAX + 1], n = 0;
  if (tol < 0 || 2 * tol + 1 > (gint64) G_N_ELEMENTS (at))
    return FALSE;
  guint lo = 0, hi = vals->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (vals, gint64, s->by_value[mid]) < need - tol)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < vals->len && g_array_index (vals, gint64, s->by_value[lo]) <= need + tol; lo++)
    {
      guint i = s->by_value[lo], j = n++;
      for (; j > 0 && at[j - 1] > i; j--)
        at[j] = at[j - 1];
      at[j] = i;
    }
  for (guint j = 0; j < n; j++)
    {
      v->c[col] = g_array_index (vals, gint64, at[j]);
      if (v->c[col] > v->c[0])
        continue;   /* no cell exceeds its row's total */
      cands_fill (s, p, v, col + 1);
    }
  return TRUE;
}

/* The vectors page P's figures allow: column 0 a figure, each other cell
 * a figure or empty, every identity holding. */
static void
cands_fill (Solve *s, guint p, Vec *v, guint col)
{
  GArray *out = s->cands[p];
  if (out->len >= SOLVE_CANDIDATES_MAX || s->fill_tries++ > SOLVE_FILL_MAX
      || !vec_holds (s, v, col))
    return;
  if (col == s->ncols)
    {
      g_array_append_val (out, *v);
      return;
    }
  GArray *vals = s->values[p];
  gint64 need = 0, tol = 0;
  /* a cell an identity fixes is tried only at that value: the listing
   * stays near the count of vectors, not the figures to the columns' power */
  gboolean fixed = col > 0 && cell_determined (s, v, col, &need, &tol);
  if (col > 0 && (!fixed || ABS (need) <= tol))
    {
      v->c[col] = 0;
      cands_fill (s, p, v, col + 1);
    }
  if (fixed && cands_fill_fixed (s, p, v, col, need, tol))
    return;
  for (guint i = 0; i < vals->len; i++)
    {
      v->c[col] = g_array_index (vals, gint64, i);
      if (col > 0 && v->c[col] > v->c[0])
        continue;   /* no cell exceeds its row's total */
      if (fixed && ABS (v->c[col] - need) > tol)
        continue;
      cands_fill (s, p, v, col + 1);
    }
}

static gboolean
page_done (const Solve *s, guint p)
{
  for (guint i = 0; i < s->counts[p]->len; i++)
    if (g_array_index (s->counts[p], int, i) != 0)
      return FALSE;
  return TRUE;
}

/* What tells one reading of a row from another: its total, the sum and
 * the count of its cells (the same figures in other columns is no other
 * reading: the placement that follows chooses the columns). */
typedef struct { gint64 total, sum, cells; } Sig;

static Sig
sig_of (const Vec *v, guint ncols)
{
  Sig g = { v->c[0], 0, 0 };
  for (guint k = 0; k < ncols; k++)
    {
      g.sum += v->c[k];
      g.cells += v->c[k] != 0;
    }
  return g;
}

static int
sig_cmp (const void *a, const void *b)
{
  return memcmp (a, b, sizeof (Sig));
}

/* The signatures of page P's rows (合计's with the first page's) in
 * VECS, sorted: N of them in OUT. */
static guint
page_sigs (const Solve *s, const Vec *vecs, guint p, Sig *out)
{
  guint n = 0;
  for (guint r = 0; r <= s->nc; r++)
    if (s->page[r] == p && (r < s->nc || s->with_total))
      out[n++] = sig_of (&vecs[r], s->ncols);
  qsort (out, n, sizeof (Sig), sig_cmp);
  return n;
}

/* The assignment just found reads some page's figures into other rows
 * than the first did. Rows that only trade places (two 类 whose subtrees
 * swap: the sums cannot tell them apart) are no other reading: the
 * printed order, which the search follows, tells them. */
static gboolean
rows_differ (const Solve *s)
{
  g_autofree Sig *a = g_new (Sig, s->nc + 1);
  g_autofree Sig *b = g_new (Sig, s->nc + 1);
  for (guint p = 0; p < s->npages; p++)
    {
      guint n = page_sigs (s, s->first, p, a);
      page_sigs (s, s->vec, p, b);
      if (memcmp (a, b, n * sizeof (Sig)) != 0)
        return TRUE;
    }
  return FALSE;
}

static void solve_step (Solve *s, guint k);

/* The step after K (合计 first, then the codes in order): a page left
 * behind must be spent; at the end every page, and the assignment is
 * recorded. */
static void
solve_next (Solve *s, guint k)
{
  guint row = s->order[k];
  if (k + 1 < s->steps)
    {
      guint p = s->page[row];
      /* 合计 may stand on the last page, its rows on the pages before */
      if (row < s->nc && s->page[s->order[k + 1]] != p && !page_done (s, p))
        return;
      solve_step (s, k + 1);
      return;
    }
  for (guint p = 0; p < s->npages; p++)
    if (!page_done (s, p))
      return;
  if (s->found++ == 0)
    {
      s->found_at = s->nodes;
      memcpy (s->first, s->vec, (s->nc + 1) * sizeof (Vec));
    }
  else if (rows_differ (s))
    s->differs = TRUE;
}

/* Row R's parent's row (合计's index when it has none and there is a
 * 合计), or -1. */
static int
parent_row (const Solve *s, guint r)
{
  if (r == s->nc)
    return -1;
  return s->parent[r] >= 0 ? s->parent[r] : s->with_total ? (int) s->nc : -1;
}

/* V fits in what row Q (-1: none) leaves its children. */
static gboolean
vec_fits (const Solve *s, int q, const Vec *v)
{
  for (guint n = 0; q >= 0 && n < s->ncols; n++)
    if (v->c[n] > s->rest[q].c[n] + (gint64) s->kids[q])
      return FALSE;
  return TRUE;
}

/* V's figures are free on page P. */
static gboolean
vec_free (Solve *s, guint p, const Vec *v)
{
  if (!vec_take (s, p, v, -1))
    return FALSE;
  vec_take (s, p, v, +1);
  return TRUE;
}

/* Gives row ORDER[K] V when its page's figures allow and it fits in what
 * its parent leaves, and goes on. */
static void
solve_try (Solve *s, guint k, const Vec *v)
{
  guint row = s->order[k], p = s->page[row];
  int q = parent_row (s, row);
  if (!vec_fits (s, q, v))
    return;
  if (s->nodes++ > s->cap || !vec_take (s, p, v, -1))
    return;
  s->vec[row] = *v;
  s->rest[row] = *v;
  for (guint n = 0; q >= 0 && n < s->ncols; n++)
    s->rest[q].c[n] -= v->c[n];
  solve_next (s, k);
  for (guint n = 0; q >= 0 && n < s->ncols; n++)
    s->rest[q].c[n] += v->c[n];
  vec_take (s, p, v, +1);
}

typedef struct { guint other, at, near, cand; } Ranked;

/* Total T for row R goes against what the other tables print: R's own
 * total there is another, or (R's unknown) T is another code's of R's
 * page. */
static gboolean
hint_other (const Solve *s, guint r, gint64 t)
{
  if (!s->hint)
    return FALSE;
  if (s->hint[r])
    return s->hint[r] != t;
  for (guint c = 0; c < s->nc; c++)
    if (c != r && s->page[c] == s->page[r] && s->hint[c] == t)
      return TRUE;
  return FALSE;
}

static int
ranked_cmp (const void *a, const void *b)
{
  const Ranked *x = a, *y = b;
  if (x->other != y->other)
    return x->other < y->other ? -1 : 1;
  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->near != y->near)
    return x->near < y->near ? -1 : 1;
  return x->cand < y->cand ? -1 : x->cand > y->cand;
}

/* Where in page P's printed order the first free figure of value V
 * stands (the figures of a value are taken in printed order, so the free
 * ones are its last), G_MAXUINT when none is free. */
static guint
first_free_at (const Solve *s, guint p, int i)
{
  if (i < 0)
    return G_MAXUINT;
  guint taken = g_array_index (s->totals[p], int, i) - g_array_index (s->counts[p], int, i);
  GArray *at = g_ptr_array_index (s->places[p], i);
  return taken < at->len ? g_array_index (at, guint, taken) : G_MAXUINT;
}

/* V and W differ by at most TOL in each of N columns. */
static gboolean
vec_near (const Vec *v, const Vec *w, guint n, guint tol)
{
  for (guint i = 0; i < n; i++)
    if (ABS (v->c[i] - w->c[i]) > (gint64) tol)
      return FALSE;
  return TRUE;
}

/* A parent's last child takes what its siblings left (a cent per child
 * aside: the parent's figure was rounded apart from theirs); any other row
 * each vector its page's figures allow. */
static void solve_rows (Solve *s, guint k);

/* A search state (state_key), its hash made once: the memo of failed
 * states hashes a key when it is looked up and again when it is added. */
typedef struct StateKey {
  guint hash;
  gsize n;
  guint8 data[];
} StateKey;

/* The hash of N bytes at D, word by word (g_bytes_hash goes byte by byte,
 * and a key holds a page's free counts: hashing was a tenth of the
 * search). */
static guint
bytes_hash (const guint8 *d, gsize n)
{
  guint64 h = 1469598103934665603ull;
  gsize i = 0;
  for (; i + 8 <= n; i += 8)
    {
      guint64 w;
      memcpy (&w, d + i, 8);
      h = (h ^ w) * 1099511628211ull;
      h ^= h >> 29;
    }
  for (; i < n; i++)
    h = (h ^ d[i]) * 1099511628211ull;
  return (guint) (h ^ (h >> 32));
}

/* The state the search is in before step K, whole: the pages before
 * spent, those after untouched, so what K's page has free and what each
 * open row (K's ancestors, in code order) still leaves its children.
 * Made in step K's own buffer (its size is the same every time: K's row,
 * page and ancestors are), which the steps after K leave alone. */
static const StateKey *
state_key (Solve *s, guint k)
{
  guint row = s->order[k];
  GArray *cnt = s->counts[s->page[row]];
  gsize rest = s->ncols * sizeof (gint64), n = sizeof k + cnt->len * sizeof (int);
  for (int q = parent_row (s, row); q >= 0; q = parent_row (s, (guint) q))
    n += rest;
  if (!s->keys[k])
    s->keys[k] = g_malloc (sizeof (StateKey) + n);
  StateKey *key = s->keys[k];
  guint8 *o = key->data;
  memcpy (o, &k, sizeof k);
  o += sizeof k;
  memcpy (o, cnt->data, cnt->len * sizeof (int));
  o += cnt->len * sizeof (int);
  for (int q = parent_row (s, row); q >= 0; q = parent_row (s, (guint) q), o += rest)
    memcpy (o, &s->rest[q], rest);
  key->n = n;
  key->hash = bytes_hash (key->data, n);
  return key;
}

static guint
state_hash (gconstpointer key)
{
  return ((const StateKey *) key)->hash;
}

static gboolean
state_equal (gconstpointer a, gconstpointer b)
{
  const StateKey *x = a, *y = b;
  return x->hash == y->hash && x->n == y->n && memcmp (x->data, y->data, x->n) == 0;
}

/* Step K, unless the same state failed before: a 类's or a 款's rows are
 * tried again for each reading of the rows before them that leaves the
 * same figures and sums (the same figures in other columns, two rows
 * trading places), and fail again. */
static void
solve_step (Solve *s, guint k)
{
  guint row = s->order[k];
  if (row < s->nc && strlen (s->codes[row]) > 7)
    {
      solve_rows (s, k);
      return;
    }
  const StateKey *key = state_key (s, k);
  if (g_hash_table_contains (s->failed, key))
    return;
  guint found = s->found;
  solve_rows (s, k);
  if (s->found == found && !s->differs && g_hash_table_size (s->failed) < SOLVE_MEMO_MAX)
    g_hash_table_add (s->failed, g_memdup2 (key, sizeof *key + key->n));
}

/* The first place in page P's BY_TOTAL whose candidate's total is at
 * least T. */
static guint
by_total_from (const Solve *s, guint p, gint64 t)
{
  GArray *cands = s->cands[p];
  guint lo = 0, hi = cands->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (cands, Vec, s->by_total[p][mid]).c[0] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static int
by_total_cmp (const void *a, const void *b, void *cands)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  gint64 tx = g_array_index ((GArray *) cands, Vec, x).c[0];
  gint64 ty = g_array_index ((GArray *) cands, Vec, y).c[0];
  if (tx != ty)
    return tx < ty ? -1 : 1;
  return (x > y) - (x < y);
}

static void
by_total_sort (Solve *s, guint p)
{
  GArray *cands = s->cands[p];
  s->by_total[p] = g_new (guint, cands->len + 1);
  for (guint i = 0; i < cands->len; i++)
    s->by_total[p][i] = i;
  g_qsort_with_data (s->by_total[p], (gint) cands->len, sizeof (guint), by_total_cmp, cands);
}

static void
solve_rows (Solve *s, guint k)
{
  if (s->differs || s->nodes > s->cap
      || (s->found && s->nodes > s->found_at + SOLVE_CONFIRM_NODES))
    return;
  guint row = s->order[k];
  int q = parent_row (s, row);
  s->deepest = MAX (s->deepest, k);
  gboolean last = q >= 0 && s->last_kid[row];
  guint p = s->page[row];
  GArray *cands = s->cands[p];
  /* only the candidates whose total the tests below may pass (vec_fits:
   * at most what the parent leaves; vec_near: about that): the ranking
   * orders them wholly, so which are looked at first does not matter */
  guint from = 0, to = cands->len;
  if (q >= 0)
    {
      gint64 left = s->rest[q].c[0], tol = (gint64) s->kids[q];
      to = by_total_from (s, p, left + tol + 1);
      if (last)
        from = by_total_from (s, p, left - tol);
    }
  g_autofree Ranked *order = g_new (Ranked, to - MIN (from, to) + 1);
  guint n = 0;
  for (guint at = from; at < to; at++)
    {
      guint i = s->by_total[p][at];
      const Vec *v = &g_array_index (cands, Vec, i);
      if ((last && !vec_near (v, &s->rest[q], s->ncols, s->kids[q]))
          || !vec_fits (s, q, v) || !vec_free (s, p, v))
        continue;   /* ranked only when it can be tried */
      s->nodes++;   /* ranking costs as much as trying */
      order[n].other = row < s->nc && hint_other (s, row, v->c[0]);
      order[n].at = first_free_at (s, p, v->ix[0]);
      order[n].near = 0;
      for (guint c = 1; c < s->ncols; c++)
        if (v->c[c] != 0)
          order[n].near += MIN (first_free_at (s, p, v->ix[c]), 1000u);
      order[n++].cand = i;
    }
  /* a total another table prints for the row's code first (siblings
   * trading places keep every sum: 2160602 and 2160699 in 一般公共预算支出表
   * as in 支出总表); then, as the rows' totals mostly come in row order,
   * the vectors whose total is the first one free, and of those the one whose other
   * figures come first (a row printed across, as plain text often does) */
  qsort (order, n, sizeof (Ranked), ranked_cmp);
  for (guint i = 0; i < n && !s->differs; i++)
    solve_try (s, k, &g_array_index (cands, Vec, order[i].cand));
}

/* Page indices: the distinct pages of the codes, ascending; -1 for a
 * page no code stands on. */
static int
page_index (const int *pages, guint npages, int page)
{
  for (guint i = 0; i < npages; i++)
    if (pages[i] == page)
      return (int) i;
  return -1;
}

/* The page of the 合计 row: its total is the table's largest figure (all
 * figures are above zero; within a cent a row of rounding), on the first
 * page as a rule, on the last when printed under the rows (cn 部门支出总表:
 * "合 | 计 | 50,616.94" at the end of its second page). FALSE when neither
 * page holds it. */
static gboolean
total_page (Solve *s, const gint64 *vals, const int *fig_pages, guint nf, const int *pages)
{
  gint64 top = 0;
  for (guint g = 0; g < nf; g++)
    top = MAX (top, vals[g]);
  gboolean on[2] = { FALSE, FALSE };
  for (guint g = 0; g < nf; g++)
    if (vals[g] + (gint64) s->nc >= top)
      {
        on[0] |= fig_pages[g] == pages[0];
        on[1] |= fig_pages[g] == pages[s->npages - 1];
      }
  s->page[s->nc] = on[0] ? 0 : s->npages - 1;
  return on[0] || on[1];
}

/* Sets up S's pages, figures and rows; FALSE when the table is not one
 * the search can read (codes out of order, a figure on no code's page,
 * a figure not above zero). */
static gboolean
solve_setup (Solve *s, const gint64 *vals, const int *fig_pages, guint nf,
             const int *code_pages, int *pages)
{
  for (guint c = 0; c < s->nc; c++)
    {
      if (c > 0 && (strcmp (s->codes[c - 1], s->codes[c]) >= 0
                    || code_pages[c] < code_pages[c - 1]))
        return FALSE;
      if (c == 0 || code_pages[c] != code_pages[c - 1])
        pages[s->npages++] = code_pages[c];
      s->page[c] = s->npages - 1;
    }
  s->values = g_new0 (GArray *, s->npages);
  s->counts = g_new0 (GArray *, s->npages);
  s->cands = g_new0 (GArray *, s->npages);
  s->by_total = g_new0 (guint *, s->npages);
  s->stream = g_new0 (GArray *, s->npages);
  s->places = g_new0 (GPtrArray *, s->npages);
  s->totals = g_new0 (GArray *, s->npages);
  for (guint p = 0; p < s->npages; p++)
    {
      s->values[p] = g_array_new (FALSE, FALSE, sizeof (gint64));
      s->counts[p] = g_array_new (FALSE, FALSE, sizeof (int));
      s->cands[p] = g_array_new (FALSE, FALSE, sizeof (Vec));
      s->stream[p] = g_array_new (FALSE, FALSE, sizeof (gint64));
      s->places[p] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
    }
  for (guint g = 0; g < nf; g++)
    {
      int p = page_index (pages, s->npages, fig_pages[g]);
      if (p < 0 || vals[g] <= 0)
        return FALSE;
      guint at = s->stream[p]->len;
      g_array_append_val (s->stream[p], vals[g]);
      int i = value_index (s->values[p], vals[g]);
      if (i < 0)
        {
          g_array_append_val (s->values[p], vals[g]);
          int zero = 0;
          g_array_append_val (s->counts[p], zero);
          g_ptr_array_add (s->places[p], g_array_new (FALSE, FALSE, sizeof (guint)));
          i = (int) s->values[p]->len - 1;
        }
      g_array_index (s->counts[p], int, i)++;
      g_array_append_val (g_ptr_array_index (s->places[p], i), at);
    }
  for (guint p = 0; p < s->npages; p++)
    s->totals[p] = g_array_copy (s->counts[p]);
  s->page[s->nc] = 0;
  return !s->with_total || !s->total_may_close || total_page (s, vals, fig_pages, nf, pages);
}

/* The parents, and how many sums confirm the rows. */
static guint
solve_hierarchy (Solve *s)
{
  guint sums = s->with_total;
  for (guint c = 0; c < s->nc; c++)
    {
      s->parent[c] = -1;
      for (int a = (int) c - 1; a >= 0 && s->parent[c] < 0; a--)
        if (code_is_child (s->codes[a], s->codes[c]))
          s->parent[c] = a;
      if (s->parent[c] >= 0 && !s->has_kids[s->parent[c]])
        {
          s->has_kids[s->parent[c]] = TRUE;
          sums++;
        }
    }
  for (guint c = 0; c < s->nc; c++)
    {
      s->last_kid[c] = s->parent[c] >= 0 || s->with_total;
      s->kids[s->parent[c] >= 0 ? (guint) s->parent[c] : s->nc]++;
      for (guint d = c + 1; d < s->nc && s->last_kid[c]; d++)
        s->last_kid[c] = s->parent[d] != s->parent[c];
    }
  return sums;
}

/* The figure indices of each row, 合计 first when there is one, each
 * row's in column order: for each cell the first free figure of its
 * value on its page; *PLACED: the column of each. */
static GPtrArray *
solve_result (const Solve *s, const gint64 *vals, const int *fig_pages, guint nf,
              const int *pages, GPtrArray **placed)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  *placed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree gboolean *used = g_new0 (gboolean, nf);
  for (guint k = 0; k <= s->nc; k++)
    {
      guint row = s->with_total ? (k == 0 ? s->nc : k - 1) : k;
      if (row == s->nc && (!s->with_total || k > 0))
        break;
      GArray *figs = g_array_new (FALSE, FALSE, sizeof (guint));
      GArray *cols = g_array_new (FALSE, FALSE, sizeof (int));
      for (int n = 0; n < (int) s->ncols; n++)
        for (guint g = 0; s->first[row].c[n] != 0 && g < nf; g++)
          if (!used[g] && vals[g] == s->first[row].c[n]
              && fig_pages[g] == pages[s->page[row]])
            {
              used[g] = TRUE;
              g_array_append_val (figs, g);
              g_array_append_val (cols, n);
              break;
            }
      g_ptr_array_add (rows, figs);
      g_ptr_array_add (*placed, cols);
    }
  return rows;
}

static void
solve_clear (Solve *s)
{
  for (guint p = 0; s->values && p < s->npages; p++)
    {
      g_array_unref (s->values[p]);
      g_array_unref (s->counts[p]);
      g_array_unref (s->cands[p]);
      g_array_unref (s->stream[p]);
      g_ptr_array_unref (s->places[p]);
      if (s->totals[p])
        g_array_unref (s->totals[p]);
    }
  g_free (s->values);
  g_free (s->counts);
  g_free (s->cands);
  for (guint p = 0; s->by_total && p < s->npages; p++)
    g_free (s->by_total[p]);
  g_free (s->by_total);
  g_free (s->stream);
  g_free (s->places);
  g_free (s->totals);
  g_free (s->page);
  g_free (s->parent);
  g_free (s->has_kids);
  g_free (s->vec);
  g_free (s->first);
  g_free (s->order);
  g_free (s->rest);
  g_free (s->last_kid);
  g_free (s->kids);
  g_hash_table_destroy (s->failed);
  for (guint k = 0; k <= s->nc; k++)
    g_free (s->keys[k]);
  g_free (s->keys);
}

/* Inputs the search found no reading for: the tables plugin asks again
 * for the same table (another pass over the same columns, or the same
 * table in another document), and a search that fails costs its whole
 * budget. Each entry keeps what the search cost, so that skipping it
 * leaves the caller's budget as running it would have: the answer must
 * not depend on which documents (or threads) asked before. */
G_LOCK_DEFINE_STATIC (solve_failed);
static GHashTable *solve_failed;  /* GBytes key -> SolveFailure */
#define SOLVE_FAILED_MAX 512

typedef struct {
  guint nodes;         /* nodes the failed search took */
  gboolean found_any;  /* it found a reading (then a second that differs) */
  gboolean exhausted;  /* it ran out of its budget */
} SolveFailure;

static GBytes *
solve_input_key (const gint64 *vals, const int *fig_pages, guint nf, char **codes,
                 const int *code_pages, guint nc, guint ncols, const GPtrArray *ids,
                 gboolean with_total, gboolean total_may_close, const gint64 *hint)
{
  GByteArray *b = g_byte_array_new ();
  guint head[4] = { nf, nc, ncols, (guint) with_total | (guint) total_may_close << 1 };
  g_byte_array_append (b, (const guint8 *) head, sizeof head);
  g_byte_array_append (b, (const guint8 *) vals, nf * sizeof *vals);
  g_byte_array_append (b, (const guint8 *) fig_pages, nf * sizeof *fig_pages);
  g_byte_array_append (b, (const guint8 *) code_pages, nc * sizeof *code_pages);
  if (hint)
    g_byte_array_append (b, (const guint8 *) hint, nc * sizeof *hint);
  for (guint c = 0; c < nc; c++)
    g_byte_array_append (b, (const guint8 *) codes[c], strlen (codes[c]) + 1);
  for (guint i = 0; i < ids->len; i++)
    {
      const ColumnIdentity *id = g_ptr_array_index (ids, i);
      g_byte_array_append (b, (const guint8 *) &id->total, sizeof id->total);
      g_byte_array_append (b, (const guint8 *) id->parts->data, id->parts->len * sizeof (int));
    }
  return g_byte_array_free_to_bytes (b);
}

/* Whether a search of KEY with *BUDGET nodes is known to fail; if so the
 * budget is charged what that search would take. A search is the same
 * walk whatever its budget until it runs out: with at least the nodes a
 * finished search took it fails again the same way; with fewer than a
 * search that found nothing took, it runs out (all the budget) first. */
static gboolean
solve_failed_before (GBytes *key, guint *budget)
{
  gboolean known = FALSE;
  G_LOCK (solve_failed);
  const SolveFailure *f = solve_failed ? g_hash_table_lookup (solve_failed, key) : NULL;
  if (f && !f->exhausted && *budget >= f->nodes)
    {
      *budget -= f->nodes;
      known = TRUE;
    }
  else if (f && !f->found_any && *budget < f->nodes)
    {
      *budget = 0;
      known = TRUE;
    }
  G_UNLOCK (solve_failed);
  return known;
}

static void
solve_remember_failed (GBytes *key, guint nodes, gboolean found_any, gboolean exhausted)
{
  SolveFailure *f = g_new (SolveFailure, 1);
  *f = (SolveFailure) { .nodes = nodes, .found_any = found_any, .exhausted = exhausted };
  G_LOCK (solve_failed);
  if (!solve_failed)
    solve_failed = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                          (GDestroyNotify) g_bytes_unref, g_free);
  if (g_hash_table_size (solve_failed) >= SOLVE_FAILED_MAX)
    g_hash_table_remove_all (solve_failed);
  g_hash_table_replace (solve_failed, g_bytes_ref (key), f);
  G_UNLOCK (solve_failed);
}

GPtrArray *
stream_rows_solve (const gint64 *vals, const int *fig_pages, guint nf, char **codes,
                   const int *code_pages, guint nc, guint ncols, const GPtrArray *ids,
                   gboolean with_total, gboolean total_may_close, const gint64 *hint,
                   guint *budget, GPtrArray **placed)
{
  if (nc < 2 || ncols < 2 || ncols > SOLVE_COLS_MAX || ids->len == 0 || nf < nc
      || *budget == 0)
    return NULL;
  g_autoptr (GBytes) key = solve_input_key (vals, fig_pages, nf, codes, code_pages, nc,
                                            ncols, ids, with_total, total_may_close, hint);
  if (solve_failed_before (key, budget))
    return NULL;
  Solve s = { .ncols = ncols, .ids = ids, .nc = nc, .codes = codes,
              .with_total = with_total, .total_may_close = total_may_close,
              .page = g_new0 (guint, nc + 1), .parent = g_new0 (int, nc),
              .has_kids = g_new0 (gboolean, nc), .vec = g_new0 (Vec, nc + 1),
              .first = g_new0 (Vec, nc + 1), .order = g_new0 (guint, nc + 1),
              .rest = g_new0 (Vec, nc + 1), .last_kid = g_new0 (gboolean, nc + 1),
              .kids = g_new0 (guint, nc + 1), .hint = hint, .cap = *budget,
              .failed = g_hash_table_new_full (state_hash, state_equal, g_free, NULL),
              .keys = g_new0 (StateKey *, nc + 1) };
  g_autofree int *pages = g_new0 (int, nc);
  GPtrArray *rows = NULL;
  if (!solve_setup (&s, vals, fig_pages, nf, code_pages, pages) || solve_hierarchy (&s) < 3)
    goto out;
  for (guint p = 0; p < s.npages; p++)
    {
      Vec v = { { 0 } };
      s.by_value = values_by_value (s.values[p]);
      cands_fill (&s, p, &v, 0);
      g_clear_pointer (&s.by_value, g_free);
      /* a row printed without figures (its cells all empty) */
      memset (&v, 0, sizeof v);
      g_array_append_val (s.cands[p], v);
      if (s.cands[p]->len >= SOLVE_CANDIDATES_MAX || s.fill_tries > SOLVE_FILL_MAX)
        goto out;   /* too many readings for the sums to tell */
      for (guint i = 0; i < s.cands[p]->len; i++)
        {
          Vec *w = &g_array_index (s.cands[p], Vec, i);
          for (guint n = 0; n < SOLVE_COLS_MAX; n++)
            w->ix[n] = n < ncols && w->c[n] != 0 ? value_index (s.values[p], w->c[n]) : -1;
        }
      by_total_sort (&s, p);
    }
  if (with_total)
    s.order[s.steps++] = nc;
  for (guint c = 0; c < nc; c++)
    s.order[s.steps++] = c;
  solve_step (&s, 0);
  g_debug ("streams solved: %u codes on %u pages, %u figures (%u listed): %u found%s, %u tried, deepest %s",
           nc, s.npages, nf, s.fill_tries, s.found, s.differs ? " that differ" : "", s.nodes,
           s.order[s.deepest] < nc ? codes[s.order[s.deepest]] : "合计");
  if (s.found > 0 && !s.differs)
    rows = solve_result (&s, vals, fig_pages, nf, pages, placed);
out:
  if (!rows)
    solve_remember_failed (key, s.nodes, s.found > 0, s.nodes > s.cap);
  *budget -= MIN (s.nodes, *budget);
  solve_clear (&s);
  return rows;
}
