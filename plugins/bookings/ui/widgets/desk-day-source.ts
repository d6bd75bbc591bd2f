/**
 * `DeskDaySource`: the reactive controller behind the bookings dashboard widgets — today's bookings at the widget's
 * location (`GET /api/v1/bookings/desk/day`), reloaded when a `bookings.booking.*` event of that location arrives,
 * every minute (what is "now" moves), and when the dashboard picks another location. Widgets on one page share each
 * request (one fetch per location in flight at a time). Also checks a booking in for the widgets' buttons.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api, realtime, toast } from '@tessera/ui-kit'
import type { RealtimeEvent } from '@tessera/ui-kit'
import type { DeskDay } from '../../src/contract/index.ts'
import { BOOKING_EVENTS } from '../labels.ts'

const inFlight = new Map<string, Promise<DeskDay>>()

/** One request per location at a time, shared by every widget asking meanwhile. */
function fetchDay(locationId: string): Promise<DeskDay> {
  let request = inFlight.get(locationId)
  if (!request) {
    request = api<DeskDay>('/api/v1/bookings/desk/day', { query: { locationId } }).finally(() => inFlight.delete(locationId))
    inFlight.set(locationId, request)
  }
  return request
}

/** Today's bookings at the host's location, kept current. */
export class DeskDaySource implements ReactiveController {
  /** The day, or null before the first answer (or without a location). */
  day: DeskDay | null = null
  /** Set when the last load failed (the widget says so). */
  failed = false
  private locationId = ''
  private stops: (() => void)[] = []
  private timer: ReturnType<typeof setInterval> | undefined
  private debounce: ReturnType<typeof setTimeout> | undefined
  private loads = 0
  private readonly host: ReactiveControllerHost

  constructor(host: ReactiveControllerHost) {
    this.host = host
    host.addController(this)
  }

  hostConnected(): void {
    const onEvent = (e: RealtimeEvent<{ locationId?: string }>) => {
      if (!e.data?.locationId || e.data.locationId === this.locationId) this.reloadSoon()
    }
    this.stops = BOOKING_EVENTS.map((name) => realtime().subscribe(name, onEvent))
    this.timer = setInterval(() => void this.load(), 60_000)
  }

  hostDisconnected(): void {
    for (const stop of this.stops) stop()
    this.stops = []
    clearInterval(this.timer)
    clearTimeout(this.debounce)
  }

  /** Follows the dashboard's location (call from the host's `willUpdate`). */
  setLocation(locationId: string): void {
    if (locationId === this.locationId) return
    this.locationId = locationId
    this.day = null
    void this.load()
  }

  private reloadSoon(): void {
    clearTimeout(this.debounce)
    this.debounce = setTimeout(() => void this.load(), 150)
  }

  /** Loads the day again (an older answer never overwrites a newer one). */
  async load(): Promise<void> {
    const locationId = this.locationId
    const seq = ++this.loads
    if (!locationId) {
      this.host.requestUpdate()
      return
    }
    try {
      const day = await fetchDay(locationId)
      if (seq !== this.loads) return
      this.day = day
      this.failed = false
    } catch {
      if (seq === this.loads) this.failed = true
    }
    this.host.requestUpdate()
  }

  /** Checks booking `id` in; the list reloads on the booking's realtime event (and right away here). */
  async checkIn(id: string, who: string): Promise<void> {
    try {
      await api(`/api/v1/bookings/bookings/${id}/check-in`, { method: 'POST', body: {} })
      toast({ variant: 'success', message: `${who} is checked in.` })
    } catch (error) {
      toast(error)
    }
    await this.load()
  }
}
