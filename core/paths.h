/* Where budgetpipe finds its plugins, pipelines and data: the build tree when
 * run uninstalled, else the installed (or relocated DESTDIR) directories. */
#ifndef BP_PATHS_H
#define BP_PATHS_H

#include <glib.h>

/* TRUE when the running program lives inside the build tree. */
gboolean bp_paths_uninstalled (void);
/* Built-in plugin directories after --plugin-path and the environment:
 * build-tree plugin folders when uninstalled, else the installed dir. */
GPtrArray *bp_paths_builtin_plugin_dirs (void);
/* Directory holding shipped pipelines / data. Never NULL. */
const char *bp_paths_pipeline_dir (void);
const char *bp_paths_data_dir (void);
/* Where the compiled message catalogues are: the build tree's po/locale
 * uninstalled, else $(localedir) (or its relocated copy). */
const char *bp_paths_locale_dir (void);
/* Resolves -p ARG: a path to an existing file, or a shipped pipeline name
 * ("qingshan-budget" → <pipeline dir>/qingshan-budget.conf). */
char *bp_paths_resolve_pipeline (const char *arg);

#endif
