/* validate: completeness rules: tables the document should have. */
#include "validate-private.h"

const ValidateRule validate_completeness_rules[] = {
  { NULL, NULL, NULL, NULL }
};
