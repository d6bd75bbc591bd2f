/**
 * UI: the shell's JavaScript size (every .js under ui/shell/dist, raw and gzip) and the JavaScript a browser actually
 * fetches to show the bookings calendar; time to first render of the calendar (`/bookings`, element
 * `bookings-calendar` with rendered content) in headless Chromium (/usr/bin/chromium via playwright-core), cold
 * (fresh browser profile) and warm (reload), medians of several runs. The shell is (re)built when stale, as
 * `node scripts/build-ui.ts` does, and the three plugins' UI bundles are built.
 *   node bench/ui.ts [--quick] [--runs=N]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createTestKernel } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import { ensureShellBuilt } from '../ui/shell/test/ensure-built.ts'
import { buildPluginUi, findPluginUis } from '../ui/shell/build/build-plugins.ts'
import { sharedSpecifiers } from '../ui/shell/build/shared-modules.ts'
import { openBrowser } from '../ui/shell/test/browser.ts'
import { bookingWorld, hourFromNow } from './lib/booking-world.ts'
import { defineBenchmark } from './lib/repeat.ts'
import { median, printTable, round } from './lib/stats.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

const root = join(import.meta.dirname, '..')
const kb = (n: number) => round(n / 1024, 1)

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? jsFiles(p) : name.endsWith('.js') ? [p] : []
  })
}

await defineBenchmark({
  name: 'ui',
  title: 'ui: JavaScript size and time to first render',
  metrics: {
    coldFirstRenderMs: { label: 'first render of the bookings calendar, cold', unit: 'ms', digits: 0 },
    warmFirstRenderMs: { label: 'first render, warm (reload)', unit: 'ms', digits: 0 },
    coldDomContentLoadedMs: { label: 'DOMContentLoaded, cold', unit: 'ms', digits: 0 },
    shellJsGzipKb: { label: 'ui/shell/dist JavaScript, gzip', unit: 'KB', digits: 1 },
    shellEntryGzipKb: { label: 'the shell entry, gzip', unit: 'KB', digits: 1 },
    fetchedForCalendarKb: { label: 'JavaScript fetched to show /bookings, uncompressed', unit: 'KB', digits: 1 },
    fetchedForCalendarGzipKb: { label: 'JavaScript fetched to show /bookings, gzip', unit: 'KB', digits: 1 },
  },
  async run({ quick }) {
    const RUNS = quick ? 2 : 5
    const distDir = await ensureShellBuilt(root)
    const shared = new Set(sharedSpecifiers(join(root, 'ui', 'shell')))
    const ids = ['members', 'spaces', 'bookings']
    await Promise.all(findPluginUis(join(root, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
    const files = jsFiles(distDir)
    const raw = files.reduce((s, f) => s + statSync(f).size, 0)
    const gz = files.reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0)
    const entry = files.filter((f) => f.includes(`${join('dist', 'assets')}`))
    const entryGz = entry.reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0)

    const t = await createTestKernel({
      plugins: ids.map((id) => ({ definition: { members, spaces, bookings }[id]!, packageDir: join(root, 'plugins', id) })),
      config: benchKernelConfig({ ui: { shellDir: distDir } }),
    })
    try {
      const w = await bookingWorld(t, 3, 3)
      for (let i = 0; i < 6; i++) {
        const start = hourFromNow(2 + i * 3)
        const r = await t.request({ method: 'POST', url: '/api/v1/bookings/bookings', session: w.cookie, payload: { resourceId: w.roomIds[i % 3], personId: w.personIds[i % 3], startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() } })
        if (r.statusCode !== 201) throw new Error(`booking: ${r.statusCode} ${r.body}`)
      }
      const base = await t.kernel.listen()
      const [name, value] = w.cookie.split('=')
      /** In the page: ms since navigation start when the calendar has rendered content, searching open shadow roots. */
      const rendered = () => {
        const find = (node: Document | ShadowRoot): Element | null => {
          const hit = node.querySelector('bookings-calendar')
          if (hit) return hit
          for (const el of Array.from(node.querySelectorAll('*'))) {
            if (el.shadowRoot) {
              const inner = find(el.shadowRoot)
              if (inner) return inner
            }
          }
          return null
        }
        const cal = find(document)
        return cal?.shadowRoot && cal.shadowRoot.childElementCount > 0 ? performance.now() : 0
      }
      const cold: number[] = []
      const warm: number[] = []
      const domContentLoaded: number[] = []
      let jsFetched = { count: 0, raw: 0, gzip: 0, encoded: '' }
      for (let i = 0; i < RUNS; i++) {
        const b = await openBrowser({ baseURL: base })
        try {
          await b.context.addCookies([{ name, value, url: base }])
          const js: Promise<Buffer>[] = []
          const encodings = new Set<string>()
          b.page.on('response', (res) => {
            if (/javascript/.test(res.headers()['content-type'] ?? '')) {
              encodings.add(res.headers()['content-encoding'] ?? 'identity')
              js.push(res.body().catch(() => Buffer.alloc(0)))
            }
          })
          await b.page.goto('/bookings')
          cold.push(await (await b.page.waitForFunction(rendered, undefined, { timeout: 20_000, polling: 'raf' })).jsonValue() as number)
          domContentLoaded.push(await b.page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd))
          const bodies = await Promise.all(js)
          if (i === 0) jsFetched = { count: bodies.length, raw: bodies.reduce((s, x) => s + x.length, 0), gzip: bodies.reduce((s, x) => s + gzipSync(x).length, 0), encoded: [...encodings].join(',') }
          await b.page.reload()
          warm.push(await (await b.page.waitForFunction(rendered, undefined, { timeout: 20_000, polling: 'raf' })).jsonValue() as number)
        } finally {
          await b.close()
        }
      }
      const size = {
        shellJsFiles: files.length, shellJsKb: kb(raw), shellJsGzipKb: kb(gz), shellEntryGzipKb: kb(entryGz),
        fetchedForCalendar: { files: jsFetched.count, kb: kb(jsFetched.raw), gzipKb: kb(jsFetched.gzip), servedContentEncoding: jsFetched.encoded },
      }
      const render = {
        runs: RUNS, coldFirstRenderMs: round(median(cold), 0), warmFirstRenderMs: round(median(warm), 0), coldDomContentLoadedMs: round(median(domContentLoaded), 0),
        coldRunsMs: cold.map((x) => round(x, 0)), warmRunsMs: warm.map((x) => round(x, 0)),
      }
      printTable('ui: JavaScript size', [
        { what: `ui/shell/dist (all ${files.length} .js: shell + shared vendor modules)`, KB: size.shellJsKb, 'gzip KB': size.shellJsGzipKb },
        { what: 'ui/shell/dist/assets (the shell entry)', KB: '', 'gzip KB': size.shellEntryGzipKb },
        { what: `fetched by the browser to show /bookings (${jsFetched.count} files, served as ${jsFetched.encoded})`, KB: size.fetchedForCalendar.kb, 'gzip KB': size.fetchedForCalendar.gzipKb },
      ])
      printTable(`ui: time to first render of the bookings calendar (headless Chromium, median of ${RUNS})`, [
        { load: 'cold (fresh profile)', 'first render ms': render.coldFirstRenderMs, 'DOMContentLoaded ms': render.coldDomContentLoadedMs, runs: render.coldRunsMs.join(' / ') },
        { load: 'warm (reload)', 'first render ms': render.warmFirstRenderMs, 'DOMContentLoaded ms': '', runs: render.warmRunsMs.join(' / ') },
      ])
      return {
        metrics: {
          coldFirstRenderMs: render.coldFirstRenderMs, warmFirstRenderMs: render.warmFirstRenderMs, coldDomContentLoadedMs: render.coldDomContentLoadedMs,
          shellJsGzipKb: size.shellJsGzipKb, shellEntryGzipKb: size.shellEntryGzipKb, fetchedForCalendarKb: size.fetchedForCalendar.kb, fetchedForCalendarGzipKb: size.fetchedForCalendar.gzipKb,
        },
        setup: { browserRuns: RUNS },
        details: { size, render },
      }
    } finally {
      await t.close()
    }
  },
}, import.meta.filename)
