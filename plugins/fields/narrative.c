/* fields plugin: the narrative text as paragraphs, and the numbers in it.
 *
 * Works on cleaned lines and on raw PDF text alike: lines broken mid-sentence
 * are joined here again (a no-op once cleanup joined them), table lines are
 * left out, and every byte of a paragraph maps back to its source line. */
#include "fields-private.h"

#include <string.h>

#define HEADING_MARKER \
  "^[-•·]?(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|" \
  "[(][一二三四五六七八九十0-9]+[)]|[0-9]{1,2}[.、](?![0-9])|表[0-9]+)"

/* The characters a HEADING_MARKER match starts with. */
#define HEADING_FIRST "-•·第一二三四五六七八九十(0123456789表"

/* fields_match of PATTERN, one that opens with HEADING_MARKER, tested on
 * S's first character first: most lines and paragraphs start with none of
 * a marker's (issue 18). */
static gboolean
heading_match (const char *pattern, const char *s, GMatchInfo **mi)
{
  if (mi)
    *mi = NULL;
  return fields_starts_with_char_in (s, HEADING_FIRST) && fields_match (pattern, s, mi);
}

/* P starts with LIT's three bytes: compared byte by byte, so a shorter
 * rest is never read past its end. */
static inline gboolean
has3 (const char *p, const char *lit)
{
  return p[0] == lit[0] && p[1] == lit[1] && p[2] == lit[2];
}

/* The numeral 一 to 十 is at P (each starts with E4 or E5). */
static inline gboolean
cn_numeral_at (const char *p)
{
  static const char numerals[] = "一二三四五六七八九十";
  if ((guchar) p[0] != 0xE4 && (guchar) p[0] != 0xE5)
    return FALSE;
  for (gsize i = 0; i < sizeof numerals - 1; i += 3)
    if (has3 (p, numerals + i))
      return TRUE;
  return FALSE;
}

/* P after a run of at least one of 一 to 十 (and ASCII digits when
 * DIGITS), or NULL if none starts there. */
static const char *
skip_numerals (const char *p, gboolean digits)
{
  const char *start = p;
  for (;;)
    if (digits && g_ascii_isdigit (*p))
      p++;
    else if (cn_numeral_at (p))
      p += 3;
    else
      break;
  return p > start ? p : NULL;
}

/* fields_match (HEADING_MARKER, S) read by hand: every line and short
 * paragraph asked it (issue 18). [-•·]? then one of the alternatives,
 * none of which starts with those, so an optional mark is taken. */
static gboolean
heading_marker_at (const char *s)
{
  const char *p = s;
  if (*p == '-')
    p++;
  else if (has3 (p, "•"))
    p += 3;
  else if (p[0] == "·"[0] && p[1] == "·"[1])
    p += 2;
  const char *q;
  if (g_ascii_isdigit (*p))   /* [0-9]{1,2}[.、](?![0-9]) */
    {
      q = p + 1 + (g_ascii_isdigit (p[1]) ? 1 : 0);
      if (*q == '.')
        q++;
      else if (has3 (q, "、"))
        q += 3;
      else
        return FALSE;
      return !g_ascii_isdigit (*q);
    }
  if (*p == '(')   /* [(][一二三四五六七八九十0-9]+[)] */
    return (q = skip_numerals (p + 1, TRUE)) && *q == ')';
  if ((guchar) *p < 0x80)
    return FALSE;
  if (has3 (p, "第"))   /* 第[一二三四五六七八九十]+部分 */
    return (q = skip_numerals (p + 3, FALSE)) && has3 (q, "部") && has3 (q + 3, "分");
  if ((q = skip_numerals (p, FALSE)))   /* [一二三四五六七八九十]+、 */
    return has3 (q, "、");
  if (has3 (p, "表"))   /* 表[0-9]+ */
    return g_ascii_isdigit (p[3]);
  return FALSE;
}

/* The source lines the document's tables cover, marked once: asked of
 * every line, bp_document_table_at_line went through all the tables each
 * time (issue 18). */
typedef struct {
  const BpDocument *doc;
  guint8 *covered;      /* by line number, 1..N-1 */
  int n;
} TableLines;

static void
table_lines_init (TableLines *tl, const BpDocument *doc)
{
  tl->doc = doc;
  tl->n = 1;
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      tl->n = MAX (tl->n, MAX (t->end_line, t->line) + 1);
    }
  tl->covered = g_new0 (guint8, tl->n);
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      for (int n = MAX (t->line, 1); n <= MAX (t->end_line, t->line); n++)
        tl->covered[n] = 1;
    }
}

static gboolean
table_lines_cover (const TableLines *tl, int line)
{
  if (line < 1)
    return bp_document_table_at_line (tl->doc, line) != NULL;
  return line < tl->n && tl->covered[line];
}

/* Lines that carry no narrative whatever their words: tables and
 * tab-separated rows. */
static gboolean
line_is_table (const TableLines *tl, const BpLine *l)
{
  /* the look at every byte of the line last: most lines a table covers
   * are long */
  return (l->flags & (BP_LINE_TABLE_ROW | BP_LINE_TOC)) || table_lines_cover (tl, l->line)
         || strchr (l->text, '\t');
}

/* fields_match ("^[-—第页0-9/]*$", NORM) read by hand, as every line asked
 * it (issue 18); a rest that starts with a newline, where $ matches too,
 * is left to the regex. */
static gboolean
is_page_number (const char *norm)
{
  const char *p = norm;
  for (;;)
    {
      if (*p == '-' || *p == '/' || g_ascii_isdigit (*p))
        p++;
      else if (strncmp (p, "—", 3) == 0 || strncmp (p, "第", 3) == 0
               || strncmp (p, "页", 3) == 0)
        p += 3;
      else
        break;
    }
  if (!*p)
    return TRUE;
  if (fields_ends_with_char_in (p, strlen (p), ""))
    return fields_match ("^[-—第页0-9/]*$", norm, NULL);
  return FALSE;
}

/* Lines that carry no narrative: tables, tab-separated rows, page numbers. */
static gboolean
line_is_narrative (const TableLines *tl, const BpLine *l, const char *norm)
{
  return !line_is_table (tl, l) && !is_page_number (norm);
}

/* TEXT surely keeps a character in fields_norm: an ASCII one that is no
 * space, or a CJK ideograph's first byte (U+4000..U+9FFF). */
static gboolean
has_words (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if ((*p < 0x80 && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f')
        || (*p >= 0xE4 && *p <= 0xE9))
      return TRUE;
  return FALSE;
}

/* fields_match ("[。，,;；]", S): a byte search for each (issue 18). */
static gboolean
has_clause_mark (const char *s)
{
  return strpbrk (s, ",;") || strstr (s, "。") || strstr (s, "，") || strstr (s, "；");
}

/* text_is_heading of NORM, whose heading_match is HEADING. */
static gboolean
text_is_heading_of (const char *norm, gboolean heading)
{
  return heading && !has_clause_mark (norm) && g_utf8_strlen (norm, -1) <= 40;
}

static gboolean
text_is_heading (const char *norm)
{
  return text_is_heading_of (norm, heading_marker_at (norm));
}

/* TEXT's LEN bytes end with the string literal LIT. */
#define ends_with(text, len, lit) \
  ((len) >= sizeof (lit) - 1 && memcmp ((text) + (len) - (sizeof (lit) - 1), (lit), sizeof (lit) - 1) == 0)

/* By the paragraph's length, not strlen: a paragraph that never ends a
 * sentence is tested once per line added (issue 18: quadratic). */
static gboolean
ends_sentence (const GString *text)
{
  return ends_with (text->str, text->len, "。") || ends_with (text->str, text->len, "!")
         || ends_with (text->str, text->len, "?");
}

/* text_is_heading for a paragraph: over 40 characters (more than 160
 * bytes of UTF-8) it is none, without matching the whole of it. */
static gboolean
para_is_heading (const GString *text)
{
  return text->len <= 40 * 4 && text_is_heading (text->str);
}

/* A heading ends its paragraph unless it visibly runs on ("…研究室、"). */
static gboolean
heading_runs_on (const char *norm)
{
  return fields_ends_with_char_in (norm, strlen (norm), "、,，(和及与")
         && fields_match ("[、,，(和及与]$", norm, NULL);
}

static FieldsPara *
para_new (const char *heading)
{
  FieldsPara *p = g_new0 (FieldsPara, 1);
  p->text = g_string_new (NULL);
  p->segs = g_array_new (FALSE, FALSE, sizeof (FieldsSeg));
  p->heading = g_strdup (heading);
  return p;
}

static void
para_free (gpointer data)
{
  FieldsPara *p = data;
  g_string_free (p->text, TRUE);
  g_array_unref (p->segs);
  g_free (p->heading);
  g_free (p);
}

/* Paragraphs are handed to EMIT one at a time as they close, then reused:
 * a document of many one-line paragraphs ("(1)" headings) held them all,
 * each a GString of at least 128 bytes and a GArray (issue 18). */
typedef struct {
  FieldsParaFunc emit;
  gpointer emit_data;
  FieldsPara *cur;
  FieldsPara *spare;    /* the last one closed, emptied, for the next */
  char *last_heading;   /* the heading above, or the class item running on */
  char *section_heading; /* the heading above */
  gboolean cur_heading_closed;
  gboolean cur_is_heading; /* para_is_heading of cur's text as it stands */
} Builder;

/* A class item that runs into its figures ("29、城乡社区支出（类）…（项）734.06
 * 万元，…。" then "年初预算为 971.51 万元…") heads its own paragraph and
 * the ones after it with its words before the first figure, not with the
 * heading above it. */
static void
item_heading (Builder *b)
{
  GMatchInfo *mi = NULL;
  /* fields_match ("\\((?:类|款|项)\\)") as byte searches, asked first: most
   * paragraphs hold none, and each test is pure (issue 18) */
  const char *text = b->cur->text->str;
  if (!strstr (text, "(类)") && !strstr (text, "(款)") && !strstr (text, "(项)"))
    return;
  if (heading_match (HEADING_MARKER "[^0-9,，。;；:：]{2,60}", text, &mi))
    {
      g_free (b->last_heading);
      b->last_heading = g_match_info_fetch (mi, 0);
      g_free (b->cur->heading);
      b->cur->heading = g_strdup (b->last_heading);
    }
  g_match_info_free (mi);
}

static void
builder_close (Builder *b)
{
  if (!b->cur)
    return;
  if (b->cur->text->len > 0)
    {
      b->cur->is_heading = b->cur_is_heading;   /* its text is as last added */
      if (b->cur->is_heading)
        {
          g_free (b->last_heading);
          b->last_heading = g_strdup (b->cur->text->str);
          g_free (b->section_heading);
          b->section_heading = g_strdup (b->cur->text->str);
        }
      else
        item_heading (b);
      b->emit (b->cur, b->emit_data);
    }
  /* emptied for the next paragraph */
  g_string_truncate (b->cur->text, 0);
  g_array_set_size (b->cur->segs, 0);
  g_clear_pointer (&b->cur->heading, g_free);
  b->cur->is_heading = FALSE;
  b->spare = b->cur;
  b->cur = NULL;
}

static void
builder_add (Builder *b, const BpLine *l, const char *norm)
{
  gboolean heading = heading_marker_at (norm);

  if (b->cur && (heading || ends_sentence (b->cur->text)
                 || b->cur_heading_closed))
    builder_close (b);
  if (!b->cur)
    {
      /* A new item is not headed by the item before it. */
      if (heading && g_strcmp0 (b->last_heading, b->section_heading))
        {
          g_free (b->last_heading);
          b->last_heading = g_strdup (b->section_heading);
        }
      if (b->spare)
        {
          b->cur = g_steal_pointer (&b->spare);
          b->cur->heading = g_strdup (b->last_heading);
        }
      else
        b->cur = para_new (b->last_heading);
    }
  FieldsSeg seg = { b->cur->text->len, l };
  g_array_append_val (b->cur->segs, seg);
  g_string_append (b->cur->text, norm);
  /* the paragraph's heading_match is the line's when it is the line */
  b->cur_is_heading = b->cur->segs->len == 1
                      ? b->cur->text->len <= 40 * 4 && text_is_heading_of (b->cur->text->str, heading)
                      : para_is_heading (b->cur->text);
  /* A short heading line that does not run on ends here. */
  b->cur_heading_closed = b->cur_is_heading && !heading_runs_on (norm);
}

/* Plain text may print a sentence's spaced-out figures out of order
 * ("…与上年相比增加" / "0.06 %。主要原因是…" / "21.8 万元，增长",
 * a Jiangsu 2018 budget): a line NORM opening with a rate, after a paragraph PARA ending
 * with a word that wants an amount, when the NEXT line is that amount
 * and the word that wants the rate, is read after NEXT. */
static gboolean
line_comes_after_next (const FieldsPara *para, const char *norm, const char *next)
{
  return para && next && fields_match ("^[0-9.]+%", norm, NULL)
         && fields_match ("^[0-9][0-9,.]*(?:万元|亿元|元),?(?:增长|下降|降低|增幅|降幅)$", next, NULL)
         && fields_match ("(?:增加|减少)$", para->text->str, NULL);
}

/* fields_norm of the document's lines, each written to a buffer of the
 * caller's: a slice of the joined lines when there are some, else made
 * there (no string of its own per line either way: issue 18). */
typedef struct {
  const BpDocument *doc;
  const char *text;       /* the joined lines, or NULL */
  gsize len;              /* strlen (TEXT) */
  const GArray *starts;
} LineNorms;

static void
line_norms_init (LineNorms *ln, const BpDocument *doc, const FieldsJoinedLines *joined)
{
  ln->doc = doc;
  ln->text = joined && joined->text && joined->starts->len == bp_document_n_lines (doc)
             ? joined->text : NULL;
  ln->len = ln->text ? strlen (ln->text) : 0;
  ln->starts = ln->text ? joined->starts : NULL;
}

static const char *
line_norm (const LineNorms *ln, guint i, GString *buf)
{
  g_string_truncate (buf, 0);
  if (!ln->text)
    {
      bp_text_compact_append (buf, bp_document_line (ln->doc, i)->text);
      return buf->str;
    }
  gsize from = g_array_index (ln->starts, gsize, i);
  gsize to = i + 1 < ln->starts->len ? g_array_index (ln->starts, gsize, i + 1) : ln->len;
  /* a "\n" between two figures meeting at a break is no line's own: a
   * normalized line holds none */
  if (to > from && ln->text[to - 1] == '\n')
    to--;
  g_string_append_len (buf, ln->text + from, (gssize) (to - from));
  return buf->str;
}

/* The next line after I with words, its fields_norm (in BUF); NULL if none
 * or not narrative. *AT: its index. */
static const char *
next_narrative (const TableLines *tl, const LineNorms *ln, guint i, guint *at,
                GString *buf)
{
  const BpDocument *doc = tl->doc;
  for (guint j = i + 1; j < bp_document_n_lines (doc); j++)
    {
      const BpLine *l = bp_document_line (doc, j);
      const char *norm = line_norm (ln, j, buf);
      if (!*norm)
        continue;
      if (!line_is_narrative (tl, l, norm))
        return NULL;
      *at = j;
      return norm;
    }
  return NULL;
}

void
fields_paragraphs_each (const BpDocument *doc, const FieldsJoinedLines *joined,
                        FieldsParaFunc emit, gpointer data)
{
  Builder b = { emit, data, NULL, NULL, NULL, NULL, FALSE, FALSE };
  TableLines tl;
  LineNorms ln;
  g_autoptr (GString) norm_buf = g_string_new (NULL);
  g_autoptr (GString) next_buf = g_string_new (NULL);

  table_lines_init (&tl, doc);
  line_norms_init (&ln, doc, joined);
  for (guint i = 0; i < bp_document_n_lines (doc); i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      if (line_is_table (&tl, l) && has_words (l->text))
        {
          builder_close (&b);   /* as below, without normalizing it */
          continue;
        }
      const char *norm = line_norm (&ln, i, norm_buf);
      if (!*norm)
        continue;           /* blank lines do not end a paragraph (PDF text) */
      if (!line_is_narrative (&tl, l, norm))
        {
          builder_close (&b);
          continue;
        }
      guint j = 0;
      gboolean rate_first = g_ascii_isdigit (norm[0]) && strchr (norm, '%');
      const char *next = b.cur && rate_first ? next_narrative (&tl, &ln, i, &j, next_buf) : NULL;
      if (line_comes_after_next (b.cur, norm, next))
        {
          builder_add (&b, bp_document_line (doc, j), next);
          i = j;   /* NEXT is read */
        }
      builder_add (&b, l, norm);
    }
  builder_close (&b);
  g_free (tl.covered);
  if (b.spare)
    para_free (b.spare);
  g_free (b.last_heading);
  g_free (b.section_heading);
}

int
fields_para_source_line (const BpDocument *doc, const FieldsPara *para,
                         gsize offset, const char *token)
{
  guint i = 0;
  while (i + 1 < para->segs->len
         && g_array_index (para->segs, FieldsSeg, i + 1).start <= offset)
    i++;
  const FieldsSeg *seg = &g_array_index (para->segs, FieldsSeg, i);
  return bp_document_source_line_at (doc, seg->line, para->text->str + seg->start,
                                     offset - seg->start, token);
}

void
fields_mention_free (gpointer data)
{
  FieldsMention *m = data;
  g_free (m->count_unit);
  g_free (m);
}

/* The mention of number NUM with its unit, the LEN bytes at UNIT (one of
 * FIELDS_MENTION_PATTERN's), or NULL when NUM does not read: compared in
 * place, with no copy of the unit or the number (issue 18). */
static FieldsMention *
mention_from_match (const char *num, const char *unit, gsize len)
{
  FieldsMention *m = g_new0 (FieldsMention, 1);

  if (len == 1 && unit[0] == '%')
    {
      m->kind = MENTION_PERCENT;
      if (!bp_percent_parse (num, &m->value))
        return (fields_mention_free (m), NULL);
    }
  else if (len >= 3 && memcmp (unit + len - 3, "元", 3) == 0)
    {
      m->kind = MENTION_MONEY;
      m->unit = len == 3 ? BP_UNIT_YUAN : BP_UNIT_WANYUAN;
      if (bp_amount_parse (num, m->unit, &m->value) != BP_AMOUNT_OK)
        return (fields_mention_free (m), NULL);
      if (len == 6 && memcmp (unit, "亿元", 6) == 0)
        m->value *= 10000;
    }
  else
    {
      m->kind = MENTION_COUNT;
      m->count_unit = g_strndup (unit, len);
      if (strchr (num, '.') || !g_ascii_string_to_signed (num, 10, 0, G_MAXINT,
                                                          &m->value, NULL))
        return (fields_mention_free (m), NULL);
    }
  return m;
}

/* An ASCII digit between FROM and TO. */
static gboolean
has_digit (const char *from, const char *to)
{
  for (const char *p = from; p < to; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

void
fields_mentions_scan_into (const BpDocument *doc, const FieldsPara *para,
                           gsize from, gsize to, GPtrArray *out)
{
  g_ptr_array_set_size (out, 0);
  const char *text = para->text->str;
  if (!has_digit (text + from, text + to))
    return;             /* no number: nothing to scan (issue 18) */
  /* the matches of FIELDS_MENTION_PATTERN, each search from the last end */
  FieldsMentionSpan span;
  char buf[64];
  for (gsize at = from; fields_mention_find (text, to, at, &span); at = span.end)
    {
      /* the number, NUL-ended: on the stack unless it is long */
      gsize num_len = span.num_end - span.start;
      g_autofree char *heap = num_len < sizeof buf ? NULL : g_strndup (text + span.start, num_len);
      char *num = heap ? heap : memcpy (buf, text + span.start, num_len);
      num[num_len] = '\0';
      FieldsMention *m = mention_from_match (num, text + span.num_end, span.end - span.num_end);
      if (!m)
        continue;
      m->start = span.start;
      m->end = span.end;
      m->line = fields_para_source_line (doc, para, span.start, num);
      g_ptr_array_add (out, m);
    }
}
