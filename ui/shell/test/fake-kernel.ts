/**
 * An in-memory fake of the kernel's HTTP contract for browser tests and README screenshots: auth with a
 * session cookie, the UI manifest, and the operator API (tenants, installed plugins, per-tenant enablement
 * with config validation → 400 `errors` by pointer, dependency checks → 409). Not a kernel: just enough
 * behaviour, with the same shapes, to drive the shell end to end.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import type { JsonSchema } from '@tessera/ui-kit'

interface User {
  id: string
  email: string
  name: string
  password: string
  isOperator: boolean
  memberships: Array<{ tenantId: string; role: string }>
}

interface Installed {
  id: string
  name: string
  description: string
  version: string
  state: 'installed' | 'failed'
  error: string | null
  dependsOn: Record<string, string>
  configSchema: JsonSchema
  ui?: { nav: Array<{ label: string; path: string; icon?: string; order?: number }>; routes: Array<{ path: string; tag: string }> }
}

interface Enablement {
  pluginId: string
  state: 'enabled' | 'disabled' | 'failed'
  version: string
  config: Record<string, unknown> | null
  error: string | null
}

export const operatorCredentials = { email: 'ops@tessera.test', password: 'correct horse battery' }
export const staffCredentials = { email: 'sam@harbour.test', password: 'staple' }

export const bookingsSchema: JsonSchema = {
  type: 'object',
  required: ['maxBookingHours', 'cancellationPolicy'],
  properties: {
    maxBookingHours: { type: 'integer', title: 'Maximum booking length (hours)', minimum: 1, maximum: 24, default: 4, description: 'Longest single booking a member can make.' },
    cancellationPolicy: { type: 'string', enum: ['flexible', 'moderate', 'strict'], description: 'How late members may cancel without a charge.' },
    allowGuests: { type: 'boolean', title: 'Allow guests', default: true, description: 'Members may add guests to room bookings.' },
    reminderEmails: { type: 'array', title: 'Reminder recipients', items: { type: 'string', format: 'email' }, description: 'Extra addresses that receive the daily bookings digest.' },
    bufferMinutes: { type: 'number', title: 'Buffer between bookings (minutes)', minimum: 0, maximum: 60 },
  },
}

function makeState() {
  const tenants = [
    { id: 't-harbour', slug: 'harbour-works', name: 'Harbour Works', createdAt: '2026-01-12T09:00:00Z' },
    { id: 't-northside', slug: 'northside-studios', name: 'Northside Studios', createdAt: '2026-02-03T09:00:00Z' },
  ]
  const extra = ['Canal Yard', 'Foundry Lane', 'The Mill', 'Orchard House', 'Granary Square', 'Riverside Hub', 'Old Post Office', 'Brewery Loft', 'Station Works', 'Market Hall', 'Lighthouse', 'Tannery Row', 'Signal Box', 'Print Works', 'Boathouse', 'Observatory', 'Quarry Studios', 'Weavers Court', 'Clocktower', 'Ropewalk', 'Glasshouse']
  extra.forEach((name, i) =>
    tenants.push({
      id: `t-${i}`,
      slug: name.toLowerCase().replace(/\s+/g, '-'),
      name,
      createdAt: new Date(Date.UTC(2026, 2, 1 + i)).toISOString(),
    }),
  )
  const installed: Installed[] = [
    {
      id: 'members', name: 'Members', description: 'Organisations and people: the directory every other plugin builds on.', version: '1.2.0', state: 'installed', error: null, dependsOn: {},
      configSchema: { type: 'object', properties: {} },
      ui: { nav: [{ label: 'Members', path: '/members', icon: 'users', order: 10 }], routes: [{ path: '/members', tag: 'members-directory' }] },
    },
    {
      id: 'spaces', name: 'Spaces', description: 'Buildings, floors, rooms and desks, with opening hours.', version: '1.0.3', state: 'installed', error: null, dependsOn: { members: '^1.0.0' },
      configSchema: { type: 'object', properties: { timezone: { type: 'string', enum: ['Europe/London', 'Europe/Berlin', 'America/New_York'], default: 'Europe/London' } } },
      ui: { nav: [{ label: 'Spaces', path: '/spaces', icon: 'building', order: 20 }], routes: [{ path: '/spaces', tag: 'spaces-list' }] },
    },
    {
      id: 'bookings', name: 'Bookings', description: 'Room and desk bookings with a calendar, rules and reminders.', version: '1.4.1', state: 'installed', error: null, dependsOn: { spaces: '^1.0.0', members: '^1.0.0' },
      configSchema: bookingsSchema,
      ui: {
        nav: [{ label: 'Bookings', path: '/bookings', icon: 'calendar', order: 30 }],
        routes: [{ path: '/bookings', tag: 'bookings-calendar' }, { path: '/bookings/:id', tag: 'bookings-detail' }],
      },
    },
    {
      id: 'access', name: 'Door access', description: 'Door controllers and access grants for members.', version: '0.9.0', state: 'installed', error: null, dependsOn: { spaces: '^1.0.0' },
      configSchema: { type: 'object', properties: {} },
      ui: { nav: [{ label: 'Doors', path: '/access', icon: 'door', order: 40 }], routes: [{ path: '/access', tag: 'access-doors' }] },
    },
    {
      id: 'billing', name: 'Billing', description: 'Plans, invoices and payments through Stripe.', version: '2.0.0', state: 'failed',
      error: 'Migration 0003_invoice_lines failed: relation "billing.invoice_line" already exists', dependsOn: { members: '^1.0.0' }, configSchema: { type: 'object', properties: {} },
    },
  ]
  const enablement = new Map<string, Map<string, Enablement>>()
  const enable = (tenantId: string, pluginId: string, config: Record<string, unknown> = {}) => {
    const plugin = installed.find((p) => p.id === pluginId)!
    if (!enablement.has(tenantId)) enablement.set(tenantId, new Map())
    enablement.get(tenantId)!.set(pluginId, { pluginId, state: 'enabled', version: plugin.version, config, error: null })
  }
  enable('t-harbour', 'members')
  enable('t-harbour', 'spaces', { timezone: 'Europe/London' })
  enable('t-harbour', 'bookings', { maxBookingHours: 4, cancellationPolicy: 'moderate', allowGuests: true })
  enable('t-northside', 'members')
  const users: User[] = [
    {
      id: 'u-ops', email: operatorCredentials.email, name: 'Alex Morgan', password: operatorCredentials.password, isOperator: true,
      memberships: [{ tenantId: 't-harbour', role: 'owner' }, { tenantId: 't-northside', role: 'admin' }],
    },
    { id: 'u-sam', email: staffCredentials.email, name: 'Sam Patel', password: staffCredentials.password, isOperator: false, memberships: [{ tenantId: 't-harbour', role: 'manager' }] },
  ]
  return { tenants, installed, enablement, users, sessions: new Map<string, { userId: string; tenantId: string | null }>() }
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) return void res.writeHead(status, headers).end()
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  res.writeHead(status, { 'content-type': type, ...headers }).end(JSON.stringify(body))
}

function problem(res: ServerResponse, status: number, title: string, detail?: string, errors?: Array<{ pointer: string; detail: string }>): void {
  send(res, status, { type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) })
}

/** A minimal validator for the fixture schemas, answering like ajv does. */
function validateConfig(schema: JsonSchema, config: Record<string, unknown>): Array<{ pointer: string; detail: string }> {
  const errors: Array<{ pointer: string; detail: string }> = []
  for (const name of schema.required ?? []) if (config[name] === undefined) errors.push({ pointer: '/config', detail: `must have required property '${name}'` })
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const v = config[name]
    if (v === undefined) continue
    const pointer = `/config/${name}`
    if (prop.type === 'integer' && !Number.isInteger(v)) errors.push({ pointer, detail: 'must be integer' })
    else if (typeof v === 'number' && prop.maximum !== undefined && v > prop.maximum) errors.push({ pointer, detail: `must be <= ${prop.maximum}` })
    else if (typeof v === 'number' && prop.minimum !== undefined && v < prop.minimum) errors.push({ pointer, detail: `must be >= ${prop.minimum}` })
    if (prop.enum && !prop.enum.includes(v)) errors.push({ pointer, detail: 'must be equal to one of the allowed values' })
  }
  return errors
}

export interface FakeKernel {
  handle(req: IncomingMessage, res: ServerResponse, body: string): void
  /** Server-side rules a test can tighten, e.g. a max the client does not know about. */
  serverMaxBookingHours: number
}

export function createFakeKernel(options: { pluginModule: (id: string, version: string) => string }): FakeKernel {
  const state = makeState()
  const kernel: FakeKernel = {
    serverMaxBookingHours: 12,
    handle(req, res, raw) {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const path = url.pathname
      const method = req.method ?? 'GET'
      let body: Record<string, unknown> = {}
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
      } catch {
        return problem(res, 400, 'Body is not JSON')
      }
      const token = /(?:^|;\s*)tz_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
      const session = token ? state.sessions.get(token) : undefined
      const user = session ? state.users.find((u) => u.id === session.userId) : undefined
      const sessionBody = () => ({
        user: { id: user!.id, email: user!.email, name: user!.name, isOperator: user!.isOperator },
        tenants: user!.memberships.map((m) => {
          const t = state.tenants.find((x) => x.id === m.tenantId)!
          return { id: t.id, slug: t.slug, name: t.name, role: m.role }
        }),
        tenantId: session!.tenantId,
      })

      if (method === 'POST' && path === '/api/v1/auth/login') {
        const found = state.users.find((u) => u.email === body.email && u.password === body.password)
        if (!found) return problem(res, 401, 'Invalid credentials', 'The email or password is incorrect.')
        const id = randomUUID()
        state.sessions.set(id, { userId: found.id, tenantId: found.memberships[0]?.tenantId ?? null })
        res.setHeader('set-cookie', `tz_session=${id}; Path=/; HttpOnly; SameSite=Lax`)
        const s = state.sessions.get(id)!
        return send(res, 200, {
          user: { id: found.id, email: found.email, name: found.name, isOperator: found.isOperator },
          tenants: found.memberships.map((m) => {
            const t = state.tenants.find((x) => x.id === m.tenantId)!
            return { id: t.id, slug: t.slug, name: t.name, role: m.role }
          }),
          tenantId: s.tenantId,
        })
      }
      if (!user || !session) return problem(res, 401, 'Unauthorized', 'Sign in to continue.')
      if (method === 'GET' && path === '/api/v1/auth/me') return send(res, 200, sessionBody())
      if (method === 'POST' && path === '/api/v1/auth/logout') {
        state.sessions.delete(token!)
        return send(res, 204, undefined, { 'set-cookie': 'tz_session=; Path=/; Max-Age=0' })
      }
      if (method === 'POST' && path === '/api/v1/auth/switch-tenant') {
        if (!user.memberships.some((m) => m.tenantId === body.tenantId)) return problem(res, 403, 'Not a member of that tenant')
        session.tenantId = String(body.tenantId)
        return send(res, 200, sessionBody())
      }
      if (method === 'GET' && path === '/api/v1/ui/manifest') {
        const enabled = state.enablement.get(session.tenantId ?? '') ?? new Map()
        const plugins = state.installed
          .filter((p) => p.ui && enabled.get(p.id)?.state === 'enabled')
          .map((p) => ({ id: p.id, version: p.version, module: options.pluginModule(p.id, p.version), nav: p.ui!.nav, routes: p.ui!.routes }))
        return send(res, 200, { tenantId: session.tenantId, plugins })
      }
      if (path.startsWith('/api/v1/admin/')) {
        if (!user.isOperator) return problem(res, 403, 'Forbidden', 'Operators only.')
        if (method === 'GET' && path === '/api/v1/admin/tenants') {
          const limit = Number(url.searchParams.get('limit') ?? 20)
          const offset = Number(url.searchParams.get('offset') ?? 0)
          return send(res, 200, { items: state.tenants.slice(offset, offset + limit), total: state.tenants.length })
        }
        if (method === 'POST' && path === '/api/v1/admin/tenants') {
          const errors = []
          if (typeof body.slug !== 'string' || !/^[a-z][a-z0-9-]{1,62}$/.test(body.slug)) errors.push({ pointer: '/slug', detail: 'must match pattern "^[a-z][a-z0-9-]{1,62}$"' })
          if (typeof body.name !== 'string' || !body.name) errors.push({ pointer: '/name', detail: 'must NOT have fewer than 1 characters' })
          if (errors.length) return problem(res, 400, 'Invalid request body', undefined, errors)
          if (state.tenants.some((t) => t.slug === body.slug)) return problem(res, 409, 'Slug already taken', `A tenant with slug "${String(body.slug)}" already exists.`)
          const tenant = { id: `t-${randomUUID().slice(0, 8)}`, slug: String(body.slug), name: String(body.name), createdAt: new Date().toISOString() }
          state.tenants.push(tenant)
          return send(res, 201, tenant)
        }
        if (method === 'GET' && path === '/api/v1/admin/plugins') {
          return send(res, 200, { items: state.installed.map(({ ui: _ui, ...p }) => p) })
        }
        const m = /^\/api\/v1\/admin\/tenants\/([^/]+)\/plugins(?:\/([^/]+))?$/.exec(path)
        if (m) {
          const tenantId = decodeURIComponent(m[1])
          if (!state.tenants.some((t) => t.id === tenantId)) return problem(res, 404, 'Tenant not found')
          if (!state.enablement.has(tenantId)) state.enablement.set(tenantId, new Map())
          const records = state.enablement.get(tenantId)!
          if (method === 'GET' && !m[2]) return send(res, 200, { items: [...records.values()] })
          const plugin = state.installed.find((p) => p.id === decodeURIComponent(m[2] ?? ''))
          if (!plugin) return problem(res, 404, 'Plugin not installed')
          if (method === 'PUT') {
            const config = (body.config ?? {}) as Record<string, unknown>
            const errors = validateConfig(plugin.configSchema, config)
            if (plugin.id === 'bookings' && typeof config.maxBookingHours === 'number' && config.maxBookingHours > kernel.serverMaxBookingHours) {
              errors.push({ pointer: '/config/maxBookingHours', detail: `must be <= ${kernel.serverMaxBookingHours} on this deployment` })
            }
            if (errors.length) return problem(res, 400, 'Invalid plugin configuration', `${plugin.name} was not enabled: fix the highlighted settings.`, errors)
            for (const [dep, range] of Object.entries(plugin.dependsOn)) {
              if (records.get(dep)?.state !== 'enabled') {
                return problem(res, 409, 'Missing dependency', `${plugin.name} needs ${dep} ${range}, which is not enabled for this tenant. Enable ${dep} first.`)
              }
            }
            const record: Enablement = { pluginId: plugin.id, state: 'enabled', version: plugin.version, config, error: null }
            records.set(plugin.id, record)
            return send(res, 200, record)
          }
          if (method === 'DELETE') {
            const dependents = state.installed.filter((p) => p.dependsOn[plugin.id] && records.get(p.id)?.state === 'enabled')
            if (dependents.length) {
              return problem(res, 409, 'Plugin is in use', `${dependents.map((d) => d.name).join(', ')} depend${dependents.length === 1 ? 's' : ''} on ${plugin.name}. Disable ${dependents.length === 1 ? 'it' : 'them'} first.`)
            }
            const record = records.get(plugin.id)
            if (record) record.state = 'disabled'
            return send(res, 204)
          }
        }
      }
      return problem(res, 404, 'Not found')
    },
  }
  return kernel
}
