/**
 * The data of the read-path benchmarks (kernel-overhead, profile-instructions): an operator kernel with the
 * `benchitems` plugin, {@link TENANTS} tenants with it enabled, {@link ROWS_PER_TENANT} rows each in
 * `benchitems.items`, and a member's session on the first tenant. The operator serves no measured request.
 */
import { createTestKernel } from '@tessera/kernel/testing'
import type { TestKernel } from '@tessera/kernel/testing'
import { benchItems } from './fixtures.ts'
import { benchKernelConfig } from './bench-config.ts'

/** Tenants of the read world. */
export const TENANTS = 10
/** Rows of `benchitems.items` per tenant. */
export const ROWS_PER_TENANT = 10_000
/** The key every measured request reads. */
export const KEY = 4242

/** What the servers of a read benchmark are started with. */
export interface ReadWorld {
  op: TestKernel
  tenantId: string
  cookie: string
  runtimeRole: string
}

/** Creates the database, tenants, rows and session. Close `op` when done. */
export async function createReadWorld(): Promise<ReadWorld> {
  const op = await createTestKernel({ plugins: [benchItems], workers: false, config: benchKernelConfig({ poolSize: 2 }) })
  const tenants: string[] = []
  for (let i = 0; i < TENANTS; i++) {
    const tenant = await op.createTenant()
    await op.enable(tenant.id, 'benchitems')
    tenants.push(tenant.id)
  }
  await op.adminQuery(`INSERT INTO benchitems.items (tenant_id, k, v)
    SELECT tid, k, 'value ' || k FROM unnest($1::uuid[]) AS tid, generate_series(1, $2) AS k`, [tenants, ROWS_PER_TENANT])
  await op.adminQuery('ANALYZE benchitems.items')
  const { cookie } = await op.signIn({ tenantId: tenants[0], role: 'member' })
  return { op, tenantId: tenants[0], cookie, runtimeRole: op.kernel.services.config.database.runtimeRole }
}
