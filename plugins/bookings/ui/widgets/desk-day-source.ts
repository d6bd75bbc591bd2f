/**
 * `DeskDaySource`: what the bookings dashboard widgets read — today's bookings at the widget's location
 * (`GET /api/v1/bookings/desk/day`), kept current by the kit's `LiveData`: reloaded when a `bookings.booking.*` event
 * of that location arrives, every minute (what is "now" moves), and when the dashboard picks another location. Widgets
 * on one page share each request (one fetch per location in flight at a time). Also checks a booking in for the
 * widgets' buttons.
 */
import type { ReactiveControllerHost } from 'lit'
import { api, toast, LiveData } from '@tessera/ui-kit'
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
export class DeskDaySource {
  private locationId = ''
  private readonly data: LiveData<DeskDay | null>

  constructor(host: ReactiveControllerHost) {
    this.data = new LiveData(host, {
      events: BOOKING_EVENTS,
      accept: (e) => !e.data?.locationId || e.data.locationId === this.locationId,
      refreshMs: 60_000,
      load: async () => (this.locationId ? fetchDay(this.locationId) : null),
    })
  }

  /** The day, or null before the first answer (or without a location). */
  get day(): DeskDay | null {
    return this.data.value
  }

  /** Whether the last load failed (the widget says so). */
  get failed(): boolean {
    return this.data.failed
  }

  /** Follows the dashboard's location (call from the host's `willUpdate`). */
  setLocation(locationId: string): void {
    if (locationId === this.locationId) return
    this.locationId = locationId
    void this.data.reload(true)
  }

  /** Checks booking `id` in; the list reloads on the booking's realtime event (and right away here). */
  async checkIn(id: string, who: string): Promise<void> {
    try {
      await api(`/api/v1/bookings/bookings/${id}/check-in`, { method: 'POST', body: {} })
      toast({ variant: 'success', message: `${who} is checked in.` })
    } catch (error) {
      toast(error)
    }
    await this.data.reload()
  }
}
