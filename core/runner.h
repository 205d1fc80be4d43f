/* Running a pipeline over a batch of documents. Internal to core. */
#ifndef BP_RUNNER_H
#define BP_RUNNER_H

#include "pipeline.h"

/* Documented exit codes (docs/cli.md). */
enum {
  BP_EXIT_OK = 0,
  BP_EXIT_FINDINGS = 1,   /* --fail-on: a document has such findings */
  BP_EXIT_USAGE = 2,      /* usage or pipeline error */
  BP_EXIT_INPUT = 3       /* an input could not be read or processed */
};

typedef struct {
  const char *output_dir;
  const char *until;      /* stop after this stage */
  const char *only;       /* run just this stage */
  const char *from_dump;  /* with only: the document comes from this JSON */
  const char *dump_dir;   /* NN-STAGE.json after every stage */
  gboolean stats;
  gboolean quiet;
  int jobs;
  gboolean fail_on_set;
  BpSeverity fail_on;
} BpRunOptions;

/* Input paths: those listed in each file of LISTS (--files-from; "-" is
 * standard input), then the FILE|DIR|- arguments ARGS ("-": the document on
 * standard input). Unreadable lists and directories are reported and
 * counted in *missing. */
GPtrArray *bp_runner_collect_inputs (char **lists, char **args, guint *missing);
/* Checks --until/--only name stages of P. */
gboolean bp_runner_check_options (BpPipeline *p, const BpRunOptions *o,
                                  GError **error);
/* Flushes every file bp_write_file_atomic wrote since the last call to disk
 * (one syncfs per directory) and the directories' renames. */
gboolean bp_output_sync (GError **error);
/* Removes the temporary files (bp_write_file_atomic's) that a process no
 * longer running left in DIR and its subdirectories: a run killed between
 * writing and renaming. Returns how many. */
guint bp_output_remove_stale_temps (const char *dir);
/* Processes every input; returns a BP_EXIT_* code. */
int bp_runner_run (BpPipeline *p, GPtrArray *inputs, const BpRunOptions *o);

#endif
