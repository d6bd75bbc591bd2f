/**
 * The JSON Schema a plugin's declaration must satisfy. Functions (routes, hooks, handlers) are checked for presence
 * and type by `validate-manifest.ts`, since JSON Schema cannot describe them. `services`, `events` and `subscribes`
 * take either the contract form (an array of `provide(...)`, `defineEvent(...)`, `on(...)` objects) or the deprecated
 * record form; `if`/`then`/`else` on the type keeps the errors of the other form out of the report.
 */
import { TENANT_ROLES } from '@tessera/sdk'

const permissionName = '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$'
/** A CSP source a plugin may add: an https origin, or http on the loopback (tests' stand-ins). */
const cspOrigin = { type: 'string', maxLength: 200, pattern: '^(https://[a-z0-9.-]+|http://(localhost|127\\.0\\.0\\.1))(:[0-9]{1,5})?$' } as const
const pluginId = { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } as const
const eventName = { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-zA-Z][a-zA-Z0-9-]*)+$', maxLength: 200 } as const
const serviceRef = {
  type: 'object', required: ['kind', 'plugin', 'id'],
  properties: { kind: { const: 'service-ref' }, plugin: pluginId, id: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }, version: { type: 'string' } },
} as const
const extensionPoint = {
  type: 'object', required: ['kind', 'plugin', 'id'],
  properties: { kind: { const: 'extension-point' }, plugin: pluginId, id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } },
} as const
const eventUi = {
  anyOf: [{ type: 'boolean' }, {
    type: 'object', additionalProperties: false, minProperties: 1,
    properties: { permission: { type: 'string' }, userField: { type: 'string', minLength: 1, maxLength: 100 }, fields: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
  }],
} as const
/** A `defineEvent` contract: the payload schema is required. */
const eventContract = {
  type: 'object', required: ['kind', 'name', 'schema'],
  properties: { kind: { const: 'event' }, name: eventName, schema: { type: ['object', 'boolean'] }, description: { type: 'string' }, ui: eventUi },
} as const

/** A dashboard widget (`ui.widgets[]`); the element's prefix is checked by `validate-manifest.ts`. */
const uiWidget = {
  type: 'object', additionalProperties: false, required: ['id', 'title', 'element'],
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 },
    title: { type: 'string', minLength: 1, maxLength: 60 },
    element: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)+$', maxLength: 100 },
    size: { enum: ['s', 'm', 'l'] },
    permission: { type: 'string', pattern: permissionName, maxLength: 200 },
    order: { type: 'integer', minimum: 0, maximum: 1000 },
  },
} as const

const field = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$', maxLength: 40 } as const
const uiReport = {
  type: 'object', additionalProperties: false, required: ['id', 'title', 'source', 'x', 'values'],
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 },
    title: { type: 'string', minLength: 1, maxLength: 60 },
    description: { type: 'string', maxLength: 200 },
    source: { type: 'string', pattern: '^(/[a-z0-9][a-z0-9-]*)+$', maxLength: 100 },
    chart: { enum: ['bar', 'line'] },
    x: field,
    series: field,
    values: { type: 'array', minItems: 1, maxItems: 4, items: { type: 'object', additionalProperties: false, required: ['field', 'label'], properties: { field, label: { type: 'string', minLength: 1, maxLength: 60 } } } },
    format: { enum: ['number', 'percent', 'money'] },
    permission: { type: 'string', pattern: permissionName, maxLength: 200 },
    order: { type: 'integer', minimum: 0, maximum: 1000 },
  },
} as const

/** Schema of the data part of a `PluginDefinition`. */
export const manifestSchema = {
  type: 'object',
  required: ['id', 'version', 'kernel'],
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 40, not: { enum: ['tessera', 'pgboss', 'public', 'admin', 'auth', 'ui', 'realtime', 'tenant', 'pg-catalog', 'information-schema'] } },
    version: { type: 'string', minLength: 5 },
    kernel: { type: 'string', minLength: 1 },
    name: { type: 'string' },
    description: { type: 'string' },
    dependsOn: { type: 'object', propertyNames: { pattern: '^[a-z][a-z0-9-]*$' }, additionalProperties: { type: 'string' } },
    optionalDependsOn: { type: 'object', propertyNames: { pattern: '^[a-z][a-z0-9-]*$' }, additionalProperties: { type: 'string' } },
    configSchema: { type: 'object' },
    permissions: {
      type: 'object',
      propertyNames: { pattern: permissionName },
      additionalProperties: {
        type: 'object',
        required: ['description', 'roles'],
        properties: {
          description: { type: 'string' },
          roles: { type: 'array', items: { enum: TENANT_ROLES } },
        },
      },
    },
    migrations: {
      type: 'array',
      items: { type: 'object', required: ['name', 'up'], properties: { name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' } } },
    },
    jobs: { type: 'object', propertyNames: { pattern: '^[a-z][a-z0-9-]*$' } },
    events: {
      if: { type: 'array' },
      then: { items: eventContract },
      else: {
        type: 'object',
        additionalProperties: { type: 'object', properties: { description: { type: 'string' }, schema: { type: ['object', 'boolean'] }, ui: eventUi } },
      },
    },
    subscribes: {
      if: { type: 'array' },
      then: { items: { type: 'object', required: ['kind', 'event'], properties: { kind: { const: 'subscription' }, event: eventContract } } },
      else: { type: 'object' },
    },
    services: {
      if: { type: 'array' },
      then: { items: { type: 'object', required: ['kind', 'ref'], properties: { kind: { const: 'service-provision' }, ref: serviceRef } } },
      else: { type: 'object', propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*$' } },
    },
    consumes: { type: 'array', items: serviceRef },
    extensionPoints: { type: 'array', items: extensionPoint },
    extensions: { type: 'array', items: { type: 'object', required: ['kind', 'point'], properties: { kind: { const: 'extension' }, point: extensionPoint } } },
    ui: {
      type: 'object',
      required: ['routes'],
      properties: {
        entry: { type: 'string' },
        nav: {
          type: 'array',
          items: { type: 'object', required: ['label', 'path'], properties: { label: { type: 'string' }, path: { type: 'string', pattern: '^/' }, selfService: { type: 'boolean' } } },
        },
        self: { type: 'string', pattern: '^/[A-Za-z0-9/_-]*$', maxLength: 100 },
        routes: {
          type: 'array',
          items: { type: 'object', required: ['path', 'tag'], properties: { path: { type: 'string', pattern: '^/' }, tag: { type: 'string' } } },
        },
        widgets: { type: 'array', maxItems: 12, items: uiWidget },
        profileSections: { type: 'array', maxItems: 6, items: uiWidget },
        reports: { type: 'array', maxItems: 12, items: uiReport },
      },
    },
    search: {
      type: 'object', additionalProperties: false, required: ['kinds', 'permission', 'query'],
      properties: {
        kinds: {
          type: 'array', minItems: 1, maxItems: 8,
          items: { type: 'object', additionalProperties: false, required: ['id', 'label'], properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 }, label: { type: 'string', minLength: 1, maxLength: 60 } } },
        },
        permission: { type: 'string', pattern: permissionName, maxLength: 200 },
        timeoutMs: { type: 'integer', minimum: 50, maximum: 2000 },
        query: {},
      },
    },
    drivers: { type: 'array', items: { type: 'object', required: ['kind', 'id'] } },
    csp: {
      type: 'object', additionalProperties: false,
      properties: Object.fromEntries(['scriptSrc', 'frameSrc', 'connectSrc'].map((k) => [k, { type: 'array', maxItems: 8, items: cspOrigin }])),
    },
  },
} as const
