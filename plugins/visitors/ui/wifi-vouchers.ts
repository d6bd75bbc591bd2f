/**
 * `WifiVouchers`: the guest Wi-Fi voucher codes of the visitors on the front desk's screen, when the tenant has Wi-Fi
 * (the UI manifest lists the `wifi` plugin). The Wi-Fi plugin issues a voucher when a visitor arrives (its own
 * subscriber, so a moment after the check-in); this controller reads it with a plain UI fetch of
 * `GET /api/v1/wifi/visitors/:visitorId/voucher` — visitors imports nothing of Wi-Fi — and again when Wi-Fi says it
 * issued one (`wifi.vouchers.issued`, by name). No voucher (404), no permission or no Wi-Fi: nothing is shown.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api, realtime } from '@tessera/ui-kit'
import type { Visitor } from '../src/contract/index.ts'

/** Lit controller: the voucher codes of the host screen's arrived visitors (`codeOf`), refreshed by `refresh(items)`. */
export class WifiVouchers implements ReactiveController {
  private readonly host: ReactiveControllerHost
  private readonly codes = new Map<string, string>()
  private readonly asked = new Set<string>()
  private stop: (() => void) | null = null
  /** Whether the user's UI manifest has the wifi plugin: asked once per screen (a tenant switch mounts a new one). */
  private wifi: Promise<boolean> | null = null

  constructor(host: ReactiveControllerHost) {
    this.host = host
    host.addController(this)
  }

  hostConnected(): void {
    this.wifi = null
    this.stop = realtime().subscribe<{ visitorId?: string | null }>('wifi.vouchers.issued', (e) => {
      const id = e.data?.visitorId
      if (id) void this.fetch(id)
    })
  }

  hostDisconnected(): void {
    this.stop?.()
    this.stop = null
  }

  /** The voucher code of a visitor, if Wi-Fi issued one. */
  codeOf(visitorId: string): string | undefined {
    return this.codes.get(visitorId)
  }

  /** Looks up the vouchers of the arrived visitors not asked about yet. */
  async refresh(visitors: Visitor[]): Promise<void> {
    const arrived = visitors.filter((v) => v.status === 'arrived' && !this.asked.has(v.id))
    if (!arrived.length || !(await this.hasWifi())) return
    await Promise.all(arrived.map((v) => this.fetch(v.id)))
  }

  private hasWifi(): Promise<boolean> {
    this.wifi ??= api<{ plugins: { id: string }[] }>('/api/v1/ui/manifest').then((m) => m.plugins.some((p) => p.id === 'wifi'), () => false)
    return this.wifi
  }

  private async fetch(visitorId: string): Promise<void> {
    this.asked.add(visitorId)
    try {
      const voucher = await api<{ code: string }>(`/api/v1/wifi/visitors/${encodeURIComponent(visitorId)}/voucher`)
      this.codes.set(visitorId, voucher.code)
      this.host.requestUpdate()
    } catch {
      // no voucher (yet), or Wi-Fi not for this user: nothing to show; `wifi.vouchers.issued` asks again
    }
  }
}
