/**
 * Opening windows remembered by their inputs (`openingWindows`): once an answer has arrived, later askers of the same
 * location and dates ask nothing; askers while it is in flight ask on their own transaction — never waiting on
 * another transaction's statement, which can be stuck behind that transaction's lock wait; a failed computation is
 * not remembered; other hours, closures or dates are another key. The `Db` here answers the windows statement from
 * prepared rows when told to and counts how often it is asked; the SQL itself is exercised against PostgreSQL by the
 * DST and closure tests.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '@tessera/sdk'
import { openingWindows } from '../src/domain/opening-windows.ts'

/** A `Db` whose windows statements resolve (or fail) when told to. */
function db(): { db: Db; asked: number; settle(error?: Error): void } {
  const pending: { resolve(rows: unknown[]): void; reject(e: Error): void }[] = []
  const d = {
    asked: 0,
    db: { many: () => { d.asked++; return new Promise((resolve, reject) => pending.push({ resolve, reject })) } } as unknown as Db,
    settle(error?: Error) {
      for (const p of pending.splice(0)) {
        if (error) p.reject(error)
        else p.resolve([{ starts: new Date('2031-05-06T08:00:00Z'), ends: new Date('2031-05-06T18:00:00Z') }])
      }
    },
  }
  return d
}

let n = 0
/** A location no other test of this process uses (the remembered windows are per process). */
const location = (closures: unknown[] = []) => ({ timezone: 'UTC', openingHours: { tue: [{ from: '08:00', to: '18:00' }], n: ++n }, closures }) as never
const WINDOW = { start: Date.parse('2031-05-06T08:00:00Z'), end: Date.parse('2031-05-06T18:00:00Z') }

test('askers while an answer is in flight ask on their own transactions; once it has arrived, nobody asks', async () => {
  const first = db()
  const second = db()
  const where = location()
  const mine = openingWindows(first.db, where, '2031-05-05', '2031-05-07')
  const theirs = openingWindows(second.db, where, '2031-05-05', '2031-05-07')
  assert.equal(second.asked, 1, 'the second asker did not wait on the first one\'s statement')
  second.settle() // the second transaction answers although the first is still waiting (on a lock, say)
  assert.deepEqual(await theirs, [WINDOW])
  first.settle()
  assert.deepEqual(await mine, [WINDOW])
  const later = db()
  const remembered = await openingWindows(later.db, where, '2031-05-05', '2031-05-07')
  assert.equal(later.asked, 0)
  assert.deepEqual(remembered, [WINDOW])
  remembered[0].end = 0 // a caller's copy is its own
  assert.deepEqual(await openingWindows(later.db, where, '2031-05-05', '2031-05-07'), [WINDOW])
})

test('a failed computation is not remembered: the next asker asks again', async () => {
  const aborted = db()
  const where = location()
  const failing = openingWindows(aborted.db, where, '2031-05-05', '2031-05-07')
  aborted.settle(Object.assign(new Error('current transaction is aborted'), { code: '25P02' }))
  await assert.rejects(failing, /aborted/)
  const next = db()
  const answer = openingWindows(next.db, where, '2031-05-05', '2031-05-07')
  assert.equal(next.asked, 1)
  next.settle()
  assert.deepEqual(await answer, [WINDOW])
})

test('other closures or dates are another key', async () => {
  const a = db()
  const where = location()
  const open = openingWindows(a.db, where, '2031-05-05', '2031-05-07')
  a.settle()
  await open
  const closed = { ...(where as object), closures: [{ from: '2031-05-06', to: '2031-05-06' }] } as never
  const asked = [openingWindows(a.db, closed, '2031-05-05', '2031-05-07'), openingWindows(a.db, where, '2031-05-06', '2031-05-08')]
  assert.equal(a.asked, 3)
  a.settle()
  await Promise.all(asked)
})
