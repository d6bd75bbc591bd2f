/**
 * The measurement runner every benchmark uses: `defineBenchmark(spec)` at the end of a benchmark script makes
 * `node bench/<name>.ts` take N separate runs — each a fresh Node process running the benchmark once (its own servers,
 * caches, JIT and GC state) — collect each run's metrics, compute their median and min–max, print them and the
 * benchmark's goals (met/NO from the medians, see `goals.ts`), and append the whole measurement — every run's raw
 * result, the commit, the machine, the load average at each run's start and end and the CPU used by other processes
 * — to `bench/results/<name>.json`. A run is the same script started with `--run=<i>`: it calls `spec.run` once and
 * prints one result line for the parent.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { benchOptions } from './options.ts'
import type { BenchOptions } from './options.ts'
import { GOALS, meets } from './goals.ts'
import { busyAtStart, commit, cpuShares, cpuSnapshot, loadAverage, machine, waitForQuiet } from './machine-state.ts'
import { appendMeasurement } from './results-file.ts'
import type { Aggregate, GoalResult, Measurement, RunRecord } from './results-file.ts'
import { median, printTable, round } from './stats.ts'

/** How a metric is shown. */
export interface MetricSpec {
  label: string
  unit?: string
  /** Digits after the point when printed (default 2). */
  digits?: number
}

/** What one run returns: flat numeric metrics (aggregated over the runs) plus its raw details (kept as they are). */
export interface RunOutput {
  metrics: Record<string, number>
  setup?: Record<string, unknown>
  details?: unknown
}

/** A benchmark: its name (= file name and results file), the metrics it reports and one run. */
export interface BenchmarkSpec {
  name: string
  title: string
  metrics: Record<string, MetricSpec>
  run(options: BenchOptions): Promise<RunOutput>
}

const RESULT_PREFIX = '@@bench-run-result@@ '

/** Median, min and max of each metric over the successful runs. */
export function aggregate(runs: RunRecord[], metrics: string[]): Record<string, Aggregate> {
  const ok = runs.filter((r) => r.ok)
  return Object.fromEntries(metrics.map((m) => {
    const values = ok.map((r) => r.metrics[m]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
    return [m, { median: median(values), min: values.length ? Math.min(...values) : NaN, max: values.length ? Math.max(...values) : NaN, values }]
  }))
}

/** The goals of `benchmark`, judged on the aggregates (median, or the worst run for 'every run' goals). */
export function judgeGoals(benchmark: string, agg: Record<string, Aggregate>): GoalResult[] {
  return GOALS.filter((g) => g.benchmark === benchmark && g.metric).map((g) => {
    const a = agg[g.metric!]
    let value = a?.median ?? NaN
    if (g.over === 'every run' && a?.values.length) {
      value = a.values.find((v) => !meets(g, v)) ?? a.values[0]
    }
    return { id: g.id, text: g.text, metric: g.metric!, op: g.op, target: g.target, over: g.over, value, met: meets(g, value) }
  })
}

/** "median (min–max)" of an aggregate, for tables. */
export function formatAggregate(a: Aggregate | undefined, digits = 2): string {
  if (!a || !a.values.length) return '—'
  const f = (x: number) => round(x, digits).toLocaleString('en-US', { maximumFractionDigits: digits })
  return a.values.length === 1 ? `${f(a.median)} (1 run)` : `${f(a.median)} (${f(a.min)}–${f(a.max)})`
}

function runChild(script: string, index: number, options: BenchOptions): Promise<{ output?: RunOutput; error?: string }> {
  return new Promise((resolve) => {
    const args = [script, `--run=${index}`, ...(options.quick ? ['--quick'] : [])]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let output: RunOutput | undefined
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(RESULT_PREFIX)) output = JSON.parse(line.slice(RESULT_PREFIX.length)) as RunOutput
      else console.log(line)
    })
    child.on('error', (err) => resolve({ error: String(err) }))
    child.on('close', (code, signal) => {
      if (code === 0 && output) resolve({ output })
      else resolve({ error: `run ${index} exited with ${code ?? signal}${output ? '' : ' without a result'}` })
    })
  })
}

/** Runs one measurement of `spec` (N separate runs), prints it and appends it to the results file. */
async function measure(spec: BenchmarkSpec, script: string, options: BenchOptions): Promise<Measurement> {
  const m = machine()
  // the previous benchmark's own load must not mark this one busy (smoke runs are never quoted: no wait)
  if (!options.quick && !options.noQuietWait) await waitForQuiet(m.cores)
  const started = performance.now()
  const at = new Date().toISOString()
  const loadStart = loadAverage()
  console.log(`${spec.name}: ${options.runs} separate run${options.runs === 1 ? '' : 's'}${options.quick ? ' (--quick: smoke run, not for quoting)' : ''}; load average at start ${loadStart.join(' ')}`)
  const runs: RunRecord[] = []
  for (let i = 1; i <= options.runs; i++) {
    console.log(`\n--- ${spec.name}: run ${i}/${options.runs} ---`)
    const load0 = loadAverage()
    const cpu0 = cpuSnapshot()
    const t0 = performance.now()
    const startedAt = new Date().toISOString()
    const { output, error } = await runChild(script, i, options)
    const cpu = cpuShares(cpu0, cpuSnapshot())
    runs.push({
      index: i, startedAt, seconds: round((performance.now() - t0) / 1000, 1), ok: !error, ...(error ? { error } : {}),
      loadavg: { start: load0, end: loadAverage() }, ...(cpu ? { cpu } : {}),
      metrics: output?.metrics ?? {}, setup: output?.setup, details: output?.details,
    })
    if (error) console.error(`${spec.name}: ${error}`)
  }
  const agg = aggregate(runs, Object.keys(spec.metrics))
  const goals = judgeGoals(spec.name, agg)
  const measurement: Measurement = {
    at, commit: commit(), quick: options.quick, machine: m, loadavg: { start: loadStart, end: loadAverage() },
    busyAtStart: busyAtStart(loadStart, m.cores), seconds: round((performance.now() - started) / 1000, 1),
    metrics: Object.fromEntries(Object.entries(spec.metrics).map(([k, v]) => [k, { label: v.label, ...(v.unit ? { unit: v.unit } : {}), ...(v.digits !== undefined ? { digits: v.digits } : {}) }])),
    runs, aggregate: agg, goals,
  }
  printTable(`${spec.title} — median (min–max) over ${runs.filter((r) => r.ok).length} of ${runs.length} separate runs`, Object.entries(spec.metrics).map(([k, v]) => ({
    metric: v.unit ? `${v.label} (${v.unit})` : v.label, 'median (min–max)': formatAggregate(agg[k], v.digits),
    runs: agg[k].values.map((x) => round(x, v.digits ?? 2)).join(' / '),
  })))
  printTable('machine state per run', runs.map((r) => ({
    run: r.index, ok: r.ok ? 'yes' : 'FAILED', seconds: r.seconds, 'load avg start': r.loadavg.start.join(' '), 'load avg end': r.loadavg.end.join(' '),
    'CPU: machine busy': r.cpu ? `${round(r.cpu.machineBusy * 100, 0)} %` : '—', 'this benchmark': r.cpu ? `${round(r.cpu.thisBenchmark * 100, 0)} %` : '—',
    'others + PostgreSQL': r.cpu ? `${round(r.cpu.othersAndPostgres * 100, 0)} %` : '—',
  })))
  if (goals.length) printGoals(goals)
  const file = appendMeasurement(spec.name, measurement, options.resultsDir)
  console.log(`\nappended to ${file}${measurement.busyAtStart ? ` — the machine was busy at the start (load ${loadStart[0]} on ${m.cores} cores): do not quote` : ''}`)
  return measurement
}

/** Prints goals with "met"/"NO". */
export function printGoals(goals: GoalResult[], title = 'goals (judged on the median over the runs; "every run" goals on the worst run)'): void {
  printTable(title, goals.map((g) => ({ goal: g.text, value: round(g.value, 3), target: `${g.op} ${g.target}`, 'judged on': g.over, result: g.met ? 'met' : 'NO' })))
}

/**
 * The entry point of a benchmark script. Without `--run` it takes a measurement (`--runs=N` separate runs, default 3)
 * and exits non-zero if a run failed; with `--run=<i>` it runs once and prints the result line.
 */
export async function defineBenchmark(spec: BenchmarkSpec, script: string): Promise<void> {
  const options = benchOptions()
  if (options.runIndex !== undefined) {
    const output = await spec.run(options)
    const missing = Object.keys(spec.metrics).filter((k) => typeof output.metrics[k] !== 'number')
    if (missing.length) throw new Error(`${spec.name}: the run did not report ${missing.join(', ')}`)
    // exit once the line is out, even if a library left a handle open
    process.stdout.write(RESULT_PREFIX + JSON.stringify(output) + '\n', () => process.exit(0))
    return
  }
  const m = await measure(spec, script, options)
  if (m.runs.some((r) => !r.ok)) process.exitCode = 1
}
