/**
 * Opening windows remembered by their inputs (`openingWindows`): concurrent askers of the same location and dates
 * share one statement; a computation that fails (the transaction that asked was aborted) is forgotten, and whoever
 * waited on it asks on its own transaction; other hours or closures are another key. The `Db` here answers the windows
 * statement from a list of prepared rows and counts how often it is asked; the SQL itself is exercised against
 * PostgreSQL by the DST and closure tests.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '@tessera/sdk'
import { openingWindows } from '../src/domain/opening-windows.ts'

/** A `Db` whose windows statement resolves (or fails) when told to. */
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

test('concurrent askers share one statement, and later ones ask nothing', async () => {
  const a = db()
  const where = location()
  const both = Promise.all([openingWindows(a.db, where, '2031-05-05', '2031-05-07'), openingWindows(a.db, where, '2031-05-05', '2031-05-07')])
  a.settle()
  const [first, second] = await both
  assert.equal(a.asked, 1)
  assert.deepEqual(first, [{ start: Date.parse('2031-05-06T08:00:00Z'), end: Date.parse('2031-05-06T18:00:00Z') }])
  assert.deepEqual(second, first)
  first[0].end = 0 // a caller's copy is its own
  assert.deepEqual(await openingWindows(a.db, where, '2031-05-05', '2031-05-07'), second)
  assert.equal(a.asked, 1)
})

test('a failed computation is forgotten and a waiter asks on its own transaction', async () => {
  const aborted = db()
  const own = db()
  const where = location()
  const failing = openingWindows(aborted.db, where, '2031-05-05', '2031-05-07')
  const waiting = openingWindows(own.db, where, '2031-05-05', '2031-05-07')
  aborted.settle(Object.assign(new Error('current transaction is aborted'), { code: '25P02' }))
  await assert.rejects(failing, /aborted/)
  await new Promise((resolve) => setImmediate(resolve))
  assert.equal(own.asked, 1, 'the waiter asked on its own transaction')
  own.settle()
  assert.equal((await waiting).length, 1)
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
