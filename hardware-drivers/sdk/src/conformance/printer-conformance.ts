/**
 * The printer-driver conformance suite. `runPrinterConformance` registers `node:test` tests for what every Tessera
 * printer driver promises, in four capability levels: `print` (idle at start; a PDF job is accepted, then
 * completed, and printed exactly once; the same request id prints once however often it is sent; invalid requests
 * are refused; streams end on close), `cancel` (a queued job is cancelled and never printed), `states` (the
 * printer reports `stopped` while paused and `media-empty` without paper) and `recovery` (an offline printer gives
 * a clear `offline` refusal, and the same request id prints once it is back). The harness starts a real (or
 * simulated) printer and the driver; the last test reports which levels passed (see `capability-levels.ts`).
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { PrinterDriver, PrinterEvent, PrinterState, PrintRequest } from '../printer-driver.ts'
import { simplePdf } from '../simple-pdf.ts'
import { LevelTracker, notClaimed, unverified } from './capability-levels.ts'
import type { ConformanceReport } from './capability-levels.ts'
import { EventRecorder } from './event-recorder.ts'

/** The printer suite's capability levels. */
export type PrinterConformanceLevel = 'print' | 'cancel' | 'states' | 'recovery'

const PRINTER_LEVELS: readonly PrinterConformanceLevel[] = ['print', 'cancel', 'states', 'recovery']

/** What a harness factory returns: a started driver and handles on the printer behind it. */
export interface PrinterConformanceHarness {
  /** The driver under test, already created. */
  driver: PrinterDriver
  /** How many documents the printer has actually put out (pages in the tray, PDFs in the output folder). */
  printedCount: () => Promise<number>
  /** Stop the printer so jobs wait in its queue (IPP Pause-Printer). */
  pause?: () => Promise<void>
  /** Undo `pause`. */
  resume?: () => Promise<void>
  /** Take the paper out; omit when the printer cannot be made to run out (a real one in a test). */
  emptyMedia?: () => Promise<void>
  /** Put the paper back. */
  refillMedia?: () => Promise<void>
  /** Make the printer unreachable (server down, cable pulled). */
  kill?: () => Promise<void>
  /** Bring a killed printer back. */
  revive?: () => Promise<void>
  /** Close the driver and stop the printer. */
  close(): Promise<void>
}

/** Options of {@link runPrinterConformance}. */
export interface PrinterConformanceOptions {
  /** Suite name, e.g. `ipp (CUPS)`. */
  name: string
  /** Creates a fresh printer + driver for one test; called once per test. */
  create: () => Promise<PrinterConformanceHarness>
  /** How long a job may take to complete, and to notice state changes (ms, default 15 000). */
  timeoutMs?: number
  /** Levels that must pass (the summary test fails otherwise). */
  expectLevels?: PrinterConformanceLevel[]
  /** Skip the whole suite with this message (e.g. CUPS is not installed and cannot be). */
  skip?: string
}

/**
 * Register the conformance tests for a printer driver (call it at the top level of a `*.test.ts` file).
 *
 * @param options - suite name, harness factory, timeout, expected levels
 * @returns the report, filled in as the tests run
 */
export function runPrinterConformance(options: PrinterConformanceOptions): ConformanceReport<PrinterConformanceLevel> {
  const levels = new LevelTracker<PrinterConformanceLevel>(`printer driver conformance: ${options.name}`, PRINTER_LEVELS)
  const timeoutMs = options.timeoutMs ?? 15_000
  const job = (requestId: string, text = `Conformance ${requestId}`): PrintRequest => ({
    requestId,
    actor: { kind: 'system', id: 'conformance', via: 'test' },
    contentType: 'application/pdf',
    document: simplePdf({ lines: [text, 'Tessera printer conformance'] }),
    title: `conformance ${requestId}`,
  })

  async function withHarness(body: (h: PrinterConformanceHarness, events: EventRecorder<PrinterEvent>) => Promise<void>): Promise<void> {
    const harness = await options.create()
    const events = new EventRecorder<PrinterEvent>(harness.driver)
    try {
      await body(harness, events)
    } finally {
      await harness.close()
      await events.stop()
    }
  }
  const check = (
    level: PrinterConformanceLevel,
    name: string,
    body: (h: PrinterConformanceHarness, events: EventRecorder<PrinterEvent>) => Promise<void>,
  ): void => {
    it(name, (t) => levels.run(level, name, t, () => withHarness(body)))
  }
  const jobState = (events: EventRecorder<PrinterEvent>, requestId: string, state: string) =>
    events.waitUntil((e) => e.kind === 'job' && e.requestId === requestId && e.state === state, { timeoutMs, what: `job ${requestId} ${state}` })
  const printerState = async (h: PrinterConformanceHarness, state: PrinterState): Promise<void> => {
    const deadline = Date.now() + timeoutMs
    let last = await h.driver.status()
    while (last.state !== state) {
      if (Date.now() > deadline) assert.fail(`printer did not report ${state} within ${timeoutMs} ms (last: ${JSON.stringify(last)})`)
      await new Promise((resolve) => setTimeout(resolve, 20))
      last = await h.driver.status()
    }
  }
  const printedAtLeast = async (h: PrinterConformanceHarness, count: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs
    while ((await h.printedCount()) < count) {
      if (Date.now() > deadline) assert.fail(`the printer put out ${await h.printedCount()} documents, expected ${count}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  describe(levels.report.suite, { skip: options.skip ?? false }, () => {
    check('print', 'is online and idle at start', async (h) => {
      await printerState(h, 'idle')
      const status = await h.driver.status()
      assert.equal(status.online, true)
      assert.ok(status.capabilities.contentTypes.includes('application/pdf'), 'every printer driver prints PDF')
    })

    check('print', 'a PDF job is accepted, then completed, and printed once', async (h, events) => {
      const before = await h.printedCount()
      const result = await h.driver.print(job('job-1'))
      assert.equal(result.ok, true, JSON.stringify(result))
      if (!result.ok) return
      assert.equal(result.requestId, 'job-1')
      assert.ok(result.jobId, 'the printer job id is returned')
      assert.ok(['queued', 'printing', 'completed'].includes(result.state), result.state)
      await jobState(events, 'job-1', 'completed')
      assert.equal((await h.driver.job('job-1'))?.state, 'completed')
      await printedAtLeast(h, before + 1)
      assert.equal(await h.printedCount(), before + 1)
      await printerState(h, 'idle')
      const states = events.events.filter((e) => e.kind === 'job').map((e) => (e.kind === 'job' ? e.state : ''))
      assert.equal(states.at(-1), 'completed')
      assert.deepEqual(states.filter((s) => s === 'completed'), ['completed'], 'completed is reported once')
    })

    check('print', 'the same request id prints once (concurrent, repeated and late retries)', async (h, events) => {
      const before = await h.printedCount()
      const [first, concurrent] = await Promise.all([h.driver.print(job('dup-1')), h.driver.print(job('dup-1'))])
      assert.equal(first.ok, true, JSON.stringify(first))
      assert.equal(concurrent.ok && first.ok && concurrent.jobId === first.jobId, true, 'the concurrent retry names the same job')
      await jobState(events, 'dup-1', 'completed')
      const late = await h.driver.print(job('dup-1'))
      assert.equal(late.ok && first.ok && late.jobId === first.jobId, true, 'a retry after completion names the same job')
      const other = await h.driver.print(job('dup-2'))
      assert.equal(other.ok, true, 'a different request id does print')
      await jobState(events, 'dup-2', 'completed')
      await printedAtLeast(h, before + 2)
      assert.equal(await h.printedCount(), before + 2, 'dup-1 printed once, dup-2 once')
    })

    check('print', 'refuses an invalid request without printing', async (h) => {
      const before = await h.printedCount()
      const empty = await h.driver.print({ ...job('bad-1'), document: new Uint8Array() })
      assert.equal(empty.ok, false)
      if (!empty.ok) assert.equal(empty.reason, 'invalid-request')
      const format = await h.driver.print({ ...job('bad-2'), contentType: 'image/gif' as 'application/pdf' })
      assert.equal(format.ok, false)
      if (!format.ok) assert.match(format.message, /contentType/)
      assert.equal(await h.driver.job('bad-1'), null)
      assert.equal(await h.driver.job('never-sent'), null)
      assert.equal(await h.printedCount(), before)
    })

    check('print', 'close() ends event streams', async (h) => {
      const stream = h.driver.events()
      await h.driver.close()
      for await (const event of stream) void event
    })

    check('cancel', 'a queued job is cancelled and never printed', async (h, events) => {
      if (!h.driver.capabilities.cancel) notClaimed('the driver cannot cancel jobs')
      const pause = h.pause ?? unverified('the harness cannot pause the printer to hold a job (`pause`)')
      const resume = h.resume ?? unverified('the harness cannot resume the printer (`resume`)')
      const before = await h.printedCount()
      await pause()
      const result = await h.driver.print(job('cancel-1'))
      assert.equal(result.ok, true, JSON.stringify(result))
      assert.equal((await h.driver.job('cancel-1'))?.state, 'queued')
      const cancelled = await h.driver.cancel('cancel-1')
      assert.deepEqual(cancelled, { ok: true, requestId: 'cancel-1', state: 'cancelled' })
      await jobState(events, 'cancel-1', 'cancelled')
      assert.deepEqual(await h.driver.cancel('cancel-1'), cancelled, 'cancelling again succeeds again')
      await resume()
      const after = await h.driver.print(job('cancel-2'))
      assert.equal(after.ok, true)
      await jobState(events, 'cancel-2', 'completed')
      assert.equal((await h.driver.job('cancel-1'))?.state, 'cancelled')
      assert.equal(await h.printedCount(), before + 1, 'only the second job printed')
      const unknown = await h.driver.cancel('never-sent')
      assert.equal(unknown.ok, false)
      if (!unknown.ok) assert.equal(unknown.reason, 'unknown-job')
      const done = await h.driver.cancel('cancel-2')
      assert.equal(done.ok, false, 'a completed job cannot be cancelled')
      if (!done.ok) assert.equal(done.reason, 'not-cancellable')
    })

    check('states', 'reports stopped while paused, and idle again when resumed', async (h, events) => {
      const pause = h.pause ?? unverified('the harness cannot pause the printer (`pause`)')
      const resume = h.resume ?? unverified('the harness cannot resume the printer (`resume`)')
      await pause()
      await printerState(h, 'stopped')
      await events.waitUntil((e) => e.kind === 'printer' && e.state === 'stopped', { timeoutMs, what: 'printer stopped event' })
      await resume()
      await printerState(h, 'idle')
    })

    check('states', 'reports media-empty without paper; a job waits and prints once paper is back', async (h, events) => {
      const empty = h.emptyMedia ?? notClaimed('the harness cannot take the paper out of this printer (`emptyMedia`)')
      const refill = h.refillMedia ?? unverified('the harness cannot put the paper back (`refillMedia`)')
      const before = await h.printedCount()
      await empty()
      await printerState(h, 'media-empty')
      const status = await h.driver.status()
      assert.ok(status.reasons.some((r) => r.startsWith('media-empty')), JSON.stringify(status.reasons))
      const result = await h.driver.print(job('paper-1'))
      assert.equal(result.ok, true, 'a job is accepted and waits for paper')
      assert.notEqual((await h.driver.job('paper-1'))?.state, 'completed')
      await refill()
      await jobState(events, 'paper-1', 'completed')
      assert.equal(await h.printedCount(), before + 1)
    })

    check('recovery', 'an offline printer gives a clear offline refusal; the same request id prints once it is back', async (h, events) => {
      if (!h.driver.capabilities.reportsConnectivity) notClaimed('the driver does not report connectivity')
      const kill = h.kill ?? unverified('the harness cannot take the printer offline (`kill`)')
      const revive = h.revive ?? unverified('the harness cannot bring the printer back (`revive`)')
      const before = await h.printedCount()
      await kill()
      const refused = await h.driver.print(job('offline-1'))
      assert.equal(refused.ok, false, JSON.stringify(refused))
      if (!refused.ok) {
        assert.equal(refused.reason, 'offline')
        assert.ok(refused.message.length > 0, 'the refusal says what went wrong')
      }
      await printerState(h, 'offline')
      assert.equal((await h.driver.status()).online, false)
      await events.waitUntil((e) => e.kind === 'printer' && e.state === 'offline', { timeoutMs, what: 'printer offline event' })
      await revive()
      await printerState(h, 'idle')
      const retried = await h.driver.print(job('offline-1'))
      assert.equal(retried.ok, true, `a refused request id can be retried: ${JSON.stringify(retried)}`)
      await jobState(events, 'offline-1', 'completed')
      const again = await h.driver.print(job('offline-1'))
      assert.equal(again.ok && retried.ok && again.jobId === retried.jobId, true, 'a further retry names the same job')
      await printedAtLeast(h, before + 1)
      assert.equal(await h.printedCount(), before + 1)
    })

    it('reports the capability levels passed (print, cancel, states, recovery)', (t) => levels.summarise(t, options.expectLevels))
  })
  return levels.report
}
