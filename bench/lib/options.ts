/**
 * Command-line options shared by every benchmark (`node bench/<name>.ts [--quick] [--runs=N]`):
 * - `--quick`: a smoke run (short durations, few rounds) to check that the benchmark works; its results go to
 *   `bench/results/quick/` (not committed) and are never quoted;
 * - `--runs=N`: separate runs (separate processes) to take the median and min–max over (default and minimum for a
 *   quotable measurement: 3);
 * - `--results-dir=<dir>`: write the measurement there instead of `bench/results/` (the tests use it);
 * - `--no-quiet-wait`: start at once instead of waiting (up to 150 s) for the load to settle — the measurement is
 *   still marked busy when it started busy, so it is not quoted (the tests use it: their machine is never quiet);
 * - `--run=<i>`: internal — this process is run number i of a measurement: run once and print the result line.
 */

/** The parsed options of one benchmark process. */
export interface BenchOptions {
  quick: boolean
  runs: number
  /** Where the measurement is appended (default `bench/results/`, or `bench/results/quick/` with `--quick`). */
  resultsDir: string | undefined
  /** Start without waiting for the load to settle (`--no-quiet-wait`). */
  noQuietWait: boolean
  /** Set in a child process started by the runner: the 1-based number of this run. */
  runIndex: number | undefined
}

/** Parses `argv` (default: this process's arguments after the script). */
export function benchOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const value = (flag: string) => argv.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3)
  const runs = Number(value('runs') ?? 3)
  const run = value('run')
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${value('runs')}`)
  return {
    quick: argv.includes('--quick'), runs, resultsDir: value('results-dir'), noQuietWait: argv.includes('--no-quiet-wait'),
    runIndex: run === undefined ? undefined : Number(run),
  }
}

/** The flags that pass `options` on to a child run (or to a benchmark started by `run-all`). */
export function optionFlags(options: Pick<BenchOptions, 'quick' | 'runs' | 'resultsDir' | 'noQuietWait'>): string[] {
  return [
    ...(options.quick ? ['--quick'] : []), `--runs=${options.runs}`, ...(options.resultsDir ? [`--results-dir=${options.resultsDir}`] : []),
    ...(options.noQuietWait ? ['--no-quiet-wait'] : []),
  ]
}
