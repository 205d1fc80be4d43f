/* fields plugin: what a narrative subject means.
 *
 * A subject is the clause right before a number ("其中：基本支出" in
 * "其中：基本支出 1408.57 万元"). It is cleaned of years, dates, the
 * department's own name, list markers and fillers, then matched against the
 * label synonyms of each canonical key. Labels are anchored at the end of the
 * subject so that "行政编制" is not "编制" and "基本支出" is not "支出". */
#include "fields-private.h"

#include <stdlib.h>
#include <string.h>

/* Qualifiers a label may carry after it: "三公经费财政拨款年初预算数". */
#define SUF "(?:支出|财政拨款|年初|全年|安排|预算|决算|控制数|执行数|数|总额|情况)*$"

typedef struct {
  const char *key;
  const char *pattern;
  int priority;    /* lower wins among several statements of one key */
} Label;

/* Order matters: the first matching pattern decides. */
static const Label money_labels[] = {
  { "three_public.vehicle", "公务用车购置及运行(?:维护)?(?:经)?费(?:小计)?" SUF, 0 },
  { "three_public.vehicle_purchase", "公务用车购置(?:经)?费" SUF, 0 },
  { "three_public.vehicle_operation", "公务用车运行(?:维护)?(?:经)?费" SUF, 0 },
  { "three_public.overseas", "因公出国境?(?:经)?费用?" SUF, 0 },
  { "three_public.reception", "公务接待(?:经)?费" SUF, 0 },
  { "three_public.total", "三公经费(?:合计)?" SUF, 0 },
  { "operating_cost", "(?:机关|行政)运行经费" SUF, 0 },
  { "procurement.total", "政府采购(?:预算)?(?:支出)?(?:预算数)?(?:合计|总额|总计)" SUF, 0 },
  { "procurement.total", "政府采购(?:预算|支出)" SUF, 1 },
  { "total.income", "^(?:部门)?收[、,]?支(?:总计|总预算)" SUF, 0 },
  { "total.income", "^(?:部门)?收入总计" SUF, 0 },
  { "total.expense", "^(?:部门)?支出总计" SUF, 0 },
  { "income.general_budget", "一般公共预算(?:财政)?拨款(?:本年)?收入" SUF, 0 },
  { "income.general_budget", "^财政拨款(?:本年)?收入" SUF, 1 },
  { "income.total", "^(?:部门|本年)?(?:预算)?收入(?:合计|总预算|预算|总额)" SUF, 0 },
  { "expense.total", "^(?:部门|本年)?(?:预算)?支出(?:合计|总预算|预算|总额)" SUF, 0 },
  { "expense.personnel", "人员经费(?:合计)?" SUF, 0 },
  { "expense.public", "公用经费(?:合计)?" SUF, 0 },
  { "expense.basic", "基本支出" SUF, 0 },
  { "expense.project", "项目支出" SUF, 0 },
  { NULL, NULL, 0 }
};

static const Label count_labels[] = {
  { "staffing.retired", "离退休(?:人员|人)?(?:实有数|人数|总数)?$", 0 },
  { "staffing.retired", "^退休人员(?:实有数|人数)?$", 1 },
  { "staffing.actual", "在职(?:人员|职工)?实有(?:人数|数|人员)$", 0 },
  { "staffing.actual", "^实有人数$|^在职(?:在编)?(?:人员|职工)(?:人数)?$", 1 },
  { "staffing.authorized", "(?<!行政|事业|工勤|参公)编制(?:人数|数|总数)?$", 0 },
  { "vehicles.count", "(?:共有|现有|拥有)(?:公务)?车辆(?:总数)?$", 0 },
  { "vehicles.count", "^车辆(?:总数)?$", 0 },
  { "vehicles.count", "公务用车(?:保有量|总数)$", 1 },
  { "vehicles.count", "^(?:一般)?公务用车$", 1 },
  { NULL, NULL, 0 }
};

/* The index + 2 of the first of LABELS whose pattern matches S, 1 if none. */
static guint
first_label_matching (const Label *labels, const char *s)
{
  for (const Label *l = labels; l->key; l++)
    if (fields_match (l->pattern, s, NULL))
      return (guint) (l - labels) + 2;
  return 1;
}

static void
label_memo_free (gpointer memo)
{
  g_hash_table_unref (memo);
}

/* first_label_matching of SUBJECT's label form, remembered on this thread
 * by label table and subject: the same subjects recur in a document and
 * across documents, and each costs some twenty regex tests and the
 * normalizing (issue 18). */
static guint
first_label_memo (const Label *labels, const char *subject)
{
  /* one memo per label table (money, count): a private each, where a
   * table of tables cost a look-up more per subject */
  static GPrivate money_key = G_PRIVATE_INIT (label_memo_free);
  static GPrivate count_key = G_PRIVATE_INIT (label_memo_free);
  GPrivate *key = labels == money_labels ? &money_key : &count_key;
  GHashTable *by_subject = g_private_get (key);
  if (!by_subject)
    {
      by_subject = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_private_set (key, by_subject);
    }
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (by_subject, subject));
  if (found)
    return found;
  g_autofree char *s = fields_norm_label (subject);
  found = first_label_matching (labels, s);
  if (g_hash_table_size (by_subject) >= 4096)   /* bounded over many documents */
    g_hash_table_remove_all (by_subject);
  g_hash_table_insert (by_subject, g_strdup (subject), GUINT_TO_POINTER (found));
  return found;
}

static const char *
match_label (const Label *labels, const char *subject, int *priority)
{
  guint found = first_label_memo (labels, subject);
  if (found < 2)
    return NULL;
  const Label *l = &labels[found - 2];
  if (priority)
    *priority = l->priority;
  return l->key;
}

const char *
fields_label_money_key (const char *subject, int *priority)
{
  return match_label (money_labels, subject, priority);
}

const char *
fields_label_count_key (const char *subject, const char *unit, int *priority)
{
  const char *key = match_label (count_labels, subject, priority);
  if (!key)
    return NULL;
  /* Vehicles are counted in 辆, people in 人/名/个. */
  gboolean vehicle = g_str_has_prefix (key, "vehicles.");
  if (vehicle != g_str_equal (unit, "辆"))
    return NULL;
  return key;
}

const char *
fields_label_twin_key (const char *key, const char *subject)
{
  if (g_str_equal (key, "total.income")
      && fields_match ("收[、,]?支(?:总计|总预算)", subject, NULL))
    return "total.expense";
  return NULL;
}

/* Fund names contain 预算 without being a budget figure. */
static char *
strip_fund_names (const char *clause)
{
  return bp_regex_remove (
      fields_regex ("一般公共预算|政府性基金预算|国有资本经营预算|预算单位|预算绩效"),
      clause);
}

gboolean
fields_clause_is_budget (const char *clause)
{
  /* every fund name holds 预算: without one, none is stripped */
  if (!strstr (clause, "预算"))
    return FALSE;
  g_autofree char *s = strip_fund_names (clause);
  return strstr (s, "预算") != NULL;
}

gboolean
fields_clause_is_actual (const char *clause)
{
  return strstr (clause, "决算") != NULL;
}

gboolean
fields_clause_other_year (const char *clause, int year)
{
  GMatchInfo *mi = NULL;
  gboolean other = FALSE;

  if (year <= 0)
    return FALSE;
  fields_match ("(?:19|20)([0-9]{2})年(?![0-9]+月)", clause, &mi);
  for (; mi && g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *yy = g_match_info_fetch (mi, 0);
      if (atoi (yy) != year)
        other = TRUE;
    }
  if (mi)
    g_match_info_free (mi);
  return other;
}

/* ---- cleaning --------------------------------------------------------- */

/* S with every match of PATTERN removed when MAY_MATCH (the cheap test the
 * pattern allows: the core's own reads the whole clause once for each of a
 * pattern's many possible first characters, issue 18). Takes S. */
static char *
remove_all (const char *pattern, gboolean may_match, char *s)
{
  if (!may_match)
    return s;
  char *t = bp_regex_remove (fields_regex (pattern), s);
  g_free (s);
  return t;
}

static void
dept_norm_free (gpointer data)
{
  g_strfreev (data);
}

/* fields_norm (DEPARTMENT), remembered on this thread for the last
 * department asked: every clause of a document asks for the same one. */
static const char *
dept_norm (const char *department)
{
  static GPrivate key = G_PRIVATE_INIT (dept_norm_free);
  char **memo = g_private_get (&key);   /* { raw, norm, NULL } */
  if (!memo || strcmp (memo[0], department) != 0)
    {
      char **fresh = g_new0 (char *, 3);
      fresh[0] = g_strdup (department);
      fresh[1] = fields_norm (department);
      g_private_replace (&key, fresh);
      memo = fresh;
    }
  return memo[1];
}

/* The characters fields_subject_clean's cheap tests look for. */
enum {
  CLEAN_QUOTE = 1 << 0,   /* " ' “ ” ‘ ’ 「 」 『 』 */
  CLEAN_DATE = 1 << 1,    /* 截 年 月 */
  CLEAN_QING = 1 << 2,    /* 情 */
  CLEAN_KUANG = 1 << 3,   /* 况 */
  CLEAN_YONG = 1 << 4,    /* 用 */
  CLEAN_YU = 1 << 5,      /* 于 */
  CLEAN_ZHU = 1 << 6,     /* 主 */
  CLEAN_YAO = 1 << 7,     /* 要 */
  CLEAN_WEI = 1 << 8,     /* 为 */
};

/* The 64-character blocks (code point >> 6) of the three-byte characters
 * below: most characters of a clause are in none, and are passed over
 * with one look-up. */
static const guint8 clean_blocks[1024] = {
  [0x080] = 1, [0x0C0] = 1,   /* ‘’“”, 「」『』 */
  [0x138] = 1, [0x13A] = 1, [0x146] = 1, [0x179] = 1, [0x183] = 1,
  [0x188] = 1, [0x19C] = 1, [0x1D4] = 1, [0x226] = 1,
};

/* The bit of the three-byte character at P. */
static guint
clean_char_bit (const guchar *p)
{
  switch (((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2])
    {
    case 0xE28098: case 0xE28099: case 0xE2809C: case 0xE2809D:   /* ‘’“” */
    case 0xE3808C: case 0xE3808D: case 0xE3808E: case 0xE3808F:   /* 「」『』 */
      return CLEAN_QUOTE;
    case 0xE688AA: case 0xE5B9B4: case 0xE69C88:   /* 截年月 */
      return CLEAN_DATE;
    case 0xE68385: return CLEAN_QING;    /* 情 */
    case 0xE586B5: return CLEAN_KUANG;   /* 况 */
    case 0xE794A8: return CLEAN_YONG;    /* 用 */
    case 0xE4BA8E: return CLEAN_YU;      /* 于 */
    case 0xE4B8BB: return CLEAN_ZHU;     /* 主 */
    case 0xE8A681: return CLEAN_YAO;     /* 要 */
    case 0xE4B8BA: return CLEAN_WEI;     /* 为 */
    default: return 0;
    }
}

/* Which of those S holds, in one pass: each was a strstr of its own on
 * every clause (issue 18). Cleaning only removes characters, so what S
 * lacks no later step's text holds. A well-formed three-byte character is
 * stepped over whole: none of the characters looked for starts inside
 * one (they start with an ASCII byte or E2-E8, never a continuation
 * byte), so this finds what a byte search finds, whatever the bytes. */
static guint
clean_chars_of (const char *s)
{
  guint has = 0;
  for (const guchar *p = (const guchar *) s; *p;)
    {
      if (*p < 0x80)
        {
          if (*p == '"' || *p == '\'')
            has |= CLEAN_QUOTE;
          p++;
        }
      else if ((*p & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
        {
          if (clean_blocks[((*p & 0x0F) << 6) | (p[1] & 0x3F)])
            has |= clean_char_bit (p);
          p += 3;
        }
      else
        p++;
    }
  return has;
}

/* HAS holds all of the bits ALL. */
#define has_all(has, all) (((has) & (all)) == (all))

/* P starts with the three bytes of LIT, compared one by one (a shorter rest
 * is never read past its end). */
static inline gboolean
at3 (const char *p, const char *lit)
{
  return p[0] == lit[0] && p[1] == lit[1] && p[2] == lit[2];
}

/* [0-9]{1,2} then the character X (three bytes) at P, as PCRE reads it
 * (two digits first, then one): its length, else 0. */
static gsize
digits_then (const char *p, const char *x)
{
  gsize d = 0;
  while (d < 2 && g_ascii_isdigit (p[d]))
    d++;
  for (; d >= 1; d--)
    if (at3 (p + d, x))
      return d + 3;
  return 0;
}

/* Four digits then 年 at P. */
static gboolean
year_at (const char *p)
{
  return g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
         && g_ascii_isdigit (p[3]) && at3 (p + 4, "年");
}

#define CLEAN_DATES "截[至止]?(?:[0-9]{4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?|" \
                    "[0-9]{4}年度?|[0-9]{1,2}月(?:[0-9]{1,2}日)?"

/* The length of CLEAN_DATES' match starting at P, its alternatives tried
 * in order, each optional part taken when it is there; 0 if none. */
static gsize
date_at (const char *p)
{
  const char *q = p;
  if (at3 (q, "截"))
    {
      q += 3;
      if (at3 (q, "至") || at3 (q, "止"))
        q += 3;
      if (year_at (q))
        q += 7;
      q += digits_then (q, "月");
      q += digits_then (q, "日");
      return (gsize) (q - p);
    }
  if (year_at (q))
    return at3 (q + 7, "度") ? 10 : 7;
  gsize n = digits_then (q, "月");
  return n ? n + digits_then (q + n, "日") : 0;
}

/* S (taken) without CLEAN_DATES' matches, read by hand: the regex was
 * asked of most clauses (years are everywhere, issue 18). A match starts
 * at 截 or a digit, never inside a character. */
static char *
remove_dates (char *s)
{
  char *o = s;
  for (const char *p = s; *p;)
    {
      gsize n = g_ascii_isdigit (*p) || (guchar) *p == 0xE6 ? date_at (p) : 0;   /* 截: E6 */
      if (n)
        p += n;
      else
        *o++ = *p++;
    }
  *o = '\0';
  return s;
}

/* The first characters of the leading markers and connectives below. */
#define LEADING_FIRST "-•·(（一二三四五六七八九十0123456789:：,，;；、其包主用以和本我部全度"
/* The last characters of the trailing fillers below. */
#define TRAILING_LAST "为是计共到达约的:："

/* TRAILING_FILLERS has a match in the LEN bytes at S ending at END: the
 * one filler that can end there (each last character ends one only, 计
 * 共计 and 到 达到), its length, or 0. */
static gsize
filler_ending_at (const char *s, gsize end)
{
  if (end >= 1 && s[end - 1] == ':')
    return 1;
  if (end < 3)
    return 0;
  static const char *const singles[] = { "为", "是", "共", "达", "约", "的", "：" };
  const char *last = s + end - 3;
  for (guint i = 0; i < G_N_ELEMENTS (singles); i++)
    if (memcmp (last, singles[i], 3) == 0)
      return 3;
  if (end >= 6 && ((memcmp (last, "计", 3) == 0 && memcmp (last - 3, "共", 3) == 0)
                   || (memcmp (last, "到", 3) == 0 && memcmp (last - 3, "达", 3) == 0)))
    return 6;
  return 0;
}

#define TRAILING_FILLERS "(?:为|是|共计|共|达到|达|约|的|:|：)+$"

/* S (taken) without the trailing fillers, TRAILING_FILLERS removed: read
 * back from the end by hand, a regex per clause was a good part of the
 * cleaning (issue 18). Each filler ends with a character no other ends
 * with, so the run the leftmost match takes is read back one filler at a
 * time. A text ending in a newline of any kind, where $ also matches
 * before it, is left to the regex. */
static char *
strip_trailing_fillers (char *s)
{
  gsize len = strlen (s);
  if (!fields_ends_with_char_in (s, len, TRAILING_LAST))
    return s;   /* no filler, nor a newline, ends it */
  if (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == '\v'
              || s[len - 1] == '\f' || (guchar) s[len - 1] == 0x85 || (guchar) s[len - 1] == 0xA8
              || (guchar) s[len - 1] == 0xA9))
    return remove_all (TRAILING_FILLERS, TRUE, s);
  gsize end = len, n;
  while ((n = filler_ending_at (s, end)) > 0)
    end -= n;
  s[end] = '\0';
  return s;
}

char *
fields_subject_clean (const BpDocument *doc, const char *clause)
{
  g_autofree char *norm = fields_norm (clause);
  return fields_subject_clean_norm (doc, norm);
}

char *
fields_subject_clean_norm (const BpDocument *doc, const char *norm)
{
  char *s = g_strdup (norm);   /* fields_norm of a fields_norm is itself */
  guint has = clean_chars_of (s);

  s = remove_all ("[\"'“”‘’「」『』]", has & CLEAN_QUOTE, s);
  if (has & CLEAN_DATE)
    s = remove_dates (s);
  if (doc && doc->department && *doc->department)
    {
      const char *dept = dept_norm (doc->department);
      if (*dept && strstr (s, dept))
        {
          GString *g = g_string_new (s);
          g_string_replace (g, dept, "", 0);
          g_free (s);
          s = g_string_free (g, FALSE);
        }
    }
  /* A heading glued before the sentence ("…总体情况说明2021年度收、支总计"). */
  s = remove_all ("^.*(?:情况说明|安排情况|总体情况)(?=.)",
                  has_all (has, CLEAN_QING | CLEAN_KUANG) && strstr (s, "情况"), s);
  /* Leading list markers and connectives, all in one pass (one per pass
   * copied the clause each time: quadratic on "1.001.00…"); possessive, as
   * PCRE2 gives up on a group repeated some thousand times. */
  s = remove_all ("^(?:[-•·(（]?[一二三四五六七八九十0-9]{1,3}[)）、.]|"
                  "[(（:：,，;；、]|其中|包括|主要用于|主要为|用于|以及|和|"
                  "本部门|本单位|我部门|我单位|部门本级|全年|本年度|度)++",
                  fields_starts_with_char_in (s, LEADING_FIRST), s);
  s = strip_trailing_fillers (s);
  /* "项目支出主要用于档案工作项目" names the project. */
  return remove_all ("^.*?(?:主要用于|主要为|用于)(?=.)",
                     (has_all (has, CLEAN_YONG | CLEAN_YU) && strstr (s, "用于"))
                     || (has_all (has, CLEAN_ZHU | CLEAN_YAO | CLEAN_WEI)
                         && strstr (s, "主要为")), s);
}

/* Characters a step of fields_subject_clean may drop from the middle or
 * the head of a clause: quotes, dates, leading markers and connectives. */
static const gunichar droppable[] = {
  0x201C, 0x201D, 0x2018, 0x2019, 0x300C, 0x300D, 0x300E, 0x300F,   /* “”‘’「」『』 */
  0x622A, 0x81F3, 0x6B62, 0x5E74, 0x5EA6, 0x6708, 0x65E5,   /* 截至止年度月日 */
  0x2022, 0x00B7, 0xFF08, 0xFF09, 0x3001, 0xFF1A, 0xFF0C, 0xFF1B,   /* •·（）、：，； */
  0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, /* 一…十 */
  0x5176, 0x4E2D, 0x5305, 0x62EC, 0x4E3B, 0x8981, 0x7528, 0x4E8E, 0x4E3A,   /* 其中包括主要用于为 */
  0x4EE5, 0x53CA, 0x548C, 0x672C, 0x90E8, 0x95E8, 0x5355, 0x4F4D, 0x6211,   /* 以及和本部门单位我 */
  0x7EA7, 0x5168,   /* 级全 */
};

static gboolean
is_droppable (gunichar c)
{
  if (c < 0x80)
    return c == '"' || c == '\'' || c == '-' || c == '(' || c == ')' || c == '.'
           || c == ':' || c == ',' || c == ';' || g_ascii_isdigit (c);
  for (guint i = 0; i < G_N_ELEMENTS (droppable); i++)
    if (droppable[i] == c)
      return TRUE;
  return FALSE;
}

/* What may end a clause's cut head in NORM: 况 or 明 ("…情况说明",
 * "…安排情况", "…总体情况") when it holds 情, 于 ("…用于") when it holds
 * 用, 为 ("…主要为") when it holds 主 and 要. */
typedef struct {
  gboolean kuang_ming, yu, wei;
} HeadEnds;

static HeadEnds
head_ends_of (const char *norm)
{
  return (HeadEnds) { strstr (norm, "情") != NULL, strstr (norm, "用") != NULL,
                      strstr (norm, "主") && strstr (norm, "要") };
}

static gboolean
ends_a_head (const HeadEnds *he, gunichar c)
{
  return ((c == 0x51B5 || c == 0x660E) && he->kuang_ming)   /* 况明 */
         || (c == 0x4E8E && he->yu) || (c == 0x4E3A && he->wei);   /* 于为 */
}

gboolean
fields_subject_keeps_comma (const BpDocument *doc, const char *norm)
{
  const char *dept = doc && doc->department && *doc->department
                     ? dept_norm (doc->department) : "";
  if (strpbrk (dept, ",;") || !strpbrk (norm, ",;"))
    return FALSE;
  /* A , or ; survives when it follows the last place a head may be cut
   * at, with a character no step drops between: the cut head, however
   * long the leading run of markers, ends before that character. Read
   * from the end, the first such pair or head end decides. */
  HeadEnds he = head_ends_of (norm);
  gboolean comma_after = FALSE;
  for (const char *p = norm + strlen (norm); p > norm;)
    {
      p = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (p);
      if (ends_a_head (&he, c))
        return FALSE;
      if (c == ',' || c == ';')
        comma_after = TRUE;
      else if (comma_after && !is_droppable (c))
        {
          char ch[8] = { 0 };
          g_unichar_to_utf8 (c, ch);
          if (!*dept || !strstr (dept, ch))
            return TRUE;
        }
    }
  return FALSE;
}

/* ---- a sentence that names nothing ------------------------------------ */

/* Characters fields_subject_clean may remove wherever they stand, sorted:
 * quotes, dates, list markers and connectives, trailing fillers, and the
 * 。!? a bare name's end loses (ASCII ones are all counted as removable). */
static const gunichar clean_removable[] = {
  0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x3001, 0x3002, 0x300C, 0x300D,
  0x300E, 0x300F, 0x4E00, 0x4E03, 0x4E09, 0x4E2D, 0x4E3A, 0x4E5D, 0x4E8C,
  0x4E94, 0x4EE5, 0x4F4D, 0x5168, 0x516B, 0x516D, 0x5171, 0x5176, 0x5230,
  0x5305, 0x5341, 0x5355, 0x53CA, 0x548C, 0x56DB, 0x5E74, 0x5EA6, 0x6211,
  0x622A, 0x62EC, 0x65E5, 0x662F, 0x6708, 0x672C, 0x6B62, 0x7684, 0x7EA6,
  0x7EA7, 0x81F3, 0x8BA1, 0x8FBE, 0x90E8, 0x95E8, 0xFF01, 0xFF08, 0xFF09,
  0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F
};

/* The characters of the heads it may cut with all that stands before them
 * (…情况说明, …安排情况, …总体情况, …主要用于, …主要为, …用于), sorted. */
static const gunichar clean_head_chars[] = {
  0x4E3B, 0x4E8E, 0x4F53, 0x51B5, 0x5B89, 0x603B, 0x60C5, 0x6392, 0x660E,
  0x7528, 0x8981, 0x8BF4
};

enum { CLEAN_KEPT = 0, CLEAN_REMOVABLE = 1, CLEAN_HEAD = 2 };

/* CLEAN_* of each character of the Basic Multilingual Plane, made once. */
static const guint8 *
clean_classes (void)
{
  static guint8 *classes;
  if (g_once_init_enter (&classes))
    {
      guint8 *c = g_new0 (guint8, 0x10000);
      for (gsize i = 0; i < G_N_ELEMENTS (clean_removable); i++)
        c[clean_removable[i]] = CLEAN_REMOVABLE;
      for (gsize i = 0; i < G_N_ELEMENTS (clean_head_chars); i++)
        c[clean_head_chars[i]] = CLEAN_HEAD;
      g_once_init_leave (&classes, c);
    }
  return classes;
}

/* The characters of DEPT (a fields_norm), as a bit per BMP code point,
 * remembered on this thread for the last department asked. */
typedef struct {
  char *dept;
  guint8 bits[0x10000 / 8];
} DeptChars;

static void
dept_chars_free (gpointer data)
{
  DeptChars *d = data;
  g_free (d->dept);
  g_free (d);
}

static const guint8 *
dept_chars (const char *dept)
{
  static GPrivate key = G_PRIVATE_INIT (dept_chars_free);
  DeptChars *d = g_private_get (&key);
  if (!d)
    {
      d = g_new0 (DeptChars, 1);
      g_private_set (&key, d);
    }
  if (!d->dept || strcmp (d->dept, dept) != 0)
    {
      g_free (d->dept);
      d->dept = g_strdup (dept);
      memset (d->bits, 0, sizeof d->bits);
      for (const char *p = dept; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (c < 0x10000)
            d->bits[c >> 3] |= (guint8) (1u << (c & 7));
        }
    }
  return d->bits;
}

gboolean
fields_subject_surely_longer (const BpDocument *doc, const char *norm, gsize len, guint n)
{
  const char *dept = doc && doc->department && *doc->department
                     ? dept_norm (doc->department) : "";
  const guint8 *in_dept = *dept ? dept_chars (dept) : NULL;
  const guint8 *classes = clean_classes ();
  guint kept = 0;
  const guchar *start = (const guchar *) norm;
  /* while the characters left could still be more than N: each counted
   * one is three bytes */
  for (const guchar *end = start + len; kept + (gsize) (end - start) / 3 > n;)
    {
      const guchar *u = end - 3;
      if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
        {
          /* ASCII, or not a three-byte character: may go; step back
           * over one character, as g_utf8_prev_char */
          do
            end--;
          while (end > start && (*end & 0xC0) == 0x80);
          continue;
        }
      end = u;
      gunichar c = ((gunichar) (u[0] & 0x0F) << 12) | ((gunichar) (u[1] & 0x3F) << 6)
                   | (u[2] & 0x3F);
      if (classes[c] == CLEAN_HEAD)
        return FALSE;   /* a head cut may end here: all before it may go */
      if (classes[c] == CLEAN_REMOVABLE
          || (in_dept && (in_dept[c >> 3] & (1u << (c & 7)))))
        continue;   /* may go, or be part of the department's name */
      if (++kept > n)
        return TRUE;
    }
  return FALSE;
}
