/* Text damage: English words inside Chinese sentences (a translation or
 * editing slip: "进行调查 research，", "日常工作 and 国防动员") and template
 * text nobody filled in ("XX", "××", "（根据本部门…补充解释）"). */
#include "config.h"

#include <string.h>

#include "cleanup-private.h"

#define CONTEXT_CHARS 10

/* Lower-case Latin that belongs in Chinese text: units, file types, web. */
static const char *const allowed_words[] = {
  "km", "kg", "kw", "kwh", "mm", "cm", "ml", "mg", "ha", "kb", "mb", "gb",
  "tb", "pm", "am", "app", "wifi", "www", "http", "https", "com", "cn", "gov",
  "org", "net", "html", "htm", "pdf", "doc", "docx", "xls", "xlsx", "ppt",
  "pptx", "jpg", "png", "ip", "id", "vs", "etc", "ok", "mu", "kgce", "tce",
  "ppm", "db", "mhz", "ghz", "kv", "mw", "gw", "kva", NULL
};

static gboolean
allowed_word (const char *w, gsize n)
{
  for (guint i = 0; allowed_words[i]; i++)
    if (strlen (allowed_words[i]) == n && strncmp (allowed_words[i], w, n) == 0)
      return TRUE;
  return FALSE;
}

/* Attached to a code, unit, URL or path: "A02010104", "m²", "x.gov.cn". */
static gboolean
attached (char c)
{
  return g_ascii_isdigit (c) || strchr ("./_-@:&=#%\\+~", c) != NULL;
}

static gboolean
cjk_punct (gunichar c)
{
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F)
      || (c >= 0xFF1A && c <= 0xFF20) || c == 0x201C || c == 0x201D
      || c == 0x2018 || c == 0x2019 || c == 0x2026 || c == 0x2014;
}

/* The character before TEXT+AT, skipping spaces, or 0 at the start. */
static gunichar
char_before (const char *text, gsize at, gboolean *space)
{
  const char *p = text + at;
  *space = FALSE;
  while (p > text && (p[-1] == ' '))
    p--, *space = TRUE;
  if (p == text)
    return 0;
  return g_utf8_get_char (g_utf8_find_prev_char (text, p));
}

static gunichar
char_after (const char *p)
{
  while (*p == ' ')
    p++;
  return *p ? g_utf8_get_char (p) : 0;
}

/* Both neighbours Chinese (one an ideograph, the other an ideograph or
 * Chinese punctuation): the word sits inside a Chinese sentence. */
static gboolean
inside_chinese (gunichar before, gunichar after)
{
  gboolean b_han = bp_text_is_cjk (before), a_han = bp_text_is_cjk (after);
  return (b_han || a_han) && (b_han || cjk_punct (before))
         && (a_han || cjk_punct (after));
}

static char *
context_of (const char *text, gsize start, gsize end)
{
  const char *a = text + start, *b = text + end;
  for (int i = 0; i < CONTEXT_CHARS && a > text; i++)
    a = g_utf8_find_prev_char (text, a);
  for (int i = 0; i < CONTEXT_CHARS && *b; i++)
    b = g_utf8_next_char (b);
  return g_strndup (a, b - a);
}

static gboolean
latin_word_is_damage (const char *text, gsize s, gsize e)
{
  gsize n = e - s;
  if (n < 2 || allowed_word (text + s, n))
    return FALSE;
  gboolean roman = TRUE;   /* "ii", "iv"; "xx" is a placeholder instead */
  for (gsize i = s; i < e; i++)
    {
      if (!g_ascii_islower (text[i]))
        return FALSE;   /* GDP, PPP, names: abbreviations, not slips */
      roman &= strchr ("ivxlc", text[i]) != NULL;
    }
  if (roman)
    return FALSE;
  if ((s > 0 && attached (text[s - 1])) || attached (text[e])
      || (guchar) text[e] == 0xC2 /* ² ³ */)
    return FALSE;
  gboolean space = FALSE;
  gunichar before = char_before (text, s, &space);
  if (g_unichar_isdigit (before) || before == 0xFF05)
    return FALSE;   /* "325 kgce": a unit after its figure */
  return inside_chinese (before, char_after (text + e));
}

static void
find_latin_words (BpDocument *doc, const Logical *l)
{
  const char *text = l->text;
  int last_line = 0;
  for (gsize i = 0; text[i];)
    {
      if (!g_ascii_isalpha (text[i]))
        {
          i++;
          continue;
        }
      gsize s = i;
      while (g_ascii_isalpha (text[i]))
        i++;
      if (!latin_word_is_damage (text, s, i))
        continue;
      int line = logical_line_at (l, s);
      if (line == last_line)
        continue;
      g_autofree char *word = g_strndup (text + s, i - s);
      g_autofree char *ctx = context_of (text, s, i);
      bp_document_add_finding (doc, "text.latin-word", "text", BP_SEVERITY_WARNING,
                               line, NULL, "中文句子中夹杂英文单词“%s”：“%s”",
                               word, ctx);
      last_line = line;
    }
}

/* ---- template placeholders ------------------------------------------------ */

typedef struct {
  const char *rule;
  const char *category;
  const char *what;
  guint trigger;          /* the pattern runs only if the line has one (Trigger) */
  const char *pattern;
} Placeholder;

static const Placeholder placeholders[] = {
  { "text.placeholder", "text", "未填写的占位符", TRIGGER_X,
    "(?<![A-Za-z])(?:X{2,}|x{2,}|Ｘ{2,}|×{2,}|○{2,}|＊{2,})(?![A-Za-z])" },
  { "text.placeholder", "text", "模板填写说明未删除", TRIGGER_SUPPLEMENT,
    "根据本(?:部门|单位)[^。；]{0,30}?补充(?:解释|说明)" },
  { "text.placeholder", "text", "模板填写说明未删除", TRIGGER_PLEASE,
    "请(?:依据|根据|按照|结合)[^。；]{0,40}?(?:进行)?(?:解释|说明|填写|填列|补充)" },
  { "text.placeholder", "text", "模板填写说明未删除", TRIGGER_REFER,
    "参考《[^》]{1,40}》[^。；]{0,10}?(?:逐项)?(?:解释|说明|填写)" },
  { "text.placeholder", "text", "模板示例未替换", TRIGGER_DOTS,
    "^\\s*\\d{1,2}\\s*[.．、]\\s*(?:…|\\.{3,}|。。。)+\\s*$" },
};

static GRegex *placeholder_res[G_N_ELEMENTS (placeholders)];

static GRegex *
placeholder_regex (guint i)
{
  if (g_once_init_enter (&placeholder_res[i]))
    {
      GRegex *r = g_regex_new (placeholders[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&placeholder_res[i], r);
    }
  return placeholder_res[i];
}

static void
find_placeholders (BpDocument *doc, const Logical *l)
{
  const char *text = l->text;
  guint triggers = l->triggers;
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    {
      if (!(triggers & placeholders[i].trigger))
        continue;
      GMatchInfo *mi = NULL;
      int last_line = 0;
      g_regex_match (placeholder_regex (i), text, 0, &mi);
      for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
        {
          int s, e;
          g_match_info_fetch_pos (mi, 0, &s, &e);
          int line = logical_line_at (l, s);
          if (line == last_line)
            continue;
          g_autofree char *ctx = context_of (text, s, e);
          bp_document_add_finding (doc, placeholders[i].rule, placeholders[i].category,
                                   BP_SEVERITY_WARNING, line, NULL, "%s：“%s”",
                                   placeholders[i].what, ctx);
          last_line = line;
        }
      g_match_info_free (mi);
    }
}

void
cleanup_find_damage (BpDocument *doc, const Logical *l)
{
  if (l->triggers & TRIGGER_LATIN)
    find_latin_words (doc, l);
  find_placeholders (doc, l);
}
