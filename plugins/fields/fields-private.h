/* fields plugin: declarations shared by its source files (not public). */
#ifndef BP_FIELDS_PRIVATE_H
#define BP_FIELDS_PRIVATE_H

#include <budgetpipe/budgetpipe.h>

G_BEGIN_DECLS

/* ---- narrative text (narrative.c) ---------------------------------------- */

/* A run of narrative lines joined into one paragraph, with a map from byte
 * offsets back to the BpLine each piece came from. Text is normalized:
 * full-width forms to ASCII. */
typedef struct {
  gsize start;          /* byte offset of this line's text in the paragraph */
  const BpLine *line;
} FieldsSeg;

typedef struct {
  GString *text;
  GArray *segs;         /* FieldsSeg, ascending start */
  char *heading;        /* the heading paragraph before this one, or NULL */
  gboolean is_heading;
} FieldsPara;

/* The narrative's paragraphs in order, each handed to EMIT as it closes
 * (valid only during the call: the paragraph is then reused). */
typedef void (*FieldsParaFunc) (const FieldsPara *para, gpointer data);
/* The document's lines made fields_norm and joined, as
 * bp_profile_read_phrases_keep gave them; TEXT NULL: not made. */
typedef struct {
  const char *text;
  const GArray *starts;   /* gsize: where each line begins in TEXT */
} FieldsJoinedLines;
void fields_paragraphs_each (const BpDocument *doc, const FieldsJoinedLines *joined,
                             FieldsParaFunc emit, gpointer data);
/* Source line of the text TOKEN found at byte OFFSET of PARA. */
int fields_para_source_line (const BpDocument *doc, const FieldsPara *para,
                             gsize offset, const char *token);

/* A number with its unit found in a paragraph. */
typedef enum { MENTION_MONEY, MENTION_PERCENT, MENTION_COUNT } MentionKind;

typedef struct {
  MentionKind kind;
  gint64 value;         /* fen, hundredths of a percent, or a count */
  BpUnit unit;          /* money only */
  char *count_unit;     /* count only: 人, 辆 ... */
  gsize start, end;     /* byte span of number+unit in the paragraph */
  int line;             /* source line */
} FieldsMention;

void fields_mention_free (gpointer m);

/* What a mention is (mentionscan.c reads it by hand; the test compares). */
#define FIELDS_MENTION_PATTERN "(?<![0-9.,])(-?[0-9][0-9,]*(?:\\.[0-9]+)?)" \
                               "(亿元|万元|元|%|人(?!次)|名|个|辆)"
typedef struct {
  gsize start, num_end, end;   /* the match, its number [start, num_end) */
} FieldsMentionSpan;
/* The first match of FIELDS_MENTION_PATTERN in TEXT, LEN bytes long (what
 * lies before FROM is seen by the look-behind only), at or after FROM. */
gboolean fields_mention_find (const char *text, gsize len, gsize from,
                              FieldsMentionSpan *span);
/* All mentions of PARA between byte offsets FROM and TO, in order, into
 * OUT (emptied first; its free func fields_mention_free): one array for
 * all the sentences of a document (issue 18). */
void fields_mentions_scan_into (const BpDocument *doc, const FieldsPara *para,
                                gsize from, gsize to, GPtrArray *out);

/* ---- subjects and labels (labels.c) ------------------------------------- */

/* Normalized subject text: no spaces or quotes, no list markers, years,
 * dates, department name or filler words. */
char *fields_subject_clean (const BpDocument *doc, const char *clause);
/* fields_subject_clean of NORM, a fields_norm already (paragraph text). */
char *fields_subject_clean_norm (const BpDocument *doc, const char *norm);
/* TRUE when fields_subject_clean of the normalized NORM surely keeps a ,
 * or ; of it: told without cleaning it. */
gboolean fields_subject_keeps_comma (const BpDocument *doc, const char *norm);
/* TRUE when fields_subject_clean of the LEN normalized bytes at NORM surely
 * keeps more than N characters: told without cleaning it, by the
 * characters no step of it may remove, read from the end. */
gboolean fields_subject_surely_longer (const BpDocument *doc, const char *norm,
                                       gsize len, guint n);
/* Canonical field key whose label the cleaned subject ends with, or NULL.
 * PRIORITY receives the label's rank (lower is better). */
const char *fields_label_money_key (const char *subject, int *priority);
const char *fields_label_count_key (const char *subject, const char *unit,
                                    int *priority);
/* Second key the same label states ("收支总计" is both totals), or NULL. */
const char *fields_label_twin_key (const char *key, const char *subject);
/* TRUE when CLAUSE speaks of a budgeted (预算) figure rather than an actual
 * one; "一般公共预算" and similar fund names do not count. */
gboolean fields_clause_is_budget (const char *clause);
gboolean fields_clause_is_actual (const char *clause);
/* TRUE when CLAUSE names a year other than YEAR (dates excluded). */
gboolean fields_clause_other_year (const char *clause, int year);

/* SCHEMA.md canonical field keys in output order, NULL-terminated. */
extern const char *const fields_canonical_keys[];

/* ---- stages of extraction ----------------------------------------------- */

void fields_extract_meta (BpDocument *doc);

/* ---- places (places.c, data/places.tsv) ----------------------------------- */

typedef struct {
  char *province, *city, *district;   /* NULL when the name does not say */
} FieldsPlace;

/* The province, city and district a department's or title's NAME starts
 * with ("中共上海市普陀区委…" → 上海市, 上海市, 普陀区); TRUE when any. A
 * district named in two cities gives no city unless the name gives it. */
gboolean fields_place_of_name (const char *name, FieldsPlace *out);
void fields_place_clear (FieldsPlace *p);
/* The cities that have a district named DISTRICT (const strings). */
GPtrArray *fields_place_cities_of (const char *district);
void fields_extract_tables (BpDocument *doc);
void fields_extract_classification (BpDocument *doc);
/* Function rows of an expense table printed as function × economic cross
 * rows ("2010601-行政运行 50101-… 30101-基本工资 figures"): one row per
 * function code, its total the sum of the rows' 合计 figures, kept only when
 * those sums add up to the table's printed 合计 (crossrows.c). */
gboolean fields_read_cross_rows (BpDocument *doc, const char *type);
/* Function rows read from the lines "[序号] code name total …" of the first
 * table of TYPE (and the untyped pieces after it) when its cells lost code
 * and name; kept only when the 类 rows add up to the printed 合计. */
gboolean fields_read_code_lines (BpDocument *doc, const char *type);
/* The first table of TYPE and the source lines of its run (the untyped
 * pieces after it included); FALSE when the document has none. */
gboolean fields_table_run_lines (const BpDocument *doc, const char *type,
                                 const BpTable **table, int *from, int *to);
/* Function rows of cross rows whose figures plain text printed away from
 * their codes (crossqueue.c): only the codes whose totals every reading of
 * the pages agrees on; FALSE when none is. */
gboolean fields_read_queued_cross_rows (BpDocument *doc, const char *type);
/* Function rows by 类 from the 收支总表's 支出 side (summaryclasses.c),
 * when they add up to its 本年支出合计; FALSE otherwise. */
gboolean fields_read_summary_classes (BpDocument *doc);
/* The figures 合计 | part | part of T's total row R (NULL: the table has
 * none, its first 合计 line is looked for) read from the source lines around
 * its label, when exactly one such run adds up (totalrow.c); *LINE: the
 * label's line. */
gboolean fields_total_row_from_lines (const BpDocument *doc, const BpTable *t,
                                      const BpRow *r, int *line, bp_fen out[3]);
/* The figure a summary label (IS_LABEL on the compact line) is printed
 * with on T's source lines when plain text put them on lines of their own:
 * the first figure after it, past at most eight carry-over lines; a figure
 * before the other side's label counts for a LEFT (income) side label
 * only. *LINE: the label's line (summarylines.c). */
gboolean fields_summary_figure_from_lines (const BpDocument *doc, const BpTable *t,
                                           gboolean (*is_label) (const char *compact),
                                           gboolean left, int *line, bp_fen *out);
/* The 上年结转 a summary prints as its parts ("1.财政拨款结余、结转 /
 * 268.46 / 2.非财政拨款结余、结转 / 0.00"), each part's figure on the line
 * right after its label: their sum in *OUT; FALSE when the table has no
 * such part or one part's figure is not there. *LINE: the first part's. */
gboolean fields_summary_carry_from_lines (const BpDocument *doc, const BpTable *t,
                                          int *line, bp_fen *out);
/* The figures plain text printed on the lines of a two-sided summary's
 * right (expenditure) item labels, "2,434,777.733486 一、一般公共服务支出":
 * the left (income) cells of those rows. Their sum and number in *SUM and
 * *COUNT; the figure on the line of the item numbered 一 in *FIRST, its line
 * in *FIRST_LINE (0: none). FALSE when no line has one. */
gboolean fields_summary_left_figures (const BpDocument *doc, const BpTable *t,
                                      bp_fen *sum, guint *count, int *first_line,
                                      bp_fen *first);
/* The figure plain text printed on the line of a right-side label IS_LABEL
 * ("3,643.37 本年支出合计"): the cell left of that label on its baseline,
 * the income side's; the first such line of T. */
gboolean fields_summary_figure_before_label (const BpDocument *doc, const BpTable *t,
                                             gboolean (*is_label) (const char *compact),
                                             int *line, bp_fen *out);
/* Narrative claims; narrative values for fields not set from tables. */
void fields_extract_narrative (BpDocument *doc, const FieldsJoinedLines *joined);

/* ---- small shared helpers (util.c) ---------------------------------------- */

/* Normalized copy: full-width to ASCII, no whitespace. */
char *fields_norm (const char *s);
/* Same and without quotes and parentheses, for label matching. */
char *fields_norm_label (const char *s);
/* S starts (ends: its LEN bytes, NUL-terminated) with one of the
 * characters of the UTF-8 string CHARS: the cheap test an anchored
 * pattern's first (last) character allows, before the pattern's own
 * (issue 18). Ending with a newline counts as a yes, as $ matches before. */
gboolean fields_starts_with_char_in (const char *s, const char *chars);
gboolean fields_ends_with_char_in (const char *s, gsize len, const char *chars);
/* bp_regex (PATTERN); aborts on a bad pattern. */
GRegex *fields_regex (const char *pattern);
/* TRUE when the first match of PATTERN in S exists; captures group 1.. */
gboolean fields_match (const char *pattern, const char *s, GMatchInfo **info);

/* Tables: widest row or header; a column's header text over all header rows
 * (normalized); the first column from FROM whose label matches PATTERN. */
guint fields_table_width (const BpTable *t);
gboolean fields_lists_function_items (const BpTable *t);
char *fields_column_label (const BpTable *t, guint col);
int fields_find_column (const BpTable *t, const char *pattern, int from);
/* fields_find_column remembers the last table's column labels on this
 * thread: forgotten when the document's tables may go or change. */
void fields_column_labels_forget (void);
const char *fields_cell (const BpRow *r, int col);      /* "" when absent */
gboolean fields_cell_amount (const BpTable *t, const BpRow *r, int col,
                             bp_fen *out);
/* The last source line T's own rows may stand on: the tables stage may end
 * a table before its closing rows (plain text prints a 合计 row's label
 * and last figures after them; a table of one item a line may be given its
 * first rows only). Up to the next table's title, 12 lines past T at most. */
int fields_table_tail (const BpDocument *doc, const BpTable *t);
/* A 合计 row: one of its first cells says 合计/总计. */
gboolean fields_row_is_total (const BpRow *r);

G_END_DECLS

#endif
