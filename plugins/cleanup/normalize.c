/* Per-line repairs: invisible characters, markup remnants, full-width
 * numbers, glued table cells. Each step has an ASCII fast path: most lines
 * need nothing, and the stage must stay far above 100 MB/s. */
#include "config.h"

#include <string.h>
#include <utf8proc.h>

#include "cleanup-private.h"

/* Whether S may hold a control or format character: ASCII controls, DEL,
 * and the lead bytes of C1 controls/NBSP/soft hyphen (C2), Arabic format
 * marks (D8, DB, DC), U+180E (E1 A0), U+200B..U+206F (E2 80/81), BOM and
 * U+FFF9.. (EF BB/BF), tags (F3). Chinese text (E3..E9) never matches, so
 * most lines skip the character-by-character pass. */
static gboolean
may_have_invisible (const char *s)
{
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      guchar c = *p;
      if ((c < 0x20 && c != '\t') || c == 0x7F || c == 0xC2 || c == 0xD8
          || c == 0xDB || c == 0xDC || c == 0xF3)
        return TRUE;
      if ((c == 0xE1 && p[1] == 0xA0) || (c == 0xE2 && (p[1] == 0x80 || p[1] == 0x81))
          || (c == 0xEF && (p[1] == 0xBB || p[1] == 0xBF)))
        return TRUE;
    }
  return FALSE;
}

/* Control (Cc) and format (Cf: zero-width space/joiners, BOM, soft hyphen,
 * direction marks) characters carry nothing a reader sees; NBSP is a space. */
char *
cleanup_strip_invisible (const char *s)
{
  if (!may_have_invisible (s))
    return NULL;
  GString *out = g_string_sized_new (strlen (s));
  for (const char *p = s; *p;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next = (c == (gunichar) -1 || c == (gunichar) -2) ? p + 1
                                                                   : g_utf8_next_char (p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        g_string_append (out, "\xEF\xBF\xBD");
      else if (c == 0xA0)
        g_string_append_c (out, ' ');
      else
        {
          utf8proc_category_t cat = utf8proc_category ((utf8proc_int32_t) c);
          gboolean drop = (cat == UTF8PROC_CATEGORY_CC && c != '\t')
                          || cat == UTF8PROC_CATEGORY_CF;
          if (!drop)
            g_string_append_len (out, p, next - p);
        }
      p = next;
    }
  return g_string_free (out, FALSE);
}

/* ---- markup ----------------------------------------------------------- */

static const char *const known_tags[] = {
  "p", "br", "u", "b", "i", "em", "strong", "span", "div", "font", "sup",
  "sub", "td", "tr", "th", "table", "tbody", "li", "ul", "ol", NULL
};

/* Length of an HTML tag at P that extraction left behind (a known ASCII tag
 * name, so "<党组>" in prose survives), 0 if none; *NAME and *NAME_LEN get
 * the tag's name. */
static gsize
html_tag_length (const char *p, const char **name, gsize *name_len)
{
  const char *q = p + 1;
  if (*q == '/')
    q++;
  const char *n = q;
  while (g_ascii_isalpha (*q))
    q++;
  if (q == n || (*q != '>' && *q != ' ' && *q != '/'))
    return 0;
  *name = n;
  *name_len = q - n;
  gboolean known = g_ascii_strncasecmp (n, "input", 5) == 0 && *name_len == 5;
  for (guint i = 0; !known && known_tags[i]; i++)
    known = strlen (known_tags[i]) == *name_len
            && g_ascii_strncasecmp (n, known_tags[i], *name_len) == 0;
  if (!known)
    return 0;
  const char *end = q;
  while (*end && *end != '>' && *end != '<' && end - p < 400)
    end++;
  return *end == '>' ? (gsize) (end - p + 1) : 0;
}

static void
append_tag_replacement (GString *out, const char *tag, gsize len,
                        const char *name, gsize name_len)
{
  g_autofree char *t = g_ascii_strdown (tag, len);
  if (name_len == 5 && g_ascii_strncasecmp (name, "input", 5) == 0)
    {
      if (strstr (t, "checkbox") || strstr (t, "radio"))
        g_string_append (out, strstr (t, "checked") ? "☑" : "☐");
    }
  else if (name_len == 2 && g_ascii_strncasecmp (name, "br", 2) == 0)
    g_string_append_c (out, ' ');
}

static const struct { const char *name; const char *text; } entities[] = {
  { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
  { "&apos;", "'" }, { "&nbsp;", " " }, { "&ensp;", " " }, { "&emsp;", " " },
  { "&mdash;", "—" }, { "&ldquo;", "“" }, { "&rdquo;", "”" }, { "&hellip;", "…" },
};

/* Length of the entity at P with its text appended to OUT, or 0. */
static gsize
append_entity (GString *out, const char *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strncmp (p, entities[i].name, strlen (entities[i].name)) == 0)
      {
        g_string_append (out, entities[i].text);
        return strlen (entities[i].name);
      }
  if (p[1] != '#')
    return 0;
  gboolean hex = p[2] == 'x' || p[2] == 'X';
  char *end = NULL;
  guint64 v = g_ascii_strtoull (p + (hex ? 3 : 2), &end, hex ? 16 : 10);
  if (end == p + (hex ? 3 : 2) || *end != ';' || v == 0 || !g_unichar_validate ((gunichar) v))
    return 0;
  g_string_append_unichar (out, (gunichar) v);
  return end - p + 1;
}

char *
cleanup_strip_markup (const char *s)
{
  if (!strchr (s, '<') && !strchr (s, '&'))
    return NULL;
  GString *out = g_string_sized_new (strlen (s));
  for (const char *p = s; *p;)
    {
      const char *name = NULL;
      gsize name_len = 0, n = 0;
      if (*p == '<' && (n = html_tag_length (p, &name, &name_len)) > 0)
        append_tag_replacement (out, p, n, name, name_len);
      else if (*p == '&' && (n = append_entity (out, p)) > 0)
        ;
      else
        {
          g_string_append_c (out, *p);
          n = 1;
        }
      p += n;
    }
  return g_string_free (out, FALSE);
}

/* ---- full-width numbers ----------------------------------------------- */

static gboolean
is_digit_any (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static gboolean
is_formula_char (gunichar c)
{
  return is_digit_any (c) || c == 0xFF0B || c == 0xFF0D || c == 0xFF0A
      || c == 0xFF0F || c == 0xFF1D || c == 0xFF0E || c == 0xFF05 || c == 0xD7
      || c == '+' || c == '-' || c == '*' || c == '/' || c == '=' || c == '.'
      || c == '%' || c == ' ' || c == 0x2026;
}

/* （…） holding only a formula ("＝（２＋３）") folds; prose brackets stay. */
static gboolean
is_operator (gunichar c)
{
  return c == 0xFF0B || c == 0xFF0D || c == 0xFF0A || c == 0xFF0F || c == 0xFF1D
      || c == 0xD7 || c == '+' || c == '-' || c == '*' || c == '/' || c == '=';
}

/* The brackets hold digits and at least one operator: "（２＋３）", not the
 * list marker "（1）". */
static gboolean
formula_paren (const gunichar *u, glong n, glong i)
{
  glong j = i + 1;
  gboolean digit = FALSE, op = FALSE;
  for (; j < n && j - i < 80 && u[j] != 0xFF09; j++)
    {
      if (!is_formula_char (u[j]))
        return FALSE;
      digit |= is_digit_any (u[j]);
      op |= is_operator (u[j]);
    }
  return j < n && u[j] == 0xFF09 && digit && op;
}

static gboolean
digit_at (const gunichar *u, glong n, glong i)
{
  return i >= 0 && i < n && is_digit_any (u[i]);
}

/* Whether full-width punctuation U[I] is part of a number or formula. */
static gboolean
numeric_punct (const gunichar *u, glong n, glong i, const gboolean *paren)
{
  gboolean before = digit_at (u, n, i - 1), after = digit_at (u, n, i + 1);
  switch (u[i])
    {
    case 0xFF0E: /* ． */
    case 0xFF1A: /* ： */
      return before && after;
    case 0xFF0C: /* ， thousands: exactly three digits follow */
      return before && digit_at (u, n, i + 3) && !digit_at (u, n, i + 4)
             && after && digit_at (u, n, i + 2);
    case 0xFF05: /* ％ */
      return before;
    case 0xFF0B: case 0xFF0D: case 0xFF1D: case 0xFF0A: case 0xFF0F:
      return before || after || (i > 0 && (u[i - 1] == 0xFF09 || paren[i - 1]))
             || (i + 1 < n && (u[i + 1] == 0xFF08 || paren[i + 1]));
    default:
      return FALSE;
    }
}

char *
cleanup_fold_numbers (const char *s)
{
  if (!strstr (s, "\xEF\xBC") && !strstr (s, "\xEF\xBD"))   /* no U+FF00..FF7F */
    return NULL;
  glong n = 0;
  gunichar *u = g_utf8_to_ucs4_fast (s, -1, &n);
  gboolean *paren = g_new0 (gboolean, n + 1);
  for (glong i = 0; i < n; i++)
    if (u[i] == 0xFF08 && formula_paren (u, n, i))
      {
        paren[i] = TRUE;
        for (glong j = i + 1; j < n; j++)
          if (u[j] == 0xFF09)
            {
              paren[j] = TRUE;
              break;
            }
      }
  GString *out = g_string_sized_new (strlen (s));
  for (glong i = 0; i < n; i++)
    {
      gunichar c = u[i];
      gboolean alnum = (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A)
                       || (c >= 0xFF41 && c <= 0xFF5A);
      if (alnum || paren[i] || (c >= 0xFF01 && c <= 0xFF5E && numeric_punct (u, n, i, paren)))
        g_string_append_c (out, (char) (c - 0xFEE0));
      else
        g_string_append_unichar (out, c);
    }
  g_free (paren);
  g_free (u);
  return g_string_free (out, FALSE);
}

/* ---- glued cells -------------------------------------------------------- */

static const char cn_numerals[] = "一二三四五六七八九十";

/* Length of 1..3 Chinese numerals at P. */
static gsize
cn_numeral_run (const char *p)
{
  const char *q = p;
  for (int n = 0; n < 3 && (guchar) *q >= 0xE0; n++)
    {
      char ch[4] = { q[0], q[1], q[2], 0 };
      if (!strstr (cn_numerals, ch))
        break;
      q += 3;
    }
  return q - p;
}

/* A row label starts at P: "一、" … "十三、" or "（一）". */
static gboolean
row_label_at (const char *p)
{
  if (g_str_has_prefix (p, "（"))
    {
      gsize n = cn_numeral_run (p + 3);
      return n > 0 && g_str_has_prefix (p + 3 + n, "）");
    }
  gsize n = cn_numeral_run (p);
  return n > 0 && g_str_has_prefix (p + n, "、");
}

/* An amount with two decimals ends right before P ("1132.98" + "一、"). */
static gboolean
amount_ends_at (const char *s, const char *p)
{
  return p - s >= 4 && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[-2])
         && p[-3] == '.' && g_ascii_isdigit (p[-4]);
}

char *
cleanup_split_glued (const char *s, gboolean tabbed)
{
  GString *out = NULL;
  const char *done = s;
  /* an earlier repair may have emptied the line ("\f", a lone U+200B) */
  if (*s == '\0')
    return NULL;
  for (const char *p = s + 1; *p; p++)
    if ((guchar) *p >= 0xE0 && amount_ends_at (s, p) && row_label_at (p))
      {
        if (out == NULL)
          out = g_string_sized_new (strlen (s) + 4);
        g_string_append_len (out, done, p - done);
        g_string_append_c (out, tabbed ? '\t' : ' ');
        done = p;
      }
  if (out == NULL)
    return NULL;
  g_string_append (out, done);
  return g_string_free (out, FALSE);
}

/* ---- one line ------------------------------------------------------------ */

/* Full-width forms that fold wherever they are (digits, letters,
 * ．％＋－＝＊／) or next to a figure (，：): EF BC xx / EF BD xx. A （ folds
 * around an ASCII formula (NEED_OPEN_PAREN). */
static gboolean
may_fold (const guchar *p, gboolean digit_before)
{
  if (p[1] == 0xBD)
    return p[2] >= 0x81 && p[2] <= 0x9A;          /* ａ..ｚ */
  guchar b = p[2];
  if ((b >= 0x90 && b <= 0x99) || (b >= 0xA1 && b <= 0xBA))
    return TRUE;                                   /* ０..９ Ａ..Ｚ */
  switch (b)
    {
    case 0x8E: case 0x85: case 0x8B: case 0x8D: case 0x9D: case 0x8A: case 0x8F:
      return TRUE;                                 /* ．％＋－＝＊／ */
    case 0x8C: case 0x9A:
      return digit_before;                         /* ，： */
    default:
      return FALSE;
    }
}

/* By lead byte, no decoding. */
guint
cleanup_needs_of_char (const guchar *p, gboolean digit_before)
{
  guchar c = *p;
  if (c < 0xE0)
    return (c == 0xC2 && (p[1] <= 0xA0 || p[1] == 0xAD)) || c == 0xD8 || c == 0xDB
           || c == 0xDC ? NEED_INVISIBLE : 0;
  if (c == 0xE1 || c == 0xE2)
    /* U+180E; U+200B..U+200F, U+202A..U+202E, U+2060..U+206F (not the
     * quotes, dashes and … that share the lead bytes) */
    return (c == 0xE1 && p[1] == 0xA0)
           || (c == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x8B && p[2] <= 0x8F)
                                              || (p[2] >= 0xAA && p[2] <= 0xAE)))
           || (c == 0xE2 && p[1] == 0x81 && p[2] >= 0xA0) ? NEED_INVISIBLE : 0;
  if (c == 0xEF)
    {
      if (p[1] == 0xBB || p[1] == 0xBF)
        return NEED_INVISIBLE;
      if (p[1] != 0xBC && p[1] != 0xBD)
        return 0;
      return (may_fold (p, digit_before) ? NEED_FOLD : 0)
             | (p[1] == 0xBC && p[2] == 0x88 ? NEED_OPEN_PAREN : 0)
             | (p[1] == 0xBC && p[2] == 0x88 && digit_before ? NEED_GLUE : 0);   /* "98（一）" */
    }
  return c == 0xF3 ? NEED_INVISIBLE : 0;
}

/* S after STEP; STEP returns NULL when it changed nothing. */
static char *
apply (char *s, const char *line, char *(*step) (const char *))
{
  char *t = step (s ? s : line);
  if (t == NULL)
    return s;
  g_free (s);
  return t;
}

/* Most non-blank lines carry tabs: cells are tab-separated. */
gboolean
cleanup_tabs_separated (CleanupTabs *tabs)
{
  if (tabs->tabbed >= 0)
    return tabs->tabbed;
  guint tabbed = 0, filled = 0;
  for (const char *s = bp_document_source_line (tabs->doc, 1); s;
       s = bp_document_source_line_next (tabs->doc, s))
    {
      filled += *s != '\0';
      tabbed += strchr (s, '\t') != NULL;
    }
  tabs->tabbed = filled && tabbed * 4 >= filled;
  return tabs->tabbed;
}

char *
cleanup_repair_line (const CleanupState *st, const char *line, CleanupTabs *tabs,
                     guint needs)
{
  char *s = NULL;
  /* removing a character or a tag may bring a figure and a label together */
  if (needs & (NEED_INVISIBLE | NEED_MARKUP))
    needs |= NEED_GLUE;
  if (st->normalize && (needs & NEED_INVISIBLE))
    s = apply (s, line, cleanup_strip_invisible);
  if (st->strip_markup && (needs & NEED_MARKUP))
    s = apply (s, line, cleanup_strip_markup);
  if (st->normalize && (needs & NEED_FOLD))
    s = apply (s, line, cleanup_fold_numbers);
  if (st->split_glued && (needs & NEED_GLUE))
    {
      /* split with a space first: the tabs are asked only when it splits */
      char *t = cleanup_split_glued (s ? s : line, FALSE);
      if (t && cleanup_tabs_separated (tabs))
        {
          g_free (t);
          t = cleanup_split_glued (s ? s : line, TRUE);
        }
      if (t)
        {
          g_free (s);
          s = t;
        }
    }
  return s;
}

/* ---- thousands separators lost in extraction ----------------------------- */

/* What the number token of LEN bytes at S says of the document's commas:
 * 1 when it has one comma, no point, four or more digits (no leading 0)
 * before it and three after ("125360,898": a separator dropped, the rest
 * of the figure printed whole), 2 when it groups properly with two commas
 * or more ("125,360,898"), else 0. */
static int
comma_kind (const char *s, gsize len)
{
  gsize commas = 0, comma_at = 0, group = 0;
  gboolean grouped = TRUE;
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '.')
        return 0;
      if (s[i] != ',')
        {
          group++;
          continue;
        }
      grouped = grouped && group >= 1 && (commas == 0 ? group <= 3 : group == 3);
      commas++, comma_at = i, group = 0;
    }
  if (commas >= 2)
    return grouped && group == 3 ? 2 : 0;
  if (commas == 1 && comma_at >= 4 && len - comma_at - 1 == 3 && s[0] != '0')
    return 1;
  return 0;
}

/* Calls FN on each maximal run of digits, commas and points in S holding a
 * comma, with its start and length; stops when FN returns FALSE. */
static void
each_comma_token (const char *s, gboolean (*fn) (const char *, gsize, gpointer),
                  gpointer data)
{
  for (const char *p = s; *p;)
    {
      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      /* ".02192,446": the cents of one figure run into the next, no comma of ours */
      gboolean glued = p > s && (p[-1] == '.' || p[-1] == ',');
      const char *q = p;
      gboolean comma = FALSE;
      while (g_ascii_isdigit (*q) || *q == ',' || *q == '.')
        comma |= *q++ == ',';
      gsize len = (gsize) (q - p);
      while (len > 0 && (p[len - 1] == ',' || p[len - 1] == '.'))
        len--; /* a list's comma or a sentence's point after a figure */
      if (comma && !glued && !fn (p, len, data))
        return;
      p = q;
    }
}

static gboolean
count_comma_kind (const char *s, gsize len, gpointer data)
{
  guint *kinds = data;
  kinds[comma_kind (s, len)]++;
  return kinds[2] == 0;   /* one figure grouped properly settles it */
}

void
cleanup_count_commas (const char *s, guint kinds[3])
{
  if (kinds[2] == 0)
    each_comma_token (s, count_comma_kind, kinds);
}

gboolean
cleanup_commas_misplaced_by (const guint kinds[3])
{
  /* such figures among many rightly grouped ones are cells run together */
  return kinds[1] >= 3 && kinds[2] == 0 && kinds[1] * 4 >= kinds[0];
}

typedef struct {
  const char *line;
  GString *out;
  const char *done; /* LINE copied up to here */
} Regroup;

static gboolean
regroup_token (const char *s, gsize len, gpointer data)
{
  Regroup *r = data;
  if (comma_kind (s, len) != 1)
    return TRUE;
  if (!r->out)
    r->out = g_string_sized_new (strlen (r->line) + 8);
  g_string_append_len (r->out, r->done, s - r->done);
  gsize digits = len - 1, left = digits;
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == ',')
        continue;
      g_string_append_c (r->out, s[i]);
      if (--left > 0 && left % 3 == 0)
        g_string_append_c (r->out, ',');
    }
  r->done = s + len;
  return TRUE;
}

char *
cleanup_regroup_commas (const char *s)
{
  if (!strchr (s, ','))
    return NULL;
  Regroup r = { .line = s, .out = NULL, .done = s };
  each_comma_token (s, regroup_token, &r);
  if (!r.out)
    return NULL;
  g_string_append (r.out, r.done);
  return g_string_free (r.out, FALSE);
}
