/* validate: classification rules (docs/rules.md). */
#include "validate-private.h"

const ValidateRule validate_classification_rules[] = {
  { NULL, NULL, NULL, NULL }
};
