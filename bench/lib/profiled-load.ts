/**
 * The load phase of the diagnostics (`profile-kernel.ts`, `profile-booking.ts`, `profile-mutation.ts`): a warm-up,
 * then the measured load from a separate load process against a server in this process; with `PROFILE=<dir>` a V8 CPU
 * profile of the measured phase only (node:inspector) is written there as `<name>-<time>.cpuprofile`, to be read by
 * `lib/cpuprofile-summary.ts` or `lib/cpuprofile-layers.ts`. `DURATION` (s, default 8) sets the measured phase.
 */
import { Session } from 'node:inspector/promises'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runLoad } from './load.ts'
import type { LoadOptions } from './load.ts'
import { round } from './stats.ts'

/**
 * Warms up for 2 s, then runs `options` for `DURATION` s, profiling it when `PROFILE` is set; prints one line: the
 * rate, the statuses and this process's CPU per request with the part spent in the operating system (system calls:
 * socket reads and writes) — on-CPU time, unlike a V8 profile's samples, which are taken by the clock and charge a
 * call to whatever the thread was doing when it was descheduled.
 */
export async function profiledLoad(name: string, options: LoadOptions): Promise<void> {
  await runLoad({ ...options, duration: 2 })
  const dir = process.env.PROFILE
  const session = dir ? new Session() : undefined
  if (session) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  const cpu0 = process.cpuUsage()
  const res = await runLoad({ ...options, duration: Number(process.env.DURATION ?? 8) })
  const cpu = process.cpuUsage(cpu0)
  if (session) {
    const { profile } = await session.post('Profiler.stop')
    mkdirSync(dir!, { recursive: true })
    writeFileSync(join(dir!, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
  console.log(`load: ${round(res.rps, 0)} req/s, p99 ${res.p99} ms, requests ${res.total}, statuses ${JSON.stringify(res.statuses)}; ` +
    `server CPU ${round((cpu.user + cpu.system) / res.total, 0)} µs per request, of which in system calls ${round(cpu.system / res.total, 0)} µs`)
}
