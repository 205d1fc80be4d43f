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

G_BEGIN_DECLS

/* A locality's title for a SCHEMA.md table type: TITLE is a substring of the
 * table's title with spaces removed ("财务收支预算总表"). */
typedef struct {
  const char *type;
  const char *title;
} BpTableAlias;

/* An extra narrative phrasing for a canonical field: a GRegex whose first
 * capture group is the number; UNIT applies when the match has no unit. */
typedef struct {
  const char *key;      /* "vehicles.count" */
  const char *pattern;  /* "公务用车(\\d+)辆" */
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
/* The SCHEMA.md type a profile gives a title (spaces ignored), or NULL. */
const char *bp_profile_alias_type (const BpProfile *profile, const char *title);
/* The required table types for KIND ("budget" / "final_accounts"). */
const char *const *bp_profile_required_tables (const BpProfile *profile,
                                               const char *kind);

G_END_DECLS

#endif
