/* The document model: construction, lookup and ownership. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#ifdef HAVE_NETTLE
#include <nettle/sha2.h>
#endif
#include <budgetpipe/budgetpipe.h>

static void
bp_row_free (gpointer p)
{
  BpRow *r = p;
  if (!r)
    return;
  g_ptr_array_unref (r->cells);
  g_free (r);
}

static void
bp_header_row_free (gpointer p)
{
  if (p)
    g_ptr_array_unref (p);
}

static void
bp_table_free (gpointer p)
{
  BpTable *t = p;
  if (!t)
    return;
  g_free (t->id);
  g_free (t->type);
  g_free (t->number);
  g_free (t->title);
  g_free (t->note);
  g_ptr_array_unref (t->header);
  g_ptr_array_unref (t->rows);
  g_ptr_array_unref (t->notes);
  g_free (t);
}

static void
bp_field_free (gpointer p)
{
  BpField *f = p;
  g_free (f->key);
  g_free (f->table);
  g_free (f->source);
  g_free (f);
}

static void
bp_class_row_free (gpointer p)
{
  BpClassRow *c = p;
  g_free (c->code);
  g_free (c->name);
  g_free (c->table);
  g_free (c);
}

static void
bp_claim_free (gpointer p)
{
  BpClaim *c = p;
  g_free (c->subject);
  g_free (c->base);
  g_free (c->text);
  g_free (c);
}

static void
bp_finding_free (gpointer p)
{
  BpFinding *f = p;
  g_free (f->rule);
  g_free (f->category);
  g_free (f->table);
  g_free (f->message);
  g_free (f->expected);
  g_free (f->actual);
  g_free (f);
}

static void
bp_toc_free (gpointer p)
{
  BpTocEntry *e = p;
  g_free (e->text);
  g_free (e->type);
  g_free (e);
}

void
bp_line_free (BpLine *l)
{
  if (!l)
    return;
  g_free (l->text);
  g_free (l);
}

BpLine *
bp_line_new_take (char *text, int line, int end_line)
{
  BpLine *l = g_new0 (BpLine, 1);
  l->text = text ? text : g_strdup ("");
  l->line = line;
  if (!bp_line_set_end_line (l, end_line))
    {
      g_critical ("a line of source lines %d to %d: longer than BP_LINE_MAX_SPAN", line, end_line);
      l->end_span = BP_LINE_MAX_SPAN;
    }
  return l;
}

BpLine *
bp_line_new (const char *text, int line, int end_line)
{
  return bp_line_new_take (g_strdup (text ? text : ""), line, end_line);
}

/* ---- source lines ---------------------------------------------------- */

/* The offset of every SOURCE_STRIDE-th line is kept; a line in between is
 * found by walking at most SOURCE_STRIDE - 1 lines from there. Half a byte
 * per line of index, where a pointer and a string per line cost some 40
 * bytes per line (a file of bare newlines took 180 bytes per input byte).
 * A byte per line of lengths saved a strlen per step (2 M instructions a
 * pass over the bundled documents, 0.5 %) but cost 1 byte per input byte
 * on files of bare newlines and 0.8x on lines "1": not kept (issue 18). */
#define SOURCE_STRIDE 16

struct BpSourceLines {
  gint ref;     /* the document's, and its line store's while its lines
                 * point into BUF */
  char *buf;    /* the text, each line end's first byte made NUL: a \r\n
                 * keeps its \n, the only \n left, which no line holds */
  gsize size;   /* bytes of BUF before its final NUL */
  guint n;      /* lines */
  gsize *marks; /* offset of line 1 + k * SOURCE_STRIDE */
  gboolean lone_cr;  /* a line ends with a lone \r: the text cannot be
                      * told from BUF (its NULs were \r or \n) */
  gboolean is_input; /* the document's bytes were dropped for BUF
                      * (bp_document_drop_text): they are made from it */
  guint64 serial;    /* unique in the run: names these lines in caches
                      * (an address may be reused once they are freed) */
};

static void
source_lines_unref (BpSourceLines *s)
{
  if (!s || !g_atomic_int_dec_and_test (&s->ref))
    return;
  g_free (s->buf);
  g_free (s->marks);
  g_free (s);
}

/* \r\n, \r and \n all end a line: line numbers match an editor's. */
static BpSourceLines *
source_lines_new (const char *text)
{
  static guint64 serials;   /* a lock: GLib has no 64-bit atomic add */
  static GMutex serial_lock;
  BpSourceLines *s = g_new0 (BpSourceLines, 1);
  s->ref = 1;
  g_mutex_lock (&serial_lock);
  s->serial = ++serials;
  g_mutex_unlock (&serial_lock);
  s->size = strlen (text);
  s->buf = g_memdup2 (text, s->size + 1);
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (gsize));
  char *end = s->buf + s->size;
  /* most texts have no \r: their line ends are found with memchr, where
   * strcspn's set-up per line cost more than the search */
  gboolean has_cr = memchr (s->buf, '\r', s->size) != NULL;
  for (char *p = s->buf; p < end; s->n++)
    {
      if (s->n % SOURCE_STRIDE == 0)
        {
          gsize at = (gsize) (p - s->buf);
          g_array_append_val (marks, at);
        }
      char *e = has_cr ? p + strcspn (p, "\r\n") : memchr (p, '\n', (gsize) (end - p));
      if (!e)
        e = end;
      if (e == end)
        {
          s->n++;
          break;
        }
      gboolean crlf = *e == '\r' && e[1] == '\n';
      s->lone_cr |= *e == '\r' && !crlf;
      *e = '\0';
      p = e + 1 + crlf;
    }
  s->marks = (gsize *) (void *) g_array_free (marks, FALSE);
  return s;
}

static const char *
source_lines_next (const BpSourceLines *s, const char *line)
{
  const char *e = line + strlen (line), *end = s->buf + s->size;
  if (e >= end)
    return NULL;
  e += 1 + (e[1] == '\n');
  return e < end ? e : NULL;
}

guint
bp_document_n_source_lines (const BpDocument *doc)
{
  return doc->source_lines ? doc->source_lines->n : 0;
}

const char *
bp_document_source_line (const BpDocument *doc, int line)
{
  const BpSourceLines *s = doc->source_lines;
  if (!s || line < 1 || (guint) line > s->n)
    return NULL;
  guint i = (guint) line - 1;
  const char *p = s->buf + s->marks[i / SOURCE_STRIDE];
  for (guint k = 0; k < i % SOURCE_STRIDE; k++)
    p = source_lines_next (s, p);
  return p;
}

const char *
bp_document_source_line_next (const BpDocument *doc, const char *line_text)
{
  return doc->source_lines && line_text
         ? source_lines_next (doc->source_lines, line_text) : NULL;
}

/* The text back from BUF: each line end's first byte, made NUL, was a \r
 * when a \n follows it (the \n of a \r\n is the only one left), else a
 * \n (no lone \r: see lone_cr). */
static GBytes *
source_lines_text (const BpSourceLines *s)
{
  char *text = g_memdup2 (s->buf, s->size + 1);
  for (char *p = memchr (text, '\0', s->size); p; p = memchr (p + 1, '\0', s->size - (gsize) (p + 1 - text)))
    *p = p[1] == '\n' ? '\r' : '\n';
  return g_bytes_new_take (text, s->size);
}

gsize
bp_document_input_size (const BpDocument *doc)
{
  if (doc->bytes)
    return g_bytes_get_size (doc->bytes);
  return doc->source_lines && doc->source_lines->is_input ? doc->source_lines->size : 0;
}

GBytes *
bp_document_input_bytes (const BpDocument *doc)
{
  if (doc->bytes)
    return g_bytes_ref (doc->bytes);
  if (doc->source_lines && doc->source_lines->is_input)
    return source_lines_text (doc->source_lines);
  return NULL;
}

void
bp_document_drop_text (BpDocument *doc)
{
  const BpSourceLines *s = doc->source_lines;
  if (!doc->text || !s)
    return;
  if (doc->bytes && g_bytes_get_data (doc->bytes, NULL) == doc->text)
    {
      /* the bytes are the text (a view): they go too when the source
       * lines can give them back exactly */
      if (s->lone_cr || s->size != g_bytes_get_size (doc->bytes))
        return;
      g_clear_pointer (&doc->bytes, g_bytes_unref);
      doc->source_lines->is_input = TRUE;
    }
  g_clear_pointer (&doc->text, g_free);
}

gboolean
bp_document_has_form_feeds (const BpDocument *doc)
{
  const BpSourceLines *s = doc->source_lines;
  return s && memchr (s->buf, '\f', s->size) != NULL;
}

/* ---- the line store -------------------------------------------------- */

/* Lines in blocks of BP_LINE_BLOCK (doc->line_blocks), their texts in
 * blocks of STORE_TEXT_BLOCK bytes (a longer text gets a block of its
 * own): a line costs its 16 bytes and its text, where a malloc per line
 * and per text cost some 100 bytes per line, and a pointer per line 8
 * more (issue 18). Blocks never move: a BpLine* stays valid until the
 * store is freed. */
#define STORE_TEXT_BLOCK 65536

/* Lines from source line LINE on are on PAGE. */
typedef struct {
  int line, page;
} PageStart;

struct BpLineStore {
  GPtrArray *blocks;      /* BpLine[BP_LINE_BLOCK] each: doc->line_blocks */
  GPtrArray *texts;       /* text blocks */
  char *free_text;        /* the unused end of the last text block */
  gsize free_len;
  BpSourceLines *source;  /* the source buffer texts may point into */
  GPtrArray *sources;     /* referenced: SOURCE and any before it */
  GArray *pages;          /* PageStart by line: where a page starts */
};

static void
line_store_free (BpLineStore *st)
{
  if (!st)
    return;
  g_ptr_array_unref (st->blocks);
  g_ptr_array_unref (st->texts);
  g_ptr_array_unref (st->sources);
  g_array_unref (st->pages);
  g_free (st);
}

static BpLineStore *
line_store_new (void)
{
  BpLineStore *st = g_new0 (BpLineStore, 1);
  st->blocks = g_ptr_array_new_with_free_func (g_free);
  st->texts = g_ptr_array_new_with_free_func (g_free);
  st->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_lines_unref);
  st->pages = g_array_new (FALSE, FALSE, sizeof (PageStart));
  return st;
}

/* Texts may point into SOURCE from now on (the document's text may be
 * replaced while lines made from the old one stay). */
static void
line_store_use_source (BpLineStore *st, BpSourceLines *source)
{
  st->source = source;
  if (source)
    {
      g_atomic_int_inc (&source->ref);
      g_ptr_array_add (st->sources, source);
    }
}

/* DOC's line store, made and reading DOC's source lines. */
static BpLineStore *
document_store (BpDocument *doc)
{
  if (!doc->line_store)
    doc->line_store = line_store_new ();
  BpLineStore *st = doc->line_store;
  if (st->source != doc->source_lines)
    line_store_use_source (st, doc->source_lines);
  return st;
}

/* The next line of DOC, in its store's last block (a new one when full). */
static BpLine *
next_line (BpDocument *doc, BpLineStore *st)
{
  guint block = doc->n_lines >> BP_LINE_BLOCK_SHIFT;
  if (block == st->blocks->len)
    {
      g_ptr_array_add (st->blocks, g_new (BpLine, BP_LINE_BLOCK));
      doc->line_blocks = (BpLine **) st->blocks->pdata;
    }
  return &doc->line_blocks[block][doc->n_lines++ & (BP_LINE_BLOCK - 1)];
}

/* TEXT (LEN bytes) as a string of the store: where it already is when it
 * ends at a line end of the source buffer, else a copy. */
static char *
line_store_text (BpLineStore *st, const char *text, gsize len)
{
  const BpSourceLines *src = st->source;
  if (src && text >= src->buf && text + len <= src->buf + src->size
      && text[len] == '\0')
    return (char *) text;
  gsize need = len + 1;
  char *out;
  if (need > STORE_TEXT_BLOCK / 4)
    g_ptr_array_add (st->texts, out = g_malloc (need));
  else
    {
      if (need > st->free_len)
        {
          g_ptr_array_add (st->texts, st->free_text = g_malloc (STORE_TEXT_BLOCK));
          st->free_len = STORE_TEXT_BLOCK;
        }
      out = st->free_text;
      st->free_text += need;
      st->free_len -= need;
    }
  memcpy (out, text, len);
  out[len] = '\0';
  return out;
}

void
bp_document_clear_lines (BpDocument *doc)
{
  doc->lines_pending = FALSE;
  g_clear_pointer (&doc->line_store, line_store_free);
  doc->line_blocks = NULL;
  doc->n_lines = 0;
}

BpLine *
bp_document_add_line (BpDocument *doc, const char *text, gsize len,
                      int line, int end_line)
{
  g_return_val_if_fail ((gint64) end_line - line <= BP_LINE_MAX_SPAN, NULL);
  if (doc->lines_pending)
    bp_document_make_pending_lines (doc);
  BpLineStore *st = document_store (doc);
  BpLine *l = next_line (doc, st);
  l->text = line_store_text (st, text ? text : "", text ? len : 0);
  l->line = line;
  l->end_span = 0;
  bp_line_set_end_line (l, end_line);
  l->flags = 0;
  return l;
}

void
bp_document_set_page_from (BpDocument *doc, int line, int page)
{
  if (doc->lines_pending)
    bp_document_make_pending_lines (doc);
  GArray *pages = document_store (doc)->pages;
  PageStart *last = pages->len ? &g_array_index (pages, PageStart, pages->len - 1) : NULL;
  if (last && line < last->line)
    return;
  if (last && line == last->line)
    last->page = page;
  else if ((last ? last->page : 0) != page)
    g_array_append_vals (pages, &(PageStart) { line, page }, 1);
}

/* The page of the last page start at or before LINE; 0 before the first. */
static int
page_start_at (const BpDocument *doc, int line)
{
  if (doc->lines_pending)
    bp_document_make_pending_lines ((BpDocument *) doc);
  const GArray *pages = doc->line_store ? doc->line_store->pages : NULL;
  guint lo = 0, hi = pages ? pages->len : 0;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (pages, PageStart, mid).line <= line)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo ? g_array_index (pages, PageStart, lo - 1).page : 0;
}

int
bp_document_line_page (const BpDocument *doc, const BpLine *l)
{
  return page_start_at (doc, l->line);
}

gboolean
bp_document_pages_known (const BpDocument *doc)
{
  if (doc->lines_pending)
    bp_document_make_pending_lines ((BpDocument *) doc);
  /* one page throughout (a text without form feeds): no page is known */
  const GArray *pages = doc->line_store ? doc->line_store->pages : NULL;
  return (pages && pages->len && g_array_index (pages, PageStart, pages->len - 1).page > 1)
         || bp_document_get_meta (doc, "pdf.pages");
}

int
bp_document_page_at_line_known (const BpDocument *doc, int line, gboolean known)
{
  return known ? page_start_at (doc, line) : 0;
}

int
bp_document_page_at_line (const BpDocument *doc, int line)
{
  int page = page_start_at (doc, line);
  /* 0 whatever the meta says when no page starts by LINE (the meta's
   * look-up was most of this) */
  return page != 0 && bp_document_pages_known (doc) ? page : 0;
}

BpDocument *
bp_document_new (void)
{
  BpDocument *d = g_new0 (BpDocument, 1);
  d->stages = g_ptr_array_new_with_free_func (g_free);
  d->toc = g_ptr_array_new_with_free_func (bp_toc_free);
  d->tables = g_ptr_array_new_with_free_func (bp_table_free);
  d->fields = g_ptr_array_new_with_free_func (bp_field_free);
  d->classification = g_ptr_array_new_with_free_func (bp_class_row_free);
  d->claims = g_ptr_array_new_with_free_func (bp_claim_free);
  d->findings = g_ptr_array_new_with_free_func (bp_finding_free);
  d->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return d;
}

void
bp_document_free (BpDocument *d)
{
  if (!d)
    return;
  g_free (d->path);
  g_free (d->stem);
  if (d->bytes)
    g_bytes_unref (d->bytes);
  g_free (d->sha256);
  g_free (d->encoding);
  g_free (d->text);
  source_lines_unref (d->source_lines);
  g_free (d->pipeline_name);
  g_ptr_array_unref (d->stages);
  g_free (d->kind);
  g_free (d->city);
  g_free (d->district);
  g_free (d->department);
  g_free (d->profile);
  line_store_free (d->line_store);
  g_ptr_array_unref (d->toc);
  g_ptr_array_unref (d->tables);
  g_ptr_array_unref (d->fields);
  g_ptr_array_unref (d->classification);
  g_ptr_array_unref (d->claims);
  g_ptr_array_unref (d->findings);
  g_hash_table_unref (d->meta);
  g_free (d);
}

char *
bp_document_safe_stem (const char *stem)
{
  if (!stem || !*stem)
    return g_strdup ("document");
  char *safe = g_strdup (stem);
  gboolean leading = TRUE;
  for (char *c = safe; *c; c++)
    {
      leading = leading && *c == '.';
      if (leading || *c == '/' || *c == '\\' || (guchar) *c < 0x20 || *c == 0x7f)
        *c = '_';
    }
  return safe;
}

char *
bp_document_stem_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return bp_document_safe_stem (base);
}

static char *
stem_of (const char *path)
{
  return bp_document_stem_of (path);
}

/* Reads a regular file whole. Opened non-blocking, so a FIFO or a device
 * among the inputs is refused at once instead of hanging the batch. */
static gboolean
read_regular_file (const char *path, char **data, gsize *len, GError **error)
{
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  struct stat st;
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int err = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                   "cannot open “%s”: %s", path, g_strerror (err));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "not a regular file (%s): refused", S_ISFIFO (st.st_mode)
                   ? "a FIFO" : S_ISDIR (st.st_mode) ? "a directory"
                   : S_ISSOCK (st.st_mode) ? "a socket" : "a device");
      return FALSE;
    }
  /* sized as the file, not to a power of two: the input is the largest
   * thing a document holds. One byte spare for the NUL, one so that the
   * read that finds the end needs no bigger buffer. */
  gsize cap = (gsize) st.st_size + 2, used = 0;
  g_autofree char *buf = g_malloc (cap);
  ssize_t n;
  while ((n = read (fd, buf + used, cap - used - 1)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int err = errno;
          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                       "cannot read “%s”: %s", path, g_strerror (err));
          return FALSE;
        }
      used += (gsize) n;
      if (used + 1 == cap)   /* the file grew since fstat */
        buf = g_realloc (buf, cap *= 2);
    }
  close (fd);
  buf[used] = '\0';
  *len = used;
  *data = g_steal_pointer (&buf);
  return TRUE;
}

void
bp_document_set_text (BpDocument *doc, char *text, const char *encoding)
{
  /* seeded lines still to make are made of the text they were seeded from */
  if (doc->lines_pending)
    bp_document_make_pending_lines (doc);
  if (!doc->bytes && doc->source_lines && doc->source_lines->is_input)
    doc->bytes = source_lines_text (doc->source_lines);   /* they go next */
  if (doc->text && doc->bytes && g_bytes_get_data (doc->bytes, NULL) == doc->text)
    {
      /* the bytes were a view of the text (document_take_bytes): they
       * get their own copy before the text goes */
      GBytes *own = g_bytes_new (doc->text, g_bytes_get_size (doc->bytes));
      g_bytes_unref (doc->bytes);
      doc->bytes = own;
    }
  g_free (doc->text);
  doc->text = text;
  if (encoding)
    {
      g_free (doc->encoding);
      doc->encoding = g_strdup (encoding);
    }
  g_clear_pointer (&doc->source_lines, source_lines_unref);
  if (text)
    doc->source_lines = source_lines_new (text);
}

static char *
bare_text (const char *s)
{
  return bp_text_compact (s ? s : "");
}

/* The source lines of a joined line, each made bare_text and joined, and
 * where each starts in the join. */
typedef struct {
  guint64 serial;     /* of the source lines; 0: none yet */
  int line, end_line;
  GString *bare;
  GArray *starts;     /* gsize offset in BARE of each source line */
} BareJoin;

static void
bare_join_free (gpointer data)
{
  BareJoin *j = data;
  g_string_free (j->bare, TRUE);
  g_array_unref (j->starts);
  g_free (j);
}

/* The bare join of L's source lines, kept for the next call of this thread:
 * a stage asks for token after token of one paragraph, and making every
 * line bare again per token was most of bp_document_source_line_of. */
static const BareJoin *
bare_join_of (const BpDocument *doc, const BpLine *l)
{
  static GPrivate key = G_PRIVATE_INIT (bare_join_free);
  BareJoin *j = g_private_get (&key);
  if (!j)
    {
      j = g_new0 (BareJoin, 1);
      j->bare = g_string_new (NULL);
      j->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_private_set (&key, j);
    }
  const BpSourceLines *s = doc->source_lines;
  if (j->serial == s->serial && j->line == l->line && j->end_line == bp_line_end_line (l))
    return j;
  j->serial = s->serial;
  j->line = l->line;
  j->end_line = bp_line_end_line (l);
  g_string_truncate (j->bare, 0);
  g_array_set_size (j->starts, 0);
  const char *text = bp_document_source_line (doc, l->line);
  for (int n = l->line; n <= j->end_line; n++)
    {
      gsize at = j->bare->len;
      g_array_append_val (j->starts, at);
      bp_text_compact_append (j->bare, text ? text : "");   /* bare_text, in place */
      text = text ? source_lines_next (s, text) : NULL;
    }
  return j;
}

int
bp_document_source_line_of (const BpDocument *doc, const BpLine *l,
                            const char *token, guint nth)
{
  if (l->end_span == 0 || !token || !*token || !doc->source_lines)
    return l->line;
  /* a token of visible ASCII (a figure, mostly) is its own bare_text:
   * no copy of it per token */
  gboolean plain = TRUE;
  for (const guchar *p = (const guchar *) token; *p && plain; p++)
    plain = *p > 0x20 && *p < 0x7F;
  g_autofree char *own = plain ? NULL : bare_text (token);
  const char *needle = plain ? token : own;
  if (*needle == '\0')
    return l->line;
  /* The NTH occurrence, overlapping ones counted ("1794." / "05" may
   * straddle two lines), and the line its start is on. */
  const BareJoin *j = bare_join_of (doc, l);
  const char *hit = strstr (j->bare->str, needle);
  for (guint seen = 0; hit && seen < nth; seen++)
    hit = strstr (hit + 1, needle);
  int found = l->line;
  for (guint i = 0; hit && i < j->starts->len; i++)
    if (g_array_index (j->starts, gsize, i) <= (gsize) (hit - j->bare->str))
      found = l->line + (int) i;
  return found;
}

int
bp_document_source_line_at (const BpDocument *doc, const BpLine *l,
                            const char *text, gsize offset, const char *token)
{
  if (l->end_span == 0)
    return l->line;   /* nothing to count: a long single line stays linear */
  guint nth = 0;
  for (const char *p = token && *token ? strstr (text, token) : NULL;
       p && (gsize) (p - text) < offset; p = strstr (p + 1, token))
    nth++;
  return bp_document_source_line_of (doc, l, token, nth);
}

/* Nothing but spaces. A form feed alone keeps its line: it starts a page
 * (an empty page's line carries the page's findings). */
static gboolean
blank_line (const char *s)
{
  return s[strspn (s, " \v")] == '\0';
}

/* The lines of bp_document_seed_lines, made now. */
static void
seed_lines_now (BpDocument *doc)
{
  /* A form feed starts a page (pdftotext, the pdf stage); without any
   * the pages are unknown (0). */
  int page = bp_document_has_form_feeds (doc) ? 1 : 0;
  gboolean blank_before = FALSE;
  int n = 1;
  for (const char *s = bp_document_source_line (doc, 1); s;
       s = bp_document_source_line_next (doc, s), n++)
    {
      page += page && n > 1 && strchr (s, '\f');
      /* as a cleanup stage does: a blank line is a flag on the next line,
       * not a line (a file of bare newlines stays small) */
      if (blank_line (s))
        {
          blank_before = TRUE;
          continue;
        }
      BpLine *l = bp_document_add_line (doc, s, strlen (s), n, n);
      bp_document_set_page_from (doc, n, page);
      l->flags = blank_before ? BP_LINE_BLANK_BEFORE : 0;
      blank_before = FALSE;
    }
}

void
bp_document_make_pending_lines (BpDocument *doc)
{
  if (!doc->lines_pending)
    return;
  doc->lines_pending = FALSE;
  seed_lines_now (doc);
}

void
bp_document_seed_lines (BpDocument *doc)
{
  bp_document_clear_lines (doc);
  /* made when first read: a cleanup stage clears them unread, and the
   * load's peak stays the input's two copies, without them */
  doc->lines_pending = doc->source_lines != NULL;
}

/* BYTES as the document's bytes, and its text when they are UTF-8 (no
 * BOM) and end with a NUL one byte past them (BUF, g_malloc'ed, owned by
 * BYTES alone; NULL when not known): then the text is that buffer and
 * doc->bytes a view of it, one copy of the input fewer (issue 18). */
static gboolean
bytes_become_text (BpDocument *doc, GBytes *bytes, const char *buf, gsize len)
{
  if (!buf || buf[len] != '\0')
    return FALSE;
  gsize size;
  char *text = g_bytes_unref_to_data (bytes, &size);
  doc->bytes = g_bytes_new_with_free_func (text, size, NULL, NULL);
  bp_document_set_text (doc, text, "UTF-8");
  return TRUE;
}

/* The SHA-256 of DATA in lowercase hex, as g_compute_checksum_for_data
 * gives it; through Nettle when built with it, which uses the CPU's SHA
 * instructions where it has them (GLib's own code was 3 % of a run's CPU
 * time, issue 18; Nettle's 4-6 times less). */
static char *
sha256_hex (const void *data, gsize len)
{
#ifdef HAVE_NETTLE
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];
  sha256_init (&ctx);
  sha256_update (&ctx, len, data);
  sha256_digest (&ctx, sizeof digest, digest);
  char *hex = g_malloc (2 * sizeof digest + 1);
  for (gsize i = 0; i < sizeof digest; i++)
    {
      hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
      hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 0xF];
    }
  hex[2 * sizeof digest] = '\0';
  return hex;
#else
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
#endif
}

/* g_utf8_validate_len (S, LEN, NULL) (so FALSE when S has a NUL), with
 * ASCII, the characters of lead bytes E1-EC (ideographs, CJK punctuation:
 * no overlong form, surrogate nor noncharacter among them), the
 * full-width forms (EF BC, EF BD) and the two-byte ones (C2-DF) read
 * without decoding: most of a Chinese text, where GLib's check cost some
 * ten instructions a byte, and a call per punctuation mark. Anything else
 * goes to GLib a character or a few at a time. */
static gboolean
utf8_valid (const char *s, gsize len)
{
  const guchar *p = (const guchar *) s, *end = p + len;
  while (p < end)
    {
      if (*p != '\0' && *p < 0x80)
        p++;
      else if (end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80
               && ((guint) (*p - 0xE1) <= 0xEC - 0xE1
                   || (*p == 0xEF && (p[1] == 0xBC || p[1] == 0xBD))))
        p += 3;
      else if (end - p >= 2 && (guint) (*p - 0xC2) <= 0xDF - 0xC2 && (p[1] & 0xC0) == 0x80)
        p += 2;
      else
        {
          const char *stop;
          g_utf8_validate_len ((const char *) p, MIN ((gsize) (end - p), 4), &stop);
          if (stop == (const char *) p)
            return FALSE;
          p = (const guchar *) stop;
        }
    }
  return TRUE;
}

static void
document_take_bytes (BpDocument *doc, GBytes *bytes, const char *nul_ended)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  doc->bytes = bytes;
  doc->sha256 = sha256_hex (data, len);
  /* Valid UTF-8 is decoded here so every stage has text and lines even
   * without a cleanup stage; anything else waits for cleanup to decode. */
  const char *body = data;
  gsize body_len = len;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      body += 3;
      body_len -= 3;
    }
  if (body_len == 0)
    body = "";  /* g_bytes may hold NULL for an empty input */
  if (utf8_valid (body, body_len))   /* FALSE too when the body has a NUL */
    {
      if (body != nul_ended || !bytes_become_text (doc, bytes, nul_ended, len))
        bp_document_set_text (doc, g_strndup (body, body_len), "UTF-8");
      bp_document_seed_lines (doc);
    }
}

BpDocument *
bp_document_new_from_bytes (const char *name, const void *data, gsize len)
{
  BpDocument *doc = bp_document_new ();
  doc->path = g_strdup (name);
  doc->stem = stem_of (name);
  document_take_bytes (doc, g_bytes_new (data, len), NULL);
  return doc;
}

BpDocument *
bp_document_load (const char *path, GError **error)
{
  char *data = NULL;
  gsize len = 0;
  if (!read_regular_file (path, &data, &len, error))
    return NULL;
  BpDocument *doc = bp_document_new ();
  doc->path = g_strdup (path);
  doc->stem = stem_of (path);
  /* read_regular_file ends DATA with a NUL */
  document_take_bytes (doc, g_bytes_new_take (data, len), data);
  return doc;
}

/* ---- tables ---- */

BpTable *
bp_document_add_table (BpDocument *doc, const char *type, const char *title,
                       int line)
{
  BpTable *t = g_new0 (BpTable, 1);
  t->id = g_strdup_printf ("t%u", doc->tables->len + 1);
  t->type = g_strdup (type ? type : "other");
  t->title = g_strdup (title);
  t->line = line;
  t->end_line = line;
  t->header = g_ptr_array_new_with_free_func (bp_header_row_free);
  t->rows = g_ptr_array_new_with_free_func (bp_row_free);
  t->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_line_free);
  g_ptr_array_add (doc->tables, t);
  return t;
}

BpTable *
bp_document_find_table (const BpDocument *doc, const char *type)
{
  for (guint i = 0; i < doc->tables->len; i++)
    {
      BpTable *t = g_ptr_array_index (doc->tables, i);
      if (g_strcmp0 (t->type, type) == 0)
        return t;
    }
  return NULL;
}

BpTable *
bp_document_find_table_by_id (const BpDocument *doc, const char *id)
{
  /* Ids are "t1", "t2" … in document order: look where "tN" should be
   * first (validate asks per row and claim; a scan grows with the
   * document), and scan only when a stage has moved tables. */
  if (id && id[0] == 't' && g_ascii_isdigit (id[1]))
    {
      guint64 n = g_ascii_strtoull (id + 1, NULL, 10);
      if (n >= 1 && n <= doc->tables->len)
        {
          BpTable *t = g_ptr_array_index (doc->tables, n - 1);
          if (g_strcmp0 (t->id, id) == 0)
            return t;
        }
    }
  for (guint i = 0; i < doc->tables->len; i++)
    {
      BpTable *t = g_ptr_array_index (doc->tables, i);
      if (g_strcmp0 (t->id, id) == 0)
        return t;
    }
  return NULL;
}

BpTable *
bp_document_table_at_line (const BpDocument *doc, int line)
{
  for (guint i = 0; i < doc->tables->len; i++)
    {
      BpTable *t = g_ptr_array_index (doc->tables, i);
      if (line >= t->line && line <= MAX (t->end_line, t->line))
        return t;
    }
  return NULL;
}

BpRow *
bp_table_add_row (BpTable *t, int line)
{
  return bp_table_add_row_take (t, line, g_ptr_array_new_with_free_func (g_free));
}

BpRow *
bp_table_add_row_take (BpTable *t, int line, GPtrArray *cells)
{
  BpRow *r = g_new0 (BpRow, 1);
  r->line = line;
  g_ptr_array_set_free_func (cells, g_free);
  r->cells = cells;
  g_ptr_array_add (t->rows, r);
  if (line > t->end_line)
    t->end_line = line;
  return r;
}

void
bp_row_add_cell (BpRow *r, const char *text)
{
  g_ptr_array_add (r->cells, g_strdup (text ? text : ""));
}

const char *
bp_row_cell (const BpRow *r, guint col)
{
  return col < r->cells->len ? g_ptr_array_index (r->cells, col) : NULL;
}

void
bp_table_add_header_row (BpTable *t, GPtrArray *cells)
{
  g_ptr_array_set_free_func (cells, g_free);
  g_ptr_array_add (t->header, cells);
}

int
bp_table_find_column (const BpTable *t, const char *needle)
{
  g_autofree char *want = bp_text_strip_spaces (needle);
  for (guint h = 0; h < t->header->len; h++)
    {
      GPtrArray *row = g_ptr_array_index (t->header, h);
      for (guint c = 0; c < row->len; c++)
        {
          g_autofree char *cell = bp_text_strip_spaces (g_ptr_array_index (row, c));
          if (*want && strstr (cell, want))
            return (int) c;
        }
    }
  return -1;
}

BpAmountStatus
bp_table_cell_amount (const BpTable *t, const BpRow *r, guint col, bp_fen *out)
{
  const char *cell = bp_row_cell (r, col);
  if (!cell)
    return BP_AMOUNT_EMPTY;
  BpUnit unit = t->unit == BP_UNIT_UNKNOWN ? BP_UNIT_YUAN : t->unit;
  return bp_amount_parse (cell, unit, out);
}

static const char *
header_cell_spanning (GPtrArray *hrow, guint col, gboolean inherit)
{
  for (gint c = MIN ((gint) col, (gint) hrow->len - 1); c >= 0; c--)
    {
      const char *cell = g_ptr_array_index (hrow, c);
      if (*cell || !inherit)
        return cell;
    }
  return "";
}

char *
bp_table_column_label (const BpTable *t, guint col)
{
  gboolean reached = FALSE;
  for (guint h = 0; h < t->header->len; h++)
    reached |= col < ((GPtrArray *) g_ptr_array_index (t->header, h))->len;
  if (!reached)
    return NULL;
  GString *label = g_string_new (NULL);
  for (guint h = 0; h < t->header->len; h++)
    {
      GPtrArray *hrow = g_ptr_array_index (t->header, h);
      if (col >= hrow->len && h + 1 == t->header->len)
        continue;
      gboolean inherit = h + 1 < t->header->len; /* merged cells sit above */
      g_autofree char *part = bp_text_strip_spaces (header_cell_spanning (hrow, col, inherit));
      if (!*part)
        continue;
      if (label->len)
        g_string_append_c (label, '/');
      g_string_append (label, part);
    }
  if (!label->len)
    {
      g_string_free (label, TRUE);
      return NULL;
    }
  return g_string_free (label, FALSE);
}

gboolean
bp_table_column_is_code (const BpTable *t, guint col)
{
  g_autofree char *label = bp_table_column_label (t, col);
  if (!label)
    return FALSE;
  if (strstr (label, "编码") || strstr (label, "代码"))
    return TRUE;
  g_auto (GStrv) parts = g_strsplit (label, "/", -1);
  for (char **p = parts; *p; p++)
    if (!strcmp (*p, "类") || !strcmp (*p, "款") || !strcmp (*p, "项"))
      return TRUE;
  return FALSE;
}

const char *
bp_row_code (const BpRow *r)
{
  const char *first = bp_row_cell (r, 0);
  return first && bp_text_is_class_code (first) ? first : NULL;
}

/* A label: text that is neither empty, a figure nor a percentage. */
static gboolean
is_label_cell (const char *cell)
{
  bp_fen fen;
  bp_pct100 pct;
  return bp_amount_parse (cell, BP_UNIT_YUAN, &fen) == BP_AMOUNT_INVALID
    && !bp_percent_parse (cell, &pct);
}

int
bp_row_label_column (const BpRow *r)
{
  for (guint c = bp_row_code (r) ? 1 : 0; c < r->cells->len; c++)
    if (is_label_cell (g_ptr_array_index (r->cells, c)))
      return (int) c;
  return -1;
}

int
bp_row_label_for (const BpRow *r, guint col)
{
  gint first = bp_row_code (r) ? 1 : 0;
  for (gint c = MIN ((gint) col, (gint) r->cells->len) - 1; c >= first; c--)
    if (is_label_cell (g_ptr_array_index (r->cells, c)))
      return c;
  return -1;
}

int *
bp_row_labels (const BpRow *r)
{
  guint n = r->cells->len, first = bp_row_code (r) ? 1 : 0;
  int *labels = g_new (int, n + 1);
  int last = -1;
  for (guint c = 0; c <= n; c++)
    {
      labels[c] = last;
      if (c < n && c >= first && is_label_cell (g_ptr_array_index (r->cells, c)))
        last = (int) c;
    }
  return labels;
}

/* ---- fields, classification, claims, findings ---- */

BpField *
bp_document_set_field (BpDocument *doc, const char *key, BpFieldKind kind,
                       gint64 value, int line, const char *table_id)
{
  BpField *f = bp_document_get_field (doc, key);
  if (!f)
    {
      f = g_new0 (BpField, 1);
      f->key = g_strdup (key);
      g_ptr_array_add (doc->fields, f);
    }
  f->kind = kind;
  f->value = value;
  f->line = line;
  g_free (f->table);
  f->table = g_strdup (table_id);
  g_free (f->source);
  f->source = g_strdup (table_id ? "table" : "narrative");
  return f;
}

BpField *
bp_document_get_field (const BpDocument *doc, const char *key)
{
  for (guint i = 0; i < doc->fields->len; i++)
    {
      BpField *f = g_ptr_array_index (doc->fields, i);
      if (strcmp (f->key, key) == 0)
        return f;
    }
  return NULL;
}

const char *
bp_class_column_name (BpClassKind kind, int col)
{
  static const char *const function_cols[] = { "total", "basic", "project" };
  static const char *const economic_cols[] = { "total", "personnel", "public" };
  if (col < 0 || col >= BP_CLASS_NCOLS)
    return NULL;
  return kind == BP_CLASS_FUNCTION ? function_cols[col] : economic_cols[col];
}

BpClassRow *
bp_document_add_class_row (BpDocument *doc, BpClassKind kind, const char *code,
                           const char *name, int line, const char *table_id)
{
  BpClassRow *c = g_new0 (BpClassRow, 1);
  c->kind = kind;
  c->code = g_strdup (code);
  c->name = g_strdup (name);
  c->line = line;
  c->table = g_strdup (table_id);
  g_ptr_array_add (doc->classification, c);
  return c;
}

BpClaim *
bp_document_add_claim (BpDocument *doc, BpClaimKind kind, const char *subject,
                       int line)
{
  BpClaim *c = g_new0 (BpClaim, 1);
  c->kind = kind;
  c->subject = g_strdup (subject);
  c->line = line;
  g_ptr_array_add (doc->claims, c);
  return c;
}

const char *
bp_severity_name (BpSeverity s)
{
  switch (s)
    {
    case BP_SEVERITY_ERROR: return "error";
    case BP_SEVERITY_WARNING: return "warning";
    case BP_SEVERITY_INFO: default: return "info";
    }
}

gboolean
bp_severity_from_name (const char *name, BpSeverity *out)
{
  static const char *const names[] = { "info", "warning", "error" };
  for (int i = 0; i < 3; i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *out = (BpSeverity) i;
        return TRUE;
      }
  return FALSE;
}

BpFinding *
bp_document_add_finding (BpDocument *doc, const char *rule,
                         const char *category, BpSeverity sev, int line,
                         const char *table_id, const char *fmt, ...)
{
  BpFinding *f = g_new0 (BpFinding, 1);
  va_list ap;
  f->rule = g_strdup (rule);
  f->category = g_strdup (category);
  f->severity = sev;
  f->line = line;
  f->table = g_strdup (table_id);
  va_start (ap, fmt);
  f->message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (doc->findings, f);
  return f;
}

void
bp_finding_set_values (BpFinding *f, const char *expected, const char *actual)
{
  g_free (f->expected);
  g_free (f->actual);
  f->expected = g_strdup (expected);
  f->actual = g_strdup (actual);
}

guint
bp_document_count_findings (const BpDocument *doc, BpSeverity sev)
{
  guint n = 0;
  for (guint i = 0; i < doc->findings->len; i++)
    {
      BpFinding *f = g_ptr_array_index (doc->findings, i);
      if (f->severity >= sev)
        n++;
    }
  return n;
}

BpTocEntry *
bp_document_add_toc (BpDocument *doc, const char *text, const char *type,
                     int line)
{
  BpTocEntry *e = g_new0 (BpTocEntry, 1);
  e->text = g_strdup (text);
  e->type = g_strdup (type);
  e->line = line;
  g_ptr_array_add (doc->toc, e);
  return e;
}

void
bp_document_set_meta (BpDocument *doc, const char *key, const char *value)
{
  if (value)
    g_hash_table_replace (doc->meta, g_strdup (key), g_strdup (value));
  else
    g_hash_table_remove (doc->meta, key);
}

const char *
bp_document_get_meta (const BpDocument *doc, const char *key)
{
  return g_hash_table_lookup (doc->meta, key);
}
