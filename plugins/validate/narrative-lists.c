/* validate: narrative.list_sum: an amount the text lists the parts of
 * ("合计 40 万元。包括：货物类 19.5 万元，服务类 20.5 万元。") against the
 * sum of those parts. Read from the cleaned lines directly: the parts of a
 * list are what the sentence after 其中/包括 names, nothing else. */
#include "validate-private.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  bp_fen value;
  bp_fen half;       /* half the last printed digit, in fen */
  gsize at;          /* byte offset in the normalized text */
  char *printed;
} ListAmount;

static void
list_amount_clear (gpointer p)
{
  g_free (((ListAmount *) p)->printed);
}

#define AMOUNT_PATTERN \
  "(?<![0-9.,])([0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]+)?|[0-9]+(?:\\.[0-9]+)?)\\s*(万元|元)"

static GRegex *
amount_regex (void)
{
  return bp_regex (AMOUNT_PATTERN);
}

/* The clause an amount at AT belongs to: back to the last , ; : or 。. */
static char *
clause_before (const char *text, gsize at)
{
  gsize s = at;
  while (s > 0)
    {
      const char *prev = g_utf8_find_prev_char (text, text + s);
      gunichar c = g_utf8_get_char (prev);
      if (c == ',' || c == ';' || c == ':' || c == 0x3002 || c == 0xFF0C
          || c == 0xFF1B || c == 0xFF1A || c == 0x3001)
        break;
      s = prev - text;
    }
  return g_strndup (text + s, at - s);
}

/* A change, a figure of another period or a comparison is not a part. */
static gboolean
clause_is_other (const char *clause, int year)
{
  if (bp_regex_match ("增加|减少|增长|下降|节约|超支|较|比|上年|去年"
                      "|同期|年初|调整|执行数|完成", clause, NULL))
    return TRUE;
  for (const char *p = strstr (clause, "年"); p && year; p = strstr (p + 1, "年"))
    if (p - clause >= 4 && g_ascii_isdigit (p[-1])
        && atoi (p - 4) != year && atoi (p - 4) > 1990)
      return TRUE;
  return FALSE;
}

/* TRUE when AT is inside a bracket opened after FROM. */
static gboolean
inside_brackets (const char *text, gsize from, gsize at)
{
  int depth = 0;
  for (gsize i = from; i < at; i++)
    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
  return depth > 0;
}

/* Amounts of TEXT[from, to) that are not changes or other periods. */
static GArray *
amounts_in (const char *text, gsize from, gsize to, int year)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (ListAmount));
  g_array_set_clear_func (out, list_amount_clear);
  GMatchInfo *mi = NULL;
  g_regex_match_full (amount_regex (), text, to, from, 0, &mi, NULL);
  for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      int s, e;
      g_match_info_fetch_pos (mi, 1, &s, &e);
      g_autofree char *num = g_match_info_fetch (mi, 1);
      g_autofree char *unit = g_match_info_fetch (mi, 2);
      if (inside_brackets (text, from, s))
        continue;   /* "39 万元(购置费 18 万元，运行维护费 21 万元)": a part's parts */
      g_autofree char *clause = clause_before (text, s);
      BpUnit u = g_str_equal (unit, "万元") ? BP_UNIT_WANYUAN : BP_UNIT_YUAN;
      ListAmount a = { 0, 0, s, NULL };
      if (clause_is_other (clause, year) || bp_amount_parse (num, u, &a.value) != BP_AMOUNT_OK)
        continue;
      a.half = validate_half_digit (u, validate_decimals (num));
      a.printed = g_strconcat (num, unit, NULL);
      g_array_append_val (out, a);
    }
  g_match_info_free (mi);
  return out;
}

static gsize
sentence_start (const char *text, gsize at)
{
  const char *stop = NULL;
  for (const char *p = strstr (text, "。"); p && (gsize) (p - text) < at;
       p = strstr (p + 1, "。"))
    stop = p + strlen ("。");
  return stop ? (gsize) (stop - text) : 0;
}

static gsize
sentence_end (const char *text, gsize at)
{
  const char *p = strstr (text + at, "。");
  return p ? (gsize) (p - text) : strlen (text);
}

static gboolean
is_table_line (const BpDocument *doc, const BpLine *l)
{
  return (l->flags & (BP_LINE_TABLE_ROW | BP_LINE_TOC)) || strchr (l->text, '\t')
         || validate_line_in_table (doc, l->line);
}

/* The amount whose parts follow the opener at [P, Q): the last part-like
 * amount of the opener's sentence before it, or of the sentence before
 * when the opener starts its own ("…合计 40 万元。包括：…"). */
static gboolean
list_head (const char *text, gsize p, int year, ListAmount *head)
{
  gsize s = sentence_start (text, p);
  g_autofree char *lead = g_strndup (text + s, p - s);
  g_strstrip (lead);
  if (!*lead && s > 0)
    s = sentence_start (text, s - strlen ("。"));
  g_autoptr (GArray) heads = amounts_in (text, s, p, year);
  if (!heads->len)
    return FALSE;
  ListAmount *h = &g_array_index (heads, ListAmount, heads->len - 1);
  *head = *h;
  head->printed = g_steal_pointer (&h->printed);
  return TRUE;
}

/* The opener at P starts a clause of its own after a semicolon, with its
 * own subject ("…上年结转2,254.12万元;支出包括:…"): the HEAD before the
 * semicolon is the whole of its list only when its clause names that
 * subject. */
static gboolean
head_of_clause (const char *text, gsize p, const ListAmount *head)
{
  gsize s = p;
  while (s > head->at && text[s - 1] != ';')
    s--;
  if (s <= head->at)
    return TRUE;
  g_autofree char *subject = g_strndup (text + s, p - s);
  g_strstrip (subject);
  if (!*subject)
    return TRUE;   /* "…40万元;其中:…" */
  g_autofree char *clause = clause_before (text, head->at);
  return strstr (clause, subject) != NULL;
}

static gboolean
names_a_total (const char *text, gsize at)
{
  g_autofree char *clause = clause_before (text, at);
  return strstr (clause, "合计") || strstr (clause, "总额") || strstr (clause, "总计")
         || strstr (clause, "共计");
}

static int
amount_source_line (const BpDocument *doc, const BpLine *l, const char *text,
                    const ListAmount *a)
{
  g_autofree char *num = g_strndup (a->printed, strspn (a->printed, "0123456789.,"));
  return bp_document_source_line_at (doc, l, text, a->at, num);
}

/* Parts that make a whole by definition: a list naming each of them once
 * is complete, whatever its opener ("其中：货物…、工程…、服务…"). */
static const char *const partitions[][4] = {
  { "货物", "工程", "服务", NULL },
  { "因公出国", "公务用车", "公务接待", NULL },
  { "基本支出", "项目支出", NULL },
  { "人员经费", "公用经费", NULL },
};

/* The one part of PARTITION an item's clause names (its bit), 0 if none
 * or several. */
static guint
part_named (const char *const *partition, const char *clause)
{
  guint bit = 0;
  for (guint n = 0; partition[n]; n++)
    if (strstr (clause, partition[n]))
      {
        if (bit)
          return 0;
        bit = 1u << n;
      }
  return bit;
}

static gboolean
names_a_partition (const char *text, GArray *items)
{
  for (guint p = 0; p < G_N_ELEMENTS (partitions); p++)
    {
      guint n = g_strv_length ((char **) partitions[p]), seen = 0, i;
      for (i = 0; i < items->len && items->len == n; i++)
        {
          g_autofree char *clause = clause_before (text, g_array_index (items, ListAmount, i).at);
          guint bit = part_named (partitions[p], clause);
          if (!bit || (seen & bit))
            break;
          seen |= bit;
        }
      if (items->len == n && i == n)
        return TRUE;
    }
  return FALSE;
}

static void
report_list (ValidateRun *run, const BpLine *l, const char *text,
             const ListAmount *head, GArray *items, const char *opener,
             gboolean complete)
{
  /* The list may run on into the head's siblings ("基本支出 737.6 万元，
   * 其中：人员经费 663.15 万元，公用经费 74.45 万元；项目支出 140.32 万
   * 元"): the parts are its first items that make the head. */
  bp_wide_fen sum = 0;
  bp_fen tol = head->half;
  for (guint i = 0; i < items->len; i++)
    {
      sum += g_array_index (items, ListAmount, i).value;
      tol += g_array_index (items, ListAmount, i).half;
      if (validate_sum_within (sum, head->value, tol))
        return;
    }
  /* The parts add up to the head read in the other unit ("污染防治项目
   * 18,686.86 元，主要包括：…3,953.30 万元…"): a unit label slip, which
   * narrative.amount does not count either. */
  if (head->value != 0
      && head->value < G_MAXINT64 / 10000 && sum < G_MAXINT64 / 10000
      && (validate_sum_within (sum, head->value * 10000, tol + head->half * 10000)
          || validate_sum_within (sum * 10000, head->value, tol * 10000)))
    return;
  gboolean over = sum > (bp_wide_fen) head->value + tol;
  if (!over && !(complete && sum < (bp_wide_fen) head->value - tol))
    return;
  char s[VALIDATE_SUM_BUFSZ], h[BP_AMOUNT_BUFSZ];
  validate_format_sum (sum, s);
  int line = amount_source_line (run->doc, l, text, head);
  /* Two whole formats, not a fragment: each is translated. */
  BpFinding *f = over
    ? validate_report (run, BP_SEVERITY_ERROR, line, NULL,
                       "the %u amounts listed after “%s” add up to %s元, more than the %s",
                       items->len, opener, s, head->printed)
    : validate_report (run, BP_SEVERITY_WARNING, line, NULL,
                       "the %u amounts listed after “%s” add up to %s元, less than the total %s",
                       items->len, opener, s, head->printed);
  bp_finding_set_values (f, s, bp_amount_format_buf (head->value, h));
}

/* The number of an item's enumerator ("(一)", "一、", "1.", "(1)") and
 * where its text starts; 0 when the line is no enumerated item. KIND says
 * which form, so that a list keeps to one. */
static int
item_number (const char *text, int *kind, gsize *after)
{
  static const char *const forms[] = {
    "^\\(([一二三四五六七八九十]{1,3})\\)", "^([一二三四五六七八九十]{1,3})、",
    "^([0-9]{1,2})[.、](?![0-9])", "^\\(([0-9]{1,2})\\)", NULL };
  for (int k = 0; forms[k]; k++)
    {
      GMatchInfo *mi = NULL;
      if (g_regex_match (bp_regex (forms[k]), text, 0, &mi))
        {
          g_autofree char *n = g_match_info_fetch (mi, 1);
          int end;
          g_match_info_fetch_pos (mi, 0, NULL, &end);
          g_match_info_free (mi);
          *kind = k;
          *after = (gsize) end;
          return g_ascii_isdigit (*n) ? atoi (n) : validate_cn_number (n);
        }
      g_match_info_free (mi);
    }
  return 0;
}

/* The first amount of each enumerated item on the lines after line I
 * ("其中：" ends line I, "(一)因公出国(境)费839万元…", "(二)…"): items
 * numbered 1, 2, 3… in one form, each item's text maybe going on over a
 * line or two. NULL unless there are two or more. */
static GArray *
enumerated_items (ValidateRun *run, guint i)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (ListAmount));
  g_array_set_clear_func (out, list_amount_clear);
  int first_kind = -1, continued = 0;
  for (guint j = i + 1; j < bp_document_n_lines (run->doc); j++)
    {
      const BpLine *l = bp_document_line (run->doc, j);
      g_autofree char *text = bp_text_fullwidth_to_ascii (l->text);
      int kind = -1;
      gsize at = 0;
      int n = is_table_line (run->doc, l) ? -1 : item_number (text, &kind, &at);
      if (n == 0 && out->len && ++continued <= 2)
        continue;   /* the item above goes on */
      if (n != (int) out->len + 1 || (first_kind >= 0 && kind != first_kind))
        break;
      continued = 0;
      first_kind = kind;
      g_autoptr (GArray) found = amounts_in (text, at, sentence_end (text, at), run->doc->year);
      if (!found->len)
        break;
      ListAmount *a = &g_array_index (found, ListAmount, 0);
      g_array_append_val (out, *a);
      a->printed = NULL;   /* now OUT's */
    }
  if (out->len < 2)
    g_clear_pointer (&out, g_array_unref);
  return out;
}

/* The list at [Q, END) names a part and then that part's own parts after
 * a colon ("其中一般公共预算拨款政府采购504.98万元：货物480.50万元、工程0万元、
 * 服务24.48万元"): a nested list too. */
static gboolean
breaks_down_a_part (const char *text, gsize q, gsize end, int year)
{
  const char *colon = memchr (text + q, ':', end - q);
  if (!colon)
    return FALSE;
  g_autoptr (GArray) before = amounts_in (text, q, colon - text, year);
  return before->len > 0;
}

/* Where the parts after the opener at Q end: at the next ";" when the
 * head is itself one item of a list (after a ";" or an opener of its
 * sentence: "…；履职工作经费 4,754.51 万元，其中结转结余 390.00 万元，用于
 * …；系统线路租用费 40.00 万元…"), or when the opener lists things and no
 * amount before that ";" ("…368.49 万元，…包括开展系列宣传教育活动…等工作；
 * 编外人员 911.70 万元…"): what follows are the head's siblings.
 * Otherwise the sentence's END. */
static gsize
parts_end (const char *text, gsize head_at, gsize q, gsize end)
{
  const char *semi = strchr (text + q, ';');
  if (!semi || (gsize) (semi - text) >= end)
    return end;
  gsize s = sentence_start (text, head_at);
  g_autofree char *before = g_strndup (text + s, head_at - s);
  g_autofree char *first = g_strndup (text + q, (gsize) (semi - text) - q);
  gboolean listed = strchr (before, ';') || strstr (before, "包括") || strstr (before, "其中");
  return listed || !bp_regex_match (AMOUNT_PATTERN, first, NULL)
         ? (gsize) (semi - text) : end;
}

static void
check_line_lists (ValidateRun *run, guint i)
{
  const BpLine *l = bp_document_line (run->doc, i);
  GRegex *opener = bp_regex ("(其中|主要包括|具体包括|包括)[:：]?");
  g_autofree char *text = bp_text_fullwidth_to_ascii (l->text);
  GMatchInfo *mi = NULL;
  for (g_regex_match (opener, text, 0, &mi); g_match_info_matches (mi);
       g_match_info_next (mi, NULL))
    {
      int p, q;
      g_match_info_fetch_pos (mi, 0, &p, &q);
      g_autofree char *word = g_match_info_fetch (mi, 1);
      gsize end = sentence_end (text, q);
      g_autofree char *rest = g_strndup (text + q, end - q);
      ListAmount head = { 0 };
      if (strstr (rest, "其中") || strstr (rest, "包括")
          || breaks_down_a_part (text, q, end, run->doc->year)
          || !list_head (text, p, run->doc->year, &head))
        continue;   /* a nested list: which parts belong to which whole? */
      if (!head_of_clause (text, p, &head))
        {
          g_free (head.printed);
          continue;
        }
      end = parts_end (text, head.at, q, end);
      g_autoptr (GArray) items = amounts_in (text, q, end, run->doc->year);
      /* Less than the whole is wrong only for a list that is complete: after
       * a 合计 (or a plain 包括 of several parts), ended in this line, or
       * enumerated item by item on the lines after it. */
      gboolean total = names_a_total (text, head.at);
      gboolean complete = (total || (g_str_has_suffix (word, "包括") && items->len >= 2
                                     && !g_str_has_prefix (word, "主要")))
                          && end < strlen (text);
      GArray *listed = q == (int) strlen (text) ? enumerated_items (run, i) : NULL;
      if (listed)
        {
          g_array_unref (items);
          items = listed;
          complete = !g_str_has_prefix (word, "主要");
        }
      else
        complete = complete || names_a_partition (text, items);
      if (items->len)
        report_list (run, l, text, &head, items, word, complete);
      g_free (head.printed);
    }
  g_match_info_free (mi);
}

void
validate_check_list_sums (ValidateRun *run)
{
  g_autoptr (GArray) list_lines = validate_word_lines (run->doc, VALIDATE_WORD_LIST);
  for (guint n = 0; n < list_lines->len; n++)
    {
      guint i = g_array_index (list_lines, guint, n);
      if (!is_table_line (run->doc, bp_document_line (run->doc, i)))
        check_line_lists (run, i);
    }
}
