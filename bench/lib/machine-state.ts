/**
 * What a measurement was taken on and in what state: the machine (cores, CPU, memory, Node, OS), the commit (and how
 * many files of the working tree differed from it) and the load average — noted at the start and end of every run,
 * so that a run on a busy machine is recognisable in the results file.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')

/** The machine the figures come from. */
export function machine() {
  const c = cpus()
  return {
    cores: c.length, cpu: c[0]?.model ?? 'unknown', memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version, os: `${platform()} ${release()}`,
  }
}

/** The 1, 5 and 15 minute load averages, rounded to 2 digits. */
export function loadAverage(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100)
}

/**
 * The checked-out commit and the number of files that differ from it (`git status --porcelain`), not counting the
 * results files under `bench/results/` that the benchmarks themselves append to.
 */
export function commit(): { sha: string; changedFiles: number } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  try {
    return { sha: git('rev-parse', 'HEAD').trim(), changedFiles: git('status', '--porcelain').split('\n').filter((l) => l && !l.slice(3).startsWith('bench/results/')).length }
  } catch {
    return { sha: 'unknown', changedFiles: -1 }
  }
}

/**
 * Whether the machine counts as busy for a run that started at load average `start`: the 1-minute load above half
 * the cores before the run began means other work was competing for the CPU.
 */
export function busyAtStart(start: number[], cores: number): boolean {
  return (start[0] ?? 0) > cores / 2
}

/**
 * Waits until the 1-minute load average is at most half the cores, for at most `maxSeconds`, printing progress. The
 * load average lags by about a minute, so without this wait a benchmark started right after another (as `pnpm bench`
 * does) sees the previous benchmark's own load and is recorded as started on a busy machine. Returns the seconds
 * waited; when the load does not settle in time (other work is running) the measurement starts anyway and is marked busy.
 */
export async function waitForQuiet(cores: number, maxSeconds = 150): Promise<number> {
  const started = performance.now()
  let announced = false
  while (busyAtStart(loadAverage(), cores) && performance.now() - started < maxSeconds * 1000) {
    if (!announced) console.log(`waiting for the load to settle (1-minute load ${loadAverage()[0]} > ${cores / 2}; at most ${maxSeconds} s)…`)
    announced = true
    await new Promise((resolve) => setTimeout(resolve, 5000))
  }
  return Math.round((performance.now() - started) / 100) / 10
}

/** CPU time counters of the whole machine and of this process's waited-for descendants (Linux `/proc`). */
export interface CpuSnapshot {
  at: number
  machineBusyTicks: number
  machineTicks: number
  childrenTicks: number
}

/** Reads the counters (`undefined` where `/proc` is not available). */
export function cpuSnapshot(): CpuSnapshot | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
    const total = cpu.slice(0, 8).reduce((s, x) => s + x, 0)
    const idle = cpu[3] + cpu[4]
    // /proc/self/stat: fields after the ")" — cutime and cstime are the 14th and 15th (1-based 16, 17 of the line)
    const self = readFileSync('/proc/self/stat', 'utf8')
    const f = self.slice(self.lastIndexOf(')') + 2).split(' ')
    return { at: performance.now(), machineBusyTicks: total - idle, machineTicks: total, childrenTicks: Number(f[13]) + Number(f[14]) }
  } catch {
    return undefined
  }
}

/**
 * Shares of the machine's CPU capacity between two snapshots taken around a child run that has exited: all busy
 * time, the run's own process tree (the benchmark, its servers and load generators), and the rest — other users of
 * the machine plus PostgreSQL (which serves the benchmark, so it is never zero). A quiet machine shows `others` at
 * roughly PostgreSQL's share; more means the run competed with other work.
 */
export function cpuShares(a: CpuSnapshot | undefined, b: CpuSnapshot | undefined) {
  if (!a || !b || b.machineTicks <= a.machineTicks) return undefined
  const total = b.machineTicks - a.machineTicks
  const busy = (b.machineBusyTicks - a.machineBusyTicks) / total
  const mine = Math.min(busy, (b.childrenTicks - a.childrenTicks) / total)
  const r = (x: number) => Math.round(x * 1000) / 1000
  return { machineBusy: r(busy), thisBenchmark: r(mine), othersAndPostgres: r(busy - mine) }
}
