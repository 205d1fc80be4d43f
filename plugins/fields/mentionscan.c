/* fields plugin: finding a number and its unit in a paragraph, by hand.
 *
 * Each paragraph with a digit was matched with a GRegex through a
 * GMatchInfo (its match data, context and every fetch allocated: issue
 * 18). This reads the same matches as FIELDS_MENTION_PATTERN, kept below
 * for the test that compares the two. */
#include "fields-private.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static inline gboolean
is_digit (char c)
{
  return (guint) ((guchar) c - '0') < 10;
}

/* The length of the unit at P of TEXT (LEN bytes), 0 when none:
 * 亿元|万元|元|%|人(?!次)|名|个|辆. */
static gsize
unit_len_at (const char *text, gsize len, gsize p)
{
  static const char *const units[] = { "亿元", "万元", "元", "%", "人", "名", "个", "辆" };
  const char *at = text + p;
  gsize left = len - p;
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    {
      gsize n = strlen (units[i]);
      if (n > left || memcmp (at, units[i], n) != 0)
        continue;
      if (!strcmp (units[i], "人") && left - n >= 3 && memcmp (at + n, "次", 3) == 0)
        return 0;
      return n;
    }
  return 0;
}

/* The number of a mention that may start at I, FIELDS_MENTION_PATTERN's
 * (?<![0-9.,])-?[0-9][0-9,]*(?:\.[0-9]+)?: its end, or 0. A shorter run
 * of digits and commas, or no fraction, leaves a digit, a comma or a '.'
 * before the unit, which no unit starts with: the longest reading is the
 * only one that can be followed by a unit. */
static gsize
number_end_at (const char *text, gsize len, gsize i)
{
  if (i > 0 && (is_digit (text[i - 1]) || text[i - 1] == '.' || text[i - 1] == ','))
    return 0;
  gsize p = i + (text[i] == '-');
  if (p >= len || !is_digit (text[p]))
    return 0;
  for (p++; p < len && (is_digit (text[p]) || text[p] == ','); p++)
    ;
  if (p + 1 < len && text[p] == '.' && is_digit (text[p + 1]))
    for (p += 2; p < len && is_digit (text[p]); p++)
      ;
  return p;
}

/* The first I from AT on where TEXT (LEN bytes) holds a '-' or a digit, or
 * LEN: sixteen bytes a step where it can, as most of a paragraph is words
 * (a byte a step was most of the scan, issue 18). */
static inline gsize
number_start_from (const char *text, gsize at, gsize len)
{
  gsize i = at;
#ifdef __SSE2__
  for (; i < len && len - i >= 16; i += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (text + i));
      /* unsigned (b - '0') < 10 as a signed compare of it flipped by 0x80 */
      __m128i digit = _mm_cmplt_epi8 (_mm_xor_si128 (_mm_sub_epi8 (v, _mm_set1_epi8 ('0')),
                                                     _mm_set1_epi8 ((char) 0x80)),
                                      _mm_set1_epi8 ((char) (10 ^ 0x80)));
      __m128i dash = _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('-'));
      unsigned mask = (unsigned) _mm_movemask_epi8 (_mm_or_si128 (digit, dash));
      if (mask)
        return i + (gsize) __builtin_ctz (mask);
    }
#endif
  while (i < len && text[i] != '-' && !is_digit (text[i]))
    i++;
  return i;
}

gboolean
fields_mention_find (const char *text, gsize len, gsize from, FieldsMentionSpan *span)
{
  for (gsize i = number_start_from (text, from, len); i < len;
       i = number_start_from (text, i + 1, len))
    {
      gsize num_end = number_end_at (text, len, i);
      gsize unit = num_end ? unit_len_at (text, len, num_end) : 0;
      if (!unit)
        continue;
      span->start = i;
      span->num_end = num_end;
      span->end = num_end + unit;
      return TRUE;
    }
  return FALSE;
}
