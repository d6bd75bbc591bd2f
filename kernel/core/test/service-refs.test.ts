/**
 * Service refs: a consumer reaches a provider's service through a typed ref it lists in `consumes`; the kernel checks
 * every consumed ref at boot — a ref of a plugin missing from `dependsOn`, a ref the provider does not provide, and a
 * ref whose version range the provider does not satisfy each fail the consumer with a reason while the rest serve —
 * and a ref not listed in `consumes` is refused on call. The deprecated `get(pluginId, name)` keeps working.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, defineServiceRef, provide } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'

/** The provider's contract: what `dir` would export from `@tessera/plugin-dir/contract`. */
interface Directory {
  describe(personId: string): { id: string; name: string; by: string }
}
const directoryRef = defineServiceRef<Directory>({ plugin: 'dir', id: 'directory', version: '^1.0.0' })
const nextMajorRef = defineServiceRef<Directory>({ plugin: 'dir', id: 'directory', version: '^2.0.0' })
const missingRef = defineServiceRef<Directory>({ plugin: 'dir', id: 'phonebook' })

const dir = definePlugin({
  id: 'dir', version: '1.2.0', kernel: '^1.0.0',
  services: [provide(directoryRef, (ctx) => ({ describe: (id: string) => ({ id, name: `Person ${id}`, by: ctx.id }) }))],
})

const okSchema = { type: 'object', properties: { name: { type: 'string' }, by: { type: 'string' }, legacy: { type: 'string' }, unlisted: { type: 'string' } } } as const

const consumer = definePlugin({
  id: 'consumer', version: '1.0.0', kernel: '^1.0.0',
  dependsOn: { dir: '^1.0.0' },
  consumes: [directoryRef],
  permissions: { 'consumer.read': { description: 'read', roles: ['admin'] } },
  routes(app, ctx) {
    app.get('/who', { config: { permission: 'consumer.read' }, schema: { response: { 200: okSchema } } }, async () => {
      const directory = ctx.services.get(directoryRef) // typed Directory, no cast
      const person = directory.describe('p1')
      // @ts-expect-error — the contract has no such method: a rename in the provider's contract breaks the consumer's build
      if (false as boolean) directory.lookup('p1')
      const legacy = ctx.services.get<Directory>('dir', 'directory').describe('p2').name
      let unlisted = ''
      try {
        ctx.services.get(missingRef)
      } catch (err) {
        unlisted = (err as Error).message
      }
      return { name: person.name, by: person.by, legacy, unlisted }
    })
  },
})

const undeclared = definePlugin({ id: 'undeclared', version: '1.0.0', kernel: '^1.0.0', consumes: [directoryRef] })
const tooNew = definePlugin({ id: 'too-new', version: '1.0.0', kernel: '^1.0.0', dependsOn: { dir: '^1.0.0' }, consumes: [nextMajorRef] })
const notProvided = definePlugin({ id: 'not-provided', version: '1.0.0', kernel: '^1.0.0', dependsOn: { dir: '^1.0.0' }, consumes: [missingRef] })

test('a consumed service ref is typed, resolved through the provider, and checked at boot against dependsOn, the provider and its version', async () => {
  const t = await createTestKernel({ workers: false, plugins: [dir, consumer, undeclared, tooNew, notProvided] })
  try {
    const registry = t.kernel.services.registry
    assert.equal(registry.get('dir')?.state, 'active')
    assert.equal(registry.get('consumer')?.state, 'active')
    const reasons: Record<string, RegExp> = {
      undeclared: /consumes the service ref "dir\.directory" but does not declare "dir" in dependsOn/,
      'too-new': /consumes the service ref "dir\.directory" for dir \^2\.0\.0, but dir is 1\.2\.0/,
      'not-provided': /consumes the service ref "dir\.phonebook", which dir 1\.2\.0 does not provide/,
    }
    for (const [id, reason] of Object.entries(reasons)) {
      assert.equal(registry.get(id)?.state, 'failed', `${id} fails at boot`)
      assert.match(registry.get(id)!.reason!, reason)
    }
    const tenant = await t.createTenant()
    await t.enable(tenant.id, 'dir')
    await t.enable(tenant.id, 'consumer')
    const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
    const res = await t.request({ method: 'GET', url: '/api/v1/consumer/who', session: cookie })
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), {
      name: 'Person p1', by: 'dir', legacy: 'Person p2',
      unlisted: 'plugin "consumer" must list the service ref "dir.phonebook" in consumes to use it',
    })
  } finally {
    await t.close()
  }
})
