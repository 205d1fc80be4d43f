/* budgetpipe: the command-line runner. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef HAVE_MIMALLOC
#include <mimalloc.h>
#endif
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include "pipeline.h"
#include "plugin-loader.h"
#include "paths.h"
#include "merge-db.h"
#include "runner.h"

static char **opt_plugin_path = NULL;
static gboolean opt_version = FALSE;

static const char *const usage_summary = N_(
  "Commands:\n"
  "  run [-p PIPELINE] [-o OUTDIR] [-j N] [--files-from LIST] FILE|DIR|-...\n"
  "                          process documents\n"
  "  plugins                 list plugins, their files and status\n"
  "  inspect PLUGIN [--json] show a plugin's summary and options\n"
  "  check PIPELINE          validate a pipeline file\n"
  "  merge-db OUT.sqlite SHARD.sqlite...  merge shards' corpus databases\n"
  "\nExit codes: 0 success; 1 findings at --fail-on severity; 2 usage or\n"
  "pipeline error; 3 an input could not be read or processed.\n"
  "See docs/cli.md. Run 'budgetpipe COMMAND --help' for a command's options.");

static GOptionEntry common_entries[] = {
  { "plugin-path", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_plugin_path,
    N_("Search DIR for plugins first (repeatable)"), "DIR" },
  { "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static gboolean
short_takes_value (const GOptionEntry *entries, char c)
{
  for (const GOptionEntry *e = entries; e && e->long_name; e++)
    if (e->short_name == c && e->arg != G_OPTION_ARG_NONE)
      return TRUE;
  return FALSE;
}

/* ARG is "-j2": a short option that takes a value, with the value joined. */
static gboolean
joined_short_value (GOptionEntry *entries, const char *arg)
{
  return arg[0] == '-' && arg[1] && arg[1] != '-' && arg[2]
         && (short_takes_value (entries, arg[1]) || short_takes_value (common_entries, arg[1]));
}

/* "-j2" is "-j 2", as getopt users expect: GOption reads a short option's
 * value only from the next argument. The new vector points into ARGV (the
 * value is "2" of "-j2") and owns only the "-j"s; both live as long as the
 * process, in these statics, since GOption drops what it parses. */
static char **split_argv;
static GPtrArray *split_heads;

static void
split_short_values (GOptionEntry *entries, int *argc, char ***argv)
{
  int n = 0;
  for (int i = 1; i < *argc && strcmp ((*argv)[i], "--") != 0; i++)
    n += joined_short_value (entries, (*argv)[i]);
  if (n == 0)
    return;
  if (!split_heads)
    split_heads = g_ptr_array_new_with_free_func (g_free);
  char **v = g_new0 (char *, *argc + n + 1);
  int k = 0;
  gboolean options = TRUE;
  for (int i = 0; i < *argc; i++)
    {
      char *a = (*argv)[i];
      options = options && strcmp (a, "--") != 0;
      if (options && i > 0 && joined_short_value (entries, a))
        {
          char *head = g_strndup (a, 2);
          g_ptr_array_add (split_heads, head);
          v[k++] = head;
          v[k++] = a + 2;
        }
      else
        v[k++] = a;
    }
  g_free (split_argv);
  split_argv = v;
  *argc = k;
  *argv = v;
}

static void
print_version (void)
{
  g_print ("budgetpipe %s (plugin ABI %d)\n"
           "Copyright (C) 2026 the budgetpipe authors.\n"
           "License GPL-3.0-or-later <https://www.gnu.org/licenses/gpl-3.0.html>.\n"
           "This is free software: you are free to change and redistribute it.\n"
           "There is NO WARRANTY, to the extent permitted by law.\n"
           "Report bugs: %s\n", PACKAGE_VERSION, BP_ABI_VERSION, PACKAGE_BUGREPORT);
}

/* GOption stops at "--" but leaves it in ARGV: it ends the options, it is
 * not an input ("run -- -file.txt"). Only the first one; a second "--" is
 * a name. */
static void
drop_end_of_options (int *argc, char **argv)
{
  for (int i = 1; i < *argc; i++)
    if (!strcmp (argv[i], "--"))
      {
        memmove (argv + i, argv + i + 1, (*argc - i) * sizeof *argv);
        (*argc)--;
        return;
      }
}

/* Parses ARGV for one command; FALSE (exit 2) on a usage error. */
static gboolean
parse_command (const char *cmd, const char *params, GOptionEntry *entries,
               int *argc, char ***argv)
{
  /* GOption prints "Usage: PRGNAME [OPTION…] PARAMS" */
  g_autofree char *prgname = g_strdup_printf ("budgetpipe %s", cmd);
  g_set_prgname (prgname);
  g_autoptr (GOptionContext) ctx = g_option_context_new (params);
  GError *e = NULL;
  g_option_context_add_main_entries (ctx, common_entries, GETTEXT_PACKAGE);
  if (entries)
    g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (ctx, _(usage_summary));
  split_short_values (entries, argc, argv);
  if (!g_option_context_parse (ctx, argc, argv, &e))
    {
      g_printerr (_("budgetpipe %s: %s (try --help)\n"), cmd, e->message);
      g_error_free (e);
      return FALSE;
    }
  drop_end_of_options (argc, *argv);
  if (opt_version)
    {
      print_version ();
      exit (BP_EXIT_OK);
    }
  return TRUE;
}

static BpPluginLoader *
new_loader (void)
{
  return bp_plugin_loader_new ((const char *const *) opt_plugin_path);
}

static const char *const option_type_names[] = {
  "string", "int", "bool", "money", "enum", "list", "path"
};

static JsonNode *
plugin_to_json (const BpPlugin *pl, gboolean with_file)
{
  const BpPluginDescriptor *d = pl->desc;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, d->name);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, bp_role_name (d->role));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, d->summary ? d->summary : "");
  if (with_file)
    {
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, pl->file);
    }
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  for (const BpOption *o = d->options; o && o->name; o++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, o->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, option_type_names[o->type]);
      json_builder_set_member_name (b, "default");
      json_builder_add_string_value (b, o->default_value);
      if (o->choices)
        {
          json_builder_set_member_name (b, "choices");
          json_builder_add_string_value (b, o->choices);
        }
      json_builder_set_member_name (b, "required");
      json_builder_add_boolean_value (b, o->required);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, o->description ? o->description : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_json_node (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  g_autofree char *s = json_generator_to_data (gen, NULL);
  g_print ("%s\n", s);
}

static void
print_plugin_text (const BpPlugin *pl)
{
  const BpPluginDescriptor *d = pl->desc;
  g_print ("Plugin   %s\nRole     %s\nFile     %s\nABI      %u\nSummary  %s\n\n",
           d->name, bp_role_name (d->role), pl->file, d->abi_version,
           d->summary ? d->summary : "");
  g_print ("Options (besides plugin, enabled, log-level, match-district, "
           "match-kind):\n");
  if (!d->options || !d->options->name)
    g_print ("  (none)\n");
  for (const BpOption *o = d->options; o && o->name; o++)
    g_print ("  %-22s %-6s default: %s%s%s%s\n      %s\n", o->name,
             option_type_names[o->type],
             o->default_value ? o->default_value : "(none)",
             o->choices ? "  choices: " : "", o->choices ? o->choices : "",
             o->required ? "  (required)" : "",
             o->description ? o->description : "");
}

static int
cmd_inspect (int argc, char **argv)
{
  gboolean as_json = FALSE, all = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Every plugin found (JSON array, as docs/plugins.json)"), NULL },
    { NULL }
  };
  if (!parse_command ("inspect", "PLUGIN", entries, &argc, &argv))
    return BP_EXIT_USAGE;
  if ((argc != 2 && !all) || (all && argc != 1))
    {
      g_printerr ("%s", _("budgetpipe inspect: name one plugin (or --all)\n"));
      return BP_EXIT_USAGE;
    }
  BpPluginLoader *loader = new_loader ();
  int code = BP_EXIT_OK;
  if (all)
    {
      g_autoptr (GPtrArray) found = bp_plugin_loader_scan (loader);
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < found->len; i++)
        {
          BpPlugin *pl = g_ptr_array_index (found, i);
          if (pl->desc && !g_str_has_prefix (pl->name, "test"))
            json_array_add_element (arr, plugin_to_json (pl, FALSE));
        }
      JsonNode *root = json_node_init_array (json_node_alloc (), arr);
      print_json_node (root);
      json_node_unref (root);
      json_array_unref (arr);
    }
  else
    {
      GError *e = NULL;
      BpPlugin *pl = bp_plugin_loader_load (loader, argv[1], &e);
      if (!pl)
        {
          g_printerr ("budgetpipe inspect: %s\n", e->message);
          g_error_free (e);
          code = BP_EXIT_USAGE;
        }
      else if (as_json)
        {
          JsonNode *n = plugin_to_json (pl, TRUE);
          print_json_node (n);
          json_node_unref (n);
        }
      else
        print_plugin_text (pl);
    }
  bp_plugin_loader_free (loader);
  return code;
}

static int
cmd_plugins (int argc, char **argv)
{
  if (!parse_command ("plugins", "", NULL, &argc, &argv))
    return BP_EXIT_USAGE;
  BpPluginLoader *loader = new_loader ();
  g_autoptr (GPtrArray) found = bp_plugin_loader_scan (loader);
  const GPtrArray *dirs = bp_plugin_loader_dirs (loader);
  g_print ("Search path:\n");
  for (guint i = 0; i < dirs->len; i++)
    g_print ("  %s\n", (char *) g_ptr_array_index (dirs, i));
  g_print ("\n%-18s %-9s %-6s %s\n", "NAME", "ROLE", "STATUS", "FILE");
  for (guint i = 0; i < found->len; i++)
    {
      BpPlugin *pl = g_ptr_array_index (found, i);
      g_print ("%-18s %-9s %-6s %s\n", pl->name,
               pl->desc ? bp_role_name (pl->desc->role) : "-",
               pl->desc ? "ok" : "FAILED", pl->file);
      if (!pl->desc)
        g_print ("    why: %s\n", pl->error);
    }
  if (!found->len)
    g_print ("(no plugins found)\n");
  bp_plugin_loader_free (loader);
  return BP_EXIT_OK;
}

static int
cmd_merge_db (int argc, char **argv)
{
  if (!parse_command ("merge-db", "OUT.sqlite SHARD.sqlite...", NULL, &argc, &argv))
    return BP_EXIT_USAGE;
  if (argc < 3)
    {
      g_printerr ("%s", _("budgetpipe merge-db: name the merged database and at least one shard\n"));
      return BP_EXIT_USAGE;
    }
  return bp_merge_db (argv[1], argv + 2);
}

static int
cmd_check (int argc, char **argv)
{
  if (!parse_command ("check", "PIPELINE...", NULL, &argc, &argv))
    return BP_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr ("%s", _("budgetpipe check: name a pipeline file\n"));
      return BP_EXIT_USAGE;
    }
  BpPluginLoader *loader = new_loader ();
  int code = BP_EXIT_OK;
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *path = bp_paths_resolve_pipeline (argv[i]);
      GError *e = NULL;
      g_autofree char *tmp = g_dir_make_tmp ("budgetpipe-check-XXXXXX", NULL);
      BpPipeline *p = bp_pipeline_load (path, loader, &e);
      if (p && bp_pipeline_init (p, tmp ? tmp : "out", &e))
        g_print (_("%s: ok (pipeline '%s', %u stages)\n"), path, p->name,
                 p->stages->len);
      else
        {
          g_printerr ("%s\n", e->message);
          g_clear_error (&e);
          code = BP_EXIT_USAGE;
        }
      bp_pipeline_free (p);
      if (tmp)
        g_rmdir (tmp);
    }
  bp_plugin_loader_free (loader);
  return code;
}

typedef struct {
  char *pipeline, *output, *until, *only, *from_dump, *dump_dir, *fail_on;
  char **files_from;
  gboolean dry_run, stats, quiet;
  int jobs;
} RunArgs;

static gboolean
run_args_to_options (const RunArgs *a, BpRunOptions *o)
{
  *o = (BpRunOptions) { a->output ? a->output : "out", a->until, a->only,
                        a->from_dump, a->dump_dir, a->stats, a->quiet,
                        a->jobs > 0 ? a->jobs : 1, FALSE, BP_SEVERITY_ERROR };
  if (a->fail_on)
    {
      o->fail_on_set = TRUE;
      if (!bp_severity_from_name (a->fail_on, &o->fail_on)
          || o->fail_on == BP_SEVERITY_INFO)
        {
          g_printerr ("%s", _("budgetpipe run: --fail-on wants error or warning\n"));
          return FALSE;
        }
    }
  return TRUE;
}

static int
run_pipeline (const RunArgs *a, const BpRunOptions *o, char **inputs_args)
{
  g_autofree char *path = bp_paths_resolve_pipeline (a->pipeline ? a->pipeline : "default");
  BpPluginLoader *loader = new_loader ();
  GError *e = NULL;
  int code = BP_EXIT_USAGE;
  BpPipeline *p = bp_pipeline_load (path, loader, &e);
  if (p && bp_runner_check_options (p, o, &e) && bp_pipeline_init (p, o->output_dir, &e))
    {
      guint missing = 0;
      g_autoptr (GPtrArray) inputs = bp_runner_collect_inputs (a->files_from, inputs_args,
                                                                 &missing);
      if (a->dry_run)
        {
          g_print (_("%s: pipeline '%s' ok, %u inputs, nothing processed "
                     "(--dry-run)\n"), path, p->name, inputs->len);
          code = missing ? BP_EXIT_INPUT : BP_EXIT_OK;
        }
      else
        {
          code = bp_runner_run (p, inputs, o);
          if (missing && code == BP_EXIT_OK)
            code = BP_EXIT_INPUT;
        }
    }
  else
    {
      g_printerr ("budgetpipe: %s\n", e->message);
      g_error_free (e);
    }
  bp_pipeline_free (p);
  bp_plugin_loader_free (loader);
  return code;
}

static int
cmd_run (int argc, char **argv)
{
  RunArgs a = { 0 };
  GOptionEntry entries[] = {
    { "pipeline", 'p', 0, G_OPTION_ARG_FILENAME, &a.pipeline,
      N_("Pipeline file or shipped pipeline name (default: default)"), "PIPELINE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
      N_("Output directory, ${output} (default: out)"), "OUTDIR" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &a.jobs, N_("Process N documents at once"), "N" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &a.until, N_("Stop after STAGE"), "STAGE" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &a.only, N_("Run only STAGE"), "STAGE" },
    { "from-dump", 0, 0, G_OPTION_ARG_FILENAME, &a.from_dump,
      N_("Read the document from a --dump-dir JSON (with --only)"), "FILE.json" },
    { "dump-dir", 0, 0, G_OPTION_ARG_FILENAME, &a.dump_dir,
      N_("Write DIR/STEM/NN-STAGE.json after every stage"), "DIR" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &a.dry_run,
      N_("Load and validate everything, process nothing"), NULL },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &a.stats, N_("Print per-stage time and counts"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &a.quiet, N_("No per-document summary"), NULL },
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.files_from,
      N_("Also process the files listed in LIST, one per line (- reads the list from standard input)"),
      "LIST" },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &a.fail_on,
      N_("Exit 1 when a document has findings of this severity (error|warning)"), "SEV" },
    { NULL }
  };
  int code = BP_EXIT_USAGE;
  BpRunOptions o;
  if (parse_command ("run", "FILE|DIR|-...", entries, &argc, &argv)
      && run_args_to_options (&a, &o))
    {
      char *dump_input[] = { a.from_dump, NULL };
      if (a.from_dump && argc < 2)
        code = run_pipeline (&a, &o, dump_input);
      else if (argc < 2 && !a.files_from)
        g_printerr ("%s", _("budgetpipe run: no input files (give FILE, DIR, - or --files-from LIST)\n"));
      else
        code = run_pipeline (&a, &o, argv + 1);
    }
  g_free (a.pipeline); g_free (a.output); g_free (a.until); g_free (a.only);
  g_free (a.dump_dir); g_free (a.fail_on); g_free (a.from_dump);
  g_strfreev (a.files_from);
  return code;
}

/* glibc raises its mmap threshold to the size of the largest block freed
 * (up to 32 MB), and its trim threshold to twice that: after a document's
 * first large block is freed, every later one comes from the heap, and
 * the heap keeps what is freed. A stage frees most of what the one before
 * it made (the seeded lines, cleanup's source-line records), so the peak
 * held memory freed long before: 1 MB of lines "1" peaked 3.8 MB higher
 * (issue 18). The default thresholds, fixed: a large block goes back to
 * the system when freed. */
static void
memory_init (void)
{
#if defined(HAVE_MIMALLOC)
  /* mimalloc keeps freed pages for some milliseconds before returning
   * them; a stage frees most of what the one before it made, so the peak
   * (the 64x document, issue 18) was 10 % higher than glibc's. Returned
   * at once, it is 10 % lower. */
#if MI_MALLOC_VERSION >= 210
  mi_option_set (mi_option_purge_delay, 0);
#else
  mi_option_set (mi_option_decommit_delay, 0);
#endif
#elif defined(__GLIBC__)
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024);
#endif
}

int
main (int argc, char **argv)
{
  memory_init ();
  setlocale (LC_ALL, "");
  bp_i18n_init ();
  bp_log_init ();
  static const struct { const char *name; int (*fn) (int, char **); } cmds[] = {
    { "run", cmd_run }, { "plugins", cmd_plugins },
    { "inspect", cmd_inspect }, { "check", cmd_check },
    { "merge-db", cmd_merge_db },
  };
  int code = BP_EXIT_USAGE;
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (cmds); i++)
      if (!strcmp (argv[1], cmds[i].name))
        {
          code = cmds[i].fn (argc - 1, argv + 1);
          goto out;
        }
  if (argc >= 2 && (!strcmp (argv[1], "--version") || !strcmp (argv[1], "-V")))
    {
      print_version ();
      code = BP_EXIT_OK;
    }
  else if (argc >= 2 && (!strcmp (argv[1], "--help") || !strcmp (argv[1], "-h")))
    {
      g_print (_("Usage: budgetpipe COMMAND [OPTIONS]\n\n%s\n"), _(usage_summary));
      code = BP_EXIT_OK;
    }
  else
    {
      if (argc >= 2)
        g_printerr (_("budgetpipe: unknown command '%s'\n\n"), argv[1]);
      g_printerr (_("Usage: budgetpipe COMMAND [OPTIONS]\n\n%s\n"), _(usage_summary));
    }
out:
  g_strfreev (opt_plugin_path);
  return code;
}
