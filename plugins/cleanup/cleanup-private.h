/* cleanup: shared between the stage's files; not a public header. */
#ifndef BP_CLEANUP_PRIVATE_H
#define BP_CLEANUP_PRIVATE_H

#include <budgetpipe/budgetpipe.h>

typedef struct {
  gboolean decode;              /* detect and decode non-UTF-8 input */
  gboolean normalize;           /* control/zero-width chars, full-width numbers */
  gboolean strip_markup;        /* <p>, <br>, checkboxes, entities */
  gboolean split_glued;         /* "1132.98一、…" → two cells */
  gboolean strip_page_numbers;
  char **page_patterns;         /* GRegex patterns of a page-number line */
  gboolean strip_running_heads; /* repeated page headers/footers */
  gboolean join;                /* re-join broken paragraphs */
  gint64 join_percent;          /* a line at least this % of the body width is "full" */
  gboolean damage;              /* text-damage findings */
  /* compiled in init */
  GRegex *page_regex;           /* page_patterns as one alternation */
} CleanupState;

/* encoding.c: decodes doc->bytes when the loader could not (text == NULL)
 * and records invalid sequences as findings. FALSE: not text at all. */
gboolean cleanup_decode (BpDocument *doc, GError **error);

/* normalize.c: one source line's repairs: a new string, or NULL when the
 * line needs none. TABBED: cells are tab-separated (glued cells get a tab). */
char *cleanup_repair_line (const CleanupState *st, const char *line,
                           gboolean tabbed);
/* Each step returns a repaired copy, or NULL when S needs no change.
 * Full-width digits, letters and number punctuation to ASCII when they are
 * part of a number, code or formula; prose punctuation stays. */
char *cleanup_fold_numbers (const char *s);
/* Removes zero-width and control characters (utf8proc categories Cc, Cf). */
char *cleanup_strip_invisible (const char *s);
char *cleanup_strip_markup (const char *s);
char *cleanup_split_glued (const char *s, gboolean tabbed);

/* A logical line being built: text plus where each source line starts in
 * it, so a finding inside a joined paragraph gets its own source line. */
typedef struct {
  GString *text;
  int first, last;  /* source lines */
  GArray *starts;   /* guint: byte offset of each joined source line; NULL if one */
  GArray *lines;    /* int: its source line */
  int page;
  guint flags;
} Logical;

/* layout.c: classify lines, drop page furniture, join paragraphs. */
GPtrArray *cleanup_layout (const CleanupState *st, BpDocument *doc,
                           GPtrArray *repaired /* char*, one per source line */);
int logical_line_at (const Logical *l, gsize offset);
void logical_free (Logical *l);

/* shapes.c: what a line is. */
typedef struct {
  int width;          /* display columns: CJK 2, ASCII 1 */
  gsize len;          /* bytes */
  guint tab : 1;
  guint alpha : 1;    /* has ASCII letters */
  guint sentence : 1; /* has ，。；？！ */
  guint checkbox : 1; /* has □ ☐ ☑ √ ■ */
} LineScan;

LineScan cleanup_scan_line (const char *s);
gboolean cleanup_is_heading (const char *s);
gboolean cleanup_is_list_item (const char *s);
gboolean cleanup_is_table_row (const char *s, const LineScan *scan);
gboolean cleanup_is_page_number (const CleanupState *st, const char *s, gsize len);

/* damage.c: Latin words in Chinese prose, unfilled template placeholders. */
void cleanup_find_damage (BpDocument *doc, GPtrArray *logicals);

#endif
