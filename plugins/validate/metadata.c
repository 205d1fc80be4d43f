/* validate: metadata rules (docs/rules.md). */
#include "validate-private.h"

const ValidateRule validate_metadata_rules[] = {
  { NULL, NULL, NULL, NULL }
};
