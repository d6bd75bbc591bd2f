/**
 * One server of the kernel-overhead benchmark, in its own process (started by `kernel-overhead.ts` through
 * `lib/server-process.ts`): argv[2] is JSON `{ variant, databaseUrl, tenantId, runtimeRole, poolSize }` on a database
 * the benchmark has filled. Variants, all answering `GET …/items/:k` with the same JSON:
 * - `tessera`: the kernel with the `benchitems` plugin (session auth, tenant gate, permission, tenant-bound read,
 *   response schema);
 * - `tessera + orm`: the same kernel and plugin, the route that reads the row through `@tessera/orm` (`em.fork()` +
 *   `findOne` on the same statement-bound scope);
 * - `bare`: Fastify + pg, `WHERE tenant_id = $1 AND k = $2` (sent unnamed, node-postgres' default: parsed and planned
 *   by PostgreSQL on every call);
 * - `bare + named`: bare with that SELECT as a named prepared statement (node-postgres' `name`: parsed and planned once
 *   per connection, as the kernel's runtime connections do with the statements they repeat);
 * - `bare + tx`: bare wrapped in `BEGIN; SET LOCAL ROLE; set_config(…)`, the SELECT, `COMMIT` (3 round trips);
 * - `bare + session RLS`: RLS enforced, the runtime role and the tenant set at session level (once per connection).
 */
import pg from 'pg'
import Fastify from 'fastify'
import { createTestKernel } from '@tessera/kernel/testing'
import { benchItems, BARE_SQL, ITEM_SCHEMA } from './lib/fixtures.ts'
import { serveStats } from './lib/server-process.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

/** The variants, in the order of the benchmark's tables. */
export const VARIANTS = ['tessera', 'bare', 'bare + named', 'bare + tx', 'bare + session RLS', 'tessera + orm'] as const
export type Variant = (typeof VARIANTS)[number]

interface ServerArgs { variant: Variant; databaseUrl: string; tenantId: string; runtimeRole: string; poolSize: number }

async function main(a: ServerArgs) {
  if (a.variant === 'tessera' || a.variant === 'tessera + orm') {
    const t = await createTestKernel({
      plugins: [benchItems], databaseUrl: a.databaseUrl, captureEvents: false,
      config: benchKernelConfig({ poolSize: a.poolSize }),
    })
    const url = await t.kernel.listen()
    serveStats(t.app.server, `${url}/api/v1/benchitems/${a.variant === 'tessera' ? 'items' : 'orm-items'}`, () => t.close())
    return
  }
  const app = Fastify({ logger: false })
  const pool = new pg.Pool({ connectionString: a.databaseUrl, max: a.poolSize })
  const params = { type: 'object', required: ['k'], properties: { k: { type: 'integer' } } }
  const response = { 200: { type: 'array', items: ITEM_SCHEMA } }
  const k = (req: { params: unknown }) => (req.params as { k: number }).k
  if (a.variant === 'bare') {
    app.get('/items/:k', { schema: { params, response } }, async (req) => (await pool.query(BARE_SQL, [a.tenantId, k(req)])).rows)
  } else if (a.variant === 'bare + named') {
    app.get('/items/:k', { schema: { params, response } }, async (req) => (await pool.query({ name: 'item', text: BARE_SQL, values: [a.tenantId, k(req)] })).rows)
  } else if (a.variant === 'bare + tx') {
    app.get('/items/:k', { schema: { params, response } }, async (req) => {
      const client = await pool.connect()
      try {
        await client.query(`BEGIN; SET LOCAL ROLE ${a.runtimeRole}; SELECT set_config('app.tenant_id', '${a.tenantId}', true)`)
        const { rows } = await client.query('SELECT id, k, v FROM benchitems.items WHERE k = $1', [k(req)])
        await client.query('COMMIT')
        return rows
      } finally {
        client.release()
      }
    })
  } else {
    pool.on('connect', (client) => void client.query(`SET ROLE ${a.runtimeRole}`))
    const boundTenant = new WeakMap<pg.PoolClient, string>()
    app.get('/items/:k', { schema: { params, response } }, async (req) => {
      const client = await pool.connect()
      try {
        if (boundTenant.get(client) !== a.tenantId) {
          await client.query(`SELECT set_config('app.tenant_id', $1, false)`, [a.tenantId])
          boundTenant.set(client, a.tenantId)
        }
        return (await client.query('SELECT id, k, v FROM benchitems.items WHERE k = $1', [k(req)])).rows
      } finally {
        client.release()
      }
    })
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  serveStats(app.server, `${url}/items`, async () => {
    await app.close()
    await pool.end()
  })
}

if (import.meta.main) await main(JSON.parse(process.argv[2]) as ServerArgs)
