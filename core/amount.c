/* Money as int64 fen: parsing printed figures, formatting, units, the
 * rounding envelope and percentages. Integer arithmetic only, never double. */
#include "config.h"

#include <string.h>

#include <budgetpipe/amount.h>
#include <budgetpipe/text.h>

#define YUAN_FRACTION_DIGITS 2     /* 1 元 = 10^2 fen */
#define WANYUAN_FRACTION_DIGITS 6  /* 1 万元 = 10^4 元 = 10^6 fen */
#define HALF_WANYUAN_STEP_FEN 5000 /* 0.005 万元 = 50 元: half the last printed digit */
#define PCT100_PER_UNIT 10000      /* part/whole = 1 → 100.00% → 10000 */

/* A syntactically valid figure, pointing into the normalized text. */
typedef struct
{
  gboolean negative;
  const char *int_digits;   /* may contain ',' group separators */
  gsize int_len;
  const char *frac_digits;  /* digits after '.', none when frac_len == 0 */
  gsize frac_len;
} FigureParts;

/* ---- normalization ---- */

static gboolean
is_space_at (const char *p, gsize max)
{
  gunichar c = g_utf8_get_char_validated (p, max);
  return c <= 0x3000 && g_unichar_isspace (c);   /* none above U+3000 */
}

/* Copy of TEXT with full-width forms folded to ASCII ("１．５" → "1.5",
 * "－" → "-") and surrounding Unicode whitespace (U+3000, NBSP) removed.
 * Trimmed in place: one allocation per figure read. */
static char *
normalize_figure_text (const char *text)
{
  char *ascii = bp_text_fullwidth_to_ascii (text ? text : "");
  char *start = ascii;

  while (*start != '\0' && is_space_at (start, -1))
    start = g_utf8_next_char (start);

  char *end = start + strlen (start);
  while (end > start)
    {
      char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !is_space_at (prev, end - prev))
        break;
      end = prev;
    }
  *end = '\0';
  if (start != ascii)
    memmove (ascii, start, end - start + 1);
  return ascii;
}

/* TRUE when TEXT holds a byte of a CJK ideograph (U+4000-U+9FFF lead bytes
 * E4-E9) or of invalid UTF-8 there: no figure, percent or empty marker
 * does, so the parsers answer without folding a copy of every label cell. */
static gboolean
has_ideograph (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p >= 0xE4 && *p <= 0xE9)
      return TRUE;
  return FALSE;
}

/* Dash-like characters that tables print for "no figure": "-", "—", "–",
 * "―", "‒", "‐", "‑", "−", "─", "﹣" ("－" is already folded to "-"). */
static gboolean
is_dash (gunichar c)
{
  static const gunichar dashes[] = { '-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2014,
                                     0x2015, 0x2212, 0x2500, 0xFE63 };
  for (gsize i = 0; i < G_N_ELEMENTS (dashes); i++)
    if (c == dashes[i])
      return TRUE;
  return FALSE;
}

/* "" or a run of dashes only ("-", "—", "——"): an empty cell. */
static gboolean
is_empty_marker (const char *s)
{
  if (g_ascii_isdigit (*s))   /* most cells: a figure */
    return FALSE;
  if (!g_utf8_validate (s, -1, NULL))
    return FALSE;
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_dash (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* ---- syntax ---- */

/* Scans digits with optional thousands separators ("15,386,196" or
 * "15386196", never "1,2" or "1,2345") and returns the end, or NULL. */
static const char *
scan_grouped_digits (const char *s)
{
  const char *p = s;
  while (g_ascii_isdigit (*p))
    p++;
  gsize first_group = p - s;
  if (first_group == 0)
    return NULL;
  if (*p != ',')
    return p;
  if (first_group > 3)
    return NULL;
  while (*p == ',')
    {
      for (int i = 1; i <= 3; i++)
        if (!g_ascii_isdigit (p[i]))
          return NULL;
      p += 4;
    }
  return g_ascii_isdigit (*p) ? NULL : p;
}

/* Leading sign: '-', '+' or U+2212 MINUS SIGN. Returns the text after it. */
static const char *
skip_sign (const char *s, gboolean *negative)
{
  *negative = FALSE;
  if (*s == '-' || *s == '+')
    {
      *negative = *s == '-';
      return s + 1;
    }
  if (s[0] == '\xE2' && s[1] == '\x88' && s[2] == '\x92')   /* no call per figure */
    {
      *negative = TRUE;
      return s + 3;
    }
  return s;
}

/* Parses "[sign]digits[.digits]" spanning exactly [S, END). */
static gboolean
split_signed_figure (const char *s, const char *end, FigureParts *parts)
{
  s = skip_sign (s, &parts->negative);
  const char *int_end = scan_grouped_digits (s);
  if (int_end == NULL || int_end > end)
    return FALSE;
  parts->int_digits = s;
  parts->int_len = int_end - s;
  parts->frac_digits = int_end;
  parts->frac_len = 0;
  if (int_end == end)
    return TRUE;
  if (*int_end != '.')
    return FALSE;
  const char *frac = int_end + 1;
  const char *p = frac;
  while (p < end && g_ascii_isdigit (*p))
    p++;
  parts->frac_digits = frac;
  parts->frac_len = p - frac;
  return parts->frac_len > 0 && p == end;
}

/* A figure, or an accounting negative in parentheses: "(5.00)" → −5.00.
 * S is LEN bytes long. */
static gboolean
split_figure_len (const char *s, gsize len, FigureParts *parts)
{
  if (len >= 2 && s[0] == '(' && s[len - 1] == ')')
    {
      if (!split_signed_figure (s + 1, s + len - 1, parts) || s[1] == '-' || s[1] == '+')
        return FALSE;
      parts->negative = TRUE;
      return TRUE;
    }
  return split_signed_figure (s, s + len, parts);
}

static gboolean
split_figure (const char *s, FigureParts *parts)
{
  return split_figure_len (s, strlen (s), parts);
}

/* ---- value ---- */

static gboolean
append_decimal_digit (guint64 *magnitude, guint digit)
{
  return !__builtin_mul_overflow (*magnitude, 10, magnitude)
      && !__builtin_add_overflow (*magnitude, digit, magnitude);
}

/* The figure's magnitude in units of 10^-FRACTION_DIGITS, rounded half away
 * from zero on the first dropped digit. FALSE on overflow of guint64. */
static gboolean
figure_magnitude (const FigureParts *parts, guint fraction_digits, guint64 *magnitude)
{
  *magnitude = 0;
  for (gsize i = 0; i < parts->int_len; i++)
    if (parts->int_digits[i] != ',' &&
        !append_decimal_digit (magnitude, parts->int_digits[i] - '0'))
      return FALSE;
  for (gsize i = 0; i < fraction_digits; i++)
    {
      guint digit = i < parts->frac_len ? (guint) (parts->frac_digits[i] - '0') : 0;
      if (!append_decimal_digit (magnitude, digit))
        return FALSE;
    }
  gboolean round_up = parts->frac_len > fraction_digits
                      && parts->frac_digits[fraction_digits] >= '5';
  return !round_up || !__builtin_add_overflow (*magnitude, 1, magnitude);
}

/* Applies the sign; a negative magnitude may reach 2^63 (INT64_MIN). */
static BpAmountStatus
signed_from_magnitude (guint64 magnitude, gboolean negative, gint64 *out)
{
  const guint64 int64_max = (guint64) G_MAXINT64;
  if (magnitude > int64_max + (negative ? 1 : 0))
    return BP_AMOUNT_OVERFLOW;
  if (negative)
    *out = magnitude == int64_max + 1 ? G_MININT64 : -(gint64) magnitude;
  else
    *out = (gint64) magnitude;
  return BP_AMOUNT_OK;
}

/* Parses normalized text S, LEN bytes long and an empty marker when
 * EMPTY, into an integer scaled by 10^FRACTION_DIGITS. */
static BpAmountStatus
parse_scaled_len (const char *s, gsize len, gboolean empty, guint fraction_digits,
                  gint64 *out)
{
  FigureParts parts;
  guint64 magnitude;

  if (empty)
    return BP_AMOUNT_EMPTY;
  if (!split_figure_len (s, len, &parts))
    return BP_AMOUNT_INVALID;
  if (!figure_magnitude (&parts, fraction_digits, &magnitude))
    return BP_AMOUNT_OVERFLOW;
  return signed_from_magnitude (magnitude, parts.negative, out);
}

static BpAmountStatus
parse_scaled (const char *s, guint fraction_digits, gint64 *out)
{
  return parse_scaled_len (s, strlen (s), is_empty_marker (s), fraction_digits, out);
}

/* Whether byte C may be in plain figure text: ASCII digits and ",.()+-",
 * most table cells, which normalize_figure_text would return unchanged
 * (nothing to fold, no space to trim), so they are read in place. They
 * all lie in 0x28-0x39 (bit N of the mask: 0x28 + N). */
static inline gboolean
is_plain_figure_byte (guchar c)
{
  const guint32 plain = 0x3FF7B;   /* ( ) + , - . 0-9; not * nor / */
  return (guint) (c - 0x28) < 18 && ((plain >> (c - 0x28)) & 1);
}

/* The length of TEXT when it is plain figure text, else -1 and in
 * *IDEOGRAPH whether the byte that ended the scan has_ideograph's: one
 * pass tells most cells (a plain figure, or a label that starts with an
 * ideograph) apart. */
static gssize
plain_figure_len (const char *text, gboolean *ideograph)
{
  const guchar *p = (const guchar *) text;
  while (is_plain_figure_byte (*p))
    p++;
  *ideograph = *p >= 0xE4 && *p <= 0xE9;
  return *p ? -1 : (gssize) (p - (const guchar *) text);
}

/* is_empty_marker of plain figure text: only dashes, or nothing. */
static gboolean
plain_is_empty_marker (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] != '-')
      return FALSE;
  return TRUE;
}


BpAmountStatus
bp_amount_parse (const char *text, BpUnit unit, bp_fen *out)
{
  guint digits = unit == BP_UNIT_WANYUAN ? WANYUAN_FRACTION_DIGITS : YUAN_FRACTION_DIGITS;
  gint64 value = 0;
  gboolean ideograph = FALSE;
  gssize len = text ? plain_figure_len (text, &ideograph) : -1;
  BpAmountStatus status;
  if (len >= 0)
    status = parse_scaled_len (text, (gsize) len, plain_is_empty_marker (text, (gsize) len),
                               digits, &value);
  else
    {
      if (ideograph || (text && has_ideograph (text)))
        return BP_AMOUNT_INVALID;
      g_autofree char *s = normalize_figure_text (text);
      status = parse_scaled (s, digits, &value);
    }

  if (status == BP_AMOUNT_OK && out != NULL)
    *out = value;
  return status;
}

gboolean
bp_amount_looks_like (const char *text)
{
  gboolean ideograph = FALSE;
  gssize len = text ? plain_figure_len (text, &ideograph) : -1;
  if (len >= 0)
    {
      FigureParts parts;
      return !plain_is_empty_marker (text, (gsize) len)
             && split_figure_len (text, (gsize) len, &parts);
    }
  if (ideograph || (text && has_ideograph (text)))
    return FALSE;
  g_autofree char *s = normalize_figure_text (text);
  FigureParts parts;
  return !is_empty_marker (s) && split_figure (s, &parts);
}

/* ---- formatting ---- */

/* |FEN| without overflow: INT64_MIN's magnitude 2^63 fits in guint64. */
static guint64
fen_magnitude (bp_fen fen)
{
  return fen < 0 ? (guint64) -(fen + 1) + 1 : (guint64) fen;
}

const char *
bp_amount_format_buf (bp_fen fen, char *buf)
{
  /* "%s%" G_GUINT64_FORMAT ".%02u" of sign, yuan, fen, without printf's
   * parsing (about 1,400 instructions a figure in the json sink) */
  guint64 magnitude = fen_magnitude (fen);
  char digits[24], *d = digits + sizeof digits;
  *--d = (char) ('0' + magnitude % 10);
  *--d = (char) ('0' + magnitude / 10 % 10);
  *--d = '.';
  guint64 yuan = magnitude / 100;
  do
    *--d = (char) ('0' + yuan % 10);
  while ((yuan /= 10) > 0);
  if (fen < 0)
    *--d = '-';
  gsize n = (gsize) (digits + sizeof digits - d);
  memcpy (buf, d, n);
  buf[n] = '\0';
  return buf;
}

char *
bp_amount_format (bp_fen fen)
{
  char buf[BP_AMOUNT_BUFSZ];
  return g_strdup (bp_amount_format_buf (fen, buf));
}

/* ---- units ---- */

typedef enum
{
  MENTION_NOT_MONEY,   /* 美元, 单元, 公元 ...: not a unit of 人民币 */
  MENTION_YUAN,
  MENTION_WANYUAN,
  MENTION_OTHER_SCALE  /* 千元, 亿元, 百万元 ...: a unit we cannot represent */
} YuanMention;

static gunichar
char_before (const char *text, const char *pos)
{
  const char *prev = pos > text ? g_utf8_find_prev_char (text, pos) : NULL;
  return prev ? g_utf8_get_char (prev) : 0;
}

static gboolean
is_one_of (gunichar c, const char *set)
{
  return c != 0 && g_utf8_strchr (set, -1, c) != NULL;
}

/* What the "元" at YUAN (inside TEXT) is, judged by the characters before it. */
static YuanMention
classify_yuan (const char *text, const char *yuan)
{
  gunichar before = char_before (text, yuan);

  if (before == 0x4E07 /* 万 */)
    {
      const char *wan = g_utf8_find_prev_char (text, yuan);
      return is_one_of (char_before (text, wan), "十百千")
             ? MENTION_OTHER_SCALE : MENTION_WANYUAN;
    }
  if (is_one_of (before, "千百亿"))
    return MENTION_OTHER_SCALE;
  if (is_one_of (before, "美欧日港澳台韩英单公纪"))
    return MENTION_NOT_MONEY;
  return MENTION_YUAN;
}

BpUnit
bp_unit_from_text (const char *text)
{
  g_autofree char *spaced = bp_text_strip_spaces (text ? text : "");  /* "万 元" */
  g_autofree char *s = g_utf8_make_valid (spaced, -1);  /* damaged bytes → U+FFFD */
  gboolean saw_yuan = FALSE, saw_other_scale = FALSE;

  for (const char *p = strstr (s, "元"); p != NULL; p = strstr (p + 1, "元"))
    switch (classify_yuan (s, p))
      {
      case MENTION_WANYUAN:
        return BP_UNIT_WANYUAN;   /* 万元 wins: "单价(元) 金额(万元)" */
      case MENTION_YUAN:
        saw_yuan = TRUE;
        break;
      case MENTION_OTHER_SCALE:
        saw_other_scale = TRUE;
        break;
      case MENTION_NOT_MONEY:
        break;
      }
  /* A 千元/亿元 table read as 元 would be off by 1000×: better unknown. */
  return saw_yuan && !saw_other_scale ? BP_UNIT_YUAN : BP_UNIT_UNKNOWN;
}

const char *
bp_unit_name (BpUnit unit)
{
  switch (unit)
    {
    case BP_UNIT_YUAN:
      return "元";
    case BP_UNIT_WANYUAN:
      return "万元";
    case BP_UNIT_UNKNOWN:
    default:
      return NULL;
    }
}

/* ---- comparison ---- */

bp_fen
bp_rounding_tolerance (BpUnit unit, guint n_terms)
{
  if (unit != BP_UNIT_WANYUAN)
    return 0;   /* 元 figures carry every fen: exact */
  return (bp_fen) MAX (n_terms, 1u) * HALF_WANYUAN_STEP_FEN;
}

gboolean
bp_amount_within (bp_fen a, bp_fen b, bp_fen tolerance)
{
  if (tolerance < 0)
    return FALSE;
  /* Same signs cannot overflow a − b; opposite signs add magnitudes, which
   * reach at most 2^64 − 1. */
  guint64 distance = (a < 0) == (b < 0) ? fen_magnitude (a - b)
                                        : fen_magnitude (a) + fen_magnitude (b);
  return distance <= (guint64) tolerance;
}

/* ---- percentages ---- */

gboolean
bp_percent_parse (const char *text, bp_pct100 *out)
{
  if (text && has_ideograph (text))
    return FALSE;
  g_autofree char *s = normalize_figure_text (text);
  gsize len = strlen (s);
  gint64 value = 0;

  if (len > 0 && s[len - 1] == '%')   /* "％" is already folded to '%' */
    s[len - 1] = '\0';
  g_strchomp (s);                     /* "91.55 %" */
  if (parse_scaled (s, YUAN_FRACTION_DIGITS, &value) != BP_AMOUNT_OK)
    return FALSE;
  if (out != NULL)
    *out = value;
  return TRUE;
}

/* part / whole in hundredths of a percent, rounded half away from zero
 * (四舍五入). The quotient may not fit int64 when PART dwarfs WHOLE, which is
 * reported as FALSE like a zero WHOLE. */
gboolean
bp_percent_of (bp_fen part, bp_fen whole, bp_pct100 *out)
{
  if (whole == 0)
    return FALSE;

  bp_wide_fen numerator = (bp_wide_fen) part * PCT100_PER_UNIT;
  bp_wide_fen quotient = numerator / whole;
  bp_wide_fen remainder = numerator % whole;

  if (2 * bp_wide_abs (remainder) >= bp_wide_abs (whole))
    quotient += (numerator < 0) != (whole < 0) ? -1 : 1;
  if (quotient > G_MAXINT64 || quotient < G_MININT64)
    return FALSE;
  if (out != NULL)
    *out = (bp_pct100) quotient;
  return TRUE;
}
