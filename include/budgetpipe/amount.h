/* budgetpipe: money as integer fen. Part of the public plugin API. */
#ifndef BUDGETPIPE_AMOUNT_H
#define BUDGETPIPE_AMOUNT_H

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

/* Money is always int64 fen (1 元 = 100 fen); never double. */
typedef int64_t bp_fen;

/* Sums and products of figures: any number of int64 fen adds up, and a fen
 * × 100000 fits, without overflow (GCC and Clang; __extension__ keeps
 * -Wpedantic quiet). */
__extension__ typedef __int128 bp_wide_fen;

static inline bp_wide_fen
bp_wide_abs (bp_wide_fen v)
{
  return v < 0 ? -v : v;
}

typedef enum {
  BP_UNIT_UNKNOWN = 0,
  BP_UNIT_YUAN,    /* 元 */
  BP_UNIT_WANYUAN  /* 万元 */
} BpUnit;

typedef enum {
  BP_AMOUNT_OK = 0,      /* a number was parsed */
  BP_AMOUNT_EMPTY,       /* "", "-", "—", "－": a cell with no figure */
  BP_AMOUNT_INVALID,     /* not a number */
  BP_AMOUNT_OVERFLOW     /* does not fit in int64 fen */
} BpAmountStatus;

/* Parses "15,386,196.87", "1132.98", "-0.5", "１５３８．６２", "0.00" into fen,
 * scaled by UNIT (万元 multiplies by 10000); "(5.00)" is an accounting
 * negative. More than two decimals are rounded half away from zero to fen.
 * Surrounding spaces are ignored. */
BpAmountStatus bp_amount_parse (const char *text, BpUnit unit, bp_fen *out);

/* TRUE when TEXT looks like a money figure (digits with at most one '.',
 * optional sign and thousands separators), without unit words. */
gboolean bp_amount_looks_like (const char *text);

/* Formats fen as yuan with exactly two decimals: "15386196.87", "-0.50". */
char *bp_amount_format (bp_fen fen);
/* Same, into a caller buffer of at least BP_AMOUNT_BUFSZ bytes. */
#define BP_AMOUNT_BUFSZ 32
const char *bp_amount_format_buf (bp_fen fen, char *buf);

/* Unit from a label: "元", "单位：元", "金额单位：万元", "万元" ... */
BpUnit bp_unit_from_text (const char *text);
const char *bp_unit_name (BpUnit unit); /* "元", "万元" or NULL */

/* Rounding envelope (SCHEMA.md): a figure printed in 万元 with two decimals
 * stands for any value within ±50 元; a sum of N such figures drifts by up to
 * N × 50 元. Returns the tolerance in fen for comparing a value derived from
 * N_TERMS printed figures in UNIT (0 for 元: exact). */
bp_fen bp_rounding_tolerance (BpUnit unit, guint n_terms);

/* TRUE when |a − b| ≤ tolerance. */
gboolean bp_amount_within (bp_fen a, bp_fen b, bp_fen tolerance);

/* Percentages are kept as integer hundredths of a percent (91.55% → 9155). */
typedef int64_t bp_pct100;
gboolean bp_percent_parse (const char *text, bp_pct100 *out);
/* part / whole as hundredths of a percent, rounded half up; FALSE if whole==0. */
gboolean bp_percent_of (bp_fen part, bp_fen whole, bp_pct100 *out);

G_END_DECLS

#endif
