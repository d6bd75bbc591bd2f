/**
 * One reading of a plugin's declarations, whichever form it uses: services as `provide(ref, factory)` or the
 * deprecated record, events as `defineEvent` contracts or the deprecated record, subscriptions as `on(event, handler)`
 * or the deprecated record. The rest of the kernel works on these normalized views, computed once per definition.
 */
import type { PluginDefinition, PluginContext, JsonSchema, EventUi, ServiceProvision, EventSubscription, EventContract } from '@tessera/sdk'

/** An event a plugin publishes. */
export interface DeclaredEvent {
  name: string
  plugin: string
  description?: string
  schema?: JsonSchema
  ui?: EventUi
  /** Declared with `defineEvent` (schema required) rather than the legacy record. */
  contract: boolean
}

/** A subscription of a plugin to an event. */
export interface DeclaredSubscription {
  event: string
  /** The subscriber's copy of the payload schema (typed subscriptions only): payloads are checked on delivery. */
  schema?: JsonSchema
  handler: (event: never, ctx: PluginContext) => Promise<void>
}

interface Declarations {
  services: Map<string, (ctx: PluginContext) => unknown>
  events: Map<string, DeclaredEvent>
  subscriptions: DeclaredSubscription[]
}

const cache = new WeakMap<object, Declarations>()

function read(def: PluginDefinition): Declarations {
  let d = cache.get(def)
  if (d) return d
  const services = new Map<string, (ctx: PluginContext) => unknown>()
  if (Array.isArray(def.services)) {
    for (const p of def.services as readonly ServiceProvision[]) services.set(p.ref.id, p.factory as (ctx: PluginContext) => unknown)
  } else {
    for (const [name, factory] of Object.entries(def.services ?? {})) services.set(name, factory as (ctx: PluginContext) => unknown)
  }
  const events = new Map<string, DeclaredEvent>()
  if (Array.isArray(def.events)) {
    for (const e of def.events as readonly EventContract[]) {
      events.set(e.name, { name: e.name, plugin: def.id, description: e.description, schema: e.schema as JsonSchema, ui: e.ui, contract: true })
    }
  } else {
    for (const [name, e] of Object.entries(def.events ?? {})) events.set(name, { name, plugin: def.id, description: e.description, schema: e.schema, ui: e.ui, contract: false })
  }
  const subscriptions: DeclaredSubscription[] = []
  if (Array.isArray(def.subscribes)) {
    for (const s of def.subscribes as readonly EventSubscription[]) {
      subscriptions.push({ event: s.event.name, schema: s.event.schema as JsonSchema, handler: s.handler as DeclaredSubscription['handler'] })
    }
  } else {
    for (const [event, handler] of Object.entries(def.subscribes ?? {})) subscriptions.push({ event, handler: handler as DeclaredSubscription['handler'] })
  }
  d = { services, events, subscriptions }
  cache.set(def, d)
  return d
}

/** Service factories a plugin provides, by service id. */
export function providedServices(def: PluginDefinition): ReadonlyMap<string, (ctx: PluginContext) => unknown> {
  return read(def).services
}

/** Events a plugin publishes, by name. */
export function declaredEvents(def: PluginDefinition): ReadonlyMap<string, DeclaredEvent> {
  return read(def).events
}

/** A plugin's event subscriptions. */
export function declaredSubscriptions(def: PluginDefinition): readonly DeclaredSubscription[] {
  return read(def).subscriptions
}
