/**
 * Booking contention, through the bookings API of a listening kernel (load from another process):
 * - mixed: many clients at once, half of the requests on a few contested slots of one room (100 requests per slot),
 *   the other half on distinct free slots — throughput, p50/p99, exactly one 201 per contested slot and every
 *   uncontested request created;
 * - one slot (issue 15's goal): 200 concurrent clients, one request each, all for the same slot — p99 and the number
 *   of 201s (exactly one);
 * - the machine's floor for that load: the same 200 clients and bodies against a bare `node:http` server in this process
 *   that answers 409 at once, in rounds interleaved with the one-slot rounds — what opening 200 connections and
 *   answering them costs here with no kernel, no database and no work;
 * - server CPU per request in those rounds (`process.cpuUsage()` of this process, which holds the kernel and the floor
 *   server; the load comes from another process), the kernel's and the floor's, and their ratio (the headline); what
 *   the process burns with no request at all (the kernel's timers and job polling, measured over an idle window
 *   first) is subtracted for the length of each round; and the database round trips per request in the one-slot
 *   rounds (`pg` queries outside the job system's pool);
 * then a SQL check that no two active bookings overlap on one resource and seat.
 *   node bench/booking-contention.ts [--quick] [--runs=N]
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTestKernel, countRoundTrips } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import { bookingWorld, hourFromNow } from './lib/booking-world.ts'
import { runLoad } from './lib/load.ts'
import type { LoadResult } from './lib/load.ts'
import { defineBenchmark } from './lib/repeat.ts'
import { median, printTable, round } from './lib/stats.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

const CONTESTED_SLOTS = 5
const CONNECTIONS = 20
const ROOMS = 10
const ONE_SLOT_CLIENTS = 200
/** How long the process's CPU with no request at all is measured before the one-slot rounds. */
const IDLE_WINDOW_MS = 3000

await defineBenchmark({
  name: 'booking-contention',
  title: 'booking-contention: concurrent bookings through the API',
  metrics: {
    oneSlotP99Ms: { label: `${ONE_SLOT_CLIENTS} clients on one slot: p99`, unit: 'ms', digits: 0 },
    oneSlotFloorP99Ms: { label: `${ONE_SLOT_CLIENTS} clients, bare node:http answering 409 at once: p99 (the machine's floor)`, unit: 'ms', digits: 0 },
    oneSlotCpuRatio: { label: 'one slot: server CPU per request, kernel ÷ floor (headline)', unit: '×', digits: 2 },
    oneSlotCpuUs: { label: 'one slot: kernel server CPU per request', unit: 'µs', digits: 0 },
    oneSlotFloorCpuUs: { label: 'one slot: floor server CPU per request', unit: 'µs', digits: 0 },
    oneSlotRoundTrips: { label: 'one slot: database round trips per request (the job system\'s own not counted)', digits: 2 },
    idleCpuUsPerS: { label: 'process CPU with no request (subtracted above)', unit: 'µs/s', digits: 0 },
    oneSlotCreated: { label: `${ONE_SLOT_CLIENTS} clients on one slot: 201s (worst round)`, digits: 0 },
    failedRequests: { label: 'requests answered neither 201 nor 409, or not at all (errors, timeouts; all rounds)', digits: 0 },
    overlappingBookings: { label: 'overlapping active bookings (SQL)', digits: 0 },
    mixedRps: { label: 'mixed load: throughput', unit: 'req/s', digits: 0 },
    mixedBookingsPerSecond: { label: 'mixed load: bookings created', unit: '/s', digits: 0 },
    mixedP50Ms: { label: 'mixed load: p50', unit: 'ms', digits: 0 },
    mixedP99Ms: { label: 'mixed load: p99', unit: 'ms', digits: 0 },
    contestedSlotsNotExactlyOne: { label: 'contested slots without exactly one booking', digits: 0 },
    roundsMissingUncontested: { label: 'mixed rounds where an uncontested request was not created', digits: 0 },
  },
  async run({ quick }) {
    const ROUNDS = quick ? 1 : 3
    const REQUESTS = quick ? 400 : 1000
    let floorServer: ReturnType<typeof createServer> | undefined
    const t = await createTestKernel({
      plugins: [members, spaces, bookings], captureEvents: false,
      config: benchKernelConfig({ poolSize: 10 }),
    })
    try {
      const w = await bookingWorld(t, ROOMS + 2, 10)
      const contestedRoom = w.roomIds[ROOMS]
      const oneSlotRoom = w.roomIds[ROOMS + 1]
      const url = `${await t.kernel.listen()}/api/v1/bookings/bookings`
      // the floor: reads the body, answers a problem at once
      floorServer = createServer((req, res) => {
        req.resume()
        req.on('end', () => {
          res.writeHead(409, { 'content-type': 'application/problem+json' })
          res.end('{"type":"about:blank","title":"Conflict","status":409,"detail":"The resource is already booked at that time."}')
        })
      })
      await new Promise<void>((resolve) => floorServer!.listen(0, '127.0.0.1', resolve))
      const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/api/v1/bookings/bookings`
      const booking = (resourceId: string, personId: string, start: Date) =>
        JSON.stringify({ resourceId, personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() })

      /** Request bodies of one mixed round: contested and distinct ones interleaved; `dayOffset` keeps rounds apart. */
      function bodies(dayOffset: number, count: number): string[] {
        const out: string[] = []
        let distinct = 0
        for (let i = 0; i < count; i++) {
          const personId = w.personIds[i % w.personIds.length]
          if (i % 2 === 0) out.push(booking(contestedRoom, personId, hourFromNow(dayOffset * 24 + ((i / 2) % CONTESTED_SLOTS))))
          else {
            const j = distinct++
            out.push(booking(w.roomIds[j % ROOMS], personId, hourFromNow(dayOffset * 24 + CONTESTED_SLOTS + Math.floor(j / ROOMS))))
          }
        }
        return out
      }

      await runLoad({ url, method: 'POST', connections: CONNECTIONS, amount: 200, bodies: bodies(450, 200), headers: { cookie: w.cookie } }) // warm-up
      const mixed: (LoadResult & { created: number; conflicts: number; expectedCreated: number })[] = []
      for (let r = 0; r < ROUNDS; r++) {
        const res = await runLoad({ url, method: 'POST', connections: CONNECTIONS, amount: REQUESTS, bodies: bodies(2 + r * 30, REQUESTS), headers: { cookie: w.cookie } })
        mixed.push({ ...res, created: res.statuses['201'] ?? 0, conflicts: res.statuses['409'] ?? 0, expectedCreated: REQUESTS / 2 + CONTESTED_SLOTS })
      }
      // the requests' round trips, not the workers' polls and wake-ups on the job system's pool
      const queries = countRoundTrips((name) => name !== 'tessera-jobs')
      type Timed = LoadResult & { cpuUs: number; roundTrips: number }
      const cpuSince = (before: NodeJS.CpuUsage) => {
        const used = process.cpuUsage(before)
        return used.user + used.system
      }
      const idleStart = process.cpuUsage()
      const idleFrom = performance.now()
      await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS))
      const idleUsPerMs = cpuSince(idleStart) / (performance.now() - idleFrom)
      /** One load round with this process's CPU per request over it (user + system, µs, idle subtracted). */
      const timed = async (options: Parameters<typeof runLoad>[0]): Promise<Timed> => {
        const before = process.cpuUsage()
        const from = performance.now()
        const queriesBefore = queries.count()
        const res = await runLoad(options)
        const busy = cpuSince(before) - idleUsPerMs * (performance.now() - from)
        return { ...res, cpuUs: Math.max(0, busy) / Math.max(1, res.total), roundTrips: (queries.count() - queriesBefore) / Math.max(1, res.total) }
      }
      const oneSlot: (Timed & { created: number })[] = []
      const floor: Timed[] = []
      for (let r = 0; r < ROUNDS; r++) {
        const start = hourFromNow(24 * (200 + r))
        const all = Array.from({ length: ONE_SLOT_CLIENTS }, (_, i) => booking(oneSlotRoom, w.personIds[i % w.personIds.length], start))
        floor.push(await timed({ url: floorUrl, method: 'POST', connections: ONE_SLOT_CLIENTS, amount: ONE_SLOT_CLIENTS, bodies: all, headers: { cookie: w.cookie } }))
        const res = await timed({ url, method: 'POST', connections: ONE_SLOT_CLIENTS, amount: ONE_SLOT_CLIENTS, bodies: all, headers: { cookie: w.cookie } })
        oneSlot.push({ ...res, created: res.statuses['201'] ?? 0 })
      }
      const overlaps = (await t.adminQuery(`SELECT count(*)::int AS n FROM bookings.bookings a JOIN bookings.bookings b
          ON a.resource_id = b.resource_id AND a.seat = b.seat AND a.id < b.id AND a.during && b.during
         WHERE a.status IN ('confirmed', 'checked_in') AND b.status IN ('confirmed', 'checked_in')`)).rows[0].n as number
      // every mixed round's and the warm-up's contested slots
      const perSlot = (await t.adminQuery(`SELECT count(*)::int AS n FROM bookings.bookings WHERE resource_id = $1 AND status = 'confirmed' GROUP BY lower(during)`, [contestedRoom])).rows.map((r) => r.n as number)

      printTable(`booking-contention run: mixed (${CONNECTIONS} connections, ${REQUESTS} requests per round, half on ${CONTESTED_SLOTS} contested slots)`, mixed.map((x, i) => ({
        round: i + 1, 'req/s': round(x.rps, 0), 'p50 ms': x.p50, 'p99 ms': x.p99, 'created (201)': x.created, 'taken (409)': x.conflicts, 'expected 201': x.expectedCreated, errors: x.errors, timeouts: x.timeouts,
      })))
      printTable(`booking-contention run: ${ONE_SLOT_CLIENTS} concurrent clients on one slot`, oneSlot.map((x, i) => ({
        round: i + 1, 'p50 ms': x.p50, 'p99 ms': x.p99, 'max ms': x.max, 'floor p99 ms': floor[i].p99, 'CPU µs/req': round(x.cpuUs, 0), 'floor CPU µs/req': round(floor[i].cpuUs, 0), 'round trips/req': round(x.roundTrips, 2), 'created (201)': x.created, statuses: JSON.stringify(x.statuses), errors: x.errors, timeouts: x.timeouts,
      })))
      printTable('checks', [{ 'overlapping bookings (SQL)': overlaps, 'contested slots with exactly 1': `${perSlot.filter((n) => n === 1).length}/${perSlot.length}` }])
      return {
        metrics: {
          oneSlotP99Ms: median(oneSlot.map((x) => x.p99)),
          oneSlotFloorP99Ms: median(floor.map((x) => x.p99)),
          oneSlotCpuRatio: round(median(oneSlot.map((x, i) => x.cpuUs / floor[i].cpuUs)), 2),
          oneSlotCpuUs: round(median(oneSlot.map((x) => x.cpuUs)), 0),
          oneSlotFloorCpuUs: round(median(floor.map((x) => x.cpuUs)), 0),
          oneSlotRoundTrips: round(median(oneSlot.map((x) => x.roundTrips)), 2),
          idleCpuUsPerS: round(idleUsPerMs * 1000, 0),
          // the round furthest from exactly one 201
          oneSlotCreated: oneSlot.map((x) => x.created).sort((a, b) => Math.abs(b - 1) - Math.abs(a - 1))[0],
          overlappingBookings: overlaps,
          failedRequests: [...mixed, ...oneSlot].reduce((n, x) => n + x.total - (x.statuses['201'] ?? 0) - (x.statuses['409'] ?? 0) + x.errors, 0),
          mixedRps: round(median(mixed.map((x) => x.rps)), 0),
          mixedBookingsPerSecond: round(median(mixed.map((x) => (x.created / x.total) * x.rps)), 0),
          mixedP50Ms: median(mixed.map((x) => x.p50)), mixedP99Ms: median(mixed.map((x) => x.p99)),
          contestedSlotsNotExactlyOne: perSlot.filter((n) => n !== 1).length,
          roundsMissingUncontested: mixed.filter((x) => x.created !== x.expectedCreated).length,
        },
        setup: { connections: CONNECTIONS, requestsPerRound: REQUESTS, contestedSlotsPerRound: CONTESTED_SLOTS, rooms: ROOMS + 2, rounds: ROUNDS, poolSize: 10, warmupRequests: 200, oneSlotClients: ONE_SLOT_CLIENTS },
        details: {
          mixed: mixed.map((x) => ({ rps: round(x.rps, 0), p50: x.p50, p99: x.p99, statuses: x.statuses, errors: x.errors, timeouts: x.timeouts })),
          oneSlot: oneSlot.map((x) => ({ p50: x.p50, p99: x.p99, max: x.max, cpuUs: round(x.cpuUs, 0), roundTrips: round(x.roundTrips, 2), statuses: x.statuses, errors: x.errors, timeouts: x.timeouts })),
          floor: floor.map((x) => ({ p50: x.p50, p99: x.p99, max: x.max, cpuUs: round(x.cpuUs, 0), statuses: x.statuses, errors: x.errors })),
          contestedSlotCounts: perSlot,
        },
      }
    } finally {
      floorServer?.close()
      await t.close()
    }
  },
}, import.meta.filename)
