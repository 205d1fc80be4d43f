/* Shared by the libFuzzer targets (make fuzz): the pipeline and the plugins
 * of the build tree, a scratch output directory, and a log writer that drops
 * the stages' own messages but aborts on a GLib critical (a failed
 * g_return_if_fail is a bug the fuzzer must report). */
#ifndef BP_FUZZ_COMMON_H
#define BP_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <budgetpipe/budgetpipe.h>
#include "../core/pipeline.h"
#include "../core/plugin-loader.h"

/* Installs the log writer (once). */
void fuzz_init_logging (void);
/* A fresh scratch directory (in /dev/shm when there is one). */
char *fuzz_scratch_dir (const char *what);
/* Removes everything inside DIR, keeping DIR. */
void fuzz_empty_dir (const char *dir);
/* Loads and initializes a pipeline (a file, or a shipped one's name);
 * aborts when it cannot. */
BpPipeline *fuzz_load_pipeline (BpPluginLoader *loader, const char *name,
                                const char *output_dir);
/* Runs the stages of P whose role is in ROLES (a bit per BpRole) on DOC,
 * as the runner does; FALSE when a stage refused the document. */
gboolean fuzz_run_stages (BpPipeline *p, BpDocument *doc, guint roles);

#define FUZZ_ROLE(r) (1u << (r))

#endif
