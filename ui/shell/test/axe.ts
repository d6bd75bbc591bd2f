/**
 * `axe(page)`: runs axe-core (Deque's accessibility engine, the one Lighthouse and most CI checks use) in the page as it
 * is now — through open shadow roots, so the Lit screens are checked — and fails with a readable list when it finds a
 * serious or critical violation (issue 14 item 10: "0 serious or critical violations on every screen"). Minor and
 * moderate findings are returned for the caller to look at, not failed on. Call it after a screen has rendered its
 * data, on every screen a browser test visits.
 *
 * ```ts
 * await page.getByRole('heading', { name: 'Doors' }).waitFor()
 * await axe(page)
 * ```
 */
import axeCore from 'axe-core'
import type { Page } from 'playwright-core'

/** One violation as axe reports it, shortened. */
export interface AxeFinding {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/** Options of {@link axe}. */
export interface AxeOptions {
  /** CSS selectors (axe's `exclude`) of parts not to check, e.g. a third party's iframe. */
  exclude?: string[]
  /** A name for the failure message (the screen), default the page's path. */
  screen?: string
}

/** Checks the page with axe-core; throws on serious or critical violations and resolves with the rest. */
export async function axe(page: Page, options: AxeOptions = {}): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  // evaluated over the DevTools protocol, so the kernel's Content-Security-Policy (no inline scripts) does not stop it
  if (!loaded) await page.evaluate(axeCore.source)
  // a toast or dialog still fading in has its text measured at part opacity: check the screen as it settles
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
    .map((a) => a.finished.catch(() => undefined))))
  const findings = await page.evaluate(async (exclude: string[]) => {
    const engine = (window as unknown as { axe: typeof import('axe-core') }).axe
    const context = exclude.length ? { exclude: exclude.map((s) => [s]) } : document
    const result = await engine.run(context as never, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact ?? null, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }))
  }, options.exclude ?? [])
  const blocking = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical')
  if (blocking.length) {
    const where = options.screen ?? new URL(page.url()).pathname
    throw new Error(`axe: ${blocking.length} serious or critical accessibility violation(s) on ${where}:\n${blocking
      .map((f) => `- [${f.impact}] ${f.id}: ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n')}`)
  }
  return findings
}
