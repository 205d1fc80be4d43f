/* What every match of a pattern contains (private to core). */
#ifndef BP_REGEX_NEEDS_H
#define BP_REGEX_NEEDS_H

#include <glib.h>

/* Literals one of which every match of PATTERN (compiled without flags)
 * contains, NULL-terminated; NULL when the reading below cannot tell. */
char **bp_regex_needs_of_pattern (const char *pattern);

/* Literals one of which every match of PATTERN (compiled without flags)
 * starts with, at the start of the text: every alternative is "^" then
 * an item that starts with one; NULL when not so. */
char **bp_regex_prefixes_of_pattern (const char *pattern);

/* FALSE when S holds none of NEEDS (so no match is possible); TRUE when it
 * holds one or NEEDS is NULL. */
gboolean bp_regex_needs_met (char *const *needs, const char *s);

/* NEEDS (taken) ready to be asked of many texts; NULL for NULL. */
typedef struct _BpRegexNeeds BpRegexNeeds;
BpRegexNeeds *bp_regex_needs_new (char **needs);
/* bp_regex_needs_new of PATTERN's needs, also held to its prefixes (an
 * anchored pattern): NULL when neither is known. */
BpRegexNeeds *bp_regex_needs_of (const char *pattern);
void bp_regex_needs_free (BpRegexNeeds *rn);

/* bp_regex_needs_met (RN's literals, S) of S, LEN bytes (strlen); when
 * RN has prefixes, whether S starts with one of them instead. */
gboolean bp_regex_needs_hold (const BpRegexNeeds *rn, const char *s, gsize len);

#endif
