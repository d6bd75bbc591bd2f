/**
 * The SQL expression that reads a `timestamptz` column as the API's timestamp string (UTC, milliseconds, `Z`).
 */

/** `column` as an RFC 3339 UTC string with milliseconds (NULL stays NULL). */
export function isoTimestamp(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
}
