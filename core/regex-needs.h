/* What every match of a pattern contains (private to core). */
#ifndef BP_REGEX_NEEDS_H
#define BP_REGEX_NEEDS_H

#include <glib.h>

/* Literals one of which every match of PATTERN (compiled without flags)
 * contains, NULL-terminated; NULL when the reading below cannot tell. */
char **bp_regex_needs_of_pattern (const char *pattern);

/* FALSE when S holds none of NEEDS (so no match is possible); TRUE when it
 * holds one or NEEDS is NULL. */
gboolean bp_regex_needs_met (char *const *needs, const char *s);

/* NEEDS (taken) ready to be asked of many texts; NULL for NULL. */
typedef struct _BpRegexNeeds BpRegexNeeds;
BpRegexNeeds *bp_regex_needs_new (char **needs);
void bp_regex_needs_free (BpRegexNeeds *rn);

/* bp_regex_needs_met (RN's literals, S) of S, LEN bytes (strlen). */
gboolean bp_regex_needs_hold (const BpRegexNeeds *rn, const char *s, gsize len);

#endif
