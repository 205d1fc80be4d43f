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

#endif
