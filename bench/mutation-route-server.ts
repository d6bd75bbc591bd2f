/**
 * One server of the mutation-route benchmark, in its own process (started by `mutation-route.ts` through
 * `lib/server-process.ts`): argv[2] is JSON `{ variant, databaseUrl, tenantId, runtimeRole, poolSize }`. Variants,
 * both answering `POST …/notes` `{ text }` with `201 { id }`:
 * - `tessera`: the kernel with the `benchwrites` plugin — session auth, tenant gate, permission, strict body
 *   validation, tenant transaction, idempotency key claimed and its response stored, the INSERT, one event job
 *   enqueued for the plugin's subscriber (pg-boss `send` on the same transaction; workers off, so the job is only
 *   enqueued), the kernel's audit row, COMMIT before the answer leaves;
 * - `bare + tx`: Fastify + pg doing the same INSERT and the same audit INSERT in a transaction bound to the tenant:
 *   `BEGIN; SET LOCAL ROLE; set_config(…)`, INSERT, audit INSERT, `COMMIT` (4 round trips).
 */
import pg from 'pg'
import Fastify from 'fastify'
import { createTestKernel } from '@tessera/kernel/testing'
import { benchWrites } from './lib/fixtures.ts'
import { serveStats } from './lib/server-process.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

/** The variants, in the order of the benchmark's tables. */
export const MUTATION_VARIANTS = ['tessera', 'bare + tx'] as const
export type MutationVariant = (typeof MUTATION_VARIANTS)[number]

interface ServerArgs { variant: MutationVariant; databaseUrl: string; tenantId: string; runtimeRole: string; poolSize: number; userId: string; email: string }

const AUDIT = `INSERT INTO tessera.audit_log (tenant_id, actor_type, actor_id, actor_label, plugin, action, target, data, request_id)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`

async function main(a: ServerArgs) {
  if (a.variant === 'tessera') {
    const t = await createTestKernel({
      plugins: [benchWrites], databaseUrl: a.databaseUrl, workers: false, captureEvents: false,
      config: benchKernelConfig({ poolSize: a.poolSize }),
    })
    const url = await t.kernel.listen()
    serveStats(t.app.server, `${url}/api/v1/benchwrites/notes`, () => t.close())
    return
  }
  const app = Fastify({ logger: false })
  const pool = new pg.Pool({ connectionString: a.databaseUrl, max: a.poolSize })
  const body = { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', minLength: 1, maxLength: 200 } } }
  const response = { 201: { type: 'object', properties: { id: { type: 'integer' } } } }
  app.post('/notes', { schema: { body, response } }, async (req, reply) => {
    const client = await pool.connect()
    try {
      await client.query(`BEGIN; SET LOCAL ROLE ${a.runtimeRole}; SELECT set_config('app.tenant_id', '${a.tenantId}', true)`)
      const { rows } = await client.query('INSERT INTO benchwrites.notes (text) VALUES ($1) RETURNING id', [(req.body as { text: string }).text])
      await client.query(AUDIT, [a.tenantId, 'user', a.userId, a.email, 'benchwrites', 'POST /notes', null, null, req.id])
      await client.query('COMMIT')
      reply.code(201)
      return { id: rows[0].id }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  serveStats(app.server, `${url}/notes`, async () => {
    await app.close()
    await pool.end()
  })
}

if (import.meta.main) await main(JSON.parse(process.argv[2]) as ServerArgs)
