/* validate plugin: shared declarations of the rule catalogue.
 * Each category lives in its own source file and exports a table of rules;
 * validate.c runs them in catalogue order. */
#ifndef VALIDATE_PRIVATE_H
#define VALIDATE_PRIVATE_H

#include <budgetpipe/budgetpipe.h>

typedef struct {
  char **disable;        /* rule ids or categories not to run */
  char *min_severity;    /* findings below it are dropped */
} ValidateState;

typedef struct ValidateRule ValidateRule;

/* One validation run over one document. */
typedef struct {
  BpDocument *doc;
  BpStage *stage;
  const ValidateRule *rule;   /* the rule being run: findings carry its id */
  /* Arithmetic comparisons made / failed per table id (guint[2]). */
  GHashTable *tally;
  /* Keys (char*) of what rules reported, for a rule that reports a defect
   * once however many sentences repeat it: kept apart from the messages,
   * which are in the user's language. */
  GHashTable *reported;
  /* The tallies (per table, per rule and table) the last comparison
   * counted in, and what for: a rule compares figures of one table in
   * turn (common.c). */
  const ValidateRule *tally_rule;
  char *tally_table;
  gpointer tally_of[2];
} ValidateRun;

struct ValidateRule {
  const char *id;        /* stable id: "sum.children" */
  const char *category;  /* SCHEMA.md finding category */
  const char *summary;   /* one line; docs/rules.md has the paragraph */
  void (*check) (ValidateRun *run);
};

/* Rule tables, each terminated by an entry with a NULL id. */
extern const ValidateRule validate_arithmetic_rules[];
extern const ValidateRule validate_cross_table_rules[];
extern const ValidateRule validate_narrative_rules[];
extern const ValidateRule validate_classification_rules[];
extern const ValidateRule validate_completeness_rules[];
extern const ValidateRule validate_metadata_rules[];

/* list.subtotals: lists that nest as subtotals (subtotals.c). */
extern const ValidateRule validate_subtotal_rules[];

/* Rules on the wording of the narrative (narrative-checks.c). */
extern const ValidateRule validate_narrative_check_rules[];

/* narrative.list_sum (narrative-lists.c). */
void validate_check_list_sums (ValidateRun *run);
/* "三" → 3, "十二" → 12, "二十三" → 23; 0 when S is no Chinese numeral. */
int validate_cn_number (const char *s);

/* All tables in catalogue order, NULL-terminated. */
extern const ValidateRule *const validate_catalogue[];

/* ---- reporting (common.c) ---------------------------------------------- */

/* A finding of the running rule. */
/* NFKC (full-width digits and brackets to ASCII), no white space or
 * quotes: the text the narrative patterns are written for. */
char *validate_plain_text (const char *s);
/* The same appended to OUT (a buffer reused over many texts: no
 * allocation per text). */
void validate_plain_append (GString *out, const char *s);
/* validate_plain_text of source lines FIRST to LAST of DOC joined (those
 * that exist); each line's plain form is kept for the run. */
char *validate_source_plain (const BpDocument *doc, int first, int last);

BpFinding *validate_report (ValidateRun *run, BpSeverity sev, int line,
                            const char *table, const char *fmt, ...)
  G_GNUC_PRINTF (5, 6);

/* Compares a printed figure with the value it should have. Equal: nothing.
 * Within TOLERANCE (rounding envelope): an info finding. Beyond: a finding
 * of severity BEYOND. Expected/actual are set as 元 decimals. Returns TRUE
 * when the difference is beyond the tolerance. */
gboolean validate_compare_money (ValidateRun *run, BpSeverity beyond, int line,
                                 const char *table, bp_wide_fen expected,
                                 bp_fen actual, bp_fen tolerance,
                                 const char *what);
/* |A − B| <= TOLERANCE, for a sum against a printed figure. */
gboolean validate_sum_within (bp_wide_fen a, bp_fen b, bp_fen tolerance);
/* FEN as 元 with two decimals, like bp_amount_format_buf, for any sum. */
#define VALIDATE_SUM_BUFSZ 48
const char *validate_format_sum (bp_wide_fen fen, char *buf);

/* A table whose arithmetic checks mostly fail was misread (columns shifted,
 * rows split), not misprinted: after all rules ran, when at least three
 * comparisons on one table (or of one rule on one table) fail and they are
 * more than a third of all made, those arithmetic findings are downgraded to
 * info with the reason. A changed figure breaks one or two sums among many. */
void validate_downgrade_misread (ValidateRun *run);
/* table.unreadable: one warning per such table, saying which checks fail
 * and where; run after every other arithmetic rule. */
void validate_check_unreadable (ValidateRun *run);
/* Why the tables stage could not read T with confidence (its meta
 * "tables.<id>.unreadable"), or NULL: such a table's arithmetic is not
 * checked, one table.unreadable warning says why. */
const char *validate_table_unreadable (const BpDocument *doc, const BpTable *t);
/* Frees a value of ValidateRun.tally. */
void validate_tally_free (gpointer tally);

/* Tolerance for a sum of N_TERMS figures printed in table T: half the last
 * printed digit of each (万元 with two decimals: 50 元; whole 元: 0.5 元). */
bp_fen validate_table_tolerance (const BpDocument *doc, const BpTable *t,
                                 guint n_terms);
/* Between these two (one run, on this thread) validate_table_tolerance and
 * validate_amount_columns measure each table once. */
typedef enum {
  VALIDATE_CACHE_DECIMALS,   /* BpTable* → its usual decimals + 1 */
  VALIDATE_CACHE_COLUMNS,    /* BpTable* → GArray of amount columns */
  VALIDATE_CACHE_FACTS,      /* BpTable* → ValidateTableFacts */
  VALIDATE_CACHE_NORM_NAME,  /* text → narrative.c's norm_name of it */
  VALIDATE_CACHE_CLASS_CORE, /* class name → narrative.c's class_core of it */
  VALIDATE_CACHE_STATED,     /* question → what the tables state (narrative.c) */
  VALIDATE_CACHE_DOC,        /* BpDocument* → derived per document (below) */
  VALIDATE_CACHE_CLAIM,      /* BpClaim* → derived per claim (narrative.c) */
  VALIDATE_CACHE_CELLS,      /* BpRow* → its cells read as money (tablecells.c) */
  VALIDATE_CACHE_CONCEPT,    /* subject → its concept's index + 2, 1 if none (narrative.c) */
  VALIDATE_CACHE_LINE_PLAIN, /* source line number → its plain text and facts (narrative.c) */
  VALIDATE_CACHE_LABELS,     /* BpTable* → GPtrArray of its column labels (tablecells.c) */
  VALIDATE_CACHE_SUMMARY_ITEMS, /* BpDocument* → GArray of its summary tables'
                                   expense items (narrative.c) */
  VALIDATE_CACHE_CLASS_ROWS, /* BpDocument* → GArray of its classification rows'
                                code lengths and class cores (narrative.c) */
  VALIDATE_CACHE_FIGURE_COLUMNS, /* BpTable* → GArray of arithmetic.c's figure columns */
  VALIDATE_CACHE_WANYUAN_CELLS, /* BpDocument* → GArray of its cells holding 万元 (narrative.c) */
  VALIDATE_CACHE_CODED_ROWS, /* BpDocument* → GArray of classification.c's coded rows */
  VALIDATE_CACHE_PROJECT_ENTRIES, /* BpDocument* → GArray of its project forms and
                                     rows with their names (narrative.c) */
  VALIDATE_CACHE_CODE_ROWS,  /* BpDocument* → the rows narrative.c's code_values
                                reads (validate_code_rows_free) */
  VALIDATE_CACHE_N
} ValidateCacheKind;
/* TRUE when source line LINE is within a table's lines, as
 * bp_document_table_at_line but looked up in a mask built once per run:
 * the narrative rules ask it for every line. */
gboolean validate_line_in_table (const BpDocument *doc, int line);
/* The narrative lines of DOC in plain form (narrative-checks.c), read once
 * per run: several rules read them. */
typedef struct {
  GByteArray *table_lines;    /* mask by source line: 1 within a table */
  GByteArray *narrative;      /* narrative-checks.c's lines whose plain
                                 form differs, or NULL */
  GByteArray *narrative_mask; /* a byte per line of the document's lines: 1 narrative */
  GArray *word_lines[5];      /* validate_word_lines, or NULLs */
} ValidateDocFacts;
ValidateDocFacts *validate_doc_facts (const BpDocument *doc);
/* Words that rules reading every line of the document's lines look for. */
typedef enum {
  VALIDATE_WORD_PERIOD, /* 起止, 实施期 or 项目期限 (project.period) */
  VALIDATE_WORD_NAME,   /* 名称 (the department's name slots) */
  VALIDATE_WORD_CITY,   /* 市 (scope.level) */
  VALIDATE_WORD_LIST,   /* 其中 or 包括 (list sums) */
  VALIDATE_WORD_KUAN,   /* 款 (name.narrative) */
  VALIDATE_WORD_N
} ValidateWord;
/* The indexes in the document's lines of the lines whose text holds WORD, in order.
 * Within a run every word's lines are found in one pass over the text,
 * the first time a rule asks: most rules want a handful of lines and
 * searched each line for their words. Unref the array when done. */
GArray *validate_word_lines (const BpDocument *doc, ValidateWord word);
/* The same as validate_memo, but the string stays the cache's (valid until
 * the run ends; do not free it). Outside a run it is kept for the thread. */
/* g_str_hash, but a key just hashed by validate_hashed_lookup or
 * validate_hashed_insert (which take the hash) is not hashed again. */
guint validate_str_hash (gconstpointer key);
gboolean validate_hashed_lookup (GHashTable *table, const char *key, guint hash,
                                 gpointer *stored_key, gpointer *value);
void validate_hashed_insert (GHashTable *table, char *key, guint hash, gpointer value);
const char *validate_memo_peek (ValidateCacheKind kind, const char *key,
                                char *(*fn) (const char *key));
/* Frees a value of VALIDATE_CACHE_CLAIM (narrative.c). */
void validate_claim_facts_free (gpointer facts);
/* Frees a value of VALIDATE_CACHE_STATED (narrative.c). */
void validate_stated_memo_free (gpointer memo);
/* Frees a value of VALIDATE_CACHE_CODE_ROWS (narrative.c). */
void validate_code_rows_free (gpointer rows);
void validate_cache_begin (void);
void validate_cache_end (void);
/* The run's cache of KIND, or NULL outside a run. */
GHashTable *validate_cache (ValidateCacheKind kind);
/* For a kind keyed by pointer whose entries are never removed:
 * g_hash_table_lookup / _insert on the run's cache, the last key answered
 * without hashing (rules ask for one row's cells in turn). Lookup is NULL
 * outside a run; insert only within one. */
gpointer validate_cache_lookup (ValidateCacheKind kind, gconstpointer key);
void validate_cache_insert (ValidateCacheKind kind, gpointer key, gpointer value);
/* KEY's value of KIND in the run's cache: READ (KEY) the first time it is
 * asked, then kept until the run ends (the cache owns it). Within a run
 * only. */
gpointer validate_cache_get (ValidateCacheKind kind, gconstpointer key,
                             gpointer (*read) (gconstpointer key));
/* FN (KEY) as a new string, computed once per run for each KEY of KIND (a
 * string-keyed kind): the narrative rules normalize the same subjects and
 * class names for every claim. */
char *validate_memo (ValidateCacheKind kind, const char *key,
                     char *(*fn) (const char *key));

/* Half the last printed digit of a figure with DECIMALS decimals in UNIT, in
 * fen (万元 with two: 5000; whole 元: 50; 元 with two: 0, exact). */
bp_fen validate_half_digit (BpUnit unit, int decimals);

/* Formats fen as the unit the document prints ("1538.62万元" / "15386196.87元"). */
char *validate_format_money (bp_fen fen, BpUnit unit);

/* A part of a finding's message built before its format (the WHAT of
 * validate_compare_money), in the user's language as the format is. */
char *validate_what (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

/* Formats a percentage given in hundredths (1234 → "12.34%", -5 → "-0.05%",
 * or "0.05%" without WITH_SIGN), so a message's format takes it as %s: a
 * format built with G_GINT64_FORMAT cannot be extracted by xgettext, nor
 * translated. */
char *validate_format_percent (gint64 hundredths, gboolean with_sign);

/* Digits after the decimal point in a printed figure ("88.51%" → 2). */
int validate_decimals (const char *text);

/* TRUE when PRINTED (a share in hundredths of a percent printed with
 * PCT_DECIMALS decimals) can be PART / WHOLE once every printed figure is
 * taken as standing for ±half its last digit (PART/WHOLE printed with the
 * given decimals, parsed as 元). */
gboolean validate_share_consistent (bp_fen part, int part_decimals,
                                    bp_fen whole, int whole_decimals,
                                    bp_pct100 printed, int pct_decimals);

/* ---- the national classification catalogue (catalogue.c) ------------ */

typedef struct {
  char *name;        /* the 2024 edition's name */
  char confidence;   /* 'H' well established, 'M' believed (data/SOURCES.md) */
  char *former;      /* a pre-2019 name, or NULL */
  int former_until;  /* the last edition that used it (2018), 0 if none */
  char former_confidence; /* 'H' or 'M', as data/SOURCES.md */
  char *name_normal;      /* NAME and FORMER normalized (validate_normalize_name), */
  char *former_normal;    /* made once at load: every coded row compares them */
} CatalogueEntry;

const CatalogueEntry *validate_catalogue_lookup (const char *code);
gboolean validate_catalogue_loaded (void);
/* The codes (char*) whose entry has a former name, sorted; do not free. */
const GPtrArray *validate_catalogue_former_codes (void);
/* A name for comparison: full-width forms to ASCII, no spaces or quotes. */
char *validate_normalize_name (const char *name);
/* validate_normalize_name (NAME), or NULL when that is NAME itself (no
 * copy made: issue 18, a name kept per coded row). */
char *validate_normalize_name_if_changed (const char *name);

/* ---- table helpers (tablecells.c) -------------------------------------- */

/* TRUE for table types whose rows carry classification codes. */
gboolean validate_table_is_coded (const BpTable *t);
/* The row's function (2xx) or economic (3xx/5xx) code, or NULL. */
const char *validate_row_class_code (const BpRow *r);
/* The row's label with spaces removed (new string), "" when none. */
char *validate_row_label (const BpRow *r);
/* TRUE when LABEL (spaces removed) names a total row: 合计, 总计, 本年…合计. */
gboolean validate_label_is_total (const char *label);
/* Cell COL as money in UNIT: TRUE and *OUT when it holds a figure; an empty
 * cell ("", "-") is FALSE with *OUT = 0 and *EMPTY = TRUE. */
gboolean validate_cell_money (const BpRow *r, guint col, BpUnit unit,
                              bp_fen *out, gboolean *empty);
/* A cell read as money in 元 (slot 0) and in one other unit (slot 1): the
 * column rules read cells in 元, the sum rules in the table's unit, and a
 * memo of one unit read most cells twice over. 24 bytes, one per cell of
 * every row read (a table of many rows: issue 18). */
typedef struct {
  bp_fen value[2];
  guint8 unit;        /* BpUnit of slot 1 */
  guint8 known;       /* bit per slot: read */
  guint8 money;       /* bit per slot: a figure (validate_cell_money's answer) */
  guint8 empty;       /* bit per slot */
} ValidateCellMoney;

/* The slot of a ValidateCellMoney that holds a reading in UNIT. */
static inline guint
validate_cell_money_slot (BpUnit unit)
{
  return unit == BP_UNIT_YUAN ? 0 : 1;
}

/* M holds its cell read in UNIT (in SLOT, validate_cell_money_slot's). */
static inline gboolean
validate_cell_money_known (const ValidateCellMoney *m, guint slot, BpUnit unit)
{
  return ((m->known >> slot) & 1) && (slot == 0 || (BpUnit) m->unit == unit);
}

/* The reading in SLOT of M as validate_cell_money answers it. */
static inline gboolean
validate_cell_money_answer (const ValidateCellMoney *m, guint slot, bp_fen *out,
                            gboolean *empty)
{
  *out = m->value[slot];
  if (empty)
    *empty = (m->empty >> slot) & 1;
  return (m->money >> slot) & 1;
}

/* Row R's cells for reading many of them (validate_row_cell_money, the
 * same answers as validate_cell_money): the run's memo of the row is
 * looked up once, not once per cell. Valid within the run. */
typedef struct {
  const BpRow *row;
  ValidateCellMoney *memo;   /* the row's memo, NULL when none */
} ValidateRowCells;
ValidateRowCells validate_row_cells (const BpRow *r);
/* validate_row_cells of each row of T, for reading it column by column
 * (g_free it). */
ValidateRowCells *validate_table_row_cells (const BpTable *t);
/* validate_row_cell_money of a cell the memo does not answer yet. */
gboolean validate_row_cell_money_read (const ValidateRowCells *rc, guint col, BpUnit unit,
                                       bp_fen *out, gboolean *empty);

/* Cell COL of RC's row as validate_cell_money reads it. A memo hit is
 * answered inline: the sum rules read each cell many times. */
static inline gboolean
validate_row_cell_money (const ValidateRowCells *rc, guint col, BpUnit unit,
                         bp_fen *out, gboolean *empty)
{
  guint slot = validate_cell_money_slot (unit);
  const ValidateCellMoney *m = rc->memo && col < rc->row->cells->len ? &rc->memo[col] : NULL;
  if (!m || !validate_cell_money_known (m, slot, unit))
    return validate_row_cell_money_read (rc, col, unit, out, empty);
  return validate_cell_money_answer (m, slot, out, empty);
}
/* Indices (guint) of the columns holding figures in most of their filled
 * cells. Unref it when done; do not change it (shared within a run). */
GArray *validate_amount_columns (const BpTable *t);
/* Column label (bp_table_column_label), "" when the header does not name it. */
char *validate_column_label (const BpTable *t, guint col);
/* The same within a run, kept by the run's cache (do not free it). */
const char *validate_column_label_peek (const BpTable *t, guint col);
/* In a two-sided summary, the column of R holding the label of side SIDE
 * ("收入" / "支出", as the header names it), or -1 when that side is blank. */
int validate_side_label_column (const BpTable *t, const BpRow *r, const char *side);
/* The unit of T, falling back to the document's; 元 when neither says. */
BpUnit validate_table_unit (const BpDocument *doc, const BpTable *t);

/* What the rules ask of every row of a table, derived once per table and
 * run and looked up: rescanning the rows for each row made the sum rules
 * quadratic in the table's length (a 2,000-row class table). Arrays are
 * indexed by row. */
typedef struct {
  guint n_rows;
  const char **class_code;   /* validate_row_class_code, or NULL */
  guint32 *code_len;         /* strlen of it, 0 without */
  /* validate_row_label: the row's cell itself when it has no spaces to
   * strip (a table of many rows kept a copy of each: issue 18) */
  const char **label;
  guint8 *is_total;          /* validate_label_is_total of the label */
  /* Its code or one of its ancestors is listed more than once: two tables
   * merged or a continuation repeated them (no sum over that branch). */
  guint8 *ambiguous;
  guint32 *child_len;        /* length of the codes one level below, 0 if none */
  /* Rows (guint) whose code is child_len long and extends this one; set on
   * the first row of each code that has children. */
  GArray **children;
  gsize top_len;             /* length of the shortest code, 0 if none */
  GPtrArray *owned_labels;   /* the labels that are copies, or NULL */
} ValidateTableFacts;
/* T's facts, built on first use in a run (rules run only inside one) and
 * kept in the run's cache until its end. */
const ValidateTableFacts *validate_table_facts (const BpTable *t);
void validate_table_facts_free (gpointer facts);

/* g_utf8_strlen (S, -1) >= N, counting no further than N characters
 * (stepping as g_utf8_strlen does): the rules ask it of whole claim texts
 * and subjects only to rule out short ones. */
static inline gboolean
validate_utf8_at_least (const char *s, glong n)
{
  glong len = 0;
  for (const char *p = s; len < n && *p; p = g_utf8_next_char (p))
    len++;
  return len >= n;
}

#endif
