/**
 * What the access staff screens (`<access-doors>`, `<access-printers>`) share: realtime subscriptions that end with
 * the element, a debounced reload (200 ms) for bursts of events, a `busy` set of the rows whose action is running
 * (a second click is ignored; a failure is shown as a toast), and the tenant's location names.
 */
import { LitElement } from 'lit'
import type { PropertyDeclarations } from 'lit'
import { api, toast, Subscriptions } from '@tessera/ui-kit'
import type { LocationPage } from '@tessera/plugin-spaces/contract'

/** The location names of the tenant by id (empty when spaces cannot be read). */
export async function locationNames(): Promise<Record<string, string>> {
  const page = await api<LocationPage>('/api/v1/spaces/locations', { query: { limit: 200 } }).catch((): Pick<LocationPage, 'items'> => ({ items: [] }))
  return Object.fromEntries(page.items.map((l) => [l.id, l.name]))
}

/** A staff screen that loads its data and reloads it on realtime events. */
export abstract class AccessScreen extends LitElement {
  static properties: PropertyDeclarations = { busy: { state: true } }
  declare busy: Set<string>
  protected readonly subscriptions = new Subscriptions(this)
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.busy = new Set()
  }

  /** Loads the screen's data. */
  protected abstract load(): Promise<void>

  disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.#timer)
  }

  /** Reloads once the events of a burst have arrived. */
  protected reloadSoon(): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.load(), 200)
  }

  /** Runs a row's action once at a time, marking the row busy meanwhile; a failure is shown as a toast. */
  protected async whileBusy(key: string, run: () => Promise<void>): Promise<void> {
    if (this.busy.has(key)) return
    this.busy = new Set([...this.busy, key])
    try {
      await run()
    } catch (error) {
      toast(error)
    } finally {
      const next = new Set(this.busy)
      next.delete(key)
      this.busy = next
    }
  }
}
