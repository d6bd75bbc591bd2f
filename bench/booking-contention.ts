/**
 * Booking contention: many clients create bookings through the bookings API at once; half of the requests target a
 * few contested slots of one room (100 requests per slot), the other half distinct free slots. Per run: throughput,
 * p50/p99, status counts, that exactly one request per contested slot and every uncontested request succeeded, and a
 * SQL check that no two active bookings overlap on one resource and seat.
 */
import { createTestKernel } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import { bookingWorld, hourFromNow } from './lib/booking-world.ts'
import { runLoad } from './lib/load.ts'
import type { LoadResult } from './lib/load.ts'
import { median, printTable, round, writeResult } from './lib/stats.ts'

const RUNS = Number(process.env.BENCH_ROUNDS ?? 3)
const REQUESTS = 1000
const CONTESTED_SLOTS = 5
const CONNECTIONS = 20
const ROOMS = 10

const t = await createTestKernel({
  plugins: [members, spaces, bookings],
  config: { database: { poolSize: 10 }, rateLimit: { max: 1e9, timeWindowMs: 60_000 } } as never,
})
try {
  const w = await bookingWorld(t, ROOMS + 1, 10)
  const contestedRoom = w.roomIds[ROOMS]
  const url = `${await t.kernel.listen()}/api/v1/bookings/bookings`

  /** Request bodies of one run: contested and distinct ones interleaved; `dayOffset` keeps runs apart. */
  function bodies(dayOffset: number, count: number): string[] {
    const out: string[] = []
    let distinct = 0
    for (let i = 0; i < count; i++) {
      const personId = w.personIds[i % w.personIds.length]
      if (i % 2 === 0) {
        const slot = (i / 2) % CONTESTED_SLOTS
        const start = hourFromNow(dayOffset * 24 + slot)
        out.push(JSON.stringify({ resourceId: contestedRoom, personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() }))
      } else {
        const j = distinct++
        const start = hourFromNow(dayOffset * 24 + CONTESTED_SLOTS + Math.floor(j / ROOMS))
        out.push(JSON.stringify({ resourceId: w.roomIds[j % ROOMS], personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() }))
      }
    }
    return out
  }

  await runLoad({ url, method: 'POST', connections: CONNECTIONS, amount: 200, bodies: bodies(450, 200), headers: { cookie: w.cookie } }) // warm-up
  const runs: (LoadResult & { created: number; conflicts: number; expectedCreated: number })[] = []
  for (let r = 0; r < RUNS; r++) {
    const res = await runLoad({ url, method: 'POST', connections: CONNECTIONS, amount: REQUESTS, bodies: bodies(2 + r * 30, REQUESTS), headers: { cookie: w.cookie } })
    const created = res.statuses['201'] ?? 0
    const conflicts = res.statuses['409'] ?? 0
    runs.push({ ...res, created, conflicts, expectedCreated: REQUESTS / 2 + CONTESTED_SLOTS })
  }
  const overlaps = (await t.adminQuery(`SELECT count(*)::int AS n FROM bookings.bookings a JOIN bookings.bookings b
      ON a.resource_id = b.resource_id AND a.seat = b.seat AND a.id < b.id AND a.during && b.during
     WHERE a.status IN ('confirmed', 'checked_in') AND b.status IN ('confirmed', 'checked_in')`)).rows[0].n as number
  const perSlot = (await t.adminQuery(`SELECT count(*)::int AS n FROM bookings.bookings WHERE resource_id = $1 AND status = 'confirmed' GROUP BY lower(during)`, [contestedRoom])).rows.map((r) => r.n as number)
  const active = (await t.adminQuery(`SELECT count(*)::int AS n FROM bookings.bookings WHERE status IN ('confirmed', 'checked_in') AND lower(during) < now() + interval '400 days'`)).rows[0].n as number

  const summary = {
    requestsPerSecond: round(median(runs.map((x) => x.rps)), 0),
    bookingsCreatedPerSecond: round(median(runs.map((x) => (x.created / x.total) * x.rps)), 0),
    p50Ms: median(runs.map((x) => x.p50)), p99Ms: median(runs.map((x) => x.p99)),
  }
  const correct = {
    overlappingActiveBookings: overlaps,
    contestedSlotsWithOneBooking: perSlot.filter((n) => n === 1).length, contestedSlots: perSlot.length, // every run's and the warm-up's
    allRunsCreatedExpected: runs.every((x) => x.created === x.expectedCreated),
    otherStatuses: runs.map((x) => Object.fromEntries(Object.entries(x.statuses).filter(([k]) => k !== '201' && k !== '409'))),
    activeBookings: active,
  }
  printTable(`booking-contention (${CONNECTIONS} connections, ${REQUESTS} requests per run, half on ${CONTESTED_SLOTS} contested slots)`, runs.map((x, i) => ({
    run: i + 1, 'req/s': round(x.rps, 0), 'p50 ms': x.p50, 'p99 ms': x.p99, 'created (201)': x.created, 'taken (409)': x.conflicts, 'expected 201': x.expectedCreated, errors: x.errors, timeouts: x.timeouts,
  })))
  printTable('median and checks', [{
    'req/s': summary.requestsPerSecond, 'bookings/s': summary.bookingsCreatedPerSecond, 'p50 ms': summary.p50Ms, 'p99 ms': summary.p99Ms,
    'overlapping bookings (SQL)': overlaps, 'contested slots with exactly 1': `${correct.contestedSlotsWithOneBooking}/${correct.contestedSlots}`,
    'every uncontested created': correct.allRunsCreatedExpected ? 'yes' : 'NO',
  }])
  const file = writeResult('booking-contention', {
    setup: { connections: CONNECTIONS, requestsPerRun: REQUESTS, contestedSlotsPerRun: CONTESTED_SLOTS, rooms: ROOMS + 1, runs: RUNS, poolSize: 10, warmupRequests: 200 },
    summary, correct, runs: runs.map((x) => ({ rps: round(x.rps, 0), p50: x.p50, p99: x.p99, statuses: x.statuses, errors: x.errors })),
  })
  console.log(`\nwrote ${file}`)
  if (overlaps !== 0) process.exitCode = 1
} finally {
  await t.close()
}
