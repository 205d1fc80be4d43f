/* validate: reading tables the same way in every rule. */
#include "validate-private.h"

#include <string.h>

/* Types whose data rows are keyed by classification codes (SCHEMA.md). */
static const char *const coded_types[] = {
  "income_summary", "expense_summary", "general_budget_expense",
  "basic_expense", "gov_fund_expense", "state_capital_expense",
  "project_expense", NULL };

gboolean
validate_table_is_coded (const BpTable *t)
{
  return t->type && g_strv_contains (coded_types, t->type);
}

const char *
validate_row_class_code (const BpRow *r)
{
  const char *code = bp_row_code (r);
  /* 1xx income codes and unit codes ("108001") are not expense classes. */
  if (!code || !bp_text_is_class_code (code))
    return NULL;
  return (code[0] == '2' || code[0] == '3' || code[0] == '5') ? code : NULL;
}

char *
validate_row_label (const BpRow *r)
{
  int col = bp_row_label_column (r);
  return col < 0 ? g_strdup ("") : bp_text_strip_spaces (bp_row_cell (r, col));
}

gboolean
validate_label_is_total (const char *label)
{
  if (!label || !*label)
    return FALSE;
  if (g_str_equal (label, "合计") || g_str_equal (label, "总计")
      || g_str_equal (label, "小计"))
    return TRUE;
  /* "支出合计", "本年收入合计" but not a subject that merely contains it. */
  return (g_str_has_suffix (label, "合计") || g_str_has_suffix (label, "总计"))
         && !validate_utf8_at_least (label, 9);
}

typedef ValidateCellMoney CellMoney;

static void
cell_money_read (CellMoney *m, guint slot, const BpRow *r, guint col, BpUnit unit)
{
  const char *cell = bp_row_cell (r, col);
  bp_fen value = 0;
  BpAmountStatus st = cell ? bp_amount_parse (cell, unit, &value) : BP_AMOUNT_EMPTY;
  guint8 bit = (guint8) (1u << slot), other = (guint8) (1u << (1 - slot));
  /* A label or a share ("88.51%") is not money. Whether the cell looks
   * like a figure does not depend on the unit: money in the other slot
   * answers it. */
  gboolean money = st == BP_AMOUNT_OK
                   && ((m->known & m->money & other) || bp_amount_looks_like (cell));
  m->value[slot] = money ? value : 0;
  m->known |= bit;
  m->money = money ? m->money | bit : m->money & ~bit;
  m->empty = st == BP_AMOUNT_EMPTY ? m->empty | bit : m->empty & ~bit;
  if (slot == 1)
    m->unit = (guint8) unit;
}

/* The run's memo of R's cells, or NULL (outside a run, a row of no
 * cells, or past CELL_MEMO_MAX_ROWS rows): the sum rules read each
 * cell many times (issue 18). A memo of every row read grew with the
 * tables (100 bytes a row of a 40,000-row table); a document's tables
 * read some hundreds of rows, and a row past the bound is read again
 * each time: the same answers. */
#define CELL_MEMO_MAX_ROWS 4096
static inline G_ALWAYS_INLINE CellMoney *
row_money_memo (const BpRow *r)
{
  CellMoney *row = validate_cache_lookup (VALIDATE_CACHE_CELLS, r);
  if (!row && r->cells->len)
    {
      GHashTable *memo = validate_cache (VALIDATE_CACHE_CELLS);
      if (!memo || g_hash_table_size (memo) >= CELL_MEMO_MAX_ROWS)
        return NULL;
      row = g_new0 (CellMoney, r->cells->len);
      validate_cache_insert (VALIDATE_CACHE_CELLS, (gpointer) r, row);
    }
  return row;
}

/* Cell COL of R read without a memo. */
static gboolean
cell_money_unkept (const BpRow *r, guint col, BpUnit unit, bp_fen *out, gboolean *empty)
{
  CellMoney read = { { 0, 0 }, 0, 0, 0, 0 };
  guint slot = validate_cell_money_slot (unit);
  cell_money_read (&read, slot, r, col, unit);
  return validate_cell_money_answer (&read, slot, out, empty);
}

/* Cell COL of R through ROW, R's memo (NULL: none). Inlined in its two
 * callers: they run for every cell read, most of them memo hits. */
static inline G_ALWAYS_INLINE gboolean
cell_money_in (CellMoney *row, const BpRow *r, guint col, BpUnit unit,
               bp_fen *out, gboolean *empty)
{
  if (G_UNLIKELY (!row || col >= r->cells->len))
    return cell_money_unkept (r, col, unit, out, empty);
  CellMoney *m = &row[col];
  guint slot = validate_cell_money_slot (unit);
  if (!validate_cell_money_known (m, slot, unit))
    cell_money_read (m, slot, r, col, unit);
  return validate_cell_money_answer (m, slot, out, empty);
}

gboolean
validate_cell_money (const BpRow *r, guint col, BpUnit unit,
                     bp_fen *out, gboolean *empty)
{
  return cell_money_in (col < r->cells->len ? row_money_memo (r) : NULL, r, col, unit,
                        out, empty);
}

ValidateRowCells
validate_row_cells (const BpRow *r)
{
  ValidateRowCells rc = { r, row_money_memo (r) };
  return rc;
}

ValidateRowCells *
validate_table_row_cells (const BpTable *t)
{
  ValidateRowCells *rows = g_new (ValidateRowCells, MAX (t->rows->len, 1));
  for (guint i = 0; i < t->rows->len; i++)
    rows[i] = validate_row_cells (t->rows->pdata[i]);
  return rows;
}

gboolean
validate_row_cell_money_read (const ValidateRowCells *rc, guint col, BpUnit unit,
                              bp_fen *out, gboolean *empty)
{
  return cell_money_in (rc->memo, rc->row, col, unit, out, empty);
}

static GArray *amount_columns (const BpTable *t);

GArray *
validate_amount_columns (const BpTable *t)
{
  GArray *cols = validate_cache_lookup (VALIDATE_CACHE_COLUMNS, t);
  if (!cols)
    {
      cols = amount_columns (t);
      if (!validate_cache (VALIDATE_CACHE_COLUMNS))
        return cols;
      validate_cache_insert (VALIDATE_CACHE_COLUMNS, (gpointer) t, cols);
    }
  return g_array_ref (cols);
}

static GArray *
amount_columns (const BpTable *t)
{
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (guint));
  guint width = 0;
  for (guint i = 0; i < t->rows->len; i++)
    width = MAX (width, ((BpRow *) t->rows->pdata[i])->cells->len);
  g_autofree ValidateRowCells *cells = validate_table_row_cells (t);
  /* Figures in most of its filled cells: a code or name column may hold a
   * stray number ("31 本级支出项目"), an amount column never holds names. */
  for (guint c = 0; c < width; c++)
    {
      guint figures = 0, others = 0;
      for (guint i = 0; i < t->rows->len; i++)
        {
          const BpRow *r = t->rows->pdata[i];
          bp_fen v;
          gboolean empty;
          /* bp_row_code (r) == cell, asking for the code (a class code
           * test) only when it can be: it was asked for every cell */
          const char *cell = bp_row_cell (r, c);
          if (cell ? cell == bp_row_cell (r, 0) && bp_row_code (r) == cell
                   : bp_row_code (r) == NULL)
            others++;
          else if (validate_row_cell_money (&cells[i], c, BP_UNIT_YUAN, &v, &empty))
            figures++;
          else if (!empty)
            others++;
        }
      if (figures > others)
        g_array_append_val (cols, c);
    }
  return cols;
}

static char *
column_label_new (const BpTable *t, guint col)
{
  char *label = bp_table_column_label (t, col);
  return label ? label : g_strdup ("");
}

/* Rules ask for the labels of every cell's column; within a run they are
 * built once per table and column (validate does not change headers). */
const char *
validate_column_label_peek (const BpTable *t, guint col)
{
  GPtrArray *labels = validate_cache_lookup (VALIDATE_CACHE_LABELS, t);
  if (!labels)
    {
      g_assert (validate_cache (VALIDATE_CACHE_LABELS) != NULL);
      labels = g_ptr_array_new_with_free_func (g_free);
      validate_cache_insert (VALIDATE_CACHE_LABELS, (gpointer) t, labels);
    }
  if (col >= labels->len)
    g_ptr_array_set_size (labels, col + 1);
  if (!labels->pdata[col])
    labels->pdata[col] = column_label_new (t, col);
  return labels->pdata[col];
}

char *
validate_column_label (const BpTable *t, guint col)
{
  if (!validate_cache (VALIDATE_CACHE_LABELS) || col > 4096)
    return column_label_new (t, col);
  return g_strdup (validate_column_label_peek (t, col));
}

BpUnit
validate_table_unit (const BpDocument *doc, const BpTable *t)
{
  if (t->unit != BP_UNIT_UNKNOWN)
    return t->unit;
  return doc->unit != BP_UNIT_UNKNOWN ? doc->unit : BP_UNIT_YUAN;
}

int
validate_side_label_column (const BpTable *t, const BpRow *r, const char *side)
{
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *head = validate_column_label_peek (t, c);
      if (!strstr (head, side) || strstr (head, "行次"))
        continue;   /* the heading first: the cell is read only under SIDE */
      g_autofree char *cell = bp_text_strip_spaces (bp_row_cell (r, c));
      if (*cell && !bp_amount_looks_like (cell))
        return (int) c;
    }
  return -1;
}

/* ---- per-table facts ------------------------------------------------------ */

/* Codes are compared as the cells print them, byte for byte (a code cell may
 * keep spaces or full-width digits): a parent is a code that is a prefix of
 * another row's code. */

void
validate_table_facts_free (gpointer p)
{
  ValidateTableFacts *f = p;
  if (!f)
    return;
  for (guint i = 0; i < f->n_rows; i++)
    if (f->children[i])
      g_array_unref (f->children[i]);
  if (f->owned_labels)
    g_ptr_array_unref (f->owned_labels);
  g_free (f->class_code);
  g_free (f->code_len);
  g_free (f->label);
  g_free (f->is_total);
  g_free (f->ambiguous);
  g_free (f->child_len);
  g_free (f->children);
  g_free (f);
}

/* What the rows say of one code: how many rows print it, the length of the
 * shortest codes that extend it (0: none) and the children list of the
 * first row that prints it (NULL if none). */
typedef struct {
  guint count;
  guint32 shortest;
  GArray *kids;
} CodeInfo;

/* A row I and the CodeInfo of one proper prefix of its code. */
typedef struct {
  CodeInfo *parent;
  guint i;
} ParentLink;

/* The first LEN bytes of CODE as a string: in BUF (CODE_BUF_SIZE bytes)
 * when they fit, else a new string in *OWNED. A code's prefixes are asked
 * for every row: a string allocated for each was much of the facts' cost. */
#define CODE_BUF_SIZE 32
static const char *
code_prefix (const char *code, gsize len, char *buf, char **owned)
{
  if (len >= CODE_BUF_SIZE)
    return *owned = g_strndup (code, len);
  memcpy (buf, code, len);
  buf[len] = '\0';
  return buf;
}

/* CODE's prefix of LEN bytes in INFO (code → CodeInfo*), or NULL. */
static CodeInfo *
prefix_info (GHashTable *info, const char *code, gsize len)
{
  char buf[CODE_BUF_SIZE];
  g_autofree char *owned = NULL;
  return g_hash_table_lookup (info, code_prefix (code, len, buf, &owned));
}

/* Appends to LINKS, for every proper prefix of row I's code that some
 * row's code equals (LENGTHS: the distinct code lengths, ascending), that
 * code's CodeInfo, which learns the shortest code extending it. */
static void
note_parents (ValidateTableFacts *f, guint i, GArray *lengths, GHashTable *info,
              GArray *links)
{
  for (guint k = 0; k < lengths->len; k++)
    {
      gsize l = g_array_index (lengths, gsize, k);
      if (l >= f->code_len[i])
        break;
      CodeInfo *parent = prefix_info (info, f->class_code[i], l);
      if (!parent)
        continue;
      if (!parent->shortest || f->code_len[i] < parent->shortest)
        parent->shortest = f->code_len[i];
      ParentLink link = { parent, i };
      g_array_append_val (links, link);
    }
}

/* TRUE when a prefix of CODE of 3, 5, 7… bytes (itself included) is the code
 * of more than one row. */
static gboolean
code_ambiguous (const char *code, gsize len, GHashTable *info)
{
  for (gsize l = 3; l <= len; l += 2)
    {
      const CodeInfo *c = prefix_info (info, code, l);
      if (c && c->count > 1)
        return TRUE;
    }
  return FALSE;
}

static gint
compare_sizes (gconstpointer a, gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;
  return x < y ? -1 : x > y;
}

/* Each code's CodeInfo in INFO, taken from SLOTS (one a row), with its
 * count of rows; returns the distinct code lengths, ascending. */
static GArray *
count_codes (const ValidateTableFacts *f, GHashTable *info, CodeInfo *slots)
{
  GArray *lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (guint i = 0; i < f->n_rows; i++)
    {
      const char *code = f->class_code[i];
      if (!code)
        continue;
      CodeInfo *c = g_hash_table_lookup (info, code);
      if (!c)
        g_hash_table_insert (info, (gpointer) code, c = &slots[i]);
      c->count++;
      gboolean known = FALSE;
      for (guint k = 0; k < lengths->len && !known; k++)
        known = g_array_index (lengths, gsize, k) == f->code_len[i];
      gsize len = f->code_len[i];
      if (!known)
        g_array_append_val (lengths, len);
    }
  g_array_sort (lengths, compare_sizes);
  return lengths;
}

/* child_len and children: the rows one level below each code, i.e. the
 * shortest codes that extend it. A code listed twice is ambiguous and gets
 * no children list (no rule sums below it). Each row's parents are looked
 * up once: the links found are kept for the second pass. */
static void
link_children (ValidateTableFacts *f, GArray *lengths, GHashTable *info)
{
  g_autoptr (GArray) links = g_array_new (FALSE, FALSE, sizeof (ParentLink));
  for (guint i = 0; i < f->n_rows; i++)
    if (f->class_code[i])
      note_parents (f, i, lengths, info, links);
  for (guint i = 0; i < f->n_rows; i++)
    {
      if (!f->class_code[i])
        continue;
      CodeInfo *c = g_hash_table_lookup (info, f->class_code[i]);
      f->child_len[i] = c->shortest;
      if (f->child_len[i] && !c->kids)
        c->kids = f->children[i] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  for (guint k = 0; k < links->len; k++)
    {
      const ParentLink *link = &g_array_index (links, ParentLink, k);
      if (link->parent->kids && link->parent->shortest == f->code_len[link->i])
        g_array_append_val (link->parent->kids, link->i);
    }
}

/* TRUE when S holds no byte that can start a white space character (ASCII
 * white space and control bytes; C2, E1, E2, E3 and EF, the lead bytes of
 * the Unicode spaces, U+200B and the BOM): bp_text_strip_spaces would
 * return it unchanged. Most labels are ideographs (E4..E9) alone. */
static gboolean
surely_spaceless (const char *s)
{
  for (const guchar *p = (const guchar *) s; *p; p++)
    if (*p <= 0x20 || *p == 0xC2 || (*p >= 0xE1 && *p <= 0xE3) || *p == 0xEF)
      return FALSE;
  return TRUE;
}

/* validate_row_label of R, but R's cell itself when stripping its spaces
 * changes nothing, else a copy added to *OWNED (made on the first). */
static const char *
row_label_peek (const BpRow *r, GPtrArray **owned)
{
  int col = bp_row_label_column (r);
  if (col < 0)
    return "";
  const char *cell = bp_row_cell (r, col);
  if (cell && surely_spaceless (cell))
    return cell;   /* no copy made to be compared */
  char *label = bp_text_strip_spaces (cell);
  if (strcmp (label, cell) == 0)
    {
      g_free (label);
      return cell;
    }
  if (!*owned)
    *owned = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (*owned, label);
  return label;
}

static ValidateTableFacts *
table_facts_new (const BpTable *t)
{
  guint n = t->rows->len;
  ValidateTableFacts *f = g_new0 (ValidateTableFacts, 1);
  f->n_rows = n;
  f->class_code = g_new0 (const char *, n);
  f->code_len = g_new0 (guint32, n);
  f->label = g_new0 (const char *, n);
  f->is_total = g_new0 (guint8, n);
  f->ambiguous = g_new0 (guint8, n);
  f->child_len = g_new0 (guint32, n);
  f->children = g_new0 (GArray *, n);
  for (guint i = 0; i < n; i++)
    {
      f->class_code[i] = validate_row_class_code (t->rows->pdata[i]);
      f->code_len[i] = f->class_code[i] ? (guint32) strlen (f->class_code[i]) : 0;
      f->label[i] = row_label_peek (t->rows->pdata[i], &f->owned_labels);
      f->is_total[i] = validate_label_is_total (f->label[i]);
      if (f->code_len[i] && (!f->top_len || f->code_len[i] < f->top_len))
        f->top_len = f->code_len[i];
    }
  g_autoptr (GHashTable) info = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree CodeInfo *slots = g_new0 (CodeInfo, n);
  g_autoptr (GArray) lengths = count_codes (f, info, slots);
  for (guint i = 0; i < n; i++)
    f->ambiguous[i] = f->class_code[i]
                      && code_ambiguous (f->class_code[i], f->code_len[i], info);
  link_children (f, lengths, info);
  return f;
}

const ValidateTableFacts *
validate_table_facts (const BpTable *t)
{
  ValidateTableFacts *f = validate_cache_lookup (VALIDATE_CACHE_FACTS, t);
  if (!f)
    {
      g_assert (validate_cache (VALIDATE_CACHE_FACTS) != NULL);
      f = table_facts_new (t);
      validate_cache_insert (VALIDATE_CACHE_FACTS, (gpointer) t, f);
    }
  return f;
}
