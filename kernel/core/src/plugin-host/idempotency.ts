/**
 * Idempotency keys for routes declaring `config: { idempotency: true }`. Runs inside the request's tenant
 * transaction: the key is claimed with an INSERT that, against a concurrent request holding the same key, waits on
 * the primary key until that transaction ends — so exactly one request runs and the others replay its response.
 */
import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { problem } from '@tessera/sdk'
import { currentScope, runOrDefer } from '../db/tenant-scope.ts'

const CLAIM = `INSERT INTO tessera.idempotency_keys (plugin, key, route, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`
const REMEMBER = `UPDATE tessera.idempotency_keys SET status = $3, response = $4 WHERE plugin = $1 AND key = $2`
const STORED = `SELECT request_hash, status, response FROM tessera.idempotency_keys WHERE plugin = $1 AND key = $2`

/** A claimed key (run the handler, then `remember`) or a stored response to replay. */
export type IdempotencyClaim = { kind: 'claimed'; remember(status: number, payload: unknown): Promise<void> } | { kind: 'replay'; status: number; payload: unknown }

/** Claims the request's key for `pluginId`, or returns the stored response. */
export async function claimIdempotencyKey(pluginId: string, req: FastifyRequest): Promise<IdempotencyClaim> {
  const key = req.headers['idempotency-key']
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
    throw problem.badRequest('This request needs an Idempotency-Key header (1–200 characters), so that a retry cannot act twice.')
  }
  const route = `${req.method} ${req.routeOptions.url}`
  const hash = createHash('sha256').update(JSON.stringify([route, req.params, req.query, req.body ?? null])).digest('hex')
  const client = currentScope().client
  const claimed = await client.query(CLAIM, [pluginId, key, route, hash])
  if (claimed.rowCount) {
    return {
      kind: 'claimed',
      async remember(status, payload) {
        // sent with the COMMIT (the claim above was the transaction's first statement, sent with its BEGIN)
        await runOrDefer(client, REMEMBER, [pluginId, key, status, JSON.stringify(payload ?? null)])
      },
    }
  }
  const prev = (await client.query(STORED, [pluginId, key])).rows[0]
  if (prev.request_hash !== hash) throw problem.unprocessable('This Idempotency-Key was already used for a different request.')
  return { kind: 'replay', status: prev.status ?? 200, payload: prev.response }
}

/** Marks a reply as a replay. */
export function replay(reply: FastifyReply, status: number): void {
  reply.code(status).header('idempotent-replayed', 'true')
}
