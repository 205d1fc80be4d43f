/* Document ⇄ JSON: SCHEMA.md's shape, plus the internal state (lines, toc,
 * claims, meta, source bytes) in full dumps so --from-dump reads a document
 * back losslessly. Written directly in json-glib's pretty layout; read back
 * with json-glib's parser. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <json-glib/json-glib.h>
#include <budgetpipe/budgetpipe.h>

/* Writing: straight into one buffer, in exactly the layout json-glib's
 * pretty generator (indent 1) gives, which the outputs have always had.
 * Building a JsonNode tree only to print and free it was most of the json
 * stage's time (issue 18). */
#define JSON_OUT_DEPTH 16

/* g_string_append_len (BUF, S, N) without a call while BUF has room: the
 * output is written a few bytes at a time, and GLib before 2.76 has no
 * inline form (its call was a fifth of the json stage). */
static inline void
json_append (GString *buf, const char *s, gsize n)
{
  if (buf->len + n < buf->allocated_len)
    {
      memcpy (buf->str + buf->len, s, n);
      buf->len += n;
      buf->str[buf->len] = '\0';
    }
  else
    g_string_append_len (buf, s, (gssize) n);
}

/* Appends the string literal LIT: its length known, no strlen. */
#define APPEND_LITERAL(buf, lit) json_append ((buf), (lit), sizeof (lit) - 1)

typedef struct {
  GString *buf;
  /* Where a streamed document goes (bp_document_write_json): the buffer is
   * written out whenever a container closes past JSON_OUT_FLUSH bytes, so
   * a large document's JSON is never held whole (issue 18: a 40,000-row
   * table's output was the run's peak). NULL: the buffer keeps it all. */
  BpOutputFile *file;
  GError *error;                    /* the first write error; later writes skipped */
  gsize flushed;                    /* bytes written to FILE so far */
  guint depth;                      /* containers open */
  gboolean pages_known;             /* bp_document_pages_known () */
  gboolean empty[JSON_OUT_DEPTH];   /* per open container: nothing in it yet */
  gboolean is_array[JSON_OUT_DEPTH];
  const char *name;                 /* member name of the next value */
} JsonOut;

/* 1 for the bytes json_out_escaped does not copy as they are: NUL (the
 * end), 0x01-0x1e, '"', '\\' and 0x7f; one look-up a byte. */
static const guint8 json_special[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Room for N more bytes (and the NUL) in BUF without its growing. */
static inline void
json_reserve (GString *buf, gsize n)
{
  if (buf->len + n >= buf->allocated_len)
    {
      gsize len = buf->len;
      g_string_set_size (buf, len + n);   /* grows as GLib does: doubling */
      g_string_truncate (buf, len);
    }
}

/* The escape of special byte C (json_special) appended to BUF. */
static void
json_out_escape_byte (GString *buf, unsigned char c)
{
  switch (c)
    {
    case '\\': APPEND_LITERAL (buf, "\\\\"); break;
    case '"': APPEND_LITERAL (buf, "\\\""); break;
    case '\b': APPEND_LITERAL (buf, "\\b"); break;
    case '\f': APPEND_LITERAL (buf, "\\f"); break;
    case '\n': APPEND_LITERAL (buf, "\\n"); break;
    case '\r': APPEND_LITERAL (buf, "\\r"); break;
    case '\t': APPEND_LITERAL (buf, "\\t"); break;
    default: g_string_append_printf (buf, "\\u00%02x", c); break;
    }
}

#ifdef __SSE2__
/* Stores the sixteen bytes at P at O (BUF has room) and returns how many
 * of them lead before the first special byte (16: none is). */
static inline guint
json_copy16 (char *o, const char *p)
{
  __m128i v = _mm_loadu_si128 ((const __m128i *) p);
  _mm_storeu_si128 ((__m128i *) o, v);
  /* unsigned b < 0x1f as a signed compare of the bytes flipped by 0x80 */
  __m128i hit = _mm_cmplt_epi8 (_mm_xor_si128 (v, _mm_set1_epi8 ((char) 0x80)),
                                _mm_set1_epi8 ((char) (0x1f ^ 0x80)));
  hit = _mm_or_si128 (hit, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"')));
  hit = _mm_or_si128 (hit, _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\\')));
  hit = _mm_or_si128 (hit, _mm_cmpeq_epi8 (v, _mm_set1_epi8 (0x7f)));
  unsigned mask = (unsigned) _mm_movemask_epi8 (hit);
  return mask ? (guint) __builtin_ctz (mask) : 16;
}
#endif

/* S (N bytes, no NUL among them, S[N] its NUL) as a JSON string body, escaped as
 * json-glib does: \\ and \", the C escapes, \u00XX for other bytes
 * 0x01–0x1e and 0x7f (0x1f is left as is, like json-glib 1.6). Sixteen
 * bytes a step are copied and checked at once where SSE2 is: a byte at
 * a time and an append per run were most of the json stage (issue 18). */
static void
json_out_escaped_len (GString *buf, const char *s, gsize n)
{
  const char *p = s, *end = s + n;
  json_reserve (buf, n + 16);
  while (p < end)
    {
      char *o = buf->str + buf->len;
#ifdef __SSE2__
      if (end - p >= 16)
        {
          guint kept = json_copy16 (o, p);
          buf->len += kept;
          p += kept;
          if (kept == 16)
            continue;
        }
      else
#endif
        {
          /* S[N] is its NUL, itself special: no bound to test */
          const char *run = p;
          for (guchar c; !json_special[c = (guchar) *p]; p++)
            *o++ = (char) c;
          buf->len += (gsize) (p - run);
          if (p == end)
            break;
        }
      /* *p is special: its escape, then room again for the rest */
      json_out_escape_byte (buf, (unsigned char) *p++);
      json_reserve (buf, (gsize) (end - p) + 16);
    }
  buf->str[buf->len] = '\0';
}

static void
json_out_escaped (GString *buf, const char *s)
{
  json_out_escaped_len (buf, s, strlen (s));
}

/* "NAME" : with NAME escaped. A name needing no escape (all but never)
 * is written in one piece: three appends per member were a third of
 * json_out_value_start. */
static void
json_out_name (GString *buf, const char *name)
{
  const char *p = name;
  while (!json_special[(guchar) *p])
    p++;
  gsize n = (gsize) (p - name);
  if (*p == '\0' && buf->len + n + 5 < buf->allocated_len)
    {
      char *o = buf->str + buf->len;
      o[0] = '"';
      memcpy (o + 1, name, n);
      memcpy (o + 1 + n, "\" : ", 4);
      buf->len += n + 5;
      buf->str[buf->len] = '\0';
      return;
    }
  g_string_append_c (buf, '"');
  json_out_escaped (buf, name);
  APPEND_LITERAL (buf, "\" : ");
}

static void
json_out_indent (JsonOut *o, guint n)
{
  static const char spaces[JSON_OUT_DEPTH + 1] = "                ";
  json_append (o->buf, spaces, MIN (n, JSON_OUT_DEPTH));
}

/* What comes before a value: the separator, indent and member name
 * (inlined: its call was a sixth of it). */
G_ALWAYS_INLINE static inline void
json_out_value_start (JsonOut *o)
{
  if (o->depth > 0)
    {
      /* the separator and the indent in one append */
      static const char sep_indent[2 + JSON_OUT_DEPTH + 1] = ",\n                ";
      guint first = o->empty[o->depth - 1] ? 1 : 0;   /* no comma */
      gsize n = 2 - first + MIN (o->depth, JSON_OUT_DEPTH);
      /* a copy of fixed size (18 bytes, within SEP_INDENT from either
       * start) is a few moves, where one of N bytes was a call */
      json_reserve (o->buf, 2 + JSON_OUT_DEPTH);
      memcpy (o->buf->str + o->buf->len, sep_indent + first, 2 + JSON_OUT_DEPTH);
      o->buf->len += n;
      o->buf->str[o->buf->len] = '\0';
      o->empty[o->depth - 1] = FALSE;
    }
  if (o->name)
    {
      json_out_name (o->buf, o->name);
      o->name = NULL;
    }
}

static void
json_out_begin (JsonOut *o, gboolean array)
{
  json_out_value_start (o);
  g_string_append_c (o->buf, array ? '[' : '{');
  g_assert (o->depth < JSON_OUT_DEPTH);
  o->empty[o->depth] = TRUE;
  o->is_array[o->depth] = array;
  o->depth++;
}

#define JSON_OUT_FLUSH (64 * 1024)

static void
json_out_flush (JsonOut *o)
{
  /* after a failed write the rest is dropped: the file is discarded */
  if (!o->error)
    bp_output_file_write (o->file, o->buf->str, o->buf->len, &o->error);
  o->flushed += o->buf->len;
  g_string_truncate (o->buf, 0);
}

/* json-glib closes an empty array as "[]" but an empty object with its
 * indent inside: "{ }". */
static void
json_out_end (JsonOut *o)
{
  if (o->file && o->buf->len >= JSON_OUT_FLUSH)
    json_out_flush (o);
  o->depth--;
  gboolean array = o->is_array[o->depth];
  if (!o->empty[o->depth])
    g_string_append_c (o->buf, '\n');
  if (!array || !o->empty[o->depth])
    json_out_indent (o, o->depth);
  g_string_append_c (o->buf, array ? ']' : '}');
}

static void
json_out_member (JsonOut *o, const char *name)
{
  o->name = name;
}

static void
json_out_begin_object (JsonOut *o)
{
  json_out_begin (o, FALSE);
}

static void
json_out_begin_array (JsonOut *o)
{
  json_out_begin (o, TRUE);
}

static void
json_out_end_object (JsonOut *o)
{
  json_out_end (o);
}

static void
json_out_end_array (JsonOut *o)
{
  json_out_end (o);
}

static void
json_out_add_string (JsonOut *o, const char *value)
{
  json_out_value_start (o);
  gsize n = strlen (value);
  json_reserve (o->buf, n + 18);
  o->buf->str[o->buf->len++] = '"';
  json_out_escaped_len (o->buf, value, n);
  APPEND_LITERAL (o->buf, "\"");
}

static void
json_out_add_int (JsonOut *o, gint64 value)
{
  json_out_value_start (o);
  /* as "%" G_GINT64_FORMAT prints it, without printf's parsing */
  char digits[24], *d = digits + sizeof digits;
  guint64 magnitude = value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;
  do
    *--d = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) > 0);
  if (value < 0)
    *--d = '-';
  json_append (o->buf, d, digits + sizeof digits - d);
}

static void
json_out_add_boolean (JsonOut *o, gboolean value)
{
  json_out_value_start (o);
  if (value)
    APPEND_LITERAL (o->buf, "true");
  else
    APPEND_LITERAL (o->buf, "false");
}

#define MEMBER(b, name) json_out_member ((b), (name))

static void
add_string (JsonOut *b, const char *name, const char *value)
{
  if (!value)
    return;
  MEMBER (b, name);
  json_out_add_string (b, value);
}

static void
add_int (JsonOut *b, const char *name, gint64 value)
{
  MEMBER (b, name);
  json_out_add_int (b, value);
}

static void
add_money (JsonOut *b, const char *name, bp_fen value)
{
  char buf[BP_AMOUNT_BUFSZ];
  add_string (b, name, bp_amount_format_buf (value, buf));
}

static void
add_string_array (JsonOut *b, const char *name, GPtrArray *items)
{
  MEMBER (b, name);
  json_out_begin_array (b);
  for (guint i = 0; items && i < items->len; i++)
    json_out_add_string (b, g_ptr_array_index (items, i));
  json_out_end_array (b);
}

static void
build_source (JsonOut *b, const BpDocument *doc, gboolean full)
{
  MEMBER (b, "source");
  json_out_begin_object (b);
  add_string (b, "path", doc->path);
  add_int (b, "bytes", bp_document_input_size (doc));
  add_string (b, "sha256", doc->sha256);
  add_string (b, "encoding", doc->encoding);
  if (full)
    {
      add_string (b, "stem", doc->stem);
      g_autoptr (GBytes) bytes = bp_document_input_bytes (doc);
      if (bytes)
        {
          gsize len;
          const guchar *data = g_bytes_get_data (bytes, &len);
          g_autofree char *b64 = g_base64_encode (data, len);
          add_string (b, "bytes_base64", b64);
        }
    }
  json_out_end_object (b);
}

/* "page" next to a "line", when the document's pages are known. */
static void
add_page (JsonOut *b, const BpDocument *doc, int line)
{
  int page = bp_document_page_at_line_known (doc, line, b->pages_known);
  if (page > 0)
    add_int (b, "page", page);
}

static void
build_doc_meta (JsonOut *b, const BpDocument *doc)
{
  MEMBER (b, "doc");
  json_out_begin_object (b);
  add_string (b, "kind", doc->kind);
  if (doc->year)
    add_int (b, "year", doc->year);
  add_string (b, "city", doc->city);
  add_string (b, "district", doc->district);
  add_string (b, "department", doc->department);
  add_string (b, "unit", bp_unit_name (doc->unit));
  add_string (b, "profile", doc->profile);
  json_out_end_object (b);
}

static void
build_fields (JsonOut *b, const BpDocument *doc)
{
  MEMBER (b, "fields");
  json_out_begin_object (b);
  /* Keys are unique through bp_document_set_field; should a plugin add a
   * key twice, it is written once, where it first came, with its last
   * value, as a JSON object (json-glib) kept it. */
  g_autoptr (GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < doc->fields->len; i++)
    {
      BpField *f = g_ptr_array_index (doc->fields, i);
      g_hash_table_insert (last, f->key, f);
    }
  for (guint i = 0; i < doc->fields->len; i++)
    {
      const BpField *first = g_ptr_array_index (doc->fields, i);
      BpField *f = g_hash_table_lookup (last, first->key);
      if (!f)
        continue;   /* written already */
      g_hash_table_remove (last, first->key);
      MEMBER (b, f->key);
      json_out_begin_object (b);
      if (f->kind == BP_FIELD_COUNT)
        add_int (b, "value", f->value);
      else
        add_money (b, "value", f->value);
      add_int (b, "line", f->line);
      add_page (b, doc, f->line);
      add_string (b, "table", f->table);
      add_string (b, "source", f->source);
      json_out_end_object (b);
    }
  json_out_end_object (b);
}

/* L with its PAGE (a table's note lines carry none: 0). */
static void
build_line (JsonOut *b, const BpLine *l, int page)
{
  json_out_begin_object (b);
  add_string (b, "text", l->text);
  add_int (b, "line", l->line);
  add_int (b, "end_line", bp_line_end_line (l));
  add_int (b, "page", page);
  add_int (b, "flags", l->flags);
  json_out_end_object (b);
}

static void
build_notes (JsonOut *b, GPtrArray *lines)
{
  MEMBER (b, "notes");
  json_out_begin_array (b);
  for (guint i = 0; i < lines->len; i++)
    build_line (b, g_ptr_array_index (lines, i), 0);
  json_out_end_array (b);
}

static void
build_lines (JsonOut *b, const BpDocument *doc)
{
  MEMBER (b, "lines");
  json_out_begin_array (b);
  guint n = bp_document_n_lines (doc);
  for (guint i = 0; i < n; i++)
    {
      const BpLine *l = bp_document_line (doc, i);
      build_line (b, l, bp_document_line_page (doc, l));
    }
  json_out_end_array (b);
}

static void
build_table (JsonOut *b, const BpDocument *doc, const BpTable *t, gboolean full)
{
  json_out_begin_object (b);
  add_string (b, "id", t->id);
  add_string (b, "type", t->type);
  add_string (b, "number", t->number);
  add_string (b, "title", t->title);
  add_int (b, "line", t->line);
  add_page (b, doc, t->line);
  add_int (b, "end_line", t->end_line);
  add_string (b, "unit", bp_unit_name (t->unit));
  MEMBER (b, "header");
  json_out_begin_array (b);
  for (guint i = 0; i < t->header->len; i++)
    {
      json_out_begin_array (b);
      GPtrArray *row = g_ptr_array_index (t->header, i);
      for (guint c = 0; c < row->len; c++)
        json_out_add_string (b, g_ptr_array_index (row, c));
      json_out_end_array (b);
    }
  json_out_end_array (b);
  MEMBER (b, "rows");
  json_out_begin_array (b);
  for (guint i = 0; i < t->rows->len; i++)
    {
      BpRow *r = g_ptr_array_index (t->rows, i);
      json_out_begin_object (b);
      add_int (b, "line", r->line);
      add_page (b, doc, r->line);
      add_string_array (b, "cells", r->cells);
      json_out_end_object (b);
    }
  json_out_end_array (b);
  MEMBER (b, "empty");
  json_out_add_boolean (b, t->empty);
  add_string (b, "note", t->note);
  if (full)
    build_notes (b, t->notes);
  json_out_end_object (b);
}

static void
build_tables (JsonOut *b, const BpDocument *doc, gboolean full)
{
  MEMBER (b, "tables");
  json_out_begin_array (b);
  for (guint i = 0; i < doc->tables->len; i++)
    build_table (b, doc, g_ptr_array_index (doc->tables, i), full);
  json_out_end_array (b);
}

static void
build_class_kind (JsonOut *b, const BpDocument *doc, BpClassKind kind)
{
  MEMBER (b, kind == BP_CLASS_FUNCTION ? "function" : "economic");
  json_out_begin_array (b);
  for (guint i = 0; i < doc->classification->len; i++)
    {
      BpClassRow *c = g_ptr_array_index (doc->classification, i);
      if (c->kind != kind)
        continue;
      json_out_begin_object (b);
      add_string (b, "code", c->code);
      add_string (b, "name", c->name);
      for (int col = 0; col < BP_CLASS_NCOLS; col++)
        if (c->has[col])
          add_money (b, bp_class_column_name (kind, col), c->amount[col]);
      add_int (b, "line", c->line);
      add_page (b, doc, c->line);
      add_string (b, "table", c->table);
      json_out_end_object (b);
    }
  json_out_end_array (b);
}

static void
build_findings (JsonOut *b, const BpDocument *doc)
{
  MEMBER (b, "findings");
  json_out_begin_array (b);
  for (guint i = 0; i < doc->findings->len; i++)
    {
      BpFinding *f = g_ptr_array_index (doc->findings, i);
      json_out_begin_object (b);
      add_string (b, "rule", f->rule);
      add_string (b, "category", f->category);
      add_string (b, "severity", bp_severity_name (f->severity));
      add_int (b, "line", f->line);
      add_page (b, doc, f->line);
      add_string (b, "table", f->table);
      add_string (b, "message", f->message);
      add_string (b, "expected", f->expected);
      add_string (b, "actual", f->actual);
      json_out_end_object (b);
    }
  json_out_end_array (b);
}

static void
build_claims (JsonOut *b, const BpDocument *doc)
{
  static const char *const kinds[] = { "amount", "share", "change" };
  MEMBER (b, "claims");
  json_out_begin_array (b);
  for (guint i = 0; i < doc->claims->len; i++)
    {
      BpClaim *c = g_ptr_array_index (doc->claims, i);
      json_out_begin_object (b);
      add_string (b, "kind", kinds[c->kind]);
      add_string (b, "subject", c->subject);
      if (c->has_amount)
        add_money (b, "amount", c->amount);
      if (c->has_percent)
        add_int (b, "percent100", c->percent);
      add_string (b, "unit", bp_unit_name (c->unit));
      add_int (b, "direction", c->direction);
      add_string (b, "base", c->base);
      if (c->base_year)
        add_int (b, "base_year", c->base_year);
      add_string (b, "text", c->text);
      add_int (b, "line", c->line);
      json_out_end_object (b);
    }
  json_out_end_array (b);
}

static int
compare_key_ptrs (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
build_internal (JsonOut *b, const BpDocument *doc)
{
  build_lines (b, doc);
  MEMBER (b, "toc");
  json_out_begin_array (b);
  for (guint i = 0; i < doc->toc->len; i++)
    {
      BpTocEntry *e = g_ptr_array_index (doc->toc, i);
      json_out_begin_object (b);
      add_string (b, "text", e->text);
      add_string (b, "type", e->type);
      add_int (b, "line", e->line);
      json_out_end_object (b);
    }
  json_out_end_array (b);
  build_claims (b, doc);
  /* meta sorted by key: the dump is byte-stable. */
  MEMBER (b, "meta");
  json_out_begin_object (b);
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (doc->meta, NULL);
  guint n = g_hash_table_size (doc->meta);
  qsort (keys, n, sizeof *keys, compare_key_ptrs);
  for (guint i = 0; i < n; i++)
    add_string (b, keys[i], g_hash_table_lookup (doc->meta, keys[i]));
  json_out_end_object (b);
}

static void
build_document (JsonOut *b, const BpDocument *doc, gboolean full)
{
  b->pages_known = bp_document_pages_known (doc);   /* once, not per line */
  json_out_begin_object (b);
  add_string (b, "schema", BP_SCHEMA_ID);
  build_source (b, doc, full);
  MEMBER (b, "pipeline");
  json_out_begin_object (b);
  add_string (b, "name", doc->pipeline_name ? doc->pipeline_name : "");
  add_string_array (b, "stages", doc->stages);
  json_out_end_object (b);
  build_doc_meta (b, doc);
  build_fields (b, doc);
  build_tables (b, doc, full);
  MEMBER (b, "classification");
  json_out_begin_object (b);
  build_class_kind (b, doc, BP_CLASS_FUNCTION);
  build_class_kind (b, doc, BP_CLASS_ECONOMIC);
  json_out_end_object (b);
  build_findings (b, doc);
  if (full)
    build_internal (b, doc);
  json_out_end_object (b);
  /* A trailing newline keeps the files friendly to diff and cat. */
  g_string_append_c (b->buf, '\n');
}

char *
bp_document_to_json (const BpDocument *doc, gboolean full, gsize *len)
{
  JsonOut out = { .buf = g_string_sized_new (64 * 1024) };
  build_document (&out, doc, full);
  if (len)
    *len = out.buf->len;
  return g_string_free (out.buf, FALSE);
}

gboolean
bp_document_write_json (const BpDocument *doc, gboolean full, const char *path,
                        gsize *len, GError **error)
{
  BpOutputFile *file = bp_output_file_open (path, error);
  if (!file)
    return FALSE;
  JsonOut out = { .buf = g_string_sized_new (JSON_OUT_FLUSH + 4096),
                  .file = file };
  build_document (&out, doc, full);
  json_out_flush (&out);
  g_string_free (out.buf, TRUE);
  if (out.error)
    {
      g_propagate_error (error, out.error);
      bp_output_file_discard (file);
      return FALSE;
    }
  if (len)
    *len = out.flushed;
  return bp_output_file_commit (file, error);
}

/* ---- reading back ---- */

typedef struct {
  GError **error;
  gboolean failed;
} Reader;

static gboolean
reader_fail (Reader *r, const char *path, const char *what)
{
  if (!r->failed)
    g_set_error (r->error, BP_ERROR, BP_ERROR_INPUT,
                 "document JSON: %s: %s", path, what);
  r->failed = TRUE;
  return FALSE;
}

static JsonObject *
get_object (Reader *r, JsonObject *o, const char *name, const char *path, gboolean required)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  if (!n)
    {
      if (required)
        reader_fail (r, path, "missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      reader_fail (r, path, "not an object");
      return NULL;
    }
  return json_node_get_object (n);
}

static JsonArray *
get_array (Reader *r, JsonObject *o, const char *name, const char *path)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  if (!n)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      reader_fail (r, path, "not an array");
      return NULL;
    }
  return json_node_get_array (n);
}

static char *
get_string (Reader *r, JsonObject *o, const char *name, const char *path)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  if (!n || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (json_node_get_value_type (n) != G_TYPE_STRING)
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
      reader_fail (r, p, "not a string");
      return NULL;
    }
  return g_strdup (json_node_get_string (n));
}

/* A member every document object of its kind has (a finding's rule, a
 * classification row's code): the stages rely on it, so a dump without it
 * is refused here rather than crashing a plugin. */
static char *
get_required_string (Reader *r, JsonObject *o, const char *name, const char *path)
{
  char *v = get_string (r, o, name, path);
  if (!v && !r->failed)
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
      reader_fail (r, p, "missing");
    }
  return v;
}

/* Element I of A as an object; NULL (and the read failed) when it is not. */
static JsonObject *
get_element_object (Reader *r, JsonArray *a, guint i, const char *path)
{
  JsonNode *n = json_array_get_element (a, i);
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      g_autofree char *p = g_strdup_printf ("%s[%u]", path, i);
      reader_fail (r, p, "not an object");
      return NULL;
    }
  return json_node_get_object (n);
}

static gint64
get_int (Reader *r, JsonObject *o, const char *name, const char *path)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  if (!n)
    return 0;
  if (json_node_get_value_type (n) != G_TYPE_INT64)
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
      reader_fail (r, p, "not an integer");
      return 0;
    }
  return json_node_get_int (n);
}

static bp_fen
get_money (Reader *r, JsonObject *o, const char *name, const char *path)
{
  g_autofree char *s = get_string (r, o, name, path);
  bp_fen v = 0;
  if (s && bp_amount_parse (s, BP_UNIT_YUAN, &v) != BP_AMOUNT_OK)
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
      reader_fail (r, p, "not a money string");
    }
  return v;
}

static BpUnit
get_unit (Reader *r, JsonObject *o, const char *path)
{
  g_autofree char *s = get_string (r, o, "unit", path);
  return bp_unit_from_text (s);
}

static void
read_source (Reader *r, BpDocument *doc, JsonObject *root)
{
  JsonObject *s = get_object (r, root, "source", "source", TRUE);
  if (!s)
    return;
  doc->path = get_string (r, s, "path", "source");
  doc->sha256 = get_string (r, s, "sha256", "source");
  /* The stem names output files: a dump's own is made safe like any. */
  g_autofree char *stem = get_string (r, s, "stem", "source");
  doc->stem = stem ? bp_document_safe_stem (stem)
            : doc->path ? bp_document_stem_of (doc->path) : NULL;
  g_autofree char *b64 = get_string (r, s, "bytes_base64", "source");
  g_autofree char *encoding = get_string (r, s, "encoding", "source");
  if (b64)
    {
      gsize len;
      guchar *data = g_base64_decode (b64, &len);
      doc->bytes = g_bytes_new_take (data, len);
    }
  else
    doc->bytes = g_bytes_new (NULL, 0);
  doc->encoding = g_steal_pointer (&encoding);
}

static GPtrArray *read_string_array (Reader *r, JsonArray *a, const char *path);

static void
read_doc_meta (Reader *r, BpDocument *doc, JsonObject *root)
{
  JsonObject *d = get_object (r, root, "doc", "doc", FALSE);
  JsonObject *p = get_object (r, root, "pipeline", "pipeline", FALSE);
  doc->kind = get_string (r, d, "kind", "doc");
  doc->year = (int) get_int (r, d, "year", "doc");
  doc->city = get_string (r, d, "city", "doc");
  doc->district = get_string (r, d, "district", "doc");
  doc->department = get_string (r, d, "department", "doc");
  doc->unit = get_unit (r, d, "doc");
  doc->profile = get_string (r, d, "profile", "doc");
  doc->pipeline_name = get_string (r, p, "name", "pipeline");
  JsonArray *stages = get_array (r, p, "stages", "pipeline.stages");
  g_autoptr (GPtrArray) names = read_string_array (r, stages, "pipeline.stages");
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (doc->stages, g_strdup (names->pdata[i]));
}

static void
read_fields (Reader *r, BpDocument *doc, JsonObject *root)
{
  JsonObject *fields = get_object (r, root, "fields", "fields", FALSE);
  g_autoptr (GList) keys = fields ? json_object_get_members (fields) : NULL;
  for (GList *k = keys; k; k = k->next)
    {
      g_autofree char *path = g_strdup_printf ("fields.%s", (char *) k->data);
      JsonObject *f = get_object (r, fields, k->data, path, TRUE);
      JsonNode *v = f ? json_object_get_member (f, "value") : NULL;
      if (!v || !JSON_NODE_HOLDS_VALUE (v))
        {
          reader_fail (r, path, "no value");
          return;
        }
      gboolean count = json_node_get_value_type (v) == G_TYPE_INT64;
      gint64 value = count ? json_node_get_int (v) : get_money (r, f, "value", path);
      g_autofree char *table = get_string (r, f, "table", path);
      g_autofree char *source = get_string (r, f, "source", path);
      BpField *field = bp_document_set_field (doc, k->data, count ? BP_FIELD_COUNT
                                              : BP_FIELD_MONEY, value,
                                              (int) get_int (r, f, "line", path), table);
      if (source)
        g_free (field->source), field->source = g_steal_pointer (&source);
    }
}

static GPtrArray *
read_string_array (Reader *r, JsonArray *a, const char *path)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);
      if (json_node_get_value_type (n) != G_TYPE_STRING)
        reader_fail (r, path, "not an array of strings");
      else
        g_ptr_array_add (out, g_strdup (json_node_get_string (n)));
    }
  return out;
}

/* Lines of A into OUT, or into DOC's own lines (its line store) when DOC
 * is given. */
static void
read_lines_into (Reader *r, JsonArray *a, GPtrArray *out, BpDocument *doc,
                 const char *path)
{
  for (guint i = 0; a && !r->failed && i < json_array_get_length (a); i++)
    {
      JsonObject *o = get_element_object (r, a, i, path);
      if (!o)
        return;
      g_autofree char *text = get_string (r, o, "text", path);
      int line = (int) get_int (r, o, "line", path);
      int end_line = (int) get_int (r, o, "end_line", path);
      if ((gint64) end_line - line > BP_LINE_MAX_SPAN)
        {
          reader_fail (r, path, "a line's end_line is more than BP_LINE_MAX_SPAN past its line");
          return;
        }
      BpLine *l = doc ? bp_document_add_line (doc, text, text ? strlen (text) : 0, line, end_line)
                      : bp_line_new (text, line, end_line);
      if (doc)
        bp_document_set_page_from (doc, line, (int) get_int (r, o, "page", path));
      l->flags = (guint) get_int (r, o, "flags", path);
      if (!doc)
        g_ptr_array_add (out, l);
    }
}

static void
read_table (Reader *r, BpDocument *doc, JsonObject *o, const char *path)
{
  g_autofree char *type = get_string (r, o, "type", path);
  g_autofree char *title = get_string (r, o, "title", path);
  BpTable *t = bp_document_add_table (doc, type, title, (int) get_int (r, o, "line", path));
  char *id = get_string (r, o, "id", path);
  if (id)
    g_free (t->id), t->id = id;
  t->number = get_string (r, o, "number", path);
  t->unit = get_unit (r, o, path);
  t->note = get_string (r, o, "note", path);
  JsonNode *empty = json_object_get_member (o, "empty");
  t->empty = empty && JSON_NODE_HOLDS_VALUE (empty) && json_node_get_boolean (empty);
  JsonArray *header = get_array (r, o, "header", path);
  for (guint i = 0; header && i < json_array_get_length (header); i++)
    {
      JsonNode *n = json_array_get_element (header, i);
      if (!JSON_NODE_HOLDS_ARRAY (n))
        reader_fail (r, path, "header is not an array of arrays");
      else
        bp_table_add_header_row (t, read_string_array (r, json_node_get_array (n), path));
    }
  JsonArray *rows = get_array (r, o, "rows", path);
  for (guint i = 0; rows && !r->failed && i < json_array_get_length (rows); i++)
    {
      JsonObject *ro = get_element_object (r, rows, i, path);
      if (!ro)
        return;
      BpRow *row = bp_table_add_row (t, (int) get_int (r, ro, "line", path));
      g_ptr_array_unref (row->cells);
      row->cells = read_string_array (r, get_array (r, ro, "cells", path), path);
    }
  read_lines_into (r, get_array (r, o, "notes", path), t->notes, NULL, path);
  t->end_line = (int) get_int (r, o, "end_line", path);
}

static void
read_tables (Reader *r, BpDocument *doc, JsonObject *root)
{
  JsonArray *tables = get_array (r, root, "tables", "tables");
  for (guint i = 0; tables && !r->failed && i < json_array_get_length (tables); i++)
    {
      g_autofree char *path = g_strdup_printf ("tables[%u]", i);
      JsonNode *n = json_array_get_element (tables, i);
      if (!JSON_NODE_HOLDS_OBJECT (n))
        reader_fail (r, path, "not an object");
      else
        read_table (r, doc, json_node_get_object (n), path);
    }
}

static void
read_class_kind (Reader *r, BpDocument *doc, JsonObject *c, BpClassKind kind)
{
  const char *name = kind == BP_CLASS_FUNCTION ? "function" : "economic";
  JsonArray *a = get_array (r, c, name, name);
  for (guint i = 0; a && !r->failed && i < json_array_get_length (a); i++)
    {
      g_autofree char *path = g_strdup_printf ("classification.%s[%u]", name, i);
      JsonObject *o = get_element_object (r, a, i, name);
      g_autofree char *code = get_required_string (r, o, "code", path);
      g_autofree char *cname = get_required_string (r, o, "name", path);
      if (r->failed)
        return;
      g_autofree char *table = get_string (r, o, "table", path);
      BpClassRow *row = bp_document_add_class_row (doc, kind, code, cname,
                                                   (int) get_int (r, o, "line", path), table);
      for (int col = 0; col < BP_CLASS_NCOLS; col++)
        {
          const char *cn = bp_class_column_name (kind, col);
          if ((row->has[col] = o && json_object_has_member (o, cn)))
            row->amount[col] = get_money (r, o, cn, path);
        }
    }
}

static void
read_findings (Reader *r, BpDocument *doc, JsonObject *root)
{
  JsonArray *a = get_array (r, root, "findings", "findings");
  for (guint i = 0; a && !r->failed && i < json_array_get_length (a); i++)
    {
      g_autofree char *path = g_strdup_printf ("findings[%u]", i);
      JsonObject *o = get_element_object (r, a, i, "findings");
      g_autofree char *rule = get_required_string (r, o, "rule", path);
      g_autofree char *cat = get_required_string (r, o, "category", path);
      g_autofree char *sev_name = get_string (r, o, "severity", path);
      g_autofree char *table = get_string (r, o, "table", path);
      g_autofree char *msg = get_string (r, o, "message", path);
      g_autofree char *exp = get_string (r, o, "expected", path);
      g_autofree char *act = get_string (r, o, "actual", path);
      BpSeverity sev = BP_SEVERITY_INFO;
      if (sev_name && !bp_severity_from_name (sev_name, &sev))
        reader_fail (r, path, "unknown severity");
      if (r->failed)
        return;
      BpFinding *f = bp_document_add_finding (doc, rule, cat, sev,
                                              (int) get_int (r, o, "line", path),
                                              table, "%s", msg ? msg : "");
      bp_finding_set_values (f, exp, act);
    }
}

static void
read_claims (Reader *r, BpDocument *doc, JsonObject *root)
{
  static const char *const kinds[] = { "amount", "share", "change", NULL };
  JsonArray *a = get_array (r, root, "claims", "claims");
  for (guint i = 0; a && !r->failed && i < json_array_get_length (a); i++)
    {
      g_autofree char *path = g_strdup_printf ("claims[%u]", i);
      JsonObject *o = get_element_object (r, a, i, "claims");
      if (!o)
        return;
      g_autofree char *kind = get_string (r, o, "kind", path);
      g_autofree char *subject = get_string (r, o, "subject", path);
      int k = 0;
      while (kinds[k] && g_strcmp0 (kinds[k], kind))
        k++;
      if (!kinds[k])
        reader_fail (r, path, "unknown claim kind"), k = 0;
      BpClaim *c = bp_document_add_claim (doc, (BpClaimKind) k, subject,
                                          (int) get_int (r, o, "line", path));
      if ((c->has_amount = o && json_object_has_member (o, "amount")))
        c->amount = get_money (r, o, "amount", path);
      if ((c->has_percent = o && json_object_has_member (o, "percent100")))
        c->percent = get_int (r, o, "percent100", path);
      c->unit = get_unit (r, o, path);
      c->direction = (int) get_int (r, o, "direction", path);
      c->base = get_string (r, o, "base", path);
      c->base_year = (int) get_int (r, o, "base_year", path);
      c->text = get_string (r, o, "text", path);
    }
}

static void
read_internal (Reader *r, BpDocument *doc, JsonObject *root)
{
  JsonArray *lines = get_array (r, root, "lines", "lines");
  if (lines)
    {
      bp_document_clear_lines (doc);
      read_lines_into (r, lines, NULL, doc, "lines");
    }
  JsonArray *toc = get_array (r, root, "toc", "toc");
  for (guint i = 0; toc && !r->failed && i < json_array_get_length (toc); i++)
    {
      JsonObject *o = get_element_object (r, toc, i, "toc");
      g_autofree char *text = get_required_string (r, o, "text", "toc");
      if (r->failed)
        return;
      g_autofree char *type = get_string (r, o, "type", "toc");
      bp_document_add_toc (doc, text, type, (int) get_int (r, o, "line", "toc"));
    }
  read_claims (r, doc, root);
  JsonObject *meta = get_object (r, root, "meta", "meta", FALSE);
  g_autoptr (GList) keys = meta ? json_object_get_members (meta) : NULL;
  for (GList *k = keys; k; k = k->next)
    {
      g_autofree char *v = get_string (r, meta, k->data, "meta");
      bp_document_set_meta (doc, k->data, v);
    }
}

/* Decoded text and source lines come back from the raw bytes when they are
 * UTF-8 (or were decoded before, per source.encoding). */
static void
restore_text (BpDocument *doc)
{
  gsize len;
  const char *data = g_bytes_get_data (doc->bytes, &len);
  if (!data || !doc->encoding)
    return;
  g_autofree char *enc = g_strdup (doc->encoding);
  char *text = NULL;
  if (!g_ascii_strcasecmp (enc, "UTF-8"))
    {
      if (len >= 3 && !memcmp (data, "\xEF\xBB\xBF", 3))
        data += 3, len -= 3;
      text = g_utf8_validate_len (data, len, NULL) ? g_strndup (data, len) : NULL;
    }
  else
    text = g_convert_with_fallback (data, len, "UTF-8", enc, "\xEF\xBF\xBD", NULL, NULL, NULL);
  if (text)
    {
      bp_document_set_text (doc, text, enc);
      bp_document_seed_lines (doc);  /* replaced by "lines" when present */
    }
}

BpDocument *
bp_document_from_json (const char *json, gssize len, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *e = NULL;
  if (!json_parser_load_from_data (parser, json, len, &e))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INPUT, "document JSON: %s", e->message);
      g_error_free (e);
      return NULL;
    }
  JsonNode *rootn = json_parser_get_root (parser);
  if (!rootn || !JSON_NODE_HOLDS_OBJECT (rootn))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INPUT, "document JSON: top level is not an object");
      return NULL;
    }
  JsonObject *root = json_node_get_object (rootn);
  Reader r = { error, FALSE };
  g_autofree char *schema = get_string (&r, root, "schema", "schema");
  if (!r.failed && g_strcmp0 (schema, BP_SCHEMA_ID) != 0)
    reader_fail (&r, "schema", "not \"" BP_SCHEMA_ID "\"");
  BpDocument *doc = bp_document_new ();
  if (!r.failed)
    {
      read_source (&r, doc, root);
      if (!r.failed)
        restore_text (doc);
      read_doc_meta (&r, doc, root);
      read_fields (&r, doc, root);
      read_tables (&r, doc, root);
      JsonObject *c = get_object (&r, root, "classification", "classification", FALSE);
      read_class_kind (&r, doc, c, BP_CLASS_FUNCTION);
      read_class_kind (&r, doc, c, BP_CLASS_ECONOMIC);
      read_findings (&r, doc, root);
      read_internal (&r, doc, root);
    }
  if (r.failed)
    g_clear_pointer (&doc, bp_document_free);
  return doc;
}
