/* budgetpipe: district profiles. Part of the public plugin API.
 *
 * A district plugin describes one locality's disclosure layout as a BpProfile
 * and registers it from its init callback. Every stage is initialized before
 * any document is processed, so the generic stages (tables, fields, validate)
 * can ask for the active profile of a document whatever the stage order:
 * bp_profile_for_document() detects it once and records it in doc->profile.
 * A document that matches no registered profile gets the national profile. */
#ifndef BUDGETPIPE_PROFILE_H
#define BUDGETPIPE_PROFILE_H

#include <glib.h>
#include <budgetpipe/document.h>
#include <budgetpipe/plugin.h>

G_BEGIN_DECLS

/* A locality's title for a SCHEMA.md table type: TITLE is a substring of the
 * table's title with spaces removed ("财务收支预算总表"). */
typedef struct {
  const char *type;
  const char *title;
} BpTableAlias;

/* An extra phrasing for a canonical field, matched by
 * bp_profile_read_phrases: a GRegex (PCRE) over the document's lines with
 * full-width forms turned into ASCII and spaces removed, the lines joined
 * into one text (a "\n" only between two figures meeting at a line break:
 * write \s* between a label and its figure). Capture group 1 is the number;
 * group 2, when the pattern has one and it matched, is its unit (元/万元),
 * else the document's unit applies. staffing.* and vehicles.count are counts. */
typedef struct {
  const char *key;      /* "vehicles.count" */
  const char *pattern;  /* "公务用车保有量为?(\\d+)辆" */
} BpFieldPhrase;

typedef struct {
  const char *name;          /* "qingshan"; the plugin's name */
  const char *summary;       /* one line */
  const char *city;          /* "武汉市" (NULL: not fixed) */
  const char *district;      /* "青山区" (NULL: not fixed) */
  /* Substrings (spaces removed) of which at least one must occur in the
   * document's title lines for the profile to match. */
  const char *const *match_any;
  const BpTableAlias *aliases;           /* ends with {NULL, NULL} */
  const char *const *required_budget;    /* table types a 预算 must have */
  const char *const *required_final;     /* table types a 决算 must have */
  const BpFieldPhrase *phrases;          /* ends with {NULL, NULL} */
  void *reserved[8];
} BpProfile;

/* Registers PROFILE (static storage, not copied). Registering the same name
 * twice keeps the first. Thread-safe. */
void bp_profile_register (const BpProfile *profile);
/* The registered profile called NAME, the national one for "national", or NULL. */
const BpProfile *bp_profile_lookup (const char *name);
/* The national profile: the nationally required tables, no aliases. */
const BpProfile *bp_profile_national (void);
/* The document's profile: doc->profile if set, else detected from the first
 * lines of the document (and recorded in doc->profile). */
const BpProfile *bp_profile_for_document (BpDocument *doc);
/* The SCHEMA.md type a profile gives a title (spaces ignored, full-width
 * forms read as ASCII), or NULL. */
const char *bp_profile_alias_type (const BpProfile *profile, const char *title);
/* The required table types for KIND ("budget" / "final_accounts"). */
const char *const *bp_profile_required_tables (const BpProfile *profile,
                                               const char *kind);

/* What a district stage does with its profile: records it in doc->profile
 * (the pipeline chose it, so it wins over detection), fills doc->city and
 * doc->district when no stage did, and gives tables typed "other" the
 * profile's alias type. */
void bp_profile_apply (const BpProfile *profile, BpDocument *doc);

/* Sets every canonical field that PROFILE's phrases find and DOC does not
 * have yet (the first match in document order); a match inside a table
 * records that table. Returns how many fields it set. */
guint bp_profile_read_phrases (const BpProfile *profile, BpDocument *doc);
/* bp_profile_read_phrases, handing over the text it matched when it made
 * one, for a caller that compacts the same lines: *JOINED (g_free it) gets
 * DOC's lines, each bp_text_compact'ed, joined with a "\n" only between
 * two figures meeting at a break, and LINE_STARTS (gsize) each line's
 * offset in it; else *JOINED is NULL and LINE_STARTS empty. JOINED and
 * LINE_STARTS are both NULL or neither. */
guint bp_profile_read_phrases_keep (const BpProfile *profile, BpDocument *doc,
                                    char **joined, GArray *line_starts);

/* A district plugin is data: a BpProfile and this macro, which defines the
 * descriptor (role district) with an init that registers the profile and a
 * process that calls bp_profile_apply. Its one option, "kind"
 * (auto|budget|final_accounts), names the document kind a pipeline is for:
 * a document whose kind no stage found gets it; one of another kind is
 * logged. IDENT is the module name with '-' written as '_', NAME the module
 * name:
 *   BP_DISTRICT_PLUGIN_DEFINE (putuo, "putuo", "上海市普陀区 ...", profile);  */
typedef struct {
  char *kind;
} BpDistrictState;

extern const BpOption bp_district_options[];
gboolean bp_district_process (BpStage *stage, const BpProfile *profile,
                              const BpDistrictState *state, BpDocument *doc);

#define BP_DISTRICT_PLUGIN_DEFINE(ident, name_, summary_, profile_) \
  static gboolean ident##_district_init (BpStage *s_, void *st_, GError **e_) \
  { (void) s_; (void) st_; (void) e_; bp_profile_register (&(profile_)); \
    return TRUE; } \
  static gboolean ident##_district_process (BpStage *s_, void *st_, \
                                            BpDocument *d_, GError **e_) \
  { (void) e_; return bp_district_process (s_, &(profile_), st_, d_); } \
  BP_PLUGIN_DEFINE (ident) = { .abi_version = BP_ABI_VERSION, .name = name_, \
    .summary = summary_, .role = BP_ROLE_DISTRICT, \
    .options = bp_district_options, .state_size = sizeof (BpDistrictState), \
    .init = ident##_district_init, .process = ident##_district_process }

G_END_DECLS

#endif
