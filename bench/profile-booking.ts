/**
 * Diagnostic for booking-contention: where a rejected booking's time goes. A listening kernel with members, spaces
 * and bookings; one slot booked; then every request asks for that slot again (409) from 10 keep-alive connections of a
 * separate load process for `DURATION` s (default 8) after a 2 s warm-up. `PROFILE=<dir>` writes a V8 CPU profile of
 * the load phase (node:inspector), to be read by `node bench/lib/cpuprofile-summary.ts <dir>`. Prints the rate and the
 * server CPU per request (this process's `process.cpuUsage()` over the load).
 *   PROFILE=/tmp/prof node bench/profile-booking.ts
 */
import { createTestKernel } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import { bookingWorld, hourFromNow } from './lib/booking-world.ts'
import { profiledLoad } from './lib/profiled-load.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

const t = await createTestKernel({ plugins: [members, spaces, bookings], captureEvents: false, config: benchKernelConfig({ poolSize: 10 }) })
try {
  const w = await bookingWorld(t, 1, 10)
  const start = hourFromNow(48)
  const bodies = w.personIds.map((personId) => JSON.stringify({ resourceId: w.roomIds[0], personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() }))
  const url = `${await t.kernel.listen()}/api/v1/bookings/bookings`
  const first = await fetch(url, { method: 'POST', headers: { cookie: w.cookie, 'content-type': 'application/json' }, body: bodies[0] })
  if (first.status !== 201) throw new Error(`the first booking: ${first.status} ${await first.text()}`)
  await profiledLoad('booking', { url, method: 'POST', connections: 10, bodies, headers: { cookie: w.cookie } })
} finally {
  await t.close()
}
