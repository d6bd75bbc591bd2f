/**
 * A Lit reactive controller holding a screen's realtime subscriptions: assign the unsubscribe functions when the
 * element connects, and they are all called when it leaves the page — no `disconnectedCallback` to write.
 *
 * ```ts
 * private readonly live = new Subscriptions(this)
 * connectedCallback() { super.connectedCallback(); this.live.stops = EVENTS.map((n) => realtime().subscribe(n, reload)) }
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'

/** Unsubscribes on disconnect. */
export class Subscriptions implements ReactiveController {
  /** Unsubscribe functions to call when the host leaves the page. */
  stops: (() => void)[] = []

  constructor(host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostDisconnected(): void {
    for (const stop of this.stops) stop()
    this.stops = []
  }
}
