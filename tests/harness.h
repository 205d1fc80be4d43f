/* Test library (tests/libbptest.la): run one plugin alone on one document,
 * from the uninstalled build tree, the way GStreamer's GstHarness tests one
 * element. Not installed. */
#ifndef BP_TEST_HARNESS_H
#define BP_TEST_HARNESS_H

#include <budgetpipe/budgetpipe.h>

G_BEGIN_DECLS

/* Loads PLUGIN from the build tree, applies OPTIONS (NULL-terminated
 * "key", "value", ... pairs; NULL for none) exactly as a pipeline file would,
 * then runs init, process on DOC, finish and free. OUTPUT_DIR is ${output}
 * (NULL: a fresh temporary directory). FALSE with ERROR on any failure. */
/* Removes DIR and everything under it (scratch output of a test). */
void bp_harness_rmtree (const char *dir);

gboolean bp_harness_run_stage (const char *plugin, const char *const *options,
                               BpDocument *doc, const char *output_dir,
                               GError **error);

/* Loads tests/corpus/RELPATH (via G_TEST_SRCDIR); aborts the test if absent. */
BpDocument *bp_harness_load_corpus (const char *relpath);

/* Runs the named stages in order (default options) on DOC: e.g.
 * {"cleanup", "tables", NULL} to prepare input for a later stage's test. */
gboolean bp_harness_run_stages (const char *const *plugins, BpDocument *doc,
                                GError **error);

/* tests/corpus/RELPATH after STAGES (NULL-terminated), with FROM replaced
 * by TO first unless FROM is NULL; aborts the test on any failure. */
BpDocument *bp_harness_corpus_through (const char *relpath, const char *const *stages,
                                       const char *from, const char *to);

/* Replaces the first FROM in DOC's text by TO (a figure changed by hand)
 * and re-seeds its lines; aborts the test when FROM is not there. */
void bp_harness_replace_text (BpDocument *doc, const char *from, const char *to);

/* Number of DOC's findings of RULE at LINE (0: any line) of at least MIN. */
guint bp_harness_count_findings (const BpDocument *doc, const char *rule, int line,
                                 BpSeverity min);

/* Path of a file in the source tree (G_TEST_SRCDIR). Free with g_free. */
char *bp_harness_srcpath (const char *relpath);

/* A random text for tests against a definition: MIN to MAX - 1 pieces
 * (g_rand_int_range's bounds), each drawn from PIECES (N_PIECES of them).
 * BOUNDS, when not NULL, gets the text's length before the first piece and
 * after each one. */
GString *bp_harness_random_text (GRand *rand, const char *const *pieces, gsize n_pieces,
                                 int min, int max, GArray *bounds);

G_END_DECLS

#endif
