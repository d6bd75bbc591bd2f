/**
 * `pnpm bench`: runs every benchmark under bench/ one after another, each in its own Node process (so one's memory
 * and event loop never affect the next), streams their tables, and lists the result files at the end.
 *   pnpm bench                      all of them (~8 minutes on 2 cores)
 *   pnpm bench kernel-overhead ui   only those whose name contains one of the words
 * Environment knobs (for quick runs): BENCH_ROUNDS, BENCH_DURATION, BENCH_SCALES, BENCH_UI_RUNS.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { machine, printTable, round } from './lib/stats.ts'

const BENCHMARKS = ['kernel-overhead', 'booking-contention', 'tenant-scale', 'jobs-events', 'ui', 'unlock-latency']
const filters = process.argv.slice(2)
const selected = BENCHMARKS.filter((b) => !filters.length || filters.some((f) => b.includes(f)))
const m = machine()
console.log(`Tessera benchmarks on ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}, ${m.os} — ${m.date}`)

const rows = []
let failed = false
const all = performance.now()
for (const name of selected) {
  console.log(`\n=== ${name} ===`)
  const start = performance.now()
  const r = spawnSync(process.execPath, [join(import.meta.dirname, `${name}.ts`)], { stdio: 'inherit', cwd: join(import.meta.dirname, '..') })
  const ok = r.status === 0
  failed ||= !ok
  rows.push({ benchmark: name, status: ok ? 'ok' : `FAILED (${r.status ?? r.signal})`, seconds: round((performance.now() - start) / 1000, 1), result: ok ? `bench/results/${name}.json` : '' })
}
printTable(`pnpm bench: ${round((performance.now() - all) / 1000, 0)} s`, rows)
process.exit(failed ? 1 : 0)
