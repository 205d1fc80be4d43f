/* validate: narrative rules (docs/rules.md). */
#include "validate-private.h"

const ValidateRule validate_narrative_rules[] = {
  { NULL, NULL, NULL, NULL }
};
