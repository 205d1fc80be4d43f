/* What every match of a pattern contains: a text without any of a few
 * literals cannot match, and strstr answers that for a fraction of a
 * g_regex_match (which allocates a GMatchInfo and PCRE2 match data on
 * every call). Only a plain reading of each top-level alternative is
 * done: items that may match nothing (zero-width assertions, items under
 * a quantifier that allows no repeat) are passed over, and of the
 * mandatory literals, groups of literal alternatives and classes of
 * literal characters the one with the fewest literals is kept. A
 * construct this reading does not follow (quoting, comments, inline
 * options other than a leading (?s), (?m) or (?U)) ends the reading of
 * an alternative; with no literal before it, the regex always runs. */
#include "config.h"

#include <string.h>

#include "regex-needs.h"

#define METACHARS "\\^$.|?*+()[]{}"

/* Rough costs that choose between a pass over the text and one strstr per
 * literal (instructions, measured with callgrind on the bundled corpus). */
#define NEEDS_SCAN_BYTE_COST 5
#define NEEDS_STRSTR_CALL_COST 60

/* Length of the class starting at the '[' at P, or 0 when it does not
 * end: ']' first (or after '^') is a member, "[:name:]" is skipped whole. */
static gsize
class_len (const char *p)
{
  const char *q = p + 1;
  if (*q == '^')
    q++;
  if (*q == ']')
    q++;
  for (; *q && *q != ']'; q++)
    {
      if (*q == '\\' && q[1])
        q++;
      else if (q[0] == '[' && q[1] == ':')
        {
          const char *close = strstr (q + 2, ":]");
          if (!close)
            return 0;
          q = close + 1;
        }
    }
  return *q ? (gsize) (q - p) + 1 : 0;
}

/* Splits PATTERN at its top-level '|' into (start, end) pairs in BOUNDS;
 * FALSE on a construct this reading does not follow. */
static gboolean
split_alternatives (const char *pattern, GArray *bounds)
{
  int depth = 0;
  const char *start = pattern;
  for (const char *p = pattern;; p++)
    {
      if (*p == '\0' || (*p == '|' && depth == 0))
        {
          const char *pair[2] = { start, p };
          g_array_append_vals (bounds, pair, 2);
          if (*p == '\0')
            return depth == 0;
          start = p + 1;
        }
      else if (*p == '\\')
        {
          if (p[1] == 'Q' || p[1] == '\0')
            return FALSE;
          p++;
        }
      else if (*p == '[')
        {
          gsize n = class_len (p);
          if (n == 0)
            return FALSE;
          p += n - 1;
        }
      else if (*p == '(')
        {
          if (p[1] == '?' && (p[2] == '#' || g_ascii_isalpha (p[2])))
            return FALSE;
          depth++;
        }
      else if (*p == ')')
        depth--;
    }
}

/* TRUE when the quantifier at P (if any) allows zero repeats: '?', '*'
 * or a '{' not followed by a count from 1 ("{2}", "{1,3}" keep it). */
static gboolean
is_optional (const char *p)
{
  return *p == '?' || *p == '*' || (*p == '{' && !(p[1] >= '1' && p[1] <= '9'));
}

/* The literal at [P, END) up to the first metacharacter, without its last
 * character when a quantifier follows it. */
static gboolean
add_leading_literal (const char *p, const char *end, GPtrArray *needs)
{
  const char *q = p;
  while (q < end && !strchr (METACHARS, *q))
    q++;
  if (q < end && (is_optional (q) || *q == '+' || *q == '{') && q > p)
    q = g_utf8_find_prev_char (p, q);
  if (q == NULL || q == p)
    return FALSE;
  g_ptr_array_add (needs, g_strndup (p, q - p));
  return TRUE;
}

/* "(?:A|B|C)" or "(A|B|C)" of plain literals at P, not made optional by a
 * quantifier. */
static gboolean
add_group_literals (const char *p, const char *end, GPtrArray *needs)
{
  const char *q;
  if (g_str_has_prefix (p, "(?:"))
    q = p + 3;
  else if (p[1] != '?' && p[1] != '*')
    q = p + 1;
  else
    return FALSE;
  const char *item = q;
  for (; q < end && *q != ')'; q++)
    if (*q == '|')
      {
        if (q == item)
          return FALSE;
        g_ptr_array_add (needs, g_strndup (item, q - item));
        item = q + 1;
      }
    else if (strchr (METACHARS, *q))
      return FALSE;
  if (q >= end || q == item || (q + 1 < end && is_optional (q + 1)))
    return FALSE;
  g_ptr_array_add (needs, g_strndup (item, q - item));
  return TRUE;
}

/* Adds the characters of the ASCII range "A-B" at Q (B - A < 16, as
 * "0-9"); FALSE when Q holds no such range. */
static gboolean
add_ascii_range (const char *q, GPtrArray *needs)
{
  guchar a = q[0], b = q[2];
  if (q[1] != '-' || a >= 0x80 || b >= 0x80 || b < a || b - a >= 16
      || !g_ascii_isalnum (a) || !g_ascii_isalnum (b))
    return FALSE;
  for (guint c = a; c <= b; c++)
    g_ptr_array_add (needs, g_strdup_printf ("%c", c));
  return TRUE;
}

/* "[abc]" of plain characters, escaped ASCII punctuation or short ASCII
 * ranges ("[0-9]") at P, not made optional by a quantifier: each
 * character is a literal. */
static gboolean
add_class_literals (const char *p, const char *end, GPtrArray *needs)
{
  const char *q = p + 1;
  if (*q == '^' || *q == ']')
    return FALSE;
  while (q < end && *q != ']')
    {
      if (q + 3 < end && add_ascii_range (q, needs))
        {
          q += 3;
          continue;
        }
      if (*q == '\\' && g_ascii_ispunct (q[1]))
        q++;
      else if (strchr ("[-\\", *q))
        return FALSE;
      const char *next = g_utf8_next_char (q);
      g_ptr_array_add (needs, g_strndup (q, next - q));
      q = next;
    }
  return q < end && !(q + 1 < end && is_optional (q + 1));
}

/* Length of the escape at P ('\\'): "\x{…}", "\p{…}" and the like
 * whole, digits (a back reference or octal code), "\xhh", "\cX". */
static gsize
escape_len (const char *p, const char *end)
{
  const char *q = p + 2;
  if (q > end)
    return 0;
  if (q < end && *q == '{' && strchr ("xopPNgk", p[1]))
    {
      while (q < end && *q != '}')
        q++;
      return q < end ? (gsize) (q + 1 - p) : 0;
    }
  if (g_ascii_isdigit (p[1]))
    while (q < end && g_ascii_isdigit (*q))
      q++;
  else if (p[1] == 'x')
    for (int n = 0; n < 2 && q < end && g_ascii_isxdigit (*q); n++)
      q++;
  else if (p[1] == 'c' && q < end)
    q++;
  else if (p[1] == 'g' || p[1] == 'k')
    return 0;   /* a back reference by name or relative number */
  else if ((guchar) p[1] >= 0x80)
    q = g_utf8_next_char (p + 1);
  return (gsize) (q - p);
}

/* Length of the group at P ('('), to its closing ')', or 0. */
static gsize
group_len (const char *p, const char *end)
{
  int depth = 0;
  for (const char *q = p; q < end; q++)
    if (*q == '\\')
      {
        gsize n = escape_len (q, end);
        if (n == 0)
          return 0;
        q += n - 1;
      }
    else if (*q == '[')
      {
        gsize n = class_len (q);
        if (n == 0)
          return 0;
        q += n - 1;
      }
    else if (*q == '(')
      depth++;
    else if (*q == ')' && --depth == 0)
      return (gsize) (q + 1 - p);
  return 0;
}

/* The quantifier at P, if any ('?', '*', '+', "{n,m}", then a lazy '?' or
 * possessive '+'): its length, and whether it allows no repeat. */
static gsize
quantifier_len (const char *p, const char *end, gboolean *optional)
{
  const char *q = p;
  *optional = FALSE;
  if (q < end && (*q == '?' || *q == '*' || *q == '+'))
    *optional = *q++ != '+';
  else if (q < end && *q == '{')
    {
      const char *d = q + 1;
      while (d < end && (g_ascii_isdigit (*d) || *d == ','))
        d++;
      if (d == q + 1 || d >= end || *d != '}')
        return 0;
      *optional = q[1] == '0' || q[1] == ',';
      q = d + 1;
    }
  else
    return 0;
  if (q < end && (*q == '?' || *q == '+'))
    q++;
  return (gsize) (q - p);
}

/* The item at P (a character, escape, class or group, with its
 * quantifier): its end, and whether it may match nothing; NULL when this
 * reading does not follow it. */
static const char *
item_end (const char *p, const char *end, gboolean *maybe_empty)
{
  gsize n;
  gboolean zero_width = FALSE;
  if (*p == '\\')
    {
      n = escape_len (p, end);
      zero_width = p[1] != '\0' && strchr ("bBAzZGK", p[1]) != NULL;
    }
  else if (*p == '[')
    n = class_len (p);
  else if (*p == '(')
    {
      if (p[1] == '*' || (p[1] == '?' && !strchr (":>|=!<", p[2])))
        return NULL;
      zero_width = p[1] == '?' && (p[2] == '=' || p[2] == '!'
                                   || (p[2] == '<' && (p[3] == '=' || p[3] == '!')));
      n = group_len (p, end);
    }
  else if (*p == '^' || *p == '$')
    n = 1, zero_width = TRUE;
  else if (strchr ("|)?*+{", *p))
    return NULL;
  else
    n = (gsize) (g_utf8_next_char (p) - p);
  if (n == 0 || p + n > end)
    return NULL;
  gboolean optional;
  const char *q = p + n;
  q += quantifier_len (q, end, &optional);
  *maybe_empty = zero_width || optional;
  return q;
}

/* The literals a mandatory item at P yields, if any (NEEDS unchanged
 * when none). */
static gboolean
add_item_needs (const char *p, const char *end, GPtrArray *needs)
{
  guint had = needs->len;
  gboolean added = *p == '(' ? add_group_literals (p, end, needs)
                 : *p == '[' ? add_class_literals (p, end, needs)
                 : !strchr (METACHARS, *p) && add_leading_literal (p, end, needs);
  if (!added)
    g_ptr_array_set_size (needs, had);
  return added;
}

/* Whether literals A serve better than B (NULL: none yet): fewer of them
 * (each is a strstr), then a longer shortest one (rarer in a text). */
static gboolean
needs_better (GPtrArray *a, GPtrArray *b)
{
  if (!b || a->len != b->len)
    return !b || a->len < b->len;
  gsize min_a = G_MAXSIZE, min_b = G_MAXSIZE;
  for (guint i = 0; i < a->len; i++)
    {
      min_a = MIN (min_a, strlen (a->pdata[i]));
      min_b = MIN (min_b, strlen (b->pdata[i]));
    }
  return min_a > min_b;
}

/* Adds the literals one of which every match of the alternative [P, END)
 * contains: those of the mandatory item that yields the fewest (every
 * match holds a match of each mandatory item), read up to the end or to
 * a construct this reading does not follow. FALSE when none is known. */
static gboolean
add_alternative_needs (const char *p, const char *end, GPtrArray *needs)
{
  g_autoptr (GPtrArray) best = NULL;
  while (p < end)
    {
      gboolean maybe_empty;
      const char *next = item_end (p, end, &maybe_empty);
      if (!next)
        break;
      GPtrArray *item = g_ptr_array_new_with_free_func (g_free);
      if (!maybe_empty && add_item_needs (p, end, item) && needs_better (item, best))
        {
          g_clear_pointer (&best, g_ptr_array_unref);
          best = g_steal_pointer (&item);
        }
      g_clear_pointer (&item, g_ptr_array_unref);
      p = next;
    }
  if (!best)
    return FALSE;
  for (guint i = 0; i < best->len; i++)
    g_ptr_array_add (needs, g_strdup (best->pdata[i]));
  return TRUE;
}

/* NEEDS without a literal that holds another (a text holding it holds the
 * other) or repeats one: fewer strstr for the same answer. */
static void
needs_drop_redundant (GPtrArray *needs)
{
  for (guint i = 0; i < needs->len;)
    {
      gboolean redundant = FALSE;
      for (guint j = 0; j < needs->len && !redundant; j++)
        redundant = j != i && strstr (needs->pdata[i], needs->pdata[j])
                    && (strlen (needs->pdata[i]) > strlen (needs->pdata[j]) || j < i);
      if (redundant)
        g_ptr_array_remove_index (needs, i);
      else
        i++;
    }
}

/* Past a leading "(?s)", "(?m)" or "(?U)" (any of them together): inline
 * options that change no literal's matching. */
static const char *
skip_leading_options (const char *pattern)
{
  if (pattern[0] != '(' || pattern[1] != '?')
    return pattern;
  const char *q = pattern + 2;
  while (*q && strchr ("smU", *q))
    q++;
  return q > pattern + 2 && *q == ')' ? q + 1 : pattern;
}

typedef gboolean (*AlternativeFn) (const char *p, const char *end, GPtrArray *out);

/* ADD (alternative, its end, OUT) for each top-level alternative of BODY:
 * the literals they give, or NULL when one gives none. */
static GPtrArray *
literals_of_alternatives (const char *body, AlternativeFn add)
{
  g_autoptr (GArray) bounds = g_array_new (FALSE, FALSE, sizeof (const char *));
  if (!split_alternatives (body, bounds))
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < bounds->len; i += 2)
    if (!add (g_array_index (bounds, const char *, i),
              g_array_index (bounds, const char *, i + 1), out))
      {
        g_ptr_array_unref (out);
        return NULL;
      }
  return out;
}

/* LITERALS as a NULL-terminated string vector (NULL stays NULL). */
static char **
literals_strv (GPtrArray *literals)
{
  if (!literals)
    return NULL;
  g_ptr_array_set_free_func (literals, NULL);
  g_ptr_array_add (literals, NULL);
  return (char **) g_ptr_array_free (literals, FALSE);
}

char **
bp_regex_needs_of_pattern (const char *pattern)
{
  GPtrArray *needs = literals_of_alternatives (skip_leading_options (pattern),
                                               add_alternative_needs);
  if (needs)
    needs_drop_redundant (needs);
  return literals_strv (needs);
}

/* The literals one of which the alternative [P, END) starts with when it
 * is "^" then a mandatory item that yields literals from its start (a
 * run of plain characters, a group of literal alternatives, a class);
 * FALSE otherwise. */
static gboolean
add_anchored_prefixes (const char *p, const char *end, GPtrArray *prefixes)
{
  if (p >= end || *p != '^' || ++p >= end)
    return FALSE;
  gboolean maybe_empty;
  if (!item_end (p, end, &maybe_empty) || maybe_empty)
    return FALSE;
  /* the literals an item yields from its start are its needs */
  return add_item_needs (p, end, prefixes);
}

char **
bp_regex_prefixes_of_pattern (const char *pattern)
{
  /* (?m) lets "^" match after a newline too: no anchoring known then */
  const char *body = skip_leading_options (pattern);
  if (memchr (pattern, 'm', (gsize) (body - pattern)))
    return NULL;
  return literals_strv (literals_of_alternatives (body, add_anchored_prefixes));
}

gboolean
bp_regex_needs_met (char *const *needs, const char *s)
{
  if (needs == NULL)
    return TRUE;
  for (; *needs; needs++)
    if (strstr (s, *needs))
      return TRUE;
  return FALSE;
}

/* NEEDS made ready for many texts. One strstr per literal costs some 50
 * instructions before it reads a byte, and most texts asked are a short
 * line or cell: a single pass that looks at each byte's place in tables of
 * the literals' first bytes and first byte pairs answers those for a
 * fraction of it (strstr was 6 % of a run, issue 18). */
struct _BpRegexNeeds {
  char **list;          /* the literals, NULL-terminated */
  guint n;
  gboolean any_empty;   /* an empty literal: every text holds it */
  guint8 start[256];    /* NEEDS_* below of each byte: a table, not bits,
                         * as one load a byte is most of the pass */
  guint64 pair[64];     /* bit pair_key (b0, b1): a literal starts so */
  char **prefixes;      /* of bp_regex_prefixes_of_pattern, or NULL */
  guint8 prefix_first[256];   /* 1: a prefix starts with the byte */
};

/* What a byte of the text may start, in BpRegexNeeds.start. */
enum { NEEDS_NONE, NEEDS_END, NEEDS_SINGLE, NEEDS_PAIR };

#define BIT_IS_SET(map, i) (((map)[(i) >> 6] >> ((i) & 63)) & 1)
#define BIT_SET(map, i) ((map)[(i) >> 6] |= G_GUINT64_CONSTANT (1) << ((i) & 63))

/* 12 bits of the first two bytes: exact for an ideograph's lead and
 * second byte, which is most of what the literals start with. */
static inline guint
pair_key (guchar b0, guchar b1)
{
  return ((guint) (b0 & 0x3F) << 6) | (b1 & 0x3F);
}

BpRegexNeeds *
bp_regex_needs_new (char **needs)
{
  if (needs == NULL)
    return NULL;
  BpRegexNeeds *rn = g_new0 (BpRegexNeeds, 1);
  rn->list = needs;
  rn->n = g_strv_length (needs);
  for (guint i = 0; i < rn->n; i++)
    {
      const guchar *u = (const guchar *) needs[i];
      if (u[0] == '\0')
        {
          rn->any_empty = TRUE;
          continue;
        }
      if (u[1] == '\0')
        rn->start[u[0]] = NEEDS_SINGLE;
      else
        {
          if (rn->start[u[0]] != NEEDS_SINGLE)
            rn->start[u[0]] = NEEDS_PAIR;
          BIT_SET (rn->pair, pair_key (u[0], u[1]));
        }
    }
  rn->start[0] = NEEDS_END;
  return rn;
}

BpRegexNeeds *
bp_regex_needs_of (const char *pattern)
{
  char **prefixes = bp_regex_prefixes_of_pattern (pattern);
  BpRegexNeeds *rn = bp_regex_needs_new (bp_regex_needs_of_pattern (pattern));
  if (!prefixes)
    return rn;
  if (!rn)
    rn = g_new0 (BpRegexNeeds, 1);
  rn->prefixes = prefixes;
  for (char **p = prefixes; *p; p++)
    rn->prefix_first[(guchar) **p] = 1;
  return rn;
}

void
bp_regex_needs_free (BpRegexNeeds *rn)
{
  if (rn == NULL)
    return;
  g_strfreev (rn->prefixes);
  g_strfreev (rn->list);
  g_free (rn);
}

/* Whether a literal of two or more bytes starts at P (its first two bytes'
 * key is in the table): each is compared to its end, where a shorter text
 * differs at its terminator at the latest. */
static gboolean
needs_start_at (const BpRegexNeeds *rn, const guchar *p)
{
  for (guint i = 0; i < rn->n; i++)
    {
      const guchar *u = (const guchar *) rn->list[i];
      if (u[1] == '\0' || u[0] != p[0] || u[1] != p[1])
        continue;
      gsize j = 2;
      while (u[j] && u[j] == p[j])
        j++;
      if (u[j] == '\0')
        return TRUE;
    }
  return FALSE;
}

/* bp_regex_needs_met in one pass over S. */
static gboolean
needs_scan (const BpRegexNeeds *rn, const guchar *s)
{
  for (const guchar *p = s;; p++)
    {
      while (rn->start[*p] == NEEDS_NONE)
        p++;
      switch (rn->start[*p])
        {
        case NEEDS_END:
          return FALSE;
        case NEEDS_SINGLE:
          return TRUE;
        default:
          if (BIT_IS_SET (rn->pair, pair_key (p[0], p[1])) && needs_start_at (rn, p))
            return TRUE;
        }
    }
}

/* Whether S (LEN bytes) starts with one of RN's prefixes: an anchored
 * pattern can match there only (one strstr per literal over the whole
 * text cost more than the anchored match). */
static gboolean
text_starts_with_one (const BpRegexNeeds *rn, const char *s, gsize len)
{
  if (!rn->prefix_first[(guchar) *s])
    return FALSE;
  for (char **p = rn->prefixes; *p; p++)
    {
      gsize n = strlen (*p);
      if (n <= len && memcmp (s, *p, n) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
bp_regex_needs_hold (const BpRegexNeeds *rn, const char *s, gsize len)
{
  if (rn == NULL)
    return TRUE;
  if (rn->prefixes && s)
    return text_starts_with_one (rn, s, len);
  if (rn->any_empty || !rn->list)
    return TRUE;
  /* strstr reads 16 bytes a step once started: it keeps long texts and
   * few literals; the pass costs a few instructions a byte. */
  if (len * NEEDS_SCAN_BYTE_COST < rn->n * NEEDS_STRSTR_CALL_COST)
    return needs_scan (rn, (const guchar *) s);
  return bp_regex_needs_met (rn->list, s);
}
