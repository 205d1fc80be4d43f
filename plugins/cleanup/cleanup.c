/* cleanup: the first stage. Decodes the input, repairs each line, drops page
 * furniture, re-joins paragraphs the PDF broke and reports text damage.
 * Every logical line keeps the source lines it was made from. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "cleanup-private.h"

static const BpOption cleanup_options[] = {
  { "decode", BP_OPT_BOOL, "true",
    "Detect and decode input that is not UTF-8 (UTF-16, GB18030)",
    offsetof (CleanupState, decode) },
  { "normalize", BP_OPT_BOOL, "true",
    "Remove zero-width/control characters; full-width digits, letters and number punctuation to ASCII",
    offsetof (CleanupState, normalize) },
  { "strip-markup", BP_OPT_BOOL, "true",
    "Remove HTML remnants (<p>, <br>), checkboxes to ☐/☑, decode entities",
    offsetof (CleanupState, strip_markup) },
  { "split-glued", BP_OPT_BOOL, "true",
    "Split an amount glued to the next row label (\"1132.98一、…\")",
    offsetof (CleanupState, split_glued) },
  { "strip-page-numbers", BP_OPT_BOOL, "true", "Remove page-number lines",
    offsetof (CleanupState, strip_page_numbers) },
  { "page-patterns", BP_OPT_LIST,
    "^[-—–－─]+\\s*\\d{1,4}\\s*[-—–－─]+$;^第\\s*\\d{1,4}\\s*页(\\s*[,，/]?\\s*共\\s*\\d{1,4}\\s*页)?$;"
    "^\\d{1,4}\\s*/\\s*\\d{1,4}$;^[Pp]age\\s*\\d{1,4}(\\s*of\\s*\\d{1,4})?$;"
    "^[·•・∙]\\s*\\d{1,4}\\s*[·•・∙]$",
    "Regular expressions (GRegex) of a page-number line",
    offsetof (CleanupState, page_patterns) },
  { "strip-running-heads", BP_OPT_BOOL, "true",
    "Remove headers/footers repeated at page edges on three or more pages",
    offsetof (CleanupState, strip_running_heads) },
  { "join", BP_OPT_BOOL, "true",
    "Re-join paragraphs broken at the page width (never across headings, table rows, list items)",
    offsetof (CleanupState, join) },
  { "join-percent", BP_OPT_INT, "85",
    "A line at least this share (%) of the body width continues on the next line",
    offsetof (CleanupState, join_percent) },
  { "damage", BP_OPT_BOOL, "true",
    "Report English words in Chinese sentences and unfilled template placeholders",
    offsetof (CleanupState, damage) },
  BP_OPTION_END
};

static gboolean
cleanup_init (BpStage *stage, void *state, GError **error)
{
  CleanupState *st = state;
  if (st->join_percent < 10 || st->join_percent > 100)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_USAGE,
                   "%s: join-percent must be between 10 and 100", bp_stage_name (stage));
      return FALSE;
    }
  GString *alt = g_string_new (NULL);
  for (guint i = 0; st->page_patterns && st->page_patterns[i]; i++)
    {
      GError *err = NULL;
      GRegex *re = g_regex_new (st->page_patterns[i], 0, 0, &err);
      if (re == NULL)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_USAGE, "%s: page-patterns: %s",
                       bp_stage_name (stage), err->message);
          g_error_free (err);
          g_string_free (alt, TRUE);
          return FALSE;
        }
      g_regex_unref (re);
      g_string_append_printf (alt, "%s(?:%s)", alt->len ? "|" : "", st->page_patterns[i]);
    }
  /* one match per line instead of one per pattern */
  if (alt->len)
    st->page_regex = g_regex_new (alt->str, G_REGEX_OPTIMIZE, 0, error);
  gboolean ok = alt->len == 0 || st->page_regex != NULL;
  g_string_free (alt, TRUE);
  return ok;
}


static gboolean
cleanup_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  CleanupState *st = state;
  if (doc->text == NULL && doc->source_lines == NULL)   /* not decoded */
    {
      if (!st->decode)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_INPUT,
                       "%s: not UTF-8 and decoding is off", doc->path);
          return FALSE;
        }
      if (!cleanup_decode (doc, error))
        return FALSE;
      BP_DEBUG (stage, "%s: decoded as %s", doc->stem, doc->encoding);
    }
  guint n = cleanup_layout (st, doc);
  BP_DEBUG (stage, "%s: %u source lines → %u logical lines", doc->stem,
            bp_document_n_source_lines (doc), n);
  return TRUE;
}

static void
cleanup_free (BpStage *stage, void *state)
{
  (void) stage;
  CleanupState *st = state;
  g_clear_pointer (&st->page_regex, g_regex_unref);
}

BP_PLUGIN_DEFINE (cleanup) = {
  .abi_version = BP_ABI_VERSION,
  .name = "cleanup",
  .summary = "Decode, repair and re-join the text into source-mapped logical lines; report text damage",
  .role = BP_ROLE_CLEANUP,
  .options = cleanup_options,
  .state_size = sizeof (CleanupState),
  .init = cleanup_init,
  .process = cleanup_process,
  .free = cleanup_free,
};
