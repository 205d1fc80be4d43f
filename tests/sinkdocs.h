/* Test documents for the sink plugins (csv, sqlite, report): a corpus file
 * with the hand-checked facts of its tests/gold answer filled in through the
 * document API, so sink tests do not depend on the extraction stages. */
#ifndef BP_TEST_SINKDOCS_H
#define BP_TEST_SINKDOCS_H

#include <budgetpipe/budgetpipe.h>

G_BEGIN_DECLS

/* tests/corpus/STEM.txt with metadata, fields, classification rows and
 * findings from tests/gold/STEM.json; tables from the gold table spans (their
 * tab-separated source lines become header and rows). A gold finding becomes
 * rule "gold.CATEGORY" at its first line. */
BpDocument *sinkdoc_from_gold (const char *stem);

/* The figures in DOC's tables: cells that parse as money in their table's
 * unit, other than a row's classification code. */
guint sinkdoc_count_figures (const BpDocument *doc);

/* A fresh temporary directory (removed by bp_harness_rmtree). */
char *sinkdoc_tmpdir (void);

G_END_DECLS

#endif
