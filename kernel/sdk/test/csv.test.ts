/** `toCsv`: RFC 4180 quoting (comma, quote, CR, LF), CRLF records, empty nulls, formula-looking text neutralised. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { toCsv } from '../src/index.ts'

test('toCsv quotes exactly the fields that need it and ends every record with CRLF', () => {
  const rows = [
    { name: 'Room "A", north', n: 3, note: 'line1\nline2' },
    { name: 'plain', n: -2.5, note: null },
    { name: '=SUM(A1)', n: 0, note: '-5 is a number' },
  ]
  const csv = toCsv([{ header: 'name', value: (r) => r.name }, { header: 'n', value: (r) => r.n }, { header: 'note, free', value: (r) => r.note }], rows)
  assert.equal(csv, 'name,n,"note, free"\r\n"Room ""A"", north",3,"line1\nline2"\r\nplain,-2.5,\r\n\'=SUM(A1),0,-5 is a number\r\n')
})
