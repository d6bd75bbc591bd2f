/**
 * CSV for report exports (RFC 4180): comma-separated fields, CRLF line ends, a header row, and a field quoted with
 * doubled inner quotes whenever it holds a comma, a quote, a CR or an LF. A field starting with `=`, `+`, `-` or `@`
 * that is not a number is prefixed with `'` so a spreadsheet does not run it as a formula.
 */

/** One column of {@link toCsv}: its header and how to read its value from a row. @public */
export interface CsvColumn<Row> {
  header: string
  value: (row: Row) => string | number | boolean | null | undefined
}

function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@]/.test(text) && !/^[-+]?\d/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The rows as an RFC 4180 CSV document (header first, CRLF after every record). @public */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => field(c.header)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => field(c.value(row))).join(','))
  return lines.join('\r\n') + '\r\n'
}
