/* Encoding detection and decoding: UTF-8 (BOM or not), UTF-16 with or
 * without BOM, GB18030 (a superset of GBK/GB2312). Invalid sequences become
 * U+FFFD, are counted and reported with their line; nothing is dropped. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "cleanup-private.h"

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */
#define MAX_LINE_FINDINGS 20         /* then one summary finding */

typedef struct {
  char *text;
  GArray *bad;      /* gsize: output offsets of replacement characters */
} Decoded;

static void
decoded_clear (Decoded *d)
{
  g_clear_pointer (&d->text, g_free);
  g_clear_pointer (&d->bad, g_array_unref);
}

static void
append_replacement (GString *out, GArray *bad)
{
  gsize at = out->len;
  g_array_append_val (bad, at);
  g_string_append (out, REPLACEMENT);
}

/* Appends converted bytes with every sequence GLib rejects replaced: a NUL
 * (U+0000 in the input) would cut the C string, and glibc's UTF-8 decoder
 * passes code points above U+10FFFF (GLib then fails on the text). Such a
 * sequence counts as one damaged character. Offsets stay in ascending order. */
static void
append_decoded (GString *out, GArray *bad, const char *buf, gsize len)
{
  const char *end;
  while (!g_utf8_validate_len (buf, len, &end))
    {
      g_string_append_len (out, buf, end - buf);
      append_replacement (out, bad);
      gsize skip = 1;
      len -= end - buf;
      if ((guchar) *end >= 0xC0)
        while (skip < len && ((guchar) end[skip] & 0xC0) == 0x80)
          skip++;
      len -= skip;
      buf = end + skip;
    }
  g_string_append_len (out, buf, len);
}

/* Converts with iconv; an invalid or truncated sequence is replaced and
 * skipped by UNIT bytes (2 for UTF-16) so decoding always moves on. */
static gboolean
decode_replacing (const char *data, gsize len, const char *charset, gsize unit,
                  Decoded *out)
{
  GIConv cd = g_iconv_open ("UTF-8", charset);
  if (cd == (GIConv) -1)
    return FALSE;
  GString *text = g_string_sized_new (len + len / 2 + 16);
  out->bad = g_array_new (FALSE, FALSE, sizeof (gsize));
  char buf[16384];
  char *in = (char *) data;
  gsize inleft = len;
  while (inleft > 0)
    {
      char *o = buf;
      gsize oleft = sizeof buf;
      gsize r = g_iconv (cd, &in, &inleft, &o, &oleft);
      int err = errno;   /* before anything else can touch it */
      append_decoded (text, out->bad, buf, o - buf);
      if (r != (gsize) -1 || err == E2BIG)
        continue;
      /* EILSEQ: skip one unit; EINVAL: a sequence cut off at the end */
      append_replacement (text, out->bad);
      gsize skip = err == EINVAL ? inleft : MIN (unit, inleft);
      in += skip;
      inleft -= skip;
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }
  g_iconv_close (cd);
  out->text = g_string_free (text, FALSE);
  return TRUE;
}

static gboolean
plausible_char (gunichar c)
{
  return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r'
      || c == '\f' || bp_text_is_cjk (c) || (c >= 0x3000 && c <= 0x303F)
      || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2000 && c <= 0x27BF);
}

/* Share (0..100) of plausible characters in a strict UTF-16 decode of the
 * first bytes: how we tell UTF-16 without BOM from binary. */
static int
utf16_score (const char *data, gsize len, const char *charset)
{
  gsize n = MIN (len, 8192) & ~(gsize) 1;
  g_autofree char *s = g_convert (data, n, "UTF-8", charset, NULL, NULL, NULL);
  if (s == NULL)
    return 0;
  glong total = 0, good = 0;
  for (const char *p = s; *p; p = g_utf8_next_char (p), total++)
    good += plausible_char (g_utf8_get_char (p));
  return total ? (int) (100 * good / total) : 0;
}

static gboolean
looks_binary_header (const char *data, gsize len)
{
  static const char *const magic[] = { "\x89PNG", "%PDF", "PK\x03\x04",
                                       "\xFF\xD8\xFF", "GIF8", "\177ELF" };
  for (guint i = 0; i < G_N_ELEMENTS (magic); i++)
    if (len >= strlen (magic[i]) && memcmp (data, magic[i], strlen (magic[i])) == 0)
      return TRUE;
  return FALSE;
}

/* Many NUL bytes (more than 16 and 1 %) and not UTF-16: binary. A stray
 * NUL in text is replaced and reported like any other damage. */
static gboolean
too_many_nuls (const char *data, gsize len)
{
  gsize nuls = 0;
  for (const char *p = data; (p = memchr (p, '\0', len - (p - data))) != NULL; p++)
    nuls++;
  return nuls > 16 && nuls * 100 > len;
}

/* UTF-16 by BOM or, without one, by NUL bytes that decode to text. */
static const char *
utf16_charset (const char *data, gsize len, gsize *skip)
{
  *skip = 0;
  if (len >= 2 && (guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
    return *skip = 2, "UTF-16LE";
  if (len >= 2 && (guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)
    return *skip = 2, "UTF-16BE";
  if (memchr (data, '\0', len) == NULL)
    return NULL;
  int le = utf16_score (data, len, "UTF-16LE");
  int be = utf16_score (data, len, "UTF-16BE");
  if (MAX (le, be) < 90)
    return NULL;
  return le >= be ? "UTF-16LE" : "UTF-16BE";
}

/* Picks the charset with fewer invalid sequences: UTF-8 or GB18030. */
static const char *
decode_8bit (const char *data, gsize len, Decoded *out)
{
  Decoded gb = { 0 }, u8 = { 0 };
  gboolean have_gb = decode_replacing (data, len, "GB18030", 1, &gb);
  if (have_gb && gb.bad->len == 0)
    return *out = gb, "GB18030";
  decode_replacing (data, len, "UTF-8", 1, &u8);
  if (!have_gb || u8.bad->len <= gb.bad->len)
    {
      decoded_clear (&gb);
      return *out = u8, "UTF-8";
    }
  decoded_clear (&u8);
  return *out = gb, "GB18030";
}

/* One finding per damaged line (1-based, counted like
 * bp_document_set_text), at most MAX_LINE_FINDINGS, then one for the rest;
 * the total goes to meta "cleanup.invalid-sequences". */
static void
report_bad (BpDocument *doc, const Decoded *d, const char *charset)
{
  if (d->bad->len == 0)
    return;
  int line = 1, last_line = 0;
  guint lines = 0;
  gsize pos = 0;
  for (guint i = 0; i < d->bad->len; i++)
    {
      gsize at = g_array_index (d->bad, gsize, i);
      for (; pos < at; pos++)
        if (d->text[pos] == '\n' || (d->text[pos] == '\r' && d->text[pos + 1] != '\n'))
          line++;
      if (line == last_line)
        continue;
      if (++lines <= MAX_LINE_FINDINGS)
        bp_document_add_finding (doc, "text.encoding", "text", BP_SEVERITY_WARNING,
                                 line, NULL, "第%d行含有无法按%s解码的字节，已替换为�",
                                 line, charset);
      else if (lines == MAX_LINE_FINDINGS + 1)
        bp_document_add_finding (doc, "text.encoding", "text", BP_SEVERITY_WARNING,
                                 line, NULL, "自第%d行起还有更多无法按%s解码的字节（共%u处），已替换为�",
                                 line, charset, d->bad->len);
      last_line = line;
    }
  g_autofree char *total = g_strdup_printf ("%u", d->bad->len);
  bp_document_set_meta (doc, "cleanup.invalid-sequences", total);
}

/* More than 16 replacements and more than 5 % of the characters: whatever
 * this is, it is not text in the encoding that fitted best. */
static gboolean
mostly_damage (const Decoded *d)
{
  return d->bad->len > 16 && d->bad->len * 20 > (guint) g_utf8_strlen (d->text, -1);
}

gboolean
cleanup_decode (BpDocument *doc, GError **error)
{
  if (doc->text != NULL)
    return TRUE;
  gsize len = 0;
  const char *data = doc->bytes ? g_bytes_get_data (doc->bytes, &len) : NULL;
  if (data == NULL || len == 0)
    {
      bp_document_set_text (doc, g_strdup (""), "UTF-8");
      return TRUE;
    }
  gsize skip = 0;
  const char *charset = utf16_charset (data, len, &skip);
  Decoded d = { 0 };
  if (charset != NULL)
    decode_replacing (data + skip, len - skip, charset, 2, &d);
  else if (looks_binary_header (data, len) || too_many_nuls (data, len))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INPUT,
                   "%s: binary data, not a text document", doc->path);
      return FALSE;
    }
  else if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    decode_replacing (data + 3, len - 3, charset = "UTF-8", 1, &d);
  else
    charset = decode_8bit (data, len, &d);

  if (mostly_damage (&d))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INPUT,
                   "%s: %u invalid byte sequences in %s: binary data, not a text document",
                   doc->path, d.bad->len, charset);
      decoded_clear (&d);
      return FALSE;
    }
  report_bad (doc, &d, charset);
  bp_document_set_text (doc, g_steal_pointer (&d.text), charset);
  decoded_clear (&d);
  return TRUE;
}
