/**
 * `@tessera/sdk/testing`: boot a real kernel on a real PostgreSQL in a plugin's own tests.
 *
 * ```ts
 * import { createTestKernel } from '@tessera/sdk/testing'
 * const t = await createTestKernel({ plugins: [myPlugin] })
 * const tenant = await t.createTenant()
 * await t.enable(tenant.id, 'my-plugin')
 * const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
 * const res = await t.request({ method: 'GET', url: '/api/v1/my-plugin/things', session: cookie })
 * await t.close()
 * ```
 *
 * @packageDocumentation
 */
export { createTestKernel, createTestDatabase, dropTestDatabase } from '@tessera/kernel/testing'
export type { TestKernel, TestKernelOptions } from '@tessera/kernel/testing'
