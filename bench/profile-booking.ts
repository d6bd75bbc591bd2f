/**
 * Diagnostic for booking-contention: where a rejected booking's time goes. A listening kernel with members, spaces
 * and bookings; one slot booked; then every request asks for that slot again (409) from 10 keep-alive connections of a
 * separate load process for `DURATION` s (default 8) after a 2 s warm-up. `PROFILE=<dir>` writes a V8 CPU profile of
 * the load phase (node:inspector), to be read by `node bench/lib/cpuprofile-summary.ts <dir>`. Prints the rate and the
 * server CPU per request (this process's `process.cpuUsage()` over the load).
 *   PROFILE=/tmp/prof node bench/profile-booking.ts
 */
import { Session } from 'node:inspector/promises'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestKernel } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import { bookingWorld, hourFromNow } from './lib/booking-world.ts'
import { runLoad } from './lib/load.ts'
import { round } from './lib/stats.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

const t = await createTestKernel({ plugins: [members, spaces, bookings], captureEvents: false, config: benchKernelConfig({ poolSize: 10 }) })
try {
  const w = await bookingWorld(t, 1, 10)
  const start = hourFromNow(48)
  const bodies = w.personIds.map((personId) => JSON.stringify({ resourceId: w.roomIds[0], personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() }))
  const url = `${await t.kernel.listen()}/api/v1/bookings/bookings`
  const first = await fetch(url, { method: 'POST', headers: { cookie: w.cookie, 'content-type': 'application/json' }, body: bodies[0] })
  if (first.status !== 201) throw new Error(`the first booking: ${first.status} ${await first.text()}`)
  await runLoad({ url, method: 'POST', connections: 10, duration: 2, bodies, headers: { cookie: w.cookie } }) // warm-up
  const session = process.env.PROFILE ? new Session() : undefined
  if (session) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  const cpu0 = process.cpuUsage()
  const res = await runLoad({ url, method: 'POST', connections: 10, duration: Number(process.env.DURATION ?? 8), bodies, headers: { cookie: w.cookie } })
  const cpu = process.cpuUsage(cpu0)
  if (session) {
    const { profile } = await session.post('Profiler.stop')
    mkdirSync(process.env.PROFILE!, { recursive: true })
    writeFileSync(join(process.env.PROFILE!, `booking-${Date.now()}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
  console.log(`load: ${round(res.rps, 0)} req/s, p99 ${res.p99} ms, requests ${res.total}, statuses ${JSON.stringify(res.statuses)}; server CPU ${round((cpu.user + cpu.system) / res.total, 0)} µs per request`)
} finally {
  await t.close()
}
