/**
 * One server of the mutation-route benchmark, in its own process (started by `mutation-route.ts` through
 * `lib/server-process.ts`): argv[2] is JSON `{ variant, databaseUrl, tenantId, runtimeRole, poolSize }`. Variants,
 * both answering `POST …/notes` `{ text }` with `201 { id }`:
 * - `tessera`: the kernel with the `benchwrites` plugin — session auth, tenant gate, permission, strict body
 *   validation, tenant transaction, idempotency key claimed and its response stored, the INSERT, one event job
 *   enqueued for the plugin's subscriber (pg-boss `send` on the same transaction; workers off, so the job is only
 *   enqueued), the kernel's audit row, COMMIT before the answer leaves;
 * - `bare + tx`: Fastify + pg doing the same INSERT and the same audit INSERT in a transaction bound to the tenant:
 *   `BEGIN; SET LOCAL ROLE; set_config(…)`, INSERT, audit INSERT, `COMMIT` (4 round trips);
 * - `bare + guarantees`: `bare + tx` plus the database work of Tessera's guarantees, written by hand with node-postgres
 *   one statement at a time: the idempotency key claimed (`INSERT … ON CONFLICT DO NOTHING`) and its response stored
 *   (`UPDATE`), and the event's job INSERT into pg-boss's table with the queue's options (7 round trips). It tells
 *   what of Tessera's cost is the kernel and what is the database work its guarantees need.
 */
import { createHash, randomUUID } from 'node:crypto'
import pg from 'pg'
import Fastify from 'fastify'
import { createTestKernel } from '@tessera/kernel/testing'
import { benchWrites } from './lib/fixtures.ts'
import { serveStats } from './lib/server-process.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

/** The variants, in the order of the benchmark's tables. */
export const MUTATION_VARIANTS = ['tessera', 'bare + tx', 'bare + guarantees'] as const
export type MutationVariant = (typeof MUTATION_VARIANTS)[number]

interface ServerArgs { variant: MutationVariant; databaseUrl: string; tenantId: string; runtimeRole: string; poolSize: number; userId: string; email: string }

const CLAIM = `INSERT INTO tessera.idempotency_keys (plugin, key, route, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`
const REMEMBER = `UPDATE tessera.idempotency_keys SET status = $3, response = $4 WHERE plugin = $1 AND key = $2`
const QUEUE = 'benchwrites.on.benchwrites.noted'
const QUEUE_OPTIONS = `SELECT retry_limit, retry_delay, retry_backoff, retry_delay_max, expire_seconds, deletion_seconds,
  retention_seconds, policy, dead_letter, heartbeat_seconds FROM pgboss.queue WHERE name = $1`
const JOB = `INSERT INTO pgboss.job (name, data, priority, group_id, retry_limit, retry_delay, retry_backoff, retry_delay_max,
  expire_seconds, deletion_seconds, keep_until, policy, dead_letter, heartbeat_seconds, created_on)
SELECT $1, $2::jsonb, 0, $3, $4::int, $5::int, $6::bool, $7::int, $8::int, $9::int, c.at + $10::int * interval '1 second',
  $11::text, $12::text, $13::int, c.at
FROM (SELECT clock_timestamp() AS at) c`
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
  const guarantees = a.variant === 'bare + guarantees'
  const queueOptions = guarantees ? Object.values((await pool.query(QUEUE_OPTIONS, [QUEUE])).rows[0] as Record<string, unknown>) : []
  app.post('/notes', { schema: { body, response } }, async (req, reply) => {
    const client = await pool.connect()
    try {
      await client.query(`BEGIN; SET LOCAL ROLE ${a.runtimeRole}; SELECT set_config('app.tenant_id', '${a.tenantId}', true)`)
      const key = String(req.headers['idempotency-key'])
      if (guarantees) {
        const hash = createHash('sha256').update(JSON.stringify(['POST /notes', req.body])).digest('hex')
        const claimed = await client.query(CLAIM, ['benchwrites', key, 'POST /notes', hash])
        if (!claimed.rowCount) throw new Error('idempotency key used twice')
      }
      const { rows } = await client.query('INSERT INTO benchwrites.notes (text) VALUES ($1) RETURNING id', [(req.body as { text: string }).text])
      if (guarantees) {
        const event = { id: randomUUID(), name: 'benchwrites.noted', tenantId: a.tenantId, payload: { id: rows[0].id }, publishedAt: new Date().toISOString() }
        await client.query(JOB, [QUEUE, JSON.stringify({ event, tenantId: a.tenantId }), a.tenantId, ...queueOptions])
      }
      await client.query(AUDIT, [a.tenantId, 'user', a.userId, a.email, 'benchwrites', 'POST /notes', null, null, req.id])
      if (guarantees) await client.query(REMEMBER, ['benchwrites', key, 201, JSON.stringify({ id: rows[0].id })])
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
