/**
 * `@tessera/sdk/testing`: boot a real kernel on a real PostgreSQL in a plugin's own tests.
 *
 * ```ts
 * import { createTestKernel, waitFor } from '@tessera/sdk/testing'
 * const t = await createTestKernel({ plugins: [myPlugin] })     // a fresh database, dropped by close()
 * const w = await t.createWorld({ plugins: ['my-plugin'] })      // a tenant + one signed-in user per role
 * const res = await t.request({ method: 'POST', url: '/api/v1/my-plugin/things', session: w.users.manager.cookie, payload: {} })
 * const event = await t.events.next('my-plugin.thing.created')   // committed events only
 * await t.close()
 * ```
 *
 * The harness is the kernel's (`@tessera/kernel`, a dependency the host provides); this entry exposes only its public
 * helpers — no kernel services, container or Fastify instance.
 *
 * @packageDocumentation
 */
export { createPluginTestKernel as createTestKernel, createTestDatabase, dropTestDatabase, waitFor, countRoundTrips } from '@tessera/kernel/testing'
export type {
  PluginTestKernel as TestKernel, TestKernelOptions, TestUser, TestWorld, WorldPlugin, TestPluginInput, EventLog, NextEventOptions, WaitForOptions, RoundTripCount,
} from '@tessera/kernel/testing'
