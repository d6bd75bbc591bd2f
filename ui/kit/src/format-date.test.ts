/**
 * One date format per locale (issue 14 item 9): the same instant reads the same way on every screen of a locale, a bare
 * day is that day everywhere, a timezone shifts the wall time, and nothing unparseable leaks out as "Invalid Date".
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatDate, formatDateTime, formatTime } from './format-date.ts'

const at = '2026-05-04T08:30:00Z'

test('each locale has one format for days, times and both', () => {
  assert.equal(formatDate(at, { locale: 'en-GB', timeZone: 'Europe/London' }), '4 May 2026')
  assert.equal(formatTime(at, { locale: 'en-GB', timeZone: 'Europe/London' }), '09:30')
  assert.equal(formatDateTime(at, { locale: 'en-GB', timeZone: 'Europe/London' }), '4 May 2026, 09:30')
  assert.equal(formatDateTime(at, { locale: 'en-US', timeZone: 'America/New_York' }).replace(/\s/g, ' '), 'May 4, 2026, 4:30 AM', 'ICU may put a narrow space before AM')
  assert.equal(formatDateTime(at, { locale: 'de-DE', timeZone: 'Europe/Berlin' }), '04.05.2026, 10:30')
})

test('a bare day is that day in every timezone; bad values are a dash', () => {
  assert.equal(formatDate('2026-05-04', { locale: 'en-GB', timeZone: 'Pacific/Kiritimati' }), '4 May 2026')
  assert.equal(formatDate('2026-05-04', { locale: 'en-GB', timeZone: 'Pacific/Pago_Pago' }), '4 May 2026')
  assert.equal(formatDateTime(null), '—')
  assert.equal(formatDateTime('not a date'), '—')
})

test("no screen formats dates its own way: the shell's and plugins' UI sources use the kit's formatters", async () => {
  const { readdirSync, readFileSync, statSync } = await import('node:fs')
  const { join } = await import('node:path')
  const root = join(import.meta.dirname, '..', '..', '..')
  const dirs = [join(root, 'ui', 'shell', 'src'), ...readdirSync(join(root, 'plugins')).map((p) => join(root, 'plugins', p, 'ui'))]
  const offences: string[] = []
  const walk = (dir: string) => {
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && /\.toLocale(Date|Time)?String\(/.test(readFileSync(path, 'utf8'))) offences.push(path.slice(root.length + 1))
    }
  }
  dirs.forEach(walk)
  assert.deepEqual(offences, [], 'use formatDate / formatTime / formatDateTime from @tessera/ui-kit')
})
