/* Test-only plugin built for another ABI version: must be refused before
 * any of its code runs (process aborts if called). */
#include <stdlib.h>
#include <budgetpipe/budgetpipe.h>

static gboolean
testbadabi_process (BpStage *stage, void *state, BpDocument *doc, GError **error)
{
  abort ();
}

BP_PLUGIN_DEFINE (testbadabi) = {
  .abi_version = BP_ABI_VERSION + 41,
  .name = "testbadabi",
  .summary = "Built for a future ABI",
  .role = BP_ROLE_OTHER,
  .process = testbadabi_process,
};
