/* Test-only module without a budgetpipe descriptor. */
int testnosym_unrelated_function (int x);
int
testnosym_unrelated_function (int x)
{
  return x + 1;
}
