/* budgetpipe: the plugin contract. Part of the public plugin API.
 *
 * A plugin is a shared module exporting one descriptor, defined with
 * BP_PLUGIN_DEFINE. The loader checks abi_version and name before it calls
 * any plugin code. Options are declared once in a BpOption table; the core
 * parses them from the pipeline file into the stage's state struct. */
#ifndef BUDGETPIPE_PLUGIN_H
#define BUDGETPIPE_PLUGIN_H

#include <glib.h>
#include <stddef.h>
#include <budgetpipe/document.h>

G_BEGIN_DECLS

/* Bump when BpPluginDescriptor, BpOption or the document structs change
 * layout. A plugin built against another version is refused. */
#define BP_ABI_VERSION 2   /* 2: BpLine of 16 bytes, without page; doc->lines gone */

typedef enum {
  BP_ROLE_CLEANUP = 0,
  BP_ROLE_TABLES,
  BP_ROLE_FIELDS,
  BP_ROLE_DISTRICT,
  BP_ROLE_VALIDATE,
  BP_ROLE_SINK,
  BP_ROLE_OTHER
} BpRole;

/* MSGID in the user's language (budgetpipe's gettext domain; po/): a
 * plugin shipped with budgetpipe marks its messages with BP_N_ and
 * translates them with this. The result is a format when MSGID is one. */
const char *bp_gettext (const char *msgid) G_GNUC_FORMAT (1);
/* The singular or plural MSGID for N ("1 table", "2 tables"). */
const char *bp_ngettext (const char *msgid, const char *plural, gulong n)
  G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);
/* Marks a string for xgettext without translating it. */
#define BP_N_(s) (s)

const char *bp_role_name (BpRole role);

typedef enum {
  BP_OPT_STRING = 0, /* char *            */
  BP_OPT_INT,        /* gint64            */
  BP_OPT_BOOL,       /* gboolean          */
  BP_OPT_MONEY,      /* bp_fen (parsed as 元) */
  BP_OPT_ENUM,       /* char *, one of `choices` ("a|b|c") */
  BP_OPT_LIST,       /* char ** (NULL-terminated), ';'-separated in the file */
  BP_OPT_PATH        /* char *, ${output}/${stem}/${input} kept for expansion */
} BpOptionType;

typedef struct {
  const char *name;          /* key in the [stage NAME] group */
  BpOptionType type;
  const char *default_value; /* text, parsed like the file; NULL: none */
  const char *description;
  size_t offset;             /* offsetof (State, member) */
  const char *choices;       /* BP_OPT_ENUM: "a|b|c" */
  gboolean required;
} BpOption;

#define BP_OPTION_END { NULL, 0, NULL, NULL, 0, NULL, FALSE }

/* A stage: one configured instance of a plugin in a pipeline. Opaque. */
typedef struct _BpStage BpStage;

typedef struct {
  guint32 abi_version;          /* BP_ABI_VERSION */
  const char *name;             /* must equal the module file's base name */
  const char *summary;          /* one line */
  BpRole role;
  const BpOption *options;      /* terminated by BP_OPTION_END; may be NULL */
  size_t state_size;            /* zeroed, options filled, before init */
  /* Options parsed. May validate them further. Create no output here:
   * `check` and `run -n` call init and process nothing. */
  gboolean (*init) (BpStage *stage, void *state, GError **error);
  /* One document. Called from several threads with -j N, except for sinks
   * (the core serializes a sink stage). Report problems in the document as
   * findings; return FALSE only when the document cannot be processed. */
  gboolean (*process) (BpStage *stage, void *state, BpDocument *doc,
                       GError **error);
  /* End of batch: sinks commit. Called only when the stage processed at
   * least one document, so a debug run (--until, --only) that never reached
   * the stage leaves an earlier run's outputs as they are. */
  gboolean (*finish) (BpStage *stage, void *state, GError **error);
  /* Release what init allocated (option values are freed by the core). */
  void (*free) (BpStage *stage, void *state);
  void *reserved[8];
} BpPluginDescriptor;

#if defined(_WIN32)
# define BP_PLUGIN_EXPORT __declspec(dllexport)
#else
# define BP_PLUGIN_EXPORT __attribute__ ((visibility ("default")))
#endif

/* Defines the plugin's descriptor with libtool's <module>_LTX_ prefix, so the
 * same source works dlopened or -dlpreopen'ed. IDENT is the module name with
 * '-' written as '_':
 *   BP_PLUGIN_DEFINE (cleanup) = { .abi_version = BP_ABI_VERSION, ... };  */
#define BP_PLUGIN_DESCRIPTOR_SYMBOL "bp_plugin_descriptor"
#define BP_PLUGIN_DEFINE(ident) \
  BP_PLUGIN_EXPORT extern const BpPluginDescriptor ident##_LTX_bp_plugin_descriptor; \
  BP_PLUGIN_EXPORT const BpPluginDescriptor ident##_LTX_bp_plugin_descriptor

/* ---- what a stage may ask the core ------------------------------------ */

const char *bp_stage_name (const BpStage *stage);
const char *bp_stage_plugin_name (const BpStage *stage);
const char *bp_stage_pipeline_name (const BpStage *stage);
/* The run's output directory (-o), never NULL. */
const char *bp_stage_output_dir (const BpStage *stage);
/* Expands ${output}, ${stem}, ${input} in TEMPLATE for DOC (DOC may be NULL
 * at finish time: ${stem}/${input} then expand to ""). */
char *bp_stage_expand (const BpStage *stage, const BpDocument *doc,
                       const char *template_);

/* Logging through GLib with the stage's own domain ("budgetpipe/STAGE"),
 * filtered by its log-level / BUDGETPIPE_DEBUG. Never print to stdout. */
void bp_stage_log (const BpStage *stage, GLogLevelFlags level,
                   const char *fmt, ...) G_GNUC_PRINTF (3, 4);
gboolean bp_stage_log_enabled (const BpStage *stage, GLogLevelFlags level);
/* A thread-local variable in a plugin: a plugin is loaded with dlopen, so
 * a plain _Thread_local lives in dynamic TLS, reached through
 * __tls_get_addr on every use. The initial-exec model puts it in the
 * static TLS block glibc keeps spare for loaded modules (keep such
 * variables small: a pointer), which is faster and is not seen by the
 * sanitizers' __tls_get_addr interceptor (GCC <= 13 misreads some dynamic
 * TLS blocks and crashes LeakSanitizer's tracer at exit). */
#if defined(__GNUC__) && defined(__ELF__)
#define BP_PLUGIN_THREAD_LOCAL _Thread_local __attribute__ ((tls_model ("initial-exec")))
#else
#define BP_PLUGIN_THREAD_LOCAL _Thread_local
#endif

#define BP_DEBUG(stage, ...) bp_stage_log ((stage), G_LOG_LEVEL_DEBUG, __VA_ARGS__)
#define BP_INFO(stage, ...) bp_stage_log ((stage), G_LOG_LEVEL_INFO, __VA_ARGS__)
#define BP_MESSAGE(stage, ...) bp_stage_log ((stage), G_LOG_LEVEL_MESSAGE, __VA_ARGS__)
#define BP_WARNING(stage, ...) bp_stage_log ((stage), G_LOG_LEVEL_WARNING, __VA_ARGS__)

/* Writes DATA to PATH atomically (temp file in the same directory + rename),
 * creating parent directories. Not synced to disk one by one: the runner
 * syncs every directory written to once, when the batch ends. */
gboolean bp_write_file_atomic (const char *path, const char *data, gssize len,
                               GError **error);

/* A file written piece by piece (a sink's batch file) and put in place at
 * once: open writes a temporary file next to PATH, commit renames it over
 * PATH (and frees F), discard removes it (and frees F). Like
 * bp_write_file_atomic it is synced when the batch ends. */
typedef struct BpOutputFile BpOutputFile;
BpOutputFile *bp_output_file_open (const char *path, GError **error);
gboolean bp_output_file_write (BpOutputFile *f, const char *data, gsize len,
                               GError **error);
gboolean bp_output_file_commit (BpOutputFile *f, GError **error);
void bp_output_file_discard (BpOutputFile *f);

/* Data files shipped with budgetpipe (catalogues): returns the full path of
 * NAME under the source tree's data/ when uninstalled, else $(pkgdatadir)/data. */
char *bp_data_path (const char *name);
/* The rows of data file NAME (a header line, then tab-separated fields):
 * each a GStrv of at least MIN_FIELDS fields, rows with an empty first
 * field or one starting with '#' left out. NULL when the file is absent. */
GPtrArray *bp_data_rows (const char *name, guint min_fields);

/* Errors */
#define BP_ERROR (bp_error_quark ())
GQuark bp_error_quark (void);
typedef enum {
  BP_ERROR_USAGE = 1,     /* bad arguments or pipeline file */
  BP_ERROR_PLUGIN,        /* plugin could not be loaded / ABI mismatch */
  BP_ERROR_INPUT,         /* an input could not be read or processed */
  BP_ERROR_OUTPUT         /* an output could not be written */
} BpErrorCode;

G_END_DECLS

#endif
