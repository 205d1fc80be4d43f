/* Plugin discovery and loading with libltdl. */
#ifndef BP_PLUGIN_LOADER_H
#define BP_PLUGIN_LOADER_H

#include <budgetpipe/budgetpipe.h>

typedef struct {
  char *name;
  char *file;                       /* the file it was loaded from */
  const BpPluginDescriptor *desc;   /* NULL if it failed */
  char *error;                      /* why it failed, or NULL */
  void *handle;                     /* lt_dlhandle */
} BpPlugin;

typedef struct _BpPluginLoader BpPluginLoader;

/* EXTRA_DIRS: --plugin-path entries (may be NULL). Then the environment's
 * BUDGETPIPE_PLUGIN_PATH, then the built-in directories. */
BpPluginLoader *bp_plugin_loader_new (const char *const *extra_dirs);
void bp_plugin_loader_free (BpPluginLoader *loader);
const GPtrArray *bp_plugin_loader_dirs (const BpPluginLoader *loader);
/* Loads (once) and checks the plugin NAME. The loader keeps ownership. */
BpPlugin *bp_plugin_loader_load (BpPluginLoader *loader, const char *name,
                                 GError **error);
/* Every plugin file in the search path, loaded or with its error. */
GPtrArray *bp_plugin_loader_scan (BpPluginLoader *loader);

#endif
