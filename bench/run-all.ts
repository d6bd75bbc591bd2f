/**
 * `pnpm bench`: takes a measurement of every benchmark under bench/ one after another — each benchmark makes
 * `--runs=N` (default 3) separate runs in fresh processes (`lib/repeat.ts`) and appends them to
 * `bench/results/<name>.json` — then prints every goal of issue 15 with "met"/"NO" computed from the medians of this
 * invocation's measurements. Regenerate the README's results section afterwards with `node bench/report.ts`.
 *   pnpm bench                        all of them, 3 runs each
 *   pnpm bench kernel-overhead ui     only those whose name contains one of the words
 *   pnpm bench --quick                a smoke run (short rounds; results in bench/results/quick/, never quoted)
 *   pnpm bench --runs=5               more runs per benchmark
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { BENCHMARKS } from './lib/benchmarks.ts'
import { benchOptions, optionFlags } from './lib/options.ts'
import { GOALS } from './lib/goals.ts'
import { loadAverage, machine } from './lib/machine-state.ts'
import { formatAggregate } from './lib/repeat.ts'
import { readResults } from './lib/results-file.ts'
import { printTable, round } from './lib/stats.ts'

const options = benchOptions()
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const selected = BENCHMARKS.filter((b) => !filters.length || filters.some((f) => b.includes(f)))
const m = machine()
console.log(`Tessera benchmarks on ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}, ${m.os} — ${new Date().toISOString()}, load average ${loadAverage().join(' ')}`)

const rows = []
const measuredAt: Record<string, string> = {}
let failed = false
const all = performance.now()
for (const name of selected) {
  console.log(`\n=== ${name} ===`)
  const start = performance.now()
  const before = readResults(name, options.quick, options.resultsDir).measurements.length
  const r = spawnSync(process.execPath, [join(import.meta.dirname, `${name}.ts`), ...optionFlags(options)], { stdio: 'inherit', cwd: join(import.meta.dirname, '..') })
  const after = readResults(name, options.quick, options.resultsDir).measurements
  if (after.length > before) measuredAt[name] = after[after.length - 1].at
  const ok = r.status === 0
  failed ||= !ok
  rows.push({ benchmark: name, status: ok ? 'ok' : `FAILED (${r.status ?? r.signal})`, seconds: round((performance.now() - start) / 1000, 1) })
}
printTable(`pnpm bench: ${round((performance.now() - all) / 1000, 0)} s${options.quick ? ' (--quick: smoke run, not for quoting)' : ''}`, rows)

// every goal, judged by this invocation's measurement of its benchmark
const goalRows = GOALS.map((g) => {
  if (!g.benchmark) return { goal: g.text, 'median (min–max)': '', target: `${g.op} ${g.target}`, result: 'no benchmark yet' }
  const at = measuredAt[g.benchmark]
  const measurement = at ? readResults(g.benchmark, options.quick, options.resultsDir).measurements.find((x) => x.at === at) : undefined
  const judged = measurement?.goals.find((x) => x.id === g.id)
  if (!judged) return { goal: g.text, 'median (min–max)': '', target: `${g.op} ${g.target}`, result: selected.includes(g.benchmark) ? 'not measured (run failed)' : 'not run' }
  const value = judged.over === 'every run' ? `worst run ${round(judged.value, 3)}` : formatAggregate(measurement!.aggregate[judged.metric], 3)
  return { goal: g.text, 'median (min–max)': value, target: `${g.op} ${g.target}`, result: judged.met ? 'met' : 'NO' }
})
printTable(`goals of issue 15 (median over the separate runs; "every run": the worst run)`, goalRows)
process.exit(failed ? 1 : 0)
