/* Messages in the user's language: budgetpipe's gettext domain, bound to
 * the catalogues built from po/ (zh_CN), read as UTF-8 whatever the
 * locale's codeset. */
#include "config.h"

#include <libintl.h>
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

const char *
bp_gettext (const char *msgid)
{
  bind_domain_once ();
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

const char *
bp_ngettext (const char *msgid, const char *plural, gulong n)
{
  bind_domain_once ();
  return g_dngettext (GETTEXT_PACKAGE, msgid, plural, n);
}
