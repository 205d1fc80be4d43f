/* Test-only plugin that calls a function no library defines: with lazy
 * binding it would load and list "ok", then end the process (exit 127) at
 * its first document. The loader must refuse it and name the symbol. */
#include <budgetpipe/budgetpipe.h>

int testunresolved_nowhere_defined (int x);

static gboolean
testunresolved_process (BpStage *stage, void *state, BpDocument *doc,
                        GError **error)
{
  return testunresolved_nowhere_defined (doc->year) > 0;
}

BP_PLUGIN_DEFINE (testunresolved) = {
  .abi_version = BP_ABI_VERSION,
  .name = "testunresolved",
  .summary = "Calls a symbol no library defines",
  .role = BP_ROLE_OTHER,
  .process = testunresolved_process,
};
