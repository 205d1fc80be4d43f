/* budgetpipe: the document model every stage reads and enriches.
 * Part of the public plugin API. Every object carries the 1-based line of the
 * original input it came from (SCHEMA.md "Provenance"). */
#ifndef BUDGETPIPE_DOCUMENT_H
#define BUDGETPIPE_DOCUMENT_H

#include <glib.h>
#include <budgetpipe/amount.h>

G_BEGIN_DECLS

#define BP_SCHEMA_ID "budgetpipe.document/1"

/* ---- lines ------------------------------------------------------------ */

/* Flags a stage may set on a cleaned line; the tables stage reads them.
 * Eight at most: BpLine.flags is 8 bits. */
typedef enum {
  BP_LINE_HEADING    = 1 << 0, /* 第一部分, 一、, （一）, 表1. ... */
  BP_LINE_TABLE_ROW  = 1 << 1, /* tab-separated or column-aligned row */
  BP_LINE_LIST_ITEM  = 1 << 2,
  BP_LINE_PAGE_START = 1 << 3, /* first line after a page break */
  BP_LINE_TOC        = 1 << 4, /* inside the table of contents */
  BP_LINE_BLANK_BEFORE = 1 << 5 /* one or more blank lines preceded it */
} BpLineFlags;

/* The longest span a line may have: end_line - line fits 24 bits. No
 * stage makes a longer one (the cleanup stage stops joining there). */
#define BP_LINE_MAX_SPAN 0xFFFFFF

/* 16 bytes: a document of many short lines holds one per line (issue 18).
 * Its page is the document's: bp_document_line_page (). */
typedef struct {
  char *text;            /* UTF-8, cleaned */
  int line;              /* first source line (1-based) */
  guint end_span : 24;   /* last source line it was joined from, less
                          * LINE (0 if one): bp_line_end_line () */
  guint flags : 8;       /* BpLineFlags */
} BpLine;

/* 16 bytes on a 64-bit system: no padding, nothing more per line */
G_STATIC_ASSERT (sizeof (BpLine) == sizeof (char *) + 8);
G_STATIC_ASSERT (BP_LINE_BLANK_BEFORE < 1 << 8);

/* The last source line L was joined from (L->line if one). */
static inline int
bp_line_end_line (const BpLine *l)
{
  return l->line + (int) l->end_span;
}

/* Sets L's last source line (L->line when END_LINE is before it). FALSE,
 * and L unchanged, when the span would pass BP_LINE_MAX_SPAN. */
static inline gboolean
bp_line_set_end_line (BpLine *l, int end_line)
{
  if (end_line < l->line)
    end_line = l->line;
  if ((gint64) end_line - l->line > BP_LINE_MAX_SPAN)
    return FALSE;
  l->end_span = (guint) (end_line - l->line);
  return TRUE;
}

/* ---- tables ----------------------------------------------------------- */

typedef struct {
  int line;         /* source line of the row (its first line if joined) */
  GPtrArray *cells; /* char* cell texts after cleanup; "" for an empty cell */
} BpRow;

typedef struct {
  char *id;         /* "t1", "t2" ... in document order */
  char *type;       /* SCHEMA.md table type: "expense_summary", "other" ... */
  char *number;     /* the document's own label: "表3", "公开03表"; or NULL */
  char *title;
  int line, end_line;
  BpUnit unit;      /* BP_UNIT_UNKNOWN when the table does not say */
  GPtrArray *header; /* of GPtrArray* of char*: header rows, top first */
  GPtrArray *rows;   /* of BpRow* */
  gboolean empty;
  char *note;        /* "说明：本部门没有…" or a footnote; may be NULL */
  GPtrArray *notes;  /* of BpLine*: every note/footnote line under the table */
} BpTable;

/* ---- fields ----------------------------------------------------------- */

typedef enum {
  BP_FIELD_MONEY = 0, /* value in fen */
  BP_FIELD_COUNT      /* people, vehicles */
} BpFieldKind;

typedef struct {
  char *key;        /* SCHEMA.md canonical key: "expense.total" */
  BpFieldKind kind;
  gint64 value;     /* fen for money, plain integer for counts */
  int line;
  char *table;      /* table id the value came from, or NULL (narrative) */
  char *source;     /* "table" | "narrative" */
} BpField;

/* ---- classification --------------------------------------------------- */

typedef enum { BP_CLASS_FUNCTION = 0, BP_CLASS_ECONOMIC } BpClassKind;

/* Columns: function rows use total/basic/project, economic rows use
 * total/personnel/public (SCHEMA.md names, see bp_class_column_name). */
#define BP_CLASS_NCOLS 3
typedef struct {
  BpClassKind kind;
  char *code;
  char *name;
  bp_fen amount[BP_CLASS_NCOLS];
  gboolean has[BP_CLASS_NCOLS];   /* FALSE: the cell was empty, omit it */
  int line;
  char *table;
} BpClassRow;

const char *bp_class_column_name (BpClassKind kind, int col);

/* ---- narrative claims ------------------------------------------------- */

typedef enum {
  BP_CLAIM_AMOUNT = 0, /* "一般公共预算支出 1538.62 万元" */
  BP_CLAIM_SHARE,      /* "占 91.55%" */
  BP_CLAIM_CHANGE      /* "比2023年增加111.77万元" / "增长7.83%" */
} BpClaimKind;

typedef struct {
  BpClaimKind kind;
  char *subject;    /* "一般公共预算支出", "三公经费", "项目名 X" */
  bp_fen amount;    /* AMOUNT: the value; CHANGE: the change amount (signed) */
  gboolean has_amount;
  bp_pct100 percent; /* SHARE: the share; CHANGE: the rate (signed) */
  gboolean has_percent;
  BpUnit unit;      /* unit printed next to the amount */
  int direction;    /* CHANGE: +1 增加/增长, -1 减少/下降, 0 持平 */
  char *base;       /* what a share/change refers to: "2023年", "支出合计" */
  int base_year;    /* year of the base, 0 if not stated */
  char *text;       /* the sentence fragment the claim was read from */
  int line;
} BpClaim;

/* ---- findings --------------------------------------------------------- */

typedef enum {
  BP_SEVERITY_INFO = 0,
  BP_SEVERITY_WARNING,
  BP_SEVERITY_ERROR
} BpSeverity;

typedef struct {
  char *rule;       /* stable id: "sum.children" */
  char *category;   /* arithmetic|cross_table|narrative|classification|
                       completeness|metadata|text */
  BpSeverity severity;
  int line;
  char *table;      /* table id or NULL */
  char *message;
  char *expected;   /* may be NULL */
  char *actual;     /* may be NULL */
} BpFinding;

const char *bp_severity_name (BpSeverity s);
gboolean bp_severity_from_name (const char *name, BpSeverity *out);

/* ---- table of contents ------------------------------------------------ */

typedef struct {
  char *text;       /* "二、收入总表" */
  char *type;       /* table type the entry names, or NULL for a section */
  int line;
} BpTocEntry;

/* ---- the document ----------------------------------------------------- */

typedef struct BpSourceLines BpSourceLines; /* private to core/document.c */
typedef struct BpLineStore BpLineStore;     /* private to core/document.c */

typedef struct {
  /* source */
  char *path;
  char *stem;           /* file name without directory and extension */
  GBytes *bytes;        /* the input exactly as read; NULL once
                         * bp_document_drop_text () let it go: read its
                         * size and bytes with bp_document_input_size ()
                         * and bp_document_input_bytes () */
  char *sha256;
  char *encoding;       /* "UTF-8", "GB18030", "UTF-16LE" ... once decoded */
  char *text;           /* decoded UTF-8 text (NULL until decoded, and
                         * again once the cleanup stage read its source
                         * lines: bp_document_drop_text ()) */
  /* The decoded text split at line ends, stored once (one buffer, no
   * object per line: a file of bare newlines stays small). Read it with
   * bp_document_source_line (), _next () and bp_document_n_source_lines (). */
  BpSourceLines *source_lines;

  /* pipeline */
  char *pipeline_name;
  GPtrArray *stages;    /* char*: stage names that ran */

  /* doc metadata (NULL / 0 when unknown) */
  char *kind;           /* "budget" | "final_accounts" */
  int year;
  char *city, *district, *department;
  BpUnit unit;
  char *profile;        /* district profile applied, "national" if none */

  GPtrArray *toc;       /* BpTocEntry* */
  GPtrArray *tables;    /* BpTable* */
  GPtrArray *fields;    /* BpField* in insertion order; see bp_document_set_field */
  GPtrArray *classification; /* BpClassRow* */
  GPtrArray *claims;    /* BpClaim* */
  GPtrArray *findings;  /* BpFinding* */

  /* Free-form facts one stage leaves for a later one (string → string),
   * e.g. a district profile's settings. Serialized in dumps. */
  GHashTable *meta;

  /* The input's place in the batch (0 first): batch sinks write their
   * records in this order, so -j N gives the files -j 1 gives. */
  guint batch_index;

  /* The cleaned logical lines, in source order: read them with
   * bp_document_n_lines () and bp_document_line (), make them with
   * bp_document_add_line (). The rest is private to core/document.c:
   * where they live (blocks of BP_LINE_BLOCK lines and blocks of text, no
   * allocation and no pointer per line), how many there are, and whether
   * the load's lines are still to be made from the source lines. */
  BpLineStore *line_store;
  BpLine **line_blocks;
  guint n_lines;
  gboolean lines_pending;
} BpDocument;

/* Lines per block of the line store: a power of two, so that line I is
 * found with a shift and a mask. Blocks never move: a BpLine* of the
 * document stays valid until its lines are cleared. */
#define BP_LINE_BLOCK_SHIFT 10
#define BP_LINE_BLOCK (1u << BP_LINE_BLOCK_SHIFT)

/* Makes the lines the load left pending (the source lines, seeded); called
 * by the readers below, not by stages. A reader may thus write to the
 * document: one thread reads a document at a time (the runner's way). */
void bp_document_make_pending_lines (BpDocument *doc);

/* How many lines the document has. */
static inline guint
bp_document_n_lines (const BpDocument *doc)
{
  if (G_UNLIKELY (doc->lines_pending))
    bp_document_make_pending_lines ((BpDocument *) doc);
  return doc->n_lines;
}

/* Line I (0-based, below bp_document_n_lines ()): constant time. */
static inline BpLine *
bp_document_line (const BpDocument *doc, guint i)
{
  if (G_UNLIKELY (doc->lines_pending))
    bp_document_make_pending_lines ((BpDocument *) doc);
  return &doc->line_blocks[i >> BP_LINE_BLOCK_SHIFT][i & (BP_LINE_BLOCK - 1)];
}

BpDocument *bp_document_new (void);
void bp_document_free (BpDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpDocument, bp_document_free)

/* Reads PATH into a new document: bytes, sha256, stem. If the bytes are valid
 * UTF-8 (BOM stripped) sets text, encoding and source_lines, and seeds
 * the lines (bp_document_seed_lines) so later stages always have lines; a
 * cleanup stage replaces them. Otherwise text stays NULL for the cleanup
 * stage to decode. */
BpDocument *bp_document_load (const char *path, GError **error);
/* A stem that names outputs safely: one path component, never "." or "..",
 * not hidden (a leading '.' becomes '_'), no '/', '\\' or control
 * character (each becomes '_'); "document" for an empty one. Every output
 * (OUT/<stem>.json, report pages, --dump-dir) stays inside its directory. */
char *bp_document_safe_stem (const char *stem);
/* The stem of PATH: its base name without the last extension, made safe. */
char *bp_document_stem_of (const char *path);
/* Same from memory (tests). NAME is used as path. */
BpDocument *bp_document_new_from_bytes (const char *name, const void *data,
                                        gsize len);

/* Sets text (takes ownership) and rebuilds source_lines (split at \n, \r\n, \r). */
void bp_document_set_text (BpDocument *doc, char *text, const char *encoding);
/* Lets doc->text go once the source lines hold it (the cleanup stage,
 * after decoding): a document then keeps its input once, not also as
 * text (issue 18). When doc->bytes are a view of the text they go too,
 * unless the source lines cannot give them back (a line ending with a
 * lone \r): bp_document_input_bytes () makes them again. */
void bp_document_drop_text (BpDocument *doc);
/* The input's size and (a reference, or a new copy) its bytes, also after
 * bp_document_drop_text (); 0 and NULL when there are none. */
gsize bp_document_input_size (const BpDocument *doc);
GBytes *bp_document_input_bytes (const BpDocument *doc);
/* The decoded text has a form feed (pdftotext's page break). */
gboolean bp_document_has_form_feeds (const BpDocument *doc);
/* Source line N (1-based) or NULL. Lines after a stride's first are
 * found by walking from it (a few lines): to read lines in order, use
 * bp_document_source_line_next (). */
const char *bp_document_source_line (const BpDocument *doc, int line);
/* The source line after LINE_TEXT (a line this API returned), or NULL after
 * the last: constant time per line. */
const char *bp_document_source_line_next (const BpDocument *doc,
                                          const char *line_text);
/* How many source lines the decoded text has (0 before decoding). */
guint bp_document_n_source_lines (const BpDocument *doc);
/* The source line of a joined line L that holds the NTH (0-based) occurrence
 * of TOKEN, comparing without spaces and with full-width forms as ASCII (so
 * "372.34" is found in "为 372.34 万元"). L->line when L is one source line
 * or the token is not found: provenance points at the figure, not at the
 * paragraph's first line. */
int bp_document_source_line_of (const BpDocument *doc, const BpLine *l,
                                 const char *token, guint nth);
/* The same for the TOKEN found at byte OFFSET of TEXT, a stage's own copy
 * of L's text (normalized as it likes; spaces and full-width forms do not
 * matter): the occurrences of TOKEN before OFFSET say which one it is. */
int bp_document_source_line_at (const BpDocument *doc, const BpLine *l,
                                 const char *text, gsize offset, const char *token);

/* The page (1-based) source LINE is on, as the lines' stage said (a form
 * feed starts a page: pdftotext's and the pdf stage's); 0 when unknown,
 * and for a text that never breaks a page. For the "page" every table,
 * row, field and finding carries in the output. */
int bp_document_page_at_line (const BpDocument *doc, int line);
/* Whether bp_document_page_at_line () may answer a page at all (more
 * than one page, or pdf.pages in the meta) ... */
gboolean bp_document_pages_known (const BpDocument *doc);
/* ... and bp_document_page_at_line () with that answer, KNOWN, asked once
 * for many lines while neither the pages nor the meta change (the
 * meta look-up per line was most of the page's cost). */
int bp_document_page_at_line_known (const BpDocument *doc, int line, gboolean known);
/* The page L is on as the stage that made the document's lines said (0:
 * unknown), without the rule above for a text of one page: L is a line of
 * the document, or a stage's copy of one (same L->line). */
int bp_document_line_page (const BpDocument *doc, const BpLine *l);
/* Lines from source LINE on are on PAGE, until a later call says
 * otherwise: a stage that makes the document's lines says where their
 * pages start, in source order (a LINE before the last call's is
 * ignored). Cleared with the lines. */
void bp_document_set_page_from (BpDocument *doc, int line, int page);

/* Lines of a stage's own (the document's are made by
 * bp_document_add_line). END_LINE is at most BP_LINE_MAX_SPAN past LINE. */
BpLine *bp_line_new (const char *text, int line, int end_line);
/* The same, taking TEXT (g_malloc'ed) instead of copying it. */
BpLine *bp_line_new_take (char *text, int line, int end_line);
void bp_line_free (BpLine *l);
/* Empties the document's lines (and their pages) and frees its line
 * store: BpLine pointers into it are no longer valid. */
void bp_document_clear_lines (BpDocument *doc);
/* Appends a line to the document's lines, in its line store: no
 * allocation of its own, so a file of many short lines stays small.
 * TEXT (LEN bytes, no NUL among them) is copied into the store, or, when
 * it ends a line of bp_document_source_line's text (a source line or its
 * tail), referenced there. END_LINE is at most BP_LINE_MAX_SPAN past LINE
 * (else NULL). Set its flags; do not free it or its text. */
BpLine *bp_document_add_line (BpDocument *doc, const char *text, gsize len,
                              int line, int end_line);
/* Rebuild the lines as one line per non-blank source line (no cleanup),
 * on pages when the text has form feeds; a blank line (empty or spaces
 * only, no form feed) is BP_LINE_BLANK_BEFORE on the next line, as in
 * cleaned lines. They are made when first read (bp_document_n_lines,
 * bp_document_line, ...): a stage that clears the lines first (cleanup)
 * never has them made, and their memory with the input's two copies. */
void bp_document_seed_lines (BpDocument *doc);

/* Tables: NEW assigns the next id "tN". */
BpTable *bp_document_add_table (BpDocument *doc, const char *type,
                                const char *title, int line);
BpTable *bp_document_find_table (const BpDocument *doc, const char *type);
BpTable *bp_document_find_table_by_id (const BpDocument *doc, const char *id);
/* The first table whose lines (title to last row) include source LINE. */
BpTable *bp_document_table_at_line (const BpDocument *doc, int line);
BpRow *bp_table_add_row (BpTable *t, int line);
/* A new row of T whose cells are CELLS (char*, none NULL; taken: the row
 * frees them): for a row whose cells are made at once, without a second
 * copy of each. */
BpRow *bp_table_add_row_take (BpTable *t, int line, GPtrArray *cells);
void bp_row_add_cell (BpRow *r, const char *text);
const char *bp_row_cell (const BpRow *r, guint col); /* NULL if out of range */
void bp_table_add_header_row (BpTable *t, GPtrArray *cells /* owned, char* */);
/* Index of the first column whose header (any header row, spaces ignored)
 * contains NEEDLE, or -1. */
int bp_table_find_column (const BpTable *t, const char *needle);
/* Parses cell COL of ROW as money in the table's unit (元 when unknown). */
BpAmountStatus bp_table_cell_amount (const BpTable *t, const BpRow *r,
                                     guint col, bp_fen *out);
/* Label of column COL for output: its header cells top to bottom, spaces
 * removed, non-empty parts joined with "/". An empty cell in an upper header
 * row belongs to the merged cell on its left ("收入/预算数"). NULL when no
 * header row names the column. */
char *bp_table_column_label (const BpTable *t, guint col);
/* TRUE when column COL holds classification codes (headed 类, 款 or 项, or
 * …编码/…代码): its cells parse as figures but are labels, not money. */
gboolean bp_table_column_is_code (const BpTable *t, guint col);
/* The row's classification code (its first cell, when it is one) or NULL. */
const char *bp_row_code (const BpRow *r);
/* Index of the row's label: the first non-empty cell that is neither its
 * code nor a figure; -1 if none. */
int bp_row_label_column (const BpRow *r);
/* Index of the label that names the cell in column COL: the nearest cell on
 * its left that is non-empty and neither the code nor a figure (a two-sided
 * 收支总表 row carries a 收入 label and a 支出 label); -1 if none. */
int bp_row_label_for (const BpRow *r, guint col);
/* bp_row_label_for of every column 0..len of R in one pass (len + 1
 * entries), for loops over a row's cells: calling bp_row_label_for per cell
 * rescans the row each time. Free with g_free. */
int *bp_row_labels (const BpRow *r);

/* Fields: set replaces an existing field of the same key. */
BpField *bp_document_set_field (BpDocument *doc, const char *key,
                                BpFieldKind kind, gint64 value, int line,
                                const char *table_id);
BpField *bp_document_get_field (const BpDocument *doc, const char *key);

BpClassRow *bp_document_add_class_row (BpDocument *doc, BpClassKind kind,
                                       const char *code, const char *name,
                                       int line, const char *table_id);

BpClaim *bp_document_add_claim (BpDocument *doc, BpClaimKind kind,
                                const char *subject, int line);

/* Adds a finding; the message is printf-formatted. */
BpFinding *bp_document_add_finding (BpDocument *doc, const char *rule,
                                    const char *category, BpSeverity sev,
                                    int line, const char *table_id,
                                    const char *fmt, ...) G_GNUC_PRINTF (7, 8);
void bp_finding_set_values (BpFinding *f, const char *expected,
                            const char *actual);
/* Number of findings at or above SEV. */
guint bp_document_count_findings (const BpDocument *doc, BpSeverity sev);

BpTocEntry *bp_document_add_toc (BpDocument *doc, const char *text,
                                 const char *type, int line);

void bp_document_set_meta (BpDocument *doc, const char *key, const char *value);
const char *bp_document_get_meta (const BpDocument *doc, const char *key);

/* JSON (json-glib): the SCHEMA.md document. FULL adds the internal state
 * (lines, toc, claims, meta, source text) so a dump reads back losslessly. */
char *bp_document_to_json (const BpDocument *doc, gboolean full, gsize *len);
/* The same JSON written to PATH atomically (bp_output_file_open), streamed:
 * never held whole in memory. LEN, if set, gets the bytes written. */
gboolean bp_document_write_json (const BpDocument *doc, gboolean full,
                                 const char *path, gsize *len, GError **error);
BpDocument *bp_document_from_json (const char *json, gssize len, GError **error);

G_END_DECLS

#endif
