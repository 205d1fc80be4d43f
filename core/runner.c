/* The batch runner: one document at a time through the stages, N documents
 * in parallel, every failure reported with the file and the batch finished. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include "progress.h"
#include "runner.h"

typedef struct {
  char *path;
  char *stem;           /* unique in the batch: names every output */
  gboolean failed;
  char *error;
  char *summary;
  guint index;          /* place in the batch: BpDocument.batch_index */
  guint n_tables, n_findings, n_errors, n_warnings;
} DocResult;

/* The stem of the document read from standard input ("-"). */
#define STDIN_STEM "stdin"

typedef struct {
  BpPipeline *pipeline;
  const BpRunOptions *opts;
  BpProgress *progress;
} RunContext;

static void
doc_result_free (gpointer p)
{
  DocResult *r = p;
  g_free (r->path);
  g_free (r->stem);
  g_free (r->error);
  g_free (r->summary);
  g_free (r);
}

/* g_ptr_array_sort hands the comparator pointers to the elements. */
static gint
compare_string_ptrs (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
collect_dir (const char *dir, GPtrArray *out, guint *missing)
{
  GError *e = NULL;
  GDir *d = g_dir_open (dir, 0, &e);
  if (!d)
    {
      g_printerr ("budgetpipe: %s\n", e->message);
      g_error_free (e);
      (*missing)++;
      return;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *n;
  while ((n = g_dir_read_name (d)))
    if (g_str_has_suffix (n, ".txt") || g_str_has_suffix (n, ".pdf"))
      g_ptr_array_add (names, g_build_filename (dir, n, NULL));
  g_dir_close (d);
  g_ptr_array_sort (names, compare_string_ptrs);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (out, g_strdup (g_ptr_array_index (names, i)));
}

/* One input argument: a directory's *.txt files, "-" the document on
 * standard input (once: *STDIN_TAKEN), else the path itself (an unreadable
 * file is reported later). */
static void
collect_arg (const char *arg, GPtrArray *out, guint *missing, gboolean *stdin_taken)
{
  if (!strcmp (arg, "-"))
    {
      if (*stdin_taken)
        {
          g_printerr ("budgetpipe: -: standard input is already an input\n");
          (*missing)++;
        }
      else
        g_ptr_array_add (out, g_strdup (arg));
      *stdin_taken = TRUE;
    }
  else if (g_file_test (arg, G_FILE_TEST_IS_DIR))
    collect_dir (arg, out, missing);
  else
    g_ptr_array_add (out, g_strdup (arg));
}

/* Paths one per line (a directory expands as on the command line); blank
 * lines and the white space around a name are ignored. A list read from
 * standard input takes it: a "-" argument then has no document to read. */
static void
collect_list (const char *list, GPtrArray *out, guint *missing, gboolean *stdin_taken)
{
  gboolean from_stdin = strcmp (list, "-") == 0;
  if (from_stdin && *stdin_taken)
    {
      g_printerr ("budgetpipe: -: standard input is already an input\n");
      (*missing)++;
      return;
    }
  *stdin_taken |= from_stdin;
  FILE *f = from_stdin ? stdin : fopen (list, "r");
  if (!f)
    {
      g_printerr ("budgetpipe: %s: %s\n", list, g_strerror (errno));
      (*missing)++;
      return;
    }
  *stdin_taken |= from_stdin;
  char *line = NULL;
  size_t cap = 0;
  gboolean taken = TRUE;   /* a "-" line is refused: stdin is no listed file */
  while (getline (&line, &cap, f) >= 0)
    {
      g_strstrip (line);
      if (*line)
        collect_arg (line, out, missing, &taken);
    }
  free (line);
  if (!from_stdin)
    fclose (f);
}

GPtrArray *
bp_runner_collect_inputs (char **lists, char **args, guint *missing)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  gboolean stdin_taken = FALSE;
  for (char **l = lists; l && *l; l++)
    collect_list (*l, out, missing, &stdin_taken);
  for (char **a = args; a && *a; a++)
    collect_arg (*a, out, missing, &stdin_taken);
  return out;
}

gboolean
bp_runner_check_options (BpPipeline *p, const BpRunOptions *o, GError **error)
{
  const char *names[] = { o->until, o->only };
  for (int i = 0; i < 2; i++)
    if (names[i] && !bp_pipeline_find_stage (p, names[i]))
      {
        g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                     "%s: no stage named '%s' in pipeline '%s'",
                     i ? "--only" : "--until", names[i], p->name);
        return FALSE;
      }
  if (o->from_dump && !o->only)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "--from-dump needs --only STAGE");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_dump (const char *dir, BpDocument *doc, guint index,
            const char *stage, GError **error)
{
  g_autofree char *file = g_strdup_printf ("%02u-%s.json", index, stage);
  g_autofree char *path = g_build_filename (dir, doc->stem, file, NULL);
  return bp_document_write_json (doc, TRUE, path, NULL, error);
}

/* Where the document after stage S goes: --dump-dir; or, for --only of a
 * stage that writes no output of its own (not a sink), OUTDIR, so that
 * "run --only tables --from-dump … -o out" leaves out/STEM/NN-tables.json
 * to read. NULL: nowhere. */
static const char *
dump_dir_after (const BpRunOptions *o, const BpStage *s)
{
  if (o->dump_dir)
    return o->dump_dir;
  if (o->only && s->plugin->desc->role != BP_ROLE_SINK)
    return o->output_dir;
  return NULL;
}

static BpDocument *
load_stdin (GError **error)
{
  g_autoptr (GString) buf = g_string_new (NULL);
  char chunk[65536];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    g_string_append_len (buf, chunk, n);
  if (ferror (stdin))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INPUT, "cannot read standard input");
      return NULL;
    }
  BpDocument *doc = bp_document_new_from_bytes (STDIN_STEM, buf->str, buf->len);
  g_free (doc->path);
  doc->path = g_strdup ("-");
  return doc;
}

static BpDocument *
load_input (const RunContext *ctx, const char *path, GError **error)
{
  if (!ctx->opts->from_dump)
    return strcmp (path, "-") ? bp_document_load (path, error) : load_stdin (error);
  g_autofree char *json = NULL;
  gsize len;
  if (!g_file_get_contents (path, &json, &len, error))
    return NULL;
  return bp_document_from_json (json, len, error);
}

/* Runs the stages on DOC; FALSE with ERROR naming the stage on failure. */
static gboolean
run_stages (const RunContext *ctx, BpDocument *doc, GError **error)
{
  const BpRunOptions *o = ctx->opts;
  GPtrArray *stages = ctx->pipeline->stages;
  for (guint i = 0; i < stages->len; i++)
    {
      BpStage *s = g_ptr_array_index (stages, i);
      if (!s->enabled || (o->only && strcmp (o->only, s->name)))
        continue;
      if (!bp_stage_matches (s, doc))
        {
          bp_stage_log (s, G_LOG_LEVEL_INFO, "%s: skipped (match-kind/"
                        "match-district)", doc->path);
          continue;
        }
      /* Sinks write doc.profile: make sure it was decided. */
      if (s->plugin->desc->role == BP_ROLE_SINK)
        bp_profile_for_document (doc);
      GError *e = NULL;
      if (!bp_stage_process (s, doc, &e))
        {
          g_set_error (error, BP_ERROR, BP_ERROR_INPUT, "stage '%s': %s",
                       s->name, e->message);
          g_error_free (e);
          return FALSE;
        }
      const char *dump = dump_dir_after (o, s);
      if (dump && !write_dump (dump, doc, i + 1, s->name, error))
        return FALSE;
      if (o->until && !strcmp (o->until, s->name))
        break;
    }
  return TRUE;
}

/* The document's identity as far as the stages that ran have read it
 * ("budget 2024 青山区 …, "): after --until cleanup nothing is known yet
 * and nothing is printed. */
static void
append_identity (GString *s, const BpDocument *doc)
{
  gsize start = s->len;
  if (doc->kind)
    g_string_append_printf (s, " %s", doc->kind);
  if (doc->year > 0)
    g_string_append_printf (s, " %d", doc->year);
  if (doc->district && *doc->district)
    g_string_append_printf (s, " %s", doc->district);
  if (doc->department && *doc->department)
    g_string_append_printf (s, " %s", doc->department);
  g_string_append (s, s->len > start ? ", " : " ");
}

static char *
summarize (const BpDocument *doc, DocResult *r)
{
  guint infos = 0;
  r->n_tables = doc->tables->len;
  r->n_findings = doc->findings->len;
  for (guint i = 0; i < doc->findings->len; i++)
    {
      BpFinding *f = g_ptr_array_index (doc->findings, i);
      r->n_errors += f->severity == BP_SEVERITY_ERROR;
      r->n_warnings += f->severity == BP_SEVERITY_WARNING;
      infos += f->severity == BP_SEVERITY_INFO;
    }
  /* "3 errors", "1 warning": counts a reader takes in at a glance, in the
   * user's language */
  GString *s = g_string_new (doc->path);
  g_string_append_c (s, ':');
  append_identity (s, doc);
  g_string_append_printf (s, bp_ngettext ("%u table", "%u tables", r->n_tables), r->n_tables);
  g_string_append (s, ", ");
  g_string_append_printf (s, bp_ngettext ("%u field", "%u fields", doc->fields->len), doc->fields->len);
  g_string_append (s, ", ");
  g_string_append_printf (s, bp_ngettext ("%u row", "%u rows", doc->classification->len),
                          doc->classification->len);
  g_string_append (s, ", ");
  g_string_append_printf (s, bp_ngettext ("%u finding", "%u findings", r->n_findings), r->n_findings);
  g_string_append (s, " (");
  g_string_append_printf (s, bp_ngettext ("%u error", "%u errors", r->n_errors), r->n_errors);
  g_string_append (s, ", ");
  g_string_append_printf (s, bp_ngettext ("%u warning", "%u warnings", r->n_warnings), r->n_warnings);
  g_string_append (s, ", ");
  g_string_append_printf (s, bp_ngettext ("%u info", "%u info", infos), infos);
  g_string_append (s, ")");
  return g_string_free (s, FALSE);
}

static void
process_one (gpointer data, gpointer user_data)
{
  DocResult *r = data;
  const RunContext *ctx = user_data;
  GError *e = NULL;
  BpDocument *doc = load_input (ctx, r->path, &e);
  if (doc)
    {
      g_free (doc->pipeline_name);
      doc->pipeline_name = g_strdup (ctx->pipeline->name);
      doc->batch_index = r->index;
      if (r->stem)
        g_free (doc->stem), doc->stem = g_strdup (r->stem);
      if (ctx->opts->dump_dir && !ctx->opts->from_dump)
        write_dump (ctx->opts->dump_dir, doc, 0, "load", &e);
      if (!e && run_stages (ctx, doc, &e))
        r->summary = summarize (doc, r);
    }
  if (e)
    {
      r->failed = TRUE;
      r->error = g_strdup_printf ("%s: %s", r->path, e->message);
      g_error_free (e);
    }
  bp_document_free (doc);
  bp_progress_step (ctx->progress, r->failed, r->n_errors, r->n_warnings);
}

static void
process_all (const RunContext *ctx, GPtrArray *results)
{
  int jobs = MAX (ctx->opts->jobs, 1);
  if (jobs == 1 || results->len < 2)
    {
      for (guint i = 0; i < results->len; i++)
        process_one (g_ptr_array_index (results, i), (gpointer) ctx);
      return;
    }
  GThreadPool *pool = g_thread_pool_new (process_one, (gpointer) ctx, jobs,
                                         TRUE, NULL);
  for (guint i = 0; i < results->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (results, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
}

static gboolean
finish_stages (BpPipeline *p)
{
  gboolean ok = TRUE;
  for (guint i = 0; i < p->stages->len; i++)
    {
      BpStage *s = g_ptr_array_index (p->stages, i);
      GError *e = NULL;
      if (!s->enabled || !s->initialized || !s->plugin->desc->finish)
        continue;
      /* A stage that saw no document (--until stopped before it, --only ran
       * another, every input failed) has nothing to write: its end-of-batch
       * step would replace the batch outputs of an earlier run (CSV files,
       * the report index) with empty ones. */
      if (s->documents == 0)
        continue;
      if (!s->plugin->desc->finish (s, s->state, &e))
        {
          g_printerr (_("budgetpipe: stage '%s' could not finish: %s\n"), s->name,
                      e ? e->message : _("(no reason given)"));
          g_clear_error (&e);
          ok = FALSE;
        }
    }
  return ok;
}

static void
print_stats (BpPipeline *p, GPtrArray *results)
{
  guint tables = 0, findings = 0, docs = 0;
  for (guint i = 0; i < results->len; i++)
    {
      DocResult *r = g_ptr_array_index (results, i);
      docs += !r->failed;
      tables += r->n_tables;
      findings += r->n_findings;
    }
  g_print ("\n%-16s %-10s %10s %10s\n", "stage", "plugin", "documents", "ms");
  for (guint i = 0; i < p->stages->len; i++)
    {
      BpStage *s = g_ptr_array_index (p->stages, i);
      g_print ("%-16s %-10s %10u %10.1f\n", s->name, s->plugin->name,
               s->documents, s->time_us / 1000.0);
    }
  g_print ("documents %u, tables %u, findings %u\n", docs, tables, findings);
}

/* Prints the per-document summary in input order and picks the exit code. */
static int
report_results (const BpRunOptions *o, GPtrArray *results)
{
  guint failed = 0, flagged = 0;
  for (guint i = 0; i < results->len; i++)
    {
      DocResult *r = g_ptr_array_index (results, i);
      if (r->failed)
        {
          g_printerr ("budgetpipe: %s\n", r->error);
          failed++;
          continue;
        }
      if (!o->quiet)
        g_print ("%s\n", r->summary);
      if (o->fail_on_set && (r->n_errors > 0
                             || (o->fail_on == BP_SEVERITY_WARNING && r->n_warnings > 0)))
        flagged++;
    }
  if (failed)
    {
      g_printerr (_("budgetpipe: %u of %u inputs failed:\n"), failed, results->len);
      for (guint i = 0; i < results->len; i++)
        {
          DocResult *r = g_ptr_array_index (results, i);
          if (r->failed)
            g_printerr ("  %s\n", r->path);
        }
      return BP_EXIT_INPUT;
    }
  return flagged ? BP_EXIT_FINDINGS : BP_EXIT_OK;
}

/* Stems a batch-level file takes in the directories of per-document ones
 * (the report's index.html beside <stem>.html). */
static const char *const reserved_stems[] = { "index", NULL };

static gboolean
stem_taken (GHashTable *natural, GHashTable *given, const char *stem)
{
  return g_hash_table_contains (natural, stem) || g_hash_table_contains (given, stem)
         || g_strv_contains (reserved_stems, stem);
}

/* Every document gets a stem no other document of the batch has, so no
 * sink overwrites one document's output with another's: the first input
 * (in input order) keeps its file's stem; a later one with the same stem,
 * or a reserved stem, becomes STEM-2, STEM-3... (the first that no input's
 * own stem is). docs/cli.md states the rule. */
static void
assign_stems (GPtrArray *results)
{
  g_autoptr (GHashTable) natural = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) given = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < results->len; i++)
    {
      DocResult *r = g_ptr_array_index (results, i);
      r->stem = strcmp (r->path, "-") ? bp_document_stem_of (r->path) : g_strdup (STDIN_STEM);
      g_hash_table_add (natural, g_strdup (r->stem));
    }
  for (guint i = 0; i < results->len; i++)
    {
      DocResult *r = g_ptr_array_index (results, i);
      if (!g_hash_table_contains (given, r->stem) && !g_strv_contains (reserved_stems, r->stem))
        {
          g_hash_table_add (given, r->stem);
          continue;
        }
      char *unique = NULL;
      for (guint n = 2; !unique || stem_taken (natural, given, unique); n++)
        g_free (unique), unique = g_strdup_printf ("%s-%u", r->stem, n);
      g_free (r->stem);
      r->stem = unique;
      g_hash_table_add (given, r->stem);
    }
}

int
bp_runner_run (BpPipeline *p, GPtrArray *inputs, const BpRunOptions *o)
{
  /* a long batch on a terminal shows where it is; logs and pipes stay clean */
  RunContext ctx = { p, o, bp_progress_new (inputs->len, isatty (STDERR_FILENO)) };
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (doc_result_free);
  for (guint i = 0; i < inputs->len; i++)
    {
      DocResult *r = g_new0 (DocResult, 1);
      r->path = g_strdup (g_ptr_array_index (inputs, i));
      r->index = i;
      g_ptr_array_add (results, r);
    }
  /* A dump keeps the stem it was written with. */
  if (!o->from_dump)
    assign_stems (results);
  /* A run killed (kill -9) between writing an output and renaming it left
   * its temporary file: this run leaves OUT as one clean run would. */
  bp_output_remove_stale_temps (o->output_dir);
  bp_output_remove_stale_temps (o->dump_dir);
  process_all (&ctx, results);
  gboolean finished = finish_stages (p);
  GError *e = NULL;
  if (!bp_output_sync (&e))
    {
      g_printerr ("budgetpipe: %s\n", e->message);
      g_error_free (e);
      finished = FALSE;
    }
  bp_progress_clear (ctx.progress);
  int code = report_results (o, results);
  if (o->stats)
    print_stats (p, results);
  bp_progress_finish (ctx.progress);
  if (!finished && code == BP_EXIT_OK)
    code = BP_EXIT_INPUT;
  return code;
}
