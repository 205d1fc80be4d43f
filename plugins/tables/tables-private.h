/* tables stage: internal declarations shared by the plugin's source files. */
#ifndef BP_TABLES_PRIVATE_H
#define BP_TABLES_PRIVATE_H

#include <budgetpipe/budgetpipe.h>

G_BEGIN_DECLS

/* ---- titles (detect.c) ------------------------------------------------ */

typedef struct {
  const char *type;  /* SCHEMA.md type (static), NULL when not a known title */
  char *number;      /* "表3", "公开03表", or NULL */
  char *title;       /* the title text without the number label */
  gboolean listed;   /* list marker or dot leaders: looks like a TOC entry */
  gboolean has_year; /* names a year ("2024年") */
  gboolean paged;    /* ends in a page number or dot leaders: a contents line */
  gboolean continued; /* "(续)", "续表": the previous table goes on */
} TitleInfo;

void title_info_clear (TitleInfo *ti);
/* Does TEXT read as a table title? Fills TI (clear it after). */
gboolean title_parse (const char *text, TitleInfo *ti);
/* title_parse (TEXT, TI), remembered for TEXT while the line cache is
 * open (tokens.c). */
gboolean title_parse_shared (const char *text, TitleInfo *ti);
/* Table type named by TEXT (spaces removed), or NULL. */
const char *title_type_of (const char *compact);
/* TEXT is only a number label ("公开 01 表", "预算08表"): returns it
 * without spaces, else NULL. */
char *title_label_only (const char *text);
/* Unit stated in TEXT ("单位：元", "金额单位：万元"), else BP_UNIT_UNKNOWN. */
BpUnit title_unit_of (const char *text);
/* A heading that always closes a table (第二部分, （三）…, 名词解释). */
gboolean title_is_section_heading (const char *text);
gboolean title_is_subsection (const char *text);

/* ---- tokens (tokens.c) ------------------------------------------------ */

/* PATTERN compiled once into *SLOT; freed when the module unloads. */
GRegex *regex_cached (GRegex **slot, const char *pattern);
gboolean regex_matches (GRegex **slot, const char *pattern, const char *text);

/* Whitespace tokens with glued cells split ("1132.98一、…" → two). */
GPtrArray *tokens_split (const char *text);
gboolean token_is_number (const char *tok);
void tokens_join_codes (GPtrArray *toks);
gboolean token_is_code (const char *tok);
/* "01": the 款 or 项 digits of a code printed apart from its 类. */
gboolean token_is_two_digits (const char *tok);
/* Joins name parts broken by PDF extraction: no space between CJK. */
void name_append (GString *name, const char *part);
/* Value of an amount token in hundredths of its printed unit. */
gboolean token_amount (const char *tok, gint64 *out);
gboolean text_is_blank (const char *text);
/* Copy of TEXT with spaces removed and full-width forms made ASCII. */
char *text_compact (const char *text);
/* While the stage reads a document (begin … end, in one thread): the
 * compact text and the tokens of the texts (DOC's lines) read last, kept. */
void line_cache_begin (const BpDocument *doc);
void line_cache_end (void);
/* An empty array of ELEMENT_SIZE elements kept by the open line cache
 * (NULL when none is open), for a reader that uses it and lets it go
 * before it returns: one reader at a time, no allocation per call. */
GArray *line_cache_scratch (guint element_size);
/* Frees what compact_of answered before that the cache no longer holds:
 * call where no caller holds an answer of compact_of. */
void line_cache_release (void);
/* text_compact (TEXT): the line cache's (valid until line_cache_release
 * or _end), or, when none is open, a new string also stored in *OWNED
 * (free it).
 * Do not modify it. */
const char *compact_of (const char *text, char **owned);
/* tokens_split (TEXT) as a new reference, the line cache's array when
 * one is open. Do not modify it. */
GPtrArray *tokens_shared (const char *text);
/* TEXT from where text_compact (TEXT) starts, when its first character
 * is sure to be that one kept as it is (a printable ASCII character or
 * an ideograph after ASCII spaces); else NULL. A test of the compact
 * text's first character may then be asked of it without compacting. */
const char *compact_head (const char *text);
/* The first character of text_compact (TEXT) when compact_head settles
 * it, else 0. */
gunichar compact_head_char (const char *text);
/* TRUE when text_compact (TEXT) is sure not to be 1 to MAX ASCII digits,
 * told from its first bytes read from TEXT; FALSE when unsure. */
gboolean compact_not_short_digits (const char *text, gsize max);

/* ---- table bodies (body.c) -------------------------------------------- */

typedef enum {
  SHAPE_TEXT = 0,   /* forms and lists: rows of whitespace/tab tokens */
  SHAPE_CLASS,      /* code | name | amounts */
  SHAPE_TWO_SIDED,  /* income items left, expense items right */
  SHAPE_GROUPS,     /* side-by-side code|name|amount groups (决算 06) */
  SHAPE_VALUES      /* one row of figures (三公) */
} TableShape;

/* The lines of one table: [first, end) indexes into the document's lines. */
typedef struct {
  BpDocument *doc;
  BpTable *table;
  TableShape shape;
  guint first;       /* first line after the title block */
  guint end;         /* one past the last line of the table */
  gboolean tabbed;   /* cells are tab-separated */
  GPtrArray *header_lines; /* BpLine* */
  GPtrArray *body_lines;   /* BpLine* */
  GPtrArray *note_lines;   /* BpLine* */
  GPtrArray *repeat_lines; /* BpLine*: the header printed again over later pages */
  GPtrArray *header_compact; /* char*: text_compact of header_lines, during table_body_fill */
  gboolean has_row_numbers; /* 行次 column (决算 summary tables) */
  guint rows_before;       /* body lines printed above the title (first in BODY_LINES) */
} TableBody;

TableShape body_shape_for (const char *type, const char *header_text);
/* Whether body_shape_for's answer for TYPE depends on the header text. */
gboolean body_shape_needs_header (const char *type);
gboolean body_line_is_note (const char *text);
gboolean line_is_separated_figure (const char *text);
gboolean body_line_starts_data (const char *text, TableShape shape);
gboolean body_line_is_prose (const char *text);
gboolean body_line_is_info (const char *text);
void table_body_fill (TableBody *tb);
/* A class table's first page printed above its title (the PDF text put
 * the title after the page's rows): the coded rows right above line START
 * (an index into the document's lines, LO the lowest to look at), under a header
 * with a line of this table's header (OWN_HEADER) that the table above
 * (from LO) does not have. *BLOCK: where that page's header starts; *DATA:
 * its first row. */
gboolean body_rows_before_title (BpDocument *doc, guint lo, guint start,
                                 const char *own_header, guint *block, guint *data);
/* Lines [FROM, TO) of the document's lines (those rows) go before the body's. */
void table_body_prepend_rows (TableBody *tb, guint from, guint to);
void table_body_clear (TableBody *tb);

/* ---- rows (rows.c, columns.c, twosided.c, groups.c) ------------------- */

void rows_build_tabbed (TableBody *tb);
void rows_build_text (TableBody *tb);
void rows_build_class (TableBody *tb);
void rows_build_two_sided (TableBody *tb);
void rows_build_groups (TableBody *tb);
void rows_build_values (TableBody *tb);

/* Column list of a space-separated amount table: names of the amount
 * columns, from the header text or the type's standard form. */
GPtrArray *columns_for (const char *type, const char *header_text);

/* Placement of K figures into N amount columns, using the identities
 * (col[i] = sum of cols). */
typedef struct {
  int total;          /* column index of the total, -1 if none */
  GArray *parts;      /* int: columns summing to the total */
} ColumnIdentity;

GPtrArray *placements_for (const gint64 *values, guint k, guint n,
                           const GPtrArray *identities /* ColumnIdentity* */);
GPtrArray *identities_for (const GPtrArray *columns);
/* Some placement of the K VALUES into N columns satisfies the identities
 * (K may equal N); FALSE when there are no identities. */
gboolean placement_fits (const gint64 *values, guint k, guint n,
                         const GPtrArray *identities);

/* ---- positions on a space-aligned page (positions.c) ------------------ */

typedef struct {
  int start, end;   /* characters from the source line's start */
  char *text;       /* the cell's pieces top to bottom, spaces removed */
  gboolean floating; /* wholly above both neighbours: a heading unless
                        figures stand under it */
} HeadCell;

/* The header's cells by position, left to right (HeadCell*), or NULL when
 * the header lines carry no positions (plain text, joined lines). */
GPtrArray *layout_header_cells (const BpDocument *doc, GPtrArray *header_lines);
/* Spans of TOKS in L's source line (int[2] each, {-1,-1} when not found),
 * or NULL when the line has no positions or a figure is not found. */
GArray *layout_token_spans (const BpDocument *doc, const BpLine *l, GPtrArray *toks);
/* Index of the cell a figure spanning [START, END) stands under, or -1. */
int layout_cell_of (GPtrArray *cells, int start, int end);
/* A word of a source line and the characters [START, END) it spans. */
typedef struct { int start, end; char *text; } LayoutWord;
/* The words of L's source line (LayoutWord, cents glued to the next figure
 * split off), or NULL when L has no positions (joined from several lines,
 * or tab-separated). */
GArray *layout_line_words (const BpDocument *doc, const BpLine *l);
/* Amount column names for header cells (总计 read as 合计 when the header
 * names no 合计; known names taken from the cell's words; 小计 under a
 * 基本支出 heading is 基本支出). */
GPtrArray *columns_for_cells (GPtrArray *cells, guint first, const char *header_text);

/* Rows of a class table printed as streams (streams.c): one line per row
 * ("CODE NAME FIG…", "合计 FIG…"; BpLine*, owned) read side by side from
 * the body's runs of codes, names and figures, when the code hierarchy
 * confirms them; *COLS: the columns the figures fill; *UNCODE (or NULL):
 * codes that only kept rows' places (names the catalogue lacks, and their
 * siblings), to be left off the rows once their figures are placed. NULL
 * otherwise. */
GPtrArray *class_rows_from_streams (TableBody *tb, const char *header_text,
                                    GPtrArray **cols, GPtrArray **uncode,
                                    GHashTable **placed);
/* A reading of the code digits of a table printing them in 类 | 款 | 项
 * columns of their own (digitcodes.c): the codes in table order, and how
 * far its tokens stand from where row order would print them. */
typedef struct {
  GPtrArray *codes;   /* char* */
  guint cost;
} DigitReading;
void digit_reading_free (gpointer reading);
/* The distinct readings (DigitReading*, cheapest first, at most
 * DIGIT_CODES_MAX) that the 类 tokens CLASSES and the 款/项 tokens PARTS
 * (in printed order; AFTER_CLASS: the part came right after a 类 token,
 * so it is its row's 款 digits) can be read as; empty when none or too
 * many. */
#define DIGIT_CODES_MAX 16
GPtrArray *codes_from_digit_columns (GPtrArray *classes, GPtrArray *parts,
                                     const gboolean *after_class);
/* The amount columns named in a plain-text table's header and body WORDS
 * (each once; 合计 first, then its main parts). */
GPtrArray *stream_columns (const char *type, const char *words);
/* Rows of a function-classification table whose codes plain text printed
 * in runs apart from their rows' names and figures (coderuns.c): lines
 * "CODE NAME FIG…" / "合计 FIG…" (BpLine*, owned), when the codes pair
 * with the uncoded rows in order and the levels add up; *COLS: the
 * columns. NULL otherwise. */
GPtrArray *class_rows_from_code_runs (TableBody *tb, const char *header_text,
                                      GPtrArray **cols);
/* The streams of a plain-text class table (streams.c), for reading it
 * by unit: codes, figures and names, each with its source line. */
typedef struct {
  GPtrArray *codes;        /* char* */
  GArray *code_lines;      /* int */
  GPtrArray *figs;         /* char*: as printed */
  GArray *fig_lines;       /* int */
  GPtrArray *names;        /* char*: one per line of words */
  GArray *name_lines;      /* int */
  const gboolean *header_like; /* by name: header words, no row's name */
  GHashTable *line_pages;  /* source line -> page */
} UnitStreams;
/* Rows of a class table listed by unit whose codes start over in each
 * unit (streamunits.c): lines "CODE NAME FIG…" and, for the department's
 * and each unit's row, "FIG…" (BpLine*, owned), when every unit's total
 * and code hierarchy confirm them; NULL otherwise. */
GPtrArray *stream_rows_by_units (const UnitStreams *s);
/* Where a class table's 合计 row stands among its code rows. */
typedef enum { STREAM_TOTAL_NONE, STREAM_TOTAL_FIRST, STREAM_TOTAL_LAST } StreamTotal;
/* The figures of each row (GArray of guint indices into VALS, output
 * order, 合计 included) of a table whose NC CODES and NF figures were
 * printed as separate streams with empty cells left out, when the column
 * IDS and the code hierarchy confirm one mapping (streamfit.c), allowing
 * SLACK sums that fail (a defect of the document); NULL otherwise. */
GPtrArray *stream_rows_fit (const gint64 *vals, guint nf, char **codes, guint nc,
                            guint ncols, const GPtrArray *ids, StreamTotal total,
                            guint slack);
/* The same for pages that printed their figures in block order
 * (streamsolve.c): the figures of each row (合计's first when WITH_TOTAL),
 * in column order, when one assignment of every figure of each page
 * (FIG_PAGES, CODE_PAGES) to its rows' cells satisfies the column IDS
 * and the code hierarchy; NULL otherwise. HINT (or NULL): by code, the
 * total another table prints for it (0: none), tried first. *PLACED: by
 * row, the column of each of its figures (GArray of int). *BUDGET: the
 * vectors the search may try; those it tried are taken from it.
 * TOTAL_MAY_CLOSE: 合计 may stand on the last page, under the rows (else
 * on the first). */
/* Vectors tried for one table (both readings, with and without 合计)
 * before giving up: the tables the sums read take a few tens of
 * thousands; one that no assignment fits would search on for seconds. */
#define STREAM_SOLVE_BUDGET 70000
GPtrArray *stream_rows_solve (const gint64 *vals, const int *fig_pages, guint nf,
                              char **codes, const int *code_pages, guint nc,
                              guint ncols, const GPtrArray *ids, gboolean with_total,
                              gboolean total_may_close, const gint64 *hint, guint *budget,
                              GPtrArray **placed);
/* The K values (POS->len of them) placed at POS in N columns satisfy every
 * identity (and there is at least one). */
gboolean placement_holds (const gint64 *values, const GArray *pos, guint n,
                          const GPtrArray *identities);
void identity_free (gpointer p);

/* A name read in a stream of names and the code it takes. */
typedef struct {
  char *code;          /* the catalogue's, or a provisional one (owned) */
  const char *name;    /* as read (borrowed from the stream) */
  guint index;         /* the name's place in the stream */
  gboolean provisional;/* a name the catalogue does not know: a code that
                          keeps its place among its siblings only */
} NamedCode;
/* The codes of a function table whose names plain text printed in a run
 * of their own, without codes (Hangzhou's 功能分类科目名称): each name's
 * catalogue code read in the names' order (namecodes.c), then sorted, a
 * name the catalogue lacks moving with the known name before it (one
 * whose HEADER_LIKE is set is left out instead). SAME_AGAIN: a name
 * read again right after itself is a name the catalogue lacks (the 项
 * of a 款 of the same name). Empty when fewer than two, a code twice,
 * or a code without its parent. */
GArray *codes_from_name_stream (GPtrArray *names, const gboolean *header_like,
                                gboolean same_again);
/* For a table printing its codes' digits in 类 | 款 | 项 columns of their
 * own: TRUE when CODES (codes_from_name_stream's) use the 类 tokens
 * CLASSES ("?" a damaged one) and the 款/项 tokens PARTS exactly, each
 * provisional code taking the last digits the tokens left give it in
 * one way only (then no longer provisional). */
gboolean named_codes_use_digits (GArray *codes, GPtrArray *classes, GPtrArray *parts,
                                 GPtrArray *part_classes);
/* TRUE for the table types function rows are read from (classrows.c). */
gboolean function_rows_source (const char *type);

/* A class-table row as read, for giving codes to rows printed with a
 * name only (namecodes.c). */
typedef struct {
  const char *name;   /* as read ("" or NULL when none) */
  const char *code;   /* the code printed on the row, or NULL */
  gint64 first;       /* its first figure, hundredths of the unit */
  gboolean has_first;
  gboolean total;     /* the 合计 row */
  char *assigned;     /* out (owned): the row's code, NULL for none */
} NamedRow;
/* Gives the rows of a function-classification table whose names came
 * without codes their catalogue codes, where the table's sums confirm
 * them: TRUE when it did (every row's ASSIGNED is then its code, NULL for
 * rows left without one, a stray printed code included). A row whose
 * name the catalogue lacks may take the next of the codes printed APART
 * from the rows (NULL: none). */
gboolean named_rows_codes (NamedRow *rows, guint n, const GPtrArray *apart);
/* The national catalogue's code for NAME read after the code LAST in a
 * table's order: its 项 under LAST's 款, its 款 under LAST's 类, its 类,
 * else the one 款 or 项 so named; NULL when none (namecodes.c). */
const char *catalogue_code_after (const char *name, const char *last);
/* Rows of a plain-text function table listed by unit whose codes are not
 * in row order (unitnames.c): "CODE NAME 合计" lines (BpLine*, owned), the
 * unit rows with their unit codes, when every sum confirms them; else
 * NULL. *COLS_OUT: the columns (the rows fill the first). */
GPtrArray *class_rows_by_unit_names (TableBody *tb, const char *header_text,
                                     GPtrArray **cols_out);
/* TRUE when the national catalogue knows function CODE under other names
 * than NAME only (current and former names). */
gboolean catalogue_names_otherwise (const char *code, const char *name);

/* Footnote formulas ("1栏＝（2＋3）栏") as identities on 1-based columns. */
GPtrArray *formulas_parse (const char *text);
/* "col:1=2+3;row:27=1+2+3" for every formula in TEXT, or NULL. */
char *formulas_describe (const char *text);

G_END_DECLS

#endif
