/* validate: cross_table rules: one quantity differs between two tables. */
#include "validate-private.h"

const ValidateRule validate_cross_table_rules[] = {
  { NULL, NULL, NULL, NULL }
};
