/**
 * The JSON Schema a plugin's declaration must satisfy. Functions (routes, hooks, handlers) are checked for presence
 * and type by `validate-manifest.ts`, since JSON Schema cannot describe them.
 */

const permissionName = '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$'

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
    configSchema: { type: 'object' },
    permissions: {
      type: 'object',
      propertyNames: { pattern: permissionName },
      additionalProperties: {
        type: 'object',
        required: ['description', 'roles'],
        properties: {
          description: { type: 'string' },
          roles: { type: 'array', items: { enum: ['owner', 'admin', 'manager', 'finance', 'support', 'member'] } },
        },
      },
    },
    migrations: {
      type: 'array',
      items: { type: 'object', required: ['name', 'up'], properties: { name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' } } },
    },
    jobs: { type: 'object', propertyNames: { pattern: '^[a-z][a-z0-9-]*$' } },
    events: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          description: { type: 'string' },
          ui: { anyOf: [{ type: 'boolean' }, { type: 'object', required: ['permission'], properties: { permission: { type: 'string' } } }] },
        },
      },
    },
    subscribes: { type: 'object' },
    services: { type: 'object', propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*$' } },
    ui: {
      type: 'object',
      required: ['routes'],
      properties: {
        entry: { type: 'string' },
        nav: {
          type: 'array',
          items: { type: 'object', required: ['label', 'path'], properties: { label: { type: 'string' }, path: { type: 'string', pattern: '^/' } } },
        },
        routes: {
          type: 'array',
          items: { type: 'object', required: ['path', 'tag'], properties: { path: { type: 'string', pattern: '^/' }, tag: { type: 'string' } } },
        },
      },
    },
    drivers: { type: 'array', items: { type: 'object', required: ['kind', 'id'] } },
  },
} as const
