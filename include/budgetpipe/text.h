/* budgetpipe: text helpers shared by the stages. Part of the public API. */
#ifndef BUDGETPIPE_TEXT_H
#define BUDGETPIPE_TEXT_H

#include <glib.h>

/* G_ALWAYS_INLINE is GLib 2.74's; configure accepts GLib from 2.66, and
 * core and plugins mark a few hot helpers with it. */
#ifndef G_ALWAYS_INLINE
#if defined (__GNUC__)
#define G_ALWAYS_INLINE __attribute__ ((__always_inline__))
#else
#define G_ALWAYS_INLINE
#endif
#endif

G_BEGIN_DECLS

/* Full-width ASCII forms (U+FF01..U+FF5E, U+3000) to ASCII: "１５３８．６２" →
 * "1538.62". Everything else is copied. Returns a new string. */
char *bp_text_fullwidth_to_ascii (const char *s);

/* Copy of S without any whitespace (ASCII, U+3000, NBSP): for comparing
 * labels that PDF extraction spaced out ("收 入 总 计"). */
char *bp_text_strip_spaces (const char *s);

/* bp_text_strip_spaces of bp_text_fullwidth_to_ascii of S, in one pass:
 * the form labels are compared in ("收 入 总 计（万元）" → "收入总计(万元)").
 * NULL for NULL. Returns a new string. */
char *bp_text_compact (const char *s);

/* Appends bp_text_compact (S) to OUT (S not NULL), without a string of
 * its own. */
void bp_text_compact_append (GString *out, const char *s);

/* Writes bp_text_compact of the LEN bytes at S (no NUL among them) to
 * OUT, which holds LEN bytes at least: returns the end of what it wrote
 * (no NUL written). For a caller with a buffer of its own. */
char *bp_text_compact_to (const char *s, gsize len, char *out);

/* Appends bp_text_strip_spaces (S) to OUT (S not NULL), the same way. */
void bp_text_strip_spaces_append (GString *out, const char *s);

/* TRUE when S (after trimming) is a functional (3/5/7 digits) or economic
 * (3/5 digits) classification code. */
gboolean bp_text_is_class_code (const char *s);

/* TRUE when the code point is a CJK ideograph. */
gboolean bp_text_is_cjk (gunichar c);

/* PATTERN compiled once per process (optimized, no flags) and shared:
 * stages match the same patterns on every line of every document. Do not
 * unref it. NULL, with a critical warning, when PATTERN is invalid. */
GRegex *bp_regex (const char *pattern);

/* TRUE when PATTERN compiles (as bp_regex compiles it), without making
 * the GRegex: bp_regex_match without a GMatchInfo needs none. */
gboolean bp_regex_is_valid (const char *pattern);

/* g_regex_match (bp_regex (PATTERN), S, 0, INFO), but FALSE at once (and
 * *INFO NULL) when S holds none of the literals every match of PATTERN
 * starts with (a leading literal, group of literals or class of
 * characters in each top-level alternative): cheap on the many texts a
 * pattern does not fit. bp_regex_remove skips such texts the same way. */
gboolean bp_regex_match (const char *pattern, const char *s, GMatchInfo **info);

/* bp_regex_match, and in *VALID bp_regex_is_valid (PATTERN): one look-up
 * of the pattern for both. */
gboolean bp_regex_match_checked (const char *pattern, const char *s, GMatchInfo **info,
                                 gboolean *valid);

/* Copy of S with every match of RE removed. When the match fails (PCRE2's
 * match limit on pathological input) or RE is NULL, a copy of S unchanged:
 * never NULL, so a stage cannot lose the text it was cleaning. */
char *bp_regex_remove (GRegex *re, const char *s);

/* Splits S at runs of whitespace (ASCII space, tab, U+3000); no empty items. */
char **bp_text_split_ws (const char *s);
/* The same items in one allocation, the vector followed by its strings:
 * free it with g_free alone (not g_strfreev), and free no item. */
char **bp_text_split_ws_packed (const char *s);

G_END_DECLS

#endif
