/* Text helpers shared by the stages: full-width folding, whitespace,
 * classification codes, CJK tests. */
#include "config.h"

#include <dlfcn.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#ifdef HAVE_PCRE2
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif

#include <budgetpipe/text.h>

#include "regex-needs.h"

#define FULLWIDTH_FIRST 0xFF01      /* ！ */
#define FULLWIDTH_LAST 0xFF5E       /* ～ */
#define FULLWIDTH_OFFSET 0xFEE0     /* U+FF01 - U+0021 */
#define IDEOGRAPHIC_SPACE 0x3000

/* Reads the character at P into *C and returns the next position; a byte
 * that is not valid UTF-8 counts as one non-space character, so damaged
 * input never makes us skip past the terminator. */
static inline const char *
next_char_safe (const char *p, gunichar *c)
{
  const guchar *u = (const guchar *) p;
  /* Fast paths for the well-formed sequences that need no range check (2
   * bytes from C2, 3 bytes from E1 but not ED: no overlong form, no
   * surrogate): Chinese text is almost all of them. */
  if (u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80)
    {
      *c = ((gunichar) (u[0] & 0x1F) << 6) | (u[1] & 0x3F);
      return p + 2;
    }
  if (u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED
      && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
    {
      *c = ((gunichar) (u[0] & 0x0F) << 12) | ((gunichar) (u[1] & 0x3F) << 6)
           | (u[2] & 0x3F);
      return p + 3;
    }
  *c = g_utf8_get_char_validated (p, -1);
  if (*c == (gunichar) -1 || *c == (gunichar) -2)
    {
      *c = 0xFFFD;   /* replacement character: neither space nor ASCII */
      return p + 1;
    }
  return g_utf8_next_char (p);
}

/* Copies the ideograph at P to *O and returns TRUE when P holds one of
 * U+4000..U+9FFF (lead bytes E4-E9, well formed): most of a Chinese text,
 * and never a space nor a full-width form, so it needs no decoding. */
static inline gboolean
copy_ideograph (char **o, const char **p)
{
  const guchar *u = (const guchar *) *p;
  if (u[0] < 0xE4 || u[0] > 0xE9 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
    return FALSE;
  char *d = *o;
  d[0] = (char) u[0];
  d[1] = (char) u[1];
  d[2] = (char) u[2];
  *o = d + 3;
  *p += 3;
  return TRUE;
}

/* copy_ideograph of the run of ideographs at P, each while at least three
 * bytes remain before the terminator (END): one four-byte load and store
 * each (the fourth byte, at most the terminator, is within S, and within
 * the output, which is never ahead of P), where most of the cost of
 * squeezing Chinese text went (issue 18). FALSE if P starts none. */
static inline gboolean
copy_ideograph_run (char **o, const char **p, const char *end)
{
  const char *start = *p;
  while (end - *p >= 3)
    {
      guint32 w;
      memcpy (&w, *p, 4);
      guint32 le = GUINT32_FROM_LE (w);
      if ((le & 0xFF) - 0xE4 > 0xE9 - 0xE4 || (le & 0xC0C000) != 0x808000)
        break;
      memcpy (*o, &w, 4);
      *o += 3;
      *p += 3;
    }
  return *p != start;
}

/* Both helpers below only ever shorten the text (a folded character is one
 * byte, a removed one none), so they write into one buffer of the input's
 * size; ASCII bytes are copied without decoding. Bytes that are not valid
 * UTF-8 are copied as is so damaged input survives. */
/* Copies the N (1 to 4) bytes of one character: a call to memcpy per
 * character cost more than the decoding. */
static inline char *
copy_char (char *o, const char *p, gsize n)
{
  do
    *o++ = *p++;
  while (--n);
  return o;
}

char *
bp_text_fullwidth_to_ascii (const char *s)
{
  if (s == NULL)
    return NULL;

  gsize len = strlen (s);
  char *out = g_malloc (len + 1), *o = out;
  const char *end = s + len;
  for (const char *p = s; *p != '\0';)
    {
      if ((guchar) *p < 0x80)
        {
          *o++ = *p++;
          continue;
        }
      if (copy_ideograph_run (&o, &p, end) || copy_ideograph (&o, &p))
        continue;
      gunichar c;
      const char *next = next_char_safe (p, &c);
      if (c >= FULLWIDTH_FIRST && c <= FULLWIDTH_LAST)
        *o++ = (char) (c - FULLWIDTH_OFFSET);
      else if (c == IDEOGRAPHIC_SPACE)
        *o++ = ' ';
      else
        o = copy_char (o, p, next - p);
      p = next;
    }
  *o = '\0';
  return out;
}

/* Whitespace for label comparison: Unicode spaces (ASCII, U+3000, NBSP are
 * all covered by g_unichar_isspace) plus the invisible zero-width space and
 * BOM that PDF extraction leaves between spaced-out characters. */
/* g_unichar_isspace; no Unicode space lies above U+3000, so CJK text skips
 * the table lookup. */
static inline gboolean
is_space (gunichar c)
{
  return c <= 0x3000 && g_unichar_isspace (c);
}

static inline gboolean
is_space_like (gunichar c)
{
  return is_space (c) || c == 0x200B || c == 0xFEFF;
}

/* The ASCII bytes g_unichar_isspace calls space: tab, line feed, form
 * feed, carriage return and the space (not vertical tab). */
static inline gboolean
is_ascii_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Whether text_squeeze may change or drop a character starting with byte
 * B: ASCII white space and control bytes, and the lead bytes of the
 * Unicode spaces (C2: U+0085, U+00A0; E1: U+1680; E2: U+2000-U+205F; E3:
 * U+3000), of the full-width forms and the BOM (EF). Any other byte is
 * copied as it is: a continuation byte never belongs to one of those
 * characters, so a run of such bytes is copied whole. */
static const guint8 squeeze_lead[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static inline gboolean
squeeze_may_change (guchar b)
{
  return squeeze_lead[b];   /* one look-up: the tail of every text asks it */
}

#ifdef __SSE2__
/* Copies the sixteen bytes at P to O (never ahead of P, so within the
 * output) and returns how many of them lead the run squeeze_may_change
 * keeps (16: all): a byte at a time was most of text_squeeze's cost. */
static inline guint
squeeze_copy16 (char *o, const char *p)
{
  __m128i v = _mm_loadu_si128 ((const __m128i *) p);
  _mm_storeu_si128 ((__m128i *) o, v);
  /* unsigned b <= 0x20 as a signed compare of the bytes flipped by 0x80 */
  __m128i hit = _mm_cmplt_epi8 (_mm_xor_si128 (v, _mm_set1_epi8 ((char) 0x80)),
                                _mm_set1_epi8 ((char) (0x21 ^ 0x80)));
  hit = _mm_or_si128 (hit, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xC2)));
  hit = _mm_or_si128 (hit, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xE1)));
  hit = _mm_or_si128 (hit, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xE2)));
  hit = _mm_or_si128 (hit, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xE3)));
  hit = _mm_or_si128 (hit, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ((char) 0xEF)));
  unsigned mask = (unsigned) _mm_movemask_epi8 (hit);
  return mask ? (guint) __builtin_ctz (mask) : 16;
}
#endif

/* S without its spaces, full-width forms folded to ASCII when FOLD: a
 * folded character is never a space except U+3000, and folding only turns
 * whole characters into ASCII, so deciding on the original characters
 * gives the bytes of the two steps one after the other, in one pass and
 * one allocation. Bytes neither step changes are copied without a look at
 * their character. */
/* The squeezed LEN bytes of S written to OUT (room for LEN bytes);
 * returns the end of what was written (no terminating NUL). */
/* (inlined: a call of its own per string cost 1.7 M instructions per pass) */
G_ALWAYS_INLINE static inline char *
text_squeeze_to (const char *s, gsize len, char *out, gboolean fold)
{
  char *o = out;
  const char *end = s + len;
  for (const char *p = s; p < end;)
    {
#ifdef __SSE2__
      if (end - p >= 16)
        {
          guint kept = squeeze_copy16 (o, p);
          o += kept;
          p += kept;
          if (kept == 16)
            continue;
        }
      else
#endif
        {
          while (p < end && !squeeze_may_change ((guchar) *p))
            *o++ = *p++;
          if (p == end)
            break;
        }
      /* *p may change */
      if ((guchar) *p < 0x80)
        {
          if (!is_ascii_space ((guchar) *p))
            *o++ = *p;
          p++;
          continue;
        }
      gunichar c;
      const char *next = next_char_safe (p, &c);
      if (fold && c >= FULLWIDTH_FIRST && c <= FULLWIDTH_LAST)
        *o++ = (char) (c - FULLWIDTH_OFFSET);
      else if (!is_space_like (c))   /* U+3000 included; damaged bytes kept */
        o = copy_char (o, p, next - p);
      p = next;
    }
  return o;
}

static char *
text_squeeze (const char *s, gboolean fold)
{
  if (s == NULL)
    return NULL;
  gsize len = strlen (s);
  char *out = g_malloc (len + 1);
  *text_squeeze_to (s, len, out, fold) = '\0';
  return out;
}

/* Appends text_squeeze (S, FOLD) to OUT without a string of its own. */
G_ALWAYS_INLINE static inline void
text_squeeze_append (GString *out, const char *s, gboolean fold)
{
  gsize len = strlen (s), at = out->len;
  g_string_set_size (out, at + len);
  char *end = text_squeeze_to (s, len, out->str + at, fold);
  g_string_truncate (out, (gsize) (end - out->str));
}

void
bp_text_compact_append (GString *out, const char *s)
{
  text_squeeze_append (out, s, TRUE);
}

char *
bp_text_compact_to (const char *s, gsize len, char *out)
{
  return text_squeeze_to (s, len, out, TRUE);
}

void
bp_text_strip_spaces_append (GString *out, const char *s)
{
  text_squeeze_append (out, s, FALSE);
}

char *
bp_text_strip_spaces (const char *s)
{
  return text_squeeze (s, FALSE);
}

/* bp_text_strip_spaces (bp_text_fullwidth_to_ascii (S)). */
char *
bp_text_compact (const char *s)
{
  return text_squeeze (s, TRUE);
}

/* The ASCII digit C folds to, or -1: '0'-'9' and the full-width ０-９. */
static int
folded_digit (const char **p)
{
  const guchar *u = (const guchar *) *p;
  if (g_ascii_isdigit (u[0]))
    {
      (*p)++;
      return u[0];
    }
  /* U+FF10..U+FF19 are EF BC 90..99 in UTF-8. */
  if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
    {
      *p += 3;
      return '0' + (u[2] - 0x90);
    }
  return -1;
}

/* Length of the space at P that g_strstrip would remove once full-width
 * text is folded: ASCII white space and U+3000 (E3 80 80); 0 if none. */
static int
folded_space_len (const char *p)
{
  const guchar *u = (const guchar *) p;
  if (u[0] && g_ascii_isspace (u[0]))
    return 1;
  return u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
}

/* Functional codes (2xx, 2xxxx, 2xxxxxx: 类/款/项) and economic codes
 * (3xx, 3xxxx: 类/款). Other lengths are years, counts or amounts.
 * The same answer as folding S to ASCII and stripping it, read in place:
 * every table rule asks this of every row, so it must not allocate. */
/* g_ascii_isdigit without its table look-up. */
static inline gboolean
is_ascii_digit (guchar c)
{
  return (guint) (c - '0') < 10;
}

/* Whether a code of LEN digits starting with FIRST is a class code. */
static inline gboolean
class_code_shape (int first, gsize len)
{
  if (first == '2')
    return len == 3 || len == 5 || len == 7;
  if (first == '3')
    return len == 3 || len == 5;
  return FALSE;
}

gboolean
bp_text_is_class_code (const char *s)
{
  if (s == NULL)
    return FALSE;
  const guchar *u = (const guchar *) s;
  /* Most cells: a label, whose first byte starts neither a space nor a
   * digit (those start with ASCII, E3 or EF), or plain ASCII digits. */
  if (u[0] >= 0x80 && u[0] != 0xE3 && u[0] != 0xEF)
    return FALSE;
  if (is_ascii_digit (u[0]))
    {
      gsize n = 1;
      while (is_ascii_digit (u[n]))
        n++;
      if (u[n] == '\0')
        return class_code_shape (u[0], n);
      /* after the digits only more (full-width) digits or spaces may
       * come: any other ASCII byte (a figure's ',' or '.') ends it */
      if (u[n] < 0x80 && !g_ascii_isspace (u[n]))
        return FALSE;
    }
  const char *p = s;
  for (int n; (n = folded_space_len (p));)
    p += n;
  int first = -1, d;
  gsize len = 0;
  while ((d = folded_digit (&p)) >= 0)
    {
      if (!len)
        first = d;
      len++;
    }
  for (int n; (n = folded_space_len (p));)
    p += n;
  if (*p != '\0' || len == 0)
    return FALSE;
  return class_code_shape (first, len);
}

gboolean
bp_text_is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF)       /* CJK Unified Ideographs */
      || (c >= 0x3400 && c <= 0x4DBF)       /* Extension A */
      || (c >= 0xF900 && c <= 0xFAFF)       /* Compatibility Ideographs */
      || (c >= 0x20000 && c <= 0x2EBEF)     /* Extensions B-F */
      || (c >= 0x2F800 && c <= 0x2FA1F)     /* Compatibility Supplement */
      || (c >= 0x30000 && c <= 0x323AF)     /* Extensions G-H */
      || c == 0x3007;                       /* 〇, as in 二〇二四年 */
}

/* Items end at any Unicode whitespace: ASCII space, tab, U+3000, NBSP and
 * line breaks all separate cells in extracted PDF text. */
/* The character after P, and in *SPACE whether P's is a space (is_space):
 * ASCII and CJK ideographs without decoding. */
static inline const char *
next_char_space (const char *p, gboolean *space)
{
  const guchar *u = (const guchar *) p;
  if (u[0] < 0x80)
    {
      *space = is_ascii_space (u[0]);
      return p + 1;
    }
  *space = FALSE;
  if (u[0] >= 0xE4 && u[0] <= 0xE9 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
    return p + 3;
  gunichar c;
  const char *next = next_char_safe (p, &c);
  *space = is_space (c);
  return next;
}

/* Items a line is split into before a GArray takes them: most lines have
 * a few, and a GPtrArray per line cost more than the copies (issue 18). */
#define SPLIT_WS_ON_STACK 32

typedef struct {
  const char *start;
  gsize len;
} SplitSpan;

/* Span I of those kept in STACK (the first SPLIT_WS_ON_STACK) and MORE. */
static inline const SplitSpan *
split_span_at (const SplitSpan *stack, GArray *more, guint i)
{
  return i < SPLIT_WS_ON_STACK ? &stack[i]
                               : &g_array_index (more, SplitSpan, i - SPLIT_WS_ON_STACK);
}

/* The N spans (the first SPLIT_WS_ON_STACK in STACK, the rest in MORE)
 * as a NULL-terminated vector of copies. */
static char **
split_spans_strv (const SplitSpan *stack, GArray *more, guint n)
{
  char **items = g_new (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const SplitSpan *span = split_span_at (stack, more, i);
      items[i] = g_strndup (span->start, span->len);
    }
  items[n] = NULL;
  return items;
}

/* P past the spaces from P on (at the NUL when only spaces follow). */
static inline const char *
skip_spaces (const char *p)
{
  for (;;)
    {
      guchar b = (guchar) *p;
      if (b < 0x80)
        {
          if (!is_ascii_space (b))
            return p;
          p++;
          continue;
        }
      gboolean space;
      const char *next = next_char_space (p, &space);
      if (!space)
        return p;
      p = next;
    }
}

/* P past the characters other than spaces from P on: a word's end. */
static inline const char *
skip_word (const char *p)
{
  for (;;)
    {
      const guchar *u = (const guchar *) p;
      if (u[0] < 0x80)
        {
          if (u[0] == '\0' || is_ascii_space (u[0]))
            return p;
          p++;
          continue;
        }
      gboolean space;
      const char *next = next_char_space (p, &space);
      if (space)
        return p;
      p = next;
    }
}

/* The whitespace-separated items of S as spans: the first
 * SPLIT_WS_ON_STACK in STACK, the rest in *MORE (made when needed);
 * returns how many. */
static guint
split_ws_spans (const char *s, SplitSpan *stack, GArray **more)
{
  guint n = 0;
  const char *p = s ? s : "";
  for (;;)
    {
      const char *start = skip_spaces (p);
      if (*start == '\0')
        return n;
      p = skip_word (start);
      SplitSpan span = { start, (gsize) (p - start) };
      if (n < SPLIT_WS_ON_STACK)
        stack[n] = span;
      else
        {
          if (!*more)
            *more = g_array_new (FALSE, FALSE, sizeof (SplitSpan));
          g_array_append_val (*more, span);
        }
      n++;
    }
}

char **
bp_text_split_ws (const char *s)
{
  SplitSpan stack[SPLIT_WS_ON_STACK];
  g_autoptr (GArray) more = NULL;
  guint n = split_ws_spans (s, stack, &more);
  return split_spans_strv (stack, more, n);
}

char **
bp_text_split_ws_packed (const char *s)
{
  SplitSpan stack[SPLIT_WS_ON_STACK];
  g_autoptr (GArray) more = NULL;
  guint n = split_ws_spans (s, stack, &more);
  gsize bytes = 0;
  for (guint i = 0; i < n; i++)
    bytes += split_span_at (stack, more, i)->len + 1;
  char **items = g_malloc ((n + 1) * sizeof (char *) + bytes);
  char *o = (char *) (items + n + 1);
  for (guint i = 0; i < n; i++)
    {
      const SplitSpan *span = split_span_at (stack, more, i);
      items[i] = o;
      memcpy (o, span->start, span->len);
      o += span->len;
      *o++ = '\0';
    }
  items[n] = NULL;
  return items;
}

/* A pattern compiled once and the literals one of which every match of it
 * contains (regex-needs.c): a text without them cannot match.
 *
 * A match that needs no GMatchInfo goes to PCRE2 directly: GLib allocates
 * a GMatchInfo, a match context and match data on every g_regex_match
 * (some 1,100 instructions above the match itself, issue 18). CODE is the
 * pattern compiled exactly as GLib's GRegex compiles it (see
 * compile_as_gregex), matched with the options GLib matches with, so the
 * answer is the same; when PCRE2 reports an error (a limit) GLib answers.
 * The GRegex itself is made only when a caller asks for one. */
typedef struct {
  char *pattern;      /* the cache's copy, its key */
  GRegex *re;         /* NULL until needed: entry_gregex */
  BpRegexNeeds *needs;   /* of bp_regex_needs_of_pattern */
#ifdef HAVE_PCRE2
  pcre2_code *code;   /* NULL: match through RE */
  gboolean jit;       /* CODE is JIT-compiled, as GRegex does when it can */
#endif
  gint info_asked;     /* matches asked with a GMatchInfo (counted up to */
  gint info_matched;   /* INFO_COUNTED) and how many of them matched */
} RegexEntry;

static GMutex regex_lock;
static GHashTable *regex_cache;   /* pattern (the entry's) → RegexEntry */

#ifdef HAVE_PCRE2
/* GLib 2.74 and later compile with PCRE2 (2.73 was its development series;
 * earlier ones use PCRE1, whose reading of a pattern may differ) and set
 * no limits on the match context. Checked at run time: the GLib loaded. */
static gboolean
glib_uses_pcre2 (void)
{
  return glib_check_version (2, 74, 0) == NULL;
}

/* PATTERN as g_regex_new (PATTERN, G_REGEX_OPTIMIZE, 0) compiles it: UTF-8
 * without checks, Unicode properties, any newline, \R any Unicode line
 * break, then the JIT (*JIT when it compiled). NULL when PCRE2 refuses it. */
static pcre2_code *
compile_as_gregex (const char *pattern, gboolean *jit)
{
  pcre2_compile_context *cc = pcre2_compile_context_create (NULL);
  pcre2_set_newline (cc, PCRE2_NEWLINE_ANY);
  pcre2_set_bsr (cc, PCRE2_BSR_UNICODE);
  int err;
  PCRE2_SIZE offset;
  pcre2_code *code = pcre2_compile ((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_NO_UTF_CHECK | PCRE2_UCP,
                                    &err, &offset, cc);
  pcre2_compile_context_free (cc);
  *jit = code && pcre2_jit_compile (code, PCRE2_JIT_COMPLETE) == 0;
  return code;
}

static pcre2_match_data *thread_match_data (void);
#endif

/* PATTERN's GRegex, or NULL with GLib's message when it is invalid. */
static GRegex *
gregex_new (const char *pattern)
{
  g_autoptr (GError) error = NULL;
  GRegex *re = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);
  if (!re)
    g_critical ("bad pattern %s: %s", pattern, error->message);
  return re;
}

static void
regex_entry_free (RegexEntry *e)
{
  g_free (e->pattern);
  if (e->re)
    g_regex_unref (e->re);
#ifdef HAVE_PCRE2
  pcre2_code_free (e->code);
#endif
  bp_regex_needs_free (e->needs);
  g_free (e);
}

/* NULL when PATTERN is invalid (with GLib's message, as before). */
static RegexEntry *
regex_entry_new (const char *pattern)
{
  RegexEntry *e = g_new0 (RegexEntry, 1);
  gboolean compiled = FALSE;
#ifdef HAVE_PCRE2
  if (glib_uses_pcre2 ())
    compiled = (e->code = compile_as_gregex (pattern, &e->jit)) != NULL;
#endif
  if (!compiled)
    compiled = (e->re = gregex_new (pattern)) != NULL;
  if (!compiled)
    return (regex_entry_free (e), NULL);
  e->pattern = g_strdup (pattern);
  e->needs = bp_regex_needs_of (pattern);
  return e;
}

/* A pattern's hash, eight bytes a step: patterns built afresh for each
 * call are looked up by their text, and g_str_hash's byte a step over
 * long patterns was most of a look-up (issue 18). */
static guint
pattern_hash (gconstpointer key)
{
  const char *s = key;
  gsize n = strlen (s);
  const guint64 k = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  guint64 h = n * k, w;
  for (; n >= 8; n -= 8, s += 8)
    {
      memcpy (&w, s, 8);
      h = (h ^ w) * k;
      h ^= h >> 29;
    }
  w = 0;
  memcpy (&w, s, n);
  h = (h ^ w) * k;
  return (guint) (h ^ (h >> 32));
}

/* The cache's entry for PATTERN, compiled and added when COMPILE. */
static RegexEntry *
regex_cache_lookup (const char *pattern, gboolean compile)
{
  g_mutex_lock (&regex_lock);
  if (!regex_cache)
    regex_cache = g_hash_table_new_full (pattern_hash, g_str_equal, NULL,
                                         (GDestroyNotify) regex_entry_free);
  RegexEntry *e = g_hash_table_lookup (regex_cache, pattern);
  if (!e && compile && (e = regex_entry_new (pattern)))
    g_hash_table_insert (regex_cache, e->pattern, e);
  g_mutex_unlock (&regex_lock);
  return e;
}

/* E's GRegex, made on first need (once: under the lock); NULL when its
 * pattern is invalid. */
static GRegex *
entry_gregex (RegexEntry *e)
{
  GRegex *re = g_atomic_pointer_get (&e->re);
  if (re)
    return re;
  g_mutex_lock (&regex_lock);
  if (!(re = e->re))
    {
      re = gregex_new (e->pattern);
      g_atomic_pointer_set (&e->re, re);
    }
  g_mutex_unlock (&regex_lock);
  return re;
}

#ifdef HAVE_PCRE2
/* One match of E's code in S (LEN bytes) from POS into MD, with GRegex's
 * match options (no UTF check) and a default context: JIT when compiled. */
static int
entry_pcre2_match (const RegexEntry *e, const char *s, gsize len, gsize pos,
                   pcre2_match_data *md)
{
  return e->jit ? pcre2_jit_match (e->code, (PCRE2_SPTR) s, len, pos,
                                   PCRE2_NO_UTF_CHECK, md, NULL)
                : pcre2_match (e->code, (PCRE2_SPTR) s, len, pos,
                               PCRE2_NO_UTF_CHECK, md, NULL);
}
#endif

/* Whether E matches S (LEN bytes), asked of PCRE2 directly: 1 or 0, -1
 * when it cannot tell (no code of its own, or an error such as the match
 * limit: then GLib's own match decides, whatever it does with the error). */
static int
entry_match_direct (RegexEntry *e, const char *s, gsize len)
{
#ifdef HAVE_PCRE2
  if (e->code && s)
    {
      int rc = entry_pcre2_match (e, s, len, 0, thread_match_data ());
      if (rc >= 0)
        return 1;
      if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    }
#endif
  return -1;
}

/* How many matches with a GMatchInfo are counted to learn whether a
 * pattern mostly fails (entry_match_info) before it is asked PCRE2 first,
 * and up to which count. */
#define INFO_LEARNED 32
#define INFO_COUNTED 4096

/* g_regex_match (E's GRegex, S, 0, INFO) for a caller that wants INFO.
 * GLib's match info set-up costs some 650 instructions beyond the match;
 * a text that does not match needs none, and PCRE2 alone answers it (as
 * entry_match_direct: then *INFO stays NULL, as after the literals'
 * test). A text that matches is matched twice that way, at some 1,200
 * instructions on the patterns that ask for an info: PCRE2 is asked first
 * only for a pattern seen to match at most a quarter of the texts. Either
 * way the answer and the match info are GLib's own. */
static gboolean
entry_match_info (RegexEntry *e, const char *s, gsize len, GMatchInfo **info)
{
  gint asked = g_atomic_int_get (&e->info_asked);
  gint matched = g_atomic_int_get (&e->info_matched);
  gboolean fails_mostly = asked >= INFO_LEARNED && matched <= asked / 4;
  gboolean ok;
  if (fails_mostly && entry_match_direct (e, s, len) == 0)
    ok = FALSE;
  else
    {
      GRegex *re = entry_gregex (e);
      ok = re && g_regex_match (re, s, 0, info);
    }
  if (asked < INFO_COUNTED)
    {
      g_atomic_int_inc (&e->info_asked);
      if (ok)
        g_atomic_int_inc (&e->info_matched);
    }
  return ok;
}

/* S with every match of E removed, asked of PCRE2 directly, stepping
 * through the matches as g_match_info_next does for g_regex_replace: a
 * search starts where the last match ended, or a character on when that
 * match was empty and ended where its search began, and a match the same
 * as the last one is skipped. Empty matches were left to GLib before
 * (each a match and a replacement through it, issue 18). NULL when PCRE2
 * cannot tell (as entry_match_direct) or a match starts before the end of
 * the last one (then GLib decides). */
static char *
entry_remove_direct (RegexEntry *e, const char *s, gsize len)
{
#ifdef HAVE_PCRE2
  if (!e->code || !s)
    return NULL;
  pcre2_match_data *md = thread_match_data ();
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer (md);
  gsize pos = 0, kept = 0;   /* the next search's start; S's first byte not yet copied */
  PCRE2_SIZE last[2] = { PCRE2_UNSET, PCRE2_UNSET };
  /* removing only shortens S: one buffer of its size, made at the first
   * match (most texts hold none: then a plain copy) */
  char *out = NULL, *o = NULL;
  while (pos <= len)
    {
      int rc = entry_pcre2_match (e, s, len, pos, md);
      if (rc == PCRE2_ERROR_NOMATCH)
        break;
      if (rc < 0 || ov[0] > ov[1] || ov[0] < kept)
        return (g_free (out), NULL);
      pos = ov[1] == pos ? (gsize) (g_utf8_next_char (s + pos) - s) : ov[1];
      if (ov[0] == last[0] && ov[1] == last[1])
        continue;
      last[0] = ov[0];
      last[1] = ov[1];
      if (!out)
        o = out = g_malloc (len + 1);
      memcpy (o, s + kept, ov[0] - kept);
      o += ov[0] - kept;
      kept = ov[1];
    }
  if (!out)
    return g_memdup2 (s, len + 1);
  memcpy (o, s + kept, len - kept);
  o[len - kept] = '\0';
  return out;
#else
  (void) len;
  return NULL;
#endif
}

/* Most patterns are string literals asked for again and again: a small
 * per-thread table keyed by the pattern's address answers them without the
 * lock and without hashing the whole pattern (g_str_hash over long patterns
 * was 5 % of a run). The address alone proves nothing (a freed string's
 * address is reused), so the pattern text is compared too, unless it is a
 * string literal: strcmp of a long pattern on every call was 3 % of a run.
 * The shared cache never frees an entry. */
#define REGEX_SETS_BITS 10
#define REGEX_SETS (1u << REGEX_SETS_BITS)
typedef enum {
  PATTERN_UNCHECKED,   /* seen once: whether it is a literal not yet asked */
  PATTERN_LITERAL,     /* lies in a loaded object's image */
  PATTERN_HEAP         /* may be freed and its address reused */
} PatternKind;
typedef struct {
  const char *pattern;
  RegexEntry *entry;   /* NULL: PATTERN is not in the cache (looked up
                        * without compiling: a GRegex not the cache's) */
  PatternKind kind;
} RegexSlot;

/* TRUE when P points into the image of the program or of a loaded library
 * or plugin (a string literal): never freed nor changed, as plugins stay
 * resident (plugin-loader.c), so the address alone names the text. */
static gboolean
address_is_in_image (const void *p)
{
  Dl_info info;
  return dladdr (p, &info) != 0 && info.dli_fbase != NULL;
}

/* E's pattern is PATTERN: the same address (the entry's or its GRegex's
 * own copy, as bp_regex_remove asks) or the same text. */
static inline gboolean
entry_pattern_is (RegexEntry *e, const char *pattern)
{
  GRegex *re = g_atomic_pointer_get (&e->re);
  return e->pattern == pattern || (re && g_regex_get_pattern (re) == pattern)
         || strcmp (e->pattern, pattern) == 0;
}

/* Whether SLOT answers PATTERN (asked with COMPILE). A pattern built
 * afresh for each call is seen once at each address: dladdr (about 1,000
 * instructions) is asked only at the second use of an address. A slot
 * without an entry answers only lookups that would not compile: the
 * pattern may be compiled into the cache later, and a stale "absent" then
 * only sends the caller to GLib's own (same) answer. */
static inline gboolean
slot_answers (RegexSlot *slot, const char *pattern, gboolean compile)
{
  if (slot->pattern != pattern)
    return FALSE;
  if (!slot->entry)
    return !compile;
  if (slot->kind == PATTERN_LITERAL)
    return TRUE;
  if (!entry_pattern_is (slot->entry, pattern))
    return FALSE;
  if (slot->kind == PATTERN_UNCHECKED)
    slot->kind = address_is_in_image (pattern) ? PATTERN_LITERAL : PATTERN_HEAP;
  return TRUE;
}

/* A thread's own regex state. The slot table is two-way: a pattern whose
 * set another hot pattern also falls in stays there (direct-mapped, two
 * such patterns missed in turn: each miss a hash of the pattern, the lock
 * and a dladdr, and which patterns collided changed with the code's
 * layout). The way last used is kept first. */
typedef struct {
  RegexSlot sets[REGEX_SETS][2];
#ifdef HAVE_PCRE2
  pcre2_match_data *md;   /* NULL until the first direct match */
#endif
} RegexThread;

static void
regex_thread_free (gpointer data)
{
  RegexThread *t = data;
#ifdef HAVE_PCRE2
  pcre2_match_data_free (t->md);
#endif
  g_free (t);
}

/* This thread's state: on the heap, its address in initial-exec TLS (eight
 * bytes of the static TLS block, which a library loaded later also gets
 * from the surplus). A _Thread_local table in a shared library cost a
 * __tls_get_addr call on every look-up, and a GPrivate for the match data
 * a g_private_get on every match (issue 18). */
static RegexThread *
thread_regex (void)
{
#if defined (__GNUC__) && defined (__ELF__)
  static __thread RegexThread *t __attribute__ ((tls_model ("initial-exec")));
#else
  static _Thread_local RegexThread *t;
#endif
  if (G_UNLIKELY (!t))
    {
      static GPrivate key = G_PRIVATE_INIT (regex_thread_free);
      t = g_new0 (RegexThread, 1);
      g_private_set (&key, t);
    }
  return t;
}

#ifdef HAVE_PCRE2
/* This thread's match data, reused by every match: one pair of offsets is
 * enough to tell a match (PCRE2 returns 0 then), and the interpreter keeps
 * its backtracking frames in it between calls. */
static pcre2_match_data *
thread_match_data (void)
{
  RegexThread *t = thread_regex ();
  if (G_UNLIKELY (!t->md))
    t->md = pcre2_match_data_create (1, NULL);
  return t->md;
}
#endif

static RegexEntry *
regex_entry (const char *pattern, gboolean compile)
{
  RegexSlot (*sets)[2] = thread_regex ()->sets;
  /* Fibonacci hashing: literals a few bytes apart spread over the table. */
  guint64 h = (guint64) (guintptr) pattern * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  RegexSlot *way = sets[h >> (64 - REGEX_SETS_BITS)];
  if (slot_answers (&way[0], pattern, compile))
    return way[0].entry;
  if (slot_answers (&way[1], pattern, compile))
    {
      RegexSlot hit = way[1];
      way[1] = way[0];
      way[0] = hit;
      return hit.entry;
    }
  RegexEntry *e = regex_cache_lookup (pattern, compile);
  way[1] = way[0];
  way[0] = (RegexSlot) { pattern, e, PATTERN_UNCHECKED };
  return e;
}

GRegex *
bp_regex (const char *pattern)
{
  RegexEntry *e = regex_entry (pattern, TRUE);
  return e ? entry_gregex (e) : NULL;
}

gboolean
bp_regex_is_valid (const char *pattern)
{
  return regex_entry (pattern, TRUE) != NULL;
}

gboolean
bp_regex_match (const char *pattern, const char *s, GMatchInfo **info)
{
  gboolean valid;
  return bp_regex_match_checked (pattern, s, info, &valid);
}

gboolean
bp_regex_match_checked (const char *pattern, const char *s, GMatchInfo **info,
                        gboolean *valid)
{
  RegexEntry *e = regex_entry (pattern, TRUE);
  *valid = e != NULL;
  if (info)
    *info = NULL;
  gsize len = s ? strlen (s) : 0;
  if (!e || !bp_regex_needs_hold (e->needs, s, len))
    return FALSE;
  if (info)
    return entry_match_info (e, s, len, info);
  int direct = entry_match_direct (e, s, len);
  if (direct >= 0)
    return direct;
  GRegex *re = entry_gregex (e);
  return re && g_regex_match (re, s, 0, NULL);
}

/* The cache's entry that matches as RE does: RE's own, or that of RE's
 * pattern when RE reports the flags that the entry's GRegex reports
 * (plugins that keep their own GRegex make it as the cache makes its
 * own, g_regex_new (pattern, G_REGEX_OPTIMIZE, 0): each removal through
 * GLib cost a match and a replacement, issue 18). NULL for any other
 * GRegex. A pattern not yet in the cache is added when it compiles so
 * (asked quietly first: the cache would report a bad pattern). */
static RegexEntry *
regex_entry_of (GRegex *re)
{
  if (!re)
    return NULL;
  const char *pattern = g_regex_get_pattern (re);
  RegexEntry *e = regex_entry (pattern, FALSE);
  if (e && g_atomic_pointer_get (&e->re) == re)
    return e;
  if (!e)
    {
      GRegex *probe = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
      if (!probe)
        return NULL;
      g_regex_unref (probe);
      if (!(e = regex_entry (pattern, TRUE)))
        return NULL;
    }
  GRegex *own = entry_gregex (e);
  return own && g_regex_get_compile_flags (re) == g_regex_get_compile_flags (own)
         && g_regex_get_match_flags (re) == g_regex_get_match_flags (own) ? e : NULL;
}

char *
bp_regex_remove (GRegex *re, const char *s)
{
  g_autoptr (GError) error = NULL;
  RegexEntry *e = regex_entry_of (re);
  gsize len = s ? strlen (s) : 0;
  if (re && !bp_regex_needs_hold (e ? e->needs : NULL, s, len))
    return g_memdup2 (s, len + 1);
  char *direct = e ? entry_remove_direct (e, s, len) : NULL;
  if (direct)
    return direct;
  /* Most texts hold no match: a plain match answers them without the
   * replacement's string building (its copy of S is what it returns). */
  if (re && !g_regex_match_full (re, s, -1, 0, 0, NULL, &error) && !error)
    return g_strdup (s);
  char *out = re && !error ? g_regex_replace_literal (re, s, -1, 0, "", 0, &error) : NULL;
  if (out)
    return out;
  /* PCRE2 gives up (match or depth limit) on pathological input; keeping
   * the text unchanged is safer than losing it. */
  g_debug ("regex %s not applied: %s", re ? g_regex_get_pattern (re) : "(none)",
           error ? error->message : "no pattern");
  return g_strdup (s);
}
