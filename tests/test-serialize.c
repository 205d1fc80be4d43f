/* Document ⇄ JSON: SCHEMA.md names and types, UTF-8 output, lossless round
 * trip of full dumps, clear errors for bad input. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include "harness.h"

static BpDocument *
rich_document (void)
{
  BpDocument *d = bp_harness_load_corpus ("000_fe5e375999e3baca.txt");
  d->pipeline_name = g_strdup ("qingshan-budget");
  g_ptr_array_add (d->stages, g_strdup ("cleanup"));
  d->kind = g_strdup ("budget");
  d->year = 2024;
  d->city = g_strdup ("武汉市");
  d->district = g_strdup ("青山区");
  d->department = g_strdup ("青山区人民政府办公室（区人民政府研究室、区金融领导小组办公室）");
  d->unit = BP_UNIT_YUAN;
  d->profile = g_strdup ("qingshan");
  BpLine *l = bp_document_line (d, 2);
  l->flags = BP_LINE_HEADING | BP_LINE_PAGE_START;
  bp_document_set_page_from (d, l->line, 2);
  BpTable *t = bp_document_add_table (d, "expense_summary", "表3. 支出总表", 142);
  t->number = g_strdup ("表3");
  t->unit = BP_UNIT_YUAN;
  t->note = g_strdup ("说明：本部门没有…");
  g_ptr_array_add (t->notes, bp_line_new ("注：本表反映…", 167, 168));
  GPtrArray *h = g_ptr_array_new ();
  g_ptr_array_add (h, g_strdup ("科目编码"));
  g_ptr_array_add (h, g_strdup ("合计"));
  bp_table_add_header_row (t, h);
  BpRow *r = bp_table_add_row (t, 150);
  bp_row_add_cell (r, "201");
  bp_row_add_cell (r, "");
  bp_document_set_field (d, "expense.total", BP_FIELD_MONEY, 1538619687, 136, "t1");
  bp_document_set_field (d, "staffing.authorized", BP_FIELD_COUNT, 42, 97, NULL);
  bp_document_set_field (d, "income.total", BP_FIELD_MONEY, -50, 12, NULL);
  /* the extremes the JSON writer's own integer formatting must print */
  bp_document_set_field (d, "staffing.actual", BP_FIELD_COUNT, G_MININT64, 13, NULL);
  bp_document_set_field (d, "staffing.retired", BP_FIELD_COUNT, G_MAXINT64, 14, NULL);
  bp_document_set_field (d, "vehicles.count", BP_FIELD_COUNT, 0, 15, NULL);
  BpClassRow *c = bp_document_add_class_row (d, BP_CLASS_FUNCTION, "201",
                                             "一般公共服务支出", 150, "t1");
  c->amount[0] = 1191689132, c->has[0] = TRUE;
  c->amount[2] = 130050000, c->has[2] = TRUE;
  BpClaim *cl = bp_document_add_claim (d, BP_CLAIM_CHANGE, "一般公共预算支出", 640);
  cl->amount = 11177000, cl->has_amount = TRUE, cl->percent = 783;
  cl->has_percent = TRUE, cl->direction = 1, cl->unit = BP_UNIT_WANYUAN;
  cl->base = g_strdup ("2023年"), cl->base_year = 2023, cl->text = g_strdup ("增长7.83%");
  BpFinding *f = bp_document_add_finding (d, "sum.children", "arithmetic",
                                          BP_SEVERITY_ERROR, 150, "t1", "和 %s", "不符");
  bp_finding_set_values (f, "11916891.32", "11916892.32");
  bp_document_add_toc (d, "二、收入总表", "income_summary", 16);
  bp_document_set_meta (d, "b.key", "值");
  bp_document_set_meta (d, "a.key", "x");
  return d;
}

static void
test_round_trip (void)
{
  g_autoptr (BpDocument) d = rich_document ();
  gsize len;
  g_autofree char *first = bp_document_to_json (d, TRUE, &len);
  g_assert_cmpuint (len, ==, strlen (first));
  GError *e = NULL;
  g_autoptr (BpDocument) back = bp_document_from_json (first, len, &e);
  g_assert_no_error (e);
  g_autofree char *second = bp_document_to_json (back, TRUE, NULL);
  g_assert_cmpstr (first, ==, second);
  /* Field by field, for what the text comparison cannot show. */
  g_assert_cmpuint (g_bytes_get_size (back->bytes), ==, 49692);
  g_assert_cmpstr (back->sha256, ==, d->sha256);
  g_assert_cmpuint (bp_document_n_source_lines (back), ==, bp_document_n_source_lines (d));
  g_assert_cmpuint (bp_document_n_lines (back), ==, bp_document_n_lines (d));
  BpLine *l = bp_document_line (back, 2);
  g_assert_cmpuint (l->flags, ==, BP_LINE_HEADING | BP_LINE_PAGE_START);
  BpField *f = bp_document_get_field (back, "income.total");
  g_assert_cmpint (f->value, ==, -50);
  g_assert_cmpint (bp_document_get_field (back, "staffing.actual")->value, ==, G_MININT64);
  g_assert_cmpint (bp_document_get_field (back, "staffing.retired")->value, ==, G_MAXINT64);
  g_assert_cmpint (bp_document_get_field (back, "vehicles.count")->value, ==, 0);
  g_assert_nonnull (strstr (first, "-9223372036854775808"));
  g_assert_nonnull (strstr (first, "9223372036854775807"));
  g_assert_cmpint (bp_document_get_field (back, "staffing.authorized")->kind, ==, BP_FIELD_COUNT);
  BpClassRow *c = g_ptr_array_index (back->classification, 0);
  g_assert_false (c->has[1]);
  g_assert_cmpint (c->amount[2], ==, 130050000);
  BpClaim *cl = g_ptr_array_index (back->claims, 0);
  g_assert_cmpint (cl->percent, ==, 783);
  g_assert_cmpint (cl->unit, ==, BP_UNIT_WANYUAN);
  g_assert_cmpstr (bp_document_get_meta (back, "b.key"), ==, "值");
}

static JsonObject *
parse_object (const char *json, JsonParser *p)
{
  g_assert_true (json_parser_load_from_data (p, json, -1, NULL));
  return json_node_get_object (json_parser_get_root (p));
}

static void
test_schema_names (void)
{
  g_autoptr (BpDocument) d = rich_document ();
  g_autofree char *json = bp_document_to_json (d, FALSE, NULL);
  g_assert_nonnull (strstr (json, "一般公共服务支出"));    /* not \u escaped */
  g_assert_null (strstr (json, "\"lines\""));             /* internal state */
  g_autoptr (JsonParser) p = json_parser_new ();
  JsonObject *o = parse_object (json, p);
  g_assert_cmpstr (json_object_get_string_member (o, "schema"), ==, "budgetpipe.document/1");
  JsonObject *doc = json_object_get_object_member (o, "doc");
  g_assert_cmpint (json_object_get_int_member (doc, "year"), ==, 2024);
  g_assert_cmpstr (json_object_get_string_member (doc, "unit"), ==, "元");
  JsonObject *fields = json_object_get_object_member (o, "fields");
  JsonObject *total = json_object_get_object_member (fields, "expense.total");
  g_assert_cmpstr (json_object_get_string_member (total, "value"), ==, "15386196.87");
  g_assert_cmpstr (json_object_get_string_member (total, "source"), ==, "table");
  JsonObject *staff = json_object_get_object_member (fields, "staffing.authorized");
  g_assert_cmpint (json_object_get_int_member (staff, "value"), ==, 42);
  JsonObject *cls = json_object_get_object_member (o, "classification");
  JsonObject *row = json_array_get_object_element (json_object_get_array_member (cls, "function"), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "total"), ==, "11916891.32");
  g_assert_false (json_object_has_member (row, "basic"));  /* empty: omitted */
  JsonObject *t = json_array_get_object_element (json_object_get_array_member (o, "tables"), 0);
  g_assert_cmpstr (json_object_get_string_member (t, "number"), ==, "表3");
  g_assert_false (json_object_get_boolean_member (t, "empty"));
  JsonObject *f = json_array_get_object_element (json_object_get_array_member (o, "findings"), 0);
  g_assert_cmpstr (json_object_get_string_member (f, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (f, "expected"), ==, "11916891.32");
}

/* JSON as json-glib's pretty generator (indent 1) prints it, newline added:
 * the layout the outputs have always had. */
static char *
json_glib_layout (const char *json)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  g_assert_true (json_parser_load_from_data (p, json, -1, NULL));
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 1);
  json_generator_set_root (gen, json_parser_get_root (p));
  g_autofree char *out = json_generator_to_data (gen, NULL);
  return g_strconcat (out, "\n", NULL);
}

/* The writer prints byte for byte what json-glib's generator did (issue
 * 18 replaced it): the same escapes (\u001e escaped, 0x1f not, 0x7f
 * escaped), "{ }" for an empty object and "[]" for an empty array, a key
 * added twice written once. */
static void
test_writer_layout (void)
{
  g_autoptr (BpDocument) d = rich_document ();
  bp_document_add_finding (d, "x.y", "metadata", BP_SEVERITY_INFO, 3, NULL, "%s",
                           "tab\there \"q\" back\\slash \x01\x1e\x1f\x7f\b\f\r\nend");
  bp_document_add_table (d, "other", "空表", 9);   /* no header, no rows */
  for (int full = 0; full <= 1; full++)
    {
      g_autofree char *json = bp_document_to_json (d, full, NULL);
      g_autofree char *glib = json_glib_layout (json);
      g_assert_cmpstr (json, ==, glib);
      g_assert_nonnull (strstr (json, "\\u0001\\u001e\x1f\\u007f\\b\\f\\r\\nend"));
      g_assert_nonnull (strstr (json, "\"header\" : [],"));
    }
  g_autoptr (BpDocument) bare = bp_document_new ();
  g_autofree char *json = bp_document_to_json (bare, FALSE, NULL);
  g_autofree char *glib = json_glib_layout (json);
  g_assert_cmpstr (json, ==, glib);
  g_assert_nonnull (strstr (json, "\"fields\" : { },"));
  /* A field key pushed twice (not through bp_document_set_field). */
  BpField *twice = g_new0 (BpField, 1);
  twice->key = g_strdup ("income.total"), twice->kind = BP_FIELD_COUNT, twice->value = 7;
  g_ptr_array_add (d->fields, twice);
  g_autofree char *dup = bp_document_to_json (d, FALSE, NULL);
  const char *at = strstr (dup, "\"income.total\"");
  g_assert_nonnull (at);
  /* once only (split, not strstr past AT: gcc -O1 -Werror takes that for
   * a read of an empty region) */
  g_auto (GStrv) parts = g_strsplit (dup, "\"income.total\"", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_true (g_str_has_prefix (strstr (at, "\"value\""), "\"value\" : 7,"));
  g_assert_true (strstr (dup, "\"staffing.authorized\"") < at);
}

/* bp_document_write_json streams the JSON to its file in pieces (issue
 * 18: a large document's JSON is not held whole): the file holds exactly
 * what bp_document_to_json returns, across many flushes; a path that
 * cannot be written is an output error and leaves nothing behind. */
static void
test_write_streamed (void)
{
  g_autoptr (BpDocument) d = rich_document ();
  BpTable *t = bp_document_add_table (d, "expense_summary", "大表", 300);
  for (int i = 0; i < 20000; i++)
    {
      BpRow *r = bp_table_add_row (t, 301 + i);
      bp_row_add_cell (r, "2010101");
      bp_row_add_cell (r, "行政运行");
    }
  g_autofree char *dir = g_dir_make_tmp ("bp-serialize-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_autofree char *path = g_build_filename (dir, "sub", "d.json", NULL);
  for (int full = 0; full <= 1; full++)
    {
      gsize len = 0, written = 0;
      g_autofree char *json = bp_document_to_json (d, full, &len);
      g_assert_cmpuint (len, >, 8 * 64 * 1024);
      GError *e = NULL;
      g_assert_true (bp_document_write_json (d, full, path, &written, &e));
      g_assert_no_error (e);
      g_autofree char *back = NULL;
      gsize back_len = 0;
      g_assert_true (g_file_get_contents (path, &back, &back_len, NULL));
      g_assert_cmpuint (written, ==, len);
      g_assert_cmpuint (back_len, ==, len);
      g_assert_true (memcmp (back, json, len) == 0);
    }
  /* a directory where the file should go: the open fails */
  g_autofree char *blocked = g_build_filename (dir, "sub", NULL);
  GError *e = NULL;
  g_assert_false (bp_document_write_json (d, FALSE, blocked, NULL, &e));
  g_assert_error (e, BP_ERROR, BP_ERROR_OUTPUT);
  g_error_free (e);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (blocked), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0); /* no temporary file left */
}

static void
expect_error (const char *json, const char *needle)
{
  GError *e = NULL;
  BpDocument *d = bp_document_from_json (json, -1, &e);
  g_assert_null (d);
  g_assert_error (e, BP_ERROR, BP_ERROR_INPUT);
  if (!strstr (e->message, needle))
    g_error ("'%s' lacks '%s'", e->message, needle);
  g_error_free (e);
}

static void
test_bad_json (void)
{
  expect_error ("not json", "document JSON");
  expect_error ("[1,2]", "not an object");
  expect_error ("{\"source\": {}}", "schema: not");
  expect_error ("{\"schema\": \"other/2\", \"source\": {}}", "schema: not");
  expect_error ("{\"schema\": \"budgetpipe.document/1\", \"source\": {}, \"tables\": {}}",
                "tables: not an array");
  expect_error ("{\"schema\": \"budgetpipe.document/1\", \"source\": {}, "
                "\"fields\": {\"expense.total\": {\"value\": \"12x\", \"line\": 1}}}",
                "fields.expense.total.value: not a money string");
  expect_error ("{\"schema\": \"budgetpipe.document/1\", \"source\": {\"path\": 5}}",
                "source.path: not a string");
  /* a line spans at most BP_LINE_MAX_SPAN source lines past its first */
  expect_error ("{\"schema\": \"budgetpipe.document/1\", \"source\": {}, \"lines\": "
                "[{\"text\": \"a\", \"line\": 1, \"end_line\": 16777217}]}",
                "lines: a line's end_line is more than BP_LINE_MAX_SPAN");
  GError *e = NULL;
  g_autoptr (BpDocument) longest = bp_document_from_json (
    "{\"schema\": \"budgetpipe.document/1\", \"source\": {}, \"lines\": "
    "[{\"text\": \"a\", \"line\": 1, \"end_line\": 16777216, \"page\": 3}]}", -1, &e);
  g_assert_no_error (e);
  g_assert_cmpint (bp_line_end_line (bp_document_line (longest, 0)), ==, 16777216);
  g_assert_cmpint (bp_document_line_page (longest, bp_document_line (longest, 0)), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serialize/round-trip", test_round_trip);
  g_test_add_func ("/serialize/schema-names", test_schema_names);
  g_test_add_func ("/serialize/bad-json", test_bad_json);
  g_test_add_func ("/serialize/writer-layout", test_writer_layout);
  g_test_add_func ("/serialize/write-streamed", test_write_streamed);
  return g_test_run ();
}
