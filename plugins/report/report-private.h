/* The report sink's internals: what both renderers (HTML, Markdown) share. */
#ifndef BP_REPORT_PRIVATE_H
#define BP_REPORT_PRIVATE_H

#include <budgetpipe/budgetpipe.h>

typedef struct {
  char *dir;
  char *formats;          /* "html+markdown" | "html" | "markdown" */
  gint64 context;         /* source lines shown on each side of a finding */
  GPtrArray *entries;     /* ReportEntry*: the batch index */
} ReportState;

/* One document in the batch index. */
typedef struct {
  char *stem;
  char *title;
  char *path;
  guint tables, fields, errors, warnings, infos;
} ReportEntry;

/* A byte range [start, end) of a source line to highlight. */
typedef struct {
  gsize start, end;
} ReportSpan;

/* A headline figure: canonical key and its Chinese label. */
typedef struct {
  const char *key;
  const char *label;
} ReportHeadline;

extern const ReportHeadline report_headlines[];

/* "青山区人民政府办公室 2024年 部门预算" (falls back to the stem). */
char *report_title (const BpDocument *doc);
const char *report_kind_label (const char *kind);
/* "1 error, 3 warnings, 0 info": the document's findings by severity. */
char *report_severity_counts (const BpDocument *doc);
const char *report_category_label (const char *category);
/* A field's value for reading: "15,386,196.87 元", "42". */
char *report_field_value (const BpField *f);
/* Where source LINE is: "p. 7, line 12", or "line 12" when the pages are
 * unknown. */
char *report_where (const BpDocument *doc, int line);
/* Findings in reading order: by category (SCHEMA.md order), errors before
 * warnings before infos, then by line. Borrowed pointers. */
GPtrArray *report_sorted_findings (const BpDocument *doc);
/* TRUE for findings folded away (info: within rounding, style notes). */
gboolean report_is_folded (const BpFinding *f);
/* How a renderer writes the findings section's parts. */
typedef struct {
  void (*category_head) (GString *out, const char *label, guint count);
  void (*finding) (GString *out, const BpDocument *doc, const BpFinding *f, int context);
  const char *fold_before;   /* written before <details> and </details> */
  int context;               /* source lines on each side of a finding */
} ReportFindingsFormat;
/* DOC's findings by category (report_sorted_findings), each category's
 * folded ones inside a <details> block after the shown ones. */
void report_findings_by_category (GString *out, const BpDocument *doc,
                                  const ReportFindingsFormat *format);
/* Spans of TEXT (a source line) holding the figure F is about: its actual
 * value in yuan or 万元, else a figure its message quotes. */
GArray *report_figure_spans (const BpFinding *f, const char *text);
/* The required table types for DOC's profile and kind (NULL-terminated). */
const char *const *report_required_tables (const BpDocument *doc);
/* The tables of DOC with TYPE (borrowed; free the array). */
GPtrArray *report_tables_of_type (const BpDocument *doc, const char *type);

/* Renderers: one document, and the batch index. */
char *report_html_document (const BpDocument *doc, int context);
char *report_html_index (GPtrArray *entries, gboolean with_markdown);
char *report_markdown_document (const BpDocument *doc, int context);
char *report_markdown_index (GPtrArray *entries, gboolean with_html);

#endif
