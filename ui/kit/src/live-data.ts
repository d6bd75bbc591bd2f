/**
 * `LiveData<T>`: a Lit reactive controller for data a screen or dashboard widget shows and keeps current — it loads
 * when the element connects, again (debounced) whenever one of the named realtime events arrives (optionally only
 * those `accept` lets through), every `refreshMs` if given (what is "now" or "overdue" moves on), and whenever the
 * element calls `reload()` (e.g. when its `location-id` changes). An older answer never overwrites a newer one; a
 * failed load keeps the last value and sets `failed`. Subscriptions and timers end when the element leaves the page.
 *
 * ```ts
 * private readonly alerts = new LiveData(this, { events: ['access.door.event'], load: () => api<DoorAlerts>('/api/v1/access/alerts') })
 * render() { return this.alerts.value ? html`…` : html`<tz-spinner></tz-spinner>` }
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { realtime } from './realtime.ts'
import type { RealtimeEvent } from './realtime.ts'
import { Subscriptions } from './subscriptions.ts'

/** What {@link LiveData} loads and when. */
export interface LiveDataOptions<T> {
  /** Realtime event names after which the data is loaded again. */
  events: readonly string[]
  /** Loads the data (the last answer wins). */
  load: () => Promise<T>
  /** Only events this accepts cause a reload (default: all of `events`). */
  accept?: (event: RealtimeEvent<Record<string, unknown> | undefined>) => boolean
  /** Also reload every this many milliseconds. */
  refreshMs?: number
  /** Wait this long after an event before reloading, so a burst of events is one load (default 150). */
  debounceMs?: number
}

/** Data kept current by realtime events (see the module comment). */
export class LiveData<T> implements ReactiveController {
  /** The last loaded value, or null before the first answer. */
  value: T | null = null
  /** Whether the last load failed. */
  failed = false
  private readonly host: ReactiveControllerHost
  private readonly options: LiveDataOptions<T>
  private readonly live: Subscriptions
  private timer: ReturnType<typeof setInterval> | undefined
  private debounce: ReturnType<typeof setTimeout> | undefined
  private loads = 0

  constructor(host: ReactiveControllerHost, options: LiveDataOptions<T>) {
    this.host = host
    this.options = options
    this.live = new Subscriptions(host)
    host.addController(this)
  }

  /** Subscribes to the events, starts the refresh timer and loads. */
  hostConnected(): void {
    const accept = this.options.accept ?? (() => true)
    this.live.stops = this.options.events.map((name) =>
      realtime().subscribe<Record<string, unknown> | undefined>(name, (event) => {
        if (!accept(event)) return
        clearTimeout(this.debounce)
        this.debounce = setTimeout(() => void this.reload(), this.options.debounceMs ?? 150)
      }),
    )
    if (this.options.refreshMs) this.timer = setInterval(() => void this.reload(), this.options.refreshMs)
    void this.reload()
  }

  /** Stops the timers (the subscriptions end with the host). */
  hostDisconnected(): void {
    clearInterval(this.timer)
    clearTimeout(this.debounce)
  }

  /** Loads now; `reset` forgets the shown value first (e.g. another location was picked). */
  async reload(reset = false): Promise<void> {
    const seq = ++this.loads
    if (reset) this.value = null
    try {
      const value = await this.options.load()
      if (seq !== this.loads) return
      this.value = value
      this.failed = false
    } catch {
      if (seq === this.loads) this.failed = true
    }
    this.host.requestUpdate()
  }
}
