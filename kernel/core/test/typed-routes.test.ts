/**
 * Schemas are types. A plugin whose `configSchema` is a literal gets `ctx.config()` typed from it, its routes get
 * `req.body`, `req.params` and `req.query` typed from their schemas (no casts; the `@ts-expect-error` lines fail `tsc`
 * if the typing ever goes away), and `createTestKernel` takes the plugin as it is. At run time, defaults added to the
 * config schema in an upgrade reach a tenant that enabled the plugin before the upgrade (applied on read).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'

const itemParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: 1000 } } } as const
const listQuery = { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 } } } as const
const renameBody = { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 80 }, shout: { type: 'boolean' } } } as const
const result = { type: 'object', additionalProperties: false, required: ['id', 'name', 'limit'], properties: { id: { type: 'integer' }, name: { type: 'string' }, limit: { type: 'integer' } } } as const

const configV1 = {
  type: 'object', additionalProperties: false, required: ['title'],
  properties: { title: { type: 'string', minLength: 1, maxLength: 50 } },
} as const
/** Version 1.1 adds the `greeting` setting with a default. */
const configV11 = { ...configV1, properties: { ...configV1.properties, greeting: { type: 'string', maxLength: 50, default: 'hello' } } } as const

const typedV1 = definePlugin({
  id: 'typed', version: '1.0.0', kernel: '^1.0.0',
  configSchema: configV1,
  permissions: { 'typed.use': { description: 'use', roles: ['admin'] } },
  routes(app, ctx) {
    app.post('/items/:id', { config: { permission: 'typed.use' }, schema: { params: itemParams, querystring: listQuery, body: renameBody, response: { 200: result } } }, async (req) => {
      const id: number = req.params.id
      const limit: number = req.query.limit // defaulted: present
      const name: string = req.body.shout ? req.body.name.toUpperCase() : req.body.name
      // @ts-expect-error — `name` is a string, not a number
      const wrong: number = req.body.name
      void wrong
      // @ts-expect-error — the body schema has no `colour`
      void req.body.colour
      return { id, name, limit }
    })
    app.get('/config', { config: { permission: 'typed.use' }, schema: { response: { 200: { type: 'object', additionalProperties: true } } } }, async () => {
      const title: string = ctx.config().title // the config type is derived from configSchema
      // @ts-expect-error — not a setting of this plugin
      void ctx.config().colour
      return { ...ctx.config(), title }
    })
  },
})
const typedV11 = definePlugin({ ...typedV1, version: '1.1.0', configSchema: configV11 })
const typedPlugin = (version: '1.0.0' | '1.1.0') => (version === '1.0.0' ? typedV1 : typedV11)

test('route params, query and body are typed from their schemas and validated with defaults at run time', async () => {
  const t = await createTestKernel({ workers: false, plugins: [typedPlugin('1.0.0')] }) // no cast: the typed plugin is a plugin input
  try {
    const tenant = await t.createTenant()
    await t.enable(tenant.id, 'typed', { title: 'T' })
    const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
    const ok = await t.request({ method: 'POST', url: '/api/v1/typed/items/7', session: cookie, payload: { name: 'desk', shout: true } })
    assert.equal(ok.statusCode, 200, ok.body)
    assert.deepEqual(ok.json(), { id: 7, name: 'DESK', limit: 10 })
    const bad = await t.request({ method: 'POST', url: '/api/v1/typed/items/7', session: cookie, payload: { name: 3 } })
    assert.equal(bad.statusCode, 400)
    assert.equal(bad.json().errors[0].pointer, '/body/name')
  } finally {
    await t.close()
  }
})

test('a config default added in an upgrade reaches a tenant enabled before it, without rewriting the stored config', async () => {
  const v1 = await createTestKernel({ workers: false, plugins: [typedPlugin('1.0.0')] })
  const url = v1.databaseUrl
  const tenant = await v1.createTenant()
  await v1.enable(tenant.id, 'typed', { title: 'Before' })
  await v1.kernel.close()
  const v11 = await createTestKernel({ workers: false, databaseUrl: url, plugins: [typedPlugin('1.1.0')] })
  try {
    const { cookie } = await v11.signIn({ tenantId: tenant.id, role: 'admin' })
    const res = await v11.request({ method: 'GET', url: '/api/v1/typed/config', session: cookie })
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), { title: 'Before', greeting: 'hello' })
    const stored = await v11.adminQuery(`SELECT config FROM tessera.tenant_plugins WHERE tenant_id = $1 AND plugin_id = 'typed'`, [tenant.id])
    assert.deepEqual(stored.rows[0].config, { title: 'Before' })
  } finally {
    await v11.close()
    await v1.close().catch(() => {})
  }
})
