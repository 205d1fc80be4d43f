/* Tokens of space-separated table lines. */
#include "config.h"

#include <string.h>
#include "tables-private.h"

/* Compiled patterns, shared by the stage's threads and released when the
 * module is unloaded (the core may load and unload it many times). */
static GRegex **regex_slots[32];
static guint regex_slot_count;
G_LOCK_DEFINE_STATIC (regex_slots);

GRegex *
regex_cached (GRegex **slot, const char *pattern)
{
  if (g_once_init_enter (slot))
    {
      GRegex *re = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (re != NULL);
      G_LOCK (regex_slots);
      g_assert (regex_slot_count < G_N_ELEMENTS (regex_slots));
      regex_slots[regex_slot_count++] = slot;
      G_UNLOCK (regex_slots);
      g_once_init_leave (slot, re);
    }
  return *slot;
}

gboolean
regex_matches (GRegex **slot, const char *pattern, const char *text)
{
  (void) slot;   /* the core's cache, with its literal prefilter, keeps it */
  return bp_regex_match (pattern, text, NULL);
}

__attribute__ ((destructor)) static void
regex_cache_release (void)
{
  for (guint i = 0; i < regex_slot_count; i++)
    g_clear_pointer (regex_slots[i], g_regex_unref);
  regex_slot_count = 0;
}

gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      /* printable ASCII and the characters U+4000-U+9FFF (lead bytes
       * E4-E9: ideographs) are no spaces, told without decoding: the
       * first character of most lines (issue 18) */
      guchar b = (guchar) *p;
      if ((b > 0x20 && b < 0x7F) || (b >= 0xE4 && b <= 0xE9))
        return FALSE;
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x3000)
        return FALSE;
    }
  return TRUE;
}

char *
text_compact (const char *text)
{
  return bp_text_compact (text);
}

/* The document's lines are read by the stage's rules again and again
 * (each line test compacts or splits its line): a text's compact form and
 * tokens are kept, while the stage reads one document, in a small table
 * by the text's address. An entry holds a copy of its text and answers
 * only a text equal to it (an address may be freed and reused), so any
 * text may be asked; the table's size bounds its memory. The document's
 * own line texts are neither changed nor freed while the stage runs: an
 * entry for one of them keeps no copy (its TEXT is its KEY), and a hit on
 * it compares no text. A compact text or tokens pushed out may still be
 * in use by a caller up the stack: their texts are freed at the next
 * line_cache_release (the tokens' array borrows them: one block of the
 * line's items, not a string each). */
#define LINE_CACHE_BITS 10
/* The line texts known without a copy: the first LINE_SET_MAX_LINES
 * lines (issue 18: most documents have far fewer; a set for a file of a
 * million short lines would weigh more than its lines). */
#define LINE_SET_MAX_LINES (1u << 14)

typedef struct {
  const char *key;       /* the text's address */
  char *text;            /* a copy of it, or KEY for a line of the document */
  char *compact;         /* made on first use */
  GPtrArray *tokens;     /* made on first use, its texts borrowed from: */
  char **token_parts;    /* the text's items, in one block */
  GPtrArray *token_made; /* tokens made of them (NULL when none) */
  TitleInfo *title;      /* title_parse's answer, when it read a title */
  guint8 title_read;     /* 0: not asked yet, 1: a title, 2: none */
  gboolean compact_kept; /* COMPACT lies in the cache's compact blocks */
} LineCacheEntry;

/* Compact texts are written into blocks the cache frees at its end, not
 * one allocation each (issue 18: most lines are compacted once), up to
 * COMPACT_BLOCKS_MAX bytes a document; then, and for texts longer than
 * COMPACT_IN_BLOCK_MAX, each is a string of its own again. */
#define COMPACT_BLOCK 16384
#define COMPACT_IN_BLOCK_MAX 2048
#define COMPACT_BLOCKS_MAX (256 * 1024)

typedef struct {
  LineCacheEntry entries[1u << LINE_CACHE_BITS];
  GPtrArray *evicted;    /* compact texts and token texts pushed out
                          * since the last release */
  GArray *scratch;       /* line_cache_scratch's */
  GPtrArray *compact_blocks; /* char*: the blocks compact texts lie in */
  char *compact_at;      /* the free end of the last block, */
  gsize compact_left;    /* and how many bytes it has left */
  const char **line_set; /* the document's line texts, open addressing */
  guint line_set_mask;
} LineCache;

static BP_PLUGIN_THREAD_LOCAL LineCache *line_cache;

static inline guint64
address_hash (const char *p)
{
  return (guint64) (guintptr) p * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
}

/* Slot of TEXT in the line set: where it is, or the empty slot that
 * ends its probe. */
static inline guint
line_set_slot (const LineCache *lc, const char *text)
{
  guint i = (guint) (address_hash (text) >> 40) & lc->line_set_mask;
  while (lc->line_set[i] && lc->line_set[i] != text)
    i = (i + 1) & lc->line_set_mask;
  return i;
}

static void
line_set_build (LineCache *lc, const BpDocument *doc)
{
  guint n = MIN (bp_document_n_lines (doc), LINE_SET_MAX_LINES);
  guint size = 64;
  while (size < 2 * n)   /* half full at most: short probes */
    size *= 2;
  lc->line_set = g_new0 (const char *, size);
  lc->line_set_mask = size - 1;
  for (guint i = 0; i < n; i++)
    {
      const char *text = bp_document_line (doc, i)->text;
      lc->line_set[line_set_slot (lc, text)] = text;
    }
}

static gboolean
text_is_document_line (const LineCache *lc, const char *text)
{
  return lc->line_set[line_set_slot (lc, text)] == text;
}

/* Empties E; its compact text and token texts are freed at the next
 * release, or at once when NOW (no caller holds them: the stage is done). */
static void
line_cache_entry_clear (LineCacheEntry *e, gboolean now)
{
  if (e->text != e->key)
    g_free (e->text);
  if (e->tokens)
    g_ptr_array_unref (e->tokens);
  if (e->compact_kept)
    e->compact = NULL;   /* in a block: freed with the cache */
  if (now)
    {
      g_free (e->compact);
      g_free (e->token_parts);
      if (e->token_made)
        g_ptr_array_unref (e->token_made);
    }
  else
    {
      if (e->compact)
        g_ptr_array_add (line_cache->evicted, e->compact);
      if (e->token_parts)
        g_ptr_array_add (line_cache->evicted, e->token_parts);
      if (e->token_made)
        g_ptr_array_extend_and_steal (line_cache->evicted, e->token_made);
    }
  if (e->title)
    {
      title_info_clear (e->title);
      g_free (e->title);
    }
  memset (e, 0, sizeof *e);
}

void
line_cache_begin (const BpDocument *doc)
{
  line_cache_end ();
  line_cache = g_new0 (LineCache, 1);
  line_cache->evicted = g_ptr_array_new_with_free_func (g_free);
  line_set_build (line_cache, doc);
}

void
line_cache_release (void)
{
  if (line_cache && line_cache->evicted->len > 0)   /* called for every line */
    g_ptr_array_set_size (line_cache->evicted, 0);
}

void
line_cache_end (void)
{
  if (!line_cache)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (line_cache->entries); i++)
    if (line_cache->entries[i].text)   /* unused entries: nothing to clear */
      line_cache_entry_clear (&line_cache->entries[i], TRUE);
  g_ptr_array_unref (line_cache->evicted);
  g_clear_pointer (&line_cache->scratch, g_array_unref);
  g_clear_pointer (&line_cache->compact_blocks, g_ptr_array_unref);
  g_free (line_cache->line_set);
  g_clear_pointer (&line_cache, g_free);
}

GArray *
line_cache_scratch (guint element_size)
{
  if (!line_cache)
    return NULL;
  if (!line_cache->scratch)
    line_cache->scratch = g_array_sized_new (FALSE, FALSE, element_size, 64);
  g_assert (g_array_get_element_size (line_cache->scratch) == element_size);
  g_array_set_size (line_cache->scratch, 0);
  return line_cache->scratch;
}

/* TEXT's entry (emptied first when it held another text), or NULL when
 * no cache is open. */
static LineCacheEntry *
line_cache_entry (const char *text)
{
  if (!line_cache)
    return NULL;
  LineCacheEntry *e = &line_cache->entries[address_hash (text) >> (64 - LINE_CACHE_BITS)];
  if (e->key == text && (e->text == text || strcmp (e->text, text) == 0))
    return e;
  if (e->text)   /* an unused entry (most misses): nothing to clear */
    line_cache_entry_clear (e, FALSE);
  e->key = text;
  e->text = text_is_document_line (line_cache, text) ? (char *) text : g_strdup (text);
  return e;
}

/* text_compact (TEXT) for E, in the cache's compact blocks when it fits. */
static void
line_cache_compact (LineCacheEntry *e, const char *text)
{
  LineCache *lc = line_cache;
  gsize len = strlen (text);
  if (len >= COMPACT_IN_BLOCK_MAX)
    {
      e->compact = text_compact (text);
      return;
    }
  if (lc->compact_left <= len)   /* LEN bytes at most, and the NUL */
    {
      guint blocks = lc->compact_blocks ? lc->compact_blocks->len : 0;
      if (blocks >= COMPACT_BLOCKS_MAX / COMPACT_BLOCK)
        {
          e->compact = text_compact (text);
          return;
        }
      if (!lc->compact_blocks)
        lc->compact_blocks = g_ptr_array_new_with_free_func (g_free);
      lc->compact_at = g_malloc (COMPACT_BLOCK);
      lc->compact_left = COMPACT_BLOCK;
      g_ptr_array_add (lc->compact_blocks, lc->compact_at);
    }
  char *end = bp_text_compact_to (text, len, lc->compact_at);
  *end++ = '\0';
  e->compact = lc->compact_at;
  e->compact_kept = TRUE;
  lc->compact_left -= (gsize) (end - lc->compact_at);
  lc->compact_at = end;
}

const char *
compact_of (const char *text, char **owned)
{
  LineCacheEntry *e = line_cache_entry (text);
  if (!e)
    return *owned = text_compact (text);
  if (!e->compact)
    line_cache_compact (e, text);
  return e->compact;
}

static GPtrArray *tokens_split_borrowed (const char *text, char ***parts, GPtrArray **made);

GPtrArray *
tokens_shared (const char *text)
{
  LineCacheEntry *e = line_cache_entry (text);
  if (!e)
    return tokens_split (text);
  if (!e->tokens)
    e->tokens = tokens_split_borrowed (text, &e->token_parts, &e->token_made);
  return g_ptr_array_ref (e->tokens);
}

gboolean
title_parse_shared (const char *text, TitleInfo *ti)
{
  LineCacheEntry *e = line_cache_entry (text);
  if (!e)
    return title_parse (text, ti);
  if (!e->title_read)
    {
      TitleInfo found;
      gboolean title = title_parse (text, &found);
      /* the parse asks the cache about other texts (a copy without its
       * page number), which may have taken TEXT's entry: asked again */
      e = line_cache_entry (text);
      e->title_read = title ? 1 : 2;
      if (title)
        e->title = g_memdup2 (&found, sizeof found);   /* its strings taken */
    }
  if (e->title_read == 2)
    {
      memset (ti, 0, sizeof *ti);
      return FALSE;
    }
  *ti = *e->title;
  ti->number = g_strdup (e->title->number);
  ti->title = g_strdup (e->title->title);
  return TRUE;
}

static inline gboolean
is_continuation_byte (guchar b)
{
  return b >= 0x80 && b <= 0xBF;
}

/* Compacting drops spaces (ASCII and Unicode, U+3000, U+200B, U+FEFF)
 * and folds the full-width forms (U+FF01-U+FF5E); it keeps printable
 * ASCII and the characters U+4000-U+9FFF (lead bytes E4-E9) as they are,
 * byte for byte. */
const char *
compact_head (const char *text)
{
  const char *p = text;
  for (;;)
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
      p++;
    else if ((guchar) p[0] == 0xE3 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0x80)   /* U+3000 */
      p += 3;
    else
      break;
  guchar b = (guchar) p[0];
  if (b > 0x20 && b < 0x7F)
    return p;
  if (b >= 0xE4 && b <= 0xE9 && is_continuation_byte ((guchar) p[1])
      && is_continuation_byte ((guchar) p[2]))
    return p;
  return NULL;
}

gunichar
compact_head_char (const char *text)
{
  const guchar *h = (const guchar *) compact_head (text);
  if (!h)
    return 0;
  if (h[0] < 0x80)
    return h[0];
  /* three bytes (compact_head) */
  return (gunichar) (h[0] & 0x0F) << 12 | (gunichar) (h[1] & 0x3F) << 6 | (h[2] & 0x3F);
}

gboolean
compact_not_short_digits (const char *text, gsize max)
{
  const char *h = compact_head (text);
  if (!h)
    return FALSE;
  /* printable ASCII is kept as it is: the compact text starts with the
   * run of it from H */
  for (gsize i = 0; i <= max; i++)
    {
      guchar b = (guchar) h[i];
      if (b <= 0x20 || b >= 0x7F)
        return FALSE;
      if (!g_ascii_isdigit (b))
        return TRUE;
    }
  return TRUE;   /* longer than MAX */
}

/* "1." and "1、" are list markers, not figures. A token led by an
 * ideograph (lead bytes E4..E9: a name, most of them) never looks like an
 * amount: told before measuring it. */
gboolean
token_is_number (const char *tok)
{
  if ((guchar) tok[0] >= 0xE4 && (guchar) tok[0] <= 0xE9)
    return FALSE;
  gsize n = strlen (tok);
  return n > 0 && g_ascii_isdigit (tok[n - 1]) && bp_amount_looks_like (tok);
}

gboolean
token_is_code (const char *tok)
{
  return bp_text_is_class_code (tok);
}

gboolean
token_amount (const char *tok, gint64 *out)
{
  bp_fen v = 0;
  if (bp_amount_parse (tok, BP_UNIT_YUAN, &v) != BP_AMOUNT_OK)
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
is_wide (gunichar c)
{
  return c >= 0x2E80 || g_unichar_iswide (c);
}

/* Length of an amount with decimals at the start of S that runs straight
 * into a wide character ("1132.98一、…"), or 0. */
static gsize
glued_amount_len (const char *s)
{
  const char *p = s;
  gboolean dot = FALSE, digit = FALSE;
  while (*p && (g_ascii_isdigit (*p) || *p == ',' || *p == '.' || *p == '-'))
    {
      dot = dot || *p == '.';
      digit = digit || g_ascii_isdigit (*p);
      p++;
    }
  if (!dot || !digit || !*p || p[-1] == '.')
    return 0;
  return is_wide (g_utf8_get_char (p)) ? (gsize) (p - s) : 0;
}

/* Length of a classification code glued to its name ("2010506统计管理"). */
static gsize
glued_code_len (const char *s)
{
  gsize n = 0;
  while (g_ascii_isdigit (s[n]))
    n++;
  if ((n != 3 && n != 5 && n != 7) || !s[n])
    return 0;
  return bp_text_is_cjk (g_utf8_get_char (s + n)) ? n : 0;
}

/* Length of 款 or 项 digits glued to the name after their 类's code ("301
 * 01基本工资"). */
static gsize
glued_section_len (GPtrArray *out, const char *s)
{
  const char *prev = out->len ? out->pdata[out->len - 1] : "";
  gsize plen = strlen (prev);
  for (gsize i = 0; i < plen; i++)
    if (!g_ascii_isdigit (prev[i]))
      return 0;
  if ((plen != 3 && plen != 5) || out->len > 2 || !g_ascii_isdigit (s[0])
      || !g_ascii_isdigit (s[1]) || !s[2])
    return 0;
  return bp_text_is_cjk (g_utf8_get_char (s + 2)) ? 2 : 0;
}

/* TRUE when bp_text_fullwidth_to_ascii would return S unchanged: every
 * full-width form (U+FF01..U+FF5E) is led by the byte EF, and the only
 * other character it changes is the ideographic space. */
static gboolean
has_no_fullwidth (const char *s)
{
  const char *e3;   /* U+3000 is led by E3: strstr only from there */
  return !strchr (s, '\xEF') && (!(e3 = strchr (s, '\xE3')) || !strstr (e3, "\xE3\x80\x80"));
}

/* Keeps S, a token made of the text's items: in *MADE when the tokens
 * borrow their texts (MADE not NULL), else as the tokens' own. */
static char *
token_made (GPtrArray **made, char *s)
{
  if (made)
    {
      if (!*made)
        *made = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (*made, s);
    }
  return s;
}

/* Appends the token ORIG to OUT, split after a glued leading code or
 * amount. ORIG is taken (kept or freed) when MADE is NULL; else it is
 * borrowed, and the tokens made of it go to *MADE. Figures are kept in
 * ASCII ("１５３８．６２" → "1538.62") so they read as figures even when
 * no cleanup stage normalized them. A token already in ASCII form is kept
 * as it is, not copied (issue 18: most are). */
static void
token_add (GPtrArray *out, char *orig, gboolean first, GPtrArray **made)
{
  /* An ASCII token has nothing to fold, and no glued code or amount
   * (each ends at a wide character): kept as it is, untested (issue 18:
   * most tokens are figures). */
  const char *p = orig;
  while (*p && !((guchar) *p & 0x80))
    p++;
  if (!*p)
    {
      g_ptr_array_add (out, orig);
      return;
    }
  char *converted = has_no_fullwidth (orig) ? NULL : bp_text_fullwidth_to_ascii (orig);
  const char *ascii = converted ? converted : orig;
  gboolean number = token_is_number (ascii);
  gsize n = 0;
  if (!number)
    n = first ? glued_code_len (ascii) : glued_section_len (out, ascii);
  if (!number && n == 0)
    n = glued_amount_len (ascii);
  if (number && converted)
    {
      g_ptr_array_add (out, token_made (made, converted));
      converted = NULL;
    }
  else if (number || n == 0)
    {
      g_ptr_array_add (out, orig);
      orig = NULL;
    }
  else
    {
      /* The prefix is ASCII-only, one character per original character. */
      g_ptr_array_add (out, token_made (made, g_strndup (ascii, n)));
      g_ptr_array_add (out, token_made (made, g_strdup (g_utf8_offset_to_pointer (orig, n))));
    }
  g_free (converted);
  if (!made)
    g_free (orig);   /* NULL when kept */
}

GPtrArray *
tokens_split (const char *text)
{
  char **parts = bp_text_split_ws (text);
  guint n = parts ? g_strv_length (parts) : 0;
  GPtrArray *out = g_ptr_array_new_full (n, g_free);   /* sized once */
  for (guint i = 0; parts && parts[i]; i++)
    token_add (out, parts[i], i == 0, NULL);   /* each part is token_add's */
  g_free (parts);
  return out;
}

/* tokens_split (TEXT) in an array that owns none of its texts: they live
 * in *PARTS (TEXT's items, one block) and *MADE (NULL when none), which
 * the caller frees once the array is no longer read. */
static GPtrArray *
tokens_split_borrowed (const char *text, char ***parts, GPtrArray **made)
{
  char **items = *parts = bp_text_split_ws_packed (text);
  *made = NULL;
  GPtrArray *out = g_ptr_array_new_full (g_strv_length (items), NULL);   /* sized once */
  for (guint i = 0; items[i]; i++)
    token_add (out, items[i], i == 0, made);
  return out;
}

void
name_append (GString *name, const char *part)
{
  if (!part || !*part)
    return;
  if (name->len > 0)
    {
      const char *last = g_utf8_find_prev_char (name->str, name->str + name->len);
      gboolean glue = last && is_wide (g_utf8_get_char (last))
                      && is_wide (g_utf8_get_char (part));
      if (!glue)
        g_string_append_c (name, ' ');
    }
  g_string_append (name, part);
}

gboolean
token_is_two_digits (const char *t)
{
  return strlen (t) == 2 && g_ascii_isdigit (t[0]) && g_ascii_isdigit (t[1]);
}

/* "301 01 基本工资" → "30101 基本工资": codes printed in 类/款/项 columns.
 * Only when a name follows, so figures are never glued into a code. */
void
tokens_join_codes (GPtrArray *toks)
{
  for (guint i = 0; i + 2 < toks->len; i++)
    {
      const char *t = g_ptr_array_index (toks, i);
      if (strlen (t) != 3 || !token_is_code (t))
        continue;
      guint j = i + 1;
      while (j < toks->len && j < i + 3 && token_is_two_digits (g_ptr_array_index (toks, j)))
        j++;
      if (j == i + 1 || j >= toks->len || token_is_number (g_ptr_array_index (toks, j)))
        continue;
      GString *code = g_string_new (t);
      for (guint k = i + 1; k < j; k++)
        g_string_append (code, g_ptr_array_index (toks, k));
      g_ptr_array_remove_range (toks, i + 1, j - i - 1);
      g_free (g_ptr_array_index (toks, i));
      g_ptr_array_index (toks, i) = g_string_free (code, FALSE);
    }
}
