/**
 * The results files: `bench/results/<benchmark>.json` holds every full measurement ever taken (appended, never
 * overwritten), each with its separate runs' raw results; smoke runs (`--quick`) go to `bench/results/quick/`, which
 * is not committed and never quoted.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const RESULTS_DIR = join(import.meta.dirname, '..', 'results')
export const QUICK_RESULTS_DIR = join(RESULTS_DIR, 'quick')

/** Median and range of one metric over the separate runs of a measurement. */
export interface Aggregate {
  median: number
  min: number
  max: number
  /** Every run's value, in run order. */
  values: number[]
}

/** One run (one process) of a measurement. */
export interface RunRecord {
  index: number
  startedAt: string
  seconds: number
  ok: boolean
  error?: string
  loadavg: { start: number[]; end: number[] }
  cpu?: { machineBusy: number; thisBenchmark: number; othersAndPostgres: number }
  metrics: Record<string, number>
  setup?: Record<string, unknown>
  details?: unknown
}

/** A goal as judged by one measurement. */
export interface GoalResult {
  id: string
  text: string
  metric: string
  op: string
  target: number
  over: string
  value: number
  met: boolean
}

/** One measurement: N separate runs of one benchmark, their aggregates and the goals judged on them. */
export interface Measurement {
  at: string
  commit: { sha: string; changedFiles: number }
  quick: boolean
  machine: Record<string, unknown>
  loadavg: { start: number[]; end: number[] }
  busyAtStart: boolean
  seconds: number
  metrics: Record<string, { label: string; unit?: string; digits?: number }>
  runs: RunRecord[]
  aggregate: Record<string, Aggregate>
  goals: GoalResult[]
}

/** The file of one benchmark. */
export interface ResultsFile {
  benchmark: string
  measurements: Measurement[]
}

function fileOf(benchmark: string, quick: boolean, dir?: string): string {
  return join(dir ?? (quick ? QUICK_RESULTS_DIR : RESULTS_DIR), `${benchmark}.json`)
}

/** Reads a benchmark's results (an empty list when it was never measured). */
export function readResults(benchmark: string, quick = false, dir?: string): ResultsFile {
  const file = fileOf(benchmark, quick, dir)
  if (!existsSync(file)) return { benchmark, measurements: [] }
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<ResultsFile>
  if (!Array.isArray(data.measurements)) throw new Error(`${file}: not a results file of bench/lib/results-file.ts (no "measurements")`)
  return { benchmark, measurements: data.measurements }
}

/** Appends a measurement to its benchmark's file (in `dir`, default by `m.quick`); returns the file's path. */
export function appendMeasurement(benchmark: string, m: Measurement, dir?: string): string {
  const file = fileOf(benchmark, m.quick, dir)
  mkdirSync(join(file, '..'), { recursive: true })
  const data = readResults(benchmark, m.quick, dir)
  data.measurements.push(m)
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n')
  return file
}
