/**
 * The SQL expression that reads a `timestamptz` column as the API's timestamp string (UTC, milliseconds, `Z` —
 * what `Date.prototype.toISOString` gives), so store rows already have the contract's wire type.
 */

/** `column` as an RFC 3339 UTC string with milliseconds. */
export function isoTimestamp(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
}
