/* csv sink: the three files parse back (RFC 4180) into the document's facts. */
#include "config.h"

#include <string.h>
#include "tests/harness.h"
#include "tests/sinkdocs.h"

#define QINGSHAN "000_fe5e375999e3baca"

/* An RFC 4180 reader: records of fields; quoted fields may hold commas,
 * doubled quotes and line breaks. Fails the test on malformed input. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *record = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  const char *p = text;
  while (*p)
    {
      if (*p == '"')
        {
          for (p++; !(p[0] == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p);    /* unterminated quote */
              if (p[0] == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
          g_assert_true (*p == ',' || *p == '\r');
        }
      else
        while (*p && *p != ',' && *p != '\r')
          {
            g_assert_true (*p != '"' && *p != '\n');
            g_string_append_c (field, *p++);
          }
      g_ptr_array_add (record, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (record, NULL);
          g_ptr_array_add (records, g_ptr_array_free (record, FALSE));
          record = g_ptr_array_new ();
        }
    }
  g_assert_cmpuint (record->len, ==, 0);
  g_ptr_array_free (record, TRUE);
  g_string_free (field, TRUE);
  return records;
}

static GPtrArray *
read_csv (const char *dir, const char *name, gboolean bom)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  GError *e = NULL;
  g_file_get_contents (path, &text, NULL, &e);
  g_assert_no_error (e);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpint (g_str_has_prefix (text, "\xEF\xBB\xBF"), ==, bom);
  return parse_csv (bom ? text + 3 : text);
}

/* The column's index in the header record. */
static guint
col (GPtrArray *records, const char *name)
{
  char **header = g_ptr_array_index (records, 0);
  for (guint i = 0; header[i]; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_assert_not_reached ();
}

static char **
record (GPtrArray *records, guint i)
{
  return g_ptr_array_index (records, i);
}

static void
run_csv (BpDocument *doc, const char *dir, const char *bom)
{
  const char *opts[] = { "bom", bom, NULL };
  GError *e = NULL;
  g_assert_true (bp_harness_run_stage ("csv", opts, doc, dir, &e));
  g_assert_no_error (e);
}

static void
test_fields (void)
{
  g_autoptr (BpDocument) doc = sinkdoc_from_gold (QINGSHAN);
  g_autofree char *dir = sinkdoc_tmpdir ();
  run_csv (doc, dir, "false");
  g_autoptr (GPtrArray) rec = read_csv (dir, "fields.csv", FALSE);
  g_assert_cmpuint (rec->len - 1, ==, doc->fields->len);
  g_assert_cmpuint (doc->fields->len, ==, 21);
  for (guint i = 1; i < rec->len; i++)
    {
      char **r = record (rec, i);
      BpField *f = bp_document_get_field (doc, r[col (rec, "key")]);
      g_assert_nonnull (f);
      g_assert_cmpstr (r[col (rec, "document")], ==, QINGSHAN);
      g_assert_cmpint (atoi (r[col (rec, "line")]), ==, f->line);
      bp_fen v;
      g_assert_cmpint (bp_amount_parse (r[col (rec, "value")], BP_UNIT_YUAN, &v), ==, BP_AMOUNT_OK);
      g_assert_cmpint (v, ==, f->kind == BP_FIELD_MONEY ? f->value : f->value * 100);
    }
  /* Money is plain yuan, counts are integers. */
  g_assert_cmpstr (record (rec, 1)[col (rec, "key")], ==, "income.total");
  g_assert_cmpstr (record (rec, 1)[col (rec, "value")], ==, "15386196.87");
  g_assert_cmpstr (record (rec, 1)[col (rec, "unit")], ==, "元");
  BpField *staff = bp_document_get_field (doc, "staffing.authorized");
  for (guint i = 1; i < rec->len; i++)
    if (g_str_equal (record (rec, i)[col (rec, "key")], "staffing.authorized"))
      g_assert_cmpint (g_ascii_strtoll (record (rec, i)[col (rec, "value")], NULL, 10), ==, staff->value);
  bp_harness_rmtree (dir);
}

static char **
find_row_value (GPtrArray *rec, const char *line, const char *column)
{
  for (guint i = 1; i < rec->len; i++)
    {
      char **r = record (rec, i);
      if (g_str_equal (r[col (rec, "row_line")], line)
          && g_str_equal (r[col (rec, "column")], column))
        return r;
    }
  return NULL;
}

static void
test_rows (void)
{
  g_autoptr (BpDocument) doc = sinkdoc_from_gold (QINGSHAN);
  g_autofree char *dir = sinkdoc_tmpdir ();
  run_csv (doc, dir, "false");
  g_autoptr (GPtrArray) rec = read_csv (dir, "rows.csv", FALSE);
  guint figures = 0;
  for (guint i = 1; i < rec->len; i++)
    {
      bp_fen fen;
      figures += bp_amount_parse (record (rec, i)[col (rec, "value")], BP_UNIT_YUAN, &fen) == BP_AMOUNT_OK;
    }
  g_assert_cmpuint (figures, ==, sinkdoc_count_figures (doc));
  /* A text cell has its text and no value: value is always a number. */
  for (guint i = 1; i < rec->len; i++)
    {
      char **t = record (rec, i);
      bp_fen fen;
      if (*t[col (rec, "value")])
        g_assert_cmpint (bp_amount_parse (t[col (rec, "value")], BP_UNIT_YUAN, &fen), ==, BP_AMOUNT_OK);
      else
        g_assert_cmpstr (t[col (rec, "text")], !=, "");
    }
  g_assert_cmpuint (figures, >, 300);

  /* 支出总表, 201 一般公共服务支出 (line 150). */
  char **r = find_row_value (rec, "150", "合计");
  g_assert_nonnull (r);
  g_assert_cmpstr (r[col (rec, "code")], ==, "201");
  g_assert_cmpstr (r[col (rec, "name")], ==, "一般公共服务支出");
  g_assert_cmpstr (r[col (rec, "value")], ==, "11916891.32");
  g_assert_cmpstr (r[col (rec, "table_type")], ==, "expense_summary");
  /* Every record names its document; a figure says its unit. */
  g_assert_cmpstr (r[col (rec, "department")], ==, doc->department);
  g_assert_cmpstr (r[col (rec, "year")], ==, "2024");
  g_assert_cmpstr (r[col (rec, "kind")], ==, "budget");
  g_assert_cmpstr (r[col (rec, "district")], ==, "青山区");
  g_assert_cmpstr (r[col (rec, "unit")], ==, "元");
  g_assert_cmpstr (r[col (rec, "text")], ==, "");
  /* 基本支出表 prints thousands separators and has a two-row header. */
  r = find_row_value (rec, "241", "本年一般公共预算基本支出/人员经费");
  g_assert_nonnull (r);
  g_assert_cmpstr (r[col (rec, "code")], ==, "301");
  g_assert_cmpstr (r[col (rec, "value")], ==, "11458939.55");
  /* 收支总表: a two-sided row names each side's figure by its own label. */
  r = find_row_value (rec, "111", "支出/预算数");
  g_assert_nonnull (r);
  g_assert_cmpstr (r[col (rec, "name")], ==, "一、一般公共服务支出");
  g_assert_cmpstr (r[col (rec, "value")], ==, "11916891.32");
  r = find_row_value (rec, "111", "收入/预算数");
  g_assert_cmpstr (r[col (rec, "name")], ==, "一、一般公共预算拨款收入");
  g_assert_null (find_row_value (rec, "111", "支出/项目"));
  bp_harness_rmtree (dir);
}

static void
test_findings_quoting_bom (void)
{
  g_autoptr (BpDocument) doc = sinkdoc_from_gold (QINGSHAN);
  BpFinding *f = bp_document_add_finding (doc, "test.quote", "text",
                                          BP_SEVERITY_WARNING, 672, NULL,
                                          "say \"41 万元\", then\nnew line");
  bp_finding_set_values (f, "410000.00", "-230000.00");
  g_autofree char *dir = sinkdoc_tmpdir ();
  run_csv (doc, dir, "true");
  g_autoptr (GPtrArray) rec = read_csv (dir, "findings.csv", TRUE);
  g_assert_cmpuint (rec->len - 1, ==, doc->findings->len);
  for (guint i = 1; i < rec->len; i++)
    {
      BpFinding *want = g_ptr_array_index (doc->findings, i - 1);
      char **r = record (rec, i);
      g_assert_cmpstr (r[col (rec, "rule")], ==, want->rule);
      g_assert_cmpstr (r[col (rec, "category")], ==, want->category);
      g_assert_cmpstr (r[col (rec, "severity")], ==, bp_severity_name (want->severity));
      g_assert_cmpint (atoi (r[col (rec, "line")]), ==, want->line);
      g_assert_cmpstr (r[col (rec, "message")], ==, want->message);
    }
  char **last = record (rec, rec->len - 1);
  g_assert_cmpstr (last[col (rec, "message")], ==, "say \"41 万元\", then\nnew line");
  g_assert_cmpstr (last[col (rec, "actual")], ==, "-230000.00");
  g_autoptr (GPtrArray) fields = read_csv (dir, "fields.csv", TRUE);
  g_assert_cmpuint (fields->len - 1, ==, doc->fields->len);
  bp_harness_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/fields", test_fields);
  g_test_add_func ("/csv/rows", test_rows);
  g_test_add_func ("/csv/findings-quoting-bom", test_findings_quoting_bom);
  return g_test_run ();
}
