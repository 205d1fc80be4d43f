/* Test-only plugin whose descriptor names another plugin. */
#include <budgetpipe/budgetpipe.h>

BP_PLUGIN_DEFINE (testbadname) = {
  .abi_version = BP_ABI_VERSION,
  .name = "somethingelse",
  .summary = "Descriptor name does not match the file",
  .role = BP_ROLE_OTHER,
};
