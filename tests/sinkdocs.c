/* Test documents for the sink plugins: see sinkdocs.h. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include "harness.h"
#include "sinkdocs.h"

static JsonObject *
load_gold (const char *stem, JsonParser *parser)
{
  g_autofree char *rel = g_strdup_printf ("tests/gold/%s.json", stem);
  g_autofree char *path = bp_harness_srcpath (rel);
  GError *e = NULL;
  json_parser_load_from_file (parser, path, &e);
  g_assert_no_error (e);
  return json_node_get_object (json_parser_get_root (parser));
}

static const char *
member_string (JsonObject *o, const char *name)
{
  return json_object_has_member (o, name)
    ? json_object_get_string_member (o, name) : NULL;
}

static void
set_metadata (BpDocument *doc, JsonObject *meta)
{
  doc->kind = g_strdup (member_string (meta, "kind"));
  doc->year = (int) json_object_get_int_member (meta, "year");
  doc->city = g_strdup (member_string (meta, "city"));
  doc->district = g_strdup (member_string (meta, "district"));
  doc->department = g_strdup (member_string (meta, "department"));
  doc->unit = bp_unit_from_text (member_string (meta, "unit"));
  doc->profile = g_strdup ("national");
  doc->pipeline_name = g_strdup ("sink-test");
}

static bp_fen
parse_yuan (const char *text)
{
  bp_fen fen = 0;
  g_assert_cmpint (bp_amount_parse (text, BP_UNIT_YUAN, &fen), ==, BP_AMOUNT_OK);
  return fen;
}

static void
set_fields (BpDocument *doc, JsonObject *fields)
{
  g_autoptr (GList) keys = json_object_get_members (fields);
  for (GList *k = keys; k; k = k->next)
    {
      JsonObject *f = json_object_get_object_member (fields, k->data);
      JsonNode *v = json_object_get_member (f, "value");
      gboolean money = json_node_get_value_type (v) == G_TYPE_STRING;
      BpField *field = bp_document_set_field (
        doc, k->data, money ? BP_FIELD_MONEY : BP_FIELD_COUNT,
        money ? parse_yuan (json_node_get_string (v)) : json_node_get_int (v),
        (int) json_object_get_int_member (f, "line"), NULL);
      g_free (field->source);
      field->source = g_strdup (member_string (f, "source"));
    }
}

static void
add_class_rows (BpDocument *doc, JsonArray *rows, BpClassKind kind)
{
  for (guint i = 0; rows && i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      BpClassRow *c = bp_document_add_class_row (
        doc, kind, member_string (r, "code"), member_string (r, "name"),
        (int) json_object_get_int_member (r, "line"), NULL);
      for (int col = 0; col < BP_CLASS_NCOLS; col++)
        {
          const char *v = member_string (r, bp_class_column_name (kind, col));
          if (v)
            c->amount[col] = parse_yuan (v), c->has[col] = TRUE;
        }
    }
}

static void
add_findings (BpDocument *doc, JsonArray *findings)
{
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      BpSeverity sev;
      g_assert_true (bp_severity_from_name (member_string (f, "severity"), &sev));
      const char *category = member_string (f, "category");
      g_autofree char *rule = g_strconcat ("gold.", category, NULL);
      JsonArray *lines = json_object_get_array_member (f, "lines");
      bp_document_add_finding (doc, rule, category, sev,
                               (int) json_array_get_int_element (lines, 0),
                               NULL, "%s", member_string (f, "summary"));
    }
}

/* A table row: a tab-separated source line with at least one figure. */
static gboolean
is_figure_row (char **cells)
{
  for (char **c = cells; *c; c++)
    if (**c && bp_amount_looks_like (*c))
      return TRUE;
  return FALSE;
}

/* Takes CELLS. */
static void
add_header (BpTable *t, char **cells)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  for (char **c = cells; *c; c++)
    g_ptr_array_add (row, *c);
  g_free (cells);
  bp_table_add_header_row (t, row);
}

static void
fill_table (BpDocument *doc, BpTable *t)
{
  for (int n = t->line + 1; n <= t->end_line; n++)
    {
      const char *text = bp_document_source_line (doc, n);
      if (!text || !strchr (text, '\t'))
        continue;
      char **cells = g_strsplit (text, "\t", -1);
      if (is_figure_row (cells))
        {
          BpRow *r = bp_table_add_row (t, n);
          for (char **c = cells; *c; c++)
            bp_row_add_cell (r, *c);
          g_strfreev (cells);
        }
      else if (t->rows->len == 0)
        add_header (t, cells);
      else
        g_strfreev (cells);
    }
}

static void
add_tables (BpDocument *doc, JsonArray *tables)
{
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *o = json_array_get_object_element (tables, i);
      int line = (int) json_object_get_int_member (o, "line");
      BpTable *t = bp_document_add_table (doc, member_string (o, "type"),
                                          bp_document_source_line (doc, line), line);
      t->number = g_strdup (member_string (o, "number"));
      t->end_line = (int) json_object_get_int_member (o, "end_line");
      t->unit = doc->unit;
      t->empty = json_object_get_boolean_member (o, "empty");
      fill_table (doc, t);
    }
}

BpDocument *
sinkdoc_from_gold (const char *stem)
{
  g_autofree char *file = g_strconcat (stem, ".txt", NULL);
  BpDocument *doc = bp_harness_load_corpus (file);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *gold = load_gold (stem, parser);
  set_metadata (doc, json_object_get_object_member (gold, "doc"));
  set_fields (doc, json_object_get_object_member (gold, "fields"));
  add_tables (doc, json_object_get_array_member (gold, "tables"));
  add_class_rows (doc, json_object_get_array_member (gold, "function"), BP_CLASS_FUNCTION);
  add_class_rows (doc, json_object_get_array_member (gold, "economic"), BP_CLASS_ECONOMIC);
  add_findings (doc, json_object_get_array_member (gold, "findings"));
  return doc;
}

guint
sinkdoc_count_figures (const BpDocument *doc)
{
  guint n = 0;
  for (guint i = 0; i < doc->tables->len; i++)
    {
      const BpTable *t = g_ptr_array_index (doc->tables, i);
      for (guint j = 0; j < t->rows->len; j++)
        {
          const BpRow *r = g_ptr_array_index (t->rows, j);
          bp_fen fen;
          for (guint c = bp_row_code (r) ? 1 : 0; c < r->cells->len; c++)
            n += !bp_table_column_is_code (t, c)
                 && bp_table_cell_amount (t, r, c, &fen) == BP_AMOUNT_OK;
        }
    }
  return n;
}

char *
sinkdoc_tmpdir (void)
{
  GError *e = NULL;
  char *dir = g_dir_make_tmp ("bp-sink-XXXXXX", &e);
  g_assert_no_error (e);
  return dir;
}

