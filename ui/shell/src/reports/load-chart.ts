/**
 * Chart.js, loaded the first time a report is drawn (`import('chart.js/auto')` becomes its own chunk, so the
 * shell's first load does not carry it), once per page.
 */
import type { Chart } from 'chart.js'

let loading: Promise<typeof Chart> | null = null

/** The Chart class, with every controller and scale registered. */
export function loadChart(): Promise<typeof Chart> {
  loading ??= import('chart.js/auto').then((m) => m.Chart).catch((error: unknown) => {
    loading = null   // a failed chunk load may be retried
    throw error
  })
  return loading
}
