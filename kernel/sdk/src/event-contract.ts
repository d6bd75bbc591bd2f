/**
 * Event contracts: an event's name, its payload's JSON Schema and whether it reaches the UI, in one object whose
 * payload type is derived from the schema (`json-schema-to-ts`), so the schema and the type cannot drift. The
 * publishing plugin defines it in its contract and lists it in `events`; `ctx.events.publish(event, payload)` is typed
 * and the kernel validates the payload against the schema (ajv, compiled at boot) — a wrong payload is refused with a
 * 500-class bug report, never delivered. A subscriber imports the contract and registers `on(event, handler)`; its
 * handler receives the typed payload, validated again against the subscriber's copy of the schema.
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts'
import type { PluginContext } from './plugin-context.ts'

/**
 * Who sees an event in the browser: `false`/absent (server only), `true` (the tenant's sockets), or an object:
 *
 * - `permission`: the tenant's sockets whose user holds it (without `permission` and `userField`: every socket of the
 *   tenant);
 * - `userField`: the name of a payload field holding a user id (a uuid string); the sockets of **that user** receive the
 *   event too, whatever their permissions — for events addressed to one person ("your visitor has arrived"). With
 *   `permission` the event goes to the permission holders *and* that user; without it, to that user only. A payload
 *   whose field is absent, `null` or not a string reaches the permission holders only (nobody, without a permission).
 *   The field need not be listed in `fields`.
 * - `fields`: what of the payload reaches the browser (subscribers always get all of it).
 *
 * ```ts
 * ui: { permission: 'visitors.manage', userField: 'hostUserId', fields: ['visitorId', 'name', 'hostUserId'] }
 * ```
 * @public
 */
export type EventUi = boolean | { permission?: string; userField?: string; fields?: readonly string[] }

/** A declared event with a typed payload. Create it with {@link defineEvent}. @public */
export interface EventContract<Payload = unknown, Name extends string = string> {
  readonly kind: 'event'
  /** `<plugin>.<noun>.<verb>`, prefixed with the publishing plugin's id. */
  readonly name: Name
  /** JSON Schema of the payload (validated at publish). */
  readonly schema: JSONSchema
  readonly description?: string
  readonly ui?: EventUi
  /** Phantom member carrying the payload type; never set at run time. */
  readonly $payload?: Payload
}

/** The payload type of an event contract. @public */
export type PayloadOf<E> = E extends EventContract<infer P, string> ? P : never

/**
 * Defines an event; the payload type is `FromSchema<schema>`, so write the schema `as const` (or inline, which the
 * `const` type parameter makes literal):
 *
 * ```ts
 * export const personUpdated = defineEvent({
 *   name: 'members.person.updated',
 *   schema: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string' } } },
 *   ui: { permission: 'members.read' },
 * })
 * ```
 * @public
 */
export function defineEvent<const Name extends string, const Schema extends JSONSchema>(spec: {
  name: Name
  schema: Schema
  description?: string
  ui?: EventUi
}): EventContract<FromSchema<Schema>, Name> {
  return Object.freeze({ kind: 'event' as const, ...spec })
}

/** An event as a typed subscriber receives it. @public */
export interface TypedEvent<Payload> {
  id: string
  name: string
  tenantId: string
  payload: Payload
  publishedAt: string
}

/** A typed subscription to another plugin's event. Create it with {@link on}. @public */
export interface EventSubscription<Payload = unknown, Config = Record<string, unknown>> {
  readonly kind: 'subscription'
  readonly event: EventContract<Payload>
  /** Runs in the event's tenant transaction; throwing makes it retry (then dead-letter). */
  readonly handler: (event: TypedEvent<Payload>, ctx: PluginContext<Config>) => Promise<void>
}

/** Subscribes to `event` (`definePlugin({ subscribes: [on(personUpdated, async (e, ctx) => ...)] })`). @public */
export function on<Payload, Config = Record<string, unknown>>(
  event: EventContract<Payload>,
  handler: (event: TypedEvent<Payload>, ctx: PluginContext<Config>) => Promise<void>,
): EventSubscription<Payload, Config> {
  return Object.freeze({ kind: 'subscription' as const, event, handler })
}

/** True when `value` is an event contract. @public */
export function isEventContract(value: unknown): value is EventContract {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'event'
}
