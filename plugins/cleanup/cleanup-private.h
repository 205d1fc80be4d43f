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

/* Repairs a line may need (LineScan.needs): found during the line scan,
 * so a line needing none (most) costs no pass of its own. */
enum {
  NEED_INVISIBLE = 1 << 0,  /* may hold a control or format character */
  NEED_MARKUP = 1 << 1,     /* '<' or '&' */
  NEED_FOLD = 1 << 2,       /* a full-width character that may fold */
  NEED_GLUE = 1 << 3,       /* a digit right before 一..十 or （: "1132.98一、" */
  NEED_OPEN_PAREN = 1 << 4, /* （: folds around an ASCII formula "（2+3）" */
  NEED_ASCII_OPERATOR = 1 << 5
};

/* normalize.c: what the multi-byte character at P (not an ideograph) asks
 * for; DIGIT_BEFORE: a digit (ASCII or full-width) precedes it. */
guint cleanup_needs_of_char (const guchar *p, gboolean digit_before);
/* Whether DOC's cells are tab-separated (most non-blank source lines
 * carry tabs), asked of the lines once, when first needed: only a glued
 * figure split asks, and the pass over every line cost more than the
 * splits (issue 18). */
typedef struct {
  const BpDocument *doc;
  int tabbed;   /* -1: not asked yet */
} CleanupTabs;
gboolean cleanup_tabs_separated (CleanupTabs *tabs);
/* One source line's repairs (NEEDS from its scan): a new string, or NULL
 * when it needs none. Glued cells get a tab when TABS says the cells are
 * tab-separated, else a space. */
char *cleanup_repair_line (const CleanupState *st, const char *line,
                           CleanupTabs *tabs, guint needs);
/* Each step returns a repaired copy, or NULL when S needs no change.
 * Full-width digits, letters and number punctuation to ASCII when they are
 * part of a number, code or formula; prose punctuation stays. */
char *cleanup_fold_numbers (const char *s);
/* Removes zero-width and control characters (utf8proc categories Cc, Cf). */
char *cleanup_strip_invisible (const char *s);
char *cleanup_strip_markup (const char *s);
char *cleanup_split_glued (const char *s, gboolean tabbed);
/* Counts the figures with commas of source line S in KINDS (all 0 at
 * first, one call per line that has a comma) ... */
void cleanup_count_commas (const char *s, guint kinds[3]);
/* ... for this answer: the document prints its figures with one comma
 * before the last three digits however long ("125360,898", never
 * "125,360,898"): extraction lost the other separators. */
gboolean cleanup_commas_misplaced_by (const guint kinds[3]);
/* Such figures grouped again ("125,360,898"); NULL when S has none. */
char *cleanup_regroup_commas (const char *s);

/* A logical line being built: text plus where each source line starts in
 * it, so a finding inside a joined paragraph gets its own source line.
 * One is reused for every logical line of a document. */
typedef struct {
  const char *text; /* LEN bytes and a NUL: the first source line's own
                     * text until a second one joins, then BUF */
  char *buf;        /* CAP bytes */
  gsize len, cap;
  int first, last;  /* source lines */
  GArray *starts;   /* guint: byte offset of each joined source line; empty if one */
  GArray *lines;    /* int: its source line */
  int page;
  guint flags;
  guint triggers;   /* TRIGGER_* of its source lines */
} Logical;

/* layout.c: classify lines, drop page furniture, join paragraphs. The
 * logical lines replace the document's lines (with their damage reported when the
 * state says so, in document order); returns how many. */
guint cleanup_layout (const CleanupState *st, BpDocument *doc);
int logical_line_at (const Logical *l, gsize offset);

/* Characters a placeholder pattern needs (damage.c); the line scan finds
 * them so the patterns run only on lines that can match. */
enum {
  TRIGGER_X = 1 << 0,          /* X x × ○ Ｘ ＊ */
  TRIGGER_SUPPLEMENT = 1 << 1, /* 补 */
  TRIGGER_PLEASE = 1 << 2,     /* 请 */
  TRIGGER_REFER = 1 << 3,      /* 《 */
  TRIGGER_DOTS = 1 << 4,       /* … . 。 */
  TRIGGER_LATIN = 1 << 6       /* a-z A-Z */
};

/* Decodes the valid UTF-8 character at P (the text is valid by now). */
static inline gunichar
utf8_char (const guchar *p)
{
  if (p[0] < 0x80)
    return p[0];
  if (p[0] < 0xE0)
    return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
  if (p[0] < 0xF0)
    return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* shapes.c: what a line is. */
typedef struct {
  int width;          /* display columns: CJK 2, ASCII 1 */
  int ideographs;     /* U+4E00..U+9FFF */
  gsize len;          /* bytes */
  guint tab : 1;
  guint digit : 1;    /* has an ASCII digit */
  guint sentence : 1; /* has ，。；？！ */
  guint checkbox : 1; /* has □ ☐ ☑ √ ■ */
  guint leader : 1;   /* dot leaders: a contents entry */
  guint triggers;     /* TRIGGER_* */
  guint needs;        /* NEED_* */
  guint tokens;       /* runs of characters between spaces (ASCII or U+3000) */
  guint form_feed : 1;    /* has '\f' */
  guint double_space : 1; /* has two ASCII spaces in a row */
  guint figure_mark : 1;  /* has '.' or ',' */
  guint comma : 1;        /* has ',' */
} LineScan;

/* (into M: returned whole, the struct was reloaded right after its
 * fields were stored, which stalled the copy) */
void cleanup_scan_line (const char *s, LineScan *m);
gboolean cleanup_is_heading (const char *s);
gboolean cleanup_is_note (const char *s);
gboolean cleanup_is_list_item (const char *s);
gboolean cleanup_is_table_row (const char *s, const LineScan *scan);
/* A page-number line is short, has ASCII digits (full-width ones are
 * folded by then) and at most four ideographs ("第 3 页 共 9 页"). */
gboolean cleanup_is_page_number (const CleanupState *st, const char *s, gsize len,
                                 gboolean digit, int ideographs);

/* damage.c: Latin words in Chinese prose, unfilled template placeholders
 * in one logical line. */
void cleanup_find_damage (BpDocument *doc, const Logical *l);

#endif
