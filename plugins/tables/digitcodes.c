/* Codes of a classification table that prints each code's 类, 款 and 项
 * digits in columns of their own (header "类 款 项": "205 | 02 | 03").
 * Plain pdftotext prints those digits as separate tokens, mixed with the
 * names and figures and not always next to each other: a 项's digits may
 * come after the next rows' (kdfx: "205 09 | … | 208 | 208 05 | 99"), or
 * the whole 项 column after the 款 column of a page. What holds is that
 * each column keeps the rows' order: the 款 digits come down the table in
 * row order, and so do the 项 digits, the two merged in some way. The 类
 * digits are printed on every row, so their counts give the rows of each
 * 类 (their order is not relied on).
 *
 * The search reads the two-digit tokens in order, each as either the next
 * row's 款 digits (a 款 row when they are new, a 项 row when they repeat
 * the 款 above) or the 项 digits of the oldest 项 row still lacking them.
 * A 款 row's own digits may also come late, after its first 项 row's
 * (hyjc: "05 02 | 05 05 | … | 05 11": the 款 rows 20805 and 21011 printed
 * after their 项 rows). Every complete reading (all tokens used, every 类
 * its count of rows, codes ascending) gives a code list with its cost:
 * how far its tokens stand from where row order would print them. The
 * distinct lists found (at most DIGIT_CODES_MAX), cheapest first, are the
 * candidates the figures then decide between. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "tables-private.h"

#define DIGIT_STEPS_MAX 200000
#define DIGIT_FOUND_MAX 512      /* distinct readings kept while searching */
#define DIGIT_AFTER_CLASS_COST 4 /* a 项's digits read right after a 类 token */
#define DIGIT_COST_SLACK 8       /* readings costlier than the cheapest by more are not kept */

typedef struct {
  char lei[4];
  guint rows;            /* rows of this 类, its own row included */
} Group;

typedef struct {
  Group *groups;
  guint ngroups;
  char **parts;          /* the two-digit tokens in order */
  const gboolean *after_class; /* by part: printed right after a 类 token */
  guint nparts;
  /* search state */
  guint group;           /* the group taking 款 digits */
  guint placed;          /* its rows given 款 digits so far */
  char kuan[3];          /* its latest 款 row's digits, "" when none */
  char (*codes)[8];      /* rows read so far, in table order */
  guint ncodes;
  guint *pending;        /* indices into codes: 项 rows lacking their digits */
  guint phead, ptail;
  guint *late;           /* indices into codes: 款 rows whose own digits are to come */
  guint lhead, ltail;
  guint *token_of;       /* by row: the token that opened it */
  guint cost;            /* tokens standing between a row's first and last */
  guint rows;            /* rows below the 类 rows, in all */
  guint best;            /* the cheapest reading's cost so far */
  guint steps;
  GPtrArray *found;      /* DigitReading*: distinct code lists */
} DigitSearch;

static int
group_cmp (const void *a, const void *b)
{
  return strcmp (((const Group *) a)->lei, ((const Group *) b)->lei);
}

/* The code list read so far, with each 类 row, as strings. */
static GPtrArray *
search_result (const DigitSearch *s)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  guint r = 0;
  for (guint g = 0; g < s->ngroups; g++)
    {
      g_ptr_array_add (out, g_strdup (s->groups[g].lei));
      for (guint k = 1; k < s->groups[g].rows; k++)
        g_ptr_array_add (out, g_strdup (s->codes[r++]));
    }
  return out;
}

static gboolean
lists_equal (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

void
digit_reading_free (gpointer p)
{
  DigitReading *r = p;
  if (!r)
    return;   /* taken by readings_merge */
  g_ptr_array_unref (r->codes);
  g_free (r);
}

static void
search_record (DigitSearch *s)
{
  g_autoptr (GPtrArray) list = search_result (s);
  for (guint i = 0; i < s->found->len; i++)
    {
      DigitReading *r = s->found->pdata[i];
      if (lists_equal (r->codes, list))
        {
          r->cost = MIN (r->cost, s->cost);
          return;
        }
    }
  DigitReading *r = g_new0 (DigitReading, 1);
  r->codes = g_steal_pointer (&list);
  r->cost = s->cost;
  s->best = MIN (s->best, s->cost);
  g_ptr_array_add (s->found, r);
}

/* The groups past the current one that only hold their 类 row are done. */
static guint
next_group (const DigitSearch *s, guint g)
{
  while (g < s->ngroups && s->groups[g].rows <= 1)
    g++;
  return g;
}

/* The 项 digits T for the oldest pending row: above its elder sibling's. */
static gboolean
item_digits_fit (const DigitSearch *s, const char *t)
{
  guint r = s->pending[s->phead];
  const char *code = s->codes[r];
  if (r > 0 && strlen (s->codes[r - 1]) == 7 && strncmp (s->codes[r - 1], code, 5) == 0)
    return strcmp (s->codes[r - 1] + 5, t) < 0;
  return TRUE;
}

static void search_from (DigitSearch *s, guint i);

static void
search_as_item (DigitSearch *s, guint i, const char *t)
{
  if (s->phead == s->ptail || !item_digits_fit (s, t))
    return;
  guint r = s->pending[s->phead++];
  /* digits right after a 类 token are, as a rule, that row's 款 digits */
  guint cost = i - s->token_of[r] - 1 + (s->after_class[i] ? DIGIT_AFTER_CLASS_COST : 0);
  memcpy (s->codes[r] + 5, t, 3);
  s->cost += cost;
  search_from (s, i + 1);
  s->cost -= cost;
  s->codes[r][5] = '\0';
  s->phead--;
}

/* T as the own digits of the oldest 款 row printed late. */
static void
search_as_late_section (DigitSearch *s, guint i, const char *t)
{
  if (s->lhead == s->ltail)
    return;
  guint r = s->late[s->lhead];
  if (strcmp (s->codes[r] + 3, t) != 0)
    return;
  guint cost = i - s->token_of[r] - 1;
  s->lhead++;
  s->cost += cost;
  search_from (s, i + 1);
  s->cost -= cost;
  s->lhead--;
}

/* Adds a row of code LEI + T opened by token I; a 项 row (ITEM) waits
 * for its 项 digits, a 款 row printed late (LATE) for its own. */
static guint
row_add (DigitSearch *s, const char *lei, const char *t, guint i, gboolean item, gboolean late)
{
  guint r = s->ncodes++;
  g_snprintf (s->codes[r], 8, "%s%s", lei, t);
  s->token_of[r] = i;
  if (item)
    s->pending[s->ptail++] = r;
  if (late)
    s->late[s->ltail++] = r;
  return r;
}

/* T as the next row's 款 digits: a new 款 when above the latest, a 项
 * row under the latest when the same; or, when above, the first 项 row
 * of a new 款 whose own row's digits come later (LATE). */
static void
search_as_section (DigitSearch *s, guint i, const char *t, gboolean late)
{
  guint g = s->group, placed = s->placed;
  char kuan[3];
  memcpy (kuan, s->kuan, 3);
  if (g < s->ngroups && s->placed + 1 >= s->groups[g].rows)
    {
      g = next_group (s, g + 1);
      placed = 0;
      kuan[0] = '\0';
    }
  if (g >= s->ngroups)
    return;
  gboolean item = kuan[0] && strcmp (t, kuan) == 0;
  if (!item && kuan[0] && strcmp (t, kuan) < 0)
    return;
  if (late && (item || placed + 3 > s->groups[g].rows))
    return;
  guint saved_group = s->group, saved_placed = s->placed, saved_ncodes = s->ncodes;
  guint saved_ptail = s->ptail, saved_ltail = s->ltail;
  char saved_kuan[3];
  memcpy (saved_kuan, s->kuan, 3);
  row_add (s, s->groups[g].lei, t, i, item, late);
  if (late)
    row_add (s, s->groups[g].lei, t, i, TRUE, FALSE);
  s->group = g;
  s->placed = placed + 1 + late;
  memcpy (s->kuan, t, 3);
  search_from (s, i + 1);
  s->ncodes = saved_ncodes;
  s->ptail = saved_ptail;
  s->ltail = saved_ltail;
  s->group = saved_group;
  s->placed = saved_placed;
  memcpy (s->kuan, saved_kuan, 3);
}

static void
search_from (DigitSearch *s, guint i)
{
  if (++s->steps > DIGIT_STEPS_MAX || s->found->len > DIGIT_FOUND_MAX
      || s->cost > s->best + DIGIT_COST_SLACK)
    return;
  /* the tokens left must be able to complete the rows: one or two for
   * each row to come, one for each row waiting */
  guint waiting = (s->ptail - s->phead) + (s->ltail - s->lhead), to_come = s->rows - s->ncodes;
  if (s->nparts - i < to_come + waiting || s->nparts - i > 2 * to_come + waiting)
    return;
  if (i == s->nparts)
    {
      gboolean full = s->phead == s->ptail && s->lhead == s->ltail
          && next_group (s, s->group + (s->group < s->ngroups
                                        && s->placed + 1 >= s->groups[s->group].rows))
             >= s->ngroups;
      if (full)
        search_record (s);
      return;
    }
  const char *t = s->parts[i];
  search_as_item (s, i, t);
  search_as_late_section (s, i, t);
  search_as_section (s, i, t, FALSE);
  search_as_section (s, i, t, TRUE);
}

/* Groups of rows by 类 from the 类 tokens CLASSES, ascending. */
static Group *
groups_of (GPtrArray *classes, guint *n)
{
  Group *g = g_new0 (Group, classes->len + 1);
  *n = 0;
  for (guint i = 0; i < classes->len; i++)
    {
      const char *c = classes->pdata[i];
      guint k = 0;
      while (k < *n && strcmp (g[k].lei, c) != 0)
        k++;
      if (k == *n)
        {
          g_strlcpy (g[k].lei, c, sizeof g[k].lei);
          (*n)++;
        }
      g[k].rows++;
    }
  qsort (g, *n, sizeof (Group), group_cmp);
  return g;
}

static gint
reading_cmp (gconstpointer a, gconstpointer b)
{
  const DigitReading *x = *(DigitReading *const *) a, *y = *(DigitReading *const *) b;
  return (x->cost > y->cost) - (x->cost < y->cost);
}

static GPtrArray *
codes_read (GPtrArray *classes, GPtrArray *parts, const gboolean *after_class)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (digit_reading_free);
  if (classes->len < 2 || classes->len > 400 || parts->len > 800)
    return found;
  DigitSearch s = { .parts = (char **) parts->pdata, .after_class = after_class,
                    .nparts = parts->len, .best = G_MAXUINT / 2, .found = found };
  s.groups = groups_of (classes, &s.ngroups);
  s.group = next_group (&s, 0);
  for (guint g = 0; g < s.ngroups; g++)
    s.rows += s.groups[g].rows - 1;
  s.codes = g_malloc0 (sizeof *s.codes * (parts->len + 1));
  s.pending = g_new0 (guint, parts->len + 1);
  s.late = g_new0 (guint, parts->len + 1);
  s.token_of = g_new0 (guint, parts->len + 1);
  search_from (&s, 0);
  g_debug ("digit codes: %u steps, %u readings", s.steps, found->len);
  /* A search cut short may have missed readings: then none is sure. */
  if (s.steps > DIGIT_STEPS_MAX || found->len > DIGIT_FOUND_MAX)
    g_ptr_array_set_size (found, 0);
  g_free (s.groups);
  g_free (s.codes);
  g_free (s.pending);
  g_free (s.late);
  g_free (s.token_of);
  g_ptr_array_sort (found, reading_cmp);
  while (found->len > 0
         && ((DigitReading *) found->pdata[found->len - 1])->cost > s.best + DIGIT_COST_SLACK)
    g_ptr_array_set_size (found, found->len - 1);
  if (found->len > DIGIT_CODES_MAX)
    g_ptr_array_set_size (found, DIGIT_CODES_MAX);
  return found;
}

/* Adds the readings FROM to INTO, each code list once (the cheaper). */
static void
readings_merge (GPtrArray *into, GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      DigitReading *r = from->pdata[i];
      gboolean seen = FALSE;
      for (guint j = 0; j < into->len && !seen; j++)
        {
          DigitReading *o = into->pdata[j];
          if (lists_equal (o->codes, r->codes))
            {
              o->cost = MIN (o->cost, r->cost);
              seen = TRUE;
            }
        }
      if (!seen)
        g_ptr_array_add (into, g_steal_pointer (&from->pdata[i]));
    }
}

/* A 类 cell the PDF printed damaged (a Shanghai Putuo unit budget: "7" for "210", the 款 and
 * 项 digits beside it whole) is a 类 token of unknown digits, "?": each
 * 类 the other tokens name is tried in its place; the figures then
 * decide between the readings, as between any others. */
GPtrArray *
codes_from_digit_columns (GPtrArray *classes, GPtrArray *parts, const gboolean *after_class)
{
  int unknown = -1;
  for (guint i = 0; i < classes->len; i++)
    if (strcmp (classes->pdata[i], "?") == 0)
      {
        if (unknown >= 0)
          return g_ptr_array_new_with_free_func (digit_reading_free);
        unknown = (int) i;
      }
  if (unknown < 0)
    return codes_read (classes, parts, after_class);
  GPtrArray *all = g_ptr_array_new_with_free_func (digit_reading_free);
  g_autoptr (GPtrArray) tried = g_ptr_array_new ();
  for (guint i = 0; i < classes->len; i++)
    {
      const char *lei = classes->pdata[i];
      gboolean seen = strcmp (lei, "?") == 0;
      for (guint j = 0; j < tried->len && !seen; j++)
        seen = strcmp (tried->pdata[j], lei) == 0;
      if (seen)
        continue;
      g_ptr_array_add (tried, (gpointer) lei);
      g_autoptr (GPtrArray) as_read = g_ptr_array_new ();   /* borrowed strings */
      for (guint k = 0; k < classes->len; k++)
        g_ptr_array_add (as_read, (int) k == unknown ? (gpointer) lei : classes->pdata[k]);
      g_autoptr (GPtrArray) found = codes_read (as_read, parts, after_class);
      readings_merge (all, found);
    }
  g_ptr_array_sort (all, reading_cmp);
  if (all->len > DIGIT_CODES_MAX)
    g_ptr_array_set_size (all, DIGIT_CODES_MAX);
  return all;
}
