/* Line shapes: heading, list item, table row, contents entry, page number.
 * The joiner never joins across any of them. */
#include "config.h"

#include <string.h>

#include "cleanup-private.h"

/* ---- headings and list items: hand-written prefix checks (one per line,
 * so no regular-expression set-up per call) ---------------------------- */

#define IDEO_SPACE "\xE3\x80\x80"   /* U+3000 */

/* P starts with the string literal LIT (the first byte compared inline:
 * most tests fail there). */
#define has(p, lit) ((p)[0] == (lit)[0] && strncmp ((p), (lit), sizeof (lit) - 1) == 0)

static const char *
skip_spaces (const char *p)
{
  for (;;)
    if (*p == ' ')
      p++;
    else if (has (p, IDEO_SPACE))
      p += 3;
    else
      return p;
}

static gboolean
is_cn_numeral (gunichar c)
{
  switch (c)
    {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:  /* 一二三四五 */
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:  /* 六七八九十 */
    case 0x767E: case 0x96F6: case 0x3007:                            /* 百零〇 */
      return TRUE;
    default:
      return FALSE;
    }
}

/* End of a run of Chinese numerals at P (一…十百零〇), or NULL. */
static const char *
cn_numerals_end (const char *p)
{
  const char *q = p;
  while ((guchar) *q >= 0xE0 && (guchar) *q < 0xF0 && q[1] && q[2]
         && is_cn_numeral (utf8_char ((const guchar *) q)))
    q += 3;
  return q > p ? q : NULL;
}

/* End of one or two ASCII digits (not more) at P, or NULL. */
static const char *
short_number_end (const char *p)
{
  int n = 0;
  while (g_ascii_isdigit (p[n]))
    n++;
  return n >= 1 && n <= 2 ? p + n : NULL;
}

/* After "（" or "(" at P, or NULL. */
static const char *
after_open (const char *p)
{
  return *p == '(' ? p + 1 : has (p, "（") ? p + 3 : NULL;
}

static gboolean
is_close (const char *p)
{
  return *p == ')' || has (p, "）");
}

/* After "、", "." or "．" at P, or NULL. */
static const char *
after_enum_mark (const char *p)
{
  return *p == '.' ? p + 1 : (has (p, "、") || has (p, "．")) ? p + 3 : NULL;
}

/* "表 3", "公开 01 表", "预算08表", "图 1", "附表1", "续表2" */
static gboolean
is_table_label (const char *p)
{
  if (has (p, "附") || has (p, "续"))
    p += 3;
  if (has (p, "表") || has (p, "图"))
    return g_ascii_isdigit (*skip_spaces (p + 3));
  if (!has (p, "公开") && !has (p, "预算"))
    return FALSE;
  const char *q = skip_spaces (p + 6);
  if (!g_ascii_isdigit (*q))
    return FALSE;
  while (g_ascii_isdigit (*q))
    q++;
  return has (skip_spaces (q), "表");
}

/* 注：, 说明：, 备注：: a note under a table, a paragraph behind a label. */
gboolean
cleanup_is_note (const char *s)
{
  const char *p = skip_spaces (s), *q;
  if (has (p, "注"))
    q = p + strlen ("注");
  else if (has (p, "说明") || has (p, "备注"))
    q = p + strlen ("说明");
  else
    return FALSE;
  q = skip_spaces (q);
  return has (q, "：") || *q == ':';
}

/* 第一部分 / 第二章 / 第三节, 一、, （一）, a table label, 附件, 目录, 注：… */
gboolean
cleanup_is_heading (const char *s)
{
  const char *p = skip_spaces (s), *q;
  if (has (p, "第") && (q = cn_numerals_end (p + 3)))
    return has (q, "部分") || has (q, "章") || has (q, "节");
  if ((q = cn_numerals_end (p)) && after_enum_mark (skip_spaces (q)))
    return TRUE;
  if ((q = after_open (p)) && (q = cn_numerals_end (skip_spaces (q))) && is_close (skip_spaces (q)))
    return TRUE;
  if (is_table_label (p) || has (p, "附件") || (has (p, "目") && has (skip_spaces (p + 3), "录")))
    return TRUE;
  return cleanup_is_note (p);
}

/* 1.  1、  （1）  1)  ①  and bullets "- " "• " */
gboolean
cleanup_is_list_item (const char *s)
{
  const char *p = skip_spaces (s), *q;
  if ((q = short_number_end (p)))
    {
      const char *after = after_enum_mark (skip_spaces (q));
      if (after)   /* "1.5" is a figure, "1. 围绕" an item */
        return !g_ascii_isdigit (*after) && !(has (after, "\xEF\xBC") && (guchar) after[2] >= 0x90
                                               && (guchar) after[2] <= 0x99);
      return is_close (q);
    }
  if ((q = after_open (p)) && (q = short_number_end (skip_spaces (q))))
    return is_close (skip_spaces (q));
  if ((guchar) *p < 0x80)
    return (*p == '-' || *p == '*') && p[1] == ' ';
  gunichar c = g_utf8_get_char (p);
  if (c >= 0x2460 && c <= 0x2473)   /* ① … ⑳ */
    return TRUE;
  switch (c)
    {
    case 0x2022: case 0xB7: case 0x25AA: case 0x25CF: case 0x25C6:  /* • · ▪ ● ◆ */
    case 0x25A0: case 0x25A1: case 0x2610: case 0x2611:              /* ■ □ ☐ ☑ */
      return *g_utf8_next_char (p) == ' ';
    default:
      return FALSE;
    }
}

/* A token that is a table figure: amount, percent, count or code. */
static gboolean
is_figure (const char *t, gsize n)
{
  const char *p = t, *end = t + n;
  if (p < end && (*p == '-' || *p == '+'))
    p++;
  if (p == end || !g_ascii_isdigit (*p))
    return FALSE;
  while (p < end && (g_ascii_isdigit (*p) || *p == ',' || *p == '.'))
    p++;
  if (p < end && *p == '%')
    p++;
  return p == end;
}

/* A figure followed by a unit or date word is prose ("2021 年度", "40 万元"). */
static gboolean
starts_with_unit (const char *t)
{
  if ((guchar) *t < 0x80)
    return *t == '%';
  switch (g_utf8_get_char (t))
    {
    case 0x5E74: case 0x6708: case 0x65E5: case 0x4E07: case 0x5143: /* 年月日万元 */
    case 0x4EBF: case 0x4E2A: case 0x4EBA: case 0x8F86: case 0x53F0: /* 亿个人辆台 */
    case 0x5957: case 0x6B21: case 0x7BC7: case 0x671F: case 0x540D: /* 套次篇期名 */
    case 0x5BB6: case 0x9879: case 0xFF05: case 0x500D: case 0x6279: /* 家项％倍批 */
    case 0x573A: case 0x4EF6: case 0x5929:                            /* 场件天 */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
at_space (const char *p)
{
  return *p == ' ' || (p[0] == IDEO_SPACE[0] && p[1] == IDEO_SPACE[1] && p[2] == IDEO_SPACE[2]);
}

/* Space-separated tokens (ASCII space or U+3000), without allocating. */
static const char *
next_token (const char *p, gsize *len)
{
  while (at_space (p))
    p += *p == ' ' ? 1 : 3;
  const char *start = p;
  while (*p && !at_space (p))
    p++;
  *len = p - start;
  return start;
}

/* 一..十: a row label "一、" glued to the figure before it. */
static gboolean
is_glue_numeral (gunichar c)
{
  return is_cn_numeral (c) && c != 0x767E && c != 0x96F6 && c != 0x3007;   /* not 百零〇 */
}

/* A digit, ASCII or full-width (EF BC 90..99, folded later), ends right
 * before P in S. (Inlined: the scan asks it of every punctuation mark.) */
G_ALWAYS_INLINE static inline gboolean
digit_ends_at (const guchar *s, const guchar *p)
{
  return (p > s && g_ascii_isdigit (p[-1]))
         || (p - s >= 3 && p[-3] == 0xEF && p[-2] == 0xBC && p[-1] >= 0x90 && p[-1] <= 0x99);
}

/* What an ASCII character tells the line scan: one table lookup instead
 * of a dozen comparisons on the commonest characters of a table row. */
enum {
  ASCII_TAB = 1 << 0, ASCII_DIGIT = 1 << 1, ASCII_LATIN = 1 << 2, ASCII_X = 1 << 3,
  ASCII_CONTROL = 1 << 4, ASCII_MARKUP = 1 << 5, ASCII_OPERATOR = 1 << 6,
  ASCII_FORM_FEED = 1 << 7, ASCII_POINT = 1 << 8, ASCII_COMMA = 1 << 9
};

static guint16 ascii_class[128];

static void
ascii_class_init (void)
{
  static gsize done = 0;
  if (!g_once_init_enter (&done))
    return;
  for (int c = 0; c < 128; c++)
    ascii_class[c] = (c == '\t' ? ASCII_TAB : 0) | (g_ascii_isdigit (c) ? ASCII_DIGIT : 0)
                     | (g_ascii_isalpha (c) ? ASCII_LATIN : 0)
                     | (c == 'X' || c == 'x' ? ASCII_X : 0)
                     | ((c < 0x20 && c != '\t') || c == 0x7F ? ASCII_CONTROL : 0)
                     | (c == '<' || c == '&' ? ASCII_MARKUP : 0)
                     | (c == '+' || c == '=' ? ASCII_OPERATOR : 0)
                     | (c == '\f' ? ASCII_FORM_FEED : 0)
                     | (c == '.' ? ASCII_POINT : 0) | (c == ',' ? ASCII_COMMA : 0);
  g_once_init_leave (&done, 1);
}

/* The placeholder patterns non-ASCII character C may start (damage.c). */
static guint
trigger_of (gunichar c)
{
  switch (c)
    {
    case 0xD7: case 0x25CB: case 0xFF38: case 0xFF0A:   /* × ○ Ｘ ＊ */
      return TRIGGER_X;
    case 0x300A: return TRIGGER_REFER;
    case 0x2026: return TRIGGER_DOTS;
    default: return 0;
    }
}

/* The line-scan marks of the ASCII characters seen (ASCII_* bits). */
static void
apply_ascii_class (LineScan *m, guint bits)
{
  m->tab = (bits & ASCII_TAB) != 0;
  m->form_feed = (bits & ASCII_FORM_FEED) != 0;
  m->figure_mark = (bits & (ASCII_POINT | ASCII_COMMA)) != 0;
  m->comma = (bits & ASCII_COMMA) != 0;
  m->digit = (bits & ASCII_DIGIT) != 0;
  m->triggers |= (bits & ASCII_LATIN ? TRIGGER_LATIN : 0) | (bits & ASCII_X ? TRIGGER_X : 0);
  m->needs |= (bits & ASCII_CONTROL ? NEED_INVISIBLE : 0) | (bits & ASCII_MARKUP ? NEED_MARKUP : 0)
              | (bits & ASCII_OPERATOR ? NEED_ASCII_OPERATOR : 0);
}

/* A character that is neither ASCII nor an ideograph: punctuation, symbols,
 * full-width forms. */
static void
scan_other_char (LineScan *m, const guchar *p, gunichar c, int run, gboolean digit_before)
{
  /* dot leaders of a contents line: ……, ····, ・・・ */
  m->leader |= (c == 0x2026 && run >= 2) || ((c == 0xB7 || c == 0x30FB) && run >= 3);
  m->triggers |= (c == 0x3002 && run >= 3 ? TRIGGER_DOTS : 0) | trigger_of (c);
  /* E2..ED: punctuation, symbols, CJK (wide or ambiguous: wide here);
   * the full-width forms U+FF01..U+FF60 (，：（） of most lines) are wide
   * without GLib's table */
  m->width += (*p >= 0xE2 && *p <= 0xED) || (c >= 0xFF01 && c <= 0xFF60)
              || g_unichar_iswide_cjk (c) ? 2 : 1;
  m->sentence |= c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == 0xFF1F || c == 0xFF01;
  m->checkbox |= c == 0x25A1 || c == 0x2610 || c == 0x2611 || c == 0x221A || c == 0x25A0;
  m->needs |= cleanup_needs_of_char (p, digit_before);
}

/* One pass over S: display width (CJK and full-width 2, ASCII 1; lead
 * bytes E3..ED are U+3000..U+DFFF, all wide, so only other characters need
 * GLib's table), tabs, Latin letters, sentence punctuation (，。；？！),
 * form checkboxes (□ ☐ ☑ √ ■), dot leaders, and the repairs the line
 * needs. */
void
cleanup_scan_line (const char *s, LineScan *m)
{
  *m = (LineScan) { 0 };
  const guchar *p = (const guchar *) s;
  gunichar prev = 0;
  int run = 0;
  guint ascii = 0, tokens = 0, ideographs = 0;
  int ascii_dots = 0;   /* the longest run of '.' */
  int width = 0;   /* of ASCII (1) and ideographs (2) */
  gboolean in_token = FALSE, double_space = FALSE;
  ascii_class_init ();
  /* ASCII and ideographs (most characters) are counted in locals and test
   * only what they can be; the rest goes through scan_other_char. RUN
   * (how often the character repeats) only matters for the leader
   * characters ('.' and some of the others): it is kept for those. */
  while (*p)
    {
      if (*p < 0x80)
        {
          guchar c = *p++;
          if (c == '.')
            {
              run = prev == '.' ? run + 1 : 1;
              ascii_dots = MAX (ascii_dots, run);
            }
          double_space |= (c == ' ') & (prev == ' ');
          prev = c;
          tokens += c != ' ' && !in_token;
          in_token = c != ' ';
          ascii |= ascii_class[c];
          width++;
          continue;
        }
      gunichar c = utf8_char (p);
      if (c >= 0x4E00 && c <= 0x9FFF)
        {
          /* an ideograph is wide (counted at the end), ends a leader run
           * and only 补/请 trigger a pattern; the run of ideographs it
           * starts is one token, and only its first can follow a digit */
          tokens += !in_token;
          in_token = TRUE;
          if (is_glue_numeral (c) && digit_ends_at ((const guchar *) s, p))
            m->needs |= NEED_GLUE;   /* "1132.98一、": maybe a glued row label */
          for (;;)
            {
              if (c == 0x8865 || c == 0x8BF7)
                m->triggers |= c == 0x8865 ? TRIGGER_SUPPLEMENT : TRIGGER_PLEASE;
              ideographs++;
              p += 3;
              if (*p < 0xE4 || *p > 0xE9 || utf8_char (p) < 0x4E00)   /* E4..E9: U+4000..U+9FFF */
                break;
              c = utf8_char (p);
            }
          prev = c;
        }
      else
        {
          run = c == prev ? run + 1 : 1;
          prev = c;
          gboolean space = c == 0x3000;
          tokens += !space && !in_token;
          in_token = !space;
          scan_other_char (m, p, c, run, digit_ends_at ((const guchar *) s, p));
          p += *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        }
    }
  apply_ascii_class (m, ascii);
  m->len = (const char *) p - s;
  m->width += width + 2 * (int) ideographs;
  m->ideographs = (int) ideographs;
  m->tokens = tokens;
  m->double_space = double_space;
  m->leader |= ascii_dots >= 4;   /* "...." */
  m->triggers |= ascii_dots >= 3 ? TRIGGER_DOTS : 0;
  if ((m->needs & NEED_OPEN_PAREN) && (m->needs & NEED_ASCII_OPERATOR))
    m->needs |= NEED_FOLD;
}

/* Tab-separated; a form row with checkboxes; two or more figures, or four
 * or more space-separated cells, in a line without sentence punctuation;
 * or a lone classification code. */
gboolean
cleanup_is_table_row (const char *s, const LineScan *m)
{
  if (m->tab || m->checkbox)
    return TRUE;
  if (m->sentence)
    return FALSE;   /* neither a row of cells nor a lone code (digits only) */
  if (!m->digit)
    return m->tokens >= 4;   /* no figure, and a code needs three digits */
  /* The scan's tokens are the loop's below unless a control or format
   * character is left, which trimming may have removed with the spaces
   * around it: four or more make a row without the walk. */
  if (m->tokens >= 4 && !(m->needs & NEED_INVISIBLE))
    return TRUE;
  guint n = 0, figures = 0;
  gsize len, next_len;
  const char *tok = next_token (s, &len);
  while (len > 0)
    {
      const char *next = next_token (tok + len, &next_len);
      if (n == 0 && next_len == 0 && len <= 7)
        {
          g_autofree char *t = g_strndup (tok, len);
          if (bp_text_is_class_code (t))
            return TRUE;   /* a code alone: the row's name follows */
        }
      if (is_figure (tok, len) && !starts_with_unit (next))
        figures++;
      n++;
      tok = next;
      len = next_len;
    }
  return figures >= 2 || n >= 4;
}

gboolean
cleanup_is_page_number (const CleanupState *st, const char *s, gsize len,
                        gboolean digit, int ideographs)
{
  if (len > 48 || !digit || ideographs > 4)
    return FALSE;   /* "第 3 页 共 40 页": short, ASCII digits, few ideographs */
  /* the cache's copy of the same pattern (compiled alike) answers without
   * the GMatchInfo g_regex_match allocates per line */
  return st->page_regex && bp_regex_match (g_regex_get_pattern (st->page_regex), s, NULL);
}
