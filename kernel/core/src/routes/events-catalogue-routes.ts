/**
 * The catalogue of domain events, the events' counterpart of the OpenAPI document: for every event a running plugin
 * declares — its name, publishing plugin, description, payload JSON Schema, whether it reaches the browser (and for
 * whom, with which payload fields), and the plugins subscribed to it. `GET /docs/events.json` is the machine-readable
 * form, `GET /docs/events` a plain HTML page of the same. Like `/docs`, it describes the installation, not any tenant's
 * data, so it needs no session.
 */
import type { FastifyInstance } from 'fastify'
import type { EventBus } from '../jobs/event-bus.ts'
import type { PluginRegistry } from '../plugin-host/plugin-runtime.ts'

/** One event in the catalogue. */
export interface CatalogueEntry {
  name: string
  plugin: string
  description: string | null
  /** Declared with `defineEvent` (typed, schema required) rather than the deprecated record form. */
  contract: boolean
  schema: Record<string, unknown> | null
  ui: { reaches: boolean; permission: string | null; userField: string | null; fields: string[] | null }
  subscribers: string[]
}

const entry = {
  type: 'object',
  required: ['name', 'plugin', 'description', 'contract', 'schema', 'ui', 'subscribers'],
  properties: {
    name: { type: 'string' },
    plugin: { type: 'string' },
    description: { type: ['string', 'null'] },
    contract: { type: 'boolean' },
    schema: { type: ['object', 'null'], additionalProperties: true },
    ui: {
      type: 'object',
      properties: { reaches: { type: 'boolean' }, permission: { type: ['string', 'null'] }, userField: { type: ['string', 'null'] }, fields: { type: ['array', 'null'], items: { type: 'string' } } },
    },
    subscribers: { type: 'array', items: { type: 'string' } },
  },
} as const

/** The catalogue of the running plugins' events, by name. */
export function eventsCatalogue(deps: { registry: PluginRegistry; events: EventBus }): CatalogueEntry[] {
  return deps.events.declared()
    .filter((e) => deps.registry.active(e.plugin))
    .map((e) => {
      const ui = typeof e.ui === 'object' ? e.ui : undefined
      return {
        name: e.name,
        plugin: e.plugin,
        description: e.description ?? null,
        contract: e.contract,
        schema: (e.schema as Record<string, unknown> | undefined) ?? null,
        ui: { reaches: Boolean(e.ui), permission: ui?.permission ?? null, userField: ui?.userField ?? null, fields: ui?.fields ? [...ui.fields] : null },
        subscribers: deps.events.subscribersOf(e.name).filter((id) => deps.registry.active(id)).sort(),
      }
    })
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function html(items: CatalogueEntry[]): string {
  const rows = items.map((e) => {
    const who = e.ui.permission ? `holders of ${e.ui.permission}` : e.ui.userField ? '' : 'every socket of the tenant'
    const addressed = e.ui.userField ? `${who ? ' and ' : ''}the user named by ${e.ui.userField}` : ''
    const ui = !e.ui.reaches ? 'no' : [who + addressed, e.ui.fields ? `fields: ${e.ui.fields.join(', ')}` : 'whole payload'].join('; ')
    return `<section id="${escape(e.name)}"><h2>${escape(e.name)}</h2>
<p>Published by <code>${escape(e.plugin)}</code>${e.contract ? '' : ' (untyped declaration)'}. ${escape(e.description ?? '')}</p>
<p>Reaches the UI: ${escape(ui)}. Subscribers: ${e.subscribers.length ? e.subscribers.map((s) => `<code>${escape(s)}</code>`).join(', ') : 'none'}.</p>
<pre>${escape(e.schema ? JSON.stringify(e.schema, null, 2) : 'no payload schema')}</pre></section>`
  })
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tessera events</title></head><body>
<h1>Domain events</h1><p>${items.length} events. Machine-readable: <a href="/docs/events.json">/docs/events.json</a>.</p>
${rows.join('\n')}</body></html>`
}

/** Registers `/docs/events` and `/docs/events.json`. */
export function eventsCatalogueRoutes(app: FastifyInstance, deps: { registry: PluginRegistry; events: EventBus }): void {
  app.get('/docs/events.json', {
    schema: { hide: true, response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: entry } } } } } as never,
  }, async () => ({ items: eventsCatalogue(deps) }))
  app.get('/docs/events', { schema: { hide: true } as never }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(html(eventsCatalogue(deps))))
}
