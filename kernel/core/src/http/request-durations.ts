/**
 * The request-duration histogram (`tessera_http_request_duration_seconds{method,route,status}`), recorded without
 * allocating: one series per route, method and status, found through nested maps and counted in a fixed array of
 * buckets. prom-client's `Histogram#observe` builds a label object, sorts and hashes it and validates the labels on
 * every call (~2 % of a read request's CPU, see bench/README.md); this keeps the same exposition (it is registered on
 * the kernel's prom-client registry as a metric of type histogram) and does that work at scrape time only.
 */
import type { Registry } from 'prom-client'

interface Series { method: string; route: string; status: string; counts: Float64Array; sum: number; count: number }

/** A histogram of request durations by method, route and status. */
export class RequestDurations {
  readonly name: string
  readonly help: string
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  readonly #bounds: readonly number[]
  readonly #series = new Map<string, Map<string, Map<number, Series>>>()

  constructor(options: { name: string; help: string; buckets: readonly number[]; registers: Registry[] }) {
    this.name = options.name
    this.help = options.help
    this.#bounds = [...options.buckets].sort((a, b) => a - b)
    for (const r of options.registers) r.registerMetric(this as never)
  }

  /** Counts one request of `seconds`. */
  observe(method: string, route: string, status: number, seconds: number): void {
    let byMethod = this.#series.get(route)
    if (!byMethod) this.#series.set(route, (byMethod = new Map()))
    let byStatus = byMethod.get(method)
    if (!byStatus) byMethod.set(method, (byStatus = new Map()))
    let s = byStatus.get(status)
    if (!s) byStatus.set(status, (s = { method, route, status: String(status), counts: new Float64Array(this.#bounds.length), sum: 0, count: 0 }))
    const bounds = this.#bounds
    for (let i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]) {
        s.counts[i]++
        break
      }
    }
    s.sum += seconds
    s.count++
  }

  /** prom-client's metric interface: the series with cumulative buckets, `_sum` and `_count`. */
  async get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = []
    for (const byMethod of this.#series.values()) {
      for (const byStatus of byMethod.values()) {
        for (const s of byStatus.values()) {
          const labels = { method: s.method, route: s.route, status: s.status }
          let cumulative = 0
          this.#bounds.forEach((le, i) => {
            cumulative += s.counts[i]
            values.push({ labels: { le, ...labels }, value: cumulative, metricName: `${this.name}_bucket` })
          })
          values.push({ labels: { le: '+Inf', ...labels }, value: s.count, metricName: `${this.name}_bucket` })
          values.push({ labels, value: s.sum, metricName: `${this.name}_sum` })
          values.push({ labels, value: s.count, metricName: `${this.name}_count` })
        }
      }
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator }
  }

  /** Drops every series. */
  reset(): void {
    this.#series.clear()
  }
}
