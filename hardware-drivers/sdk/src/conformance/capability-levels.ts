/**
 * Capability levels of a conformance suite. Each check belongs to a level (for locks: `relay`, `sensor`,
 * `fail-secure`; for printers: `print`, `cancel`, `states`, `recovery`). A check that cannot run says why, in one
 * of two ways: the driver does not claim the capability (`notClaimed`: nothing to verify) or it claims it but the
 * harness gives the suite no way to exercise it (`unverified`: a gap in the test, not in the driver). The last
 * test of the suite prints one line per level — passed, failed, not claimed, or not tested and why — then one
 * summary line (`levelSummary`), and fails when a level failed, when a claimed level went untested or when a level
 * the caller expects (`expectLevels`) did not pass, so a missing harness handle can never pass as a silent skip.
 */
import type { TestContext } from 'node:test'

/** Outcome of one level. */
export type LevelStatus = 'passed' | 'failed' | 'not-claimed' | 'not-tested'

/** One level's checks and outcome. */
export interface LevelResult {
  status: LevelStatus
  /** Names of the checks that ran and passed. */
  passed: string[]
  /** Names of the checks that failed. */
  failed: string[]
  /** Checks that could not run, with the reason. */
  skipped: { check: string; reason: string; claimed: boolean }[]
}

/** What a suite found, level by level; filled in as its tests run. */
export interface ConformanceReport<L extends string> {
  suite: string
  levels: Record<L, LevelResult>
}

/** Thrown by a check to say it cannot run. */
export class CheckNotApplicable extends Error {
  readonly claimed: boolean
  /**
   * @param reason - why the check cannot run
   * @param claimed - whether the driver claims the capability (then the harness is at fault)
   */
  constructor(reason: string, claimed: boolean) {
    super(reason)
    this.claimed = claimed
  }
}

/**
 * Stop a check because the driver does not claim what it needs (e.g. no door sensor).
 *
 * @param reason - shown in the report
 * @returns never
 */
export function notClaimed(reason: string): never {
  throw new CheckNotApplicable(reason, false)
}

/**
 * Stop a check because the harness cannot exercise a capability the driver claims.
 *
 * @param reason - shown in the report
 * @returns never
 */
export function unverified(reason: string): never {
  throw new CheckNotApplicable(reason, true)
}

/** Tracks checks per level and produces the report. */
export class LevelTracker<L extends string> {
  readonly report: ConformanceReport<L>
  readonly #order: readonly L[]

  /**
   * @param suite - suite name
   * @param levels - the levels, in report order
   */
  constructor(suite: string, levels: readonly L[]) {
    this.#order = levels
    const entries = levels.map((l) => [l, { status: 'not-tested', passed: [], failed: [], skipped: [] } as LevelResult])
    this.report = { suite, levels: Object.fromEntries(entries) as Record<L, LevelResult> }
  }

  /**
   * Run one check of a level inside a `node:test` test, recording its outcome.
   *
   * @param level - the level it belongs to
   * @param name - the test title
   * @param t - the test context (a non-applicable check is marked skipped with its reason)
   * @param body - the check; throws `CheckNotApplicable` (via `notClaimed`/`unverified`) to skip
   */
  async run(level: L, name: string, t: TestContext, body: () => Promise<void>): Promise<void> {
    const result = this.report.levels[level]
    try {
      await body()
      result.passed.push(name)
    } catch (error) {
      if (error instanceof CheckNotApplicable) {
        result.skipped.push({ check: name, reason: error.message, claimed: error.claimed })
        t.skip(`${level}: ${error.message}`)
        return
      }
      result.failed.push(name)
      throw error
    }
  }

  /**
   * Settle every level's status, print one diagnostic line per level and fail on a claimed-but-untested level or
   * an expected level that did not pass.
   *
   * @param t - the summary test's context
   * @param expectLevels - levels that must pass
   */
  summarise(t: TestContext, expectLevels: readonly L[] = []): void {
    const problems: string[] = []
    for (const level of this.#order) {
      const r = this.report.levels[level]
      const gap = r.skipped.find((s) => s.claimed)
      if (r.failed.length > 0) r.status = 'failed'
      else if (gap) r.status = 'not-tested'
      else if (r.passed.length === 0 && r.skipped.length > 0) r.status = 'not-claimed'
      else if (r.passed.length > 0) r.status = 'passed'
      else r.status = 'not-tested'
      const why = r.failed.length > 0 ? `failed: ${r.failed.join('; ')}` : gap ? `not tested: ${gap.reason}` : r.skipped[0]?.reason ?? ''
      t.diagnostic(`${level}: ${r.status} (${r.passed.length} passed, ${r.failed.length} failed, ${r.skipped.length} skipped)${why ? ` — ${why}` : ''}`)
      if (r.status === 'failed') problems.push(`${level} failed: ${r.failed.join('; ')}`)
      else if (gap) problems.push(`${level} is claimed by the driver but was not tested: ${gap.reason}`)
      else if (expectLevels.includes(level) && r.status !== 'passed') problems.push(`${level} was expected to pass but is ${r.status}${why ? ` (${why})` : ''}`)
    }
    t.diagnostic(levelSummary(this.report))
    if (problems.length > 0) throw new Error(`${this.report.suite}: ${problems.join('; ')}`)
  }
}

/**
 * One line naming each level's outcome, e.g. `levels: relay passed, sensor not claimed, fail-secure passed`.
 *
 * @param report - a suite's report (after its summary test ran)
 * @returns the line
 */
export function levelSummary<L extends string>(report: ConformanceReport<L>): string {
  const parts = Object.entries<LevelResult>(report.levels).map(([level, r]) => `${level} ${r.status.replace('-', ' ')}`)
  return `levels: ${parts.join(', ')}`
}
