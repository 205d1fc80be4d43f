/* Pipelines: a pipeline file parsed into an ordered list of stage instances,
 * each bound to a loaded plugin with validated options. Internal to core. */
#ifndef BP_PIPELINE_H
#define BP_PIPELINE_H

#include <budgetpipe/budgetpipe.h>
#include "plugin-loader.h"

struct _BpStage {
  char *name;                /* [stage NAME] */
  int group_line;            /* line of the group header in the file */
  BpPlugin *plugin;          /* owned by the loader */
  void *state;               /* desc->state_size bytes, options filled */
  gboolean initialized;
  gboolean enabled;
  GLogLevelFlags max_level;  /* messages above this severity are dropped */
  char *log_domain;
  char **match_district;     /* run only for these districts (NULL: all) */
  char **match_kind;         /* run only for these kinds (NULL: all) */
  const char *pipeline_name; /* borrowed from the pipeline */
  char *output_dir;
  GMutex lock;               /* sinks are called one document at a time */
  /* --stats */
  gint64 time_us;
  guint documents;
};

typedef struct {
  char *path;
  char *name;
  char *description;
  GPtrArray *stages;         /* BpStage* */
} BpPipeline;

/* Parses PATH and loads its plugins. Errors name path:line. */
BpPipeline *bp_pipeline_load (const char *path, BpPluginLoader *loader,
                              GError **error);
void bp_pipeline_free (BpPipeline *p);
/* Sets the output directory on every stage and runs every plugin's init. */
gboolean bp_pipeline_init (BpPipeline *p, const char *output_dir,
                           GError **error);
BpStage *bp_pipeline_find_stage (BpPipeline *p, const char *name);

/* Stages (stage.c) */
BpStage *bp_stage_new (const char *name, BpPlugin *plugin);
void bp_stage_free (BpStage *stage);
/* Parses VALUE for option OPT into the stage state. */
gboolean bp_stage_set_option (BpStage *stage, const BpOption *opt,
                              const char *value, GError **error);
const BpOption *bp_stage_find_option (const BpStage *stage, const char *key);
/* Applies every default not set explicitly; errors for missing required. */
gboolean bp_stage_apply_defaults (BpStage *stage, GHashTable *set_keys,
                                  GError **error);
char *bp_stage_allowed_keys (const BpStage *stage);
gboolean bp_stage_matches (const BpStage *stage, const BpDocument *doc);
/* Runs process with timing and locking; the stage name is added to
 * doc->stages. */
gboolean bp_stage_process (BpStage *stage, BpDocument *doc, GError **error);
/* Parses BUDGETPIPE_DEBUG ("stage:level,*:level") and a level name. */
gboolean bp_log_level_parse (const char *name, GLogLevelFlags *out);
void bp_stage_apply_debug_spec (BpStage *stage, const char *spec);
/* Installs the core's log writer (stderr, with the stage domain). */
void bp_log_init (void);
/* Binds budgetpipe's message catalogues (core/i18n.c); call after setlocale. */
void bp_i18n_init (void);

#endif
