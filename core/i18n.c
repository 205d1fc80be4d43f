/* Messages in the user's language: budgetpipe's gettext domain, bound to
 * the catalogues built from po/ (zh_CN), read as UTF-8 whatever the
 * locale's codeset. */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>
#include <budgetpipe/budgetpipe.h>
#include "paths.h"
#include "pipeline.h"

static void
bind_domain_once (void)
{
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      bindtextdomain (GETTEXT_PACKAGE, bp_paths_locale_dir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&once, 1);
    }
}

void
bp_i18n_init (void)
{
  bind_domain_once ();
}

/* Whether this thread's messages are untranslated, and under which
 * settings that was found (issue 18: dcgettext costs some 1,700
 * instructions a call, even with no catalogue for the language). */
typedef struct {
  char *locale;     /* LC_MESSAGES of the global locale */
  char *language;   /* $LANGUAGE, or NULL */
  gboolean untranslated;
} I18nState;

static void
i18n_state_free (gpointer p)
{
  I18nState *st = p;
  g_free (st->locale);
  g_free (st->language);
  g_free (st);
}

/* TRUE when no catalogue of the domain serves the current settings, so
 * that every message is its msgid. Gettext chooses the catalogue from the
 * thread's LC_MESSAGES and $LANGUAGE, and no further: while they stay as
 * they were, the earlier answer holds. Every catalogue built by msgfmt
 * translates "" (its header): "" coming back unchanged means none is
 * found for any language asked for. */
static gboolean
messages_untranslated (void)
{
  static GPrivate key = G_PRIVATE_INIT (i18n_state_free);
  if (uselocale ((locale_t) 0) != LC_GLOBAL_LOCALE)
    return FALSE;   /* a thread's own locale: not followed here */
  const char *locale = setlocale (LC_MESSAGES, NULL);
  const char *language = g_getenv ("LANGUAGE");
  I18nState *st = g_private_get (&key);
  if (st && locale && g_strcmp0 (st->locale, locale) == 0
      && g_strcmp0 (st->language, language) == 0)
    return st->untranslated;
  if (!st)
    g_private_set (&key, st = g_new0 (I18nState, 1));
  g_free (st->locale);
  g_free (st->language);
  st->locale = g_strdup (locale);
  st->language = g_strdup (language);
  static const char header[] = "";
  st->untranslated = locale && g_dgettext (GETTEXT_PACKAGE, header) == header;
  return st->untranslated;
}

const char *
bp_gettext (const char *msgid)
{
  bind_domain_once ();
  return messages_untranslated () ? msgid : g_dgettext (GETTEXT_PACKAGE, msgid);
}

const char *
bp_ngettext (const char *msgid, const char *plural, gulong n)
{
  bind_domain_once ();
  if (messages_untranslated ())
    return n == 1 ? msgid : plural;
  return g_dngettext (GETTEXT_PACKAGE, msgid, plural, n);
}
