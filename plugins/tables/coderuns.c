/* Function-classification tables whose codes plain pdftotext printed apart
 * from their rows. Xi'an's 一般公共预算支出明细表 prints each row's name and
 * figures together, but most 类/款 codes (and some 项 codes) in a run of
 * their own, before or after the rows they belong to ("教育支出 | 1258750.00
 * | … | 环境监测与监察 | 68865482.44 | … | 205 | 20508 | 2050803 | 206 | …"),
 * with row numbers (序号) mixed in. Codes and rows both keep the table's
 * order, which is ascending by code: the codes, put in ascending order,
 * go to the named rows in turn. The rows are kept only when that pairing
 * is whole (as many codes as named rows, each code under a parent above
 * it) and the levels add up: every row's figures the sum of its
 * children's, the 合计 the sum of the 类. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

typedef struct {
  char *code;        /* the code printed with the row, or NULL */
  GString *name;
  GPtrArray *figs;   /* char*: figures as printed */
  int line;
  gboolean total;    /* the 合计 row */
  guint split;       /* figures read before a run of codes cut the row's, or 0 */
} Rec;

typedef struct {
  GPtrArray *recs;     /* Rec* in table order */
  GPtrArray *apart;    /* char*: codes printed apart from their rows */
  char *pending;       /* a code whose next token decides what it is */
  int pending_line;
  gboolean in_name;    /* the last token read was words of the last row's name */
  gboolean cut;        /* codes were printed apart since the last figure */
  gboolean row_numbers; /* the header has a 序号 column */
  const char *header;  /* compact header text */
} Runs;

static void
rec_free (gpointer p)
{
  Rec *r = p;
  g_free (r->code);
  g_string_free (r->name, TRUE);
  g_ptr_array_unref (r->figs);
  g_free (r);
}

static Rec *
runs_add_rec (Runs *s, int line, gboolean total)
{
  Rec *r = g_new0 (Rec, 1);
  r->name = g_string_new (NULL);
  r->figs = g_ptr_array_new_with_free_func (g_free);
  r->line = line;
  r->total = total;
  g_ptr_array_add (s->recs, r);
  return r;
}

static Rec *
runs_last (const Runs *s)
{
  return s->recs->len ? g_ptr_array_index (s->recs, s->recs->len - 1) : NULL;
}

static Rec *
runs_total (const Runs *s)
{
  for (guint i = 0; i < s->recs->len; i++)
    if (((Rec *) g_ptr_array_index (s->recs, i))->total)
      return g_ptr_array_index (s->recs, i);
  return NULL;
}

/* The code read last was not followed by its row's name: printed apart. */
static void
runs_flush_pending (Runs *s)
{
  if (s->pending)
    {
      g_ptr_array_add (s->apart, g_steal_pointer (&s->pending));
      s->cut = TRUE;
    }
}

/* A function-classification code (2xx, 3/5/7 digits). */
static gboolean
is_function_code (const char *t)
{
  return token_is_code (t) && t[0] == '2' && !strchr (t, ',') && !strchr (t, '.');
}

static gboolean
is_small_integer (const char *t)
{
  gsize n = strlen (t);
  return n >= 1 && n <= 3 && strspn (t, "0123456789") == n;
}

/* A row number: a bare integer of up to three digits, in a table with a
 * 序号 column or whose other figures carry cents. */
static gboolean
is_row_number (const Runs *s, const char *t)
{
  return s->row_numbers && is_small_integer (t);
}

/* Words that are no row's name: the header's column names printed again
 * among the rows, a bare table number ("表5"). */
static gboolean
is_header_words (const Runs *s, const char *t)
{
  static const char *const columns[] = { "合计", "总计", "人员经费", "公用经费", "专项业务经费",
                                         "基本支出", "项目支出", "备注", "序号", "序", "号" };
  g_autofree char *c_own = NULL;
  const char *c = compact_of (t, &c_own);
  g_autofree char *label = title_label_only (c);
  if (label || strstr (c, "科目") || strstr (c, "编码") || g_str_has_prefix (c, "表"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (c, columns[i])
        || (g_str_has_prefix (c, columns[i]) && g_str_equal (c + strlen (columns[i]), "支出")))
      return TRUE;
  return FALSE;
}

static void
runs_take_figure (Runs *s, const char *t, int line)
{
  runs_flush_pending (s);
  Rec *r = runs_last (s);
  /* figures before any row: the 合计's, its label left in the header */
  if (!r)
    r = runs_add_rec (s, line, TRUE);
  if (s->cut && r->figs->len > 0 && !r->split)
    r->split = r->figs->len;
  g_ptr_array_add (r->figs, g_strdup (t));
  s->in_name = FALSE;
  s->cut = FALSE;
}

static void
runs_take_words (Runs *s, const char *t, int line)
{
  Rec *r = runs_last (s);
  if (s->pending)
    {
      r = runs_add_rec (s, s->pending_line, FALSE);
      r->code = g_steal_pointer (&s->pending);
    }
  else if (!r || !s->in_name || r->total)
    r = runs_add_rec (s, line, FALSE);
  name_append (r->name, t);
  s->in_name = TRUE;
  s->cut = FALSE;
}

static void
runs_take_token (Runs *s, const char *t, int line)
{
  gint64 v;
  if (is_function_code (t))
    {
      runs_flush_pending (s);
      s->pending = g_strdup (t);
      s->pending_line = line;
      s->in_name = FALSE;
    }
  else if (is_row_number (s, t))
    ;
  else if (token_is_number (t) && token_amount (t, &v))
    runs_take_figure (s, t, line);
  else if ((g_str_equal (t, "合计") || g_str_equal (t, "总计")) && !runs_total (s))
    {
      runs_flush_pending (s);
      runs_add_rec (s, line, TRUE);
      s->in_name = FALSE;
    }
  else if (is_header_words (s, t))
    s->in_name = FALSE;
  else
    runs_take_words (s, t, line);
}

/* Nine figures in ten (row numbers aside) carry cents. */
static gboolean
figures_have_cents (GPtrArray *lines)
{
  guint figs = 0, cents = 0;
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr (GPtrArray) toks = tokens_shared (((BpLine *) lines->pdata[i])->text);
      for (guint t = 0; t < toks->len; t++)
        if (token_is_number (toks->pdata[t]) && !is_function_code (toks->pdata[t])
            && !is_small_integer (toks->pdata[t]))
          {
            figs++;
            cents += strchr (toks->pdata[t], '.') != NULL;
          }
    }
  return figs > 0 && cents * 10 >= figs * 9;
}

/* Codes printed among the header's lines ("序号 / 1 / 合计 / 2 201 / 3"):
 * the first rows' codes, before the first line that reads as a row. */
static void
runs_read_header_codes (Runs *s, GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr (GPtrArray) toks = tokens_shared (((BpLine *) lines->pdata[i])->text);
      for (guint t = 0; t < toks->len; t++)
        if (is_function_code (toks->pdata[t]))
          g_ptr_array_add (s->apart, g_strdup (toks->pdata[t]));
    }
}

static void
runs_read (Runs *s, GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const BpLine *l = g_ptr_array_index (lines, i);
      if (body_line_is_info (l->text))
        continue;
      g_autoptr (GPtrArray) toks = tokens_shared (l->text);
      for (guint t = 0; t < toks->len; t++)
        runs_take_token (s, g_ptr_array_index (toks, t), l->line);
    }
  runs_flush_pending (s);
}

/* Every row with NCOLS figures; when the counts differ but the table
 * printed every cell (NCOLS for each row in all), a row's figures may
 * stand by its neighbour's name (pdftotext put them before the name):
 * they are dealt out again in order, NCOLS to a row. FALSE when neither. */
static gboolean
runs_deal_figures (Runs *s, guint ncols, gboolean *dealt)
{
  guint nf = 0;
  gboolean even = TRUE;
  for (guint i = 0; i < s->recs->len; i++)
    {
      const Rec *r = g_ptr_array_index (s->recs, i);
      nf += r->figs->len;
      even &= r->figs->len == ncols;
    }
  *dealt = FALSE;
  if (even)
    return TRUE;
  if (ncols == 0 || nf != ncols * s->recs->len)
    return FALSE;
  *dealt = TRUE;
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < s->recs->len; i++)
    {
      Rec *r = g_ptr_array_index (s->recs, i);
      for (guint k = 0; k < r->figs->len; k++)
        g_ptr_array_add (all, g_strdup (g_ptr_array_index (r->figs, k)));
      g_ptr_array_set_size (r->figs, 0);
      r->split = 0;
    }
  for (guint k = 0; k < nf; k++)
    {
      Rec *r = g_ptr_array_index (s->recs, k / ncols);
      g_ptr_array_add (r->figs, g_strdup (g_ptr_array_index (all, k)));
    }
  return TRUE;
}

static gint
code_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* CODE's parent code is among the codes of rows [0, UPTO). */
static gboolean
parent_above (const Runs *s, const char *code, guint upto)
{
  gsize n = strlen (code);
  if (n == 3)
    return TRUE;
  for (guint i = 0; i < upto; i++)
    {
      const Rec *r = g_ptr_array_index (s->recs, i);
      if (r->code && strlen (r->code) == n - 2 && strncmp (r->code, code, n - 2) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Every code, ascending, to the rows in turn: the table lists its rows
 * in code order, and each stream keeps it. A code printed just before a
 * name need not be that row's (a run may end there: "215 | 21505 |
 * 资源勘探工业信息等支出 | … | 工业和信息产业监管"), so where a code was
 * printed only counts for its order. TRUE when there are as many codes
 * as rows, every row but the 合计 has a name, and each code is under a
 * parent above it. */
static gboolean
runs_pair_codes (Runs *s)
{
  guint inline_codes = 0;
  for (guint i = 0; i < s->recs->len; i++)
    {
      Rec *r = g_ptr_array_index (s->recs, i);
      if (r->code)
        {
          g_ptr_array_add (s->apart, g_steal_pointer (&r->code));
          inline_codes++;
        }
    }
  g_ptr_array_sort (s->apart, code_cmp);
  guint next = 0;
  const char *last = "";
  for (guint i = 0; i < s->recs->len; i++)
    {
      Rec *r = g_ptr_array_index (s->recs, i);
      if (r->total)
        continue;
      if (r->name->len == 0 || next >= s->apart->len)
        return FALSE;
      r->code = g_strdup (g_ptr_array_index (s->apart, next++));
      if (strcmp (r->code, last) <= 0 || !parent_above (s, r->code, i))
        return FALSE;
      last = r->code;
    }
  /* codes printed with every row are the ordinary reading's */
  return next == s->apart->len && inline_codes < next;
}

static gint64
rec_cell (const Rec *r, guint c)
{
  gint64 v = 0;
  if (c < r->figs->len)
    token_amount (g_ptr_array_index (r->figs, c), &v);
  return v;
}

/* How far the children of row P (the 类 for the 合计 row) miss it: the
 * difference in the first column that misses, 0 when they add up; FALSE
 * when it has none. */
static gboolean
rec_children_miss (const Runs *s, const Rec *p, guint ncols, bp_wide_fen *off)
{
  gsize len = p->total ? 3 : strlen (p->code) + 2;
  bp_wide_fen sum[16] = { 0 };
  guint kids = 0;
  for (guint i = 0; i < s->recs->len; i++)
    {
      const Rec *k = g_ptr_array_index (s->recs, i);
      if (k->total || strlen (k->code) != len || (!p->total && !g_str_has_prefix (k->code, p->code)))
        continue;
      kids++;
      for (guint c = 0; c < ncols; c++)
        sum[c] += rec_cell (k, c);
    }
  *off = 0;
  for (guint c = 0; c < ncols && kids > 0 && *off == 0; c++)
    if (ABS (sum[c] - (bp_wide_fen) rec_cell (p, c)) > (bp_wide_fen) kids)
      *off = ABS (sum[c] - (bp_wide_fen) rec_cell (p, c));
  return kids > 0;
}

/* How far row R misses the column identities IDS (合计 = its parts): the
 * first difference, 0 when they hold. */
static bp_wide_fen
rec_identity_miss (const Rec *r, const GPtrArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      const ColumnIdentity *id = g_ptr_array_index (ids, i);
      bp_wide_fen sum = 0;
      for (guint k = 0; k < id->parts->len; k++)
        sum += rec_cell (r, g_array_index (id->parts, int, k));
      bp_wide_fen d = ABS (sum - (bp_wide_fen) rec_cell (r, id->total));
      if (d > (bp_wide_fen) id->parts->len)
        return d;
    }
  return 0;
}

/* "57280000 | 21011 | … | 58069417.06 | 789417.06 | 0": pdftotext may
 * print a row's last cells before a run of codes that cuts the row and
 * its first cells after it. A row so cut whose parts miss its 合计 takes
 * its figures in the order that makes them add up, if one does. */
static void
runs_mend_cut_rows (Runs *s, guint ncols, const GPtrArray *ids)
{
  for (guint i = 0; i < s->recs->len; i++)
    {
      Rec *r = g_ptr_array_index (s->recs, i);
      if (!r->split || r->figs->len != ncols || rec_identity_miss (r, ids) == 0)
        continue;
      g_autoptr (GPtrArray) turned = g_ptr_array_new ();
      for (guint k = 0; k < ncols; k++)
        g_ptr_array_add (turned, r->figs->pdata[(r->split + k) % ncols]);
      GPtrArray *before = r->figs;
      r->figs = turned;
      gboolean holds = rec_identity_miss (r, ids) == 0;
      r->figs = before;
      if (holds)
        memcpy (r->figs->pdata, turned->pdata, ncols * sizeof (gpointer));
    }
}

/* The levels add up: every parent (the 合计 included, which must be
 * there) equals the sum of its children in every column, and each row
 * its parts (the column identities IDS). Up to three checks may fail by
 * one same amount among at least six that hold: a changed figure (its
 * row and its parent's sums miss by what it was changed by), which the
 * checks then report; a misread pairing fails many, by many amounts. */
static gboolean
runs_levels_add_up (const Runs *s, guint ncols, const GPtrArray *ids)
{
  guint held = 0, failed = 0;
  bp_wide_fen miss = 0;
  gboolean one_amount = TRUE;
  if (!runs_total (s) || ncols > 16)
    return FALSE;
  for (guint i = 0; i < s->recs->len; i++)
    {
      const Rec *r = g_ptr_array_index (s->recs, i);
      bp_wide_fen off[2] = { rec_identity_miss (r, ids), 0 };
      gboolean parent = rec_children_miss (s, r, ncols, &off[1]);
      held += parent && off[1] == 0;
      for (guint k = 0; k < 2; k++)
        if (off[k])
          {
            one_amount &= miss == 0 || off[k] == miss;
            miss = off[k];
            failed++;
          }
    }
  return failed == 0 ? held > 0 : failed <= 3 && one_amount && held >= 6;
}

/* Figures dealt out again leave the names where they were printed, and
 * a row printed without figures may have its name printed late too
 * ("行政事业单位医疗 / … / 卫生健康支出"): then the names are kept only when
 * the catalogue names no code otherwise; else the rows have none. */
static void
runs_check_names (Runs *s)
{
  gboolean wrong = FALSE;
  for (guint i = 0; i < s->recs->len && !wrong; i++)
    {
      const Rec *r = g_ptr_array_index (s->recs, i);
      wrong = !r->total && catalogue_names_otherwise (r->code, r->name->str);
    }
  for (guint i = 0; i < s->recs->len && wrong; i++)
    g_string_truncate (((Rec *) g_ptr_array_index (s->recs, i))->name, 0);
}

/* "CODE NAME FIG…" (or "合计 FIG…"), a line prows_gather reads back. A
 * name holding a figure-like token is left out (it would read as one). */
static BpLine *
rec_line (const Rec *r)
{
  GString *t = g_string_new (r->total ? "合计" : r->code);
  g_autoptr (GPtrArray) toks = tokens_shared (r->name->str);
  gboolean plain = TRUE;
  for (guint i = 0; i < toks->len; i++)
    plain &= !token_is_number (toks->pdata[i]) && !token_is_code (toks->pdata[i]);
  if (!r->total && plain && r->name->len)
    g_string_append_printf (t, " %s", r->name->str);
  for (guint i = 0; i < r->figs->len; i++)
    g_string_append_printf (t, " %s", (const char *) g_ptr_array_index (r->figs, i));
  return bp_line_new_take (g_string_free (t, FALSE), r->line, r->line);
}

GPtrArray *
class_rows_from_code_runs (TableBody *tb, const char *header_text, GPtrArray **cols_out)
{
  g_autofree char *header_own = NULL;
  const char *header = compact_of (header_text, &header_own);
  Runs s = { .recs = g_ptr_array_new_with_free_func (rec_free),
             .apart = g_ptr_array_new_with_free_func (g_free),
             .row_numbers = strstr (header, "序") || figures_have_cents (tb->body_lines),
             .header = header };
  runs_read_header_codes (&s, tb->header_lines);
  runs_read (&s, tb->body_lines);
  GString *words = g_string_new (header_text);
  for (guint i = 0; i < tb->body_lines->len; i++)
    g_string_append_printf (words, " %s", ((BpLine *) tb->body_lines->pdata[i])->text);
  g_autoptr (GPtrArray) cols = stream_columns (tb->table->type, words->str);
  g_string_free (words, TRUE);
  g_autoptr (GPtrArray) ids = identities_for (cols);
  GPtrArray *out = NULL;
  gboolean dealt, read = runs_deal_figures (&s, cols->len, &dealt);
  if (read)
    runs_mend_cut_rows (&s, cols->len, ids);
  if (read && runs_pair_codes (&s) && runs_levels_add_up (&s, cols->len, ids))
    {
      if (dealt)
        runs_check_names (&s);
      out = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_line_free);
      for (guint i = 0; i < s.recs->len; i++)
        g_ptr_array_add (out, rec_line (g_ptr_array_index (s.recs, i)));
      *cols_out = g_steal_pointer (&cols);
    }
  g_free (s.pending);
  g_ptr_array_unref (s.recs);
  g_ptr_array_unref (s.apart);
  return out;
}
