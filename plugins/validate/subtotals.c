/* validate: list.subtotals — lists whose rows nest as subtotals.
 *
 * A procurement table (采购项目 under their unit, units under their funding
 * group) or a list of projects (projects under a category, categories under
 * a unit) prints one amount per row and a 合计 first, but no code says which
 * rows are subtotals of which: the nesting is only in the figures. Every
 * subtotal row is followed by the rows under it, so the list read top down
 * is a tree in pre-order where each inner row equals the sum of its
 * children and 合计 the sum of the top rows. When no such tree exists, a
 * figure was changed or rows were lost: one warning on the list (the
 * nesting, hence the wrong row, cannot be told). Rows with classification
 * codes of several levels are left to sum.children. */
#include "validate-private.h"

#include <stdlib.h>
#include <string.h>

/* Longer lists are not searched (issue 18: validation stays linear). */
#define LIST_MAX_ROWS 2000
/* Parse states per list: most lists that add up need a few hundred, a
 * 184-row project list 30,000; beyond this (about 0.15 s) the list is left
 * unjudged, never reported. */
#define LIST_PARSE_BUDGET 40000
/* Fewer rows under 合计 are too few to tell a tree from a coincidence. */
#define LIST_MIN_ROWS 4

typedef struct {
  int line;
  bp_fen value;
  gboolean purchase;    /* names a procurement catalogue item: a leaf */
} ListItem;

/* "A02030501轿车", "C0206运行维护服务", "B08修缮工程": an entry of the
 * national procurement catalogue (政府采购品目, A goods, B works, C
 * services), its code glued to its name. A row that names one is a
 * purchase, never the subtotal of other rows: knowing that keeps lists
 * where a unit with one purchase prints its figure twice decidable. */
static gboolean
catalogue_cell (const char *cell)
{
  if (!cell || (cell[0] != 'A' && cell[0] != 'B' && cell[0] != 'C'))
    return FALSE;
  const char *p = cell + 1;
  while (g_ascii_isdigit (*p))
    p++;
  return p - cell >= 3 && (guchar) *p >= 0x80;
}

static gboolean
row_names_purchase (const BpRow *r)
{
  for (guint c = 0; c < r->cells->len; c++)
    if (catalogue_cell (r->cells->pdata[c]))
      return TRUE;
  return FALSE;
}

/* A printed amount: a figure with a decimal point (counts and quantities,
 * printed without one, are not). */
static gboolean
money_cell (const char *cell, BpUnit unit, bp_fen *out)
{
  return cell && strchr (cell, '.')
    && bp_amount_parse (cell, unit, out) == BP_AMOUNT_OK;
}

/* "95.00台式计算机": an amount glued to the next cell's text, the mark of
 * a row whose columns were not split; its amounts cannot be trusted. */
static gboolean
glued_cell (const char *cell)
{
  const char *p = cell;
  while (g_ascii_isdigit (*p) || *p == ',')
    p++;
  if (p == cell || *p != '.' || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]))
    return FALSE;
  return (guchar) p[3] >= 0x80;
}

/* Number of amounts in R, the last in *LAST; *GLUED when a cell is glued. */
static guint
row_amounts (const BpRow *r, BpUnit unit, bp_fen *last, gboolean *glued)
{
  guint n = 0;
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *cell = r->cells->pdata[c];
      bp_fen v;
      if (money_cell (cell, unit, &v))
        {
          n++;
          *last = v;
        }
      else if (glued_cell (cell))
        *glued = TRUE;
    }
  return n;
}

/* The first header row decides: the rows below it sometimes take in the
 * page's first line of text. */
static gboolean
same_header (const BpTable *a, const BpTable *b)
{
  if (a->header->len == 0 || b->header->len == 0)
    return FALSE;
  GPtrArray *x = a->header->pdata[0], *y = b->header->pdata[0];
  if (x->len != y->len)
    return FALSE;
  for (guint c = 0; c < x->len; c++)
    if (g_strcmp0 (x->pdata[c], y->pdata[c]) != 0)
      return FALSE;
  return TRUE;
}

/* TRUE when no row of T holds an amount: a page's title and header lines
 * read as a table of their own (Xi'an: "购买服 | 经济科目编码"). */
static gboolean
table_without_amounts (const BpDocument *doc, const BpTable *t)
{
  BpUnit unit = validate_table_unit (doc, t);
  for (guint i = 0; i < t->rows->len; i++)
    {
      const BpRow *r = t->rows->pdata[i];
      for (guint c = 0; c < r->cells->len; c++)
        {
          bp_fen v;
          if (money_cell (r->cells->pdata[c], unit, &v))
            return FALSE;
        }
    }
  return TRUE;
}

/* The rows of a list: T's rows, then those of the tables that continue it
 * on the next pages (same header, no 合计 of their own; tables without
 * amounts the page titles and headers made in between are skipped).
 * Returns the index of the last table taken. */
static guint
list_rows (const BpDocument *doc, guint ti, GPtrArray *rows)
{
  const BpTable *t = doc->tables->pdata[ti];
  g_ptr_array_extend (rows, t->rows, NULL, NULL);
  guint last = ti;
  for (guint j = ti + 1; j < doc->tables->len; j++)
    {
      const BpTable *u = doc->tables->pdata[j];
      if (table_without_amounts (doc, u))
        continue;
      if (!same_header (t, u))
        break;
      gboolean has_total = FALSE;
      for (guint i = 0; i < u->rows->len && !has_total; i++)
        {
          g_autofree char *label = validate_row_label (u->rows->pdata[i]);
          has_total = validate_label_is_total (label);
        }
      if (has_total)
        break;
      g_ptr_array_extend (rows, u->rows, NULL, NULL);
      last = j;
    }
  return last;
}

/* A serial number cell (序号): digits only, short. */
static int
serial_number (const BpRow *r)
{
  const char *first = bp_row_cell (r, 0);
  if (!first || !*first || strlen (first) > 4)
    return -1;
  for (const char *p = first; *p; p++)
    if (!g_ascii_isdigit (*p))
      return -1;
  return atoi (first);
}

/* Reads the list that starts at ROWS[0..]: its 合计 (*TOTAL, *TOTAL_LINE)
 * and the amounts under it. FALSE when it is no list this rule can judge:
 * no 合计 first, several amounts per row (a table of columns), glued cells,
 * a numbered row without its amount (lost in reading), classification
 * codes of several levels, negative figures or too few rows. */
static gboolean
read_list (GPtrArray *rows, BpUnit unit, bp_fen *total, int *total_line,
           GArray *items)
{
  guint with_money = 0, single = 0;
  gboolean glued = FALSE, started = FALSE;
  int serial = -1;
  gsize code_len[2] = { 0, 0 };
  for (guint i = 0; i < rows->len; i++)
    {
      const BpRow *r = rows->pdata[i];
      bp_fen last = 0;
      guint n = row_amounts (r, unit, &last, &glued);
      int no = serial_number (r);
      if (started && serial >= 0 && no == serial + 1)
        {
          serial = no;
          if (n == 0)
            return FALSE;
        }
      if (n == 0)
        continue;
      if (!started)
        {
          g_autofree char *label = validate_row_label (r);
          if (!validate_label_is_total (label))
            return FALSE;
          started = TRUE;
          serial = no;
          *total = last;
          *total_line = r->line;
          continue;
        }
      with_money++;
      single += n == 1;
      const char *code = validate_row_class_code (r);
      if (code)
        {
          gsize len = strlen (code);
          if (!code_len[0] || code_len[0] == len)
            code_len[0] = len;
          else
            code_len[1] = len;
        }
      if (last < 0)
        return FALSE;
      if (last > 0)
        {
          ListItem it = { r->line, last, row_names_purchase (r) };
          g_array_append_val (items, it);
        }
    }
  return started && !glued && !code_len[1] && single * 5 >= with_money * 4
    && items->len >= LIST_MIN_ROWS && items->len <= LIST_MAX_ROWS && *total > 0;
}

/* ---- the parse ------------------------------------------------------------
 * ends(i, t): the positions j such that items i..j-1 form a forest (trees in
 * pre-order, inner nodes equal to the sum of their children) whose top
 * figures add up to t. The list adds up when n ∈ ends(0, 合计). */

typedef struct {
  guint i;
  bp_fen t;
} StateKey;

static guint
state_hash (gconstpointer p)
{
  const StateKey *k = p;
  guint64 t = (guint64) k->t;
  return (guint) (t ^ (t >> 32)) * 31u + k->i;
}

static gboolean
state_equal (gconstpointer a, gconstpointer b)
{
  const StateKey *x = a, *y = b;
  return x->i == y->i && x->t == y->t;
}

typedef struct {
  const bp_fen *v;
  const gboolean *purchase;     /* purchase[i]: item i is a leaf */
  guint n;
  bp_fen *suffix;       /* suffix[i] = v[i] + … + v[n-1] */
  /* maxes[k][i] = max of v[i .. i + 2^k - 1] (a sparse table), to find
   * where a forest must end: no figure in it exceeds its sum. */
  bp_fen **maxes;
  guint levels;
  GHashTable *memo;     /* StateKey* → GArray* of guint, sorted, unique */
  guint states;
  gboolean exhausted;
} ListParse;

/* Adds the members of B to the sorted set A. */
static void
set_union (GArray *a, const GArray *b)
{
  for (guint k = 0; k < b->len; k++)
    {
      guint e = g_array_index (b, guint, k), lo = 0, hi = a->len;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (g_array_index (a, guint, mid) < e)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo == a->len || g_array_index (a, guint, lo) != e)
        g_array_insert_val (a, lo, e);
    }
}

/* The first index from I whose figure exceeds T (N if none): a forest
 * summing to T cannot reach it, for every figure in a forest is at most the
 * figure of its tree's top, and those add up to T. */
static guint
first_above (const ListParse *p, guint i, bp_fen t)
{
  for (guint k = p->levels; k-- > 0;)
    if (i + (1u << k) <= p->n && p->maxes[k][i] <= t)
      i += 1u << k;
  return i;
}

/* TRUE when items I.. can hold a forest summing to T at all: the figures
 * before the first one above T add up to at least T. */
static gboolean
forest_possible (const ListParse *p, guint i, bp_fen t)
{
  guint lim = first_above (p, i, t);
  return p->suffix[i] - p->suffix[lim] >= t;
}

static const GArray *
forest_ends (ListParse *p, guint i, bp_fen t)
{
  StateKey key = { i, t };
  GArray *res = g_hash_table_lookup (p->memo, &key);
  if (res)
    return res;
  res = g_array_new (FALSE, FALSE, sizeof (guint));
  if (++p->states > LIST_PARSE_BUDGET)
    p->exhausted = TRUE;
  if (t == 0)
    g_array_append_val (res, i);
  if (!p->exhausted && i < p->n && p->v[i] <= t && forest_possible (p, i, t))
    {
      /* The tree at i ends right after it (a leaf) or after its children. */
      g_autoptr (GArray) tree_ends = g_array_new (FALSE, FALSE, sizeof (guint));
      guint next = i + 1;
      g_array_append_val (tree_ends, next);
      if (!p->purchase[i])
        set_union (tree_ends, forest_ends (p, i + 1, p->v[i]));
      for (guint k = 0; k < tree_ends->len && !p->exhausted; k++)
        set_union (res, forest_ends (p, g_array_index (tree_ends, guint, k),
                                     t - p->v[i]));
    }
  StateKey *stored = g_new (StateKey, 1);
  *stored = key;
  g_hash_table_insert (p->memo, stored, res);
  return res;
}

typedef enum { LIST_ADDS_UP, LIST_DOES_NOT, LIST_UNJUDGED } ListVerdict;

/* ---- the least top sum -----------------------------------------------------
 * The search above grows exponentially where a unit holds one project (or
 * a project one item): the two rows print the same figure, either may be
 * the subtotal, and each choice changes the remainder of the row above, so
 * remainders multiply. A bound decides most lists before any search.
 * low(a, e) is at most the top sum (the roots' figures) of every forest
 * covering items a..e-1 exactly. As published, the reading that nests
 * every subtotal over its rows has the least top sum (any other puts rows
 * that belong under a subtotal at its level as well); so 合计 < low(0, n)
 * proves no reading nests, and 合计 = low(0, n) reached by certain trees
 * proves one does. The tree a..k-1 is certain when v[a] = low(a+1, k) and
 * that least sum is itself reached by certain trees; impossible when v[a]
 * is below low(a+1, k) or above the sum of every figure under it (all
 * leaves); otherwise counted as possible, which keeps low a bound. A list
 * the bound does not decide goes to the search. */

/* Beyond this the (n + 1)² table grows past about 13 MB. */
#define LIST_BOUND_MAX_ROWS 1200
#define NO_FOREST G_MAXINT64

typedef struct {
  guint width;          /* n + 1 */
  bp_fen *low;          /* low[a * width + e] */
  guint8 *certain;      /* the least sum is reached by certain trees */
} TopBound;

/* Counts the forest "tree a..k-1, then a forest k..e-1" in low(a, e). */
static void
bound_add_tree (TopBound *b, const ListParse *p, guint a, guint k,
                gboolean tree_certain)
{
  guint w = b->width;
  for (guint e = k; e < w; e++)
    {
      bp_fen rest = b->low[k * w + e];
      if (rest == NO_FOREST)
        continue;
      bp_fen sum = p->v[a] + rest;
      gboolean certain = tree_certain && b->certain[k * w + e];
      guint cell = a * w + e;
      if (sum < b->low[cell])
        {
          b->low[cell] = sum;
          b->certain[cell] = certain;
        }
      else if (sum == b->low[cell] && certain)
        b->certain[cell] = TRUE;
    }
}

/* The trees rooted at A: a leaf, or A over the items up to k - 1 (none of
 * them above v[a]), each counted in low(a, ·) with whether it is certain. */
static void
bound_trees_at (TopBound *b, const ListParse *p, guint a)
{
  guint w = b->width;
  bound_add_tree (b, p, a, a + 1, TRUE);
  guint lim = p->purchase[a] ? a : first_above (p, a + 1, p->v[a]);
  for (guint k = a + 2; k <= lim; k++)
    {
      bp_fen least = b->low[(a + 1) * w + k];
      bp_fen under = p->suffix[a + 1] - p->suffix[k];
      if (least == NO_FOREST || p->v[a] < least || p->v[a] > under)
        continue;
      bound_add_tree (b, p, a, k,
                      p->v[a] == least && b->certain[(a + 1) * w + k]);
    }
}

/* LIST_ADDS_UP or LIST_DOES_NOT when the bound decides, else UNJUDGED. */
static ListVerdict
bound_verdict (const ListParse *p, bp_fen total)
{
  if (p->n > LIST_BOUND_MAX_ROWS)
    return LIST_UNJUDGED;
  guint w = p->n + 1;
  TopBound b = { w, g_new (bp_fen, (gsize) w * w), g_new0 (guint8, (gsize) w * w) };
  for (gsize c = 0; c < (gsize) w * w; c++)
    b.low[c] = NO_FOREST;
  for (guint e = 0; e < w; e++)
    {
      b.low[e * w + e] = 0;
      b.certain[e * w + e] = TRUE;
    }
  for (guint a = p->n; a-- > 0;)
    bound_trees_at (&b, p, a);
  bp_fen least = b.low[p->n];
  gboolean certain = b.certain[p->n];
  g_free (b.low);
  g_free (b.certain);
  if (total < least)
    return LIST_DOES_NOT;
  return total == least && certain ? LIST_ADDS_UP : LIST_UNJUDGED;
}

static ListVerdict
parse_list (const GArray *items, bp_fen total)
{
  guint n = items->len;
  g_autofree bp_fen *v = g_new (bp_fen, n);
  g_autofree bp_fen *suffix = g_new0 (bp_fen, n + 1);
  g_autofree gboolean *purchase = g_new (gboolean, n);
  for (guint i = 0; i < n; i++)
    {
      v[i] = g_array_index (items, ListItem, i).value;
      purchase[i] = g_array_index (items, ListItem, i).purchase;
    }
  for (guint i = n; i-- > 0;)
    suffix[i] = suffix[i + 1] + v[i];
  guint levels = 1;
  while ((1u << levels) <= n)
    levels++;
  g_autofree bp_fen **maxes = g_new (bp_fen *, levels);
  maxes[0] = v;
  for (guint k = 1; k < levels; k++)
    {
      maxes[k] = g_new (bp_fen, n);
      guint half = 1u << (k - 1);
      for (guint i = 0; i + (1u << k) <= n; i++)
        maxes[k][i] = MAX (maxes[k - 1][i], maxes[k - 1][i + half]);
    }
  ListParse p = { v, purchase, n, suffix, maxes, levels,
                  g_hash_table_new_full (state_hash, state_equal, g_free,
                                         (GDestroyNotify) g_array_unref),
                  0, FALSE };
  ListVerdict verdict = bound_verdict (&p, total);
  if (verdict == LIST_UNJUDGED)
    {
      const GArray *ends = forest_ends (&p, 0, total);
      gboolean found = FALSE;
      for (guint k = 0; k < ends->len; k++)
        found |= g_array_index (ends, guint, k) == n;
      verdict = found ? LIST_ADDS_UP : p.exhausted ? LIST_UNJUDGED : LIST_DOES_NOT;
    }
  g_hash_table_destroy (p.memo);
  for (guint k = 1; k < levels; k++)
    g_free (maxes[k]);
  return verdict;
}

static void
check_list (ValidateRun *run, const BpTable *t, GPtrArray *rows)
{
  BpUnit unit = validate_table_unit (run->doc, t);
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (ListItem));
  bp_fen total = 0;
  int total_line = 0;
  if (!read_list (rows, unit, &total, &total_line, items))
    return;
  if (parse_list (items, total) != LIST_DOES_NOT)
    return;
  g_autofree char *printed = validate_format_money (total, unit);
  validate_report (run, BP_SEVERITY_WARNING, total_line, t->id,
                   "The %u figures under 合计 %s cannot be nested so that every "
                   "subtotal row equals the rows under it and 合计 the rows at "
                   "the top: a figure is wrong or rows were lost in reading",
                   items->len, printed);
}

/* Lists are procurement tables and the tables no type fits (project
 * lists); tables of classification rows are summed by their codes, two-sided
 * summaries and forms by their own rules. */
static gboolean
list_type (const BpTable *t)
{
  return !t->type || g_str_equal (t->type, "procurement")
    || g_str_equal (t->type, "other");
}

static void
check_list_subtotals (ValidateRun *run)
{
  const BpDocument *doc = run->doc;
  for (guint ti = 0; ti < doc->tables->len; ti++)
    {
      const BpTable *t = doc->tables->pdata[ti];
      if (t->rows->len == 0 || !list_type (t)
          || validate_table_unreadable (doc, t))
        continue;
      g_autoptr (GPtrArray) rows = g_ptr_array_new ();
      guint last = list_rows (doc, ti, rows);
      check_list (run, t, rows);
      ti = last;
    }
}

/* ---- units.children --------------------------------------------------------
 * Tables by unit (收入总表 and 支出总表 by unit, “三公” by unit) key rows by
 * the department's code and its units' codes (“113”, then “113001”,
 * “113002”): each coded row equals the sum of the rows whose codes extend it,
 * figure by figure. Expense class codes are left to sum.children. */

/* The row's code when it is digits only, at least 3 long and no expense
 * class (those are summed by sum.children); NULL otherwise. */
static const char *
unit_code (const BpRow *r)
{
  const char *first = bp_row_cell (r, 0);
  if (!first || strlen (first) < 3 || validate_row_class_code (r))
    return NULL;
  for (const char *p = first; *p; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;
  return first;
}

/* The rows right under row I (their codes extend its code by the shortest
 * step), up to the first coded row outside its code; rows without a code
 * and without figures (wrapped names) are passed over, and one with figures
 * leaves none. */
static GPtrArray *
unit_children (const BpTable *t, guint i)
{
  const char *code = unit_code (t->rows->pdata[i]);
  gsize len = strlen (code), step = 0;
  GPtrArray *kids = g_ptr_array_new ();
  for (guint j = i + 1; j < t->rows->len; j++)
    {
      const BpRow *r = t->rows->pdata[j];
      const char *c = unit_code (r);
      bp_fen v;
      gboolean glued = FALSE;
      if (!c && row_amounts (r, BP_UNIT_YUAN, &v, &glued) > 0)
        {
          /* Figures without a code (projects under a unit): the units are
           * not all the parts. */
          g_ptr_array_set_size (kids, 0);
          break;
        }
      if (!c)
        continue;
      if (strlen (c) <= len || strncmp (c, code, len) != 0)
        break;
      if (!step || strlen (c) < step)
        {
          step = strlen (c);
          g_ptr_array_set_size (kids, 0);
        }
      if (strlen (c) == step)
        g_ptr_array_add (kids, t->rows->pdata[j]);
    }
  return kids;
}

/* Column COL of PARENT = Σ the KIDS' column COL, when every one of them
 * holds a figure or nothing there. */
static void
check_unit_column (ValidateRun *run, const BpTable *t, const BpRow *parent,
                   GPtrArray *kids, guint col)
{
  bp_fen printed, v;
  if (bp_table_cell_amount (t, parent, col, &printed) != BP_AMOUNT_OK)
    return;
  bp_wide_fen sum = 0;
  for (guint k = 0; k < kids->len; k++)
    {
      BpAmountStatus st = bp_table_cell_amount (t, kids->pdata[k], col, &v);
      if (st == BP_AMOUNT_OK)
        sum += v;
      else if (st != BP_AMOUNT_EMPTY)
        return;
    }
  g_autofree char *what = validate_what ("%s, column %u = sum of its %u units",
                                         bp_row_cell (parent, 0), col + 1, kids->len);
  validate_compare_money (run, BP_SEVERITY_ERROR, parent->line, t->id, sum,
                          printed, validate_table_tolerance (run->doc, t, kids->len),
                          what);
}

/* The rows under a coded row line up with it only when they have as many
 * cells (a reading that dropped an empty cell shifts the figures). One unit
 * alone is no evidence the list is whole: the others may be on the next
 * page, under a table the reading split off. */
static gboolean
same_width (const BpRow *parent, GPtrArray *kids)
{
  for (guint k = 0; k < kids->len; k++)
    if (((const BpRow *) kids->pdata[k])->cells->len != parent->cells->len)
      return FALSE;
  return kids->len >= 2;
}

static void
check_unit_children (ValidateRun *run)
{
  const BpDocument *doc = run->doc;
  for (guint ti = 0; ti < doc->tables->len; ti++)
    {
      const BpTable *t = doc->tables->pdata[ti];
      if (validate_table_unreadable (doc, t))
        continue;
      for (guint i = 0; i < t->rows->len; i++)
        {
          const BpRow *r = t->rows->pdata[i];
          if (!unit_code (r))
            continue;
          g_autoptr (GPtrArray) kids = unit_children (t, i);
          if (!same_width (r, kids))
            continue;
          for (guint col = 1; col < r->cells->len; col++)
            check_unit_column (run, t, r, kids, col);
        }
    }
}

const ValidateRule validate_subtotal_rules[] = {
  { "list.subtotals", "arithmetic",
    "A list under a 合计 with one amount per row (procurement items, projects) "
    "nests as subtotals: some reading makes every subtotal row equal the rows "
    "under it and 合计 the top rows",
    check_list_subtotals },
  { "units.children", "arithmetic",
    "In a table by unit, a coded row (“113”) equals the sum of the rows whose "
    "codes extend it (“113001”, “113002”), figure by figure",
    check_unit_children },
  { NULL, NULL, NULL, NULL }
};
