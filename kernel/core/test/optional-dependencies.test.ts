/**
 * Optional dependencies (`optionalDependsOn`): a plugin starts after an installed optional dependency and reads its
 * consumed refs with `ctx.services.optional(ref)` — the typed service when the provider runs, `undefined` when it is
 * not installed — and boots either way; an installed one outside the range fails it with a reason; `get(ref)` refuses
 * an optional ref; a consumed ref of a plugin in neither list still fails at boot. A tenant need not enable an
 * optional dependency, and disabling one is not refused because of its optional dependents.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, defineServiceRef, provide, SDK_VERSION } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import { resolvePluginOrder } from '../src/plugin-host/resolve-plugin-order.ts'

/** The provider's contract. */
interface Plans {
  planName(id: string): string
}
const plansRef = defineServiceRef<Plans>({ plugin: 'zplans', id: 'plans', version: '^1.0.0' })
const nextPlansRef = defineServiceRef<Plans>({ plugin: 'zplans-next', id: 'plans' })
const strayRef = defineServiceRef<Plans>({ plugin: 'zplans', id: 'plans' })

const provider = (id: string, version: string, ref: typeof plansRef) =>
  definePlugin({ id, version, kernel: '^1.0.0', services: [provide(ref, () => ({ planName: (planId: string) => `Plan ${planId}` }))] })

const replySchema = { type: 'object', properties: { plan: { type: ['string', 'null'] }, strict: { type: 'string' } } } as const

const consumer = definePlugin({
  id: 'opt-user', version: '1.0.0', kernel: '^1.0.0',
  optionalDependsOn: { zplans: '^1.0.0' },
  consumes: [plansRef],
  permissions: { 'opt-user.read': { description: 'read', roles: ['admin'] } },
  routes(app, ctx) {
    app.get('/plan', { config: { permission: 'opt-user.read' }, schema: { response: { 200: replySchema } } }, async () => {
      const plans = ctx.services.optional(plansRef) // typed Plans | undefined
      let strict = ''
      try {
        ctx.services.get(plansRef)
      } catch (err) {
        strict = (err as Error).message
      }
      return { plan: plans ? plans.planName('p1') : null, strict }
    })
  },
})

const nextConsumer = definePlugin({
  id: 'opt-user-next', version: '1.0.0', kernel: '^1.0.0', optionalDependsOn: { 'zplans-next': '^1.0.0' }, consumes: [nextPlansRef],
})
const stray = definePlugin({ id: 'opt-stray', version: '1.0.0', kernel: '^1.0.0', consumes: [strayRef] })

async function readPlan(t: Awaited<ReturnType<typeof createTestKernel>>, tenantId: string): Promise<{ plan: string | null; strict: string }> {
  const { cookie } = await t.signIn({ tenantId, role: 'admin' })
  const res = await t.request({ method: 'GET', url: '/api/v1/opt-user/plan', session: cookie })
  assert.equal(res.statusCode, 200, res.body)
  return res.json()
}

test('an installed optional dependency orders the plugin after it and gives its typed service through ctx.services.optional', async () => {
  assert.deepEqual(resolvePluginOrder([consumer, provider('zplans', '1.2.0', plansRef)], SDK_VERSION).order.map((p) => p.id), ['zplans', 'opt-user'])
  const t = await createTestKernel({ workers: false, plugins: [provider('zplans', '1.2.0', plansRef), consumer] })
  try {
    const registry = t.kernel.services.registry
    assert.equal(registry.get('opt-user')?.state, 'active')
    const tenant = await t.createTenant()
    await t.enable(tenant.id, 'opt-user') // the optional dependency need not be enabled
    assert.deepEqual(await readPlan(t, tenant.id), {
      plan: 'Plan p1',
      strict: 'plugin "opt-user" depends on "zplans" only optionally: read "zplans.plans" with ctx.services.optional(ref)',
    })
    await t.enable(tenant.id, 'zplans')
    await t.disable(tenant.id, 'zplans') // not refused: opt-user depends on it only optionally
    assert.equal((await readPlan(t, tenant.id)).plan, 'Plan p1')
  } finally {
    await t.close()
  }
})

test('a consumed ref of a plugin in neither dependsOn nor optionalDependsOn still fails the consumer at boot', async () => {
  const t = await createTestKernel({ workers: false, plugins: [provider('zplans', '1.2.0', plansRef), stray] })
  try {
    const stray = t.kernel.services.registry.get('opt-stray')
    assert.equal(stray?.state, 'failed')
    assert.match(stray!.reason!, /consumes the service ref "zplans\.plans" but does not declare "zplans" in dependsOn or optionalDependsOn/)
  } finally {
    await t.close()
  }
})

test('an absent optional dependency leaves the plugin running, with ctx.services.optional returning undefined', async () => {
  const t = await createTestKernel({ workers: false, plugins: [consumer] })
  try {
    assert.equal(t.kernel.services.registry.get('opt-user')?.state, 'active')
    const tenant = await t.createTenant()
    await t.enable(tenant.id, 'opt-user')
    assert.equal((await readPlan(t, tenant.id)).plan, null)
  } finally {
    await t.close()
  }
})

test('an optional dependency installed in a version outside the range fails the consumer with a reason naming it', async () => {
  const t = await createTestKernel({ workers: false, plugins: [provider('zplans-next', '2.0.0', nextPlansRef), nextConsumer] })
  try {
    const registry = t.kernel.services.registry
    assert.equal(registry.get('zplans-next')?.state, 'active')
    assert.equal(registry.get('opt-user-next')?.state, 'failed')
    assert.match(registry.get('opt-user-next')!.reason!, /optional dependency "zplans-next" is 2\.0\.0, which does not satisfy \^1\.0\.0/)
  } finally {
    await t.close()
  }
})
